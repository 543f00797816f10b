"""Which inbox files may be read now: only complete ones.

A file being copied into the inbox grows while the collector looks at it. Read then, its first
rows would be ingested and the file moved on while the writer still fills it (the rest lost). So
a file is read only when its modification time is at least `stable_seconds` old (every write
moves it), and its size and modification time are compared again after reading: a file that
changed while it was read stays in the inbox and is read again whole at the next run (what the
first read stored is then unchanged; upserts by response id). Writing under a temporary name
(`.name`, `name.part`, `name.tmp`) and renaming when done still works and needs no waiting.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

INBOX_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


@dataclass(frozen=True)
class Snapshot:
    size: int
    mtime_ns: int


def snapshot(path: Path) -> Snapshot | None:
    """Size and modification time of `path`, or None when it is gone."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return Snapshot(stat.st_size, stat.st_mtime_ns)


def inbox_files(inbox: Path) -> list[Path]:
    """Files waiting in the inbox; names being written (.part, .tmp, Excel's ~$) are left alone."""
    return sorted(
        p
        for p in inbox.iterdir()
        if p.is_file() and p.suffix.lower() in INBOX_SUFFIXES and not p.name.startswith(("~$", "."))
    )


def settled(
    files: list[Path], stable_seconds: float, now: float | None = None
) -> tuple[list[Path], list[Path]]:
    """The files unchanged for at least `stable_seconds` (ready), and the others (waiting)."""
    now = time.time() if now is None else now
    ready, waiting = [], []
    for path in files:
        state = snapshot(path)
        if state is None:
            continue  # moved away meanwhile (another tool, a rename)
        age = now - state.mtime_ns / 1e9
        (ready if age >= stable_seconds else waiting).append(path)
    return ready, waiting
