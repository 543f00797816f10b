"""The registry of source kinds: what a kind of source is, and the answer labels and
personal-data columns the built-in kinds share.

Each kind is one module of collectors/kinds/ that declares a :class:`SourceKind` (its settings
schema, defaults, reader and sample description) and passes it to :func:`register`. The sources
file (samenwerkingsmonitor/sources.py) validates every source with its kind's declaration; the
collectors (collectors/collect.py, collectors/sample.py) dispatch through it.

The arrow runs one way: the collectors fill this registry, it never imports them. Importing any
module of `collectors` imports collectors/kinds/ (collectors/__init__.py), so whoever collects or
reads a sources file has every built-in kind registered; a look-up before that is a mistake in
the caller, and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class NoSettings(BaseModel):
    """The settings schema of a kind that reads nothing beyond the sources file's common keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


# ingest(ctx, path, source, name=..., force=..., create_waves=...) -> a run summary
Ingest = Callable[..., Any]
# describe(ctx, path, source) -> (text, fine?) lines of `sources check --sample`
Describe = Callable[[Any, Any, Any], Iterator[tuple[str, bool]]]
# fetch(ctx, source, deadline=..., full=...) -> a run summary (kinds that read a server)
Fetch = Callable[..., Any]
# check(source) raises ValueError when the source's common settings do not suit the kind
Check = Callable[[Any], None]


@dataclass(frozen=True)
class SourceKind:
    """One kind of source. A kind reads files from an inbox (`ingest`), fetches from a server
    (`fetch`), or is written to from outside (neither: the push endpoint)."""

    name: str
    description: str
    settings: type[BaseModel] = NoSettings  # the kind's own keys in a source entry
    defaults: dict[str, Any] = field(default_factory=dict)  # response_id, submitted_at, values…
    mapping: Literal["questionnaire", "relational"] | None = None  # the mapping it needs
    relational: bool = False  # writes the partner-network questionnaire, not responses
    ingest: Ingest | None = None
    describe: Describe | None = None
    fetch: Fetch | None = None
    check: Check | None = None

    @property
    def reads_files(self) -> bool:
        return self.ingest is not None


_KINDS: dict[str, SourceKind] = {}


def register(kind: SourceKind) -> SourceKind:
    """Add a kind (a kind of the same name is replaced: a reloaded module declares it again)."""
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Remove a kind (tests that register a kind of their own)."""
    _KINDS.pop(name, None)


def _registered() -> dict[str, SourceKind]:
    if not _KINDS:
        raise RuntimeError(
            "no source kinds are registered: import collectors (collectors/kinds/) before "
            "reading a sources file"
        )
    return _KINDS


def kind_names() -> list[str]:
    """Every registered kind's name, sorted."""
    return sorted(_registered())


def get_kind(name: str) -> SourceKind:
    """The kind called `name`; ValueError naming the known kinds otherwise."""
    try:
        return _registered()[name]
    except KeyError:
        raise ValueError(
            f"unknown kind {name!r}; known kinds: {', '.join(sorted(_KINDS))}"
        ) from None


def file_kind_names() -> list[str]:
    """The kinds read from an inbox."""
    return [n for n in kind_names() if _KINDS[n].reads_files]


# Answer labels of a Dutch five-point agreement scale, as LimeSurvey (long answers, full
# headings) and Microsoft Forms write them; keys compared case-insensitively.
DUTCH_LABELS: dict[str, int | None] = {
    "helemaal oneens": 1,
    "oneens": 2,
    "neutraal": 3,
    "niet eens / niet oneens": 3,
    "niet eens, niet oneens": 3,
    "eens": 4,
    "helemaal eens": 5,
    "niet van toepassing": None,
    "weet niet": None,
}
LIMESURVEY_CODES: dict[str, int | None] = {
    "ao01": 1,
    "ao02": 2,
    "ao03": 3,
    "ao04": 4,
    "ao05": 5,
    "nvt": None,
}
# Columns with names, e-mail addresses and tokens: dropped before anything is stored, rejects too.
PERSONAL_COLUMNS = frozenset(
    {
        "email",
        "e-mail",
        "name",
        "naam",
        "firstname",
        "lastname",
        "token",
        "toegangscode",
        "ipaddr",
        "ip-adres",
        "refurl",
        "verwijzende url",
    }
)
