"""The monthly steering-group digest: per network one e-mail (plain text and HTML) to each
steering-group member: what asks for attention, what changed since the previous digest, the
consortium's goals and the network's partner network, links into the dashboard, and the
network's one-page PDF attached. Gathering is reports/digest_news.py, the words
reports/digest_mail.py.

The state of each network's previous digest — when it was sent and what its "Vraagt aandacht"
block and index said — is kept in a small JSON file in DATA_DIR (digest-state.json): one
scheduler sends, and that is all there is to remember, so no table is needed. The next digest
compares with it: resolved items, new items, a changed index. Never sent before: events of the
last 31 days, every item new. A dry run records nothing. Times are timezone-aware.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from pathlib import Path

from reports.demo_mark import mark_mail
from reports.digest_config import DigestConfig, load_digest_config
from reports.digest_mail import compose_parts, index_state, words
from reports.digest_news import DigestNews, gather_news
from reports.records import demo_data_loaded
from reports.wording import day
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.mail import Attachment, Mail, send_mail

log = logging.getLogger("samenwerkingsmonitor.digest")
STATE_FILE = "digest-state.json"
FIRST_DIGEST_DAYS = 31


# --- state: what each network's previous digest said -----------------------------------------


def state_path(ctx) -> Path:
    return Path(ctx.settings.data_dir) / STATE_FILE


def _aware(moment: datetime) -> datetime:
    """A naive time is taken as the machine's local time (as the database keeps them)."""
    return moment if moment.tzinfo else moment.astimezone()


def previous_state(ctx, network: str) -> dict:
    """What the network's previous digest said: sent_at, attention (key → line), index; {}
    when none was sent. An entry of the first file format (only the time) still reads."""
    path = state_path(ctx)
    if not path.exists():
        return {}
    value = json.loads(path.read_text(encoding="utf-8")).get(network)
    if isinstance(value, str):
        return {"sent_at": value}
    return value or {}


def last_sent(ctx, network: str) -> datetime | None:
    value = previous_state(ctx, network).get("sent_at")
    return _aware(datetime.fromisoformat(value)) if value else None


def record_sent(ctx, network: str, when: datetime, said: dict | None = None) -> None:
    """Remember the digest sent `when` and what it `said` (written to a temporary file, then
    renamed, so a crash never leaves half a file)."""
    path = state_path(ctx)
    path.parent.mkdir(parents=True, exist_ok=True)
    state = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    state[network] = {"sent_at": _aware(when).isoformat(timespec="seconds"), **(said or {})}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(
        json.dumps(state, indent=2, sort_keys=True, ensure_ascii=False), encoding="utf-8"
    )
    temporary.replace(path)


# --- building and sending -----------------------------------------------------------------------


def digest_news(ctx, network: str, now: datetime) -> DigestNews:
    previous = previous_state(ctx, network)
    since = last_sent(ctx, network) or now - timedelta(days=FIRST_DIGEST_DAYS)
    return gather_news(ctx, network, since, now.date(), previous)


def _build(
    ctx, network: str, config: DigestConfig, now: datetime, *, attach: bool = True
) -> tuple[Mail, dict]:
    from reports.pdf import network_page

    lang = config.lang
    news = digest_news(ctx, network, now)
    text, html, said = compose_parts(ctx, news, lang)
    attachments = []
    if attach:
        pdf = network_page(ctx, network, lang=lang, today=now.date())
        attachments.append(Attachment(f"samenwerkingsmonitor-{network}-{now:%Y-%m}.pdf", pdf))
    mail = Mail(
        to=config.recipients(network),
        subject=words("subject", lang, name=news.name, date=day(now, lang)),
        text=text,
        html=html,
        attachments=attachments,
    )
    if demo_data_loaded(ctx.engine):
        mark_mail(mail, lang)
    state = {"attention": said}
    if news.index is not None:
        state["index"] = index_state(news.index, lang)
    return mail, state


def build_digest(ctx, network: str, config: DigestConfig, *, now: datetime | None = None) -> Mail:
    """The digest mail of `network` as it would be sent now (nothing is sent or recorded)."""
    mail, _ = _build(ctx, network, config, _aware(now or clock.now_local()))
    return mail


def preview_digest(ctx, network: str, config: DigestConfig, *, now: datetime | None = None) -> Mail:
    """The digest of `network` as the Rapportage page previews it: subject, text and HTML as
    they would be sent now, without the one-page PDF (its chart needs a Chromium; the preview is
    about the words). Nothing is sent or recorded."""
    mail, _ = _build(ctx, network, config, _aware(now or clock.now_local()), attach=False)
    return mail


def send_digest(ctx, network: str, config: DigestConfig, *, now: datetime | None = None) -> Mail:
    """Send the network's digest to its recipients (one mail each) and record what it said."""
    now = _aware(now or clock.now_local())
    mail, state = _build(ctx, network, config, now)
    for recipient in mail.to:
        send_mail(
            ctx.settings, Mail([recipient], mail.subject, mail.text, mail.html, mail.attachments)
        )
    record_sent(ctx, network, now, state)
    log.info("digest %s sent to %d recipient(s)", network, len(mail.to))
    return mail


def send_monthly_digests() -> None:
    """The scheduled job `digest-monthly`: every configured network's digest. One network's
    failure (e.g. a refused address) is logged and does not stop the others."""
    from samenwerkingsmonitor.context import Context

    ctx = Context.from_env()
    try:
        config = load_digest_config(framework=ctx.framework)
        for network, recipients in config.networks.items():
            if not recipients:
                continue
            try:
                send_digest(ctx, network, config)
            except Exception:  # the next network still gets its digest
                log.exception("digest %s failed", network)
    finally:
        ctx.engine.dispose()


def format_dry_run(mail: Mail) -> str:
    """The mail as the dry run prints it: headers, text, HTML and the attachments."""
    attachments = ", ".join(f"{a.filename} ({len(a.content)} bytes)" for a in mail.attachments)
    return "\n".join(
        [
            f"To: {', '.join(mail.to) or '(no recipients configured)'}",
            f"Subject: {mail.subject}",
            f"Attachments: {attachments}",
            "",
            mail.text,
            "",
            "--- HTML ---",
            mail.html or "",
        ]
    )
