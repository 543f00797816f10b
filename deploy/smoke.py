"""Production smoke test: the compose file's services, started on this machine as compose starts them.

    make smoke                      # or: .venv/bin/python deploy/smoke.py [--database-url URL]

On a fresh PostgreSQL database: the migrate step, gunicorn with 2 workers behind Caddy on a
loopback HTTPS port (Caddy's internal CA; the client trusts its root certificate) and one
scheduler, with MONITOR_ENV=production and a SECRET_KEY from the environment. Then, as a person
would: an account from the CLI, log-in over HTTPS, the Overzicht through its Dash callbacks, a
survey file dropped in the inbox and its responses on the dashboard, the scheduler killed with
SIGKILL and restarted without running a job twice, and a second file collected by the new one.
Needs PostgreSQL (SMOKE_DATABASE_URL or --database-url names a database to create others from) and
`caddy` on the PATH. Prints one line per step; exit status 1 at the first failing step.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import requests
import yaml
from smoke_client import Dashboard, SmokeFailure
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
FRAMEWORK = REPO / "config" / "framework" / "septet.yaml"
NETWORK, GROUP, WAVE = "UTS", "ZP", "2026"
EMAIL, PASSWORD = "smoke@example.org", "smoke-wachtwoord-1"
# Collect the inbox every 2 seconds (6 cron fields: seconds first) so the test needs no minutes.
SOURCES = 'inbox_root: inbox\nsources:\n  - name: template\n    kind: template\n    schedule: "*/2 * * * * *"\n'
T = TypeVar("T")
RUNNING_JOB = re.compile(r'Running job "(\S+) \(.*\)" \(scheduled at ([^)]+)\)')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def step(title: str) -> Iterator[list[str]]:
    """One step of the summary: its title, how long it took and what it found (yielded list)."""
    started = time.monotonic()
    found: list[str] = []
    try:
        yield found
    except Exception as error:
        print(f"FAIL {title} ({time.monotonic() - started:.1f} s): {error}", flush=True)
        raise
    detail = f": {'; '.join(found)}" if found else ""
    print(f"ok   {title} ({time.monotonic() - started:.1f} s){detail}", flush=True)


def wait_for(what: str, probe: Callable[[], T], timeout: float, every: float = 0.5) -> T:
    """Call probe() until it returns something truthy; its last error names what was awaited."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        try:
            result = probe()
            if result:
                return result
        except Exception as error:  # the thing awaited is not there yet
            last = error
        time.sleep(every)
    raise SmokeFailure(f"no {what} within {timeout:.0f} s (last: {last!r})")


class Processes:
    """The services as child processes, each logging to its own file; all stopped at the end."""

    def __init__(self, folder: Path, env: dict[str, str]):
        self.folder, self.env, self.running = folder, env, {}

    def start(
        self, name: str, command: list[str], env: dict[str, str] | None = None
    ) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("a")
        process = subprocess.Popen(
            command, env={**self.env, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
        )
        self.running[name] = process
        return process

    def run(self, command: list[str]) -> str:
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise SmokeFailure(f"{' '.join(command)}: {done.stdout}{done.stderr}")
        return done.stdout.strip()

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text()

    def stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.running.pop(name)
        process.send_signal(sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stop_all(self) -> None:
        for name in list(self.running):
            self.stop(name)


def compose_commands(web_port: int) -> dict[str, list[str]]:
    """The commands of docker-compose.yml; gunicorn on a loopback port with 2 workers."""
    services = COMPOSE["services"]
    web = []
    for arg in services["web"]["command"]:
        if arg.startswith("--bind="):
            arg = f"--bind=127.0.0.1:{web_port}"
        elif arg.startswith("--workers="):
            arg = "--workers=2"
        web.append(arg)
    caddy = [
        "caddy",
        "run",
        "--config",
        str(REPO / "deploy" / "Caddyfile"),
        "--adapter",
        "caddyfile",
    ]
    return {
        "migrate": services["migrate"]["command"],
        "web": web,
        "scheduler": services["scheduler"]["command"],
        "caddy": caddy,  # what the caddy:2 image runs, with our Caddyfile
    }


def app_environment(database_url: str, work: Path, https_port: int) -> dict[str, str]:
    """The app services' compose environment, with this machine's database and folders."""
    fixed = {k: str(v) for k, v in COMPOSE["x-app"]["environment"].items() if "${" not in str(v)}
    sources = work / "sources.yaml"
    sources.write_text(SOURCES)
    bin_dir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        **fixed,
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(48),
        "DATA_DIR": str(work / "data"),
        "FRAMEWORK_FILE": str(FRAMEWORK),
        "SOURCES_FILE": str(sources),
        "PUBLIC_URL": f"https://localhost:{https_port}",
        "SCHEDULER_TICK_SECONDS": "2",
        # This checkout's code and this venv's programs, whatever else is installed.
        "PYTHONPATH": str(REPO),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
    }


def caddy_environment(work: Path, web_port: int, https_port: int) -> dict[str, str]:
    return {
        "SITE_ADDRESS": "localhost",
        "TLS": "internal",
        "UPSTREAM": f"127.0.0.1:{web_port}",
        "HTTPS_PORT": str(https_port),
        "HTTP_PORT": str(free_port()),
        "CADDY_ADMIN": "off",
        # Caddy's CA and certificates live here, not in this machine's home or trust store.
        "XDG_DATA_HOME": str(work / "caddy"),
        "XDG_CONFIG_HOME": str(work / "caddy"),
    }


def drop_survey(inbox: Path, name: str, first: int, count: int) -> Path:
    """A generic-template file of `count` complete responses, written under a hidden name and
    renamed when complete (the inbox leaves names starting with '.' alone)."""
    framework = yaml.safe_load(FRAMEWORK.read_text())
    instrument = framework["instruments"][0]
    items = [i["code"] for t in instrument["themes"] for i in t["items"]]
    inbox.mkdir(parents=True, exist_ok=True)
    partial = inbox / f".{name}"
    with partial.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["response_id", "network", "group", "wave", "submitted_at", *items])
        for n in range(first, first + count):
            answers = [(n + i) % 5 + 1 for i in range(len(items))]
            writer.writerow([f"smoke-{n}", NETWORK, GROUP, WAVE, "2026-10-02 09:46:00", *answers])
    return partial.rename(inbox / name)


