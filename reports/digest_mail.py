"""The digest as a mail: a plain-text part and an HTML part saying the same, in blocks.

1. "Vraagt aandacht": stuck and silent projects, themes behind on the road to 2028, goals past
   their deadline, agreements past their evaluation date, a response rate that fell, proposals
   awaiting a decision — each with a deep link into the dashboard, new ones marked.
2. "Wat veranderde": against what the previous digest said (resolved and new items, the index)
   and the events since (updates, goal values, notes, recomputed waves).
3. The consortium's goals and the network's partner-network figures, short.

Every text is escaped in the HTML part (docs/security.md); a suppressed index reads "te weinig
respondenten" (reports/wording.figure).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from charts.partner_network import format_change, format_value
from reports.digest_news import DigestNews
from reports.findings import Finding
from reports.wording import (
    amount,
    day,
    figure,
    missing,
    number,
    percent,
    project_status,
    status,
    with_unit,
)
from samenwerkingsmonitor.catalogue import lookup

# The catalogue contexts the digest tries, in order: its own words, the report's, the shared.
DIGEST = ("digest", "report", None)


@dataclass
class Line:
    text: str
    link: str | None = None


def words(key: str, lang: str, **values) -> str:
    """A digest text in `lang`: the digest's own wording of a key, else the report's, else the
    shared one (samenwerkingsmonitor/catalogue)."""
    return lookup(key, lang, DIGEST, values)


def dashboard_link(ctx, path: str, network: str, lang: str, **extra: str) -> str:
    """A deep link that opens the network's view (the pages read ?network=…&lang=…)."""
    query = urlencode({"network": network, **extra, "lang": lang})
    return f"{ctx.settings.public_url}{path}?{query}"


def attention_line(ctx, news: DigestNews, finding: Finding, lang: str) -> Line:
    """One item of "Vraagt aandacht" as words and a link to where it is dealt with."""
    net, kind, facts = news.network, finding.kind, finding.facts
    link = lambda path, **extra: dashboard_link(ctx, path, net, lang, **extra)  # noqa: E731
    if kind in ("stuck", "silent"):
        name = news.project_names.get(finding.subject, finding.subject)
        since = day(facts[0], lang) if facts[0] else None
        key = "att_stuck" if kind == "stuck" else ("att_silent" if since else "att_never")
        path = "/projecten" if kind == "stuck" else "/status"
        return Line(words(key, lang, project=name, date=since), link(path, project=finding.subject))
    if kind == "behind":
        theme = news.theme_names.get(finding.subject, finding.subject)
        target = link("/netwerk", measure="theme", subject=finding.subject)
        return Line(words("att_behind", lang, theme=theme, wave=facts[0]), target)
    if kind == "goal_overdue":
        goal = news.goal_names.get(finding.subject, finding.subject)
        return Line(
            words("att_goal", lang, goal=goal, date=day(facts[0], lang)), link("/projecten")
        )
    if kind == "agreement_overdue":
        topic = words(f"agreement_topic_{facts[0]}", lang)
        text = words(
            "att_agreement", lang, topic=topic, id=finding.subject, date=day(facts[1], lang)
        )
        return Line(text, link("/afspraken"))
    if kind == "response_fell":
        before, after = percent(facts[1], lang, 1), percent(facts[2], lang, 1)
        text = words(
            "att_response",
            lang,
            before=before,
            previous=facts[0],
            after=after,
            wave=finding.subject,
        )
        return Line(text, link("/netwerk"))
    text = words("att_proposal", lang, name=facts[0], date=day(facts[1], lang))
    return Line(text, link("/status"))


def attention_block(ctx, news: DigestNews, lang: str) -> list[Line]:
    new = news.new_keys
    lines = []
    for finding in news.attention:
        line = attention_line(ctx, news, finding, lang)
        if news.previous and finding.key in new:
            line.text = f"{words('new', lang)}: {line.text}"
        lines.append(line)
    return lines


def changes_block(news: DigestNews, lang: str, said: dict[str, str]) -> list[Line]:
    """What changed against the previous digest; `said`: the attention lines of this digest
    by key (the new ones are listed again here)."""
    lines = [Line(f"{words('resolved', lang)}: {text}") for text in news.resolved.values()]
    if news.previous:
        lines += [Line(f"{words('new', lang)}: {said[k]}") for k in said if k in news.new_keys]
    lines += _index_change(news, lang)
    lines += [
        Line(words("new_wave", lang, wave=w, date=day(when, lang))) for w, when in news.new_waves
    ]
    lines += [
        Line(words("update", lang, project=p, status=project_status(s, lang), date=day(d, lang)))
        for p, s, d in news.updates
    ]
    lines += [
        Line(
            words(
                "goal_value",
                lang,
                goal=g,
                value=amount(v, lang) + (f" {u}" if u else ""),
                date=day(d, lang),
            )
        )
        for g, v, d, u in news.goal_values
    ]
    lines += [Line(words("note", lang, date=day(d, lang), text=text)) for d, text in news.notes]
    return lines


