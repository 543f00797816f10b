"""`samenwerkingsmonitor health [--scheduler]`: for container health checks and operators."""

from __future__ import annotations

import click

from samenwerkingsmonitor.context import Context


@click.command()
@click.option(
    "--scheduler", is_flag=True, help="Also check that the scheduler process keeps its jobs going."
)
def health(scheduler: bool) -> None:
    """Exit 0 when the database answers at the latest migration (and, with --scheduler, the
    scheduler runs); else print what is wrong and exit 1."""
    # Imported when the check runs: the health module loads SQLAlchemy and the tables (issue 18).
    from samenwerkingsmonitor.health import database_problem, last_heartbeat, scheduler_problem

    ctx = Context.from_env()
    problem = database_problem(ctx.engine, show_url=True)
    if problem is None and scheduler:
        problem = scheduler_problem(ctx.engine, ctx.settings.scheduler_tick_seconds)
    if problem is not None:
        raise click.ClickException(problem)
    if not scheduler:
        click.echo("ok: database")
        return
    beat = last_heartbeat(ctx.engine)
    click.echo(
        "ok: database and scheduler"
        + (f" (last tick {beat:%Y-%m-%d %H:%M:%S} UTC)" if beat else " (no tick run yet)")
    )