def log_entries(log: str) -> list[dict]:
    """The JSON lines of a service's log (samenwerkingsmonitor/logs.py); other lines (a crash's
    output before logging was set up) are skipped."""
    entries = []
    for line in log.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and "message" in entry:
            entries.append(entry)
    return entries


def job_runs(log: str) -> list[tuple[str, str]]:
    """(job id, scheduled time) of every job run a scheduler's log reports."""
    return [run for entry in log_entries(log) for run in RUNNING_JOB.findall(str(entry["message"]))]


def start_stack(
    procs: Processes, commands: dict, caddy_env: dict, web_port: int, base: str, ca: Path
) -> None:
    with step("services started as compose starts them") as found:
        procs.start("web", commands["web"])
        procs.start("scheduler", commands["scheduler"])
        procs.start("caddy", commands["caddy"], caddy_env)
        wait_for(
            "gunicorn",
            lambda: requests.get(f"http://127.0.0.1:{web_port}/health", timeout=2).ok,
            90,
        )
        wait_for("Caddy's root certificate", ca.exists, 30)
        health = wait_for(
            "HTTPS through Caddy",
            lambda: requests.get(f"{base}/health", verify=str(ca), timeout=5),
            30,
        )
        workers = len(re.findall(r"Booting worker", procs.log("web")))
        found.append(f"gunicorn on 127.0.0.1:{web_port} with {workers} workers, 1 scheduler")
        found.append(f"GET {base}/health through Caddy: {health.status_code} {health.text.strip()}")
        # Caddy passes the client's address and a request id on; gunicorn's access log (JSON
        # lines, dashboard/gunicorn_logging.py) shows both, and the app returned the id.
        proxied = wait_for(
            "access record with Caddy's X-Forwarded-For and request id",
            lambda: [
                e
                for e in log_entries(procs.log("web"))
                if e.get("logger") == "gunicorn.access"
                and e.get("forwarded_for") == "127.0.0.1"
                and e.get("request_id") == health.headers.get("X-Request-ID")
            ],
            10,
        )
        found.append(f"access log: {json.dumps(proxied[-1], ensure_ascii=False)}")


def see_responses(dashboard: Dashboard, expected: int, title: str) -> None:
    with step(title) as found:
        started = time.monotonic()
        wanted = f"{expected} in wave {WAVE}"
        seen = wait_for(
            f"{wanted} for {NETWORK} on the Overzicht",
            lambda: (shown := dashboard.overview_responses(NETWORK)) == wanted and shown,
            60,
            every=1,
        )
        found.append(
            f"Overzicht shows {NETWORK}: {seen}, {time.monotonic() - started:.0f} s after the drop"
        )


