"""Texts of the DIN's half-yearly review (Projectregister's review card, the Projecten page), in
both languages; they join dashboard/i18n.py's TEXTS on import, so `t()` finds them."""

from __future__ import annotations

from dashboard.i18n import TEXTS

DIN_REVIEW_TEXTS = {
    "din_review_title": {"nl": "DIN-review vastleggen", "en": "Record a DIN review"},
    "din_review_help": {
        "nl": "Ongeveer twee keer per jaar herziet het consortium het Doelen-Inspanningen-Netwerk. "
        "Leg de datum vast, per project het besluit (doorgaan, bijstellen, stoppen) en een korte "
        "toelichting. De levensloop van een project wijzigt u daarna in het formulier hieronder.",
        "en": "About twice a year the consortium reviews the Goals-Efforts Network. Record the "
        "date, the decision per project (continue, adjust, stop) and a short note. Change a "
        "project's lifecycle afterwards in the form below.",
    },
    "din_review_date": {"nl": "Datum van de review", "en": "Date of the review"},
    "din_review_continue": {"nl": "Doorgaan", "en": "Continue"},
    "din_review_adjust": {"nl": "Bijstellen", "en": "Adjust"},
    "din_review_stop": {"nl": "Stoppen", "en": "Stop"},
    "din_review_note": {"nl": "Toelichting", "en": "Note"},
    "din_review_save": {"nl": "Review opslaan", "en": "Save review"},
    "din_review_saved": {"nl": "DIN-review opgeslagen.", "en": "DIN review saved."},
    "din_review_invalid": {
        "nl": "De review is niet opgeslagen:",
        "en": "The review was not saved:",
    },
    "din_review_latest": {
        "nl": "Laatste DIN-review: {date}",
        "en": "Latest DIN review: {date}",
    },
    "din_review_none": {
        "nl": "Er is nog geen DIN-review vastgelegd.",
        "en": "No DIN review has been recorded yet.",
    },
    "din_review_earlier": {"nl": "Eerdere reviews", "en": "Earlier reviews"},
    "register_error_note": {
        "nl": "Een review heeft een besluit of een toelichting.",
        "en": "A review needs a decision or a note.",
    },
}

TEXTS.update(DIN_REVIEW_TEXTS)
