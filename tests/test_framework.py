"""The measurement framework: the real files load, and each kind of mistake is reported with
file, line and field path (samenwerkingsmonitor/framework.py)."""

import hashlib
from datetime import date
from pathlib import Path

import pytest

from samenwerkingsmonitor.framework import (
    Framework,
    FrameworkError,
    default_framework_path,
    load_framework,
)

REPO = Path(__file__).resolve().parent.parent
SEPTET = REPO / "config" / "framework" / "septet.yaml"
SECOND = REPO / "config" / "framework" / "example-second-consortium.yaml"


@pytest.fixture(scope="module")
def septet() -> Framework:
    return load_framework(SEPTET)


def variant(tmp_path: Path, old: str, new: str, source: Path = SEPTET) -> tuple[Path, int]:
    """A copy of `source` with `old` (occurring once) replaced; returns it and old's line."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, line_of(text, old)


def line_of(text: str, needle: str, start: int = 0) -> int:
    return text[: text.index(needle, start)].count("\n") + 1


def problems(path: Path) -> list[str]:
    with pytest.raises(FrameworkError) as info:
        load_framework(path)
    lines = str(info.value).splitlines()
    assert len(lines) == len(info.value.problems)
    return lines


def assert_problem(path: Path, line: int, field: str, fragment: str) -> None:
    """Exactly one message starts with '<file>:<line>: <field>: ' and contains fragment."""
    prefix = f"{path}:{line}: {field}: "
    found = [p for p in problems(path) if p.startswith(prefix)]
    assert len(found) == 1, f"no message {prefix!r} in {problems(path)}"
    assert fragment in found[0]
    assert found[0].startswith(f"{path.parent}/broken.yaml:")


def item_path(fw: Framework, code: str) -> str:
    for i, inst in enumerate(fw.instruments):
        for j, theme in enumerate(inst.themes):
            for k, item in enumerate(theme.items):
                if item.code == code:
                    return f"instruments[{i}].themes[{j}].items[{k}]"
    raise KeyError(code)


def target_index(fw: Framework, measure: str, subject: str, network: str | None = None) -> int:
    return next(
        n
        for n, t in enumerate(fw.targets)
        if (t.measure, t.subject, t.network) == (measure, subject, network)
    )


# --- the real files -----------------------------------------------------------------------------


def test_septet_lists(septet: Framework) -> None:
    assert septet.consortium.code == "septet"
    assert [n.code for n in septet.networks] == ["UTS", "ZOU", "EEM", "UTW", "LEK", "NWV", "RIV"]
    assert [g.code for g in septet.groups] == ["ZP", "MB", "CO", "VW"]
    assert [v.code for v in septet.vision_elements] == [f"V{i}" for i in range(1, 12)]
    assert [s.code for s in septet.speerpunten] == [f"S{i}" for i in range(1, 9)]
    assert {a.code: list(a.speerpunten) for a in septet.ambitions} == {
        "A1": ["S1", "S4", "S5", "S6"],
        "A2": ["S3", "S8", "S2", "S6", "S7"],
        "A3": ["S6", "S2", "S7"],
    }
    assert len(septet.kernthemas) == 4
    assert len(septet.actielijnen) == 6
    assert septet.settings.suppression_threshold == 5
    assert septet.settings.extra_measures == ("network",)


def test_septet_questionnaire(septet: Framework) -> None:
    themes = septet.all_themes()
    items = septet.all_items()
    assert len(themes) >= 10
    assert all(3 <= len(t.items) <= 5 for t in themes)
    assert 35 <= len(items) <= 45
    assert 3 <= sum(it.reverse for it in items) <= 8
    for it in items:
        assert 1 <= len(it.vision_elements) <= 2, it.code
        assert len(it.speerpunten) <= 2, it.code
        assert it.text_en, it.code
    # every vision element and speerpunt gets a score: at least one item informs it
    assert {v for it in items for v in it.vision_elements} == {
        v.code for v in septet.vision_elements
    }
    assert {s for it in items for s in it.speerpunten} == {s.code for s in septet.speerpunten}


def test_septet_waves_and_targets(septet: Framework) -> None:
    assert [(w.code, w.reference_date) for w in septet.waves] == [
        ("2024", date(2024, 11, 1)),
        ("2025", date(2025, 11, 1)),
        ("2026", date(2026, 11, 1)),
        ("2024-netwerk", date(2024, 5, 1)),
        ("2025-netwerk", date(2025, 5, 1)),
        ("2026-netwerk", date(2026, 5, 1)),
    ]
    kinds = {i.code: i.kind for i in septet.instruments}
    assert kinds == {"partner": "questionnaire", "netwerk": "relational"}
    for w in septet.waves:
        if kinds[w.instrument] == "relational":
            continue  # the relational questionnaire is answered by every listed partner
        assert set(w.invited) == {n.code for n in septet.networks}
        assert all(40 <= count <= 120 for count in w.invited.values())
    index = septet.target_for("index", "index")
    assert (index.value, index.target_date, index.direction) == (75, date(2028, 12, 31), "higher")
    for theme in septet.all_themes():
        target = septet.target_for("theme", theme.code)
        assert target is not None and 65 <= target.value <= 85, theme.code
    assert septet.target_for("theme", "VERTR", "UTS").value == 78
    assert septet.target_for("theme", "VERTR", "RIV").value == 80
    density = septet.target_for("network", "density")
    assert (density.value, density.scale) == (0.35, (0, 1))
    assert septet.target_for("network", "trust").scale == (1, 4)


def test_second_consortium_is_a_file() -> None:
    fw = load_framework(SECOND)
    assert fw.consortium.code == "zuidwest"
    assert len(fw.networks) == 2 and len(fw.groups) == 2
    assert [len(t.items) for t in fw.all_themes()] == [3, 3]
    assert fw.waves[0].reference_date is None  # follows the data
    assert fw.target_for("network", "isolates").direction == "lower"


def test_items_frame(septet: Framework) -> None:
    frame = septet.items_frame()
    assert list(frame.columns) == [
        "item",
        "theme",
        "reverse",
        "vision_elements",
        "speerpunten",
        "text",
        "instrument",
        "ambitions",
    ]
    assert len(frame) == len(septet.all_items())
    first = frame.iloc[0]
    assert isinstance(first["vision_elements"], list)
    assert first["instrument"] == "partner"
    # An item serves every ambition whose speerpunten it links to: VIS2 -> S6, which A1, A2 and
    # A3 all list; OVD1 -> S3, only A2's; an item without speerpunten serves no ambition.
    ambitions = dict(zip(frame["item"], frame["ambitions"], strict=True))
    assert ambitions["VIS2"] == ["A1", "A2", "A3"]
    assert ambitions["OVD1"] == ["A2"]
    assert ambitions["VIS3"] == []


def test_targets_on_speerpunten_and_ambitions_are_checked(tmp_path: Path) -> None:
    text = SEPTET.read_text(encoding="utf-8")
    text += "  - {measure: speerpunt, subject: S9, value: 75}\n"
    text += "  - {measure: ambition, subject: A2, value: 75, scale: [1, 5]}\n"
    path = tmp_path / "septet.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as error:
        load_framework(path)
    message = str(error.value)
    assert "unknown speerpunt 'S9'" in message
    assert "ambition targets are on the 0-100 scale" in message


def test_targets_frame(septet: Framework) -> None:
    frame = septet.targets_frame()
    assert len(frame) == len(septet.targets)
    row = frame[(frame["subject"] == "trust")].iloc[0]
    assert (row["scale_min"], row["scale_max"], row["direction"]) == (1, 4, "higher")


def test_export_dict(septet: Framework) -> None:
    exported = septet.export_dict()
    for key in (
        "networks",
        "groups",
        "themes",
        "items",
        "vision_elements",
        "ambitions",
        "speerpunten",
        "kernthemas",
        "actielijnen",
        "waves",
        "targets",
        "consortium",
        "settings",
    ):
        assert key in exported, key
    assert exported["networks"][0] == {"code": "UTS", "name": "Utrecht stad"}
    assert {"code", "name"} <= set(exported["groups"][0])
    assert exported["themes"][0] == {
        "code": "VISIE",
        "name": "Gedeelde visie",
        "name_en": "Shared vision",
        "instrument": "partner",
    }
    item = exported["items"][0]
    assert {"code", "theme", "reverse", "vision_elements", "speerpunten", "text"} <= set(item)
    assert isinstance(item["vision_elements"], list)
    assert {"code", "name"} <= set(exported["vision_elements"][0])
    assert exported["waves"][0]["reference_date"] == "2024-11-01"
    assert exported["version"] == septet.version


def test_version_follows_the_bytes(tmp_path: Path) -> None:
    copy = tmp_path / "septet.yaml"
    copy.write_bytes(SEPTET.read_bytes())
    before = load_framework(copy)
    assert before.version == hashlib.sha256(SEPTET.read_bytes()).hexdigest()[:12]
    assert before.path == str(copy)
    assert load_framework(copy).version == before.version
    copy.write_bytes(SEPTET.read_bytes() + b"# a comment changes the version too\n")
    assert load_framework(copy).version != before.version


def test_default_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FRAMEWORK_FILE", raising=False)
    assert default_framework_path() == SEPTET
    monkeypatch.setenv("FRAMEWORK_FILE", str(tmp_path / "other.yaml"))
    assert default_framework_path() == tmp_path / "other.yaml"


def test_network_target_inherits_from_consortium_target(tmp_path: Path) -> None:
    old = "  - {measure: network, subject: isolates, value: 2, scale: [0, 40], direction: lower}\n"
    extra = "  - {measure: network, subject: isolates, network: ZWK, value: 1}\n"
    path, _ = variant(tmp_path, old, old + extra, source=SECOND)
    own = load_framework(path).target_for("network", "isolates", "ZWK")
    assert (own.value, own.scale, own.direction) == (1, (0, 40), "lower")


def test_unquoted_wave_code_is_text(tmp_path: Path) -> None:
    path, _ = variant(tmp_path, '  - code: "2025"\n', "  - code: 2025\n")
    assert [w.code for w in load_framework(path).waves][:3] == ["2024", "2025", "2026"]


# --- each kind of mistake -----------------------------------------------------------------------


def test_unknown_vision_element(tmp_path: Path, septet: Framework) -> None:
    path, line = variant(tmp_path, "vision_elements: [V5]\n", "vision_elements: [V12]\n")
    field = f"{item_path(septet, 'VIS3')}.vision_elements[0]"
    assert_problem(path, line, field, "unknown vision element 'V12'")


def test_unknown_speerpunt_of_ambition(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "speerpunten: [S6, S2, S7]", "speerpunten: [S6, S2, S9]")
    assert_problem(path, line, "ambitions[2].speerpunten[2]", "unknown speerpunt 'S9'")


def test_unknown_theme_in_target(tmp_path: Path, septet: Framework) -> None:
    old = "{measure: theme, subject: SOCIAAL, value: 65}"
    path, line = variant(tmp_path, old, old.replace("SOCIAAL", "SOCIAL"))
    n = target_index(septet, "theme", "SOCIAAL")
    assert_problem(path, line, f"targets[{n}].subject", "unknown theme 'SOCIAL'")


def test_unknown_network_and_instrument_in_wave(tmp_path: Path) -> None:
    path, line = variant(
        tmp_path,
        "    invited: {UTS: 115, ZOU: 100,",
        "    invited: {UTX: 115, ZOU: 100,",
    )
    assert_problem(path, line, "waves[1].invited.UTX", "unknown network 'UTX'")
    path, line = variant(
        tmp_path,
        '  - code: "2026"\n    instrument: partner',
        '  - code: "2026"\n    instrument: patient',
    )
    assert_problem(path, line + 1, "waves[2].instrument", "unknown instrument 'patient'")


def test_duplicate_item_code(tmp_path: Path, septet: Framework) -> None:
    text = SEPTET.read_text(encoding="utf-8")
    path, line = variant(tmp_path, "- code: VER2\n", "- code: VER1\n")
    field = f"{item_path(septet, 'VER2')}.code"
    first = line_of(text, "- code: VER1\n")
    assert_problem(
        path,
        line,
        field,
        f"duplicate item code 'VER1' (first at {item_path(septet, 'VER1')}.code, line {first})",
    )


def test_target_outside_its_scale(tmp_path: Path, septet: Framework) -> None:
    old = "{measure: network, subject: density, value: 0.35, scale: [0, 1]}"
    path, line = variant(tmp_path, old, old.replace("0.35", "1.35"))
    n = target_index(septet, "network", "density")
    assert_problem(path, line, f"targets[{n}].value", "outside the scale [0, 1]")
    path, line = variant(
        tmp_path,
        "{measure: index, subject: index, value: 75}",
        "{measure: index, subject: index, value: 120}",
    )
    assert_problem(path, line, "targets[0].value", "outside the scale [0, 100]")


def test_extra_measure_needs_a_scale_and_a_declaration(tmp_path: Path, septet: Framework) -> None:
    old = "{measure: network, subject: trust, value: 3.2, scale: [1, 4]}"
    n = target_index(septet, "network", "trust")
    path, line = variant(tmp_path, old, "{measure: network, subject: trust, value: 3.2}")
    assert_problem(path, line, f"targets[{n}].scale", "required for 'network' targets")
    path, line = variant(tmp_path, old, old.replace("measure: network", "measure: netwerk"))
    assert_problem(path, line, f"targets[{n}].measure", "unknown measure kind 'netwerk'")


def test_suppression_threshold_below_three(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "suppression_threshold: 5", "suppression_threshold: 2")
    assert_problem(path, line, "settings.suppression_threshold", "must be at least 3")


def test_bad_yaml_syntax(tmp_path: Path) -> None:
    old = "    name: Partnervragenlijst samenwerking\n"
    path, line = variant(tmp_path, old, "    name: Partnervragenlijst: samenwerking\n")
    assert_problem(path, line, "<yaml>", "mapping values are not allowed here")


def test_missing_required_field(tmp_path: Path) -> None:
    text = SEPTET.read_text(encoding="utf-8")
    path, _ = variant(tmp_path, "        name: Gedeelde visie\n", "")
    line = line_of(text, "      - code: VISIE\n")
    assert_problem(path, line, "instruments[0].themes[0].name", "required field is missing")


def test_network_code_all(tmp_path: Path) -> None:
    path, line = variant(
        tmp_path, "{code: RIV, name: Rivierenland}", "{code: ALL, name: Rivierenland}"
    )
    assert_problem(path, line, "networks[6].code", "reserved for the consortium as a whole")


def test_group_code_all_and_unknown_field(tmp_path: Path) -> None:
    old = "{code: VW, name: Vrijwilliger, name_en: Volunteer}"
    path, line = variant(tmp_path, old, "{code: all, name: Vrijwilliger, naam_en: Volunteer}")
    assert_problem(path, line, "groups[3].code", "reserved for all groups")
    assert_problem(path, line, "groups[3].naam_en", "unknown field")


def test_theme_without_items(tmp_path: Path, septet: Framework) -> None:
    text = SEPTET.read_text(encoding="utf-8")
    start = text.index("      - code: SOCIAAL\n")
    end = text.index("\n# The consortium-wide rounds")
    path = tmp_path / "broken.yaml"
    head = "      - code: SOCIAAL\n        name: Verbinding met het sociaal domein\n"
    path.write_text(text[:start] + head + "        items: []\n" + text[end:], encoding="utf-8")
    line = line_of(text, "      - code: SOCIAAL\n") + 2
    assert_problem(path, line, "instruments[0].themes[10].items", "theme has no items")


def test_several_problems_one_per_line(tmp_path: Path) -> None:
    text = SEPTET.read_text(encoding="utf-8")
    text = text.replace("suppression_threshold: 5", "suppression_threshold: 2")
    text = text.replace("{code: LEK, name: Lekstroom}", "{code: lek, name: Lekstroom}")
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    lines = problems(path)
    assert lines == [
        f"{path}:{line_of(text, 'suppression_threshold')}: settings.suppression_threshold: "
        "must be at least 3: smaller groups could identify respondents (got 2)",
        f"{path}:{line_of(text, '{code: lek')}: networks[4].code: "
        "network code must be 2 to 8 capital letters or digits, like UTS (got 'lek')",
    ]


def test_unreadable_and_empty_files(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    assert problems(missing) == [
        f"{missing}:1: <file>: cannot read the file: No such file or directory"
    ]
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert problems(empty)[0].startswith(f"{empty}:1: <root>: the file is empty")


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "  stale_days: 62\n", "  stale_days: 62\n  stale_days: 30\n")
    assert_problem(path, line + 1, "settings.stale_days", "key given twice")


def test_relational_instrument_has_no_themes(tmp_path) -> None:
    text = SEPTET.read_text(encoding="utf-8").replace(
        "  - code: netwerk\n    kind: relational\n",
        "  - code: netwerk\n    kind: relational\n    themes: [{code: X, name: X, items: [{code: X1, text: x}]}]\n",
    )
    path = tmp_path / "fw.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        FrameworkError, match=r"fw\.yaml:\d+: instruments\[1\]\.themes: a relational"
    ):
        load_framework(path)
