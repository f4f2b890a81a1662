"""The host's pages: set up a game, run it on the projector, read and download the results."""

from __future__ import annotations

import threading
import time

import segno
from dataclasses import dataclass

from flask import Blueprint, Response, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import db
from .. import charts, reports
from ..converters import parse_id
from ..bank.kinds import KIND_LABELS, Verdict
from ..models import Article, Question
from . import service
from .addresses import join_address
from .models import EXTRA_TIME_CHOICES, Game, LiveAnswer, Phase, Player, Screen
from .push import GONE, hub, sse
from .service import GameOptions, LiveRefused, load_game
from .state import game_articles, host_signature, host_state

bp = Blueprint("live_host", __name__, url_prefix="/host")

HOST_POLL_SECONDS = 0.3
ACTIONS = {
    "next": service.advance,
    "screen": lambda session, game: service.set_screen(session, game, request.form.get("screen", "")),
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
    if chosen.startswith("set:") and parse_id(chosen[4:]) is not None:
        from ..sets.models import QuestionSet

        question_set = session.get(QuestionSet, parse_id(chosen[4:]))
        if question_set is not None and question_set.owner_id == current_user.id:
            # A set's own default options fill the form in.
            defaults = GameOptions(
                **{
                    name: getattr(question_set, name)
                    for name in GameOptions.__dataclass_fields__
                    if hasattr(question_set, name)
                }
            )
    return render_template(
        "live/host_new.html",
        defaults=defaults,
        sets=service.question_sets(session, current_user.id),
        games=games,
        limits=(service.MIN_TIME_LIMIT, service.MAX_TIME_LIMIT),
        reading_minutes=service.READING_MINUTES,
        screens=list(Screen),
        chosen=chosen,
    )


def _seconds(name: str, what: str, default: int) -> int:
    raw = request.form.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 4:
        raise LiveRefused(400, f"{what} must be a whole number of seconds, {service.MIN_TIME_LIMIT} to {service.MAX_TIME_LIMIT}.")
    return int(raw)


def _reading_seconds() -> int | None:
    """Return the reading time chosen: None for none, 0 until the host starts, else seconds."""
    raw = request.form.get("reading", "").strip()
    if raw in ("", "none"):
        return None
    if raw == "host":
        return 0
    if raw.isascii() and raw.isdigit() and int(raw) in service.READING_MINUTES[1:]:
        return int(raw) * 60
    raise LiveRefused(400, "Reading time must be 1 to 10 minutes, or until you start the questions.")


@bp.post("/games")
def create():
    if not request.form.get("time_limit", "").strip():
        raise LiveRefused(400, f"Time per question must be a whole number of seconds, {service.MIN_TIME_LIMIT} to {service.MAX_TIME_LIMIT}.")
    defaults = GameOptions()
    options = GameOptions(
        time_limit=_seconds("time_limit", "Time per multiple-choice question", defaults.time_limit),
        claim_time_limit=_seconds("claim_time_limit", "Time per claim", defaults.claim_time_limit),
        speed_bonus=_checkbox("speed_bonus"),
        streak_bonus=_checkbox("streak_bonus"),
        question_on_devices=_checkbox("question_on_devices"),
        late_join=_checkbox("late_join"),
        shuffle=_checkbox("shuffle"),
        reading_seconds=_reading_seconds(),
        screen=request.form.get("screen", defaults.screen),
    )
    game = service.create_game(db.session(), current_user.id, request.form.get("set", ""), options)
    db.session().commit()
    return redirect(url_for(".projector", game_id=game.id), code=303)


def join_url(game: Game, base: str | None = None) -> str:
    """The join page with the game's PIN, at an address phones can reach (see live/addresses.py)."""
    if base is None:
        base = join_address(request.url_root, current_app.config).url
    # The path below the app's root: the base already names where the app is mounted.
    path = url_for("live_play.join_form", pin=game.pin)
    return base + path.removeprefix(request.script_root)


@bp.get("/games/<int:game_id>")
def projector(game_id: int):
    game = _my_game(game_id)
    address = join_address(request.url_root, current_app.config)
    url = join_url(game, address.url)
    qr = segno.make(url, error="m")
    path = url.split("?", 1)[0][len(address.url):]  # the join page's path, "/join"
    # What students type: the join page's address without its scheme, e.g. "192.168.1.23:5000/join".
    shown = [(base + path).split("://", 1)[-1] for base in (address.url, *address.alternatives)]
    return render_template(
        "live/host_game.html",
        game=game,
        join_url=url,
        join_address=shown[0],
        join_alternatives=shown[1:],
        join_warning=address.warning,
        qr_svg=qr.svg_data_uri(scale=6, border=2),
        state=host_state(db.session(), game),
        articles=game_articles(game),
    )


@bp.get("/games/<int:game_id>/state")
def state(game_id: int):
    game = _my_game(game_id)
    return jsonify(host_state(db.session(), game))


# Each instructor's open projector streams in this process, oldest first (see LIVE_MAX_HOST_STREAMS).
_host_streams: dict[int, list[threading.Event]] = {}
_host_streams_lock = threading.Lock()


def _open_host_stream(instructor_id: int, cap: int) -> threading.Event:
    """Register a projector stream; past the cap, tell the instructor's oldest one to end."""
    stop = threading.Event()
    with _host_streams_lock:
        streams = _host_streams.setdefault(instructor_id, [])
        streams.append(stop)
        while len(streams) > max(1, cap):
            streams.pop(0).set()
    return stop


def _close_host_stream(instructor_id: int, stop: threading.Event) -> None:
    with _host_streams_lock:
        streams = _host_streams.get(instructor_id, [])
        if stop in streams:
            streams.remove(stop)
        if not streams:
            _host_streams.pop(instructor_id, None)


@bp.get("/games/<int:game_id>/events")
def events(game_id: int):
    """Stream the host's view: re-sent when the game, its players or the answer count change.

    Only the host's connection looks at counts, a few times a second; players never get them.
    """
    game = _my_game(game_id)
    app = current_app._get_current_object()
    first = host_state(db.session(), game)
    first_signature = host_signature(db.session(), game)
    instructor_id = current_user.id
    stop = _open_host_stream(instructor_id, current_app.config["LIVE_MAX_HOST_STREAMS"])

    def stream():
        signature = first_signature
        quiet_since = time.monotonic()
        try:
            yield "retry: 2000\n\n" + sse("host", first)
            # Until the game is gone, or a newer projector stream of this instructor replaces it.
            while not stop.is_set():
                time.sleep(HOST_POLL_SECONDS)
                with app.app_context():
                    session = db.session()
                    current = load_game(session, game_id)
                    if current is None:
                        # Deleted (from another tab): the page says so, and does not reconnect.
                        yield GONE
                        return
                    now_signature = host_signature(session, current)
                    if now_signature != signature:
                        signature = now_signature
                        quiet_since = time.monotonic()
                        yield sse("host", host_state(session, current))
                    elif time.monotonic() - quiet_since > 15:
                        quiet_since = time.monotonic()
                        yield ": keep-alive\n\n"
        finally:
            _close_host_stream(instructor_id, stop)

    return Response(stream(), mimetype="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _respond(game: Game):
    """Answer a host action: JSON for the page's script, a redirect for a plain form."""
    if request.accept_mimetypes.best == "application/json":
        return jsonify(host_state(db.session(), game))
    return redirect(url_for(".projector", game_id=game.id), code=303)


@dataclass(frozen=True)
class Confirmation:
    title: str
    message: str
    yes: str
    no: str


def _confirmation(game: Game, action: str) -> Confirmation | None:
    """Return what to ask before an action that cannot be undone or is likely a slip, or None."""
    if action == "end" and game.phase != Phase.ENDED:
        played = game.position if game.phase != Phase.LOBBY else 0
        return Confirmation(
            "End the game?",
            f"The game stops for everyone now, after {played} of {len(game.questions)} questions; "
            "answers to an open question still count. It cannot be started again.",
            "End the game",
            "Keep playing",
        )
    if action == "next" and game.phase == Phase.LOBBY and not service.active_players(db.session(), game):
        return Confirmation(
            "Start with no players?",
            "No one has joined yet. Players can still join late if you let them, but they will have "
            "missed what came before.",
            "Start anyway",
            "Wait for players",
        )
    return None


@bp.post("/games/<int:game_id>/<action>")
def act(game_id: int, action: str):
    if action not in ACTIONS:
        abort(404, description="There is no such action.")
    game = _my_game(game_id)
    if request.form.get("confirmed") != "yes" and (asked := _confirmation(game, action)) is not None:
        if request.accept_mimetypes.best == "application/json":
            return jsonify({"confirm": asked.__dict__, "action": action}), 409
        return redirect(url_for(".confirm", game_id=game.id, action=action), code=303)
    before = game.version
    ACTIONS[action](db.session(), game)
    db.session().commit()
    if game.version != before:
        hub(current_app).announce(game.id, game.version)
    return _respond(game)


@bp.get("/games/<int:game_id>/confirm/<action>")
def confirm(game_id: int, action: str):
    """Ask before ending a game or starting an empty one: a page that needs no JavaScript."""
    game = _my_game(game_id)
    asked = _confirmation(game, action)
    if asked is None:
        return redirect(url_for(".projector", game_id=game.id), code=303)
    return render_template("live/confirm.html", game=game, action=action, **asked.__dict__)


@bp.post("/games/<int:game_id>/players/<int:player_id>/remove")
def remove(game_id: int, player_id: int):
    game = _my_game(game_id)
    service.remove_player(db.session(), game, player_id)
    db.session().commit()
    hub(current_app).announce(game.id, game.version)
    if request.form.get("back") == "players":
        return redirect(url_for(".players", game_id=game.id), code=303)
    return _respond(game)


@bp.get("/games/<int:game_id>/players")
def players(game_id: int):
    """The host's own list of players, with extra time: for the teacher's screen, not the projector."""
    game = _my_game(game_id)
    everyone = db.session().scalars(
        select(Player).where(Player.game_id == game.id, Player.removed.is_(False)).order_by(Player.nickname_key)
    ).all()
    return render_template("live/players.html", game=game, players=everyone, extra_choices=EXTRA_TIME_CHOICES)


@bp.post("/games/<int:game_id>/players/<int:player_id>/extra-time")
def extra_time(game_id: int, player_id: int):
    game = _my_game(game_id)
    raw = request.form.get("extra_time", "").strip()
    if not (raw.isascii() and raw.isdigit() and int(raw) in EXTRA_TIME_CHOICES):
        raise LiveRefused(400, "Extra time is none, +50% or +100%.")
    player = service.set_extra_time(db.session(), game, player_id, int(raw))
    db.session().commit()
    hub(current_app).announce(game.id, game.version)
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"player": player.id, "extra_time": player.extra_time})
    label = "no extra time" if player.extra_time == 0 else f"+{player.extra_time}% time"
    flash(f"{player.nickname} now has {label} on every question.")
    return redirect(url_for(".players", game_id=game.id), code=303)


