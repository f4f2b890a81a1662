"""The player's pages: join with a PIN and a nickname, then play on the phone."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, g, jsonify, make_response, redirect, render_template, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from .. import db
from ..answers import Response as PlayerResponse
from ..extensions import client_address, limiter
from . import nicknames, service
from .models import Game, Player
from .push import GONE, hub, sse
from .service import LiveRefused, load_game, open_game_by_pin
from .state import game_articles, player_state, public_state

log = logging.getLogger(__name__)

bp = Blueprint("live_play", __name__)

# One answer for a PIN with no game and for a game this browser has not joined, so that the
# answer says nothing about which PINs are in use.
JOIN_FIRST = "Join the game first, with its PIN and a nickname."


@bp.before_request
def _start_hub():
    if current_app.config.get("LIVE_BACKGROUND", True):
        hub(current_app).ensure_started()


# The player's token: a signed cookie naming the game and the player, nothing else.

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="live-player")


def _cookie_name(game: Game) -> str:
    return f"quiz_player_{game.id}"


def _set_player_cookie(response, game: Game, player: Player) -> None:
    response.set_cookie(
        _cookie_name(game),
        _serializer().dumps({"g": game.id, "p": player.id}),
        max_age=current_app.config["LIVE_PLAYER_COOKIE_SECONDS"],
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )


def _current_player(game: Game) -> Player | None:
    token = request.cookies.get(_cookie_name(game))
    if not token:
        return None
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if data.get("g") != game.id:
        return None
    return db.session().get(Player, data.get("p"))


def _game_and_player(pin: str, whole: bool = True) -> tuple[Game, Player]:
    """Return the game with this PIN and the player this browser is in it; whole loads all its
    questions, which answering, the busiest request, does not need. A wrong PIN and a game not
    joined get the same refusal, and count against the address's PIN limit."""
    game, player = _lookup(pin)
    if player is None:
        if _joined_a_deleted_game():
            # Said whatever the PIN, so it tells nothing about PINs in use, and not counted as a
            # failure: a class whose game the host deleted mid-game polls a little before it stops.
            raise LiveRefused(410, service.GAME_DELETED)
        g.live_pin_failed = True
        raise LiveRefused(403, JOIN_FIRST)
    if whole:
        game = load_game(db.session(), game.id)
    return game, player


def _joined_a_deleted_game() -> bool:
    """Whether this browser holds a player cookie (signed, so the server made it) for a game that
    no longer exists: the host deleted it."""
    ids = set()
    for name, token in request.cookies.items():
        if not name.startswith("quiz_player_"):
            continue
        try:
            data = _serializer().loads(token)
        except BadSignature:
            continue
        if isinstance(data, dict) and isinstance(data.get("g"), int) and name == f"quiz_player_{data['g']}":
            ids.add(data["g"])
    if not ids:
        return False
    from sqlalchemy import select

    existing = set(db.session().scalars(select(Game.id).where(Game.id.in_(ids))))
    return bool(ids - existing)


def _lookup(pin: str) -> tuple[Game | None, Player | None]:
    """Return the game with this PIN (open, or else the newest ended one) and this browser's
    player in it, once per request: the rate limit's exemption asks first, then the view."""
    cached = g.get("live_lookup")
    if cached is not None and cached[0] == pin:
        return cached[1]
    game = open_game_by_pin(db.session(), pin) or _ended_game(pin)
    found = (game, _current_player(game) if game is not None else None)
    g.live_lookup = (pin, found)
    return found


def _ended_game(pin: str) -> Game | None:
    """Find the newest ended game with this PIN, so its players can still see the podium."""
    from sqlalchemy import select

    if not (pin.isascii() and pin.isdigit()):
        return None
    return db.session().scalar(select(Game).where(Game.pin == pin).order_by(Game.id.desc()).limit(1))


