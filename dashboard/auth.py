"""Log-in, log-out and password change, and the guard in front of every request.

- Sessions: kept on the server (table web_session, dashboard/sessions.py); Flask's signed cookie
  holds only the session's random id and the CSRF token (HttpOnly, SameSite=Lax, Secure in
  production). Log-out revokes the session; it also ends after SESSION_IDLE_MINUTES unused and
  SESSION_HOURS after log-in.
- Every request needs a session except the log-in page, /health, the machine push endpoint
  (/api/sources/…: a per-source token instead) and static files (code and CSS, no data).
  A page without a session redirects to the log-in page; anything else answers 401.
- CSRF: the log-in sets a random token in the session and in the readable cookie `_csrf_token`.
  Dash's renderer already sends that cookie's value in the `X-CSRFToken` header of every callback
  request (a double-submit token); our forms send it as a hidden field. Every POST, PUT, PATCH or
  DELETE must carry the session's token, except the push endpoint.
- Rights: a callback request any of whose values names a network outside the person's networks
  (whatever id it travels under: dashboard/rights.py) and a page the role may not open are
  refused with 403 before any callback runs; a malformed callback body with 400.
"""

from __future__ import annotations

import hmac
import secrets
import unicodedata
from datetime import timedelta
from html import escape
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from flask import Blueprint, Response, current_app, jsonify, redirect, request, session
from werkzeug.middleware.proxy_fix import ProxyFix

from accounts.users import (
    AccountError,
    authenticate,
    change_own_password,
)
from dashboard import access, limits, rights
from dashboard import sessions as web_sessions
from dashboard.i18n import request_lang, t

auth = Blueprint("auth", __name__)

CSRF_COOKIE = "_csrf_token"
CSRF_HEADER = "X-CSRFToken"
PUBLIC_PATHS = ("/login", "/health", "/wachtwoord-herstellen")  # reset links: token, no session
PUBLIC_PREFIXES = ("/api/sources/", "/assets/", "/_dash-component-suites/", "/_favicon.ico")
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def configure(server, settings) -> None:
    """Session cookie settings; the guard and the log-in routes on the Flask server."""
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=not settings.embedded,
        SESSION_COOKIE_NAME="monitor_session",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.session_hours),
        # The cookie is written when the session changes (log-in, CSRF token), not on every
        # answer: a Set-Cookie on the fingerprinted scripts kept the browser from caching them,
        # so every visit fetched them again (issue 18). The session's end does not slide
        # anyway: the server-side session expires session_hours after log-in (accounts/sessions).
        SESSION_REFRESH_EACH_REQUEST=False,
    )
    server.register_blueprint(auth)
    limits.configure(server, settings)  # its size check runs before the guard reads a form
    server.before_request(guard)
    if settings.trusted_proxies:
        # remote_addr (the throttle's client address) and the scheme as the proxy saw them; only
        # as many X-Forwarded-* hops as there are proxies are believed, so a client cannot
        # claim another address by sending the header itself.
        hops = settings.trusted_proxies
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops)


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def set_csrf_cookie(response: Response) -> Response:
    response.set_cookie(
        CSRF_COOKIE,
        csrf_token(),
        httponly=False,  # Dash's renderer reads it to send the header
        samesite="Lax",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
    )
    return response


def _public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def _csrf_ok() -> bool:
    expected = session.get("csrf")
    given = request.headers.get(CSRF_HEADER) or request.form.get("csrf_token") or ""
    return bool(expected) and hmac.compare_digest(str(expected).encode(), given.encode())


def guard():
    """Flask before_request: session, CSRF and rights, in that order."""
    path = request.path
    if path.startswith("/api/sources/") or path in ("/health", "/_favicon.ico"):
        return None  # machine clients: their own token, no session, no CSRF
    if request.method in UNSAFE_METHODS and not _csrf_ok():
        # The log-in form too: its token lives in the anonymous session of the form's GET.
        return _refuse(403, t("csrf", request_lang()))
    if _public(path):
        return None
    account = access.current_account()
    if account is None:
        if request.method == "GET" and not path.startswith("/_"):
            return redirect("/login?" + urlencode({"next": request.full_path.rstrip("?")}))
        return _refuse(401, "niet ingelogd")
    if path == "/_dash-update-component":
        return _check_callback()
    if request.method == "GET" and not path.startswith("/_"):
        return _check_page(path, dict(parse_qsl(request.query_string.decode())))
    return None


