"""The monitor's clock: every stored moment is timezone-aware UTC; every shown or scheduled time,
and every "today" of a business rule, is in the local zone (setting TIME_ZONE, default
Europe/Amsterdam).

The zone is the setting's, never the process's TZ: the same data must give the same stored
values and the same deadlines on a server in UTC, in a container with TZ set, or on a laptop.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_ZONE = "Europe/Amsterdam"


@lru_cache
def parse_zone(name: str) -> ZoneInfo:
    """The zone of an IANA name (Europe/Amsterdam); ValueError for an unknown one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"not a known time zone: {name!r} (an IANA name like {DEFAULT_ZONE})"
        ) from None


def zone() -> ZoneInfo:
    """The local zone: TIME_ZONE, validated at start with the other settings."""
    return parse_zone(os.environ.get("TIME_ZONE", "").strip() or DEFAULT_ZONE)


def now_utc() -> datetime:
    """Now, timezone-aware UTC: the moment to store."""
    return datetime.now(UTC)


def now_local() -> datetime:
    """Now in the local zone (aware): for file names and texts people read."""
    return datetime.now(zone())


def today() -> date:
    """The local date: what "today" means for deadlines, staleness, reminders and date windows."""
    return now_local().date()


def to_utc(value: datetime) -> datetime:
    """An aware UTC moment. A naive value is local wall time (a survey export, a form); in the
    hour that occurs twice when summer time ends it is the first (summer) one, and a time in the
    hour skipped in spring counts with the offset before the change (PEP 495, fold=0)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone())
    return value.astimezone(UTC)


def local(value: datetime) -> datetime:
    """A stored moment in the local zone, for display. A naive value is taken as UTC (what the
    database held before every column knew its zone)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(zone())


def series_to_utc(values: pd.Series) -> pd.Series:
    """`to_utc` for a column (datetime64, naive or aware), with the same rules for the hours
    around the summer-time changes."""
    # numpy and pandas are imported where a column is converted: every command checks TIME_ZONE
    # through this module at start, and `--help` must not pay for pandas (issue 18).
    import numpy as np

    if values.dt.tz is not None:
        return values.dt.tz_convert(UTC)
    first = np.ones(len(values), dtype=bool)  # an hour that occurs twice: the first (summer) one
    zoned = values.dt.tz_localize(zone(), ambiguous=first, nonexistent="NaT").dt.tz_convert(UTC)
    skipped = zoned.isna() & values.notna()
    if skipped.any():
        zoned[skipped] = [to_utc(v.to_pydatetime()) for v in values[skipped]]
    return zoned


def series_local(values: pd.Series) -> pd.Series:
    """Stored moments (a column read from the database) as local wall time, for display and for
    grouping by local date; naive values are taken as UTC."""
    if values.dt.tz is None:
        values = values.dt.tz_localize(UTC)
    return values.dt.tz_convert(zone())


def wall_time(values: pd.Series) -> pd.Series:
    """Stored moments (aware, or naive UTC) as local wall time without a zone: for display,
    spreadsheets, and rules that count local calendar days."""
    import pandas as pd

    return series_local(pd.to_datetime(values, utc=True)).dt.tz_localize(None)


def frame_local(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its timezone-aware columns as local wall time without a zone: for CSV and
    XLSX files, which people read as local time (and the XLSX writer refuses aware values)."""
    import pandas as pd

    aware = [i for i, d in enumerate(frame.dtypes) if isinstance(d, pd.DatetimeTZDtype)]
    if not aware:
        return frame
    out = frame.copy()
    for position in aware:
        out.isetitem(position, wall_time(out.iloc[:, position]))
    return out
