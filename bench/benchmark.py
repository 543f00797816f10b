"""The national-scale benchmark of the Samenwerkingsmonitor (README, "Benchmark").

Generates a synthetic data set the size of the whole country — 7 consortia, 66 networks, 10 waves,
500 respondents per network per wave, 40 items (about 13 million answers) — and measures the real
code on it: the template ingest (`collectors.ingest.ingest_file`), the full recompute
(`metrics.store.recompute(everything=True)`), the incremental recompute after one new wave of one
network, the peak memory, and in the same run the floor of design.md ("Speed by design"): the same
answers read with one plain query into pandas plus a bare group-by of the theme means.

    python bench/benchmark.py [--scale 1.0] [--database-url URL] [--workdir DIR] [--keep]

Nothing here reimplements the product: the frameworks are YAML files read by `load_framework`, the
answers are CSV files in the generic template read by `ingest_file`. It is a report, not a test:
the exit code is 0 even when a target is missed. See docs/benchmark.md.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import resource
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `bench.*` run as a script

from bench.cli_speed import TARGET_EMPTY_RECOMPUTE, TARGET_HELP  # noqa: E402
from bench.cli_speed import measure as measure_command_line  # noqa: E402
from collectors.ingest import ingest_file  # noqa: E402
from db.engine import make_engine, transaction, upgrade  # noqa: E402
from metrics.store import recompute  # noqa: E402
from samenwerkingsmonitor.framework import Framework, load_framework  # noqa: E402
from samenwerkingsmonitor.framework_store import store_framework  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_WORKDIR = REPO / "bench-data"  # ignored by git

# The national scale of the issue. Networks per consortium: 66 over 7 consortia.
NETWORKS_PER_CONSORTIUM = (10, 10, 10, 9, 9, 9, 9)
WAVES = 10
RESPONDENTS = 500  # per network per wave at --scale 1.0
THEMES = 10
ITEMS_PER_THEME = 4  # 40 items
REVERSED = {4, 12, 20, 28, 36}  # 1-based item numbers of the negatively phrased statements
VISION_ELEMENTS = 11
GROUPS = (  # code, name, share of the respondents
    ("ZP", "Zorgprofessional", 0.55),
    ("MB", "Manager", 0.15),
    ("CO", "Coördinator", 0.10),
    ("VW", "Vrijwilliger", 0.20),
)
SHARE_NVT = 0.05  # explicit 'nvt': stored as a NULL answer
SHARE_EMPTY = 0.03  # empty cell: no answer row at all
RESPONSE_RATE = 0.45  # invited = respondents / rate, for the response-rate figures
# W01 stands for 2016-11-01, W10 for 2025-11-01 and the incremental W11 for 2026-11-01: every
# submitted date lies in the past, since the ingest rejects dates after tomorrow (fits.DateWindow).
FIRST_YEAR = 2016
NEW_WAVE = "W11"  # the wave of the incremental recompute: not in the framework, created by ingest
SEED = 20240229  # the date of the Septet vision

# Targets of the issue.
TARGET_INGEST = {"sqlite": 250_000, "postgresql": 200_000}  # answers per second
TARGET_RATIO = 2.0  # full recompute / floor
TARGET_INCREMENTAL = 1.0  # seconds
TARGET_MEMORY_MB = 2048.0


# --- progress and measurements --------------------------------------------------------------


START = time.perf_counter()


def say(message: str) -> None:
    print(f"[{time.perf_counter() - START:8.1f}s] {message}", flush=True)


def load_average() -> str:
    """The 1-minute load average, to show whether other work competed for the CPUs."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:  # not available on every platform
        return "unknown"


def peak_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def phase_done(name: str, seconds: float, peaks: dict[str, float]) -> None:
    peaks[name] = peak_mb()
    say(f"{name}: {seconds:.2f} s; peak memory so far {peaks[name]:.0f} MB")


@dataclass
class Profiler:
    """cProfile around a phase when --profile is given; the stats go to the work folder."""

    folder: Path | None
    results: list[Path] = field(default_factory=list)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        if self.folder is None:
            yield
            return
        profile = cProfile.Profile()
        profile.enable()
        try:
            yield
        finally:
            profile.disable()
            path = self.folder / f"profile-{name}.pstats"
            profile.dump_stats(path)
            self.results.append(path)
            say(f"profile of {name} written to {path}; top by cumulative time:")
            pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(25)


