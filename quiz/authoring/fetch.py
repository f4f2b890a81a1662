"""Fetch a web page for article import without letting the address reach the server's own network.

A URL an instructor pastes is fetched by the server, so it must not become a way to reach what
only the server can: its loopback services, the private network, a cloud's metadata endpoint
(server-side request forgery). Every hop is checked the same way:

1. Only http and https, and no user name or password in the address.
2. The host name is resolved once; if any address it resolves to is not public, the fetch is
   refused (a name that answers with one public and one private address is refused too).
3. The connection is made to the checked address itself ("pinned"), so DNS cannot answer
   differently between the check and the connection; the Host header, and for https the SNI name
   and the certificate's host name check, still name the host (urllib3's HTTPSConnectionPool with
   server_hostname and assert_hostname).
4. Redirects are followed here, never by urllib3, so each new address goes through 1-3 again.

The whole fetch has one deadline (every connect and every read gets what is left of it) and the
body is streamed and cut off as soon as it passes the size cap.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urldefrag, urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import (
    HTTPError,
    NewConnectionError,
    ProtocolError,
    SSLError,
)
from urllib3.exceptions import (
    TimeoutError as Urllib3Timeout,
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

USER_AGENT = "EvidenceQuiz/1.0 (+article import)"
_REDIRECTS = {301, 302, 303, 307, 308}
_DEFAULT_PORTS = {"http": 80, "https": 443}
_CHUNK = 64 * 1024

# Ranges that are not the public internet, named explicitly rather than trusting one Python
# version's idea of ipaddress.is_global (it changed in 3.11.10 and 3.12.4).
_NOT_PUBLIC = [
    ipaddress.ip_network(network)
    for network in (
        "0.0.0.0/8",  # "this network"; 0.0.0.0 reaches the local host on Linux
        "10.0.0.0/8",
        "100.64.0.0/10",  # carrier-grade NAT, and Alibaba Cloud's metadata (100.100.100.200)
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local, and the AWS/GCP/Azure metadata endpoint 169.254.169.254
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",  # reserved, including 255.255.255.255
        "::/96",  # unspecified, loopback and the deprecated IPv4-compatible addresses
        "64:ff9b:1::/48",
        "100::/64",
        "2001::/23",
        "2001:db8::/32",
        "fc00::/7",  # unique local, including AWS's IPv6 metadata endpoint fd00:ec2::254
        "fe80::/10",
        "fec0::/10",
        "ff00::/8",
    )
]
_CLOUD_METADATA = {
    ipaddress.ip_address(address) for address in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(ValueError):
    """A page that cannot or may not be fetched; the message is for the person importing it."""


@dataclass
class Fetched:
    """A fetched page: where the redirects ended, what the server said it is, and its bytes."""

    url: str  # final URL after redirects
    content_type: str | None
    body: bytes


def is_public_address(address: IPAddress) -> bool:
    """Return whether an address is on the public internet, the only place a fetch may go.

    An IPv6 address that carries an IPv4 one (IPv4-mapped ::ffff:a.b.c.d, 6to4 2002::/16, NAT64
    64:ff9b::/96) is judged by the IPv4 address it reaches.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:
            address = ipaddress.IPv6Address(str(address).split("%", 1)[0])
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public_address(embedded)
    if address in _CLOUD_METADATA or any(address in network for network in _NOT_PUBLIC):
        return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


@dataclass(frozen=True)
class _Target:
    """One checked hop: where to connect, and what to call the host when we get there."""

    scheme: str
    host: str  # ASCII (IDNA) host name, or the IP literal
    port: int
    addresses: tuple[IPAddress, ...]
    request_target: str  # path and query

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == _DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


def _describe_size(size: int) -> str:
    megabyte = 1024 * 1024
    if size >= megabyte and size % megabyte == 0:
        return f"{size // megabyte} MB"
    if size >= 1024 and size % 1024 == 0:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def _timed_out(timeout: float) -> FetchError:
    return FetchError(f"The page took longer than {timeout:g} second{'' if timeout == 1 else 's'}.")


def _too_large(max_bytes: int) -> FetchError:
    return FetchError(f"The page is larger than {_describe_size(max_bytes)}.")


