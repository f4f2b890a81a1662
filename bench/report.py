"""Time the results reports of a live game and of an assignment for many students: each one's page
and JSON, and count queries.

    python bench/report.py --players 1000 --questions 20

Builds, in a fresh SQLite database (the app factory, a temporary instance folder, the real setup
path, then bulk inserts), a live game of that many players and questions, and an assignment of
that many students and questions, each student with one handed-in attempt. Signs in as their owner
through the Flask test client and times GET /host/games/<id>/results and /results.json, and
/assignments/<id>/report and /report.json. The number of SQL queries per request must not grow with
players or questions. Prints the figures, then one JSON line (the assignment's figures are the
ones named assignment_...).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datetime import timedelta  # noqa: E402

from sqlalchemy import event, insert, select  # noqa: E402

from quiz import create_app, db  # noqa: E402
from quiz.accounts.models import Instructor  # noqa: E402
from quiz.accounts.service import create_instructor  # noqa: E402
from quiz.articles.models import utcnow  # noqa: E402
from quiz.assignments.models import Assignment, AssignmentItem, AssignmentStudent  # noqa: E402
from quiz.bank.kinds import Kind  # noqa: E402
from quiz.install import setup_database  # noqa: E402
from quiz.models import Game, GameQuestion, LiveAnswer, Player, Question  # noqa: E402
from quiz.study.models import Answer, Attempt, AttemptItem  # noqa: E402

EMAIL = "bench@example.org"
PASSWORD = "correct horse battery staple 42"


def build(app, players: int, questions: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    with app.app_context():
        session = db.session()
        host = create_instructor(session, EMAIL, PASSWORD)
        session.flush()
        bank = session.scalars(select(Question).where(Question.kind == Kind.MULTIPLE_CHOICE).order_by(Question.id)).all()
        picked = [bank[n % len(bank)] for n in range(questions)]
        game = Game(pin="424242", host_id=host.id, title="Bench", time_limit=30, reading_seconds=None, phase="ended", position=questions)
        session.add(game)
        session.flush()
        keys = []
        for position, question in enumerate(picked, start=1):
            order = [option.id for option in question.options]
            session.add(GameQuestion(game_id=game.id, position=position, question_id=question.id, option_order=order))
            keys.append(1 + next(i for i, option in enumerate(question.options) if option.correct))
        session.execute(
            insert(Player),
            [{"game_id": game.id, "nickname": f"Player {n}", "nickname_key": f"player {n}", "rank": n, "points": 0} for n in range(1, players + 1)],
        )
        ids = session.scalars(select(Player.id).where(Player.game_id == game.id).order_by(Player.id)).all()
        rows = []
        for strength, player_id in zip((rng.random() for _ in ids), ids):
            for position, key in enumerate(keys, start=1):
                if rng.random() < 0.05:
                    continue  # no answer
                right = rng.random() < 0.3 + 0.6 * strength
                rows.append({
                    "game_id": game.id, "player_id": player_id, "position": position,
                    "choice": key if right else key % 4 + 1, "answered_ms": 0, "elapsed_ms": rng.randint(1000, 30000),
                    "correct": right, "accuracy_points": 100 if right else 0, "points": 100 if right else 0, "streak": 0,
                })
        session.execute(insert(LiveAnswer), rows)
        session.commit()
        return game.id


def build_assignment(app, students: int, questions: int, seed: int = 2) -> int:
    """An assignment of multiple-choice questions, each student with one handed-in attempt whose
    options are shuffled, as students' attempts are; 5% of the questions left unanswered."""
    rng = random.Random(seed)
    with app.app_context():
        session = db.session()
        owner = session.scalar(select(Instructor).where(Instructor.email == EMAIL))
        bank = session.scalars(select(Question).where(Question.kind == Kind.MULTIPLE_CHOICE).order_by(Question.id)).all()
        picked = [bank[n % len(bank)] for n in range(questions)]
        # The bank has fewer questions than some runs ask for; an assignment holds each question once.
        if len(set(picked)) < len(picked):
            raise SystemExit(f"the built-in bank has {len(bank)} multiple-choice questions; ask for at most that many")
        assignment = Assignment(owner_id=owner.id, title="Bench homework", code="BENCH7", source="Bench", attempts_allowed=1)
        session.add(assignment)
        session.flush()
        for position, question in enumerate(picked, start=1):
            session.add(AssignmentItem(assignment_id=assignment.id, position=position, question_id=question.id))
        started = utcnow() - timedelta(days=1)
        session.execute(
            insert(AssignmentStudent),
            [
                {"assignment_id": assignment.id, "name": f"Student {n}", "name_key": f"student {n}", "class_name": "9B", "class_key": "9b",
                 "number": str(n), "token": f"bench-student-{n}", "created_at": started}
                for n in range(1, students + 1)
            ],
        )
        student_ids = session.scalars(select(AssignmentStudent.id).where(AssignmentStudent.assignment_id == assignment.id).order_by(AssignmentStudent.id)).all()
        session.execute(
            insert(Attempt),
            [
                {"token": f"bench-attempt-{student_id}", "round_kind": "assignment", "assignment_student_id": student_id, "number": 1,
                 "created_at": started, "finished_at": started + timedelta(minutes=20)}
                for student_id in student_ids
            ],
        )
        attempt_ids = session.scalars(
            select(Attempt.id).join(AssignmentStudent).where(AssignmentStudent.assignment_id == assignment.id).order_by(Attempt.id)
        ).all()
        orders = {question.id: [option.id for option in question.options] for question in picked}
        items = []
        for attempt_id in attempt_ids:
            for position, question in enumerate(picked, start=1):
                order = orders[question.id][:]
                rng.shuffle(order)
                items.append({"attempt_id": attempt_id, "position": position, "question_id": question.id, "option_order": order,
                              "shown_at": started + timedelta(minutes=position)})
        session.execute(insert(AttemptItem), items)
        item_rows = session.execute(
            select(AttemptItem.id, AttemptItem.attempt_id, AttemptItem.question_id)
            .join(Attempt).join(AssignmentStudent).where(AssignmentStudent.assignment_id == assignment.id)
        ).all()
        right_option = {question.id: next(o.id for o in question.options if o.correct) for question in picked}
        wrong_option = {question.id: next(o.id for o in question.options if not o.correct) for question in picked}
        strength = {attempt_id: rng.random() for attempt_id in attempt_ids}
        answers = []
        for item_id, attempt_id, question_id in item_rows:
            if rng.random() < 0.05:
                continue  # no answer
            right = rng.random() < 0.3 + 0.6 * strength[attempt_id]
            answers.append({
                "item_id": item_id, "option_id": right_option[question_id] if right else wrong_option[question_id],
                "correct": right, "points": 100 if right else 0, "answered_at": started + timedelta(minutes=1, seconds=rng.randint(5, 55)),
            })
        session.execute(insert(Answer), answers)
        session.commit()
        return assignment.id


