"""The partner network: who works with whom (measures.md, "Partner network").

Pure module: pandas, numpy and networkx only. Every computation is per network x wave.

Inputs (all may hold several networks and waves):

- `partners`: network, wave, partner (code), sector (one of `SECTORS`): the partners LISTED for
  the network in that wave, answering or not. n is the number listed.
- `respondents`: network, wave, partner: the partners that returned the relational questionnaire.
- `reports`: network, wave, reporter, about, frequency (0 never, 1 a few times, 2 monthly,
  3 weekly; empty = not answered), trust and value (the mean of the report's three statements,
  1-4, empty when not given). At most one row per network x wave x reporter x about.

Rules of this module where measures.md is silent (a survey statistician's choices):

- The list is the denominator of every figure (density, centralization, isolates, cross-sector
  density), so a report whose reporter or `about` is not listed for that network x wave is
  ignored: counting it would put a tie in the numerator whose end is not in the denominator.
  Respondents not listed are ignored for the same reason; a report about oneself is ignored
  (the questionnaire asks about every OTHER partner).
- A listed partner "returned" the questionnaire when it is in `respondents` or filed a report
  row (of any frequency): a filed answer is evidence of a returned questionnaire, so a partner
  missing from `respondents` by a clerical slip is not wrongly left out of reciprocity.
- Trust and value count only on reports (frequency >= 1): the statements are asked only "where
  they worked together", and measures.md defines network trust as a mean over *reports*.
  Each report weighs once (a mean over reports, not a mean of raters' means); n is the number
  of distinct rating organisations, because the raters are who must not be identifiable.
- Structural figures (partners, respondents, ties, density, ...) count organisations, not
  people, and are never suppressed; their n is the number of listed partners and `mean` is
  empty. Trust and value (network and per organisation) are suppressed like every aggregate
  (measures.md, Suppression), through `metrics.suppression.suppress`.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
import numpy as np
import pandas as pd

from metrics.partner_change import (  # noqa: F401 (re-exported: the module's public figures)
    changed_ties,
    previous_waves,
    sector_matrix,
    tie_changes,
)
from metrics.partner_inputs import (  # noqa: F401 (FREQUENCIES re-exported)
    FREQUENCIES,
    KEYS,
    RATING_MAX,
    RATING_MIN,
    is_listed,
    listed_partners,
    returned_partners,
    valid_reports,
)
from metrics.scoring import ALL_GROUPS
from metrics.suppression import suppress

REPORT_MIN_FREQUENCY = 1
"""A report A->B exists when A answers at least "a few times" (measures.md)."""

NETWORK_MEASURE = "network"
PARTNER_MEASURES = {"trust": "partner_trust", "value": "partner_value"}
FIGURES = (
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
)
CHANGE_FIGURES = ("new_ties", "lost_ties")

TIE_COLUMNS = [
    *KEYS,
    "a",
    "b",
    "frequency",
    "by_a",
    "by_b",
    "reciprocal_eligible",
    "reciprocated",
]
FIGURE_COLUMNS = [
    *KEYS,
    "group",
    "measure",
    "subject",
    "n",
    "mean",
    "value",
    "suppressed",
    "suppressed_reason",
]


# --- ties -------------------------------------------------------------------------------------


def _ties(listed: pd.DataFrame, valid: pd.DataFrame, returned: pd.DataFrame) -> pd.DataFrame:
    """`ties` on validated inputs."""
    made = valid[valid["frequency"] >= REPORT_MIN_FREQUENCY]
    reporter, about = made["reporter"].to_numpy(), made["about"].to_numpy()
    first = reporter < about
    sides = pd.DataFrame(
        {
            "network": made["network"].to_numpy(),
            "wave": made["wave"].to_numpy(),
            "a": np.where(first, reporter, about),
            "b": np.where(first, about, reporter),
            "frequency": made["frequency"].to_numpy(),
            "by_a": first,
            "by_b": ~first,
        }
    )
    out = (
        sides.groupby([*KEYS, "a", "b"], sort=False)
        .agg(frequency=("frequency", "max"), by_a=("by_a", "any"), by_b=("by_b", "any"))
        .reset_index()
    )
    out["frequency"] = out["frequency"].astype("int64")
    out["by_a"] = out["by_a"].astype(bool)
    out["by_b"] = out["by_b"].astype(bool)
    returned_keys = pd.MultiIndex.from_frame(returned[[*KEYS, "partner"]])
    a_returned = pd.MultiIndex.from_arrays([out["network"], out["wave"], out["a"]]).isin(
        returned_keys
    )
    b_returned = pd.MultiIndex.from_arrays([out["network"], out["wave"], out["b"]]).isin(
        returned_keys
    )
    out["reciprocal_eligible"] = a_returned & b_returned
    out["reciprocated"] = out["by_a"] & out["by_b"]
    return out[TIE_COLUMNS].sort_values([*KEYS, "a", "b"], ignore_index=True)


def ties(partners: pd.DataFrame, respondents: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """The undirected ties of each network x wave (measures.md, Partner network).

    A report A->B exists when A's frequency about B is at least 1 ("a few times"); the tie {A, B}
    exists when A->B or B->A exists (either side suffices). Reports whose reporter or `about` is
    not listed for that network x wave are ignored (the list is the denominator; module rules).

    Returns one row per tie, sorted by network, wave, a, b, with columns:
    network, wave, a, b (a < b), frequency (int: the larger of the two sides' reported
    frequency), by_a (a reported b), by_b (b reported a), reciprocal_eligible (both a and b
    returned the questionnaire: in `respondents` or filed a report row) and reciprocated
    (by_a and by_b).
    """
    listed = listed_partners(partners)
    valid = valid_reports(listed, reports)
    return _ties(listed, valid, returned_partners(listed, respondents, valid))


# --- network figures --------------------------------------------------------------------------


def _ratings(valid: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Mean trust and value over reports (frequency >= 1) that have them, grouped by `by`.

    Long: by..., rating ("trust"/"value"), n (distinct raters), mean.
    """
    made = valid[valid["frequency"] >= REPORT_MIN_FREQUENCY]
    parts = []
    for rating in ("trust", "value"):
        rated = made[made[rating].notna()]
        grouped = rated.groupby(by, sort=True)
        summary = pd.DataFrame(
            {"n": grouped["reporter"].nunique(), "mean": grouped[rating].mean()}
        ).reset_index()
        parts.append(summary.assign(rating=rating))
    out = pd.concat(parts, ignore_index=True)
    out["n"] = out["n"].astype("int64")
    return out[[*by, "rating", "n", "mean"]]


