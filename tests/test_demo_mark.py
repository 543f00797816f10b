"""The "Demogegevens" mark: while demo data is loaded every page carries the banner (the app's
callback that follows the URL); without demo data none does. (The digest's mark: test_digest;
the report's cover: test_report.)"""

from __future__ import annotations

from dashboard.app import create_app
from demo.load import load_demo
from tests.login import logged_in_client
from tests.test_agreements import post


def _banner(client, lang: str | None = None) -> str:
    # The banner follows the view's language, which the browser reads from the URL.
    answer = post(client, "demo-mark", {"view-lang.data": lang}, "view-lang.data")
    assert answer.status_code in (200, 204)
    return answer.get_data(True)


def test_every_page_is_marked_while_demo_data_is_loaded(ctx):
    app = create_app(ctx)
    client = logged_in_client(app, ctx, "alice")
    assert "Demogegevens" not in _banner(client)
    list(load_demo(ctx.engine, ctx.framework, ctx.consortium_id))
    for name in ("alice", "bob", "admin"):
        client = logged_in_client(app, ctx, name)
        assert "Demogegevens" in _banner(client)
        assert "demonstratiegegevens, niet uit echte metingen" in _banner(client)
        assert "demonstration data, not from real measurements" in _banner(client, "en")
