"""Reproducible installs: what the code imports is declared, what is declared is used, and the lock
files pin (with hashes) versions that pyproject.toml allows."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
# The product's packages, as pyproject.toml installs them (a new package is covered by itself).
RUNTIME_CODE = [
    name.rstrip("*")
    for name in tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"
    ]["find"]["include"]
]
TEST_CODE = ["tests", "bench", "deploy"]
FIRST_PARTY = {*RUNTIME_CODE, *TEST_CODE}
# Declared but never imported, on purpose: what they are for.
USED_WITHOUT_IMPORT = {
    "flask-compress": "Dash(compress=True) imports it to compress responses (dashboard/delivery.py)",
    "gunicorn": "the production web server (docker-compose.yml runs it as a command)",
    "psycopg": "the PostgreSQL driver SQLAlchemy loads for postgresql+psycopg:// URLs",
    "tzdata": "the zone database zoneinfo falls back to where the system has none (TIME_ZONE)",
}


def _project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def _declared(requirements: list[str]) -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r in map(Requirement, requirements)}


def _imports(folders: list[str]) -> set[str]:
    """Top-level names of every absolute import in the folders' Python files (also inside
    functions, which is where optional dependencies are imported)."""
    names, local = set(), set()
    for folder in folders:
        for path in (REPO / folder).rglob("*.py"):
            local.add(path.stem)  # a script's sibling module (deploy/smoke_client.py)
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - FIRST_PARTY - local - {"__future__"}


def _distributions(modules: set[str]) -> set[str]:
    """The installed distributions that provide these import names (yaml -> pyyaml)."""
    provided = importlib.metadata.packages_distributions()
    found = set()
    for module in modules:
        assert module in provided, f"{module} is imported but no installed package provides it"
        found |= {canonicalize_name(d) for d in provided[module]}
    return found


def _pins(path: Path) -> dict[str, str]:
    text = path.read_text()
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", text, re.M)
    }


def test_every_imported_package_is_declared():
    runtime = set(_declared(_project()["dependencies"]))
    testing = set(_declared(_project()["optional-dependencies"]["test"]))
    missing = _distributions(_imports(RUNTIME_CODE)) - runtime
    assert not missing, f"imported by the product, not in [project] dependencies: {missing}"
    # dash[testing] brings selenium: the test extra names it through dash's extra.
    extra = {"selenium"}
    missing = _distributions(_imports(TEST_CODE)) - runtime - testing - extra
    assert not missing, f"imported by tests/bench, not declared: {missing}"


def test_every_declared_runtime_package_is_used():
    imported = _distributions(_imports(RUNTIME_CODE + TEST_CODE))
    unused = set(_declared(_project()["dependencies"])) - imported - set(USED_WITHOUT_IMPORT)
    assert not unused, f"declared in pyproject.toml but never imported: {unused}"


def test_locks_pin_allowed_versions_with_hashes():
    runtime = _pins(REPO / "requirements" / "runtime.txt")
    testing = _pins(REPO / "requirements" / "test.txt")
    for name, requirement in _declared(_project()["dependencies"]).items():
        assert requirement.specifier.contains(runtime[name]), (name, runtime[name])
        assert testing[name] == runtime[name], name
    for name, requirement in _declared(_project()["optional-dependencies"]["test"]).items():
        assert requirement.specifier.contains(testing[name]), (name, testing[name])
    # The test set includes the runtime set at the same versions: CI tests what production runs.
    differ = {n: (v, testing.get(n)) for n, v in runtime.items() if testing.get(n) != v}
    assert not differ, differ
    for lock in ("runtime.txt", "test.txt"):
        entries = re.split(r"\n(?=[A-Za-z0-9])", (REPO / "requirements" / lock).read_text())
        unhashed = [e.split()[0] for e in entries if "==" in e and "--hash=sha256:" not in e]
        assert not unhashed, (lock, unhashed)