def _resolve(host: str, port: int, resolve: Callable) -> list[IPAddress]:
    """Return every address a host name resolves to, in the resolver's order, once each."""
    try:
        answers = resolve(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FetchError(f"The host name {host} could not be found.") from None
    addresses: list[IPAddress] = []
    for answer in answers:
        address = ipaddress.ip_address(str(answer[4][0]).split("%", 1)[0])  # drop an IPv6 zone
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(f"The host name {host} could not be found.")
    return addresses


def _check_url(url: str, resolve: Callable, address_allowed: Callable[[IPAddress], bool]) -> _Target:
    """Check one address (scheme, credentials, every resolved IP) and return where to connect."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise FetchError("That address is not valid.") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise FetchError("Only http and https addresses can be fetched.")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise FetchError("Addresses with a user name or password in them cannot be fetched.")
    host = parts.hostname
    if not host:
        raise FetchError("That address has no host name.")
    port = port or _DEFAULT_PORTS[scheme]

    try:
        addresses: list[IPAddress] = [ipaddress.ip_address(host)]
    except ValueError:  # a name, not an IP literal
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise FetchError("That address's host name is not valid.") from None
        addresses = _resolve(host, port, resolve)
    for address in addresses:
        if not address_allowed(address):
            raise FetchError(f"That address points to a private network ({address}); it cannot be fetched.")

    # http.client sends the target as ASCII: percent-encode what the address leaves raw.
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return _Target(scheme, host, port, tuple(addresses), path + (f"?{query}" if query else ""))


class _HeldSocket:
    """Keep the connection's socket for the body's reads.

    http.client lets go of conn.sock as soon as the headers say the server will close the
    connection (HTTP/1.0, "Connection: close"), yet every read of the body must get the time left.
    """

    held_socket: socket.socket | None = None

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        self.held_socket = self.sock  # type: ignore[attr-defined]


class _HTTPConnection(_HeldSocket, HTTPConnection):
    pass


class _HTTPSConnection(_HeldSocket, HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


def _pool(target: _Target, address: IPAddress, timeout: urllib3.Timeout) -> urllib3.HTTPConnectionPool:
    """Return a connection pool to the checked address, speaking to the host by name."""
    if target.scheme == "https":
        # Connect to the IP, but send the host's name as SNI and check the certificate against it.
        return _HTTPSPool(
            str(address),
            target.port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            server_hostname=target.host,
            assert_hostname=target.host,
        )
    return _HTTPPool(str(address), target.port, timeout=timeout, retries=False, maxsize=1)


def _remaining(deadline: float, timeout: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _timed_out(timeout)
    return left


@dataclass
class _Answer:
    status: int
    location: str | None
    content_type: str | None
    body: bytes


def _read_body(response: urllib3.BaseHTTPResponse, deadline: float, timeout: float, max_bytes: int) -> bytes:
    """Stream the body, giving each read only what is left of the deadline, and stop past the cap."""
    length = response.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise _too_large(max_bytes)
    body = bytearray()
    while True:
        held = getattr(response.connection, "held_socket", None)
        left = _remaining(deadline, timeout)
        if held is not None:
            # A read timeout is per read: a server that drips a byte a second would never trip it.
            held.settimeout(left)
        chunk = response.read1(_CHUNK)  # one recv at most: read() would wait to fill the chunk
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > max_bytes:
            raise _too_large(max_bytes)


def _request(target: _Target, deadline: float, timeout: float, max_bytes: int) -> _Answer:
    """Make one GET to the first checked address that accepts a connection."""
    headers = {
        "Host": target.host_header,
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        # Uncompressed, so that each read is one recv under the deadline (a server that compresses
        # anyway is still decoded, within the size cap).
        "Accept-Encoding": "identity",
    }
    failure: FetchError | None = None
    for address in target.addresses:
        left = _remaining(deadline, timeout)
        try:
            with _pool(target, address, urllib3.Timeout(connect=left, read=left)) as pool:
                response = pool.urlopen(
                    "GET",
                    target.request_target,
                    headers=headers,
                    redirect=False,
                    retries=False,
                    preload_content=False,
                    release_conn=False,
                    assert_same_host=False,
                )
                try:
                    status = response.status
                    if status in _REDIRECTS:
                        return _Answer(status, response.headers.get("Location"), None, b"")
                    if not 200 <= status < 300:
                        raise FetchError(f"The site answered {status} {response.reason or ''}".rstrip() + ".")
                    body = _read_body(response, deadline, timeout, max_bytes)
                    return _Answer(status, None, response.headers.get("Content-Type"), body)
                finally:
                    response.close()  # closes the connection too: it is never reused
        except SSLError as error:
            raise FetchError(f"The secure connection to {target.host} failed: {_reason(error)}.") from None
        except NewConnectionError:
            failure = FetchError(f"Could not connect to {target.host}.")
            continue  # the name may have another address that answers
        except (Urllib3Timeout, TimeoutError):
            raise _timed_out(timeout) from None
        except ProtocolError as error:
            if isinstance(error.__context__, TimeoutError) or "timed out" in str(error):
                raise _timed_out(timeout) from None
            raise FetchError(f"The connection to {target.host} broke off.") from None
        except HTTPError:
            raise FetchError(f"Could not fetch the page from {target.host}.") from None
    assert failure is not None
    raise failure


def _reason(error: SSLError) -> str:
    """Say in a few words why a TLS connection failed."""
    text = str(error)
    if "doesn't match" in text:  # urllib3's own check of the name (assert_hostname)
        return "its certificate is for a different name"
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate" in text.lower():
        return "its certificate could not be verified"
    return "the secure handshake did not succeed"


def fetch_url(
    url: str,
    *,
    timeout: float = 5.0,
    max_bytes: int = 5 * 1024 * 1024,
    max_redirects: int = 5,
    resolve: Callable = socket.getaddrinfo,
    address_allowed: Callable[[IPAddress], bool] = is_public_address,
) -> Fetched:
    """Fetch a page by GET, refusing private addresses on every hop, within a time and size budget.

    resolve is getaddrinfo's shape (tests give a fake one); address_allowed decides which resolved
    addresses may be reached (tests allow their own 127.0.0.1 server). Raises FetchError with a
    message for the person importing the page. Name resolution itself cannot be interrupted, so
    a slow DNS answer can add to the timeout.
    """
    deadline = time.monotonic() + timeout
    current = urldefrag(url.strip())[0]
    for hop in range(max_redirects + 1):
        target = _check_url(current, resolve, address_allowed)
        answer = _request(target, deadline, timeout, max_bytes)
        if answer.status not in _REDIRECTS:
            return Fetched(url=current, content_type=answer.content_type, body=answer.body)
        if not answer.location:
            raise FetchError("The page redirected without saying where to.")
        if hop == max_redirects:
            raise FetchError(f"The page redirected more than {max_redirects} times.")
        current = urldefrag(urljoin(current, answer.location.strip()))[0]
    raise AssertionError("unreachable")  # the loop returns or raises on its last hop
