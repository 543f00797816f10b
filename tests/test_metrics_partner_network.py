"""measures.md, Partner network: ties, network figures, ratings, change and sector matrix."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from metrics.partner_network import (
    FIGURE_COLUMNS,
    PARTNER_MEASURES,
    changed_ties,
    network_figures,
    network_wave_figures,
    partner_network_snapshots,
    partner_ratings,
    previous_waves,
    sector_matrix,
    tie_changes,
    ties,
)
from tests.test_metrics_suppression import leaks

NAN = float("nan")


def listed(codes: dict[str, str] | list[str], network: str = "N1", wave: str = "2025"):
    """Partner list of one network x wave; a plain list gets sector "overig" for all."""
    sectors = codes if isinstance(codes, dict) else dict.fromkeys(codes, "overig")
    return pd.DataFrame(
        {
            "network": network,
            "wave": wave,
            "partner": list(sectors),
            "sector": list(sectors.values()),
        }
    )


def answered(codes: list[str], network: str = "N1", wave: str = "2025") -> pd.DataFrame:
    return pd.DataFrame(
        {"network": network, "wave": wave, "partner": codes}, columns=["network", "wave", "partner"]
    )


def reported(rows: list[tuple], network: str = "N1", wave: str = "2025") -> pd.DataFrame:
    """rows: (reporter, about, frequency[, trust[, value]])."""
    full = [(*row, *([NAN] * (5 - len(row)))) for row in rows]
    frame = pd.DataFrame(full, columns=["reporter", "about", "frequency", "trust", "value"])
    frame.insert(0, "wave", wave)
    frame.insert(0, "network", network)
    return frame


def figures(result: pd.DataFrame, network: str = "N1", wave: str = "2025") -> dict[str, float]:
    rows = result[(result["network"] == network) & (result["wave"] == wave)]
    return dict(zip(rows["subject"], rows["value"], strict=True))


def row(result: pd.DataFrame, subject: str, network: str = "N1", measure: str | None = None):
    mask = (result["network"] == network) & (result["subject"] == subject)
    if measure is not None:
        mask &= result["measure"] == measure
    (index,) = np.flatnonzero(mask)
    return result.iloc[index]


def test_star_density_centralization_isolates() -> None:
    partners = listed(["C", "L1", "L2", "L3", "L4"])
    reports = reported([("C", leaf, 2) for leaf in ["L1", "L2", "L3", "L4"]])
    result = network_figures(partners, answered(["C"]), reports, threshold=5)
    got = figures(result)
    # n = 5: pairs = 5*4/2 = 10, density = 4/10.
    assert got["partners"] == 5
    assert got["respondents"] == 1
    assert got["ties"] == 4
    assert got["density"] == pytest.approx(0.4)
    # degrees C 4, leaves 1: sum(d_max - d_i) = 0 + 4*(4-1) = 12; (n-1)(n-2) = 4*3 = 12 -> 1.0
    assert got["centralization"] == pytest.approx(1.0)
    assert got["isolates"] == 0
    # the leaves did not return: no tie has both ends returned
    assert math.isnan(got["reciprocity"])
    assert list(result.columns) == FIGURE_COLUMNS
    assert list(result["subject"]) == [
        "partners",
        "respondents",
        "ties",
        "density",
        "centralization",
        "reciprocity",
        "cross_sector_share",
        "cross_sector_density",
        "trust",
        "value",
        "isolates",
    ]
    structural = result[~result["subject"].isin(["trust", "value"])]
    assert (structural["n"] == 5).all()
    assert structural["mean"].isna().all()
    assert not structural["suppressed"].any()
    assert structural["suppressed_reason"].isna().all()


def test_complete_graph() -> None:
    codes = ["A", "B", "C", "D"]
    partners = listed(codes)
    reports = reported([(x, y, 3) for x in codes for y in codes if x != y])
    got = figures(network_figures(partners, answered(codes), reports, threshold=5))
    # 6 ties of 4*3/2 = 6 pairs; every degree 3 = d_max -> sum 0 -> centralization 0.
    assert got["ties"] == 6
    assert got["density"] == pytest.approx(1.0)
    assert got["centralization"] == pytest.approx(0.0)
    assert got["isolates"] == 0
    # all 6 ties have both ends returned and are reported by both: 6/6
    assert got["reciprocity"] == pytest.approx(1.0)


def test_ties_columns_sorting_and_frequency_max() -> None:
    partners = listed(["A", "B", "C"])
    # B->A 1 and A->B 3: one tie (A, B), frequency max(1, 3) = 3, reported by both.
    # C->B 2 only: tie (B, C) by_b only. A->C 0: no report, no tie.
    reports = reported([("B", "A", 1), ("C", "B", 2), ("A", "B", 3), ("A", "C", 0)])
    result = ties(partners, answered(["A", "B", "C"]), reports)
    assert list(result.columns) == [
        "network",
        "wave",
        "a",
        "b",
        "frequency",
        "by_a",
        "by_b",
        "reciprocal_eligible",
        "reciprocated",
    ]
    assert [tuple(r) for r in result.itertuples(index=False)] == [
        ("N1", "2025", "A", "B", 3, True, True, True, True),
        ("N1", "2025", "B", "C", 2, False, True, True, False),
    ]


def test_one_sided_pair_reciprocity() -> None:
    partners = listed(["A", "B"])
    # A says "a few times", B returned and said "never": the tie exists (either side
    # suffices), both ends returned, reported by one -> reciprocity 0/1 = 0.
    both_returned = network_figures(
        partners, answered(["A", "B"]), reported([("A", "B", 1), ("B", "A", 0)]), threshold=5
    )
    got = figures(both_returned)
    assert got["ties"] == 1
    assert got["reciprocity"] == pytest.approx(0.0)
    # n = 2: density 1/1; centralization none for n < 3
    assert got["density"] == pytest.approx(1.0)
    assert math.isnan(got["centralization"])

    # B did not return: the tie still exists but is not eligible -> no reciprocity.
    b_silent = network_figures(partners, answered(["A"]), reported([("A", "B", 1)]), 5)
    got = figures(b_silent)
    assert got["ties"] == 1
    assert got["respondents"] == 1
    assert math.isnan(got["reciprocity"])
    tie = ties(partners, answered(["A"]), reported([("A", "B", 1)])).iloc[0]
    assert tie["by_a"] and not tie["by_b"]
    assert not tie["reciprocal_eligible"] and not tie["reciprocated"]


def test_report_rows_count_as_returned() -> None:
    # B is missing from respondents but filed a row ("never" about A): a filed answer shows a
    # returned questionnaire (module rule), so the tie is eligible and reciprocity = 0/1.
    partners = listed(["A", "B"])
    got = figures(
        network_figures(
            partners, answered(["A"]), reported([("A", "B", 2), ("B", "A", 0)]), threshold=5
        )
    )
    assert got["respondents"] == 2
    assert got["reciprocity"] == pytest.approx(0.0)


def test_partner_who_did_not_answer_stays_in_n() -> None:
    partners = listed(["A", "B", "C", "D", "E"])
    # D and E did not answer; A reports D, B reports C; E is reported by nobody.
    reports = reported([("A", "D", 1), ("B", "C", 2), ("C", "B", 2)])
    got = figures(network_figures(partners, answered(["A", "B", "C"]), reports, threshold=5))
    assert got["partners"] == 5
    assert got["respondents"] == 3
    assert got["ties"] == 2
    # density 2 / (5*4/2) = 2/10
    assert got["density"] == pytest.approx(0.2)
    # degrees A1 B1 C1 D1 E0, d_max 1: sum = 1 (E) / (4*3) = 1/12
    assert got["centralization"] == pytest.approx(1 / 12)
    assert got["isolates"] == 1
    # eligible ties: (B, C) only (A-D: D did not return), reported by both -> 1/1
    assert got["reciprocity"] == pytest.approx(1.0)


def test_tiny_networks() -> None:
    one = figures(network_figures(listed(["A"]), answered(["A"]), reported([]), threshold=5))
    # n = 1: no pairs -> density none; n < 3 -> centralization none; A is an isolate.
    assert one["partners"] == 1
    assert math.isnan(one["density"])
    assert math.isnan(one["centralization"])
    assert one["isolates"] == 1
    assert math.isnan(one["cross_sector_share"])
    assert math.isnan(one["cross_sector_density"])


def test_frequency_zero_makes_no_tie_and_no_rating() -> None:
    partners = listed(["A", "B", "C"])
    # both sides "never" (with a trust answer that should not be there) and an unanswered row
    reports = reported([("A", "B", 0, 4.0, 4.0), ("B", "A", 0), ("C", "A", NAN, 1.0)])
    result = network_figures(partners, answered(["A", "B", "C"]), reports, threshold=3)
    got = figures(result)
    assert got["ties"] == 0
    assert got["density"] == pytest.approx(0.0)
    assert got["isolates"] == 3
    # no ties: degrees all 0 = d_max -> centralization 0/(2*1) = 0
    assert got["centralization"] == pytest.approx(0.0)
    assert math.isnan(got["cross_sector_share"])
    trust = row(result, "trust")
    assert trust["suppressed_reason"] == "threshold"  # n = 0 raters of a real report
    assert partner_ratings(partners, reports, threshold=3).empty


def test_reports_about_unlisted_partners_ignored() -> None:
    partners = pd.concat([listed(["A", "B", "C"]), listed(["X", "Y"], network="N2")])
    reports = pd.concat(
        [
            # X is listed in N2, not in N1: both directions ignored in N1
            reported([("A", "X", 3), ("X", "A", 3), ("A", "A", 3), ("A", "B", 1)]),
            # B is not listed in N2
            reported([("X", "B", 2), ("X", "Y", 1)], network="N2"),
            # wave 2024 is not listed at all
            reported([("A", "C", 3)], wave="2024"),
        ]
    )
    result = network_figures(partners, answered(["A", "X"]), reports, threshold=5)
    assert figures(result)["ties"] == 1  # only A-B; A-A (self) ignored too
    assert figures(result, network="N2")["ties"] == 1  # X-Y
    assert set(zip(result["network"], result["wave"], strict=True)) == {
        ("N1", "2025"),
        ("N2", "2025"),
    }
    edges = ties(partners, answered(["A", "X"]), reports)
    assert list(zip(edges["network"], edges["a"], edges["b"], strict=True)) == [
        ("N1", "A", "B"),
        ("N2", "X", "Y"),
    ]


MIXED = {"A": "huisarts", "B": "huisarts", "C": "thuiszorg", "D": "ziekenhuis"}
MIXED_REPORTS = [("A", "B", 1), ("A", "C", 2), ("D", "C", 3)]


def test_cross_sector_share_and_density() -> None:
    partners = listed(MIXED)
    got = figures(network_figures(partners, answered(["A", "D"]), reported(MIXED_REPORTS), 5))
    # ties A-B (same sector), A-C, C-D (cross): share 2/3.
    assert got["cross_sector_share"] == pytest.approx(2 / 3)
    # pairs 4*3/2 = 6, of which 1 same-sector (A-B): 5 cross pairs -> density 2/5.
    assert got["cross_sector_density"] == pytest.approx(0.4)


def test_sector_matrix() -> None:
    partners = listed(MIXED)
    result = sector_matrix(partners, ties(partners, answered([]), reported(MIXED_REPORTS)))
    cells = {(r.sector_a, r.sector_b): (r.ties, r.pairs) for r in result.itertuples()}
    # huisarts k=2, thuiszorg k=1, ziekenhuis k=1; ties A-B (h,h), A-C (h,t), C-D (t,z).
    assert cells == {
        ("huisarts", "huisarts"): (1, 1),  # pairs 2*1/2
        ("huisarts", "thuiszorg"): (1, 2),  # pairs 2*1
        ("huisarts", "ziekenhuis"): (0, 2),
        ("thuiszorg", "huisarts"): (1, 2),
        ("thuiszorg", "thuiszorg"): (0, 0),
        ("thuiszorg", "ziekenhuis"): (1, 1),
        ("ziekenhuis", "huisarts"): (0, 2),
        ("ziekenhuis", "thuiszorg"): (1, 1),
        ("ziekenhuis", "ziekenhuis"): (0, 0),
    }
    # SECTORS order (huisarts, thuiszorg, ziekenhuis), not alphabetical-by-accident only
    assert list(result["sector_a"])[:3] == ["huisarts"] * 3
    assert list(result.columns) == ["network", "wave", "sector_a", "sector_b", "ties", "pairs"]


def trust_reports(extra: list[tuple]) -> list[tuple]:
    # A rates E and F, B C D rate E: 4 distinct raters, 5 reports.
    return [
        ("A", "E", 2, 3.0, 2.0),
        ("A", "F", 1, 2.0, NAN),
        ("B", "E", 3, 4.0, 3.0),
        ("C", "E", 2, 2.5, 4.0),
        ("D", "E", 1, 1.5, NAN),
        *extra,
    ]


def test_network_trust_value_mean_and_suppression() -> None:
    codes = ["A", "B", "C", "D", "E", "F", "G"]
    partners = pd.concat([listed(codes), listed(codes, network="N2")])
    reports = pd.concat(
        [
            reported(trust_reports([])),
            # N2: F rates E as well -> 5 raters; G rates E without trust (not a trust rater)
            reported(trust_reports([("F", "E", 2, 3.0, NAN), ("G", "E", 2, NAN, 1.0)]), "N2"),
        ]
    )
    result = network_figures(partners, answered(codes), reports, threshold=5)

    four = row(result, "trust", network="N1")
    assert four["suppressed"] and four["suppressed_reason"] == "threshold"
    assert pd.isna(four["n"]) and math.isnan(four["mean"]) and math.isnan(four["value"])

    five = row(result, "trust", network="N2")
    assert not five["suppressed"] and five["suppressed_reason"] is None
    assert five["n"] == 5  # A, B, C, D, F
    # mean over the 6 reports: (3 + 2 + 4 + 2.5 + 1.5 + 3) / 6 = 16/6
    # (not the mean of rater means: A (3+2)/2 = 2.5 -> (2.5+4+2.5+1.5+3)/5 = 2.7)
    assert five["mean"] == pytest.approx(16 / 6)
    assert five["value"] == pytest.approx(16 / 6)

    value = row(result, "value", network="N2")
    # value given by A, B, C and G: 4 raters < 5 -> suppressed
    assert value["suppressed_reason"] == "threshold"
    assert math.isnan(value["value"])
    published = network_figures(partners, answered(codes), reports, threshold=4)
    # at threshold 4: (2 + 3 + 4 + 1) / 4 = 2.5
    assert row(published, "value", network="N2")["value"] == pytest.approx(2.5)


def rating_rows(subjects: dict[str, list[float]]) -> list[tuple]:
    """subject -> trust per rater R1, R2, ... in order."""
    return [
        (f"R{i}", subject, 2, trust, trust)
        for subject, values in subjects.items()
        for i, trust in enumerate(values, start=1)
    ]


RATERS = [f"R{i}" for i in range(1, 8)]


def test_partner_ratings_threshold_and_complement() -> None:
    codes = [*RATERS, "X", "Y", "Z", "Q"]
    partners = listed(codes)
    # X by R1..R6 (n 6), Y by R1..R5 (n 5), Z by R1..R4 (n 4); Q listed, never rated.
    reports = reported(
        rating_rows(
            {
                "X": [1.0, 2.0, 3.0, 4.0, 4.0, 4.0],
                "Y": [2.0, 2.0, 2.0, 3.0, 3.0],
                "Z": [1.0, 1.0, 1.0, 1.0],
            }
        )
    )
    result = partner_ratings(partners, reports, threshold=5)
    assert list(result.columns) == FIGURE_COLUMNS
    trust = result[result["measure"] == "partner_trust"]
    assert list(trust["subject"]) == ["X", "Y", "Z"]  # Q never rated: no row
    # network trust: raters R1..R6 = 6 >= 5 -> published total; only Z (4) under the threshold,
    # so 6+5+4 reports could reveal Z: the smallest published org, Y (5), is suppressed too.
    reasons = dict(zip(trust["subject"], trust["suppressed_reason"], strict=True))
    assert reasons == {"X": None, "Y": "complement", "Z": "threshold"}
    x = row(trust, "X")
    assert x["n"] == 6
    assert x["mean"] == pytest.approx(3.0)  # (1+2+3+4+4+4)/6 = 18/6
    assert x["value"] == pytest.approx(3.0)
    for code in ["Y", "Z"]:
        hidden = row(trust, code)
        assert pd.isna(hidden["n"]) and math.isnan(hidden["mean"]) and math.isnan(hidden["value"])
    assert (result["group"] == "all").all()
    # value has the same pattern (same numbers)
    value = result[result["measure"] == "partner_value"]
    assert list(value["suppressed_reason"]) == [None, "complement", "threshold"]


def test_partner_ratings_complement_tie_and_two_suppressed() -> None:
    codes = [*RATERS, "X", "Y", "Z", "W"]
    # N1: X and Y both n 5 (tie -> first code X is marked), Z n 3.
    tie = rating_rows({"Y": [3.0] * 5, "X": [3.0] * 5, "Z": [3.0] * 3})
    # N2: Y n 4 and Z n 3 both suppressed: two parts hidden, no complement; X n 6 published.
    two = rating_rows({"X": [3.0] * 6, "Y": [3.0] * 4, "Z": [3.0] * 3})
    partners = pd.concat([listed(codes), listed(codes, network="N2")])
    reports = pd.concat([reported(tie), reported(two, network="N2")])
    result = partner_ratings(partners, reports, threshold=5)
    trust = result[result["measure"] == "partner_trust"]
    reasons = {(r.network, r.subject): r.suppressed_reason for r in trust.itertuples()}
    assert reasons == {
        ("N1", "X"): "complement",
        ("N1", "Y"): None,
        ("N1", "Z"): "threshold",
        ("N2", "X"): None,
        ("N2", "Y"): "threshold",
        ("N2", "Z"): "threshold",
    }


def test_partner_ratings_fixed_point_stays_within_each_network() -> None:
    # suppress() repeats the complement rule until nothing changes (measures.md, Suppression).
    # Per organisation the parts are the organisations and the total is the network's trust
    # (value); there is no ALL network, so nothing couples N1 and N2 although they share codes.
    # N1: X n 6, Y n 5, Z n 4 -> Z threshold, Y complement; N2: X 6, Y 7, Z 6 -> all published.
    codes = [*RATERS, "X", "Y", "Z"]
    n1 = rating_rows({"X": [3.0] * 6, "Y": [3.0] * 5, "Z": [3.0] * 4})
    n2 = rating_rows({"X": [3.0] * 6, "Y": [3.0] * 7, "Z": [3.0] * 6})
    partners = pd.concat([listed(codes), listed(codes, network="N2")])
    respondents = pd.concat([answered(RATERS), answered(RATERS, network="N2")])
    reports = pd.concat([reported(n1), reported(n2, network="N2")])
    organisations = partner_ratings(partners, reports, threshold=5)
    reasons = {
        (r.network, r.measure, r.subject): r.suppressed_reason for r in organisations.itertuples()
    }
    expected = {"N1": {"X": None, "Y": "complement", "Z": "threshold"}}
    expected["N2"] = dict.fromkeys(["X", "Y", "Z"])
    assert reasons == {
        (network, measure, code): reason
        for network, by_code in expected.items()
        for measure in PARTNER_MEASURES.values()
        for code, reason in by_code.items()
    }
    # The linked table: organisations as cells under the published network trust (value).
    totals = network_figures(partners, respondents, reports, threshold=5)
    totals = totals[totals["subject"].isin(list(PARTNER_MEASURES))]
    assert not totals["suppressed"].any()
    table = pd.concat(
        [
            organisations.assign(group=organisations["subject"], subject="partner"),
            totals.assign(
                group="all", measure=totals["subject"].map(PARTNER_MEASURES), subject="partner"
            ),
        ],
        ignore_index=True,
    )
    assert leaks(table) == []


WAVES = ["voorjaar", "najaar"]  # deliberately not alphabetical


def two_waves() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    codes = ["A", "B", "C", "D"]
    partners = pd.concat(
        [
            listed(codes, wave="voorjaar"),
            listed(codes, wave="najaar"),
            listed(codes, network="N2", wave="voorjaar"),  # no ties at all in voorjaar
            listed(codes, network="N2", wave="najaar"),
            listed(codes, network="N3", wave="najaar"),  # first wave in najaar
        ]
    )
    reports = pd.concat(
        [
            reported([("A", "B", 1), ("B", "C", 2)], wave="voorjaar"),
            reported([("C", "B", 2), ("C", "D", 3)], wave="najaar"),
            reported([("A", "D", 1)], network="N2", wave="najaar"),
            reported([("A", "B", 1)], network="N3", wave="najaar"),
        ]
    )
    return partners, answered([]), reports


def test_new_and_lost_ties() -> None:
    partners, respondents, reports = two_waves()
    edges = ties(partners, respondents, reports)
    waves = previous_waves(partners, WAVES)
    assert [tuple(r) for r in waves.itertuples(index=False)] == [
        ("N1", "voorjaar", None),
        ("N1", "najaar", "voorjaar"),
        ("N2", "voorjaar", None),
        ("N2", "najaar", "voorjaar"),
        ("N3", "najaar", None),
    ]
    changes = changed_ties(edges, waves)
    # N1 voorjaar {A-B, B-C} -> najaar {B-C, C-D}: new C-D, lost A-B, kept B-C.
    # N2 voorjaar {} -> najaar {A-D}: new A-D.
    assert [tuple(r) for r in changes.itertuples(index=False)] == [
        ("N1", "najaar", "voorjaar", "A", "B", "lost"),
        ("N1", "najaar", "voorjaar", "B", "C", "kept"),
        ("N1", "najaar", "voorjaar", "C", "D", "new"),
        ("N2", "najaar", "voorjaar", "A", "D", "new"),
    ]
    counts = tie_changes(edges, waves)
    got = {(r.network, r.wave): (r.new_ties, r.lost_ties) for r in counts.itertuples(index=False)}
    assert got[("N1", "najaar")] == (1, 1)
    assert got[("N2", "najaar")] == (1, 0)
    for first in [("N1", "voorjaar"), ("N2", "voorjaar"), ("N3", "najaar")]:
        assert pd.isna(got[first][0]) and pd.isna(got[first][1])


def test_network_wave_figures_adds_change_subjects() -> None:
    partners, respondents, reports = two_waves()
    result = network_wave_figures(partners, respondents, reports, 5, WAVES)
    assert list(result.columns) == FIGURE_COLUMNS
    n1 = figures(result, "N1", "najaar")
    assert (n1["ties"], n1["new_ties"], n1["lost_ties"]) == (2, 1, 1)
    assert figures(result, "N2", "najaar")["new_ties"] == 1
    assert figures(result, "N2", "najaar")["lost_ties"] == 0
    assert math.isnan(figures(result, "N1", "voorjaar")["new_ties"])
    assert math.isnan(figures(result, "N3", "najaar")["lost_ties"])
    assert list(result["subject"])[-2:] == ["new_ties", "lost_ties"]
    change_rows = result[result["subject"].isin(["new_ties", "lost_ties"])]
    assert (change_rows["n"] == 4).all() and not change_rows["suppressed"].any()
    # the snapshot call adds the per-organisation rows (none rated here) and gives the ties
    snapshot_rows, tie_rows = partner_network_snapshots(partners, respondents, reports, 5, WAVES)
    assert snapshot_rows.equals(result)
    assert tie_rows.equals(ties(partners, respondents, reports))
    with pytest.raises(ValueError, match="not in wave_order"):
        network_wave_figures(partners, respondents, reports, 5, ["voorjaar"])


def test_freeman_centralization_matches_networkx_on_random_graph() -> None:
    graph = nx.gnp_random_graph(15, 0.25, seed=7)
    graph.add_node(15)  # an isolate, listed but without ties
    codes = {node: f"P{node:02d}" for node in graph.nodes}
    partners = listed([codes[node] for node in graph.nodes])
    # each edge reported by one side only (the tie needs just one side)
    reports = reported([(codes[u], codes[v], 1) for u, v in graph.edges])
    got = figures(network_figures(partners, answered([]), reports, threshold=5))
    n = graph.number_of_nodes()
    centrality = nx.degree_centrality(graph)  # d_i / (n - 1)
    # sum(C_max - C_i) / (n - 2) = sum(d_max - d_i) / ((n - 1)(n - 2))
    expected = sum(max(centrality.values()) - c for c in centrality.values()) / (n - 2)
    assert 0 < expected < 1  # a real test: neither a star nor regular
    assert got["centralization"] == pytest.approx(expected)
    assert got["density"] == pytest.approx(nx.density(graph))
    assert got["isolates"] == nx.number_of_isolates(graph)


def test_bad_input_raises() -> None:
    partners = listed(["A", "B"])
    with pytest.raises(ValueError, match="at least 3"):
        network_figures(partners, answered([]), reported([]), threshold=2)
    with pytest.raises(ValueError, match="unknown sector"):
        network_figures(listed({"A": "apotheek"}), answered([]), reported([]), threshold=5)
    with pytest.raises(ValueError, match="twice"):
        ties(pd.concat([partners, partners.iloc[:1]]), answered([]), reported([]))
    with pytest.raises(ValueError, match="more than one row"):
        ties(partners, answered([]), reported([("A", "B", 1), ("A", "B", 2)]))
    with pytest.raises(ValueError, match="frequency"):
        ties(partners, answered([]), reported([("A", "B", 4)]))
    with pytest.raises(ValueError, match="trust outside"):
        partner_ratings(partners, reported([("A", "B", 1, 5.0)]), threshold=5)
