"""The "Demogegevens" mark of the digest: when the demo data set is in the database
(reports.records.demo_data_loaded), the subject and the first line of every digest say so, as
the report's cover and the dashboard's pages do — figures made on demo data must never pass for
real ones."""

from __future__ import annotations

from html import escape

from samenwerkingsmonitor.catalogue import t
from samenwerkingsmonitor.mail import Mail


def mark_mail(mail: Mail, lang: str) -> Mail:
    """The mail with the mark in its subject and at the top of its text and HTML."""
    note = t("demo_mark_note", lang)
    mail.subject = f"[{t('demo_mark', lang)}] {mail.subject}"
    mail.text = f"{note}\n\n{mail.text}"
    if mail.html:
        mail.html = f'<p id="demo-mark"><strong>{escape(note)}</strong></p>{mail.html}'
    return mail
