"""The dashboard's read-only queries and its one write (timeline notes), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from sqlalchemy.exc import OperationalError

from collectors.ingest import ingest_file
from dashboard import access, queries
from dashboard.app import create_app
from dashboard.pages import network, network_notes, overview, projects, quality
from demo.load import load_demo
from metrics.store import recompute
from tests.login import as_user
from tests.test_recompute import example_template


def _demo(ctx):
    list(load_demo(ctx.engine, ctx.framework, ctx.consortium_id))
    recompute(ctx.engine, ctx.framework, ctx.consortium_id, everything=True)


def test_snapshots_are_cached_until_they_change(ctx, monkeypatch):
    assert queries.snapshots(ctx.engine, ctx.consortium_id).empty
    monkeypatch.setattr(queries, "VERSION_TTL_SECONDS", 0.0)
    _demo(ctx)
    first = queries.snapshots(ctx.engine, ctx.consortium_id)
    assert len(first) > 1000
    assert queries.snapshots(ctx.engine, ctx.consortium_id) is first  # same version: cached
    suppressed = first.loc[first["suppressed"]]
    assert len(suppressed) and suppressed[["n", "mean", "score_100", "value"]].isna().all().all()
    assert queries.waves(first) == ["2024", "2025", "2026"]


def test_callbacks_arriving_together_ask_the_snapshot_version_once(ctx, monkeypatch):
    """A network switch sends its callbacks at once; when the remembered version has expired,
    one asks the database and the others wait for its answer (issue 18)."""
    asked = []
    plain_ask = queries._ask_version

    def slow_ask(engine, consortium_id):
        asked.append(consortium_id)
        time.sleep(0.3)  # the others arrive while this one asks
        return plain_ask(engine, consortium_id)

    monkeypatch.setattr(queries, "_ask_version", slow_ask)
    queries._versions.clear()
    start = threading.Barrier(3)
    seen = []

    def callback():
        start.wait()
        seen.append(queries.snapshot_version(ctx.engine, ctx.consortium_id))

    threads = [threading.Thread(target=callback) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert asked == [ctx.consortium_id] and len(seen) == 3 and len(set(seen)) == 1
    # Without remembering (TTL 0) every call asks again, as before: nothing is kept longer.
    monkeypatch.setattr(queries, "VERSION_TTL_SECONDS", 0.0)
    queries.snapshot_version(ctx.engine, ctx.consortium_id)
    assert len(asked) == 2

    # A database that fails slowly: the callbacks that waited fail with the one ask's error
    # instead of each waiting for the database again in turn.
    def failing_ask(engine, consortium_id):
        asked.append(consortium_id)
        time.sleep(0.3)
        raise OperationalError("SELECT max(computed_at)", {}, Exception("database is down"))

    monkeypatch.setattr(queries, "_ask_version", failing_ask)
    errors = []

    def failing_callback():
        start.wait()
        try:
            queries.snapshot_version(ctx.engine, ctx.consortium_id)
        except OperationalError as error:
            errors.append(error)

    threads = [threading.Thread(target=failing_callback) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(asked) == 3 and len(errors) == 3


def test_the_snapshot_version_is_read_from_its_index(ctx):
    """Every burst of callbacks asks the version: it must not read the wide snapshot rows (on
    SQLite that took about 100 ms at national scale), only ix_measure_snapshot_version."""
    _demo(ctx)
    statement = queries.version_query(ctx.consortium_id).compile(
        ctx.engine, compile_kwargs={"literal_binds": True}
    )
    with ctx.engine.connect() as c:
        if ctx.engine.dialect.name == "sqlite":
            plan = " ".join(str(r) for r in c.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}"))
            assert "COVERING INDEX ix_measure_snapshot_version" in plan
        else:  # demo-sized tables: make the planner show whether the index can answer alone
            c.exec_driver_sql("SET LOCAL enable_seqscan = off")
            c.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
            plan = " ".join(r[0] for r in c.exec_driver_sql(f"EXPLAIN {statement}"))
            assert "Index Only Scan using ix_measure_snapshot_version" in plan


@pytest.mark.demo_data(recomputed=True)
def test_timeline_notes_round_trip_and_show_on_the_trend(ctx):
    app = create_app(ctx)
    with as_user(app, ctx, "admin"):
        assert access.may_write_note("UTS") and not access.may_write_note("ALL")
        message, added = network_notes.add_note(
            ctx, "UTS", "2025-03-01", "reorganisatie thuiszorg", "nl"
        )
        assert added and "toegevoegd" in str(message)
        _, refused = network_notes.add_note(ctx, "UTS", "", "zonder datum", "nl")
        assert not refused
        _, refused = network_notes.add_note(ctx, "ALL", "2025-03-01", "consortium", "nl")
        assert not refused
    notes = queries.timeline_notes(ctx.engine, ctx.consortium_id, "UTS")
    assert notes["text"].tolist() == ["reorganisatie thuiszorg"]
    out = network.render(
        ctx,
        {"network": "UTS", "measure": "index", "subject": "index", "wave": "2026", "lang": "nl"},
    )
    assert any(
        a["text"] == "reorganisatie thuiszorg" for a in out["trend"]["layout"]["annotations"]
    )


@pytest.mark.demo_data(recomputed=True)
def test_every_page_renders_from_the_database(ctx):
    out = overview.render(ctx, {"wave": "2026", "measure": "theme", "lang": "en"})
    assert "Eemland" in str(out["body"])
    out = projects.render(
        ctx, {"network": "", "project": "A027", "lang": "nl"}, today=date(2026, 11, 1)
    )
    assert "WEGWIJZER" in str(out["din_gaps"])
    out = quality.render(ctx, {"wave": "2025", "lang": "nl"})
    status = projects.status_frame(ctx, {"network": "UTS"}, "nl", today=date(2026, 11, 1))
    assert list(status.columns) == ["Project", "Utrecht stad"]
    runs = queries.collector_runs(ctx.engine)
    assert len(runs) >= 1 and set(runs["status"]) == {"ok"}
    assert runs["source"].iloc[0] in str(out["sources"])


def test_quality_answers_share_no_component(ctx):
    """Kwaliteit keeps its tables' cells per snapshot version, not the tables: each answer's
    components are its own, so whatever changes one answer (Dash, a later callback) changes no
    other reader's, and the cells kept cannot be changed in place."""
    _demo(ctx)
    first, second = (quality.render(ctx, {"wave": "2025", "lang": "nl"}) for _ in range(2))
    for name in ("rates", "suppression"):
        kept = str(second[name])
        assert first[name] is not second[name] and str(first[name]) == kept
        first[name].children[1].children[0].children[0].children = "changed"
        assert str(second[name]) == kept
    columns, rows = quality._rates(ctx, "nl")
    assert isinstance(columns, tuple) and isinstance(rows, tuple)


