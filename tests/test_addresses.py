"""The join address phones can reach: choosing it, the lobby's QR code, `serve`'s printout.

Also the set editor's item buttons (their screen-reader labels name the item).
"""

from __future__ import annotations

import ifaddr
import pytest
import segno
from flask import template_rendered
from sqlalchemy import select

from quiz import db
from quiz.live.addresses import JoinAddress, is_loopback_host, join_address, lan_addresses
from quiz.sets.models import QuestionSet

from .conftest import soup
from .test_live import open_game


def adapter(name, *addresses):
    ips = [ifaddr.IP(address, 24, name) if "." in address else ifaddr.IP((address, 0, 0), 64, name) for address in addresses]
    return ifaddr.Adapter(name, name, ips)


LAN = [
    adapter("lo", "127.0.0.1", "::1"),
    adapter("docker0", "172.17.0.1"),
    adapter("wlan0", "169.254.10.20", "203.0.113.7", "192.168.1.23", "fe80::1"),
]


@pytest.fixture
def interfaces(monkeypatch):
    """Replace the machine's interfaces with the list the test sets."""
    current: list = list(LAN)
    monkeypatch.setattr(ifaddr, "get_adapters", lambda *args, **kwargs: current)
    return current


# Choosing the address


def test_the_public_url_wins(interfaces):
    config = {"PUBLIC_URL": "https://quiz.school.example/", "LIVE_SERVING_LOOPBACK_ONLY": True}
    assert join_address("http://127.0.0.1:5000/", config) == JoinAddress("https://quiz.school.example")
    assert join_address("http://quiz.local/", config).url == "https://quiz.school.example"


def test_a_loopback_request_gets_the_network_address(interfaces):
    address = join_address("http://127.0.0.1:5000/", {})
    # Private range first, then other routable addresses; loopback, link-local and IPv6 never;
    # the docker bridge left out because a real interface exists. Port and scheme are kept.
    assert address == JoinAddress("http://192.168.1.23:5000", ("http://203.0.113.7:5000",), None)
    assert join_address("https://localhost/", {}).url == "https://192.168.1.23"
    assert join_address("http://[::1]:8000/", {"PUBLIC_URL": None}).url == "http://192.168.1.23:8000"


def test_private_addresses_come_first_and_bridges_only_when_alone(interfaces):
    interfaces[:] = [adapter("eth0", "198.51.100.4"), adapter("br-1a2b", "172.18.0.1"), adapter("en0", "10.1.2.3")]
    assert lan_addresses() == ["10.1.2.3", "198.51.100.4"]
    interfaces[:] = [adapter("lo", "127.0.0.1"), adapter("docker0", "172.17.0.1"), adapter("veth12", "172.17.0.5")]
    assert lan_addresses() == ["172.17.0.1", "172.17.0.5"]


def test_no_network_address_means_loopback_with_a_warning(interfaces):
    interfaces[:] = [adapter("lo", "127.0.0.1", "::1"), adapter("eth0", "169.254.3.4")]
    address = join_address("http://127.0.0.1:5000/", {})
    assert address.url == "http://127.0.0.1:5000" and address.alternatives == ()
    assert address.warning.startswith("Phones can't reach 127.0.0.1")
    assert "QUIZ_PUBLIC_URL" in address.warning


def test_serving_on_loopback_only_means_a_warning(interfaces):
    address = join_address("http://127.0.0.1:5000/", {"LIVE_SERVING_LOOPBACK_ONLY": True})
    assert address.url == "http://127.0.0.1:5000" and address.alternatives == ()
    assert "Phones can't reach 127.0.0.1: it is this computer's own address" in address.warning
    assert "flask --app quiz serve" in address.warning and "QUIZ_PUBLIC_URL" in address.warning


def test_a_real_host_name_or_address_is_kept(interfaces):
    assert join_address("http://quiz.school.example/", {}) == JoinAddress("http://quiz.school.example")
    assert join_address("http://192.168.5.6:5000/", {"LIVE_SERVING_LOOPBACK_ONLY": True}) == JoinAddress("http://192.168.5.6:5000")
    # Where the app is mounted below the root is kept too.
    assert join_address("http://localhost:5000/quiz/", {}).url == "http://192.168.1.23:5000/quiz"


def test_it_never_raises(monkeypatch):
    def broken():
        raise OSError("no interfaces for you")

    monkeypatch.setattr(ifaddr, "get_adapters", broken)
    assert join_address("http://127.0.0.1:5000/", {}).warning
    assert join_address("http://127.0.0.1:notaport/", {}).warning
    assert join_address("", {}) == JoinAddress("")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST.", "0.0.0.0", "::ffff:127.0.0.1"])
def test_loopback_hosts(host):
    assert is_loopback_host(host)


@pytest.mark.parametrize("host", ["192.168.1.23", "quiz.school.example", "localhost.example.org", "", None])
def test_other_hosts(host):
    assert not is_loopback_host(host)


# The lobby


@pytest.fixture
def rendered(app):
    """The context of every template rendered, in order."""
    contexts = []

    def record(sender, template, context, **extra):
        contexts.append((template.name, context))

    template_rendered.connect(record, app)
    yield contexts
    template_rendered.disconnect(record, app)


def on_loopback(client, app, path):
    """GET a page at http://127.0.0.1:5000, as a teacher who opened the app there, signed in."""
    name = app.config["SESSION_COOKIE_NAME"]
    client.set_cookie(name, client.get_cookie(name).value, domain="127.0.0.1")
    return client.get(path, base_url="http://127.0.0.1:5000")