def game_report(game: Game) -> reports.Report:
    """Build the game's report (quiz/reports.py) from its tables: the questions as asked, in the
    game's option order, the players by rank, and their answers."""
    session = db.session()
    players = session.scalars(
        select(Player).where(Player.game_id == game.id).order_by(Player.rank.is_(None), Player.rank, Player.id)
    ).all()
    questions = [
        reports.QuestionInfo(
            position=game_question.position,
            id=game_question.question.id,
            ident=game_question.question.ident,
            prompt=game_question.question.prompt,
            kind=game_question.question.kind_enum,
            skill=game_question.question.skill,
            verdict=game_question.question.verdict_enum,
            options=tuple(reports.OptionInfo(option.text, option.correct) for option in game_question.options),
            teacher_note=game_question.question.teacher_note,
        )
        for game_question in game.questions
    ]
    students = [
        reports.StudentInfo(key=str(p.id), name=p.nickname, rank=p.rank, points=p.points, in_game=not p.removed)
        for p in players
    ]
    answers = [
        reports.AnswerRecord(
            student=str(a.player_id),
            position=a.position,
            choice=a.choice,
            verdict=Verdict(a.verdict) if a.verdict else None,
            sentence=a.sentence_position,
            correct=a.correct,
            accuracy_points=a.accuracy_points,
            elapsed_ms=a.elapsed_ms,
        )
        for a in session.scalars(select(LiveAnswer).where(LiveAnswer.game_id == game.id))
    ]
    played = reports.played_positions(game.phase, game.position, len(game.questions))
    return reports.build_report(questions, students, answers, played)


