"""Dashboard speed at national scale (issue 5): server-side latency of each page's main callback
and the first load of the Overzicht page in headless Chromium.

Run the national benchmark first with --keep, so its database and framework files stay:

    .venv/bin/python bench/benchmark.py --keep
    .venv/bin/python bench/dashboard_speed.py [--workdir bench-data] [--database-url URL] [--calls 60]

It measures against the largest consortium (bench1: 10 networks × 10 waves × 500 respondents).
The callbacks are timed as plain functions (`dashboard.pages.<page>.render`), warm: the first call
fills the per-process snapshot cache and is reported apart, as the cold call.
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import threading
import time
from pathlib import Path

from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.settings import Settings

BENCH_USER = ("bench@localhost", "Benchmark", "beheerder", "benchmark-wachtwoord")
TARGET_P95_MS = 100.0
TARGET_FIRST_LOAD_S = 1.5


def context(workdir: Path, url: str | None) -> Context:
    url = url or f"sqlite:///{workdir / 'bench.sqlite'}"
    settings = Settings.from_env(
        {
            "DATABASE_URL": url,
            "FRAMEWORK_FILE": str(workdir / "bench1.yaml"),
            "DATA_DIR": str(workdir),
        }
    )
    ctx = Context(settings)
    ctx.require_schema()
    return ctx


def bench_account(ctx: Context):
    """A beheerder (reads every network: the largest responses), created in the bench database."""
    from samenwerkingsmonitor.accounts import add_user, load_account

    email, name, role, password = BENCH_USER
    with ctx.engine.connect() as conn:
        account = load_account(conn, email=email)
    return account or add_user(ctx.engine, email, name, role, password)


def callback_inputs(ctx: Context, rng: random.Random) -> dict[str, callable]:
    """Per page: a function that draws the inputs of one realistic request."""
    fw = ctx.framework
    networks = [n.code for n in fw.networks]
    waves = [w.code for w in fw.waves]
    themes = [t.code for t in fw.all_themes()]
    return {
        "overview": lambda: {
            "wave": rng.choice(waves),
            "measure": rng.choice(["theme", "vision_element"]),
            "lang": rng.choice(["nl", "en"]),
        },
        "network": lambda: {
            "network": rng.choice(networks),
            "measure": "theme",
            "subject": rng.choice(themes),
            "wave": rng.choice(waves),
            "lang": "nl",
        },
        "compare": lambda: {
            "networks": rng.sample(networks, 3),
            "measure": "theme",
            "subject": rng.choice(themes),
            "lang": "nl",
        },
        "projects": lambda: {"network": rng.choice(networks), "project": None, "lang": "nl"},
        "quality": lambda: {"wave": rng.choice(waves), "lang": "nl"},
    }


def time_callbacks(ctx: Context, calls: int) -> list[tuple[str, float, float, float]]:
    """(page, cold ms, median ms, p95 ms) per page."""
    import importlib

    from dashboard.app import create_app

    app = create_app(ctx)  # the pages' module state (caches) as in a served app
    rng = random.Random(2028)
    rows = []
    account = bench_account(ctx)
    with app.server.test_request_context("/"):
        from flask import g

        g.account = account  # as the session check would set it for a logged-in beheerder
        for page, draw in callback_inputs(ctx, rng).items():
            render = importlib.import_module(f"dashboard.pages.{page}").render
            started = time.perf_counter()
            render(ctx, draw())
            cold = (time.perf_counter() - started) * 1000
            times = []
            for _ in range(calls):
                inputs = draw()
                started = time.perf_counter()
                render(ctx, inputs)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
            rows.append((page, cold, statistics.median(times), p95))
    return rows


def first_load(ctx: Context) -> float:
    """Seconds from navigation to the rendered Overzicht table in headless Chromium (fresh server,
    so the snapshot cache is cold as after a deploy)."""
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
    from werkzeug.serving import make_server

    from dashboard.app import create_app
    from reports.images import CHROMIUM_FLAGS

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, create_app(ctx).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    for flag in [*CHROMIUM_FLAGS, "--headless", "--window-size=1400,1000"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(options=options)
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        email, _, _, password = BENCH_USER
        bench_account(ctx)
        driver.get(f"{base}/login")
        driver.find_element(By.ID, "email").send_keys(email)
        driver.find_element(By.ID, "password").send_keys(password)
        driver.find_element(By.ID, "login-submit").click()
        WebDriverWait(driver, 30).until(
            expected_conditions.presence_of_element_located((By.ID, "overview-table"))
        )
        # The timed load: a logged-in steering-group member opening the link from an e-mail.
        driver.get("about:blank")
        started = time.perf_counter()
        driver.get(f"{base}/")
        WebDriverWait(driver, 30).until(
            expected_conditions.presence_of_element_located((By.ID, "overview-table"))
        )
        return time.perf_counter() - started
    finally:
        driver.quit()
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--workdir", type=Path, default=Path("bench-data"), help="the benchmark's work folder"
    )
    parser.add_argument("--database-url", default=None, help="default: WORKDIR/bench.sqlite")
    parser.add_argument(
        "--calls", type=int, default=60, help="timed calls per page (after one cold call)"
    )
    args = parser.parse_args()
    ctx = context(args.workdir, args.database_url)
    print(
        f"database: {ctx.engine.url.render_as_string()}, consortium {ctx.framework.consortium.code}"
    )
    rows = time_callbacks(ctx, args.calls)
    print(
        f"\n{'page':<10} {'cold ms':>9} {'median ms':>10} {'p95 ms':>8}  target p95 < {TARGET_P95_MS:.0f} ms"
    )
    for page, cold, median, p95 in rows:
        verdict = "ok" if p95 < TARGET_P95_MS else "MISSED"
        print(f"{page:<10} {cold:>9.1f} {median:>10.1f} {p95:>8.1f}  {verdict}")
    seconds = first_load(ctx)
    verdict = "ok" if seconds < TARGET_FIRST_LOAD_S else "MISSED"
    print(
        f"\nfirst load of Overzicht in headless Chromium: {seconds:.2f} s (target < {TARGET_FIRST_LOAD_S} s) {verdict}"
    )


if __name__ == "__main__":
    main()
