"""Figure builders of projects and goals: a project's status history, a SMART goal with its
forecast, and the Doelen-Inspanningen-Netwerk (pure functions, tested without a browser)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.style import (
    GREY,
    OKABE_ITO,
    PROJECT_COLOURS,
    PROJECT_SYMBOLS,
    empty_figure,
    house_figure,
    present,
)
from samenwerkingsmonitor.catalogue import t
from samenwerkingsmonitor.inert import plain


def project_history_figure(updates: pd.DataFrame, names: dict[str, str], lang: str) -> go.Figure:
    """A project's status updates over time, one line per network; status in colour and shape.

    ``updates``: network, submitted_at, status.
    """
    if updates.empty:
        return empty_figure(t("no_updates", lang))
    data = []
    for status in PROJECT_COLOURS:
        rows = updates.loc[updates["status"] == status]
        if rows.empty:
            continue
        data.append(
            {
                "type": "scatter",
                "x": rows["submitted_at"],
                "y": rows["network"].map(names).fillna(rows["network"]).map(plain),
                "mode": "markers",
                "marker": {
                    "color": PROJECT_COLOURS[status],
                    "symbol": PROJECT_SYMBOLS[status],
                    "size": 10,
                },
                "name": t(f"project_{status}", lang),
                "hovertemplate": "%{y} %{x|%d-%m-%Y}<extra>"
                + t(f"project_{status}", lang)
                + "</extra>",
            }
        )
    height = 140 + 30 * updates["network"].nunique()
    return house_figure(data, {"yaxis": {"type": "category"}}, height, lang)


def goal_figure(goal: dict, values: pd.DataFrame, lang: str) -> go.Figure:
    """A SMART goal: baseline, measured values, target at the deadline and the forecast line.

    ``goal``: name, baseline_value, baseline_date, target_value, deadline, forecast.
    ``values``: measured_at, value.
    """
    points = pd.concat(
        [
            pd.DataFrame({"x": [goal["baseline_date"]], "y": [goal["baseline_value"]]}),
            pd.DataFrame({"x": values["measured_at"], "y": values["value"]}),
        ],
        ignore_index=True,
    ).dropna()
    data = [
        {
            "type": "scatter",
            "x": points["x"],
            "y": points["y"],
            "mode": "lines+markers",
            "name": t("measured", lang),
            "line": {"color": OKABE_ITO[0]},
        },
        {
            "type": "scatter",
            "x": [goal["deadline"]],
            "y": [goal["target_value"]],
            "mode": "markers",
            "marker": {"symbol": "star", "size": 14, "color": OKABE_ITO[1]},
            "name": t("target", lang),
        },
    ]
    if present(goal.get("forecast")) is not None and len(points):
        data.append(
            {
                "type": "scatter",
                "x": [points["x"].iloc[-1], goal["deadline"]],
                "y": [points["y"].iloc[-1], goal["forecast"]],
                "mode": "lines",
                "line": {"dash": "dot", "color": GREY},
                "name": t("forecast", lang),
            }
        )
    return house_figure(data, {}, 260, lang)


def din_figure(
    nodes: pd.DataFrame, edges: pd.DataFrame, lang: str, *, height: int | None = None
) -> go.Figure:
    """The Doelen-Inspanningen-Netwerk as layers from left to right: projects → SMART goals →
    result goals → ambitions → vision. A node flagged ``gap`` (a goal nothing works on, a project
    that serves no goal) is drawn in vermillion with a thick outline and the word in its label.

    ``nodes``: id, layer (0–4), label, gap (bool). ``edges``: source, target (node ids).
    """
    if nodes.empty:
        return empty_figure(t("no_din", lang))
    positions: dict[str, tuple[float, float]] = {}
    for layer, rows in nodes.groupby("layer"):
        count = len(rows)
        for rank, node_id in enumerate(rows["id"]):
            positions[node_id] = (float(layer), 1 - (rank + 0.5) / count)
    xs: list = []
    ys: list = []
    for source, target in edges[["source", "target"]].itertuples(index=False):
        if source in positions and target in positions:
            (x0, y0), (x1, y1) = positions[source], positions[target]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
    # The links get no legend entry: without a name of their own it would read "trace 0".
    links = {"type": "scatter", "x": xs, "y": ys, "mode": "lines", "hoverinfo": "skip"}
    data = [{**links, "line": {"color": "#BBBBBB", "width": 1}, "showlegend": False}]
    gaps = nodes["gap"].astype(bool)
    for flagged, rows in ((False, nodes.loc[~gaps]), (True, nodes.loc[gaps])):
        if rows.empty:
            continue
        data.append(
            {
                "type": "scatter",
                "x": [positions[i][0] for i in rows["id"]],
                "y": [positions[i][1] for i in rows["id"]],
                "mode": "markers+text",
                "text": [("(!) " if flagged else "") + plain(label) for label in rows["label"]],
                "textposition": "middle right",
                "textfont": {"size": 11, "color": OKABE_ITO[5] if flagged else "#222222"},
                "marker": {
                    "size": 14 if flagged else 10,
                    "color": OKABE_ITO[5] if flagged else OKABE_ITO[0],
                    "symbol": "diamond" if flagged else "circle",
                    "line": {"width": 2 if flagged else 0, "color": "#000000"},
                },
                "name": t("din_gap", lang) if flagged else t("din_linked", lang),
                "hovertext": rows["label"].map(plain),
                "hoverinfo": "text",
            }
        )
    layers = [t(f"din_layer_{i}", lang) for i in range(5)]
    layout = {
        "xaxis": {
            "tickvals": list(range(5)),
            "ticktext": layers,
            "range": [-0.2, 4.9],
            "side": "top",
            "showgrid": False,
        },
        "yaxis": {"visible": False, "range": [-0.02, 1.02]},
    }
    tallest = int(nodes.groupby("layer").size().max())
    return house_figure(data, layout, height or max(320, 28 * tallest + 80), lang)
