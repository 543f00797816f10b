"""Beperkingen: what the reader should know before trusting a figure, filled from the data —
demo data present, a provisional questionnaire, targets that are working values, response rates
below LOW_RESPONSE, the figures not published (suppressed), themes with a low Cronbach's alpha,
partners that did not return the network questionnaire, goals without a measured value and
projects without a recent update."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from reports.content import ReportContent
from reports.layout import bullet, heading, p
from reports.sections.common import localised, network_names, theme_names
from reports.wording import listing, number, percent, t
from samenwerkingsmonitor.vocabulary import ALL_GROUPS, ALL_NETWORKS

# A response rate under this share makes a network's figures less certain: said as a
# limitation (a convention of survey practice, not a rule of measures.md).
LOW_RESPONSE = 0.30
# Cronbach's alpha under this value: the theme's items hang together weakly.
LOW_ALPHA = 0.60


def limitations(content: ReportContent, lang: str) -> list:
    lines = [
        *_demo(content, lang),
        *_provisional(content, lang),
        *_working_targets(content, lang),
        *_low_response(content, lang),
        *_suppressed(content, lang),
        *_low_alpha(content, lang),
        *_network_response(content, lang),
        *_unmeasured_goals(content, lang),
        *_silent_projects(content, lang),
    ]
    parts: list = [heading(t("limitations", lang)), p(t("limitations_intro", lang))]
    parts += [bullet(line) for line in lines] or [p(t("limitations_none", lang))]
    return [*parts, PageBreak()]


def _demo(content: ReportContent, lang: str) -> list[str]:
    return [t("limit_demo", lang)] if content.demo else []


def _provisional(content: ReportContent, lang: str) -> list[str]:
    fw = content.framework
    names = [localised(i, lang) for i in fw.instruments if getattr(i, "provisional", False)]
    return [t("limit_provisional", lang, names=listing(names, lang))] if names else []


def _working_targets(content: ReportContent, lang: str) -> list[str]:
    targets = content.framework.targets
    working = [x for x in targets if not getattr(x, "confirmed", False)]
    if not working:
        return []
    return [t("limit_working_targets", lang, k=len(working), n=len(targets))]


def _low_response(content: ReportContent, lang: str) -> list[str]:
    series = content.series
    rates = series[
        (series["measure"] == "response_rate")
        & series["wave"].isin(content.waves["wave"])
        & (series["network"] != ALL_NETWORKS)
    ]
    names = network_names(content, lang)
    low = rates[~rates["suppressed"].astype(bool) & (rates["value"] < LOW_RESPONSE)]
    unknown = rates[~rates["suppressed"].astype(bool) & rates["value"].isna()]
    lines = []
    if len(low):
        cells = [
            f"{names.get(r['network'], r['network'])} {r['wave']} ({percent(r['value'], lang)})"
            for _, r in low.iterrows()
        ]
        lines.append(
            t(
                "limit_low_response",
                lang,
                threshold=percent(LOW_RESPONSE, lang),
                networks=listing(cells, lang),
            )
        )
    if len(unknown):
        cells = [names.get(n, n) for n in unknown["network"]]
        lines.append(t("limit_unknown_invited", lang, networks=listing(cells, lang)))
    return lines


def _suppressed(content: ReportContent, lang: str) -> list[str]:
    """How many of the year's figures were not published, and which headline ones."""
    snaps = content.snapshots
    year = snaps[snaps["wave"].isin(content.waves["wave"])]
    hidden = year[year["suppressed"].astype(bool)]
    if year.empty:
        return []
    reasons = hidden["suppressed_reason"].fillna("threshold")
    lines = [
        t(
            "limit_suppressed",
            lang,
            k=len(hidden),
            n=len(year),
            threshold=content.threshold,
            complement=int((reasons == "complement").sum()),
        )
    ]
    names = network_names(content, lang, consortium=True)
    themes = theme_names(content, lang)
    headline = hidden[hidden["measure"].isin(["index", "theme"]) & (hidden["group"] == ALL_GROUPS)]
    cells = [
        f"{names.get(r['network'], r['network'])}: "
        + (t("index", lang) if r["measure"] == "index" else themes.get(r["subject"], r["subject"]))
        + f" {r['wave']}"
        for _, r in headline.iterrows()
    ]
    if cells:
        lines.append(t("limit_suppressed_headline", lang, figures=listing(cells, lang)))
    return lines


def _low_alpha(content: ReportContent, lang: str) -> list[str]:
    alpha = content.alpha
    if alpha.empty:
        return []
    low = alpha[~alpha["suppressed"].astype(bool) & (alpha["value"] < LOW_ALPHA)]
    if low.empty:
        return []
    themes = theme_names(content, lang)
    cells = [
        f"{themes.get(r['subject'], r['subject'])} ({number(r['value'], 2, lang)})"
        for _, r in low.iterrows()
    ]
    return [
        t(
            "limit_low_alpha",
            lang,
            threshold=number(LOW_ALPHA, 2, lang),
            themes=listing(cells, lang),
        )
    ]


def _network_response(content: ReportContent, lang: str) -> list[str]:
    """Partners that did not return the network questionnaire in the year's latest wave."""
    snaps = content.snapshots
    rows = snaps[
        (snaps["measure"] == "network") & snaps["subject"].isin(["partners", "respondents"])
    ]
    if rows.empty:
        return []
    wave = rows.sort_values("reference_date")["wave"].iloc[-1]
    table = rows[rows["wave"] == wave].pivot_table(
        index="network", columns="subject", values="value", aggfunc="first"
    )
    if not {"partners", "respondents"} <= set(table.columns):
        return []
    short = table[table["respondents"] < table["partners"]]
    if short.empty:
        return []
    names = network_names(content, lang)
    cells = [
        f"{names.get(code, code)} ({int(r['respondents'])}/{int(r['partners'])})"
        for code, r in short.iterrows()
    ]
    return [t("limit_network_response", lang, wave=wave, networks=listing(cells, lang))]


def _unmeasured_goals(content: ReportContent, lang: str) -> list[str]:
    goals = content.goals
    if goals.empty:
        return []
    none = goals[goals["latest_value"].isna()]
    if none.empty:
        return []
    return [t("limit_unmeasured_goals", lang, names=listing(list(none["name"]), lang))]


def _silent_projects(content: ReportContent, lang: str) -> list[str]:
    status_ = content.project_status
    if status_.empty:
        return []
    silent = status_[status_["active"] & status_["stale"]]
    if silent.empty:
        return []
    never = int(silent["submitted_at"].isna().sum())
    return [
        t(
            "limit_silent_projects",
            lang,
            k=len(silent),
            n=int(status_["active"].sum()),
            never=never,
            days=content.framework.settings.stale_days,
        )
    ]
