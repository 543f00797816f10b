"""The Rapportage page's texts, Dutch with English: building and downloading the report, and
the consortium's own words in it (the foreword and the reflections, with their versions)."""

from __future__ import annotations

REPORT_PAGE_TEXTS: dict[str, dict[str, str]] = {
    "report_page": {"nl": "Rapportage", "en": "Reporting"},
    "report_intro": {
        "nl": "De jaarrapportage voor het NPPZ: een PDF met een samenvatting van het "
        "consortium, een hoofdstuk per netwerk en de verantwoording van de meting, met als "
        "bijlage alle cijfers van het jaar (XLSX). Alle cijfers komen uit de export "
        "'measures'; uitkomsten van te weinig respondenten staan er niet in.",
        "en": "The yearly report for NPPZ: a PDF with a consortium summary, a chapter per "
        "network and how it was measured, with every figure of the year as an annex (XLSX). "
        "Every figure comes from the 'measures' export; outcomes of too few respondents are "
        "left out.",
    },
    "report_year": {"nl": "Jaar", "en": "Year"},
    "report_build": {"nl": "Rapport maken", "en": "Build the report"},
    "report_annex": {"nl": "Bijlage downloaden (XLSX)", "en": "Download the annex (XLSX)"},
    "report_download": {"nl": "Rapport downloaden", "en": "Download the report"},
    "report_started": {"nl": "Bezig met starten", "en": "Starting"},
    "report_foreword": {"nl": "Voorwoord", "en": "Foreword"},
    "report_foreword_help": {
        "nl": "Het voorwoord van het consortium staat op het voorblad van het rapport. Het "
        "wordt bewaard voor de volgende rapporten; maak het veld leeg om het te verwijderen.",
        "en": "The consortium's foreword is printed on the report's cover. It is kept for "
        "the next reports; empty the field to remove it.",
    },
    "report_foreword_save": {"nl": "Voorwoord bewaren", "en": "Save the foreword"},
    "report_foreword_saved": {"nl": "Voorwoord bewaard.", "en": "Foreword saved."},
    "report_foreword_removed": {"nl": "Voorwoord verwijderd.", "en": "Foreword removed."},
    "report_foreword_too_long": {
        "nl": "Het voorwoord is te lang: {error}.",
        "en": "The foreword is too long: {error}.",
    },
    "report_failed": {
        "nl": "Het rapport kon niet gemaakt worden: {error}",
        "en": "The report could not be built: {error}",
    },
    "report_format": {"nl": "Bestand", "en": "File"},
    "report_format_pdf": {"nl": "PDF (om te versturen)", "en": "PDF (to send)"},
    "report_format_docx": {
        "nl": "Word (DOCX, om zelf te bewerken)",
        "en": "Word (DOCX, for your own editing)",
    },
    "report_reflection": {"nl": "Reflectie per netwerk", "en": "Reflection per network"},
    "report_reflection_help": {
        "nl": "De reflectie van het consortium op een netwerk sluit het hoofdstuk van dat "
        "netwerk in het rapport af. Elke versie wordt bewaard; maak het veld leeg om de "
        "reflectie te verwijderen.",
        "en": "The consortium's reflection on a network closes that network's chapter in the "
        "report. Every version is kept; empty the field to remove the reflection.",
    },
    "report_reflection_network": {"nl": "Netwerk", "en": "Network"},
    "report_reflection_save": {"nl": "Reflectie bewaren", "en": "Save the reflection"},
    "report_reflection_saved": {
        "nl": "Reflectie bewaard (versie {version}).",
        "en": "Reflection saved (version {version}).",
    },
    "report_reflection_removed": {
        "nl": "Reflectie verwijderd (versie {version}).",
        "en": "Reflection removed (version {version}).",
    },
    "report_text_unchanged": {
        "nl": "Niets veranderd: er is geen nieuwe versie gemaakt.",
        "en": "Nothing changed: no new version was made.",
    },
    "report_text_refused": {
        "nl": "U mag deze tekst niet wijzigen.",
        "en": "You may not change this text.",
    },
    "report_versions": {"nl": "Eerdere versies", "en": "Earlier versions"},
    "report_version": {
        "nl": "Versie {version}, {at}, {who}",
        "en": "Version {version}, {at}, {who}",
    },
    "report_version_nobody": {"nl": "onbekend", "en": "unknown"},
    "report_version_removed": {"nl": "(verwijderd)", "en": "(removed)"},
    "report_digest": {
        "nl": "Voorbeeld van het maandbericht",
        "en": "Preview of the monthly digest",
    },
    "report_digest_help": {
        "nl": "Het maandbericht aan de stuurgroep van een netwerk zoals het nu verstuurd zou "
        "worden (zonder de bijlage). Er wordt niets verstuurd of bijgehouden.",
        "en": "The monthly digest to a network's steering group as it would be sent now "
        "(without its attachment). Nothing is sent or recorded.",
    },
    "report_digest_show": {"nl": "Voorbeeld tonen", "en": "Show the preview"},
    "report_digest_text": {"nl": "Als platte tekst", "en": "As plain text"},
}
