"""Dutch pages give Dash's own widgets Dutch texts: no "3 selected", "Search" or
"Start Date → End Date" on a page that is otherwise Dutch (issue 16)."""

from __future__ import annotations

from dash import dcc, html

from dashboard.localise import localise


def _page() -> html.Div:
    return html.Div(
        [
            html.Div(dcc.Dropdown(id="a", options=["x"], multi=True)),
            dcc.Dropdown(id="b", options=["x"], placeholder="Eigen tekst"),
            dcc.DatePickerRange(id="c"),
            dcc.DatePickerSingle(id="d"),
        ]
    )


def test_dutch_page_has_dutch_widget_texts():
    page = localise(_page(), "nl")
    first = page.children[0].children
    assert first.labels["selected_count"] == "{num_selected} gekozen"
    assert first.labels["search"] == "Zoeken" and first.placeholder == "Kies…"
    assert page.children[1].placeholder == "Eigen tekst"  # a page's own text stays
    assert page.children[2].start_date_placeholder_text == "Begindatum"
    assert page.children[2].end_date_placeholder_text == "Einddatum"
    assert page.children[3].placeholder == "Datum"


def test_english_page_gets_english_widget_texts_from_the_catalogue():
    page = localise(_page(), "en")
    assert page.children[0].children.labels["selected_count"] == "{num_selected} selected"
    assert page.children[0].children.placeholder == "Select…"
    assert page.children[2].start_date_placeholder_text == "Start date"


def test_login_page_in_english_and_a_way_back_from_a_refusal(tmp_path, sqlite_template):
    import shutil

    from dashboard.app import create_app
    from tests.conftest import make_context

    path = tmp_path / "m.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = make_context(f"sqlite:///{path}", tmp_path)
    client = create_app(ctx).server.test_client()
    dutch = client.get("/login").get_data(True)
    assert "Inloggen" in dutch and 'id="login-language"' in dutch and "lang=en" in dutch
    english = client.get("/login?next=/netwerk?lang%3Den").get_data(True)
    assert "Log in" in english and "Email address" in english and 'lang="en"' in english
    refused = client.post("/login", data={"email": "x"})  # no CSRF token
    assert refused.status_code == 403 and 'id="to-start"' in refused.get_data(True)
    refused = client.post("/login?lang=en", data={"email": "x"})
    assert "To the start page" in refused.get_data(True) and 'href="/?lang=en"' in refused.get_data(
        True
    )


def test_password_page_and_audit_table_in_english(tmp_path, sqlite_template):
    import shutil

    import pandas as pd

    from dashboard.app import create_app
    from dashboard.pages.audit import events_table
    from tests.conftest import make_context
    from tests.login import logged_in_client

    path = tmp_path / "m.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = make_context(f"sqlite:///{path}", tmp_path)
    client = logged_in_client(create_app(ctx), ctx, "admin")
    english = client.get("/account/password?lang=en").get_data(True)
    assert "Change password" in english and "Current password" in english
    assert 'href="/?lang=en"' in english and 'action="/account/password?lang=en"' in english
    assert "Huidig wachtwoord" in client.get("/account/password").get_data(True)
    assert events_table(pd.DataFrame(), "en").children == "No changes found."
