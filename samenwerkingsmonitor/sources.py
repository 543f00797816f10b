"""The sources file: what to collect, from where, how often, and how its columns map.

One YAML file (``$SOURCES_FILE``, default ``config/sources.yaml``) lists the sources. Every problem
is reported like the framework loader does — ``<file>:<line>: <dotted.path>: <problem>`` — using
its line tracking (:mod:`samenwerkingsmonitor.framework`). See docs/sources-collectors.md::

    inbox_root: inbox                 # optional: folder under DATA_DIR holding <source>/ inboxes
    sources:
      - name: limesurvey-csv          # lower-case letters, digits, - and _; stable: it is the job id
        kind: limesurvey_file         # a kind of collectors/kinds/ (samenwerkingsmonitor/source_kinds.py)
        schedule: "*/5 * * * *"       # optional cron (5 fields; 6 fields: seconds first)
        enabled: true                 # optional
        enabled_when_set: LIMESURVEY_URL   # optional: only active when this variable is set
        inbox: /srv/exports/ls        # optional: default DATA_DIR/<inbox_root>/<name>
        sheet: Partnervragenlijst     # optional XLSX sheet (cut to 31 characters)
        create_waves: false           # optional: true creates a wave the framework lacks
        mapping:                      # questionnaire kinds except template
          response_id: id             # defaults per kind (LimeSurvey: id; MS Forms: ID)
          submitted_at: submitdate    # defaults per kind (LimeSurvey: submitdate; MS Forms: Completion time)
          network: {column: NETWERK, values: {N1: UTS}}   # or {value: UTS}; a bare string is a column
          group: {column: ROL, values: {R1: ZP}}
          wave: {value: "2026"}
          items: {"THEMA01[SQ001]": VIS1}
          values: {AO01: 1, NVT: null}  # answer → 1–5, null = missing; merged over the kind's defaults
          drop: [Telefoon]            # more personal-data columns never stored
      # the relational kinds' mapping (RelationalMapping): docs/sources-collectors.md
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from samenwerkingsmonitor.framework import (
    Framework,
    FrameworkError,
    Parts,
    _from_pydantic,
    read_mapping,
)
from samenwerkingsmonitor.schedules import next_run, trigger_for  # noqa: F401 (re-exported)
from samenwerkingsmonitor.source_kinds import PERSONAL_COLUMNS, SourceKind, get_kind

Name = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
EnvName = Annotated[str, StringConstraints(pattern=r"^[A-Z_][A-Z0-9_]*$")]
Heading = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class SourcesError(FrameworkError):
    """A sources file that cannot be used; one ``file:line: field: problem`` per line."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Field_(_Model):
    """Where a value comes from: a column (with an optional value map) or a fixed value."""

    column: Heading | None = None
    value: Heading | None = None
    values: dict[str, str] = {}

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"column": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _one(self) -> Field_:
        if (self.column is None) == (self.value is None):
            raise ValueError("give either column (with optional values) or a fixed value")
        return self

    def translate(self, raw: str) -> str:
        """The code for a raw cell: the value map's entry (exact, then case-insensitive), else raw."""
        if raw in self.values:
            return self.values[raw]
        lowered = {k.lower(): v for k, v in self.values.items()}
        return lowered.get(raw.lower(), raw)


