"""LimeSurvey exports of the relational questionnaire: each partner is a sub-question.

Code headings as LimeSurvey writes them (docs/sources-collectors.md): `ORG` (which organisation
answers), arrays `FREQ[P01]`, `OPENHEID[P01]` … with one sub-question per partner, and the topics
as a checkbox array `ONDERWERP[P01_verwijzing]`. The source's mapping (samenwerkingsmonitor.sources,
RelationalMapping) names the questions and translates answer codes; the rows then go through the
same validation as the generic template (collectors/relational_batch.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from collectors.batch import Reject
from collectors.files import FileFormatError, read_table
from collectors.fits import DateWindow
from collectors.relational_batch import (
    FREQUENCY_WORDS,
    STATEMENT_WORDS,
    STATEMENTS,
    TEMPLATE_COLUMNS,
    TOPIC_WORDS,
    RelationalBatch,
    RelationalCodes,
)
from collectors.relational_validation import validate_reports
from db import models as m

# A checkbox cell (multi-flexible array, checkbox layout).
TICKED = frozenset({"1", "y", "yes", "ja", "true", "x"})
UNTICKED = frozenset({"", "0", "n", "no", "nee", "false"})

SUB_QUESTION = re.compile(r"^(?P<question>[^\[\]]+)\[(?P<sub>[^\[\]]+)\]$")


def read_limesurvey_relational(path: Path, source, codes: RelationalCodes) -> RelationalBatch:
    """Parse a LimeSurvey export (CSV or XLSX, code headings) of the relational questionnaire
    through the source's mapping (samenwerkingsmonitor.sources.RelationalMapping)."""
    header, rows = read_table(path, sheet=source.sheet)
    return map_relational_export(path.name, header, rows, source, codes)


def map_relational_export(
    name: str, header: list[str], rows: list[tuple[int, list[str]]], source, codes: RelationalCodes
) -> RelationalBatch:
    """Map a LimeSurvey export (header and numbered rows) into report rows and validate them.

    Each partner is a sub-question: `FREQ[P01]`, `OPENHEID[P01]` …, and topics a checkbox array
    `ONDERWERP[P01_verwijzing]`. A partner whose sub-questions are all empty is not reported on;
    the organisation's own sub-questions are ignored (a survey array lists every partner). Raises
    FileFormatError when the file lacks the columns the mapping needs.
    """
    mapping = source.mapping
    personal = source.personal_columns()
    keep = [i for i, h in enumerate(header) if h.lower() not in personal]
    kept = [header[i] for i in keep]
    columns = _meta_columns(name, kept, source)
    layout, warnings = _layout_of(name, kept, source)
    out = _ReportRows()
    skip_incomplete = source.defaults().get("skip_incomplete", False)
    for number, full in rows:
        if len(full) != len(header):
            fields_kept = [full[i] for i in keep if i < len(full)]
            reason = f"{name} row {number}: {len(full)} fields, the header has {len(header)}"
            out.rejects.append(Reject(number, None, None, reason, {"fields": fields_kept}))
            continue
        row = dict(zip(kept, (full[i].strip() for i in keep)))
        if skip_incomplete and row[columns["submitted_at"]] == "":
            out.skipped += 1  # an incomplete survey response: not an error, not yet data
            continue
        out.add(number, row, columns, mapping, layout)
    if out.own:
        warnings.append(
            f"{name}: {out.own} answer(s) about the organisation itself ignored (its own line of "
            "a partner array)"
        )
    frame = pd.DataFrame.from_records(
        out.records, columns=["row_number", *TEMPLATE_COLUMNS, "_marker"]
    )
    frame["_marker"] = frame["_marker"].eq(True)  # NaN on the report rows
    frame[list(TEMPLATE_COLUMNS)] = frame[list(TEMPLATE_COLUMNS)].fillna("").astype(str)
    headings = pd.DataFrame.from_records(out.heads, columns=list(TEMPLATE_COLUMNS)).fillna("")
    batch = validate_reports(
        name,
        frame,
        codes,
        dayfirst=mapping.dayfirst,
        headings=headings,
        given=pd.DataFrame.from_records(out.given, columns=["field", "text"]),
        raw_rows=out.raw_rows,
        warnings=warnings,
        window=DateWindow.of(source),
    )
    batch.rejects = sorted(out.rejects + batch.rejects, key=lambda r: r.row_number or 0)
    batch.skipped = out.skipped
    return batch


def _meta_columns(name: str, kept: list[str], source) -> dict[str, str | None]:
    """The heading of response id, submitted date, network, wave and organisation (None: a fixed
    value); FileFormatError when the file lacks one."""
    mapping = source.mapping
    columns = {
        "response_id": source.column("response_id"),
        "submitted_at": source.column("submitted_at"),
        **{f: getattr(mapping, f).column for f in ("network", "wave", "organisation")},
    }
    missing = [h for h in columns.values() if h and h not in kept]
    if missing:
        shown = ", ".join(repr(h) for h in kept[:12])
        raise FileFormatError(
            f"{name}: missing column(s) {', '.join(repr(h) for h in missing)} that source "
            f"{source.name!r} maps (the file has {shown}{' …' if len(kept) > 12 else ''})"
        )
    return columns


