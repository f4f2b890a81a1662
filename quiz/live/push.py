"""Push game state to browsers with Server-Sent Events, across processes and app instances.

Each process has one Hub. Browsers subscribe to a game; when the game's version changes, the hub
builds the public state once and hands the same encoded message to every local subscriber, so what
a player receives per question is a constant number of messages, whatever the class size.

How a hub learns that a version changed somewhere else:
- with Redis configured, a message on one pub/sub channel;
- on PostgreSQL without Redis, LISTEN/NOTIFY;
- otherwise (SQLite on one machine), by reading the games' version numbers, one small query a tenth
  of a second per process, not per connection.
With a bus, the version poll still runs every second as a safety net.

The hub also runs the clock: it closes questions whose time is up. Every process runs it; the
guarded UPDATE in close_question lets only one of them close a given question.

A player may hold only LIVE_MAX_STREAMS_PER_PLAYER streams in one process: a new one closes the
oldest, which is told why. The cap is each process's own, on purpose: what a stream costs (a
connection, a greenlet, a queue) is that process's, so capping it there is what protects it, and
a player then holds at most the cap times the number of processes, instead of any number. The
oldest goes rather than the newest because a phone that reloads or loses its network leaves a
stream behind that the server notices only at its next write; refusing the new one would lock
the player out of their own game.
"""

from __future__ import annotations

import json
import logging
import queue
import select as os_select
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from flask import Flask
from sqlalchemy import select, text

from .. import db
from .service import GAME_DELETED

log = logging.getLogger(__name__)

CHANNEL = "quiz_games"
KEEP_ALIVE_SECONDS = 15
CLOCK_SECONDS = 0.2


def sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


# The last message of a stream closed for a newer one of the same player. The browser waits a
# minute before it tries again (and meanwhile polls), so two windows do not take turns closing
# each other's stream.
REPLACED = "retry: 60000\n" + sse(
    "replaced",
    {"message": "This game is open in too many windows on this device; this one no longer updates by itself."},
)


# The last message of a stream whose game was deleted: the page says so and stops following it
# (an older page, which knows no "deleted" event, waits a minute before it tries again).
GONE = "retry: 60000\n" + sse("deleted", {"message": GAME_DELETED})


class Bus:
    """Tells every process that some game changed. The base class tells only this one."""

    poll_seconds = 0.1

    def publish(self, game_id: int, version: int) -> None:
        """Say that a game changed; the local hub is woken directly."""

    def listen(self, wake: Callable[[], None], stop: threading.Event) -> None:
        """Call wake for every change published anywhere, until stop is set."""


