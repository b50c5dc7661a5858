"""YAML reading with line numbers, and canonical YAML writing for `ctckg lint`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ctckg.errors import Problem, display_path

__all__ = ["LineDict", "LineList", "LineStr", "LineInt", "read_yaml", "parse_yaml", "dump_yaml", "MAX_YAML_BYTES",
           "MAX_DEPTH"]

#: Largest curation file read (bytes): the biggest real one is ~100 kB; a 50 MB literal is refused, not parsed.
MAX_YAML_BYTES = 5 * 1024 * 1024
#: Deepest nesting of mappings and sequences accepted (a record nests 3 or 4 levels).
MAX_DEPTH = 50


class LineDict(dict):
    """A mapping that remembers the line of each key (``lines``) and of itself (``line``)."""

    line: int = 0
    lines: dict[str, int]


class LineList(list):
    """A sequence that remembers the line of each item (``lines``) and of itself (``line``)."""

    line: int = 0
    lines: list[int]


class LineStr(str):
    """A text record of a top-level list, with its line (so "expected a mapping" can say where)."""

    line: int = 0


class LineInt(int):
    """A number record of a top-level list, with its line."""

    line: int = 0


# messages name a value's type by ``type(value).__name__``: these are a str and an int to the reader
LineStr.__name__ = LineStr.__qualname__ = "str"
LineInt.__name__ = LineInt.__qualname__ = "int"


def _mark_records(data: Any) -> Any:
    """Give the scalar items of a top-level list their line (mappings and lists already have one)."""
    if isinstance(data, LineList):
        for index, (item, line) in enumerate(zip(data, data.lines, strict=False)):
            kind = LineStr if isinstance(item, str) else LineInt if type(item) is int else None
            if kind is not None:
                data[index] = kind(item)
                data[index].line = line
    return data


class _LineConstructor(yaml.constructor.SafeConstructor):
    """Constructor methods that record 1-based line numbers on mappings and sequences (mixed into both loaders)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (dict, list)):
                raise yaml.constructor.ConstructorError(
                    None, None, f"a key must be a plain word, not a {'mapping' if isinstance(key, dict) else 'list'}",
                    key_node.start_mark)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(None, None, "a key must be a plain word",
                                                        key_node.start_mark) from None
            if key in result:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            result[key] = self.construct_object(value_node, deep=True)
            result.lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.lines = [child.start_mark.line + 1 for child in node.value]
        return result


class _Loader(_LineConstructor, yaml.SafeLoader):
    """The pure-Python SafeLoader with line numbers: its error messages are the ones problems quote."""


#: libyaml's parser (4-9x faster) with the same constructor and resolver; None when PyYAML was built without it.
_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(_LineConstructor, yaml.CSafeLoader):
        """CSafeLoader with line numbers (libyaml's marks carry the same 0-based lines)."""

    _FastLoader = _CLoader

_LineConstructor.add_constructor("tag:yaml.org,2002:map", lambda loader, node: loader.construct_mapping(node))
_LineConstructor.add_constructor("tag:yaml.org,2002:seq", lambda loader, node: loader.construct_sequence(node))


def _too_deep(text: str) -> int:
    """The line where flow brackets or block indentation first nest deeper than ``MAX_DEPTH`` (0: they do not)."""
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" -"))
        if indent // 2 > MAX_DEPTH:
            return number
        for char in line:
            if char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return number
            elif char in "]}":
                depth = max(0, depth - 1)
    return 0


def parse_yaml(text: str, where: str = "<text>") -> tuple[Any, list[Problem]]:
    """Parse YAML ``text`` (``where`` names it in problems); return (data, problems), never raise."""
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        return None, [Problem(where, line, "encoding", "contains a NUL byte; this is not a text file")]
    if _FastLoader is not None:
        try:
            return _mark_records(yaml.load(text, Loader=_FastLoader)), []  # noqa: S506 - CSafeLoader subclass
        except (yaml.YAMLError, RecursionError):
            pass  # parsed again below, so the problem says what the pure-Python parser says, as it always has
    try:
        return _mark_records(yaml.load(text, Loader=_Loader)), []  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(where, line, "yaml", f"YAML syntax error: {reason}")]
    except RecursionError:
        return None, [Problem(where, _too_deep(text) or 1, "yaml", f"nested more than {MAX_DEPTH} levels deep")]


def read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Parse ``path``; return (data, problems). A syntax error becomes one problem with its line; so do a file that
    is not UTF-8 (the line of the first bad byte), too large, or nested too deeply."""
    where = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            return None, [Problem(where, 1, "file", f"is {size / 1e6:.1f} MB; a curation file holds at most "
                                  f"{MAX_YAML_BYTES // (1024 * 1024)} MB")]
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(where, 0, "file", f"cannot read: {error.strerror or error}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return None, [Problem(where, line, "encoding", f"not UTF-8 (byte 0x{data[error.start]:02x}); save the file as "
                              "UTF-8")]
    deep = _too_deep(text)
    if deep:
        return None, [Problem(where, deep, "yaml", f"nested more than {MAX_DEPTH} levels deep")]
    return parse_yaml(text, where)


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
    if isinstance(data, LineStr):
        return str(data)
    if isinstance(data, LineInt):
        return int(data)
    return data


def dump_yaml(data: Any, header: str = "") -> str:
    """Serialise ``data`` canonically (block style, 2-space indent, UTF-8, width 110)."""
    body = yaml.dump(_plain(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110,
                     default_flow_style=False, indent=2)
    return (header + body) if header else body


# --- comments: `ctckg lint` rewrites records in canonical order and keeps the curators' comments with them ---------

def _covered(text: str) -> dict[int, list[tuple[int, int]]]:
    """Line -> column spans covered by YAML tokens (scalars, indicators); a ``#`` outside them starts a comment."""
    spans: dict[int, list[tuple[int, int]]] = {}
    lines = text.splitlines()
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        start, end = token.start_mark, token.end_mark
        if start.line == end.line:
            spans.setdefault(start.line, []).append((start.column, end.column))
            continue
        spans.setdefault(start.line, []).append((start.column, 1 << 30))
        for line in range(start.line + 1, end.line):
            spans.setdefault(line, []).append((0, 1 << 30))
        if end.line < len(lines):
            spans.setdefault(end.line, []).append((0, end.column))
    return spans


