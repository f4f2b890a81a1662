"""Live games: every change of state is a database transaction here, callable from any process."""

from __future__ import annotations

import random
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload

from ..answers import InvalidResponse, MissingResponse, Response, grade_response
from ..articles.models import Article, utcnow
from ..converters import parse_id
from ..bank.kinds import Kind
from ..bank.models import Question
from ..scoring import live_points, next_streak
from ..study.rounds import RoundKind, deal
from ..study.service import playable_questions
from . import nicknames
from .models import EXTRA_TIME_CHOICES, Game, GameQuestion, LiveAnswer, Phase, Player, Screen

MIN_TIME_LIMIT = 5
MAX_TIME_LIMIT = 240
# Reading time before the first question, in minutes; 0 reads until the host starts.
READING_MINUTES = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
# Questions in a live game made from a built-in round; "all" plays every published question.
GAME_SIZE = 10
PIN_ATTEMPTS = 30


def now_ms() -> int:
    return int(time.time() * 1000)


class LiveRefused(Exception):
    """A request the game cannot honour; nothing was changed."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def check_time_limit(seconds: int, what: str = "Time per question") -> int:
    if not MIN_TIME_LIMIT <= seconds <= MAX_TIME_LIMIT:
        raise LiveRefused(400, f"{what} must be {MIN_TIME_LIMIT} to {MAX_TIME_LIMIT} seconds.")
    return seconds


def check_screen(screen: str) -> str:
    if screen not in set(Screen):
        raise LiveRefused(400, "Choose what the projector shows: the question, the article, or both.")
    return screen


@dataclass(frozen=True)
class GameOptions:
    # Seconds for a multiple-choice question and for a claim, which also asks for the sentence.
    time_limit: int = 30
    claim_time_limit: int = 60
    speed_bonus: bool = False
    streak_bonus: bool = False
    question_on_devices: bool = True
    late_join: bool = True
    shuffle: bool = True
    # Seconds of reading before the first question: None for none, 0 until the host starts.
    reading_seconds: int | None = None
    screen: str = Screen.BOTH

    def checked(self) -> GameOptions:
        check_time_limit(self.time_limit, "Time per multiple-choice question")
        check_time_limit(self.claim_time_limit, "Time per claim")
        if self.reading_seconds is not None and self.reading_seconds not in [60 * m for m in READING_MINUTES]:
            raise LiveRefused(400, "Reading time must be 1 to 10 minutes, or until you start the questions.")
        check_screen(self.screen)
        return self


# ---------------------------------------------------------------------------------------------
# Creating and joining


def question_sets(session: Session, host_id: int | None = None) -> list[tuple[str, str, int]]:
    """Return (key, label, question count) for every set a host can choose: their own question
    sets first, then the built-in rounds."""
    from ..sets.service import owned_sets, playable

    choices = []
    if host_id is not None:
        for question_set in owned_sets(session, host_id):
            count = len(playable(question_set))
            if count:
                choices.append((f"set:{question_set.id}", f"Your set: {question_set.title} ({count} questions)", count))
    for article in session.scalars(select(Article).where(Article.owner_id.is_(None)).order_by(Article.id)):
        questions = playable_questions(session, article)
        kinds = {
            RoundKind.MIXED: len(questions),
            RoundKind.MULTIPLE_CHOICE: sum(q.kind == Kind.MULTIPLE_CHOICE for q in questions),
            RoundKind.CLAIMS: sum(q.kind == Kind.CLAIM for q in questions),
        }
        for kind, count in kinds.items():
            if count:
                size = min(GAME_SIZE, count)
                # What tells the rounds apart comes first: a long headline is cut off in the menu.
                choices.append((f"{article.slug}:{kind.value}", f"{kind.label} ({size} questions): {article.headline}", size))
        if questions:
            choices.append((f"{article.slug}:all", f"Every question ({len(questions)}): {article.headline}", len(questions)))
    return choices


def _deal(
    session: Session, set_key: str, shuffle: bool, rng: random.Random, host_id: int | None = None
) -> tuple[Article | None, list[tuple[Question, int | None]], str]:
    """Return the article (None for a set), the questions with their own time if any, and a label."""
    slug, _, kind = set_key.partition(":")
    if slug == "set":
        from ..bank.kinds import Status
        from ..sets.models import QuestionSet

        set_id = parse_id(kind)
        question_set = session.get(QuestionSet, set_id) if set_id is not None else None
        if question_set is None or question_set.owner_id != host_id:
            raise LiveRefused(400, "Choose one of the question sets.")
        timed = [(item.question, item.time_limit) for item in question_set.items if item.question.status == Status.PUBLISHED]
        if not timed:
            raise LiveRefused(409, "That question set has no published questions yet.")
        if shuffle:
            rng.shuffle(timed)
        return None, timed, question_set.title
    article = session.scalar(select(Article).where(Article.slug == slug, Article.owner_id.is_(None)))
    if article is None:
        raise LiveRefused(400, "Choose one of the question sets.")
    questions = playable_questions(session, article)
    if kind == "all":
        chosen, label = list(questions), "Every question"
    else:
        try:
            round_kind = RoundKind(kind)
        except ValueError:
            raise LiveRefused(400, "Choose one of the question sets.") from None
        chosen, label = deal(questions, round_kind, GAME_SIZE, rng), round_kind.label
    if not chosen:
        raise LiveRefused(409, "That question set has no questions yet.")
    if shuffle:
        rng.shuffle(chosen)
    else:
        chosen.sort(key=lambda q: q.position)
    return article, [(question, None) for question in chosen], label


def create_game(session: Session, host_id: int, set_key: str, options: GameOptions, rng: random.Random | None = None) -> Game:
    """Create a game in its lobby with a 6-digit PIN that no other open game has."""
    rng = rng or random.SystemRandom()
    options = options.checked()
    article, questions, label = _deal(session, set_key, options.shuffle, rng, host_id)
    for _ in range(PIN_ATTEMPTS):
        game = Game(
            pin=f"{secrets.randbelow(900_000) + 100_000}",
            host_id=host_id,
            article_id=article.id if article else None,
            set_id=int(set_key.split(":")[1]) if article is None else None,
            title=f"{article.headline}: {label}" if article else label,
            **options.__dict__,
        )
        for position, (question, own_time) in enumerate(questions, start=1):
            # Options are shuffled in every game, whatever the question order: authors (and the
            # built-in bank) tend to write the right answer first.
            order = [option.id for option in question.options]
            rng.shuffle(order)
            seconds = own_time or (options.claim_time_limit if question.kind == Kind.CLAIM else options.time_limit)
            game.questions.append(
                GameQuestion(position=position, question_id=question.id, option_order=order, time_limit=seconds)
            )
        session.add(game)
        try:
            session.flush()
        except IntegrityError:
            # The PIN is taken by an open game: the unique index said so. Nothing else was written.
            session.rollback()
            continue
        return game
    raise LiveRefused(503, "Could not find a free game PIN; try again.")


def open_game_by_pin(session: Session, pin: str) -> Game | None:
    pin = pin.strip().replace(" ", "")
    if not (pin.isdigit() and len(pin) == 6):
        return None
    return session.scalar(select(Game).where(Game.pin == pin, Game.phase != Phase.ENDED))


def taken_nicknames(session: Session, game: Game) -> set[str]:
    return set(session.scalars(select(Player.nickname_key).where(Player.game_id == game.id)))


def join(session: Session, game: Game, raw_nickname: str, max_players: int | None = None) -> Player:
    """Add a player under a nickname unique in the game, up to max_players (everyone who joined,
    removed players included); raise LiveRefused saying why not."""
    if game.phase == Phase.ENDED:
        raise LiveRefused(409, "This game has ended.")
    if game.locked:
        raise LiveRefused(403, "The host has locked this game; ask them to let you in.")
    if game.phase not in (Phase.LOBBY, Phase.READING) and not game.late_join:
        raise LiveRefused(409, "This game has already started, and the host does not let players join late.")
    if max_players is not None:
        # The game's row is locked until the join commits, so that joins at the same moment in
        # other processes count one after another and never pass the cap together (SQLite writes
        # one transaction at a time anyway).
        session.execute(select(Game.id).where(Game.id == game.id).with_for_update())
        joined = session.scalar(select(func.count()).select_from(Player).where(Player.game_id == game.id))
        if joined >= max_players:
            raise LiveRefused(409, f"This game is full: it has room for {max_players} players. Ask your teacher.")
    try:
        nickname = nicknames.check(raw_nickname)
    except nicknames.NicknameError as error:
        raise LiveRefused(400, str(error)) from None
    player = Player(game_id=game.id, nickname=nickname, nickname_key=nicknames.key(nickname))
    session.add(player)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise LiveRefused(
            409, f"Someone in this game is already called {nickname}, or a name that looks the same; choose another nickname."
        ) from None
    return player


# ---------------------------------------------------------------------------------------------
# The host moves the game on


def _bump(game: Game) -> None:
    game.version += 1


def most_extra_time(session: Session, game_id: int) -> int:
    """Return the largest extra time, in percent, of the players still in a game."""
    return session.scalar(
        select(func.coalesce(func.max(Player.extra_time), 0)).where(Player.game_id == game_id, Player.removed.is_(False))
    )


def player_deadline_ms(game: Game, time_limit: int, extra_time: int) -> int:
    """Return when a player's time for the open question is up: the deadline plus their extra time."""
    return game.deadline_ms + time_limit * 10 * extra_time


