"""Texts of the speerpunt and ambition scores (issue 16), in the shape of dashboard.i18n.TEXTS,
which takes them in; kept apart until the texts move into one catalogue."""

from __future__ import annotations

SCORE_TEXTS: dict[str, dict[str, str]] = {
    "measure_ambition": {"nl": "Ambities", "en": "Ambitions"},
    "measure_speerpunt": {"nl": "Speerpunten", "en": "Speerpunten (patients' priorities)"},
}
