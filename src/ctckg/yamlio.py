"""YAML reading with line numbers, and canonical YAML writing for `ctckg lint`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ctckg.errors import Problem, display_path

__all__ = ["LineDict", "LineList", "read_yaml", "dump_yaml"]


class LineDict(dict):
    """A mapping that remembers the line of each key (``lines``) and of itself (``line``)."""

    line: int = 0
    lines: dict[str, int]


class LineList(list):
    """A sequence that remembers the line of each item (``lines``) and of itself (``line``)."""

    line: int = 0
    lines: list[int]


class _Loader(yaml.SafeLoader):
    """SafeLoader that records 1-based line numbers on mappings and sequences."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in result:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            result[key] = self.construct_object(value_node, deep=True)
            result.lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:  # type: ignore[override]
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.lines = [child.start_mark.line + 1 for child in node.value]
        return result


_Loader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: loader.construct_mapping(node))
_Loader.add_constructor("tag:yaml.org,2002:seq", lambda loader, node: loader.construct_sequence(node))


def read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Parse ``path``; return (data, problems). A syntax error becomes one problem with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(display_path(path), 0, "file", f"cannot read: {error}")]
    try:
        return yaml.load(text, Loader=_Loader), []  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 0
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(display_path(path), line, "yaml", f"YAML syntax error: {reason}")]


class _Dumper(yaml.SafeDumper):
    """Block style, no aliases, keys in insertion order, long strings folded by width."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    return data


def dump_yaml(data: Any, header: str = "") -> str:
    """Serialise ``data`` canonically (block style, 2-space indent, UTF-8, width 110)."""
    body = yaml.dump(_plain(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110,
                     default_flow_style=False, indent=2)
    return (header + body) if header else body
