"""Dutch pages give Dash's own widgets Dutch texts: no "3 selected", "Search" or
"Start Date → End Date" on a page that is otherwise Dutch (issue 16)."""

from __future__ import annotations

from dash import dcc, html

from dashboard.widget_texts import localise


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


def test_english_page_keeps_dash_labels_but_gets_placeholders():
    page = localise(_page(), "en")
    assert getattr(page.children[0].children, "labels", None) is None
    assert page.children[2].start_date_placeholder_text == "Start date"
