"""The host's pages: set up a game, run it on the projector, read and download the results."""

from __future__ import annotations

import csv
import io
import time

import segno
from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import db
from ..bank.kinds import VERDICT_LABELS
from . import service
from .models import Game, LiveAnswer, Player
from .push import hub, sse
from .service import GameOptions, LiveRefused, load_game
from .state import host_signature, host_state

bp = Blueprint("live_host", __name__, url_prefix="/host")

HOST_POLL_SECONDS = 0.3
ACTIONS = {
    "next": service.advance,
    "skip": service.skip,
    "pause": service.pause,
    "resume": service.resume,
    "end": service.end,
    "lock": lambda session, game: service.set_locked(session, game, True),
    "unlock": lambda session, game: service.set_locked(session, game, False),
}


@bp.before_request
@login_required
def _instructors_only():
    """Every hosting page needs a signed-in instructor; the push hub starts with the first one."""
    if current_app.config.get("LIVE_BACKGROUND", True):
        hub(current_app).ensure_started()


def _my_game(game_id: int) -> Game:
    game = load_game(db.session(), game_id)
    if game is None or game.host_id != current_user.id:
        abort(404, description="You have no game at this address.")
    return game


def _checkbox(name: str) -> bool:
    return request.form.get(name) in ("on", "1", "true", "yes")


@bp.get("/")
def new_game():
    session = db.session()
    games = session.scalars(
        select(Game).where(Game.host_id == current_user.id).order_by(Game.id.desc()).limit(20)
    ).all()
    chosen = request.args.get("set", "")
    defaults = GameOptions()
    if chosen.startswith("set:") and chosen[4:].isascii() and chosen[4:].isdigit():
        from ..sets.models import QuestionSet

        question_set = session.get(QuestionSet, int(chosen[4:]))
        if question_set is not None and question_set.owner_id == current_user.id:
            # A set's own default options fill the form in.
            defaults = GameOptions(**{name: getattr(question_set, name) for name in GameOptions.__dataclass_fields__})
    return render_template(
        "live/host_new.html",
        defaults=defaults,
        sets=service.question_sets(session, current_user.id),
        games=games,
        limits=(service.MIN_TIME_LIMIT, service.MAX_TIME_LIMIT),
        chosen=chosen,
    )


@bp.post("/games")
def create():
    raw_limit = request.form.get("time_limit", "").strip()
    if not (raw_limit.isascii() and raw_limit.isdigit()):
        raise LiveRefused(400, f"Time per question must be a whole number of seconds, {service.MIN_TIME_LIMIT} to {service.MAX_TIME_LIMIT}.")
    options = GameOptions(
        time_limit=int(raw_limit),
        speed_bonus=_checkbox("speed_bonus"),
        streak_bonus=_checkbox("streak_bonus"),
        question_on_devices=_checkbox("question_on_devices"),
        late_join=_checkbox("late_join"),
        shuffle=_checkbox("shuffle"),
    )
    game = service.create_game(db.session(), current_user.id, request.form.get("set", ""), options)
    db.session().commit()
    return redirect(url_for(".projector", game_id=game.id), code=303)


def join_url(game: Game) -> str:
    return url_for("live_play.join_form", pin=game.pin, _external=True)


@bp.get("/games/<int:game_id>")
def projector(game_id: int):
    game = _my_game(game_id)
    url = join_url(game)
    qr = segno.make(url, error="m")
    return render_template(
        "live/host_game.html",
        game=game,
        join_url=url,
        qr_svg=qr.svg_data_uri(scale=6, border=2),
        state=host_state(db.session(), game),
    )


@bp.get("/games/<int:game_id>/state")
def state(game_id: int):
    game = _my_game(game_id)
    return jsonify(host_state(db.session(), game))


