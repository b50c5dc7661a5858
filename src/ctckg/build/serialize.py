"""Deterministic serialisation: the same graph always gives the same bytes."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from ctckg.namespaces import OBO, PREFIXES, bind_prefixes
from ctckg.project import GENERATED_NOTE
from ctckg.schema import BASE_IRI

__all__ = ["canonical", "to_turtle", "to_rdfxml", "ELEMENT_TYPES"]

#: Subject types written as the element name, in the order the OWL API and ROBOT write their sections: the
#: ontology header first, then annotation, object and data properties, classes, individuals and axiom annotations.
ELEMENT_TYPES = (OWL.Ontology, OWL.AnnotationProperty, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.Class,
                 OWL.NamedIndividual, OWL.Axiom)

#: Namespace prefixes of the RDF/XML files: the project map plus the names the OWL API gives the usual ones.
_XML_PREFIXES = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD), "obo": str(OBO),
                 "ctckg": BASE_IRI,
                 **{prefix: iri for prefix, iri in PREFIXES.items() if iri[-1:] in "/#"}}
_NCNAME_START = r"A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
_START_CHAR = re.compile(rf"[{_NCNAME_START}]")
_NAME_CHARS = re.compile(rf"[{_NCNAME_START}0-9.\-\u00B7]*$")


def canonical(graph: Graph) -> Graph:
    """A copy of ``graph`` whose triples were inserted in sorted order (serialisers then iterate in that order)."""
    ordered = bind_prefixes(Graph())
    for triple in sorted(graph, key=lambda t: tuple(term.n3() for term in t)):
        ordered.add(triple)
    return ordered


def to_turtle(graph: Graph, command: str = "build") -> str:
    """Turtle text with a generated-file header comment."""
    body = canonical(graph).serialize(format="turtle")
    return f"# {GENERATED_NOTE.format(command=command)}\n{body}"


def _split(iri: str) -> tuple[str, str]:
    """(namespace, local name) with the longest local name that is an XML NCName; raises ValueError if none."""
    tail = _NAME_CHARS.search(iri)
    start = tail.start() if tail else len(iri)
    while start < len(iri) and not _START_CHAR.match(iri[start]):
        start += 1
    if start in (0, len(iri)):
        raise ValueError(f"cannot write {iri!r} as an XML element name")
    return iri[:start], iri[start:]


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _text(text: str) -> str:
    return escape(text, {"\r": "&#13;"})


class _Names:
    """Element names for IRIs, with the namespace declarations they need (unknown namespaces get ns1, ns2 …)."""

    def __init__(self) -> None:
        self.by_namespace = {iri: prefix for prefix, iri in sorted(_XML_PREFIXES.items(), reverse=True)}
        self.used: dict[str, str] = {"rdf": str(RDF)}

    def qname(self, iri: str) -> str:
        namespace, local = _split(iri)
        prefix = self.by_namespace.get(namespace)
        if prefix is None:
            prefix = f"ns{sum(1 for name in self.by_namespace.values() if name.startswith('ns') and name[2:].isdigit()) + 1}"
            self.by_namespace[namespace] = prefix
        self.used[prefix] = namespace
        return f"{prefix}:{local}"


def _object(obj: Node, nodes: dict[BNode, str]) -> tuple[str, str | None]:
    """(attributes, text content or None) of a property element for ``obj``."""
    if isinstance(obj, URIRef):
        return f' rdf:resource="{_attr(str(obj))}"', None
    if isinstance(obj, BNode):
        return f' rdf:nodeID="{nodes[obj]}"', None
    assert isinstance(obj, Literal)
    if obj.language:
        return f' xml:lang="{_attr(obj.language)}"', _text(str(obj))
    if obj.datatype is not None and obj.datatype != XSD.string:
        return f' rdf:datatype="{_attr(str(obj.datatype))}"', _text(str(obj))
    return "", _text(str(obj))


def _key(term: Node) -> str:
    return "_:" if isinstance(term, BNode) else term.n3()


def to_rdfxml(graph: Graph, command: str = "build") -> str:
    """RDF/XML as the OWL API and ROBOT write it, byte-deterministic.

    The ``owl:Ontology`` element comes first (OAK, pronto and fastobo look for it there), then one typed element per
    subject (``owl:AnnotationProperty``, ``owl:ObjectProperty``, ``owl:DatatypeProperty``, ``owl:Class``,
    ``owl:NamedIndividual``, ``owl:Axiom``; ``rdf:Description`` for a subject with none of these types), sorted by
    section and IRI, with its properties sorted by predicate and value. Blank nodes (axiom annotations) are
    written with ``rdf:nodeID`` names numbered in the order of their content, so their random IDs do not matter.
    """
    by_subject: dict[Node, list[tuple[Node, Node]]] = {}
    for subject, predicate, obj in graph:
        by_subject.setdefault(subject, []).append((predicate, obj))
    blank = sorted((s for s in by_subject if isinstance(s, BNode)),
                   key=lambda s: sorted((_key(p), _key(o)) for p, o in by_subject[s]))
    nodes = {node: f"genid{index + 1}" for index, node in enumerate(blank)}
    for node in sorted({o for _, _, o in graph if isinstance(o, BNode) and o not in nodes}, key=str):
        nodes[node] = f"genid{len(nodes) + 1}"

    def element(subject: Node) -> tuple[int, URIRef | None]:
        types = {o for p, o in by_subject[subject] if p == RDF.type}
        for index, kind in enumerate(ELEMENT_TYPES):
            if kind in types:
                return index, kind
        return len(ELEMENT_TYPES), None

    def order(subject: Node) -> tuple[int, int, str]:
        section = element(subject)[0]
        return (section, 1, nodes[subject]) if isinstance(subject, BNode) else (section, 0, str(subject))

    names = _Names()
    body: list[str] = []
    for subject in sorted(by_subject, key=order):
        _, kind = element(subject)
        tag = names.qname(str(kind)) if kind is not None else "rdf:Description"
        about = (f' rdf:nodeID="{nodes[subject]}"' if isinstance(subject, BNode)
                 else f' rdf:about="{_attr(str(subject))}"')
        pairs = sorted(((p, o) for p, o in by_subject[subject] if not (p == RDF.type and o == kind)),
                       key=lambda pair: (str(pair[0]), _key(pair[1]), str(pair[1])))
        if not pairs:
            body.append(f"\t<{tag}{about}/>")
            continue
        body.append(f"\t<{tag}{about}>")
        for predicate, obj in pairs:
            name = names.qname(str(predicate))
            attributes, text = _object(obj, nodes)
            body.append(f"\t\t<{name}{attributes}/>" if text is None else f"\t\t<{name}{attributes}>{text}</{name}>")
        body.append(f"\t</{tag}>")
    declarations = " ".join(f'xmlns:{prefix}="{_attr(iri)}"' for prefix, iri in sorted(names.used.items()))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<!-- {GENERATED_NOTE.format(command=command)} -->\n"
            f"<rdf:RDF {declarations}>\n" + "\n".join(body) + "\n</rdf:RDF>\n")
