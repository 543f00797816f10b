"""The clock (samenwerkingsmonitor/clock.py): stored moments are UTC, local ones are TIME_ZONE's,
including the hours around the summer-time changes; the setting is checked at start."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from samenwerkingsmonitor import clock
from samenwerkingsmonitor.settings import Settings, SettingsError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_the_default_zone_is_amsterdam(monkeypatch):
    monkeypatch.delenv("TIME_ZONE", raising=False)
    assert clock.zone() == AMSTERDAM
    monkeypatch.setenv("TIME_ZONE", "America/New_York")
    assert clock.zone() == ZoneInfo("America/New_York")


def test_now_is_aware_utc_and_today_is_the_local_date(monkeypatch):
    assert clock.now_utc().tzinfo is UTC
    monkeypatch.setenv("TIME_ZONE", "Pacific/Kiritimati")  # UTC+14: often a day ahead of UTC
    assert clock.today() == datetime.now(ZoneInfo("Pacific/Kiritimati")).date()


@pytest.mark.parametrize(
    ("wall", "utc"),
    [
        (datetime(2026, 1, 15, 9, 0), datetime(2026, 1, 15, 8, 0)),  # winter: +01:00
        (datetime(2026, 7, 15, 9, 0), datetime(2026, 7, 15, 7, 0)),  # summer: +02:00
        # Summer time begins 29 March 2026 at 02:00: 01:59 is still winter, 03:00 summer.
        (datetime(2026, 3, 29, 1, 59), datetime(2026, 3, 29, 0, 59)),
        (datetime(2026, 3, 29, 3, 0), datetime(2026, 3, 29, 1, 0)),
        # 02:30 that day does not exist: counted with the offset before the change.
        (datetime(2026, 3, 29, 2, 30), datetime(2026, 3, 29, 1, 30)),
        # It ends 25 October 2026 at 03:00: 02:30 happens twice, the first (summer) one counts.
        (datetime(2026, 10, 25, 2, 30), datetime(2026, 10, 25, 0, 30)),
        (datetime(2026, 10, 25, 3, 0), datetime(2026, 10, 25, 2, 0)),
    ],
)
def test_local_wall_time_to_utc_for_one_value_and_a_column(wall, utc):
    expected = utc.replace(tzinfo=UTC)
    assert clock.to_utc(wall) == expected
    column = clock.series_to_utc(pd.Series([wall, None], dtype="datetime64[us]"))
    assert column.iloc[0] == expected and pd.isna(column.iloc[1])
    assert str(column.dt.tz) == "UTC"


def test_an_offset_is_honoured_and_display_is_local():
    pushed = datetime.fromisoformat("2026-10-25T02:30:00+01:00")  # the second 02:30
    assert clock.to_utc(pushed) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    shown = clock.local(clock.to_utc(pushed))
    assert (shown.hour, shown.minute, shown.utcoffset().total_seconds()) == (2, 30, 3600)
    # A naive value from the database (before every column knew its zone) is UTC.
    assert clock.local(datetime(2026, 7, 1, 10, 0)) == datetime(2026, 7, 1, 12, 0, tzinfo=AMSTERDAM)


def test_spreadsheets_get_local_wall_time():
    frame = pd.DataFrame({"at": pd.to_datetime(["2026-07-01 10:00", None], utc=True), "n": [1, 2]})
    out = clock.frame_local(frame)
    assert out["at"].iloc[0] == pd.Timestamp("2026-07-01 12:00") and pd.isna(out["at"].iloc[1])
    assert out["at"].dt.tz is None and frame["at"].dt.tz is not None  # the input is untouched
    plain = pd.DataFrame({"day": [date(2026, 1, 1)]})
    assert clock.frame_local(plain) is plain


def test_time_zone_setting_is_checked_at_start():
    assert Settings.from_env({}).time_zone == "Europe/Amsterdam"
    assert Settings.from_env({"TIME_ZONE": "Europe/London"}).time_zone == "Europe/London"
    with pytest.raises(SettingsError, match="TIME_ZONE: not a known time zone: 'Europe/Amsterdm'"):
        Settings.from_env({"TIME_ZONE": "Europe/Amsterdm"})
