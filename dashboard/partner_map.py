"""The partner network drawn: pure builders from small DataFrames to cytoscape elements, its
stylesheet, the sector × sector matrix and the figures over time (tested without a browser).

The map is laid out once per network over the union of all its waves' partners and ties, without
randomness on a sorted graph, and drawn with cytoscape's `preset` layout: the same data draws the
same map, and an organisation stays in its place when the wave changes. Colours are Okabe–Ito
and never carry meaning alone: a sector also has its own shape, a tie's frequency its own width
and line style, and every node carries its name. Per-tie trust and value are never drawn: a tie
has one or two raters, so they would identify them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from urllib.parse import quote

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from charts.partner_network import COUNTS, RATING_RANGE, RATINGS, SHARES, format_value
from charts.style import (
    GREY,
    OKABE_ITO,
    SEQUENTIAL,
    SUPPRESSED_MARK,
    WaveAxis,
    empty_figure,
    house_style,
    road_trace,
)
from dashboard.i18n import t
from metrics.partner_network import sector_matrix as count_sector_ties

# db.models.SECTORS in its order; Okabe–Ito's eight colours plus grey for "other".
SECTOR_COLOURS = {
    "huisarts": OKABE_ITO[0],
    "thuiszorg": OKABE_ITO[1],
    "ziekenhuis": OKABE_ITO[2],
    "vvt": OKABE_ITO[3],
    "hospice": OKABE_ITO[4],
    "palliatief_team": OKABE_ITO[5],
    "vrijwilligers": OKABE_ITO[6],
    "sociaal_domein": OKABE_ITO[7],
    "overig": GREY,
}
# A shape per sector (cytoscape node shapes); the legend draws the same shape as a small SVG.
SECTOR_SHAPES = {
    "huisarts": "ellipse",
    "thuiszorg": "rectangle",
    "ziekenhuis": "triangle",
    "vvt": "diamond",
    "hospice": "pentagon",
    "palliatief_team": "star",
    "vrijwilligers": "hexagon",
    "sociaal_domein": "octagon",
    "overig": "rhomboid",
}
UNKNOWN_SECTOR = "overig"

# Frequency of working together as stored in network_tie (1 a few times, 2 monthly, 3 weekly).
FREQUENCIES = (1, 2, 3)
FREQUENCY_WIDTHS = {1: 2.0, 2: 4.0, 3: 7.0}
FREQUENCY_STYLES = {1: "dotted", 2: "dashed", 3: "solid"}
TIE_COLOUR = "#A0A0A0"
AGREEMENT_COLOUR = "#222222"  # dark on light grey: the mark reads without colour vision
NEW_COLOUR = OKABE_ITO[1]

# The drawing box of the preset positions; two invisible anchors at its corners make cytoscape's
# fit show the same box in every wave, so the map does not zoom when a partner comes or goes.
WIDTH, HEIGHT, MARGIN = 800.0, 560.0, 70.0
NODE_MIN, NODE_STEP = 24.0, 10.0


def _regular(corners: int, rotate: float = -90.0, inner: float | None = None) -> str:
    """Points of a regular polygon (or, with `inner`, a star) in a 16 × 16 box."""
    count = corners * (2 if inner else 1)
    points = []
    for i in range(count):
        radius = 7.0 if not inner or i % 2 == 0 else 7.0 * inner
        angle = math.radians(rotate + 360.0 * i / count)
        points.append(f"{8 + radius * math.cos(angle):.1f},{8 + radius * math.sin(angle):.1f}")
    return " ".join(points)


_SHAPE_SVG = {
    "ellipse": '<circle cx="8" cy="8" r="7"/>',
    "rectangle": '<rect x="1.5" y="1.5" width="13" height="13"/>',
    "triangle": '<polygon points="8,1 15,15 1,15"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "pentagon": f'<polygon points="{_regular(5)}"/>',
    "star": f'<polygon points="{_regular(5, inner=0.45)}"/>',
    "hexagon": f'<polygon points="{_regular(6, rotate=0)}"/>',
    "octagon": f'<polygon points="{_regular(8, rotate=22.5)}"/>',
    "rhomboid": '<polygon points="5,2 15,2 11,14 1,14"/>',
}


def legend_symbol(sector: str) -> str:
    """The sector's node shape in its colour, as an SVG data URI for the legend (the same
    shape and outline as on the map, so the legend does not depend on the fonts' glyphs)."""
    sector = sector if sector in SECTOR_COLOURS else UNKNOWN_SECTOR
    shape = _SHAPE_SVG[SECTOR_SHAPES[sector]]
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">'
        f'<g fill="{SECTOR_COLOURS[sector]}" stroke="#555555" stroke-width="1">{shape}</g></svg>'
    )
    return "data:image/svg+xml;charset=utf-8," + quote(svg)