def _comments(text: str) -> list[tuple[int, int, str, bool]]:
    """Every comment of ``text``: (0-based line, column, text from ``#``, whether it is alone on its line)."""
    spans = _covered(text)
    found = []
    for number, line in enumerate(text.splitlines()):
        for column, char in enumerate(line):
            if char != "#" or (column and not line[column - 1].isspace()):
                continue
            if any(low <= column < high for low, high in spans.get(number, [])):
                continue
            found.append((number, column, line[column:].rstrip(), not line[:column].strip()))
            break
    return found


def _identity(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "number", "quantity", "subject", "doi"):
            if key in item and not isinstance(item[key], (dict, list)):
                return f"{key}={item[key]}"
        return f"#{index}"
    return f"={item}"


def _anchors(data: Any, path: tuple = (), out: dict[tuple, int] | None = None) -> dict[tuple, int]:
    """Path (keys and item identities) -> 0-based line of every key and list item of parsed ``data``."""
    out = {} if out is None else out
    if isinstance(data, LineDict):
        for key, value in data.items():
            here = (*path, f"key={key}")
            out.setdefault(here, data.lines.get(key, 1) - 1)
            _anchors(value, here, out)
    elif isinstance(data, LineList):
        seen: dict[str, int] = {}
        for index, (item, line) in enumerate(zip(data, data.lines, strict=False)):
            identity = _identity(item, index)
            seen[identity] = seen.get(identity, 0) + 1
            here = (*path, identity if seen[identity] == 1 else f"{identity}@{seen[identity]}")
            out.setdefault(here, line - 1)
            _anchors(item, here, out)
    return out


def _continues(text: str) -> set[int]:
    """0-based lines whose flow or plain scalar goes on to the next line (a comment may not be appended there)."""
    lines: set[int] = set()
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.ScalarToken) and token.end_mark.line > token.start_mark.line \
                and token.style not in ("|", ">"):
            lines.update(range(token.start_mark.line, token.end_mark.line))
    return lines


def preserve_comments(original: str, canonical: str) -> str:
    """``canonical`` (the rewritten text) with the comments of ``original`` put back next to the same records and
    keys: a comment on its own line goes above the key or item it preceded, an end-of-line comment to the end of the
    same key's line (above it when that line is a folded scalar). Leading header comments are the caller's;
    comments whose record is gone go at the end. The result parses to the same data as ``canonical``."""
    try:
        comments = _comments(original)
        if not comments:
            return canonical
        old_data, problems = parse_yaml(original)
        new_data, _ = parse_yaml(canonical)
        if problems:
            return canonical
        old_anchors = _anchors(old_data)
        new_anchors = _anchors(new_data)
        continues = _continues(canonical)
    except (yaml.YAMLError, RecursionError):
        return canonical
    by_line: dict[int, tuple] = {}  # the outermost anchor of a line (what a comment above it belongs to)
    deepest: dict[int, tuple] = {}  # the innermost one (what an end-of-line comment belongs to)
    for key, line in sorted(old_anchors.items(), key=lambda item: (item[1], len(item[0]))):
        by_line.setdefault(line, key)
        deepest[line] = key
    content_lines = sorted(by_line)
    first_content = content_lines[0] if content_lines else 0
    above: dict[int, list[str]] = {}
    inline: dict[int, list[str]] = {}
    tail: list[str] = []
    for line, _, text, alone in comments:
        if alone and line < first_content:
            continue  # the leading header, kept by the caller
        anchor: tuple | None
        if alone:
            following = [number for number in content_lines if number > line]
            anchor = by_line[following[0]] if following else None
        else:
            preceding = [number for number in content_lines if number <= line]
            anchor = deepest[preceding[-1]] if preceding else None
        target = None
        while anchor:
            if anchor in new_anchors:
                target = new_anchors[anchor]
                break
            anchor = anchor[:-1]
        if target is None:
            tail.append(text)
        elif alone or target in continues:
            above.setdefault(target, []).append(text)
        else:
            inline.setdefault(target, []).append(text)
    out: list[str] = []
    for number, row in enumerate(canonical.splitlines()):
        indent = row[:len(row) - len(row.lstrip(" "))]
        out += [indent + text for text in above.get(number, [])]
        out.append(row + "".join("  " + text for text in inline.get(number, [])))
    out += tail
    result = "\n".join(out) + "\n"
    if parse_yaml(result)[0] != new_data:
        return canonical  # never change the data; keep it canonical without the comments that would break it
    return result
