"""Reading and writing the catalogue's .po files (Babel's pofile), so the loader and the developer
command agree on one format: msgid the key, msgstr the text, an optional msgctxt for the few keys
that a document words differently; the English file carries the Dutch text as a comment for
whoever translates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

LOCALE_DIR = Path(__file__).parent / "locale"
# (context, key) -> {"nl": ..., "en": ...}
Entries = dict[tuple[str | None, str], dict[str, str]]
# A fixed header date keeps a rewrite that changes nothing from changing the files.
_HEADER_DATE = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def po_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / "messages.po"


def read_entries(locale_dir: Path = LOCALE_DIR) -> Entries:
    """Both languages' files as one dict; a key one file lacks has "" in that language."""
    found: Entries = {}
    for lang in ("nl", "en"):
        with po_path(lang, locale_dir).open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in catalog:
            if not message.id:
                continue  # the header
            entry = found.setdefault((message.context, message.id), {"nl": "", "en": ""})
            entry[lang] = message.string
    return found


def write_entries(found: Entries, locale_dir: Path = LOCALE_DIR) -> None:
    """Both .po files from `found`, sorted by key so a change is one small diff."""
    for lang in ("nl", "en"):
        catalog = Catalog(
            locale=lang,
            project="Samenwerkingsmonitor",
            version="1",
            msgid_bugs_address="Septet",
            last_translator="Septet",
            language_team="Septet",
            creation_date=_HEADER_DATE,
            revision_date=_HEADER_DATE,
            header_comment=f"# The Samenwerkingsmonitor's texts in {lang}: keys as msgid.\n"
            "# Edit here, or fold a dict in: python -m samenwerkingsmonitor.catalogue --help",
            fuzzy=False,
        )
        for (context, key), texts in found.items():
            comments = [f"nl: {texts['nl']}"] if lang == "en" else []
            catalog.add(key, texts[lang], auto_comments=comments, context=context)
        path = po_path(lang, locale_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True, no_location=True)
