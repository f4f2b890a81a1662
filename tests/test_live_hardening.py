"""Live games under abuse (issue 8): PIN guessing, look-alike and invisible nicknames, players
removed or too many, and players holding many push streams."""

from __future__ import annotations

import json
import random
import threading
import unicodedata

import pytest
from sqlalchemy import func, select

from quiz import db
from quiz.live import nicknames
from quiz.live.models import Player
from quiz.live.push import REPLACED, hub

from .conftest import add_instructor, form_fields, fresh_app, make_app, sign_in, soup
from .test_live import act, host_csrf, open_game

SCHOOL = "203.0.113.7"


@pytest.fixture
def host(author):
    return author


def configured(tmp_path, template_database, **config):
    """A fresh app with these settings, and a signed-in instructor's browser."""
    app = fresh_app(tmp_path, template_database, LIVE_BACKGROUND=False, **config)
    add_instructor(app)
    host = app.test_client()
    assert sign_in(host).status_code == 303
    return app, host


@pytest.fixture
def cleanup():
    apps = []
    yield apps.append
    for app in apps:
        app.extensions["quiz.hub"].stop()
        app.extensions["quiz.engine"].dispose()


def browser(app, address=SCHOOL):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def join(client, pin, nickname="Ada", action="join"):
    page = soup(client.get(f"/join?pin={pin}"))
    data = form_fields(page.select_one("form.join-form")) | {"pin": pin, "nickname": nickname, "action": action}
    return client.post("/join", data=data)


def alert(response) -> str:
    return soup(response).select_one("[role=alert]").get_text()


def players(app) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(Player))


def same_page(response):
    """The response as a person or a script reads it: JSON, or the page's main text (the page's
    CSRF token carries a timestamp)."""
    if response.is_json:
        return response.get_json()
    return soup(response).select_one("main").get_text(" ", strip=True)


def wrong_pin(*real: str) -> str:
    while True:
        pin = str(random.randint(100_000, 999_999))
        if pin not in real:
            return pin


# --------------------------------------------------------------------------------------------
# Game PINs


def test_a_wrong_pin_and_a_game_not_joined_get_the_same_answer(host, app):
    game_id, pin = open_game(host)
    join(browser(app, "198.51.100.1"), pin, "Ada")
    act(host, game_id, "next")
    other = wrong_pin(pin)
    stranger = browser(app)
    csrf = soup(stranger.get("/join")).select_one("input[name=csrf_token]")["value"]
    for path in ("state", "me", "events"):
        for accept in ("application/json", "text/html"):
            real = stranger.get(f"/play/{pin}/{path}", headers={"Accept": accept})
            wrong = stranger.get(f"/play/{other}/{path}", headers={"Accept": accept})
            assert real.status_code == wrong.status_code == 403, path
            assert same_page(real) == same_page(wrong), path
    data = {"csrf_token": csrf, "position": "1", "choice": "1"}
    real = stranger.post(f"/play/{pin}/answer", data=data, headers={"Accept": "application/json"})
    wrong = stranger.post(f"/play/{other}/answer", data=data, headers={"Accept": "application/json"})
    assert real.status_code == wrong.status_code == 403
    assert real.get_json() == wrong.get_json() == {"error": "Join the game first, with its PIN and a nickname."}
    # The play page sends both back to the join form.
    assert stranger.get(f"/play/{pin}").headers["Location"] == f"/join?pin={pin}"
    assert stranger.get(f"/play/{other}").headers["Location"] == f"/join?pin={other}"


def test_pin_guesses_are_limited_per_address(tmp_path, template_database, cleanup):
    app, host = configured(tmp_path, template_database, LIVE_PIN_FAILURE_LIMIT="5 per minute")
    cleanup(app)
    _game_id, pin = open_game(host)
    guesser = browser(app, "198.51.100.20")
    for _ in range(5):
        assert join(guesser, wrong_pin(pin)).status_code == 404
    # Over the limit, a PIN in use gets the same refusal as any other: guessing stops paying.
    refused = join(guesser, pin)
    assert refused.status_code == 429 and "Too many attempts" in refused.get_data(as_text=True)
    assert join(guesser, wrong_pin(pin)).status_code == 429
    assert players(app) == 0
    # Looking PINs up on the play pages counts against the same limit.
    looker = browser(app, "198.51.100.21")
    for _ in range(5):
        assert looker.get(f"/play/{wrong_pin(pin)}/state").status_code == 403
    assert looker.get(f"/play/{pin}/state").status_code == 429
    assert join(looker, pin).status_code == 429
    # Another address is not held up; an IPv6 address shares its /64's limit.
    assert join(browser(app, "198.51.100.22"), pin, "Ben").status_code == 303
    for n in range(5):
        assert join(browser(app, f"2001:db8:0:1::{n + 1}"), wrong_pin(pin)).status_code == 404
    assert join(browser(app, "2001:db8:0:1::99"), pin, "Cy").status_code == 429
    assert join(browser(app, "2001:db8:0:2::1"), pin, "Cy").status_code == 303


