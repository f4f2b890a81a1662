"""What each screen is told: the public state every phone gets, the host's, and a player's own.

Nothing here reveals a question's key while it is open: the reveal is built only once the question
is closed, and a player's own result only for closed questions.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..articles.models import Article
from ..articles.render import RenderedBlock, render_article
from ..bank.kinds import Kind, Verdict
from .models import Game, GameQuestion, LiveAnswer, Phase, Player
from .service import active_players, answer_count, now_ms, question_of

LEADERBOARD_SIZE = 5
PODIUM_SIZE = 3


def game_articles(game: Game) -> list[tuple[Article, list[RenderedBlock]]]:
    """Return the articles of a game's questions in the order they come up, laid out for the page."""
    seen: dict[int, Article] = {}
    for game_question in game.questions:
        article = game_question.question.article
        seen.setdefault(article.id, article)
    return [(article, render_article(article)) for article in seen.values()]


def _question(game: Game, game_question: GameQuestion, for_host: bool) -> dict[str, Any]:
    question = game_question.question
    shown = for_host or game.question_on_devices
    data: dict[str, Any] = {
        "position": game_question.position,
        "kind": question.kind,
        # Which of the page's articles this question is about; the page has the text already.
        "article_id": question.article_id,
        "prompt": question.prompt if shown else None,
        "time_limit": game_question.time_limit,
        "opened_ms": game.opened_ms,
        "deadline_ms": game.deadline_ms,
        "paused_remaining_ms": game.paused_remaining_ms,
    }
    if question.kind == Kind.MULTIPLE_CHOICE:
        data["options"] = [
            {"choice": place, "text": option.text if shown else None}
            for place, option in enumerate(game_question.options, start=1)
        ]
    else:
        # The sentences a phone offers as evidence are those of the article already on the page:
        # pushes stay the same size whatever the article's length.
        data["verdicts"] = [{"verdict": v.value, "label": v.label, "needs_evidence": v.needs_evidence} for v in Verdict]
    return data


def _passages(game: Game, game_question: GameQuestion) -> list[dict[str, Any]]:
    """Return each evidence span inside its sentences: the passage the reveal highlights."""
    article = game_question.question.article
    passages = []
    for evidence in sorted(game_question.question.evidence, key=lambda e: e.start):
        around = [s for s in article.sentences if s.start < evidence.end and evidence.start < s.end]
        start = min([s.start for s in around] + [evidence.start])
        end = max([s.end for s in around] + [evidence.end])
        passages.append(
            {
                "before": article.text[start : evidence.start],
                "exact": evidence.exact,
                "after": article.text[evidence.end : end],
                "sentences": [s.position for s in around],
                # Code points in the article's text: the page highlights the span in its copy.
                "start": evidence.start,
                "end": evidence.end,
            }
        )
    return passages


def _reveal(session: Session, game: Game, game_question: GameQuestion) -> dict[str, Any]:
    question = game_question.question
    answers = (
        select(func.count())
        .select_from(LiveAnswer)
        .join(Player, Player.id == LiveAnswer.player_id)
        .where(LiveAnswer.game_id == game.id, LiveAnswer.position == game_question.position, Player.removed.is_(False))
    )

    def counts_by(column) -> dict:
        """Return {value of column: answers with it}."""
        return {value: count for count, value in session.execute(answers.add_columns(column).group_by(column))}

    if question.kind == Kind.MULTIPLE_CHOICE:
        counts = counts_by(LiveAnswer.choice)
        options = game_question.options
        distribution = [
            {"choice": place, "text": option.text, "count": counts.get(place, 0), "correct": option.correct}
            for place, option in enumerate(options, start=1)
        ]
        place = next(item["choice"] for item in distribution if item["correct"])
        answer = {"choice": place, "text": options[place - 1].text}
    else:
        counts = counts_by(LiveAnswer.verdict)
        distribution = [
            {"verdict": v.value, "text": v.label, "count": counts.get(v.value, 0), "correct": v.value == question.verdict}
            for v in Verdict
        ]
        answer = {"verdict": question.verdict, "text": question.verdict_enum.label}
        if question.verdict_enum.needs_evidence:
            answer["evidence_right"] = session.scalar(answers.where(LiveAnswer.evidence_correct.is_(True)))
    return {
        "answer": answer,
        "distribution": distribution,
        "answered": sum(item["count"] for item in distribution),
        "explanation": question.explanation,
        # For a claim the article does not make, the passages are the closest it comes, not evidence.
        "nearest": question.kind == Kind.CLAIM and question.verdict == Verdict.NOT_IN_ARTICLE,
        "passages": _passages(game, game_question),
    }


def leaderboard(session: Session, game: Game, size: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Player.nickname, Player.points, Player.accuracy_points, Player.rank)
        .where(Player.game_id == game.id, Player.removed.is_(False), Player.rank.is_not(None))
        .order_by(Player.rank, Player.id)
        .limit(size)
    ).all()
    return [{"rank": r.rank, "nickname": r.nickname, "points": r.points, "accuracy_points": r.accuracy_points} for r in rows]


