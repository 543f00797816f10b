"""Interface texts, Dutch first with English available; every label exists in both."""

from __future__ import annotations

LANGUAGES = ("nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    "app_title": {"nl": "Samenwerkingsmonitor", "en": "Collaboration monitor"},
    "overview": {"nl": "Overzicht", "en": "Overview"},
    "overview_intro": {
        "nl": "Per netwerk palliatieve zorg: hoeveel partners de vragenlijst invulden per golf, de "
        "samenwerkingsindex van de laatste golf (0–100) en wanneer de laatste gegevens binnenkwamen.",
        "en": "Per palliative-care network: how many partners answered the questionnaire per wave, the "
        "collaboration index of the latest wave (0–100) and when the latest data arrived.",
    },
    "network": {"nl": "Netwerk", "en": "Network"},
    "responses_wave": {"nl": "Respons {wave}", "en": "Responses {wave}"},
    "index_latest": {
        "nl": "Samenwerkingsindex (laatste golf)",
        "en": "Collaboration index (latest wave)",
    },
    "latest_data": {"nl": "Laatste gegevens", "en": "Latest data"},
    "too_few": {"nl": "te weinig respondenten", "en": "too few respondents"},
    "no_data": {
        "nl": "Nog geen gegevens. Lees vragenlijstgegevens in met `samenwerkingsmonitor ingest` "
        "of laad de demo met `samenwerkingsmonitor demo`.",
        "en": "No data yet. Ingest questionnaire data with `samenwerkingsmonitor ingest` "
        "or load the demo with `samenwerkingsmonitor demo`.",
    },
    "consortium": {"nl": "Consortium (alle netwerken)", "en": "Consortium (all networks)"},
    "index_help": {
        "nl": "De samenwerkingsindex is het gemiddelde van de themascores per respondent op een schaal "
        "van 0 tot 100. Groepen van minder dan 5 respondenten worden niet getoond.",
        "en": "The collaboration index is the mean of each respondent's theme scores on a 0–100 scale. "
        "Groups of fewer than 5 respondents are not shown.",
    },
    "language": {"nl": "English", "en": "Nederlands"},
    # Status on the road to the 2028 target (measures.md); codes as stored in snapshots.
    "status_bereikt": {"nl": "bereikt", "en": "reached"},
    "status_op_koers": {"nl": "op koers", "en": "on track"},
    "status_aandacht": {"nl": "aandacht", "en": "attention"},
    "status_achter": {"nl": "achter", "en": "behind"},
}


def t(key: str, lang: str, **values: object) -> str:
    text = TEXTS[key][lang if lang in LANGUAGES else "nl"]
    return text.format(**values) if values else text


def language(value: str | None) -> str:
    return value if value in LANGUAGES else "nl"
