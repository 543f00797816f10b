"""The relational questionnaire's rows and their validation (measures.md, "Partner network").

One person speaks for one partner organisation (the *organisation*) and answers, about every other
partner listed for its network in that wave: how often they worked together in the last 12 months
(frequency 0 never, 1 a few times, 2 monthly, 3 weekly), on what (topics), and — where they worked
together — three trust and three value statements, each 1–4. A *response* is one organisation's
questionnaire; it holds one *report* per partner named.

Every way in (collectors/relational.py for the generic template and in-memory frames,
collectors/relational_limesurvey.py for LimeSurvey) ends in `validate_reports`, which turns rows in
the template's shape into a RelationalBatch. Its rules where measures.md is silent:

- A response is all its rows: when one of them is rejected, every row of the response is rejected
  (the others with "another row of this response was rejected"), so nothing is half-stored; the
  organisation's next file can bring it whole.
- A topic or statement given while the frequency is 0 rejects the row: those questions are asked
  only "where they worked together", so the answer contradicts itself.
- An organisation answers once per wave: of two responses, the one that comes first in the file is
  kept (collectors/relational.py also keeps the one stored before).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from collectors.batch import MISSING_WORDS, Reject, parse_timestamps
from db import models as m
from samenwerkingsmonitor.clock import series_local

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


# --- validation ----------------------------------------------------------------------------------


def validate_reports(
    name: str,
    frame: pd.DataFrame,
    codes: RelationalCodes,
    *,
    dayfirst: bool = True,
    headings: pd.DataFrame | None = None,
    given: pd.DataFrame | None = None,
    raw_rows: Mapping[int, dict] | None = None,
    warnings: list[str] | None = None,
) -> RelationalBatch:
    """Validate report rows in the template's shape (a tool's export is first mapped into it).

    frame:    row_number and TEMPLATE_COLUMNS as stripped text; a True `_marker` column marks a
              response that names no partner (a LimeSurvey response with every partner left empty)
    headings: the tool's column heading per row and field, named in reasons and rejects
    given:    problems the mapping found (columns `field`, `text`; empty text = none)
    raw_rows: the input row by number, kept with a reject
    """
    f = frame.reset_index(drop=True)
    marker = f["_marker"].astype(bool) if "_marker" in f else pd.Series(False, index=f.index)
    reports_rows = ~marker
    problems = pd.Series("", index=f.index, dtype=object)
    first_field = pd.Series("", index=f.index, dtype=object)

    def label(field_: str, rows: pd.Series):
        """How a reason names a field: the tool's heading with the field, or the field."""
        if headings is None or field_ not in headings:
            return field_
        heading = headings.loc[rows, field_].astype(str)
        return heading.where(heading == field_, heading + f" ({field_})")

    def flag(mask: pd.Series, field_: str, message) -> None:
        """Record a problem on the masked rows; `message(rows)` builds the texts for those rows
        only (most files are clean)."""
        mask = mask.astype(bool)
        if not mask.any():
            return
        first_field[mask & (first_field == "")] = field_
        text = message(mask) if callable(message) else message
        problems[mask] = problems[mask] + np.where(problems[mask] == "", "", "; ") + text

    if given is not None:
        has = given["text"].reindex(f.index).fillna("") != ""
        for field_ in given.loc[has, "field"].unique():
            rows = has & (given["field"] == field_)
            flag(rows, field_, lambda r: given.loc[r, "text"])

    flag(f["response_id"] == "", "response_id", "response_id is empty")
    submitted = parse_timestamps(f["submitted_at"], dayfirst=dayfirst)
    flag(
        submitted.isna(),
        "submitted_at",
        lambda r: label("submitted_at", r) + " '" + f.loc[r, "submitted_at"] + "' is not a date",
    )
    network_ok = f["network"].isin(codes.networks)
    flag(f["network"] == "", "network", lambda r: label("network", r) + " is empty")
    flag(
        ~network_ok & (f["network"] != ""),
        "network",
        lambda r: "unknown " + label("network", r) + " '" + f.loc[r, "network"] + "'",
    )
    relational = ", ".join(sorted(codes.waves)) or "none"
    wave_ok = f["wave"].isin(codes.waves)
    flag(f["wave"] == "", "wave", lambda r: label("wave", r) + " is empty")
    flag(
        f["wave"].isin(codes.other_waves),
        "wave",
        lambda r: (
            label("wave", r)
            + " '"
            + f.loc[r, "wave"]
            + f"' is not a wave of a relational instrument (the relational waves are {relational})"
        ),
    )
    flag(
        ~wave_ok & ~f["wave"].isin(codes.other_waves) & (f["wave"] != ""),
        "wave",
        lambda r: (
            "unknown "
            + label("wave", r)
            + " '"
            + f.loc[r, "wave"]
            + f"' (relational waves: {relational})"
        ),
    )
    everywhere = pd.Series(True, index=f.index)
    for role, rows_of_role in (("organisation", everywhere), ("partner", reports_rows)):
        _check_partner_field(f, codes, role, rows_of_role, network_ok, wave_ok, flag, label)
    flag(
        reports_rows & (f["partner"] != "") & (f["partner"] == f["organisation"]),
        "partner",
        lambda r: label("partner", r) + " '" + f.loc[r, "partner"] + "' is the organisation itself",
    )

    # Answers: classified through their distinct values (a handful per column).
    frequency = _parse(f["frequency"], FREQUENCY_WORDS)
    flag(
        reports_rows & (f["frequency"] == ""),
        "frequency",
        lambda r: label("frequency", r) + " is empty",
    )
    flag(
        reports_rows & frequency.invalid,
        "frequency",
        lambda r: (
            label("frequency", r)
            + " '"
            + f.loc[r, "frequency"]
            + "' is not 0–3 or nooit / enkele keren / maandelijks / wekelijks"
        ),
    )
    never = reports_rows & (frequency.values == 0)
    topics, unknown_topics = _parse_topics(f["topics"])
    flag(
        reports_rows & (unknown_topics != ""),
        "topics",
        lambda r: (
            label("topics", r)
            + ": unknown topic(s) "
            + unknown_topics[r]
            + f" (topics: {', '.join(m.TOPICS)})"
        ),
    )
    flag(
        never & topics.notna(),
        "topics",
        lambda r: label("topics", r) + " " + NEVER_TOGETHER,
    )
    statements = {}
    for statement in STATEMENTS:
        parsed = _parse(f[statement], STATEMENT_WORDS)
        statements[statement] = parsed.values
        flag(
            reports_rows & parsed.invalid,
            statement,
            lambda r, s=statement: label(s, r) + " '" + f.loc[r, s] + "' is not 1–4 or empty",
        )
        flag(
            never & parsed.values.notna(),
            statement,
            lambda r, s=statement: label(s, r) + " " + NEVER_TOGETHER,
        )

    _check_responses(f, submitted, marker, flag)

    # A response is all its rows: reject every row of a response with a rejected row.
    ids = f["response_id"]
    bad = problems != ""
    first_bad_row = f.loc[bad & (ids != "")].groupby("response_id")["row_number"].first()
    innocent = ~bad & ids.isin(first_bad_row.index)

    rejects = _rejects(name, f, problems, first_field, innocent, first_bad_row, headings, raw_rows)
    keep = ~bad & ~innocent
    batch = _assemble(
        name,
        f[keep],
        submitted[keep],
        frequency.values[keep],
        topics[keep],
        {s: v[keep] for s, v in statements.items()},
        marker[keep],
    )
    batch.rejects = rejects
    batch.warnings = list(warnings or [])
    empty = batch.responses["external_id"][
        ~batch.responses["external_id"].isin(batch.reports["external_id"])
    ]
    if len(empty):
        batch.warnings.append(
            f"{name}: {len(empty)} response(s) name no partner (stored as answered, without "
            f"reports): {', '.join(empty.head(10))}"
        )
    batch.raw_rows = raw_rows
    return batch