def test_the_lobby_opened_on_loopback_offers_a_network_address(author, app, interfaces, rendered, monkeypatch):
    game_id, pin = open_game(author)
    encoded = []
    real_make = segno.make
    monkeypatch.setattr(segno, "make", lambda content, *args, **kwargs: encoded.append(content) or real_make(content, *args, **kwargs))
    rendered.clear()
    page = soup(on_loopback(author, app, f"/host/games/{game_id}"))
    context = next(context for name, context in rendered if name == "live/host_game.html")
    assert context["join_url"] == f"http://192.168.1.23:5000/join?pin={pin}"
    assert encoded == [context["join_url"]]  # what the QR code holds
    assert context["join_address"] == "192.168.1.23:5000/join"
    assert context["join_alternatives"] == ["203.0.113.7:5000/join"]
    assert context["join_warning"] is None
    assert "192.168.1.23:5000/join" in page.get_text() and "127.0.0.1" not in page.get_text()
    assert page.select_one("img.qr")["src"] == real_make(context["join_url"], error="m").svg_data_uri(scale=6, border=2)


def test_the_lobby_warns_when_phones_cannot_reach_it(author, app, interfaces, rendered):
    game_id, pin = open_game(author)
    app.config["LIVE_SERVING_LOOPBACK_ONLY"] = True
    rendered.clear()
    on_loopback(author, app, f"/host/games/{game_id}")
    context = next(context for name, context in rendered if name == "live/host_game.html")
    assert context["join_url"] == f"http://127.0.0.1:5000/join?pin={pin}"
    assert context["join_warning"].startswith("Phones can't reach 127.0.0.1")
    app.config["PUBLIC_URL"] = "https://quiz.school.example"
    rendered.clear()
    on_loopback(author, app, f"/host/games/{game_id}")
    context = next(context for name, context in rendered if name == "live/host_game.html")
    assert (context["join_url"], context["join_address"], context["join_warning"]) == (
        f"https://quiz.school.example/join?pin={pin}", "quiz.school.example/join", None,
    )


# serve


@pytest.fixture
def served(app, interfaces, monkeypatch):
    """Run `serve` without serving: the arguments run_simple was given."""
    calls = []
    monkeypatch.setattr("werkzeug.serving.run_simple", lambda *args, **kwargs: calls.append((args, kwargs)))
    return calls


def test_serve_listens_on_the_network_and_prints_the_addresses(app, served):
    result = app.test_cli_runner().invoke(args=["serve", "--port", "5055"])
    assert result.exit_code == 0, result.output
    assert served[0][0][:2] == ("0.0.0.0", 5055) and served[0][1]["threaded"] is True
    assert "Database schema:" in result.output
    assert "On this computer, open http://127.0.0.1:5055/ in a browser." in result.output
    assert "Students join at http://192.168.1.23:5055/join" in result.output
    assert "or at http://203.0.113.7:5055/join" in result.output
    assert not app.config["LIVE_SERVING_LOOPBACK_ONLY"]


def test_serve_on_loopback_says_phones_cannot_join(app, served):
    result = app.test_cli_runner().invoke(args=["serve", "--host", "127.0.0.1"])
    assert result.exit_code == 0, result.output
    assert served[0][0][:2] == ("127.0.0.1", 5000)
    assert app.config["LIVE_SERVING_LOOPBACK_ONLY"] is True
    assert "open http://127.0.0.1:5000/" in result.output
    assert "Phones cannot join" in result.output and "without --host 127.0.0.1" in result.output
    assert "Students join at" not in result.output


def test_serve_with_a_public_url(app, served):
    result = app.test_cli_runner().invoke(args=["serve", "--public-url", "https://quiz.school.example/"])
    assert result.exit_code == 0, result.output
    assert app.config["PUBLIC_URL"] == "https://quiz.school.example/"
    assert "Students join at https://quiz.school.example/join\n" in result.output
    refused = app.test_cli_runner().invoke(args=["serve", "--public-url", "quiz.school.example"])
    assert refused.exit_code == 2 and "http://" in refused.output


# The set editor


def test_set_editor_buttons_name_their_item(author, app):
    page = soup(author.get("/author/"))
    token = page.select_one("input[name=csrf_token]")["value"]
    set_id = int(author.post("/author/sets", data={"csrf_token": token, "title": "Labels"}).headers["Location"].rsplit("/", 1)[1])
    options = soup(author.get(f"/author/sets/{set_id}")).select("select#question option")
    for option in options[:3]:
        assert author.post(f"/author/sets/{set_id}/items", data={"csrf_token": token, "question": option["value"]}).status_code == 303
    with app.app_context():
        prompts = [item.question.prompt for item in db.session().scalars(select(QuestionSet).where(QuestionSet.id == set_id)).one().items]
    items = soup(author.get(f"/author/sets/{set_id}")).select("ol.set-items > li")
    assert len(items) == 3
    labels = [[button.get_text().strip() for button in item.select(".item-actions button")] for item in items]
    actions = [[label.split(":", 1)[0] for label in item] for item in labels]
    assert actions == [["Move down", "Remove"], ["Move up", "Move down", "Remove"], ["Move up", "Remove"]]
    for prompt, item in zip(prompts, labels):
        for label in item:
            named = label.split(": ", 1)[1]
            assert named.removesuffix("...") and prompt.startswith(named.removesuffix("...").rstrip()), (label, prompt)
    assert all("question 1" not in label for item in labels for label in item)
