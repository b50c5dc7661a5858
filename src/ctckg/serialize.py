"""Deterministic serialisation: the same graph always gives the same bytes."""

from __future__ import annotations

import pyoxigraph
from rdflib import Graph

from ctckg.constants import GENERATED_NOTE
from ctckg.namespaces import PREFIXES, bind_prefixes

__all__ = ["canonical", "to_turtle", "to_rdfxml"]


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


def to_rdfxml(graph: Graph, command: str = "build") -> str:
    """RDF/XML text with a generated-file comment after the XML declaration.

    rdflib's RDF/XML writers iterate subjects in hash order, so the sorted triples are written with pyoxigraph,
    which keeps the order it is given (one ``rdf:Description`` per run of triples with the same subject).
    """
    ntriples = graph.serialize(format="nt", encoding="utf-8")
    triples = sorted(pyoxigraph.parse(ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES), key=str)
    prefixes = {prefix: iri for prefix, iri in PREFIXES.items() if prefix.isidentifier() and "_" not in iri[-1:]}
    body = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.RDF_XML, prefixes=prefixes).decode("utf-8")
    if body.startswith("<?xml"):
        declaration, _, rest = body.partition("\n")
    else:
        declaration, rest = '<?xml version="1.0" encoding="UTF-8"?>', body
    return f"{declaration}\n<!-- {GENERATED_NOTE.format(command=command)} -->\n{rest}"
