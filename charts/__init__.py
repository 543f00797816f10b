"""Charts and the figures' wording shared by the dashboard and the reports.

Neutral ground: nothing here imports Dash, Flask or the dashboard's pages, so building a report
or sending the digest does not boot the web app. The dashboard's pages and reports/ both import
from here.
"""
