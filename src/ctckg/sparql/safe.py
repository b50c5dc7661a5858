"""Safe handling of values that end up in SPARQL: strict term serialisation, and the VALUES block that binds
parameters when the engine (a remote endpoint) has no API for pre-bound variables."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ctckg.sparql.errors import ParameterError, QueryError
from ctckg.sparql.terms import Term, from_rdflib

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from rdflib.term import Identifier

__all__ = ["valid_iri", "serialize_term", "values_block", "inject_values", "network_uses", "UPDATE_KEYWORDS"]

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*$")
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


def valid_iri(iri: str) -> bool:
    """True when ``iri`` is an absolute IRI without characters that IRIREF forbids (``<>"{}|^`\\``, spaces)."""
    return bool(_IRI.match(iri))


def serialize_term(term: Term | Identifier) -> str:
    """An RDF term (a :class:`Term`, or an rdflib term) in SPARQL syntax, refusing anything that could break out of
    its token."""
    if not isinstance(term, Term):
        try:
            converted = from_rdflib(term)
        except TypeError:
            raise ParameterError(f"not an RDF term: {term!r}") from None
        return serialize_term(converted)
    if term.kind == "uri":
        if not valid_iri(term.value):
            raise ParameterError(f"not a valid IRI: {term.value!r}")
        return f"<{term.value}>"
    if term.kind == "literal":
        lexical = "".join(_ECHAR.get(char, char) for char in term.value)
        if term.lang:
            if not _LANG.match(term.lang):
                raise ParameterError(f"not a valid language tag: {term.lang!r}")
            return f'"{lexical}"@{term.lang}'
        if term.datatype is not None:
            return f'"{lexical}"^^{serialize_term(Term("uri", term.datatype))}'
        return f'"{lexical}"'
    if term.kind == "bnode":
        raise ParameterError("blank nodes cannot be used as parameter values")
    raise ParameterError(f"not an RDF term: {term!r}")


def values_block(rows: Sequence[Mapping[str, Term | Identifier]]) -> str:
    """``VALUES (?a ?b) { (<x> "y") ... }`` for ``rows`` (every row has the same keys)."""
    if not rows:
        raise QueryError("a VALUES block needs at least one row")
    names = list(rows[0])
    for name in names:
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise ParameterError(f"not a SPARQL variable name: {name!r}")
    body = " ".join("(" + " ".join(serialize_term(row[name]) for name in names) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + name for name in names)}) {{ {body} }}"


_TOKEN = re.compile(
    r'(?P<comment>#[^\n]*)'
    r'|(?P<long>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\')'
    r'|(?P<string>"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^\x00-\x20<>"{}|^`\\]*>)'
    r'|(?P<word>[A-Za-z_][A-Za-z0-9_-]*(?::[A-Za-z0-9_.-]*)?|[?$][A-Za-z0-9_]+)'
    r'|(?P<brace>\{)'
    r'|(?P<other>.)',
    re.DOTALL,
)


@lru_cache(maxsize=256)
def _body_start(text: str) -> int:
    """Offset just after the ``{`` that opens the query's WHERE group (outside comments, strings and IRIs)."""
    seen_where = False
    seen_form = ""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "word":
            word = match.group().upper()
            if word == "WHERE":
                seen_where = True
            elif word in ("SELECT", "ASK", "DESCRIBE", "CONSTRUCT"):
                seen_form = word
        elif kind == "brace" and (seen_where or seen_form in ("SELECT", "ASK", "DESCRIBE")):
            return match.end()
    raise QueryError("cannot find the WHERE clause of the query to bind parameters")


def _groups_using(text: str, names: set[str]) -> list[int]:
    """Offsets just after the ``{`` of every group graph pattern that mentions one of the variables ``names``
    itself (in a triple pattern, FILTER, BIND expression …, not only in a group nested inside it).

    Data blocks (``VALUES ?x { … }``), the CONSTRUCT template and the braces around a subquery are not groups (the
    subquery's own WHERE group is); comments, strings and IRIs are skipped by the tokenizer.
    """
    stack: list[tuple[int, bool]] = []
    marked: list[int] = []
    values_pending = construct_pending = seen_where = just_opened = False
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "comment" or (kind == "other" and token.isspace()):
            continue
        opened, just_opened = just_opened, False
        if kind == "word":
            word = token.upper()
            if word == "SELECT" and opened:  # ``{ SELECT …}``: a subquery, whose own WHERE group takes the block
                stack[-1] = (stack[-1][0], False)
            elif word == "VALUES":
                values_pending = True
            elif word == "CONSTRUCT":
                construct_pending = True
            elif word == "WHERE":
                seen_where, construct_pending = True, False
            elif token[0] in "?$" and token[1:] in names:
                groups = [offset for offset, is_group in stack if is_group]
                if groups and groups[-1] not in marked:
                    marked.append(groups[-1])
        elif kind == "brace":
            template = construct_pending and not seen_where and not stack
            stack.append((match.end(), not values_pending and not template))
            values_pending, just_opened = False, True
        elif kind == "other" and token == "}" and stack:
            stack.pop()
    return marked


def inject_values(text: str, rows: Sequence[Mapping[str, Term | Identifier]]) -> str:
    """``text`` with the parameters ``rows`` bound by VALUES blocks wherever the variables are in scope.

    Used for remote endpoints, which offer no pre-binding, and where the local engine cannot pre-bind. The block
    goes first into the query's WHERE group (so every answer carries the value, as with pre-binding) and first into
    every nested group that uses one of the variables itself: by the SPARQL spec a VALUES block joined to the outer
    group does not reach a FILTER inside a nested group (``{ { ?c rdfs:label ?n FILTER(CONTAINS(?n, ?text)) } }``),
    so an engine that follows the spec (Oxigraph, Jena) would otherwise see ``?text`` unbound there. Joining the
    same rows in every such group gives the answers of the query with the variables replaced by the values. Every
    value goes through ``serialize_term``, so a parameter can never add syntax to the query.
    """
    if not rows:
        return text
    names = set(rows[0])
    block = values_block(rows)
    positions = {_body_start(text), *_groups_using(text, names)}
    for position in sorted(positions, reverse=True):
        text = f"{text[:position]} {block} {text[position:]}"
    return text


def network_uses(text: str) -> list[tuple[str, str]]:
    """The ``SERVICE`` and ``LOAD`` operations of a SPARQL text, as (keyword, target) pairs in order of appearance
    (target: the IRI as written, ``?var`` or a prefixed name); comments, strings and IRIs are skipped."""
    tokens = [(match.lastgroup, match.group()) for match in _TOKEN.finditer(text)
              if match.lastgroup != "comment" and not (match.lastgroup == "other" and match.group().isspace())]
    found: list[tuple[str, str]] = []
    for index, (kind, value) in enumerate(tokens):
        if kind != "word" or value.upper() not in ("SERVICE", "LOAD"):
            continue
        rest = tokens[index + 1:index + 3]
        if rest and rest[0][0] == "word" and rest[0][1].upper() == "SILENT":
            rest = rest[1:]
        target = rest[0][1] if rest else ""
        found.append((value.upper(), target))
    return found
