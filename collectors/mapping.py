"""A survey tool's table mapped into the generic template's shape, then validated like it.

The source's mapping (sources file) says which heading holds the response id, the submit date,
the network, the group and the wave, which heading is which item, and which answer label is which
value. Personal-data columns (names, e-mail addresses, tokens) are dropped first, so they reach
neither the database nor a rejected row's raw content.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from collectors.batch import Reject, ResponseBatch, parse_timestamps
from collectors.files import FileFormatError
from collectors.fits import DateWindow
from collectors.template import Codes, validate_rows
from samenwerkingsmonitor.clock import series_local
from samenwerkingsmonitor.sources import Source

TEMPLATE_COLUMNS = ("response_id", "network", "group", "wave", "submitted_at")


class _RawRows:
    """The tool's rows by row number, built only for the few that are rejected."""

    def __init__(self, frame: pd.DataFrame, numbers: list[int]):
        self.frame = frame
        self.position = {n: i for i, n in enumerate(numbers)}

    def __getitem__(self, number: int) -> dict:
        return self.frame.iloc[self.position[number]].to_dict()


def map_export(
    name: str,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    source: Source,
    codes: Codes,
    row_label: Callable[[int], str] | None = None,
) -> ResponseBatch:
    """Map a tool's export (header and numbered rows) through `source`'s mapping and validate it.

    Raises FileFormatError when a mapped column the file needs is missing (the wrong file or
    export settings): such a file goes to quarantine rather than rejecting every row.
    """
    personal = source.personal_columns()
    keep = [i for i, h in enumerate(header) if h.lower() not in personal]
    kept_header = [header[i] for i in keep]
    fields, items, warnings = _mapped_headings(name, kept_header, source)
    rejects, numbers, frame = _tool_rows(name, header, rows, keep)

    skipped = 0
    if source.defaults().get("skip_incomplete") and len(frame):
        # An incomplete survey response has no submit date: not an error, not yet data.
        complete = frame[fields["submitted_at"]] != ""
        skipped = int((~complete).sum())
        numbers = [n for n, ok in zip(numbers, complete) if ok]
        frame = frame[complete].reset_index(drop=True)

    out = _in_template_shape(frame, fields, items, source)
    headings = {f: h for f, h in fields.items() if h}
    headings.update({code: heading for heading, code in items.items()})
    batch = validate_rows(
        name,
        list(out.columns),
        list(zip(numbers, out.astype(str).values.tolist())),
        codes,
        raw_rows=_RawRows(frame, numbers),
        headings=headings,
        row_label=row_label,
        window=DateWindow.of(source),
    )
    batch.rejects = rejects + batch.rejects
    batch.warnings = warnings + batch.warnings
    batch.skipped = skipped
    return batch


def _mapped_headings(
    name: str, kept_header: list[str], source: Source
) -> tuple[dict[str, str | None], dict[str, str], list[str]]:
    """The heading of each template field, the item columns present (heading → code) and the
    warnings; FileFormatError when the file lacks what the mapping needs."""
    mapping = source.mapping
    fields = {
        "response_id": source.column("response_id"),
        "submitted_at": source.column("submitted_at"),
        **{f: getattr(mapping, f).column for f in ("network", "group", "wave")},
    }
    needed = [h for h in fields.values() if h]
    missing = [h for h in needed if h not in kept_header]
    if missing:
        shown = ", ".join(repr(h) for h in kept_header[:12])
        raise FileFormatError(
            f"{name}: missing column(s) {', '.join(repr(h) for h in missing)} that source "
            f"{source.name!r} maps (the file has {shown}{' …' if len(kept_header) > 12 else ''})"
        )
    items = {h: code for h, code in mapping.items.items() if h in kept_header}
    if not items:
        raise FileFormatError(
            f"{name}: none of the item columns that source {source.name!r} maps is in the file "
            f"(expected e.g. {next(iter(mapping.items))!r})"
        )
    warnings = []
    absent = [h for h in mapping.items if h not in kept_header]
    if absent:
        warnings.append(f"{name}: mapped column(s) not in the file: {', '.join(absent)}")
    return fields, items, warnings


def _tool_rows(
    name: str, header: list[str], rows: list[tuple[int, list[str]]], keep: list[int]
) -> tuple[list[Reject], list[int], pd.DataFrame]:
    """Rows with as many fields as the header, personal columns left out, as stripped text
    (with their numbers); the others are rejects."""
    width = len(header)
    rejects: list[Reject] = []
    good: list[tuple[int, list[str]]] = []
    for number, row in rows:
        if len(row) != width:
            fields_kept = [row[i] for i in keep if i < len(row)]
            rejects.append(
                Reject(
                    number,
                    None,
                    None,
                    f"{name} row {number}: {len(row)} fields, the header has {width}",
                    {"fields": fields_kept},
                )
            )
        else:
            good.append((number, [row[i] for i in keep]))
    frame = pd.DataFrame([r for _, r in good], columns=[header[i] for i in keep], dtype=object)
    frame = frame.loc[:, ~frame.columns.duplicated()].fillna("").astype(str)
    frame = frame.apply(lambda col: col.str.strip()) if len(frame) else frame
    return rejects, [n for n, _ in good], frame


def _in_template_shape(
    frame: pd.DataFrame, fields: dict[str, str | None], items: dict[str, str], source: Source
) -> pd.DataFrame:
    """The tool's rows as template columns: codes through the value maps, dates as ISO local
    time, answers through the answer labels."""
    mapping = source.mapping
    out = pd.DataFrame(index=frame.index)
    out["response_id"] = frame[fields["response_id"]] if len(frame) else []
    for field in ("network", "group", "wave"):
        spec = getattr(mapping, field)
        if spec.column:
            out[field] = frame[spec.column].map(spec.translate) if len(frame) else []
        else:
            out[field] = spec.value
    submitted = frame[fields["submitted_at"]] if len(frame) else pd.Series(dtype=str)
    if len(frame):
        # Written back as ISO local time, which the template's validation reads unambiguously.
        parsed = series_local(parse_timestamps(submitted, dayfirst=mapping.dayfirst))
        submitted = parsed.dt.strftime("%Y-%m-%d %H:%M:%S").where(parsed.notna(), submitted)
    out["submitted_at"] = submitted
    answers = source.answer_values()
    as_text = {k: ("nvt" if v is None else str(v)) for k, v in answers.items()}
    for heading, code in items.items():
        column = frame[heading] if len(frame) else pd.Series(dtype=str)
        out[code] = column.str.lower().map(as_text).fillna(column) if len(frame) else []
    return out


def records_table(records: list[dict]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """JSON response records (LimeSurvey's export) as a header and numbered rows.

    Row numbers count from 1 over the records (there is no file line to name).
    """
    header: list[str] = []
    for record in records:
        for key in record:
            if key not in header:
                header.append(key)
    rows = [
        (number, ["" if r.get(h) is None else _text(r.get(h)) for h in header])
        for number, r in enumerate(records, start=1)
    ]
    return header, rows


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def mapped_columns(source: Source) -> set[str]:
    """The tool's headings that the source's mapping reads."""
    mapping = source.mapping
    fields = [getattr(mapping, f).column for f in ("network", "group", "wave")]
    return {source.column("response_id"), source.column("submitted_at"), *mapping.items} | {
        c for c in fields if c
    }
