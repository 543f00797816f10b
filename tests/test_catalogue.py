"""The one text catalogue (samenwerkingsmonitor/catalogue): every text in Dutch and English, every
key the code asks for present, the report and digest reading it without Dash, and the developer
command that folds a dict module into the .po files (issue 16)."""

from __future__ import annotations

import ast
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from samenwerkingsmonitor.catalogue import entries, lookup, t
from samenwerkingsmonitor.catalogue.__main__ import main
from samenwerkingsmonitor.catalogue.files import LOCALE_DIR, read_entries

ROOT = Path(__file__).resolve().parents[1]
CODE = ("dashboard", "reports", "charts", "samenwerkingsmonitor", "collectors")
# The lookups the code uses: the dashboard's t, the report's t, the digest's words.
LOOKUPS = {"t", "words", "screen_t"}
# Single words may be the same in both languages (names, codes, "Status"); a text of several
# words that reads the same in Dutch and English was not translated.
SAME_IN_BOTH = 2


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]{2,}", re.sub(r"\{[^}]*\}", "", text))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_has_dutch_and_english_with_the_same_placeholders():
    problems = []
    for (context, key), words in entries().items():
        where = f"{key} ({context})" if context else key
        if not words["nl"].strip():
            problems.append(f"{where}: no Dutch")
        if not words["en"].strip():
            problems.append(f"{where}: no English")
        elif _fields(words["nl"]) != _fields(words["en"]):
            problems.append(f"{where}: placeholders differ")
        elif words["en"] == words["nl"] and len(_words(words["en"])) > SAME_IN_BOTH:
            problems.append(f"{where}: English is the Dutch text")
    assert problems == []


def _used_keys() -> tuple[set[str], set[str]]:
    """(keys, key prefixes of f-strings) that the code passes to a lookup."""
    keys, prefixes = set(), set()
    for folder in CODE:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and node.args):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in LOOKUPS:
                    continue
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    keys.add(first.value)
                elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                    prefixes.add(first.values[0].value)
    return keys, prefixes


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    known = {key for _, key in entries()}
    keys, prefixes = _used_keys()
    assert len(keys) > 500  # the scan finds the lookups
    assert sorted(keys - known) == []
    assert sorted(p for p in prefixes if not any(k.startswith(p) for k in known)) == []


def test_the_lookup_keeps_its_signature_and_each_reader_its_own_words():
    from reports.digest_mail import words
    from reports.wording import t as report_t

    assert t("days_ago", "en", days=3) == "3 days ago"
    assert t("days_ago", "xx", days=3) == "3 dagen geleden"  # unknown language: Dutch
    assert t("index", "nl") == "Samenwerkingsindex" and report_t("index", "nl") == "Index"
    assert report_t("days_ago", "nl", days=2) == "2 dagen geleden"  # shared entry
    assert words("subject", "en", name="Eemland", date="1-12-2026").startswith("Samenwerkings")
    assert t("subject", "nl") == "Onderwerp"
    with pytest.raises(KeyError):
        lookup("no_such_key", "nl")


def test_one_dutch_word_for_a_wave():
    dutch = " ".join(words["nl"] for words in entries().values()).lower()
    assert "golf" not in dutch.split() and "golven" not in dutch
    assert t("wave", "nl") == "Meting" and lookup("wave", "nl", ("report", None)) == "Meting"


def test_the_report_and_digest_read_the_catalogue_without_dash():
    code = (
        "import sys, reports.pdf, reports.digest, reports.digest_mail, reports.build_job;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dash', 'dashboard')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_add_dict_folds_a_feature_module_into_both_po_files(tmp_path, capsys):
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale)
    module = tmp_path / "feature_texts.py"
    module.write_text(
        "from dashboard.i18n import TEXTS  # gone: the module is read, not imported\n"
        "FEATURE_TEXTS = {\n"
        '    "feature_title": {"nl": "Nieuwe functie", "en": "New feature"},\n'
        '    "feature_help": {\n'
        '        "nl": "Uitleg over {n} dingen, "\n'
        '        "in twee regels.",\n'
        '        "en": "Help about {n} things.",\n'
        "    },\n"
        "}\n"
        'TEXTS.update({"feature_more": {"nl": "Meer", "en": "More"}})\n',
        encoding="utf-8",
    )
    before = read_entries(locale)
    assert main(["--locale", str(locale), "add-dict", f"{module}:FEATURE_TEXTS"]) == 0
    after = read_entries(locale)
    assert len(after) == len(before) + 2
    assert after[(None, "feature_help")] == {
        "nl": "Uitleg over {n} dingen, in twee regels.",
        "en": "Help about {n} things.",
    }
    assert main(["--locale", str(locale), "add-dict", str(module)]) == 0  # every dict
    assert read_entries(locale)[(None, "feature_more")] == {"nl": "Meer", "en": "More"}
    english = (locale / "en" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert 'msgid "feature_title"\nmsgstr "New feature"' in english
    assert "#. nl: Nieuwe functie" in english  # the translator sees the Dutch

    clash = tmp_path / "clash.py"
    clash.write_text('X = {"wave": {"nl": "Golf", "en": "Wave"}}\n', encoding="utf-8")
    assert main(["--locale", str(locale), "add-dict", f"{clash}:X"]) == 1
    assert "wave" in capsys.readouterr().err
    assert read_entries(locale)[(None, "wave")]["nl"] == "Meting"  # nothing written
    assert main(["--locale", str(locale), "add-dict", f"{clash}:X", "--new-only"]) == 0
    assert read_entries(locale)[(None, "wave")]["nl"] == "Meting"  # kept
    assert main(["--locale", str(locale), "add-dict", f"{clash}:X", "--context", "report"]) == 0
    assert read_entries(locale)[("report", "wave")]["nl"] == "Golf"
    assert main(["--locale", str(locale), "check"]) == 0


def test_the_documented_command_runs(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale)
    out = subprocess.run(
        [sys.executable, "-m", "samenwerkingsmonitor.catalogue", "--locale", str(locale), "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and "all in Dutch and English" in out.stdout
