"""Measure a live game: N players on the production server, Q questions, answers over the timer.

    python bench/live_game.py --players 1000 --questions 5
    python bench/live_game.py --players 1000 --questions 5 --database-url postgresql+psycopg://postgres@127.0.0.1/test
    python bench/live_game.py --players 200 --questions 3 --instances 2 --database-url postgresql+psycopg://...
    python bench/live_game.py --players 50 --questions 2 --url http://127.0.0.1:8000
    python bench/live_game.py --players 2000 --questions 3 --floor
    python bench/live_game.py --players 300 --questions 3 --kill-worker
    python bench/live_game.py --players 300 --questions 3 --restart

Unless --url is given it starts the production server itself (gunicorn with gevent workers, as
quiz/gunicorn_conf.py configures it) on a fresh database: a SQLite file in a temporary instance
folder, or the --database-url given (whose quiz tables it creates or upgrades). With --instances 2
it starts two separate servers on one database and spreads the players over both, the host on the
first: pushes must then cross instances (PostgreSQL LISTEN/NOTIFY, or Redis with --redis-url).

Every player does what the phone's page does (templates/live/play.html, quiz/static/js/live.js):
it is a separate cookie jar that opens the join page with its static files, joins with the form,
loads the play page (revalidating the static files it already has, as a browser does with files
served "no-cache", and fetching live.js), and holds the Server-Sent Events connection the page
holds, reconnecting 2 s after it drops. It fetches its own result (GET /play/<pin>/me) when the page
does: after each reveal and at the end, each after a random wait of up to a second. The host holds
the projector's stream. Per question the host presses "next"; each player's
push delay is measured from that press to the player's receiving the open question; each player
answers once, at a random moment over the first 60% (--answer-spread) of the timer, and, should the
answer not be acknowledged (no connection, a server error), sends the same answer again with
backoff while the question is open, as a well-behaved phone would (live.js itself leaves that to the
player's tapping again). Once the question closes the host shows the answer for at least
--reveal-seconds, and until the phones have their own results, then the leaderboard for
--leaderboard-seconds, and presses "next" again.

Figures: answer acknowledgement, push, join (join page to play page with the static files), own
result fetch, and host action latencies. After the game it reads the database to compare the
answers acknowledged to the phones with those stored: an acknowledged answer missing from the
database is lost.

--floor then runs the same game, the same number of players with the same timing and client,
against bench/floor_app.py, a minimal Flask broadcast app under the same gunicorn settings, and
prints the app's push p95 as a multiple of the floor's. --kill-worker sends SIGKILL to one gunicorn
worker mid-question; --restart restarts the whole server mid-question (SIGTERM, then a new start on
the same port and database).

It prints readable figures, then one JSON line.
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
from urllib.parse import urljoin

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
SET_KEY = "amazon-rekognition-letter:all"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
# What a browser fetches with a page: its style sheets, icon and scripts.
STATIC_LINK = re.compile(r'<link [^>]*rel="(?:stylesheet|icon)"[^>]*href="([^"]+)"|<link [^>]*href="([^"]+)"[^>]*rel="(?:stylesheet|icon)"')
STATIC_SCRIPT = re.compile(r'<script [^>]*src="([^"]+)"')
ANSWER_ATTEMPT_SECONDS = 20
HOST_ATTEMPT_SECONDS = 30


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


def static_files(page: str, base: str) -> list[str]:
    """Return the addresses of the static files a page links, in the order a browser finds them."""
    found = []
    for match in STATIC_LINK.finditer(page):
        found.append(match.group(1) or match.group(2))
    found += STATIC_SCRIPT.findall(page)
    return list(dict.fromkeys(urljoin(base, address) for address in found))


# --------------------------------------------------------------------------------------------
# The server


@dataclass
class Servers:
    urls: list[str]
    secret_key: str
    processes: list[subprocess.Popen] = field(default_factory=list)
    logs: list = field(default_factory=list)
    peak_rss_kb: int = 0
    # How each was started, to start it again (--restart).
    commands: list[list[str]] = field(default_factory=list)
    envs: list[dict] = field(default_factory=list)
    log_paths: list[Path] = field(default_factory=list)

    def workers(self, index: int = 0) -> list[int]:
        """Return the pids of one server's gunicorn workers."""
        process = self.processes[index]
        try:
            return [int(child) for child in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
        except OSError:
            return []

    def pids(self) -> list[int]:
        """Return the pids of every server process: each gunicorn master and its workers."""
        found = []
        for index, process in enumerate(self.processes):
            found.append(process.pid)
            found += self.workers(index)
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

    def kill_worker(self, index: int = 0) -> int | None:
        """SIGKILL one worker of a server, as the kernel's OOM killer or a crash would; return its pid."""
        workers = self.workers(index)
        if not workers:
            return None
        victim = random.choice(workers)
        os.kill(victim, signal.SIGKILL)
        return victim

    def restart(self) -> None:
        """Stop every server (SIGTERM: gunicorn's graceful stop) and start each again as before."""
        self.stop(timeout=30)
        self.logs, self.processes = [], []
        for command, env, path in zip(self.commands, self.envs, self.log_paths):
            log = open(path, "a")
            self.logs.append(log)
            self.processes.append(subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM every server, and SIGKILL one that has not stopped after `timeout` seconds."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.close()

    def launch(self, command: list[str], env: dict, log_path: Path, url: str) -> None:
        log = open(log_path, "w")
        self.logs.append(log)
        self.commands.append(command)
        self.envs.append(env)
        self.log_paths.append(log_path)
        self.processes.append(subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))
        self.urls.append(url)


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
    for _ in range(getattr(args, "instances", 1)):
        port = free_port()
        env["QUIZ_BIND"] = f"127.0.0.1:{port}"
        servers.launch(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "quiz" / "gunicorn_conf.py")],
            dict(env),
            instance / f"server-{port}.log",
            f"http://127.0.0.1:{port}",
        )
    return servers


