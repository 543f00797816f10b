"""What the pages share: the current context, names from the framework in both languages, the
choice lists of the filters and how a snapshot row becomes a table cell."""

from __future__ import annotations

import pandas as pd
from flask import current_app

from dashboard.components import fmt_number, is_missing
from dashboard.i18n import t
from samenwerkingsmonitor.vocabulary import ALL_GROUPS, ALL_NETWORKS

MEASURES = ("index", "theme", "vision_element", "ambition", "speerpunt", "item")


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """The rows of `frame` as dicts of the given columns, values as Python scalars (as
    `to_dict("records")` gives them): a snapshot frame has some thirty columns, and converting
    them all per row cost more than the page's figures."""
    values = [frame[column].tolist() for column in columns]
    return [dict(zip(columns, row)) for row in zip(*values)]


def context():
    """The Context of the running app (set by create_app)."""
    return current_app.config["MONITOR_CONTEXT"]


def network_names(fw, lang: str, *, consortium: bool = True) -> dict[str, str]:
    """Network code → name in the framework's order, the consortium (ALL) last."""
    names = {n.code: n.name for n in fw.networks}
    if consortium:
        names[ALL_NETWORKS] = t("consortium", lang)
    return names


def readable_network_names(fw, lang: str, *, consortium: bool = True) -> dict[str, str]:
    """network_names narrowed to the networks the logged-in person may read (dashboard/access)."""
    from dashboard import access

    names = network_names(fw, lang, consortium=consortium)
    keep = set(access.visible(names))
    return {code: name for code, name in names.items() if code in keep}


def localised_name(entry, lang: str) -> str:
    return (entry.name_en if lang == "en" and entry.name_en else None) or entry.name


def subject_labels(fw, measure: str, lang: str) -> dict[str, str]:
    """Subject code → label for one measure kind, in the framework's order."""
    if measure == "index":
        return {"index": t("index", lang)}
    if measure == "theme":
        return {th.code: localised_name(th, lang) for th in fw.all_themes()}
    # Codes linked to items (vision elements, and speerpunten and ambitions through them) read
    # as "V3 name", so that the code in an export finds its row on the page.
    linked = {"vision_element": "vision_elements", "speerpunt": "speerpunten"}
    if measure in (*linked, "ambition"):
        entries = getattr(fw, linked.get(measure, "ambitions"))
        return {v.code: f"{v.code} {localised_name(v, lang)}" for v in entries}
    if measure == "item":
        return {
            it.code: f"{it.code} {(it.text_en if lang == 'en' and it.text_en else it.text)}"
            for it in fw.all_items()
        }
    return {}


def group_names(fw, lang: str) -> dict[str, str]:
    names = {g.code: localised_name(g, lang) for g in fw.groups}
    names[ALL_GROUPS] = t("all_groups", lang)
    return names


def theme_items(fw, theme: str) -> list[str]:
    return [it.code for th in fw.all_themes() if th.code == theme for it in th.items]


def measure_options(lang: str) -> list[dict]:
    return [{"label": t(f"measure_{m}", lang), "value": m} for m in MEASURES]


def options(labels: dict[str, str]) -> list[dict]:
    return [{"label": label, "value": code} for code, label in labels.items()]


def valid(value, allowed, default):
    """The URL's value when it is one of the allowed ones, else the default (a stale or
    hand-edited link still opens a page)."""
    return value if value in allowed else default


def score_cell(row, lang: str, column: str = "score_100", digits: int = 1) -> str:
    """The display value of one snapshot figure: the suppression phrase, never a number, when
    the row is suppressed."""
    if bool(row["suppressed"]):
        return t("too_few", lang)
    value = row[column]
    return "–" if is_missing(value) else fmt_number(value, digits, lang)


def count_cell(row, lang: str) -> str | int:
    if bool(row["suppressed"]):
        return t("too_few", lang)
    return "–" if is_missing(row["n"]) else int(row["n"])


def network_view(fw, waves: list[str], query: dict) -> dict:
    """The Netwerk page's view a (possibly stale or hand-edited) URL asks for, with defaults for the rest."""
    codes = list(readable_network_names(fw, "nl"))
    measure = valid(query.get("measure"), MEASURES, "index")
    subjects = list(subject_labels(fw, measure, "nl"))
    return {
        "network": valid(query.get("network"), codes, codes[0]),
        "measure": measure,
        "subject": valid(query.get("subject"), subjects, subjects[0] if subjects else None),
        "wave": valid(query.get("wave"), waves, waves[-1] if waves else None),
    }
