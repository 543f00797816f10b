"""One organisation's own view of its partner network in a wave: the trust and value it
received (from the suppressed snapshots: 'too few raters', never a figure of a suppressed row),
its ties, the listed partners it has no tie with, and the agreements it takes part in."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard import partner_map, partner_queries
from dashboard.components import is_missing, table
from dashboard.i18n import t
from dashboard.partner_data import (
    agreements_in_force,
    agreements_table,
    listed,
    names_of,
    reported_by,
    resolve_wave,
    sectors_of,
    wave_ties,
)
from dashboard.partner_views import snapshot_rows
from samenwerkingsmonitor.numbers import format_number


def received(ctx, network: str, wave: str, partner: str, kind: str, lang: str) -> html.Span:
    """One organisation's received trust or value: the mean with its number of raters, or 'too
    few raters' when the snapshot is suppressed — never a figure of a suppressed row."""
    rows = snapshot_rows(ctx, network, f"partner_{kind}", partner)
    rows = rows.loc[rows["wave"] == wave] if len(rows) else rows
    if rows.empty:
        return html.Span(t("pn_no_ratings", lang), className="text-muted")
    row = rows.iloc[0]
    if bool(row["suppressed"]):
        return html.Span(t("pn_too_few_raters", lang), className="text-muted fst-italic too-few")
    mean = row["mean"] if not is_missing(row["mean"]) else row["value"]
    if is_missing(mean):
        return html.Span(t("pn_no_ratings", lang), className="text-muted")
    raters = "" if is_missing(row["n"]) else f" ({t('pn_raters', lang, n=int(row['n']))})"
    return html.Span(f"{format_number(float(mean), 2, lang)}{raters}")


def organisation_view(
    ctx, network: str, wave: str | None, partner: str | None, lang: str
) -> html.Div | html.P:
    """An organisation's own view in one wave: received trust and value, its ties (partner,
    sector, frequency, reported by whom, agreement), the partners it has no tie with and the
    agreements it takes part in."""
    if not partner:
        return html.P(t("pn_org_choose", lang), className="text-muted")
    data = partner_queries.partner_network(ctx.engine, ctx.consortium_id, network)
    names = names_of(data)
    wave = resolve_wave(data, wave)
    if partner not in names or wave is None:
        return html.P(t("pn_org_choose", lang), className="text-muted")
    name = names[partner]
    on_list = listed(data, wave)
    if partner not in set(on_list["partner"]):
        body = [
            html.P(t("pn_org_not_listed", lang, name=name, wave=wave), id="partners-org-absent")
        ]
    else:
        body = _ties_body(data, wave, partner, on_list, lang)
    agreements = agreements_table(data, lang, partner)
    return html.Div(
        [
            html.H4(name, className="h6"),
            _received_line(ctx, network, wave, partner, lang),
            *body,
            html.H4(t("pn_org_agreements", lang), className="h6 mt-3"),
            table(agreements, "partners-org-agreements", lang)
            if len(agreements)
            else html.P(t("pn_org_no_agreements", lang)),
        ]
    )


def _received_line(ctx, network: str, wave: str, partner: str, lang: str) -> html.Div:
    return html.Div(
        [
            html.Strong(t("pn_received", lang) + ": "),
            html.Span(t("pn_received_trust", lang) + " "),
            html.Span(
                received(ctx, network, wave, partner, "trust", lang),
                id="partners-received-trust",
            ),
            html.Span(" · " + t("pn_received_value", lang) + " "),
            html.Span(
                received(ctx, network, wave, partner, "value", lang),
                id="partners-received-value",
            ),
        ],
        className="mb-2",
    )


def _tie_records(data: dict, wave: str, partner: str, lang: str) -> pd.DataFrame:
    """The partner's ties in the wave, one row per other organisation, sorted by its name."""
    names, sectors = names_of(data), sectors_of(data)
    covered = agreements_in_force(data, wave)
    ties = wave_ties(data, wave)
    ties = ties.loc[(ties["a"] == partner) | (ties["b"] == partner)]
    records = []
    for tie in ties.itertuples(index=False):
        other = tie.b if tie.a == partner else tie.a
        by_self, by_other = (tie.by_a, tie.by_b) if tie.a == partner else (tie.by_b, tie.by_a)
        records.append(
            {
                t("pn_partner", lang): names.get(other, other),
                t("pn_sector", lang): partner_map.sector_label(sectors.get(other), lang),
                t("pn_frequency", lang): t(f"pn_freq_{tie.frequency}", lang),
                t("pn_reported_by", lang): reported_by(
                    by_self, by_other, names[partner], names.get(other, other), lang
                ),
                t("pn_has_agreement", lang): t(
                    "pn_yes" if partner_map.pair(tie.a, tie.b) in covered else "pn_no", lang
                ),
            }
        )
    frame = pd.DataFrame(records)
    return frame.sort_values(t("pn_partner", lang)) if len(frame) else frame


def _ties_body(data: dict, wave: str, partner: str, on_list: pd.DataFrame, lang: str) -> list:
    """The partner's ties and the listed organisations it has none with."""
    ties = wave_ties(data, wave)
    ties = ties.loc[(ties["a"] == partner) | (ties["b"] == partner)]
    tied = set(ties["a"]) | set(ties["b"])
    untied = on_list.loc[~on_list["partner"].isin(tied | {partner})].sort_values("name")
    frame = _tie_records(data, wave, partner, lang)
    return [
        html.H4(t("pn_org_ties", lang, wave=wave), className="h6 mt-3"),
        table(frame, "partners-org-ties", lang)
        if len(frame)
        else html.P(t("pn_org_no_ties", lang), id="partners-org-ties-none"),
        html.H4(t("pn_org_no_tie_with", lang), className="h6 mt-3"),
        html.P(
            ", ".join(
                f"{r.name} ({partner_map.sector_label(r.sector, lang)})"
                for r in untied.itertuples(index=False)
            )
            if len(untied)
            else t("pn_org_all_tied", lang),
            id="partners-org-untied",
        ),
    ]