def _network_ratings(listed: pd.DataFrame, valid: pd.DataFrame) -> pd.DataFrame:
    """Network trust and value for EVERY listed network x wave (n = 0 when nobody rated)."""
    means = _ratings(valid, KEYS)
    scopes = listed[KEYS].drop_duplicates()
    grid = scopes.merge(pd.DataFrame({"rating": ["trust", "value"]}), how="cross")
    out = grid.merge(means, on=[*KEYS, "rating"], how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    return out


def _structure(
    members: pd.DataFrame, network_ties: pd.DataFrame, returned_count: int
) -> dict[str, float]:
    """The structural figures of one network x wave (measures.md, Partner network)."""
    n = len(members)
    m = len(network_ties)
    graph = nx.Graph()
    graph.add_nodes_from(members["partner"])  # isolates are nodes with degree 0
    graph.add_edges_from(zip(network_ties["a"], network_ties["b"], strict=True))
    degrees = np.array([degree for _, degree in graph.degree()], dtype=float)

    pairs = n * (n - 1) / 2
    # Freeman: sum(d_max - d_i) / ((n - 1)(n - 2)); the denominator is the star's sum.
    centralization = (
        float((degrees.max() - degrees).sum() / ((n - 1) * (n - 2))) if n >= 3 else np.nan
    )
    eligible = network_ties["reciprocal_eligible"].to_numpy(dtype=bool)
    reciprocity = (
        float(network_ties["reciprocated"].to_numpy(dtype=bool)[eligible].mean())
        if eligible.any()
        else np.nan
    )
    sector = dict(zip(members["partner"], members["sector"], strict=True))
    cross = int(sum(sector[a] != sector[b] for a, b in zip(network_ties["a"], network_ties["b"])))
    per_sector = members["sector"].value_counts().to_numpy()
    cross_pairs = pairs - float((per_sector * (per_sector - 1) / 2).sum())
    return {
        "partners": n,
        "respondents": returned_count,
        "ties": m,
        "density": m / pairs if n >= 2 else np.nan,
        "centralization": centralization,
        "reciprocity": reciprocity,
        "cross_sector_share": cross / m if m else np.nan,
        "cross_sector_density": cross / cross_pairs if cross_pairs else np.nan,
        "isolates": nx.number_of_isolates(graph),
    }


def _figure_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows in snapshot shape with the figure order of `FIGURES` (+ `CHANGE_FIGURES`)."""
    order = {subject: i for i, subject in enumerate((*FIGURES, *CHANGE_FIGURES))}
    rows = rows.assign(_order=rows["subject"].map(order))
    rows = rows.sort_values([*KEYS, "_order"], ignore_index=True).drop(columns="_order")
    rows["n"] = rows["n"].astype("Int64")
    rows["mean"] = rows["mean"].astype(float)
    rows["value"] = rows["value"].astype(float)
    rows["suppressed"] = rows["suppressed"].astype(bool)
    rows["suppressed_reason"] = rows["suppressed_reason"].astype(object)
    return rows[FIGURE_COLUMNS]


def _network_figures(
    listed: pd.DataFrame,
    valid: pd.DataFrame,
    returned: pd.DataFrame,
    tie_rows: pd.DataFrame,
    threshold: int,
) -> pd.DataFrame:
    """`network_figures` on validated inputs."""
    ties_by_scope = dict(iter(tie_rows.groupby(KEYS, sort=False)))
    returned_counts = returned.groupby(KEYS).size().to_dict()
    empty_ties = tie_rows.iloc[0:0]
    structural = []
    for scope, members in listed.groupby(KEYS, sort=True):
        figures = _structure(
            members, ties_by_scope.get(scope, empty_ties), returned_counts.get(scope, 0)
        )
        n = figures["partners"]
        for subject, value in figures.items():
            structural.append((*scope, subject, n, np.nan, float(value)))
    structure = pd.DataFrame(structural, columns=[*KEYS, "subject", "n", "mean", "value"]).assign(
        group=ALL_GROUPS, measure=NETWORK_MEASURE, suppressed=False, suppressed_reason=None
    )

    ratings = _network_ratings(listed, valid)
    ratings = ratings.rename(columns={"rating": "subject"}).assign(
        group=ALL_GROUPS, measure=NETWORK_MEASURE, value=ratings["mean"]
    )
    ratings = suppress(
        ratings[[*KEYS, "group", "measure", "subject", "n", "mean", "value"]],
        threshold,
        figure_columns=["mean", "value"],
    )
    frames = [frame for frame in (structure, ratings) if len(frame)]
    if not frames:
        return _figure_frame(pd.DataFrame(columns=FIGURE_COLUMNS))
    return _figure_frame(pd.concat(frames, ignore_index=True))


def network_figures(
    partners: pd.DataFrame,
    respondents: pd.DataFrame,
    reports: pd.DataFrame,
    threshold: int,
) -> pd.DataFrame:
    """The figures of each listed network x wave (measures.md, Partner network), snapshot-shaped.

    One row per network x wave x figure, sorted by network, wave and the order of `FIGURES`, with
    columns network, wave, group ("all"), measure ("network"), subject (the figure), n, mean,
    value, suppressed, suppressed_reason. n = number of listed partners (structural figures).

    - partners: n listed (value = n); respondents: listed partners that returned;
      ties: number of ties (either side's report suffices);
    - density = ties / (n(n-1)/2), NaN for n < 2;
    - centralization (Freeman degree) = sum_i(d_max - d_i) / ((n-1)(n-2)) over the undirected
      ties and ALL listed partners (isolates have degree 0), NaN for n < 3;
    - reciprocity = share of ties reported by both ends among ties whose two ends both
      returned, NaN without such a tie;
    - cross_sector_share = cross-sector ties / ties (NaN without ties); cross_sector_density =
      cross-sector ties / pairs of listed partners in different sectors (NaN without such pair);
    - trust, value: mean over all reports (frequency >= 1) that have them, mean = value,
      n = distinct rating organisations; suppressed (n, mean and value emptied) when
      n < `threshold` (measures.md, Suppression), also when nobody rated (n = 0);
    - isolates: listed partners with no tie.

    Structural figures have mean NaN and are never suppressed. Raises ValueError on bad input
    (see the module docstring) or a threshold below 3.
    """
    listed = listed_partners(partners)
    valid = valid_reports(listed, reports)
    returned = returned_partners(listed, respondents, valid)
    return _network_figures(listed, valid, returned, _ties(listed, valid, returned), threshold)


# --- per organisation -------------------------------------------------------------------------


def _partner_ratings(listed: pd.DataFrame, valid: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """`partner_ratings` on validated inputs."""
    parts = _ratings(valid, [*KEYS, "about"]).rename(columns={"about": "group"})
    totals = _network_ratings(listed, valid).assign(group=ALL_GROUPS)
    # suppress() treats `group` as the part and "all" as the network total: the organisations are
    # the parts of the network's trust (value), which network_figures publishes when n allows.
    frame = pd.concat([parts, totals], ignore_index=True)
    frame = frame.assign(
        measure=frame["rating"].map(PARTNER_MEASURES),
        subject="partner",
    )[[*KEYS, "group", "measure", "subject", "n", "mean"]]
    marked = suppress(frame, threshold, figure_columns=["mean"])
    out = marked[marked["group"] != ALL_GROUPS]
    out = out.assign(subject=out["group"], group=ALL_GROUPS, value=out["mean"])
    out = out.sort_values([*KEYS, "measure", "subject"], ignore_index=True)
    out["n"] = out["n"].astype("Int64")
    out["mean"] = out["mean"].astype(float)
    out["value"] = out["value"].astype(float)
    out["suppressed"] = out["suppressed"].astype(bool)
    out["suppressed_reason"] = out["suppressed_reason"].astype(object)
    return out[FIGURE_COLUMNS]


def partner_ratings(partners: pd.DataFrame, reports: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Trust and value per organisation (measures.md, Partner network), suppressed.

    Per listed partner: the mean trust (value) over reports (frequency >= 1) ABOUT it that have
    one; n = number of distinct raters. One row per network x wave x measure x rated partner,
    with columns network, wave, group ("all"), measure ("partner_trust" / "partner_value"),
    subject (partner code), n, mean, value (= mean), suppressed, suppressed_reason. A listed
    partner that nobody rated gets no row.

    Suppression (measures.md, Suppression) via `metrics.suppression.suppress`: a rating with
    n < `threshold` is suppressed ("threshold"); complement rule with the organisations as the
    parts and the network's trust (value) of `network_figures` as the total: when exactly one
    organisation of a network x wave x measure is suppressed and the network total is published,
    the published organisation with the smallest n (ties: first code) is suppressed too
    ("complement"). Suppressed rows have n, mean and value emptied.
    """
    listed = listed_partners(partners)
    return _partner_ratings(listed, valid_reports(listed, reports), threshold)


def network_wave_figures(
    partners: pd.DataFrame,
    respondents: pd.DataFrame,
    reports: pd.DataFrame,
    threshold: int,
    wave_order: Sequence[str],
) -> pd.DataFrame:
    """`network_figures` of every network x wave plus the subjects new_ties and lost_ties.

    The inputs hold all waves needed: each network x wave is compared with the network's previous
    wave with data (`previous_waves` over `wave_order`). new_ties / lost_ties rows: n = listed
    partners of the wave, value = the count of `tie_changes`, NaN on a network's first wave;
    never suppressed (they count organisations). Same columns and order as `network_figures`.
    """
    listed = listed_partners(partners)
    valid = valid_reports(listed, reports)
    returned = returned_partners(listed, respondents, valid)
    tie_rows = _ties(listed, valid, returned)
    return _with_changes(listed, valid, returned, tie_rows, threshold, partners, wave_order)


def _with_changes(listed, valid, returned, tie_rows, threshold, partners, wave_order):
    """`network_wave_figures` on validated inputs and their ties."""
    figures = _network_figures(listed, valid, returned, tie_rows, threshold)
    if not len(figures):
        return figures
    changes = tie_changes(tie_rows, previous_waves(partners, wave_order))
    n = listed.groupby(KEYS).size().rename("n").reset_index()
    long = changes.merge(n, on=KEYS).melt(
        id_vars=[*KEYS, "n"], value_vars=list(CHANGE_FIGURES), var_name="subject"
    )
    long = long.assign(
        value=long["value"].astype("Float64").to_numpy(dtype=float, na_value=np.nan),
        mean=np.nan,
        group=ALL_GROUPS,
        measure=NETWORK_MEASURE,
        suppressed=False,
        suppressed_reason=None,
    )
    return _figure_frame(pd.concat([figures, long[FIGURE_COLUMNS]], ignore_index=True))


def partner_network_snapshots(
    partners: pd.DataFrame,
    respondents: pd.DataFrame,
    reports: pd.DataFrame,
    threshold: int,
    wave_order: Sequence[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every suppressed partner-network snapshot row (`network_wave_figures` + `partner_ratings`,
    same columns as `network_figures`) and the ties (as `ties`): the one call for the store, which
    validates the inputs and builds the ties once."""
    listed = listed_partners(partners)
    valid = valid_reports(listed, reports)
    returned = returned_partners(listed, respondents, valid)
    tie_rows = _ties(listed, valid, returned)
    network = _with_changes(listed, valid, returned, tie_rows, threshold, partners, wave_order)
    ratings = _partner_ratings(listed, valid, threshold)
    frames = [frame for frame in (network, ratings) if len(frame)]
    figures = pd.concat(frames, ignore_index=True) if frames else network
    return figures, tie_rows
