"""LimeSurvey RemoteControl 2 (JSON-RPC) through citric: completed responses, incrementally.

How a real LimeSurvey answers (docs/sources-collectors.md, "How LimeSurvey answers"): most
errors arrive as HTTP 200 with
`{"status": …}` in the result (citric raises LimeSurveyStatusError for those), an unknown method
as HTTP 500 with an HTML page, exports as base64 of `{"responses": [...]}` whose entries are flat
objects or, in older versions, `{"<id>": {...}}`.

The cursor (source_cursor.last_response_id) moves in the same transaction as the batch. Responses
are exported from the cursor on with completion status `all`, so an incomplete response that is
completed later is not passed by: the cursor stops just before the oldest incomplete response
that is younger than `incomplete_grace_days` (an abandoned one stops holding it back after that).
"""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import requests

from collectors.limesurvey_client import LimeSurveyError, credentials, endpoints, login
from collectors.timeouts import CollectionStopped, Deadline, LimitedSession, run_within
from samenwerkingsmonitor.clock import now_utc, to_utc
from samenwerkingsmonitor.sources import Source

log = logging.getLogger("collectors.limesurvey")
RETRY_HTTP = {502, 503, 504}


@dataclass
class Fetched:
    """What one export brought: completed and incomplete records, the invited count, the cursor."""

    records: list[dict]
    invited: int | None
    cursor: int
    warnings: list[str] = field(default_factory=list)


def fetch(
    source: Source,
    cursor: int,
    environ: dict[str, str] | None = None,
    deadline: Deadline | None = None,
) -> Fetched:
    """Export the responses after `cursor`, retrying network failures with exponential backoff,
    all within the collection's time limit (source.time_limit_seconds unless `deadline`)."""
    site, user, password = credentials(source, environ)
    url = endpoints(site, source.url_format)[0]  # named in messages until one answers
    deadline = deadline or Deadline(source.time_limit_seconds)
    session = LimitedSession(deadline, source.connect_timeout_seconds, source.read_timeout_seconds)
    try:
        return run_within(
            deadline,
            lambda: _fetch_with_retries(source, cursor, site, user, password, session),
            name=f"limesurvey {source.name}",
        )
    except CollectionStopped as error:
        waiting = f"waiting for {session.method}" if session.method else "starting"
        if error.stopped:
            raise LimeSurveyError(
                f"LimeSurvey at {url}: stopped by SIGTERM while {waiting}"
            ) from None
        raise LimeSurveyError(
            f"LimeSurvey at {url}: no answer within the time limit of {deadline.seconds:g} s "
            f"({waiting}; read timeout {source.read_timeout_seconds:g} s per call)"
        ) from None


def _fetch_with_retries(
    source: Source, cursor: int, site: str, user: str, password: str, session: LimitedSession
) -> Fetched:
    url = endpoints(site, source.url_format)[0]
    attempt = 0
    while True:
        try:
            return _fetch_once(source, cursor, site, user, password, session)
        except (requests.ConnectionError, requests.Timeout, _Retry) as error:
            if attempt >= source.retries:
                raise LimeSurveyError(
                    f"LimeSurvey at {url}: unreachable after {attempt + 1} attempts ({error})"
                ) from error
            wait = source.backoff_seconds * 2**attempt
            # INFO: a retry is routine; the collection reports its outcome once at the end.
            log.info("LimeSurvey at %s: %s; trying again in %.1f s", url, error, wait)
            session.deadline.sleep(wait)
            attempt += 1


class _Retry(Exception):
    """A gateway error (502/503/504): the server is restarting or overloaded; try again."""


