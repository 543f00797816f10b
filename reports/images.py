"""Static chart images for the PDFs: kaleido with the offline Chromium wrapper (design.md).

One kaleido server (one Chromium) is started per report and renders every chart of it: about
0.2 s an image instead of 2 s when each image starts its own browser. Chromium needs the flags of
design.md to run here (no sandbox as root, no GPU, no outside hosts), and kaleido cannot pass
flags, so `BROWSER_PATH` points at a small wrapper script that adds them. If no browser can be
started the report fails with :class:`ChartsUnavailable` — charts are never silently dropped.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import stat
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import plotly.graph_objects as go

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    # Without this Chromium tries to reach outside hosts, which the networks it runs on refuse.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]
# kaleido's own browser lookup would try to download Chrome; these are the Debian names.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_env_lock = threading.Lock()


class ChartsUnavailable(RuntimeError):
    """The charts of a report cannot be rendered (no browser, or kaleido failed)."""


def find_browser() -> str:
    """The Chromium binary: $CHROMIUM_PATH, else the first Debian name on PATH."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ChartsUnavailable(
        "cannot render the report's charts: no Chromium found (install the Debian package "
        "`chromium`, or set CHROMIUM_PATH to the browser binary)"
    )


def write_wrapper(folder: Path, browser: str) -> Path:
    """A shell script that starts `browser` with the flags of design.md and kaleido's own."""
    script = folder / "chromium-for-kaleido"
    flags = " ".join(_quote(f) for f in CHROMIUM_FLAGS)
    script.write_text(f'#!/bin/sh\nexec {_quote(browser)} {flags} "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def render_charts(
    figures: Sequence[go.Figure], *, width: int = 900, scale: float = 2.0
) -> list[bytes]:
    """PNG images of `figures`, in order, all from one kaleido server (one Chromium).

    Raises ChartsUnavailable with the reason when the browser cannot run.
    """
    if not figures:
        return []
    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="monitor-kaleido-") as folder:
        wrapper = write_wrapper(Path(folder), browser)
        try:
            return _run(_render(figures, str(wrapper), width, scale))
        except ChartsUnavailable:
            raise
        except Exception as error:  # kaleido/choreographer raise many kinds; say which one
            raise ChartsUnavailable(
                f"cannot render the report's charts with kaleido and {browser}: "
                f"{type(error).__name__}: {error}"
            ) from error


def _run(coroutine):
    """asyncio.run, also from a thread that has a running loop (a Dash background job)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    result: dict = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(coroutine)
        except BaseException as error:  # handed to the caller's thread
            result["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


async def _render(figures: Sequence[go.Figure], wrapper: str, width: int, scale: float):
    import kaleido

    # choreographer reads BROWSER_PATH when the server starts; the lock keeps two reports
    # built at once in one process from seeing each other's temporary wrapper.
    with _env_lock:
        previous = os.environ.get("BROWSER_PATH")
        os.environ["BROWSER_PATH"] = wrapper
        try:
            server = kaleido.Kaleido(n=1, mathjax=False, timeout=90)
            await server.open()
        finally:
            if previous is None:
                os.environ.pop("BROWSER_PATH", None)
            else:
                os.environ["BROWSER_PATH"] = previous
    try:
        images = []
        for fig in figures:
            height = int(fig.layout.height or 380)
            images.append(
                await server.calc_fig(
                    fig, opts={"format": "png", "width": width, "height": height, "scale": scale}
                )
            )
        return images
    finally:
        await server.close()
