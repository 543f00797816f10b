"""The log-in throttle under concurrency and behind a proxy: 25 simultaneous wrong passwords for one
account check at most 5 passwords (argon2 verifications counted), per account and per client
address, on both databases, through the real Flask app (a test client per thread)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import update

from accounts import users as accounts
from dashboard.app import create_app
from db import models as m
from tests.conftest import make_context
from tests.login import PASSWORD, ensure_user

THREADS = 25


class CountingHasher:
    """The password hasher with every verification counted (and as slow as a real argon2 check
    on a busy server, so that concurrent attempts really overlap)."""

    def __init__(self) -> None:
        self.inner = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        self.checks = 0
        self._lock = threading.Lock()

    def verify(self, stored: str, password: str) -> bool:
        with self._lock:
            self.checks += 1
        time.sleep(0.1)
        return self.inner.verify(stored, password)

    def hash(self, password: str) -> str:
        return self.inner.hash(password)

    def check_needs_rehash(self, stored: str) -> bool:
        return self.inner.check_needs_rehash(stored)


@pytest.fixture
def hasher(monkeypatch):
    counting = CountingHasher()
    monkeypatch.setattr(accounts, "_hasher", counting)
    monkeypatch.setattr(accounts, "_DUMMY_HASH", counting.hash("not-a-password-of-anyone"))
    return counting


@pytest.fixture
def app(ctx, hasher):
    ensure_user(ctx, "alice")
    ensure_user(ctx, "bob")
    return create_app(ctx)


def _attempt(app, email: str, password: str, start: threading.Barrier, headers=None) -> int:
    client = app.server.test_client()
    client.get("/login")
    token = client.get_cookie("_csrf_token").value
    start.wait()
    answer = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token, "next": "/"},
        headers=headers or {},
    )
    return answer.status_code


def _at_once(app, attempts: list[tuple[str, str, dict | None]]) -> list[int]:
    start = threading.Barrier(len(attempts))
    codes: list[int] = [0] * len(attempts)

    def run(i: int, email: str, password: str, headers) -> None:
        codes[i] = _attempt(app, email, password, start, headers)

    threads = [
        threading.Thread(target=run, args=(i, *attempt)) for i, attempt in enumerate(attempts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return codes


def test_concurrent_wrong_passwords_for_one_account(app, hasher):
    codes = _at_once(app, [("alice@example.org", "wrong-password", None)] * THREADS)
    assert hasher.checks <= accounts.MAX_FAILURES_PER_EMAIL, hasher.checks
    assert codes.count(401) == hasher.checks and codes.count(429) == THREADS - hasher.checks
    # the account stays locked for the right password too, without another check
    assert _at_once(app, [("alice@example.org", PASSWORD, None)]) == [429]
    assert hasher.checks <= accounts.MAX_FAILURES_PER_EMAIL


def test_concurrent_wrong_passwords_from_one_address(app, hasher):
    attempts = [(f"nobody{i}@example.org", "wrong-password", None) for i in range(THREADS)]
    codes = _at_once(app, attempts)
    assert hasher.checks <= accounts.MAX_FAILURES_PER_IP, hasher.checks
    assert codes.count(429) >= THREADS - accounts.MAX_FAILURES_PER_IP
    assert _at_once(app, [("bob@example.org", PASSWORD, None)]) == [429]


def test_right_passwords_do_not_use_up_the_limit(app, hasher):
    for _ in range(accounts.MAX_FAILURES_PER_EMAIL + 2):
        assert _at_once(app, [("alice@example.org", PASSWORD, None)]) == [302]


def test_the_window_passes(app, ctx, hasher):
    _at_once(app, [("alice@example.org", "wrong-password", None)] * 6)
    assert _at_once(app, [("alice@example.org", PASSWORD, None)]) == [429]
    with ctx.engine.begin() as conn:
        conn.execute(
            update(m.LoginThrottle).values(
                window_start=accounts.utcnow() - accounts.THROTTLE_WINDOW - timedelta(seconds=1)
            )
        )
    assert _at_once(app, [("alice@example.org", PASSWORD, None)]) == [302]


def test_behind_a_trusted_proxy_each_client_counts_apart(database_url, tmp_path, hasher):
    ctx = make_context(database_url, tmp_path)
    object.__setattr__(ctx.settings, "trusted_proxies", 1)
    _ = ctx.consortium_id
    ensure_user(ctx, "bob")
    app = create_app(ctx)
    attacker = {"X-Forwarded-For": "203.0.113.7"}
    attempts = [(f"nobody{i}@example.org", "wrong", attacker) for i in range(THREADS)]
    _at_once(app, attempts)
    assert hasher.checks <= accounts.MAX_FAILURES_PER_IP
    assert _at_once(app, [("bob@example.org", PASSWORD, attacker)]) == [429]
    colleague = {"X-Forwarded-For": "198.51.100.20"}
    assert _at_once(app, [("bob@example.org", PASSWORD, colleague)]) == [302]
    ctx.engine.dispose()


def test_without_a_proxy_forwarded_headers_are_ignored(app, hasher):
    attempts = [
        (f"nobody{i}@example.org", "wrong", {"X-Forwarded-For": f"198.51.100.{i}"})
        for i in range(THREADS)
    ]
    _at_once(app, attempts)
    assert hasher.checks <= accounts.MAX_FAILURES_PER_IP  # one address, whatever the header says
