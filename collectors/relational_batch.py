"""The relational questionnaire's rows and their validation (measures.md, "Partner network").

One person speaks for one partner organisation (the *organisation*) and answers, about every other
partner listed for its network in that wave: how often they worked together in the last 12 months
(frequency 0 never, 1 a few times, 2 monthly, 3 weekly), on what (topics), and — where they worked
together — three trust and three value statements, each 1–4. A *response* is one organisation's
questionnaire; it holds one *report* per partner named.

Every way in ends in `validate_reports` (collectors/relational_validation.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from collectors.batch import MISSING_WORDS, Reject
from db import models as m

STATEMENTS = (*m.TRUST_STATEMENTS, *m.VALUE_STATEMENTS)
TEMPLATE_COLUMNS = (
    "response_id",
    "submitted_at",
    "network",
    "wave",
    "organisation",
    "partner",
    "frequency",
    "topics",
    *STATEMENTS,
)
REQUIRED = TEMPLATE_COLUMNS[:7]
META = ("network", "wave", "organisation", "submitted_at")  # the same on every row of a response

# Names for the dashboard and for reading answers; stored values are the index (frequency) and
# the codes (topics).
FREQUENCY_LABELS: dict[int, dict[str, str]] = {
    0: {"nl": "Nooit", "en": "Never"},
    1: {"nl": "Enkele keren", "en": "A few times"},
    2: {"nl": "Maandelijks", "en": "Monthly"},
    3: {"nl": "Wekelijks", "en": "Weekly"},
}
TOPIC_LABELS: dict[str, dict[str, str]] = {
    "verwijzing": {"nl": "Verwijzing", "en": "Referral"},
    "consultatie": {"nl": "Consultatie", "en": "Consultation"},
    "gezamenlijke_zorg": {"nl": "Gezamenlijke zorg voor een patiënt", "en": "Joint care"},
    "overdracht": {"nl": "Overdracht", "en": "Hand-over"},
    "scholing": {"nl": "Scholing", "en": "Education"},
    "afspraken": {"nl": "Afspraken", "en": "Agreements"},
}


def _words(pairs) -> dict[str, object]:
    return {str(k).strip().lower(): v for k, v in pairs}


# Answer text (lower case) → value. LimeSurvey answer codes A0…A3 and A1…A4 (or AO01…AO04) are
# the defaults a source's maps are merged over.
FREQUENCY_WORDS: dict[str, int | None] = _words(
    [
        *((str(i), i) for i in range(4)),
        *((f"a{i}", i) for i in range(4)),
        *((code, i) for i, code in enumerate(m.FREQUENCIES)),
        *((code.replace("_", " "), i) for i, code in enumerate(m.FREQUENCIES)),
        *((labels[lang], i) for i, labels in FREQUENCY_LABELS.items() for lang in ("nl", "en")),
        ("een paar keer", 1),
        ("af en toe", 1),
    ]
)
TOPIC_WORDS: dict[str, str] = _words(
    [
        *((code, code) for code in m.TOPICS),
        *((code.replace("_", " "), code) for code in m.TOPICS),
        *((code.replace("_", ""), code) for code in m.TOPICS),
        *((labels[lang], code) for code, labels in TOPIC_LABELS.items() for lang in ("nl", "en")),
        ("gezamenlijke zorg", "gezamenlijke_zorg"),
        ("warme overdracht", "overdracht"),
    ]
)
STATEMENT_WORDS: dict[str, int | None] = _words(
    [
        *((str(i), i) for i in range(1, 5)),
        *((f"a{i}", i) for i in range(1, 5)),
        *((f"ao0{i}", i) for i in range(1, 5)),
        ("helemaal oneens", 1),
        ("oneens", 2),
        ("eens", 3),
        ("helemaal eens", 4),
        ("strongly disagree", 1),
        ("disagree", 2),
        ("agree", 3),
        ("strongly agree", 4),
        *((w, None) for w in MISSING_WORDS),
    ]
)
NEVER_TOGETHER = "given while frequency is 0 (never worked together)"


@dataclass(frozen=True)
class RelationalCodes:
    """What a relational file may name: the consortium's networks, the relational waves, and the
    partner list (which partners each network has, and who is listed in which wave)."""

    networks: frozenset[str]
    waves: frozenset[str]  # codes of the relational waves
    other_waves: frozenset[str]  # questionnaire waves: named to explain a rejection
    partners: frozenset[tuple[str, str]]  # (network, partner code)
    listed: frozenset[tuple[str, str, str]]  # (network, wave, partner code)


def relational_codes(
    engine: Engine, consortium_id: int, instrument_code: str | None = None
) -> RelationalCodes:
    """The codes of this consortium (the waves of `instrument_code` only, when given)."""
    with engine.connect() as c:
        networks = dict(
            c.execute(
                select(m.Network.id, m.Network.code).where(m.Network.consortium_id == consortium_id)
            ).all()
        )
        waves, other = {}, set()
        for wave_id, code, kind, instrument in c.execute(
            select(m.Wave.id, m.Wave.code, m.Instrument.kind, m.Instrument.code)
            .join(m.Instrument, m.Instrument.id == m.Wave.instrument_id)
            .where(m.Instrument.consortium_id == consortium_id)
        ):
            if kind == "relational" and instrument_code in (None, instrument):
                waves[wave_id] = code
            else:
                other.add(code)
        partners = {}
        for partner_id, network_id, code in c.execute(
            select(m.Partner.id, m.Partner.network_id, m.Partner.code).where(
                m.Partner.network_id.in_(list(networks))
            )
        ):
            partners[partner_id] = (networks[network_id], code)
        listed = set()
        for partner_id, wave_id in c.execute(
            select(m.PartnerMembership.partner_id, m.PartnerMembership.wave_id).where(
                m.PartnerMembership.wave_id.in_(list(waves))
            )
        ):
            if partner_id in partners:
                network, code = partners[partner_id]
                listed.add((network, waves[wave_id], code))
    return RelationalCodes(
        frozenset(networks.values()),
        frozenset(waves.values()),
        frozenset(other - set(waves.values())),
        frozenset(partners.values()),
        frozenset(listed),
    )


@dataclass
class RelationalBatch:
    """Valid responses and their reports, plus the rows that were rejected.

    responses: external_id, network, wave, organisation (partner code), submitted_at (Timestamp),
               row_numbers (tuple of the input rows it came from), content_hash
    reports:   external_id, about (partner code), frequency (0–3), topics (comma-separated TOPICS
               codes or None), the six statements (Int64, <NA> when not answered)
    """

    file_name: str | None
    responses: pd.DataFrame
    reports: pd.DataFrame
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0  # incomplete survey responses: left out and counted
    raw_rows: Mapping[int, dict] | None = None  # input row by number, for rejects at write time

    @property
    def rows_in(self) -> int:
        valid = sum(len(r) for r in self.responses["row_numbers"]) if len(self.responses) else 0
        return valid + len({r.row_number for r in self.rejects}) + self.skipped


# --- answers as people write them ----------------------------------------------------------------


@dataclass
class ParsedAnswers:
    """A column of answers read: values and the cells that are no answer."""

    values: pd.Series  # float: the value, NaN when empty or missing
    invalid: pd.Series  # bool


def parse_answers(text: pd.Series, words: Mapping[str, int | None]) -> ParsedAnswers:
    """Answers (a column of text) through `words`: their values, and which are no answer."""
    codes, distinct = pd.factorize(text.str.lower(), use_na_sentinel=False)
    # "3.0" is 3, as in the questionnaire template: statistics tools write whole numbers so.
    distinct = [_whole(d) if d not in words else d for d in distinct]
    known = np.array([d == "" or d in words for d in distinct], dtype=bool)
    numbers = np.array(
        [np.nan if d == "" or words.get(d) is None else float(words[d]) for d in distinct]
    )
    if len(distinct) == 0:
        return ParsedAnswers(
            pd.Series(np.nan, index=text.index), pd.Series(False, index=text.index)
        )
    return ParsedAnswers(
        pd.Series(numbers[codes], index=text.index), pd.Series(~known[codes], index=text.index)
    )


def _whole(text: str) -> str:
    """'3.0' → '3'; any other text unchanged."""
    try:
        number = float(text)
    except (TypeError, ValueError):
        return text
    return str(int(number)) if number.is_integer() else text


def parse_topics(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(canonical comma-separated codes in TOPICS order or None, unknown tokens quoted or '')."""
    codes, distinct = pd.factorize(text, use_na_sentinel=False)
    canonical, unknown = [], []
    for cell in distinct:
        tokens = [t.strip() for t in re.split(r"[;,]", cell) if t.strip()]
        found = {TOPIC_WORDS.get(t.lower()) for t in tokens} - {None}
        bad = [t for t in tokens if t.lower() not in TOPIC_WORDS]
        canonical.append(",".join(c for c in m.TOPICS if c in found) or None)
        unknown.append(", ".join(f"'{t}'" for t in bad))
    if len(distinct) == 0:
        return pd.Series(None, index=text.index, dtype=object), pd.Series("", index=text.index)
    return (
        pd.Series(np.asarray(canonical, dtype=object)[codes], index=text.index),
        pd.Series(np.asarray(unknown, dtype=object)[codes], index=text.index),
    )
