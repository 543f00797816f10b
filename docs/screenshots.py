"""`make screenshots`: pictures of the running product for docs/handleiding.md (issue 16).

Starts the embedded default (`samenwerkingsmonitor run`: demo data, demo accounts) on a port of
its own with a temporary database, logs in through the real log-in form in headless Chromium and
writes PNGs to docs/img/: every page the steering group sees at 1440 px, every page only the
administrator sees, and Overzicht and Netwerk at 390 px (a phone). A changed page changes its
picture the next time this runs, so the guide cannot show a page that no longer exists.

usage: python docs/screenshots.py [--out docs/img] [--port 8064]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from accounts.users import DEMO_ACCOUNTS, DEMO_PASSWORD  # noqa: E402
from dashboard import access  # noqa: E402 - after the repository is on the path
from dashboard.pages import PAGES  # noqa: E402
from reports.images import CHROMIUM_FLAGS  # noqa: E402

LAPTOP, PHONE = (1440, 900), (390, 844)
# (role, width, pages): the steering group's pages at a laptop's width, the pages only the
# administrator has at the same width, and the two pages most read on a phone.
SHOTS = (
    ("stuurgroep", LAPTOP, None),
    ("beheerder", LAPTOP, "only"),
    ("stuurgroep", PHONE, ("/", "/netwerk")),
)


def free_port(preferred: int) -> int:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", preferred)) != 0:
            return preferred
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_product(port: int, workdir: Path) -> subprocess.Popen:
    """`samenwerkingsmonitor run` on a fresh SQLite database; returns once /health answers."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'monitor.sqlite'}",
        "DATA_DIR": str(workdir / "data"),
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "PYTHONPATH": str(REPO),
    }
    command = [sys.executable, "-m", "samenwerkingsmonitor.cli", "run"]
    log = (workdir / "run.log").open("w")
    process = subprocess.Popen(
        command, env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the product stopped; see {workdir / 'run.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2):
                return process
        except OSError:
            time.sleep(1)
    raise SystemExit("the product did not answer within 5 minutes")


def browser():
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument("--headless=new")
    options.add_argument("--hide-scrollbars")
    return webdriver.Chrome(options=options)


def log_in(driver, base: str, role: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    email = next(e for e, _name, r, _networks in DEMO_ACCOUNTS if r == role)
    driver.delete_all_cookies()
    driver.get(base + "/login")
    driver.find_element("id", "email").send_keys(email)
    driver.find_element("id", "password").send_keys(DEMO_PASSWORD)
    driver.find_element("id", "login-submit").click()
    WebDriverWait(driver, 30).until(lambda d: d.find_elements("id", "current-user"))


def settle(driver) -> None:
    """Wait until Dash has no callback in flight and every chart has drawn."""
    from selenium.webdriver.support.ui import WebDriverWait

    script = """
      const s = window.store && window.store.getState().callbacks;
      const busy = s && ['requested', 'prioritized', 'blocked', 'executing', 'watched', 'executed']
        .some(k => (s[k] || []).length);
      const drawn = [...document.querySelectorAll('.dash-graph')]
        .every(g => g.querySelector('.main-svg') || g.offsetParent === null);
      return !!document.querySelector('#navbar nav') && !busy && drawn;
    """
    WebDriverWait(driver, 60).until(lambda d: d.execute_script(script))
    time.sleep(1)  # Plotly's transitions


def shoot(driver, base: str, path: str, size: tuple[int, int], target: Path) -> None:
    width, height = size
    driver.set_window_size(width, height)
    driver.get(base + path)
    settle(driver)
    # The whole page in one picture: grow the window to the document's height (twice: a page
    # that redraws at the new size can grow once more).
    for _ in range(2):
        full = driver.execute_script("return document.documentElement.scrollHeight;")
        driver.set_window_size(width, min(full, 6000))
        settle(driver)
    driver.save_screenshot(str(target))
    small(target)


def small(target: Path) -> None:
    """The picture in at most 256 colours: a page is flat colour and text, and the guide's
    pictures live in the repository."""
    from PIL import Image

    with Image.open(target) as image:
        fewer = image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    fewer.save(target, optimize=True)


def pages_for(role: str, which) -> list[str]:
    mine = [page for page in PAGES if role in access.page_roles(page)]
    if which == "only":
        others = {p.PATH for p in PAGES if "stuurgroep" in access.page_roles(p)}
        return [page.PATH for page in mine if page.PATH not in others]
    return [page.PATH for page in mine if which is None or page.PATH in which]


def name_of(path: str, role: str, size: tuple[int, int]) -> str:
    page = path.strip("/") or "overzicht"
    return f"{page}-{role}-{size[0]}.png"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    parser.add_argument("--port", type=int, default=8064)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        port = free_port(args.port)
        product = start_product(port, Path(tmp))
        driver = browser()
        try:
            base = f"http://127.0.0.1:{port}"
            for role, size, which in SHOTS:
                log_in(driver, base, role)
                for path in pages_for(role, which):
                    target = args.out / name_of(path, role, size)
                    shoot(driver, base, path, size, target)
                    print(f"{target.relative_to(REPO)}")
        finally:
            driver.quit()
            os.killpg(product.pid, signal.SIGTERM)
            product.wait(timeout=30)


if __name__ == "__main__":
    main()
