"""The player's pages: join with a PIN and a nickname, then play on the phone."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, make_response, redirect, render_template, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from .. import db
from ..answers import Response as PlayerResponse
from . import nicknames, service
from .models import Game, Player
from .push import hub, sse
from .service import LiveRefused, load_game, open_game_by_pin
from .state import game_articles, player_state, public_state

bp = Blueprint("live_play", __name__)


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
    questions, which answering, the busiest request, does not need."""
    game = open_game_by_pin(db.session(), pin) or _ended_game(pin)
    if game is None:
        raise LiveRefused(404, "There is no game with that PIN.")
    if whole:
        game = load_game(db.session(), game.id)
    player = _current_player(game)
    if player is None:
        raise LiveRefused(403, "Join the game first, with its PIN and a nickname.")
    return game, player


def _ended_game(pin: str) -> Game | None:
    """Find the newest ended game with this PIN, so its players can still see the podium."""
    from sqlalchemy import select

    if not (pin.isascii() and pin.isdigit()):
        return None
    return db.session().scalar(select(Game).where(Game.pin == pin).order_by(Game.id.desc()).limit(1))


@bp.get("/join")
def join_form():
    return render_template("live/join.html", pin=request.args.get("pin", ""), nickname="")


@bp.post("/join")
def join():
    pin = request.form.get("pin", "").strip()
    nickname = request.form.get("nickname", "")
    game = open_game_by_pin(db.session(), pin)
    if game is None:
        ended = _ended_game(pin.replace(" ", ""))
        error = (
            "That game has ended. If your class is starting a new one, type the new PIN on the screen."
            if ended is not None
            else "There is no open game with that PIN. Check the number on the screen."
        )
        return render_template("live/join.html", pin=pin, nickname=nickname, error=error), 404
    if request.form.get("action") == "suggest":
        suggestion = nicknames.suggest(service.taken_nicknames(db.session(), game))
        return render_template("live/join.html", pin=pin, nickname=suggestion, suggested=True)
    existing = _current_player(game)
    if existing is not None and not existing.removed:
        return redirect(url_for(".play", pin=game.pin), code=303)
    try:
        player = service.join(db.session(), game, nickname)
    except LiveRefused as refused:
        return render_template("live/join.html", pin=pin, nickname=nickname, error=refused.message), refused.status
    db.session().commit()
    response = make_response(redirect(url_for(".play", pin=game.pin), code=303))
    _set_player_cookie(response, game, player)
    return response


@bp.get("/join/suggestion")
def suggestion():
    game = open_game_by_pin(db.session(), request.args.get("pin", ""))
    taken = service.taken_nicknames(db.session(), game) if game else set()
    return jsonify({"nickname": nicknames.suggest(taken)})


@bp.get("/play/<pin>")
def play(pin: str):
    try:
        game, player = _game_and_player(pin)
    except LiveRefused:
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
def state(pin: str):
    game, player = _game_and_player(pin)
    # A polling phone learns its own extra time here, as a pushed one does from its stream.
    return jsonify(public_state(db.session(), game) | {"extra_time": player.extra_time})


@bp.get("/play/<pin>/me")
def me(pin: str):
    game, player = _game_and_player(pin)
    return jsonify(player_state(db.session(), game, player))


@bp.get("/play/<pin>/events")
def events(pin: str):
    game, player = _game_and_player(pin)
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
