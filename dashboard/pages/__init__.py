"""The dashboard's pages, in menu order. Each module has PATH, TITLE (an i18n key), `layout`
(taking the URL's query values as keyword arguments: deep links) and optionally
`register_callbacks(app)`, which registers its callbacks on that app instance only, and TABLES
(name → function(ctx, query, lang) → DataFrame) for its CSV/XLSX downloads."""

from dashboard.pages import (
    agreements,
    audit,
    compare,
    data,
    goal_register,
    network,
    overview,
    partners,
    project_register,
    projects,
    quality,
    status,
    users,
)
from dashboard.pages import report as report_page

PAGES = [
    overview,
    network,
    compare,
    projects,
    project_register,
    goal_register,
    partners,
    agreements,
    quality,
    data,
    status,
    audit,
    users,
    report_page,
]
