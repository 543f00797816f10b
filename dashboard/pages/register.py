"""A network's register page: a table of its rows and a form for those who may write. The
agreements page (afspraken) and the partners page are such pages; this module is what they share:
the layout around their table and form, and the callbacks that show the table, keep the network
in the URL, load a row into the form and save the form.

Everyone reads the rows of the networks they may see; the network's coordinators and the
administrator write them (domain.md, "Who may do what"). Rights on the server: every callback
checks that the network it names is readable, and every write that it is writable — hiding the
form protects nothing, each callback is its own HTTP request.

A page is named by two words: `page` ("agreements") for its ids ("agreements-network"), its query
store, its download table and its page texts ("agreements_intro"), and `item` ("agreement") for
its edit buttons' id type ("agreement-edit") and its form texts ("agreement_save").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate
from flask import abort

from dashboard import access, components
from dashboard.components import card, download_buttons, empty_state, explanation, query_store
from dashboard.i18n import language, t
from dashboard.pages.common import context, readable_network_names, valid
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

HIDDEN = {"display": "none"}


@dataclass(frozen=True)
class Register:
    """The names of one register page."""

    page: str  # ids "{page}-…", query store and download table "{page}", texts "{page}_…"
    item: str  # edit buttons {"type": "{item}-edit", "id": row id}, texts "{item}_…"
    fields: tuple[str, ...]  # form inputs "{page}-{field}", their errors "{page}-{field}-error"
    writer_id: str  # the block of writer cards, hidden for readers
    removable: bool = False  # the form has a delete button "{page}-delete" in "{page}-delete-wrap"
    # Component id → function(network) → the options a writer's form offers for that network.
    form_options: dict[str, Callable[[str], list]] = field(default_factory=dict)
    # Who writes, when not the network's coordinators and the administrator (may_write): a
    # consortium register (projects, goals) is the administrator's alone.
    writer: Callable[[str | None], bool] | None = None
    # The network choice starts with the consortium as a whole (ALL: every row one may read).
    consortium: bool = False


class Written(NamedTuple):
    """What a page's write did: the message to show; after a save or removal the row to load
    into the form again (None: an empty form); after a refusal the errors per field."""

    message: Any
    row_id: int | None = None
    errors: dict[str, str] | None = None


def refused(reg: Register, problems: Iterable[tuple[str, str]], lang: str) -> Written:
    """A write refused for `problems` (field, text): each field's first one shown under it, those
    of no field of the form in the alert `{page}-invalid`."""
    errors: dict[str, str] = {}
    for name, text in problems:
        errors.setdefault(name, text)
    general = [html.Div(errors[f]) for f in errors if f not in reg.fields]
    invalid = [t(f"{reg.item}_invalid", lang), *general]
    return Written(dbc.Alert(invalid, color="danger", id=f"{reg.page}-invalid"), errors=errors)


def may_write(network: str | None, reg: Register | None = None) -> bool:
    """May the logged-in person add, change or remove this network's rows? The network's
    coordinators and the administrator: the same rule as for status updates (domain.md);
    the register's own rule when it has one."""
    if reg is not None and reg.writer is not None:
        return reg.writer(network)
    return bool(network) and access.may_write_status(network)


def require_reader(network: str | None) -> None:
    access.require_account()
    if not network:
        raise PreventUpdate
    access.require_network(network)


def require_writer(network: str | None, reg: Register | None = None):
    account = access.require_account()
    if not may_write(network, reg):
        abort(403, description=f"geen schrijfrechten voor netwerk {network}")
    return account


def table_row(reg: Register, lang: str, row_id: int, cells: list, writable: bool) -> html.Tr:
    """One row of the table, with an edit button at the end for those who may write."""
    if writable:
        cells = [
            *cells,
            html.Td(
                dbc.Button(
                    t("agreement_edit", lang),
                    id={"type": f"{reg.item}-edit", "id": int(row_id)},
                    size="sm",
                    color="secondary",
                    outline=True,
                )
            ),
        ]
    return html.Tr(cells, id=f"{reg.item}-row-{int(row_id)}")


