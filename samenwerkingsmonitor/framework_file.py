"""Where the framework file is and what its version is: both known without reading the file's
rules, so a command that only asks "is this the framework stored last?" need not load pydantic
and the framework's model (issue 18)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def default_framework_path() -> Path:
    """``$FRAMEWORK_FILE`` if set, else config/framework/septet.yaml of the repository."""
    configured = os.environ.get("FRAMEWORK_FILE")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "config" / "framework" / "septet.yaml"


def file_version(raw: bytes) -> str:
    """A framework file's version: the first 12 hex digits of the SHA-256 of its bytes. Any
    edit, even a comment, gives a new version, which measure snapshots record."""
    return hashlib.sha256(raw).hexdigest()[:12]