def start_floor(workers: int, folder: Path) -> Servers:
    """Start bench/floor_app.py under the app's gunicorn settings, with as many workers."""
    sockets = folder / "floor-sockets"
    sockets.mkdir(exist_ok=True)
    port = free_port()
    env = dict(os.environ, QUIZ_BIND=f"127.0.0.1:{port}", QUIZ_WORKERS=str(workers), FLOOR_DIR=str(sockets))
    servers = Servers(urls=[], secret_key="")
    servers.launch(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "bench" / "floor_app.py")],
        env,
        folder / f"floor-{port}.log",
        f"http://127.0.0.1:{port}",
    )
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
    error_count: int = 0
    answers_sent: int = 0
    ack_ms: list[float] = field(default_factory=list)
    push_ms: list[float] = field(default_factory=list)
    missed_pushes: int = 0
    join_ms: list[float] = field(default_factory=list)
    me_ms: list[float] = field(default_factory=list)
    host_ms: list[float] = field(default_factory=list)
    static_fetches: int = 0
    static_revalidated: int = 0
    # (player number, question position) of every answer the server acknowledged.
    acked: set[tuple[int, int]] = field(default_factory=set)
    unacked: int = 0
    answer_retries: int = 0
    host_retries: int = 0
    # Once a fault is injected, dropped streams and failed attempts are expected: counted here.
    fault: bool = False
    reconnects: int = 0
    # The largest pushed state seen per phase, in bytes, for the floor to send the same.
    state_bytes: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)

    def error(self, message: str) -> None:
        self.error_count += 1
        # Counted by kind: the message without the player's number and the details that vary.
        kind = re.sub(r"^player \d+: ", "", message)
        kind = re.sub(r"question \d+", "question N", kind)
        kind = re.sub(r"\d{3} \{'error': '([^']*)'\}", r"\1", kind)[:100]
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if len(self.errors) < 1000:
            self.errors.append(message)


def new_session(limit: int = 4) -> aiohttp.ClientSession:
    # Idle connections are dropped before the server's 75 s keep-alive ends, as browsers do.
    connector = aiohttp.TCPConnector(limit=limit, force_close=False, keepalive_timeout=30)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=None)
    return aiohttp.ClientSession(connector=connector, timeout=timeout, cookie_jar=aiohttp.CookieJar(unsafe=True))


async def read_stream(response: aiohttp.ClientResponse):
    """Yield (event, data) for each Server-Sent Event of a response."""
    event, data = None, []
    async for raw in response.content:
        line = raw.decode().rstrip("\n").rstrip("\r")
        if not line:
            if data:
                yield event, "\n".join(data)
            event, data = None, []
        elif line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: "):
            data.append(line[6:])


