"""Fetching a URL for import: refusals by scheme and address, and real fetches from a local server.

The refusals use a fake resolver and never connect anywhere. The fetches go to an HTTP (or TLS)
server on 127.0.0.1 in a thread, with address_allowed widened to let loopback through for that
server only; a guard fails any test whose code tries to connect to anything but loopback.
"""

from __future__ import annotations

import gzip
import ipaddress
import json
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from quiz.authoring.fetch import USER_AGENT, FetchError, Fetched, fetch_url, is_public_address

# A self-signed certificate for "news.test" (valid until 2126), made for these tests alone:
#   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
#     -subj /CN=news.test -addext subjectAltName=DNS:news.test ...
# Its key protects nothing; it lets a test server on 127.0.0.1 prove a host name over TLS.
TEST_CERT = """-----BEGIN CERTIFICATE-----
MIIBuDCCAV+gAwIBAgIULNLvxaVrLOU7REv9W8AUvSvEFLswCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbmV3cy50ZXN0MCAXDTI2MTEyNzA5NDA1M1oYDzIxMjYxMTAz
MDk0MDUzWjAUMRIwEAYDVQQDDAluZXdzLnRlc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARnearNEbhkNf91Yn7mHvM2ZL6uy/PHXoQw+oJPt8+SgO/lpow35egc
k8NGSBZGYDj6iTlMT+HQRR3ZPEnhZctmo4GMMIGJMB0GA1UdDgQWBBRxZI0UUG6C
RZJ0OtpaJenVVeiPyDAfBgNVHSMEGDAWgBRxZI0UUG6CRZJ0OtpaJenVVeiPyDAU
BgNVHREEDTALggluZXdzLnRlc3QwDAYDVR0TAQH/BAIwADAOBgNVHQ8BAf8EBAMC
B4AwEwYDVR0lBAwwCgYIKwYBBQUHAwEwCgYIKoZIzj0EAwIDRwAwRAIgAfreCJAn
cO6nv3Gm7n9MgW5vLFAZeCWyYEYByLiOFY4CIBB2IX3eYSEg3J3InewF4NeGLwSi
xOl3+2ZQDea+Wgtv
-----END CERTIFICATE-----
"""
TEST_KEY = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgf0kosarEeLmpYpK5
fX8hAjEDwZwi1QFjZ3Emuy0oou2hRANCAARnearNEbhkNf91Yn7mHvM2ZL6uy/PH
XoQw+oJPt8+SgO/lpow35egck8NGSBZGYDj6iTlMT+HQRR3ZPEnhZctm
-----END PRIVATE KEY-----
"""

ARTICLE = b"<html><head><title>Test</title></head><body><p>Hello from the test server.</p></body></html>"


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Fail, before any packet leaves, a test whose code connects anywhere but loopback."""
    real_connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if not ipaddress.ip_address(str(host).split("%", 1)[0]).is_loopback:
            raise AssertionError(f"test tried to connect to {address}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def resolver(table: dict[str, list[str]]):
    """Return a getaddrinfo stand-in that answers from a table and never touches DNS."""

    def resolve(host, port, family=0, type=0, proto=0, flags=0):
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        answers = []
        for address in table[host]:
            ip = ipaddress.ip_address(address)
            if ip.version == 6:
                answers.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0)))
            else:
                answers.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)))
        return answers

    return resolve


def allow_test_server(address) -> bool:
    """Let the local test server through; every other address still gets the real policy."""
    return address == ipaddress.ip_address("127.0.0.1") or is_public_address(address)


class FirstHopOnly:
    """Allow the test server on the first hop only; every later hop gets the real policy."""

    def __init__(self):
        self.used = False

    def __call__(self, address) -> bool:
        if not self.used and address == ipaddress.ip_address("127.0.0.1"):
            self.used = True
            return True
        return is_public_address(address)


# --- the address policy ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.5", "172.16.4.1", "192.168.1.10",  # RFC 1918
        "127.0.0.1", "127.8.9.10", "::1",  # loopback
        "169.254.169.254", "fd00:ec2::254", "100.100.100.200",  # cloud metadata
        "169.254.10.20", "fe80::1",  # link-local
        "100.64.0.1", "100.127.255.254",  # carrier-grade NAT
        "0.0.0.0", "0.1.2.3", "::",  # unspecified and "this network"
        "224.0.0.1", "ff02::1",  # multicast
        "240.0.0.1", "255.255.255.255",  # reserved
        "fc00::1", "fd12:3456::1",  # unique local
        "::ffff:10.0.0.5", "::ffff:127.0.0.1", "::ffff:169.254.169.254",  # IPv4-mapped
        "2002:7f00:1::1", "64:ff9b::a00:5",  # 6to4 and NAT64 of private IPv4
        "192.0.2.1", "2001:db8::1",  # documentation
    ],
)
def test_addresses_that_are_not_public(address):
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700::1111", "::ffff:93.184.215.14", "64:ff9b::5db8:d70e"])
def test_public_addresses(address):
    assert is_public_address(ipaddress.ip_address(address))


