"""The documents' words (Dutch, with English available) and how their numbers are written.

Numbers are the exported figures, only formatted: Dutch uses a decimal comma. Every figure cell
goes through :func:`figure`, which writes the suppression phrase for a suppressed row instead of
any number. The PDFs use the standard PDF fonts, whose encoding (WinAnsi) lacks signs such as
≥ and →: the words below avoid them.
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.i18n import t as dashboard_t
from reports.texts import SECTION_TEXTS
from reports.texts_own import OWN_TEXTS
from samenwerkingsmonitor.numbers import format_number, format_points, format_share

TEXTS: dict[str, dict[str, str]] = {
    "title": {"nl": "Jaarrapportage NPPZ {year}", "en": "NPPZ annual report {year}"},
    "subtitle": {
        "nl": "Samenwerkingsmonitor - transmurale samenwerking in de netwerken palliatieve zorg",
        "en": "Samenwerkingsmonitor - transmural collaboration in the palliative-care networks",
    },
    "made_on": {"nl": "Gemaakt op {date}", "en": "Made on {date}"},
    "waves_in_year": {"nl": "Metingen in {year}: {waves}", "en": "Waves in {year}: {waves}"},
    "no_waves": {"nl": "geen", "en": "none"},
    "no_data": {
        "nl": "Voor {year} zijn geen metingen beschikbaar: er is in dit jaar geen meting van de "
        "partnervragenlijst gehouden (of nog niet berekend). Dit rapport bevat daarom geen "
        "samenwerkingsindex en geen thema's; de stand van de projecten staat hieronder.",
        "en": "No measurements are available for {year}: no wave of the partner questionnaire "
        "took place in this year (or it was not computed yet). This report therefore has no "
        "collaboration index and no themes; the state of the projects follows below.",
    },
    "footer": {
        "nl": "{consortium} - NPPZ-rapportage {year}",
        "en": "{consortium} - NPPZ report {year}",
    },
    "page": {"nl": "pagina {n}", "en": "page {n}"},
    "summary": {"nl": "De netwerken in één oogopslag", "en": "The networks at a glance"},
    "summary_intro": {
        "nl": "De samenwerkingsindex per netwerk in meting {wave} (0-100), met de status op de "
        "weg naar het doel van 2028, de verandering sinds meting {previous} en de stand van de "
        "projecten op {date}.",
        "en": "The collaboration index per network in wave {wave} (0-100), with the status on "
        "the road to the 2028 target, the change since wave {previous} and the state of the "
        "projects on {date}.",
    },
    "index": {"nl": "Index", "en": "Index"},
    "n": {"nl": "n", "en": "n"},
    "previous": {"nl": "Vorige", "en": "Previous"},
    "difference": {"nl": "Verschil", "en": "Difference"},
    "status_2028": {"nl": "Status 2028", "en": "Status 2028"},
    "partner_network": {
        "nl": "Partnernetwerk: wie werkt met wie (netwerkvragenlijst {wave})",
        "en": "Partner network: who works with whom (network questionnaire {wave})",
    },
    "expected": {"nl": "Verwacht", "en": "Expected"},
    "stale": {"nl": "Verouderd", "en": "Stale"},
    "main_changes": {"nl": "Belangrijkste veranderingen", "en": "Main changes"},
    "no_changes": {
        "nl": "Geen significante veranderingen sinds de vorige meting.",
        "en": "No significant changes since the previous wave.",
    },
    "change_line": {
        "nl": "{network}: {subject} van {before} naar {after} ({significant}, p = {p})",
        "en": "{network}: {subject} from {before} to {after} ({significant}, p = {p})",
    },
    "projects_state": {"nl": "Stand van de projecten", "en": "State of the projects"},
    "projects_line": {
        "nl": "{active} actieve projectdeelnames: {op_koers} op koers, {aandacht} aandacht, "
        "{vastgelopen} vastgelopen; {afgerond} afgerond; {stale} zonder recente update.",
        "en": "{active} active project participations: {op_koers} on track, {aandacht} "
        "attention, {vastgelopen} stuck; {afgerond} done; {stale} without a recent update.",
    },
    "network_section": {"nl": "Netwerk {name}", "en": "Network {name}"},
    "key_figures": {
        "nl": "Samenwerkingsindex {wave}: {index} (n = {n}); status op weg naar 2028: {status} "
        "(verwacht {expected}, doel {target}).",
        "en": "Collaboration index {wave}: {index} (n = {n}); status on the road to 2028: "
        "{status} (expected {expected}, target {target}).",
    },
    "index_trend": {
        "nl": "Samenwerkingsindex over de metingen, met de rechte weg naar het doel van 2028",
        "en": "Collaboration index over the waves, with the straight road to the 2028 target",
    },
    "themes": {"nl": "Thema's", "en": "Themes"},
    "vision_elements": {"nl": "Visie-elementen {wave}", "en": "Vision elements {wave}"},
    "element": {"nl": "Visie-element", "en": "Vision element"},
    "response": {"nl": "Respons", "en": "Response"},
    "wave": {"nl": "Meting", "en": "Wave"},
    "reference_date": {"nl": "Peildatum", "en": "Reference date"},
    "responses": {"nl": "Respondenten", "en": "Respondents"},
    "rate": {"nl": "Responspercentage", "en": "Response rate"},
    "last_update": {"nl": "Laatste update", "en": "Last update"},
    "no_projects": {"nl": "Dit netwerk neemt aan geen project deel.", "en": "No projects."},
    "goals": {"nl": "SMART-doelen", "en": "SMART goals"},
    "latest": {"nl": "Laatst gemeten", "en": "Latest"},
    "achievable": {"nl": "Haalbaar", "en": "Achievable"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "no_goals": {"nl": "Geen SMART-doelen voor dit netwerk.", "en": "No SMART goals."},
    "consortium_goals": {"nl": "SMART-doelen van het consortium", "en": "Consortium SMART goals"},
    "notes": {"nl": "Notities van de stuurgroep in {year}", "en": "Steering-group notes in {year}"},
    "no_notes": {"nl": "Geen notities in {year}.", "en": "No notes in {year}."},
    "method": {"nl": "Hoe er gemeten is", "en": "How it was measured"},
    "method_instrument": {
        "nl": "Instrument: {instrument}, {themes} thema's met samen {items} uitspraken op een "
        "schaal van 1 tot 5 ('niet van toepassing' en 'weet niet' tellen niet mee). Een "
        "themascore is het gemiddelde van de thema-uitspraken per respondent (bij minstens de "
        "helft beantwoord), omgerekend naar 0-100; de samenwerkingsindex is het gemiddelde van "
        "de themascores van een respondent op 0-100. Het consortium als geheel telt alle "
        "respondenten samen, niet de gemiddelden van de netwerken.",
        "en": "Instrument: {instrument}, {themes} themes with {items} statements on a scale of "
        "1 to 5 ('not applicable' and 'don't know' do not count). A theme score is the mean of "
        "a respondent's theme statements (at least half answered), on 0-100; the collaboration "
        "index is the mean of a respondent's theme scores on 0-100. The consortium as a whole "
        "pools all respondents, not the networks' means.",
    },
    "method_waves": {"nl": "Metingen en respons", "en": "Waves and response"},
    "method_suppression": {
        "nl": "Privacy: een uitkomst van minder dan {threshold} respondenten wordt niet getoond "
        '("te weinig respondenten"); ook een uitkomst waaruit zo\'n kleine groep terug te '
        "rekenen is, wordt weggelaten (complementregel). Dit rapport toont alleen de cijfers "
        "van de export 'measures'; de XLSX-bijlage bevat ze alle.",
        "en": 'Privacy: an outcome of fewer than {threshold} respondents is not shown ("too '
        'few respondents"); an outcome from which such a small group could be derived is left '
        "out as well (complement rule). This report shows only the figures of the 'measures' "
        "export; the XLSX annex holds all of them.",
    },
    "method_reliability": {
        "nl": "Betrouwbaarheid per thema (Cronbachs alfa, consortium)",
        "en": "Reliability per theme (Cronbach's alpha, consortium)",
    },
    "method_status": {
        "nl": "Status op weg naar 2028: bereikt (doel gehaald), op koers (hooguit 2,5 punt onder "
        "de rechte weg van nulmeting naar doel), aandacht (hooguit 7,5 punt eronder) of achter.",
        "en": "Status on the road to 2028: reached (target met), on track (at most 2.5 points "
        "below the straight road from baseline to target), attention (at most 7.5 points "
        "below) or behind.",
    },
    "annex": {
        "nl": "Bijlage: alle cijfers van de export 'measures' voor {year} staan in het "
        "bijgevoegde XLSX-bestand.",
        "en": "Annex: every figure of the 'measures' export for {year} is in the accompanying "
        "XLSX file.",
    },
    "one_page_title": {"nl": "{name}: stand van zaken", "en": "{name}: where things stand"},
    "consortium_row": {"nl": "Consortium (alle netwerken)", "en": "Consortium (all networks)"},
}


TEXTS.update(SECTION_TEXTS)
TEXTS.update(OWN_TEXTS)


def t(key: str, lang: str, **values) -> str:
    """A report text in `lang` (Dutch when missing), falling back to the dashboard's texts."""
    entry = TEXTS.get(key)
    text = (entry.get(lang) or entry["nl"]) if entry else dashboard_t(key, lang)
    return text.format(**values) if values else text


def missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number(value, digits: int = 1, lang: str = "nl", *, sign: bool = False) -> str:
    """A figure as printed: fixed digits, decimal comma in Dutch; '-' when there is none.
    A value that rounds to zero is written without a sign: never "-0,0"."""
    return "-" if missing(value) else format_number(value, digits, lang, sign=sign)


def with_unit(value, unit, lang: str = "nl") -> str:
    """An amount with its unit: "10 groepen", "35%"; "-" without a value."""
    if missing(value):
        return "-"
    unit = "" if missing(unit) or not unit else str(unit)
    return f"{amount(value, lang)}{unit if unit in ('%', '') else ' ' + unit}"


def points(row, lang: str = "nl") -> str:
    """A snapshot row's change since the previous wave in points on the 0-100 scale, signed.
    The index's difference is on 0-100 already; a theme, element or item mean (1-5) maps as
    score_100 = (mean - 1) / 4 x 100, so its difference counts 25 times (measures.md rule 3)."""
    if missing(row["difference"]):
        return "-"
    factor = 1 if row["measure"] == "index" else 25
    return format_points(float(row["difference"]) * factor, lang)


def amount(value, lang: str = "nl", digits: int = 1) -> str:
    """A counted or measured amount (a SMART goal's value): whole numbers without decimals
    ("10 groepen", not "10,0 groepen"), others with `digits` decimals."""
    if missing(value):
        return "-"
    value = float(value)
    return number(value, 0 if value == round(value) else digits, lang)


