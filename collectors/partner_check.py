"""One partner checked against the consortium's codes: its network, code, name, sector and the
relational waves it is listed in. The one validation of both ways in (collectors/partners.py): a
spreadsheet row (collectors/partner_import.py) and the administrator's screen (save_partner)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, select

from db import models as m

# One place for the sectors' names, for this validation and the dashboard (legend, forms).
SECTOR_LABELS: dict[str, dict[str, str]] = {
    "huisarts": {"nl": "Huisarts / eerste lijn", "en": "GP / primary care"},
    "thuiszorg": {"nl": "Thuiszorg", "en": "Home care"},
    "ziekenhuis": {"nl": "Ziekenhuis", "en": "Hospital"},
    "vvt": {"nl": "Verpleeg- en verzorgingshuis (VVT)", "en": "Nursing home"},
    "hospice": {"nl": "Hospice", "en": "Hospice"},
    "palliatief_team": {"nl": "Palliatief team", "en": "Specialist palliative team"},
    "vrijwilligers": {"nl": "Vrijwilligers", "en": "Volunteers"},
    "sociaal_domein": {"nl": "Sociaal domein", "en": "Social domain"},
    "overig": {"nl": "Overig", "en": "Other"},
}

CODE_MAX = 40  # partner.code
NAME_MAX = 200  # partner.name
# Letters, digits, - _ and .: codes travel in file names, survey sub-question codes and URLs.
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")

# Message keys of FieldProblem, for the dashboard's translations.
PROBLEM_KEYS = (
    "required",  # the field is empty
    "unknown_network",
    "code_too_long",
    "code_characters",
    "name_too_long",
    "unknown_sector",
    "unknown_wave",
    "not_relational_wave",  # a wave of a questionnaire, not of the relational instrument
    "code_taken",  # another partner of the network has this code
    "unknown_partner",  # save_partner: partner_id is no partner of the consortium
    "network_fixed",  # save_partner: a partner with answers cannot move to another network
    "duplicate",  # import: the network and code appear on another row of the file
    "foreign_network",  # import: a network the importing coordinator does not write
)


def _normalise(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).lower()


def _sector_words() -> dict[str, str]:
    words = {}
    for code, labels in SECTOR_LABELS.items():
        for text in (code, labels["nl"], labels["en"]):
            words[_normalise(text)] = code
            # "Verpleeg- en verzorgingshuis" and "VVT" alone are what people type.
            bare = re.sub(r"\s*\(([^)]*)\)", "", text)
            words[_normalise(bare)] = code
            for inner in re.findall(r"\(([^)]*)\)", text):
                words[_normalise(inner)] = code
    return words


SECTOR_WORDS = _sector_words()


def sector_code(text: str) -> str | None:
    """The sector code of a code or a Dutch or English label (any case), else None."""
    return SECTOR_WORDS.get(_normalise(text or ""))


def split_waves(text: str | Iterable[str] | None) -> list[str]:
    """Wave codes of a `;`- or `,`-separated cell (or a list), in order, without repeats."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return []
    parts = re.split(r"[;,]", text) if isinstance(text, str) else [str(t) for t in text]
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one field: `key` is stable (PROBLEM_KEYS) for the dashboard to translate,
    `message` is English for logs, the command line and rejected rows."""

    field: str
    key: str
    message: str


class PartnerInvalid(ValueError):
    """save_partner refused its input; `problems` says which field and why (a form shows each
    under its field, translated by key)."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))

    @property
    def fields(self) -> dict[str, str]:
        """field → the first English message for it."""
        out: dict[str, str] = {}
        for p in self.problems:
            out.setdefault(p.field, p.message)
        return out


@dataclass(frozen=True)
class PartnerLookups:
    """The consortium's codes a partner may name."""

    networks: dict[str, int]  # network code → id
    waves: dict[str, int]  # relational wave code → id
    other_waves: frozenset[str]  # questionnaire wave codes: named to explain a rejection
    allowed: frozenset[str] | None = None  # the networks this import may change; None: all

    @classmethod
    def load(cls, conn: Connection, consortium_id: int) -> PartnerLookups:
        networks = dict(
            conn.execute(
                select(m.Network.code, m.Network.id).where(m.Network.consortium_id == consortium_id)
            ).all()
        )
        waves, other = {}, set()
        for code, wave_id, kind in conn.execute(
            select(m.Wave.code, m.Wave.id, m.Instrument.kind)
            .join(m.Instrument, m.Instrument.id == m.Wave.instrument_id)
            .where(m.Instrument.consortium_id == consortium_id)
        ):
            if kind == "relational":
                waves[code] = wave_id
            else:
                other.add(code)
        return cls(networks, waves, frozenset(other))


def check_partner(
    lookups: PartnerLookups,
    *,
    network: str,
    code: str,
    name: str,
    sector: str,
    waves: str | Iterable[str] | None,
) -> tuple[dict, list[FieldProblem]]:
    """A partner's values ready to store (network, code, name, sector, waves) and its problems."""
    network, code, name = (str(v or "").strip() for v in (network, code, name))
    problems: list[FieldProblem] = []

    def problem(field_: str, key: str, message: str) -> None:
        problems.append(FieldProblem(field_, key, message))

    if not network:
        problem("network", "required", "network is empty")
    elif network not in lookups.networks:
        problem("network", "unknown_network", f"unknown network '{network}'")
    elif lookups.allowed is not None and network not in lookups.allowed:
        problem(
            "network",
            "foreign_network",
            f"network '{network}' is not yours to change (you may import "
            f"{', '.join(sorted(lookups.allowed)) or 'no network'})",
        )
    if not code:
        problem("code", "required", "code is empty")
    elif len(code) > CODE_MAX:
        problem("code", "code_too_long", f"code '{code}' is longer than {CODE_MAX} characters")
    elif not CODE_PATTERN.fullmatch(code):
        problem(
            "code",
            "code_characters",
            f"code '{code}' may hold only letters, digits, '-', '_' and '.', "
            "starting with a letter or digit",
        )
    if not name:
        problem("name", "required", "name is empty")
    elif len(name) > NAME_MAX:
        problem("name", "name_too_long", f"name is longer than {NAME_MAX} characters")
    sector_text = str(sector or "").strip()
    sector_value = sector_code(sector_text)
    if not sector_text:
        problem("sector", "required", "sector is empty")
    elif sector_value is None:
        problem(
            "sector",
            "unknown_sector",
            f"unknown sector '{sector_text}' (one of {', '.join(m.SECTORS)}, "
            "or their Dutch or English names)",
        )
    wave_codes = split_waves(waves)
    relational = ", ".join(sorted(lookups.waves)) or "none"
    for wave in wave_codes:
        if wave in lookups.waves:
            continue
        if wave in lookups.other_waves:
            problem(
                "waves",
                "not_relational_wave",
                f"wave '{wave}' is not a wave of a relational instrument "
                f"(the relational waves are {relational})",
            )
        else:
            problem(
                "waves", "unknown_wave", f"unknown wave '{wave}' (relational waves: {relational})"
            )
    values = {
        "network": network,
        "code": code,
        "name": name,
        "sector": sector_value,
        "waves": wave_codes,
    }
    return values, problems
