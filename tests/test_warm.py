"""Issue 18: the served app reads the snapshots and loads plotly before its first request, and a
database that does not answer yet does not stop it from starting."""

from __future__ import annotations

import pytest

from dashboard import queries
from dashboard.app import create_app
from tests.conftest import make_context


@pytest.mark.demo_data(recomputed=True)
def test_warm_start_fills_the_snapshot_cache(sqlite_url, tmp_path):
    context = make_context(sqlite_url, tmp_path)
    queries._snapshots.cache_clear()
    create_app(context)
    assert queries._snapshots.cache_info().currsize == 0  # tests' apps stay cold
    create_app(context, warm_up=True)
    info = queries._snapshots.cache_info()
    assert info.currsize == 1
    frame = queries.snapshots(context.engine, context.consortium_id)
    assert queries._snapshots.cache_info().hits == info.hits + 1 and len(frame) > 0


def test_warm_start_survives_a_database_that_does_not_answer(tmp_path):
    context = make_context("postgresql+psycopg://nobody@127.0.0.1:9/none", tmp_path)
    app = create_app(context, warm_up=True)
    assert app.server is not None
