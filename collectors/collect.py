"""One collection of one source: claim it, read its inbox or its API, record every run.

File inbox (DATA_DIR/inbox/<source>/ unless configured): each complete file (unchanged for the
source's stable_seconds, collectors/inbox_files.py) is ingested in its own run and transaction,
then moved to processed/ under a timestamped name; a file that cannot be read goes to quarantine/
with `<name>.reason.txt` next to it, and so does one that failed max_attempts times
(collectors/poison.py). A file whose content was ingested before is skipped (and moved on). If
the process dies between the commit and the move, the next run finds the file, sees its hash
already ingested, and only moves it.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from collectors import poison, runs
from collectors.files import FileFormatError, file_hash
from collectors.inbox_files import inbox_files, settled, snapshot
from collectors.limesurvey_collect import collect_limesurvey, cursor_of  # noqa: F401 (API)
from collectors.run_record import RunSummary
from collectors.timeouts import CollectionStopped, Deadline
from samenwerkingsmonitor.clock import local, now_local
from samenwerkingsmonitor.source_kinds import get_kind
from samenwerkingsmonitor.sources import Source, SourcesFile

log = logging.getLogger("collectors.collect")

Progress = Callable[[list[Path]], Iterable[Path]]


@dataclass
class Collection:
    """What one collection of a source did."""

    source: str
    claimed: bool = True
    runs: list[RunSummary] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # inbox files still being written

    @property
    def changed(self) -> bool:
        return any(r.changed for r in self.runs)


def ingest_path(
    ctx,
    path: Path,
    source: Source | None,
    *,
    name: str,
    force: bool = False,
    kind: str | None = None,
    create_waves: bool = False,
):
    """Ingest one file as `source` describes it; without a source as `kind` says (default the
    generic template; "relational_template" for the relational questionnaire's template). The
    kind's module (collectors/kinds/) reads it. A wave the instrument lacks is a reject unless
    the source or `create_waves` allows creating it."""
    source_kind = get_kind(source.kind if source else (kind or "template"))
    if source_kind.ingest is None:
        raise ValueError(f"source {name!r} is a {source_kind.name} source, not a file source")
    return source_kind.ingest(ctx, path, source, name=name, force=force, create_waves=create_waves)


def collect(
    ctx,
    source: Source,
    sources: SourcesFile,
    *,
    owner: str | None = None,
    progress: Progress | None = None,
    full: bool = False,
) -> Collection:
    """Collect `source` once, if no other process is collecting it right now; `full` reads a
    LimeSurvey survey whole (the full re-synchronisation)."""
    owner = owner or runs.new_owner()
    result = Collection(source.name)
    if not runs.claim(ctx.engine, source.name, owner, source.lock_minutes):
        holder, until = runs.lock_holder(ctx.engine, source.name)
        result.claimed = False
        result.errors.append(
            f"{source.name}: being collected by {holder} (until {local(until):%H:%M:%S})"
        )
        return result
    deadline = Deadline(source.time_limit_seconds)
    try:
        runs.mark_interrupted(ctx.engine, source.name, source.lock_minutes)
        source_kind = source.source_kind()
        if source_kind.reads_files:
            inbox = source.inbox_dir(ctx.settings.data_dir, sources.inbox_root)
            collect_inbox(ctx, source, inbox, result, progress, deadline)
        elif source_kind.fetch is not None:
            try:
                result.runs.append(source_kind.fetch(ctx, source, deadline=deadline, full=full))
            except Exception as error:  # recorded in the run; the scheduler goes on
                # Not logged here: the caller (CLI, scheduler job) reports result.errors once.
                result.errors.append(f"{source.name}: {error}")
    finally:
        runs.release(ctx.engine, source.name, owner)
    return result


def collect_inbox(
    ctx,
    source: Source,
    inbox: Path,
    result: Collection,
    progress: Progress | None = None,
    deadline: Deadline | None = None,
) -> None:
    """Ingest the inbox's complete files, each in its own run (collectors/inbox_files.py)."""
    inbox.mkdir(parents=True, exist_ok=True)
    deadline = deadline or Deadline(source.time_limit_seconds)
    files, waiting = settled(inbox_files(inbox), source.stable_seconds)
    result.waiting.extend(p.name for p in waiting)
    for done, path in enumerate(progress(files) if progress else files):
        if deadline.over:
            # A file is one transaction: stop between files, the rest waits for the next run.
            left = len(files) - done
            try:
                deadline.check("reading the inbox")
            except CollectionStopped as error:
                result.errors.append(
                    f"{source.name}: {error}; {left} file(s) left for the next run"
                )
            break
        _collect_file(ctx, source, path, result)


def _collect_file(ctx, source: Source, path: Path, result: Collection) -> None:
    before = snapshot(path)
    try:
        summary = ingest_path(ctx, path, source, name=source.name)
    except FileFormatError as error:
        quarantine(path, str(error))
        result.quarantined.append(path.name)
        result.errors.append(f"{error}; moved to quarantine")
        return
    except Exception as error:  # noqa: BLE001 - recorded; the other files go on
        _failed(ctx, source, path, error, result)
        return
    result.runs.append(summary)
    if snapshot(path) != before:
        # Written to while it was read: read it again, whole, at the next run.
        result.waiting.append(path.name)
        return
    move_aside(path, "processed")


def _failed(ctx, source: Source, path: Path, error: Exception, result: Collection) -> None:
    """A file whose ingest failed: left for the next run, or quarantined after max_attempts."""
    what = f"{type(error).__name__}: {error}".splitlines()[0]
    digest = file_hash(path)
    if poison.is_transient(error):
        log.info("%s: %s: database unavailable", source.name, path.name, exc_info=True)
        # If the database is still away this fails too; then nothing was counted either.
        with contextlib.suppress(Exception):
            poison.mark_transient(ctx.engine, source.name, digest)
        result.errors.append(
            f"{path.name}: the database is unavailable ({what}); "
            "the file stays in the inbox for the next run"
        )
        return
    # The traceback goes to the scheduler's log (INFO); the message is reported once, by the caller.
    log.info("%s: %s failed", source.name, path.name, exc_info=True)
    attempts = poison.failed_attempts(ctx.engine, source.name, digest)
    if len(attempts) < source.max_attempts:
        result.errors.append(
            f"{path.name}: {what} (attempt {len(attempts)} of {source.max_attempts}; "
            "the file stays in the inbox)"
        )
        return
    quarantine(path, poison.quarantine_reason(path.name, attempts))
    result.quarantined.append(path.name)
    result.errors.append(f"{path.name}: {what}; failed {len(attempts)} times: moved to quarantine")


def _stamped(folder: Path, name: str) -> Path:
    folder.mkdir(exist_ok=True)
    stamp = now_local().strftime("%Y%m%d-%H%M%S")
    path = Path(name)
    target = folder / f"{path.stem}.{stamp}{path.suffix}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}.{stamp}-{n}{path.suffix}"
    return target


def move_aside(path: Path, folder: str) -> Path:
    target = _stamped(path.parent / folder, path.name)
    shutil.move(str(path), target)
    return target


def quarantine(path: Path, reason: str) -> Path:
    target = move_aside(path, "quarantine")
    target.with_name(target.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
    return target
