"""The `samenwerkingsmonitor` command: one entry point for operators, `make run` and docker-compose."""

from __future__ import annotations

import functools
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from samenwerkingsmonitor.context import Context, NotMigrated
from samenwerkingsmonitor.settings import SETTINGS, SettingsError

# \b keeps click from re-wrapping the table into one paragraph.
ENV_HELP = "\b\n" + "\n".join(f"{name:<24} {meaning}" for name, (_, meaning) in SETTINGS.items())


class Errors(click.Group):
    """Turns configuration and migration problems into one clear line instead of a traceback."""

    def invoke(self, ctx: click.Context):
        from samenwerkingsmonitor.framework import FrameworkError  # also SourcesError

        try:
            return super().invoke(ctx)
        except (SettingsError, FrameworkError, NotMigrated) as error:
            raise click.ClickException(str(error)) from error


@click.group(
    cls=Errors,
    epilog=f"Environment variables:\n\n{ENV_HELP}",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
)
def main() -> None:
    """Samenwerkingsmonitor: measure transmural collaboration in palliative-care networks."""


def with_context(command):
    """Give a command the Context, built when the command runs: so `--help` works even while a
    setting is wrong, and the error then names the variable."""

    @functools.wraps(command)
    def run_with_context(*args, **kwargs):
        return command(Context.from_env(), *args, **kwargs)

    return run_with_context


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target migration.")
@with_context
def db_upgrade(ctx: Context, revision: str) -> None:
    """Create or migrate the database named by DATABASE_URL."""
    from db.engine import current_revision, upgrade

    upgrade(ctx.engine, revision)
    click.echo(
        f"database {ctx.engine.url.render_as_string()} at revision {current_revision(ctx.engine)}"
    )


@db.command("downgrade")
@click.argument("revision")
@with_context
def db_downgrade(ctx: Context, revision: str) -> None:
    """Migrate the database down to REVISION ('base' empties it)."""
    from db.engine import current_revision, downgrade

    downgrade(ctx.engine, revision)
    click.echo(f"database at revision {current_revision(ctx.engine)}")


@main.group()
def framework() -> None:
    """The measurement framework (networks, groups, themes, items, targets)."""


@framework.command("export")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@with_context
def framework_export(ctx: Context, fmt: str) -> None:
    """Print the active framework (FRAMEWORK_FILE) as JSON."""
    click.echo(json.dumps(ctx.framework.export_dict(), ensure_ascii=False, indent=2, default=str))


@framework.command("check")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def framework_check(path: Path) -> None:
    """Validate a framework file; errors name the file, line and field."""
    from samenwerkingsmonitor.framework import load_framework

    fw = load_framework(path)
    items = sum(len(t.items) for i in fw.instruments for t in i.themes)
    click.echo(f"{path}: valid — {len(fw.networks)} networks, {items} items, version {fw.version}")


