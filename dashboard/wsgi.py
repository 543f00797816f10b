"""Production entry point: `gunicorn dashboard.wsgi:server` (settings from the environment; behind
a reverse proxy set TRUSTED_PROXIES, which the app factory applies with Werkzeug's ProxyFix)."""

from dashboard.app import create_app
from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.logs import configure_logging
from samenwerkingsmonitor.settings import Settings

settings = Settings.from_env()
configure_logging(settings.log_level)
# In production the migrate step stores the framework; workers only read it (several storing it at
# once on a fresh database would race), and stop here, with the reason, if it is missing.
context = Context(settings, framework_read_only=not settings.embedded)
context.require_schema()
_ = context.consortium_id
server = create_app(context, warm_up=True).server  # the first reader does not wait