def _index_change(news: DigestNews, lang: str) -> list[Line]:
    """The network's index when its wave or status differs from what the previous digest said."""
    row = news.index
    if row is None:
        return []
    before = news.previous.get("index") or {}
    now = index_state(row, lang)
    if before == now:
        return []
    return [Line(words("index_changed", lang, **now))]


def index_state(row, lang: str) -> dict[str, str]:
    return {
        "wave": str(row["wave"]),
        "value": figure(row, "score_100", lang),
        "status": "-" if bool(row["suppressed"]) else status(row["status"], lang),
    }


def context_block(news: DigestNews, lang: str) -> list[Line]:
    """The consortium's index and goals, and the network's partner network, in a few lines."""
    lines = []
    if news.consortium_index is not None:
        lines.append(
            Line(words("consortium_index", lang, **index_state(news.consortium_index, lang)))
        )
    lines += [Line(_goal_line(g, lang)) for _, g in news.goals.iterrows()]
    if len(news.partner):
        wave = news.partner["wave"].iloc[0]
        figures = "; ".join(_partner_figure(s, r, lang) for s, r in news.partner.iterrows())
        lines.append(Line(words("partner_network", lang, wave=wave, figures=figures)))
    return lines


def _goal_line(goal, lang: str) -> str:
    if missing(goal["latest_value"]):
        target = with_unit(goal["target_value"], goal["unit"], lang)
        return words("consortium_goal_unmeasured", lang, goal=goal["name"], target=target)
    achievable = goal["achievable"]
    return words(
        "consortium_goal",
        lang,
        goal=goal["name"],
        latest=with_unit(goal["latest_value"], goal["unit"], lang),
        target=with_unit(goal["target_value"], goal["unit"], lang),
        progress="-"
        if missing(goal["progress_pct"])
        else f"{number(goal['progress_pct'], 0, lang)}%",
        verdict="-"
        if missing(achievable)
        else words("achievable" if bool(achievable) else "not_achievable", lang),
    )


def _partner_figure(subject: str, row, lang: str) -> str:
    label = words(f"pn_fig_{subject}", lang)
    if bool(row["suppressed"]):
        return f"{label} {words('too_few', lang)}"
    comma = lang == "nl"
    value = format_value(subject, row["value"], decimal_comma=comma)
    change = format_change(subject, row["difference"], lang, decimal_comma=comma)
    return f"{label} {value} ({change})"


def render(blocks: list[tuple[str, list[Line], str]], intro: str, title: str, footer: list[Line]):
    """(text, html) of the mail: blocks of (heading, lines, what to say when empty)."""
    text = [intro, ""]
    html = [
        '<html><body style="font-family: Arial, sans-serif; font-size: 14px; color: #222">',
        f'<h2 style="color: #0072B2">{escape(title)}</h2>',
        f"<p>{escape(intro)}</p>",
    ]
    for heading, lines, empty in blocks:
        text += [heading, "=" * len(heading)]
        html.append(f"<h3>{escape(heading)}</h3>")
        if not lines:
            text += [empty, ""]
            html.append(f"<p>{escape(empty)}</p>")
            continue
        items = []
        for line in lines:
            text.append(f"- {line.text}")
            if line.link:
                text.append(f"  {line.link}")
                items.append(
                    f'<li>{escape(line.text)} (<a href="{escape(line.link)}">open</a>)</li>'
                )
            else:
                items.append(f"<li>{escape(line.text)}</li>")
        text.append("")
        html.append("<ul>" + "".join(items) + "</ul>")
    for line in footer:
        text.append(f"{line.text}: {line.link}" if line.link else line.text)
    html.append(
        "<p>"
        + "<br>".join(
            f'<a href="{escape(line.link)}">{escape(line.text)}</a>'
            if line.link
            else escape(line.text)
            for line in footer
        )
        + "</p></body></html>"
    )
    return "\n".join(text), "\n".join(html)


def compose_parts(ctx, news: DigestNews, lang: str) -> tuple[str, str, dict[str, str]]:
    """The digest's text and HTML parts, and its attention lines by key (the state to keep)."""
    attention = attention_block(ctx, news, lang)
    said = {f.key: attention_line(ctx, news, f, lang).text for f in news.attention}
    since = day(news.since, lang)
    blocks = [
        (words("attention", lang), attention, words("attention_none", lang)),
        (
            words("changed", lang, since=since),
            changes_block(news, lang, said),
            words("nothing", lang),
        ),
        (words("context", lang), context_block(news, lang), words("context_none", lang)),
    ]
    footer = [
        Line(words("open_network", lang), dashboard_link(ctx, "/netwerk", news.network, lang)),
        Line(words("open_projects", lang), dashboard_link(ctx, "/projecten", news.network, lang)),
        Line(words("attached", lang)),
    ]
    intro = words("intro", lang, since=since, name=news.name)
    text, html = render(blocks, intro, news.name, footer)
    return text, html, said
