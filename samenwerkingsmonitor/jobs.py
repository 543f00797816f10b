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
    from metrics.store import recompute

    ctx = Context.from_env()
    try:
        for line in recompute(ctx.engine, ctx.framework, ctx.consortium_id, everything=False):
            log.info("recompute: %s", line)
    finally:
        ctx.engine.dispose()


def collect_source(name: str) -> None:
    """Collect one source of the sources file (job id collect:<name>); recompute if data changed.

    Another process holding the source's claim is not an error: this run is simply skipped.
    """
    from collectors.collect import collect
    from metrics.store import recompute
    from samenwerkingsmonitor.sources import default_sources_path, load_sources

    ctx = Context.from_env()
    try:
        sources = load_sources(default_sources_path(), ctx.framework)
        source = sources.get(name)
        if source is None or not source.active():
            log.warning("collect:%s: no such active source in %s", name, sources.path)
            return
        result = collect(ctx, source, sources)
        if not result.claimed:
            log.info("collect:%s: skipped, %s", name, "; ".join(result.errors))
            return
        for run in result.runs:
            log.info(
                "collect:%s: %s — %s in, %s new, %s updated, %s rejected",
                name,
                run.file_name,
                run.rows_in,
                run.rows_new,
                run.rows_updated,
                run.rows_rejected,
            )
        for error in result.errors:
            log.error("collect:%s: %s", name, error)
        if result.changed:
            for line in recompute(ctx.engine, ctx.framework, ctx.consortium_id):
                log.info("recompute: %s", line)
    finally:
        ctx.engine.dispose()
