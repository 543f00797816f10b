"""`samenwerkingsmonitor users add|list|set-role|disable|enable|reset-password|send-reset`: accounts from the
command line (the administrator's tools; every change lands in the audit trail as "cli"). The
users page (dashboard/pages/users.py) calls the same functions."""

from __future__ import annotations

import click

from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.vocabulary import ROLES


def _context() -> Context:
    ctx = Context.from_env()
    ctx.require_schema()
    return ctx


def _run(action):
    # Imported when a command runs: accounts loads the tables and argon2 (issue 18, `--help`).
    from accounts.users import AccountError

    try:
        return action()
    except AccountError as error:
        raise click.ClickException(str(error)) from error


@click.group()
def users() -> None:
    """Accounts: roles beheerder, coordinator, stuurgroep, rapporteur (docs/users.md)."""


@users.command("add")
@click.argument("email")
@click.option("--name", required=True, help="Full name, shown in the dashboard.")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--network", "networks", multiple=True, help="Network code (repeat for several).")
@click.option(
    "--password",
    help="Initial password (min. 10 characters); without it a random one is printed.",
)
def add(email: str, name: str, role: str, networks: tuple[str, ...], password: str | None):
    """Create an account."""
    import secrets

    from accounts.users import add_user

    ctx = _context()
    chosen = password or secrets.token_urlsafe(12)
    account = _run(lambda: add_user(ctx.engine, email, name, role, chosen, list(networks)))
    click.echo(f"added {account.email} ({account.role}; {', '.join(account.networks) or 'all'})")
    if not password:
        click.echo(f"initial password: {chosen}")


@users.command("list")
def list_() -> None:
    """Every account with its role, networks and whether it is active."""
    from accounts.users import list_users

    for a in list_users(_context().engine):
        state = "active" if a.active else "disabled"
        click.echo(f"{a.email}\t{a.role}\t{','.join(a.networks) or '-'}\t{state}\t{a.name}")


@users.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
@click.option("--network", "networks", multiple=True, help="Replace the networks with these.")
def set_role_(email: str, role: str, networks: tuple[str, ...]) -> None:
    """Change an account's role (and networks, when given)."""
    from accounts.users import set_role

    ctx = _context()
    account = _run(lambda: set_role(ctx.engine, email, role, list(networks) or None))
    click.echo(f"{account.email}: {account.role} ({', '.join(account.networks) or 'all'})")


@users.command("disable")
@click.argument("email")
def disable(email: str) -> None:
    """Disable an account: it can no longer log in and its sessions end at once."""
    from accounts.users import set_active

    account = _run(lambda: set_active(_context().engine, email, False))
    click.echo(f"{account.email}: disabled")


@users.command("enable")
@click.argument("email")
def enable(email: str) -> None:
    """Enable a disabled account again."""
    from accounts.users import set_active

    account = _run(lambda: set_active(_context().engine, email, True))
    click.echo(f"{account.email}: enabled")


@users.command("reset-password")
@click.argument("email")
@click.option("--password", help="The new password; without it a random one is printed.")
def reset_password(email: str, password: str | None) -> None:
    """Set a new password (the administrator's reset); other sessions of the account end."""
    from accounts.users import set_password

    chosen = _run(lambda: set_password(_context().engine, email, password))
    click.echo(f"{email}: password reset")
    if not password:
        click.echo(f"new password: {chosen}")


@users.command("send-reset")
@click.argument("email")
def send_reset(email: str) -> None:
    """Mail the account a link (valid 48 hours, once) with which they choose a new password."""
    from accounts.password_reset import send_reset_link

    ctx = _context()
    sent = _run(lambda: send_reset_link(ctx.engine, ctx.settings, email))
    click.echo(f"{sent}: reset link sent")
