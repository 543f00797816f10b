"""The front of the report: the cover, the table of contents and the one-page management
summary, written from the figures — what improved and what lags, from the stored changes
(difference, significance) and the road-to-2028 statuses; no figure is recomputed."""

from __future__ import annotations

import pandas as pd
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, PageBreak, Spacer

from reports import findings
from reports.content import ReportContent
from reports.layout import FRAME_HEIGHT, FRAME_WIDTH, bullet, contents, heading, p
from reports.sections.common import element_names, official, theme_names
from reports.wording import count, day, figure, listing, number, percent, points, status, t
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

GOOD = ("bereikt", "op_koers")


def cover(content: ReportContent, lang: str) -> list:
    waves = ", ".join(
        f"{w} ({day(d, lang)})"
        for w, d in zip(content.waves["wave"], content.waves["reference_date"])
    )
    parts = [
        Spacer(1, 50 * mm),
        p(t("title", lang, year=content.year), "title"),
        Spacer(1, 6 * mm),
        p(content.consortium, "subtitle"),
        Spacer(1, 3 * mm),
        p(t("subtitle", lang), "center"),
        Spacer(1, 3 * mm),
        p(t("cover_to", lang), "center"),
        Spacer(1, 25 * mm),
        p(
            t("waves_in_year", lang, year=content.year, waves=waves or t("no_waves", lang)),
            "center",
        ),
        p(t("cover_reference", lang, date=day(content.reference_date, lang)), "center"),
        p(t("made_on", lang, date=day(clock.today(), lang)), "center"),
    ]
    if content.demo:
        parts += [Spacer(1, 12 * mm), p(t("cover_demo", lang), "center")]
    if content.foreword:
        parts += [Spacer(1, 12 * mm), heading(t("foreword", lang), "h2"), p(content.foreword)]
    return [*parts, PageBreak()]


def table_of_contents(lang: str) -> list:
    return [p(t("toc", lang), "toc_title"), contents(), PageBreak()]


def management_summary(content: ReportContent, lang: str) -> list:
    """One page: the year in two sentences, what improved, what lags."""
    parts: list = [p(_opening(content, lang))]
    improved, lagging = _improved(content, lang), _lagging(content, lang)
    parts += [heading(t("ms_improved", lang), "h2")]
    parts += [bullet(line) for line in improved] or [p(t("ms_nothing_improved", lang))]
    parts += [heading(t("ms_lagging", lang), "h2")]
    parts += [bullet(line) for line in lagging] or [p(t("ms_nothing_lagging", lang))]
    parts += [Spacer(1, 3 * mm), p(t("ms_where", lang), "small")]
    return [
        heading(t("management_summary", lang)),
        KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT - 20 * mm, parts, mode="shrink"),
        PageBreak(),
    ]


def _opening(content: ReportContent, lang: str) -> str:
    if not content.has_data:
        return t("no_data", lang, year=content.year)
    all_ = content.consortium_figures
    row = all_.latest if all_ is not None else None
    rates = all_.responses if all_ is not None else pd.DataFrame()
    rate = rates[rates["wave"] == content.latest_wave] if len(rates) else rates
    rate_row = None if rate.empty else rate.iloc[0]
    return t(
        "ms_opening",
        lang,
        year=content.year,
        wave=content.latest_wave,
        n=count(row, lang),
        networks=len(content.networks),
        rate=_rate(rate_row, lang),
        index=figure(row, "score_100", lang),
        previous=content.previous_wave or "-",
        difference="-" if row is None else number(row["difference"], 1, lang, sign=True),
        status="-" if row is None or bool(row["suppressed"]) else status(row["status"], lang),
    )


def _rate(row, lang: str) -> str:
    if row is None:
        return "-"
    return t("too_few", lang) if bool(row["suppressed"]) else percent(row["value"], lang)


def _improved(content: ReportContent, lang: str) -> list[str]:
    lines = []
    if content.has_data:
        good = [n.name for n in content.networks if _index_status(n) in GOOD]
        if good:
            lines.append(
                t(
                    "ms_networks_good",
                    lang,
                    k=len(good),
                    n=len(content.networks),
                    names=listing(good, lang),
                )
            )
        for measure in ("index", "theme"):
            rises = _significant(content, lang, measure, rising=True)
            if rises:
                lines.append(t(f"ms_rises_{measure}", lang, changes=listing(rises, lang)))
        lines += _road_counts(content, lang, GOOD, "ms_elements_good")
    lines += _partner_network(content, lang, rising=True)
    achievable = content.goals[content.goals["achievable"] == True]  # noqa: E712
    if len(achievable):
        lines.append(
            t(
                "ms_goals_achievable",
                lang,
                k=len(achievable),
                n=len(content.goals),
                names=listing(list(achievable["name"]), lang),
            )
        )
    done = content.project_status[content.project_status["status"] == "afgerond"]
    if len(done):
        lines.append(t("ms_projects_done", lang, k=len(done)))
    return lines


