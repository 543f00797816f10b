"""The partner-network benchmark (docs/benchmark.md, "Partner network").

A national-size relational data set — 66 networks of 40 partner organisations on average (the
largest about 60), 10 relational waves, four in five partners answering about every other listed
partner (about 1.0 million reports) — through the real code: the partner-list import
(`collectors.partners.import_partner_file`), the relational ingest (`ingest_relational_file`, one template file per wave)
and the partner-network recompute (`metrics.store.recompute`), full and after one network's
new wave.

    python bench/partner_network.py [--scale 1.0] [--database-url URL] [--workdir DIR] [--keep]

The framework is the Septet file with the networks and waves replaced; the data come from the
demo generator (`demo.partners`) at a larger size. It is a report, not a test.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.benchmark import open_database, peak_mb, say  # noqa: E402
from collectors.partners import import_partner_file  # noqa: E402
from collectors.relational import (  # noqa: E402
    ingest_relational_file,
    relational_batch_from_frame,
    relational_codes,
    write_relational_batch,
)
from collectors.run_record import start_run  # noqa: E402
from db.engine import upgrade  # noqa: E402
from demo import partners as demo_partners  # noqa: E402
from samenwerkingsmonitor.context import Context  # noqa: E402
from samenwerkingsmonitor.framework import default_framework_path, load_framework  # noqa: E402
from samenwerkingsmonitor.settings import Settings  # noqa: E402

NETWORKS = 66
WAVES = 10


def framework_file(workdir: Path) -> Path:
    """The Septet framework with 66 networks and 10 relational waves (2019 … 2028)."""
    data = yaml.safe_load(default_framework_path().read_text(encoding="utf-8"))
    data["networks"] = [{"code": f"N{i:02d}", "name": f"Netwerk {i:02d}"} for i in range(NETWORKS)]
    data["waves"] = [
        {
            "code": f"{2019 + w}-netwerk",
            "instrument": "netwerk",
            "reference_date": f"{2019 + w}-05-01",
        }
        for w in range(WAVES)
    ]
    data["targets"] = [t for t in data["targets"] if "network" not in t]
    path = workdir / "national.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def generate(fw_path: Path, workdir: Path, scale: float) -> None:
    """Write partners.csv and one relational template file per wave (run in a child process, so
    the generator's memory does not count as the product's)."""
    fw = load_framework(fw_path)
    # Bigger organisation lists than the demo's: about 40 a network at scale 1.
    demo_partners.SECTORS = {
        sector: (prefix, patterns, count * 2 * scale)
        for sector, (prefix, patterns, count) in demo_partners.SECTORS.items()
    }
    partners = demo_partners.demo_partners(fw)
    partners.to_csv(workdir / "partners.csv", index=False)
    relational = demo_partners.demo_relational(fw, partners)
    for wave, rows in relational.groupby("wave", sort=True):
        rows.to_csv(workdir / f"netwerk-{wave}.csv", index=False, date_format="%Y-%m-%d %H:%M:%S")


def section_speed(ctx, network: str, wave: str, calls: int = 30) -> dict[str, tuple[float, float]]:
    """Server-side latency of the partner-network section's callbacks for one national network
    (as bench/dashboard_speed.py does for the other pages): median and p95 in ms, warm."""
    from dashboard import partner_views as section
    from dashboard.app import create_app

    app = create_app(ctx)
    query = {"network": network, "wave": wave}
    callbacks = {
        "map and sector matrix": lambda: section.map_view(
            ctx, network, wave, "nl", highlight_new=True
        ),
        "figures table": lambda: section.figures_table(ctx, query, "nl"),
        "figure over time": lambda: section.trend(ctx, network, "density", "nl"),
    }
    out = {}
    with app.server.test_request_context():
        for name, call in callbacks.items():
            call()  # the first call fills the snapshot cache
            times = []
            for _ in range(calls):
                started = time.perf_counter()
                call()
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            out[name] = (statistics.median(times), times[int(0.95 * len(times)) - 1])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="partners per network × this")
    parser.add_argument("--database-url", help="default: a new SQLite file in the workdir")
    parser.add_argument("--workdir", type=Path, help="default: a temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="partner-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    database = open_database(args.database_url, workdir, args.keep)
    try:
        fw_path = framework_file(workdir)
        started = time.perf_counter()
        child = multiprocessing.get_context("spawn").Process(
            target=generate, args=(fw_path, workdir, args.scale)
        )
        child.start()
        child.join()
        if child.exitcode:
            raise SystemExit("generating the data set failed")
        files = sorted(workdir.glob("netwerk-*.csv"))
        partners = pd.read_csv(workdir / "partners.csv")
        say(f"generated {len(partners):,} partners in {time.perf_counter() - started:.1f} s")

        settings = Settings.from_env(
            {
                "DATABASE_URL": database.url,
                "DATA_DIR": str(workdir / "data"),
                "FRAMEWORK_FILE": str(fw_path),
            }
        )
        ctx = Context(settings)
        upgrade(ctx.engine)
        cid = ctx.consortium_id
        say(f"database: {database.label}")

        started = time.perf_counter()
        import_partner_file(ctx.engine, workdir / "partners.csv", consortium_id=cid)
        partner_s = time.perf_counter() - started
        # The realistic path: a template file per wave, as coordinators hand them in.
        reports = 0
        started = time.perf_counter()
        for path in files:
            summary = ingest_relational_file(
                ctx.engine, path, consortium_id=cid, source="bench-netwerk"
            )
            if summary.rows_rejected:
                raise SystemExit(f"{path.name}: {summary.rows_rejected} rows rejected")
            reports += summary.rows_in
        ingest_s = time.perf_counter() - started
        say(f"ingested {reports:,} reports from {len(files)} files")

        from metrics.store import recompute

        started = time.perf_counter()
        recompute(ctx.engine, ctx.framework, cid)
        full_s = time.perf_counter() - started

        # One network's latest wave answered again (a coordinator re-sends a file).
        latest = pd.read_csv(files[-1])
        one = latest[latest["network"] == latest["network"].iloc[0]].copy()
        one["frequency"] = one["frequency"].clip(lower=1)  # every pair now says "a few times"
        batch = relational_batch_from_frame(one, relational_codes(ctx.engine, cid), "bench-2")
        run_id = start_run(ctx.engine, "bench-netwerk", "bench-2", None)
        again = write_relational_batch(
            ctx.engine, batch, run_id=run_id, source="bench-netwerk", consortium_id=cid
        )
        say(f"one network's latest wave again: {again.rows_updated:,} report rows updated")
        started = time.perf_counter()
        recompute(ctx.engine, ctx.framework, cid)
        incremental_s = time.perf_counter() - started
        speeds = section_speed(ctx, partners["network"].iloc[0], files[-1].stem[len("netwerk-") :])

        print()
        print(f"| partner network, scale {args.scale:g} | {database.label.split(',')[0]} |")
        print("|---|---|")
        print(f"| partners listed | {len(partners):,} in {NETWORKS} networks |")
        print(f"| reports (10 waves) | {reports:,} |")
        print(f"| partner-list import | {partner_s:.1f} s |")
        print(
            f"| relational ingest ({len(files)} template files) | {ingest_s:.1f} s "
            f"({reports / ingest_s:,.0f} reports/s) |"
        )
        print(f"| full partner-network recompute | {full_s:.1f} s |")
        print(f"| recompute after one network's new answers | {incremental_s:.1f} s |")
        print(f"| peak memory | {peak_mb():,.0f} MB |")
        for name, (median, p95) in speeds.items():
            print(f"| Netwerk page, {name} (warm) | median {median:.0f} ms, p95 {p95:.0f} ms |")
        return 0
    finally:
        database.cleanup()


if __name__ == "__main__":
    sys.exit(main())
