"""Texts of the consortium's own registers (issue 14): the Projectregister and Doelenregister
pages and the decisions on proposed initiatives. Kept here, out of dashboard/i18n.py, which is
long enough; they join its TEXTS on import, so `t()` finds them like any other."""

from __future__ import annotations

from dashboard.i18n import TEXTS

LIFECYCLE_TEXTS = {
    "lifecycle_voorstel": {"nl": "voorstel", "en": "proposal"},
    "lifecycle_actief": {"nl": "actief", "en": "active"},
    "lifecycle_bijgesteld": {"nl": "bijgesteld", "en": "revised"},
    "lifecycle_gestopt": {"nl": "gestopt", "en": "stopped"},
    "lifecycle_afgerond": {"nl": "afgerond", "en": "finished"},
}

# Field problems of collectors/register_rows.py and the registers, by key; {detail} is the
# English message's detail (codes, dates) where the words need it.
ERROR_TEXTS = {
    "register_error_required": {"nl": "Vul dit veld in.", "en": "Fill in this field."},
    "register_error_code_too_long": {
        "nl": "De code is te lang (hoogstens 40 tekens).",
        "en": "The code is too long (at most 40 characters).",
    },
    "register_error_code_characters": {
        "nl": "Een code bestaat uit letters, cijfers, '-', '_' en '.'.",
        "en": "A code consists of letters, digits, '-', '_' and '.'.",
    },
    "register_error_too_long": {"nl": "Deze tekst is te lang.", "en": "This text is too long."},
    "register_error_date": {
        "nl": "Geen geldige datum: gebruik dd-mm-jjjj.",
        "en": "Not a valid date: use dd-mm-yyyy.",
    },
    "register_error_number": {"nl": "Vul een getal in.", "en": "Enter a number."},
    "register_error_unknown": {"nl": "Onbekend: {detail}", "en": "Unknown: {detail}"},
    "register_error_ambiguous": {"nl": "Niet eenduidig: {detail}", "en": "Ambiguous: {detail}"},
    "register_error_end_before_start": {
        "nl": "Het geplande einde ligt vóór de start.",
        "en": "The planned end lies before the start.",
    },
    "register_error_lifecycle": {"nl": "Kies een levensloop.", "en": "Choose a lifecycle."},
    "register_error_future": {
        "nl": "Deze datum ligt in de toekomst.",
        "en": "This date lies in the future.",
    },
    "register_error_code_taken": {
        "nl": "Een ander project heeft deze code al.",
        "en": "Another project has this code already.",
    },
    "register_error_reason": {
        "nl": "Geef de reden van deze wijziging.",
        "en": "Give the reason for this change.",
    },
    "register_error_before_previous": {
        "nl": "Deze wijziging ligt vóór de vorige ({detail}).",
        "en": "This change lies before the previous one ({detail}).",
    },
    "register_error_has_updates": {
        "nl": "Dit project heeft statusupdates: beëindig het (gestopt of afgerond) in plaats "
        "van het te verwijderen.",
        "en": "This project has status updates: end it (stopped or finished) instead of "
        "removing it.",
    },
    "register_error_duplicate": {
        "nl": "Deze code staat meer dan eens in het bestand.",
        "en": "This code appears more than once in the file.",
    },
    "register_error_unknown_project": {
        "nl": "Dit project bestaat niet meer.",
        "en": "This project no longer exists.",
    },
}

