"""Nothing waits for ever: timeouts on outside calls, a time limit per collection, and stopping.

- Every HTTP call goes through a :class:`LimitedSession`: a connect and a read timeout on each
  request (requests has none by default, so a server that accepts the connection and never
  answers would hold the collection, and its source's claim, for ever).
- A collection has a :class:`Deadline`: its time limit, checked before every call, between
  retries and between inbox files.
- SIGTERM sets :data:`STOP` (:func:`request_stop`); every wait here watches it, so the scheduler
  and the CLI stop within a moment instead of after the running collection.
- :func:`run_within` waits for outside work in a helper thread, so the collection itself ends at
  its limit exactly, even while a socket read is still blocked (that thread ends at its own
  timeout and its result is thrown away; nothing it does touches the database).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import requests

T = TypeVar("T")
STOP = threading.Event()


def request_stop() -> None:
    """Ask every running collection of this process to stop (the SIGTERM handlers call this)."""
    STOP.set()


class CollectionStopped(RuntimeError):
    """The collection ended early: its time limit passed, or the process was asked to stop."""

    def __init__(self, message: str, *, stopped: bool):
        super().__init__(message)
        self.stopped = stopped  # True: SIGTERM; False: the time limit


class Deadline:
    """The time limit of one collection, and the process-wide stop request."""

    def __init__(self, seconds: float, *, stop: threading.Event | None = None):
        self.seconds = seconds
        self._end = time.monotonic() + seconds
        self._stop = STOP if stop is None else stop

    def remaining(self) -> float:
        return max(0.0, self._end - time.monotonic())

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    @property
    def over(self) -> bool:
        return self.stopped or self.remaining() <= 0

    def check(self, doing: str) -> None:
        """Raise CollectionStopped when the collection must not go on with `doing`."""
        if self.stopped:
            raise CollectionStopped(f"stopped by SIGTERM while {doing}", stopped=True)
        if self.remaining() <= 0:
            raise CollectionStopped(
                f"time limit of {self.seconds:g} s reached while {doing}", stopped=False
            )

    def sleep(self, seconds: float) -> None:
        """Sleep, but not past the limit, and wake at once on a stop request."""
        self._stop.wait(min(seconds, self.remaining()))


def run_within(deadline: Deadline, work: Callable[[], T], name: str = "collect") -> T:
    """Run `work` in a helper thread and wait for it until the deadline or a stop request.

    Raises CollectionStopped when it did not finish in time; its own exception otherwise.
    """
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
            outcome["error"] = error

    # A daemon thread: a process that stops must not wait for a blocked socket read at exit.
    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    while thread.is_alive() and not deadline.over:
        thread.join(timeout=min(0.2, max(deadline.remaining(), 0.01)))
    if thread.is_alive():
        deadline.check("waiting")  # raises: the thread is still busy and the time is up
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class LimitedSession(requests.Session):
    """A requests session that puts a connect and a read timeout on every request, never longer
    than what is left of the collection's deadline, and remembers which JSON-RPC method it is
    waiting for (for the message when the wait ends badly)."""

    def __init__(self, deadline: Deadline, connect: float, read: float):
        super().__init__()
        self.deadline = deadline
        self.connect_timeout = connect
        self.read_timeout = read
        self.method: str | None = None

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:
        self.method = _rpc_method(kwargs.get("data")) or method
        self.deadline.check(f"calling {self.method}")
        left = self.deadline.remaining()
        kwargs.setdefault(
            "timeout", (min(self.connect_timeout, left), min(self.read_timeout, left))
        )
        return super().request(method, url, *args, **kwargs)

    @contextmanager
    def grace(self, seconds: float) -> Iterator[None]:
        """A short fresh budget, independent of the stop request, for what must still happen
        after an error or a stop (releasing the session key); the deadline is restored after,
        for a retry."""
        kept, self.deadline = self.deadline, Deadline(seconds, stop=threading.Event())
        try:
            yield
        finally:
            self.deadline = kept


def _rpc_method(data: Any) -> str | None:
    if not isinstance(data, str | bytes):
        return None
    try:
        payload = json.loads(data)
    except ValueError:
        return None
    method = payload.get("method") if isinstance(payload, dict) else None
    return method if isinstance(method, str) else None