def _layout_of(name: str, kept: list[str], source) -> tuple[_Layout, list[str]]:
    """Which headings hold which partner's answers, and the warnings about absent questions;
    FileFormatError for topic columns naming no topic, or without any frequency column."""
    mapping = source.mapping
    questions = mapping.questions
    by_question = {getattr(questions, f): f for f in ("frequency", "topics", *STATEMENTS)}
    cells: dict[str, dict[str, str]] = {}  # sub-question → field → heading
    topic_cells: dict[str, dict[str, str]] = {}  # sub-question → topic code → heading
    topic_codes = {**TOPIC_WORDS, **{k.lower(): v for k, v in mapping.topic_codes.items()}}
    unknown_topics = []
    for heading in kept:
        match = SUB_QUESTION.match(heading)
        if not match or match["question"] not in by_question:
            continue
        field_ = by_question[match["question"]]
        if field_ == "topics":
            sub, _, topic = match["sub"].partition("_")
            code = topic_codes.get(topic.lower())
            if code is None:
                unknown_topics.append(heading)
            else:
                topic_cells.setdefault(sub, {})[code] = heading
        else:
            cells.setdefault(match["sub"], {})[field_] = heading
    if unknown_topics:
        raise FileFormatError(
            f"{name}: topic column(s) {', '.join(unknown_topics)} name no topic; map their codes "
            f"with topic_codes in source {source.name!r} (topics: {', '.join(m.TOPICS)})"
        )
    if not any("frequency" in c for c in cells.values()):
        raise FileFormatError(
            f"{name}: no {questions.frequency}[…] column: export with question codes as "
            f"headings, or set questions.frequency in source {source.name!r}"
        )
    warnings = []
    found = {f for c in cells.values() for f in c} | ({"topics"} if topic_cells else set())
    absent = [f"{getattr(questions, f)} ({f})" for f in ("topics", *STATEMENTS) if f not in found]
    if absent:
        warnings.append(f"{name}: no columns of question(s) {', '.join(absent)}")
    layout = _Layout(
        cells,
        topic_cells,
        {**FREQUENCY_WORDS, **_lower(mapping.frequency_values)},
        {**STATEMENT_WORDS, **_lower(mapping.statement_values)},
    )
    return layout, warnings


@dataclass
class _ReportRows:
    """The export's responses as report rows in the template's shape, with what validation needs
    besides: each row's headings, the problems the mapping found, the input rows."""

    records: list[dict] = field(default_factory=list)
    heads: list[dict] = field(default_factory=list)
    given: list[dict] = field(default_factory=list)
    raw_rows: dict[int, dict] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    skipped: int = 0  # incomplete responses
    own: int = 0  # answers about the organisation itself, ignored

    def add(self, number: int, row: dict, columns: dict, mapping, layout: _Layout) -> None:
        """One response: a report row per partner answered about (a marker row without any)."""
        self.raw_rows[number] = row
        base = {
            "row_number": number,
            "response_id": row[columns["response_id"]],
            "submitted_at": row[columns["submitted_at"]],
        }
        for f in ("network", "wave", "organisation"):
            spec = getattr(mapping, f)
            base[f] = spec.translate(row[spec.column]) if spec.column else spec.value
        base_heads = {f: columns[f] or f for f in columns}  # a fixed value: the field
        named = 0
        for sub in layout.subs():
            answers, answer_heads, bad = layout.answers(row, sub)
            if answers is None:
                continue  # not asked or left empty: no report on this partner
            partner = mapping.partner(sub)
            if partner == base["organisation"]:
                self.own += 1  # the organisation's own line of the array
                continue
            self.records.append({**base, "partner": partner, **answers})
            self.heads.append({**base_heads, **answer_heads})
            self.given.append({"field": "topics", "text": "; ".join(bad)})
            named += 1
        if named == 0:
            self.records.append({**base, "partner": "", "_marker": True})
            self.heads.append({**base_heads, "partner": "partner"})
            self.given.append({"field": "", "text": ""})


@dataclass
class _Layout:
    """Which headings hold which partner's answers, and how answer codes read."""

    cells: dict[str, dict[str, str]]  # sub-question → field → heading
    topic_cells: dict[str, dict[str, str]]  # sub-question → topic code → heading
    frequency_words: Mapping[str, int | None]
    statement_words: Mapping[str, int | None]

    def subs(self) -> list[str]:
        """The sub-questions (partners) of the arrays, in the file's order."""
        return list(dict.fromkeys([*self.cells, *self.topic_cells]))

    def answers(self, row: dict[str, str], sub: str) -> tuple[dict | None, dict, list[str]]:
        """One partner's answers in the template's shape (None: all empty), the heading of each
        field, and the problems of its checkbox cells."""
        cells, topics = self.cells.get(sub, {}), self.topic_cells.get(sub, {})
        heads = {"partner": cells.get("frequency") or next(iter({**cells, **topics}.values()))}
        answers, given = {}, ""
        for f in ("frequency", *STATEMENTS):
            raw = row.get(cells[f], "") if f in cells else ""
            words = self.frequency_words if f == "frequency" else self.statement_words
            value = words.get(raw.lower(), raw) if raw else ""
            answers[f] = "" if value is None else str(value)  # None: not answered
            heads[f] = cells.get(f, f)
            given += raw
        ticked, bad = [], []
        for code, heading in topics.items():
            mark = row.get(heading, "")
            if mark.lower() in TICKED:
                ticked.append(code)
            elif mark.lower() not in UNTICKED:
                bad.append(f"{heading} value '{mark}' is not ticked (1, Y) or empty")
            if mark.lower() not in UNTICKED:
                given += mark
        answers["topics"] = ";".join(ticked)
        heads["topics"] = next(iter(topics.values()), "topics")
        return (answers if given else None), heads, bad


def _lower(values: Mapping[str, object]) -> dict[str, object]:
    return {str(k).strip().lower(): v for k, v in values.items()}
