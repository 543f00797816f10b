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

from charts.style import (
    GREY,
    OKABE_ITO,
)
from dashboard.i18n import t

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
    listed = partners.drop_duplicates("partner")
    codes = set(listed["partner"])
    ties = ties.loc[ties["a"].isin(codes) & ties["b"].isin(codes)]
    degree = degrees(listed["partner"], ties)
    return [
        *_node_elements(listed, degree, positions, lang),
        *_edge_elements(ties, agreements or set(), new or set(), lang),
        *_anchor_elements(),
    ]


def _node_elements(
    listed: pd.DataFrame, degree: dict[str, int], positions: dict, lang: str
) -> list[dict]:
    elements = []
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
    return elements


def _edge_elements(
    ties: pd.DataFrame, agreements: set[tuple[str, str]], new: set[tuple[str, str]], lang: str
) -> list[dict]:
    elements = []
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
    return elements


def _anchor_elements() -> list[dict]:
    return [
        {
            "data": {"id": f"__{name}"},
            "position": {"x": x, "y": y},
            "classes": "anchor",
            "selectable": False,
            "grabbable": False,
        }
        for name, (x, y) in (
            ("anchor-min", (-MARGIN, -MARGIN)),
            ("anchor-max", (WIDTH + MARGIN, HEIGHT + MARGIN)),
        )
    ]


def map_stylesheet(*, highlight_new: bool = True) -> list[dict]:
    """The cytoscape stylesheet: later rules win, so the agreement mark overrides the plain
    colour and, when asked, the highlight of new ties overrides both."""
    style = [*_node_rules(), *_edge_rules()]
    if highlight_new:
        style.append(
            {
                "selector": "edge.new",
                "style": {"line-color": NEW_COLOUR, "target-arrow-color": NEW_COLOUR, "z-index": 3},
            }
        )
    return style


def _node_rules() -> list[dict]:
    return [
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
    ]


def _edge_rules() -> list[dict]:
    return [
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
