"""The monthly steering-group digest: per network one HTML e-mail to each steering-group member
with what changed since the last digest, links into the dashboard, and the network's one-page PDF.

"Since the last digest" is the moment the previous digest of that network was sent, kept in a
small JSON file in DATA_DIR (digest-state.json): one scheduler sends, and the date is all there is
to remember, so no table is needed. Never sent before: the last 31 days. A dry run records nothing.
The figures are the exported ones (snapshots, status updates, goal values, notes), never
recomputed; a suppressed index reads "te weinig respondenten".
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import escape
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
from sqlalchemy import select

from db import models as m
from metrics.store import load_snapshots
from reports.digest_config import DigestConfig, load_digest_config
from reports.wording import day, figure, project_status, status
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.mail import Attachment, Mail, send_mail

log = logging.getLogger("samenwerkingsmonitor.digest")
STATE_FILE = "digest-state.json"
FIRST_DIGEST_DAYS = 31

TEXTS = {
    "subject": {
        "nl": "Samenwerkingsmonitor: maandbericht {name} ({date})",
        "en": "Samenwerkingsmonitor: monthly digest {name} ({date})",
    },
    "intro": {
        "nl": "Wat er sinds {since} veranderde in netwerk {name}.",
        "en": "What changed in network {name} since {since}.",
    },
    "index": {
        "nl": "Samenwerkingsindex meting {wave}: {index}; status op weg naar 2028: {status}.",
        "en": "Collaboration index wave {wave}: {index}; status on the road to 2028: {status}.",
    },
    "new_wave": {
        "nl": "Nieuwe cijfers: meting {wave} is (opnieuw) berekend op {date}.",
        "en": "New figures: wave {wave} was (re)computed on {date}.",
    },
    "updates": {"nl": "Projectupdates", "en": "Project updates"},
    "update": {"nl": "{project}: {status} ({date})", "en": "{project}: {status} ({date})"},
    "goals": {"nl": "Nieuwe waarden van SMART-doelen", "en": "New SMART-goal values"},
    "goal": {"nl": "{goal}: {value} op {date}", "en": "{goal}: {value} on {date}"},
    "notes": {"nl": "Notities op de tijdlijn", "en": "Timeline notes"},
    "nothing": {
        "nl": "Geen nieuwe cijfers, projectupdates of notities sinds het vorige bericht.",
        "en": "No new figures, project updates or notes since the previous digest.",
    },
    "open_network": {"nl": "Open het netwerk in het dashboard", "en": "Open the network"},
    "open_projects": {"nl": "Open de projecten van het netwerk", "en": "Open the projects"},
    "attached": {
        "nl": "In de bijlage staat de stand van zaken van het netwerk op één pagina.",
        "en": "The network's state on one page is attached.",
    },
}


def _t(key: str, lang: str, **values) -> str:
    return TEXTS[key].get(lang, TEXTS[key]["nl"]).format(**values)


@dataclass
class DigestNews:
    network: str
    name: str
    since: datetime
    index: pd.Series | None = None
    new_waves: list[tuple[str, datetime]] = field(default_factory=list)
    updates: list[tuple[str, str, datetime]] = field(default_factory=list)
    goal_values: list[tuple[str, float, datetime, str | None]] = field(default_factory=list)
    notes: list[tuple[datetime, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new_waves or self.updates or self.goal_values or self.notes)


# --- state: when each network's digest was last sent ----------------------------------------------


def state_path(ctx) -> Path:
    return Path(ctx.settings.data_dir) / STATE_FILE


def last_sent(ctx, network: str) -> datetime | None:
    path = state_path(ctx)
    if not path.exists():
        return None
    value = json.loads(path.read_text(encoding="utf-8")).get(network)
    # Files written before times carried their offset hold local wall time.
    return clock.to_utc(datetime.fromisoformat(value)) if value else None


def record_sent(ctx, network: str, when: datetime) -> None:
    """Remember `when` as the network's last digest (written to a temporary file, then renamed,
    so a crash never leaves half a file)."""
    path = state_path(ctx)
    path.parent.mkdir(parents=True, exist_ok=True)
    state = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    state[network] = when.isoformat(timespec="seconds")
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(state, indent=2, sort_keys=True), encoding="utf-8")
    temporary.replace(path)


# --- what changed ---------------------------------------------------------------------------------


def news_since(ctx, network: str, since: datetime) -> DigestNews:
    """The network's news since `since`, read from snapshots and the project tables."""
    names = {n.code: n.name for n in ctx.framework.networks}
    news = DigestNews(network, names[network], clock.local(since))  # dates shown are local
    engine, consortium_id = ctx.engine, ctx.consortium_id
    snaps = load_snapshots(engine, consortium_id, networks=[network])
    index = snaps[(snaps["measure"] == "index") & (snaps["group"] == "all")]
    if len(index):
        news.index = index.sort_values("reference_date").iloc[-1]
        if bool(news.index["suppressed"]):  # belt and braces: print the phrase, not a number
            news.index = news.index.copy()
            news.index["score_100"] = None
    computed = snaps.groupby("wave")["computed_at"].max()
    news.new_waves = [
        (wave, clock.local(when))
        for wave, when in computed.items()
        if pd.Timestamp(when) > pd.Timestamp(since)
    ]
    with engine.connect() as c:
        news.updates = [
            (name, state, clock.local(at))
            for name, state, at in c.execute(
                select(m.Project.name, m.StatusUpdate.status, m.StatusUpdate.submitted_at)
                .join(m.Project, m.Project.id == m.StatusUpdate.project_id)
                .join(m.Network, m.Network.id == m.StatusUpdate.network_id)
                .where(
                    m.Network.consortium_id == consortium_id,
                    m.Network.code == network,
                    m.StatusUpdate.state == "submitted",
                    m.StatusUpdate.submitted_at > since,
                )
                .order_by(m.StatusUpdate.submitted_at)
            )
        ]
        news.goal_values = [
            tuple(row)
            for row in c.execute(
                select(m.Goal.name, m.GoalValue.value, m.GoalValue.measured_at, m.Goal.unit)
                .join(m.Goal, m.Goal.id == m.GoalValue.goal_id)
                .join(m.Network, m.Network.id == m.Goal.network_id)
                .where(
                    m.Network.consortium_id == consortium_id,
                    m.Network.code == network,
                    m.GoalValue.measured_at > clock.local(since).date(),
                )
                .order_by(m.GoalValue.measured_at)
            )
        ]
        news.notes = [
            tuple(row)
            for row in c.execute(
                select(m.TimelineNote.noted_on, m.TimelineNote.text)
                .join(m.Network, m.Network.id == m.TimelineNote.network_id)
                .where(
                    m.Network.consortium_id == consortium_id,
                    m.Network.code == network,
                    m.TimelineNote.created_at > since,
                )
                .order_by(m.TimelineNote.noted_on)
            )
        ]
    return news


