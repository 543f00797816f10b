"""Reading a YAML configuration file with the line of every node, so that each problem is
reported as ``<file>:<line>: <dotted.path>: <problem>`` (framework, sources and digest files).

Split from samenwerkingsmonitor/framework.py, which re-exports these names: reading a file is one
job, what a framework file may say is another."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Problem:
    """One problem in a framework file: where it is and what is wrong."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path}: {self.message}"


class FrameworkError(Exception):
    """A framework file that cannot be used; ``str()`` gives one problem per line.

    Each line reads ``<file>:<line>: <dotted.path.of.field>: <problem>``; the problems are also
    available as :attr:`problems` (sorted by line).
    """

    def __init__(self, problems: Sequence[Problem]):
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=lambda p: (p.file, p.line)))
        super().__init__("\n".join(str(p) for p in self.problems))


Parts = tuple[str | int, ...]


def dotted(parts: Parts) -> str:
    """("instruments", 0, "code") -> "instruments[0].code"."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "<root>"


class Lines:
    """Line numbers (1-based) of the YAML nodes, by dotted path.

    A mapping entry is recorded at its key's line (where the field is written), a sequence entry
    at the line its node starts on. Paths not in the file (a missing field) fall back to the
    nearest enclosing node.
    """

    def __init__(self, root: yaml.Node | None):
        self.lines: dict[str, int] = {}
        self.duplicate_keys: list[tuple[str, int]] = []
        if root is not None:
            self._walk(root, (), root.start_mark.line + 1, set())

    def _walk(self, node: yaml.Node, parts: Parts, line: int, active: set[int]) -> None:
        self.lines.setdefault(dotted(parts), line)
        if id(node) in active:  # an alias that contains itself
            return
        active.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if key in seen:
                    self.duplicate_keys.append(
                        (dotted((*parts, key)), key_node.start_mark.line + 1)
                    )
                seen.add(key)
                self._walk(value_node, (*parts, key), key_node.start_mark.line + 1, active)
        elif isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                self._walk(child, (*parts, index), child.start_mark.line + 1, active)
        active.discard(id(node))

    def line(self, parts: Parts) -> int:
        for end in range(len(parts), -1, -1):
            found = self.lines.get(dotted(parts[:end]))
            if found is not None:
                return found
        return 1


@dataclass
class YamlMapping:
    """A configuration file read with line tracking (framework, sources, digest files)."""

    file: str
    raw: bytes
    data: dict
    lines: Lines
    problems: list[Problem]  # found while reading: keys given twice

    def problem(self, parts: Parts, message: str) -> Problem:
        """A problem at a field, located at its line in the file."""
        return Problem(self.file, self.lines.line(parts), dotted(parts), message)


def read_mapping(path: str | Path, expected: str) -> YamlMapping:
    """Read a YAML file whose top level must be a mapping (`expected` says what it holds).

    Raises FrameworkError for an unreadable file, bad UTF-8 or YAML syntax, or another top level;
    keys given twice are returned as problems, for the caller to report with its own.
    """
    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise FrameworkError(
            [Problem(file, 1, "<file>", f"cannot read the file: {error.strerror or error}")]
        ) from error
    data, lines = _parse(raw, file)
    problems = [Problem(file, line, p, "key given twice") for p, line in lines.duplicate_keys]
    doc = YamlMapping(file, raw, data, lines, problems)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise FrameworkError(
            [*problems, doc.problem((), f"the file is {kind}; expected {expected}")]
        )
    return doc


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text: pydantic parses them, so a bad date such as
    2024-13-01 is reported with its field path instead of stopping the YAML reader."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):
    """The same with libyaml's reader when PyYAML was built with it (its wheels are): the same
    nodes and marks in a tenth of the time, which every command pays for the framework file
    (issue 18). Its syntax messages are worded differently: a file it refuses is read again by
    _Loader, whose messages the documentation shows."""


_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


def _parse(raw: bytes, file: str) -> tuple[Any, Lines]:
    """The file's data and the line of each node; syntax problems raise FrameworkError."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FrameworkError([Problem(file, line, "<file>", "not valid UTF-8 text")]) from None
    try:
        return _read(text, _FastLoader)
    except yaml.YAMLError:
        pass
    try:
        return _read(text, _Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = "; ".join(x for x in (error.context, error.problem) if x) or "invalid YAML"
        raise FrameworkError([Problem(file, line, "<yaml>", what)]) from None
    except yaml.YAMLError as error:
        raise FrameworkError([Problem(file, 1, "<yaml>", str(error))]) from None


def _read(text: str, loader_class: type) -> tuple[Any, Lines]:
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, Lines(None)
        lines = Lines(root)  # before construction, which rewrites merge keys in the nodes
        return loader.construct_document(root), lines
    finally:
        loader.dispose()
