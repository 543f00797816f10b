"""Texts of the layout and accessibility pieces (the folding menu, a chart's table of numbers,
the signed change column), in the shape of dashboard/i18n.py's TEXTS; `lt` looks them up."""

from __future__ import annotations

from dashboard.i18n import language

LAYOUT_TEXTS: dict[str, dict[str, str]] = {
    "menu_toggle": {"nl": "Menu openen of sluiten", "en": "Open or close the menu"},
    # After a signed change in points: "+4,7 punten t.o.v. 2025" (the points are already said).
    "since": {"nl": "t.o.v. {wave}", "en": "vs {wave}"},
}


def lt(key: str, lang: str, **values: object) -> str:
    text = LAYOUT_TEXTS[key][language(lang)]
    return text.format(**values) if values else text
