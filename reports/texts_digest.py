"""The digest's words, Dutch with English available."""

from __future__ import annotations

DIGEST_TEXTS: dict[str, dict[str, str]] = {
    "subject": {
        "nl": "Samenwerkingsmonitor: maandbericht {name} ({date})",
        "en": "Samenwerkingsmonitor: monthly digest {name} ({date})",
    },
    "intro": {
        "nl": "Het maandbericht van netwerk {name}: wat aandacht vraagt, en wat er sinds {since} "
        "veranderde.",
        "en": "The monthly digest of network {name}: what needs attention, and what changed "
        "since {since}.",
    },
    # --- what needs attention --------------------------------------------------------------------
    "attention": {"nl": "Vraagt aandacht", "en": "Needs attention"},
    "attention_none": {
        "nl": "Niets: geen vastgelopen of stille projecten, geen thema achter, geen verlopen "
        "doelen of afspraken.",
        "en": "Nothing: no stuck or silent projects, no theme behind, no overdue goals or "
        "agreements.",
    },
    "att_stuck": {
        "nl": "{project} is vastgelopen (update van {date})",
        "en": "{project} is stuck (update of {date})",
    },
    "att_silent": {
        "nl": "{project}: geen update sinds {date}",
        "en": "{project}: no update since {date}",
    },
    "att_never": {
        "nl": "{project}: nog nooit een update",
        "en": "{project}: never an update",
    },
    "att_behind": {
        "nl": "Thema {theme} ligt achter op de weg naar 2028 (meting {wave})",
        "en": "Theme {theme} is behind on the road to 2028 (wave {wave})",
    },
    "att_goal": {
        "nl": "SMART-doel {goal}: deadline {date} verstreken zonder dat het doel gehaald is",
        "en": "SMART goal {goal}: deadline {date} passed without the target",
    },
    "att_agreement": {
        "nl": "Afspraak {topic} (nr. {id}): evaluatie was gepland op {date}",
        "en": "Agreement {topic} (no. {id}): evaluation was due on {date}",
    },
    "att_response": {
        "nl": "Respons gedaald van {before} (meting {previous}) naar {after} (meting {wave})",
        "en": "Response fell from {before} (wave {previous}) to {after} (wave {wave})",
    },
    "att_proposal": {
        "nl": "Voorstel '{name}' ({date}) wacht op een besluit",
        "en": "Proposal '{name}' ({date}) awaits a decision",
    },
    "new": {"nl": "nieuw", "en": "new"},
    "resolved": {"nl": "opgelost", "en": "resolved"},
    # --- what changed ----------------------------------------------------------------------------
    "changed": {
        "nl": "Wat veranderde sinds het vorige bericht ({since})",
        "en": "What changed since the previous digest ({since})",
    },
    "nothing": {
        "nl": "Niets nieuws sinds het vorige bericht.",
        "en": "Nothing new since the previous digest.",
    },
    "index_changed": {
        "nl": "Samenwerkingsindex meting {wave}: {value}; status op weg naar 2028: {status}",
        "en": "Collaboration index wave {wave}: {value}; status on the road to 2028: {status}",
    },
    "new_wave": {
        "nl": "Nieuwe cijfers: meting {wave} is (opnieuw) berekend op {date}",
        "en": "New figures: wave {wave} was (re)computed on {date}",
    },
    "update": {
        "nl": "Projectupdate {project}: {status} ({date})",
        "en": "Project update {project}: {status} ({date})",
    },
    "goal_value": {
        "nl": "Nieuwe waarde SMART-doel {goal}: {value} op {date}",
        "en": "New SMART-goal value {goal}: {value} on {date}",
    },
    "note": {"nl": "Notitie {date}: {text}", "en": "Note {date}: {text}"},
    # --- consortium and partner network ----------------------------------------------------------
    "context": {
        "nl": "Consortium en partnernetwerk",
        "en": "Consortium and partner network",
    },
    "context_none": {"nl": "Nog geen cijfers.", "en": "No figures yet."},
    "consortium_index": {
        "nl": "Consortium, samenwerkingsindex meting {wave}: {value}; status: {status}",
        "en": "Consortium, collaboration index wave {wave}: {value}; status: {status}",
    },
    "consortium_goal": {
        "nl": "Consortiumdoel {goal}: {latest} (doel {target}), voortgang {progress}, "
        "prognose {verdict}",
        "en": "Consortium goal {goal}: {latest} (target {target}), progress {progress}, "
        "forecast {verdict}",
    },
    "consortium_goal_unmeasured": {
        "nl": "Consortiumdoel {goal}: nog geen gemeten waarde (doel {target})",
        "en": "Consortium goal {goal}: no measured value yet (target {target})",
    },
    "achievable": {"nl": "haalbaar", "en": "achievable"},
    "not_achievable": {"nl": "niet haalbaar", "en": "not achievable"},
    "partner_network": {
        "nl": "Partnernetwerk (netwerkvragenlijst {wave}): {figures}",
        "en": "Partner network (network questionnaire {wave}): {figures}",
    },
    # --- links -----------------------------------------------------------------------------------
    "open_network": {"nl": "Open het netwerk in het dashboard", "en": "Open the network"},
    "open_projects": {"nl": "Open de projecten van het netwerk", "en": "Open the projects"},
    "attached": {
        "nl": "In de bijlage staat de stand van zaken van het netwerk op één pagina.",
        "en": "The network's state on one page is attached.",
    },
}
