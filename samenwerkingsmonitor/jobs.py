"""Scheduled job functions, referenced by "module:function" from the job store.

Each job builds its own Context from the environment: the job store keeps references, never
pickled engines.
"""

from __future__ import annotations

import logging

from samenwerkingsmonitor.context import Context

log = logging.getLogger("samenwerkingsmonitor.jobs")


def recompute_changed() -> None:
    """Recompute the measures of partitions whose data changed since the last recompute."""
    ctx = Context.from_env()
    try:
        _recompute(ctx)
    finally:
        ctx.engine.dispose()


def _recompute(ctx: Context) -> None:
    """Recompute, or skip when another process is recomputing this consortium: what it did not
    see stays marked as changed, and the next tick takes it up."""
    from db.locks import LockBusy
    from metrics.recompute import recompute

    try:
        for line in recompute(ctx.engine, ctx.framework, ctx.consortium_id):
            log.info("recompute: %s", line)
    except LockBusy as busy:
        log.info("recompute skipped: another recompute of this consortium is running (%s)", busy)


def collect_source(name: str, full: bool = False, claim_tries: int = 1) -> None:
    """Collect one source of the sources file (job id collect:<name>); recompute if data changed.

    Another process holding the source's claim is not an error: this run is simply skipped (after
    `claim_tries` attempts, 30 s apart).
    """
    from collectors.collect import collect
    from collectors.timeouts import STOP
    from samenwerkingsmonitor.sources import default_sources_path, load_sources

    job = f"{'full-sync' if full else 'collect'}:{name}"
    ctx = Context.from_env()
    try:
        sources = load_sources(default_sources_path(), ctx.framework)
        source = sources.get(name)
        if source is None or not source.active():
            log.warning("%s: no such active source in %s", job, sources.path)
            return
        result = collect(ctx, source, sources, full=full)
        for _ in range(claim_tries - 1):
            if result.claimed or STOP.wait(30):
                break
            result = collect(ctx, source, sources, full=full)
        if not result.claimed:
            log.info("%s: skipped, %s", job, "; ".join(result.errors))
            return
        for run in result.runs:
            log.info(
                "%s: %s — %s in, %s new, %s updated, %s rejected",
                job,
                run.file_name,
                run.rows_in,
                run.rows_new,
                run.rows_updated,
                run.rows_rejected,
            )
        for error in result.errors:
            log.error("%s: %s", job, error)
        if result.changed:
            _recompute(ctx)
    finally:
        ctx.engine.dispose()


def full_sync_source(name: str) -> None:
    """Read a LimeSurvey survey whole again (job id full-sync:<name>). When the regular collection
    holds the source's claim, wait for it (up to 10 tries): a skipped full sync waits a night."""
    collect_source(name, full=True, claim_tries=10)
