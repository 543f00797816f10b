"""One page table as a CSV or XLSX download: the file name, language and formats every table
download shares. It imports no page, so a page's own download callback can use it without an
import circle (the app looks the table up; a page passes its own builder)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from dash.exceptions import PreventUpdate

from dashboard.components import send_table
from dashboard.i18n import language

FORMATS = ("csv", "xlsx")


def send(context, table: str, builder: Callable[..., pd.DataFrame], fmt: str, query: dict) -> dict:
    """The table built for `query` with the same display values as on screen (suppressed cells
    carry the phrase, never a number). The caller has checked that the role may open its page."""
    if fmt not in FORMATS:
        raise PreventUpdate
    lang = language(query.get("lang"))
    frame = builder(context, query, lang)
    parts = [table] + [
        str(query[k]) for k in ("network", "wave", "measure", "subject") if query.get(k)
    ]
    return send_table(frame, fmt, "-".join(parts), lang)
