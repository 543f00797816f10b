"""The catalogue's developer command: fold texts written as a dict into the .po files.

    python -m samenwerkingsmonitor.catalogue add-dict dashboard/feature_texts.py:FEATURE_TEXTS
    python -m samenwerkingsmonitor.catalogue add-dict reports/more.py --context report
    python -m samenwerkingsmonitor.catalogue check

A dict module is read, not run (ast.literal_eval of its assignments), so a module that still
does `TEXTS.update(...)` on an import that no longer exists folds in all the same. Without
`:NAME` every top-level dict of the shape {"key": {"nl": ..., "en": ...}} in the module is folded.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from samenwerkingsmonitor.catalogue.files import LOCALE_DIR, Entries, read_entries, write_entries


def _texts_dict(node: ast.AST) -> dict[str, dict[str, str]] | None:
    """`node` as a dict of texts, or None when it is not one (or not a literal)."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    if not isinstance(value, dict) or not value:
        return None
    shaped = all(
        isinstance(k, str) and isinstance(v, dict) and set(v) == {"nl", "en"}
        for k, v in value.items()
    )
    return value if shaped else None


def dicts_in(path: Path, name: str | None = None) -> dict[str, dict[str, str]]:
    """The texts of the dict `name` in the module at `path` (every such dict without a name),
    including dicts passed to `TEXTS.update({...})`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, dict[str, str]] = {}
    for node in ast.walk(tree):
        targets, value = [], None
        if isinstance(node, ast.Assign):
            targets, value = [t.id for t in node.targets if isinstance(t, ast.Name)], node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets, value = [node.target.id], node.value
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "update":
            targets, value = ["update"], node.args[0] if node.args else None
        if value is None or (name is not None and name not in targets):
            continue
        texts = _texts_dict(value)
        if texts is not None:
            found.update(texts)
    if not found:
        raise SystemExit(f"{path}: no dict of texts {name or ''} ({{key: {{nl, en}}}}) found")
    return found


def fold(
    entries: Entries, texts: dict[str, dict[str, str]], context: str | None, mode: str = ""
) -> tuple[list[str], list[str]]:
    """Add `texts` to `entries`; returns (added keys, conflicting keys). A key that exists with
    other words is a conflict, unless mode is "replace" (take the new words) or "new-only" (keep
    the catalogue's: for folding a whole old dict module of which only some keys are new)."""
    added, conflicts = [], []
    for key, words in texts.items():
        old = entries.get((context, key))
        known = old is not None or (None, key) in entries  # a shared entry serves every context
        if old == words or (known and mode == "new-only"):
            continue
        if old is not None and mode != "replace":
            conflicts.append(key)
            continue
        entries[(context, key)] = {"nl": words["nl"], "en": words["en"]}
        added.append(key)
    return added, conflicts


def problems(entries: Entries) -> list[str]:
    """Keys without a Dutch or an English text."""
    return [
        f"{key}{f' ({context})' if context else ''}: no {lang} text"
        for (context, key), words in sorted(entries.items(), key=lambda e: (e[0][1], e[0][0] or ""))
        for lang in ("nl", "en")
        if not words.get(lang, "").strip()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samenwerkingsmonitor.catalogue")
    parser.add_argument("--locale", type=Path, default=LOCALE_DIR, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-dict", help="fold a dict of texts into the .po files")
    add.add_argument("source", help="path/to/module.py or path/to/module.py:NAME")
    add.add_argument("--context", help="a gettext context: report or digest (default: shared)")
    add.add_argument("--replace", action="store_true", help="overwrite keys that have other words")
    add.add_argument("--new-only", action="store_true", help="add only keys not in the catalogue")
    commands.add_parser("check", help="list keys that lack a Dutch or English text")
    args = parser.parse_args(argv)
    entries = read_entries(args.locale)
    if args.command == "check":
        found = problems(entries)
        print("\n".join(found) or f"{len(entries)} texts, all in Dutch and English")
        return 1 if found else 0
    path, _, name = args.source.partition(":")
    mode = "replace" if args.replace else "new-only" if args.new_only else ""
    added, conflicts = fold(entries, dicts_in(Path(path), name or None), args.context, mode)
    if conflicts:
        print(
            "these keys exist with other words (rename them, or --replace, or --context):\n  "
            + "\n  ".join(conflicts),
            file=sys.stderr,
        )
        return 1
    write_entries(entries, args.locale)
    print(f"{len(added)} texts added or changed: {', '.join(added) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
