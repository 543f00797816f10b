"""The `samenwerkingsmonitor` command: one entry point for operators, `make run` and docker-compose."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from samenwerkingsmonitor.context import Context, NotMigrated
from samenwerkingsmonitor.settings import SETTINGS, SettingsError

ENV_HELP = "\n".join(f"  {name:<24} {meaning}" for name, (_, meaning) in SETTINGS.items())


class Errors(click.Group):
    """Turns configuration and migration problems into one clear line instead of a traceback."""

    def invoke(self, ctx: click.Context):
        from samenwerkingsmonitor.framework import FrameworkError

        try:
            return super().invoke(ctx)
        except (SettingsError, FrameworkError, NotMigrated) as error:
            raise click.ClickException(str(error)) from error


@click.group(
    cls=Errors,
    epilog=f"Environment variables:\n\n{ENV_HELP}",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Samenwerkingsmonitor: measure transmural collaboration in palliative-care networks."""
    ctx.obj = Context.from_env()


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target migration.")
@click.pass_obj
def db_upgrade(ctx: Context, revision: str) -> None:
    """Create or migrate the database named by DATABASE_URL."""
    from db.engine import current_revision, upgrade

    upgrade(ctx.engine, revision)
    click.echo(
        f"database {ctx.engine.url.render_as_string()} at revision {current_revision(ctx.engine)}"
    )


@db.command("downgrade")
@click.argument("revision")
@click.pass_obj
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
@click.pass_obj
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
@click.pass_obj
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
    default="template",
    show_default=True,
    help="Source name; response ids are unique per source.",
)
@click.option(
    "--force", is_flag=True, help="Read the file even if the same content was ingested before."
)
@click.pass_obj
def ingest(ctx: Context, path: Path, source: str, force: bool) -> None:
    """Ingest a generic-template file (CSV or XLSX) of questionnaire responses."""
    from collectors.files import FileFormatError
    from collectors.ingest import ingest_file

    ctx.require_schema()
    try:
        s = ingest_file(
            ctx.engine, path, consortium_id=ctx.consortium_id, source=source, force=force
        )
    except FileFormatError as error:
        raise click.ClickException(str(error)) from error
    if s.skipped:
        click.echo(
            f"{path.name}: already ingested (run {s.run_id}); nothing to do. Use --force to read it again."
        )
        return
    for warning in s.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"{path.name}: {s.rows_in} rows — {s.rows_new} new, {s.rows_updated} updated, "
        f"{s.rows_unchanged} unchanged, {s.rows_rejected} rejected (run {s.run_id})"
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
@click.option(
    "--all", "everything", is_flag=True, help="Recompute every wave, not only changed ones."
)
@click.pass_obj
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
@click.pass_obj
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
@click.pass_obj
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
@click.pass_obj
def export_goals(ctx: Context, fmt: str, out: Path) -> None:
    """Write SMART-goal progress and forecast (measures.md, "SMART goal")."""
    from metrics.export import write_table
    from metrics.store import goal_figures

    ctx.require_schema()
    figures = goal_figures(ctx.engine, ctx.consortium_id)
    write_table(figures, out, fmt, sheet="goals")
    click.echo(f"wrote {len(figures)} rows to {out}")


@main.command()
@click.option("--host", default=None, help="Default: HOST.")
@click.option("--port", type=int, default=None, help="Default: PORT.")
@click.option("--debug", is_flag=True, help="Dash debug mode with reloading.")
@click.pass_obj
def serve(ctx: Context, host: str | None, port: int | None, debug: bool) -> None:
    """Serve the dashboard (the development server; production uses gunicorn 'dashboard.wsgi:server')."""
    from dashboard.app import create_app

    ctx.require_schema()
    app = create_app(ctx)
    app.run(host=host or ctx.settings.host, port=port or ctx.settings.port, debug=debug)


@main.command()
@click.pass_obj
def scheduler(ctx: Context) -> None:
    """Run the scheduler process (collections and recomputes); stops cleanly on SIGTERM."""
    from samenwerkingsmonitor.scheduler import run_scheduler

    ctx.require_schema()
    run_scheduler(ctx)


@main.command()
@click.pass_obj
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


if __name__ == "__main__":
    main()
