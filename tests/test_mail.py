"""Mail goes to a real SMTP server on loopback (aiosmtpd), or to the log without SMTP_HOST."""

from __future__ import annotations

import logging
import socket

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from samenwerkingsmonitor.mail import Attachment, Mail, send_mail
from samenwerkingsmonitor.settings import Settings


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mail_over_loopback_smtp():
    inbox = Inbox()
    port = free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        settings = Settings.from_env(
            {
                "SMTP_HOST": "127.0.0.1",
                "SMTP_PORT": str(port),
                "SMTP_STARTTLS": "false",
                "MAIL_FROM": "monitor@septet.test",
            }
        )
        send_mail(
            settings,
            Mail(
                ["alice@utrecht.test"],
                "Herinnering",
                "Tekst",
                "<p>Tekst</p>",
                [Attachment("netwerk.pdf", b"%PDF-1.4 test")],
            ),
        )
    finally:
        server.stop()
    (message,) = inbox.messages
    assert message["To"] == "alice@utrecht.test" and message["Subject"] == "Herinnering"
    assert message["From"] == "monitor@septet.test"
    names = [part.get_filename() for part in message.walk() if part.get_filename()]
    assert names == ["netwerk.pdf"]


def test_without_smtp_host_mail_goes_to_the_log(caplog):
    with caplog.at_level(logging.INFO, logger="samenwerkingsmonitor.mail"):
        send_mail(
            Settings.from_env({}), Mail(["bob@eemland.test"], "Maandbericht", "Nieuw deze maand")
        )
    assert "bob@eemland.test" in caplog.text and "Nieuw deze maand" in caplog.text