def test_a_class_behind_one_address_joins_and_a_prankster_cannot_lock_it_out(host, app):
    """The default limits: 40 phones from one school address join in a minute, some mistyping
    the PIN first; a prankster's flood of guesses then holds up only PINs this address is not in."""
    game_id, pin = open_game(host)
    _other_id, other_pin = open_game(host)
    phones = []
    for n in range(40):
        phone = browser(app)
        if n % 4 == 0:
            assert join(phone, wrong_pin(pin, other_pin), f"Player {n}").status_code == 404
        assert join(phone, pin, f"Player {n}").status_code == 303
        phones.append(phone)
    for _ in range(40):
        join(browser(app), wrong_pin(pin, other_pin), "Prankster")
    assert join(browser(app), wrong_pin(pin, other_pin)).status_code == 429
    assert join(browser(app), other_pin, "Late").status_code == 429
    # The class's own game goes on: its players play, and latecomers still join.
    latecomer = browser(app)
    assert join(latecomer, pin, "Latecomer").status_code == 303
    act(host, game_id, "next")
    assert all(phone.get(f"/play/{pin}/state").status_code == 200 for phone in phones + [latecomer])
    assert players(app) == 41


def test_joins_and_pin_failures_are_remembered_in_redis_across_app_instances(
    tmp_path, template_database, redis_url, cleanup
):
    address = f"198.51.100.{random.randint(100, 250)}"
    first, host = configured(tmp_path, template_database, REDIS_URL=redis_url, LIVE_PIN_FAILURE_LIMIT="3 per minute")
    cleanup(first)
    _game_id, pin = open_game(host)
    assert join(browser(first, address), pin, "Ada").status_code == 303
    for _ in range(3):
        assert join(browser(first, address), wrong_pin(pin)).status_code == 404
    # Another instance on the same database and Redis knows both.
    second = make_app(tmp_path / "instance", REDIS_URL=redis_url, LIVE_BACKGROUND=False, LIVE_PIN_FAILURE_LIMIT="3 per minute")
    cleanup(second)
    assert join(browser(second, address), wrong_pin(pin)).status_code == 429
    assert join(browser(second, address), pin, "Ben").status_code == 303


def test_a_game_takes_at_most_its_cap_of_players(tmp_path, template_database, cleanup):
    app, host = configured(tmp_path, template_database, LIVE_MAX_PLAYERS=2)
    cleanup(app)
    _game_id, pin = open_game(host)
    assert join(browser(app), pin, "Ada").status_code == 303
    assert join(browser(app), pin, "Ben").status_code == 303
    full = join(browser(app), pin, "Cy")
    assert full.status_code == 409
    assert "This game is full: it has room for 2 players." in alert(full)
    assert players(app) == 2


def test_the_player_cap_defaults_to_5000(app):
    assert app.config["LIVE_MAX_PLAYERS"] == 5000


# --------------------------------------------------------------------------------------------
# Nicknames


@pytest.mark.parametrize("look_alike", ["\u0410lice", "\uff21lice", "ALICE", "A\u200blice", "Alice\u3164"])
def test_look_alike_nicknames_clash(host, app, look_alike):
    _game_id, pin = open_game(host)
    assert join(browser(app), pin, "Alice").status_code == 303
    clash = join(browser(app), pin, look_alike)
    assert clash.status_code == 409 and "or a name that looks the same" in alert(clash)
    assert players(app) == 1


