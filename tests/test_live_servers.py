"""Live games on the production server: several gunicorn workers, and two instances on one database.

These run bench/live_game.py small: it starts gunicorn itself, joins players that each hold a push
connection, and checks that every push arrives and every answer is recorded exactly once.
"""

from __future__ import annotations

import asyncio
import csv
import io
import importlib.util
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import PROJECT_ROOT

BENCH = PROJECT_ROOT / "bench" / "live_game.py"


def run_bench(*arguments: str) -> dict:
    result = subprocess.run(
        [sys.executable, str(BENCH), *arguments],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["errors"] == 0, result.stdout
    return figures


def assert_clean(figures: dict, players: int, questions: int) -> None:
    assert figures["players"] == players
    assert figures["answers_sent"] == players * questions
    assert figures["answers_recorded"] == figures["answers_sent"]
    assert figures["push_ms_p95"] is not None and figures["ack_ms_p95"] is not None


def test_several_gunicorn_workers_on_sqlite():
    figures = run_bench("--players", "40", "--questions", "2", "--time-limit", "6", "--workers", "3")
    assert_clean(figures, 40, 2)
    assert figures["server_peak_rss_mb"] > 0


@pytest.mark.postgres
def test_two_instances_on_one_postgres_database(postgres_url):
    # No Redis: the instances hear of each other's changes through LISTEN/NOTIFY.
    figures = run_bench(
        "--players", "40", "--questions", "2", "--time-limit", "6", "--instances", "2", "--database-url", postgres_url
    )
    assert_clean(figures, 40, 2)


@pytest.mark.postgres
def test_two_instances_fanned_out_through_redis(postgres_url, redis_url):
    figures = run_bench(
        "--players", "40", "--questions", "2", "--time-limit", "6", "--instances", "2",
        "--database-url", postgres_url, "--redis-url", redis_url,
    )
    assert_clean(figures, 40, 2)


def load_bench():
    spec = importlib.util.spec_from_file_location("live_game_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_restarting_the_server_mid_question_loses_no_answer(tmp_path):
    bench = load_bench()
    email, password = "host@example.org", secrets.token_urlsafe(12)

    class Args:
        workers = 2
        instances = 1
        database_url = None
        redis_url = None

    servers = bench.start_servers(Args, tmp_path, email, password)
    url = servers.urls[0]
    port = url.rsplit(":", 1)[1]
    stats = bench.Stats()

    async def scenario():
        await bench.wait_until_up([url])
        host = bench.Host(url, email, password)
        await host.sign_in_and_open(time_limit=60)
        players = [bench.Player(n, url, stats) for n in range(1, 4)]
        for player in players:
            await player.join(host.pin)
        await asyncio.wait_for(asyncio.gather(*(p.waiter("lobby", 0).wait() for p in players)), 20)
        await host.act("next")
        await asyncio.wait_for(asyncio.gather(*(p.waiter("question", 1).wait() for p in players)), 20)
        await players[0].answer(players[0].latest, 0)
        await players[1].answer(players[1].latest, 0)

        # Stop the server mid-question and start it again on the same port and database.
        for process in servers.processes:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
        env = dict(os.environ, QUIZ_INSTANCE_PATH=str(tmp_path), QUIZ_BIND=f"127.0.0.1:{port}",
                   QUIZ_SECRET_KEY=servers.secret_key)
        servers.processes = [
            subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(PROJECT_ROOT / "quiz" / "gunicorn_conf.py")],
                             env=env, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ]
        await bench.wait_until_up([url])
        # The players' cookies still name them; the last one answers, and the question closes.
        await players[2].answer(players[2].latest, 0)
        deadline = time.monotonic() + 20
        while (await host.state())["phase"] == "question":
            assert time.monotonic() < deadline, "the question never closed after the restart"
            await asyncio.sleep(0.2)
        # The phones' push connections came back by themselves and saw the reveal.
        await asyncio.wait_for(asyncio.gather(*(p.waiter("reveal", 1).wait() for p in players)), 20)
        state = await host.state()
        await host.act("end")
        csv_text = await host.results_csv()
        for player in players:
            await player.close()
        await host.session.close()
        return state, csv_text

    try:
        # In a thread of its own: the browser tests' Playwright keeps an event loop in this one.
        with ThreadPoolExecutor(max_workers=1) as pool:
            state, csv_text = pool.submit(lambda: asyncio.run(scenario())).result()
    finally:
        servers.stop()
    assert state["reveal"]["answered"] == 3
    header, *rows = list(csv.reader(io.StringIO(csv_text.removeprefix("\ufeff"))))
    first = next(i for i, name in enumerate(header) if name.startswith("Q1: ") and name.endswith(" result"))
    # Two answered the first question before the restart, one after: all three were kept.
    assert len(rows) == 3 and all(row[first] in ("right", "partly right", "wrong") for row in rows), rows
    assert stats.answers_sent == 3 and len(stats.ack_ms) == 3
