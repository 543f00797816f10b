"""Netwerk → "Stellingen achter het thema": the statements of one theme at one wave.

A statement is shown as respondents answered it: the mean of their raw answers and the share who
(strongly) agreed. A reverse-coded statement ("… belemmert de samenwerking") counts as 6 − answer
in every score (measures.md, rule 1), so agreeing with it lowers the theme; showing that recoded
score under a heading about agreement reads as the opposite of what people said. The recoded
score therefore has its own column, "bijdrage aan de score", and the statement is marked.
"""

from __future__ import annotations

import pandas as pd

from dashboard import queries
from dashboard.components import fmt_number, fmt_percent, is_missing
from dashboard.i18n import t
from dashboard.pages.common import count_cell, network_view, subject_labels, theme_items

SCALE_SUM = 6  # a reverse-coded answer v counts as 6 − v on the 1–5 scale


def _answered(row: pd.Series, reverse: bool) -> tuple[float, float]:
    """(mean raw answer, share agreeing) from an item snapshot, whose figures are recoded."""
    if not reverse:
        return row["mean"], row["pct_positive"]
    mean = row["mean"] if is_missing(row["mean"]) else SCALE_SUM - row["mean"]
    return mean, row.get("pct_negative")


def statement_row(row: pd.Series, reverse: bool, lang: str) -> dict[str, object]:
    """The figures of one statement's snapshot row, suppression phrase when suppressed."""
    if bool(row["suppressed"]):
        few = t("too_few", lang)
        return {"mean": few, "agree": few, "score": few}
    mean, agree = _answered(row, reverse)
    return {
        "mean": fmt_number(mean, 2, lang),
        "agree": fmt_percent(agree, lang),
        "score": fmt_number(row["mean"], 2, lang),
    }


def items_table(ctx, query: dict, lang: str) -> pd.DataFrame:
    """The statements of one theme at one wave for the network (suppressed ones say so)."""
    fw = ctx.framework
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    view = network_view(fw, queries.waves(snaps), query)
    themes = subject_labels(fw, "theme", lang)
    theme = query.get("theme")
    if theme not in themes:
        theme = view["subject"] if view["measure"] == "theme" else next(iter(themes))
    reversed_items = {it.code for it in fw.all_items() if it.reverse}
    rows = queries.select_snapshots(
        snaps, measure="item", network=view["network"], wave=view["wave"]
    ).set_index("subject")
    texts = subject_labels(fw, "item", lang)
    records = []
    for code in theme_items(fw, theme):
        if code not in rows.index:
            continue
        row = rows.loc[code]
        figures = statement_row(row, code in reversed_items, lang)
        records.append(
            {
                t("theme", lang): themes[theme],
                t("statement", lang): texts[code],
                t("scoring", lang): t("reversed_mark", lang) if code in reversed_items else "",
                t("n", lang): count_cell(row, lang),
                t("answer_mean", lang): figures["mean"],
                t("pct_positive", lang): figures["agree"],
                t("item_contribution", lang): figures["score"],
            }
        )
    return pd.DataFrame(records)
