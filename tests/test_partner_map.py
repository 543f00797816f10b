"""The partner network on the Netwerk page: the pure builders of dashboard/partner_map.py
(positions, elements, stylesheet, sector matrix, figures over time) without a browser; the
section's queries, tables and organisation view on both databases, with suppressed per-partner
trust never shown; its rights through the Flask test client; and the map in real Chromium, where
moving the wave slider changes the map."""

from __future__ import annotations

import json
import re
import time
from datetime import date

import pandas as pd
import pytest
from dash.testing import wait
from selenium.webdriver.common.keys import Keys
from sqlalchemy import insert, select
from werkzeug.exceptions import Forbidden

from charts.partner_network import format_change, format_value
from charts.road import road
from dashboard import (
    partner_figures,
    partner_map,
    partner_organisation,
    partner_queries,
    partner_views,
)
from dashboard.app import create_app, download
from dashboard.pages import network_partners
from db import models as m
from samenwerkingsmonitor.framework import default_framework_path, load_framework
from tests.conftest import click, make_context
from tests.login import as_user, logged_in_client, start_logged_in

SEPTET_FRAMEWORK = load_framework(default_framework_path())


# --- seeded partner network of Utrecht stad (UTS) in two relational waves -------------------------

PARTNERS = {
    "P1": ("Huisartsenpraktijk Oost", "huisarts"),
    "P2": ("Thuiszorg Stad", "thuiszorg"),
    "P3": ("UMC Utrecht", "ziekenhuis"),
    "P4": ("Hospice De Linde", "hospice"),
    "P5": ("Verpleeghuis Zonnehof", "vvt"),
    "P6": ("Buurtteam Noord", "sociaal_domein"),
}
# (a, b, frequency, by_a, by_b) per wave. 2025 keeps P1-P2, P1-P3 (now reported by both) and
# P3-P4, loses P2-P4 and gains P1-P4 (reported by P4 only) and P5-P6.
TIES = {
    "2024-netwerk": [
        ("P1", "P2", 3, True, True),
        ("P1", "P3", 2, True, False),
        ("P2", "P4", 1, True, True),
        ("P3", "P4", 2, True, True),
    ],
    "2025-netwerk": [
        ("P1", "P2", 3, True, True),
        ("P1", "P3", 2, True, True),
        ("P1", "P4", 1, False, True),
        ("P3", "P4", 2, True, True),
        ("P5", "P6", 2, True, True),
    ],
}
# A suppressed row carries no figure in the database; these sentinels are planted in the
# suppressed rows anyway, to prove that the page would not show them if they were there.
SENTINEL_MEAN, SENTINEL_N = 2.0173, 2
LEAKS = ("2.0173", "2.02", "2.0")


def _wave_ids(conn, consortium_id: int) -> dict[str, int]:
    rows = conn.execute(
        select(m.Wave.code, m.Wave.id)
        .join(m.Instrument, m.Instrument.id == m.Wave.instrument_id)
        .where(m.Instrument.consortium_id == consortium_id, m.Instrument.kind == "relational")
    ).all()
    return dict(rows)


def _snapshot(consortium_id, wave_id, measure, subject, value, **extra) -> dict:
    row = {
        "consortium_id": consortium_id,
        "wave_id": wave_id,
        "network": "UTS",
        "group": "all",
        "measure": measure,
        "subject": subject,
        "n": 6,
        "value": value,
        "suppressed": False,
        "framework_version": "test",
    }
    # one key set for every row of the executemany insert
    optional = ("mean", "previous_wave", "difference", "baseline", "target", "expected", "status")
    return row | dict.fromkeys(optional) | extra


