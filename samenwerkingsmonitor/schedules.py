"""A source's schedule: a cron text as an APScheduler trigger in the local zone, and when it
fires next (the sources file, the Gegevens page)."""

from __future__ import annotations

from datetime import datetime

from samenwerkingsmonitor import clock


def trigger_for(schedule: str):
    """An APScheduler trigger for a cron text: 5 fields (crontab) or 6 (seconds first), in the
    local zone (TIME_ZONE): without one APScheduler would take the process's TZ."""
    from apscheduler.triggers.cron import CronTrigger

    fields = schedule.split()
    try:
        if len(fields) == 5:
            return CronTrigger.from_crontab(schedule, timezone=clock.zone())
        if len(fields) == 6:
            names = ("second", "minute", "hour", "day", "month", "day_of_week")
            return CronTrigger(**dict(zip(names, fields)), timezone=clock.zone())
    except ValueError as error:
        raise ValueError(f"not a valid cron schedule {schedule!r}: {error}") from None
    raise ValueError(
        f"a cron schedule has 5 fields (minute hour day month weekday) or 6 (seconds first), "
        f"got {len(fields)} in {schedule!r}"
    )


def next_run(schedule: str | None, now: datetime | None = None) -> datetime | None:
    """When the schedule fires next (aware, local zone), or None without a schedule."""
    if not schedule:
        return None
    now = now or clock.now_local()
    return trigger_for(schedule).get_next_fire_time(None, now)
