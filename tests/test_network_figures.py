"""Netwerk's figures go to the browser as plain specs, unvalidated (issue 18): plotly, validating
what is sent, must make the very figure the validated builders make, for every network (the
consortium, one with suppressed groups), measure, wave and language of the demo data."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from plotly.io.json import to_json_plotly

from charts import figures
from dashboard.pages import network
from tests.test_dashboard_queries import _demo

FIGURES = ("trend", "radar", "agreement", "rate")


@pytest.fixture
def demo_ctx(ctx):
    _demo(ctx)
    return ctx


def _validated_twin(monkeypatch, ctx, query: dict) -> dict:
    """The page's outputs with the builders' validated figures, as before the specs."""
    with monkeypatch.context() as patch:
        for name in FIGURES:
            patch.setattr(figures, f"{name}_spec", getattr(figures, f"{name}_figure"))
        patch.setattr(network, "sent", lambda figure: figure)
        return network.render(ctx, query)


def _decoded(figure: go.Figure) -> dict:
    return json.loads(to_json_plotly(figure))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sent_specs_are_the_validated_figures(demo_ctx, monkeypatch, lang):
    compared = 0
    for code in ("ALL", "UTS", "EEM", "LEK"):
        for measure, subject, wave in (
            ("index", "index", "2026"),
            ("theme", "VERTR", "2024"),
            ("ambition", "A2", "2025"),
        ):
            query = {"network": code, "measure": measure, "subject": subject, "wave": wave}
            query["lang"] = lang
            out = network.render(demo_ctx, query)
            twin = _validated_twin(monkeypatch, demo_ctx, query)
            for name in FIGURES:
                assert isinstance(out[name], dict) and isinstance(twin[name], go.Figure)
                assert out[name]["layout"]["template"]["layout"]  # the house template travels
                assert _decoded(go.Figure(out[name])) == _decoded(twin[name]), name
                compared += 1
            # the rest of the answer is untouched
            assert str(out["groups"]) == str(twin["groups"]) and out["query"] == twin["query"]
    assert compared == 4 * 3 * len(FIGURES)