# --- the synthetic frameworks ----------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """One synthetic consortium: its code, networks and respondents per network and wave."""

    number: int
    networks: tuple[str, ...]
    respondents: int

    @property
    def code(self) -> str:
        return f"bench{self.number}"

    @property
    def source(self) -> str:
        # External ids are unique per source: one source per consortium.
        return self.code


def item_code(n: int) -> str:
    return f"I{n:02d}"


def theme_code(t: int) -> str:
    return f"TH{t:02d}"


def wave_code(w: int) -> str:
    return f"W{w:02d}"


def reference_date(w: int) -> date:
    return date(FIRST_YEAR + w - 1, 11, 1)


def framework_yaml(plan: Plan) -> str:
    """A framework file in the schema of samenwerkingsmonitor/framework.py."""
    lines = [
        f"# Synthetic framework of the national benchmark (bench/benchmark.py): {plan.code}.",
        "consortium:",
        f"  code: {plan.code}",
        f'  name: "Benchmark consortium {plan.number}"',
        "settings:",
        "  suppression_threshold: 5",
        "networks:",
        *(f"  - {{code: {code}, name: Netwerk {code}}}" for code in plan.networks),
        "groups:",
        *(f"  - {{code: {code}, name: {name}}}" for code, name, _ in GROUPS),
        "vision_elements:",
        *(f"  - {{code: V{v}, name: Visie-element {v}}}" for v in range(1, VISION_ELEMENTS + 1)),
        "instruments:",
        "  - code: partner",
        "    name: Partnervragenlijst samenwerking",
        "    scale: {min: 1, max: 5}",
        "    themes:",
    ]
    for t in range(1, THEMES + 1):
        lines += [f"      - code: {theme_code(t)}", f"        name: Thema {t}", "        items:"]
        for i in range(1, ITEMS_PER_THEME + 1):
            n = (t - 1) * ITEMS_PER_THEME + i
            elements = [f"V{(n - 1) % VISION_ELEMENTS + 1}"]
            if n % 3 == 0:  # every third item informs a second element
                elements.append(f"V{(n + 4) % VISION_ELEMENTS + 1}")
            lines += [
                f"          - code: {item_code(n)}",
                f"            text: Uitspraak {n} over de samenwerking in ons netwerk.",
                f"            reverse: {'true' if n in REVERSED else 'false'}",
                f"            vision_elements: [{', '.join(elements)}]",
            ]
    lines.append("waves:")
    invited = max(1, round(plan.respondents / RESPONSE_RATE))
    for w in range(1, WAVES + 1):
        per_network = ", ".join(f"{code}: {invited}" for code in plan.networks)
        lines += [
            f'  - code: "{wave_code(w)}"',
            "    instrument: partner",
            f"    reference_date: {reference_date(w).isoformat()}",
            f"    invited: {{{per_network}}}",
        ]
    lines += [
        "targets:",
        "  - {measure: index, subject: index, value: 75}",
        *(
            f"  - {{measure: theme, subject: {theme_code(t)}, value: {70 + t}}}"
            for t in range(1, THEMES + 1)
        ),
        f"  - {{measure: theme, subject: TH01, network: {plan.networks[0]}, value: 80}}",
        "  - {measure: vision_element, subject: V6, value: 78}",
    ]
    return "\n".join(lines) + "\n"


# --- the synthetic answers -------------------------------------------------------------------

ITEM_COLUMNS = [item_code(n) for n in range(1, THEMES * ITEMS_PER_THEME + 1)]
CELL_TEXT = np.array(["", "1", "2", "3", "4", "5", "nvt"], dtype=object)


