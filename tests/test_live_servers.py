"""Live games on the production server: several gunicorn workers, and two instances on one database.

These run bench/live_game.py small: it starts gunicorn itself, joins players that each hold a push
connection, and checks that every push arrives and every answer is recorded exactly once; that
the phones' request pattern (static files, own results) and the floor (bench/floor_app.py) are
measured; and that killing a worker or restarting the server mid-question loses no answer the
server acknowledged.
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

import aiohttp
import pytest
from bs4 import BeautifulSoup
from yarl import URL

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


def run_fault_bench(*arguments: str) -> dict:
    """Run a fault mode: dropped streams are expected; what counts is that no acknowledged answer is lost."""
    result = subprocess.run(
        [sys.executable, str(BENCH), *arguments],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    # Every answer sent was either acknowledged or reported as not; every acknowledged one is stored.
    assert figures["acked"] + figures["unacked"] == figures["answers_sent"] > 0, result.stdout
    assert figures["stored"] is not None and figures["lost"] == 0, result.stdout
    assert figures["stored"] >= figures["acked"], result.stdout
    return figures


# The host moves on from the answer and the leaderboard as soon as the phones have their results.
BRISK = ("--reveal-seconds", "0", "--leaderboard-seconds", "0")
NUMBERS = ("join_ms_p95", "me_ms_p95", "host_ms_p95", "floor_push_ms_p95", "floor_ratio")


def test_the_phone_pages_request_pattern_and_the_floor():
    figures = run_bench("--players", "20", "--questions", "2", "--time-limit", "6", "--floor", *BRISK)
    assert_clean(figures, 20, 2)
    for key in NUMBERS:
        assert isinstance(figures[key], (int, float)) and figures[key] > 0, (key, figures)
    # Each phone fetched the join page's static files and live.js, and revalidated the rest.
    assert figures["static_fetches"] >= 20 * 3 and figures["static_revalidated"] >= 20 * 2, figures
    # Its own result after each reveal, and at the end, as live.js's refreshMe.
    assert figures["me_fetches"] == 20 * (2 + 1), figures
    assert figures["acked"] == figures["stored"] == 40 and figures["lost"] == 0 and figures["unacked"] == 0, figures
    assert figures["floor_errors"] == 0, figures


def test_killing_a_worker_mid_question_loses_no_acknowledged_answer():
    figures = run_fault_bench("--players", "20", "--questions", "2", "--time-limit", "8", "--kill-worker", *BRISK)
    assert figures["fault"] == "kill-worker" and figures["killed_pid"], figures
    # The master replaced the worker: the question after it was pushed to every phone.
    assert figures["missed_pushes"] == 0 and figures["unacked"] == 0, figures


def test_restarting_the_server_mid_game_loses_no_acknowledged_answer():
    figures = run_fault_bench("--players", "20", "--questions", "2", "--time-limit", "15", "--restart", *BRISK)
    assert figures["fault"] == "restart" and figures["restart_s"] > 0, figures
    # The server was back before the question's time was up: the phones that retried got in.
    assert figures["unacked"] == 0, figures


@pytest.mark.postgres
def test_restarting_the_server_on_postgres_loses_no_acknowledged_answer(postgres_url):
    figures = run_fault_bench(
        "--players", "20", "--questions", "2", "--time-limit", "15", "--restart", "--database-url", postgres_url, *BRISK
    )
    assert figures["fault"] == "restart" and figures["unacked"] == 0, figures


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


def heavy_page(paragraphs: int, saying: str = "says something about it") -> bytes:
    """A saved page of nothing but paragraphs: reading it takes longer than the page is long."""
    body = "".join(f"<p>Paragraph {n} {saying}.</p>" for n in range(paragraphs))
    return f"<html><head><title>Long</title></head><body><article><h1>Long page</h1>{body}</article></body></html>".encode()


def test_heavy_uploads_leave_a_live_game_responsive(tmp_path):
    # One worker: the uploads and the game share it, as they would on a small server.
    bench = load_bench()
    email, password = "host@example.org", secrets.token_urlsafe(12)

    class Args:
        workers = 1
        instances = 1
        database_url = None
        redis_url = None

    servers = bench.start_servers(Args, tmp_path, email, password)
    url = servers.urls[0]
    stats = bench.Stats()

    async def send(session, path: str, data) -> tuple[int, str, float]:
        started = time.monotonic()
        async with session.post(url + path, data=data) as response:
            return response.status, await response.text(), time.monotonic() - started

    def page_upload(csrf: str, page: bytes):
        form = aiohttp.FormData({"csrf_token": csrf, "source": "upload"})
        form.add_field("page", io.BytesIO(page), filename="long.html", content_type="text/html")
        return form

    def gift_upload(csrf: str, text: str):
        form = aiohttp.FormData({"csrf_token": csrf, "format": "gift", "action": "check"})
        form.add_field("file", io.BytesIO(text.encode()), filename="big.gift", content_type="text/plain")
        return form

    async def scenario():
        await bench.wait_until_up([url])
        host = bench.Host(url, email, password)
        players = [bench.Player(n, url, stats) for n in range(1, 4)]
        # The same instructor in a second tab, so that the uploads do not queue behind the host's requests.
        uploader = bench.new_session(limit=10)
        try:
            return await play(host, players, uploader)
        finally:
            for player in players:
                await player.close()
            await host.session.close()
            await uploader.close()

    async def play(host, players, uploader):
        await host.sign_in_and_open(time_limit=120)
        for player in players:
            await player.join(host.pin)
        await asyncio.wait_for(asyncio.gather(*(p.waiter("lobby", 0).wait() for p in players)), 20)
        await host.act("next")
        await asyncio.wait_for(asyncio.gather(*(p.waiter("question", 1).wait() for p in players)), 20)

        uploader.cookie_jar.update_cookies(host.session.cookie_jar.filter_cookies(URL(url)))
        csrf = host.csrf
        slow_sentences = ("a. " * 6700)[:20_000]  # pysbd takes seconds over each such block
        uploads = [
            send(uploader, "/author/articles/review", page_upload(csrf, heavy_page(100_000))),  # 4.6 MB, over the element cap
            # Under the cap, but seconds to read.
            send(uploader, "/author/articles/review", page_upload(csrf, heavy_page(19_000, "says a good deal about the council and its vote"))),
            send(uploader, "/author/import", gift_upload(csrf, "Q {" + "~" * 200_000 + "}")),
            send(uploader, "/author/import", gift_upload(csrf, "\n\n".join(f"Q{n}? {{=a ~b ~c}}" for n in range(5000)))),
            send(uploader, "/author/articles", {"csrf_token": csrf, "source": "paste", "headline": "Slow",
                                                "block_kind": ["paragraph"] * 5, "block_text": [slow_sentences] * 5}),
        ]
        started = time.monotonic()
        running = asyncio.gather(*uploads)
        # While they run, the host looks at the game and each player answers, a second apart.
        state_ms = []
        answers = [asyncio.create_task(p.answer(p.latest, 1.0 + n)) for n, p in enumerate(players)]
        while not running.done() or not all(a.done() for a in answers):
            before = time.monotonic()
            await host.state()
            state_ms.append(1000 * (time.monotonic() - before))
            await asyncio.sleep(0.1)
            assert time.monotonic() - started < 90, "the uploads never finished"
        results = await running
        await asyncio.wait_for(asyncio.gather(*(p.waiter("reveal", 1).wait() for p in players)), 10)
        await host.act("end")
        return results, state_ms

    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            results, state_ms = pool.submit(lambda: asyncio.run(scenario())).result()
    finally:
        servers.stop()
    log = "".join(path.read_text() for path in tmp_path.glob("server-*.log"))
    assert "WORKER TIMEOUT" not in log and "Traceback" not in log, log[-3000:]
    # The push streams stayed up, every answer was recorded, and nothing the game asked waited a second.
    assert stats.errors == [], stats.errors
    assert len(stats.ack_ms) == 3 and max(stats.ack_ms) < 1000, stats.ack_ms
    assert max(state_ms) < 1000, sorted(state_ms)[-5:]
    messages = [(status, " ".join(BeautifulSoup(page, "html.parser").select_one("[role=alert]").get_text().split()), seconds)
                for status, page, seconds in results]
    # Each upload was refused with a reason, within a few seconds of the time limit.
    assert [status for status, _, _ in messages] == [422, messages[1][0], 400, 413, 422], messages
    assert "more than 20,000 HTML elements" in messages[0][1]
    status, message, _ = messages[1]
    # Stopped at the time limit; on a machine fast enough to read it in time, refused for its 19,001 blocks.
    assert (status == 422 and "took too long to read; try pasting its text" in message) or (
        status == 413 and "19,001 blocks" in message
    ), messages[1]
    assert "has 200,000 answers; a question may have at most 20" in messages[2][1]
    assert "5,000 questions" in messages[3][1]
    assert "took too long" in messages[4][1]
    assert all(seconds < 12 for _, _, seconds in messages), messages
