"""The measurement framework: one YAML file per consortium, loaded and validated.

A consortium (Septet, or any of the other six) is described by a framework file: its networks,
respondent groups, the 2028 vision elements, the patients' speerpunten, the ambitions, the national
kernthema's and actielijnen, the questionnaires (instruments) with their themes and Likert items,
the waves, and the targets. A second consortium is a second file, not code.

:func:`load_framework` reads a file, checks it and returns a frozen :class:`Framework`. Every
problem is reported as ``<file>:<line>: <dotted.path.of.field>: <problem>`` (line 1-based, of the
offending YAML node, e.g. ``septet.yaml:212: instruments[0].themes[2].items[1].code: duplicate item
code 'VER2' ...``); all problems of a file are collected into one :class:`FrameworkError`, one per
line. A file that cannot be read or parsed is reported the same way (path ``<file>`` or ``<yaml>``).

File layout (every key not marked optional is required; unknown keys are rejected)::

    consortium: {code: septet, name: "Septet, consortium palliatieve zorg Midden-Nederland"}
    settings:                                # optional section, these are the defaults
      suppression_threshold: 5               # aggregates of fewer respondents are hidden; >= 3
      status_thresholds: {on_track: 2.5, attention: 7.5}   # % of the target scale's range
      stale_days: 62                         # an active project without an update is stale
      extra_measures: [network]              # measure kinds besides the built-in scores
                                             # (index, theme, vision_element, speerpunt,
                                             # ambition, item) that targets may name
    networks:                                # code: 2-8 capitals/digits, never ALL
      - {code: UTS, name: Utrecht stad}
    groups:                                  # respondent groups; code never "all"
      - {code: ZP, name: Zorgprofessional, name_en: Care professional}
    vision_elements:                         # optional; V1..V11 for Septet
      - {code: V1, name: "...", name_en: "...", description: "...", description_en: "..."}
    speerpunten:                             # optional; S1..S8 (the patients' eight points)
      - {code: S1, name: "...", name_en: "...", description: "...", description_en: "..."}
    ambitions:                               # optional; speerpunten: codes listed above
      - {code: A1, name: "...", name_en: "...", description: "...", speerpunten: [S1, S4]}
    kernthemas:  [{code: K1, name: Markeren, name_en: ...}]      # optional
    actielijnen: [{code: L1, name: ..., name_en: ...}]           # optional
    instruments:
      - code: partner
        kind: questionnaire                  # optional; "relational": the partner-network
                                             # questionnaire, which has no themes
        name: Partnervragenlijst samenwerking
        name_en: ...                         # optional
        intro: ...                           # optional: the questionnaire's instruction
        intro_en: ...                        # optional
        provisional: true                    # optional: a working version (reports say so)
        scale:                               # optional, default 1-5; min < max, integers
          min: 1
          max: 5
          labels: {1: Helemaal oneens, 5: Helemaal eens}          # optional
          labels_en: {1: Strongly disagree, 5: Strongly agree}    # optional
        themes:                              # every theme has at least one item
          - code: VISIE
            name: Gedeelde visie
            name_en: Shared vision           # optional
            items:
              - code: VIS1
                text: "...Dutch statement..."
                text_en: "..."               # optional
                reverse: false               # optional; true: v counts as min + max - v
                vision_elements: [V3]        # optional; codes of vision_elements
                speerpunten: [S1]            # optional; codes of speerpunten (an item serves
                                             # the ambitions that list them)
    waves:                                   # optional; codes unique within the file
      - code: "2024"                         # an unquoted 2024 is read as the text "2024"
        instrument: partner
        reference_date: 2024-11-01           # optional: without it the date follows the data
        invited: {UTS: 80, ZOU: 95}          # optional: invited respondents per network
    targets:                                 # optional
      - measure: theme                       # index, theme, vision_element, item or an extra
        subject: VERTR                       # theme/element/item code; "index" for the index
        network: UTS                         # optional: a network's own target (override)
        value: 78
        target_date: 2028-12-31              # optional
        direction: higher                    # optional: higher (default) or lower is better
        scale: [0, 100]                      # fixed 0-100 for the four score measures;
                                             # required [min, max] for an extra measure
        confirmed: false                     # optional: true once the steering groups confirmed
                                             # it; until then the reports call it a working value
        provisional: true                    # optional: a werkdoel (working target); wherever
                                             # the target appears it is called werkdoel

A network's target overrides the consortium target of the same measure and subject field by
field: target_date, direction and scale left out of the network row come from the consortium row,
then from the defaults (2028-12-31, higher, 0-100). After loading, every :class:`Target` has all
three set. Codes are unique per list (themes and items across all instruments of the file).

The file's ``version`` is the first 12 hex digits of the SHA-256 of its bytes: any edit, even a
comment, gives a new version, which measure snapshots record.
"""