@bp.get("/games/<int:game_id>/events")
def events(game_id: int):
    """Stream the host's view: re-sent when the game, its players or the answer count change.

    Only the host's connection looks at counts, a few times a second; players never get them.
    """
    game = _my_game(game_id)
    app = current_app._get_current_object()
    first = host_state(db.session(), game)
    first_signature = host_signature(db.session(), game)

    def stream():
        signature = first_signature
        yield "retry: 2000\n\n" + sse("host", first)
        quiet_since = time.monotonic()
        while True:
            time.sleep(HOST_POLL_SECONDS)
            with app.app_context():
                session = db.session()
                current = load_game(session, game_id)
                if current is None:
                    return
                now_signature = host_signature(session, current)
                if now_signature != signature:
                    signature = now_signature
                    quiet_since = time.monotonic()
                    yield sse("host", host_state(session, current))
                elif time.monotonic() - quiet_since > 15:
                    quiet_since = time.monotonic()
                    yield ": keep-alive\n\n"

    return Response(stream(), mimetype="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _respond(game: Game):
    """Answer a host action: JSON for the page's script, a redirect for a plain form."""
    if request.accept_mimetypes.best == "application/json":
        return jsonify(host_state(db.session(), game))
    return redirect(url_for(".projector", game_id=game.id), code=303)


@bp.post("/games/<int:game_id>/<action>")
def act(game_id: int, action: str):
    if action not in ACTIONS:
        abort(404, description="There is no such action.")
    game = _my_game(game_id)
    before = game.version
    ACTIONS[action](db.session(), game)
    db.session().commit()
    if game.version != before:
        hub(current_app).announce(game.id, game.version)
    return _respond(game)


@bp.post("/games/<int:game_id>/players/<int:player_id>/remove")
def remove(game_id: int, player_id: int):
    game = _my_game(game_id)
    service.remove_player(db.session(), game, player_id)
    db.session().commit()
    hub(current_app).announce(game.id, game.version)
    return _respond(game)


def results_table(game: Game) -> tuple[list[str], list[list]]:
    """Return the header and one row per player: nickname, accuracy, points, then each question."""
    session = db.session()
    players = session.scalars(select(Player).where(Player.game_id == game.id).order_by(Player.rank.is_(None), Player.rank, Player.id)).all()
    answers = {
        (a.player_id, a.position): a for a in session.scalars(select(LiveAnswer).where(LiveAnswer.game_id == game.id))
    }
    total = len(game.questions)
    header = ["nickname", "rank", "accuracy_percent", "fully_right", "accuracy_points", "game_points"]
    for game_question in game.questions:
        header += [f"q{game_question.position}_answer", f"q{game_question.position}_result"]
    rows = []
    for player in players:
        row = [
            player.nickname + (" (removed)" if player.removed else ""),
            player.rank or "",
            round(100 * player.correct / total) if total else 0,
            player.correct,
            player.accuracy_points,
            player.points,
        ]
        for game_question in game.questions:
            answer = answers.get((player.id, game_question.position))
            if answer is None:
                row += ["", "no answer"]
                continue
            if answer.choice is not None:
                text = game_question.options[answer.choice - 1].text
            else:
                text = VERDICT_LABELS[answer.verdict] + (f" (sentence {answer.sentence_position})" if answer.sentence_position else "")
            result = "right" if answer.correct else ("partly right" if answer.accuracy_points else "wrong")
            row += [text, result]
        rows.append(row)
    return header, rows


@bp.get("/games/<int:game_id>/results")
def results(game_id: int):
    game = _my_game(game_id)
    header, rows = results_table(game)
    return render_template("live/results.html", game=game, header=header, rows=rows)


@bp.get("/games/<int:game_id>/results.csv")
def results_csv(game_id: int):
    game = _my_game(game_id)
    header, rows = results_table(game)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        # A nickname such as "=cmd()" must stay text in a spreadsheet.
        writer.writerow([f"'{cell}" if isinstance(cell, str) and cell[:1] in "=+-@" else cell for cell in row])
    filename = f"game-{game.pin}-results.csv"
    return Response(
        buffer.getvalue(), mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@bp.errorhandler(LiveRefused)
def refused(error: LiveRefused):
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"error": error.message}), error.status
    back = url_for(".projector", game_id=request.view_args["game_id"]) if request.view_args and "game_id" in request.view_args else url_for(".new_game")
    return render_template("errors/refused.html", message=error.message, back=back, back_label="Back to the game"), error.status
