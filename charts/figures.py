"""Figure builders: pure functions from small DataFrames to plotly figures (tested without a browser).

The dashboard's pages and the reports draw with the same builders. A suppressed row never
contributes a number: builders take its figures as missing. Every text a builder takes (notes,
network, project, goal and theme names) goes through `plain()` (docs/security.md). A builder
writes its traces and layout as dicts and makes the figure once (charts.style.house_figure).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.style import (
    GREY,
    LINE_SYMBOLS,
    OKABE_ITO,
    SEQUENTIAL,
    STATUS_COLOURS,
    SUPPRESSED_FILL,
    SUPPRESSED_MARK,
    WaveAxis,
    empty_figure,
    empty_spec,
    house_figure,
    house_spec,
    present,
    road_spec,
    validated,
    vline,
    wrapped,
)
from samenwerkingsmonitor.catalogue import t
from samenwerkingsmonitor.inert import plain
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS


def trend_spec(
    series: pd.DataFrame,
    lang: str,
    *,
    road: dict | None = None,
    consortium: pd.DataFrame | None = None,
    notes: pd.DataFrame | None = None,
    title: str = "",
) -> dict:
    """A measure over the waves with its 95% CI band, the straight road from baseline to target,
    the consortium for comparison and the network's timeline notes.

    ``series``: reference_date, wave, score_100, ci_low_100, ci_high_100, suppressed.
    ``road``: baseline, baseline_date, target, target_date (or None). ``notes``: noted_on, text.
    """
    if series.empty:
        return empty_spec(t("empty_wave", lang))
    s = series.sort_values("reference_date")
    shown = s.loc[~s["suppressed"].astype(bool)]
    waves = pd.concat([s, consortium] if consortium is not None else [s])[
        ["wave", "reference_date"]
    ]
    axis = WaveAxis(waves, road.get("target_date") if road else None)
    data = []
    if len(shown) and shown["ci_low_100"].notna().any():
        band = shown.dropna(subset=["ci_low_100", "ci_high_100"])
        data.append(
            {
                "type": "scatter",
                "x": axis.of_wave(band["wave"]) + axis.of_wave(band["wave"])[::-1],
                "y": list(band["ci_high_100"]) + list(band["ci_low_100"])[::-1],
                "fill": "toself",
                "mode": "lines",
                "fillcolor": "rgba(0,114,178,0.15)",
                "line": {"width": 0},
                "hoverinfo": "skip",
                "name": t("ci_band", lang),
            }
        )
    data.append(
        {
            "type": "scatter",
            "x": axis.of_wave(shown["wave"]),
            "y": shown["score_100"],
            "mode": "lines+markers",
            "line": {"color": OKABE_ITO[0], "width": 3},
            "marker": {"size": 9},
            "name": plain(title or t("score", lang)),
            "customdata": shown["wave"],
            "hovertemplate": "%{customdata}: %{y:.1f}<extra></extra>",
        }
    )
    if consortium is not None and not consortium.empty:
        c = consortium.loc[~consortium["suppressed"].astype(bool)].sort_values("reference_date")
        data.append(
            {
                "type": "scatter",
                "x": axis.of_wave(c["wave"]),
                "y": c["score_100"],
                "mode": "lines+markers",
                "line": {"color": GREY, "dash": "dot"},
                "name": t("consortium_short", lang),
                "hovertemplate": "%{y:.1f}<extra></extra>",
            }
        )
    if (
        road
        and present(road.get("baseline")) is not None
        and present(road.get("target")) is not None
    ):
        data.append(road_spec(road, lang, axis=axis))
    layout = {
        **_annotations(s, notes, lang, axis),
        "yaxis": {"range": [0, 100], "title": t("score_axis", lang)},
        "xaxis": axis.xaxis(lang),
    }
    return house_spec(data, layout, lang=lang)


def _annotations(s: pd.DataFrame, notes: pd.DataFrame | None, lang: str, axis: WaveAxis) -> dict:
    """A trend's words on the chart: 'too few respondents' at a suppressed wave, and the
    network's timeline notes as dotted lines with their (plain) text (layout entries)."""
    annotations, shapes = [], []
    for wave in s.loc[s["suppressed"].astype(bool), "wave"]:
        annotations.append(
            {
                "x": axis.labels[str(wave)],
                "y": 1,
                "yref": "paper",
                "text": f"{SUPPRESSED_MARK} {t('too_few', lang)}",
                "showarrow": False,
                "font": {"size": 11, "color": "#555555"},
            }
        )
    for noted_on, text in (
        zip(notes["noted_on"], notes["text"]) if notes is not None and len(notes) else []
    ):
        shapes.append(vline(axis.at(noted_on), {"color": OKABE_ITO[3], "dash": "dot"}))
        annotations.append(
            {
                "x": axis.at(noted_on),
                "y": 0.02,
                "yref": "paper",
                "text": plain(text),
                "showarrow": False,
                "textangle": -90,
                "xanchor": "right",
                "yanchor": "bottom",
                "font": {"size": 11, "color": OKABE_ITO[3]},
            }
        )
    layout = {"annotations": annotations} if annotations else {}
    return {**layout, "shapes": shapes} if shapes else layout


