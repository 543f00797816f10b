"""50 coordinators submit a status at once to a freshly started server — through the "Status
doorgeven" form's own Dash callback, over real HTTP on loopback, with the default connection pool —
and every submission succeeds, none lost, none duplicated, on SQLite and PostgreSQL.

The failure this guards against: a request held a connection while a value it computed on first
use (the consortium id) asked the pool for another; with 50 requests at once every connection was
held by a request waiting for a second one, until the pool gave up ("QueuePool limit … reached").
The test also watches the pool: no thread ever holds two connections at once.
"""

from __future__ import annotations

import json
import threading
from collections import Counter

import pytest
import requests
from argon2 import PasswordHasher
from sqlalchemy import event, insert, select
from werkzeug.serving import make_server

from accounts import users as accounts
from dashboard.app import create_app
from db import models as m
from tests.conftest import make_context

COORDINATORS = 50
PROJECTS = 10
NETWORKS = 5
PASSWORD = "gelijktijdig-1"


@pytest.fixture
def cheap_hashing(monkeypatch):
    """argon2 with small parameters: 50 accounts are made and logged in, and the test is about
    the pool, not about hashing."""
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


def _seed(ctx) -> list[tuple[str, str, str]]:
    """Projects that take part in the first networks, and a coordinator for each
    (e-mail, network, project); five coordinators share each project × network."""
    consortium_id = ctx.consortium_id  # stores the framework in the empty database
    networks = [n.code for n in ctx.framework.networks][:NETWORKS]
    with ctx.engine.begin() as conn:
        ids = dict(conn.execute(select(m.Network.code, m.Network.id)).all())
        for p in range(PROJECTS):
            project_id = conn.execute(
                insert(m.Project)
                .values(consortium_id=consortium_id, code=f"P{p:02d}", name=f"Project {p}")
                .returning(m.Project.id)
            ).scalar_one()
            for code in networks:
                conn.execute(
                    insert(m.ProjectNetwork).values(project_id=project_id, network_id=ids[code])
                )
    people = []
    for i in range(COORDINATORS):
        email, network = f"coordinator{i:02d}@example.org", networks[i % NETWORKS]
        accounts.add_user(ctx.engine, email, f"C{i}", "coordinator", PASSWORD, [network])
        people.append((email, network, f"P{i % PROJECTS:02d}"))
    return people


class PoolWatch:
    """Records every moment a thread asks the pool for a connection while holding one."""

    def __init__(self, engine) -> None:
        self.held = threading.local()
        self.nested: list[str] = []
        event.listen(engine, "checkout", self._checkout)
        event.listen(engine, "checkin", self._checkin)

    def _checkout(self, *_args) -> None:
        count = getattr(self.held, "count", 0) + 1
        self.held.count = count
        if count > 1:
            self.nested.append(threading.current_thread().name)

    def _checkin(self, *_args) -> None:
        self.held.count = max(0, getattr(self.held, "count", 0) - 1)


def _payload(deps: list[dict], network: str, project: str, narrative: str) -> dict:
    """The request the browser sends when "Indienen" is clicked on the status page."""
    dep = next(d for d in deps if d["output"].lstrip(".").startswith("status-feedback"))
    values = {
        "status-submit.n_clicks": 1,
        "status-network.value": network,
        "status-project.value": project,
        "status-status.value": "op_koers",
        "status-progress.value": "50",
        "status-narrative.value": narrative,
        "status-saved.data": 0,
    }

    def with_values(items):
        return [
            {
                "id": i["id"],
                "property": i["property"],
                "value": values.get(f"{i['id']}.{i['property']}"),
            }
            for i in items
        ]

    outputs = []
    for part in dep["output"][2:-2].split("..."):
        ident, prop = part.rsplit(".", 1)
        outputs.append({"id": ident, "property": prop})
    return {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": with_values(dep["inputs"]),
        "state": with_values(dep["state"]),
        "changedPropIds": ["status-submit.n_clicks"],
    }


def _log_in(base: str, email: str) -> requests.Session:
    browser = requests.Session()
    browser.get(f"{base}/login", timeout=60)
    token = browser.cookies["_csrf_token"]
    answer = browser.post(
        f"{base}/login",
        data={"email": email, "password": PASSWORD, "csrf_token": token, "next": "/"},
        allow_redirects=False,
        timeout=60,
    )
    assert answer.status_code == 302, answer.text[:300]
    browser.headers["X-CSRFToken"] = browser.cookies["_csrf_token"]
    return browser


@pytest.mark.slow
def test_fifty_coordinators_submit_at_once(database_url, tmp_path, cheap_hashing):
    seeding = make_context(database_url, tmp_path)
    people = _seed(seeding)
    seeding.engine.dispose()

    # A freshly started server: a new context (nothing computed yet), the default pool.
    fresh = make_context(database_url, tmp_path)
    watch = PoolWatch(fresh.engine)
    server = make_server("127.0.0.1", 0, create_app(fresh).server, threaded=True)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        browsers = [_log_in(base, email) for email, _, _ in people]
        deps = browsers[0].get(f"{base}/_dash-dependencies", timeout=60).json()
        start = threading.Barrier(COORDINATORS)
        answers: list = [None] * COORDINATORS

        def submit(i: int) -> None:
            _, network, project = people[i]
            body = json.dumps(_payload(deps, network, project, f"update {i}"))
            start.wait()
            answers[i] = browsers[i].post(
                f"{base}/_dash-update-component",
                data=body,
                headers={"Content-Type": "application/json"},
                timeout=120,
            )

        threads = [threading.Thread(target=submit, args=(i,)) for i in range(COORDINATORS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    finally:
        server.shutdown()
        serving.join(timeout=30)

    codes = Counter(a.status_code if a is not None else None for a in answers)
    assert codes == {200: COORDINATORS}, codes
    assert all("Ingediend als versie" in a.text for a in answers), [
        a.text[:200] for a in answers if "Ingediend als versie" not in a.text
    ][:3]
    with fresh.engine.connect() as conn:
        rows = conn.execute(
            select(m.Project.code, m.Network.code, m.StatusUpdate.version, m.StatusUpdate.narrative)
            .join(m.Project, m.Project.id == m.StatusUpdate.project_id)
            .join(m.Network, m.Network.id == m.StatusUpdate.network_id)
            .where(m.StatusUpdate.state == "submitted")
        ).all()
    fresh.engine.dispose()
    assert sorted(r.narrative for r in rows) == sorted(f"update {i}" for i in range(COORDINATORS))
    versions: dict[tuple[str, str], list[int]] = {}
    for project, network, version, _ in rows:
        versions.setdefault((project, network), []).append(version)
    for key, numbers in versions.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), key  # no gap, no double
    assert watch.nested == [], f"{len(watch.nested)} nested connection checkouts"
