"""`samenwerkingsmonitor projects import|export` and `goals import|export`: the registers the
consortium keeps itself (issue 14) as files, both ways. The Projectregister and Doelenregister
pages upload and download the same files. docs/registers.md describes the columns.

These are not `export projects` / `export goals`, which write computed figures (status per
project × network, goal progress): the files here are the registers themselves, to be edited
and read back in.
"""

from __future__ import annotations

from pathlib import Path

import click

from samenwerkingsmonitor.context import Context


def _format(out: Path) -> str:
    return "xlsx" if out.suffix.lower() in (".xlsx", ".xlsm") else "csv"


def _summary(name: str, s) -> None:
    """What an import did, and every rejected row's reason (they are kept: `rejects`)."""
    for warning in s.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"{name}: {s.rows_in} rows — {s.rows_new} new, {s.rows_updated} updated, "
        f"{s.rows_unchanged} unchanged, {s.rows_rejected} rejected (run {s.run_id})"
    )
    for reason in s.rejects:
        click.echo(f"rejected: {reason}", err=True)
    if s.rejects:
        click.echo(
            f"rejected rows are kept with their reason: `rejects --run {s.run_id}`", err=True
        )


def _context() -> Context:
    ctx = Context.from_env()
    ctx.require_schema()
    return ctx


@click.group()
def projects() -> None:
    """The project register: code, name, owner, period, networks, tags, lifecycle."""


@projects.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--source",
    default="projects",
    show_default=True,
    help="Name the run is recorded under (runs and rejects list it).",
)
@click.option("--sheet", default=None, help="XLSX sheet to read (default: the first).")
def projects_import(path: Path, source: str, sheet: str | None) -> None:
    """Import a project register file (CSV or XLSX).

    \b
    Columns: code, name, description, owner, start, end, networks, tags, lifecycle
    (and lifecycle_date, lifecycle_reason, as the export writes them). Each row adds or
    changes the project of its code; bad rows are rejected with their reason (see
    `rejects --source projects`); projects the file does not name are left as they are.
    """
    from collectors.files import FileFormatError
    from collectors.project_files import import_project_file

    ctx = _context()
    try:
        summary = import_project_file(
            ctx.engine, path, consortium_id=ctx.consortium_id, source=source, sheet=sheet
        )
    except FileFormatError as error:
        raise click.ClickException(str(error)) from error
    _summary(path.name, summary)


@projects.command("export")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write: .csv or .xlsx.",
)
def projects_export(out: Path) -> None:
    """Write the project register as a file that `projects import` reads back."""
    from collectors.project_files import register_frame, write_register

    ctx = _context()
    frame = register_frame(ctx.engine, ctx.consortium_id)
    write_register(frame, out, _format(out))
    click.echo(f"wrote {len(frame)} projects to {out}")


@click.group()
def goals() -> None:
    """The goals register: result goals (ER-doelen) and SMART goals."""


@goals.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--result-goals",
    "result_goals",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="CSV of result goals (code, name, ambition), read before the goals.",
)
@click.option(
    "--source",
    default="goals",
    show_default=True,
    help="Name the run is recorded under (runs and rejects list it).",
)
def goals_import(path: Path, result_goals: Path | None, source: str) -> None:
    """Import the goals register: an XLSX workbook (sheets goals and result_goals) or a CSV of
    SMART goals (with --result-goals for the result goals).

    \b
    Goal columns: code, name, unit, network, result_goal, baseline_value, baseline_date,
    target_value, target_date, projects, meetpunten. Network empty or ALL: consortium-wide.
    Bad rows are rejected with their reason (see `rejects --source goals`); measured
    values are not touched.
    """
    from collectors.files import FileFormatError
    from collectors.goal_files import import_goal_files

    ctx = _context()
    try:
        summary = import_goal_files(
            ctx.engine, path, result_goals, consortium_id=ctx.consortium_id, source=source
        )
    except FileFormatError as error:
        raise click.ClickException(str(error)) from error
    _summary(summary.file_name or path.name, summary)


@goals.command("export")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write: .xlsx (both sheets) or .csv (the SMART goals).",
)
@click.option(
    "--result-goals",
    "result_goals",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="With a .csv --out: where the result goals go (default: <out>-result-goals.csv).",
)
def goals_export(out: Path, result_goals: Path | None) -> None:
    """Write the goals register as files that `goals import` reads back."""
    from collectors.goal_files import goals_frame, result_goals_frame, write_goal_files

    ctx = _context()
    frame = goals_frame(ctx.engine, ctx.consortium_id)
    results = result_goals_frame(ctx.engine, ctx.consortium_id)
    written = write_goal_files(frame, results, out, result_goals)
    click.echo(
        f"wrote {len(frame)} goals and {len(results)} result goals to "
        + " and ".join(str(p) for p in written)
    )


def attach(main: click.Group) -> None:
    """Add the register commands to the `samenwerkingsmonitor` command."""
    main.add_command(projects)
    main.add_command(goals)
