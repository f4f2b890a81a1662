"""Accounts, hardened (issue 8): sign-in limits behind a proxy that a stranger cannot turn against the
owner, sessions that end, password change and reset, sign-up that does not tell who has an account,
strong passwords, and the headers and file modes around them."""

from __future__ import annotations

import os
import re
import stat
import threading
import time
import types
import urllib.request

import itsdangerous.timed
import pytest
from sqlalchemy import func, select

from quiz import db
from quiz.accounts.models import Instructor
from quiz.install import setup_database

from .conftest import PASSWORD, add_instructor, fresh_app, form_fields, make_app, sign_in, soup
from .test_live import open_game

NEW_PASSWORD = "lantern orchard velvet"


def alert(response) -> str:
    return soup(response).select_one("[role=alert]").get_text(" ", strip=True)


def through_proxy(client, proxy: str, client_address: str, email="teacher@example.org", password=PASSWORD, **headers):
    """Sign in as a browser behind a reverse proxy: the proxy connects, and says who the client is."""
    page = soup(client.get("/account/sign-in"))
    data = form_fields(page.select_one("main form")) | {"email": email, "password": password}
    return client.post(
        "/account/sign-in",
        data=data,
        environ_base={"REMOTE_ADDR": proxy},
        headers={"X-Forwarded-For": client_address, **headers},
    )


@pytest.fixture
def proxied(tmp_path, template_database):
    application = fresh_app(tmp_path, template_database, LIVE_BACKGROUND=False, FORWARDED_ALLOW_IPS="10.1.0.0/16, 10.2.0.1")
    yield application
    application.extensions["quiz.hub"].stop()
    application.extensions["quiz.engine"].dispose()


def signed_in_client(app, email="teacher@example.org", password=PASSWORD):
    client = app.test_client()
    assert sign_in(client, email, password).status_code == 303
    return client


def instructors(app) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(Instructor))


# --------------------------------------------------------------------------------------------
# Medium 2: sign-in limits behind a proxy


def test_behind_a_trusted_proxy_each_client_has_its_own_address_limit(proxied):
    # Twenty wrong sign-ins from one client behind the proxy, each for another address.
    for attempt in range(20):
        response = through_proxy(proxied.test_client(), "10.1.0.5", "198.51.100.7", f"guess{attempt}@example.org")
        assert response.status_code == 400
    blocked = through_proxy(proxied.test_client(), "10.1.0.5", "198.51.100.7", "guess-more@example.org")
    assert blocked.status_code == 429
    # Everyone else behind the same proxy is not locked out.
    add_instructor(proxied)
    assert through_proxy(proxied.test_client(), "10.1.0.5", "198.51.100.8").status_code == 303
    # A proxy in the list by its own address counts too.
    assert through_proxy(proxied.test_client(), "10.2.0.1", "198.51.100.9").status_code == 303


def test_forwarded_for_from_anyone_else_is_ignored(proxied):
    # A client that talks to the app directly cannot choose the address it is counted against.
    for attempt in range(20):
        response = through_proxy(proxied.test_client(), "203.0.113.5", f"192.0.2.{attempt}", f"guess{attempt}@example.org")
        assert response.status_code == 400
    blocked = through_proxy(proxied.test_client(), "203.0.113.5", "192.0.2.200", "guess-more@example.org")
    assert blocked.status_code == 429


def test_https_is_recognised_only_from_a_trusted_proxy(proxied):
    add_instructor(proxied)
    trusted = through_proxy(proxied.test_client(), "10.1.0.5", "198.51.100.7", **{"X-Forwarded-Proto": "https",
                            "Referer": "https://localhost/account/sign-in"})
    assert trusted.status_code == 303 and "Secure" in trusted.headers["Set-Cookie"]
    assert trusted.headers["Strict-Transport-Security"] == "max-age=31536000"
    stranger = through_proxy(proxied.test_client(), "203.0.113.5", "198.51.100.7", **{"X-Forwarded-Proto": "https"})
    assert stranger.status_code == 303 and "Secure" not in stranger.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in stranger.headers