def rows_table(reg: Register, lang: str, headings: list[str], rows: list, writable: bool):
    """The network's rows under their headings (and an empty one above the edit buttons), or
    the page's "none yet" text when there are none."""
    if not rows:
        return html.P(t(f"{reg.page}_none", lang), className="text-muted", id=f"{reg.page}-empty")
    head = html.Thead(html.Tr([html.Th(h) for h in headings] + ([html.Th("")] if writable else [])))
    return dbc.Table(
        [head, html.Tbody(rows)], size="sm", hover=True, responsive=True, id=f"{reg.page}-table"
    )


def download_networks(c, query: dict) -> list[str]:
    """The networks a download covers: the query's network, else every network this person
    may read."""
    if query.get("network"):
        return [query["network"]]
    return access.visible([n.code for n in c.framework.networks])


def form_field(
    reg: Register, label: str, component, name: str, help_text: str | None = None
) -> html.Div:
    """One labelled input of the register's form; its error appears at `{page}-{name}-error`."""
    return components.form_field(label, component, f"{reg.page}-{name}-error", help_text)


def form(reg: Register, lang: str, fields: Sequence, buttons: Sequence = ()) -> html.Div:
    """The form: its heading (new or editing), the fields, save and new, the page's own
    buttons, and the feedback of the last write."""
    return html.Div(
        [
            html.P(id=f"{reg.page}-form-mode", className="fw-semibold"),
            *fields,
            dbc.Button(t(f"{reg.item}_save", lang), id=f"{reg.page}-save", color="primary"),
            dbc.Button(
                t(f"{reg.item}_new", lang),
                id=f"{reg.page}-new",
                color="secondary",
                outline=True,
                className="ms-2",
            ),
            *buttons,
            html.Div(id=f"{reg.page}-feedback", className="mt-3"),
        ]
    )


def layout(
    reg: Register, lang: str, network: str | None, writer_cards: Callable[[], Any]
) -> html.Div:
    """Header, network choice, the table with its downloads and the writer cards (hidden until
    the show callback finds the person may write); writer_cards (a card or a list of cards) is
    only built when there is a network to show."""
    fw = context().framework
    header = [
        html.H2(t(f"{reg.page}_page", lang), className="h4"),
        html.P(t(f"{reg.page}_intro", lang)),
    ]
    names = readable_network_names(fw, lang, consortium=False)
    if reg.consortium:
        names = {ALL_NETWORKS: t("consortium", lang), **names}
    if not names:
        # One text for every register page: no network to show.
        return html.Div([*header, empty_state(t("agreements_no_network", lang))])
    network = valid(network, list(names), next(iter(names)))
    return html.Div(
        [
            *header,
            query_store(reg.page, {"network": network, "lang": lang}),
            dcc.Store(id=f"{reg.page}-lang", data=lang),
            dcc.Store(id=f"{reg.page}-editing", data=None),
            # What the last successful write (save, removal, import) asks the page to show again:
            # {"n": counter, "id": the row to load into the form, or None for an empty form}.
            dcc.Store(id=f"{reg.page}-reload", data={"n": 0, "id": None}),
            dbc.Row(
                dbc.Col(
                    [
                        dbc.Label(t("network", lang), html_for=f"{reg.page}-network"),
                        dcc.Dropdown(
                            id=f"{reg.page}-network",
                            options=[{"label": v, "value": k} for k, v in names.items()],
                            value=network,
                            clearable=False,
                        ),
                    ],
                    md=4,
                ),
                className="mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        card(
                            t(f"{reg.page}_table_title", lang),
                            [
                                download_buttons(reg.page, lang),
                                html.Div(id=f"{reg.page}-table-wrap"),
                            ],
                            t(f"{reg.page}_table_help", lang),
                        ),
                        lg=7,
                    ),
                    dbc.Col(html.Div(writer_cards(), id=reg.writer_id, style=HIDDEN), lg=5),
                ]
            ),
            html.Div(id=f"{reg.page}-readonly"),
        ]
    )


def register_callbacks(
    app,
    reg: Register,
    *,
    table: Callable[[str, str, bool], Any],
    empty: tuple,
    load: Callable[[Any], tuple | None],
    write: Callable[..., Written],
) -> None:
    """The register's callbacks on this app.

    table(network, lang, writable) → the table of the network's rows;
    empty → the fields' values of an empty form;
    load(row id) → the fields' values of that row, or None when it is gone. load refuses
      (require_writer) unless the row's own network is writable: that network decides, whatever
      the page's dropdown says;
    write(network, editing, form, account, lang) → Written, for a writer of the network; editing
      is the row in the form (None: a new one), form the fields' values by name."""
    _show(app, reg, table)
    _query(app, reg)
    _load(app, reg, empty, load)
    _save(app, reg, write)


