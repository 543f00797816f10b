"""`samenwerkingsmonitor db …`: the database's schema (and, with it, the stored framework)."""

from __future__ import annotations

from pathlib import Path

import click

from samenwerkingsmonitor.context import Context


@click.group()
def db() -> None:
    """Database schema, and the framework stored in it."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target migration.")
def db_upgrade(revision: str) -> None:
    """Create or migrate the database named by DATABASE_URL; at the latest revision, also store
    the framework of FRAMEWORK_FILE (production's migrate step: web workers only read it)."""
    from db.engine import current_revision, head_revision, upgrade

    ctx = Context.from_env()
    upgrade(ctx.engine, revision)
    at = current_revision(ctx.engine)
    click.echo(f"database {ctx.engine.url.render_as_string()} at revision {at}")
    if at == head_revision():
        # Stored in full even when this file was the last one stored: a new release may store
        # more of it (commands skip the store then, Context.consortium_id).
        ctx.store_framework()
        fw = ctx.framework
        click.echo(f"framework {fw.consortium.code} version {fw.version} stored ({fw.path})")


@db.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION ('base' empties it)."""
    from db.engine import current_revision, downgrade

    ctx = Context.from_env()
    downgrade(ctx.engine, revision)
    click.echo(f"database at revision {current_revision(ctx.engine)}")


@db.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def db_backup(file: Path) -> None:
    """Write the whole database to FILE (SQLite: a database file; PostgreSQL: pg_dump's custom
    format). Safe while the dashboard and the scheduler run."""
    from samenwerkingsmonitor.backup import BackupError, backup

    try:
        click.echo(backup(Context.from_env().engine, file))
    except BackupError as error:
        raise click.ClickException(str(error)) from error


@db.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the database without asking.")
def db_restore(file: Path, yes: bool) -> None:
    """Replace the whole database by the backup in FILE (stop the web app and the scheduler
    first). A backup of an older version is brought up to date by `db upgrade` afterwards."""
    from db.engine import current_revision, head_revision
    from samenwerkingsmonitor.backup import BackupError, restore

    ctx = Context.from_env()
    if not yes:
        click.confirm(
            f"Replace everything in {ctx.engine.url.render_as_string()} by {file}?", abort=True
        )
    try:
        click.echo(restore(ctx.engine, file))
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    revision = current_revision(ctx.engine)
    advice = "" if revision == head_revision() else ": run `samenwerkingsmonitor db upgrade`"
    click.echo(f"database at revision {revision}{advice}")
