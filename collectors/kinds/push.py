"""Kind `push`: status updates POSTed to /api/sources/<name>/status-updates
(collectors/http_endpoint.py); nothing is collected, so it has no reader."""

from __future__ import annotations

from samenwerkingsmonitor.source_kinds import SourceKind, register


def check(source) -> None:
    if source.token_env is None:
        raise ValueError("a push source needs token_env: the variable holding its token")
    if source.schedule:
        raise ValueError("a push source is not collected on a schedule")


KIND = register(
    SourceKind(
        name="push",
        description="status updates POSTed to /api/sources/<name>/status-updates",
        check=check,
    )
)