# --- refusals before any connection --------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["10.0.0.5", "127.0.0.1", "::1", "169.254.169.254", "fd00:ec2::254", "100.100.100.200", "::ffff:10.0.0.5", "0.0.0.0"],
)
def test_refuses_a_name_that_resolves_to_a_non_public_address(address):
    with pytest.raises(FetchError) as refused:
        fetch_url("http://news.example/story", resolve=resolver({"news.example": [address]}))
    assert str(refused.value) == f"That address points to a private network ({ipaddress.ip_address(address)}); it cannot be fetched."


def test_refuses_when_any_answer_is_private():
    resolve = resolver({"mixed.example": ["93.184.215.14", "10.0.0.5"]})
    with pytest.raises(FetchError, match=r"private network \(10\.0\.0\.5\)"):
        fetch_url("https://mixed.example/", resolve=resolve)


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://[::1]:8080/", "http://10.1.2.3/x", "http://[::ffff:192.168.0.1]/"])
def test_refuses_ip_literals_that_are_not_public(url):
    with pytest.raises(FetchError, match="private network"):
        fetch_url(url, resolve=resolver({}))


@pytest.mark.parametrize(
    "url",
    ["ftp://news.example/file", "file:///etc/passwd", "javascript:alert(1)", "data:text/html,<p>x</p>", "gopher://news.example/", "news.example/story"],
)
def test_refuses_other_schemes(url):
    with pytest.raises(FetchError, match="^Only http and https addresses can be fetched.$"):
        fetch_url(url, resolve=resolver({"news.example": ["93.184.215.14"]}))


@pytest.mark.parametrize("url", ["http://user:secret@news.example/", "https://user@news.example/", "http://@news.example/"])
def test_refuses_credentials_in_the_address(url):
    with pytest.raises(FetchError, match="user name or password"):
        fetch_url(url, resolve=resolver({"news.example": ["93.184.215.14"]}))


def test_refuses_unknown_names_and_bad_addresses():
    with pytest.raises(FetchError, match="could not be found"):
        fetch_url("http://nowhere.example/", resolve=resolver({}))
    with pytest.raises(FetchError, match="no host name"):
        fetch_url("http:///path", resolve=resolver({}))
    with pytest.raises(FetchError, match="not valid"):
        fetch_url("http://news.example:99999/", resolve=resolver({}))


def test_default_policy_refuses_the_loopback_test_server(http_server):
    # The real resolver and the real policy: "localhost" and 127.0.0.1 are never fetched.
    with pytest.raises(FetchError, match=r"private network \(127\.0\.0\.1\)"):
        fetch_url(f"http://127.0.0.1:{http_server.port}/article")
    with pytest.raises(FetchError, match="private network"):
        fetch_url(f"http://localhost:{http_server.port}/article")
    assert http_server.requests == []


# --- a local server ------------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    server: TestServer

    def log_message(self, format, *args):  # keep the test output quiet
        pass

    def do_GET(self):
        self.server.requests.append(self.path)
        route = self.path.split("?", 1)[0]
        if route == "/article":
            self.reply(200, ARTICLE, content_type="text/html; charset=utf-8")
        elif route == "/echo":
            seen = {"host": self.headers.get("Host"), "user_agent": self.headers.get("User-Agent"), "path": self.path}
            self.reply(200, json.dumps(seen).encode(), content_type="application/json")
        elif route.startswith("/chain/"):
            left = int(route.rsplit("/", 1)[1])
            if left:
                self.redirect(302, f"/chain/{left - 1}")
            else:
                self.reply(200, ARTICLE)
        elif route.startswith("/redirect/"):  # /redirect/<status>?to=<address, as is>
            self.redirect(int(route.rsplit("/", 1)[1]), self.path.split("?to=", 1)[1])
        elif route == "/see-other":
            self.redirect(303, "/article")
        elif route == "/moved":
            self.redirect(301, "http://news.test:%d/echo" % self.server.port)
        elif route == "/big":
            # No Content-Length: the client must count and stop by itself.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"x" * 16384
            for _ in range(200):  # 3.2 MB, far past the caps the tests set
                self.wfile.write(chunk)
        elif route == "/big-header":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"<html>")
        elif route == "/gzip":
            body = gzip.compress(ARTICLE)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif route == "/slow":
            self.server.stop.wait(5)  # never answers within the tests' timeouts
            self.reply(200, ARTICLE)
        elif route == "/drip":
            # Headers at once, then a byte every 0.1 s: each read is quick, the whole is not.
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(100):
                if self.server.stop.wait(0.1):
                    return
                self.wfile.write(b"x")
                self.wfile.flush()
        elif route == "/missing":
            self.reply(404, b"not here")
        else:
            self.reply(500, b"unknown route")

    def reply(self, status, body, content_type="text/html"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, status, location):
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class TestServer(ThreadingHTTPServer):
    __test__ = False  # not a test class, whatever pytest thinks of its name
    daemon_threads = False  # server_close() then waits for every handler: no socket outlives a test
    block_on_close = True

    def __init__(self, tls: ssl.SSLContext | None = None):
        super().__init__(("127.0.0.1", 0), Handler)
        self.port = self.server_address[1]
        self.requests: list[str] = []
        self.stop = threading.Event()
        self.tls = tls
        self.sni: list[str | None] = []
        if tls is not None:
            tls.sni_callback = lambda connection, name, context: self.sni.append(name)

    def get_request(self):
        sock, address = super().get_request()
        if self.tls is not None:
            # The handshake happens in the handler's thread, so a refused one fails only there.
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def handle_error(self, request, client_address):
        # A client that hangs up (size cap, timeout, refused certificate) is what these tests do.
        pass


