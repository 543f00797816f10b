"""Production entry point: `gunicorn dashboard.wsgi:server` (settings from the environment; behind
a reverse proxy set TRUSTED_PROXIES, which the app factory applies with Werkzeug's ProxyFix)."""

from dashboard.app import create_app
from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.settings import Settings

settings = Settings.from_env()
# In production the migrate step stores the framework; workers only read it (several storing it at
# once on a fresh database would race), and stop here, with the reason, if it is missing.
context = Context(settings, framework_read_only=not settings.embedded)
context.require_schema()
_ = context.consortium_id
server = create_app(context).server
