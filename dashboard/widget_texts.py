"""Dutch texts for Dash's own widgets. A dropdown says "3 selected", "Search" and "Select..." and a
date picker "Start Date → End Date" unless told otherwise: on a Dutch page every such text is set
here, once, on the page's layout, rather than on each of the thirty-odd widgets."""

from __future__ import annotations

from dash import dcc

DROPDOWN_LABELS = {
    "nl": {
        "select_all": "Alles kiezen",
        "deselect_all": "Niets kiezen",
        "selected_count": "{num_selected} gekozen",
        "search": "Zoeken",
        "clear_search": "Zoekterm wissen",
        "clear_selection": "Keuze wissen",
        "no_options_found": "Niets gevonden",
    },
}
CHOOSE = {"nl": "Kies…", "en": "Select…"}
PERIOD = {"nl": ("Begindatum", "Einddatum"), "en": ("Start date", "End date")}
DATE = {"nl": "Datum", "en": "Date"}


def _children(component) -> list:
    children = getattr(component, "children", None)
    if children is None:
        return []
    return children if isinstance(children, list | tuple) else [children]


def localise(component, lang: str):
    """`component` with its dropdowns and date pickers (at any depth) speaking `lang`; texts a
    page set itself are kept. Returns the same component."""
    if isinstance(component, dcc.Dropdown):
        if lang in DROPDOWN_LABELS and getattr(component, "labels", None) is None:
            component.labels = DROPDOWN_LABELS[lang]
        if getattr(component, "placeholder", None) is None:
            component.placeholder = CHOOSE.get(lang, CHOOSE["nl"])
    elif isinstance(component, dcc.DatePickerRange):
        start, end = PERIOD.get(lang, PERIOD["nl"])
        if getattr(component, "start_date_placeholder_text", None) is None:
            component.start_date_placeholder_text = start
        if getattr(component, "end_date_placeholder_text", None) is None:
            component.end_date_placeholder_text = end
    elif (
        isinstance(component, dcc.DatePickerSingle)
        and getattr(component, "placeholder", None) is None
    ):
        component.placeholder = DATE.get(lang, DATE["nl"])
    for child in _children(component):
        if hasattr(child, "to_plotly_json"):
            localise(child, lang)
    return component
