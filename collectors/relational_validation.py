"""The validation of the relational questionnaire's rows (collectors/relational_batch.py).

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
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from collectors.batch import Reject, parse_timestamps
from collectors.fits import DateWindow
from collectors.relational_batch import (
    FREQUENCY_WORDS,
    META,
    NEVER_TOGETHER,
    STATEMENT_WORDS,
    STATEMENTS,
    RelationalBatch,
    RelationalCodes,
    parse_answers,
    parse_topics,
)
from db import models as m
from samenwerkingsmonitor.clock import series_local


class _Problems:
    """The problems found so far, per row: the text of each and the first field at fault."""

    def __init__(self, f: pd.DataFrame, headings: pd.DataFrame | None):
        self.f = f
        self.headings = headings
        self.texts = pd.Series("", index=f.index, dtype=object)
        self.first_field = pd.Series("", index=f.index, dtype=object)

    def label(self, field_: str, rows: pd.Series):
        """How a reason names a field: the tool's heading with the field, or the field."""
        if self.headings is None or field_ not in self.headings:
            return field_
        heading = self.headings.loc[rows, field_].astype(str)
        return heading.where(heading == field_, heading + f" ({field_})")

    def flag(self, mask: pd.Series, field_: str, message) -> None:
        """Record a problem on the masked rows; `message(rows)` builds the texts for those rows
        only (most files are clean)."""
        mask = mask.astype(bool)
        if not mask.any():
            return
        self.first_field[mask & (self.first_field == "")] = field_
        text = message(mask) if callable(message) else message
        texts = self.texts
        texts[mask] = texts[mask] + np.where(texts[mask] == "", "", "; ") + text


@dataclass
class _Answers:
    """The parsed answers of every row."""

    frequency: pd.Series
    topics: pd.Series
    statements: dict[str, pd.Series]


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
    window: DateWindow | None = None,
) -> RelationalBatch:
    """Validate report rows in the template's shape (a tool's export is first mapped into it).

    frame:    row_number and TEMPLATE_COLUMNS as stripped text; a True `_marker` column marks a
              response that names no partner (a LimeSurvey response with every partner left empty)
    headings: the tool's column heading per row and field, named in reasons and rejects
    given:    problems the mapping found (columns `field`, `text`; empty text = none)
    raw_rows: the input row by number, kept with a reject
    window:   the plausible submitted dates (default 2000-01-01 to tomorrow)
    """
    f = frame.reset_index(drop=True)
    marker = f["_marker"].astype(bool) if "_marker" in f else pd.Series(False, index=f.index)
    found = _Problems(f, headings)
    if given is not None:
        _flag_given(found, given)
    submitted = _check_meta(found, codes, dayfirst, window or DateWindow(), ~marker)
    answers = _check_answers(found, ~marker)
    _check_responses(f, submitted, marker, found.flag)
    return _batch(name, found, submitted, answers, marker, raw_rows, warnings)


def _flag_given(found: _Problems, given: pd.DataFrame) -> None:
    """The problems the mapping found, in its own words."""
    has = given["text"].reindex(found.f.index).fillna("") != ""
    for field_ in given.loc[has, "field"].unique():
        rows = has & (given["field"] == field_)
        found.flag(rows, field_, lambda r: given.loc[r, "text"])


def _check_meta(
    found: _Problems,
    codes: RelationalCodes,
    dayfirst: bool,
    window: DateWindow,
    reports_rows: pd.Series,
) -> pd.Series:
    """Response id, submitted date, network, wave, organisation and partner; the submitted
    moments (UTC) are returned."""
    f, flag, label = found.f, found.flag, found.label
    flag(f["response_id"] == "", "response_id", "response_id is empty")
    submitted = parse_timestamps(f["submitted_at"], dayfirst=dayfirst)
    flag(
        submitted.isna(),
        "submitted_at",
        lambda r: label("submitted_at", r) + " '" + f.loc[r, "submitted_at"] + "' is not a date",
    )
    window.flag_outside(f["submitted_at"], submitted, flag)
    network_ok = f["network"].isin(codes.networks)
    flag(f["network"] == "", "network", lambda r: label("network", r) + " is empty")
    flag(
        ~network_ok & (f["network"] != ""),
        "network",
        lambda r: "unknown " + label("network", r) + " '" + f.loc[r, "network"] + "'",
    )
    wave_ok = f["wave"].isin(codes.waves)
    _check_wave(found, codes, wave_ok)
    everywhere = pd.Series(True, index=f.index)
    for role, rows_of_role in (("organisation", everywhere), ("partner", reports_rows)):
        _check_partner_field(f, codes, role, rows_of_role, network_ok, wave_ok, flag, label)
    flag(
        reports_rows & (f["partner"] != "") & (f["partner"] == f["organisation"]),
        "partner",
        lambda r: label("partner", r) + " '" + f.loc[r, "partner"] + "' is the organisation itself",
    )
    return submitted


def _check_wave(found: _Problems, codes: RelationalCodes, wave_ok: pd.Series) -> None:
    """A wave of a relational instrument: empty, a questionnaire's wave and unknown ones are not."""
    f, flag, label = found.f, found.flag, found.label
    relational = ", ".join(sorted(codes.waves)) or "none"
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


def _check_answers(found: _Problems, reports_rows: pd.Series) -> _Answers:
    """Frequency, topics and statements, classified through their distinct values (a handful per
    column); topics and statements given with frequency 0 contradict it."""
    f, flag, label = found.f, found.flag, found.label
    frequency = parse_answers(f["frequency"], FREQUENCY_WORDS)
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
    topics, unknown_topics = parse_topics(f["topics"])
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
    flag(never & topics.notna(), "topics", lambda r: label("topics", r) + " " + NEVER_TOGETHER)
    statements = {}
    for statement in STATEMENTS:
        parsed = parse_answers(f[statement], STATEMENT_WORDS)
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
    return _Answers(frequency.values, topics, statements)


def _batch(name, found, submitted, answers, marker, raw_rows, warnings) -> RelationalBatch:
    """The valid responses whole, and a reject for every row of a response with a rejected row."""
    f = found.f
    ids = f["response_id"]
    bad = found.texts != ""
    first_bad_row = f.loc[bad & (ids != "")].groupby("response_id")["row_number"].first()
    innocent = ~bad & ids.isin(first_bad_row.index)
    rejects = _rejects(
        name, f, found.texts, found.first_field, innocent, first_bad_row, found.headings, raw_rows
    )
    keep = ~bad & ~innocent
    batch = _assemble(
        name,
        f[keep],
        submitted[keep],
        answers.frequency[keep],
        answers.topics[keep],
        {s: v[keep] for s, v in answers.statements.items()},
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