def radar_spec(
    network: pd.DataFrame,
    consortium: pd.DataFrame,
    labels: dict[str, str],
    lang: str,
    *,
    network_name: str = "",
) -> dict:
    """Themes of one network per wave as a spider chart, with the consortium of the latest wave.

    Both frames: wave, subject, score_100, suppressed. A suppressed theme leaves a gap.
    """
    if network.empty:
        return empty_spec(t("empty_wave", lang))
    subjects = [s for s in labels if s in set(network["subject"])]
    theta = [wrapped(plain(labels[s]), 14) for s in subjects]
    data = []
    for index, (wave, rows) in enumerate(network.groupby("wave", sort=True)):
        hidden = dict(zip(rows["subject"], rows["suppressed"]))
        scores = dict(zip(rows["subject"], rows["score_100"]))
        r = [None if hidden.get(s, True) else present(scores[s]) for s in subjects]
        data.append(
            {
                "type": "scatterpolar",
                "r": r + r[:1],
                "theta": theta + theta[:1],
                "name": plain(f"{network_name} {wave}".strip()),
                "mode": "lines+markers",
                "line": {"color": OKABE_ITO[index % len(OKABE_ITO)]},
                "marker": {"symbol": LINE_SYMBOLS[index % len(LINE_SYMBOLS)], "size": 8},
            }
        )
    if not consortium.empty:
        latest = consortium.loc[consortium["wave"] == consortium["wave"].max()].set_index("subject")
        r = [present(latest["score_100"].get(s)) for s in subjects]
        data.append(
            {
                "type": "scatterpolar",
                "r": r + r[:1],
                "theta": theta + theta[:1],
                "name": f"{t('consortium_short', lang)} {consortium['wave'].max()}",
                "line": {"color": GREY, "dash": "dot"},
            }
        )
    polar = {
        "radialaxis": {"range": [0, 100], "tickfont": {"size": 9}, "angle": 90},
        "angularaxis": {"tickfont": {"size": 11}},
    }
    # Theme names (wrapped) stand around the circle: leave them room on every side.
    room = {"l": 90, "r": 90, "t": 50, "b": 50}
    return house_spec(data, {"polar": polar}, 480, lang, margin=room)


def agreement_spec(frame: pd.DataFrame, labels: dict[str, str], lang: str) -> dict:
    """Interquartile range per theme; ≤ 1.0 is agreement, more is split (measures.md rule 7).

    ``frame``: subject, value (IQR), verdict, suppressed.
    """
    if frame.empty:
        return empty_spec(t("empty_wave", lang))
    f = frame.assign(label=frame["subject"].map(labels).fillna(frame["subject"]).map(plain))
    f["label"] = f["label"].map(lambda label: wrapped(label, 22))
    colours = [
        SUPPRESSED_FILL if s else (OKABE_ITO[2] if v == "agreement" else OKABE_ITO[5])
        for s, v in zip(f["suppressed"], f["verdict"])
    ]
    text = [
        t("too_few", lang) if s else t(f"verdict_{v}", lang) if isinstance(v, str) else ""
        for s, v in zip(f["suppressed"], f["verdict"])
    ]
    values = [None if s else present(v) for s, v in zip(f["suppressed"], f["value"])]
    bar = {
        "type": "bar",
        "x": values,
        "y": f["label"],
        "orientation": "h",
        "marker": {
            "color": colours,
            "pattern": {"shape": [("/" if s else "") for s in f["suppressed"]]},
        },
        "text": text,
        "textposition": "outside",
        "customdata": f["subject"],
        "hovertemplate": "%{y}: IQR %{x:.2f}<extra></extra>",
    }
    # Room right of the longest bar for its verdict in words, also on a phone-sized chart.
    top = max([2.5, *[v or 0 for v in values]]) * 1.3
    layout = {
        "shapes": [vline(1.0, {"color": "#333333", "dash": "dash"})],
        "xaxis": {"title": wrapped(t("iqr_axis", lang), 30), "range": [0, top]},
        "yaxis": {"autorange": "reversed"},
    }
    return house_spec([bar], layout, 420, lang)