class RedisBus(Bus):
    poll_seconds = 1.0

    def __init__(self, url: str):
        import redis

        self._redis = redis.Redis.from_url(url)

    def publish(self, game_id: int, version: int) -> None:
        try:
            self._redis.publish(CHANNEL, f"{game_id}:{version}")
        except Exception:  # the version poll still delivers, a second later
            log.exception("could not publish a game change to Redis")

    def listen(self, wake: Callable[[], None], stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(CHANNEL)
                while not stop.is_set():
                    if pubsub.get_message(timeout=1.0) is not None:
                        wake()
                pubsub.close()
            except Exception:
                log.exception("Redis pub/sub failed; retrying in a second")
                stop.wait(1.0)


class PostgresBus(Bus):
    poll_seconds = 1.0

    def __init__(self, engine):
        self._engine = engine

    def publish(self, game_id: int, version: int) -> None:
        try:
            with self._engine.connect() as connection:
                connection.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": f"{game_id}:{version}"})
                connection.commit()
        except Exception:
            log.exception("could not NOTIFY a game change")

    def listen(self, wake: Callable[[], None], stop: threading.Event) -> None:
        import psycopg

        url = self._engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while not stop.is_set():
            try:
                with psycopg.connect(url, autocommit=True) as connection:
                    connection.add_notify_handler(lambda _notify: wake())
                    connection.execute(f"LISTEN {CHANNEL}")
                    while not stop.is_set():
                        # select() waits cooperatively under gevent's monkey-patching, where psycopg's
                        # own notifies() wait would block the whole worker. A trivial query then
                        # reads the socket, and psycopg hands each notification to the handler.
                        readable, _, _ = os_select.select([connection.fileno()], [], [], 1.0)
                        if readable:
                            connection.execute("SELECT 1")
            except Exception:
                log.exception("PostgreSQL LISTEN failed; retrying in a second")
                stop.wait(1.0)


def make_bus(app: Flask) -> Bus:
    if app.config.get("REDIS_URL"):
        return RedisBus(app.config["REDIS_URL"])
    engine = app.extensions["quiz.engine"]
    if engine.dialect.name == "postgresql":
        return PostgresBus(engine)
    return Bus()


@dataclass(eq=False)
class Subscriber:
    game_id: int
    player_id: int | None
    messages: queue.Queue = field(default_factory=lambda: queue.Queue(maxsize=16))
    # Set when a newer stream of the same player took its place: the stream ends.
    replaced: bool = False

    def offer(self, message: str) -> None:
        """Queue a message; a subscriber too slow to keep up keeps only the newest ones."""
        try:
            self.messages.put_nowait(message)
        except queue.Full:
            try:
                self.messages.get_nowait()
            except queue.Empty:
                pass
            self.messages.put_nowait(message)


class Hub:
    def __init__(self, app: Flask):
        self.app = app
        self.bus = make_bus(app)
        self._lock = threading.Lock()
        self._subscribers: dict[int, set[Subscriber]] = {}
        # Each player's streams in this process, oldest first.
        self._by_player: dict[tuple[int, int], list[Subscriber]] = {}
        self._versions: dict[int, int] = {}
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    # Subscribing -------------------------------------------------------------------------

    def subscribe(self, game_id: int, version: int, player_id: int | None = None) -> Subscriber:
        """Subscribe to a game; a player's stream beyond the cap closes that player's oldest."""
        subscriber = Subscriber(game_id, player_id)
        cap = max(1, int(self.app.config.get("LIVE_MAX_STREAMS_PER_PLAYER", 3)))
        replaced = []
        with self._lock:
            self._subscribers.setdefault(game_id, set()).add(subscriber)
            self._versions.setdefault(game_id, version)
            if player_id is not None:
                streams = self._by_player.setdefault((game_id, player_id), [])
                streams.append(subscriber)
                while len(streams) > cap:
                    replaced.append(streams.pop(0))
        for old in replaced:
            self.unsubscribe(old)
            old.replaced = True
            old.offer(REPLACED)  # wakes its stream, which then ends
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        with self._lock:
            group = self._subscribers.get(subscriber.game_id)
            if group is not None:
                group.discard(subscriber)
                if not group:
                    del self._subscribers[subscriber.game_id]
                    self._versions.pop(subscriber.game_id, None)
            if subscriber.player_id is not None:
                player = (subscriber.game_id, subscriber.player_id)
                streams = self._by_player.get(player)
                if streams is not None and subscriber in streams:
                    streams.remove(subscriber)
                    if not streams:
                        del self._by_player[player]

    def streams_of(self, game_id: int, player_id: int) -> int:
        """Return how many streams a player holds in this process."""
        with self._lock:
            return len(self._by_player.get((game_id, player_id), ()))

    def stream(self, subscriber: Subscriber, first: str) -> Iterator[str]:
        """Yield the first message, then every message for the subscriber, with keep-alives,
        until a newer stream of the same player replaces it or the game is deleted."""
        try:
            yield "retry: 2000\n\n" + first
            while not self._stop.is_set() and not subscriber.replaced:
                try:
                    message = subscriber.messages.get(timeout=KEEP_ALIVE_SECONDS)
                except queue.Empty:
                    message = ": keep-alive\n\n"
                if subscriber.replaced:
                    break
                yield message
                if message is GONE:
                    break
            if subscriber.replaced:
                yield REPLACED
        finally:
            self.unsubscribe(subscriber)

    # Announcing --------------------------------------------------------------------------

    def announce(self, game_id: int, version: int) -> None:
        """Tell every process, this one first, that a game moved on; call after committing."""
        self._wake.set()
        self.bus.publish(game_id, version)

    # Background work ---------------------------------------------------------------------

    def ensure_started(self) -> None:
        if self._threads:
            return
        with self._lock:
            if self._threads:
                return
            for target in (self._watch, self._clock, self._listen):
                thread = threading.Thread(target=target, name=f"quiz-hub-{target.__name__}", daemon=True)
                thread.start()
                self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout=5)

    def _listen(self) -> None:
        self.bus.listen(self._wake.set, self._stop)

    def _watch(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.bus.poll_seconds)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.deliver()
            except Exception:
                log.exception("could not deliver game changes")
                self._stop.wait(0.5)

    def deliver(self) -> None:
        """Send the new state of every changed game to this process's subscribers."""
        from .service import load_game
        from .state import public_state
        from .models import Game, Player

        with self._lock:
            watched = {game_id: self._versions.get(game_id, 0) for game_id in self._subscribers}
        if not watched:
            return
        with self.app.app_context():
            session = db.session()
            current = dict(session.execute(select(Game.id, Game.version).where(Game.id.in_(list(watched)))).all())
            for game_id in watched.keys() - current.keys():
                self._gone(game_id)
            for game_id, version in current.items():
                if version == watched[game_id]:
                    continue
                game = load_game(session, game_id)
                message = sse("state", public_state(session, game))
                removed = set(session.scalars(select(Player.id).where(Player.game_id == game_id, Player.removed.is_(True))))
                # Extra time goes to its player alone, just before the state it applies to.
                extra = dict(
                    session.execute(
                        select(Player.id, Player.extra_time).where(Player.game_id == game_id, Player.extra_time > 0)
                    ).all()
                )
                with self._lock:
                    self._versions[game_id] = version
                    subscribers = list(self._subscribers.get(game_id, ()))
                for subscriber in subscribers:
                    if subscriber.player_id in removed:
                        subscriber.offer(sse("removed", {"message": "The host removed you from this game."}))
                    elif subscriber.player_id in extra:
                        subscriber.offer(sse("extra", {"extra_time": extra[subscriber.player_id]}) + message)
                    else:
                        subscriber.offer(message)
            session.rollback()

    def _gone(self, game_id: int) -> None:
        """A watched game was deleted: tell its subscribers, whose streams then end, and forget it."""
        with self._lock:
            subscribers = self._subscribers.pop(game_id, set())
            self._versions.pop(game_id, None)
            for player in [key for key in self._by_player if key[0] == game_id]:
                del self._by_player[player]
        for subscriber in subscribers:
            subscriber.offer(GONE)

    def _clock(self) -> None:
        while not self._stop.wait(CLOCK_SECONDS):
            try:
                self.tick()
            except Exception:
                log.exception("the game clock failed")
                self._stop.wait(1.0)

    def tick(self) -> int:
        """Close every question whose time is up; return how many this process closed."""
        from .service import close_question, due_questions, due_readings, end_reading, load_game

        closed = 0
        with self.app.app_context():
            session = db.session()
            for game in due_questions(session, self.app.config["LIVE_ANSWER_GRACE_MS"]):
                if close_question(session, game):
                    session.commit()
                    self.announce(game.id, game.version)
                    closed += 1
            for game in due_readings(session):
                if end_reading(session, load_game(session, game.id)):
                    session.commit()
                    self.announce(game.id, game.version)
            session.rollback()
        return closed


def hub(app: Flask) -> Hub:
    return app.extensions["quiz.hub"]


def init_app(app: Flask) -> None:
    app.extensions["quiz.hub"] = Hub(app)
