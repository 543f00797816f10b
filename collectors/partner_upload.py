"""A partner list uploaded in the dashboard: the command line's import (collectors/partners.py)
behind two caps that the browser's own check cannot be trusted with — the file's size and its
number of rows (a partner list is a few hundred rows; a national one a few thousand).
"""

from __future__ import annotations

import tempfile
from collections.abc import Collection
from pathlib import Path

from sqlalchemy import Engine

from collectors.files import FileFormatError, file_hash, read_table
from collectors.partners import import_partner_rows
from collectors.run_record import RunSummary

UPLOAD_MAX_BYTES = 5 * 1024 * 1024
UPLOAD_MAX_ROWS = 10_000


class UploadTooLarge(FileFormatError):
    """The uploaded file is larger than UPLOAD_MAX_BYTES; nothing was read or stored."""


def decoded_size(base64_text: str) -> int:
    """The size in bytes of what a base64 text decodes to, without decoding it."""
    return len(base64_text) * 3 // 4 - base64_text[-2:].count("=")


def import_upload(
    engine: Engine,
    data: bytes,
    name: str,
    *,
    consortium_id: int,
    networks: Collection[str] | None,
    actor,
) -> RunSummary:
    """Import an uploaded partner list (CSV or XLSX bytes) named `name`; raises UploadTooLarge,
    TooManyRows (more than UPLOAD_MAX_ROWS rows) or FileFormatError before anything is stored."""
    if len(data) > UPLOAD_MAX_BYTES:
        raise UploadTooLarge(f"{name}: larger than {UPLOAD_MAX_BYTES // (1024 * 1024)} MB")
    with tempfile.TemporaryDirectory(prefix="partners-upload-") as folder:
        # The uploaded name, so that the run, the rejects and the messages name the user's file.
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        header, rows = read_table(path, max_rows=UPLOAD_MAX_ROWS)
        digest = file_hash(path)
    return import_partner_rows(
        engine, path.name, header, rows, consortium_id, "partners", digest, networks, actor
    )
