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
    for line in recompute(ctx.engine, ctx.framework, ctx.consortium_id, everything=False):
        log.info("recompute: %s", line)