def public_state(session: Session, game: Game, for_host: bool = False) -> dict[str, Any]:
    """Return what every player's screen shows now; one copy serves every phone of the game."""
    state: dict[str, Any] = {
        "pin": game.pin,
        "title": game.title,
        "version": game.version,
        "phase": game.phase,
        "position": game.position,
        "total": len(game.questions),
        "paused": game.paused,
        "streak_bonus": game.streak_bonus,
        "server_now_ms": now_ms(),
    }
    if game.phase == Phase.READING:
        first = game.question_at(1)
        state["reading"] = {
            "deadline_ms": game.deadline_ms,
            "seconds": game.reading_seconds,
            "article_id": first.question.article_id if first else None,
        }
    game_question = game.question_at(game.position)
    if game.phase in (Phase.QUESTION, Phase.REVEAL) and game_question is not None:
        state["question"] = _question(game, game_question, for_host)
    if game.phase == Phase.REVEAL and game_question is not None:
        state["reveal"] = _reveal(session, game, game_question)
    if game.phase == Phase.LEADERBOARD:
        state["leaderboard"] = leaderboard(session, game, LEADERBOARD_SIZE)
    if game.phase == Phase.ENDED:
        state["podium"] = leaderboard(session, game, PODIUM_SIZE)
    return state


def host_state(session: Session, game: Game) -> dict[str, Any]:
    """Return the projector's view: the public state with the full question, counts and players."""
    state = public_state(session, game, for_host=True)
    players = session.execute(
        select(Player.id, Player.nickname).where(Player.game_id == game.id, Player.removed.is_(False)).order_by(Player.id)
    ).all()
    state["host"] = {
        "screen": game.screen,
        "reading_seconds": game.reading_seconds,
        # When the last player with extra time must answer; the projector only says it waits.
        "closes_ms": game.closes_ms if game.phase == Phase.QUESTION else None,
        "locked": game.locked,
        "players": [{"id": p.id, "nickname": p.nickname} for p in players] if game.phase == Phase.LOBBY else [],
        "player_count": len(players),
        "answered": answer_count(session, game) if game.phase == Phase.QUESTION else None,
        "teacher_note": _teacher_note(game),
    }
    return state


def _teacher_note(game: Game) -> str | None:
    """Return the current question's teacher note at its reveal, else None.

    Host only, and not while the question is open: the projector is on the class's screen, and
    the note is for discussing the answer. public_state, which every phone gets, never has it.
    """
    game_question = game.question_at(game.position)
    if game.phase != Phase.REVEAL or game_question is None:
        return None
    return game_question.question.teacher_note


def host_signature(session: Session, game: Game) -> tuple:
    """Return what the host's screen depends on, cheaply, to tell when to send it again."""
    players = session.execute(
        select(func.count(), func.max(Player.id)).where(Player.game_id == game.id, Player.removed.is_(False))
    ).one()
    answered = answer_count(session, game) if game.phase == Phase.QUESTION else None
    return (game.version, game.locked, game.screen, tuple(players), answered)


def player_state(session: Session, game: Game, player: Player) -> dict[str, Any]:
    """Return a player's own standing, and their result once the current question is closed."""
    data: dict[str, Any] = {
        "nickname": player.nickname,
        "removed": player.removed,
        "points": player.points,
        "accuracy_points": player.accuracy_points,
        "correct": player.correct,
        "streak": player.streak,
        "rank": player.rank,
        "players": active_players(session, game),
        "version": game.version,
        # Percent of each question's time added for this player: theirs alone to know.
        "extra_time": player.extra_time,
    }
    if game.position:
        answer = session.scalar(
            select(LiveAnswer).where(LiveAnswer.player_id == player.id, LiveAnswer.position == game.position)
        )
        data["answered"] = answer is not None
        if game.phase in (Phase.REVEAL, Phase.LEADERBOARD, Phase.ENDED):
            data["result"] = _result(session, game, answer)
    return data


def _result(session: Session, game: Game, answer: LiveAnswer | None) -> dict[str, Any]:
    if answer is None:
        return {"position": game.position, "answered": False, "correct": False, "points": 0, "accuracy_points": 0}
    why_not = None
    if answer.choice is not None:
        # The one question answered, not the whole game: every phone asks for this at once.
        option = question_of(session, game, answer.position).options[answer.choice - 1]
        yours = option.text
        if not answer.correct:
            why_not = option.feedback
    else:
        yours = Verdict(answer.verdict).label + (f", sentence {answer.sentence_position}" if answer.sentence_position else "")
    return {
        "why_not": why_not,
        "verdict": answer.verdict,
        "sentence": answer.sentence_position,
        "position": answer.position,
        "answered": True,
        "correct": answer.correct,
        "partial": not answer.correct and answer.accuracy_points > 0,
        "verdict_correct": answer.verdict_correct,
        "evidence_correct": answer.evidence_correct,
        "points": answer.points,
        "accuracy_points": answer.accuracy_points,
        "streak": answer.streak,
        "yours": yours,
    }