# --- the mail -------------------------------------------------------------------------------------


def dashboard_link(ctx, path: str, network: str, lang: str) -> str:
    """A deep link that opens the network's view (the pages read ?network=…&lang=…)."""
    return f"{ctx.settings.public_url}{path}?{urlencode({'network': network, 'lang': lang})}"


def compose(
    ctx, config: DigestConfig, news: DigestNews, pdf: bytes, now: datetime, lang: str
) -> Mail:
    """The digest of one network as text and HTML, with the one-page PDF attached."""
    lines: list[tuple[str, list[str]]] = []  # (heading, bullet lines); heading "" = paragraph
    if news.index is not None:
        row = news.index
        lines.append(
            (
                "",
                [
                    _t(
                        "index",
                        lang,
                        wave=row["wave"],
                        index=figure(row, "score_100", lang),
                        status="-" if bool(row["suppressed"]) else status(row["status"], lang),
                    )
                ],
            )
        )
    if news.new_waves:
        lines.append(
            ("", [_t("new_wave", lang, wave=w, date=day(when, lang)) for w, when in news.new_waves])
        )
    if news.updates:
        lines.append(
            (
                _t("updates", lang),
                [
                    _t("update", lang, project=p, status=project_status(s, lang), date=day(d, lang))
                    for p, s, d in news.updates
                ],
            )
        )
    if news.goal_values:
        lines.append(
            (
                _t("goals", lang),
                [
                    _t(
                        "goal",
                        lang,
                        goal=g,
                        value=f"{v:g}{' ' + u if u else ''}",
                        date=day(d, lang),
                    )
                    for g, v, d, u in news.goal_values
                ],
            )
        )
    if news.notes:
        lines.append((_t("notes", lang), [f"{day(d, lang)}: {text}" for d, text in news.notes]))
    if news.empty:
        lines.append(("", [_t("nothing", lang)]))
    network_url = dashboard_link(ctx, "/netwerk", news.network, lang)
    projects_url = dashboard_link(ctx, "/projecten", news.network, lang)
    intro = _t("intro", lang, since=day(news.since, lang), name=news.name)
    text = [intro, ""]
    html = [
        '<html><body style="font-family: Arial, sans-serif; font-size: 14px; color: #222">',
        f'<h2 style="color: #0072B2">{escape(news.name)}</h2>',
        f"<p>{escape(intro)}</p>",
    ]
    for heading, bullets in lines:
        if heading:
            text.append(heading)
            html.append(f"<h3>{escape(heading)}</h3>")
            text += [f"- {b}" for b in bullets]
            html.append("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in bullets) + "</ul>")
        else:
            text += bullets
            html += [f"<p>{escape(b)}</p>" for b in bullets]
        text.append("")
    text += [
        f"{_t('open_network', lang)}: {network_url}",
        f"{_t('open_projects', lang)}: {projects_url}",
        "",
        _t("attached", lang),
    ]
    html += [
        f'<p><a href="{escape(network_url)}">{escape(_t("open_network", lang))}</a><br>',
        f'<a href="{escape(projects_url)}">{escape(_t("open_projects", lang))}</a></p>',
        f"<p>{escape(_t('attached', lang))}</p>",
        "</body></html>",
    ]
    return Mail(
        to=config.recipients(news.network),
        subject=_t("subject", lang, name=news.name, date=day(now, lang)),
        text="\n".join(text),
        html="\n".join(html),
        attachments=[Attachment(f"samenwerkingsmonitor-{news.network}-{now:%Y-%m}.pdf", pdf)],
    )


def build_digest(ctx, network: str, config: DigestConfig, *, now: datetime | None = None) -> Mail:
    """The digest mail of `network` as it would be sent now (nothing is sent or recorded)."""
    from reports.pdf import network_page

    now = clock.local(now) if now else clock.now_local()  # `now` aware: its date is the local one
    since = last_sent(ctx, network) or now - timedelta(days=FIRST_DIGEST_DAYS)
    news = news_since(ctx, network, since)
    pdf = network_page(ctx, network, lang=config.lang, today=now.date())
    return compose(ctx, config, news, pdf, now, config.lang)


def send_digest(ctx, network: str, config: DigestConfig, *, now: datetime | None = None) -> Mail:
    """Send the network's digest to its recipients (one mail each) and record the time."""
    now = clock.local(now) if now else clock.now_local()
    mail = build_digest(ctx, network, config, now=now)
    for recipient in mail.to:
        send_mail(
            ctx.settings, Mail([recipient], mail.subject, mail.text, mail.html, mail.attachments)
        )
    record_sent(ctx, network, now)
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