def _fetch_once(
    source: Source, cursor: int, site: str, user: str, password: str, session: LimitedSession
) -> Fetched:
    from citric.exceptions import LimeSurveyError as CitricError

    step = "get_session_key"
    sid = source.survey_id
    url = endpoints(site, source.url_format)[0]
    client = None
    try:
        client, url = login(site, user, password, session, source.url_format)
        step = "export_responses"
        try:
            raw = client.export_responses(
                sid,
                file_format="json",
                language=source.language,
                completion_status="all",
                heading_type="code",  # always explicit: the default differs by version
                response_type=source.response_type,
                from_response_id=cursor + 1,
            )
            records = parse_export(raw)
        except CitricError as error:
            # Older versions answer an empty range with a status instead of an empty list.
            if "no response" not in str(error).lower():
                raise
            records = []
        step = "get_summary"
        invited, warnings = None, []
        try:
            summary = client.get_summary(sid)
            if isinstance(summary, dict) and summary.get("token_count") is not None:
                invited = int(summary["token_count"])
        except CitricError as error:
            warnings.append(f"survey {sid}: no participant count ({error})")
        return Fetched(records, invited, next_cursor(records, cursor, source), warnings)
    except requests.HTTPError as error:
        status = error.response.status_code if error.response is not None else None
        if status in RETRY_HTTP:
            raise _Retry(f"HTTP {status} on {step}") from error
        raise LimeSurveyError(
            f"LimeSurvey at {url} answered HTTP {status} to {step} with a page, not JSON-RPC: "
            "is the RemoteControl interface (JSON-RPC) enabled, and does this version know the call?"
        ) from error
    except CitricError as error:
        what = "login refused" if step == "get_session_key" else f"{step} for survey {sid} refused"
        raise LimeSurveyError(f"LimeSurvey at {url}: {what}: {error}") from error
    finally:
        if client is not None:
            # The session key is always released, also after an error; a failing release must
            # not hide the error that brought us here.
            with session.grace(min(10.0, source.read_timeout_seconds)):
                try:
                    client.close()
                except Exception as error:  # noqa: BLE001 - logged, the run's outcome stands
                    log.warning(
                        "LimeSurvey at %s: releasing the session key failed: %s", url, error
                    )


def parse_export(raw: bytes | str) -> list[dict]:
    """The response records of a JSON export (already base64-decoded), in both shapes."""
    if isinstance(raw, str):
        raw = base64.b64decode(raw)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LimeSurveyError(f"export_responses did not return JSON ({error})") from error
    if not isinstance(data, dict) or not isinstance(data.get("responses"), list):
        raise LimeSurveyError("export_responses returned JSON without a 'responses' list")
    records = []
    for entry in data["responses"]:
        if not isinstance(entry, dict):
            raise LimeSurveyError(
                f"export_responses returned a response that is no object: {entry!r}"
            )
        if len(entry) == 1:
            ((key, value),) = entry.items()
            if isinstance(value, dict):  # the older {"<id>": {...}} wrapping
                entry = {"id": key, **value} if "id" not in value else value
        records.append(entry)
    return records


def response_id(record: dict) -> int | None:
    try:
        return int(str(record.get("id", "")).strip())
    except ValueError:
        return None


def next_cursor(
    records: list[dict], cursor: int, source: Source, now: datetime | None = None
) -> int:
    """The highest response id read, held back before a recent incomplete response."""
    ids = [i for i in (response_id(r) for r in records) if i is not None]
    if not ids:
        return cursor
    horizon = to_utc(now or now_utc()) - timedelta(days=source.incomplete_grace_days)
    submitted = source.column("submitted_at")
    pending = []
    for record in records:
        if str(record.get(submitted, "")).strip():
            continue
        last = str(record.get("datestamp") or record.get("startdate") or "").strip()
        try:
            # LimeSurvey writes its server's wall time, taken as ours (TIME_ZONE).
            touched = to_utc(datetime.fromisoformat(last)) if last else None
        except ValueError:
            touched = None
        if touched is None or touched >= horizon:
            rid = response_id(record)
            if rid is not None:
                pending.append(rid)
    top = max(ids)
    if pending:
        top = min(top, min(pending) - 1)
    return max(cursor, top)
