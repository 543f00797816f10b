"""Where a network switch on Netwerk goes in the browser (issue 18): one switch recorded by
Chromium's own timeline (the trace chromedriver collects as its performance log) and its CPU
profile (the DevTools `Profiler`), summarised as the renderer's main-thread time per kind of
work, the scripts' self time per function, the page's element count and the answers' sizes.

    python bench/switch_trace.py [--workdir bench-data] [--database-url URL] [--switches 3]

It serves the app as `bench/dashboard_speed.py` does (threaded werkzeug, warmed), logs the bench
reader in, opens Netwerk, lets the page settle, then records each switch to the next network
from the click until the page is quiet again (no callback for 0.6 s, so the answers are drawn).
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter
from pathlib import Path

from bench.dashboard_speed import (
    CALLBACK_WATCH,
    _settled,
    chromium,
    context,
    load,
    log_in,
    serve,
)

TRACE_CATEGORIES = ",".join(
    ["devtools.timeline", "v8.execute", "blink", "blink.user_timing", "loading", "toplevel"]
)


def trace_events(entries: list[dict]) -> list[dict]:
    """The trace events among chromedriver's performance log entries."""
    events = []
    for entry in entries:
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Tracing.dataCollected":
            events.append(message["params"])
    return events


def main_thread_tasks(events: list[dict], pressed: dict) -> list[dict]:
    """The renderer main thread's top-level tasks from the pointer press on (the thread that
    dispatched it): start and duration in ms after the press, and the task's largest inner
    events (what it did)."""
    main, start = (pressed["pid"], pressed["tid"]), pressed["ts"]
    spans = sorted(
        (
            e
            for e in events
            if (e["pid"], e["tid"]) == main and e.get("ph") == "X" and "dur" in e
            if e["ts"] >= start - 1000
        ),
        key=lambda e: (e["ts"], -e["dur"]),
    )
    tasks, end = [], float("-inf")
    for span in spans:
        if span["ts"] >= end:
            tasks.append({"at": (span["ts"] - start) / 1000, "ms": span["dur"] / 1000, "inner": []})
            end = span["ts"] + span["dur"]
        else:
            tasks[-1]["inner"].append(span)
    for task in tasks:
        largest = sorted(task.pop("inner"), key=lambda e: -e["dur"])[:4]
        task["what"] = "; ".join(f"{_label(e)} {e['dur'] / 1000:.1f}" for e in largest)
    return tasks


def _label(event: dict) -> str:
    data = event.get("args", {}).get("data", {})
    detail = data.get("functionName") or data.get("type") or data.get("url", "")[-30:]
    return f"{event['name']}({detail})" if detail else event["name"]


def requests_sent(events: list[dict], pressed: dict) -> list[float]:
    """ms after the press at which the callbacks' requests left."""
    return sorted(
        (e["ts"] - pressed["ts"]) / 1000
        for e in events
        if e.get("name") == "ResourceSendRequest"
        and "_dash-update-component" in e.get("args", {}).get("data", {}).get("url", "")
    )