def seed_partner_network(ctx) -> None:
    """ORM rows as the partners import, the agreements register and the recompute would leave
    them: partners of UTS listed in 2024-netwerk and 2025-netwerk, their ties, one agreement
    (P1, P2, P3 since 15-01-2024) and the network and per-partner snapshots."""
    cid = ctx.consortium_id
    with ctx.engine.begin() as conn:
        network_id = conn.scalar(
            select(m.Network.id).where(m.Network.consortium_id == cid, m.Network.code == "UTS")
        )
        waves = _wave_ids(conn, cid)
        ids = {}
        for code, (name, sector) in PARTNERS.items():
            ids[code] = conn.execute(
                insert(m.Partner)
                .values(network_id=network_id, code=code, name=name, sector=sector)
                .returning(m.Partner.id)
            ).scalar_one()
        conn.execute(
            insert(m.PartnerMembership),
            [
                {"partner_id": ids[code], "wave_id": waves[wave]}
                for wave in TIES
                for code in PARTNERS
            ],
        )
        conn.execute(
            insert(m.NetworkTie),
            [
                {
                    "consortium_id": cid,
                    "wave_id": waves[wave],
                    "network": "UTS",
                    "a": a,
                    "b": b,
                    "frequency": f,
                    "by_a": by_a,
                    "by_b": by_b,
                }
                for wave, ties in TIES.items()
                for a, b, f, by_a, by_b in ties
            ],
        )
        agreement = conn.execute(
            insert(m.Agreement)
            .values(
                network_id=network_id,
                topic="warme_overdracht",
                description="Warme overdracht bij ontslag uit het ziekenhuis",
                since=date(2024, 1, 15),
                next_evaluation=date(2026, 1, 15),
            )
            .returning(m.Agreement.id)
        ).scalar_one()
        conn.execute(
            insert(m.AgreementPartner),
            [{"agreement_id": agreement, "partner_id": ids[c]} for c in ("P1", "P2", "P3")],
        )
        w24, w25 = waves["2024-netwerk"], waves["2025-netwerk"]
        # density = ties / (6 * 5 / 2): 4/15 in 2024, 5/15 in 2025; target 0.35 (septet.yaml).
        rows = [
            _snapshot(cid, w24, "network", "ties", 4.0),
            _snapshot(cid, w25, "network", "ties", 5.0, previous_wave="2024-netwerk", difference=1),
            _snapshot(cid, w24, "network", "density", 4 / 15, baseline=4 / 15, target=0.35),
            _snapshot(
                cid,
                w25,
                "network",
                "density",
                5 / 15,
                previous_wave="2024-netwerk",
                difference=5 / 15 - 4 / 15,
                baseline=4 / 15,
                target=0.35,
                expected=0.29,
                status="op_koers",
            ),
            _snapshot(cid, w24, "network", "isolates", 2.0),  # P5 and P6
            _snapshot(cid, w25, "network", "isolates", 0.0),
            _snapshot(cid, w24, "network", "partners", 6.0),
            _snapshot(cid, w25, "network", "partners", 6.0),
            # 2025 against 2024: P1-P4 and P5-P6 new, P2-P4 lost
            _snapshot(cid, w25, "network", "new_ties", 2.0),
            _snapshot(cid, w25, "network", "lost_ties", 1.0),
            _snapshot(cid, w24, "network", "trust", 3.1, mean=3.1, n=5),
            _snapshot(
                cid,
                w25,
                "network",
                "trust",
                SENTINEL_MEAN,
                mean=SENTINEL_MEAN,
                n=SENTINEL_N,
                suppressed=True,
            ),
            _snapshot(cid, w24, "partner_trust", "P1", 3.4, mean=3.4, n=5),
            _snapshot(
                cid,
                w25,
                "partner_trust",
                "P1",
                SENTINEL_MEAN,
                mean=SENTINEL_MEAN,
                n=SENTINEL_N,
                suppressed=True,
            ),
            _snapshot(cid, w25, "partner_value", "P1", 3.25, mean=3.25, n=6),
        ]
        conn.execute(insert(m.MeasureSnapshot), rows)