def _refuse(status: int, message: str):
    if request.path.startswith("/_") or request.is_json:
        response = jsonify({"error": message})
    else:
        lang = request_lang()
        home = "/" + ("?lang=en" if lang == "en" else "")
        body = (
            f"<p>{escape(message)}</p>"
            f'<p><a class="btn btn-primary" href="{home}" id="to-start">{t("to_start", lang)}</a></p>'
        )
        response = Response(simple_page(t("no_access", lang), body, lang), mimetype="text/html")
    response.status_code = status
    return response


def _page_for(path: str):
    for page in current_app.config.get("MONITOR_PAGES", ()):
        if path == page.PATH:
            return page
    return None


def _check_page(path: str, query: dict):
    page = _page_for(path)
    if page is not None and not access.may_open(page):
        return _refuse(403, t("page_refused", request_lang()))
    return _check_values(list(query.values()))


def _check_callback():
    """Refuse a malformed callback request (400), or one whose values name a network this
    account may not read (403), before any callback runs (dashboard/rights.py)."""
    try:
        body = rights.parse_callback(request.get_data(), current_app.config["DASH_CALLBACKS"])
        return _check_values(rights.callback_values(body))
    except rights.Refusal as refusal:
        return _refuse(refusal.status, str(refusal))


def _check_values(values: list) -> Response | None:
    framework = current_app.config["MONITOR_CONTEXT"].framework
    known = frozenset(network.code for network in framework.networks)
    for code in sorted(rights.named_networks(values, known)):
        if not access.may_read_network(code):
            return _refuse(403, t("network_refused", request_lang(), code=code))
    return None


# --- the log-in, log-out and password pages (plain HTML forms: no script needed to log in) ----


def simple_page(title: str, body: str, lang: str = "nl") -> str:
    return f"""<!doctype html>
<html lang="{escape(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · Samenwerkingsmonitor</title>
<link rel="stylesheet" href="/assets/bootstrap.min.css">
<link rel="stylesheet" href="/assets/monitor.css"></head>
<body class="bg-light"><main class="container py-5" style="max-width: 28rem">
<h1 class="h4 mb-4">Samenwerkingsmonitor</h1><h2 class="h5">{escape(title)}</h2>
{body}</main></body></html>"""


def _login_form(message: str = "", email: str = "", next_url: str = "/", lang: str = "nl") -> str:
    other = "nl" if lang == "en" else "en"
    switch = "/login?" + urlencode({"next": next_url, "lang": other})
    alert = (
        f'<div class="alert alert-danger" id="login-error">{escape(message)}</div>'
        if message
        else ""
    )
    return simple_page(
        t("login", lang),
        f"""<p><a href="{escape(switch)}" id="login-language" lang="{other}">{t("other_language", lang)}</a></p>
{alert}
<form method="post" action="/login" id="login-form">
<input type="hidden" name="csrf_token" value="{escape(csrf_token())}">
<input type="hidden" name="next" value="{escape(next_url)}">
<input type="hidden" name="lang" value="{escape(lang)}">
<div class="mb-3"><label class="form-label" for="email">{t("email", lang)}</label>
<input class="form-control" type="email" id="email" name="email" value="{escape(email)}"
 autocomplete="username" required autofocus></div>
<div class="mb-3"><label class="form-label" for="password">{t("password", lang)}</label>
<input class="form-control" type="password" id="password" name="password"
 autocomplete="current-password" required></div>
<button class="btn btn-primary" type="submit" id="login-submit">{t("login", lang)}</button>
</form>""",
        lang,
    )


