"""The catalog of named competency questions: ``.rq`` files with ``#+`` headers.

Header lines (at the top of the file, before the query)::

    #+ summary: one line saying what the question answers
    #+ description: optional longer text (may repeat)
    #+ param: name | type | default | what the value means
    #+ example: ctckg query NAME --param name=value

``type`` is ``iri`` (a CURIE, an IRI or a label), ``string``, ``integer`` or ``decimal``. The query uses the
parameter as the variable ``?name``; the engine binds it as an RDF term (never by editing the query text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ctckg.project import resource_path
from ctckg.sparql.errors import QueryError, UnknownQuery

__all__ = ["Param", "NamedQuery", "PARAM_TYPES", "parse_named_query", "load_catalog", "get_query",
           "internal_query"]

PARAM_TYPES = ("iri", "string", "integer", "decimal")
_HEADER = re.compile(r"^#\+\s*(?P<key>[a-z_]+)\s*:\s?(?P<value>.*)$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Param:
    """One parameter of a named query: bound to the variable ``?name``."""

    name: str
    type: str
    default: str
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A competency question: its name (file stem), documentation headers and SPARQL text."""

    name: str
    path: Path
    summary: str
    text: str
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def param(self, name: str) -> Param | None:
        """The parameter called ``name``, or ``None``."""
        return next((p for p in self.params if p.name == name), None)

    @property
    def defaults(self) -> dict[str, str]:
        """Parameter name -> default value (as written in the header)."""
        return {p.name: p.default for p in self.params}


def _parse_param(value: str, where: str) -> Param:
    parts = [part.strip() for part in value.split("|")]
    if len(parts) < 3:
        raise QueryError(f"{where}: '#+ param:' needs 'name | type | default | description', got {value!r}")
    name, kind, default = parts[:3]
    description = " | ".join(parts[3:])
    if not _VARIABLE.match(name):
        raise QueryError(f"{where}: parameter name {name!r} is not a SPARQL variable name")
    if kind not in PARAM_TYPES:
        raise QueryError(f"{where}: parameter {name!r} has type {kind!r}; use one of {', '.join(PARAM_TYPES)}")
    return Param(name, kind, default, description)


def parse_named_query(path: Path) -> NamedQuery:
    """Read one ``.rq`` file and its ``#+`` headers; raise ``QueryError`` for a malformed header."""
    text = path.read_text(encoding="utf-8")
    summary = ""
    description: list[str] = []
    params: list[Param] = []
    examples: list[str] = []
    extra: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, value = match["key"], match["value"].strip()
        where = f"{path.name}:{number}"
        if key == "summary":
            summary = value
        elif key == "description":
            description.append(value)
        elif key == "param":
            params.append(_parse_param(value, where))
        elif key == "example":
            examples.append(value)
        else:
            extra[key] = value
    if not summary:
        raise QueryError(f"{path.name}: missing '#+ summary:' header")
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryError(f"{path.name}: a parameter is declared twice")
    return NamedQuery(path.stem, path, summary, text, tuple(params), tuple(examples), " ".join(description), extra)


@lru_cache(maxsize=4)
def _load(directory: Path) -> dict[str, NamedQuery]:
    queries: dict[str, NamedQuery] = {}
    for path in sorted(directory.glob("*.rq")):
        if not _NAME.match(path.stem):
            raise QueryError(f"{path.name}: query names are lower case words joined by '-'")
        queries[path.stem] = parse_named_query(path)
    return queries


def cq_dir() -> Path:
    """The named competency questions that ship with the package (``ctckg/queries/cq``)."""
    return resource_path("queries", "cq")


def load_catalog(directory: Path | None = None) -> dict[str, NamedQuery]:
    """Every named competency question in ``directory`` (default: :func:`cq_dir`), by name (sorted)."""
    return dict(_load(directory or cq_dir()))


def get_query(name: str, directory: Path | None = None) -> NamedQuery:
    """The named query ``name``; ``UnknownQuery`` lists the close matches when there is none."""
    catalog = _load(directory or cq_dir())
    if name in catalog:
        return catalog[name]
    import difflib

    close = difflib.get_close_matches(name, list(catalog), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `ctckg queries` lists them"
    raise UnknownQuery(f"no named query {name!r}{hint}")


def internal_query(name: str) -> NamedQuery:
    """A helper query the library runs itself (``ctckg/sparql/rq/NAME.rq``)."""
    return get_query(name, resource_path("sparql", "rq"))
