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
from samenwerkingsmonitor.settings import SETTINGS, Settings, SettingsError

# \b keeps click from re-wrapping the table into one paragraph.
ENV_HELP = "\b\n" + "\n".join(f"{name:<24} {meaning}" for name, (_, meaning) in SETTINGS.items())


class Errors(click.Group):
    """Turns configuration, migration and database problems into one clear line instead of a
    traceback: every command, and every command added later, goes through here."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (SettingsError, NotMigrated) as error:
            raise click.ClickException(str(error)) from error
        except Exception as error:
            clear = _clear(error)
            if clear is None:
                raise
            raise clear from error


def _clear(error: Exception) -> click.ClickException | None:
    """A framework or database error as one clear line; None for any other error. Their modules
    are asked only when the command loaded them: an error cannot come from a module never
    imported, and importing SQLAlchemy and pydantic here would cost `--help` and every
    subcommand's help a second (issue 18)."""
    if "samenwerkingsmonitor.framework" in sys.modules:
        from samenwerkingsmonitor.framework import FrameworkError  # also SourcesError

        if isinstance(error, FrameworkError):
            return click.ClickException(str(error))
    if "sqlalchemy" in sys.modules:
        from samenwerkingsmonitor.database_errors import UNAVAILABLE, describe

        if isinstance(error, UNAVAILABLE):
            # Settings were valid, or no database would have been opened.
            url = Settings.from_env().database_url
            return click.ClickException(describe(error, url))
    return None


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
    from demo.load import load_demo

    ctx.require_schema()
    for line in load_demo(ctx.engine, ctx.framework, ctx.consortium_id):
        click.echo(line)


@main.command()
@click.option(
    "--all", "everything", is_flag=True, help="Recompute every wave, not only changed ones."
)
@click.option(
    "--wait",
    type=click.IntRange(0, 86400),
    default=600,
    show_default=True,
    help="Seconds to wait for a recompute that is already running (the scheduler's, another's).",
)
@with_context
def recompute(ctx: Context, everything: bool, wait: int) -> None:
    """Recompute the measures of the network × wave partitions whose data changed."""
    from db.locks import LockBusy
    from metrics.recompute import recompute as run

    ctx.require_schema()
    started = time.perf_counter()
    if not everything and _nothing_to_recompute(ctx):
        from metrics.recompute import NOTHING_CHANGED

        click.echo(NOTHING_CHANGED)
        click.echo(f"done in {time.perf_counter() - started:.2f} s")
        return
    busy = "another recompute of this consortium is running"
    try:
        report = run(ctx.engine, ctx.framework, ctx.consortium_id, everything=everything)
    except LockBusy as error:
        if not wait:
            raise click.ClickException(f"{busy} ({error}): try again later") from error
        click.echo(f"{busy} ({error}): waiting up to {wait} s …")
        try:
            report = run(
                ctx.engine, ctx.framework, ctx.consortium_id, everything=everything, wait=wait
            )
        except LockBusy as still:
            raise click.ClickException(f"{busy} ({still}): try again later") from still
    for line in report:
        click.echo(line)
    click.echo(f"done in {time.perf_counter() - started:.2f} s")


def _nothing_to_recompute(ctx: Context) -> bool:
    """Whether the framework file is, byte for byte, the one stored last and nothing changed since
    the last recompute: answered from the file's hash and a few reads, without parsing and
    checking the framework (a third of the command's time, issue 18). Anything else, an
    unreadable file included, and the recompute runs and says what is wrong."""
    from metrics.recompute import nothing_to_do
    from samenwerkingsmonitor.framework_file import file_version
    from samenwerkingsmonitor.framework_lookup import stored_as_latest

    path = ctx.framework_file()
    try:
        version = file_version(path.read_bytes())
    except OSError:
        return False
    consortium_id = stored_as_latest(ctx.engine, path, version)
    return consortium_id is not None and nothing_to_do(ctx.engine, consortium_id, version)


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
    from metrics.export import write_table
    from metrics.store import project_figures
    from samenwerkingsmonitor import clock

    ctx.require_schema()
    reference = on.date() if on else clock.today()
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
    from samenwerkingsmonitor.logs import configure_logging

    ctx.require_schema()
    configure_logging(ctx.settings.log_level)
    app = create_app(ctx, warm_up=True)
    app.run(host=host or ctx.settings.host, port=port or ctx.settings.port, debug=debug)


