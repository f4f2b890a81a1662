"""Run CPU-heavy work on what a user sent in a child process that is killed when it runs too long.

Reading a web page (trafilatura, BeautifulSoup) and splitting an article into sentences (pysbd)
can take seconds or minutes on a hostile or just unusual input, and a gevent worker that computes
cannot serve its other connections meanwhile: a whole classroom's live game stalls behind one
upload. Here the work runs in a forked child instead, and the calling greenlet (or thread) waits
by polling the child's pipe with short sleeps. Under gunicorn's gevent workers `time.sleep` is
gevent's, so the worker keeps serving everyone else while it waits; a child that overruns its time
is killed with SIGKILL and the caller gets WorkTooSlow, with nothing changed.

The child is forked, so the function and its arguments need no pickling and nothing is imported
again; only the result (or the exception) is pickled back. The child runs at a lower priority, so
that the server's own requests come first on a busy machine, and with a CPU limit of its own, so
that it ends even when its parent died without killing it.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import signal
import sys
import time
import traceback
from typing import Any, Callable, TypeVar

try:  # not on Windows, where the child is spawned and has no CPU limit of its own
    import resource
except ImportError:  # pragma: no cover - Linux runs the tests
    resource = None  # type: ignore[assignment]

T = TypeVar("T")

# Seconds, when no app is there to say (the CLI outside an app context, a plain script).
DEFAULT_SECONDS = 5.0
# How much lower the child's scheduling priority is than the server's (see nice(2)).
CHILD_NICENESS = 10
# The longest pause between two looks at the pipe: an upper bound on the delay added to a result.
_LONGEST_PAUSE = 0.05

_in_child = False


class WorkError(RuntimeError):
    """Bounded work that did not finish; nothing it would have produced exists."""


class WorkTooSlow(WorkError):
    """The work ran past its time limit and was stopped."""


class WorkFailed(WorkError):
    """The child process ended without an answer (killed by the system, out of memory, crashed)."""


def _time_limit(seconds: float | None) -> float:
    if seconds is not None:
        return seconds
    from flask import current_app, has_app_context

    if has_app_context():
        return float(current_app.config.get("WORK_TIME_LIMIT_SECONDS", DEFAULT_SECONDS))
    return DEFAULT_SECONDS


def _context():
    """Fork where the system can (Linux, macOS); spawn elsewhere (Windows)."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def run(function: Callable[..., T], /, *args: Any, seconds: float | None = None, **kwargs: Any) -> T:
    """Return function(*args, **kwargs), computed in a child process stopped after `seconds`.

    seconds defaults to the app's WORK_TIME_LIMIT_SECONDS. An exception the function raises is
    raised here, with the child's traceback as a note. Raises WorkTooSlow when the time runs out
    and WorkFailed when the child dies without answering.
    """
    limit = _time_limit(seconds)
    if _in_child:  # already bounded by the child this runs in
        return function(*args, **kwargs)
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args, kwargs, limit), daemon=True)
    deadline = time.monotonic() + limit
    for stream in (sys.stdout, sys.stderr):  # or the child would write what is buffered a second time
        if stream is not None:
            stream.flush()
    try:
        child.start()
    except OSError as error:  # no process to be had (memory, process limits): nothing was done
        receiver.close()
        sender.close()
        raise WorkFailed(f"{_name(function)} could not start: {error}") from None
    sender.close()  # the child's copy is now the only one: its exit reads as end-of-file here
    try:
        pause = 0.001
        # A zero-timeout poll never blocks, so neither the gevent loop nor a server thread waits
        # on the pipe; the sleep between looks is what lets everything else run.
        while not receiver.poll():
            if time.monotonic() >= deadline:
                raise WorkTooSlow(f"{_name(function)} took longer than {limit:g} seconds")
            time.sleep(pause)
            pause = min(pause * 2, _LONGEST_PAUSE)
        try:
            succeeded, value = receiver.recv()
        except (EOFError, OSError):
            raise WorkFailed(f"{_name(function)} ended without an answer") from None
    finally:
        receiver.close()
        _end(child)
    if not succeeded:
        raise value
    return value


def _name(function: Callable) -> str:
    return getattr(function, "__qualname__", repr(function))


def _end(child) -> None:
    """Kill the child if it still runs, and reap it without blocking the caller for long."""
    if child.is_alive():
        child.kill()
    for _ in range(200):  # SIGKILL takes effect at once; this is a few milliseconds at most
        if not child.is_alive():
            break
        time.sleep(0.005)
    child.join(timeout=0)
    if child.exitcode is not None:
        child.close()


def _child(sender, function: Callable, args: tuple, kwargs: dict, seconds: float) -> None:
    """Compute in the child and send back (True, result) or (False, exception)."""
    global _in_child
    _in_child = True
    # Objects inherited from the parent are never collected here: a collected database
    # connection would say goodbye to the server on the parent's behalf.
    gc.freeze()
    # A signal meant for the server (Ctrl+C, gunicorn's own) must not run the server's handlers here.
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    try:
        os.nice(CHILD_NICENESS)
    except (AttributeError, OSError):
        pass
    if resource is not None:
        # The parent kills the child on time; this is for a parent that died first.
        cpu = math.ceil(seconds) + 1
        try:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        except (ValueError, OSError):
            pass
    try:
        outcome: tuple[bool, Any] = (True, function(*args, **kwargs))
    except Exception as error:  # sent to the parent, which raises it
        error.add_note("In the bounded child process:\n" + traceback.format_exc())
        outcome = (False, error)
    try:
        sender.send(outcome)
    except Exception as error:  # an answer that cannot be pickled
        sender.send((False, WorkFailed(f"{_name(function)} gave an answer that cannot be sent back: {error!r}")))
    finally:
        sender.close()