def sector_label(sector: str | None, lang: str) -> str:
    """A sector's name; a code outside db.models.SECTORS reads as "other"."""
    return t(f"sector_{sector if sector in SECTOR_COLOURS else UNKNOWN_SECTOR}", lang)


def pair(a: str, b: str) -> tuple[str, str]:
    """A tie's two ends in a fixed order (network_tie stores a < b)."""
    return (a, b) if a <= b else (b, a)


def layout_positions(
    partners: Iterable[str], ties: Iterable[tuple[str, str]]
) -> dict[str, tuple[float, float]]:
    """Where each partner stands on the map, over the graph of the given partners and ties (pass
    the union of every wave), scaled into the drawing box. The order of the input does not
    matter: the same sets give the same positions.

    Each connected group is laid out on its own (Kamada–Kawai, which starts from a circle: no
    randomness) and given a share of the box's width by its size, largest first; partners that
    never had a tie stand in a row along the bottom. One spring layout of the whole graph would
    push the groups to the corners and squeeze the main network into a few pixels.
    """
    nodes = tuple(sorted(set(partners)))
    edges = tuple(sorted({pair(a, b) for a, b in ties if a != b and a in nodes and b in nodes}))
    return dict(_positions(nodes, edges))


@lru_cache(maxsize=64)
def _positions(
    nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, tuple[float, float]], ...]:
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    groups = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
    )
    connected = [g for g in groups if len(g) > 1]
    alone = [g[0] for g in groups if len(g) == 1]
    # The bottom strip for the partners without any tie; the rest of the box for the groups.
    strip = 0.0 if not alone else (HEIGHT if not connected else HEIGHT * 0.18)
    top = HEIGHT - strip
    positions: dict[str, tuple[float, float]] = {}
    left, total = 0.0, sum(len(g) for g in connected)
    for group in connected:
        width = WIDTH * len(group) / total
        positions.update(_fit(_group_layout(graph, group), left, 0.0, width, top))
        left += width
    if alone:
        columns = max(1, min(len(alone), 8))
        rows = math.ceil(len(alone) / columns)
        for index, code in enumerate(alone):
            row, column = divmod(index, columns)
            x = WIDTH * (column + 0.5) / columns
            y = top + (strip if connected else HEIGHT) * ((row + 0.5) / rows if rows > 1 else 0.5)
            positions[code] = (round(x, 1), round(min(y, HEIGHT), 1))
    return tuple((code, positions[code]) for code in nodes)


def _group_layout(graph: nx.Graph, group: list[str]) -> dict[str, tuple[float, float]]:
    sub = nx.Graph()
    sub.add_nodes_from(group)  # sorted: the same start circle every time
    sub.add_edges_from(sorted(pair(a, b) for a, b in graph.subgraph(group).edges()))
    if len(group) == 2:
        return {group[0]: (0.0, 0.0), group[1]: (1.0, 0.0)}
    raw = nx.kamada_kawai_layout(sub)
    return {code: (float(raw[code][0]), float(raw[code][1])) for code in group}