# Rate limits on PIN look-ups -------------------------------------------------------------
#
# What counts is failures, per address (an IPv6 /64, see client_address): a join with a PIN that
# names no open game, and a /play/<pin>/... request from a browser that has not joined a game with
# that PIN. A class of 30 or more phones behind one school address mostly types the PIN right, so
# it stays far below LIVE_PIN_FAILURE_LIMIT, while at 300 failures an hour one address needs two
# months on average to hit a given game's PIN among 900,000. And once an address has had a failure
# too many, its phones still get into (and play) the games they are already in: a player's
# browser, by its cookie, and any phone of that address joining a game that another phone of the
# same address joined, so that a prankster on the school's network cannot lock the class out of
# its game. Every other PIN gets the same "Too many attempts" whether or not it is in use.


def _joined_here_key(game: Game) -> str:
    return f"quiz-live-joined/{client_address()}/{game.id}"


def _remember_join(game: Game) -> None:
    """Note, in the rate limits' storage (Redis when configured), that a phone of this address
    joined this game."""
    if not limiter.enabled:
        return
    try:
        limiter.storage.incr(_joined_here_key(game), int(current_app.config["LIVE_PLAYER_COOKIE_SECONDS"]))
    except Exception:  # the join itself stands; the address is only less trusted
        log.exception("could not note a join in the rate limits' storage")


def _joined_here(game: Game) -> bool:
    try:
        return limiter.storage.get(_joined_here_key(game)) > 0
    except Exception:
        log.exception("could not read the rate limits' storage")
        return False


def _pin_limit_exempt() -> bool:
    """Whether this request is a known player's, or joins a game its address is in already."""
    if request.endpoint == "live_play.join":
        game = open_game_by_pin(db.session(), request.form.get("pin", ""))
        return game is not None and (_current_player(game) is not None or _joined_here(game))
    _game, player = _lookup((request.view_args or {}).get("pin", ""))
    return player is not None


pin_limit = limiter.shared_limit(
    lambda: current_app.config["LIVE_PIN_FAILURE_LIMIT"],
    scope="live-pin",
    exempt_when=_pin_limit_exempt,
    deduct_when=lambda _response: bool(g.get("live_pin_failed")),
)


# Joining ---------------------------------------------------------------------------------


def _on_this_machine() -> bool:
    """Whether the client is this machine itself (a load test, the teacher's own browser): the
    per-address join limit is for a network's many phones, and a local proxy is trusted (see
    FORWARDED_ALLOW_IPS), so its clients show their own addresses."""
    import ipaddress

    try:
        return ipaddress.ip_address(client_address()).is_loopback
    except ValueError:
        return False


@bp.get("/join")
def join_form():
    return render_template("live/join.html", pin=request.args.get("pin", ""), nickname="")


@bp.post("/join")
@pin_limit
@limiter.limit(lambda: current_app.config["LIVE_JOIN_LIMIT_PER_ADDRESS"], key_func=client_address, exempt_when=lambda: _on_this_machine())
def join():
    pin = request.form.get("pin", "").strip()
    nickname = request.form.get("nickname", "")
    game = open_game_by_pin(db.session(), pin)
    if game is None:
        g.live_pin_failed = True
        ended = _ended_game(pin.replace(" ", ""))
        error = (
            "That game has ended. If your class is starting a new one, type the new PIN on the screen."
            if ended is not None
            else "There is no open game with that PIN. Check the number on the screen."
        )
        return render_template("live/join.html", pin=pin, nickname=nickname, error=error), 404
    existing = _current_player(game)
    if existing is not None and existing.removed:
        # Removal holds for this browser: its cookie still names the removed player.
        error = "The host removed you from this game, so you cannot join it again."
        return render_template("live/join.html", pin=pin, nickname=nickname, error=error), 403
    if request.form.get("action") == "suggest":
        try:
            suggestion = nicknames.suggest(service.taken_nicknames(db.session(), game))
        except nicknames.NicknameError as error:
            return render_template("live/join.html", pin=pin, nickname=nickname, error=str(error)), 409
        return render_template("live/join.html", pin=pin, nickname=suggestion, suggested=True)
    if existing is not None:
        return redirect(url_for(".play", pin=game.pin), code=303)
    try:
        player = service.join(db.session(), game, nickname, current_app.config["LIVE_MAX_PLAYERS"])
    except LiveRefused as refused:
        return render_template("live/join.html", pin=pin, nickname=nickname, error=refused.message), refused.status
    db.session().commit()
    _remember_join(game)
    response = make_response(redirect(url_for(".play", pin=game.pin), code=303))
    _set_player_cookie(response, game, player)
    return response


