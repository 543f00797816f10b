"""A source kind is one module (issue 15): the registry of samenwerkingsmonitor/source_kinds.py.

The kind `peilstok_csv` below stands for a tool the project does not know (a semicolon CSV with its
own headings, the wave a setting of the source): it is declared and registered in this test
alone, with its own settings schema, and its file is collected through the normal `collect` path
without any other module knowing it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select

import collectors.kinds as kinds_package
from collectors.collect import collect
from collectors.questionnaire_files import ingest_questionnaire_file
from collectors.sample import describe_responses, describe_sample
from collectors.template import Codes, validate_rows
from db import models as m
from samenwerkingsmonitor.source_kinds import (
    SourceKind,
    file_kind_names,
    get_kind,
    kind_names,
    register,
    unregister,
)
from samenwerkingsmonitor.sources import SourcesError, load_sources

# The made-up tool's headings → the template's columns (collectors/template.py).
HEADINGS = {
    "Nr": "response_id",
    "Netwerk": "network",
    "Doelgroep": "group",
    "Ingevuld": "submitted_at",
}


class PeilstokSettings(BaseModel):
    """The keys a peilstok_csv source has beyond the common ones."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    delimiter: str = ";"
    wave: str  # the tool does not export the wave: the source names it


def read_peilstok(path: Path, source, codes: Codes):
    settings: PeilstokSettings = source.settings
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle, delimiter=settings.delimiter))
    header = [HEADINGS.get(h, h) for h in table[0]] + ["wave"]
    rows = [(number, [*cells, settings.wave]) for number, cells in enumerate(table[1:], start=2)]
    return validate_rows(path.name, header, rows, codes)


@pytest.fixture
def peilstok():
    kind = register(
        SourceKind(
            name="peilstok_csv",
            description="a Peilstok export: semicolon CSV, the wave a setting",
            settings=PeilstokSettings,
            ingest=lambda ctx, path, source, **options: ingest_questionnaire_file(
                ctx, path, source, read_peilstok, **options
            ),
            describe=lambda ctx, path, source: describe_responses(ctx, path, source, read_peilstok),
        )
    )
    yield kind
    unregister(kind.name)


def sources_yaml(tmp_path: Path, extra: str = "    wave: '2026'\n") -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n"
        "  - name: peilstok\n"
        "    kind: peilstok_csv\n"
        "    stable_seconds: 0\n"
        "    delimiter: ';'\n" + extra,
        encoding="utf-8",
    )
    return path


def test_a_kind_registered_in_a_test_is_collected_through_collect(ctx, tmp_path, peilstok):
    sources = load_sources(sources_yaml(tmp_path), ctx.framework)
    source = sources.get("peilstok")
    assert source.settings == PeilstokSettings(wave="2026")
    inbox = source.inbox_dir(ctx.settings.data_dir, sources.inbox_root)
    inbox.mkdir(parents=True)
    (inbox / "peilstok.csv").write_text(
        "Nr;Netwerk;Doelgroep;Ingevuld;VIS1;VIS2\n"
        "p1;UTS;ZP;2026-10-01 09:00;4;5\n"
        "p2;UTS;ZP;2026-10-02 10:00;2;\n"
        "p3;XXX;ZP;2026-10-02 10:00;3;3\n",
        encoding="utf-8",
    )

    result = collect(ctx, source, sources)

    assert result.errors == []
    [run] = result.runs
    assert (run.rows_new, run.rows_rejected) == (2, 1)
    with ctx.engine.connect() as c:
        assert c.scalar(select(func.count()).select_from(m.Response)) == 2
        assert c.scalar(select(func.count()).select_from(m.Answer)) == 3
        assert set(c.scalars(select(m.Response.source))) == {"peilstok"}
    assert [p.name for p in inbox.glob("*.csv")] == []
    assert len(list((inbox / "processed").glob("peilstok.*.csv"))) == 1


def test_the_sample_of_a_registered_kind_is_its_own_description(ctx, tmp_path, peilstok):
    source = load_sources(sources_yaml(tmp_path, "    wave: '2026'\n"), ctx.framework).get(
        "peilstok"
    )
    path = tmp_path / "proef.csv"
    path.write_text("Nr;Netwerk;Doelgroep;Ingevuld;VIS1\np1;UTS;ZP;2026-10-01 09:00;4\n")
    lines = [text for text, _ in describe_sample(ctx, path, source)]
    assert lines[0] == (
        "proef.csv: 1 rows — would ingest 1 responses with 1 answers; 0 rejected, "
        "0 incomplete skipped"
    )
    assert "  wave: 2026 1" in lines


def test_a_kinds_settings_are_validated_by_its_own_schema(tmp_path, peilstok):
    with pytest.raises(SourcesError) as caught:
        load_sources(sources_yaml(tmp_path, "    wave: '2026'\n    delimter: ','\n"))
    assert str(caught.value) == (
        f"{tmp_path / 'sources.yaml'}:7: sources[0].delimter: unknown field (check the spelling)"
    )
    with pytest.raises(SourcesError, match=r"sources\[0\]\.wave: required field is missing"):
        load_sources(sources_yaml(tmp_path, ""))


def test_an_unknown_kind_names_the_registered_ones(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("sources:\n  - {name: q, kind: castor_edc}\n", encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    assert "sources[0].kind: unknown kind 'castor_edc'; known kinds: goal_file, " in (
        str(caught.value)
    )


def test_the_built_in_kinds_are_each_one_module(peilstok):
    built_in = set(kind_names()) - {"peilstok_csv"}
    assert built_in == {
        "template",
        "limesurvey_file",
        "msforms_file",
        "status_file",
        "goal_file",
        "limesurvey_api",
        "push",
        "relational_template",
        "limesurvey_relational_file",
    }
    folder = Path(kinds_package.__file__).parent
    modules = {p.stem for p in folder.glob("*.py")} - {"__init__"}
    assert modules == built_in
    assert set(file_kind_names()) == built_in - {"limesurvey_api", "push"} | {"peilstok_csv"}
    assert get_kind("limesurvey_api").fetch is not None
    assert get_kind("limesurvey_relational_file").relational
    assert get_kind("msforms_file").defaults["response_id"] == "ID"


def test_a_typo_in_a_built_in_kinds_settings_is_still_an_error(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        "sources:\n  - name: t\n    kind: template\n    stable_secs: 5\n", encoding="utf-8"
    )
    with pytest.raises(
        SourcesError,
        match=r"s.yaml:4: sources\[0\]\.stable_secs: unknown field \(check the spelling\)",
    ):
        load_sources(path)
