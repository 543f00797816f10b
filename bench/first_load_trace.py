"""Where a first load of Overzicht goes (issue 18): one load in headless Chromium, logged in, the
scripts in the browser's cache as from the second visit on (as `bench/dashboard_speed.py`
measures it), recorded as a Chrome performance trace, and printed as

- the timeline: the page, every script and request (Resource Timing: ms sent and answered,
  bytes on the wire and unpacked), the callbacks, when the figures were drawn;
- the renderer's main thread up to the figures drawn: self ms per kind of work and script,
  and the ms it waited idle (network and server time).

    python bench/first_load_trace.py --workdir /tmp/q-sqlite [--database-url URL] [--loads 3]

Warm-up loads fill the caches first (and give V8 the chance to cache compiled code); then
`--loads` loads are traced and the median one (by its figures drawn) is printed. `--save FILE`
keeps that load's trace (JSON, opens in Chrome's Performance panel).
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from pathlib import Path

from bench.dashboard_speed import (
    CALLBACK_WATCH,
    DRAWN_WATCH,
    _settled,
    chromium,
    context,
    drawn,
    load,
    log_in,
    serve,
)

CATEGORIES = ",".join(
    [
        "devtools.timeline",
        "disabled-by-default-devtools.timeline",
        "v8",
        "v8.execute",
        "blink.user_timing",
        "loading",
        "toplevel",
        "disabled-by-default-v8.cpu_profiler",
    ]
)
WARM_UP = 3


def one_load(driver, base: str) -> dict:
    """Navigate to Overzicht, wait for the callbacks to settle; the page's timings and the
    trace events recorded since the last call."""
    driver.get_log("performance")  # drop what came before
    driver.get("about:blank")
    driver.get(f"{base}/")
    state = _settled(driver)
    drawn(driver)
    timings = driver.execute_script(
        """
        const nav = performance.getEntriesByType('navigation')[0];
        return {
          document: [0, nav.responseEnd, nav.transferSize, nav.decodedBodySize],
          dom_content_loaded: nav.domContentLoadedEventEnd,
          drawn: window.__drawn,
          resources: performance.getEntriesByType('resource').map((r) => [
            r.name, r.startTime, r.responseEnd, r.transferSize, r.decodedBodySize]),
        };
        """
    )
    events = [
        json.loads(entry["message"])["message"]["params"] for entry in driver.get_log("performance")
    ]
    events = [e for e in events if isinstance(e, dict) and "ph" in e]
    return {"callbacks": state["log"], "last": state["last"], **timings, "events": events}


def main_thread(events: list[dict]) -> tuple[int, int, float]:
    """(pid, tid, navigation start µs) of the renderer that loaded the page."""
    starts = [
        e
        for e in events
        if e.get("name") == "navigationStart"
        and str(e["args"]["data"].get("documentLoaderURL", "")).startswith("http")
    ]
    start = max(starts, key=lambda e: e["ts"])
    return start["pid"], start["tid"], start["ts"]


def _label(event: dict) -> str:
    data = event.get("args", {}).get("data") or event.get("args", {}).get("beginData") or {}
    url = data.get("url") or data.get("scriptName") or ""
    name = event["name"]
    if url:
        name += " " + url.split("/")[-1].split("?")[0][:40]
    return name


def main_thread_work(events: list[dict], until_ms: float) -> tuple[dict, float, float]:
    """Self ms per kind of work on the main thread from navigation start to `until_ms`, the
    ms of all its tasks, and their CPU ms."""
    pid, tid, nav = main_thread(events)
    end = nav + until_ms * 1000
    spans = sorted(
        (
            e
            for e in events
            if e.get("pid") == pid
            and e.get("tid") == tid
            and e.get("ph") == "X"
            and nav <= e["ts"] <= end
        ),
        key=lambda e: (e["ts"], -e.get("dur", 0)),
    )
    self_us: dict[str, float] = defaultdict(float)
    stack: list[tuple[dict, list]] = []  # (event, [children's µs])
    busy = 0.0

    def close(until: float) -> None:
        while stack and stack[-1][0]["ts"] + stack[-1][0].get("dur", 0) <= until:
            event, children = stack.pop()
            dur = event.get("dur", 0)
            if event["name"] != "RunTask":
                self_us[_label(event)] += max(0.0, dur - sum(children))
            if stack:
                stack[-1][1].append(dur)

    cpu = 0.0
    for event in spans:
        close(event["ts"])
        if not stack:
            busy += min(event.get("dur", 0), end - event["ts"])
            cpu += event.get("tdur", 0)  # the thread's own CPU time: steadier on a busy machine
        stack.append((event, []))
    close(float("inf"))
    return {k: v / 1000 for k, v in self_us.items()}, busy / 1000, cpu / 1000


def script_time(events: list[dict], until_ms: float) -> dict[str, float]:
    """Sampled JavaScript self ms per script (V8's CPU profile in the trace) on the main thread
    from navigation start to `until_ms`: which script's own code ran."""
    pid, tid, nav = main_thread(events)
    end = nav + until_ms * 1000
    frames: dict[tuple, str] = {}
    per_script: dict[str, float] = defaultdict(float)
    starts = {
        e["id"]: e["args"]["data"]["startTime"]
        for e in events
        if e.get("name") == "Profile" and e.get("pid") == pid and e.get("tid") == tid
    }
    clock = dict(starts)
    for event in sorted(
        (e for e in events if e.get("name") == "ProfileChunk" and e.get("pid") == pid),
        key=lambda e: e["ts"],
    ):
        if event["id"] not in starts:  # another thread's profile (the chunks come from the
            continue  # profiler's own thread)
        profile = event["args"]["data"].get("cpuProfile", {})
        for node in profile.get("nodes", []):
            frame = node["callFrame"]
            url = frame.get("url", "").split("/")[-1].split("?")[0]
            what = url or frame.get("functionName") or "(native)"
            frames[(event["id"], node["id"])] = what
        deltas = event["args"]["data"].get("timeDeltas", [])
        for node, delta in zip(profile.get("samples", []), deltas):
            clock[event["id"]] = clock.get(event["id"], 0) + delta
            if nav <= clock[event["id"]] <= end:
                per_script[frames.get((event["id"], node), "?")] += delta / 1000
    return dict(per_script)


def report(sample: dict, all_drawn: list[float]) -> None:
    def short(url: str) -> str:
        return url.split("/", 3)[-1][:70]

    print(
        f"\nfigures drawn: {sample['drawn']:.0f} ms (samples: {', '.join(f'{d:.0f}' for d in all_drawn)})"
    )
    print(
        f"last callback answered: {sample['last']:.0f} ms; DOMContentLoaded {sample['dom_content_loaded']:.0f} ms"
    )
    print("\ntimeline (ms after navigation: sent, answered; bytes on the wire / unpacked)")
    rows = [("page /", *sample["document"])] + [(short(r[0]), *r[1:]) for r in sample["resources"]]
    for name, sent, answered, wire, size in sorted(rows, key=lambda r: r[1]):
        print(f"  {sent:7.0f} {answered:7.0f}  {wire:>9,} / {size:>9,}  {name}")
    print("\ncallbacks (sent, answered, output)")
    for output, sent, answered in sorted(sample["callbacks"], key=lambda c: c[1]):
        print(f"  {sent:7.0f} {answered:7.0f}  {output[:80]}")
    window = sample["drawn"]
    work, busy, cpu = main_thread_work(sample["events"], window)
    print(
        f"\nmain thread up to the figures drawn: {busy:.0f} ms busy of {window:.0f} "
        f"({window - busy:.0f} ms idle: network, server, other threads), {cpu:.0f} ms CPU"
    )
    for label, ms in sorted(work.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {ms:7.1f}  {label}")
    print("\nJavaScript self ms per script (sampled), up to the figures drawn")
    for script, ms in sorted(
        script_time(sample["events"], sample["drawn"]).items(), key=lambda kv: -kv[1]
    )[:15]:
        print(f"  {ms:7.1f}  {script}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workdir", type=Path, default=Path("bench-data"))
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--loads", type=int, default=3, help="traced loads (median printed)")
    parser.add_argument("--save", type=Path, default=None, help="write the median load's trace")
    args = parser.parse_args()
    ctx = context(args.workdir, args.database_url)
    print(f"database: {ctx.engine.url.render_as_string()}; load average {load()}")
    server, base = serve(ctx)
    driver = chromium((CALLBACK_WATCH, DRAWN_WATCH), CATEGORIES)
    try:
        log_in(driver, base, ctx)
        for _ in range(WARM_UP):
            one_load(driver, base)
        samples = [one_load(driver, base) for _ in range(args.loads)]
    finally:
        driver.quit()
        server.shutdown()
    drawn = [s["drawn"] for s in samples]
    median = sorted(samples, key=lambda s: s["drawn"])[len(samples) // 2]
    report(median, drawn)
    cpu = [main_thread_work(s["events"], s["drawn"])[2] for s in samples]
    print(
        f"\nmedian figures drawn {statistics.median(drawn):.0f} ms, main thread's CPU up to "
        f"then {statistics.median(cpu):.0f} ms (each: {', '.join(f'{c:.0f}' for c in cpu)}); "
        f"load average {load()}"
    )
    if args.save:
        args.save.write_text(json.dumps({"traceEvents": median["events"]}))


if __name__ == "__main__":
    main()