def profile_self_ms(profile: dict) -> Counter:
    """Self time (ms) per function (name, script, line) of a DevTools CPU profile."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    deltas = profile["timeDeltas"]
    per: Counter = Counter()
    for sample, delta in zip(profile["samples"], deltas[1:] + [0], strict=True):
        frame = nodes[sample]["callFrame"]
        script = frame["url"].rsplit("/", 1)[-1].split("?")[0] or "(native)"
        per[f"{frame['functionName'] or '(anonymous)'} {script}:{frame['lineNumber'] + 1}"] += (
            delta / 1000
        )
    return per


def one_switch(driver, k: int, save: Path | None = None) -> dict:
    """One switch to the k-th next network, recorded; its raw trace written to `save`."""
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "network-network").click()
    menu = driver.find_element(By.CSS_SELECTOR, ".dash-dropdown-options")
    options = menu.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")
    option = options[1 + k % (len(options) - 1)]
    driver.execute_script("window.__callbacks.outputs = []; window.__callbacks.log = []")
    driver.get_log("performance")  # empties the trace so far
    driver.execute_cdp_cmd("Profiler.start", {})
    started = driver.execute_script("return performance.now()")
    option.click()
    state = _settled(driver)
    profile = driver.execute_cdp_cmd("Profiler.stop", {})["profile"]
    events = trace_events(driver.get_log("performance"))
    if save:
        save.write_text(json.dumps({"traceEvents": events}))
    # The trace runs on its own clock: it starts at the option's pointer press (the last one;
    # the press that opened the menu may be in the trace too).
    pressed = max(
        (
            e
            for e in events
            if e.get("name") == "EventDispatch"
            and e.get("args", {}).get("data", {}).get("type") == "pointerdown"
        ),
        key=lambda e: e["ts"],
    )
    tasks = main_thread_tasks(events, pressed)
    elements = driver.execute_script("return document.querySelectorAll('*').length")
    sizes = driver.execute_script(
        "return performance.getEntriesByType('resource')"
        ".filter(e => e.name.includes('_dash-update-component') && e.startTime >= arguments[0])"
        ".map(e => [e.encodedBodySize, e.decodedBodySize])",
        started,
    )
    return {
        "switch_ms": state["last"] - started,
        "log": [(o, s - started, e - started) for o, s, e in state["log"]],
        "tasks": tasks,
        "sent": requests_sent(events, pressed),
        "js": profile_self_ms(profile),
        "elements": elements,
        "sizes": sizes,
    }


def run(ctx, switches: int, save: Path | None = None) -> list[dict]:
    server, base = serve(ctx)
    driver = chromium((CALLBACK_WATCH,), TRACE_CATEGORIES)
    try:
        log_in(driver, base, ctx)
        driver.get(f"{base}/netwerk")
        _settled(driver)
        driver.execute_cdp_cmd("Profiler.enable", {})
        driver.execute_cdp_cmd("Profiler.setSamplingInterval", {"interval": 200})
        return [one_switch(driver, k, save) for k in range(switches)]
    finally:
        driver.quit()
        server.shutdown()


def report(samples: list[dict], top: int = 12) -> None:
    times = [sample["switch_ms"] for sample in samples]
    print(
        f"switches (bench clock, to the last answer): {', '.join(f'{ms:.0f}' for ms in times)} "
        f"ms; median {statistics.median(times):.0f}"
    )
    print(f"elements on the page: {samples[-1]['elements']}")
    for s in samples:
        tasks = s["tasks"]
        sent = s["sent"]
        before = sum(t["ms"] for t in tasks if 0 <= t["at"] < (sent[0] if sent else 0))
        busy = sum(t["ms"] for t in tasks if t["at"] >= 0)
        print(
            f"  requests left {', '.join(f'{ms:.0f}' for ms in sent)} ms after the press "
            f"(main thread busy {before:.0f} ms before them, {busy:.0f} ms in all until quiet); "
            f"answers (encoded, decoded bytes): {s['sizes']}"
        )
    js: Counter = Counter()
    for s in samples:
        js.update(s["js"])
    print("\nscripts, self ms per switch (mean), top functions (DevTools profile):")
    for name, ms in js.most_common(top):
        print(f"  {ms / len(samples):8.1f}  {name}")
    last = samples[-1]
    print(
        "\nlast switch, main thread tasks of 2 ms or more (ms after the press, ms, largest inner):"
    )
    for task in last["tasks"]:
        if task["ms"] >= 2 and task["at"] >= -1:
            print(f"  {task['at']:7.1f} {task['ms']:6.1f}  {task['what'][:150]}")
    print("\ncallbacks of the last switch (bench clock: sent ms, answered ms, output):")
    for output, sent, answered in sorted(last["log"], key=lambda e: e[1]):
        print(f"  {sent:7.0f} {answered:7.0f}  {output[:80]}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workdir", type=Path, default=Path("bench-data"))
    parser.add_argument("--database-url", default=None, help="default: WORKDIR/bench.sqlite")
    parser.add_argument("--switches", type=int, default=3)
    parser.add_argument("--save", type=Path, help="write the last switch's trace (JSON) here")
    args = parser.parse_args()
    ctx = context(args.workdir, args.database_url)
    print(f"load average at the start: {load()}")
    report(run(ctx, args.switches, args.save))
    print(f"load average at the end: {load()}")


if __name__ == "__main__":
    main()
