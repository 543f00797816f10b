"""Commands for the collectors: `ingest`, `collect`, `runs`, `rejects` and `sources check`.
Registered on the main group in cli.py."""

from __future__ import annotations

import functools
import signal
import sys
from pathlib import Path

import click

from samenwerkingsmonitor.context import Context

# No import from cli.py: cli.py imports this module at its end (see cli_reports.py).


def with_context(command):
    """Give a command the Context, built when the command runs (as cli.with_context does)."""

    @functools.wraps(command)
    def run_with_context(*args, **kwargs):
        return command(Context.from_env(), *args, **kwargs)

    return run_with_context


@click.command()
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
@click.option(
    "--create-waves",
    is_flag=True,
    help="Create a wave the framework lacks instead of rejecting its rows (a configured source "
    "can say create_waves: true instead).",
)
@with_context
def ingest(
    ctx: Context,
    path: Path,
    source: str | None,
    force: bool,
    kind: str | None,
    create_waves: bool,
) -> None:
    """Ingest one file: the generic template, or the export a configured source describes."""
    from collectors.collect import ingest_path
    from collectors.files import FileFormatError
    from samenwerkingsmonitor.sources import default_sources_path, load_sources

    ctx.require_schema()
    source = source or ("relational" if kind == "relational" else "template")
    configured = None
    if default_sources_path().exists():
        configured = load_sources(default_sources_path(), ctx.framework).get(source)
    if configured is not None and kind is not None:
        relational = configured.source_kind().relational
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
            create_waves=create_waves,
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


@click.command()
@click.argument("source", required=False)
@click.option(
    "--once",
    is_flag=True,
    help="Run each collection once now (the default; the scheduler runs them on their schedules).",
)
@click.option("--no-recompute", is_flag=True, help="Do not recompute changed measures afterwards.")
@click.option(
    "--full",
    is_flag=True,
    help="LimeSurvey sources: read the whole survey again and update what differs "
    "(the scheduler does this nightly; see full_sync).",
)
@with_context
def collect(ctx: Context, source: str | None, once: bool, no_recompute: bool, full: bool) -> None:
    """Collect SOURCE (default: every active source of the sources file) once, by hand."""
    from collectors.collect import collect as run_collection
    from collectors.timeouts import STOP, request_stop
    from metrics.recompute import recompute as recompute_measures
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
    if full:
        todo = [s for s in todo if s.kind == "limesurvey_api"]
        if not todo:
            raise click.ClickException(
                "--full reads a LimeSurvey survey again: give a limesurvey_api source"
            )

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

    # SIGTERM (docker stop, `run` stopping its children): the running collection stops at its
    # next safe point, records its run as failed and releases its claim; later sources wait.
    signal.signal(signal.SIGTERM, lambda *_: request_stop())
    changed, failed = False, False
    for item in todo:
        if STOP.is_set():
            break
        todo_name = [item.name]
        result = run_collection(ctx, item, sources, progress=bar, full=full)
        if not result.claimed:
            click.echo(f"{item.name}: skipped — {result.errors[0]}")
            continue
        for s in result.runs:
            _print_summary(s.file_name or item.name, s)
        for name in result.waiting:
            click.echo(
                f"{item.name}: {name} is still being written; it is read once unchanged for "
                f"{item.stable_seconds:g} s"
            )
        for error in result.errors:
            click.echo(f"error: {error}", err=True)
        if not result.runs and not result.errors and not result.waiting:
            click.echo(f"{item.name}: nothing to collect")
        changed |= result.changed
        failed |= len(result.errors) > len(result.quarantined)  # quarantine is handled, not failed
    if STOP.is_set():
        click.echo("stopped by SIGTERM", err=True)
        sys.exit(128 + signal.SIGTERM)
    if changed and not no_recompute:
        for line in recompute_measures(ctx.engine, ctx.framework, ctx.consortium_id):
            click.echo(f"recompute: {line}")
    if failed:
        sys.exit(1)


@click.command()
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
    from samenwerkingsmonitor.clock import local

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
            f"{r.id:>5}  {r.source:<18} {local(r.started_at):%Y-%m-%d %H:%M:%S}  {r.status:<11} "
            f"{r.rows_in:>6} {r.rows_new:>6} {r.rows_updated:>6} {r.rows_rejected:>5} "
            f"{r.rows_skipped:>5}  {note}"
        )


@click.command()
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


@click.group()
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
@click.option(
    "--connect",
    is_flag=True,
    help="LimeSurvey sources (--source, or every active one): log in and read the survey's "
    "summary.",
)
@click.option("--source", "source_name", default=None, help="The source the sample belongs to.")
@with_context
def sources_check(
    ctx: Context, path: Path | None, sample: Path | None, connect: bool, source_name: str | None
) -> None:
    """Validate the sources file against the framework; with --sample, dry-run an export; with
    --connect, log in to LimeSurvey."""
    import collectors.kinds  # noqa: F401 (registers the kinds the sources file names)
    from samenwerkingsmonitor.sources import default_sources_path, load_sources

    path = path or default_sources_path()
    loaded = load_sources(path, ctx.framework)
    click.echo(f"{path}: valid — {len(loaded.sources)} sources")
    for s in loaded.sources:
        state = "active" if s.active() else "inactive"
        click.echo(f"  {s.name:<20} {s.kind:<26} {s.schedule or '(no schedule)':<16} {state}")
    chosen = loaded.get(source_name) if source_name else None
    if source_name and chosen is None:
        raise click.ClickException(f"no source {source_name!r} in {path}")
    ok = _check_connections(loaded, chosen) if connect else True
    if sample is not None:
        from collectors.sample import describe_sample

        if chosen is None:
            raise click.ClickException("--sample needs --source NAME: the source it belongs to")
        for line, good in describe_sample(ctx, sample, chosen):
            click.echo(line, err=not good)
            ok &= good
    if not ok:
        sys.exit(1)


def _check_connections(loaded, chosen) -> bool:
    """Log in to each LimeSurvey source and read its survey's summary; False when one failed."""
    from collectors.limesurvey_client import LimeSurveyError, check_connection

    todo = [chosen] if chosen else [s for s in loaded.sources if s.active()]
    ok = True
    for source in todo:
        if source.kind != "limesurvey_api":
            if chosen:
                click.echo(f"{source.name}: a {source.kind} source has no connection to check")
            continue
        try:
            click.echo(f"{source.name}: {check_connection(source)}")
        except LimeSurveyError as error:
            click.echo(f"{source.name}: {error}", err=True)
            ok = False
    return ok
