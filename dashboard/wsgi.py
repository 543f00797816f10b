"""Production entry point: `gunicorn dashboard.wsgi:server` (settings from the environment; behind
a reverse proxy set TRUSTED_PROXIES, which the app factory applies with Werkzeug's ProxyFix)."""

from dashboard.app import create_app
from samenwerkingsmonitor.context import Context

context = Context.from_env()
context.require_schema()
server = create_app(context).server