def listing(names: list[str], lang: str) -> str:
    """ "a, b en c": names joined as a sentence says them."""
    names = [str(n) for n in names]
    if len(names) < 2:
        return "".join(names)
    last = " en " if lang == "nl" else " and "
    return ", ".join(names[:-1]) + last + names[-1]


def percent(fraction, lang: str = "nl", digits: int = 0) -> str:
    if missing(fraction):
        return "-"
    return format_share(float(fraction), lang, digits)


def day(value, lang: str = "nl") -> str:
    if missing(value) or value is pd.NaT:
        return "-"
    return pd.Timestamp(value).strftime("%d-%m-%Y" if lang == "nl" else "%Y-%m-%d")


def status(code, lang: str) -> str:
    """A road-to-2028 status code as words ('op_koers' -> 'op koers')."""
    return "-" if missing(code) or not code else dashboard_t(f"status_{code}", lang)


def project_status(code, lang: str) -> str:
    if missing(code) or not code:
        return "geen update" if lang == "nl" else "no update"
    return dashboard_t(f"project_{code}", lang)


def figure(row, column: str, lang: str, digits: int = 1) -> str:
    """One figure of a snapshot row: the suppression phrase when suppressed, never a number."""
    if row is None:
        return "-"
    if bool(row["suppressed"]):
        return t("too_few", lang)
    return number(row[column], digits, lang)


def count(row, lang: str) -> str:
    if row is None:
        return "-"
    if bool(row["suppressed"]):
        return t("too_few", lang)
    return "-" if missing(row["n"]) else str(int(row["n"]))