def _show(app, reg: Register, table) -> None:
    p = reg.page

    @app.callback(
        Output(f"{p}-table-wrap", "children"),
        *[Output(ident, "options") for ident in reg.form_options],
        Output(reg.writer_id, "style"),
        Output(f"{p}-readonly", "children"),
        Input(f"{p}-network", "value"),
        Input(f"{p}-reload", "data"),
        State(f"{p}-lang", "data"),
    )
    def show(network, _reload, lang):
        require_reader(network)
        lang = language(lang)
        writable = may_write(network, reg)
        shown = table(network, lang, writable)
        if not writable:
            note = explanation(t(f"{p}_read_only", lang), id=f"{p}-read-only")
            return shown, *[[] for _ in reg.form_options], HIDDEN, note
        options = [offer(network) for offer in reg.form_options.values()]
        return shown, *options, {}, ""


def _query(app, reg: Register) -> None:
    @app.callback(
        Output({"type": "query", "page": reg.page}, "data"),
        Input(f"{reg.page}-network", "value"),
        State({"type": "query", "page": reg.page}, "data"),
    )
    def query(network, query):
        require_reader(network)
        return {**(query or {}), "network": network}


def _load(app, reg: Register, empty: tuple, load) -> None:
    p = reg.page
    # The delete button shows only while a row is in the form.
    delete = [Output(f"{p}-delete-wrap", "style")] if reg.removable else []

    def form_values(values: tuple, editing: int | None, lang: str) -> tuple:
        mode = t(f"{reg.item}_mode_edit" if editing is not None else f"{reg.item}_mode_new", lang)
        shown = [HIDDEN if editing is None else {}] if reg.removable else []
        return *values, editing, *shown, mode

    @app.callback(
        *[Output(f"{p}-{f}", "value") for f in reg.fields],
        Output(f"{p}-editing", "data"),
        *delete,
        Output(f"{p}-form-mode", "children"),
        Input({"type": f"{reg.item}-edit", "id": ALL}, "n_clicks"),
        Input(f"{p}-new", "n_clicks"),
        Input(f"{p}-network", "value"),
        Input(f"{p}-reload", "data"),
        State(f"{p}-lang", "data"),
    )
    def load_row(_edits, _new, network, reload, lang):
        lang = language(lang)
        trigger = ctx.triggered_id
        if isinstance(trigger, dict):
            # A re-rendered table brings new edit buttons without a click: only a click loads.
            if not ctx.triggered or not ctx.triggered[0]["value"]:
                raise PreventUpdate
            wanted = trigger.get("id")
        elif trigger == f"{p}-reload":
            wanted = (reload or {}).get("id")
        else:
            wanted = None
        require_reader(network)
        if wanted is None:
            return form_values(empty, None, lang)
        values = load(wanted)
        if values is None:
            return form_values(empty, None, lang)
        return form_values(values, int(wanted), lang)


def _save(app, reg: Register, write) -> None:
    p = reg.page
    buttons = [Input(f"{p}-save", "n_clicks")]
    if reg.removable:
        buttons.append(Input(f"{p}-delete", "submit_n_clicks"))

    @app.callback(
        Output(f"{p}-feedback", "children"),
        *[Output(f"{p}-{f}-error", "children") for f in reg.fields],
        Output(f"{p}-reload", "data"),
        *buttons,
        State(f"{p}-network", "value"),
        State(f"{p}-editing", "data"),
        *[State(f"{p}-{f}", "value") for f in reg.fields],
        State(f"{p}-reload", "data"),
        State(f"{p}-lang", "data"),
        prevent_initial_call=True,
    )
    def save(*args):
        network, editing, *values, reload, lang = args[len(buttons) :]
        lang = language(lang)
        account = require_writer(network, reg)
        entered = dict(zip(reg.fields, values, strict=True))
        done = write(network, editing, entered, account, lang)
        if done.errors is not None:
            return done.message, *[done.errors.get(f, "") for f in reg.fields], no_update
        counter = (reload or {}).get("n", 0) + 1
        return done.message, *[""] * len(reg.fields), {"n": counter, "id": done.row_id}
