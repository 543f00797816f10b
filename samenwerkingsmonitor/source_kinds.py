"""The kinds of source and what each kind assumes by default: answer labels, personal-data
columns, the column names of each tool. Kept apart from the sources file's models
(samenwerkingsmonitor/sources.py), which import them from here."""

from __future__ import annotations

from typing import Any

KINDS = (
    "template",  # the generic template (README)
    "limesurvey_file",  # a LimeSurvey response export (CSV or XLSX) dropped in the inbox
    "msforms_file",  # a Microsoft Forms XLSX export dropped in the inbox
    "status_file",  # project status updates as CSV/XLSX
    "goal_file",  # SMART-goal values as CSV/XLSX
    "limesurvey_api",  # LimeSurvey RemoteControl 2 (JSON-RPC), incremental
    "push",  # status updates POSTed to /api/sources/<name>/status-updates
    "relational_template",  # the relational questionnaire's generic template (partner network)
    "limesurvey_relational_file",  # the relational questionnaire exported from LimeSurvey
)
FILE_KINDS = (
    "template",
    "limesurvey_file",
    "msforms_file",
    "status_file",
    "goal_file",
    "relational_template",
    "limesurvey_relational_file",
)
MAPPED_KINDS = ("limesurvey_file", "msforms_file", "limesurvey_api", "limesurvey_relational_file")
# The partner-network questionnaire (measures.md, "Partner network"): written by
# collectors/relational.py into partner_response / partner_report, not response / answer.
RELATIONAL_KINDS = ("relational_template", "limesurvey_relational_file")

# Answer labels of a Dutch five-point agreement scale, as LimeSurvey (long answers, full
# headings) and Microsoft Forms write them; keys compared case-insensitively.
DUTCH_LABELS: dict[str, int | None] = {
    "helemaal oneens": 1,
    "oneens": 2,
    "neutraal": 3,
    "niet eens / niet oneens": 3,
    "niet eens, niet oneens": 3,
    "eens": 4,
    "helemaal eens": 5,
    "niet van toepassing": None,
    "weet niet": None,
}
LIMESURVEY_CODES: dict[str, int | None] = {
    "ao01": 1,
    "ao02": 2,
    "ao03": 3,
    "ao04": 4,
    "ao05": 5,
    "nvt": None,
}
# Columns with names, e-mail addresses and tokens: dropped before anything is stored, rejects too.
PERSONAL_COLUMNS = frozenset(
    {
        "email",
        "e-mail",
        "name",
        "naam",
        "firstname",
        "lastname",
        "token",
        "toegangscode",
        "ipaddr",
        "ip-adres",
        "refurl",
        "verwijzende url",
    }
)
KIND_DEFAULTS: dict[str, dict[str, Any]] = {
    "limesurvey_file": {
        "response_id": "id",
        "submitted_at": "submitdate",
        "values": {**LIMESURVEY_CODES, **DUTCH_LABELS},
        "skip_incomplete": True,
    },
    "limesurvey_api": {
        "response_id": "id",
        "submitted_at": "submitdate",
        "values": {**LIMESURVEY_CODES, **DUTCH_LABELS},
        "skip_incomplete": True,
    },
    "limesurvey_relational_file": {
        "response_id": "id",
        "submitted_at": "submitdate",
        "skip_incomplete": True,
    },
    "msforms_file": {
        "response_id": "ID",
        "submitted_at": "Completion time",
        "values": DUTCH_LABELS,
        "skip_incomplete": False,
    },
}
