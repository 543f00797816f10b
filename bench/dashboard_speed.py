"""Dashboard speed at national scale (issues 5 and 18): every page's callback server-side, the
first call after start-up, the web process's memory after 20 readers opened every page, and in
headless Chromium the first load of Overzicht and a network switch on Netwerk. Every figure is
printed beside its target and its floor, with the load average before and after.

Run the national benchmark first with --keep, so its database and framework files stay:

    python bench/benchmark.py --keep [--database-url postgresql+psycopg://…]
    python bench/dashboard_speed.py [--workdir bench-data] [--database-url URL] [--calls 60]

It measures against the largest consortium (bench1: 10 networks × 10 waves × 500 respondents).
The callbacks are timed as plain functions (`dashboard.pages.<page>.render`, then the outputs
encoded as Dash encodes them), in an app created as the served one (warmed at start). Floors:
- a page's callback: building the same figures again from their finished data in memory
  (`go.Figure(dict)` per figure) and encoding the outputs — what any answer must cost; the
  target is p95 < 100 ms and median ≤ 2 × floor (reading and rights cost no more than drawing);
- memory: the process right after start-up (imports, warm snapshot cache);
- the browser's first load: DOMContentLoaded, i.e. the page's scripts and styles arrived and ran,
  before any callback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import random
import resource
import statistics
import threading
import time
from pathlib import Path

from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.settings import Settings

BENCH_USER = ("bench@localhost", "Benchmark", "beheerder", "benchmark-wachtwoord")
READERS = 20
TARGETS = {
    "p95": 100.0,  # ms, every page's callback
    "ratio": 2.0,  # median callback ÷ floor
    "first_call": 300.0,  # ms, the first call after start-up
    "memory": 500.0,  # MB, after READERS readers opened every page
    "first_load": 1.0,  # s, Overzicht in Chromium
    "switch": 300.0,  # ms, network switch on Netwerk, option pressed to the last graph drawn
}
PAGES = ("overview", "network", "compare", "projects", "quality")


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def rss_mb() -> float:
    """Resident memory of this process now (Linux), MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


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


def bench_account(ctx: Context, index: int = 0):
    """A bench reader: the first a beheerder (reads every network: the largest responses), the
    others alternately beheerder and coordinator of one network."""
    from accounts.users import add_user, load_account

    email, name, role, password = BENCH_USER
    networks: list[str] = []
    if index:
        email = f"reader{index}@localhost"
        if index % 2:
            role = "coordinator"
            codes = [n.code for n in ctx.framework.networks]
            networks = [codes[index % len(codes)]]
    with ctx.engine.connect() as conn:
        account = load_account(conn, email=email)
    return account or add_user(ctx.engine, email, name, role, password, networks)


def callback_inputs(ctx: Context, rng: random.Random, account=None) -> dict[str, callable]:
    """Per page: a function that draws the inputs of one realistic request of this reader."""
    fw = ctx.framework
    networks = [n.code for n in fw.networks]
    if account is not None and not account.reads_everything:
        networks = list(account.networks)
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
            "networks": rng.sample(networks, min(3, len(networks))),
            "measure": "theme",
            "subject": rng.choice(themes),
            "lang": "nl",
        },
        "projects": lambda: {"network": rng.choice(networks), "project": None, "lang": "nl"},
        "quality": lambda: {"wave": rng.choice(waves), "lang": "nl"},
    }


def answer(outputs) -> str:
    """The outputs encoded as Dash encodes a callback's answer."""
    from plotly.utils import PlotlyJSONEncoder

    return json.dumps(outputs, cls=PlotlyJSONEncoder)