def results_table(game: Game) -> tuple[list[str], list[list]]:
    """Return the header and one row per player, as the CSV and the XLSX have them."""
    return reports.results_table(game_report(game))


def _evidence_links(game: Game) -> dict[int, tuple[str, str]]:
    return evidence_links_for([(game_question.position, game_question.question) for game_question in game.questions])


def evidence_links_for(questions: list[tuple[int, Question]]) -> dict[int, tuple[str, str]]:
    """Return, by position, the article page anchored at the sentence of the question's first
    evidence (it opens for the teacher: built-in articles are public, and their own are theirs),
    and its label. A game's results and an assignment's report share it."""
    # One query each for the evidence, the articles and their sentences, whatever the number of questions.
    ids = [question.id for _position, question in questions]
    db.session().scalars(
        select(Question)
        .where(Question.id.in_(ids))
        .options(selectinload(Question.evidence), selectinload(Question.article).selectinload(Article.sentences))
    ).all()
    links = {}
    for position, question in questions:
        article = question.article
        anchor = None
        for evidence in sorted(question.evidence, key=lambda e: e.start):
            if evidence.lost:
                continue
            sentence = next((s for s in article.sentences if s.start < evidence.end and evidence.start < s.end), None)
            if sentence is not None:
                anchor = f"s{sentence.position}"
                break
        nearest = question.verdict == Verdict.NOT_IN_ARTICLE
        label = "closest passage" if nearest else "evidence"
        links[position] = (url_for("articles.show", slug=article.slug, _anchor=anchor), label)
    return links