def test_a_wrong_proxy_setting_is_refused_with_a_message(tmp_path):
    with pytest.raises(RuntimeError, match="'proxy.example' is not an IP address or network"):
        make_app(tmp_path, FORWARDED_ALLOW_IPS="127.0.0.1, proxy.example")


def test_a_stranger_cannot_lock_the_owner_out(app):
    add_instructor(app)
    for _ in range(5):
        assert sign_in(app.test_client(), password="wrong password!", address="10.0.0.5").status_code == 400
    # The guesser's address is slowed down on this account, even with the right password...
    blocked = sign_in(app.test_client(), address="10.0.0.5")
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    assert "Too many failed attempts. Wait a minute and try again" in alert(blocked)
    assert "ask whoever runs this site for a reset link" in alert(blocked)
    # ...while the owner, from their own address, signs in.
    assert sign_in(app.test_client(), address="10.0.0.77").status_code == 303
    # And another account from the guesser's address is not affected.
    add_instructor(app, "other@example.org")
    assert sign_in(app.test_client(), "other@example.org", address="10.0.0.5").status_code == 303


def test_guessing_from_many_addresses_meets_the_per_account_limit(tmp_path, template_database):
    app = fresh_app(tmp_path, template_database, LIVE_BACKGROUND=False, SIGN_IN_LIMIT_PER_ACCOUNT="10 per hour")
    add_instructor(app)
    for attempt in range(10):
        assert sign_in(app.test_client(), password="wrong password!", address=f"10.0.1.{attempt}").status_code == 400
    # The account has met its limit: an address that has failed on it is refused at once...
    assert sign_in(app.test_client(), password="wrong password!", address="10.0.1.3").status_code == 429
    # ...a new one gets one guess, then is refused too.
    assert sign_in(app.test_client(), password="wrong password!", address="10.0.1.50").status_code == 400
    assert sign_in(app.test_client(), address="10.0.1.50").status_code == 429
    # The owner, from an address that has not failed, is not blocked.
    assert sign_in(app.test_client(), address="10.0.2.1").status_code == 303
    app.extensions["quiz.hub"].stop()
    app.extensions["quiz.engine"].dispose()


# --------------------------------------------------------------------------------------------
# Medium 3: sessions that end, password change and reset


def test_a_cookie_saved_before_sign_out_no_longer_opens_author_pages(app, author):
    assert author.get("/author/").status_code == 200
    saved = author.get_cookie("session").value
    token = soup(author.get("/author/")).select_one("form.inline-form input[name=csrf_token]")["value"]
    assert author.post("/account/sign-out", data={"csrf_token": token}).status_code == 303
    replay = app.test_client()
    replay.set_cookie("session", saved)
    response = replay.get("/author/")
    assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]
    # Signing in again works, with a new session.
    assert signed_in_client(app).get("/author/").status_code == 200


def change_password_form(client, current=PASSWORD, new=NEW_PASSWORD, again=None):
    page = soup(client.get("/account/password"))
    form = page.select_one("main form")
    data = form_fields(form) | {"current_password": current, "password": new, "password_again": again or new}
    return client.post(form["action"], data=data)


def test_changing_the_password_ends_every_other_session(app):
    add_instructor(app)
    laptop, projector = signed_in_client(app), signed_in_client(app)
    nav = soup(laptop.get("/author/")).select_one("nav")
    assert nav.find("a", string="Password")["href"] == "/account/password"
    response = change_password_form(laptop)
    assert response.status_code == 303
    page = soup(laptop.get(response.headers["Location"]))
    assert "Your password is changed" in page.select_one(".flashes").get_text()
    assert laptop.get("/author/").status_code == 200
    assert projector.get("/author/").status_code == 302
    assert sign_in(app.test_client()).status_code == 400
    assert sign_in(app.test_client(), password=NEW_PASSWORD).status_code == 303


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"current": "not my password"}, "Your current password is not right. Nothing was changed."),
        ({"new": "password12"}, "That password is too easy to guess."),
        ({"again": "something else entirely"}, "The two new passwords differ."),
    ],
)
def test_a_refused_password_change_changes_nothing(app, author, fields, message):
    response = change_password_form(author, **fields)
    assert response.status_code == 400
    assert message in alert(response)
    assert author.get("/author/").status_code == 200
    assert sign_in(app.test_client()).status_code == 303


