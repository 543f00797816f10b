"""Interface texts, Dutch first with English available; every label exists in both.

Explanations are written for steering-group members, not analysts: what the figure shows and
how to read it, in plain words.
"""

from __future__ import annotations

LANGUAGES = ("nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    # --- app and navigation ---------------------------------------------------------------------
    "app_title": {"nl": "Samenwerkingsmonitor", "en": "Collaboration monitor"},
    "language": {"nl": "English", "en": "Nederlands"},
    "language_tooltip": {
        "nl": "Show this page in English",
        "en": "Toon deze pagina in het Nederlands",
    },
    "overview": {"nl": "Overzicht", "en": "Overview"},
    "network_page": {"nl": "Netwerk", "en": "Network"},
    "compare": {"nl": "Vergelijken", "en": "Compare"},
    "projects": {"nl": "Projecten", "en": "Projects"},
    "quality": {"nl": "Kwaliteit", "en": "Quality"},
    "download_csv": {
        "nl": "Download deze tabel als CSV (kommagescheiden, punt als decimaalteken)",
        "en": "Download this table as CSV (comma-separated, dot as decimal separator)",
    },
    "download_xlsx": {
        "nl": "Download deze tabel als Excel-bestand (XLSX)",
        "en": "Download this table as an Excel file (XLSX)",
    },
    # --- shared words ----------------------------------------------------------------------------
    "network": {"nl": "Netwerk", "en": "Network"},
    "networks": {"nl": "Netwerken", "en": "Networks"},
    "wave": {"nl": "Golf", "en": "Wave"},
    "measure": {"nl": "Meetpunt", "en": "Measure"},
    "subject": {"nl": "Onderwerp", "en": "Subject"},
    "group": {"nl": "Respondentgroep", "en": "Respondent group"},
    "all_groups": {"nl": "Alle groepen", "en": "All groups"},
    "score": {"nl": "Score", "en": "Score"},
    "score_axis": {"nl": "Score (0–100)", "en": "Score (0–100)"},
    "index": {"nl": "Samenwerkingsindex", "en": "Collaboration index"},
    "measure_index": {"nl": "Samenwerkingsindex", "en": "Collaboration index"},
    "measure_theme": {"nl": "Thema's", "en": "Themes"},
    "measure_vision_element": {"nl": "Visie-elementen", "en": "Vision elements"},
    "measure_item": {"nl": "Stellingen", "en": "Statements"},
    "consortium": {"nl": "Consortium (alle netwerken)", "en": "Consortium (all networks)"},
    "consortium_short": {"nl": "Consortium", "en": "Consortium"},
    "too_few": {"nl": "te weinig respondenten", "en": "too few respondents"},
    "no_value": {"nl": "geen waarde", "en": "no value"},
    "n": {"nl": "Aantal respondenten", "en": "Number of respondents"},
    "mean": {"nl": "Gemiddelde (1–5)", "en": "Mean (1–5)"},
    "pct_positive": {"nl": "% (zeer) eens", "en": "% (strongly) agree"},
    "ci": {"nl": "95%-betrouwbaarheidsinterval", "en": "95% confidence interval"},
    "ci_band": {"nl": "95%-betrouwbaarheidsinterval", "en": "95% confidence interval"},
    "road_to_target": {"nl": "Rechte weg naar doel 2028", "en": "Straight road to 2028 target"},
    "expected": {"nl": "Verwacht op de weg naar 2028", "en": "Expected on the road to 2028"},
    "target": {"nl": "Doel", "en": "Target"},
    "baseline": {"nl": "Nulmeting", "en": "Baseline"},
    "status": {"nl": "Status", "en": "Status"},
    "significant": {"nl": "significant", "en": "significant"},
    "responses": {"nl": "Respons (aantal)", "en": "Responses (count)"},
    "response_rate": {"nl": "Responspercentage", "en": "Response rate"},
    "no_data": {
        "nl": "Nog geen gegevens. Lees vragenlijstgegevens in met `samenwerkingsmonitor ingest` "
        "of laad de demo met `samenwerkingsmonitor demo`.",
        "en": "No data yet. Ingest questionnaire data with `samenwerkingsmonitor ingest` "
        "or load the demo with `samenwerkingsmonitor demo`.",
    },
    "empty_wave": {
        "nl": "Nog geen gegevens voor deze golf. Kies een andere golf, of lees de vragenlijst "
        "van deze golf in en laat de cijfers opnieuw berekenen.",
        "en": "No data for this wave yet. Choose another wave, or ingest this wave's "
        "questionnaire and have the figures recomputed.",
    },
    # Status on the road to the 2028 target (measures.md); codes as stored in snapshots.
    "status_bereikt": {"nl": "bereikt", "en": "reached"},
    "status_op_koers": {"nl": "op koers", "en": "on track"},
    "status_aandacht": {"nl": "aandacht", "en": "attention"},
    "status_achter": {"nl": "achter", "en": "behind"},
    "verdict_agreement": {"nl": "eensgezind", "en": "agreement"},
    "verdict_split": {"nl": "verdeeld", "en": "split"},
    # --- Overzicht -------------------------------------------------------------------------------
    "overview_intro": {
        "nl": "Alle netwerken palliatieve zorg in één oogopslag: hoe de samenwerking ervoor staat "
        "op weg naar de visie van 2028, en wat er veranderde.",
        "en": "Every palliative-care network at a glance: how collaboration stands on the road "
        "to the 2028 vision, and what changed.",
    },
    "networks_at_a_glance": {"nl": "Netwerken in één oogopslag", "en": "Networks at a glance"},
    "responses_wave": {"nl": "Respons {wave}", "en": "Responses {wave}"},
    "index_latest": {
        "nl": "Samenwerkingsindex (laatste golf)",
        "en": "Collaboration index (latest wave)",
    },
    "index_wave": {"nl": "Samenwerkingsindex {wave}", "en": "Collaboration index {wave}"},
    "change_previous": {"nl": "Verandering", "en": "Change"},
    "latest_data": {"nl": "Laatste gegevens", "en": "Latest data"},
    "index_help": {
        "nl": "De samenwerkingsindex is het gemiddelde van de themascores per respondent op een schaal "
        "van 0 tot 100. Groepen van minder dan 5 respondenten worden niet getoond.",
        "en": "The collaboration index is the mean of each respondent's theme scores on a 0–100 scale. "
        "Groups of fewer than 5 respondents are not shown.",
    },
    "heatmap_measure": {"nl": "Heatmap per", "en": "Heatmap by"},
    "heatmap_title": {"nl": "Netwerk × thema", "en": "Network × theme"},
    "heatmap_help": {
        "nl": "Elk vak is de score (0–100) van een netwerk op een thema in de gekozen golf: hoe "
        "lichter, hoe beter. Een grijs vak met × heeft te weinig respondenten en wordt niet getoond.",
        "en": "Each cell is a network's score (0–100) on a theme in the chosen wave: the lighter, "
        "the better. A grey cell with × has too few respondents and is not shown.",
    },
    "road_title": {"nl": "Op weg naar 2028", "en": "On the road to 2028"},
    "road_help": {
        "nl": "De stip is de samenwerkingsindex van het netwerk; het streepje is waar het netwerk "
        "nu zou moeten staan op een rechte weg van de nulmeting naar het doel voor 2028 (ster). "
        "De kleur en het woord geven de status.",
        "en": "The dot is the network's collaboration index; the tick is where the network should "
        "be now on a straight road from its baseline to the 2028 target (star). Colour and word "
        "give the status.",
    },
    "what_changed": {"nl": "Wat is er veranderd?", "en": "What changed?"},
    "what_changed_help": {
        "nl": "Alleen veranderingen die statistisch betekenisvol zijn (p < 0,05), nieuwe gegevens "
        "en projecten die de afgelopen maand vastliepen of geen update meer kregen.",
        "en": "Only changes that are statistically meaningful (p < 0.05), new data, and projects "
        "that got stuck or stopped reporting in the last month.",
    },
    "since_last_wave": {"nl": "Sinds de vorige golf", "en": "Since the previous wave"},
    "since_wave": {"nl": "punten t.o.v. {wave}", "en": "points vs {wave}"},
    "more_changes": {
        "nl": "en nog {count} kleinere significante veranderingen (zie Vergelijken)",
        "en": "and {count} smaller significant changes (see Compare)",
    },
    "since_last_month": {"nl": "Sinds vorige maand", "en": "Since last month"},
    "no_significant_change": {
        "nl": "Geen significante veranderingen in deze golf.",
        "en": "No significant changes in this wave.",
    },
    "nothing_new_month": {
        "nl": "Niets nieuws in de afgelopen maand.",
        "en": "Nothing new in the last month.",
    },
    "new_data_in": {
        "nl": "Nieuwe vragenlijstgegevens: {networks}",
        "en": "New questionnaire data: {networks}",
    },
    "turned_red": {"nl": "vastgelopen", "en": "stuck"},
    "turned_stale": {"nl": "geen update", "en": "no update"},
    # --- Netwerk ---------------------------------------------------------------------------------
    "network_intro": {
        "nl": "Eén netwerk door de golven heen: de index, elk thema en elk visie-element, met de "
        "weg naar het doel voor 2028.",
        "en": "One network across the waves: the index, each theme and each vision element, with "
        "the road to the 2028 target.",
    },
    "trend_title": {"nl": "Verloop over de golven", "en": "Over the waves"},
    "trend_help": {
        "nl": "De lijn is de score per golf; de blauwe band is het 95%-betrouwbaarheidsinterval "
        "(hoe smaller, hoe zekerder). De oranje stippellijn is de rechte weg van de nulmeting naar "
        "het doel voor 2028. Paarse lijnen zijn notities van de stuurgroep.",
        "en": "The line is the score per wave; the blue band is the 95% confidence interval (the "
        "narrower, the surer). The dashed orange line is the straight road from the baseline to "
        "the 2028 target. Purple lines are the steering group's notes.",
    },
    "status_now": {"nl": "Status: {status}", "en": "Status: {status}"},
    "radar_title": {"nl": "Thema's per golf", "en": "Themes per wave"},
    "radar_help": {
        "nl": "Elk punt op de spin is een thema: hoe verder naar buiten, hoe beter. De grijze "
        "stippellijn is het consortium als geheel, ter vergelijking.",
        "en": "Each spoke is a theme: the further out, the better. The grey dotted line is the "
        "whole consortium, for comparison.",
    },
    "agreement_title": {"nl": "Eensgezind of verdeeld?", "en": "Agreement or split?"},
    "agreement_help": {
        "nl": "De spreiding (interkwartielafstand) van de themascores: tot 1,0 (stippellijn) zijn "
        "partners het grotendeels eens, daarboven zijn ze verdeeld. Klik op een thema om de "
        "stellingen erachter te zien.",
        "en": "The spread (interquartile range) of the theme scores: up to 1.0 (dashed line) "
        "partners largely agree, above it they are split. Click a theme to see its statements.",
    },
    "iqr_axis": {"nl": "Interkwartielafstand", "en": "Interquartile range"},
    "groups_title": {"nl": "Per respondentgroep", "en": "By respondent group"},
    "groups_help": {
        "nl": "Dezelfde score per respondentgroep. Groepen met minder dan 5 respondenten worden "
        "niet getoond, om de anonimiteit te beschermen.",
        "en": "The same score per respondent group. Groups of fewer than 5 respondents are not "
        "shown, to protect anonymity.",
    },
    "rate_title": {"nl": "Respons per golf", "en": "Responses per wave"},
    "rate_help": {
        "nl": "Staven: hoeveel partners de vragenlijst invulden. Lijn: welk deel van de "
        "uitgenodigden dat is.",
        "en": "Bars: how many partners answered the questionnaire. Line: which share of those "
        "invited that is.",
    },
    "items_title": {"nl": "Stellingen achter het thema", "en": "Statements behind the theme"},
    "items_help": {
        "nl": "De stellingen van het gekozen thema in de gekozen golf: het gemiddelde (1–5) en het "
        "deel dat het (zeer) eens is.",
        "en": "The statements of the chosen theme in the chosen wave: the mean (1–5) and the share "
        "that (strongly) agrees.",
    },
    "statement": {"nl": "Stelling", "en": "Statement"},
    "theme": {"nl": "Thema", "en": "Theme"},
    "notes_title": {"nl": "Notities op de tijdlijn", "en": "Timeline notes"},
    "notes_help": {
        "nl": "Een gebeurtenis die de cijfers kan verklaren (bijvoorbeeld 'reorganisatie "
        "thuiszorg'), met datum. De notitie verschijnt als lijn in de grafiek.",
        "en": "An event that may explain the figures (e.g. 'home care reorganisation'), with its "
        "date. The note shows as a line on the chart.",
    },
    "note_date": {"nl": "Datum", "en": "Date"},
    "note_text": {"nl": "Notitie", "en": "Note"},
    "note_add": {"nl": "Notitie toevoegen", "en": "Add note"},
    "note_added": {"nl": "Notitie toegevoegd.", "en": "Note added."},
    "note_invalid": {
        "nl": "Vul een datum en een korte tekst (hoogstens 200 tekens) in.",
        "en": "Fill in a date and a short text (at most 200 characters).",
    },
    "note_forbidden": {
        "nl": "U mag geen notities toevoegen aan dit netwerk.",
        "en": "You may not add notes to this network.",
    },
    "note_consortium": {
        "nl": "Notities horen bij één netwerk: kies eerst een netwerk.",
        "en": "Notes belong to one network: choose a network first.",
    },
    # --- Vergelijken -----------------------------------------------------------------------------
    "compare_intro": {
        "nl": "Twee of meer netwerken naast elkaar op elk meetpunt.",
        "en": "Two or more networks side by side on any measure.",
    },
    "compare_title": {"nl": "Netwerken naast elkaar", "en": "Networks side by side"},
    "compare_help": {
        "nl": "Elke lijn is een netwerk; de verticale streepjes zijn het 95%-"
        "betrouwbaarheidsinterval. Overlappen de streepjes van twee netwerken, dan is het "
        "verschil niet zeker.",
        "en": "Each line is a network; the vertical ticks are the 95% confidence interval. Where "
        "two networks' ticks overlap, the difference is uncertain.",
    },
    "compare_table": {"nl": "Cijfers per netwerk en golf", "en": "Figures per network and wave"},
    "choose_two": {
        "nl": "Kies twee of meer netwerken om te vergelijken.",
        "en": "Choose two or more networks to compare.",
    },
    # --- Projecten -------------------------------------------------------------------------------
    "projects_intro": {
        "nl": "De projecten van het consortium: hoe ze ervoor staan per netwerk, welke ambities "
        "en speerpunten ze dekken, en de SMART-doelen.",
        "en": "The consortium's projects: how they stand per network, which ambitions and "
        "speerpunten they cover, and the SMART goals.",
    },
    "project": {"nl": "Project", "en": "Project"},
    "all_networks": {"nl": "Alle netwerken", "en": "All networks"},
    "project_op_koers": {"nl": "op koers", "en": "on track"},
    "project_aandacht": {"nl": "aandacht", "en": "attention"},
    "project_vastgelopen": {"nl": "vastgelopen", "en": "stuck"},
    "project_afgerond": {"nl": "afgerond", "en": "done"},
    "stale": {"nl": "geen recente update", "en": "no recent update"},
    "status_matrix_title": {
        "nl": "Status per project en netwerk",
        "en": "Status per project and network",
    },
    "status_matrix_help": {
        "nl": "De laatste statusupdate per project en netwerk. 'geen recente update' betekent: al "
        "meer dan twee maanden geen update (het project telt nog onder zijn laatste status).",
        "en": "The latest status update per project and network. 'no recent update' means: no "
        "update for more than two months (the project still counts under its last status).",
    },
    "history_title": {"nl": "Geschiedenis van een project", "en": "History of a project"},
    "history_help": {
        "nl": "Elke stip is een maandelijkse update; kleur en vorm geven de status.",
        "en": "Each dot is a monthly update; colour and shape give the status.",
    },
    "no_updates": {"nl": "Nog geen statusupdates.", "en": "No status updates yet."},
    "coverage_title": {"nl": "Dekking per netwerk", "en": "Coverage per network"},
    "coverage_help": {
        "nl": "Welke ambities, speerpunten, kernthema's en actielijnen ten minste één lopend project "
        "in het netwerk dient. 'gat' betekent: geen enkel lopend project werkt hieraan.",
        "en": "Which ambitions, speerpunten, kernthema's and actielijnen at least one active "
        "project in the network serves. 'gap' means: no active project works on it.",
    },
    "covered": {"nl": "gedekt", "en": "covered"},
    "gap": {"nl": "gat", "en": "gap"},
    "kind": {"nl": "Soort", "en": "Kind"},
    "kind_ambition": {"nl": "Ambitie", "en": "Ambition"},
    "kind_speerpunt": {"nl": "Speerpunt", "en": "Speerpunt"},
    "kind_kernthema": {"nl": "Kernthema", "en": "Core theme"},
    "kind_actielijn": {"nl": "Actielijn", "en": "Action line"},
    "goals_title": {"nl": "SMART-doelen", "en": "SMART goals"},
    "goals_help": {
        "nl": "Voortgang = hoe ver het doel is gehaald sinds de nulmeting. De prognose trekt een "
        "rechte lijn door de metingen tot de deadline: 'haalbaar' als die het doel haalt.",
        "en": "Progress = how much of the goal has been achieved since the baseline. The forecast "
        "draws a straight line through the measurements to the deadline: 'achievable' if it "
        "reaches the target.",
    },
    "goal": {"nl": "Doel", "en": "Goal"},
    "latest_value": {"nl": "Laatste meting", "en": "Latest value"},
    "progress": {"nl": "Voortgang", "en": "Progress"},
    "deadline": {"nl": "Deadline", "en": "Deadline"},
    "forecast": {"nl": "Prognose", "en": "Forecast"},
    "measured": {"nl": "Gemeten", "en": "Measured"},
    "achievable": {"nl": "haalbaar", "en": "achievable"},
    "not_achievable": {"nl": "niet haalbaar", "en": "not achievable"},
    "unknown": {"nl": "onbekend", "en": "unknown"},
    "din_title": {"nl": "Doelen-Inspanningen-Netwerk", "en": "Goals-Efforts Network (DIN)"},
    "din_help": {
        "nl": "Van links naar rechts: projecten → SMART-doelen → resultaatdoelen → ambities → "
        "visie 2028. Rood met (!): een doel waar geen project aan werkt, of een project dat geen "
        "doel dient.",
        "en": "From left to right: projects → SMART goals → result goals → ambitions → 2028 "
        "vision. Red with (!): a goal no project works on, or a project that serves no goal.",
    },
    "din_layer_0": {"nl": "Projecten", "en": "Projects"},
    "din_layer_1": {"nl": "SMART-doelen", "en": "SMART goals"},
    "din_layer_2": {"nl": "Resultaatdoelen", "en": "Result goals"},
    "din_layer_3": {"nl": "Ambities", "en": "Ambitions"},
    "din_layer_4": {"nl": "Visie", "en": "Vision"},
    "din_gap": {"nl": "Gat in het netwerk", "en": "Gap in the network"},
    "din_linked": {"nl": "Verbonden", "en": "Linked"},
    "din_vision": {"nl": "Visie 2028", "en": "2028 vision"},
    "no_din": {"nl": "Nog geen doelen of projecten.", "en": "No goals or projects yet."},
    "din_gaps_goals": {
        "nl": "Doelen zonder project: {codes}",
        "en": "Goals without a project: {codes}",
    },
    "din_gaps_projects": {
        "nl": "Projecten zonder doel: {codes}",
        "en": "Projects without a goal: {codes}",
    },
    "no_projects": {
        "nl": "Nog geen projecten. Coördinatoren voegen statusupdates toe via het formulier.",
        "en": "No projects yet. Coordinators add status updates through the form.",
    },
    # --- Kwaliteit -------------------------------------------------------------------------------
    "quality_intro": {
        "nl": "Hoe betrouwbaar zijn de cijfers? Respons, interne consistentie van de thema's en "
        "hoe vers de gegevens zijn.",
        "en": "How reliable are the figures? Response, internal consistency of the themes and how "
        "fresh the data are.",
    },
    "rates_title": {"nl": "Respons per netwerk en golf", "en": "Responses per network and wave"},
    "rates_help": {
        "nl": "Het aantal ingevulde vragenlijsten en het deel van de uitgenodigden dat is. Een "
        "lage respons maakt de cijfers minder zeker.",
        "en": "The number of questionnaires answered and the share of those invited. A low "
        "response makes the figures less certain.",
    },
    "invited_unknown": {"nl": "uitgenodigden onbekend", "en": "invited unknown"},
    "alpha_title": {"nl": "Cronbachs alfa per thema", "en": "Cronbach's alpha per theme"},
    "alpha_help": {
        "nl": "Meten de stellingen van een thema samen hetzelfde? Vanaf 0,7 is dat voldoende, "
        "onder 0,6 zwak. Een × betekent te weinig respondenten die alle stellingen invulden.",
        "en": "Do a theme's statements measure the same thing together? From 0.7 that is "
        "sufficient, below 0.6 weak. A × means too few respondents answered every statement.",
    },
    "freshness_title": {"nl": "Versheid van de gegevens", "en": "Freshness of the data"},
    "freshness_help": {
        "nl": "Per netwerk de datum van de laatste ingevulde vragenlijst en de laatste "
        "projectupdate; per bron de laatste keer dat gegevens zijn opgehaald.",
        "en": "Per network the date of the latest questionnaire and the latest project update; "
        "per source the last time data were collected.",
    },
    "latest_response": {"nl": "Laatste vragenlijst", "en": "Latest questionnaire"},
    "latest_update": {"nl": "Laatste projectupdate", "en": "Latest project update"},
    "days_ago": {"nl": "{days} dagen geleden", "en": "{days} days ago"},
    "source": {"nl": "Bron", "en": "Source"},
    "last_run": {"nl": "Laatste run", "en": "Last run"},
    "last_ok": {"nl": "Laatste geslaagde run", "en": "Last successful run"},
    "run_status": {"nl": "Status laatste run", "en": "Status of last run"},
    "runs": {"nl": "Runs", "en": "Runs"},
    "run_ok": {"nl": "geslaagd", "en": "succeeded"},
    "run_failed": {"nl": "mislukt", "en": "failed"},
    "run_running": {"nl": "bezig", "en": "running"},
    "no_runs": {"nl": "Nog geen gegevens opgehaald.", "en": "No data collected yet."},
    "alpha": {"nl": "Alfa", "en": "Alpha"},
}


def t(key: str, lang: str, **values: object) -> str:
    text = TEXTS[key][lang if lang in LANGUAGES else "nl"]
    return text.format(**values) if values else text


def language(value: str | None) -> str:
    return value if value in LANGUAGES else "nl"
