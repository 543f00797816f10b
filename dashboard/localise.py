"""Dash's own widgets in the page's language. A dropdown says "3 selected", "Search" and
"Select..." and a date picker "Start Date → End Date" unless told otherwise: every such text is
set here, once, on the page's layout, rather than on each of the thirty-odd widgets. The words
come from the catalogue (keys dropdown_*, choose_placeholder, period_*, date_placeholder)."""

from __future__ import annotations

from dash import dcc

from samenwerkingsmonitor.catalogue import entries, t


def dropdown_labels(lang: str) -> dict[str, str]:
    """dcc.Dropdown's `labels`, from the catalogue's dropdown_<label> keys. Dash fills in
    {num_selected} itself: the lookup leaves it unfilled."""
    keys = [key for _, key in entries() if key.startswith("dropdown_")]
    return {key.removeprefix("dropdown_"): t(key, lang) for key in keys}


def _children(component) -> list:
    children = getattr(component, "children", None)
    if children is None:
        return []
    return children if isinstance(children, list | tuple) else [children]


def _unset(component, prop: str) -> bool:
    return getattr(component, prop, None) is None


def localise(component, lang: str):
    """`component` with its dropdowns and date pickers (at any depth) speaking `lang`; texts a
    page set itself are kept. Returns the same component."""
    if isinstance(component, dcc.Dropdown):
        if _unset(component, "labels"):
            component.labels = dropdown_labels(lang)
        if _unset(component, "placeholder"):
            component.placeholder = t("choose_placeholder", lang)
    elif isinstance(component, dcc.DatePickerRange):
        if _unset(component, "start_date_placeholder_text"):
            component.start_date_placeholder_text = t("period_start", lang)
        if _unset(component, "end_date_placeholder_text"):
            component.end_date_placeholder_text = t("period_end", lang)
    elif isinstance(component, dcc.DatePickerSingle) and _unset(component, "placeholder"):
        component.placeholder = t("date_placeholder", lang)
    for child in _children(component):
        if hasattr(child, "to_plotly_json"):
            localise(child, lang)
    return component
