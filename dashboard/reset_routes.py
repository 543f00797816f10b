"""The page a reset link opens (`/wachtwoord-herstellen?token=…`, no session needed): the person
chooses a new password; the token is checked in accounts/password_reset.py. A plain
HTML form like the log-in page, with the same CSRF token (the guard checks it on the POST)."""

from __future__ import annotations

from html import escape

from flask import Blueprint, Response, current_app, request

from accounts.password_reset import RESET_PATH, account_for_token, reset_with_token
from accounts.users import AccountError
from dashboard.auth import csrf_token, set_csrf_cookie, simple_page
from dashboard.i18n import request_lang, t

reset = Blueprint("password_reset", __name__)


def _form(token: str, lang: str, message: str = "", ok: bool = False) -> str:
    ctx = current_app.config["MONITOR_CONTEXT"]
    alert = ""
    if message:
        kind = "success" if ok else "danger"
        alert = f'<div class="alert alert-{kind}" id="reset-message">{escape(message)}</div>'
    if ok:
        return simple_page(t("reset_title", lang), f'{alert}<a href="/login">/login</a>', lang)
    try:
        account = account_for_token(ctx.engine, ctx.settings.secret_key, token)
    except AccountError as error:
        body = f'<div class="alert alert-danger" id="reset-message">{escape(str(error))}.</div>'
        return simple_page(t("reset_title", lang), body, lang)
    return simple_page(
        t("reset_title", lang),
        f"""{alert}<p>{escape(t("reset_for", lang, email=account.email))}</p>
<form method="post" action="{RESET_PATH}" id="reset-form">
<input type="hidden" name="csrf_token" value="{escape(csrf_token())}">
<input type="hidden" name="token" value="{escape(token)}">
<input type="hidden" name="lang" value="{escape(lang)}">
<div class="mb-3"><label class="form-label" for="new">{t("reset_new", lang)}</label>
<input class="form-control" type="password" id="new" name="new" required></div>
<div class="mb-3"><label class="form-label" for="repeat">{t("reset_repeat", lang)}</label>
<input class="form-control" type="password" id="repeat" name="repeat" required></div>
<button class="btn btn-primary" type="submit" id="reset-submit">{t("reset_submit", lang)}</button>
</form>""",
        lang,
    )


@reset.get(RESET_PATH)
def reset_form():
    page = _form(request.args.get("token", ""), request_lang())
    return set_csrf_cookie(Response(page))


@reset.post(RESET_PATH)
def reset_password():
    ctx = current_app.config["MONITOR_CONTEXT"]
    lang, token = request_lang(), request.form.get("token", "")
    new = request.form.get("new", "")
    if new != request.form.get("repeat", ""):
        return Response(_form(token, lang, t("reset_mismatch", lang)), status=400)
    try:
        reset_with_token(ctx.engine, ctx.settings.secret_key, token, new)
    except AccountError as error:
        return Response(_form(token, lang, f"{str(error).capitalize()}."), status=400)
    return Response(_form(token, lang, t("reset_done", lang), ok=True))
