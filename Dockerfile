# Production image: the migrate step, the web app (gunicorn) and the scheduler all run from this one
# image (docker-compose.yml; docs/deployment.md).
FROM python:3.11-slim
# The package is installed into site-packages, so the framework file is named explicitly.
# TZ: log lines in the consortium's local time; the monitor's own times follow TIME_ZONE.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 TZ=Europe/Amsterdam \
    FRAMEWORK_FILE=/app/config/framework/septet.yaml DATA_DIR=/data CHROMIUM_PATH=/usr/bin/chromium \
    SOURCES_FILE=/app/config/sources.yaml DIGEST_FILE=/app/config/digest.yaml
WORKDIR /app
# Chromium renders the report's charts (kaleido) offline; nothing is fetched at run time.
# tzdata: the zone database TZ names.
RUN apt-get update && apt-get install -y --no-install-recommends chromium tzdata \
    && rm -rf /var/lib/apt/lists/*
# The locked runtime set first (exact versions, hashes checked), in its own layer: a code change
# does not reinstall the dependencies.
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements/runtime.txt
COPY pyproject.toml README.md ./
COPY accounts accounts
COPY demo demo
COPY db db
COPY metrics metrics
COPY collectors collectors
COPY charts charts
COPY dashboard dashboard
COPY reports reports
COPY samenwerkingsmonitor samenwerkingsmonitor
COPY config config
# The project itself without dependencies: everything it needs came from the lock above.
RUN pip install --no-cache-dir --no-deps --no-build-isolation .
# The data folder (file inboxes, processed/ and quarantine/) belongs to the user the app runs as.
# An empty named volume mounted on /data takes this owner from the image at its first use; the
# fixed uid lets a host folder be mounted there instead (chown 10001 it).
RUN useradd --system --uid 10001 --create-home --home-dir /home/monitor monitor \
    && mkdir -p /data && chown monitor:monitor /data
USER monitor
EXPOSE 8050
CMD ["gunicorn", "--bind", "0.0.0.0:8050", "--workers", "4", "--timeout", "120", \
     "--access-logfile", "-", "--logger-class", "dashboard.gunicorn_logging.JsonLogger", \
     "dashboard.wsgi:server"]