def responses_csv(
    path: Path,
    plan: Plan,
    wave: int,
    networks: tuple[str, ...],
    rng: np.random.Generator,
    network_effect: dict[str, float],
    theme_effect: np.ndarray,
) -> int:
    """One generic-template file: every respondent of `networks` in one wave; returns its rows.

    Answers follow a respondent's latent attitude plus theme and item noise, so themes, networks
    and waves differ as in real data; reverse-coded items are answered in reverse.
    """
    n_per = plan.respondents
    rows = n_per * len(networks)
    network = np.repeat(np.array(networks, dtype=object), n_per)
    latent = (
        3.4
        + np.repeat([network_effect[c] for c in networks], n_per)
        + 0.04 * (wave - 1)
        + rng.normal(0.0, 0.5, rows)
    )
    theme_of_item = np.repeat(np.arange(THEMES), ITEMS_PER_THEME)
    raw = (
        latent[:, None]
        + theme_effect[theme_of_item][None, :]
        + rng.normal(0, 0.8, (rows, len(ITEM_COLUMNS)))
    )
    values = np.clip(np.rint(raw), 1, 5).astype(np.int8)
    reverse = np.array([n in REVERSED for n in range(1, len(ITEM_COLUMNS) + 1)])
    values[:, reverse] = 6 - values[:, reverse]
    draw = rng.random((rows, len(ITEM_COLUMNS)))
    values[draw < SHARE_NVT] = 6  # 'nvt'
    values[(draw >= SHARE_NVT) & (draw < SHARE_NVT + SHARE_EMPTY)] = 0  # empty cell

    group_codes = np.array([g[0] for g in GROUPS], dtype=object)
    group = rng.choice(group_codes, size=rows, p=[g[2] for g in GROUPS])
    # Submitted in the two months before the wave's reference date.
    ref = np.datetime64(reference_date(wave), "s") - np.timedelta64(1, "D")
    seconds = rng.integers(0, 60 * 86400, rows).astype("timedelta64[s]")
    submitted = pd.Series(ref - seconds).dt.strftime("%Y-%m-%d %H:%M:%S")
    code = wave_code(wave)
    frame = pd.DataFrame(
        {
            "response_id": [f"{plan.source}-{code}-{network[i]}-{i:05d}" for i in range(rows)],
            "network": network,
            "group": group,
            "wave": code,
            "submitted_at": submitted.to_numpy(),
        }
    )
    frame = pd.concat([frame, pd.DataFrame(CELL_TEXT[values], columns=ITEM_COLUMNS)], axis=1)
    frame.to_csv(path, index=False)
    return rows


@dataclass
class DataSet:
    plans: list[Plan]
    frameworks: dict[str, Framework]
    files: dict[str, list[Path]]  # per consortium code, one file per wave
    rows: int
    incremental_file: Path
    incremental_plan: Plan


def generate(workdir: Path, scale: float) -> DataSet:
    respondents = max(1, round(RESPONDENTS * scale))
    rng = np.random.default_rng(SEED)
    plans = [
        Plan(
            number,
            tuple(f"B{number}N{k:02d}" for k in range(1, count + 1)),
            respondents,
        )
        for number, count in enumerate(NETWORKS_PER_CONSORTIUM, start=1)
    ]
    frameworks: dict[str, Framework] = {}
    files: dict[str, list[Path]] = {}
    rows = 0
    for plan in plans:
        yaml_path = workdir / f"{plan.code}.yaml"
        yaml_path.write_text(framework_yaml(plan), encoding="utf-8")
        frameworks[plan.code] = load_framework(yaml_path)
        effects = rng.normal(0.0, 0.25, 99)  # one per possible code BxN01 … BxN99
        network_effect = {c: float(e) for c, e in zip(plan.networks, effects)}
        theme_effect = rng.normal(0.0, 0.3, THEMES)
        files[plan.code] = []
        for w in range(1, WAVES + 1):
            path = workdir / f"{plan.code}-{wave_code(w)}.csv"
            rows += responses_csv(path, plan, w, plan.networks, rng, network_effect, theme_effect)
            files[plan.code].append(path)
        if plan.number == 1:
            incremental_file = workdir / f"{plan.code}-{NEW_WAVE}-{plan.networks[0]}.csv"
            responses_csv(
                incremental_file,
                plan,
                WAVES + 1,
                plan.networks[:1],
                rng,
                network_effect,
                theme_effect,
            )
    return DataSet(plans, frameworks, files, rows, incremental_file, plans[0])


# --- the database ----------------------------------------------------------------------------


@dataclass
class Database:
    url: str
    label: str
    cleanup: Callable[[], None]


