"""What the report's parts share: names in the report's language and the official status of a
series (the latest wave with an unsuppressed value, measures.md)."""

from __future__ import annotations

import pandas as pd

from reports.content import ReportContent
from reports.wording import number, t
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS


def localised(entry, lang: str) -> str:
    return (entry.name_en if lang == "en" and getattr(entry, "name_en", None) else None) or (
        entry.name
    )


def theme_names(content: ReportContent, lang: str) -> dict[str, str]:
    return {theme.code: localised(theme, lang) for theme in content.framework_themes}


def element_names(content: ReportContent, lang: str) -> dict[str, str]:
    return {e.code: localised(e, lang) for e in content.framework_elements}


def network_names(content: ReportContent, lang: str, *, consortium: bool = False) -> dict:
    names = {n.code: n.name for n in content.networks}
    if consortium:
        names[ALL_NETWORKS] = t("consortium_row", lang)
    return names


def project_name(content: ReportContent, code: str) -> str:
    return content.project_names.get(code, code)


def official(series: pd.DataFrame, network: str, measure: str) -> pd.DataFrame:
    """Per subject the row of the network's latest wave with an unsuppressed value (its
    official status on the road to 2028), indexed by subject."""
    own = series[(series["network"] == network) & (series["measure"] == measure)]
    own = own[~own["suppressed"].astype(bool)].sort_values("reference_date")
    return own.groupby("subject").tail(1).set_index("subject")


def first(series: pd.DataFrame, network: str, measure: str) -> pd.DataFrame:
    """Per subject the row of the network's first wave with an unsuppressed value (the
    baseline of the road to 2028), indexed by subject."""
    own = series[(series["network"] == network) & (series["measure"] == measure)]
    own = own[~own["suppressed"].astype(bool)].sort_values("reference_date")
    return own.groupby("subject").head(1).set_index("subject")


def target_figure(
    content: ReportContent, value, measure: str, subject: str, network: str | None, lang: str
) -> str:
    """A target as the report prints it: the number, and "(werkdoel)" when the framework marks
    that target provisional."""
    shown = number(value, 0, lang)
    fw = content.framework
    target = fw.target_for(measure, subject, network) if fw else None
    if target is not None and target.provisional and shown != "-":
        return f"{shown} ({t('working_target', lang)})"
    return shown
