"""Measure a live game: N players on the production server, Q questions, answers over the timer.

    python bench/live_game.py --players 1000 --questions 5
    python bench/live_game.py --players 1000 --questions 5 --database-url postgresql+psycopg://postgres@127.0.0.1/test
    python bench/live_game.py --players 200 --questions 3 --instances 2 --database-url postgresql+psycopg://...
    python bench/live_game.py --players 50 --questions 2 --url http://127.0.0.1:8000

Unless --url is given it starts the production server itself (gunicorn with gevent workers, as
quiz/gunicorn_conf.py configures it) on a fresh database: a SQLite file in a temporary instance
folder, or the --database-url given (whose quiz tables it creates or upgrades). With --instances 2
it starts two separate servers on one database and spreads the players over both, the host on the
first: pushes must then cross instances (PostgreSQL LISTEN/NOTIFY, or Redis with --redis-url).

Every player is a separate cookie jar that joins with the form, as a phone does, and holds the
Server-Sent Events connection the phone's page holds. Per question the host presses "next"; each
player's push delay is measured from that press to the player's receiving the open question; then
every player answers once, at a random moment over the first 80% of the timer, and fetches its own
result after the reveal, as the page does. It prints readable figures, then one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
SET_KEY = "amazon-rekognition-letter:all"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return round(ordered[index], 1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --------------------------------------------------------------------------------------------
# The server


@dataclass
class Servers:
    urls: list[str]
    secret_key: str
    processes: list[subprocess.Popen] = field(default_factory=list)
    logs: list = field(default_factory=list)
    peak_rss_kb: int = 0

    def pids(self) -> list[int]:
        """Return the pids of every server process: each gunicorn master and its workers."""
        found = []
        for process in self.processes:
            found.append(process.pid)
            try:
                children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
            except OSError:
                continue
            found += [int(child) for child in children]
        return found

    def sample_rss(self) -> None:
        total = 0
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                continue
        self.peak_rss_kb = max(self.peak_rss_kb, total)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.close()


def start_servers(args, instance: Path, email: str, password: str) -> Servers:
    env = dict(os.environ)
    secret_key = secrets.token_hex(32)
    env.update(
        {
            "QUIZ_INSTANCE_PATH": str(instance),
            "QUIZ_WORKERS": str(args.workers),
            # Instances of one installation share a key, as they would share a config.
            "QUIZ_SECRET_KEY": secret_key,
        }
    )
    if args.database_url:
        env["QUIZ_DATABASE_URL"] = args.database_url
    if args.redis_url:
        env["QUIZ_REDIS_URL"] = args.redis_url
    flask = [sys.executable, "-m", "flask", "--app", "quiz"]
    subprocess.run(flask + ["init-db"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run(
        flask + ["create-instructor", email, "--password-stdin"],
        env=env,
        cwd=ROOT,
        check=True,
        input=password + "\n",
        capture_output=True,
        text=True,
    )
    servers = Servers(urls=[], secret_key=secret_key)
    for _ in range(args.instances):
        port = free_port()
        env["QUIZ_BIND"] = f"127.0.0.1:{port}"
        log = open(instance / f"server-{port}.log", "w")
        servers.logs.append(log)
        servers.processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "quiz" / "gunicorn_conf.py")],
                env=dict(env),
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        servers.urls.append(f"http://127.0.0.1:{port}")
    return servers


async def wait_until_up(urls: list[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as session:
        for url in urls:
            while True:
                try:
                    async with session.get(url + "/join") as response:
                        if response.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit(f"the server at {url} did not start; see its log in the instance folder")
                await asyncio.sleep(0.25)


# --------------------------------------------------------------------------------------------
# Host and players


@dataclass
class Stats:
    errors: list[str] = field(default_factory=list)
    answers_sent: int = 0
    ack_ms: list[float] = field(default_factory=list)
    push_ms: list[float] = field(default_factory=list)
    missed_pushes: int = 0

    def error(self, message: str) -> None:
        if len(self.errors) < 1000:
            self.errors.append(message)


def new_session(limit: int = 4) -> aiohttp.ClientSession:
    # Idle connections are dropped before the server's 75 s keep-alive ends, as browsers do.
    connector = aiohttp.TCPConnector(limit=limit, force_close=False, keepalive_timeout=30)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=None)
    return aiohttp.ClientSession(connector=connector, timeout=timeout, cookie_jar=aiohttp.CookieJar(unsafe=True))


class Host:
    def __init__(self, url: str, email: str, password: str):
        self.url = url
        self.email = email
        self.password = password
        self.session = new_session()
        self.game_id: int | None = None
        self.pin: str | None = None
        self.csrf: str | None = None

    async def sign_in_and_open(self, time_limit: int) -> None:
        async with self.session.get(self.url + "/account/sign-in") as response:
            token = CSRF_INPUT.search(await response.text()).group(1)
        form = {"csrf_token": token, "email": self.email, "password": self.password, "next": ""}
        async with self.session.post(self.url + "/account/sign-in", data=form) as response:
            if response.status != 200 or "/host" not in str(response.url):
                raise SystemExit(f"the host could not sign in ({response.status})")
            token = CSRF_INPUT.search(await response.text()).group(1)
        form = {
            "csrf_token": token,
            "set": SET_KEY,
            "time_limit": str(time_limit),
            "claim_time_limit": str(time_limit),
            "question_on_devices": "on",
            "late_join": "on",
        }
        async with self.session.post(self.url + "/host/games", data=form) as response:
            page = await response.text()
            if response.status != 200:
                raise SystemExit(f"the host could not open a game ({response.status})")
            self.game_id = int(re.search(r"/host/games/(\d+)", str(response.url)).group(1))
            self.pin = re.search(r'Game PIN ([\d ]+)"', page).group(1).replace(" ", "")
            self.csrf = CSRF_META.search(page).group(1)

    async def act(self, action: str) -> dict:
        async with self.session.post(
            f"{self.url}/host/games/{self.game_id}/{action}",
            # The host has answered "Are you sure?" (ending, starting with nobody) ahead.
            data={"csrf_token": self.csrf, "confirmed": "yes"},
            headers={"Accept": "application/json", "X-CSRFToken": self.csrf},
        ) as response:
            data = await response.json()
            if response.status != 200:
                raise RuntimeError(f"host {action}: {response.status} {data}")
            return data

    async def state(self) -> dict:
        async with self.session.get(f"{self.url}/host/games/{self.game_id}/state", headers={"Accept": "application/json"}) as response:
            return await response.json()

    async def results_csv(self) -> str:
        async with self.session.get(f"{self.url}/host/games/{self.game_id}/results.csv") as response:
            return await response.text()


class Player:
    def __init__(self, number: int, url: str, stats: Stats):
        self.number = number
        self.url = url
        self.stats = stats
        self.session = new_session()
        self.csrf: str | None = None
        self.pin: str | None = None
        self.states: dict[tuple[str, int], float] = {}
        self.arrived: dict[tuple[str, int], asyncio.Event] = {}
        self.latest: dict = {}
        self.stream_task: asyncio.Task | None = None

    def waiter(self, phase: str, position: int) -> asyncio.Event:
        return self.arrived.setdefault((phase, position), asyncio.Event())

    async def join(self, pin: str) -> None:
        self.pin = pin
        async with self.session.get(f"{self.url}/join?pin={pin}") as response:
            token = CSRF_INPUT.search(await response.text()).group(1)
        form = {"csrf_token": token, "pin": pin, "nickname": f"Player {self.number}", "action": "join"}
        async with self.session.post(f"{self.url}/join", data=form) as response:
            page = await response.text()
            if response.status != 200 or "/play/" not in str(response.url):
                raise RuntimeError(f"join failed: {response.status}")
            self.csrf = CSRF_META.search(page).group(1)
        self.stream_task = asyncio.create_task(self.listen())

    async def listen(self) -> None:
        """Hold the push connection as the page does, noting when each state arrives."""
        while True:
            try:
                async with self.session.get(f"{self.url}/play/{self.pin}/events", headers={"Accept": "text/event-stream"}) as response:
                    event = None
                    async for raw in response.content:
                        line = raw.decode().rstrip("\n")
                        if line.startswith("event: "):
                            event = line[7:]
                        elif line.startswith("data: ") and event == "state":
                            state = json.loads(line[6:])
                            self.latest = state
                            key = (state["phase"], state["position"])
                            if key not in self.states:
                                self.states[key] = time.monotonic()
                                self.waiter(*key).set()
                if self.latest.get("phase") == "ended":
                    return
                self.stats.error(f"player {self.number}: push stream closed")
            except asyncio.CancelledError:
                raise
            except Exception as error:
                self.stats.error(f"player {self.number}: push stream failed: {error!r}")
            await asyncio.sleep(2)

    async def answer(self, state: dict, delay: float) -> None:
        await asyncio.sleep(delay)
        question = state["question"]
        form = {"csrf_token": self.csrf, "position": str(question["position"])}
        if question["kind"] == "multiple_choice":
            form["choice"] = str(random.randint(1, len(question["options"])))
        else:
            verdict = random.choice(question["verdicts"])
            form["verdict"] = verdict["verdict"]
            if verdict["needs_evidence"]:
                form["sentence"] = str(random.choice(question["sentences"])["position"])
        self.stats.answers_sent += 1
        started = time.monotonic()
        try:
            async with self.session.post(
                f"{self.url}/play/{self.pin}/answer", data=form, headers={"Accept": "application/json", "X-CSRFToken": self.csrf}
            ) as response:
                body = await response.json()
                if response.status != 200 or not body.get("recorded"):
                    self.stats.error(f"player {self.number}: answer refused {response.status} {body}")
                    return
        except Exception as error:
            self.stats.error(f"player {self.number}: answer failed: {error!r}")
            return
        self.stats.ack_ms.append(1000 * (time.monotonic() - started))

    async def fetch_me(self) -> None:
        await asyncio.sleep(random.random())
        try:
            async with self.session.get(f"{self.url}/play/{self.pin}/me", headers={"Accept": "application/json"}) as response:
                if response.status != 200:
                    self.stats.error(f"player {self.number}: own result {response.status}")
                await response.read()
        except Exception as error:
            self.stats.error(f"player {self.number}: own result failed: {error!r}")

    async def close(self) -> None:
        if self.stream_task:
            self.stream_task.cancel()
            try:
                await self.stream_task
            except (asyncio.CancelledError, Exception):
                pass
        await self.session.close()


# --------------------------------------------------------------------------------------------
# The game


async def play(args, urls: list[str], email: str, password: str, servers: Servers | None) -> dict:
    stats = Stats()
    host = Host(urls[0], email, password)
    await host.sign_in_and_open(args.time_limit)
    print(f"game {host.game_id} open, PIN {host.pin}; joining {args.players} players over {len(urls)} instance(s)")

    async def sample():
        while servers:
            servers.sample_rss()
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample())
    players = [Player(n, urls[n % len(urls)], stats) for n in range(1, args.players + 1)]
    gate = asyncio.Semaphore(64)

    async def join(player: Player):
        async with gate:
            try:
                await player.join(host.pin)
            except Exception as error:
                stats.error(f"player {player.number}: could not join: {error!r}")

    started = time.monotonic()
    await asyncio.gather(*(join(p) for p in players))
    joined = [p for p in players if p.stream_task]
    # Every push connection must be open (its first state in) before the game starts.
    await asyncio.gather(*(asyncio.wait_for(p.waiter("lobby", 0).wait(), 60) for p in joined), return_exceptions=True)
    print(f"{len(joined)} players joined and listening in {time.monotonic() - started:.1f} s")

    questions = 0
    for number in range(1, args.questions + 1):
        pressed = time.monotonic()
        await host.act("next")
        waits = [asyncio.wait_for(p.waiter("question", number).wait(), args.time_limit) for p in joined]
        results = await asyncio.gather(*waits, return_exceptions=True)
        for player, result in zip(joined, results):
            if isinstance(result, Exception):
                stats.missed_pushes += 1
                stats.error(f"player {player.number}: question {number} never arrived")
            else:
                stats.push_ms.append(1000 * (player.states[("question", number)] - pressed))
        spread = args.time_limit * 0.8
        opened = time.monotonic()
        await asyncio.gather(
            *(
                p.answer(p.latest, max(0.0, random.uniform(0.3, spread) - (time.monotonic() - opened)))
                for p in joined
                if p.latest.get("phase") == "question" and p.latest.get("position") == number
            )
        )
        # The question closes when everyone has answered, or when its time is up.
        while (await host.state())["phase"] == "question":
            await asyncio.sleep(0.2)
        await asyncio.gather(*(p.fetch_me() for p in joined))
        questions += 1
        print(
            f"question {number}: push p95 {percentile(stats.push_ms, 0.95)} ms, "
            f"ack p95 {percentile(stats.ack_ms, 0.95)} ms, errors so far {len(stats.errors)}"
        )
        await host.act("next")  # the leaderboard
    await host.act("end")
    csv_text = await host.results_csv()
    sampler.cancel()
    header, *rows = list(csv.reader(io.StringIO(csv_text.removeprefix("\ufeff"))))
    result_columns = [i for i, name in enumerate(header) if re.match(r"Q\d+: .* result$", name)][:questions]
    recorded = sum(1 for row in rows for i in result_columns if i < len(row) and row[i] not in ("no answer", "not played"))
    await asyncio.gather(*(p.close() for p in players))
    await host.session.close()
    return {
        "players": len(joined),
        "answers_sent": stats.answers_sent,
        "answers_recorded": recorded,
        "errors": len(stats.errors),
        "ack_ms_p50": percentile(stats.ack_ms, 0.50),
        "ack_ms_p95": percentile(stats.ack_ms, 0.95),
        "ack_ms_p99": percentile(stats.ack_ms, 0.99),
        "push_ms_p50": percentile(stats.push_ms, 0.50),
        "push_ms_p95": percentile(stats.push_ms, 0.95),
        "push_ms_p99": percentile(stats.push_ms, 0.99),
        "server_peak_rss_mb": round(servers.peak_rss_kb / 1024, 1) if servers else None,
        "_errors": stats.errors[:10],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--players", type=int, required=True)
    parser.add_argument("--questions", type=int, required=True)
    parser.add_argument("--url", help="a running server; otherwise one is started")
    parser.add_argument("--database-url", help="the database the started server uses (default: SQLite in a temporary folder)")
    parser.add_argument("--redis-url", help="Redis for the started server's fan-out")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per started server (default 2)")
    parser.add_argument("--instances", type=int, default=1, help="separate servers on one database (default 1)")
    parser.add_argument("--time-limit", type=int, default=20, help="seconds per question (default 20)")
    parser.add_argument("--email", default=os.environ.get("BENCH_EMAIL"), help="instructor for --url (or BENCH_EMAIL)")
    parser.add_argument("--password", default=os.environ.get("BENCH_PASSWORD"), help="(or BENCH_PASSWORD)")
    args = parser.parse_args()
    if not 1 <= args.questions <= 47:
        parser.error("--questions must be 1 to 47 (the built-in bank)")

    servers = None
    email, password = args.email, args.password
    server_errors = 0
    with tempfile.TemporaryDirectory(prefix="quiz-bench-") as folder:
        try:
            if args.url:
                if not (email and password):
                    parser.error("--url needs --email and --password of an instructor on that server")
                urls = [args.url.rstrip("/")]
            else:
                email, password = f"bench-{secrets.token_hex(4)}@example.org", secrets.token_urlsafe(16)
                servers = start_servers(args, Path(folder), email, password)
                urls = servers.urls
            asyncio.run(wait_until_up(urls))
            figures = asyncio.run(play(args, urls, email, password, servers))
        finally:
            if servers:
                servers.stop()
                for log in sorted(Path(folder).glob("server-*.log")):
                    text = log.read_text()
                    # A server that logged a traceback had an error, whatever the players saw.
                    server_errors += text.count("Traceback")
                    if "Traceback" in text:
                        start = text.index("Traceback")
                        print(f"{log.name} logged errors; the first:\n{text[max(0, start - 300):start + 3000]}", file=sys.stderr)
    figures["errors"] += server_errors
    sample_errors = figures.pop("_errors")
    print()
    print(f"players {figures['players']}, answers sent {figures['answers_sent']}, recorded {figures['answers_recorded']}, errors {figures['errors']}")
    print(f"answer acknowledgement ms: p50 {figures['ack_ms_p50']}  p95 {figures['ack_ms_p95']}  p99 {figures['ack_ms_p99']}")
    print(f"push 'next' -> phone ms:   p50 {figures['push_ms_p50']}  p95 {figures['push_ms_p95']}  p99 {figures['push_ms_p99']}")
    print(f"server peak RSS: {figures['server_peak_rss_mb']} MB")
    for error in sample_errors:
        print("error:", error)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
