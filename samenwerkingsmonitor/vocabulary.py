"""The domain's fixed words, defined once: every module imports them from here, and the database
enforces the stored ones with CHECK constraints (db/models, migration "vocabulary").

Codes are the stored values (Dutch where the domain speaks Dutch); their labels live in the text
catalogue. Changing a tuple here changes what the database accepts: add a migration with it.
"""

# --- levels of a figure (measures.md rule 6) ----------------------------------------------------
ALL_NETWORKS = "ALL"  # the consortium level: every network of the consortium pooled
ALL_GROUPS = "all"  # all respondent groups together
INDEX_SUBJECT = "index"  # the subject of the collaboration index

# --- measures -----------------------------------------------------------------------------------
# The four score measures every framework has; a framework may declare extra measure kinds.
BUILTIN_MEASURES: tuple[str, ...] = (
    "index",
    "theme",
    "vision_element",
    "speerpunt",
    "ambition",
    "item",
)
# The measures scored per respondent from the answers (the rest are derived or counted).
SCORE_MEASURES: tuple[str, ...] = (
    "item",
    "theme",
    "vision_element",
    "speerpunt",
    "ambition",
    "index",
)
# What goals are expected to move (measures.md, "SMART goals").
MEETPUNT_MEASURES: tuple[str, ...] = ("theme", "vision_element")

# --- the framework --------------------------------------------------------------------------------
# Element kinds of the framework that are plain code lists (domain.md).
ELEMENT_KINDS: tuple[str, ...] = (
    "vision_element",
    "speerpunt",
    "ambition",
    "kernthema",
    "actielijn",
)
INSTRUMENT_KINDS: tuple[str, ...] = ("questionnaire", "relational")

# --- people ---------------------------------------------------------------------------------------
ROLES: tuple[str, ...] = ("beheerder", "coordinator", "stuurgroep", "rapporteur")
NETWORK_ROLES: tuple[str, ...] = ("coordinator", "stuurgroep")  # roles tied to networks

# --- projects ---------------------------------------------------------------------------------------
# A coordinator's monthly status of a project (domain.md, "Status doorgeven").
UPDATE_STATUSES: tuple[str, ...] = ("op_koers", "aandacht", "vastgelopen", "afgerond")
STUCK = "vastgelopen"
# A project's life in the register.
LIFECYCLES: tuple[str, ...] = ("voorstel", "actief", "bijgesteld", "gestopt", "afgerond")
ENDED: tuple[str, ...] = ("gestopt", "afgerond")  # a project that has ended
# The beheerder's decision on a proposed initiative.
DECISIONS: tuple[str, ...] = ("accepted", "rejected", "more_info")
# The decisions after which a proposal waits for the beheerder again (as does one not decided).
AWAITING_DECISIONS: tuple[str, ...] = ("more_info",)
# The decision per project at the DIN's half-yearly review.
REVIEW_DECISIONS: tuple[str, ...] = ("continue", "adjust", "stop")

# --- the partner network (measures.md, "Partner network") ------------------------------------------
# GP/primary care, home care, hospital, nursing home, hospice, specialist palliative team,
# volunteers, social domain, other: in this order in every table and figure.
SECTORS: tuple[str, ...] = (
    "huisarts",
    "thuiszorg",
    "ziekenhuis",
    "vvt",
    "hospice",
    "palliatief_team",
    "vrijwilligers",
    "sociaal_domein",
    "overig",
)
# How often two partners worked together in the last 12 months; the stored value is the index.
FREQUENCIES: tuple[str, ...] = ("nooit", "enkele_keren", "maandelijks", "wekelijks")
TOPICS: tuple[str, ...] = (
    "verwijzing",
    "consultatie",
    "gezamenlijke_zorg",
    "overdracht",
    "scholing",
    "afspraken",
)
TRUST_STATEMENTS: tuple[str, ...] = ("trust_openness", "trust_reliability", "trust_mission")
VALUE_STATEMENTS: tuple[str, ...] = ("value_influence", "value_resources", "value_involvement")
AGREEMENT_TOPICS: tuple[str, ...] = (
    "warme_overdracht",
    "consultatie",
    "beschikbaarheid_24_7",
    "gedeeld_zorgplan",
    "scholing",
    "overig",
)