@main.command()
@with_context
def demo(ctx: Context) -> None:
    """Load the demo data for the framework's networks (running it twice changes nothing)."""
    from samenwerkingsmonitor.demo import load_demo

    ctx.require_schema()
    for line in load_demo(ctx.engine, ctx.framework, ctx.consortium_id):
        click.echo(line)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--source",
    default=None,
    help="Source name: a source of the sources file is read as its kind and mapping say; any "
    "other name reads the generic template (see --kind). Response ids are unique per source. "
    "Default: template (relational with --kind relational).",
)
@click.option(
    "--force", is_flag=True, help="Read the file even if the same content was ingested before."
)
@click.option(
    "--kind",
    type=click.Choice(["questionnaire", "relational"]),
    default=None,
    help="For a --source that is not in the sources file: the generic template of the "
    "questionnaire (default) or of the relational partner-network questionnaire.",
)
@with_context
def ingest(ctx: Context, path: Path, source: str | None, force: bool, kind: str | None) -> None:
    """Ingest one file: the generic template, or the export a configured source describes."""
    from collectors.collect import ingest_path
    from collectors.files import FileFormatError
    from samenwerkingsmonitor.sources import RELATIONAL_KINDS, default_sources_path, load_sources

    ctx.require_schema()
    source = source or ("relational" if kind == "relational" else "template")
    configured = None
    if default_sources_path().exists():
        configured = load_sources(default_sources_path(), ctx.framework).get(source)
    if configured is not None and kind is not None:
        relational = configured.kind in RELATIONAL_KINDS
        if relational != (kind == "relational"):
            raise click.ClickException(
                f"source {source!r} is a {configured.kind} source: leave out --kind {kind}"
            )
    try:
        s = ingest_path(
            ctx,
            path,
            configured,
            name=source,
            force=force,
            kind="relational_template" if kind == "relational" else None,
        )
    except (FileFormatError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    _print_summary(path.name, s)


def _print_summary(name: str, s) -> None:
    if s.skipped:
        click.echo(
            f"{name}: already ingested (run {s.run_id}); nothing to do. Use --force to read it again."
        )
        return
    for warning in s.warnings:
        click.echo(f"warning: {warning}", err=True)
    skipped = f", {s.rows_skipped} incomplete skipped" if s.rows_skipped else ""
    click.echo(
        f"{name}: {s.rows_in} rows — {s.rows_new} new, {s.rows_updated} updated, "
        f"{s.rows_unchanged} unchanged, {s.rows_rejected} rejected{skipped} (run {s.run_id})"
    )
    for reason in s.rejects[:20]:
        click.echo(f"rejected: {reason}", err=True)
    if len(s.rejects) > 20:
        click.echo(f"… and {len(s.rejects) - 20} more", err=True)
    if s.rejects:
        click.echo(
            f"rejected rows are kept with their raw input and reason (run {s.run_id})", err=True
        )


@main.command()
@click.argument("source", required=False)
@click.option(
    "--once",
    is_flag=True,
    help="Run each collection once now (the default; the scheduler runs them on their schedules).",
)
@click.option("--no-recompute", is_flag=True, help="Do not recompute changed measures afterwards.")
@with_context
def collect(ctx: Context, source: str | None, once: bool, no_recompute: bool) -> None:
    """Collect SOURCE (default: every active source of the sources file) once, by hand."""
    from collectors.collect import collect as run_collection
    from metrics.store import recompute as recompute_measures
    from samenwerkingsmonitor.sources import default_sources_path, load_sources

    ctx.require_schema()
    sources = load_sources(default_sources_path(), ctx.framework)
    if source:
        chosen = sources.get(source)
        if chosen is None:
            raise click.ClickException(
                f"no source {source!r} in {sources.path} (sources: {', '.join(sources.names())})"
            )
        todo = [chosen]
    else:
        todo = [s for s in sources.sources if s.active() and s.kind != "push"]

    def bar(files):
        if not files:
            return
        with click.progressbar(
            files,
            label=f"{todo_name[0]}: {len(files)} file(s)",
            item_show_func=lambda p: p.name if p else "",
            file=sys.stderr,
        ) as items:
            yield from items

    changed, failed = False, False
    for item in todo:
        todo_name = [item.name]
        result = run_collection(ctx, item, sources, progress=bar)
        if not result.claimed:
            click.echo(f"{item.name}: skipped — {result.errors[0]}")
            continue
        for s in result.runs:
            _print_summary(s.file_name or item.name, s)
        for name in result.quarantined:
            click.echo(f"{item.name}: {name} moved to quarantine", err=True)
        for error in result.errors:
            click.echo(f"error: {error}", err=True)
        if not result.runs and not result.errors:
            click.echo(f"{item.name}: nothing to collect")
        changed |= result.changed
        failed |= len(result.errors) > len(result.quarantined)  # quarantine is handled, not failed
    if changed and not no_recompute:
        for line in recompute_measures(ctx.engine, ctx.framework, ctx.consortium_id):
            click.echo(f"recompute: {line}")
    if failed:
        sys.exit(1)


@main.command()
@click.option("--source", default=None, help="Only this source.")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option(
    "--timeout-minutes",
    type=int,
    default=60,
    show_default=True,
    help="A run still 'running' after this long (or whose process is gone) shows as interrupted.",
)
@with_context
def runs(ctx: Context, source: str | None, limit: int, timeout_minutes: int) -> None:
    """List recent collector runs, newest first."""
    from collectors.runs import recent_runs

    ctx.require_schema()
    frame = recent_runs(ctx.engine, source, limit, timeout_minutes)
    if frame.empty:
        click.echo("no runs yet")
        return
    click.echo(
        f"{'run':>5}  {'source':<18} {'started':<19}  {'status':<11} {'in':>6} {'new':>6} "
        f"{'upd':>6} {'rej':>5} {'skip':>5}  file / error"
    )
    for r in frame.itertuples():
        note = r.file_name or ""
        if r.error and r.status != "ok":
            note = f"{note} — {r.error.splitlines()[0]}"
        click.echo(
            f"{r.id:>5}  {r.source:<18} {r.started_at:%Y-%m-%d %H:%M:%S}  {r.status:<11} "
            f"{r.rows_in:>6} {r.rows_new:>6} {r.rows_updated:>6} {r.rows_rejected:>5} "
            f"{r.rows_skipped:>5}  {note}"
        )


@main.command()
@click.option("--source", default=None, help="Only this source.")
@click.option("--run", "run_id", type=int, default=None, help="Only this run.")
@click.option(
    "--limit", type=int, default=50, show_default=True, help="Rows listed (not exported)."
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write all matching rejects to this .csv or .xlsx file instead of listing them.",
)
@with_context
def rejects(
    ctx: Context, source: str | None, run_id: int | None, limit: int, out: Path | None
) -> None:
    """List or export rejected rows with their reasons and raw input."""
    from collectors.runs import rejected_rows, write_rejects

    ctx.require_schema()
    if out is not None:
        frame = rejected_rows(ctx.engine, source, run_id)
        if out.suffix.lower() not in (".csv", ".xlsx"):
            raise click.ClickException(f"{out}: give a .csv or .xlsx file name")
        write_rejects(frame, out)
        click.echo(f"wrote {len(frame)} rejected rows to {out}")
        return
    frame = rejected_rows(ctx.engine, source, run_id, limit)
    if frame.empty:
        click.echo("no rejected rows")
        return
    for r in frame.itertuples():
        click.echo(f"run {r.run_id} {r.source}: {r.reason}")


@main.group()
def sources() -> None:
    """The sources file (SOURCES_FILE, default config/sources.yaml)."""


@sources.command("check")
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Sources file to check (default: SOURCES_FILE or config/sources.yaml).",
)
@click.option(
    "--sample",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="An export to read as --source would, printing what would be ingested (nothing is stored).",
)
@click.option("--source", "source_name", default=None, help="The source the sample belongs to.")
@with_context
def sources_check(
    ctx: Context, path: Path | None, sample: Path | None, source_name: str | None
) -> None:
    """Validate the sources file against the framework; with --sample, dry-run an export."""
    from samenwerkingsmonitor.sources import default_sources_path, load_sources

    path = path or default_sources_path()
    loaded = load_sources(path, ctx.framework)
    click.echo(f"{path}: valid — {len(loaded.sources)} sources")
    for s in loaded.sources:
        state = "active" if s.active() else "inactive"
        click.echo(f"  {s.name:<20} {s.kind:<26} {s.schedule or '(no schedule)':<16} {state}")
    if sample is None:
        return
    from collectors.sample import describe_sample

    if source_name is None:
        raise click.ClickException("--sample needs --source NAME: the source it belongs to")
    source = loaded.get(source_name)
    if source is None:
        raise click.ClickException(f"no source {source_name!r} in {path}")
    ok = True
    for line, good in describe_sample(ctx, sample, source):
        click.echo(line, err=not good)
        ok &= good
    if not ok:
        sys.exit(1)