def _check_partner_field(f, codes, role, rows, network_ok, wave_ok, flag, label) -> None:
    """organisation / partner: not empty, a partner of the network, listed in the wave."""
    text = f[role]
    flag(rows & (text == ""), role, lambda r: label(role, r) + " is empty")
    known = pd.Series(
        [(n, p) in codes.partners for n, p in zip(f["network"], text)], index=f.index, dtype=bool
    )
    flag(
        rows & network_ok & (text != "") & ~known,
        role,
        lambda r: (
            label(role, r)
            + " '"
            + text[r]
            + "' is no partner of network "
            + f.loc[r, "network"]
            + " (partners import adds partners)"
        ),
    )
    listed = pd.Series(
        [(n, w, p) in codes.listed for n, w, p in zip(f["network"], f["wave"], text)],
        index=f.index,
        dtype=bool,
    )
    flag(
        rows & network_ok & wave_ok & known & ~listed,
        role,
        lambda r: (
            label(role, r)
            + " '"
            + text[r]
            + "' is not listed for network "
            + f.loc[r, "network"]
            + " in wave "
            + f.loc[r, "wave"]
        ),
    )


def _check_responses(f: pd.DataFrame, submitted: pd.Series, marker: pd.Series, flag) -> None:
    """Checks across the rows of a response and across responses."""
    ids = f["response_id"]
    has_id = ids != ""
    meta = f[list(META)].assign(submitted_at=submitted.astype(str))[has_id]
    meta["response_id"] = ids[has_id]
    counts = meta.groupby("response_id", sort=False)[list(META)].nunique()
    for response_id, row in counts[(counts > 1).any(axis=1)].iterrows():
        differ = [c for c in META if row[c] > 1]
        mask = ids == response_id
        numbers = ", ".join(str(n) for n in sorted(set(f.loc[mask, "row_number"])))
        flag(
            mask,
            differ[0],
            f"response_id '{response_id}' has rows with a different {' and '.join(differ)} "
            f"(rows {numbers}); a response is one organisation in one network and wave",
        )

    named = has_id & ~marker & (f["partner"] != "")
    pairs = f[named]
    again = pairs.duplicated(["response_id", "partner"], keep="first")
    if again.any():
        first = (
            pairs.groupby(["response_id", "partner"])["row_number"]
            .transform("first")
            .astype(int)
            .astype(str)
            .reindex(f.index)
        )
        mask = pd.Series(False, index=f.index)
        mask[pairs.index[again]] = True
        flag(
            mask,
            "partner",
            lambda r: (
                "partner '"
                + f.loc[r, "partner"]
                + "' is named twice in response '"
                + f.loc[r, "response_id"]
                + "' (first on row "
                + first[r]
                + ")"
            ),
        )

    # One response per organisation and wave: the first (in file order) is kept.
    heads = f[has_id].drop_duplicates("response_id")
    heads = heads[(heads["organisation"] != "") & (heads["wave"] != "")]
    groups = heads.groupby(["network", "wave", "organisation"], sort=False)
    first_id = groups["response_id"].transform("first")
    first_row = groups["row_number"].transform("first")
    for index in heads.index[heads["response_id"] != first_id]:
        response_id = heads.at[index, "response_id"]
        flag(
            ids == response_id,
            "organisation",
            f"organisation '{heads.at[index, 'organisation']}' already answered in wave "
            f"{heads.at[index, 'wave']} as response '{first_id[index]}' (row {first_row[index]}); "
            "a partner answers once per wave",
        )