import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from samenwerkingsmonitor.yaml_file import (  # re-exported: sources and digest read with them
    FrameworkError,
    Parts,
    Problem,
    _dotted,
    _Lines,
    read_mapping,
)

if TYPE_CHECKING:  # pandas is imported only when a frame is asked for
    import pandas as pd

__all__ = [
    "ALL_GROUPS",
    "ALL_NETWORKS",
    "BUILTIN_MEASURES",
    "DEFAULT_TARGET_DATE",
    "Ambition",
    "CodedEntry",
    "Consortium",
    "DescribedEntry",
    "Framework",
    "FrameworkError",
    "Group",
    "Instrument",
    "Item",
    "Network",
    "Problem",
    "Scale",
    "Settings",
    "StatusThresholds",
    "Target",
    "Theme",
    "Wave",
    "default_framework_path",
    "load_framework",
]

from samenwerkingsmonitor.vocabulary import (  # noqa: E402 (the fixed words, re-exported)
    ALL_GROUPS,
    ALL_NETWORKS,
    BUILTIN_MEASURES,
    INDEX_SUBJECT,
)

SCORE_SCALE: tuple[float, float] = (0.0, 100.0)  # score_100 of the builtin measures
DEFAULT_TARGET_DATE = date(2028, 12, 31)  # "We aim for this vision to be reality in 2028"
DEFAULT_DIRECTION = "higher"
MIN_SUPPRESSION_THRESHOLD = 3  # measures.md: configurable, never below 3
NETWORK_CODE_PATTERN = r"^[A-Z0-9]{2,8}$"

# Codes end up in URLs, CSV columns and 20-character database columns.
Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Text | None


# --- the file's sections as models --------------------------------------------------------------


class _Model(BaseModel):
    # Frozen: a loaded framework is shared by web workers and must not change under them.
    # coerce_numbers_to_str: YAML reads `code: 2024` as a number; as a code it is the text "2024".
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Consortium(_Model):
    """The consortium the file describes (e.g. Septet)."""

    code: Code
    name: Text
    name_en: OptionalText = None