def report_charts(report: reports.Report) -> dict[str, object]:
    """Return a report page's two SVG bar charts: % right per played question, and the class's
    accuracy per skill (each has its table on the page). Games and assignments share it."""
    played = [item for item in report.questions if item.played]
    by_skill = report.by_skill
    return {
        "questions": charts.percent_bars(
            "% right per question", [f"Q{item.question.position}" for item in played], [item.right.percent for item in played]
        ),
        "skills": charts.percent_bars(
            "Class accuracy per skill", [reports.skill_label(skill) for skill in by_skill], [rate.percent for rate in by_skill.values()]
        ),
    }


@bp.get("/games/<int:game_id>/results")
def results(game_id: int):
    game = _my_game(game_id)
    report = game_report(game)
    skill_questions: dict[str, int] = {}
    for item in report.questions:
        if item.played:
            skill_questions[item.question.skill] = skill_questions.get(item.question.skill, 0) + 1
    return render_template(
        "live/results.html",
        game=game,
        report=report,
        links=_evidence_links(game),
        charts=report_charts(report) if report.played else {},
        skill_questions=skill_questions,
        skill_label=reports.skill_label,
        median_seconds=reports.median_seconds,
        discrimination_text=reports.discrimination_text,
        KIND_LABELS=KIND_LABELS,
    )


@bp.get("/games/<int:game_id>/delete")
def confirm_delete(game_id: int):
    """Ask before deleting a game with its players' nicknames and answers."""
    game = _my_game(game_id)
    session = db.session()
    players = session.scalar(select(func.count()).select_from(Player).where(Player.game_id == game.id))
    return render_template("live/delete.html", game=game, players=players)


@bp.post("/games/<int:game_id>/delete")
def delete(game_id: int):
    """Delete a game, open or ended, with its players and answers. An open game is not ended
    first: it is gone at once, and the push hub tells the phones still in it (see push.py)."""
    game = _my_game(game_id)
    title, pin = game.title, game.pin
    players, _answers = service.delete_game(db.session(), game)
    db.session().commit()
    # Wake this process's hub (and, through the bus, the others'): their phones hear of it now.
    hub(current_app).announce(game_id, 0)
    flash(f"Deleted the game “{title}” (PIN {pin}) with its {players} player{'' if players == 1 else 's'}' nicknames and answers.")
    return redirect(url_for(".new_game"), code=303)


def _download(game: Game, body: bytes, extension: str, mimetype: str) -> Response:
    filename = f"game-{game.pin}-results.{extension}"
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/games/<int:game_id>/results.csv")
def results_csv(game_id: int):
    game = _my_game(game_id)
    header, rows = results_table(game)
    return _download(game, reports.csv_bytes(header, rows), "csv", "text/csv")


@bp.get("/games/<int:game_id>/results.json")
def results_json(game_id: int):
    """The report as JSON, as `flask --app quiz report --format json` prints it."""
    return jsonify(reports.report_json(game_report(_my_game(game_id))))


@bp.get("/games/<int:game_id>/results.xlsx")
def results_xlsx(game_id: int):
    game = _my_game(game_id)
    report = game_report(game)
    body = reports.xlsx_bytes(
        [("Results", *reports.results_table(report)), ("Questions", *reports.questions_table(report))]
    )
    return _download(game, body, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.errorhandler(LiveRefused)
def refused(error: LiveRefused):
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"error": error.message}), error.status
    back = url_for(".projector", game_id=request.view_args["game_id"]) if request.view_args and "game_id" in request.view_args else url_for(".new_game")
    return render_template("errors/refused.html", message=error.message, back=back, back_label="Back to the game"), error.status