def open_database(url: str | None, workdir: Path, keep: bool) -> Database:
    """A fresh database: a new SQLite file, or a new `bench_<random>` database on PostgreSQL."""
    if url is None:
        path = workdir / "bench.sqlite"
        url = f"sqlite:///{path}"
    if url.startswith("sqlite"):
        path = Path(make_url(url).database or "")
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
            stale.unlink(missing_ok=True)

        def drop_sqlite() -> None:
            if not keep:
                for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    stale.unlink(missing_ok=True)

        return Database(url, f"SQLite file {path}", drop_sqlite)
    if not url.startswith("postgresql"):
        raise SystemExit(f"--database-url: expected a sqlite or postgresql URL, got {url!r}")
    server = make_url(url)
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        version = c.scalar(text("SHOW server_version"))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()

    def drop_postgres() -> None:
        if keep:
            say(f"kept PostgreSQL database {name}")
            return
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        say(f"dropped PostgreSQL database {name}")

    fresh = server.set(database=name).render_as_string(hide_password=False)
    return Database(fresh, f"PostgreSQL {version}, database {name}", drop_postgres)


def count_answers(engine: Engine) -> tuple[int, int]:
    with engine.connect() as c:
        answers = c.scalar(text("SELECT count(*) FROM answer"))
        responses = c.scalar(text("SELECT count(*) FROM response"))
    return int(answers), int(responses)


# --- the floor -------------------------------------------------------------------------------

FLOOR_SQL = (
    "SELECT r.network_id, r.wave_id, i.theme_id, a.value "
    "FROM answer a JOIN response r ON r.id = a.response_id JOIN item i ON i.id = a.item_id"
)
FLOOR_CHUNK = 1_000_000


def floor(engine: Engine) -> tuple[float, float, int, int]:
    """design.md's floor: every answer with one plain query into pandas, then a bare group-by of
    the theme means per network x wave. Returns (seconds, of which reading, answers, theme means).

    The query runs on the driver's own cursor (no SQLAlchemy row objects) and is fetched in
    chunks of a million rows — a server-side cursor on PostgreSQL — so the floor never holds a
    Python tuple per answer at once; it is still one query.
    """
    started = time.perf_counter()
    columns = ["network_id", "wave_id", "theme_id", "value"]
    parts = []
    with engine.connect() as c:
        driver = c.connection.driver_connection
        postgres = c.dialect.name == "postgresql"
        cursor = driver.cursor(name="bench_floor") if postgres else driver.cursor()
        try:
            cursor.execute(FLOOR_SQL)
            while chunk := cursor.fetchmany(FLOOR_CHUNK):
                # float64: NULL ('nvt') becomes NaN, which the mean skips, as in the product.
                parts.append(pd.DataFrame(np.array(chunk, dtype=np.float64), columns=columns))
        finally:
            cursor.close()
    answers = pd.concat(parts, ignore_index=True)
    del parts
    read = time.perf_counter() - started
    means = answers.groupby(["network_id", "wave_id", "theme_id"])["value"].mean()
    return time.perf_counter() - started, read, len(answers), len(means)


# --- the run ---------------------------------------------------------------------------------


@dataclass
class Results:
    database: str
    load_start: str = "unknown"
    answers: int = 0
    responses: int = 0
    ingest_seconds: float = 0.0
    full_seconds: float = 0.0
    floor_seconds: float = 0.0
    floor_rows: int = 0
    incremental_ingest_seconds: float = 0.0
    incremental_answers: int = 0
    incremental_seconds: float = 0.0
    peaks: dict[str, float] = field(default_factory=dict)
    dialect: str = "sqlite"
    help_seconds: tuple[float, float] = (0.0, 0.0)  # wall, CPU
    empty_recompute_seconds: tuple[float, float] = (0.0, 0.0)