class StatusThresholds(_Model):
    """Distances below the expected value, in % of the target scale's range (measures.md)."""

    on_track: float = Field(2.5, ge=0, le=100)
    attention: float = Field(7.5, ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> "StatusThresholds":
        if self.attention < self.on_track:
            raise ValueError("attention must be at least on_track")
        return self


class Settings(_Model):
    """Consortium-wide settings of the measures."""

    suppression_threshold: int = 5
    status_thresholds: StatusThresholds = StatusThresholds()
    stale_days: int = Field(62, gt=0)
    extra_measures: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], ...] = ()

    @field_validator("suppression_threshold")
    @classmethod
    def _threshold(cls, value: int) -> int:
        if value < MIN_SUPPRESSION_THRESHOLD:
            raise ValueError(
                f"must be at least {MIN_SUPPRESSION_THRESHOLD}: smaller groups could identify "
                f"respondents (got {value})"
            )
        return value

    @field_validator("extra_measures")
    @classmethod
    def _extra(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        builtin = [m for m in value if m in BUILTIN_MEASURES]
        if builtin:
            raise ValueError(f"{builtin[0]!r} is a built-in measure kind; list only other kinds")
        if len(set(value)) != len(value):
            raise ValueError("a measure kind is listed twice")
        return value


class Network(_Model):
    """A regional network palliatieve zorg."""

    code: str
    name: Text

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if value == ALL_NETWORKS:
            raise ValueError(f"{ALL_NETWORKS!r} is reserved for the consortium as a whole")
        if not re.fullmatch(NETWORK_CODE_PATTERN, value):
            raise ValueError(
                f"network code must be 2 to 8 capital letters or digits, like UTS (got {value!r})"
            )
        return value


class Group(_Model):
    """A respondent group (care professional, manager, coordinator, volunteer, ...)."""

    code: Code
    name: Text
    name_en: OptionalText = None

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if value.lower() == ALL_GROUPS:
            raise ValueError(f"{value!r} is reserved for all groups together")
        return value


class CodedEntry(_Model):
    """An entry of a plain code list (kernthema, actielijn)."""

    code: Code
    name: Text
    name_en: OptionalText = None


class DescribedEntry(CodedEntry):
    """A code-list entry with a longer description (vision element, speerpunt)."""

    description: OptionalText = None
    description_en: OptionalText = None


class Ambition(DescribedEntry):
    """An ambition of the multi-year plan and the speerpunten relevant to it."""

    speerpunten: tuple[Code, ...] = ()


class Item(_Model):
    """A Likert statement of a theme."""

    code: Code
    text: Text
    text_en: OptionalText = None
    reverse: bool = False
    vision_elements: tuple[Code, ...] = ()
    speerpunten: tuple[Code, ...] = ()


class Theme(_Model):
    """A collaboration theme with its items."""

    code: Code
    name: Text
    name_en: OptionalText = None
    items: tuple[Item, ...] = ()


class Scale(_Model):
    """The answer scale of an instrument's items (integers min..max, labels optional)."""

    min: Annotated[int, Field(strict=True)] = 1
    max: Annotated[int, Field(strict=True)] = 5
    labels: dict[int, Text] = {}
    labels_en: dict[int, Text] = {}

    @model_validator(mode="after")
    def _check(self) -> "Scale":
        if self.min >= self.max:
            raise ValueError(f"min must be below max (got {self.min} and {self.max})")
        for labels in (self.labels, self.labels_en):
            outside = [k for k in labels if not self.min <= k <= self.max]
            if outside:
                raise ValueError(f"label for {outside[0]} lies outside {self.min}-{self.max}")
        return self


class Instrument(_Model):
    """A questionnaire: its answer scale and its themes. A relational questionnaire (measures.md,
    "Partner network") has no themes: it asks each partner about every other listed partner."""

    code: Code
    kind: Literal["questionnaire", "relational"] = "questionnaire"
    name: Text
    name_en: OptionalText = None
    intro: OptionalText = None
    intro_en: OptionalText = None
    scale: Scale = Scale()
    themes: tuple[Theme, ...] = ()
    # A working version whose items may still change: the reports name it under their limitations.
    provisional: bool = False


class Wave(_Model):
    """One consortium-wide round of an instrument."""

    code: Code
    instrument: Code
    reference_date: date | None = None
    invited: dict[str, Annotated[int, Field(ge=0)]] = {}


class Target(_Model):
    """A target value for one measure and subject, consortium-wide or for one network.

    After :func:`load_framework`, ``target_date``, ``direction`` and ``scale`` are always set.
    """

    measure: Annotated[str, StringConstraints(min_length=1)]
    subject: Annotated[str, StringConstraints(min_length=1)]
    network: str | None = None
    value: float
    target_date: date | None = None
    direction: Literal["higher", "lower"] | None = None
    scale: tuple[float, float] | None = None
    # Until the steering groups confirm a target it is a working value, and the reports say so.
    confirmed: bool = False
    # A werkdoel: every chart and text that shows the target calls it so (issue 14).
    provisional: bool = False

    @field_validator("scale")
    @classmethod
    def _scale(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None and value[0] >= value[1]:
            raise ValueError(f"the scale's min must be below its max (got {list(value)})")
        return value


class Framework(_Model):
    """A consortium's validated measurement framework (see the module docstring for the file)."""

    consortium: Consortium
    settings: Settings = Settings()
    networks: tuple[Network, ...]
    groups: tuple[Group, ...]
    vision_elements: tuple[DescribedEntry, ...] = ()
    speerpunten: tuple[DescribedEntry, ...] = ()
    ambitions: tuple[Ambition, ...] = ()
    kernthemas: tuple[CodedEntry, ...] = ()
    actielijnen: tuple[CodedEntry, ...] = ()
    instruments: tuple[Instrument, ...]
    waves: tuple[Wave, ...] = ()
    targets: tuple[Target, ...] = ()
    version: str
    path: str

    def all_themes(self) -> tuple[Theme, ...]:
        """Every theme of every instrument, in file order."""
        return tuple(t for i in self.instruments for t in i.themes)

    def all_items(self) -> tuple[Item, ...]:
        """Every item of every instrument, in file order."""
        return tuple(it for t in self.all_themes() for it in t.items)

    def target_for(self, measure: str, subject: str, network: str | None = None) -> Target | None:
        """The target that applies: the network's own one, else the consortium's, else None."""
        fallback = None
        for t in self.targets:
            if t.measure == measure and t.subject == subject:
                if network is not None and t.network == network:
                    return t
                if t.network is None:
                    fallback = t
        return fallback

    def items_frame(self) -> "pd.DataFrame":
        """One row per item: item, theme, reverse, vision_elements, speerpunten, text, instrument,
        ambitions.

        vision_elements, speerpunten and ambitions hold lists of codes; rows are in file order.
        An item serves an ambition through the speerpunten it links to (the ambition's speerpunten
        in the file), so the ambitions list is derived, never written per item.
        """
        import pandas as pd

        def ambitions(item: Item) -> list[str]:
            return [a.code for a in self.ambitions if set(a.speerpunten) & set(item.speerpunten)]

        rows = [
            {
                "item": it.code,
                "theme": t.code,
                "reverse": it.reverse,
                "vision_elements": list(it.vision_elements),
                "speerpunten": list(it.speerpunten),
                "text": it.text,
                "instrument": inst.code,
                "ambitions": ambitions(it),
            }
            for inst in self.instruments
            for t in inst.themes
            for it in t.items
        ]
        columns = [
            "item",
            "theme",
            "reverse",
            "vision_elements",
            "speerpunten",
            "text",
            "instrument",
            "ambitions",
        ]
        return pd.DataFrame(rows, columns=columns)

    def targets_frame(self) -> "pd.DataFrame":
        """Targets as metrics.targets expects them: network (None: consortium-wide), measure,
        subject, target, target_date, direction, scale_min, scale_max."""
        import pandas as pd

        rows = [
            {
                "network": t.network,
                "measure": t.measure,
                "subject": t.subject,
                "target": t.value,
                "target_date": pd.Timestamp(t.target_date or DEFAULT_TARGET_DATE),
                "direction": t.direction or DEFAULT_DIRECTION,
                "scale_min": (t.scale or SCORE_SCALE)[0],
                "scale_max": (t.scale or SCORE_SCALE)[1],
            }
            for t in self.targets
        ]
        columns = ["network", "measure", "subject", "target", "target_date", "direction"]
        return pd.DataFrame(rows, columns=[*columns, "scale_min", "scale_max"])

    def export_dict(self) -> dict[str, Any]:
        """The framework as plain JSON-ready data (dates as ISO text), for exports and tools."""

        def dump(models: Iterable[BaseModel], **kw: Any) -> list[dict[str, Any]]:
            return [m.model_dump(mode="json", **kw) for m in models]

        return {
            "version": self.version,
            "consortium": self.consortium.model_dump(mode="json"),
            "settings": self.settings.model_dump(mode="json"),
            "networks": dump(self.networks),
            "groups": dump(self.groups),
            "vision_elements": dump(self.vision_elements),
            "speerpunten": dump(self.speerpunten),
            "ambitions": dump(self.ambitions),
            "kernthemas": dump(self.kernthemas),
            "actielijnen": dump(self.actielijnen),
            "instruments": [
                {
                    **i.model_dump(mode="json", exclude={"themes"}),
                    "themes": [t.code for t in i.themes],
                }
                for i in self.instruments
            ],
            "themes": [
                {"code": t.code, "name": t.name, "name_en": t.name_en, "instrument": i.code}
                for i in self.instruments
                for t in i.themes
            ],
            "items": [
                {**it.model_dump(mode="json"), "theme": t.code, "instrument": i.code}
                for i in self.instruments
                for t in i.themes
                for it in t.items
            ],
            "waves": dump(self.waves),
            "targets": dump(self.targets),
        }


# --- loading ------------------------------------------------------------------------------------


def default_framework_path() -> Path:
    """``$FRAMEWORK_FILE`` if set, else config/framework/septet.yaml of the repository."""
    configured = os.environ.get("FRAMEWORK_FILE")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "config" / "framework" / "septet.yaml"


def load_framework(path: str | Path) -> Framework:
    """Read, validate and cross-check a framework file.

    Raises :class:`FrameworkError` listing every problem found (file, line, field path, what is
    wrong), including an unreadable file, invalid UTF-8 and bad YAML syntax.
    """
    doc = read_mapping(path, "a mapping with consortium, networks, …")
    data, problem, problems = doc.data, doc.problem, doc.problems
    for reserved in ("version", "path"):
        if reserved in data:
            problems.append(problem((reserved,), "set by the loader; remove it from the file"))
    data = {k: v for k, v in data.items() if k not in ("version", "path")}
    version = hashlib.sha256(doc.raw).hexdigest()[:12]
    try:
        framework = Framework.model_validate({**data, "version": version, "path": doc.file})
    except ValidationError as error:
        problems.extend(problem(*_from_pydantic(e)) for e in error.errors(include_url=False))
        raise FrameworkError(problems) from None
    framework = framework.model_copy(update={"targets": _inherit_targets(framework.targets)})
    problems.extend(
        problem(parts, message) for parts, message in _cross_check(framework, doc.lines)
    )
    if problems:
        raise FrameworkError(problems)
    return framework


def _from_pydantic(error: dict[str, Any]) -> tuple[Parts, str]:
    """A pydantic error as (path parts, message)."""
    parts = tuple(p for p in error["loc"] if p != "[key]")
    kind = error["type"]
    if kind == "missing":
        return parts, "required field is missing"
    if kind == "extra_forbidden":
        return parts, "unknown field (check the spelling)"
    message = str(error["msg"])
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
        return parts, message
    value = error.get("input")
    if isinstance(value, str | int | float | bool | date) and "(got" not in message:
        message += f" (got {value!r})" if isinstance(value, str) else f" (got {value})"
    return parts, message


def _inherit_targets(targets: tuple[Target, ...]) -> tuple[Target, ...]:
    """Fill target_date, direction and scale: network row, else consortium row, else default."""
    consortium = {(t.measure, t.subject): t for t in targets if t.network is None}
    out = []
    for t in targets:
        base = consortium.get((t.measure, t.subject)) if t.network is not None else None
        defaults = {
            "target_date": DEFAULT_TARGET_DATE,
            "direction": DEFAULT_DIRECTION,
            "scale": SCORE_SCALE if t.measure in BUILTIN_MEASURES else None,
        }
        update = {}
        for field, default in defaults.items():
            if getattr(t, field) is None:
                inherited = getattr(base, field, None)
                update[field] = default if inherited is None else inherited
        out.append(t.model_copy(update=update))
    return tuple(out)


# The code lists of the file and what one entry is called in a message.
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


def _cross_check(fw: Framework, lines: _Lines) -> Iterator[tuple[Parts, str]]:
    """Problems that need more than one field: duplicates, unknown references, empty themes."""

    def duplicates(entries: Iterable[tuple[str, Parts]], what: str) -> Iterator[tuple[Parts, str]]:
        first: dict[str, Parts] = {}
        for code, parts in entries:
            if code in first:
                where = f"{_dotted(first[code])}, line {lines.line(first[code])}"
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

    yield from _check_targets(fw, networks)


def _check_targets(fw: Framework, networks: list[str]) -> Iterator[tuple[Parts, str]]:
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