@main.command()
@with_context
def scheduler(ctx: Context) -> None:
    """Run the scheduler process (collections and recomputes); stops cleanly on SIGTERM."""
    from samenwerkingsmonitor.scheduler import run_scheduler

    ctx.require_schema()
    run_scheduler(ctx)


def _answers(host: str, port: int, children: list[subprocess.Popen], wait: float = 60) -> bool:
    """Whether the dashboard accepts connections within `wait` seconds while its processes run."""
    import socket

    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and all(child.poll() is None for child in children):
        try:
            socket.create_connection((host, port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.3)
    return False


@main.command()
@with_context
def run(ctx: Context) -> None:
    """The embedded default: migrate, load demo data into an empty database, serve and schedule."""
    from db.engine import upgrade
    from demo.load import database_is_empty, load_demo
    from metrics.recompute import recompute as recompute_measures

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
        from accounts.users import DEMO_PASSWORD, create_demo_accounts

        created = create_demo_accounts(ctx.engine)
        if created:
            click.echo(f"demo accounts created (password for all: {DEMO_PASSWORD}):")
            for line in created:
                click.echo(f"  {line}")
            click.echo("log in at /login; change passwords with `samenwerkingsmonitor users`")
    me = [sys.executable, "-m", "samenwerkingsmonitor.cli"]
    children = {
        "scheduler": subprocess.Popen([*me, "scheduler"]),
        "dashboard": subprocess.Popen([*me, "serve"]),
    }
    address = f"http://{ctx.settings.host}:{ctx.settings.port}"
    click.echo(f"starting the dashboard at {address} …")
    signal.signal(signal.SIGTERM, lambda *_: _terminate(children))
    try:
        # Said again once it answers, so the address is the last line after the servers' logs.
        if _answers(ctx.settings.host, ctx.settings.port, list(children.values())):
            click.echo(f"dashboard ready: {address}/login — Ctrl-C stops both processes")
        while all(child.poll() is None for child in children.values()):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(children)
    click.echo("stopped")


# How long the processes may take to stop (a collection reaches its next safe point, a recompute
# finishes its wave) before they are killed, on a machine that may be busy.
STOP_SECONDS = 60


def _terminate(children: dict[str, subprocess.Popen]) -> None:
    for child in children.values():
        if child.poll() is None:
            child.terminate()


def _stop(children: dict[str, subprocess.Popen]) -> None:
    """Stop the processes and wait until each has exited, so that their last lines are written
    (they write to this process's own output) before `run` says "stopped". A second Ctrl-C or
    SIGTERM while they stop must not cut that short: they receive it themselves."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _terminate(children)
    deadline = time.monotonic() + STOP_SECONDS
    for name, child in children.items():
        try:
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            click.echo(f"the {name} did not stop within {STOP_SECONDS} s: killed", err=True)
            child.kill()
            child.wait()


from samenwerkingsmonitor.cli_reports import digest, report  # noqa: E402 (needs main)

main.add_command(report)
main.add_command(digest)

from samenwerkingsmonitor.cli_users import users  # noqa: E402 (needs main)

main.add_command(users)

from samenwerkingsmonitor.cli_partners import partners  # noqa: E402 (needs main)

main.add_command(partners)

from samenwerkingsmonitor.cli_collect import (  # noqa: E402 (needs main)
    collect,
    ingest,
    rejects,
    runs,
    sources,
)

for command in (ingest, collect, runs, rejects, sources):
    main.add_command(command)

from samenwerkingsmonitor.cli_db import db  # noqa: E402
from samenwerkingsmonitor.cli_health import health  # noqa: E402

main.add_command(db)
main.add_command(health)

from samenwerkingsmonitor.cli_registers import attach as attach_registers  # noqa: E402

attach_registers(main)


if __name__ == "__main__":
    main()