def _fit(
    raw: dict[str, tuple[float, float]], left: float, top: float, width: float, height: float
) -> dict[str, tuple[float, float]]:
    """Scale a group's layout into its cell, keeping a margin so neighbouring groups and their
    labels do not touch; a flat layout (a pair) sits across the middle."""
    pad_x, pad_y = min(40.0, width * 0.15), min(40.0, height * 0.1)
    xs = [x for x, _ in raw.values()]
    ys = [y for _, y in raw.values()]

    def scale(value: float, low: float, high: float, start: float, size: float) -> float:
        return (
            start + size / 2 if high - low < 1e-9 else start + (value - low) / (high - low) * size
        )

    return {
        code: (
            round(scale(x, min(xs), max(xs), left + pad_x, width - 2 * pad_x), 1),
            round(scale(y, min(ys), max(ys), top + pad_y, height - 2 * pad_y), 1),
        )
        for code, (x, y) in raw.items()
    }


def node_size(degree: int) -> float:
    """The diameter of a node in pixels: grows with its number of ties (by the square root, so
    a hub does not cover the map)."""
    return round(NODE_MIN + NODE_STEP * math.sqrt(max(degree, 0)), 1)


def degrees(partners: Iterable[str], ties: pd.DataFrame) -> dict[str, int]:
    """Number of ties per partner (0 for an isolate)."""
    count = {code: 0 for code in partners}
    for a, b in ties[["a", "b"]].itertuples(index=False):
        for end in (a, b):
            if end in count:
                count[end] += 1
    return count


def agreement_pairs(
    agreements: pd.DataFrame, members: pd.DataFrame, as_of: date | pd.Timestamp | None = None
) -> set[tuple[str, str]]:
    """The pairs of partners that share a documented agreement in force on `as_of` (its `since`
    not after that date; every agreement when None).

    ``agreements``: id, since. ``members``: agreement_id, partner.
    """
    if agreements.empty or members.empty:
        return set()
    valid = agreements
    if as_of is not None and not pd.isna(as_of):
        since = pd.to_datetime(agreements["since"])
        valid = agreements.loc[since.isna() | (since <= pd.Timestamp(as_of))]
    pairs: set[tuple[str, str]] = set()
    for _, rows in members.loc[members["agreement_id"].isin(valid["id"])].groupby("agreement_id"):
        codes = sorted(set(rows["partner"]))
        pairs |= {(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]}
    return pairs


def tie_pairs(ties: pd.DataFrame) -> set[tuple[str, str]]:
    return {pair(a, b) for a, b in ties[["a", "b"]].itertuples(index=False)}


def map_elements(
    partners: pd.DataFrame,
    ties: pd.DataFrame,
    positions: dict[str, tuple[float, float]],
    lang: str,
    *,
    agreements: set[tuple[str, str]] | None = None,
    new: set[tuple[str, str]] | None = None,
) -> list[dict]:
    """Cytoscape elements for one wave: a node per listed partner (name as label, sector as
    colour and shape, size by ties; an isolate gets class ``isolate``) and an edge per tie (class
    ``freq-<1..3>``; ``agreement`` when the two share an agreement; ``new`` when the tie is new
    since the previous wave; ``one-sided`` when only one end reported it, drawn from the reporter
    to the partner it named). Two invisible anchor nodes fix the drawing box.

    ``partners``: partner, name, sector (the partners listed in the wave). ``ties``: a, b,
    frequency, by_a, by_b. A tie whose ends are not both in ``partners`` is left out (an edge
    needs its two nodes).
    """
    agreements = agreements or set()
    new = new or set()
    listed = partners.drop_duplicates("partner")
    codes = set(listed["partner"])
    ties = ties.loc[ties["a"].isin(codes) & ties["b"].isin(codes)]
    degree = degrees(listed["partner"], ties)
    elements: list[dict] = []
    for row in listed.sort_values("partner").itertuples(index=False):
        sector = row.sector if row.sector in SECTOR_COLOURS else UNKNOWN_SECTOR
        x, y = positions.get(row.partner, (WIDTH / 2, HEIGHT / 2))
        classes = ["partner", f"sector-{sector}"] + (
            ["isolate"] if degree[row.partner] == 0 else []
        )
        elements.append(
            {
                "data": {
                    "id": row.partner,
                    "label": row.name,
                    "sector": sector,
                    "sector_label": sector_label(sector, lang),
                    "degree": degree[row.partner],
                    "size": node_size(degree[row.partner]),
                },
                "position": {"x": x, "y": y},
                "classes": " ".join(classes),
            }
        )
    for row in ties.sort_values(["a", "b"]).itertuples(index=False):
        a, b = pair(row.a, row.b)
        by_a, by_b = (row.by_a, row.by_b) if (a, b) == (row.a, row.b) else (row.by_b, row.by_a)
        frequency = int(row.frequency) if int(row.frequency) in FREQUENCIES else 1
        classes = [f"freq-{frequency}"]
        if (a, b) in agreements:
            classes.append("agreement")
        if (a, b) in new:
            classes.append("new")
        source, target = a, b
        if bool(by_a) != bool(by_b):
            classes.append("one-sided")
            source, target = (a, b) if by_a else (b, a)
        elements.append(
            {
                "data": {
                    "id": f"{a}--{b}",
                    "source": source,
                    "target": target,
                    "frequency": frequency,
                    "frequency_label": t(f"pn_freq_{frequency}", lang),
                },
                "classes": " ".join(classes),
            }
        )
    for name, (x, y) in (
        ("anchor-min", (-MARGIN, -MARGIN)),
        ("anchor-max", (WIDTH + MARGIN, HEIGHT + MARGIN)),
    ):
        elements.append(
            {
                "data": {"id": f"__{name}"},
                "position": {"x": x, "y": y},
                "classes": "anchor",
                "selectable": False,
                "grabbable": False,
            }
        )
    return elements


