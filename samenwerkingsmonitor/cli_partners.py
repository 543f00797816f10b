"""`samenwerkingsmonitor partners import|list`: the partner lists of the networks from the command
line (collectors/partners.py; the dashboard's administrator screen edits the same rows)."""

from __future__ import annotations

from pathlib import Path

import click

from samenwerkingsmonitor.context import Context


@click.group()
def partners() -> None:
    """Partner organisations of the networks, their sectors and relational waves."""


@partners.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--source",
    default="partners",
    show_default=True,
    help="Name the run is recorded under (runs and rejects list it).",
)
@click.option("--sheet", default=None, help="XLSX sheet to read (default: the first).")
def import_(path: Path, source: str, sheet: str | None) -> None:
    """Import a partner list (CSV or XLSX: network, code, name, sector, waves).

    \b
    For every network × wave the file names, the partners it lists are that wave's list:
    the network's other partners leave that wave. Waves the file does not name are untouched.
    """
    from collectors.files import FileFormatError
    from collectors.partners import import_partner_file
    from samenwerkingsmonitor.cli_collect import _print_summary

    ctx = Context.from_env()
    ctx.require_schema()
    try:
        summary = import_partner_file(
            ctx.engine, path, consortium_id=ctx.consortium_id, source=source, sheet=sheet
        )
    except FileFormatError as error:
        raise click.ClickException(str(error)) from error
    _print_summary(path.name, summary)


@partners.command("list")
@click.option("--network", "networks", multiple=True, help="Network code (repeat for several).")
def list_(networks: tuple[str, ...]) -> None:
    """The partners with their sector and waves, one per line (tab-separated)."""
    from collectors.partners import list_partners

    ctx = Context.from_env()
    ctx.require_schema()
    frame = list_partners(ctx.engine, ctx.consortium_id, list(networks) or None)
    if frame.empty:
        click.echo("no partners")
        return
    click.echo("network\tcode\tsector\twaves\tname")
    for r in frame.itertuples():
        click.echo(f"{r.network}\t{r.code}\t{r.sector}\t{';'.join(r.waves) or '-'}\t{r.name}")