PROJECT_REGISTER_TEXTS = {
    "projectregister_page": {"nl": "Projectregister", "en": "Project register"},
    "projectregister_intro": {
        "nl": "Het register van de projecten van het consortium: code, naam, eigenaar, looptijd, "
        "de netwerken die meedoen, de ambitie, speerpunten, kernthema's en actielijnen, en de "
        "levensloop met datum en reden van elke wijziging. De beheerder houdt het bij.",
        "en": "The register of the consortium's projects: code, name, owner, period, the "
        "networks taking part, the ambition, speerpunten, kernthema's and actielijnen, and the "
        "lifecycle with the date and reason of each change. The administrator keeps it.",
    },
    "projectregister_table_title": {"nl": "Projecten", "en": "Projects"},
    "projectregister_table_help": {
        "nl": "Kies 'Consortium' voor alle projecten, of een netwerk voor de projecten waaraan "
        "het meedoet. De download is het registerbestand: weer in te lezen.",
        "en": "Choose 'Consortium' for every project, or a network for the projects it takes "
        "part in. The download is the register file: it can be imported again.",
    },
    "projectregister_none": {
        "nl": "Nog geen projecten in het register.",
        "en": "No projects in the register yet.",
    },
    "projectregister_read_only": {
        "nl": "U kunt het projectregister lezen; de beheerder houdt het bij.",
        "en": "You can read the project register; the administrator keeps it.",
    },
    "projectregister_form_title": {"nl": "Project vastleggen", "en": "Record a project"},
    "projectregister_upload_title": {
        "nl": "Registerbestand inlezen",
        "en": "Import a register file",
    },
    "projectregister_upload_help": {
        "nl": "CSV of XLSX met de kolommen code, name, description, owner, start, end, networks, "
        "tags, lifecycle (lijsten gescheiden door ';', datums als jjjj-mm-dd of dd-mm-jjjj). "
        "Goede regels worden opgeslagen, foute regels getoond met hun reden.",
        "en": "CSV or XLSX with the columns code, name, description, owner, start, end, "
        "networks, tags, lifecycle (lists separated by ';', dates as yyyy-mm-dd or dd-mm-yyyy). "
        "Good rows are stored, bad rows shown with their reason.",
    },
    "projectregister_history_title": {"nl": "Levensloop", "en": "Lifecycle"},
    "projectentry_save": {"nl": "Opslaan", "en": "Save"},
    "projectentry_new": {"nl": "Nieuw project", "en": "New project"},
    "projectentry_mode_new": {"nl": "Nieuw project", "en": "New project"},
    "projectentry_mode_edit": {"nl": "Project wijzigen", "en": "Edit project"},
    "projectentry_saved": {"nl": "Project opgeslagen.", "en": "Project saved."},
    "projectentry_deleted": {"nl": "Project verwijderd.", "en": "Project removed."},
    "projectentry_invalid": {
        "nl": "Het project is niet opgeslagen: zie de velden.",
        "en": "The project was not saved: see the fields.",
    },
    "projectentry_delete_confirm": {
        "nl": "Dit project verwijderen? Alleen voor een vergissing: een project met "
        "statusupdates wordt beëindigd, niet verwijderd.",
        "en": "Remove this project? Only for a mistake: a project with status updates is "
        "ended, not removed.",
    },
    "project_code": {"nl": "Code", "en": "Code"},
    "project_name": {"nl": "Naam", "en": "Name"},
    "project_description": {"nl": "Omschrijving", "en": "Description"},
    "project_owner": {"nl": "Eigenaar", "en": "Owner"},
    "project_owner_help": {
        "nl": "Een organisatie of een persoon.",
        "en": "An organisation or a person.",
    },
    "project_start": {"nl": "Start", "en": "Start"},
    "project_end": {"nl": "Gepland einde", "en": "Planned end"},
    "project_period": {"nl": "Looptijd", "en": "Period"},
    "project_networks": {"nl": "Netwerken die meedoen", "en": "Networks taking part"},
    "project_tags": {
        "nl": "Ambitie, speerpunten, kernthema's, actielijnen, visie-elementen",
        "en": "Ambition, speerpunten, kernthema's, actielijnen, vision elements",
    },
    "project_lifecycle": {"nl": "Levensloop", "en": "Lifecycle"},
    "project_lifecycle_date": {"nl": "Datum van de wijziging", "en": "Date of the change"},
    "project_lifecycle_date_help": {
        "nl": "Alleen bij een andere levensloop; leeg is vandaag.",
        "en": "Only when the lifecycle changes; empty is today.",
    },
    "project_lifecycle_reason": {"nl": "Reden", "en": "Reason"},
    "project_lifecycle_reason_help": {
        "nl": "Verplicht bij bijgesteld en gestopt.",
        "en": "Required for revised and stopped.",
    },
    "project_since": {"nl": "sinds {date}", "en": "since {date}"},
    "project_history_none": {
        "nl": "Nog geen wijzigingen van de levensloop vastgelegd.",
        "en": "No lifecycle changes recorded yet.",
    },
    "register_upload_drop": {
        "nl": "Sleep een bestand hierheen of klik om te kiezen",
        "en": "Drop a file here or click to choose one",
    },
    "register_upload_type": {
        "nl": "Alleen CSV- of XLSX-bestanden.",
        "en": "CSV or XLSX files only.",
    },
    "register_upload_unreadable": {
        "nl": "Het bestand kon niet worden gelezen.",
        "en": "The file could not be read.",
    },
    "register_reject_row": {"nl": "Regel", "en": "Row"},
    "register_reject_column": {"nl": "Kolom", "en": "Column"},
    "register_reject_reason": {"nl": "Reden", "en": "Reason"},
}

