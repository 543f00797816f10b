"""Audit: every change — who, when, what, the values before and after — for the administrator to
browse and filter (by person, kind of record, action and period)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html
from sqlalchemy import select

from dashboard.components import card
from dashboard.i18n import language, t
from dashboard.pages.common import context
from db import models as m
from samenwerkingsmonitor import clock

PATH = "/audit"
TITLE = "audit"
ROLES = ("beheerder",)
SHOWN = 500


def events(engine, actor=None, entity=None, action=None, since=None, until=None) -> pd.DataFrame:
    """Audit events, newest first, filtered; at most SHOWN rows."""
    a = m.AuditEvent
    query = select(a.at, a.actor, a.action, a.entity, a.entity_id, a.before, a.after)
    if actor:
        query = query.where(a.actor == actor)
    if entity:
        query = query.where(a.entity == entity)
    if action:
        query = query.where(a.action == action)
    # Whole local days (TIME_ZONE): from midnight of `since` to midnight after `until`.
    if since:
        query = query.where(a.at >= clock.to_utc(datetime.combine(since, datetime.min.time())))
    if until:
        next_day = datetime.combine(until + timedelta(days=1), datetime.min.time())
        query = query.where(a.at < clock.to_utc(next_day))
    query = query.order_by(a.at.desc(), a.id.desc()).limit(SHOWN)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(
        rows, columns=["at", "actor", "action", "entity", "entity_id", "before", "after"]
    )


def _choices(engine, column) -> list[dict]:
    with engine.connect() as conn:
        values = conn.scalars(select(column).distinct().order_by(column)).all()
    return [{"label": v, "value": v} for v in values if v]


def layout(lang: str | None = None, **_):
    lang = language(lang)
    engine = context().engine
    a = m.AuditEvent

    def dropdown(element_id: str, label: str, column):
        return dbc.Col(
            [
                dbc.Label(t(label, lang), html_for=element_id),
                dcc.Dropdown(id=element_id, options=_choices(engine, column)),
            ],
            md=3,
        )

    return html.Div(
        [
            html.H2(t("audit", lang), className="h4"),
            html.P(t("audit_intro", lang)),
            dbc.Row(
                [
                    dropdown("audit-actor", "audit_who", a.actor),
                    dropdown("audit-entity", "audit_what", a.entity),
                    dropdown("audit-action", "audit_action", a.action),
                    dbc.Col(
                        [
                            dbc.Label(t("audit_period", lang), html_for="audit-period"),
                            dcc.DatePickerRange(id="audit-period", display_format="DD-MM-YYYY"),
                        ],
                        md=3,
                    ),
                ],
                className="mb-3",
            ),
            card(t("audit_changes", lang), [html.Div(id="audit-events")]),
            dcc.Store(id="audit-lang", data=lang),
        ]
    )


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, default=str)


def events_table(frame: pd.DataFrame, lang: str = "nl"):
    if frame.empty:
        return html.P(t("audit_none", lang), className="text-muted", id="audit-empty")
    heads = ("when", "who", "action", "what", "which", "before", "after")
    head = html.Thead(html.Tr([html.Th(t(f"audit_{h}", lang)) for h in heads]))
    body = [
        html.Tr(
            [
                html.Td(clock.local(r.at).strftime("%d-%m-%Y %H:%M:%S")),
                html.Td(r.actor),
                html.Td(r.action),
                html.Td(r.entity),
                html.Td(r.entity_id or ""),
                html.Td(html.Code(_json(r.before))),
                html.Td(html.Code(_json(r.after))),
            ]
        )
        for r in frame.itertuples()
    ]
    return dbc.Table([head, html.Tbody(body)], size="sm", id="audit-table", responsive=True)


def register_callbacks(app) -> None:
    @app.callback(
        Output("audit-events", "children"),
        Input("audit-actor", "value"),
        Input("audit-entity", "value"),
        Input("audit-action", "value"),
        Input("audit-period", "start_date"),
        Input("audit-period", "end_date"),
        State("audit-lang", "data"),
    )
    def _events(actor, entity, action, start, end, lang):
        since = date.fromisoformat(start[:10]) if start else None
        until = date.fromisoformat(end[:10]) if end else None
        frame = events(context().engine, actor, entity, action, since, until)
        return events_table(frame, language(lang))
