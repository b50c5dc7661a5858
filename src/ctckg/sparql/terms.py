"""RDF terms of query results, independent of the engine that produced them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from ctckg.curie import compress

if TYPE_CHECKING:
    from rdflib.term import Identifier

__all__ = ["Term", "from_rdflib", "to_rdflib", "XSD_STRING"]

#: the XML Schema datatype namespace (rdflib is imported only where rdflib terms are converted)
_XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = f"{_XSD}string"
_XSD_DECIMAL = f"{_XSD}decimal"
_XSD_BOOLEAN = f"{_XSD}boolean"
_INTEGERS = {_XSD + name for name in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                         "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                         "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_DECIMALS = {_XSD_DECIMAL, f"{_XSD}double", f"{_XSD}float"}


@dataclass(frozen=True)
class Term:
    """One value in a result: an IRI (``kind='uri'``), a literal or a blank node, with its label when known."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    @property
    def is_iri(self) -> bool:
        """True for IRIs."""
        return self.kind == "uri"

    @property
    def curie(self) -> str:
        """The IRI compacted with the project prefix map (the IRI itself when no prefix matches)."""
        return compress(self.value) if self.is_iri else self.value

    def python(self) -> Any:
        """A Python value: CURIE for IRIs, ``int`` / ``Decimal`` / ``float`` / ``bool`` for typed literals, else ``str``."""
        if self.is_iri:
            return self.curie
        if self.kind == "bnode":
            return f"_:{self.value}"
        try:
            if self.datatype in _INTEGERS:
                return int(self.value)
            if self.datatype == _XSD_DECIMAL:
                return Decimal(self.value)
            if self.datatype in _DECIMALS:
                return float(self.value)
            if self.datatype == _XSD_BOOLEAN:
                return self.value.strip() in ("true", "1")
        except (ValueError, InvalidOperation):
            return self.value
        return self.value

    def comparable(self) -> tuple[str, str, str, str]:
        """A key equal across engines for the same value: xsd:string and plain literals are one type, numbers are
        compared by value, language tags are lower case."""
        if self.kind != "literal":
            return (self.kind, self.value, "", "")
        datatype = self.datatype or ""
        if datatype == XSD_STRING or (self.lang and datatype.endswith("#langString")):
            datatype = ""
        value = self.value
        if datatype in _INTEGERS or datatype in _DECIMALS:
            python = self.python()
            if not isinstance(python, str):
                value = format(Decimal(str(python)).normalize(), "f")
                datatype = "number"
        return ("literal", value, datatype, (self.lang or "").lower())

    def sparql(self) -> str:
        """The term in SPARQL / Turtle syntax (used for VALUES blocks sent to a remote endpoint)."""
        from ctckg.sparql.safe import serialize_term

        return serialize_term(self)

    def __str__(self) -> str:
        return self.curie if self.is_iri else str(self.python())


def from_rdflib(term: Identifier) -> Term:
    """Convert an rdflib term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return Term("uri", str(term))
    if isinstance(term, BNode):
        return Term("bnode", str(term))
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype is not None else None
        return Term("literal", str(term), datatype, term.language)
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term: Term) -> Identifier:
    """Convert back to an rdflib term."""
    from rdflib import BNode, Literal, URIRef

    if term.kind == "uri":
        return URIRef(term.value)
    if term.kind == "bnode":
        return BNode(term.value)
    if term.lang:
        return Literal(term.value, lang=term.lang)
    return Literal(term.value, datatype=URIRef(term.datatype) if term.datatype else None)