def run(args: argparse.Namespace) -> Results:
    load_start = load_average()
    workdir = Path(args.workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    profiler = Profiler(workdir if args.profile else None)
    say(
        f"scale {args.scale:g}: {RESPONDENTS * args.scale:g} respondents per network per wave; "
        f"work folder {workdir}"
    )
    started = time.perf_counter()
    data = generate(workdir, args.scale)
    say(
        f"generated {len(data.plans)} frameworks and "
        f"{sum(len(f) for f in data.files.values())} CSV files with {data.rows:,} responses "
        f"in {time.perf_counter() - started:.1f} s"
    )

    database = open_database(args.database_url, workdir, args.keep)
    results = Results(database.label, load_start=load_start)
    say(f"database: {database.label}")
    engine = make_engine(database.url)
    try:
        upgrade(engine)
        consortium_ids: dict[str, int] = {}
        for plan in data.plans:
            with transaction(engine) as s:
                consortium_ids[plan.code] = store_framework(s, data.frameworks[plan.code]).id
        say(f"migrated and stored {len(consortium_ids)} frameworks")
        results.dialect = engine.dialect.name
        results.help_seconds, results.empty_recompute_seconds = measure_command_line(
            database.url, data.frameworks[data.plans[0].code].path, workdir
        )
        say(
            "command line (wall, CPU): --help {:.2f} s, {:.2f} s; recompute on the empty "
            "database {:.2f} s, {:.2f} s".format(
                *results.help_seconds, *results.empty_recompute_seconds
            )
        )

        # 1. Ingest: the real template ingest, file parsing included.
        with profiler.phase("ingest"):
            for plan in data.plans:
                t0 = time.perf_counter()
                for path in data.files[plan.code]:
                    summary = ingest_file(
                        engine, path, consortium_id=consortium_ids[plan.code], source=plan.source
                    )
                    if summary.rows_rejected or summary.skipped:
                        raise SystemExit(f"{path.name}: unexpected ingest result {summary}")
                spent = time.perf_counter() - t0
                results.ingest_seconds += spent
                say(f"ingested {plan.code}: {len(data.files[plan.code])} files in {spent:.1f} s")
        results.answers, results.responses = count_answers(engine)
        phase_done("ingest", results.ingest_seconds, results.peaks)
        if engine.dialect.name == "postgresql":
            # What autovacuum does after a bulk load in production (this machine's server runs
            # with autovacuum off): without statistics the planner scans all answers for one wave.
            t0 = time.perf_counter()
            with engine.connect() as c:
                c.execute(text("ANALYZE response"))
                c.execute(text("ANALYZE answer"))
                c.commit()
            say(f"ANALYZE (autovacuum's job in production): {time.perf_counter() - t0:.1f} s")
        say(
            f"{results.answers:,} answers of {results.responses:,} responses: "
            f"{results.answers / results.ingest_seconds:,.0f} answers/s"
        )

        # 2. Full recompute: every wave of every consortium.
        with profiler.phase("full-recompute"):
            for plan in data.plans:
                t0 = time.perf_counter()
                report = recompute(
                    engine, data.frameworks[plan.code], consortium_ids[plan.code], everything=True
                )
                spent = time.perf_counter() - t0
                results.full_seconds += spent
                say(f"recomputed {plan.code} in {spent:.1f} s: {report[-1]}")
        phase_done("full recompute", results.full_seconds, results.peaks)

        # 3. The floor, on the same answers and the same engine.
        with profiler.phase("floor"):
            results.floor_seconds, read, results.floor_rows, means = floor(engine)
        say(
            f"floor: read {results.floor_rows:,} answers in {read:.1f} s, grouped them into "
            f"{means:,} theme means in {results.floor_seconds - read:.1f} s"
        )
        phase_done("floor", results.floor_seconds, results.peaks)

        # 4. Incremental: one new wave of one network arrives, then a recompute of what changed.
        plan = data.incremental_plan
        before = results.answers
        t0 = time.perf_counter()
        ingest_file(
            engine,
            data.incremental_file,
            consortium_id=consortium_ids[plan.code],
            source=plan.source,
            # W11 is not in the framework: an unknown wave is a reject unless the source creates it.
            create_waves=True,
        )
        results.incremental_ingest_seconds = time.perf_counter() - t0
        results.incremental_answers = count_answers(engine)[0] - before
        if not results.incremental_answers:
            raise SystemExit(f"the incremental file {data.incremental_file} stored no answers")
        say(
            f"ingested {NEW_WAVE} of {plan.networks[0]} ({results.incremental_answers:,} answers) "
            f"in {results.incremental_ingest_seconds:.2f} s"
        )
        with profiler.phase("incremental-recompute"):
            t0 = time.perf_counter()
            report = recompute(
                engine, data.frameworks[plan.code], consortium_ids[plan.code], everything=False
            )
            results.incremental_seconds = time.perf_counter() - t0
        say(f"incremental recompute of {plan.code}: {'; '.join(report)}")
        phase_done("incremental recompute", results.incremental_seconds, results.peaks)
    finally:
        engine.dispose()
        database.cleanup()
        if not args.keep:
            for path in workdir.glob("bench*"):
                if path.suffix in (".csv", ".yaml"):
                    path.unlink()
    return results


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(results: Results, args: argparse.Namespace) -> str:
    ingest_rate = results.answers / results.ingest_seconds if results.ingest_seconds else 0.0
    ratio = results.full_seconds / results.floor_seconds if results.floor_seconds else float("inf")
    product_peak = max(results.peaks.get("ingest", 0.0), results.peaks.get("full recompute", 0.0))
    whole_peak = peak_mb()
    target_ingest = TARGET_INGEST.get(results.dialect, TARGET_INGEST["postgresql"])
    rows = [
        (
            "samenwerkingsmonitor --help s (CPU s)",
            "{:.2f} ({:.2f})".format(*results.help_seconds),
            f"< {TARGET_HELP:g}",
            verdict(results.help_seconds[0] < TARGET_HELP),
        ),
        (
            "recompute on an empty database s (CPU s)",
            "{:.2f} ({:.2f})".format(*results.empty_recompute_seconds),
            f"< {TARGET_EMPTY_RECOMPUTE:g}",
            verdict(results.empty_recompute_seconds[0] < TARGET_EMPTY_RECOMPUTE),
        ),
        ("answers", f"{results.answers:,}", "≈ 13 million at scale 1", ""),
        ("responses", f"{results.responses:,}", "", ""),
        (
            "ingest answers/s",
            f"{ingest_rate:,.0f}",
            f"≥ {target_ingest:,}",
            verdict(ingest_rate >= target_ingest),
        ),
        ("ingest s", f"{results.ingest_seconds:.1f}", "", ""),
        ("full recompute s", f"{results.full_seconds:.1f}", f"≤ {TARGET_RATIO:g} × floor", ""),
        ("floor s", f"{results.floor_seconds:.1f}", "", ""),
        ("ratio full/floor", f"{ratio:.2f}", f"≤ {TARGET_RATIO:g}", verdict(ratio <= TARGET_RATIO)),
        (
            "incremental recompute s",
            f"{results.incremental_seconds:.2f}",
            f"< {TARGET_INCREMENTAL:g}",
            verdict(results.incremental_seconds < TARGET_INCREMENTAL),
        ),
        (
            "incremental ingest s",
            f"{results.incremental_ingest_seconds:.2f}",
            f"({results.incremental_answers:,} answers)",
            "",
        ),
        (
            "peak memory MB (ingest + recompute)",
            f"{product_peak:.0f}",
            f"< {TARGET_MEMORY_MB:g}",
            verdict(product_peak < TARGET_MEMORY_MB),
        ),
        ("peak memory MB (whole run, with floor)", f"{whole_peak:.0f}", "", ""),
    ]
    header = ("metric", "value", "target", "verdict")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]

    def line(cells) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"

    out = [
        "",
        f"Samenwerkingsmonitor benchmark, {datetime.now():%Y-%m-%d %H:%M}, scale {args.scale:g}",
        f"database: {results.database}",
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        f"load average at the start {results.load_start}, at the end {load_average()} "
        "(other processes on the machine slow every figure down)",
        "",
        line(header),
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
        *(line(r) for r in rows),
    ]
    return "\n".join(out)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(
            "Generate a national-scale synthetic data set (7 consortia, 66 networks, 10 waves, "
            "500 respondents per network per wave, 40 items) and measure ingest, full and "
            "incremental recompute, peak memory and the pandas floor (docs/benchmark.md)."
        )
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="multiplies the 500 respondents per network per wave (0.02 for a quick smoke run)",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help=(
            "a postgresql URL: a fresh bench_<random> database is created on that server and "
            "dropped afterwards; a sqlite URL: that file, deleted first. Default: DATABASE_URL "
            "when it is PostgreSQL, else a fresh SQLite file in the work folder"
        ),
    )
    parser.add_argument(
        "--workdir",
        default=str(DEFAULT_WORKDIR),
        help=f"folder for the generated files and the SQLite file (default {DEFAULT_WORKDIR})",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the generated files, the SQLite file or the PostgreSQL database",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run each phase under cProfile (slower) and write profile-<phase>.pstats files",
    )
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    if args.database_url is None:
        env = os.environ.get("DATABASE_URL", "")
        # Only PostgreSQL from the environment: the product's own SQLite file is never touched.
        if env.startswith("postgresql"):
            args.database_url = env
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results = run(args)
    print(report(results, args), flush=True)
    return 0  # a report, not a test


if __name__ == "__main__":
    sys.exit(main())