def kill_and_restart_scheduler(procs: Processes, commands: dict) -> str:
    with step("scheduler killed with SIGKILL and restarted") as found:
        before = procs.log("scheduler")
        procs.stop("scheduler", signal.SIGKILL)
        time.sleep(5)  # two collection times pass while no scheduler runs
        procs.start("scheduler-2", commands["scheduler"])
        wait_for(
            "a job run by the restarted scheduler", lambda: job_runs(procs.log("scheduler-2")), 30
        )
        found.append(f"first scheduler ran {len(job_runs(before))} jobs before the kill")
        # The compose health check of the scheduler service, as Docker would run it.
        check = COMPOSE["services"]["scheduler"]["healthcheck"]["test"][1:]
        found.append(f"{' '.join(check)}: {procs.run(check)}")
        return before


def check_no_duplicate_runs(procs: Processes, before: str, engine: Engine) -> None:
    with step("no job ran twice, no file was ingested twice") as found:
        procs.stop("scheduler-2")  # SIGTERM: it ends after its running job
        runs = job_runs(before) + job_runs(procs.log("scheduler-2"))
        twice = [run for run, n in Counter(runs).items() if n > 1]
        if twice:
            raise SmokeFailure(f"job runs for the same scheduled time: {twice}")
        with engine.connect() as c:
            files = c.execute(
                text(
                    "SELECT file_name, count(*), min(status) FROM collector_run WHERE source = 'template' GROUP BY file_name"
                )
            ).all()
            responses = c.execute(
                text("SELECT count(*) FROM response WHERE source = 'template'")
            ).scalar_one()
        if sorted(f[1] for f in files) != [1, 1] or {f[2] for f in files} != {"ok"}:
            raise SmokeFailure(f"collector runs per file: {files}")
        found.append(
            f"{len(runs)} job runs, each once; 2 files, one run each; {responses} responses in the database"
        )


def smoke(admin_url: str, work: Path) -> None:
    web_port, https_port = free_port(), free_port()
    base = f"https://localhost:{https_port}"
    commands = compose_commands(web_port)
    with step("fresh PostgreSQL database") as found:
        database_url, drop = create_database(admin_url)
        found.append(make_url(database_url).database)
    procs = Processes(work, app_environment(database_url, work, https_port))
    engine = create_engine(database_url)
    try:
        with step("migrate step: " + " ".join(commands["migrate"])) as found:
            found.extend(procs.run(commands["migrate"]).splitlines())
        ca = work / "caddy" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
        start_stack(
            procs, commands, caddy_environment(work, web_port, https_port), web_port, base, ca
        )
        with step("account created with the CLI") as found:
            add = [
                "samenwerkingsmonitor",
                "users",
                "add",
                EMAIL,
                "--name",
                "Smoke",
                "--role",
                "beheerder",
                "--password",
                PASSWORD,
            ]
            found.append(procs.run(add).splitlines()[-1])
        dashboard = Dashboard(base, ca)
        with step("log-in over HTTPS through Caddy") as found:
            dashboard.log_in(EMAIL, PASSWORD)
            found.append(f"session cookie secure: {all(c.secure for c in dashboard.http.cookies)}")
        with step("Overzicht opened through its callbacks") as found:
            found.append(
                f"{NETWORK}: {dashboard.overview_responses(NETWORK) or 'no figures yet (empty database)'}"
            )
        inbox = work / "data" / "inbox" / "template"
        drop_survey(inbox, "smoke-1.csv", 1, 8)
        see_responses(
            dashboard, 8, "survey file dropped in the inbox, its responses on the dashboard"
        )
        before = kill_and_restart_scheduler(procs, commands)
        drop_survey(inbox, "smoke-2.csv", 9, 4)
        see_responses(dashboard, 12, "second file collected by the restarted scheduler")
        check_no_duplicate_runs(procs, before, engine)
    finally:
        procs.stop_all()
        engine.dispose()
        drop()


def create_database(admin_url: str) -> tuple[str, Callable[[], None]]:
    """A new database next to the one admin_url names; returns its URL and a function dropping it."""
    name = f"monitor_smoke_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(admin_url).set(database=name).render_as_string(hide_password=False), drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "SMOKE_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
        help="a PostgreSQL database to create the smoke test's own from (default: SMOKE_DATABASE_URL or the CI one)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the work folder (logs) afterwards"
    )
    args = parser.parse_args()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="monitor-smoke-"))
    try:
        smoke(args.database_url, work)
    except Exception as error:
        print(
            f"smoke test FAILED after {time.monotonic() - started:.0f} s: {error}", file=sys.stderr
        )
        for log in sorted(work.glob("*.log")):
            print(f"--- last lines of {log.name}", file=sys.stderr)
            print("\n".join(log.read_text().splitlines()[-15:]), file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"logs and data kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"smoke test passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