def test_changing_the_password_needs_a_signed_in_instructor(client):
    response = client.get("/account/password")
    assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]


def reset_link(app, email="teacher@example.org") -> str:
    result = app.test_cli_runner().invoke(args=["reset-password", email])
    assert result.exit_code == 0, result.output
    assert "valid once, for 60 minutes" in result.output
    return re.search(r"(http://\S+)", result.output).group(1)


def submit_reset(client, code, password=NEW_PASSWORD, again=None):
    page = soup(client.get("/account/reset-password"))
    form = page.select_one("main form")
    data = form_fields(form) | {"code": code, "password": password, "password_again": again or password}
    return client.post(form["action"], data=data)


def test_password_reset_by_a_link_printed_on_the_command_line(app):
    add_instructor(app)
    signed_in_elsewhere = signed_in_client(app)
    link = reset_link(app)
    # The code is in the fragment: browsers never send it, so no server log holds it.
    assert link.startswith("http://127.0.0.1:5000/account/reset-password#")
    code = link.split("#", 1)[1]
    page = soup(app.test_client().get("/account/reset-password"))
    assert page.select_one("label[for=code]").get_text() == "Reset code"
    response = submit_reset(app.test_client(), code)
    assert response.status_code == 303 and response.headers["Location"].endswith("/account/sign-in")
    assert signed_in_elsewhere.get("/author/").status_code == 302
    assert sign_in(app.test_client()).status_code == 400
    assert sign_in(app.test_client(), password=NEW_PASSWORD).status_code == 303
    # The link works once.
    again = submit_reset(app.test_client(), code, password="another fine passphrase")
    assert again.status_code == 400
    assert "has expired or has already been used. Nothing was changed." in alert(again)
    assert sign_in(app.test_client(), password=NEW_PASSWORD).status_code == 303


def test_a_reset_link_expires_after_an_hour(app, monkeypatch):
    add_instructor(app)
    code = reset_link(app).split("#", 1)[1]
    later = types.SimpleNamespace(time=lambda: time.time() + 3601)
    monkeypatch.setattr(itsdangerous.timed, "time", later)
    response = submit_reset(app.test_client(), code)
    assert response.status_code == 400 and "has expired" in alert(response)
    assert sign_in(app.test_client()).status_code == 303


@pytest.mark.parametrize("code", ["", "not-a-code", "WzEsImFiYyJd.ZZZZZZ.forged-signature"])
def test_a_wrong_reset_code_changes_nothing(app, code):
    add_instructor(app)
    response = submit_reset(app.test_client(), code)
    assert response.status_code == 400 and "not right, has expired" in alert(response)
    assert sign_in(app.test_client()).status_code == 303


def test_a_weak_password_is_refused_on_reset_and_the_code_still_works(app):
    add_instructor(app)
    code = reset_link(app).split("#", 1)[1]
    weak = submit_reset(app.test_client(), code, password="password12")
    assert weak.status_code == 400 and "too easy to guess" in alert(weak)
    assert soup(weak).select_one("#code")["value"] == code
    assert submit_reset(app.test_client(), code).status_code == 303


def test_reset_password_command_refusals(app):
    add_instructor(app)
    runner = app.test_cli_runner()
    unknown = runner.invoke(args=["reset-password", "nobody@example.org"])
    assert unknown.exit_code != 0 and "there is no instructor 'nobody@example.org'" in unknown.output
    bad = runner.invoke(args=["reset-password", "teacher@example.org", "--base-url", "quiz.example"])
    assert bad.exit_code != 0 and "starting with http:// or https://" in bad.output
    public = runner.invoke(args=["reset-password", "teacher@example.org", "--base-url", "https://quiz.school.example/"])
    assert "https://quiz.school.example/account/reset-password#" in public.output


# --------------------------------------------------------------------------------------------
# Low: sign-up does not tell who has an account; strong passwords


def sign_up(client, email, password):
    page = soup(client.get("/account/sign-up"))
    data = form_fields(page.select_one("main form")) | {"email": email, "password": password, "password_again": password}
    return client.post("/account/sign-up", data=data)


