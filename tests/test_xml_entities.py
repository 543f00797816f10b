"""An uploaded workbook cannot make the server expand XML entities (a "billion laughs" file):
openpyxl parses through defusedxml when it is installed, and so does our own sheet reader."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest

from collectors.files import FileFormatError, read_table

ENTITIES = (
    '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
)


def entity_workbook(tmp_path: Path) -> Path:
    plain, bomb = tmp_path / "plain.xlsx", tmp_path / "bomb.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["response_id", "network"])
    workbook.active.append(["r1", "UTS"])
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = (ENTITIES + data.decode().replace(">r1<", ">&c;<")).encode()
            target.writestr(item, data)
    return bomb


def test_openpyxl_parses_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML


def test_a_workbook_with_entities_is_refused_not_expanded(tmp_path):
    with pytest.raises(FileFormatError, match="bomb.xlsx: not a readable XLSX workbook"):
        read_table(entity_workbook(tmp_path))
