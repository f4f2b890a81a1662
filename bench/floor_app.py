"""The floor for bench/live_game.py --floor: the least a Flask app can do to play a live game.

No database, no templates, no game logic: a phone's pages are a few bytes that link the same
static files the real play page links, an answer is acknowledged from memory, and the host posts
each new state, which every worker pushes at once to its Server-Sent Events subscribers. It runs
under the app's own server settings (quiz/gunicorn_conf.py: gevent workers, worker connections,
keep-alive, timeouts), so that what bench/live_game.py measures against it is what the server,
Flask and the load client cost, which no change to the app can go below.

    QUIZ_BIND=127.0.0.1:8100 gunicorn -c bench/floor_app.py

This file is both the gunicorn configuration (the settings at the bottom) and the app. With more
than one worker, a state posted to one worker reaches the others by a datagram on a Unix socket
each worker binds in FLOOR_DIR (a temporary folder), the cheapest way between processes.
"""

from __future__ import annotations

import json
import os
import queue
import runpy
import socket
import threading
import time
from pathlib import Path

from flask import Flask, Response, jsonify, redirect, request

ROOT = Path(__file__).resolve().parent.parent
KEEP_ALIVE_SECONDS = 15

app = Flask(__name__, static_folder=str(ROOT / "quiz" / "static"), static_url_path="/static")

_lock = threading.Lock()
_subscribers: set[queue.Queue] = set()
_state: dict = {"phase": "lobby", "position": 0, "version": 1}
_message = ""
_answers: dict[tuple[str, int], str] = {}
_players = 0


def _sse(event: str, data) -> str:
    return f"event: {event}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


def _set_state(state: dict) -> None:
    """Take a new state and hand its one encoded message to every subscriber of this worker."""
    global _state, _message
    with _lock:
        if state.get("version", 0) <= _state.get("version", 0):
            return
        _state = state
        _message = _sse("state", state)
        subscribers = list(_subscribers)
        message = _message
    for messages in subscribers:
        try:
            messages.put_nowait(message)
        except queue.Full:  # a slow subscriber keeps only the newest, as the app's do
            try:
                messages.get_nowait()
            except queue.Empty:
                pass
            messages.put_nowait(message)


# Between workers ---------------------------------------------------------------------------

_folder = os.environ.get("FLOOR_DIR")
_socket: socket.socket | None = None
_path = ""


def _listen() -> None:
    while True:
        data = _socket.recv(1 << 20)
        try:
            _set_state(json.loads(data))
        except ValueError:
            continue


if _folder and __name__ != "__config__":
    # Not when gunicorn reads this file as its configuration, in the master. Imported in each worker after gunicorn's gevent worker patched the standard library, so the
    # socket and the thread below are cooperative.
    _socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    _path = os.path.join(_folder, f"floor-{os.getpid()}.sock")
    _socket.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 21)
    _socket.bind(_path)
    threading.Thread(target=_listen, daemon=True).start()


def _broadcast(state: dict) -> None:
    _set_state(state)
    if not _folder:
        return
    data = json.dumps(state).encode()
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sender:
        for name in os.listdir(_folder):
            path = os.path.join(_folder, name)
            if not name.endswith(".sock") or path == _path:
                continue
            try:
                sender.sendto(data, path)
            except OSError:  # a worker that died (and was replaced) left its socket behind
                try:
                    os.unlink(path)
                except OSError:
                    pass


# The phone -------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<meta name="csrf-token" content="floor">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/css/app.css">
<script src="/static/js/play.js" defer></script>{extra}
</head><body>{body}</body></html>"""


@app.get("/join")
def join_form():
    form = '<form method="post"><input type="hidden" name="csrf_token" value="floor"><input name="pin"><input name="nickname"></form>'
    return PAGE.format(title="Join", extra="", body=form)


@app.post("/join")
def join():
    global _players
    with _lock:
        _players += 1
        number = _players
    response = redirect(f"/play/{request.form.get('pin', '')}", code=303)
    response.set_cookie("floor_player", f"{os.getpid()}-{number}")
    return response


@app.get("/play/<pin>")
def play(pin: str):
    with _lock:
        state = _state
    body = f'<div id="phone"></div><script type="application/json" id="initial-state">{json.dumps(state)}</script>'
    return PAGE.format(title="Playing", extra='\n<script src="/static/js/live.js" defer></script>', body=body)


@app.get("/play/<pin>/events")
def events(pin: str):
    messages: queue.Queue = queue.Queue(maxsize=16)
    with _lock:
        _subscribers.add(messages)
        first = _message or _sse("state", _state)

    def stream():
        try:
            yield "retry: 2000\n\n" + first
            while True:
                try:
                    yield messages.get(timeout=KEEP_ALIVE_SECONDS)
                except queue.Empty:
                    yield ": keep-alive\n\n"
        finally:
            with _lock:
                _subscribers.discard(messages)

    return Response(stream(), mimetype="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@app.post("/play/<pin>/answer")
def answer(pin: str):
    key = (request.cookies.get("floor_player", ""), int(request.form.get("position", "0")))
    with _lock:
        duplicate = key in _answers
        _answers.setdefault(key, request.form.get("choice") or request.form.get("verdict") or "")
    return jsonify({"recorded": True, "duplicate": duplicate})


@app.get("/play/<pin>/me")
def me(pin: str):
    with _lock:
        position = _state.get("position", 0)
        answered = (request.cookies.get("floor_player", ""), position) in _answers
    return jsonify({"nickname": "floor", "points": 0, "rank": None, "answered": answered, "version": _state.get("version")})


# The host --------------------------------------------------------------------------------


@app.post("/host/state")
def host_state():
    """Take the next state from the load client and push it; stamped with the server's clock."""
    state = request.get_json()
    state["server_now_ms"] = int(time.time() * 1000)
    if state.get("question") and state["question"].get("time_limit"):
        state["question"]["deadline_ms"] = state["server_now_ms"] + 1000 * state["question"]["time_limit"]
    _broadcast(state)
    return jsonify(state)


@app.get("/host/state")
def host_get_state():
    with _lock:
        return jsonify(_state | {"subscribers": len(_subscribers)})


# As a gunicorn configuration: the app's own server settings, this app ---------------------

if __name__ == "__config__":  # how gunicorn names a configuration file it reads
    _settings = runpy.run_path(str(ROOT / "quiz" / "gunicorn_conf.py"))
    for _name in ("bind", "workers", "worker_class", "worker_connections", "timeout", "graceful_timeout", "keepalive",
                  "accesslog", "forwarded_allow_ips"):
        globals()[_name] = _settings[_name]
    wsgi_app = "bench.floor_app:app"
    chdir = str(ROOT)