def _set_closes(session: Session, game: Game) -> None:
    """Recompute when the open question closes, from its deadline and the most extra time left."""
    seconds = game.question_at(game.position).time_limit
    game.closes_ms = game.deadline_ms + seconds * 10 * most_extra_time(session, game.id)


def _open_values(session: Session, game: Game, position: int, now: int) -> dict:
    seconds = game.question_at(position).time_limit
    deadline = now + seconds * 1000
    return {
        "phase": Phase.QUESTION,
        "position": position,
        "opened_ms": now,
        "deadline_ms": deadline,
        "closes_ms": deadline + seconds * 10 * most_extra_time(session, game.id),
        "closed_ms": None,
        "paused_remaining_ms": None,
    }


def _open(session: Session, game: Game, position: int, now: int) -> None:
    for name, value in _open_values(session, game, position, now).items():
        setattr(game, name, value)
    _bump(game)


def _start_reading(game: Game, now: int) -> None:
    game.phase = Phase.READING
    game.opened_ms = now
    game.deadline_ms = now + game.reading_seconds * 1000 if game.reading_seconds else None
    _bump(game)


def end_reading(session: Session, game: Game, now: int | None = None) -> bool:
    """Open the first question after reading time; return False when another process did it first.

    The host's "Start the questions" and every process's clock may race here: the guarded UPDATE
    lets exactly one of them open it.
    """
    now = now or now_ms()
    opened = session.execute(
        update(Game)
        .where(Game.id == game.id, Game.phase == Phase.READING)
        .values(**_open_values(session, game, 1, now), version=Game.version + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    session.refresh(game)
    return opened == 1


def advance(session: Session, game: Game, now: int | None = None) -> None:
    """Move to what comes next: reading time or the first question, the leaderboard, the next
    question, the podium."""
    now = now or now_ms()
    if game.phase == Phase.LOBBY:
        if game.reading_seconds is not None:
            _start_reading(game, now)
        else:
            _open(session, game, 1, now)
    elif game.phase == Phase.READING:
        if not end_reading(session, game, now):
            raise LiveRefused(409, "The first question is open already.")
    elif game.phase == Phase.REVEAL:
        game.phase = Phase.LEADERBOARD
        _bump(game)
    elif game.phase == Phase.LEADERBOARD:
        if game.position < len(game.questions):
            _open(session, game, game.position + 1, now)
        else:
            _end(game)
    elif game.phase == Phase.QUESTION:
        raise LiveRefused(409, "The question is still open: wait for it to close, or skip it.")
    else:
        raise LiveRefused(409, "This game has ended.")
    session.flush()


def _end(game: Game) -> None:
    game.phase = Phase.ENDED
    game.ended_at = utcnow()
    _bump(game)


def close_question(session: Session, game: Game, now: int | None = None) -> bool:
    """Close the open question and write everyone's standing; return False when it was closed already.

    The guarded UPDATE lets exactly one of several processes close a question, whether the deadline,
    the last answer or the host closes it.
    """
    now = now or now_ms()
    closed = session.execute(
        update(Game)
        .where(Game.id == game.id, Game.phase == Phase.QUESTION, Game.position == game.position)
        .values(phase=Phase.REVEAL, closed_ms=now, paused_remaining_ms=None, version=Game.version + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if closed != 1:
        session.refresh(game)
        return False
    session.refresh(game)
    write_standings(session, game)
    return True


def skip(session: Session, game: Game) -> None:
    if game.phase != Phase.QUESTION:
        raise LiveRefused(409, "No question is open to skip.")
    close_question(session, game)


def pause(session: Session, game: Game, now: int | None = None) -> None:
    now = now or now_ms()
    if game.phase != Phase.QUESTION or game.paused:
        raise LiveRefused(409, "Only an open question can be paused.")
    game.paused_remaining_ms = max(0, game.deadline_ms - now)
    _bump(game)
    session.flush()


def resume(session: Session, game: Game, now: int | None = None) -> None:
    now = now or now_ms()
    if not game.paused:
        raise LiveRefused(409, "The game is not paused.")
    # Everyone's time, extra time included, moves on by as long as the pause lasted.
    shift = now + game.paused_remaining_ms - game.deadline_ms
    game.deadline_ms += shift
    game.closes_ms = (game.closes_ms or game.deadline_ms - shift) + shift
    game.paused_remaining_ms = None
    _bump(game)
    session.flush()


def set_screen(session: Session, game: Game, screen: str) -> None:
    """Choose what the projector shows during a question; only the host's screens follow it."""
    game.screen = check_screen(screen)
    session.flush()


def set_extra_time(session: Session, game: Game, player_id: int, percent: int) -> Player:
    """Give a player extra time on every question, the open one included."""
    if percent not in EXTRA_TIME_CHOICES:
        raise LiveRefused(400, "Extra time is none, +50% or +100%.")
    player = session.get(Player, player_id)
    if player is None or player.game_id != game.id:
        raise LiveRefused(404, "There is no such player in this game.")
    if game.phase == Phase.ENDED:
        raise LiveRefused(409, "This game has ended.")
    player.extra_time = percent
    session.flush()
    if game.phase == Phase.QUESTION:
        _set_closes(session, game)
    # The player's phone learns its new deadline with the next state it is sent.
    _bump(game)
    session.flush()
    return player


def end(session: Session, game: Game) -> None:
    """End the game now; an open question is closed first so that its answers count."""
    if game.phase == Phase.ENDED:
        raise LiveRefused(409, "This game has already ended.")
    if game.phase == Phase.QUESTION:
        close_question(session, game)
    _end(game)
    session.flush()


def set_locked(session: Session, game: Game, locked: bool) -> None:
    game.locked = locked
    session.flush()


def remove_player(session: Session, game: Game, player_id: int) -> Player:
    player = session.get(Player, player_id)
    if player is None or player.game_id != game.id:
        raise LiveRefused(404, "There is no such player in this game.")
    player.removed = True
    session.flush()
    if game.phase == Phase.QUESTION and not game.paused:
        # The question no longer waits for a removed player's extra time.
        _set_closes(session, game)
    write_standings(session, game)
    # Players' screens learn of it through the next version; the removed one is told so.
    _bump(game)
    session.flush()
    if game.phase == Phase.QUESTION:
        close_if_everyone_answered(session, game)
    return player


def due_questions(session: Session, grace_ms: int, now: int | None = None) -> list[Game]:
    """Return games whose open question's time (and grace) is up."""
    now = now or now_ms()
    return list(
        session.scalars(
            select(Game).where(
                Game.phase == Phase.QUESTION,
                Game.paused_remaining_ms.is_(None),
                func.coalesce(Game.closes_ms, Game.deadline_ms) + grace_ms < now,
            )
        )
    )


def due_readings(session: Session, now: int | None = None) -> list[Game]:
    """Return games whose reading time is up."""
    now = now or now_ms()
    return list(
        session.scalars(
            select(Game).where(Game.phase == Phase.READING, Game.deadline_ms.is_not(None), Game.deadline_ms < now)
        )
    )


# ---------------------------------------------------------------------------------------------
# Answers and standings


def answered_and_players(session: Session, game: Game) -> tuple[int, int]:
    """Return (answers to the open question, players still in the game), in one round trip."""
    players = (
        select(func.count())
        .select_from(Player)
        .where(Player.game_id == game.id, Player.removed.is_(False))
        .scalar_subquery()
    )
    answered = (
        select(func.count())
        .select_from(LiveAnswer)
        .join(Player, Player.id == LiveAnswer.player_id)
        .where(LiveAnswer.game_id == game.id, LiveAnswer.position == game.position, Player.removed.is_(False))
        .scalar_subquery()
    )
    return tuple(session.execute(select(answered, players)).one())


def active_players(session: Session, game: Game) -> int:
    return session.scalar(select(func.count()).select_from(Player).where(Player.game_id == game.id, Player.removed.is_(False)))


def answer_count(session: Session, game: Game, position: int | None = None) -> int:
    return session.scalar(
        select(func.count())
        .select_from(LiveAnswer)
        .join(Player, Player.id == LiveAnswer.player_id)
        .where(LiveAnswer.game_id == game.id, LiveAnswer.position == (position or game.position), Player.removed.is_(False))
    )


def close_if_everyone_answered(session: Session, game: Game) -> bool:
    answered, players = answered_and_players(session, game)
    if players and answered >= players:
        return close_question(session, game)
    return False


@dataclass(frozen=True)
class Ack:
    duplicate: bool
    closed: bool


def record_answer(
    session: Session, game: Game, player: Player, position: int, response: Response, grace_ms: int, now: int | None = None
) -> Ack:
    """Record a player's answer once, if it arrives in time; it says nothing of right or wrong."""
    now = now or now_ms()
    if player.removed:
        raise LiveRefused(403, "The host removed you from this game.")
    if game.phase != Phase.QUESTION or position != game.position:
        if position > game.position or game.phase == Phase.LOBBY:
            raise LiveRefused(409, "That question is not open yet.")
        raise LiveRefused(409, "That question is closed.")
    if game.paused:
        raise LiveRefused(409, "The game is paused; answer when it goes on.")
    game_question = question_of(session, game, position)
    # The server's clock decides, with the player's own extra time.
    deadline = player_deadline_ms(game, game_question.time_limit, player.extra_time)
    if now > deadline + grace_ms:
        raise LiveRefused(409, "Time is up for this question; your answer was not counted.")
    try:
        graded = grade_response(game_question.question, game_question.option_order, game_question.question.article, response)
    except (InvalidResponse, MissingResponse) as error:
        raise LiveRefused(400, str(error)) from None
    choice = response.choice if graded.option_id is not None else None
    sentence = graded.sentence.position if graded.sentence else None
    verdict = graded.verdict.value if graded.verdict else None

    # The player's streak as written when the previous question closed: 0 if they missed it.
    streak = next_streak(player.streak, graded.grade.correct)
    # Speed is measured against the player's own time, so extra time costs no bonus.
    limit_ms = max(1, game_question.time_limit * 1000 * (100 + player.extra_time) // 100)
    elapsed = min(limit_ms, max(0, limit_ms - (deadline - now)))
    answer = LiveAnswer(
        game_id=game.id,
        player_id=player.id,
        position=position,
        choice=choice,
        verdict=verdict,
        sentence_position=sentence,
        answered_ms=now,
        elapsed_ms=elapsed,
        correct=graded.grade.correct,
        verdict_correct=graded.grade.verdict_correct,
        evidence_correct=graded.grade.evidence_correct,
        accuracy_points=graded.grade.points,
        points=live_points(graded.grade, elapsed, limit_ms, streak, game.speed_bonus, game.streak_bonus),
        streak=streak,
    )
    session.add(answer)
    try:
        session.flush()
    except IntegrityError:
        # Already answered: the unique (player, position) pair decides, not a check before the insert.
        session.rollback()
        earlier = session.scalar(
            select(LiveAnswer).where(LiveAnswer.player_id == player.id, LiveAnswer.position == position)
        )
        if earlier is not None and (earlier.choice, earlier.verdict, earlier.sentence_position) == (choice, verdict, sentence):
            return Ack(duplicate=True, closed=False)
        if earlier is None and session.scalar(select(Game.id).where(Game.id == game.id)) is None:
            raise LiveRefused(410, GAME_DELETED) from None  # deleted while the answer was on its way
        raise LiveRefused(409, "You have already answered this question; your first answer counts.") from None
    closed = close_if_everyone_answered(session, game)
    return Ack(duplicate=False, closed=closed)


def write_standings(session: Session, game: Game) -> None:
    """Write every player's points, accuracy, streak and rank as of the last closed question."""
    totals = {
        row.player_id: row
        for row in session.execute(
            select(
                LiveAnswer.player_id,
                func.sum(LiveAnswer.points).label("points"),
                func.sum(LiveAnswer.accuracy_points).label("accuracy_points"),
                func.sum(case((LiveAnswer.correct, 1), else_=0)).label("correct"),
            )
            .where(LiveAnswer.game_id == game.id)
            .group_by(LiveAnswer.player_id)
        )
    }
    streaks = dict(
        session.execute(
            select(LiveAnswer.player_id, LiveAnswer.streak).where(
                LiveAnswer.game_id == game.id, LiveAnswer.position == game.position
            )
        ).all()
    )
    players = session.execute(
        select(Player.id, Player.removed).where(Player.game_id == game.id).order_by(Player.id)
    ).all()
    standings = []
    for player_id, removed in players:
        row = totals.get(player_id)
        standings.append(
            {
                "id": player_id,
                "points": int(row.points) if row else 0,
                "accuracy_points": int(row.accuracy_points) if row else 0,
                "correct": int(row.correct) if row else 0,
                "streak": streaks.get(player_id, 0),
                "removed": removed,
            }
        )
    ranked = sorted((s for s in standings if not s["removed"]), key=lambda s: (-s["points"], -s["accuracy_points"]))
    rank, previous = 0, None
    for place, standing in enumerate(ranked, start=1):
        score = (standing["points"], standing["accuracy_points"])
        if score != previous:
            rank, previous = place, score
        standing["rank"] = rank
    if standings:
        session.execute(
            update(Player),
            [
                {k: s.get(k) for k in ("id", "points", "accuracy_points", "correct", "streak", "rank")}
                for s in standings
            ],
        )


# What players' phones say once the host has deleted their game (see push.py and play_views.py).
GAME_DELETED = "The host deleted this game, with everyone's nicknames and answers."


def delete_game(session: Session, game: Game) -> tuple[int, int]:
    """Delete a game, open or ended, with its questions, players and answers (the foreign keys
    cascade); return how many players and answers went. Phones still in it are told by the push
    hub, which finds the game gone."""
    players = session.scalar(select(func.count()).select_from(Player).where(Player.game_id == game.id))
    answers = session.scalar(select(func.count()).select_from(LiveAnswer).where(LiveAnswer.game_id == game.id))
    session.delete(game)
    session.flush()
    return players, answers


def question_of(session: Session, game: Game, position: int) -> GameQuestion | None:
    """Return one question of a game with its options and evidence, not the whole game: what
    grading an answer, or telling a player their result, needs."""
    return session.scalar(
        select(GameQuestion)
        .where(GameQuestion.game_id == game.id, GameQuestion.position == position)
        .options(
            joinedload(GameQuestion.question).selectinload(Question.options),
            joinedload(GameQuestion.question).selectinload(Question.evidence),
        )
    )


def load_game(session: Session, game_id: int) -> Game | None:
    return session.scalar(
        select(Game)
        .where(Game.id == game_id)
        .options(selectinload(Game.questions).selectinload(GameQuestion.question).selectinload(Question.options))
    )
