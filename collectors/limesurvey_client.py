"""Logging in to LimeSurvey RemoteControl 2: which address, and what a refusal means.

LimeSurvey serves RemoteControl at `index.php/admin/remotecontrol` when its URL format
(application/config/config.php, `urlFormat`) is `path`, and at `index.php?r=admin/remotecontrol`
when it is `get` — the default of a fresh installation. The other form then shows the public
survey list: HTTP 200 with a web page instead of JSON-RPC. With `url_format: auto` (the default)
the path form is tried first and the get form when a web page answers; `path` or `get` in the
sources file uses that form only. A switched-off interface answers HTTP 200 with an empty body
(LimeSurvey 6.4.2), which citric reports as "RPC interface not enabled".
"""

from __future__ import annotations

import logging
import os
from typing import Any

import requests

from samenwerkingsmonitor.sources import Source

log = logging.getLogger("collectors.limesurvey")
FORMS = {"path": "/index.php/admin/remotecontrol", "get": "/index.php?r=admin/remotecontrol"}
SWITCHED_OFF = (
    "the RemoteControl interface is switched off (it answered HTTP 200 with an empty body): a "
    "LimeSurvey administrator sets Configuration › Global settings › Interfaces › "
    "RPC interface enabled: JSON-RPC"
)


class LimeSurveyError(RuntimeError):
    """LimeSurvey refused or failed; the message says which server, survey and call."""


def endpoints(site: str, url_format: str = "auto") -> list[str]:
    """The RemoteControl URLs to try, in order: a full RemoteControl URL as it is; a site URL
    with the configured form, or both forms (path first) with `auto`."""
    site = site.strip().rstrip("/")
    if site.endswith("/remotecontrol") or site.endswith("r=admin/remotecontrol"):
        return [site]
    site = site.removesuffix("/index.php")
    forms = ("path", "get") if url_format == "auto" else (url_format,)
    return [site + FORMS[form] for form in forms]


def credentials(source: Source, environ: dict[str, str] | None = None) -> tuple[str, str, str]:
    """The site URL, user and password from the source's environment variables."""
    env = os.environ if environ is None else environ
    values = []
    for name in (source.url_env, source.user_env, source.password_env):
        value = env.get(name, "")
        if not value.strip():
            raise LimeSurveyError(f"source {source.name}: environment variable {name} is not set")
        values.append(value)
    return values[0].strip(), values[1], values[2]


def login(
    site: str, user: str, password: str, session: requests.Session, url_format: str
) -> tuple[Any, str]:
    """A logged-in citric Client and the URL it uses. Raises LimeSurveyError when no address
    answers with JSON-RPC or the interface is switched off; a refused login raises citric's
    status error, and network errors and other HTTP errors pass through (the caller retries)."""
    import citric
    from citric.exceptions import InvalidJSONResponseError, RPCInterfaceNotEnabledError

    pages = []
    for url in endpoints(site, url_format):
        try:
            return citric.Client(url, user, password, requests_session=session), url
        except RPCInterfaceNotEnabledError:
            raise LimeSurveyError(f"LimeSurvey at {url}: {SWITCHED_OFF}") from None
        except requests.HTTPError as error:
            if error.response is None or error.response.status_code != 404:
                raise
            pages.append(f"{url} (HTTP 404)")
        except (InvalidJSONResponseError, ValueError):  # a web page where JSON-RPC was expected
            pages.append(f"{url} (a web page)")
        log.info("LimeSurvey: no RemoteControl at %s", pages[-1])
    raise LimeSurveyError(
        f"LimeSurvey at {site}: no RemoteControl interface at {' or '.join(pages)}: check the "
        "address in the URL variable and the source's url_format (path or get, as LimeSurvey's "
        "urlFormat)"
    )


def check_connection(source: Source, environ: dict[str, str] | None = None) -> str:
    """Log in, read the survey's summary and release the key: `sources check --connect`.

    Returns one line about what was found; raises LimeSurveyError with the reason otherwise.
    """
    from citric.exceptions import LimeSurveyError as CitricError

    from collectors.timeouts import CollectionStopped, Deadline, LimitedSession, run_within

    site, user, password = credentials(source, environ)
    deadline = Deadline(min(source.time_limit_seconds, 120.0))
    session = LimitedSession(deadline, source.connect_timeout_seconds, source.read_timeout_seconds)
    step = ["get_session_key"]

    def work() -> tuple[str, object]:
        client, url = login(site, user, password, session, source.url_format)
        try:
            step[0] = "get_summary"
            return url, client.get_summary(source.survey_id)
        finally:
            with session.grace(10.0):
                client.close()

    try:
        url, summary = run_within(deadline, work, name=f"check {source.name}")
    except CollectionStopped as error:
        raise LimeSurveyError(f"LimeSurvey at {site}: no answer to {step[0]} ({error})") from None
    except requests.RequestException as error:
        raise LimeSurveyError(f"LimeSurvey at {site}: {step[0]} failed: {error}") from None
    except CitricError as error:
        what = "login refused" if step[0] == "get_session_key" else "get_summary refused"
        raise LimeSurveyError(
            f"LimeSurvey at {site}: {what} (survey {source.survey_id}): {error}"
        ) from None
    return f"logged in at {url}; survey {source.survey_id}: {_summary_text(summary)}"


def _summary_text(summary: Any) -> str:
    if not isinstance(summary, dict):
        return f"summary {summary!r}"
    done, started = summary.get("completed_responses"), summary.get("incomplete_responses")
    tokens = summary.get("token_count")
    people = f"{tokens} participants" if tokens is not None else "no participant list"
    return f"{done} complete and {started} incomplete responses, {people}"
