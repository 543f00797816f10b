"""The address bar and the menu's links follow the view in the browser (issue 18).

A page keeps its filters in a query store; the browser writes them into the URL, works out the
view's language from the URL (the "view-lang" store the menu and the demo banner follow), points
the menu's links at the same network and language and the language switch at the same view, and
turns a click on a table's download button into one request. Before, each was a server callback
chained on the last: a first load fired the menu twice and a changed filter cost three round
trips that only moved values the browser already had. Nothing here reads data or decides rights:
the values come from the URL and the page's own stores, and every data read still passes the
rights check on the server (dashboard/access.py).

The JavaScript mirrors dashboard/components.py: `parse_query` (known keys, the last value wins,
empty values dropped) and `make_search` (known keys in QUERY_KEYS order, encoded as Python's
`urlencode`), so the server and the browser write the same address for the same view.
"""

from __future__ import annotations

import json

from dash import ALL, Dash, Input, Output, State

from dashboard.components import QUERY_KEYS

# Shared helpers of the callbacks below, defined once per page in window.monitorView.
_HELPERS = """
window.monitorView = window.monitorView || (function () {
  const KEYS = __KEYS__;
  function quotePlus(value) {
    // Python's quote_plus: encodeURIComponent also leaves !'()* alone.
    return encodeURIComponent(String(value))
      .replace(/[!'()*]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); })
      .replace(/%20/g, "+");
  }
  function parseQuery(search) {
    const found = {};
    new URLSearchParams((search || "").replace(/^\\?/, "")).forEach(function (value, key) {
      if (value !== "" && KEYS.indexOf(key) >= 0) { found[key] = value; }
    });
    return found;
  }
  function makeSearch(query) {
    const pairs = [];
    KEYS.forEach(function (key) {
      const value = query ? query[key] : null;
      if (value === null || value === undefined || value === "" ||
          (Array.isArray(value) && value.length === 0)) { return; }
      pairs.push(quotePlus(key) + "=" + quotePlus(value));
    });
    return pairs.length ? "?" + pairs.join("&") : "";
  }
  function language(search) {
    return parseQuery(search).lang === "en" ? "en" : "nl";
  }
  return { parseQuery: parseQuery, makeSearch: makeSearch, language: language };
})();
""".replace("__KEYS__", json.dumps(list(QUERY_KEYS)))

# The page's filters into the address bar (pushState, no reload), unless it already says so.
QUERY_TO_URL = (
    "function (queries, search) {"
    + _HELPERS
    + """
  const query = queries && queries[0];
  if (!query) { return window.dash_clientside.no_update; }
  const wanted = window.monitorView.makeSearch(query);
  return wanted === (search || "") ? window.dash_clientside.no_update : wanted;
}"""
)

# The view's language; unchanged, nothing downstream fires.
VIEW_LANGUAGE = (
    "function (search, current) {"
    + _HELPERS
    + """
  const lang = window.monitorView.language(search);
  return lang === current ? window.dash_clientside.no_update : lang;
}"""
)

# The menu's links keep the view's language and network, the language switch the whole view
# (as components.navbar draws them); set on the links themselves, so a click navigates there.
MENU_LINKS = (
    "function (search, menu, pathname) {"
    + _HELPERS
    + """
  const view = window.monitorView;
  const query = view.parseQuery(search);
  const keep = {lang: query.lang, network: query.network};
  const other = view.language(search) === "nl" ? "en" : "nl";
  const links = [];
  (function walk(node) {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (!node || typeof node !== "object" || !node.props) { return; }
    const id = node.props.id;
    if (typeof id === "string" && typeof node.props.href === "string" &&
        (id === "language-switch" || id.indexOf("nav-") === 0)) {
      links.push([id, node.props.href]);
    }
    walk(node.props.children);
  })(menu);
  links.forEach(function (link) {
    const path = link[1].split("?")[0];
    const href = link[0] === "language-switch"
      ? (pathname || "/") + view.makeSearch(Object.assign({}, query, {lang: other}))
      : path + view.makeSearch(keep);
    if (href !== link[1]) { window.dash_clientside.set_props(link[0], {href: href}); }
  });
  return window.dash_clientside.no_update;
}"""
)

# A click on a download button becomes one request for the server's download callback; a page
# that merely shows its buttons sends nothing.
DOWNLOAD_REQUEST = """function (clicks) {
  const triggered = window.dash_clientside.callback_context.triggered || [];
  const hit = triggered.find(function (t) { return t.value; });
  if (!hit) { return window.dash_clientside.no_update; }
  const id = JSON.parse(hit.prop_id.slice(0, hit.prop_id.lastIndexOf(".")));
  return {table: id.table, fmt: id.fmt, at: Date.now()};
}"""


def register(app: Dash) -> None:
    """The browser's callbacks of the address bar, the menu's links and the downloads."""
    app.clientside_callback(
        QUERY_TO_URL,
        Output("url", "search"),
        Input({"type": "query", "page": ALL}, "data"),
        State("url", "search"),
    )
    app.clientside_callback(
        VIEW_LANGUAGE,
        Output("view-lang", "data"),
        Input("url", "search"),
        State("view-lang", "data"),
    )
    app.clientside_callback(
        MENU_LINKS,
        Output("navbar", "className"),  # never written: the links are set with set_props
        Input("url", "search"),
        Input("navbar", "children"),
        State("url", "pathname"),
    )
    app.clientside_callback(
        DOWNLOAD_REQUEST,
        Output("download-request", "data"),
        Input({"type": "download", "table": ALL, "fmt": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
