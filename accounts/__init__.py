"""Accounts, rights of a role and the audit log (users.py), log-in sessions (sessions.py), the
log-in throttle (throttle.py) and password-reset links (password_reset.py): used by the dashboard,
the collectors and the command line alike (README, "Layout")."""
