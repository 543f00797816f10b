"""Report texts of the speerpunt and ambition scores (issue 16), in the shape of
reports.wording.TEXTS, which takes them in; kept apart until the texts move into one catalogue."""

from __future__ import annotations

SCORE_SECTION_TEXTS: dict[str, dict[str, str]] = {
    "road_ambition_scores": {
        "nl": "Ambities: score en weg naar 2028 (consortium)",
        "en": "Ambitions: score and road to 2028 (consortium)",
    },
    "road_ambition_scores_intro": {
        "nl": "De score van een ambitie telt de stellingen die aan een van haar speerpunten "
        "gekoppeld zijn, elke stelling één keer, op dezelfde manier als een visie-element.",
        "en": "An ambition's score counts the statements linked to any of its speerpunten, each "
        "statement once, in the same way as a vision element.",
    },
    "road_speerpunten": {
        "nl": "Speerpunten van patiënten en naasten (consortium)",
        "en": "Speerpunten of patients and relatives (consortium)",
    },
    "speerpunt": {"nl": "Speerpunt", "en": "Speerpunt"},
}