def _lagging(content: ReportContent, lang: str) -> list[str]:
    lines = []
    if content.has_data:
        behind = [n.name for n in content.networks if _index_status(n) == "achter"]
        if behind:
            lines.append(t("ms_networks_behind", lang, names=listing(behind, lang)))
        for measure in ("index", "theme"):
            falls = _significant(content, lang, measure, rising=False)
            if falls:
                lines.append(t(f"ms_falls_{measure}", lang, changes=listing(falls, lang)))
        themes = [
            theme_names(content, lang).get(f.subject, f.subject)
            for f in findings.behind_themes(content.series, ALL_NETWORKS)
        ]
        if themes:
            lines.append(t("ms_themes_behind", lang, names=listing(themes, lang)))
        lines += _road_counts(content, lang, ("achter",), "ms_elements_behind")
    lines += _partner_network(content, lang, rising=False)
    status_ = content.project_status
    stuck = status_[status_["status"] == "vastgelopen"]
    stale = status_[status_["active"] & status_["stale"]]
    if len(stuck) or len(stale):
        lines.append(t("ms_projects_lagging", lang, stuck=len(stuck), stale=len(stale)))
    missed = [
        g["name"]
        for _, g in content.goals.iterrows()
        if pd.Timestamp(g["deadline"]).date() < content.reference_date and not findings.reached(g)
    ]
    if missed:
        lines.append(t("ms_goals_missed", lang, names=listing(missed, lang)))
    overdue = content.agreements[
        content.agreements["next_evaluation"].notna()
        & (content.agreements["next_evaluation"] < pd.Timestamp(content.reference_date))
    ]
    if len(overdue):
        lines.append(t("ms_agreements_overdue", lang, k=len(overdue), n=len(content.agreements)))
    return lines


def _index_status(n) -> str | None:
    row = n.latest
    if row is None or bool(row["suppressed"]):
        return None
    return row["status"]


def _significant(content: ReportContent, lang: str, measure: str, *, rising: bool) -> list[str]:
    """The networks' index (measure "index") or the consortium's themes ("theme") that changed
    significantly at the latest wave, largest change first, in points on 0-100."""
    series = content.series
    network = (
        series["network"] != ALL_NETWORKS
        if measure == "index"
        else series["network"] == ALL_NETWORKS
    )
    rows = series[
        (series["wave"] == content.latest_wave)
        & (series["significant"] == True)  # noqa: E712
        & (series["measure"] == measure)
        & network
    ]
    rows = rows[(rows["difference"] > 0) if rising else (rows["difference"] < 0)]
    names = {n.code: n.name for n in content.networks} | theme_names(content, lang)
    out = []
    for _, r in rows.sort_values("difference", ascending=not rising).iterrows():
        subject = r["network"] if measure == "index" else r["subject"]
        out.append(f"{names.get(subject, subject)} ({points(r, lang)})")
    return out


def _road_counts(content: ReportContent, lang: str, codes: tuple, key: str) -> list[str]:
    """How many of the consortium's vision elements have one of these statuses."""
    rows = official(content.series, ALL_NETWORKS, "vision_element")
    if rows.empty or rows["status"].isna().all():
        return []
    hit = rows[rows["status"].isin(codes)]
    if hit.empty:
        return []
    names = element_names(content, lang)
    labels = [f"{code} {names.get(code, '')}".strip() for code in hit.index]
    return [t(key, lang, k=len(hit), n=len(rows), names=listing(labels, lang))]


def _partner_network(content: ReportContent, lang: str, *, rising: bool) -> list[str]:
    """Networks whose partner-network density rose (or fell) since the previous wave."""
    snaps = content.snapshots
    rows = snaps[(snaps["measure"] == "network") & (snaps["subject"] == "density")]
    if rows.empty:
        return []
    latest = rows.sort_values("reference_date").groupby("network").tail(1)
    latest = latest.dropna(subset=["difference"])
    moved = latest[(latest["difference"] > 0.005) if rising else (latest["difference"] < -0.005)]
    if moved.empty:
        return []
    names = {n.code: n.name for n in content.networks}
    labels = [names.get(c, c) for c in moved["network"]]
    key = "ms_density_up" if rising else "ms_density_down"
    return [t(key, lang, k=len(moved), n=len(latest), names=listing(labels, lang))]