GOAL_OUTCOME_TEXTS = {
    "goal_missed": {
        "nl": "niet gehaald (doeldatum {date})",
        "en": "not reached (target date {date})",
    },
    "goal_reached": {"nl": "gehaald", "en": "reached"},
    # Projecten: a network takes part in a project that has no status update yet.
    "project_no_update": {"nl": "nog geen update", "en": "no update yet"},
}

GOAL_REGISTER_TEXTS = {
    "goalregister_page": {"nl": "Doelenregister", "en": "Goals register"},
    "goalregister_intro": {
        "nl": "De resultaatdoelen (ER-doelen) onder de ambities en de SMART-doelen van het "
        "consortium of van één netwerk: eenheid, nulmeting en streefwaarde met hun datum, de "
        "projecten die eraan werken en de meetpunten die ze moeten bewegen. De beheerder houdt "
        "het bij; de metingen komen via Status doorgeven.",
        "en": "The result goals (ER goals) under the ambitions and the SMART goals of the "
        "consortium or of one network: unit, baseline and target with their dates, the projects "
        "working on them and the measures they should move. The administrator keeps it; the "
        "measured values come in through Report status.",
    },
    "goalregister_table_title": {"nl": "SMART-doelen", "en": "SMART goals"},
    "goalregister_table_help": {
        "nl": "'Consortium' toont alle doelen die u mag zien, ook die van het hele consortium. "
        "Een doel waarvan de doeldatum voorbij is zonder dat het is bereikt, staat als niet "
        "gehaald. De download is het registerbestand.",
        "en": "'Consortium' shows every goal you may see, the consortium's own included. A goal "
        "whose target date has passed without reaching it shows as not reached. The download "
        "is the register file.",
    },
    "goalregister_none": {"nl": "Nog geen SMART-doelen.", "en": "No SMART goals yet."},
    "goalregister_read_only": {
        "nl": "U kunt het doelenregister lezen; de beheerder houdt het bij.",
        "en": "You can read the goals register; the administrator keeps it.",
    },
    "goalregister_form_title": {"nl": "SMART-doel vastleggen", "en": "Record a SMART goal"},
    "goalregister_upload_help": {
        "nl": "XLSX met de bladen goals en result_goals, of CSV: SMART-doelen (code, name, unit, "
        "network, result_goal, baseline_value, baseline_date, target_value, target_date, "
        "projects, meetpunten) of resultaatdoelen (code, name, ambition).",
        "en": "XLSX with the sheets goals and result_goals, or CSV: SMART goals (code, name, "
        "unit, network, result_goal, baseline_value, baseline_date, target_value, target_date, "
        "projects, meetpunten) or result goals (code, name, ambition).",
    },
    "goalregister_result_goals": {"nl": "Resultaatdoelen (ER)", "en": "Result goals (ER)"},
    "goalentry_save": {"nl": "Opslaan", "en": "Save"},
    "goalentry_new": {"nl": "Nieuw doel", "en": "New goal"},
    "goalentry_mode_new": {"nl": "Nieuw SMART-doel", "en": "New SMART goal"},
    "goalentry_mode_edit": {"nl": "SMART-doel wijzigen", "en": "Edit SMART goal"},
    "goalentry_saved": {"nl": "Doel opgeslagen.", "en": "Goal saved."},
    "goalentry_invalid": {
        "nl": "Het doel is niet opgeslagen: zie de velden.",
        "en": "The goal was not saved: see the fields.",
    },
    "goal_code": {"nl": "Code", "en": "Code"},
    "goal_name": {"nl": "Omschrijving", "en": "Description"},
    "goal_unit": {"nl": "Eenheid", "en": "Unit"},
    "goal_network": {"nl": "Netwerk", "en": "Network"},
    "goal_result_goal": {"nl": "Resultaatdoel", "en": "Result goal"},
    "goal_ambition": {"nl": "Ambitie", "en": "Ambition"},
    "goal_baseline_value": {"nl": "Nulmeting", "en": "Baseline"},
    "goal_baseline_date": {"nl": "Datum nulmeting", "en": "Baseline date"},
    "goal_target_value": {"nl": "Streefwaarde", "en": "Target"},
    "goal_target_date": {"nl": "Doeldatum", "en": "Target date"},
    "goal_projects": {"nl": "Projecten die eraan werken", "en": "Projects working on it"},
    "goal_meetpunten": {"nl": "Meetpunten", "en": "Measures"},
    "goal_meetpunten_help": {
        "nl": "De thema's en visie-elementen die dit doel moet bewegen.",
        "en": "The themes and vision elements this goal should move.",
    },
    "goal_status": {"nl": "Stand", "en": "Status"},
    "goal_under_way": {"nl": "loopt", "en": "under way"},
    "register_error_target_before_baseline": {
        "nl": "De doeldatum ligt niet na de nulmeting.",
        "en": "The target date is not after the baseline.",
    },
}