@main.command()
@click.option(
    "--all", "everything", is_flag=True, help="Recompute every wave, not only changed ones."
)
@with_context
def recompute(ctx: Context, everything: bool) -> None:
    """Recompute the measures of the network × wave partitions whose data changed."""
    from metrics.store import recompute as run

    ctx.require_schema()
    started = time.perf_counter()
    report = run(ctx.engine, ctx.framework, ctx.consortium_id, everything=everything)
    for line in report:
        click.echo(line)
    click.echo(f"done in {time.perf_counter() - started:.2f} s")


@main.group()
def export() -> None:
    """Exports of computed figures."""


@export.command("measures")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write."
)
@click.option("--network", multiple=True, help="Network code (or ALL); repeat for several.")
@click.option("--wave", multiple=True, help="Wave code; repeat for several.")
@with_context
def export_measures(
    ctx: Context, fmt: str, out: Path, network: tuple[str, ...], wave: tuple[str, ...]
) -> None:
    """Write the measures export (measures.md, "Export contract"), suppression applied."""
    from metrics.export import write_measures
    from metrics.store import load_snapshots

    ctx.require_schema()
    frame = load_snapshots(
        ctx.engine, ctx.consortium_id, networks=network or None, waves=wave or None
    )
    write_measures(frame, out, fmt)
    click.echo(f"wrote {len(frame)} rows to {out}")


@export.command("projects")
@click.option(
    "--table",
    type=click.Choice(["status", "summary", "coverage"]),
    default="status",
    show_default=True,
    help="Latest status per project × network, counts per network, or coverage.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write."
)
@click.option(
    "--date",
    "on",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Reference date for staleness (default: today).",
)
@with_context
def export_projects(ctx: Context, table: str, fmt: str, out: Path, on) -> None:
    """Write project status, stale flags and coverage (measures.md, "Projects and goals")."""
    from datetime import date

    from metrics.export import write_table
    from metrics.store import project_figures

    ctx.require_schema()
    reference = on.date() if on else date.today()
    figures = project_figures(
        ctx.engine, ctx.consortium_id, reference, ctx.framework.settings.stale_days
    )
    write_table(figures[table], out, fmt, sheet=table)
    click.echo(f"wrote {len(figures[table])} rows to {out} (as of {reference:%Y-%m-%d})")