class Mapping(_Model):
    """How a tool's columns become a response: network, group, wave, items and answer values."""

    response_id: Heading | None = None
    submitted_at: Heading | None = None
    network: Field_
    group: Field_
    wave: Field_
    items: dict[Heading, Heading]
    values: dict[str, Annotated[int, Field(ge=1, le=5)] | None] = {}
    drop: tuple[Heading, ...] = ()
    dayfirst: bool = False

    @field_validator("items")
    @classmethod
    def _items(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise ValueError("map at least one column to an item code")
        codes = list(value.values())
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise ValueError(f"item {twice[0]!r} is mapped from more than one column")
        return value


class RelationalQuestions(_Model):
    """The LimeSurvey question codes of the relational questionnaire: arrays with one sub-question
    per partner (`FREQ[P01]`), topics as a checkbox array (`ONDERWERP[P01_verwijzing]`)."""

    frequency: Heading = "FREQ"
    topics: Heading = "ONDERWERP"
    trust_openness: Heading = "OPENHEID"
    trust_reliability: Heading = "BETROUWB"
    trust_mission: Heading = "MISSIE"
    value_influence: Heading = "INVLOED"
    value_resources: Heading = "MIDDELEN"
    value_involvement: Heading = "BETROKKEN"


class RelationalMapping(_Model):
    """How a LimeSurvey export of the relational questionnaire becomes partner reports.

    The answer maps are merged over the defaults of collectors/relational.py (codes, Dutch and
    English labels), compared case-insensitively.
    """

    response_id: Heading | None = None
    submitted_at: Heading | None = None
    network: Field_
    wave: Field_
    organisation: Field_
    partners: dict[Heading, Heading] = {}
    questions: RelationalQuestions = RelationalQuestions()
    frequency_values: dict[str, Annotated[int, Field(ge=0, le=3)] | None] = {}
    topic_codes: dict[str, Heading] = {}
    statement_values: dict[str, Annotated[int, Field(ge=1, le=4)] | None] = {}
    drop: tuple[Heading, ...] = ()
    dayfirst: bool = False

    @field_validator("topic_codes")
    @classmethod
    def _topics(cls, value: dict[str, str]) -> dict[str, str]:
        from db.models import TOPICS

        for raw, code in value.items():
            if code not in TOPICS:
                raise ValueError(f"{raw}: {code!r} is not one of {', '.join(TOPICS)}")
        return value

    def partner(self, sub_question: str) -> str:
        """The partner code of a sub-question code (the map's entry, else the code itself)."""
        return self.partners.get(sub_question, sub_question)


class Source(_Model):
    """One source of the sources file."""

    name: Name
    kind: str  # a registered kind (samenwerkingsmonitor/source_kinds.py)
    # The keys the source entry has beyond the ones below, validated by the kind's own schema.
    settings: BaseModel | None = None
    enabled: bool = True
    enabled_when_set: EnvName | None = None
    schedule: str | None = None
    inbox: str | None = None
    sheet: str | None = None
    instrument: str | None = None
    mapping: Mapping | RelationalMapping | None = None
    # limesurvey_api
    survey_id: Annotated[int, Field(gt=0)] | None = None
    url_env: EnvName = "LIMESURVEY_URL"
    user_env: EnvName = "LIMESURVEY_USER"
    password_env: EnvName = "LIMESURVEY_PASSWORD"
    url_format: Literal["auto", "path", "get"] = "auto"  # LimeSurvey's urlFormat
    language: str | None = None
    response_type: Literal["short", "long"] = "short"
    retries: Annotated[int, Field(ge=0, le=10)] = 4
    backoff_seconds: Annotated[float, Field(ge=0, le=600)] = 2.0
    incomplete_grace_days: Annotated[int, Field(ge=0)] = 14
    reread_recent: Annotated[int, Field(ge=0)] = 500  # responses before the cursor read again
    full_sync: str | None = "30 2 * * *"  # cron of the whole survey's re-read; null: never
    connect_timeout_seconds: Annotated[float, Field(gt=0, le=300)] = 10.0
    read_timeout_seconds: Annotated[float, Field(gt=0, le=3600)] = 120.0
    # every kind: the whole collection (all calls, retries and files) ends within this
    time_limit_seconds: Annotated[float, Field(gt=0, le=86400)] = 1800.0
    # push
    token_env: EnvName | None = None
    lock_minutes: Annotated[int, Field(gt=0, le=1440)] = 60
    # inbox kinds: a file is read once unchanged this long (still being written before that)
    stable_seconds: Annotated[float, Field(ge=0, le=3600)] = 10.0
    max_attempts: Annotated[int, Field(ge=1, le=100)] = 3  # failed reads before quarantine
    # questionnaires: submitted dates outside submitted_from … now + ahead days are rejects
    submitted_from: date = date(2000, 1, 1)
    submitted_ahead_days: Annotated[int, Field(ge=0, le=366)] = 1
    # questionnaires: a wave the instrument lacks becomes a new wave instead of a reject
    create_waves: bool = False

    @model_validator(mode="before")
    @classmethod
    def _kind_settings(cls, data: Any) -> Any:
        # A kind's own keys stand in the source entry next to the common ones (the YAML stays
        # flat); they are gathered here for the kind's schema, which reports unknown keys.
        if not isinstance(data, dict) or "settings" in data:
            return data
        own = {k: v for k, v in data.items() if k in cls.model_fields}
        return {**own, "settings": {k: v for k, v in data.items() if k not in own}}

    @field_validator("kind")
    @classmethod
    def _registered(cls, value: str) -> str:
        get_kind(value)
        return value

    @field_validator("settings", mode="wrap")
    @classmethod
    def _settings_of_kind(cls, value: Any, handler: Any, info: ValidationInfo) -> Any:
        if isinstance(value, BaseModel) or "kind" not in info.data:  # a copy; an unknown kind
            return value if isinstance(value, BaseModel) else None
        return get_kind(info.data["kind"]).settings.model_validate(value or {})

    @field_validator("mapping", mode="wrap")
    @classmethod
    def _mapping_of_kind(cls, value: Any, handler: Any, info: ValidationInfo) -> Any:
        # The kind decides the mapping's shape: validating against the union would report the
        # problems of both shapes at once.
        if value is None or isinstance(value, Mapping | RelationalMapping):
            return value
        kind = info.data.get("kind")
        relational = kind is not None and get_kind(kind).mapping == "relational"
        return (RelationalMapping if relational else Mapping).model_validate(value)

    @field_validator("schedule", "full_sync")
    @classmethod
    def _schedule(cls, value: str | None) -> str | None:
        if value is not None:
            trigger_for(value)
        return value

    @model_validator(mode="after")
    def _per_kind(self) -> Source:
        kind = self.source_kind()
        if kind.mapping and self.mapping is None:
            raise ValueError(f"a {self.kind} source needs a mapping")
        if not kind.mapping and self.mapping is not None:
            raise ValueError(f"a {self.kind} source takes no mapping")
        if self.create_waves and kind.relational:
            # Partner lists are imported per configured wave: a new wave would have none.
            raise ValueError("a relational source cannot create waves; configure the wave")
        if kind.check is not None:
            kind.check(self)
        if self.time_limit_seconds >= self.lock_minutes * 60:
            # The claim must outlive the collection it guards, or a second scheduler starts one.
            raise ValueError("time_limit_seconds must stay below lock_minutes (in seconds)")
        return self

    def active(self, environ: dict[str, str] | None = None) -> bool:
        """Enabled, and its enabling variable (if any) set."""
        env = os.environ if environ is None else environ
        return self.enabled and (
            self.enabled_when_set is None or bool(env.get(self.enabled_when_set, "").strip())
        )

    def source_kind(self) -> SourceKind:
        """The kind's declaration (collectors/kinds/): its reader, defaults and settings schema."""
        return get_kind(self.kind)

    def defaults(self) -> dict[str, Any]:
        return self.source_kind().defaults

    def column(self, field: str) -> str:
        """The heading of response_id / submitted_at: the mapping's, else the kind's default."""
        return getattr(self.mapping, field) or self.defaults()[field]

    def answer_values(self) -> dict[str, int | None]:
        """Answer label (lower case) → 1–5 or None (missing): the kind's defaults, then the file's."""
        merged = dict(self.defaults().get("values", {}))
        merged.update({k.strip().lower(): v for k, v in self.mapping.values.items()})
        return merged

    def personal_columns(self) -> set[str]:
        extra = {d.lower() for d in self.mapping.drop} if self.mapping else set()
        return set(PERSONAL_COLUMNS) | extra

    def inbox_dir(self, data_dir: Path, inbox_root: str = "inbox") -> Path:
        if self.inbox:
            path = Path(self.inbox)
            return path if path.is_absolute() else data_dir / path
        return data_dir / inbox_root / self.name


class SourcesFile(_Model):
    inbox_root: Heading = "inbox"
    sources: tuple[Source, ...] = ()
    path: str = ""

    def get(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)

    def names(self) -> list[str]:
        return [s.name for s in self.sources]


def default_sources_path() -> Path:
    """``$SOURCES_FILE`` if set, else config/sources.yaml of the repository."""
    configured = os.environ.get("SOURCES_FILE", "").strip()
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "config" / "sources.yaml"


def load_sources(path: str | Path | None = None, framework: Framework | None = None) -> SourcesFile:
    """Read and validate a sources file; with `framework`, also check every code it maps to.

    Raises :class:`SourcesError` naming file, line and field of every problem.
    """
    path = Path(path) if path is not None else default_sources_path()
    try:
        doc = read_mapping(path, "sources: [...]")
    except FrameworkError as error:
        raise SourcesError(error.problems) from None
    file, data, problem, problems = doc.file, doc.data, doc.problem, doc.problems
    try:
        sources = SourcesFile.model_validate({**data, "path": file})
    except ValidationError as error:
        problems.extend(problem(*_source_error(e)) for e in error.errors(include_url=False))
        raise SourcesError(problems) from None
    problems.extend(problem(parts, message) for parts, message in _cross_check(sources, framework))
    if problems:
        raise SourcesError(problems)
    return sources


def _source_error(error: dict[str, Any]) -> tuple[Parts, str]:
    # pydantic puts a union's branch or a model validator's name into the location; drop those.
    # A kind's own keys are written next to the common ones: drop the "settings" level too.
    loc = tuple(p for p in error["loc"] if not _is_branch(p))
    error = {**error, "loc": loc[:2] + loc[3:] if loc[2:3] == ("settings",) else loc}
    return _from_pydantic(error)


def _is_branch(part: Any) -> bool:
    return isinstance(part, str) and bool(
        re.fullmatch(r"(int|none|constrained-int|function-.*)", part)
    )


def _cross_check(sources: SourcesFile, fw: Framework | None) -> Iterator[tuple[Parts, str]]:
    seen: dict[str, int] = {}
    for index, source in enumerate(sources.sources):
        if source.name in seen:
            yield ("sources", index, "name"), f"source name {source.name!r} is used twice"
        seen[source.name] = index
    if fw is None:
        return
    networks = {n.code for n in fw.networks}
    groups = {g.code for g in fw.groups}
    instruments = {i.code: {it.code for t in i.themes for it in t.items} for i in fw.instruments}
    relational = {i.code for i in fw.instruments if i.kind == "relational"}
    relational_waves = {w.code for w in fw.waves if w.instrument in relational}
    for index, source in enumerate(sources.sources):
        at: Parts = ("sources", index)
        if source.instrument and source.instrument not in instruments:
            yield (*at, "instrument"), f"unknown instrument {source.instrument!r}"
        elif source.instrument and (source.instrument in relational) != (
            source.source_kind().relational
        ):
            what = "a relational" if source.source_kind().relational else "a questionnaire"
            yield (*at, "instrument"), f"a {source.kind} source needs {what} instrument"
        if isinstance(source.mapping, RelationalMapping):
            yield from _cross_check_relational(source.mapping, at, networks, relational_waves)
            continue
        if source.mapping is None:
            continue
        items = instruments.get(source.instrument or "", set().union(*instruments.values()))
        m = source.mapping
        for field, codes in (("network", networks), ("group", groups)):
            spec: Field_ = getattr(m, field)
            if spec.value is not None and spec.value not in codes:
                yield (*at, "mapping", field, "value"), f"unknown {field} {spec.value!r}"
            for raw, code in spec.values.items():
                if code not in codes:
                    yield (*at, "mapping", field, "values", raw), f"unknown {field} {code!r}"
        for heading, code in m.items.items():
            if code not in items:
                yield (*at, "mapping", "items", heading), f"unknown item code {code!r}"


def _cross_check_relational(
    m: RelationalMapping, at: Parts, networks: set[str], waves: set[str]
) -> Iterator[tuple[Parts, str]]:
    if m.network.value is not None and m.network.value not in networks:
        yield (*at, "mapping", "network", "value"), f"unknown network {m.network.value!r}"
    for raw, code in m.network.values.items():
        if code not in networks:
            yield (*at, "mapping", "network", "values", raw), f"unknown network {code!r}"
    shown = ", ".join(sorted(waves)) or "none"
    if m.wave.value is not None and m.wave.value not in waves:
        yield (
            (*at, "mapping", "wave", "value"),
            f"{m.wave.value!r} is no wave of a relational instrument (those are: {shown})",
        )
    for raw, code in m.wave.values.items():
        if code not in waves:
            yield (
                (*at, "mapping", "wave", "values", raw),
                f"{code!r} is no wave of a relational instrument (those are: {shown})",
            )
