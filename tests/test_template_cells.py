"""Template validation through the cells' distinct values (collectors/cells.py): the same texts,
rejects and moments as validating cell by cell (issue 18)."""

from __future__ import annotations

import math

import pandas as pd

from collectors.batch import parse_timestamps
from collectors.cells import Cells
from collectors.template import Codes, validate_rows

HEADER = ["response_id", "network", "group", "wave", "submitted_at", "I1", "I2"]
CODES = Codes(frozenset({"N1"}), frozenset({"ZP"}), frozenset({"I1", "I2"}), frozenset({"W1"}))


def test_cells_that_strip_alike_share_a_code_and_other_values_become_text():
    cells = Cells(["a", "b", "c"], [[" 3", "3", None], [1, 1.0, True], [math.nan, "x ", " x"]])
    texts = [[cells.values[c] for c in row] for row in cells.codes]
    assert texts == [["3", "3", "None"], ["1", "1.0", "True"], ["nan", "x", "x"]]
    assert cells.codes[0, 0] == cells.codes[0, 1] and cells.codes[2, 1] == cells.codes[2, 2]
    assert cells.row(1) == {"a": "1", "b": "1.0", "c": "True"}


def test_every_problem_of_a_row_is_named_in_column_order_with_its_value():
    rows = [
        (2, ["r1", "N1", "ZP", "W1", "2026-11-02 09:46", " 4 ", "nvt"]),
        (3, ["r2\x00", "N2", "ZP", "W" * 21, "2026-11-02 09:46", "6", "3"]),
    ]
    batch = validate_rows("f.csv", HEADER, rows, CODES)
    [reject] = batch.rejects
    assert (reject.row_number, reject.column, reject.value) == (3, "response_id", "r2\x00")
    assert reject.reason == (
        "f.csv row 3: response_id contains a NUL character; wave is longer than 20 characters; "
        "unknown network 'N2'; unknown wave '" + "W" * 21 + "' (the instrument's waves: W1; a "
        "source with create_waves: true may add one); I1 value '6' is not 1–5, empty, nvt or "
        "weet niet"
    )
    assert reject.raw == dict(zip(HEADER, rows[1][1]))
    assert batch.answers["value"].tolist()[0] == 4.0 and math.isnan(batch.answers["value"][1])


def test_offsets_are_found_however_they_are_written_and_bare_times_are_local():
    # The pre-check searches the joined column for Z, + or a - after a time; a - offset is the
    # one written like a date's own dashes.
    moments = parse_timestamps(
        pd.Series(["2026-11-02 09:46:00-05:00", "2026-11-02 09:46", "2026-11-02 09:46:00.5 -0500"])
    )
    assert [str(m) for m in moments] == [
        "2026-11-02 14:46:00+00:00",
        "2026-11-02 08:46:00+00:00",
        "2026-11-02 14:46:00.500000+00:00",
    ]
    plain = parse_timestamps(pd.Series(["02-11-2026 09:46", "2026-11-02T09:46"]))
    assert [str(m) for m in plain] == ["2026-11-02 08:46:00+00:00"] * 2


def test_a_column_named_row_number_is_ignored_like_any_unknown_column():
    # The frame of the old validation had its own row_number column: such a file raised
    # "cannot insert row_number, already exists" instead of being read.
    rows = [(2, ["r1", "N1", "ZP", "W1", "2026-11-02 09:46", "4", "3", "17"])]
    batch = validate_rows("f.csv", [*HEADER, "row_number"], rows, CODES)
    assert batch.responses["row_number"].tolist() == [2] and not batch.rejects
    assert batch.warnings == [
        "f.csv: ignored column(s) that are no item code of the framework: row_number"
    ]
