"""The command line starts at once (issue 18): `--help` and a recompute that finds nothing to do
import neither the dashboard's libraries nor the computing ones.

Each command runs in a fresh interpreter with `-X importtime`, which lists every module the
process imported; the test reads that list rather than a clock, so a busy machine cannot make it
pass or fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import TableClause

from tests.conftest import SEPTET

ROOT = Path(__file__).resolve().parent.parent

# What only drawing or computing needs. `--help` needs none of these, nor the database layer.
DRAWING = ("dash", "plotly", "flask", "dashboard", "charts", "reports")
COMPUTING = ("pandas", "numpy", "scipy", "networkx", "metrics.answers", "metrics.wave_figures")
DATABASE = ("sqlalchemy", "alembic", "pydantic", "argon2", "db.models")
ORM = ("sqlalchemy.orm", "db.models")
RULES = ("pydantic", "samenwerkingsmonitor.framework_model")


def imported_modules(*args: str, env: dict[str, str]) -> set[str]:
    """The modules a `samenwerkingsmonitor ARGS` process imported (it must succeed)."""
    run = "import sys; from samenwerkingsmonitor.cli import main; main(sys.argv[1:])"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", run, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[1].strip() for line in lines[1:]}


def loaded(modules: set[str], packages: tuple[str, ...]) -> set[str]:
    return {
        name for name in modules if any(name == p or name.startswith(p + ".") for p in packages)
    }


def test_help_imports_nothing_heavy(tmp_path):
    modules = imported_modules("--help", env={"DATA_DIR": str(tmp_path)})
    assert "samenwerkingsmonitor.cli" in modules  # the list is real
    assert loaded(modules, DRAWING + COMPUTING + DATABASE) == set()


def test_a_subcommands_help_imports_nothing_heavy(tmp_path):
    modules = imported_modules("users", "add", "--help", env={"DATA_DIR": str(tmp_path)})
    assert loaded(modules, DRAWING + COMPUTING + DATABASE) == set()


def test_recompute_on_an_empty_database_does_not_compute_or_draw(database_url, tmp_path):
    env = {
        "DATABASE_URL": database_url,
        "DATA_DIR": str(tmp_path / "data"),
        "FRAMEWORK_FILE": str(SEPTET),
    }
    modules = imported_modules("recompute", env=env)
    assert "sqlalchemy" in modules and "metrics.recompute" in modules
    assert loaded(modules, DRAWING + COMPUTING) == set()
    # The first command stored the framework (with the ORM). Now nothing is to be written:
    # neither the ORM nor the 57 models are imported, only the table clauses read.
    # Nor the framework's rules: the file's hash says it is the framework stored last.
    modules = imported_modules("recompute", env=env)
    assert "db.tables" in modules and "samenwerkingsmonitor.framework_lookup" in modules
    assert loaded(modules, DRAWING + COMPUTING + ORM + RULES) == set()


def test_recompute_checks_and_stores_a_framework_file_that_changed(database_url, tmp_path):
    """The shortcut above holds only for the very file stored last: an edited file is read,
    checked and stored as before (a broken one refused), and then the shortcut holds again."""
    framework = tmp_path / "framework.yaml"
    framework.write_bytes(SEPTET.read_bytes())
    env = {
        "DATABASE_URL": database_url,
        "DATA_DIR": str(tmp_path / "data"),
        "FRAMEWORK_FILE": str(framework),
    }
    imported_modules("recompute", env=env)  # stores it
    framework.write_bytes(SEPTET.read_bytes() + b"\n# a comment is an edit too\n")
    assert loaded(imported_modules("recompute", env=env), RULES)  # checked and stored
    assert not loaded(imported_modules("recompute", env=env), RULES)  # the one stored last
    framework.write_bytes(SEPTET.read_bytes() + b"\nnot: [valid\n")
    run = "import sys; from samenwerkingsmonitor.cli import main; main(sys.argv[1:])"
    done = subprocess.run(
        [sys.executable, "-c", run, "recompute"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode != 0 and "framework.yaml" in done.stderr, done.stderr


def test_the_table_clauses_are_the_models_columns():
    """db/tables.py names columns of db.models by hand: each must be the model's column, of the
    same type (a String of the same length), or a statement on the clause would not be the one
    the model's table gives."""
    from db import models, tables

    clauses = [c for c in vars(tables).values() if isinstance(c, TableClause)]
    assert {c.name for c in clauses} >= {"work_lock", "partition", "framework_version"}
    for clause in clauses:
        table = models.Base.metadata.tables[clause.name]
        for column in clause.c:
            model_type, clause_type = table.c[column.name].type, column.type
            assert type(clause_type) is type(model_type), (clause.name, column.name)
            assert getattr(clause_type, "length", None) == getattr(model_type, "length", None)
