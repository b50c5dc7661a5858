"""Parameter values: from what a user types (CURIE, IRI, label, number) to RDF terms bound in the query.

The terms are engine-independent :class:`ctckg.sparql.terms.Term` values (each engine converts them), so binding a
parameter does not import rdflib.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ctckg.curie import PREFIXES, compress, expand
from ctckg.sparql.catalog import Param, internal_query
from ctckg.sparql.errors import ParameterError
from ctckg.sparql.safe import valid_iri
from ctckg.sparql.terms import Term

__all__ = ["parse_assignments", "resolve_iri", "to_term", "bind_params"]

_CURIE = re.compile(r"^(?P<prefix>[A-Za-z][A-Za-z0-9_.-]*):(?P<local>[^\s:/][^\s]*)$")


def parse_assignments(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["cell=platelet", "n=3"]`` -> ``{"cell": "platelet", "n": "3"}``."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"--param expects NAME=VALUE, got {pair!r}")
        values[name.strip()] = value.strip()
    return values


_XSD = "http://www.w3.org/2001/XMLSchema#"


def resolve_iri(value: str, engine, *, check: bool = True) -> Term:
    """A CURIE (``CL:0000233``), an IRI (``<http://...>`` or bare) or a label / synonym (``platelet``) -> IRI.

    Raises ``ParameterError`` when nothing matches, or when a label matches several IRIs (it lists them).
    """
    text = value.strip()
    if not text:
        raise ParameterError("an empty value cannot name a term")
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    iri: str | None = None
    match = _CURIE.match(text)
    if match and match["prefix"] in PREFIXES:
        iri = expand(text)
    elif re.match(r"^https?://", text):
        iri = text
    if iri is not None:
        if not valid_iri(iri):
            raise ParameterError(f"{value!r} is not a valid IRI")
        # (named: a catalog query, so its syntax facts are remembered and a later run does not parse it again)
        if check and not engine.run(internal_query("exists").text, {"iri": Term("uri", iri)}, with_labels=False,
                                    source="exists.rq", named=True).boolean:
            raise ParameterError(f"{value!r} ({iri}) does not occur in the graph")
        return Term("uri", iri)
    result = engine.run(internal_query("resolve-label").text, {"text": Term("literal", text)}, with_labels=False,
                        source="resolve-label.rq", named=True)
    by_rank: dict[int, dict[str, str]] = {}
    for row in result.rows:
        by_rank.setdefault(int(row["rank"].python()), {})[row["iri"].value] = row["label"].value
    if not by_rank:
        hint = " (a CURIE needs a known prefix: CL, GO, CHEBI, CTCKG, ...)" if match else ""
        raise ParameterError(f"no term has the label or synonym {text!r}{hint}; use a CURIE such as CL:0000233")
    best = by_rank[min(by_rank)]
    if len(best) > 1:
        listed = ", ".join(f"{compress(iri)} ! {label}" for iri, label in sorted(best.items()))
        raise ParameterError(f"{text!r} is ambiguous: it names {len(best)} terms ({listed}); use a CURIE")
    return Term("uri", next(iter(best)))


def to_term(param: Param, value: str, engine) -> Term:
    """Convert ``value`` to the RDF term of ``param``'s type."""
    if param.type == "iri":
        return resolve_iri(value, engine)
    if param.type == "integer":
        try:
            return Term("literal", str(int(value.strip())), f"{_XSD}integer")
        except ValueError:
            raise ParameterError(f"parameter {param.name!r} expects an integer, got {value!r}") from None
    if param.type == "decimal":
        try:
            return Term("literal", format(Decimal(value.strip()), "f"), f"{_XSD}decimal")
        except InvalidOperation:
            raise ParameterError(f"parameter {param.name!r} expects a decimal number, got {value!r}") from None
    return Term("literal", value)


def bind_params(params: tuple[Param, ...], values: dict[str, str], engine,
                use_defaults: bool = True) -> dict[str, Term]:
    """Bindings for a named query: given values (or defaults) converted to terms; unknown names are an error."""
    declared = {p.name: p for p in params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise ParameterError(f"unknown parameter(s) {', '.join(unknown)}; this query takes: {known}")
    bindings: dict[str, Term] = {}
    for name, param in declared.items():
        if name in values:
            bindings[name] = to_term(param, values[name], engine)
        elif use_defaults and param.default != "":
            bindings[name] = to_term(param, param.default, engine)
    return bindings
