"""The log-in and refusal pages in both languages. They are plain HTML served before Dash (no
session needed), so their language comes from the URL: `?lang=en`, or the `lang` of the page the
person was going to (`next`)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from flask import request

from dashboard.i18n import language

AUTH_TEXTS = {
    "login": {"nl": "Inloggen", "en": "Log in"},
    "email": {"nl": "E-mailadres", "en": "Email address"},
    "password": {"nl": "Wachtwoord", "en": "Password"},
    "throttled": {
        "nl": "Te veel mislukte pogingen. Probeer het over een kwartier opnieuw.",
        "en": "Too many failed attempts. Try again in a quarter of an hour.",
    },
    "wrong": {
        "nl": "E-mailadres of wachtwoord klopt niet.",
        "en": "Email address or password is not correct.",
    },
    "other_language": {"nl": "English", "en": "Nederlands"},
    "no_access": {"nl": "Geen toegang", "en": "No access"},
    "to_start": {"nl": "Naar de startpagina", "en": "To the start page"},
    "page_refused": {
        "nl": "U hebt geen toegang tot deze pagina.",
        "en": "You have no access to this page.",
    },
    "network_refused": {
        "nl": "U hebt geen toegang tot netwerk {code}.",
        "en": "You have no access to network {code}.",
    },
    "csrf": {
        "nl": "CSRF-token ontbreekt of klopt niet; laad de pagina opnieuw",
        "en": "The CSRF token is missing or wrong; reload the page",
    },
}


def at(key: str, lang: str, **values: object) -> str:
    text = AUTH_TEXTS[key][language(lang)]
    return text.format(**values) if values else text


def request_lang() -> str:
    """The language of this request: its own `lang`, else that of the page it leads to."""
    values = {**request.args, **request.form}
    if values.get("lang"):
        return language(values["lang"])
    target = values.get("next") or ""
    return language(dict(parse_qsl(urlsplit(target).query)).get("lang"))