def floor_call(outputs: dict) -> tuple[float, float]:
    """ms (wall, CPU) to build the outputs' figures again from their finished data and encode
    the answer (a figure sent as a plain spec is built as a plotly figure too)."""
    import plotly.graph_objects as go

    finished = {k: v.to_plotly_json() for k, v in outputs.items() if isinstance(v, go.Figure)}
    finished.update({k: v for k, v in outputs.items() if isinstance(v, dict) and "data" in v})
    started, cpu = time.perf_counter(), time.process_time()
    rebuilt = {k: go.Figure(v) for k, v in finished.items()}
    answer({**outputs, **rebuilt})
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def _timed(render, ctx, inputs, cpu: list | None = None) -> tuple[float, dict]:
    """ms of one callback (wall), its outputs; its CPU ms appended to `cpu` when given (on a
    shared machine the wall time grows with the load, the CPU time much less)."""
    started, used = time.perf_counter(), time.process_time()
    outputs = render(ctx, inputs)
    answer(outputs)
    if cpu is not None:
        cpu.append((time.process_time() - used) * 1000)
    return (time.perf_counter() - started) * 1000, outputs


def time_callbacks(ctx: Context, calls: int) -> dict:
    """Per page (median ms, p95 ms, floor ms), the first call after start-up, memory."""
    from flask import g

    from dashboard.app import create_app

    started = time.perf_counter()
    app = create_app(ctx, warm_up=True)  # as dashboard/wsgi.py serves it
    result = {"start_s": time.perf_counter() - started, "rss_start": rss_mb(), "pages": {}}
    result["cpu"] = {}
    rng = random.Random(2028)
    renders = {p: importlib.import_module(f"dashboard.pages.{p}").render for p in PAGES}
    with app.server.test_request_context("/"):
        g.account = bench_account(ctx)  # as the session check sets it for a logged-in beheerder
        draws = callback_inputs(ctx, rng)
        result["first_call"] = _timed(renders["overview"], ctx, draws["overview"]())[0]
        for page in PAGES:
            times, floors, cpu, floors_cpu = [], [], [], []
            for _ in range(calls):
                elapsed, outputs = _timed(renders[page], ctx, draws[page](), cpu)
                times.append(elapsed)
                floor, floor_cpu = floor_call(outputs)
                floors.append(floor)
                floors_cpu.append(floor_cpu)
            times.sort()
            p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
            result["pages"][page] = (statistics.median(times), p95, statistics.median(floors))
            result["cpu"][page] = (statistics.median(cpu), statistics.median(floors_cpu))
    for index in range(1, READERS):  # every page opened by every reader
        with app.server.test_request_context("/"):
            g.account = bench_account(ctx, index)
            draws = callback_inputs(ctx, rng, g.account)
            for page in PAGES:
                for _ in range(3):
                    _timed(renders[page], ctx, draws[page]())
    result["rss_end"] = rss_mb()
    result["rss_peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


# Counts the callbacks the page sends and when the last answer arrived (performance.now(): ms
# since the navigation started), installed before Dash's own scripts run.
CALLBACK_WATCH = """
window.__callbacks = {inflight: 0, last: 0, outputs: [], log: [], pressed: 0, drawn: 0};
document.addEventListener('pointerdown', (e) => { window.__callbacks.pressed = e.timeStamp; }, true);
const plainFetch = window.fetch;
window.fetch = function (url, options) {
  if (!String(url).includes('_dash-update-component')) return plainFetch.apply(this, arguments);
  const watch = window.__callbacks;
  let output = '?';
  try { output = JSON.parse(options.body).output; } catch (e) { }
  watch.outputs.push(output);
  watch.inflight += 1;
  const sent = performance.now();
  const done = () => {
    watch.inflight -= 1; watch.last = performance.now();
    watch.log.push([output, Math.round(sent), Math.round(watch.last)]);
  };
  return plainFetch.apply(this, arguments).then(
    (response) => response.clone().text().then(() => { done(); return response; }),
    (error) => { done(); throw error; });
};
"""
# When a graph's drawing last changed (performance.now()): the figures are on screen. A first
# load ends when they are and no callback is outstanding. Changes inside the graph's element
# count, not the class dcc.Graph sets on it while plotly works ("dash-graph--pending").
DRAWN_WATCH = """
window.__drawn = 0;
new MutationObserver((changes) => {
  for (const change of changes) {
    const node = change.target.nodeType === 1 ? change.target : change.target.parentElement;
    const graph = node && node.closest('.js-plotly-plot');
    if (graph && graph !== node) { window.__drawn = performance.now(); return; }
  }
}).observe(document, {childList: true, subtree: true, attributes: true});
"""


def _settled(driver, quiet: float = 0.6, timeout: float = 60) -> dict:
    """Wait until no callback is in flight for `quiet` seconds; the watch's state."""
    deadline, calm_since = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        state = driver.execute_script("return window.__callbacks")
        if state and state["inflight"] == 0 and state["outputs"]:
            calm_since = calm_since or time.monotonic()
            if time.monotonic() - calm_since >= quiet:
                return state
        else:
            calm_since = None
        time.sleep(0.05)
    raise TimeoutError("callbacks did not settle")


def serve(ctx: Context):
    """The app as `dashboard/wsgi.py` creates it (warmed), on a free port in a thread:
    (server, base URL)."""
    from werkzeug.serving import make_server

    from dashboard.app import create_app

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, create_app(ctx, warm_up=True).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def chromium(watches: tuple[str, ...], trace_categories: str | None = None):
    """Headless Chromium with `watches` installed on every new document; with
    `trace_categories`, its performance log records a trace of those categories."""
    from selenium import webdriver

    from reports.images import CHROMIUM_FLAGS

    options = webdriver.ChromeOptions()
    for flag in [*CHROMIUM_FLAGS, "--headless", "--window-size=1400,1000"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    if trace_categories:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        options.add_experimental_option(
            "perfLoggingPrefs",
            {"enableNetwork": False, "enablePage": False, "traceCategories": trace_categories},
        )
    driver = webdriver.Chrome(options=options)
    for watch in watches:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": watch})
    return driver


def log_in(driver, base: str, ctx: Context) -> None:
    """Log the bench's beheerder in (made if missing) and wait until the page is quiet."""
    from selenium.webdriver.common.by import By

    email, _, _, password = BENCH_USER
    bench_account(ctx)
    driver.get(f"{base}/login")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()
    _settled(driver)


def browser(ctx: Context) -> dict:
    """First load of Overzicht (logged in, fresh served app) and a network switch on Netwerk."""
    server, base = serve(ctx)
    driver = chromium((CALLBACK_WATCH, DRAWN_WATCH))
    result = {}
    try:
        log_in(driver, base, ctx)
        result.update(first_load(driver, base))
        result.update(network_switch(driver, base))
    finally:
        driver.quit()
        server.shutdown()
    return result


LOADS = 5  # first loads of Overzicht, each a fresh navigation: the verdict takes their median


def drawn(driver, quiet: float = 0.4, timeout: float = 30) -> float:
    """ms from navigation to the graphs' last drawing, once it has not changed for `quiet` s."""
    deadline, last, since = time.monotonic() + timeout, None, time.monotonic()
    while time.monotonic() < deadline:
        now = driver.execute_script("return window.__drawn")
        if now != last:
            last, since = now, time.monotonic()
        elif now and time.monotonic() - since >= quiet:
            return now
        time.sleep(0.05)
    raise TimeoutError("the graphs were not drawn")


def first_load(driver, base: str) -> dict:
    """s from navigating to Overzicht until its figures are drawn and the last callback has
    answered, LOADS times: a logged-in steering-group member opening the link from an e-mail
    (scripts in the browser's cache, as from the second visit on). Until 1 December 2026 it
    ended at the last callback's answer alone (printed as well)."""
    from selenium.webdriver.common.by import By

    samples = []
    for _ in range(LOADS):
        driver.get("about:blank")
        driver.get(f"{base}/")
        state = _settled(driver)
        driver.find_element(By.ID, "overview-table")
        figures = drawn(driver)
        loaded = driver.execute_script(
            "return performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
        )
        samples.append(
            {
                "first_load": max(state["last"], figures) / 1000,
                "first_load_answered": state["last"] / 1000,
                "first_load_drawn": figures / 1000,
                "first_load_floor": loaded / 1000,
                "first_load_calls": len(state["outputs"]),
                "first_load_twice": len(state["outputs"]) - len(set(state["outputs"])),
                "first_load_log": state["log"],
            }
        )
    median = sorted(samples, key=lambda sample: sample["first_load"])[len(samples) // 2]
    every = {
        f"{key}_all": [sample[key] for sample in samples]
        for key in ("first_load", "first_load_answered", "first_load_drawn")
    }
    return {**median, **every}


SWITCHES = 7  # one switch is one sample of a noisy browser: the verdict takes their median


def network_switch(driver, base: str) -> dict:
    """ms from choosing another network on Netwerk to the last callback's answer and to the last
    graph drawn, for SWITCHES switches in turn (each to the next network, the page settled in
    between)."""
    from selenium.webdriver.common.by import By

    driver.get(f"{base}/netwerk")
    _settled(driver)
    samples = []
    for k in range(SWITCHES):
        driver.find_element(By.ID, "network-network").click()
        menu = driver.find_element(By.CSS_SELECTOR, ".dash-dropdown-options")
        options = menu.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")
        option = options[1 + k % (len(options) - 1)]
        driver.execute_script("window.__callbacks.outputs = []; " + AFTERPLOT_WATCH)
        started = driver.execute_script("return performance.now()")
        option.click()
        state = _settled(driver)
        calls = state["outputs"]
        samples.append(
            {
                "switch": state["last"] - started,
                # the same from the option's press in the page (without the WebDriver's own
                # latency), and to the last graph drawn after it (plotly's afterplot)
                "switch_pressed": state["last"] - state["pressed"],
                "switch_drawn": max(state["drawn"], state["last"]) - state["pressed"],
                "switch_calls": len(calls),
                "switch_twice": len(calls) - len(set(calls)),
                "switch_log": [
                    (o, s - started, e - started) for o, s, e in state["log"] if s >= started
                ],
            }
        )
    median = sorted(samples, key=lambda sample: sample["switch"])[len(samples) // 2]
    return {
        **median,
        **{f"{key}_all": [sample[key] for sample in samples] for key in SWITCH_CLOCKS},
    }


SWITCH_CLOCKS = ("switch", "switch_pressed", "switch_drawn")
# Notes when a graph of the page was last drawn (plotly's afterplot), hooked once per graph
# (a first load is watched from the document's start instead: DRAWN_WATCH).
AFTERPLOT_WATCH = """
document.querySelectorAll('.js-plotly-plot').forEach((gd) => {
  if (!gd.drawnWatched && gd.on) {
    gd.drawnWatched = true;
    gd.on('plotly_afterplot', () => { window.__callbacks.drawn = performance.now(); });
  }
});
"""


def print_callbacks(title: str, log: list) -> None:
    """Each callback the browser sent: ms to sent and to answered, and its outputs (one that
    waited on another shows as a later start)."""
    print(f"\n{title}: sent ms, answered ms, output")
    for output, sent, answered in sorted(log, key=lambda entry: entry[1]):
        print(f"  {sent:7.0f} {answered:7.0f}  {output[:90]}")


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(calls: dict, seen: dict | None) -> None:
    T = TARGETS
    print(f"\n{'page':<10} {'median ms':>10} {'p95 ms':>8} {'floor ms':>9} {'ratio':>6}  target")
    for page, (median, p95, floor) in calls["pages"].items():
        ratio = median / floor if floor else float("inf")
        ok = p95 < T["p95"] and ratio <= T["ratio"]
        print(
            f"{page:<10} {median:>10.1f} {p95:>8.1f} {floor:>9.1f} {ratio:>6.2f}  "
            f"p95 < {T['p95']:.0f}, ratio ≤ {T['ratio']:.0f}: {verdict(ok)}"
        )
    print(f"\n{'page':<10} {'CPU ms':>10} {'floor CPU ms':>13} {'ratio':>6}  (median CPU time)")
    for page, (cpu, floor) in calls["cpu"].items():
        print(f"{page:<10} {cpu:>10.1f} {floor:>13.1f} {cpu / floor if floor else 0:>6.2f}")
    print(f"\nstart-up (create_app, warm) {calls['start_s']:.2f} s")
    first = calls["first_call"]
    print(
        f"first call after start-up   {first:.1f} ms (target < {T['first_call']:.0f}) {verdict(first < T['first_call'])}"
    )
    end = max(calls["rss_end"], calls["rss_peak"])
    print(
        f"memory after {READERS} readers × {len(PAGES)} pages: {end:.0f} MB "
        f"(floor at start-up {calls['rss_start']:.0f} MB; target < {T['memory']:.0f}) {verdict(end < T['memory'])}"
    )
    if seen is None:
        return
    load_s, floor_s = seen["first_load"], seen["first_load_floor"]
    print(
        f"first load of Overzicht in Chromium: median {load_s:.2f} s of "
        f"{len(seen['first_load_all'])} (floor {floor_s:.2f} s; target < {T['first_load']} s) "
        f"{verdict(load_s < T['first_load'])}; {seen['first_load_calls']} callbacks, "
        f"{seen['first_load_twice']} fired twice; each: "
        + ", ".join(f"{s:.2f}" for s in seen["first_load_all"])
    )
    print(
        "  of which: last callback answered (the measure until 1 December 2026) median "
        f"{statistics.median(seen['first_load_answered_all']):.2f} s, figures drawn median "
        f"{statistics.median(seen['first_load_drawn_all']):.2f} s; each answered / drawn: "
        + ", ".join(
            f"{a:.2f}/{d:.2f}"
            for a, d in zip(seen["first_load_answered_all"], seen["first_load_drawn_all"])
        )
    )
    # The words: "a network switch on Netwerk < 300 ms to the last graph", so the verdict
    # is from the option's press in the page (a reader's click has no WebDriver in between) to
    # the last graph drawn; the earlier clocks are printed beside it.
    drawn = statistics.median(seen["switch_drawn_all"])
    print(
        f"network switch on Netwerk, option pressed to the last graph drawn: median {drawn:.0f} ms "
        f"of {len(seen['switch_drawn_all'])} (target < {T['switch']:.0f} ms) "
        f"{verdict(drawn < T['switch'])}; {seen['switch_calls']} callbacks, "
        f"{seen['switch_twice']} fired twice; each: "
        + ", ".join(f"{ms:.0f}" for ms in seen["switch_drawn_all"])
    )
    for key, what in (
        ("switch_pressed", "option pressed to the last answer"),
        ("switch", "WebDriver's click to the last answer (the verdict until 1 December 2026)"),
    ):
        each = seen[f"{key}_all"]
        print(
            f"  {what}: median {statistics.median(each):.0f} ms; each: "
            + ", ".join(f"{ms:.0f}" for ms in each)
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--workdir", type=Path, default=Path("bench-data"), help="the benchmark's work folder"
    )
    parser.add_argument("--database-url", default=None, help="default: WORKDIR/bench.sqlite")
    parser.add_argument(
        "--calls", type=int, default=60, help="timed calls per page (after the first call)"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium figures")
    parser.add_argument(
        "--callbacks", action="store_true", help="list the browser's callbacks with their times"
    )
    args = parser.parse_args()
    ctx = context(args.workdir, args.database_url)
    print(
        f"database: {ctx.engine.url.render_as_string()}, consortium {ctx.framework.consortium.code}"
    )
    print(f"load average at the start: {load()}")
    calls = time_callbacks(ctx, args.calls)
    seen = None if args.no_browser else browser(ctx)
    report(calls, seen)
    if seen is not None and args.callbacks:
        print_callbacks("first load of Overzicht (the median one)", seen["first_load_log"])
        print_callbacks("network switch (the median one)", seen["switch_log"])
    print(f"\nload average at the end: {load()}")


if __name__ == "__main__":
    main()