def map_stylesheet(*, highlight_new: bool = True) -> list[dict]:
    """The cytoscape stylesheet: later rules win, so the agreement mark overrides the plain
    colour and, when asked, the highlight of new ties overrides both."""
    style: list[dict] = [
        {
            "selector": "node.partner",
            "style": {
                "label": "data(label)",
                "width": "data(size)",
                "height": "data(size)",
                "border-width": 1,
                "border-color": "#555555",
                "font-size": 13,
                "color": "#222222",
                "text-valign": "bottom",
                "text-margin-y": 3,
                "text-wrap": "wrap",
                "text-max-width": "110px",
                "text-background-color": "#FFFFFF",
                "text-background-opacity": 0.7,
                "text-background-padding": "1px",
            },
        },
        *[
            {
                "selector": f"node.sector-{sector}",
                "style": {"background-color": colour, "shape": SECTOR_SHAPES[sector]},
            }
            for sector, colour in SECTOR_COLOURS.items()
        ],
        {
            "selector": "node.isolate",
            # a lighter fill lets the dashed outline read on every sector colour
            "style": {
                "border-width": 3,
                "border-style": "dashed",
                "border-color": "#000000",
                "background-opacity": 0.35,
            },
        },
        {
            "selector": "node.anchor",
            "style": {"opacity": 0, "width": 1, "height": 1, "events": "no", "label": ""},
        },
        {
            "selector": "edge",
            "style": {
                "curve-style": "bezier",
                "line-color": TIE_COLOUR,
                "target-arrow-color": TIE_COLOUR,
                "opacity": 0.9,
            },
        },
        *[
            {
                "selector": f"edge.freq-{f}",
                "style": {"width": FREQUENCY_WIDTHS[f], "line-style": FREQUENCY_STYLES[f]},
            }
            for f in FREQUENCIES
        ],
        {
            "selector": "edge.one-sided",
            "style": {"target-arrow-shape": "triangle", "arrow-scale": 1.1},
        },
        {
            "selector": "edge.agreement",
            "style": {
                "line-color": AGREEMENT_COLOUR,
                "target-arrow-color": AGREEMENT_COLOUR,
                "z-index": 2,
            },
        },
    ]
    if highlight_new:
        style.append(
            {
                "selector": "edge.new",
                "style": {"line-color": NEW_COLOUR, "target-arrow-color": NEW_COLOUR, "z-index": 3},
            }
        )
    return style


