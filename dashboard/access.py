"""Who may do what in the dashboard: the hook the accounts issue fills in.

Every state-changing callback asks here, on the server, before it writes (design.md: role checks in
callbacks, not only in layouts, since each callback is its own HTTP request). Until accounts exist
everyone may write; the accounts issue replaces the bodies with checks on the session's role and
networks (domain.md, "Who may do what": a steering-group member writes notes on their own
network's timeline only).
"""

from __future__ import annotations


def may_write_note(network_code: str) -> bool:
    """May the current user add a dated note to this network's timeline? (True for now.)"""
    return bool(network_code) and network_code != "ALL"
