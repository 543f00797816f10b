"""Who may do what in the dashboard, checked on the server (domain.md, "Who may do what").

Each Dash callback is its own HTTP request, so hiding a choice in a layout protects nothing: the
session's role and networks are checked for every page, callback and download. A page module may
declare ROLES (who may open it; default: every role); a request that names a network outside the
person's networks is refused with HTTP 403.

What each role reads:
- beheerder, rapporteur: everything;
- coordinator, stuurgroep: their own network(s), the consortium as a whole (ALL) and the
  Overzicht page (the consortium overview: published, suppressed per-network figures).

Outside a web request (the command line, reports, scheduled jobs, a page's functions called by
code) there is no person to narrow for: the checks below apply to requests only, and every
request passes the guard in dashboard/auth.py first.
"""

from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, g, has_request_context, session

from accounts import sessions
from accounts.users import ROLES, Account, load_account
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

ALL_ROLES = ROLES


def current_account() -> Account | None:
    """The logged-in, active account of this request, or None (cached for the request).

    The one place that resolves the session: the cookie's random id is looked up in web_session
    (accounts/sessions.py) together with the account, on one connection that is
    returned before anything else runs."""
    if not has_request_context():
        return None
    if "account" not in g:
        account = None
        token = session.get("sid")
        if token:
            ctx = current_app.config["MONITOR_CONTEXT"]
            idle = timedelta(minutes=ctx.settings.session_idle_minutes)
            with ctx.engine.begin() as conn:
                user_id = sessions.resolve(conn, token, idle)
                account = load_account(conn, user_id) if user_id is not None else None
            if account is None or not account.active:
                # Revoked, expired, idle too long, or the account was disabled: logged out.
                session.clear()
                account = None
        g.account = account
    return g.account


def require_account() -> Account:
    account = current_account()
    if account is None:
        abort(401)
    return account


def allowed_networks(account: Account | None = None) -> set[str] | None:
    """The network codes this account may read (ALL included), or None for every network."""
    if account is None and not has_request_context():
        return None
    account = account or current_account()
    if account is None:
        return set()
    if account.reads_everything:
        return None
    return set(account.networks) | {ALL_NETWORKS}


def may_read_network(code: str | None, account: Account | None = None) -> bool:
    """May this account read this network? An empty code means "every network"."""
    allowed = allowed_networks(account)
    if allowed is None:
        return True
    return bool(code) and code in allowed


def require_network(code: str | None) -> None:
    if has_request_context() and not may_read_network(code):
        abort(403, description=f"geen toegang tot netwerk {code or '(alle)'}")


def visible(codes) -> list[str]:
    """The codes of `codes` this request's account may read, in their order."""
    allowed = allowed_networks()
    return [c for c in codes if allowed is None or c in allowed]


def page_roles(page) -> tuple[str, ...]:
    return tuple(getattr(page, "ROLES", ALL_ROLES))


def may_open(page, account: Account | None = None) -> bool:
    account = account or current_account()
    return account is not None and account.role in page_roles(page)


def require_page(page) -> Account | None:
    if not has_request_context():
        return None
    account = require_account()
    if account.role not in page_roles(page):
        abort(403, description="geen toegang tot deze pagina")
    return account


def may_write_status(network_code: str, account: Account | None = None) -> bool:
    """May this account submit status updates and goal values for this network?"""
    account = account or current_account()
    if account is None or not network_code or network_code == ALL_NETWORKS:
        return False
    if account.role == "beheerder":
        return True
    return account.role == "coordinator" and network_code in account.networks


NOTE_WRITERS = ("beheerder", "stuurgroep")


def writes_notes() -> bool:
    """Does the current user write timeline notes at all (so the page shows the note form)?"""
    account = current_account()
    return account is not None and account.role in NOTE_WRITERS


def may_write_note(network_code: str) -> bool:
    """May the current user add a dated note to this network's timeline? A steering-group member
    on their own network (domain.md), and the administrator."""
    account = current_account()
    if account is None or not network_code or network_code == ALL_NETWORKS:
        return False
    if account.role not in NOTE_WRITERS:
        return False
    return account.role == "beheerder" or network_code in account.networks


REPORT_WRITERS = ("beheerder", "rapporteur")  # domain.md: the rapporteur makes the reports


def may_write_report_text(network_code: str | None, account: Account | None = None) -> bool:
    """May this account write the report's foreword (no network) or the consortium's reflection
    on this network? The beheerder and the rapporteur, on a network they read."""
    account = account or current_account()
    if account is None or account.role not in REPORT_WRITERS:
        return False
    return network_code is None or may_read_network(network_code, account)