def test_the_key_is_nfkc_case_folded_then_the_confusable_skeleton():
    assert nicknames.key("\u0410lice") == nicknames.key("\uff21lice") == nicknames.key("alice")
    # The skeleton: "rn" looks like "m", in any case; a zero like a capital O.
    assert nicknames.key("Tom") == nicknames.key("TORN") and nicknames.key("B0B") == nicknames.key("bob")
    assert nicknames.key("Ada") != nicknames.key("Ida")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("\u3164", "Enter a nickname"),  # Hangul filler
        ("\u3164\u3164\u3164", "Enter a nickname"),
        ("\u2800", "Enter a nickname"),  # Braille blank
        ("\u200b\u200d", "Enter a nickname"),  # zero-width
        ("\u0301", "at least one letter or digit"),  # a lone combining mark
        ("\u2800\u0301\u0302", "at least one letter or digit"),
        ("\u2605\u2606", "at least one letter or digit"),  # symbols only
        ("\u0301Ada", "must sit on a letter"),
        ("Ada \u0301", "must sit on a letter"),
        ("a" + "\u0301" * 19, "at most 3 accents"),  # 19 stacked accents
        ("a\u0301\u0302\u0303\u0304", "at most 3 accents"),
        ("x" * 5000, "20 characters or fewer"),
        ("\ufdfa" * 5, "too long once its characters are spelled out"),
    ],
)
def test_invisible_and_stacked_nicknames_are_refused(raw, message):
    with pytest.raises(nicknames.NicknameError, match=message):
        nicknames.check(raw)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Vi\u00ea\u0323t", "Vi\u1ec7t"),  # Vietnamese: two marks on one letter
        # Pointed Hebrew: three marks on one letter (the marks in their canonical order).
        ("\u05e9\u05bc\u05c1\u05b8\u05dc\u05d5\u05b9\u05dd", unicodedata.normalize("NFC", "\u05e9\u05bc\u05c1\u05b8\u05dc\u05d5\u05b9\u05dd")),
        ("\u3164Ada", "Ada"),  # an invisible letter is dropped, not kept
        ("Ada\u2800\u2800Lee", "Ada Lee"),
        ("007", "007"),
    ],
)
def test_real_names_with_marks_pass(raw, shown):
    assert nicknames.check(raw) == shown


def test_invisible_nicknames_are_refused_when_joining(host, app):
    _game_id, pin = open_game(host)
    for raw in ("\u3164", "\u2800", "\u0301", "a" + "\u0301" * 19):
        response = join(browser(app), pin, raw)
        assert response.status_code == 400, raw
    assert players(app) == 0


def every_suggestion() -> list[str]:
    plain = [f"{adjective} {animal}" for adjective in nicknames.ADJECTIVES for animal in nicknames.ANIMALS]
    return plain + [f"{name} {number}" for name in plain for number in range(10, 100)]


