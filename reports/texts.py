"""The words of the report's parts added for issue 17 (cover, contents, management summary, road
to 2028, coverage, agreements, goals, project notes, limitations), Dutch with English. Merged
into reports.wording.TEXTS. The PDF fonts (WinAnsi) lack signs such as ≥ and →: avoid them."""

from __future__ import annotations

SECTION_TEXTS: dict[str, dict[str, str]] = {
    # --- cover and contents ------------------------------------------------------------------
    "cover_to": {
        "nl": "Verantwoording aan het Nationaal Programma Palliatieve Zorg (NPPZ-II)",
        "en": "Report to the national palliative care programme (NPPZ-II)",
    },
    "cover_reference": {
        "nl": "Stand van projecten, doelen en afspraken op {date}",
        "en": "Projects, goals and agreements as of {date}",
    },
    "cover_demo": {
        "nl": "Let op: dit rapport is gemaakt op demonstratiegegevens, niet op echte metingen.",
        "en": "Note: this report was made on demonstration data, not on real measurements.",
    },
    "foreword": {"nl": "Voorwoord", "en": "Foreword"},
    "toc": {"nl": "Inhoud", "en": "Contents"},
    # --- management summary ------------------------------------------------------------------
    "management_summary": {"nl": "Managementsamenvatting", "en": "Management summary"},
    "ms_opening": {
        "nl": "In {year} vulden {n} professionals uit {networks} netwerken de partnervragenlijst "
        "in (meting {wave}, respons {rate}). De samenwerkingsindex van het consortium is {index} "
        "op een schaal van 0 tot 100, {difference} punt ten opzichte van meting {previous}; op "
        "de weg naar het doel van 2028 is de status: {status}.",
        "en": "In {year}, {n} professionals from {networks} networks answered the partner "
        "questionnaire (wave {wave}, response {rate}). The consortium's collaboration index is "
        "{index} on a scale of 0 to 100, {difference} points against wave {previous}; on the road "
        "to the 2028 target its status is: {status}.",
    },
    "ms_improved": {"nl": "Wat verbeterde", "en": "What improved"},
    "ms_lagging": {"nl": "Wat achterblijft", "en": "What lags"},
    "ms_nothing_improved": {
        "nl": "Geen verbetering die de cijfers aantonen.",
        "en": "No improvement the figures show.",
    },
    "ms_nothing_lagging": {
        "nl": "Niets blijft achter volgens de cijfers.",
        "en": "Nothing lags according to the figures.",
    },
    "ms_networks_good": {
        "nl": "{k} van de {n} netwerken zijn op koers naar 2028 of hebben hun doel bereikt: "
        "{names}.",
        "en": "{k} of the {n} networks are on track for 2028 or reached their target: {names}.",
    },
    "ms_rises_index": {
        "nl": "De samenwerkingsindex steeg significant in {changes}.",
        "en": "The collaboration index rose significantly in {changes}.",
    },
    "ms_rises_theme": {
        "nl": "Thema's die voor het consortium significant stegen: {changes}.",
        "en": "Themes that rose significantly for the consortium: {changes}.",
    },
    "ms_elements_good": {
        "nl": "{k} van de {n} visie-elementen zijn voor het consortium op koers of bereikt: "
        "{names}.",
        "en": "{k} of the {n} vision elements are on track or reached for the consortium: {names}.",
    },
    "ms_density_up": {
        "nl": "Het partnernetwerk werd dichter in {k} van de {n} netwerken: {names}.",
        "en": "The partner network grew denser in {k} of the {n} networks: {names}.",
    },
    "ms_goals_achievable": {
        "nl": "{k} van de {n} SMART-doelen zijn volgens de prognose haalbaar: {names}.",
        "en": "{k} of the {n} SMART goals are achievable by their forecast: {names}.",
    },
    "ms_projects_done": {
        "nl": "{k} projectdeelnames zijn afgerond.",
        "en": "{k} project participations are done.",
    },
    "ms_networks_behind": {
        "nl": "Achter op de weg naar 2028 (samenwerkingsindex): {names}.",
        "en": "Behind on the road to 2028 (collaboration index): {names}.",
    },
    "ms_falls_index": {
        "nl": "De samenwerkingsindex daalde significant in {changes}.",
        "en": "The collaboration index fell significantly in {changes}.",
    },
    "ms_falls_theme": {
        "nl": "Thema's die voor het consortium significant daalden: {changes}.",
        "en": "Themes that fell significantly for the consortium: {changes}.",
    },
    "ms_themes_behind": {
        "nl": "Thema's die voor het consortium achter liggen: {names}.",
        "en": "Themes behind for the consortium: {names}.",
    },
    "ms_elements_behind": {
        "nl": "{k} van de {n} visie-elementen liggen voor het consortium achter: {names}.",
        "en": "{k} of the {n} vision elements are behind for the consortium: {names}.",
    },
    "ms_density_down": {
        "nl": "Het partnernetwerk werd minder dicht in {k} van de {n} netwerken: {names}.",
        "en": "The partner network grew less dense in {k} of the {n} networks: {names}.",
    },
    "ms_projects_lagging": {
        "nl": "{stuck} projectdeelnames zijn vastgelopen; {stale} lopende deelnames hadden meer "
        "dan twee maanden geen update.",
        "en": "{stuck} project participations are stuck; {stale} active ones had no update for "
        "more than two months.",
    },
    "ms_goals_missed": {
        "nl": "SMART-doelen waarvan de deadline voorbij is zonder dat het doel gehaald is: "
        "{names}.",
        "en": "SMART goals past their deadline without the target: {names}.",
    },
    "ms_agreements_overdue": {
        "nl": "Bij {k} van de {n} samenwerkingsafspraken is de evaluatiedatum verstreken.",
        "en": "{k} of the {n} collaboration agreements are past their evaluation date.",
    },
    "ms_where": {
        "nl": "Alle cijfers staan in de hoofdstukken hierna; de beperkingen staan achterin.",
        "en": "Every figure is in the chapters that follow; the limitations are at the end.",
    },
    # --- networks at a glance (the former summary page) ----------------------------------------
    # --- road to 2028 --------------------------------------------------------------------------
    "road": {"nl": "Op weg naar 2028", "en": "On the road to 2028"},
    "road_intro": {
        "nl": "Per visie-element en per ambitie: waar het consortium staat op de rechte weg van "
        "de nulmeting naar het doel voor 2028. De status is die van de laatste meting met een "
        "getoonde waarde (zie 'Hoe er gemeten is').",
        "en": "Per vision element and ambition: where the consortium stands on the straight road "
        "from the baseline to the 2028 target. The status is that of the latest wave with a "
        "shown value (see 'How it was measured').",
    },
    "road_elements": {"nl": "Visie-elementen (consortium)", "en": "Vision elements (consortium)"},
    "road_elements_networks": {
        "nl": "Status per visie-element en netwerk",
        "en": "Status per vision element and network",
    },
    "road_elements_short": {"nl": "Visie-elementen", "en": "Vision elements"},
    "road_ambitions": {"nl": "Ambities", "en": "Ambitions"},
    "road_ambitions_intro": {
        "nl": "Per ambitie de thema's en visie-elementen die via haar speerpunten aan haar "
        "gekoppeld zijn (met hun status voor het consortium), de projecten die eraan werken en de "
        "SMART-doelen onder haar resultaatdoelen.",
        "en": "Per ambition the themes and vision elements linked to it through its speerpunten "
        "(with their consortium status), the projects working on it and the SMART goals under "
        "its result goals.",
    },
    "road_no_ambitions": {
        "nl": "Het kader noemt geen ambities.",
        "en": "The framework names no ambitions.",
    },
    "road_good_of": {
        "nl": "{k} van {n} op koers of bereikt",
        "en": "{k} of {n} on track or reached",
    },
    "road_projects": {
        "nl": "{projects} projecten, {active} actieve deelnames: {on_track} op koers, {stuck} "
        "vastgelopen",
        "en": "{projects} projects, {active} active participations: {on_track} on track, {stuck} "
        "stuck",
    },
    "road_no_projects": {"nl": "geen actief project", "en": "no active project"},
    "road_no_goals": {"nl": "geen SMART-doel", "en": "no SMART goal"},
    "road_goal_unmeasured": {"nl": "nog geen meting", "en": "not measured yet"},
    "ambition": {"nl": "Ambitie", "en": "Ambition"},
    "speerpunten": {"nl": "speerpunten", "en": "speerpunten"},
    "baseline": {"nl": "Nulmeting", "en": "Baseline"},
    "not_achievable": {"nl": "niet haalbaar", "en": "not achievable"},
    "achievable_word": {"nl": "haalbaar", "en": "achievable"},
    # --- coverage --------------------------------------------------------------------------------
    "coverage": {"nl": "Projecten en dekking", "en": "Projects and coverage"},
    "coverage_intro": {
        "nl": "Welke ambities (A) en speerpunten (S) de projecten dienen, met per project het "
        "aantal netwerken waar het loopt, en onderaan per ambitie en speerpunt het aantal "
        "lopende projecten.",
        "en": "Which ambitions (A) and speerpunten (S) the projects serve, with per project the "
        "number of networks where it runs and, at the bottom, per ambition and speerpunt the "
        "number of active projects.",
    },
    "coverage_none": {"nl": "Er zijn geen projecten.", "en": "There are no projects."},
    "coverage_active": {"nl": "Lopende projecten", "en": "Active projects"},
    "coverage_in_networks": {"nl": "Netwerken", "en": "Networks"},
    "coverage_gaps": {"nl": "Gaten in de dekking", "en": "Gaps in coverage"},
    "coverage_gap": {
        "nl": "{code}: geen lopend project in {networks}.",
        "en": "{code}: no active project in {networks}.",
    },
    "coverage_no_gaps": {
        "nl": "Elke ambitie en elk speerpunt heeft in elk netwerk een lopend project.",
        "en": "Every ambition and speerpunt has an active project in every network.",
    },
    "coverage_networks": {
        "nl": "Lopende projecten per netwerk, ambitie en speerpunt",
        "en": "Active projects per network, ambition and speerpunt",
    },
    # --- agreements --------------------------------------------------------------------------
    "agreements": {"nl": "Samenwerkingsafspraken", "en": "Collaboration agreements"},
    "agreements_intro": {
        "nl": "Het register van vastgelegde transmurale afspraken in cijfers: hoeveel, waarover, "
        "en of hun evaluatie op tijd is (evaluatiedatum op of na de peildatum).",
        "en": "The register of documented transmural agreements in numbers: how many, on what, "
        "and whether their evaluation is on time (evaluation date on or after the reference "
        "date).",
    },
    "agreements_none": {
        "nl": "Er zijn geen samenwerkingsafspraken vastgelegd.",
        "en": "No collaboration agreements are recorded.",
    },
    "agreements_count": {"nl": "Aantal", "en": "Count"},
    "agreements_on_time": {"nl": "Evaluatie op tijd", "en": "Evaluation on time"},
    "agreements_overdue": {"nl": "Evaluatie te laat", "en": "Evaluation overdue"},
    "agreements_unplanned": {"nl": "Geen evaluatiedatum", "en": "No evaluation date"},
    "agreements_topics": {"nl": "Afspraken per onderwerp", "en": "Agreements per topic"},
    "total": {"nl": "Totaal", "en": "Total"},
    # --- goals -----------------------------------------------------------------------------------
    "goals_chapter": {"nl": "SMART-doelen", "en": "SMART goals"},
    "goals_intro": {
        "nl": "Alle SMART-doelen van het consortium en de netwerken, met nulmeting, laatst gemeten "
        "waarde, doel, voortgang en de prognose op de deadline.",
        "en": "Every SMART goal of the consortium and the networks, with baseline, latest value, "
        "target, progress and the forecast at the deadline.",
    },
    "no_goals_at_all": {"nl": "Er zijn geen SMART-doelen.", "en": "There are no SMART goals."},
    "goals_missed": {"nl": "Gemist", "en": "Missed"},
    "goals_threatened": {"nl": "Dreigen niet gehaald te worden", "en": "At risk"},
    "goals_none_missed": {
        "nl": "Geen doel is voorbij zijn deadline zonder dat het gehaald is.",
        "en": "No goal is past its deadline without being met.",
    },
    "goals_none_threatened": {
        "nl": "Volgens de prognose worden alle lopende doelen gehaald.",
        "en": "By their forecast every running goal is met.",
    },
    "goal_missed_line": {
        "nl": "{name}: deadline {deadline}, laatst gemeten {latest}, doel {target}.",
        "en": "{name}: deadline {deadline}, latest {latest}, target {target}.",
    },
    "goal_threatened_line": {
        "nl": "{name}: prognose {forecast} op {deadline}, doel {target}.",
        "en": "{name}: forecast {forecast} on {deadline}, target {target}.",
    },
    # --- project notes in a network's section ----------------------------------------------------
    "project_notes": {
        "nl": "Toelichting uit de laatste projectupdates",
        "en": "Notes from the latest project updates",
    },
    "update_title": {
        "nl": "{project}: {status} ({date})",
        "en": "{project}: {status} ({date})",
    },
    "update_notes": {
        "nl": "Toelichting, mijlpalen en risico's",
        "en": "Narrative, milestones and risks",
    },
    "milestone_reached": {"nl": "Mijlpaal bereikt", "en": "Milestone reached"},
    "milestone_planned": {"nl": "Mijlpaal gepland", "en": "Milestone planned"},
    "update_risks": {"nl": "Risico's: {risks}", "en": "Risks: {risks}"},
    # --- limitations -----------------------------------------------------------------------------
    "limitations": {"nl": "Beperkingen", "en": "Limitations"},
    "limitations_intro": {
        "nl": "Wat de lezer moet weten voordat hij op een cijfer bouwt, afgeleid uit de gegevens "
        "zelf.",
        "en": "What a reader should know before building on a figure, read from the data itself.",
    },
    "limitations_none": {
        "nl": "De gegevens geven geen aanleiding tot beperkingen.",
        "en": "The data give no reason for limitations.",
    },
    "limit_demo": {
        "nl": "De database bevat demonstratiegegevens: de cijfers in dit rapport zijn geen echte "
        "metingen.",
        "en": "The database holds demonstration data: the figures in this report are not real "
        "measurements.",
    },
    "limit_provisional": {
        "nl": "{names} is een werkversie: de uitspraken kunnen nog veranderen (het project "
        "'Inzicht in samenwerking' levert de definitieve). Vergelijk metingen met een andere "
        "versie voorzichtig.",
        "en": "{names} is a working version: its statements may still change. Compare waves "
        "with another version with care.",
    },
    "limit_working_targets": {
        "nl": "{k} van de {n} doelen voor 2028 zijn werkwaarden die de stuurgroepen nog niet "
        "hebben bevestigd; de statussen op de weg naar 2028 hangen ervan af.",
        "en": "{k} of the {n} targets for 2028 are working values the steering groups have not "
        "confirmed yet; the statuses on the road to 2028 depend on them.",
    },
    "limit_low_response": {
        "nl": "Respons onder {threshold}: {networks}. Bij een lage respons zeggen de cijfers "
        "minder over het hele netwerk.",
        "en": "Response below {threshold}: {networks}. With a low response the figures say less "
        "about the whole network.",
    },
    "limit_unknown_invited": {
        "nl": "Het aantal uitgenodigden is onbekend voor {networks}: de respons is niet te "
        "berekenen.",
        "en": "The invited count is unknown for {networks}: the response rate cannot be computed.",
    },
    "limit_suppressed": {
        "nl": "Van de {n} cijfers van dit jaar zijn er {k} niet getoond omdat ze op minder dan "
        "{threshold} respondenten rusten of een kleine groep zouden verraden (complementregel: "
        "{complement}).",
        "en": "Of this year's {n} figures, {k} are not shown because they rest on fewer than "
        "{threshold} respondents or would reveal a small group (complement rule: {complement}).",
    },
    "limit_suppressed_headline": {
        "nl": "Niet getoond, onder meer: {figures}.",
        "en": "Not shown, among others: {figures}.",
    },
    "limit_low_alpha": {
        "nl": "Thema's waarvan de uitspraken zwak samenhangen (Cronbachs alfa onder "
        "{threshold}): {themes}. Lees hun scores met voorzichtigheid.",
        "en": "Themes whose statements hang together weakly (Cronbach's alpha below "
        "{threshold}): {themes}. Read their scores with care.",
    },
    "limit_network_response": {
        "nl": "Niet alle partners vulden de netwerkvragenlijst {wave} in (ingevuld/op de lijst): "
        "{networks}. Een band telt ook als één kant hem meldt, maar wederkerigheid, vertrouwen "
        "en meerwaarde rusten op wie antwoordde.",
        "en": "Not every partner returned network questionnaire {wave} (answered/listed): "
        "{networks}. A tie counts when one side reports it, but reciprocity, trust and value "
        "rest on those who answered.",
    },
    "limit_unmeasured_goals": {
        "nl": "SMART-doelen zonder gemeten waarde (geen voortgang of prognose): {names}.",
        "en": "SMART goals without a measured value (no progress or forecast): {names}.",
    },
    "limit_silent_projects": {
        "nl": "{k} van de {n} lopende projectdeelnames hebben meer dan {days} dagen geen update "
        "({never} nooit): hun status kan verouderd zijn.",
        "en": "{k} of the {n} active project participations have no update for more than {days} "
        "days ({never} never): their status may be out of date.",
    },
    # --- the dashboard's background build (reports/build_job.py) ----------------------------------
    "build_done": {
        "nl": "Klaar: {pages} pagina's in {seconds} s.",
        "en": "Done: {pages} pages in {seconds} s.",
    },
    # --- method ----------------------------------------------------------------------------------
    "method_measures": {"nl": "De meetpunten", "en": "The measures"},
}