class Host:
    def __init__(self, url: str, email: str, password: str, stats: Stats | None = None):
        self.url = url
        self.email = email
        self.password = password
        self.stats = stats or Stats()
        self.session = new_session()
        self.game_id: int | None = None
        self.pin: str | None = None
        self.csrf: str | None = None
        self.latest: dict = {}
        self.changed = asyncio.Event()
        self.stream_task: asyncio.Task | None = None

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

    def follow(self) -> None:
        """Hold the projector's stream, as its page does."""
        self.stream_task = asyncio.create_task(self._listen())

    async def _listen(self) -> None:
        while True:
            try:
                async with self.session.get(
                    f"{self.url}/host/games/{self.game_id}/events", headers={"Accept": "text/event-stream"}
                ) as response:
                    async for event, data in read_stream(response):
                        if event == "host":
                            self.latest = json.loads(data)
                            self.changed.set()
                if self.latest.get("phase") == "ended":
                    return
                if not self.stats.fault:
                    self.stats.error("host: projector stream closed")
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if not self.stats.fault:
                    self.stats.error(f"host: projector stream failed: {error!r}")
            self.stats.reconnects += 1
            await asyncio.sleep(2)

    async def act(self, action: str, expect=None) -> dict:
        """Press a button of the projector, timed. Should the connection fail, and the game's
        state not show the action done (expect), press it again once the server answers."""
        started = time.monotonic()
        while True:
            try:
                async with self.session.post(
                    f"{self.url}/host/games/{self.game_id}/{action}",
                    # The host has answered "Are you sure?" (ending, starting with nobody) ahead.
                    data={"csrf_token": self.csrf, "confirmed": "yes"},
                    headers={"Accept": "application/json", "X-CSRFToken": self.csrf},
                    timeout=aiohttp.ClientTimeout(total=HOST_ATTEMPT_SECONDS),
                ) as response:
                    data = await response.json()
                    if response.status != 200:
                        raise RuntimeError(f"host {action}: {response.status} {data}")
                    self.stats.host_ms.append(1000 * (time.monotonic() - started))
                    return data
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                if expect is None or time.monotonic() - started > 120:
                    raise
                self.stats.host_retries += 1
                await asyncio.sleep(1)
                try:
                    state = await self.state()
                except Exception:
                    continue
                if expect(state):
                    self.stats.host_ms.append(1000 * (time.monotonic() - started))
                    return state
                if not self.stats.fault:
                    self.stats.error(f"host {action} failed, pressed again: {error!r}")

    async def state(self) -> dict:
        async with self.session.get(
            f"{self.url}/host/games/{self.game_id}/state",
            headers={"Accept": "application/json"},
            timeout=aiohttp.ClientTimeout(total=HOST_ATTEMPT_SECONDS),
        ) as response:
            return await response.json()

    async def wait_closed(self, number: int, seconds: float) -> None:
        """Wait until question number is closed: everyone answered, or its time is up."""

        def closed(state: dict) -> bool:
            position = state.get("position", 0)
            return position > number or (position == number and state.get("phase") in ("reveal", "leaderboard", "ended"))

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.latest and closed(self.latest):
                return
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), 2 if self.stream_task else 0.2)
            except asyncio.TimeoutError:
                # The stream is quiet (or not held): ask, as the page does when its stream fails.
                try:
                    state = await self.state()
                except Exception:
                    continue
                if closed(state):
                    return
        raise RuntimeError(f"question {number} never closed")

    async def results_csv(self) -> str:
        async with self.session.get(f"{self.url}/host/games/{self.game_id}/results.csv") as response:
            return await response.text()

    async def close(self) -> None:
        await close_client(self.session, self.stream_task)


async def close_client(session, stream_task) -> None:
    """Cancel a client's push stream task and close its HTTP session."""
    if stream_task:
        stream_task.cancel()
        try:
            await stream_task
        except (asyncio.CancelledError, Exception):
            pass
    await session.close()


class FloorHost(Host):
    """The host of bench/floor_app.py: it posts each new state, which the floor pushes."""

    def __init__(self, url: str, stats: Stats, questions: int, time_limit: int):
        super().__init__(url, "", "", stats)
        self.questions = questions
        self.time_limit = time_limit
        self.current = {"phase": "lobby", "position": 0, "version": 1}
        self.pad: dict[str, int] = {}

    async def sign_in_and_open(self, time_limit: int) -> None:
        self.pin = "000000"
        self.game_id = 0

    def follow(self) -> None:
        pass

    def _next_state(self, action: str) -> dict:
        phase, position = self.current["phase"], self.current["position"]
        if action == "end":
            phase = "ended"
        elif action == "close":
            phase = "reveal"
        elif phase in ("lobby", "leaderboard"):
            phase, position = "question", position + 1
        elif phase == "reveal":
            phase = "leaderboard"
        state = {"phase": phase, "position": position, "version": self.current["version"] + 1, "total": self.questions}
        filler = max(0, self.pad.get(phase, 0) - 200)
        if phase in ("question", "reveal"):
            state["question"] = {
                "position": position,
                "kind": "multiple_choice",
                "time_limit": self.time_limit,
                "options": [{"choice": n, "text": f"Option {n}"} for n in range(1, 5)],
                "prompt": "x" * filler,
            }
        elif filler:
            state["filler"] = "x" * filler
        return state

    async def act(self, action: str, expect=None) -> dict:
        state = self._next_state(action)
        started = time.monotonic()
        async with self.session.post(f"{self.url}/host/state", json=state) as response:
            data = await response.json()
            if response.status != 200:
                raise RuntimeError(f"floor host {action}: {response.status}")
        self.stats.host_ms.append(1000 * (time.monotonic() - started))
        self.current = data
        return data

    async def wait_closed(self, number: int, seconds: float) -> None:
        # The players' answers are all in (or given up): the floor closes the question at once,
        # as the app does when everyone has answered.
        await self.act("close")


