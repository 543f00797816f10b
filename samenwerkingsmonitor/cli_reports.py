"""Commands for the documents: `report nppz` (the yearly NPPZ report) and `digest` (the monthly
steering-group mail). Registered on the main group in cli.py."""

from __future__ import annotations

from pathlib import Path

import click

from samenwerkingsmonitor.context import Context

# No import from cli.py: cli.py imports this module at its end, and `python -m
# samenwerkingsmonitor.cli` would then meet a half-initialised module. The Context is built when a
# command runs (as cli.with_context does), so `--help` works while a setting is wrong.


@click.group()
def report() -> None:
    """Reports made from the exported figures."""


@report.command("nppz")
@click.option("--year", type=int, required=True, help="Report year: its waves by reference date.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The report file (.pdf or .docx).",
)
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option(
    "--format",
    "kind",
    type=click.Choice(["pdf", "docx"]),
    default="pdf",
    show_default=True,
    help="PDF to send, or DOCX (Word) with the same parts for the consortium's own editing.",
)
@click.option(
    "--annex/--no-annex",
    default=True,
    show_default=True,
    help="Also write the XLSX annex (every figure of the year) as OUT-bijlage.xlsx.",
)
def report_nppz(year: int, out: Path, lang: str, kind: str, annex: bool) -> None:
    """The yearly NPPZ report as a PDF (or DOCX), with its XLSX annex."""
    from reports.annex import annex_path, write_annex
    from reports.images import ChartsUnavailable
    from reports.pdf import build_report

    ctx = Context.from_env()
    ctx.require_schema()
    try:
        result = build_report(ctx, year, out, lang=lang, kind=kind)
    except ChartsUnavailable as error:
        raise click.ClickException(str(error)) from error
    pages = f"{result.pages} pages, " if kind == "pdf" else ""
    click.echo(
        f"wrote {out}: {pages}{result.charts} charts in {result.seconds:.1f} s"
        + ("" if result.has_data else f" (no measurements in {year})")
    )
    if annex:
        rows = write_annex(ctx, year, annex_path(out))
        click.echo(f"wrote {annex_path(out)}: {rows} rows of the measures export")


@click.command()
@click.option("--network", required=True, help="Network code (e.g. UTS).")
@click.option("--dry-run", is_flag=True, help="Print the mail instead of sending it.")
def digest(network: str, dry_run: bool) -> None:
    """The monthly steering-group digest of one network."""
    from reports.digest import build_digest, format_dry_run, send_digest
    from reports.digest_config import load_digest_config
    from reports.images import ChartsUnavailable

    ctx = Context.from_env()
    ctx.require_schema()
    codes = [n.code for n in ctx.framework.networks]
    if network not in codes:
        raise click.BadParameter(f"unknown network {network!r}; use one of {', '.join(codes)}")
    config = load_digest_config(framework=ctx.framework)
    try:
        if dry_run:
            click.echo(format_dry_run(build_digest(ctx, network, config)))
            return
        if not config.recipients(network):
            raise click.ClickException(f"{config.path}: no recipients for network {network}")
        mail = send_digest(ctx, network, config)
    except ChartsUnavailable as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"digest {network} sent to {', '.join(mail.to)}")