def sign_in(client) -> None:
    page = client.get("/account/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(r'value="([^"]+)"[^>]*name="csrf_token"', page)
    response = client.post("/account/sign-in", data={"csrf_token": token.group(1), "email": EMAIL, "password": PASSWORD})
    assert response.status_code == 303, response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder)
        app = create_app({
            "SECRET_KEY": "bench-secret-key-not-for-production-0000000",
            "INSTANCE_PATH": str(instance),
            "DATABASE_URL": f"sqlite:///{instance / 'quiz.sqlite'}",
            "LIVE_BACKGROUND": False,
            "WTF_CSRF_ENABLED": True,
        })
        setup_database(app)
        started = time.perf_counter()
        game_id = build(app, args.players, args.questions)
        assignment_id = build_assignment(app, args.players, args.questions)
        built_s = time.perf_counter() - started
        engine = app.extensions["quiz.engine"]
        queries = [0]
        event.listen(engine, "before_cursor_execute", lambda *a, **k: queries.__setitem__(0, queries[0] + 1))
        client = app.test_client()
        sign_in(client)
        figures: dict[str, object] = {"players": args.players, "questions": args.questions, "build_s": round(built_s, 2)}
        timed = {
            "page": f"/host/games/{game_id}/results",
            "json": f"/host/games/{game_id}/results.json",
            "assignment_page": f"/assignments/{assignment_id}/report",
            "assignment_json": f"/assignments/{assignment_id}/report.json",
        }
        for name, path in timed.items():
            times = []
            for _ in range(args.repeat):
                queries[0] = 0
                started = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - started)
                assert response.status_code == 200, (path, response.status_code)
            figures[f"{name}_s"] = round(statistics.median(times), 3)
            figures[f"{name}_queries"] = queries[0]
            figures[f"{name}_bytes"] = len(response.get_data())
        print(f"{args.players} players x {args.questions} questions, and as many students in an assignment (built in {built_s:.1f} s)")
        for name in timed:
            print(f"  {name:15} {figures[f'{name}_s']:.3f} s median of {args.repeat}, {figures[f'{name}_queries']} SQL queries, {figures[f'{name}_bytes']} bytes")
        figures["ok"] = all(figures[f"{name}_s"] < 1 for name in timed)
        print(json.dumps(figures))
        engine.dispose()


if __name__ == "__main__":
    main()
