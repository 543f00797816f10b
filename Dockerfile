# Production image: the web app (gunicorn) and the scheduler run from this one image.
FROM python:3.11-slim
# The package is installed into site-packages, so the framework file is named explicitly.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    FRAMEWORK_FILE=/app/config/framework/septet.yaml DATA_DIR=/data CHROMIUM_PATH=/usr/bin/chromium \
    SOURCES_FILE=/app/config/sources.yaml DIGEST_FILE=/app/config/digest.yaml
WORKDIR /app
# Chromium renders the report's charts (kaleido) offline; nothing is fetched at run time.
RUN apt-get update && apt-get install -y --no-install-recommends chromium \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY db db
COPY metrics metrics
COPY collectors collectors
COPY charts charts
COPY dashboard dashboard
COPY reports reports
COPY samenwerkingsmonitor samenwerkingsmonitor
COPY config config
RUN pip install --no-cache-dir .
RUN useradd --system --home /app monitor
USER monitor
EXPOSE 8050
CMD ["gunicorn", "--bind", "0.0.0.0:8050", "--workers", "4", "dashboard.wsgi:server"]