def test_sign_up_answers_the_same_whether_or_not_the_address_has_an_account(app):
    add_instructor(app)
    new_browser, taken_browser = app.test_client(), app.test_client()
    new = sign_up(new_browser, "fresh@example.org", "quiet meadow lantern")
    taken = sign_up(taken_browser, "Teacher@example.org", "quiet meadow lantern")
    assert new.status_code == taken.status_code == 303
    assert new.headers["Location"] == taken.headers["Location"] == "/account/sign-in"
    assert new.get_data() == taken.get_data()
    new_page, taken_page = soup(new_browser.get("/account/sign-in")), soup(taken_browser.get("/account/sign-in"))
    assert new_page.select_one(".flashes").get_text() == taken_page.select_one(".flashes").get_text()
    assert "now sign in" in new_page.select_one(".flashes").get_text()
    # Nobody is signed in by a sign-up; the existing account keeps its password.
    assert new_browser.get("/author/").status_code == taken_browser.get("/author/").status_code == 302
    assert sign_in(app.test_client(), "fresh@example.org", "quiet meadow lantern").status_code == 303
    assert sign_in(app.test_client(), "teacher@example.org", "quiet meadow lantern").status_code == 400
    assert sign_in(app.test_client()).status_code == 303
    assert instructors(app) == 2


@pytest.mark.parametrize("password", ["password12", " " * 10, "teacher@example.org", "qwertyuiop", "1234567890"])
def test_weak_passwords_are_refused_with_a_clear_message(app, client, password):
    response = sign_up(client, "teacher@example.org", password)
    assert response.status_code == 400
    assert alert(response).startswith("That password is too easy to guess.")
    assert instructors(app) == 0
    refused = app.test_cli_runner().invoke(args=["create-instructor", "teacher@example.org"], input=password + "\n")
    assert refused.exit_code != 0 and "too easy to guess" in refused.output
    assert instructors(app) == 0


# --------------------------------------------------------------------------------------------
# Low: headers, file modes, the development server


def test_signed_in_pages_and_downloads_are_not_stored(app, author):
    game_id, _pin = open_game(author)
    for url in ["/author/", "/host/", "/account/password", "/author/export?format=native", "/author/export?format=gift",
                f"/host/games/{game_id}/results", f"/host/games/{game_id}/results.csv", f"/host/games/{game_id}/results.xlsx"]:
        response = author.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url
    # Public pages and static files may be cached.
    assert "no-store" not in app.test_client().get("/").headers.get("Cache-Control", "")
    with author.get("/static/css/app.css") as static:
        assert "no-store" not in static.headers.get("Cache-Control", "")


def test_hsts_only_over_https(client):
    assert client.get("/", base_url="https://quiz.example.org").headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_instance_files_are_private(tmp_path):
    umask = os.umask(0o022)
    try:
        instance = tmp_path / "instance"
        app = make_app(instance)
        setup_database(app)
        app.extensions["quiz.engine"].dispose()
    finally:
        os.umask(umask)
    files = [path for path in instance.iterdir() if path.name.startswith("quiz.sqlite")]
    assert files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700


def test_the_development_server_does_not_announce_its_versions(app, monkeypatch):
    import werkzeug.serving

    headers = {}

    def run_simple(host, port, application, **options):
        server = werkzeug.serving.make_server(
            "127.0.0.1", 0, application, threaded=True, request_handler=options.get("request_handler")
        )
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=10) as response:
                headers.update(response.headers)
        finally:
            server.shutdown()
            server.server_close()
            thread.join()

    monkeypatch.setattr(werkzeug.serving, "run_simple", run_simple)
    result = app.test_cli_runner().invoke(args=["serve", "--host", "127.0.0.1", "--port", "5999"])
    assert result.exit_code == 0, result.output
    assert headers["Server"] == "Evidence Quiz"
    assert not re.search(r"Werkzeug|Python|\d+\.\d+", headers["Server"])


def test_an_address_with_control_characters_is_not_an_address():
    from quiz.accounts.service import AccountError, check_new_credentials

    for email in ("a@example.com\x00x", "a\x1b@example.com", "a@exa\x7fmple.com"):
        with pytest.raises(AccountError, match="Enter an email address"):
            check_new_credentials(email, "a long and unusual passphrase 42")
