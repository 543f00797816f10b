"""The partner-network section's figures and tables for one network and relational wave: the
map with its summary and sector matrix, a figure over time on the road to 2028, the wave's
figures and its ties. Counts and ratings are the stored snapshots (suppression applied where
they were written); per-tie trust and value are never shown (one rater: identifiable)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.partner_network import SUBJECTS, format_change, format_value
from charts.road import road
from dashboard import partner_figures, partner_map, partner_queries, queries
from dashboard.i18n import t
from dashboard.partner_data import (
    agreements_in_force,
    listed,
    names_of,
    positions,
    previous_wave,
    reported_by,
    resolve_wave,
    sectors_of,
    wave_ties,
)
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS


def map_view(ctx, network: str, wave: str | None, lang: str, *, highlight_new: bool) -> dict:
    """The map's elements and stylesheet, its summary line and the sector matrix for one wave."""
    data = partner_queries.partner_network(ctx.engine, ctx.consortium_id, network)
    wave = resolve_wave(data, wave)
    if wave is None:
        return {
            "elements": [],
            "stylesheet": partner_map.map_stylesheet(highlight_new=highlight_new),
            "summary": "",
            "matrix": partner_figures.matrix_figure(pd.DataFrame(), lang),
        }
    partners = listed(data, wave)
    ties = wave_ties(data, wave)
    previous = previous_wave(data, wave)
    now = partner_map.tie_pairs(ties)
    before = partner_map.tie_pairs(wave_ties(data, previous)) if previous else set()
    new = now - before if previous else set()
    elements = partner_map.map_elements(
        partners,
        ties,
        positions(data),
        lang,
        agreements=agreements_in_force(data, wave),
        new=new,
    )
    # The counts are the stored figures (the same as the table's), not recounted here.
    figures = snapshot_rows(ctx, network, "network")
    figures = figures.loc[figures["wave"] == wave].set_index("subject")["value"]

    def count(subject: str) -> int | str:
        value = figures.get(subject)
        return "–" if value is None or pd.isna(value) else int(value)

    summary = t(
        "pn_summary",
        lang,
        wave=wave,
        partners=count("partners"),
        ties=count("ties"),
        isolates=count("isolates"),
    )
    if previous:
        summary += t(
            "pn_summary_change",
            lang,
            previous=previous,
            new=count("new_ties"),
            lost=count("lost_ties"),
        )
    return {
        "elements": elements,
        "stylesheet": partner_map.map_stylesheet(highlight_new=highlight_new),
        "summary": summary,
        "matrix": partner_figures.matrix_figure(
            partner_figures.sector_matrix(partners, ties), lang
        ),
    }


def snapshot_rows(ctx, network: str, measure: str, subject: str | None = None) -> pd.DataFrame:
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    if snaps.empty:
        return snaps
    return queries.select_snapshots(snaps, measure=measure, subject=subject, network=network)


def trend(ctx, network: str, subject: str, lang: str) -> go.Figure:
    """The figure over time of one subject of measure "network", with its road to 2028."""
    rows = snapshot_rows(ctx, network, "network", subject)
    if rows.empty:
        return partner_figures.figure_over_time(rows, subject, lang)
    return partner_figures.figure_over_time(
        rows[["wave", "reference_date", "value", "suppressed"]],
        subject,
        lang,
        road=road(ctx.framework, rows, "network", subject, network),
        title=t(f"pn_fig_{subject}", lang),
    )


def figures_table(ctx, query: dict, lang: str) -> pd.DataFrame:
    """The figures of one relational wave (the network's latest by default) with their change
    since the previous wave, the 2028 target and the status; a suppressed trust or value says
    'too few respondents', never a number."""
    network = query.get("network")
    columns = [t("pn_figure", lang), t("pn_value", lang), t("pn_change", lang)]
    columns += [t("target", lang), t("status", lang)]
    if not network or network == ALL_NETWORKS:
        return pd.DataFrame(columns=columns)
    rows = snapshot_rows(ctx, network, "network")
    if rows.empty:
        return pd.DataFrame(columns=columns)
    data_waves = queries.waves(rows, partner_network=True)
    wave = query.get("wave") if query.get("wave") in data_waves else data_waves[-1]
    rows = rows.loc[rows["wave"] == wave].set_index("subject")
    records = []
    for subject in SUBJECTS:
        if subject not in rows.index:
            continue
        row = rows.loc[subject]
        suppressed = bool(row["suppressed"])
        status = row["status"]
        records.append(
            [
                t(f"pn_fig_{subject}", lang),
                t("too_few", lang)
                if suppressed
                else format_value(subject, row["value"], decimal_comma=lang == "nl"),
                t("too_few", lang)
                if suppressed
                else format_change(subject, row["difference"], lang, decimal_comma=lang == "nl"),
                format_value(subject, row["target"], decimal_comma=lang == "nl"),
                t(f"status_{status}", lang) if isinstance(status, str) and not suppressed else "–",
            ]
        )
    return pd.DataFrame(records, columns=columns)


def ties_table(ctx, query: dict, lang: str) -> pd.DataFrame:
    """Every tie of the network in one relational wave (the latest by default): the two
    organisations with their sectors, how often they work together, who reported it and whether
    an agreement covers it. No trust or value per tie."""
    columns = [
        t("pn_organisation_a", lang),
        t("pn_sector_a", lang),
        t("pn_organisation_b", lang),
        t("pn_sector_b", lang),
        t("pn_frequency", lang),
        t("pn_reported_by", lang),
        t("pn_has_agreement", lang),
    ]
    network = query.get("network")
    if not network or network == ALL_NETWORKS:
        return pd.DataFrame(columns=columns)
    data = partner_queries.partner_network(ctx.engine, ctx.consortium_id, network)
    wave = resolve_wave(data, query.get("wave"))
    if wave is None:
        return pd.DataFrame(columns=columns)
    names, sectors = names_of(data), sectors_of(data)
    covered = agreements_in_force(data, wave)
    records = []
    for tie in wave_ties(data, wave).itertuples(index=False):
        a, b = names.get(tie.a, tie.a), names.get(tie.b, tie.b)
        records.append(
            [
                a,
                partner_map.sector_label(sectors.get(tie.a), lang),
                b,
                partner_map.sector_label(sectors.get(tie.b), lang),
                t(f"pn_freq_{tie.frequency}", lang),
                reported_by(tie.by_a, tie.by_b, a, b, lang),
                t("pn_yes" if partner_map.pair(tie.a, tie.b) in covered else "pn_no", lang),
            ]
        )
    return pd.DataFrame(records, columns=columns)