def test_pick_a_name_for_me_stops_when_its_names_run_out():
    taken = {nicknames.key(name) for name in every_suggestion()}
    outcome = []

    def pick():
        try:
            outcome.append(nicknames.suggest(taken))
        except nicknames.NicknameError as error:
            outcome.append(error)

    worker = threading.Thread(target=pick, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "suggest() is still looking for a free name"
    assert isinstance(outcome[0], nicknames.NicknameError)
    assert "Every name I could pick is taken" in str(outcome[0])


def test_pick_a_name_for_me_says_so_when_its_names_run_out(host, app, monkeypatch):
    monkeypatch.setattr(nicknames, "ADJECTIVES", ["Brave"])
    monkeypatch.setattr(nicknames, "ANIMALS", ["Fox"])
    game_id, pin = open_game(host)
    with app.app_context():
        session = db.session()
        for name in every_suggestion():
            session.add(Player(game_id=game_id, nickname=name, nickname_key=nicknames.key(name)))
        session.commit()
    response = join(browser(app), pin, "", action="suggest")
    assert response.status_code == 409
    assert "Every name I could pick is taken in this game; type a nickname of your own." in alert(response)
    assert browser(app).get(f"/join/suggestion?pin={pin}").status_code == 409


# --------------------------------------------------------------------------------------------
# Removed players


def test_a_removed_player_cannot_rejoin_from_the_same_browser(host, app):
    game_id, pin = open_game(host)
    phone = browser(app)
    assert join(phone, pin, "Ada").status_code == 303
    with app.app_context():
        ada_id = db.session().scalar(select(Player.id).where(Player.nickname == "Ada"))
    token = host_csrf(host, game_id)
    assert host.post(f"/host/games/{game_id}/players/{ada_id}/remove", data={"csrf_token": token}).status_code == 303
    again = join(phone, pin, "Totally New Name")
    assert again.status_code == 403 and "The host removed you from this game" in alert(again)
    assert join(phone, pin, "", action="suggest").status_code == 403
    assert players(app) == 1
    # Someone else's browser still joins.
    assert join(browser(app), pin, "Ben").status_code == 303


# --------------------------------------------------------------------------------------------
# Push streams


def _chunk(response) -> str:
    chunk = next(response.iter)
    return chunk.decode() if isinstance(chunk, bytes) else chunk


def test_a_player_holds_at_most_three_streams_and_the_oldest_is_told(host, app):
    game_id, pin = open_game(host)
    phone = browser(app)
    join(phone, pin, "Ada")
    with app.app_context():
        ada_id = db.session().scalar(select(Player.id))
    streams = []
    for _ in range(5):
        response = phone.get(f"/play/{pin}/events")
        response.iter = iter(response.response)
        assert _chunk(response).startswith("retry: 2000\n\nevent: state\n")
        streams.append(response)
    for oldest in streams[:2]:
        closing = _chunk(oldest)
        assert closing == REPLACED and closing.startswith("retry: 60000\nevent: replaced\n")
        assert "too many windows" in json.loads(closing.split("data: ", 1)[1])["message"]
        with pytest.raises(StopIteration):
            _chunk(oldest)
    assert app.config["LIVE_MAX_STREAMS_PER_PLAYER"] == 3
    assert hub(app).streams_of(game_id, ada_id) == 3
    for response in streams:
        response.close()
    assert hub(app).streams_of(game_id, ada_id) == 0


# --------------------------------------------------------------------------------------------
# Found by an independent probe of the running server


def test_one_address_cannot_fill_a_game_but_this_machine_may(tmp_path, template_database, cleanup):
    app, host = configured(tmp_path, template_database, LIVE_JOIN_LIMIT_PER_ADDRESS="3 per minute")
    cleanup(app)
    _game_id, pin = open_game(host)
    # A script clears its cookies between joins: each join is a new browser from one address.
    for n in range(3):
        assert join(browser(app, "198.51.100.40"), pin, f"Bot{n}").status_code == 303
    refused = join(browser(app, "198.51.100.40"), pin, "Bot9")
    assert refused.status_code == 429 and players(app) == 3
    # A load test or the teacher's own browser on the server itself is not held up.
    for n in range(5):
        assert join(browser(app, "127.0.0.1"), pin, f"Local{n}").status_code == 303


def test_name_suggestions_are_limited_per_address(tmp_path, template_database, cleanup):
    app, host = configured(tmp_path, template_database, LIVE_SUGGESTION_LIMIT_PER_ADDRESS="2 per minute")
    cleanup(app)
    _game_id, pin = open_game(host)
    asker = browser(app, "198.51.100.41")
    assert [asker.get(f"/join/suggestion?pin={pin}").status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.parametrize("capital, latin", [("\u0412ob", "Bob"), ("\u0422om", "Tom"), ("\u041cax", "Max")])
def test_capitals_of_other_scripts_clash_with_the_latin_names_they_imitate(capital, latin):
    # Folding first would lose them: small Cyrillic ve, te, em look like no Latin letter.
    assert nicknames.key(capital) == nicknames.key(latin)
    assert nicknames.key("ALICE") == nicknames.key("Alice") != nicknames.key("Amy")


def test_an_instructor_holds_a_few_projector_streams_and_a_new_one_ends_the_oldest():
    from quiz.live.host_views import _close_host_stream, _host_streams, _open_host_stream

    first, second = _open_host_stream(7, 2), _open_host_stream(7, 2)
    assert not first.is_set() and not second.is_set()
    third = _open_host_stream(7, 2)
    assert first.is_set() and not second.is_set() and not third.is_set()
    other = _open_host_stream(8, 2)
    assert not other.is_set()
    for instructor, stop in ((7, second), (7, third), (8, other)):
        _close_host_stream(instructor, stop)
    assert 7 not in _host_streams and 8 not in _host_streams


def test_the_projector_stream_ends_when_it_is_replaced(host, app):
    app.config["LIVE_MAX_HOST_STREAMS"] = 1
    game_id, _pin = open_game(host)
    first = host.get(f"/host/games/{game_id}/events", buffered=False)
    chunks = iter(first.response)
    assert b"event: host" in next(chunks)
    second = host.get(f"/host/games/{game_id}/events", buffered=False)
    assert b"event: host" in next(iter(second.response))
    # Replaced, the first stream's loop ends within a poll instead of polling on for ever.
    ended = threading.Event()
    threading.Thread(target=lambda: (list(chunks), ended.set()), daemon=True).start()
    assert ended.wait(5)
    first.close()
    second.close()
