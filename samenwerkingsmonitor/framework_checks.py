"""The checks across a framework file's sections that one model cannot make alone: codes that
must exist elsewhere in the file, unique codes, targets that name what the file has."""

from collections.abc import Iterable, Iterator, Sequence

from samenwerkingsmonitor.framework_model import SCORE_SCALE, Framework
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS, BUILTIN_MEASURES, INDEX_SUBJECT
from samenwerkingsmonitor.yaml_file import Lines, Parts, dotted

_SECTION_NOUNS = {
    "networks": "network",
    "groups": "group",
    "vision_elements": "vision element",
    "speerpunten": "speerpunt",
    "ambitions": "ambition",
    "kernthemas": "kernthema",
    "actielijnen": "actielijn",
    "instruments": "instrument",
    "waves": "wave",
}


def _unknown(what: str, code: str, codes: Sequence[str]) -> str:
    """'unknown speerpunt 'S9' (known: S1, S2)' — the list only when it is short."""
    if not codes:
        listed = f"no {what}s are defined"
    elif len(codes) <= 12:
        listed = "known: " + ", ".join(codes)
    else:
        listed = "see the list in the file"
    return f"unknown {what} {code!r} ({listed})"


def cross_check(fw: Framework, lines: Lines) -> Iterator[tuple[Parts, str]]:
    """Problems that need more than one field: duplicates, unknown references, empty themes."""

    def duplicates(entries: Iterable[tuple[str, Parts]], what: str) -> Iterator[tuple[Parts, str]]:
        first: dict[str, Parts] = {}
        for code, parts in entries:
            if code in first:
                where = f"{dotted(first[code])}, line {lines.line(first[code])}"
                yield parts, f"duplicate {what} code {code!r} (first at {where})"
            else:
                first[code] = parts

    themes = [
        (t, ("instruments", i, "themes", j))
        for i, inst in enumerate(fw.instruments)
        for j, t in enumerate(inst.themes)
    ]
    items = [(it, (*tp, "items", k)) for t, tp in themes for k, it in enumerate(t.items)]
    for section, what in _SECTION_NOUNS.items():
        entries = enumerate(getattr(fw, section))
        yield from duplicates(((e.code, (section, n, "code")) for n, e in entries), what)
    yield from duplicates(((t.code, (*p, "code")) for t, p in themes), "theme")
    yield from duplicates(((it.code, (*p, "code")) for it, p in items), "item")

    for section in ("networks", "groups", "instruments"):
        if not getattr(fw, section):
            yield (section,), f"at least one {_SECTION_NOUNS[section]} is required"
    for n, inst in enumerate(fw.instruments):
        if inst.kind == "questionnaire" and not inst.themes:
            yield ("instruments", n, "themes"), "instrument has no themes"
        if inst.kind == "relational" and inst.themes:
            yield (
                ("instruments", n, "themes"),
                "a relational instrument has no themes (its questions are fixed, measures.md)",
            )
    for t, p in themes:
        if not t.items:
            yield (*p, "items"), "theme has no items"

    elements = [e.code for e in fw.vision_elements]
    speerpunten = [s.code for s in fw.speerpunten]
    links = [
        (it.vision_elements, (*p, "vision_elements"), elements, "vision element") for it, p in items
    ]
    links += [(it.speerpunten, (*p, "speerpunten"), speerpunten, "speerpunt") for it, p in items]
    links += [
        (a.speerpunten, ("ambitions", n, "speerpunten"), speerpunten, "speerpunt")
        for n, a in enumerate(fw.ambitions)
    ]
    for codes, parts, allowed, what in links:
        for k, code in enumerate(codes):
            if code not in allowed:
                yield (*parts, k), _unknown(what, code, allowed)

    networks = [net.code for net in fw.networks]
    instruments = [inst.code for inst in fw.instruments]
    for n, w in enumerate(fw.waves):
        if w.instrument not in instruments:
            yield ("waves", n, "instrument"), _unknown("instrument", w.instrument, instruments)
        for code in w.invited:
            if code not in networks:
                yield ("waves", n, "invited", code), _unknown("network", code, networks)

    yield from check_targets(fw, networks)


def check_targets(fw: Framework, networks: list[str]) -> Iterator[tuple[Parts, str]]:
    """Targets name a known measure kind, subject and network, and lie on their scale."""
    subjects = {
        "index": [INDEX_SUBJECT],
        "theme": [t.code for t in fw.all_themes()],
        "vision_element": [e.code for e in fw.vision_elements],
        "speerpunt": [s.code for s in fw.speerpunten],
        "ambition": [a.code for a in fw.ambitions],
        "item": [it.code for it in fw.all_items()],
    }
    kinds = [*BUILTIN_MEASURES, *fw.settings.extra_measures]
    seen: dict[tuple[str, str, str | None], int] = {}
    for n, t in enumerate(fw.targets):
        p: Parts = ("targets", n)
        key = (t.measure, t.subject, t.network)
        if key in seen:
            yield (
                p,
                f"second target for this measure, subject and network (first: targets[{seen[key]}])",
            )
        seen.setdefault(key, n)
        if t.network is not None and t.network not in networks:
            message = _unknown("network", t.network, networks)
            if t.network == ALL_NETWORKS:
                message += "; leave network out for a consortium-wide target"
            yield (*p, "network"), message
        if t.measure not in kinds:
            allowed = ", ".join(kinds)
            yield (
                (*p, "measure"),
                f"unknown measure kind {t.measure!r} (allowed: {allowed}; "
                "other kinds must be listed in settings.extra_measures)",
            )
            continue
        if t.measure in subjects:
            if t.subject not in subjects[t.measure]:
                what = t.measure.replace("_", " ")
                yield (*p, "subject"), _unknown(what, t.subject, subjects[t.measure])
            if t.scale != SCORE_SCALE:
                yield (*p, "scale"), f"{t.measure} targets are on the 0-100 scale; leave scale out"
                continue
        elif t.scale is None:
            yield (
                (*p, "scale"),
                f"required for {t.measure!r} targets: [min, max] of the measure's own scale",
            )
            continue
        low, high = t.scale
        if not low <= t.value <= high:
            yield (*p, "value"), f"value {t.value:g} lies outside the scale [{low:g}, {high:g}]"