def rate_spec(frame: pd.DataFrame, lang: str) -> dict:
    """Responses (n, bars) and response rate (line, right axis) per wave.

    ``frame``: wave, n, value (rate 0–1 or NaN when the invited count is unknown), suppressed.
    """
    if frame.empty:
        return empty_spec(t("empty_wave", lang))
    f = frame.sort_values("wave")
    n = [None if s else present(v) for s, v in zip(f["suppressed"], f["n"])]
    rate = [None if s else present(v) for s, v in zip(f["suppressed"], f["value"])]
    bars = {
        "type": "bar",
        "x": f["wave"],
        "y": n,
        "name": t("responses", lang),
        "marker": {"color": OKABE_ITO[4]},
        "text": [t("too_few", lang) if s else "" for s in f["suppressed"]],
    }
    line = {
        "type": "scatter",
        "x": f["wave"],
        "y": [None if r is None else r * 100 for r in rate],
        "name": t("response_rate", lang),
        "yaxis": "y2",
        "mode": "lines+markers",
        "line": {"color": OKABE_ITO[5]},
        "hovertemplate": "%{y:.0f}%<extra></extra>",
    }
    layout = {
        "yaxis": {"title": t("responses", lang)},
        "yaxis2": {"title": "%", "overlaying": "y", "side": "right", "range": [0, 100]},
        "xaxis": {"type": "category"},
    }
    return house_spec([bars, line], layout, 320, lang)


# Netwerk's four: the dashboard sends their specs (charts.template.sent), the reports and the
# tests take validated figures.
trend_figure, radar_figure, agreement_figure, rate_figure = (
    validated(spec) for spec in (trend_spec, radar_spec, agreement_spec, rate_spec)
)


def heatmap_figure(
    frame: pd.DataFrame,
    rows: dict[str, str],
    columns: dict[str, str],
    lang: str,
    *,
    value: str = "score_100",
    zrange: tuple[float, float] = (0, 100),
    number_format: str = "{:.0f}",
) -> go.Figure:
    """A rows × columns heatmap (e.g. network × theme). A suppressed cell is not coloured: it is
    left empty on a light grey ground and marked with × and the words 'too few respondents'.

    ``frame``: row, column, <value>, suppressed. ``rows``/``columns``: code → label, in order.
    """
    if frame.empty:
        return empty_figure(t("empty_wave", lang))
    cells = dict(zip(zip(frame["row"], frame["column"]), zip(frame["suppressed"], frame[value])))
    no_value, few = t("no_value", lang), t("too_few", lang)
    z, text, hover = [], [], []
    for r in rows:
        z_row, text_row, hover_row = [], [], []
        for c in columns:
            suppressed, figure = cells.get((r, c), (False, None))
            if bool(suppressed):
                z_row.append(None)
                text_row.append(SUPPRESSED_MARK)
                hover_row.append(few)
            elif present(figure) is None:
                z_row.append(None)
                text_row.append("")
                hover_row.append(no_value)
            else:
                z_row.append(float(figure))
                text_row.append(number_format.format(figure))
                hover_row.append(number_format.format(figure))
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    heat = {
        "type": "heatmap",
        "z": z,
        "x": [plain(label) for label in columns.values()],  # slanted: no wrapping needed
        "y": [wrapped(plain(label), 18) for label in rows.values()],
        "text": text,
        "texttemplate": "%{text}",
        "customdata": hover,
        "hovertemplate": "%{y} · %{x}: %{customdata}<extra></extra>",
        "colorscale": SEQUENTIAL,
        "zmin": zrange[0],
        "zmax": zrange[1],
        "xgap": 2,
        "ygap": 2,
        "hoverongaps": True,
    }
    layout = {
        "plot_bgcolor": SUPPRESSED_FILL,
        "xaxis": {"tickangle": -30, "showgrid": False},
        "yaxis": {"autorange": "reversed", "showgrid": False},
    }
    return house_figure([heat], layout, 120 + 34 * len(rows), lang)


