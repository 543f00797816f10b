"""Outgoing mail: SMTP when SMTP_HOST is set, otherwise written to the log (the embedded default).

Reminders (coordinators) and digests (steering groups) both go through `send_mail`.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage

from samenwerkingsmonitor.settings import Settings

log = logging.getLogger("samenwerkingsmonitor.mail")


@dataclass
class Attachment:
    filename: str
    content: bytes
    mime_type: str = "application/pdf"


@dataclass
class Mail:
    to: list[str]
    subject: str
    text: str
    html: str | None = None
    attachments: list[Attachment] = field(default_factory=list)


def build_message(settings: Settings, mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = ", ".join(mail.to)
    message["Subject"] = mail.subject
    message.set_content(mail.text)
    if mail.html:
        message.add_alternative(mail.html, subtype="html")
    for a in mail.attachments:
        maintype, subtype = a.mime_type.split("/", 1)
        message.add_attachment(a.content, maintype=maintype, subtype=subtype, filename=a.filename)
    return message


def send_mail(settings: Settings, mail: Mail) -> EmailMessage:
    """Send `mail` (or log it when no SMTP_HOST is configured); returns the message sent."""
    message = build_message(settings, mail)
    if not settings.smtp_host:
        log.info(
            "mail (no SMTP_HOST, not sent) to %s: %s\n%s", message["To"], mail.subject, mail.text
        )
        return message
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(message)
    return message