@export.command("goals")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write."
)
@with_context
def export_goals(ctx: Context, fmt: str, out: Path) -> None:
    """Write SMART-goal progress and forecast (measures.md, "SMART goal")."""
    from metrics.export import write_table
    from metrics.store import goal_figures

    ctx.require_schema()
    figures = goal_figures(ctx.engine, ctx.consortium_id)
    write_table(figures, out, fmt, sheet="goals")
    click.echo(f"wrote {len(figures)} rows to {out}")


@export.command("ties")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write."
)
@click.option("--network", multiple=True, help="Network code; repeat for several.")
@with_context
def export_ties(ctx: Context, fmt: str, out: Path, network: tuple[str, ...]) -> None:
    """Write the partner network's ties per network and wave (what the network map draws)."""
    from metrics.export import write_table
    from metrics.store import load_ties

    ctx.require_schema()
    ties = load_ties(ctx.engine, ctx.consortium_id, networks=network or None)
    write_table(ties, out, fmt, sheet="ties")
    click.echo(f"wrote {len(ties)} rows to {out}")


@main.command()
@click.option("--host", default=None, help="Default: HOST.")
@click.option("--port", type=int, default=None, help="Default: PORT.")
@click.option("--debug", is_flag=True, help="Dash debug mode with reloading.")
@with_context
def serve(ctx: Context, host: str | None, port: int | None, debug: bool) -> None:
    """Serve the dashboard (the development server; production uses gunicorn 'dashboard.wsgi:server')."""
    from dashboard.app import create_app

    ctx.require_schema()
    app = create_app(ctx)
    app.run(host=host or ctx.settings.host, port=port or ctx.settings.port, debug=debug)


@main.command()
@with_context
def scheduler(ctx: Context) -> None:
    """Run the scheduler process (collections and recomputes); stops cleanly on SIGTERM."""
    from samenwerkingsmonitor.scheduler import run_scheduler

    ctx.require_schema()
    run_scheduler(ctx)


@main.command()
@with_context
def run(ctx: Context) -> None:
    """The embedded default: migrate, load demo data into an empty database, serve and schedule."""
    from db.engine import upgrade
    from metrics.store import recompute as recompute_measures
    from samenwerkingsmonitor.demo import database_is_empty, load_demo

    upgrade(ctx.engine)
    if ctx.settings.embedded and database_is_empty(ctx.engine):
        click.echo("empty database: loading the demo data for the seven networks …")
        for line in load_demo(ctx.engine, ctx.framework, ctx.consortium_id):
            click.echo(f"  {line}")
        for line in recompute_measures(
            ctx.engine, ctx.framework, ctx.consortium_id, everything=True
        ):
            click.echo(f"  {line}")
    _ = ctx.consortium_id
    if ctx.settings.embedded:
        # Demo accounts on first run only (never in production: MONITOR_ENV=production).
        from samenwerkingsmonitor.accounts import DEMO_PASSWORD, create_demo_accounts

        created = create_demo_accounts(ctx.engine)
        if created:
            click.echo(f"demo accounts created (password for all: {DEMO_PASSWORD}):")
            for line in created:
                click.echo(f"  {line}")
            click.echo("log in at /login; change passwords with `samenwerkingsmonitor users`")
    me = [sys.executable, "-m", "samenwerkingsmonitor.cli"]
    children = [subprocess.Popen([*me, "scheduler"]), subprocess.Popen([*me, "serve"])]
    click.echo(
        f"dashboard at http://{ctx.settings.host}:{ctx.settings.port} — Ctrl-C stops both processes"
    )

    def stop(*_):
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    click.echo("stopped")


from samenwerkingsmonitor.cli_reports import digest, report  # noqa: E402 (needs main)

main.add_command(report)
main.add_command(digest)

from samenwerkingsmonitor.cli_users import users  # noqa: E402 (needs main)

main.add_command(users)

from samenwerkingsmonitor.cli_partners import partners  # noqa: E402 (needs main)

main.add_command(partners)

from samenwerkingsmonitor.cli_registers import attach as attach_registers  # noqa: E402

attach_registers(main)


if __name__ == "__main__":
    main()
