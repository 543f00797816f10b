"""The arrows of the house run one way (README, "Layout"): a module may import only from its own room
and the rooms below it. Imports inside functions count too: a circle hidden in a function is still a
circle. A module of `samenwerkingsmonitor` not named below is on top (commands, scheduler, demo).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (
    "samenwerkingsmonitor",
    "accounts",
    "demo",
    "db",
    "collectors",
    "metrics",
    "charts",
    "reports",
    "dashboard",
)

# Room of a module: the longest matching prefix. The fixed words, clock, settings, framework and the
# writers of inert files are the floor everything stands on.
ROOMS = {
    "samenwerkingsmonitor.vocabulary": "core",
    "samenwerkingsmonitor.clock": "core",
    "samenwerkingsmonitor.settings": "core",
    "samenwerkingsmonitor.framework": "core",
    "samenwerkingsmonitor.yaml_file": "core",
    "samenwerkingsmonitor.framework_model": "core",
    "samenwerkingsmonitor.framework_checks": "core",
    "samenwerkingsmonitor.framework_file": "core",
    "samenwerkingsmonitor.inert": "core",
    "samenwerkingsmonitor.numbers": "core",
    "samenwerkingsmonitor.texts": "core",
    "samenwerkingsmonitor.catalogue": "core",
    "samenwerkingsmonitor.logs": "core",
    "samenwerkingsmonitor.mail": "core",
    "samenwerkingsmonitor.database_errors": "core",
    "db": "db",
    "samenwerkingsmonitor.framework_store": "services",
    "samenwerkingsmonitor.framework_lookup": "services",
    "samenwerkingsmonitor.framework_rows": "services",
    "samenwerkingsmonitor.context": "services",
    "samenwerkingsmonitor.health": "services",
    "samenwerkingsmonitor.sources": "services",
    "samenwerkingsmonitor.schedules": "services",
    "samenwerkingsmonitor.source_kinds": "services",
    "accounts": "services",
    "demo": "top",
    "collectors": "collectors",
    "metrics": "metrics",
    "charts": "charts",
    "reports": "reports",
    "dashboard": "dashboard",
    "samenwerkingsmonitor": "top",
}
MAY_IMPORT = {
    "core": {"core"},
    "db": {"core", "db"},
    "services": {"core", "db", "services"},
    "collectors": {"core", "db", "services", "collectors"},
    "metrics": {"core", "db", "metrics"},
    "charts": {"core", "charts"},
    "reports": {"core", "db", "services", "metrics", "charts", "reports"},
    "dashboard": {
        "core",
        "db",
        "services",
        "collectors",
        "metrics",
        "charts",
        "reports",
        "dashboard",
    },
    "top": set(ROOMS.values()),
}


def room(module: str) -> str:
    matches = [p for p in ROOMS if module == p or module.startswith(p + ".")]
    return ROOMS[max(matches, key=len)]


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            rel = path.relative_to(ROOT)
            if "migrations" in rel.parts:
                continue
            found[".".join(rel.with_suffix("").parts).removesuffix(".__init__")] = path
    return found


def imported(path: Path, module: str, known: set[str]) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = module.split(".")
                base = parts[: len(parts) - node.level + (path.name == "__init__.py")]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            # `from samenwerkingsmonitor import clock` imports the module clock, not the package
            names |= {
                f"{source}.{a.name}" if f"{source}.{a.name}" in known else source
                for a in node.names
            }
    return {n for n in names if n.split(".")[0] in PACKAGES}


def test_every_import_runs_down_or_within_its_room():
    backwards = []
    found = modules()
    for module, path in sorted(found.items()):
        mine = room(module)
        for target in sorted(imported(path, module, set(found))):
            if room(target) not in MAY_IMPORT[mine]:
                backwards.append(f"{module} ({mine}) imports {target} ({room(target)})")
    assert not backwards, "imports that run back up the house:\n" + "\n".join(backwards)


def test_the_rule_catches_an_arrow_that_runs_back():
    # The test above must be able to fail: a metrics module importing the dashboard is reported.
    assert room("metrics.scoring") == "metrics" and room("dashboard.app") == "dashboard"
    assert room("dashboard.app") not in MAY_IMPORT[room("metrics.scoring")]
    assert room("samenwerkingsmonitor.cli") == "top"
    assert room("samenwerkingsmonitor.clock") == "core"


def test_no_import_circle():
    import networkx as nx

    found = modules()
    graph = nx.DiGraph()
    for module, path in found.items():
        for target in imported(path, module, set(found)):
            while target and target not in found:  # `import db.models.x` -> the nearest module
                target = target.rpartition(".")[0]
            # a package importing its own submodules is how packages re-export, not a circle
            if target and target != module and not target.startswith(module + "."):
                graph.add_edge(module, target)
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert not circles, f"import circles: {circles}"