def _safe_next(value: str | None) -> str:
    """`value` when it is a path on this site, else "/": never an open redirect, never a header
    the server cannot write. Checked as given and after every round of percent-decoding, since
    browsers drop tabs and newlines from a URL ("/<tab>/evil.example" becomes "//evil.example") and
    read a backslash as a slash."""
    value = value or "/"
    seen = value
    for _ in range(4):
        if not _local_path(seen):
            return "/"
        decoded = unquote(seen)
        if decoded == seen:
            return value
        seen = decoded
    return "/"  # still encoded after four rounds: nobody links like that


def _local_path(text: str) -> bool:
    if not text.startswith("/") or text.startswith("//") or "\\" in text:
        return False
    if any(c.isspace() or unicodedata.category(c)[0] == "C" for c in text):
        return False
    parts = urlsplit(text)
    return not parts.scheme and not parts.netloc


def _client_ip() -> str:
    # Behind a proxy TRUSTED_PROXIES makes remote_addr the client's address (configure above).
    return (request.remote_addr or "unknown")[:64]


@auth.get("/login")
def login_form():
    next_url = _safe_next(request.args.get("next"))
    response = Response(_login_form(next_url=next_url, lang=request_lang()))
    return set_csrf_cookie(response)


@auth.post("/login")
def login():
    ctx = current_app.config["MONITOR_CONTEXT"]
    email = request.form.get("email", "")
    next_url = _safe_next(request.form.get("next"))
    account, reason = authenticate(
        ctx.engine, email, request.form.get("password", ""), _client_ip()
    )
    if account is None:
        lang = request_lang()
        message = t("throttled" if reason == "throttled" else "wrong", lang)
        response = Response(
            _login_form(message, email, next_url, lang),
            status=429 if reason == "throttled" else 401,
        )
        return set_csrf_cookie(response)
    web_sessions.begin(account)
    return set_csrf_cookie(redirect(next_url))


@auth.post("/logout")
def logout():
    web_sessions.end()
    response = redirect("/login")
    response.delete_cookie(CSRF_COOKIE)
    return response


def _password_form(message: str = "", ok: bool = False) -> str:
    lang = request_lang()
    query = "?lang=en" if lang == "en" else ""
    alert = ""
    if message:
        alert = f'<div class="alert alert-{"success" if ok else "danger"}" id="password-message">{escape(message)}</div>'
    return simple_page(
        t("password_title", lang),
        f"""{alert}
<form method="post" action="/account/password{query}" id="password-form">
<input type="hidden" name="csrf_token" value="{escape(csrf_token())}">
<div class="mb-3"><label class="form-label" for="current">{t("password_current", lang)}</label>
<input class="form-control" type="password" id="current" name="current" required></div>
<div class="mb-3"><label class="form-label" for="new">{t("password_new", lang)}</label>
<input class="form-control" type="password" id="new" name="new" required></div>
<div class="mb-3"><label class="form-label" for="repeat">{t("password_repeat", lang)}</label>
<input class="form-control" type="password" id="repeat" name="repeat" required></div>
<button class="btn btn-primary" type="submit">{t("password_change", lang)}</button>
<a class="btn btn-link" href="/{query}">{t("password_back", lang)}</a>
</form>""",
        lang,
    )


@auth.get("/account/password")
def password_form():
    return set_csrf_cookie(Response(_password_form()))


@auth.post("/account/password")
def change_password():
    account = access.require_account()
    ctx = current_app.config["MONITOR_CONTEXT"]
    new = request.form.get("new", "")
    if new != request.form.get("repeat", ""):
        return Response(_password_form(t("password_differ", request_lang())), status=400)
    try:
        # This session stays; every other session of the account ends.
        change_own_password(
            ctx.engine,
            account,
            request.form.get("current", ""),
            new,
            keep_session=web_sessions.current_token(),
        )
    except AccountError as error:
        return Response(_password_form(f"{str(error).capitalize()}."), status=400)
    return Response(_password_form(t("password_changed", request_lang()), ok=True))