def _rejects(name, f, problems, first_field, innocent, first_bad_row, headings, raw_rows):
    """One Reject per input row: its problems (a LimeSurvey row holds several partners)."""
    found: dict[int, list] = {}
    for index in f.index[problems != ""]:
        number = int(f.at[index, "row_number"])
        field_ = first_field[index]
        if number not in found:
            column = field_
            if headings is not None and field_ in headings:
                column = headings.at[index, field_]
            found[number] = [column, _raw_value(f, index, field_, raw_rows, column), []]
        if problems[index] not in found[number][2]:
            found[number][2].append(problems[index])
    for index in f.index[innocent]:
        number = int(f.at[index, "row_number"])
        if number in found:
            continue  # its own problems say enough
        first = first_bad_row[f.at[index, "response_id"]]
        found[number] = [
            "response_id",
            f.at[index, "response_id"],
            [f"another row of this response was rejected (row {first})"],
        ]
    rejects = []
    for number in sorted(found):
        column, raw_value, texts = found[number]
        raw = raw_rows[number] if raw_rows is not None else None
        rejects.append(
            Reject(number, column, raw_value, f"{name} row {number}: {'; '.join(texts)}", raw)
        )
    return rejects


def _raw_value(f, index, field_, raw_rows, column):
    number = int(f.at[index, "row_number"])
    if raw_rows is not None and column in raw_rows[number]:
        return raw_rows[number][column]
    return f.at[index, field_] if field_ in f else None