def text_of(component) -> str:
    """All the text a Dash component tree shows, in order."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


def assert_no_leak(text: str, where: str) -> None:
    for leak in LEAKS:
        assert not re.search(r"(?<![\d.])" + re.escape(leak) + r"(?!\d)", text), (where, leak)


# --- pure builders ----------------------------------------------------------------------------------


def _partners(codes_sectors: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [(c, f"Organisatie {c}", s) for c, s in codes_sectors.items()],
        columns=["partner", "name", "sector"],
    )


def _ties(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["a", "b", "frequency", "by_a", "by_b"])


def test_positions_are_deterministic_and_independent_of_input_order():
    codes = ["P1", "P2", "P3", "P4", "P5", "P6"]
    ties = [("P1", "P2"), ("P1", "P3"), ("P3", "P4"), ("P2", "P4"), ("P5", "P6")]
    first = partner_map.layout_positions(codes, ties)
    partner_map._positions.cache_clear()  # computed afresh, not served from the cache
    again = partner_map.layout_positions(list(reversed(codes)), [(b, a) for a, b in ties[::-1]])
    assert first == again
    assert set(first) == set(codes)
    assert all(
        0 <= x <= partner_map.WIDTH and 0 <= y <= partner_map.HEIGHT for x, y in first.values()
    )
    # each connected group gets its own share of the width, largest first: P1–P4 (4 partners)
    # the left 4/6 of the box, P5–P6 the right 2/6; no partner of one group in the other's part
    assert max(first[c][0] for c in ("P1", "P2", "P3", "P4")) <= partner_map.WIDTH * 4 / 6
    assert min(first[c][0] for c in ("P5", "P6")) >= partner_map.WIDTH * 4 / 6
    # a partner that never had a tie stands in the bottom strip, below every group
    lonely = partner_map.layout_positions([*codes, "P7"], ties)
    assert lonely["P7"][1] > max(y for c, (x, y) in lonely.items() if c != "P7")
    # a different network draws a different map
    assert partner_map.layout_positions(codes, ties[:2]) != first
    # a lone partner stands in the middle; no partners, no positions
    assert partner_map.layout_positions(["P1"], []) == {
        "P1": (partner_map.WIDTH / 2, partner_map.HEIGHT / 2)
    }
    assert partner_map.layout_positions([], []) == {}


def test_elements_isolates_sizes_agreements_new_and_one_sided():
    partners = _partners({"A": "huisarts", "B": "thuiszorg", "C": "ziekenhuis", "D": "hospice"})
    partners = pd.concat([partners, _partners({"E": "vvt"})], ignore_index=True)
    # a star around A (degree 3), D also tied to B; E has no tie; X is not listed
    ties = _ties(
        [
            ("A", "B", 3, True, True),
            ("A", "C", 2, False, True),
            ("A", "D", 1, True, False),
            ("B", "D", 2, True, True),
            ("B", "X", 3, True, True),
        ]
    )
    positions = partner_map.layout_positions("ABCDE", [("A", "B"), ("A", "C"), ("A", "D")])
    elements = partner_map.map_elements(
        partners, ties, positions, "nl", agreements={("A", "B"), ("C", "D")}, new={("B", "D")}
    )
    nodes = {e["data"]["id"]: e for e in elements if "partner" in e.get("classes", "")}
    edges = {e["data"]["id"]: e for e in elements if "source" in e["data"]}
    anchors = [e for e in elements if e.get("classes") == "anchor"]
    assert set(nodes) == {"A", "B", "C", "D", "E"} and len(anchors) == 2
    assert set(edges) == {"A--B", "A--C", "A--D", "B--D"}  # B-X left out: X is not listed
    # the isolate is a node without an edge, outlined
    assert "isolate" in nodes["E"]["classes"].split()
    assert not any("E" in (e["data"]["source"], e["data"]["target"]) for e in edges.values())
    assert not any("isolate" in nodes[c]["classes"] for c in "ABCD")
    # size by degree: A 3 ties, B 2, C 1, E 0 → 24 + 10·√d: 41.3 > 38.1 > 34.0 > 24.0
    sizes = {c: nodes[c]["data"]["size"] for c in "ABCE"}
    assert sizes == {"A": 41.3, "B": 38.1, "C": 34.0, "E": 24.0}
    assert [nodes[c]["data"]["degree"] for c in "ABCDE"] == [3, 2, 1, 2, 0]
    # positions are the given ones, sector and name carried for colour, shape and label
    assert nodes["A"]["position"] == {"x": positions["A"][0], "y": positions["A"][1]}
    assert nodes["C"]["data"]["label"] == "Organisatie C"
    assert "sector-ziekenhuis" in nodes["C"]["classes"].split()
    assert nodes["C"]["data"]["sector_label"] == "Ziekenhuis"
    # the agreement marks A-B only (C-D is no tie); the new tie B-D; one-sided ties point from
    # the reporter to the partner named (C reported A; A reported D)
    assert "agreement" in edges["A--B"]["classes"].split()
    assert "agreement" not in edges["B--D"]["classes"].split()
    assert "new" in edges["B--D"]["classes"].split()
    assert "new" not in edges["A--B"]["classes"].split()
    assert (edges["A--C"]["data"]["source"], edges["A--C"]["data"]["target"]) == ("C", "A")
    assert (edges["A--D"]["data"]["source"], edges["A--D"]["data"]["target"]) == ("A", "D")
    assert "one-sided" in edges["A--C"]["classes"] and "one-sided" not in edges["A--B"]["classes"]
    assert [edges[e]["data"]["frequency_label"] for e in ("A--D", "B--D", "A--B")] == [
        "enkele keren",
        "maandelijks",
        "wekelijks",
    ]
    assert "freq-3" in edges["A--B"]["classes"].split()
    # no trust or value is carried on a tie
    assert not any(k in e["data"] for e in edges.values() for k in ("trust", "value", "mean"))


def test_stylesheet_marks_frequency_agreement_and_optionally_new():
    with_new = {r["selector"]: r["style"] for r in partner_map.map_stylesheet(highlight_new=True)}
    without = {r["selector"]: r["style"] for r in partner_map.map_stylesheet(highlight_new=False)}
    assert with_new["edge.freq-1"] == {"width": 2.0, "line-style": "dotted"}
    assert with_new["edge.freq-2"] == {"width": 4.0, "line-style": "dashed"}
    assert with_new["edge.freq-3"] == {"width": 7.0, "line-style": "solid"}
    assert with_new["edge.agreement"]["line-color"] == partner_map.AGREEMENT_COLOUR
    assert with_new["edge.new"]["line-color"] == partner_map.NEW_COLOUR
    assert "edge.new" not in without
    assert with_new["node.isolate"]["border-style"] == "dashed"
    # nine sectors, each its own colour and shape
    sectors = [s for s in with_new if s.startswith("node.sector-")]
    assert len(sectors) == 9
    assert len({with_new[s]["background-color"] for s in sectors}) == 9
    assert len({with_new[s]["shape"] for s in sectors}) == 9
    # the legend draws each shape in its colour; an unknown sector is "other"
    symbols = {code: partner_map.legend_symbol(code) for code in partner_map.SECTOR_COLOURS}
    assert len(set(symbols.values())) == 9
    assert "%23E69F00" in symbols["thuiszorg"] and "rect" in symbols["thuiszorg"]
    assert partner_map.legend_symbol("onbekend") == symbols["overig"]


def test_agreement_pairs_in_force_on_the_wave_date():
    agreements = pd.DataFrame(
        {"id": [1, 2], "since": [date(2024, 1, 15), date(2025, 1, 1)]},
    )
    members = pd.DataFrame(
        {"agreement_id": [1, 1, 1, 2, 2], "partner": ["P3", "P1", "P2", "P4", "P5"]}
    )
    # agreement 1 of three partners: 3·2/2 = 3 pairs; agreement 2 only from 2025 on
    assert partner_map.agreement_pairs(agreements, members, pd.Timestamp("2024-05-01")) == {
        ("P1", "P2"),
        ("P1", "P3"),
        ("P2", "P3"),
    }
    assert ("P4", "P5") in partner_map.agreement_pairs(agreements, members, date(2025, 5, 1))
    assert len(partner_map.agreement_pairs(agreements, members, None)) == 4
    assert partner_map.agreement_pairs(agreements.iloc[0:0], members, None) == set()


def test_sector_matrix_counts_symmetric_and_by_hand():
    partners = _partners({"A": "huisarts", "B": "huisarts", "C": "thuiszorg", "D": "ziekenhuis"})
    ties = _ties(
        [
            ("A", "B", 1, True, True),  # within huisarts: once on the diagonal
            ("A", "C", 2, True, True),  # huisarts-thuiszorg
            ("B", "C", 3, True, False),  # huisarts-thuiszorg
            ("C", "D", 1, True, True),  # thuiszorg-ziekenhuis
            ("D", "X", 1, True, True),  # X not listed: left out
        ]
    )
    matrix = partner_figures.sector_matrix(partners, ties)
    assert list(matrix.index) == ["huisarts", "thuiszorg", "ziekenhuis"]  # SECTORS order
    assert matrix.to_numpy().tolist() == [
        [1, 2, 0],
        [2, 0, 1],
        [0, 1, 0],
    ]
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()
    # upper triangle with the diagonal = every listed tie once: 1 + 2 + 0 + 0 + 1 + 0 = 4
    upper = sum(matrix.iat[i, j] for i in range(3) for j in range(i, 3))
    assert upper == 4
    figure = partner_figures.matrix_figure(matrix, "en")
    heat = figure.data[0]
    assert list(heat.x) == ["GP / primary care", "Home care", "Hospital"]
    assert [list(r) for r in heat.text] == [["1", "2", "0"], ["2", "0", "1"], ["0", "1", "0"]]
    empty = partner_figures.matrix_figure(pd.DataFrame(), "nl")
    assert "Nog geen gegevens" in empty.layout.annotations[0].text


def test_figure_over_time_scales_road_and_suppression():
    rows = pd.DataFrame(
        {
            "wave": ["2024-netwerk", "2025-netwerk"],
            "reference_date": pd.to_datetime(["2024-05-01", "2025-05-01"]),
            "value": [3.1, float("nan")],
            "suppressed": [False, True],
            "baseline": [None, None],
            "target": [None, None],
        }
    )
    trust = partner_figures.figure_over_time(rows, "trust", "nl", title="Vertrouwen")
    assert list(trust.data[0].y) == [3.1]  # the suppressed wave draws no point
    assert "te weinig respondenten" in trust.layout.annotations[0].text
    assert tuple(trust.layout.yaxis.range) == (0.95, 4.05)  # 1–4, not 0–100
    density = pd.DataFrame(
        {
            "wave": ["2024-netwerk", "2025-netwerk"],
            "reference_date": pd.to_datetime(["2024-05-01", "2025-05-01"]),
            "value": [4 / 15, 5 / 15],
            "suppressed": [False, False],
            "baseline": [4 / 15, 4 / 15],
            "target": [0.35, 0.35],
        }
    )
    straight = road(SEPTET_FRAMEWORK, density, "network", "density", "UTS")
    assert straight == {
        "baseline": 4 / 15,
        "baseline_date": pd.Timestamp("2024-05-01"),
        "target": 0.35,
        "target_date": pd.Timestamp("2028-12-31"),
        "provisional": False,  # the framework does not mark this target a werkdoel
    }
    figure = partner_figures.figure_over_time(density, "density", "nl", road=straight)
    assert figure.layout.yaxis.tickformat == ".0%"
    assert list(figure.data[1].y) == [4 / 15, 0.35]
    assert list(figure.data[0].customdata[1]) == ["2025-netwerk", "33%"]  # 5/15 = 33%
    assert road(SEPTET_FRAMEWORK, rows, "network", "density", "UTS") is None
    ties = partner_figures.figure_over_time(density.assign(value=[4.0, 5.0]), "ties", "nl")
    assert ties.data[0].type == "bar"


def test_formats():
    assert format_value("density", 5 / 15) == "33%"
    assert format_value("trust", 3.125) == "3.12"
    assert format_value("ties", 5.0) == "5"
    assert format_value("trust", float("nan")) == "–"
    # 5/15 − 4/15 = 0.0667 → +7 percentage points
    assert format_change("density", 1 / 15, "nl") == "+7 %-punt"
    assert format_change("lost_ties", -2.0, "en") == "-2"


# --- queries, tables and the organisation view, on both databases -----------------------------------


@pytest.fixture
def seeded(ctx):
    seed_partner_network(ctx)
    return ctx


def test_partner_network_query(seeded):
    data = partner_queries.partner_network(seeded.engine, seeded.consortium_id, "UTS")
    assert data["waves"]["wave"].tolist() == ["2024-netwerk", "2025-netwerk"]
    assert set(data["partners"]["partner"]) == set(PARTNERS)
    assert len(data["memberships"]) == 12  # 6 partners × 2 waves
    assert len(data["ties"]) == 9  # 4 + 5
    assert data["ties"]["frequency"].dtype.kind == "i" and data["ties"]["by_a"].dtype == bool
    assert data["agreements"]["topic"].tolist() == ["warme_overdracht"]
    assert sorted(data["agreement_partners"]["partner"]) == ["P1", "P2", "P3"]
    other = partner_queries.partner_network(seeded.engine, seeded.consortium_id, "EEM")
    assert other["waves"].empty and other["partners"].empty and other["ties"].empty


def test_the_cached_network_follows_edits(seeded):
    """The map's data are cached per version; an agreement saved (audited) or a list imported (a
    collector run) is on the next read."""
    from collectors.agreements import save_agreement
    from collectors.partners import import_partner_frame

    cid = seeded.consortium_id
    before = partner_queries.partner_network(seeded.engine, cid, "UTS")
    assert partner_queries.partner_network(seeded.engine, cid, "UTS") is before  # nothing changed
    save_agreement(
        seeded.engine,
        cid,
        network="UTS",
        topic="consultatie",
        description="Consultatie hospice",
        since=date(2025, 1, 1),
        next_evaluation=None,
        partners=["P3", "P4"],
        user_id=None,
    )
    after = partner_queries.partner_network(seeded.engine, cid, "UTS")
    assert after["agreements"]["topic"].tolist() == ["warme_overdracht", "consultatie"]
    frame = pd.DataFrame(
        [["UTS", "P7", "Sociaal wijkteam", "sociaal_domein", "2025-netwerk"]],
        columns=["network", "code", "name", "sector", "waves"],
    )
    import_partner_frame(seeded.engine, frame, consortium_id=cid)
    assert "P7" in set(
        partner_queries.partner_network(seeded.engine, cid, "UTS")["partners"]["partner"]
    )


def test_map_view_per_wave_keeps_positions(seeded):
    first = partner_views.map_view(seeded, "UTS", "2024-netwerk", "nl", highlight_new=True)
    second = partner_views.map_view(seeded, "UTS", "2025-netwerk", "nl", highlight_new=True)

    def nodes(view):
        return {e["data"]["id"]: e for e in view["elements"] if "partner" in e.get("classes", "")}

    def edges(view):
        return {e["data"]["id"]: e for e in view["elements"] if "source" in e["data"]}

    assert {c: n["position"] for c, n in nodes(first).items()} == {
        c: n["position"] for c, n in nodes(second).items()
    }
    assert set(edges(first)) == {"P1--P2", "P1--P3", "P2--P4", "P3--P4"}
    assert set(edges(second)) == {"P1--P2", "P1--P3", "P1--P4", "P3--P4", "P5--P6"}
    new = {e for e, v in edges(second).items() if "new" in v["classes"].split()}
    assert new == {"P1--P4", "P5--P6"}
    assert {e for e, v in edges(second).items() if "agreement" in v["classes"]} == {
        "P1--P2",
        "P1--P3",
    }
    assert {c for c, n in nodes(first).items() if "isolate" in n["classes"]} == {"P5", "P6"}
    assert first["summary"] == "2024-netwerk: 6 organisaties op de lijst, 4 banden, 2 zonder band."
    assert second["summary"].endswith("Sinds 2024-netwerk: 2 nieuwe en 1 verdwenen banden.")
    # 2025 sector matrix: huisarts-ziekenhuis (P1-P3) 1, ziekenhuis-hospice (P3-P4) 1
    heat = second["matrix"].data[0]
    labels = list(heat.x)
    z = {(r, c): heat.z[i][j] for i, r in enumerate(labels) for j, c in enumerate(labels)}
    assert z[("Huisarts / eerste lijn", "Ziekenhuis")] == 1
    assert z[("Ziekenhuis", "Hospice")] == z[("Hospice", "Ziekenhuis")] == 1
    assert z[("Thuiszorg", "Hospice")] == 0  # P2-P4 was lost


def test_figures_table_hides_suppressed_trust(seeded):
    frame = partner_views.figures_table(seeded, {"network": "UTS"}, "nl")  # latest wave
    rows = {r[0]: list(r[1:]) for r in frame.itertuples(index=False)}
    # density 5/15 = 33%, change 1/15 = +7 points, target 35%, on track
    assert rows["Dichtheid"] == ["33%", "+7 %-punt", "35%", "op koers"]
    assert rows["Banden"] == ["5", "+1", "–", "–"]
    assert rows["Vertrouwen (1–4)"] == ["te weinig respondenten", "te weinig respondenten"] + [
        "–",
        "–",
    ]
    assert_no_leak(frame.to_csv(), "figures table")
    earlier = partner_views.figures_table(seeded, {"network": "UTS", "wave": "2024-netwerk"}, "en")
    assert dict(zip(earlier.iloc[:, 0], earlier.iloc[:, 1]))["Trust (1–4)"] == "3.10"
    assert partner_views.figures_table(seeded, {"network": "EEM"}, "nl").empty
    trend = partner_views.trend(seeded, "UTS", "trust", "nl")
    assert_no_leak(json.dumps(trend.to_plotly_json(), default=str), "trust trend")
    density = partner_views.trend(seeded, "UTS", "density", "nl")
    assert [tr.name for tr in density.data] == ["Dichtheid", "Rechte weg naar doel 2028"]


def test_organisation_view_and_ties_table(seeded):
    view = partner_organisation.organisation_view(seeded, "UTS", "2025-netwerk", "P1", "nl")
    text = text_of(view)
    assert_no_leak(text, "organisation view")
    trust = text_of(_find(view, "partners-received-trust"))
    assert trust == "te weinig beoordelaars"
    assert text_of(_find(view, "partners-received-value")) == "3,25 (6 beoordelaars)"
    ties = _find(view, "partners-org-ties")
    cells = [[text_of(td) for td in tr.children] for tr in ties.children[1].children]
    assert cells == [
        ["Hospice De Linde", "Hospice", "enkele keren", "Hospice De Linde", "nee"],
        ["Thuiszorg Stad", "Thuiszorg", "wekelijks", "beide", "ja"],
        ["UMC Utrecht", "Ziekenhuis", "maandelijks", "beide", "ja"],
    ]
    assert text_of(_find(view, "partners-org-untied")) == (
        "Buurtteam Noord (Sociaal domein), Verpleeghuis Zonnehof (Verpleeg- en verzorgingshuis)"
    )
    assert "Warme overdracht bij ontslag" in text
    # in 2024 the trust P1 received was published: 3.40 from 5 raters
    earlier = partner_organisation.organisation_view(seeded, "UTS", "2024-netwerk", "P1", "en")
    assert text_of(_find(earlier, "partners-received-trust")) == "3.40 (5 raters)"
    assert text_of(_find(earlier, "partners-received-value")) == "no ratings"
    frame = partner_views.ties_table(seeded, {"network": "UTS", "wave": "2024-netwerk"}, "nl")
    assert len(frame) == 4
    first = frame.iloc[0].tolist()
    assert first == [
        "Huisartsenpraktijk Oost",
        "Huisarts / eerste lijn",
        "Thuiszorg Stad",
        "Thuiszorg",
        "wekelijks",
        "beide",
        "ja",
    ]
    # P1-P3 in 2024 was reported by P1 only
    assert frame.iloc[1][["Organisatie B", "Gemeld door"]].tolist() == [
        "UMC Utrecht",
        "Huisartsenpraktijk Oost",
    ]
    # a questionnaire wave (the page's wave filter) falls back to the latest relational wave
    assert len(partner_views.ties_table(seeded, {"network": "UTS", "wave": "2024"}, "nl")) == 5


def _find(component, element_id):
    if getattr(component, "id", None) == element_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = _find(child, element_id)
            if found is not None:
                return found
    return None


def _post(client, first_output: str, values: dict):
    """A callback POSTed as the browser would (inputs and states by id.prop)."""
    deps = client.get("/_dash-dependencies").json
    dep = next(d for d in deps if d["output"].lstrip(".").startswith(first_output))

    def with_values(items):
        return [
            {
                "id": item["id"],
                "property": item["property"],
                "value": values.get(f"{item['id']}.{item['property']}"),
            }
            for item in items
        ]

    parts = dep["output"][2:-2].split("...") if dep["output"].startswith("..") else [dep["output"]]
    outputs = [dict(zip(("id", "property"), p.rsplit(".", 1))) for p in parts]
    return client.post(
        "/_dash-update-component",
        json={
            "output": dep["output"],
            "outputs": outputs if len(parts) > 1 else outputs[0],
            "inputs": with_values(dep["inputs"]),
            "state": with_values(dep["state"]),
            "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"],
        },
    )


def test_rights_follow_the_network_page(seeded):
    app = create_app(seeded)
    alice = logged_in_client(app, seeded, "alice")  # coordinator of UTS
    bob = logged_in_client(app, seeded, "bob")  # steering group of EEM
    values = {
        "partners-wave.value": 1,
        "partners-highlight.value": ["new"],
        "partners-waves.data": {"network": "UTS", "waves": ["2024-netwerk", "2025-netwerk"]},
        "network-network.value": "UTS",
        "page-lang.data": "nl",
    }
    # one callback draws the section (slider, map, figures), first input the network filter
    answer = _post(alice, "partners-wave.min", values)
    assert answer.status_code == 200
    assert "P5--P6" in answer.get_data(as_text=True)
    assert _post(bob, "partners-wave.min", values).status_code == 403
    assert _post(bob, "partners-wave.min", {"network-network.value": "UTS"}).status_code == 403
    own = {"partners-org.value": "P1", **values}
    assert _post(bob, "partners-wave.min", own).status_code == 403
    # "all networks": the section asks for one network, whatever the waves store still holds
    every = _post(alice, "partners-wave.min", {**values, "network-network.value": "ALL"})
    assert every.status_code == 200
    assert "partners-choose-network" in every.get_data(as_text=True)
    # downloads: the app's rights checks
    query = {"network": "UTS", "wave": "2025-netwerk", "lang": "nl"}
    with as_user(app, seeded, "alice"):
        sent = download(seeded, "network_partner_ties", "csv", query)
        assert sent["filename"] == "network_partner_ties-UTS-2025-netwerk.csv"
        assert sent["content"].splitlines()[0].startswith("\ufeffOrganisatie A;Sector A")
    with as_user(app, seeded, "bob"), pytest.raises(Forbidden):
        download(seeded, "network_partner_figures", "csv", query)


def test_empty_states(ctx):
    app = create_app(ctx)
    admin = logged_in_client(app, ctx, "admin")
    answer = _post(admin, "partners-wave.min", {"network-network.value": "EEM"})
    body = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "partners-no-data" in body
    assert "netwerkvragenlijst" in body
    answer = _post(admin, "partners-wave.min", {"network-network.value": "ALL"})
    assert "partners-choose-network" in answer.get_data(as_text=True)


# --- the map in real Chromium --------------------------------------------------------------------

CY_ELEMENTS = """
const host = document.querySelector('#partners-map');
const inner = [host, ...host.querySelectorAll('div')].find(d => d._cyreg && d._cyreg.cy);
if (!inner) { return null; }
const cy = inner._cyreg.cy;
return {
  nodes: cy.nodes('.partner').map(n => n.id()).sort(),
  edges: cy.edges().map(e => e.id()).sort(),
  positions: Object.fromEntries(cy.nodes('.partner').map(n => [n.id(), n.position()])),
};
"""


def _into_view(dash_duo, selector: str):
    """The window is smaller than the page: scroll an element to the middle, and wait until it
    stops moving (charts above it still growing would move it away from under the click)."""
    element = dash_duo.wait_for_element(selector, timeout=10)
    where = "arguments[0].scrollIntoView({block: 'center'}); return arguments[0].getBoundingClientRect().y;"
    last = [None]

    def still() -> bool:
        time.sleep(0.3)
        now = dash_duo.driver.execute_script(where, element)
        settled, last[0] = now == last[0], now
        return settled

    wait.until(still, timeout=10)
    return element


def _cy(dash_duo) -> dict | None:
    return dash_duo.driver.execute_script(CY_ELEMENTS)


@pytest.mark.browser
def test_map_in_chromium_changes_with_the_wave(dash_duo, sqlite_url, tmp_path):
    context = make_context(sqlite_url, tmp_path)
    seed_partner_network(context)
    start_logged_in(dash_duo, create_app(context), context, "alice")  # coordinator of UTS
    dash_duo.wait_for_page(url=dash_duo.server_url + "/netwerk?network=UTS", timeout=10)
    dash_duo.wait_for_contains_text("#partners-summary", "2025-netwerk", timeout=15)
    wait.until(lambda: (_cy(dash_duo) or {}).get("edges"), timeout=10)
    latest = _cy(dash_duo)
    assert latest["nodes"] == sorted(PARTNERS)
    assert "P5--P6" in latest["edges"] and "P2--P4" not in latest["edges"]
    # the questionnaire's wave filter does not offer the network waves
    assert "netwerk" not in dash_duo.find_element("#network-wave").text
    # an organisation's own view: the suppressed trust it received is not shown
    _into_view(dash_duo, "#partners-org")
    dash_duo.select_dcc_dropdown(
        "#partners-org", value="Huisartsenpraktijk Oost (Huisarts / eerste lijn)"
    )
    dash_duo.wait_for_text_to_equal(
        "#partners-received-trust", "te weinig beoordelaars", timeout=10
    )
    assert dash_duo.find_element("#partners-received-value").text == "3,25 (6 beoordelaars)"
    assert_no_leak(dash_duo.find_element(f"#{network_partners.SECTION_ID}").text, "section")
    # move the slider one wave back (keyboard on its handle)
    _into_view(dash_duo, "#partners-wave [role=slider]").send_keys(Keys.ARROW_LEFT)
    wait.until(
        lambda: dash_duo.find_element("#partners-summary").text.startswith("2024-netwerk:"),
        timeout=10,
    )
    wait.until(lambda: "P2--P4" in (_cy(dash_duo) or {}).get("edges", []), timeout=10)
    earlier = _cy(dash_duo)
    assert "P5--P6" not in earlier["edges"]
    assert earlier["positions"] == latest["positions"]  # every organisation stays put
    dash_duo.wait_for_text_to_equal("#partners-received-trust", "3,40 (5 beoordelaars)", timeout=10)
    dash_duo.wait_for_contains_text("#partners-figures-table", "Dichtheid", timeout=10)
    click(dash_duo, "#partners-jump")
    assert dash_duo.get_logs() == []
