"""The statements behind a theme show what respondents answered: a reverse-coded statement's mean
and share agreeing are those of the raw answers, marked as reversed, with the score it adds to
the theme beside it under its own heading (issue 16)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from sqlalchemy import text

from dashboard.pages.network_items import items_table
from tests.conftest import make_context


@pytest.fixture(scope="module")
def demo(tmp_path_factory, templates):
    tmp = tmp_path_factory.mktemp("items")
    # The module's copy of the session's demo database, recomputed (tests/databases.py).
    context = make_context(templates.copy("sqlite", "recomputed", tmp), tmp)
    yield context
    context.engine.dispose()


def _raw_answers(ctx, item: str, network: str, wave: str) -> pd.Series:
    sql = text(
        "SELECT a.value FROM answer a JOIN response r ON r.id = a.response_id "
        "JOIN item i ON i.id = a.item_id JOIN network n ON n.id = r.network_id "
        "JOIN wave w ON w.id = r.wave_id "
        "WHERE i.code = :item AND n.code = :network AND w.code = :wave AND a.value IS NOT NULL"
    )
    with ctx.engine.connect() as c:
        values = c.execute(sql, {"item": item, "network": network, "wave": wave}).scalars()
        return pd.Series(list(values), dtype=float)


def _num(value: float, lang: str = "nl") -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "nl" else text


def _row(frame: pd.DataFrame, code: str) -> pd.Series:
    return frame[frame.iloc[:, 1].str.startswith(code)].iloc[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_reversed_statement_shows_raw_answers_and_its_contribution(demo, lang):
    raw = _raw_answers(demo, "VIS4", "EEM", "2026")
    assert len(raw) >= 5
    query = {"network": "EEM", "wave": "2026", "measure": "theme", "subject": "VISIE"}
    frame = items_table(demo, {**query, "theme": "VISIE"}, lang)
    row = _row(frame, "VIS4")
    answered_mean = _num(raw.mean(), lang)
    agree = f"{round((raw >= 4).mean() * 100):.0f}%"
    contribution = _num(6 - raw.mean(), lang)
    columns = list(frame.columns)
    mean_col = next(c for c in columns if c in ("Gemiddeld antwoord", "Mean answer"))
    agree_col = next(c for c in columns if c in ("% (zeer) eens", "% (strongly) agree"))
    score_col = next(c for c in columns if "bijdrage aan de score" in c or "contribution to" in c)
    assert row[mean_col] == answered_mean
    assert row[agree_col] == agree
    assert row[score_col] == contribution
    reversed_word = "omgekeerd" if lang == "nl" else "reverse"
    assert reversed_word in " ".join(str(v) for v in row.to_numpy())
    # a statement that is not reversed: answer and contribution are the same number
    plain_row = _row(frame, "VIS1")
    assert plain_row[mean_col] == plain_row[score_col]
    assert reversed_word not in " ".join(str(v) for v in plain_row.to_numpy())


def test_download_of_the_statements_says_the_same(demo):
    from dashboard.components import send_table

    query = {"network": "EEM", "wave": "2026", "measure": "theme", "subject": "VISIE"}
    frame = items_table(demo, {**query, "theme": "VISIE"}, "nl")
    sent = send_table(frame, "csv", "stellingen")
    content = sent["content"]
    raw = _raw_answers(demo, "VIS4", "EEM", "2026")
    assert _num(raw.mean()) in content
    assert "bijdrage aan de score" in content
    assert "omgekeerd" in content
    assert content.startswith("\ufeff")  # Dutch Excel reads UTF-8 only with the BOM
    read = pd.read_csv(io.StringIO(content[1:]), sep=";", dtype=str)
    assert list(read.columns) == list(frame.columns) and len(read) == len(frame)
    english = send_table(items_table(demo, {**query, "theme": "VISIE"}, "en"), "csv", "items", "en")
    assert not english["content"].startswith("\ufeff")
    assert len(pd.read_csv(io.StringIO(english["content"]), sep=",")) == len(frame)


def test_csv_keeps_neutralising_formulas_with_either_separator():
    from dashboard.components import send_table

    frame = pd.DataFrame({"naam": ["=HYPERLINK(1)"], "verschil": ["-0,5 punten"]})
    for lang in ("nl", "en"):
        content = send_table(frame, "csv", "x", lang)["content"]
        assert "'=HYPERLINK(1)" in content and "'-0,5 punten" in content