class Player:
    def __init__(self, number: int, url: str, stats: Stats):
        self.number = number
        self.url = url
        self.stats = stats
        self.session = new_session()
        self.csrf: str | None = None
        self.pin: str | None = None
        self.states: dict[tuple[str, int], float] = {}
        self.state_of: dict[tuple[str, int], dict] = {}
        self.arrived: dict[tuple[str, int], asyncio.Event] = {}
        self.latest: dict = {}
        self.stream_task: asyncio.Task | None = None
        self.me_tasks: set[asyncio.Task] = set()
        self.ended = asyncio.Event()
        # The browser's cache: each static file's validators.
        self.cache: dict[str, dict[str, str]] = {}

    def waiter(self, phase: str, position: int) -> asyncio.Event:
        return self.arrived.setdefault((phase, position), asyncio.Event())

    async def _static(self, page: str, base: str) -> None:
        """Fetch a page's static files as a browser does: new ones whole, known ones revalidated."""

        async def fetch(address: str) -> None:
            headers = {}
            known = self.cache.get(address)
            if known:
                if "ETag" in known:
                    headers["If-None-Match"] = known["ETag"]
                if "Last-Modified" in known:
                    headers["If-Modified-Since"] = known["Last-Modified"]
            async with self.session.get(address, headers=headers) as response:
                await response.read()
                if response.status == 304:
                    self.stats.static_revalidated += 1
                elif response.status == 200:
                    self.stats.static_fetches += 1
                    self.cache[address] = {k: response.headers[k] for k in ("ETag", "Last-Modified") if k in response.headers}
                else:
                    raise RuntimeError(f"static file {address}: {response.status}")

        await asyncio.gather(*(fetch(address) for address in static_files(page, base)))

    async def join(self, pin: str) -> None:
        self.pin = pin
        started = time.monotonic()
        join_url = f"{self.url}/join?pin={pin}"
        async with self.session.get(join_url) as response:
            page = await response.text()
            token = CSRF_INPUT.search(page).group(1)
        await self._static(page, join_url)
        form = {"csrf_token": token, "pin": pin, "nickname": f"Player {self.number}", "action": "join"}
        async with self.session.post(f"{self.url}/join", data=form) as response:
            page = await response.text()
            if response.status != 200 or "/play/" not in str(response.url):
                raise RuntimeError(f"join failed: {response.status}")
            self.csrf = CSRF_META.search(page).group(1)
            play_url = str(response.url)
        await self._static(page, play_url)
        self.stats.join_ms.append(1000 * (time.monotonic() - started))
        self.stream_task = asyncio.create_task(self.listen())

    def _refresh_me(self) -> None:
        task = asyncio.create_task(self.fetch_me())
        self.me_tasks.add(task)
        task.add_done_callback(self.me_tasks.discard)

    def _take(self, state: dict, size: int) -> None:
        previous = self.latest
        if previous and state.get("version", 0) <= previous.get("version", 0):
            return  # the page ignores a state it has seen (a reconnected stream's first message)
        self.latest = state
        key = (state["phase"], state["position"])
        self.stats.state_bytes[state["phase"]] = max(self.stats.state_bytes.get(state["phase"], 0), size)
        if key not in self.states:
            self.states[key] = time.monotonic()
            self.state_of[key] = state
            self.waiter(*key).set()
        if state["phase"] == "ended":
            self.ended.set()
        # live.js onState: refreshMe after each reveal, and at the end.
        if state["phase"] in ("reveal", "ended"):
            self._refresh_me()

    async def listen(self) -> None:
        """Hold the push connection as the page does, noting when each state arrives."""
        while True:
            try:
                async with self.session.get(f"{self.url}/play/{self.pin}/events", headers={"Accept": "text/event-stream"}) as response:
                    async for event, data in read_stream(response):
                        if event == "state":
                            self._take(json.loads(data), len(data))
                if self.latest.get("phase") == "ended":
                    return
                if not self.stats.fault:
                    self.stats.error(f"player {self.number}: push stream closed")
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if not self.stats.fault:
                    self.stats.error(f"player {self.number}: push stream failed: {error!r}")
            self.stats.reconnects += 1
            await asyncio.sleep(2)  # the stream's "retry: 2000"

    def _open_until(self, state: dict) -> float:
        """Return when (time.monotonic) the question of this state stops taking answers."""
        question = state["question"]
        received = self.states.get(("question", question["position"]), time.monotonic())
        if question.get("deadline_ms") and state.get("server_now_ms"):
            # The server's grace (LIVE_ANSWER_GRACE_MS) is 500 ms.
            return received + (question["deadline_ms"] - state["server_now_ms"]) / 1000 + 0.5
        return received + question.get("time_limit", 30)

    async def answer(self, state: dict, delay: float) -> None:
        """Answer the question of a state after delay seconds; should the answer not be
        acknowledged, send the same answer again with backoff while the question is open."""
        await asyncio.sleep(delay)
        question = state["question"]
        position = question["position"]
        form = {"csrf_token": self.csrf, "position": str(position)}
        if question["kind"] == "multiple_choice":
            form["choice"] = str(random.randint(1, len(question["options"])))
        else:
            verdict = random.choice(question["verdicts"])
            form["verdict"] = verdict["verdict"]
            if verdict["needs_evidence"]:
                form["sentence"] = str(random.choice(question["sentences"])["position"])
        self.stats.answers_sent += 1
        open_until = self._open_until(state)
        started = time.monotonic()
        backoff = 0.25
        last = "never sent"
        while True:
            try:
                async with self.session.post(
                    f"{self.url}/play/{self.pin}/answer",
                    data=form,
                    headers={"Accept": "application/json", "X-CSRFToken": self.csrf},
                    timeout=aiohttp.ClientTimeout(total=ANSWER_ATTEMPT_SECONDS),
                ) as response:
                    try:
                        body = await response.json(content_type=None)
                    except ValueError:
                        body = {}
                    if response.status == 200 and body.get("recorded"):
                        self.stats.ack_ms.append(1000 * (time.monotonic() - started))
                        self.stats.acked.add((self.number, position))
                        return
                    last = f"{response.status} {body or ''}"
                    # A refusal that says why (closed, time up, answered differently) is final; a
                    # server error, or a proxy's 502/503, is worth another try.
                    if 400 <= response.status < 500 and response.status not in (408, 429):
                        break
            except asyncio.CancelledError:
                raise
            except Exception as error:
                last = repr(error)
            if time.monotonic() + backoff > open_until:
                break
            self.stats.answer_retries += 1
            await asyncio.sleep(backoff * random.uniform(0.5, 1.5))
            backoff = min(4.0, backoff * 2)
        self.stats.unacked += 1
        self.stats.error(f"player {self.number}: answer to question {position} not acknowledged: {last}")

    async def take_question(self, number: int, pressed: float, time_limit: int, spread: float) -> None:
        """Wait for the question's push, then answer at a random moment over the first part of its timer."""
        try:
            await asyncio.wait_for(self.waiter("question", number).wait(), time_limit)
        except asyncio.TimeoutError:
            self.stats.missed_pushes += 1
            self.stats.error(f"player {self.number}: question {number} never arrived")
            return
        self.stats.push_ms.append(1000 * (self.states[("question", number)] - pressed))
        moment = pressed + random.uniform(min(0.3, spread * time_limit), spread * time_limit)
        await self.answer(self.state_of[("question", number)], max(0.0, moment - time.monotonic()))

    async def fetch_me(self) -> None:
        # Spread over a second, as the page's refreshMe does.
        await asyncio.sleep(random.random())
        started = time.monotonic()
        try:
            async with self.session.get(
                f"{self.url}/play/{self.pin}/me", headers={"Accept": "application/json"},
                timeout=aiohttp.ClientTimeout(total=ANSWER_ATTEMPT_SECONDS),
            ) as response:
                await response.read()
                if response.status != 200:
                    self.stats.error(f"player {self.number}: own result {response.status}")
                    return
            self.stats.me_ms.append(1000 * (time.monotonic() - started))
        except asyncio.CancelledError:
            raise
        except Exception as error:
            if not self.stats.fault:
                self.stats.error(f"player {self.number}: own result failed: {error!r}")

    async def close(self) -> None:
        for task in list(self.me_tasks):
            task.cancel()
        await close_client(self.session, self.stream_task)