PROPOSAL_TEXTS = {
    "proposal_review_title": {"nl": "Voorstellen beoordelen", "en": "Review proposals"},
    "proposal_review_help": {
        "nl": "Nieuwe initiatieven die coördinatoren voorstelden, met het oordeel van het "
        "afwegingskader per criterium. Aanvaarden maakt er een project van waaraan het netwerk "
        "van de indiener meedoet; afwijzen en meer informatie vragen vragen om een reden, die de "
        "indiener ziet.",
        "en": "New initiatives proposed by coordinators, with the afwegingskader's verdict per "
        "criterion. Accepting makes it a project in which the proposer's network takes part; "
        "rejecting and asking for more need a reason, which the proposer sees.",
    },
    "proposal_review_none": {
        "nl": "Geen voorstellen die op een besluit wachten.",
        "en": "No proposals waiting for a decision.",
    },
    "proposal_choice": {"nl": "Voorstel", "en": "Proposal"},
    "proposal_decision": {"nl": "Besluit", "en": "Decision"},
    "proposal_decision_accepted": {"nl": "aanvaard", "en": "accepted"},
    "proposal_decision_rejected": {"nl": "afgewezen", "en": "rejected"},
    "proposal_decision_more_info": {"nl": "meer informatie gevraagd", "en": "more asked for"},
    "proposal_decision_none": {"nl": "wacht op besluit", "en": "awaiting a decision"},
    "proposal_code": {"nl": "Projectcode (bij aanvaarden)", "en": "Project code (to accept)"},
    "proposal_reason": {
        "nl": "Reden of vraag aan de indiener",
        "en": "Reason or question for the proposer",
    },
    "proposal_decide": {"nl": "Besluit vastleggen", "en": "Record the decision"},
    "proposal_decided": {"nl": "Besluit vastgelegd.", "en": "Decision recorded."},
    "proposal_by": {"nl": "{network} · {who} · {date}", "en": "{network} · {who} · {date}"},
    "proposal_mine_title": {"nl": "Uw voorstellen", "en": "Your proposals"},
    "proposal_mine_none": {
        "nl": "Nog geen voorstellen van dit netwerk.",
        "en": "No proposals from this network yet.",
    },
    "proposal_became": {"nl": "project {code}", "en": "project {code}"},
    "register_error_decided": {
        "nl": "Dit voorstel is al aanvaard.",
        "en": "This proposal was accepted already.",
    },
    "register_error_decision": {"nl": "Kies een besluit.", "en": "Choose a decision."},
}

TEXTS.update(PROPOSAL_TEXTS)
TEXTS.update(GOAL_OUTCOME_TEXTS)
TEXTS.update(GOAL_REGISTER_TEXTS)
TEXTS.update(LIFECYCLE_TEXTS)
TEXTS.update(ERROR_TEXTS)
TEXTS.update(PROJECT_REGISTER_TEXTS)


def problem_text(key: str, message: str, lang: str) -> str:
    """A register problem in the reader's language; its detail (after the English message's
    colon, or in brackets) where the words need it."""
    from dashboard.i18n import t

    if f"register_error_{key}" not in TEXTS:
        return message
    detail = message.split(": ", 1)[-1] if ": " in message else message
    if "(" in message and key == "before_previous":
        detail = message[message.rindex("(") + 1 : message.rindex(")")]
    return t(f"register_error_{key}", lang, detail=detail)