def sector_matrix(partners: pd.DataFrame, ties: pd.DataFrame) -> pd.DataFrame:
    """Ties between sectors of one network × wave as a square, symmetric table of counts over
    the sectors that have listed partners (metrics.partner_network.sector_matrix, pivoted).

    ``partners``: partner, sector. ``ties``: a, b (ties with an unlisted end are left out).
    """
    if partners.empty:
        return pd.DataFrame(dtype="int64")
    one = {"network": "-", "wave": "-"}
    cells = count_sector_ties(
        partners[["partner", "sector"]].assign(**one), ties[["a", "b"]].assign(**one)
    )
    present = list(dict.fromkeys(cells["sector_a"]))  # in SECTORS order
    return cells.pivot(index="sector_a", columns="sector_b", values="ties").reindex(
        index=present, columns=present
    )


def matrix_figure(matrix: pd.DataFrame, lang: str) -> go.Figure:
    """The sector × sector matrix as a heatmap with the count written in every cell."""
    if matrix.empty:
        return empty_figure(t("pn_no_wave_data", lang))
    labels = [sector_label(s, lang) for s in matrix.index]
    counts = matrix.to_numpy().tolist()
    fig = go.Figure(
        go.Heatmap(
            z=counts,
            x=labels,
            y=labels,
            text=[[str(v) for v in row] for row in counts],
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=max(1, int(matrix.to_numpy().max())),
            xgap=2,
            ygap=2,
            showscale=False,  # every cell carries its count: no colour bar to read
        )
    )
    fig.update_xaxes(tickangle=-45, showgrid=False, side="bottom")
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig = house_style(fig, 220 + 40 * len(labels), lang)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 20, "b": 10})
    return fig


def figure_over_time(
    rows: pd.DataFrame, subject: str, lang: str, *, road: dict | None = None, title: str = ""
) -> go.Figure:
    """One figure of the partner network over the waves on its own scale (shares 0–100%, trust
    and value 1–4, counts from 0 as bars), with the straight road to its 2028 target when it has
    one. A suppressed wave draws no point: it is marked 'too few respondents'.

    ``rows``: wave, reference_date, value, suppressed.
    """
    if rows.empty:
        return empty_figure(t("pn_no_wave_data", lang))
    s = rows.sort_values("reference_date")
    suppressed = s["suppressed"].astype(bool)
    shown = s.loc[~suppressed]
    values = shown["value"].astype(float)
    axis = WaveAxis(s[["wave", "reference_date"]], road["target_date"] if road else None)
    comma = lang == "nl"
    texts = [format_value(subject, v, decimal_comma=comma) for v in values]
    fig = go.Figure()
    if subject in COUNTS:
        fig.add_trace(
            go.Bar(
                x=axis.of_wave(shown["wave"]),
                y=values,
                marker={"color": OKABE_ITO[0]},
                name=title,
                text=texts,
                textposition="outside",
                customdata=list(zip(shown["wave"], texts)),
                hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
                width=0.4,  # of a year on the wave axis
            )
        )
    else:
        fig.add_trace(
            go.Scatter(
                x=axis.of_wave(shown["wave"]),
                y=values,
                mode="lines+markers",
                line={"color": OKABE_ITO[0], "width": 3},
                marker={"size": 9},
                name=title,
                customdata=list(zip(shown["wave"], texts)),
                hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
            )
        )
    if road:
        labels = [
            format_value(subject, road["baseline"], decimal_comma=comma),
            format_value(subject, road["target"], decimal_comma=comma),
        ]
        fig.add_trace(road_trace(road, lang, labels, axis=axis))
    for _, row in s.loc[suppressed].iterrows():
        fig.add_annotation(
            x=axis.labels[str(row["wave"])],
            y=1,
            yref="paper",
            text=f"{SUPPRESSED_MARK} {t('too_few', lang)}",
            showarrow=False,
            font={"size": 11, "color": "#555555"},
        )
    if subject in SHARES:
        fig.update_yaxes(range=[0, 1.05], tickformat=".0%")
    elif subject in RATINGS:
        fig.update_yaxes(range=[RATING_RANGE[0] - 0.05, RATING_RANGE[1] + 0.05], dtick=0.5)
    else:
        top = max([1.0, *values.dropna().tolist()])
        fig.update_yaxes(range=[0, top * 1.2 + 1], rangemode="tozero")
    fig.update_yaxes(title=title)
    axis.apply(fig, lang)
    fig.update_layout(showlegend=road is not None)
    return house_style(fig, 340, lang)
