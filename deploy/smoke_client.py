"""The smoke test's HTTPS client: talks to the dashboard the way a browser and Dash's renderer do
(log-in form with its CSRF token, then callbacks built from /_dash-dependencies)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import requests


class SmokeFailure(RuntimeError):
    pass


class Dashboard:
    """An HTTPS client that talks to the dashboard the way the browser and Dash's renderer do."""

    def __init__(self, base: str, ca_file: Path):
        self.base, self.http = base, requests.Session()
        # Not Session.verify: requests lets REQUESTS_CA_BUNDLE from the environment override that.
        self.verify = str(ca_file)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(f"{self.base}{path}", verify=self.verify, timeout=60, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.http.post(f"{self.base}{path}", verify=self.verify, timeout=60, **kwargs)

    def log_in(self, email: str, password: str) -> None:
        self.get("/login").raise_for_status()
        token = self.http.cookies.get("_csrf_token")
        form = {"email": email, "password": password, "csrf_token": token, "next": "/"}
        answer = self.post("/login", data=form, allow_redirects=False)
        if answer.status_code != 302:
            raise SmokeFailure(f"log-in answered {answer.status_code}: {answer.text[:200]}")
        # Dash's renderer sends the CSRF cookie's value with every callback.
        self.http.headers["X-CSRFToken"] = self.http.cookies.get("_csrf_token")

    def callback(self, first_output: str, values: dict) -> dict:
        """POST /_dash-update-component for the callback whose outputs start with first_output."""
        deps = self.get("/_dash-dependencies").json()
        dep = next(d for d in deps if d["output"].lstrip(".").startswith(first_output))

        def with_values(items: list[dict]) -> list[dict]:
            return [
                {
                    "id": component_id(i["id"]),
                    "property": i["property"],
                    "value": values.get(f"{i['id']}.{i['property']}"),
                }
                for i in items
            ]

        output = dep["output"]
        parts = output[2:-2].split("...") if output.startswith("..") else [output]
        outputs = []
        for part in parts:
            ident, prop = part.rsplit(".", 1)
            outputs.append({"id": component_id(ident), "property": prop})
        body = {
            "output": output,
            "outputs": outputs if output.startswith("..") else outputs[0],
            "inputs": with_values(dep["inputs"]),
            "state": with_values(dep["state"]),
            "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"],
        }
        answer = self.post("/_dash-update-component", json=body)
        if answer.status_code != 200:
            raise SmokeFailure(f"callback {first_output}: {answer.status_code} {answer.text[:200]}")
        return answer.json()["response"]

    def overview_responses(self, network: str) -> str | None:
        """Open the Overzicht as the renderer does (page layout, then the page's callback) and
        read the network's response count of the latest wave; None while there are no figures."""
        page = self.callback(
            "_pages_content", {"_pages_location.pathname": "/", "_pages_location.search": ""}
        )
        found = {
            c["props"]["id"]: c["props"]
            for c in components(page)
            if isinstance(c["props"].get("id"), str)
        }
        if "overview-wave" not in found:
            return None
        wave = found["overview-wave"]["value"]
        values = {
            "overview-wave.value": wave,
            "overview-measure.value": found["overview-measure"]["value"],
            "page-lang.data": found["page-lang"]["data"],
        }
        table = self.callback("overview-body", values)["overview-body"]["children"]
        cells = {c["props"].get("id"): c for c in components(table)}
        header = [text_of(th) for th in components(table) if th.get("type") == "Th"]
        column = header.index(f"Respons {wave}")
        row = [c for c in components(cells[f"network-{network}"]) if c.get("type") == "Td"]
        return f"{text_of(row[column])} in wave {wave}"


def component_id(ident: str) -> str | dict:
    """A pattern-matching id travels as JSON text in /_dash-dependencies and as an object in calls."""
    return json.loads(ident) if ident.startswith("{") else ident


def components(tree: object) -> Iterator[dict]:
    """Every Dash component in a layout as JSON, depth first."""
    if isinstance(tree, dict):
        if "props" in tree and "type" in tree:
            yield tree
        for value in tree.values():
            yield from components(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from components(value)


def text_of(component: object) -> str:
    children = component["props"].get("children") if isinstance(component, dict) else component
    if isinstance(children, list):
        return "".join(text_of(c) for c in children)
    if isinstance(children, dict):
        return text_of(children)
    return "" if children is None else str(children)
