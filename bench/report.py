"""Time a live game's results report for many players: the page and the JSON, and count queries.

    python bench/report.py --players 1000 --questions 20

Builds the game in a fresh SQLite database (the app factory, a temporary instance folder, the
real setup path, then bulk inserts of players and answers), signs in as the host through the
Flask test client, and times GET /host/games/<id>/results and /results.json. The number of SQL
queries per request must not grow with players or questions. Prints the figures, then one JSON line.
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

from sqlalchemy import event, insert, select  # noqa: E402

from quiz import create_app, db  # noqa: E402
from quiz.accounts.service import create_instructor  # noqa: E402
from quiz.bank.kinds import Kind  # noqa: E402
from quiz.install import setup_database  # noqa: E402
from quiz.models import Game, GameQuestion, LiveAnswer, Player, Question  # noqa: E402

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
        built_s = time.perf_counter() - started
        engine = app.extensions["quiz.engine"]
        queries = [0]
        event.listen(engine, "before_cursor_execute", lambda *a, **k: queries.__setitem__(0, queries[0] + 1))
        client = app.test_client()
        sign_in(client)
        figures: dict[str, object] = {"players": args.players, "questions": args.questions, "build_s": round(built_s, 2)}
        for name, path in (("page", f"/host/games/{game_id}/results"), ("json", f"/host/games/{game_id}/results.json")):
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
        print(f"{args.players} players x {args.questions} questions (built in {built_s:.1f} s)")
        for name in ("page", "json"):
            print(f"  {name:5} {figures[f'{name}_s']:.3f} s median of {args.repeat}, {figures[f'{name}_queries']} SQL queries, {figures[f'{name}_bytes']} bytes")
        figures["ok"] = all(figures[f"{name}_s"] < 1 for name in ("page", "json"))
        print(json.dumps(figures))
        engine.dispose()


if __name__ == "__main__":
    main()
