"""JSON-LD export: the release graph as a compact JSON-LD 1.1 document plus its published context.

The context (``context.jsonld``, published at ``https://w3id.org/ctckg/context.jsonld``) declares the project's
prefixes and one readable term per property (``hasPartnerCell``, ``citesAsEvidence``, ``label`` …) with its value
coercion (``@id``, ``@language: en`` or a datatype) derived from how the release uses it. The document refers to the
context relatively (``"@context": "context.jsonld"``), so it resolves next to the document wherever both are
served, including a local checkout. Expanding the document gives exactly the triples of ``ontology/ctckg.ttl``.
"""

from __future__ import annotations

import json
import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ctckg.export.paths import JSONLD_CONTEXT
from ctckg.namespaces import PREFIXES, compress

__all__ = ["FIXED_TERMS", "jsonld_context", "jsonld_document", "term_name", "dumps"]

#: Terms whose readable name should not depend on a label.
FIXED_TERMS: dict[str, str] = {
    str(RDFS.label): "label", str(RDFS.comment): "comment", str(RDFS.subClassOf): "subClassOf",
    str(RDFS.subPropertyOf): "subPropertyOf", str(RDFS.domain): "domain", str(RDFS.range): "range",
    str(RDFS.seeAlso): "seeAlso", "http://purl.obolibrary.org/obo/IAO_0000115": "definition",
    "http://purl.obolibrary.org/obo/IAO_0000119": "definitionSource",
    "http://purl.obolibrary.org/obo/RO_0002558": "hasEvidence",
    "http://www.w3.org/2004/02/skos/core#definition": "skosDefinition",
    "http://www.w3.org/2002/07/owl#imports": "imports", "http://www.w3.org/2002/07/owl#versionIRI": "versionIRI",
    "http://www.w3.org/2002/07/owl#versionInfo": "versionInfo",
    "http://www.w3.org/2002/07/owl#disjointWith": "disjointWith",
    "http://www.w3.org/2002/07/owl#deprecated": "deprecated",
}


def term_name(iri: str, label: str | None) -> str:
    """A camelCase JSON key for a property: fixed for well-known ones, else from its label, else its local name."""
    if iri in FIXED_TERMS:
        return FIXED_TERMS[iri]
    if label:
        words = re.findall(r"[A-Za-z0-9]+", label)
        if words:
            return words[0].lower() + "".join(word[:1].upper() + word[1:] for word in words[1:])
    return re.split(r"[#/_]", iri)[-1]


def _coercion(values: list[object]) -> dict[str, str]:
    """The context coercion that fits every value of a property, or none (values are then written expanded)."""
    if all(isinstance(v, URIRef) for v in values):
        return {"@type": "@id"}
    if not all(isinstance(v, Literal) for v in values):
        return {}
    literals = [v for v in values if isinstance(v, Literal)]
    languages = {v.language for v in literals}
    datatypes = {v.datatype for v in literals}
    if languages == {"en"}:
        return {"@language": "en"}
    if languages == {None} and len(datatypes) == 1:
        datatype = next(iter(datatypes))
        return {"@type": compress(datatype)} if datatype is not None else {}
    return {"mixed": "true"}


def _terms(graph: Graph) -> dict[str, tuple[str, dict[str, str]]]:
    """predicate IRI -> (term name, coercion), for every predicate except rdf:type."""
    by_predicate: dict[str, list[object]] = {}
    for _, predicate, obj in graph:
        if predicate != RDF.type:
            by_predicate.setdefault(str(predicate), []).append(obj)
    names: dict[str, tuple[str, dict[str, str]]] = {}
    taken: set[str] = set(PREFIXES) | {"id", "type"}
    for iri in sorted(by_predicate):
        labels = sorted(str(v) for v in graph.objects(URIRef(iri), RDFS.label))
        name = term_name(iri, labels[0] if labels else None)
        if name in taken:
            name = f"{compress(iri).split(':')[0].lower()}{name[:1].upper()}{name[1:]}"
        taken.add(name)
        names[iri] = (name, _coercion(by_predicate[iri]))
    return names


def jsonld_context(graph: Graph) -> dict[str, object]:
    """The JSON-LD 1.1 context for ``graph``: prefixes, ``id`` / ``type`` aliases and one term per property."""
    context: dict[str, object] = {"@version": 1.1, "id": "@id", "type": "@type"}
    for prefix in sorted(PREFIXES):
        namespace = PREFIXES[prefix]
        context[prefix] = namespace if namespace[-1] in "/#:" else {"@id": namespace, "@prefix": True}
    for iri, (name, coercion) in sorted(_terms(graph).items(), key=lambda item: item[1][0]):
        definition: dict[str, object] = {"@id": compress(iri)}
        definition.update({k: v for k, v in coercion.items() if k != "mixed"})
        definition["@container"] = "@set"
        context[name] = definition
    return {"@context": context}


def _value(obj: object, coercion: dict[str, str]) -> object:
    if isinstance(obj, URIRef):
        return compress(obj) if coercion.get("@type") == "@id" else {"@id": compress(obj)}
    assert isinstance(obj, Literal)
    if "@language" in coercion or ("@type" in coercion and coercion["@type"] != "@id"):
        return str(obj)
    if obj.language:
        return {"@value": str(obj), "@language": obj.language}
    if obj.datatype is not None:
        return {"@value": str(obj), "@type": compress(obj.datatype)}
    return str(obj) if not coercion else {"@value": str(obj)}


def _sort_key(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def jsonld_document(graph: Graph) -> dict[str, object]:
    """The release as ``{"@context": "context.jsonld", "@graph": [...]}``, nodes and values sorted."""
    terms = _terms(graph)
    nodes: list[dict[str, object]] = []
    for subject in sorted(set(graph.subjects()), key=str):
        node: dict[str, object] = {"id": compress(subject)}
        types = sorted(compress(t) for t in graph.objects(subject, RDF.type))
        if types:
            node["type"] = types
        for predicate in sorted({p for p in graph.predicates(subject) if p != RDF.type}, key=lambda p: terms[str(p)][0]):
            name, coercion = terms[str(predicate)]
            node[name] = sorted((_value(o, coercion) for o in graph.objects(subject, predicate)), key=_sort_key)
        nodes.append(node)
    return {"@context": JSONLD_CONTEXT.name, "@graph": nodes}


def dumps(data: object) -> str:
    """Deterministic JSON text (two-space indent, UTF-8 characters kept, trailing newline)."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
