"""Texts of the speerpunt and ambition scores (issue 16), in the shape of dashboard.i18n.TEXTS,
which takes them in; kept apart until the texts move into one catalogue."""

from __future__ import annotations

SCORE_TEXTS: dict[str, dict[str, str]] = {
    "measure_ambition": {"nl": "Ambities", "en": "Ambitions"},
    "measure_speerpunt": {"nl": "Speerpunten", "en": "Speerpunten (patients' priorities)"},
    # The Overzicht heatmap, which shows any of the four kinds of score.
    "heatmap_measure": {"nl": "Heatmap per", "en": "Heatmap by"},
    "heatmap_title": {"nl": "Netwerk × meetpunt", "en": "Network × measure"},
    "heatmap_help": {
        "nl": "Elk vak is de score (0–100) van een netwerk op een thema, visie-element, ambitie of "
        "speerpunt (zie 'Heatmap per') in de gekozen golf: hoe "
        "lichter, hoe beter. Een grijs vak met × heeft te weinig respondenten en wordt niet getoond.",
        "en": "Each cell is a network's score (0–100) on a theme, vision element, ambition or "
        "speerpunt (see 'Heatmap by') in the chosen wave: the lighter, "
        "the better. A grey cell with × has too few respondents and is not shown.",
    },
}