def compare_figure(frame: pd.DataFrame, names: dict[str, str], lang: str) -> go.Figure:
    """Several networks on one measure over the waves, each with its 95% CI as error bars.

    ``frame``: network, wave, score_100, ci_low_100, ci_high_100, suppressed.
    """
    if frame.empty:
        return empty_figure(t("empty_wave", lang))
    shown = frame.loc[~frame["suppressed"].astype(bool)]
    data = []
    for index, code in enumerate(names):
        rows = shown.loc[shown["network"] == code].sort_values("wave")
        if rows.empty:
            continue
        data.append(
            {
                "type": "scatter",
                "x": rows["wave"],
                "y": rows["score_100"],
                "name": plain(names[code]),
                "mode": "lines+markers",
                "line": {
                    "color": GREY if code == ALL_NETWORKS else OKABE_ITO[index % len(OKABE_ITO)]
                },
                "marker": {"symbol": LINE_SYMBOLS[index % len(LINE_SYMBOLS)], "size": 8},
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    "array": (rows["ci_high_100"] - rows["score_100"]).tolist(),
                    "arrayminus": (rows["score_100"] - rows["ci_low_100"]).tolist(),
                    "thickness": 1,
                },
                "hovertemplate": "%{x}: %{y:.1f}<extra>%{fullData.name}</extra>",
            }
        )
    layout = {
        "xaxis": {"type": "category", "title": t("wave", lang)},
        "yaxis": {"range": [0, 100], "title": t("score_axis", lang)},
    }
    return house_figure(data, layout, lang=lang)


def index_road_figure(frame: pd.DataFrame, names: dict[str, str], lang: str) -> go.Figure:
    """Each network's latest index against its expected value on the road to the 2028 target.

    ``frame``: network, score_100, expected, target, status, suppressed (one row per network).
    """
    if frame.empty:
        return empty_figure(t("empty_wave", lang))
    f = frame.set_index("network").reindex([c for c in names if c in set(frame["network"])])
    labels = [wrapped(plain(names[c])) for c in f.index]
    shown = ~f["suppressed"].astype(bool)
    expected = {
        "type": "scatter",
        "x": f["expected"].where(shown),
        "y": labels,
        "mode": "markers",
        "marker": {"symbol": "line-ns-open", "size": 18, "color": "#333333", "line": {"width": 2}},
        "name": t("expected", lang),
        "hovertemplate": "%{x:.1f}<extra></extra>",
    }
    target = {
        "type": "scatter",
        "x": f["target"].where(shown),
        "y": labels,
        "mode": "markers",
        "marker": {"symbol": "star", "size": 12, "color": OKABE_ITO[1]},
        "name": t("target", lang),
        "hovertemplate": "%{x:.0f}<extra></extra>",
    }
    statuses = f["status"].where(shown)
    index = {
        "type": "scatter",
        "x": f["score_100"].where(shown),
        "y": labels,
        "mode": "markers+text",
        "marker": {"size": 14, "color": [STATUS_COLOURS.get(s, GREY) for s in statuses]},
        "text": [
            t(f"status_{s}", lang) if isinstance(s, str) else (t("too_few", lang) if not ok else "")
            for s, ok in zip(statuses, shown)
        ],
        "textposition": "middle right",
        "name": t("index", lang),
        "hovertemplate": "%{y}: %{x:.1f}<extra></extra>",
    }
    # The axis runs on past 100 (without ticks there) so the status word right of a point fits.
    layout = {
        "xaxis": {
            "range": [0, 128],
            "tickvals": list(range(0, 101, 20)),
            "title": t("score_axis", lang),
        },
        "yaxis": {"autorange": "reversed"},
    }
    return house_figure([expected, target, index], layout, 140 + 36 * len(labels), lang)