@bp.get("/join/suggestion")
@limiter.limit(lambda: current_app.config["LIVE_SUGGESTION_LIMIT_PER_ADDRESS"], key_func=client_address)
def suggestion():
    game = open_game_by_pin(db.session(), request.args.get("pin", ""))
    taken = service.taken_nicknames(db.session(), game) if game else set()
    try:
        return jsonify({"nickname": nicknames.suggest(taken)})
    except nicknames.NicknameError as error:
        return jsonify({"error": str(error)}), 409


@bp.get("/play/<pin>")
@pin_limit
def play(pin: str):
    try:
        game, player = _game_and_player(pin)
    except LiveRefused as refused:
        if refused.status == 410:
            raise
        return redirect(url_for(".join_form", pin=pin))
    return render_template(
        "live/play.html",
        game=game,
        player=player,
        state=public_state(db.session(), game),
        me=player_state(db.session(), game, player),
        articles=game_articles(game),
    )


@bp.get("/play/<pin>/state")
@pin_limit
def state(pin: str):
    game, player = _game_and_player(pin)
    # A polling phone learns its own extra time here, as a pushed one does from its stream.
    return jsonify(public_state(db.session(), game) | {"extra_time": player.extra_time})


@bp.get("/play/<pin>/me")
@pin_limit
def me(pin: str):
    # Not the whole game (load_game): a player's standing and result need the game's row and the
    # one question answered, and every phone asks at the same moment (each reveal).
    game, player = _game_and_player(pin, whole=False)
    return jsonify(player_state(db.session(), game, player))


@bp.get("/play/<pin>/events")
@pin_limit
def events(pin: str):
    try:
        game, player = _game_and_player(pin)
    except LiveRefused as refused:
        if refused.status != 410:
            raise
        # A phone that reconnects after its game was deleted: told so, as a connected one was.
        return Response(GONE, mimetype="text/event-stream", headers={"Cache-Control": "no-cache"})
    first = sse("state", public_state(db.session(), game))
    if player.extra_time:
        first = sse("extra", {"extra_time": player.extra_time}) + first
    subscriber = hub(current_app).subscribe(game.id, game.version, player.id)
    return Response(
        hub(current_app).stream(subscriber, first),
        mimetype="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _number(name: str) -> int | None:
    value = request.form.get(name, "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 6:
        raise LiveRefused(400, f"The form's {name!r} field is not a number.")
    return int(value)


@bp.post("/play/<pin>/answer")
@pin_limit
def answer(pin: str):
    game, player = _game_and_player(pin, whole=False)
    position = _number("position")
    if position is None:
        raise LiveRefused(400, "The answer does not say which question it is for.")
    response = PlayerResponse(_number("choice"), request.form.get("verdict") or None, _number("sentence"))
    ack = service.record_answer(
        db.session(), game, player, position, response, current_app.config["LIVE_ANSWER_GRACE_MS"]
    )
    db.session().commit()
    if ack.closed:
        hub(current_app).announce(game.id, game.version)
    return jsonify({"recorded": True, "duplicate": ack.duplicate})


@bp.errorhandler(LiveRefused)
def refused(error: LiveRefused):
    if request.path.startswith("/play/") and request.method == "POST" or request.accept_mimetypes.best == "application/json":
        return jsonify({"error": error.message}), error.status
    return render_template("errors/refused.html", message=error.message, back=url_for(".join_form"), back_label="Join a game"), error.status
