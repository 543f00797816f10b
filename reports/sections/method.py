"""How it was measured: the instrument, every measure described as docs/measures.md does (in
the report's language), the suppression and status rules, response per network and wave, and
Cronbach's alpha per theme."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from reports.content import ReportContent
from reports.layout import FRAME_WIDTH, heading, p, table
from reports.sections.common import localised, theme_names
from reports.wording import count, figure, listing, measure_keys, number, percent, t
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS


def method(content: ReportContent, lang: str) -> list:
    """The instrument, every measure in words, response per network and wave, and alpha."""
    fw = content.framework
    questionnaires = [i for i in fw.instruments if i.kind == "questionnaire"]
    settings = fw.settings
    values = {
        "threshold": content.threshold,
        "on_track": number(settings.status_thresholds.on_track, 1, lang),
        "attention": number(settings.status_thresholds.attention, 1, lang),
        "stale_days": settings.stale_days,
    }
    parts: list = [
        heading(t("method", lang)),
        p(
            t(
                "method_instrument",
                lang,
                instrument=listing([localised(i, lang) for i in questionnaires], lang),
                themes=sum(len(i.themes) for i in questionnaires),
                items=sum(len(th.items) for i in questionnaires for th in i.themes),
            )
        ),
        heading(t("method_measures", lang), "h2"),
    ]
    for key in measure_keys():
        parts += [p(t(f"{key}_title", lang), "h3"), p(t(f"{key}_text", lang, **values))]
    parts.append(heading(t("method_waves", lang), "h2"))
    rows = []
    for n in [*content.networks, content.consortium_figures]:
        if n is None:
            continue
        for _, r in n.responses.sort_values("wave").iterrows():
            rate = t("too_few", lang) if bool(r["suppressed"]) else percent(r["value"], lang)
            name = t("consortium_row", lang) if n.code == ALL_NETWORKS else n.name
            rows.append([name, r["wave"], count(r, lang), rate])
    if rows:
        w = FRAME_WIDTH
        parts.append(
            table(
                [t("network", lang), t("wave", lang), t("responses", lang), t("rate", lang)],
                rows,
                [0.4 * w, 0.15 * w, 0.2 * w, 0.25 * w],
            )
        )
    else:
        parts.append(p(t("no_data", lang, year=content.year)))
    if not content.alpha.empty:
        names = theme_names(content, lang)
        waves = list(content.waves["wave"])
        alpha_rows = []
        for code, name in names.items():
            cells = []
            for wave in waves:
                match = content.alpha[
                    (content.alpha["subject"] == code) & (content.alpha["wave"] == wave)
                ]
                cells.append("-" if match.empty else figure(match.iloc[0], "value", lang, 2))
            alpha_rows.append([name, *cells])
        parts += [
            heading(t("method_reliability", lang), "h2"),
            table([t("theme", lang), *[f"{t('alpha', lang)} {w}" for w in waves]], alpha_rows),
        ]
    parts += [Spacer(1, 4 * mm), p(t("annex", lang, year=content.year))]
    return parts