# --------------------------------------------------------------------------------------------
# The game


async def inject_fault(args, servers: Servers, urls: list[str], stats: Stats, when: float) -> dict:
    """At the monotonic moment when, kill one worker or restart the servers; return what was done."""
    await asyncio.sleep(max(0.0, when - time.monotonic()))
    stats.fault = True
    if args.kill_worker:
        victim = servers.kill_worker(0)
        print(f"fault: sent SIGKILL to gunicorn worker {victim}")
        return {"fault": "kill-worker", "killed_pid": victim}
    started = time.monotonic()
    await asyncio.to_thread(servers.restart)
    await wait_until_up(urls, 120)
    downtime = time.monotonic() - started
    print(f"fault: restarted the server(s); down {downtime:.1f} s")
    return {"fault": "restart", "restart_s": round(downtime, 1)}


async def run_game(args, host: Host, urls: list[str], stats: Stats, servers: Servers | None, label: str = "") -> dict:
    """Join the players, play the questions, end the game; return the figures every run has."""
    fault_done: dict = {}

    async def sample():
        while servers:
            servers.sample_rss()
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample())
    players = [Player(n, urls[n % len(urls)], stats) for n in range(1, args.players + 1)]
    gate = asyncio.Semaphore(args.join_concurrency)

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
    print(f"{label}{len(joined)} players joined and listening in {time.monotonic() - started:.1f} s")

    faulty = getattr(args, "kill_worker", False) or getattr(args, "restart", False)
    fault_question = min(args.questions, args.fault_question or max(1, (args.questions + 1) // 2))
    questions = 0
    pushes = acks = mes = 0
    for number in range(1, args.questions + 1):
        pressed = time.monotonic()
        await host.act("next", expect=lambda s, n=number: s.get("position", 0) >= n and s.get("phase") != "leaderboard")
        tasks = [p.take_question(number, pressed, args.time_limit, args.answer_spread) for p in joined]
        fault = None
        if faulty and servers and number == fault_question and not isinstance(host, FloorHost):
            fault = asyncio.create_task(inject_fault(args, servers, urls, stats, pressed + args.fault_at * args.time_limit))
        await asyncio.gather(*tasks)
        if fault:
            fault_done = await fault
        # The question closes when everyone has answered, or when its time is up.
        await host.wait_closed(number, args.time_limit + 120)
        closed = time.monotonic()
        questions += 1
        # The class looks at the answer while the phones fetch their own results (as the old
        # version of this script did, the host moves on once they have them), at least
        # --reveal-seconds, then at the leaderboard for --leaderboard-seconds.
        await asyncio.gather(*(asyncio.wait_for(p.waiter("reveal", number).wait(), 30) for p in joined), return_exceptions=True)
        pending = [task for p in joined for task in p.me_tasks]
        if pending:
            await asyncio.wait(pending, timeout=60)
        print(
            f"{label}question {number}: push p50/p95 {percentile(stats.push_ms[pushes:], 0.5)}/{percentile(stats.push_ms[pushes:], 0.95)} ms, "
            f"ack p50/p95 {percentile(stats.ack_ms[acks:], 0.5)}/{percentile(stats.ack_ms[acks:], 0.95)} ms, "
            f"own result p95 {percentile(stats.me_ms[mes:], 0.95)} ms, errors so far {stats.error_count}"
        )
        pushes, acks, mes = len(stats.push_ms), len(stats.ack_ms), len(stats.me_ms)
        await asyncio.sleep(max(0.0, closed + args.reveal_seconds - time.monotonic()))
        await host.act("next", expect=lambda s, n=number: s.get("position", 0) > n or s.get("phase") in ("leaderboard", "ended"))
        await asyncio.sleep(args.leaderboard_seconds)
    await host.act("end", expect=lambda s: s.get("phase") == "ended")
    # The page fetches its own result once more at the end.
    await asyncio.gather(*(asyncio.wait_for(p.ended.wait(), 30) for p in joined), return_exceptions=True)
    pending = [task for p in joined for task in p.me_tasks]
    if pending:
        await asyncio.wait(pending, timeout=30)
    sampler.cancel()
    return {"players": players, "joined": joined, "questions": questions, **fault_done}


def stored_answers(database_url: str, game_id: int, questions: int) -> set[tuple[int, int]]:
    """Read (player number, position) of every answer the database holds for the game."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT p.nickname, a.position FROM live_answer a JOIN player p ON p.id = a.player_id"
                    " WHERE a.game_id = :game AND a.position <= :questions"
                ),
                {"game": game_id, "questions": questions},
            ).all()
    finally:
        engine.dispose()
    return {(int(nickname.rsplit(" ", 1)[1]), position) for nickname, position in rows if nickname.startswith("Player ")}


async def play(args, urls: list[str], email: str, password: str, servers: Servers | None, database_url: str | None = None) -> dict:
    stats = Stats()
    host = Host(urls[0], email, password, stats)
    await host.sign_in_and_open(args.time_limit)
    host.follow()
    print(f"game {host.game_id} open, PIN {host.pin}; joining {args.players} players over {len(urls)} instance(s)")
    game = await run_game(args, host, urls, stats, servers)
    csv_text = await host.results_csv()
    header, *rows = list(csv.reader(io.StringIO(csv_text.removeprefix("\ufeff"))))
    result_columns = [i for i, name in enumerate(header) if re.match(r"Q\d+: .* result$", name)][: game["questions"]]
    recorded = sum(1 for row in rows for i in result_columns if i < len(row) and row[i] not in ("no answer", "not played"))
    await asyncio.gather(*(p.close() for p in game["players"]))
    await host.close()
    stored = None
    if database_url:
        stored = await asyncio.to_thread(stored_answers, database_url, host.game_id, game["questions"])
    return {
        "players": len(game["joined"]),
        "answers_sent": stats.answers_sent,
        "answers_recorded": recorded,
        "errors": stats.error_count,
        "ack_ms_p50": percentile(stats.ack_ms, 0.50),
        "ack_ms_p95": percentile(stats.ack_ms, 0.95),
        "ack_ms_p99": percentile(stats.ack_ms, 0.99),
        "push_ms_p50": percentile(stats.push_ms, 0.50),
        "push_ms_p95": percentile(stats.push_ms, 0.95),
        "push_ms_p99": percentile(stats.push_ms, 0.99),
        "server_peak_rss_mb": round(servers.peak_rss_kb / 1024, 1) if servers else None,
        "join_ms_p50": percentile(stats.join_ms, 0.50),
        "join_ms_p95": percentile(stats.join_ms, 0.95),
        "me_ms_p50": percentile(stats.me_ms, 0.50),
        "me_ms_p95": percentile(stats.me_ms, 0.95),
        "host_ms_p95": percentile(stats.host_ms, 0.95),
        "host_ms_max": round(max(stats.host_ms), 1) if stats.host_ms else None,
        "me_fetches": len(stats.me_ms),
        "static_fetches": stats.static_fetches,
        "static_revalidated": stats.static_revalidated,
        "missed_pushes": stats.missed_pushes,
        "reconnects": stats.reconnects,
        "answer_retries": stats.answer_retries,
        "host_retries": stats.host_retries,
        "acked": len(stats.acked),
        "stored": len(stored) if stored is not None else None,
        "lost": len(stats.acked - stored) if stored is not None else None,
        "stored_unacked": len(stored - stats.acked) if stored is not None else None,
        "unacked": stats.unacked,
        "fault": game.get("fault"),
        "killed_pid": game.get("killed_pid"),
        "restart_s": game.get("restart_s"),
        "_errors": stats.errors[:10],
        "_kinds": stats.kinds,
        "_state_bytes": stats.state_bytes,
    }


async def play_floor(args, url: str, servers: Servers, state_bytes: dict[str, int]) -> dict:
    stats = Stats()
    host = FloorHost(url, stats, args.questions, args.time_limit)
    host.pad = state_bytes
    await host.sign_in_and_open(args.time_limit)
    print(f"floor: joining {args.players} players")
    game = await run_game(args, host, [url], stats, servers, label="floor: ")
    await asyncio.gather(*(p.close() for p in game["players"]))
    await host.close()
    return {
        "floor_push_ms_p50": percentile(stats.push_ms, 0.50),
        "floor_push_ms_p95": percentile(stats.push_ms, 0.95),
        "floor_ack_ms_p95": percentile(stats.ack_ms, 0.95),
        "floor_join_ms_p95": percentile(stats.join_ms, 0.95),
        "floor_me_ms_p95": percentile(stats.me_ms, 0.95),
        "floor_errors": stats.error_count,
        "floor_peak_rss_mb": round(servers.peak_rss_kb / 1024, 1),
        "_floor_errors": stats.errors[:5],
    }


def server_log_errors(folder: Path, pattern: str) -> int:
    errors = 0
    for log in sorted(folder.glob(pattern)):
        text = log.read_text()
        # A server that logged a traceback had an error, whatever the players saw.
        errors += text.count("Traceback")
        if "Traceback" in text:
            start = text.index("Traceback")
            print(f"{log.name} logged errors; the first:\n{text[max(0, start - 300):start + 3000]}", file=sys.stderr)
    return errors


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
    parser.add_argument("--answer-spread", type=float, default=0.6,
                        help="players answer at random over this share of the timer (default 0.6)")
    parser.add_argument("--reveal-seconds", type=float, default=3,
                        help="the host shows each answer at least this long, and until the phones have their results (default 3)")
    parser.add_argument("--leaderboard-seconds", type=float, default=1, help="and then the leaderboard (default 1)")
    parser.add_argument("--join-concurrency", type=int, default=64, help="players joining at once (default 64)")
    parser.add_argument("--floor", action="store_true",
                        help="then run the same game against bench/floor_app.py and report the app's push p95 against it")
    parser.add_argument("--floor-workers", type=int, help="gunicorn workers of the floor (default: --workers)")
    faults = parser.add_mutually_exclusive_group()
    faults.add_argument("--kill-worker", action="store_true", help="SIGKILL one gunicorn worker mid-question")
    faults.add_argument("--restart", action="store_true", help="restart the whole server mid-question")
    parser.add_argument("--fault-question", type=int, help="the question the fault hits (default: the middle one)")
    parser.add_argument("--fault-at", type=float,
                        help="when in that question, as a share of its timer after 'next' (default 0.25 for --kill-worker; "
                        "0.1 for --restart, whose graceful stop takes 5 s, so that answers meet the server down)")
    args = parser.parse_args()
    if not 1 <= args.questions <= 47:
        parser.error("--questions must be 1 to 47 (the built-in bank)")
    if (args.kill_worker or args.restart) and args.url:
        parser.error("--kill-worker and --restart need the server this script starts (no --url)")
    if args.fault_at is None:
        args.fault_at = 0.1 if args.restart else 0.25
    if not 0 < args.answer_spread <= 1:
        parser.error("--answer-spread must be over 0 and at most 1")

    servers = None
    floor = None
    email, password = args.email, args.password
    server_errors = 0
    floor_figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="quiz-bench-") as folder:
        try:
            database_url = args.database_url
            if args.url:
                if not (email and password):
                    parser.error("--url needs --email and --password of an instructor on that server")
                urls = [args.url.rstrip("/")]
            else:
                email, password = f"bench-{secrets.token_hex(4)}@example.org", secrets.token_urlsafe(16)
                servers = start_servers(args, Path(folder), email, password)
                urls = servers.urls
                database_url = database_url or f"sqlite:///{Path(folder) / 'quiz.sqlite'}"
            asyncio.run(wait_until_up(urls))
            figures = asyncio.run(play(args, urls, email, password, servers, database_url))
            if servers:
                # The app's servers stop before the floor's start: each has the machine to itself.
                servers.stop()
                server_errors += server_log_errors(Path(folder), "server-*.log")
                servers = None
            if args.floor:
                floor = start_floor(args.floor_workers or args.workers, Path(folder))
                asyncio.run(wait_until_up(floor.urls))
                floor_figures = asyncio.run(play_floor(args, floor.urls[0], floor, figures["_state_bytes"]))
        finally:
            for started in (servers, floor):
                if started:
                    started.stop()
            if servers:
                server_errors += server_log_errors(Path(folder), "server-*.log")
            if floor:
                floor_figures["floor_errors"] = floor_figures.get("floor_errors", 0) + server_log_errors(Path(folder), "floor-*.log")
    figures["errors"] += server_errors
    sample_errors = figures.pop("_errors")
    error_kinds = figures.pop("_kinds")
    figures.pop("_state_bytes")
    floor_errors = floor_figures.pop("_floor_errors", [])
    figures["floor_push_ms_p95"] = floor_figures.pop("floor_push_ms_p95", None)
    figures["floor_ratio"] = (
        round(figures["push_ms_p95"] / figures["floor_push_ms_p95"], 2)
        if figures["floor_push_ms_p95"] and figures["push_ms_p95"] is not None
        else None
    )
    figures.update(floor_figures)
    if not (args.kill_worker or args.restart):
        for key in ("fault", "killed_pid", "restart_s"):
            figures.pop(key)
    print()
    print(f"players {figures['players']}, answers sent {figures['answers_sent']}, recorded {figures['answers_recorded']}, errors {figures['errors']}")
    print(f"answer acknowledgement ms: p50 {figures['ack_ms_p50']}  p95 {figures['ack_ms_p95']}  p99 {figures['ack_ms_p99']}")
    print(f"push 'next' -> phone ms:   p50 {figures['push_ms_p50']}  p95 {figures['push_ms_p95']}  p99 {figures['push_ms_p99']}")
    print(f"join (pages + static) ms:  p50 {figures['join_ms_p50']}  p95 {figures['join_ms_p95']}"
          f"  ({figures['static_fetches']} static files fetched, {figures['static_revalidated']} revalidated)")
    print(f"own result (/me) ms:       p50 {figures['me_ms_p50']}  p95 {figures['me_ms_p95']}  ({figures['me_fetches']} fetches)")
    print(f"host action ms:            p95 {figures['host_ms_p95']}  max {figures['host_ms_max']}")
    print(f"server peak RSS: {figures['server_peak_rss_mb']} MB")
    if args.floor:
        print(f"floor (bench/floor_app.py, same settings and client): push p50 {figures.get('floor_push_ms_p50')}  "
              f"p95 {figures['floor_push_ms_p95']} ms, ack p95 {figures.get('floor_ack_ms_p95')} ms, "
              f"join p95 {figures.get('floor_join_ms_p95')} ms, errors {figures.get('floor_errors')}")
        print(f"app push p95 / floor push p95: {figures['floor_ratio']}")
    if figures["stored"] is not None or args.kill_worker or args.restart:
        print(f"answers acknowledged {figures['acked']}, stored {figures['stored']}, acknowledged but not stored (lost) "
              f"{figures['lost']}, never acknowledged {figures['unacked']}, stored without an acknowledgement "
              f"{figures['stored_unacked']}; answer retries {figures['answer_retries']}, stream reconnects {figures['reconnects']}")
    for kind, count in sorted(error_kinds.items(), key=lambda item: -item[1]):
        print(f"errors: {count} x {kind}")
    for error in sample_errors:
        print("error:", error)
    for error in floor_errors:
        print("floor error:", error)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