def serve(tls: ssl.SSLContext | None = None):
    server = TestServer(tls)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def http_server():
    yield from serve()


@pytest.fixture
def tls_files(tmp_path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text(TEST_CERT)
    key.write_text(TEST_KEY)
    return cert, key


@pytest.fixture
def https_server(tls_files):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*tls_files)
    yield from serve(context)


def local():
    """Return fetch arguments that resolve news.test to the local server and allow only it."""
    table = {"news.test": ["127.0.0.1"], "other.test": ["127.0.0.1"], "internal.test": ["10.0.0.5"]}
    return {"resolve": resolver(table), "address_allowed": allow_test_server}


# --- fetching --------------------------------------------------------------------------------------


def test_fetches_a_page(http_server):
    fetched = fetch_url(f"http://news.test:{http_server.port}/article", **local())
    assert fetched == Fetched(url=f"http://news.test:{http_server.port}/article", content_type="text/html; charset=utf-8", body=ARTICLE)


def test_connects_to_the_checked_address_but_names_the_host(http_server):
    # news.test resolves (in the fake table) to 127.0.0.1: the connection goes there, pinned,
    # while the Host header still names news.test, with its port.
    fetched = fetch_url(f"http://news.test:{http_server.port}/echo?q=caf%C3%A9&x=1#part", **local())
    seen = json.loads(fetched.body)
    assert seen == {"host": f"news.test:{http_server.port}", "user_agent": USER_AGENT, "path": "/echo?q=caf%C3%A9&x=1"}
    assert USER_AGENT == "EvidenceQuiz/1.0 (+article import)"


def test_an_international_host_name_is_sent_in_its_ascii_form(http_server):
    resolve = resolver({"xn--bcher-kva.test": ["127.0.0.1"]})
    fetched = fetch_url(f"http://bücher.test:{http_server.port}/echo", resolve=resolve, address_allowed=allow_test_server)
    assert json.loads(fetched.body)["host"] == f"xn--bcher-kva.test:{http_server.port}"


def test_follows_redirects_and_reports_the_final_url(http_server):
    fetched = fetch_url(f"http://news.test:{http_server.port}/chain/3", **local())
    assert fetched.url == f"http://news.test:{http_server.port}/chain/0"
    assert fetched.body == ARTICLE
    assert http_server.requests == ["/chain/3", "/chain/2", "/chain/1", "/chain/0"]
    see_other = fetch_url(f"http://news.test:{http_server.port}/see-other", **local())
    assert see_other.url.endswith("/article")


def test_stops_after_max_redirects(http_server):
    base = f"http://news.test:{http_server.port}"
    assert fetch_url(f"{base}/chain/5", max_redirects=5, **local()).body == ARTICLE
    with pytest.raises(FetchError, match="^The page redirected more than 5 times.$"):
        fetch_url(f"{base}/chain/6", max_redirects=5, **local())
    with pytest.raises(FetchError, match="more than 0 times"):
        fetch_url(f"{base}/chain/1", max_redirects=0, **local())