def test_quality_counts_hidden_figures_per_reason(ctx, tmp_path, monkeypatch):
    # Kwaliteit keeps its tables' cells with the snapshot version they came from (queries.memo):
    # drawn before the wave exists, the page shows it on the first call after the recompute.
    monkeypatch.setattr(queries, "VERSION_TTL_SECONDS", 0.0)
    before = quality.render(ctx, {"wave": "2031", "lang": "nl"})
    assert "2031" not in str(before["rates"]) and before["query"]["wave"] is None
    # The example of issue 20 (measures.md, Suppression) in EEM/LEK/UTS x CO/MB/ZP: in each of
    # the 77 score tables (66, and the 8 speerpunten and 3 ambitions) EEM/CO is under the
    # threshold and five more cells are hidden by the complement rule (EEM/MB, LEK/CO, LEK/MB,
    # UTS/CO, UTS/MB).
    items = ctx.framework.items_frame()["item"].tolist()
    path = example_template(tmp_path / "w.csv", items)
    ingest_file(ctx.engine, path, consortium_id=ctx.consortium_id, create_waves=True)
    recompute(ctx.engine, ctx.framework, ctx.consortium_id)
    frame = quality.suppression_frame(ctx, {"wave": "2031"}, "en").set_index("Network")
    # Per network: 77 tables x 4 groups (3 + "all"), 11 agreement, 11 alpha, 1 response rate.
    tables = 66 + 8 + 3
    per_network = tables * 4 + 11 + 11 + 1
    counts = {
        name: tuple(frame.loc[name])
        for name in ["Eemland", "Lekstroom", "Utrecht stad", "Consortium (all networks)"]
    }
    assert counts == {
        "Eemland": (per_network - 2 * tables, tables, tables),
        "Lekstroom": (per_network - 2 * tables, 0, 2 * tables),
        "Utrecht stad": (per_network - 2 * tables, 0, 2 * tables),
        "Consortium (all networks)": (per_network, 0, 0),
    }
    assert tuple(frame.loc["Zuidoost-Utrecht"]) == (0, 0, 0)  # no responses: nothing to count
    assert list(frame.columns) == [
        "Shown",
        "Hidden: too few respondents",
        "Hidden: against working out",
    ]
    out = quality.render(ctx, {"wave": "2031", "lang": "nl"})
    assert "Verborgen: tegen terugrekenen" in str(out["suppression"])
    assert "2031" in str(out["rates"]) and out["query"]["wave"] == "2031"
    rows = out["suppression"].children[1].children
    shown = {row.children[0].children: row.children[1].children for row in rows}
    assert shown["Eemland"] == shown["Lekstroom"] == per_network - 2 * tables
    assert quality._rates(ctx, "nl") is quality._rates(ctx, "nl")  # one version: worked out once
