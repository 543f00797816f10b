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

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from samenwerkingsmonitor.framework_checks import cross_check
from samenwerkingsmonitor.framework_file import default_framework_path, file_version
from samenwerkingsmonitor.framework_model import (  # noqa: F401 (re-exported: the framework's public names)
    DEFAULT_DIRECTION,
    DEFAULT_TARGET_DATE,
    MIN_SUPPRESSION_THRESHOLD,
    NETWORK_CODE_PATTERN,
    SCORE_SCALE,
    Ambition,
    CodedEntry,
    Consortium,
    DescribedEntry,
    Framework,
    Group,
    Instrument,
    Item,
    Network,
    Scale,
    Settings,
    StatusThresholds,
    Target,
    Theme,
    Wave,
)
from samenwerkingsmonitor.vocabulary import (  # noqa: F401 (the fixed words, re-exported)
    ALL_GROUPS,
    ALL_NETWORKS,
    BUILTIN_MEASURES,
    INDEX_SUBJECT,
)
from samenwerkingsmonitor.yaml_file import (  # noqa: F401 (re-exported: sources and digest read with them)
    FrameworkError,
    Parts,
    Problem,
    read_mapping,
)

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

# --- loading ------------------------------------------------------------------------------------


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
    version = file_version(doc.raw)
    try:
        framework = Framework.model_validate({**data, "version": version, "path": doc.file})
    except ValidationError as error:
        problems.extend(problem(*_from_pydantic(e)) for e in error.errors(include_url=False))
        raise FrameworkError(problems) from None
    framework = framework.model_copy(update={"targets": _inherit_targets(framework.targets)})
    problems.extend(problem(parts, message) for parts, message in cross_check(framework, doc.lines))
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