def test_checks_every_redirect_again(http_server):
    base = f"http://news.test:{http_server.port}"
    for status in (301, 302, 303, 307, 308):
        with pytest.raises(FetchError, match=r"private network \(10\.0\.0\.5\)"):
            fetch_url(f"{base}/redirect/{status}?to=http://internal.test/admin", **local())
    with pytest.raises(FetchError, match=r"private network \(169\.254\.169\.254\)"):
        fetch_url(f"{base}/redirect/302?to=http://169.254.169.254/latest/meta-data/", **local())
    with pytest.raises(FetchError, match=r"private network \(127\.0\.0\.1\)"):
        # The first hop may reach the test server; the redirect back to it gets the real policy.
        fetch_url(f"{base}/redirect/302?to=http://127.0.0.1:{http_server.port}/article",
                  resolve=resolver({"news.test": ["127.0.0.1"]}), address_allowed=FirstHopOnly())
    with pytest.raises(FetchError, match="Only http and https"):
        fetch_url(f"{base}/redirect/302?to=file:///etc/passwd", **local())
    with pytest.raises(FetchError, match="user name or password"):
        fetch_url(f"{base}/redirect/302?to=http://admin:admin@news.test/", **local())
    # Only the redirecting requests reached the server; nothing was sent to the refused targets.
    assert all(path.startswith("/redirect") for path in http_server.requests)


def test_the_body_is_capped_while_it_streams(http_server):
    start = time.monotonic()
    with pytest.raises(FetchError, match="^The page is larger than 64 KB.$"):
        fetch_url(f"http://news.test:{http_server.port}/big", max_bytes=64 * 1024, **local())
    assert time.monotonic() - start < 2


def test_a_content_length_over_the_cap_is_refused_before_reading(http_server):
    with pytest.raises(FetchError, match="^The page is larger than 5 MB.$"):
        fetch_url(f"http://news.test:{http_server.port}/big-header", **local())


def test_a_page_exactly_at_the_cap_is_fetched(http_server):
    fetched = fetch_url(f"http://news.test:{http_server.port}/article", max_bytes=len(ARTICLE), **local())
    assert fetched.body == ARTICLE
    with pytest.raises(FetchError, match=f"larger than {len(ARTICLE) - 1} bytes"):
        fetch_url(f"http://news.test:{http_server.port}/article", max_bytes=len(ARTICLE) - 1, **local())


def test_gzip_is_decoded(http_server):
    assert fetch_url(f"http://news.test:{http_server.port}/gzip", **local()).body == ARTICLE


def test_a_server_that_does_not_answer_times_out(http_server):
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"^The page took longer than 0\.5 seconds\.$"):
        fetch_url(f"http://news.test:{http_server.port}/slow", timeout=0.5, **local())
    assert time.monotonic() - start < 1.5


def test_the_timeout_covers_the_whole_fetch_not_each_read(http_server):
    # Every byte comes within 0.1 s, so no single read times out; the whole takes 10 s.
    start = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 0.7 seconds"):
        fetch_url(f"http://news.test:{http_server.port}/drip", timeout=0.7, **local())
    assert time.monotonic() - start < 1.5


def test_a_whole_number_timeout_reads_as_one(http_server):
    with pytest.raises(FetchError, match=r"^The page took longer than 1 second\.$"):
        fetch_url(f"http://news.test:{http_server.port}/slow", timeout=1.0, **local())


def test_error_statuses_are_reported(http_server):
    with pytest.raises(FetchError, match="^The site answered 404 Not Found.$"):
        fetch_url(f"http://news.test:{http_server.port}/missing", **local())


def test_a_closed_port_is_reported():
    with socket.socket() as probe:  # find a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="^Could not connect to news.test.$"):
        fetch_url(f"http://news.test:{port}/", **local())


# --- https: SNI and the certificate name go to the host, the connection to the pinned IP ---------


def test_https_sends_sni_and_checks_the_certificate_for_the_host(https_server, tls_files, monkeypatch):
    # Trust the test certificate alone (OpenSSL's default store honours SSL_CERT_FILE).
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_files[0]))
    fetched = fetch_url(f"https://news.test:{https_server.port}/echo", **local())
    assert json.loads(fetched.body)["host"] == f"news.test:{https_server.port}"
    assert https_server.sni == ["news.test"]


def test_https_refuses_a_certificate_for_another_name(https_server, tls_files, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_files[0]))
    with pytest.raises(FetchError, match="^The secure connection to other.test failed: its certificate is for a different name.$"):
        fetch_url(f"https://other.test:{https_server.port}/echo", **local())
    assert https_server.sni == ["other.test"]
    assert https_server.requests == []


def test_https_refuses_an_untrusted_certificate(https_server, tmp_path, monkeypatch):
    empty = tmp_path / "no-roots.pem"
    empty.write_text("")
    monkeypatch.setenv("SSL_CERT_FILE", str(empty))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    with pytest.raises(FetchError, match="certificate could not be verified"):
        fetch_url(f"https://news.test:{https_server.port}/echo", **local())
    assert https_server.requests == []