@dataclass
class _Parsed:
    values: pd.Series  # float: the value, NaN when empty or missing
    invalid: pd.Series  # bool


def _parse(text: pd.Series, words: Mapping[str, int | None]) -> _Parsed:
    codes, distinct = pd.factorize(text.str.lower(), use_na_sentinel=False)
    # "3.0" is 3, as in the questionnaire template: statistics tools write whole numbers so.
    distinct = [_whole(d) if d not in words else d for d in distinct]
    known = np.array([d == "" or d in words for d in distinct], dtype=bool)
    numbers = np.array(
        [np.nan if d == "" or words.get(d) is None else float(words[d]) for d in distinct]
    )
    if len(distinct) == 0:
        return _Parsed(pd.Series(np.nan, index=text.index), pd.Series(False, index=text.index))
    return _Parsed(
        pd.Series(numbers[codes], index=text.index), pd.Series(~known[codes], index=text.index)
    )


def _whole(text: str) -> str:
    """'3.0' → '3'; any other text unchanged."""
    try:
        number = float(text)
    except (TypeError, ValueError):
        return text
    return str(int(number)) if number.is_integer() else text


def _parse_topics(text: pd.Series) -> tuple[pd.Series, pd.Series]:
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


def _assemble(name, f, submitted, frequency, topics, statements, marker) -> RelationalBatch:
    """The batch of the valid rows: responses (one per id) and reports (one per partner)."""
    named = ~marker
    reports = pd.DataFrame(
        {
            "external_id": f.loc[named, "response_id"],
            "about": f.loc[named, "partner"],
            "frequency": frequency[named].astype(int),
            "topics": topics[named].where(frequency[named] > 0, None),
        }
    )
    for statement, values in statements.items():
        reports[statement] = pd.array(values[named].where(frequency[named] > 0), dtype="Int64")
    reports = reports.reset_index(drop=True)
    rows = f.assign(submitted_at=submitted)
    grouped = rows.groupby("response_id", sort=False)
    responses = grouped[["network", "wave", "organisation", "submitted_at"]].first()
    responses["row_numbers"] = grouped["row_number"].agg(lambda s: tuple(sorted(set(s))))
    responses = responses.reset_index().rename(columns={"response_id": "external_id"})
    responses["content_hash"] = _content_hashes(responses, reports)
    return RelationalBatch(name, responses, reports)


def _content_hashes(responses: pd.DataFrame, reports: pd.DataFrame) -> pd.Series:
    """A stable fingerprint of each response and its reports: an unchanged re-ingest updates
    nothing, whatever the order of rows."""
    if not len(responses):
        return pd.Series(dtype=str)
    text = reports["about"].astype(str)
    for column in ("frequency", "topics", *STATEMENTS):
        text = (
            text
            + "|"
            + reports[column].astype(object).where(reports[column].notna(), "").astype(str)
        )
    per_response = (
        pd.DataFrame({"external_id": reports["external_id"], "text": text})
        .sort_values(["external_id", "text"])
        .groupby("external_id")["text"]
        .agg("\n".join)
    )
    heads = (
        responses["network"]
        + "|"
        + responses["wave"]
        + "|"
        + responses["organisation"]
        + "|"
        + series_local(responses["submitted_at"]).dt.strftime("%Y-%m-%d %H:%M:%S")
        + "\n"
        + responses["external_id"].map(per_response).fillna("")
    )
    return heads.map(lambda s: hashlib.sha256(s.encode("utf-8")).hexdigest())
