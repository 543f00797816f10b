"""Every word the product shows (dashboard, report, digest), in one gettext catalogue: the Dutch
and English .po files in locale/, keys as msgid. Dutch is the product's language; English is
always available. Lives here, not in dashboard/, so the report and the digest read the same words
without importing Dash.

A handful of keys mean something else in a document than on screen ("index" is a column head in
the PDF, "Samenwerkingsindex" on a page): those carry a gettext context ("report", "digest"), and
the report's and digest's lookups try their own context before the shared entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from samenwerkingsmonitor.catalogue.files import Entries, read_entries

LANGUAGES = ("nl", "en")


@cache
def entries() -> Entries:
    """The catalogue, read once per process: both .po files parsed into one dict (about 30 ms)."""
    return read_entries()


def language(value: str | None) -> str:
    """A supported language, Dutch for anything else."""
    return value if value in LANGUAGES else "nl"


def has(key: str, context: str | None = None) -> bool:
    return (context, key) in entries()


def lookup(
    key: str, lang: str, contexts: Sequence[str | None] = (None,), values: dict | None = None
) -> str:
    """The text of `key` in `lang` from the first of `contexts` that has it, filled in with
    `values`. An unknown key raises KeyError: a missing word is a bug the catalogue test finds."""
    catalogue = entries()
    for context in contexts:
        entry = catalogue.get((context, key))
        if entry is not None:
            text = entry[language(lang)] or entry["nl"]
            return text.format(**values) if values else text
    raise KeyError(key)


def t(key: str, lang: str, **values: object) -> str:
    """An interface text in `lang` (Dutch for an unknown language), filled in with `values`."""
    return lookup(key, lang, (None,), values)
