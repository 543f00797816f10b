"""`samenwerkingsmonitor db …`: the database's schema (and, with it, the stored framework)."""

from __future__ import annotations

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
        _ = ctx.consortium_id
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
