"""JSON-LD export: the release graph as a compact JSON-LD document plus its published context.

The context (``context.jsonld``, published at ``https://w3id.org/ctckg/context.jsonld``) declares prefixes and one
readable term per property (``hasPartnerCell``, ``citesAsEvidence``, ``label`` …) with its value coercion (``@id``,
``@language: en`` or a datatype) derived from how the release uses it.

It is read alike by JSON-LD 1.0 and 1.1 processors: no ``"@version": 1.1`` (1.0 readers reject it) and no
``@prefix`` flags (1.0 has none). Without ``@prefix`` a 1.1 processor only uses a term as the prefix of a compact
IRI when its IRI ends in ``/``, ``#`` or ``:``; the OBO-style ``CL_``, ``CTCKG_`` namespaces do not, so compact IRIs
are written with the ``obo:`` (``http://purl.obolibrary.org/obo/``) and ``ctckg:`` (``https://w3id.org/ctckg/``)
prefixes: ``obo:CL_0000233``, ``ctckg:CTCKG_0001004``. The document embeds the same context, so it expands with
any processor's default document loader and no base IRI; expanding it gives exactly the triples of
``ontology/ctckg.ttl``.
"""

from __future__ import annotations

import hashlib
import json
import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ctckg.namespaces import DEFINITION, DEFINITION_SOURCE, HAS_EVIDENCE, OBO, OBOINOWL, PREFIXES, expand
from ctckg.schema import BASE_IRI, FINDING_SLOTS, LOCATOR_SLOTS, QUANTITY_TABLE, STATEMENT_SLOTS, camel_case

__all__ = ["FIXED_TERMS", "JSONLD_PREFIXES", "jsonld_context", "jsonld_document", "term_name", "dumps", "compact"]

#: The prefixes of the JSON-LD context: those of the project map whose namespace ends in ``/`` or ``#`` (usable as
#: prefixes by JSON-LD 1.0 and 1.1 alike), plus ``obo`` and ``ctckg`` for the OBO-style IDs.
JSONLD_PREFIXES: dict[str, str] = {
    "obo": str(OBO), "ctckg": BASE_IRI,
    **{prefix: iri for prefix, iri in PREFIXES.items() if iri[-1] in "/#" and iri not in (str(OBO), BASE_IRI)},
}
_BY_LENGTH = sorted(JSONLD_PREFIXES.items(), key=lambda item: (-len(item[1]), item[0]))


def blank_labels(graph: Graph) -> dict[BNode, str]:
    """A stable ``_:`` label for every blank node (the definition axioms), from a digest of its own triples, so the
    document does not change when a parser gives the blank nodes new IDs."""
    labels: dict[BNode, str] = {}
    for node in sorted({s for s in graph.subjects() if isinstance(s, BNode)}, key=str):
        content = sorted(f"{p.n3()} {'_' if isinstance(o, BNode) else o.n3()}"
                         for p, o in graph.predicate_objects(node))
        labels[node] = "_:b" + hashlib.sha256("\n".join(content).encode("utf-8")).hexdigest()[:16]
    return labels


def compact(iri: object) -> str:
    """``iri`` as a compact IRI with the longest matching context prefix (``obo:CL_0000233``), else unchanged."""
    if isinstance(iri, BNode):
        return f"_:{iri}"
    text = str(iri)
    for prefix, namespace in _BY_LENGTH:
        if text.startswith(namespace) and len(text) > len(namespace) and "/" not in text[len(namespace):] \
                and "#" not in text[len(namespace):]:
            return f"{prefix}:{text[len(namespace):]}"
    return text

#: Terms whose readable name should not depend on a label: well-known properties, and every property of the model
#: schema under its schema name (:attr:`ctckg.schema.Slot.json_name`).
FIXED_TERMS: dict[str, str] = {
    str(RDFS.label): "label", str(RDFS.comment): "comment", str(RDFS.subClassOf): "subClassOf",
    str(RDFS.subPropertyOf): "subPropertyOf", str(RDFS.domain): "domain", str(RDFS.range): "range",
    str(RDFS.seeAlso): "seeAlso", str(DEFINITION): "definition", str(DEFINITION_SOURCE): "definitionSource",
    str(OBOINOWL.hasDbXref): "hasDbXref", str(HAS_EVIDENCE): "hasEvidence", str(SKOS.definition): "skosDefinition",
    str(OWL.imports): "imports", str(OWL.versionIRI): "versionIRI", str(OWL.versionInfo): "versionInfo",
    str(OWL.disjointWith): "disjointWith", str(OWL.deprecated): "deprecated",
    **{str(expand(slot.property)): slot.json_name
       for slot in (*FINDING_SLOTS, *LOCATOR_SLOTS, *STATEMENT_SLOTS) if slot.property.startswith("CTCKG:")},
    **{str(expand(quantity.property)): camel_case(quantity.label) for quantity in QUANTITY_TABLE},
}


def term_name(iri: str, label: str | None) -> str:
    """A camelCase JSON key for a property: fixed for well-known ones, else from its label, else its local name."""
    if iri in FIXED_TERMS:
        return FIXED_TERMS[iri]
    if label and camel_case(label):
        return camel_case(label)
    return re.split(r"[#/_]", iri)[-1]


def _coercion(values: list[object]) -> dict[str, str]:
    """The context coercion that fits every value of a property, or none (values are then written expanded)."""
    if all(isinstance(v, (URIRef, BNode)) for v in values):
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
        return {"@type": compact(datatype)} if datatype is not None else {}
    return {"mixed": "true"}


def _terms(graph: Graph) -> dict[str, tuple[str, dict[str, str]]]:
    """predicate IRI -> (term name, coercion), for every predicate except rdf:type."""
    by_predicate: dict[str, list[object]] = {}
    for _, predicate, obj in graph:
        if predicate != RDF.type:
            by_predicate.setdefault(str(predicate), []).append(obj)
    names: dict[str, tuple[str, dict[str, str]]] = {}
    taken: set[str] = set(JSONLD_PREFIXES) | set(PREFIXES) | {"id", "type"}
    for iri in sorted(by_predicate):
        labels = sorted(str(v) for v in graph.objects(URIRef(iri), RDFS.label))
        name = term_name(iri, labels[0] if labels else None)
        if name in taken:
            name = f"{compact(iri).split(':')[0].lower()}{name[:1].upper()}{name[1:]}"
        taken.add(name)
        names[iri] = (name, _coercion(by_predicate[iri]))
    return names


def jsonld_context(graph: Graph) -> dict[str, object]:
    """The JSON-LD context for ``graph`` (1.0 and 1.1): prefixes, ``id`` / ``type`` aliases, one term per property."""
    context: dict[str, object] = {"id": "@id", "type": "@type"}
    for prefix in sorted(JSONLD_PREFIXES):
        context[prefix] = JSONLD_PREFIXES[prefix]
    for iri, (name, coercion) in sorted(_terms(graph).items(), key=lambda item: item[1][0]):
        definition: dict[str, object] = {"@id": compact(iri)}
        definition.update({k: v for k, v in coercion.items() if k != "mixed"})
        definition["@container"] = "@set"
        context[name] = definition
    return {"@context": context}


def _value(obj: object, coercion: dict[str, str], blanks: dict[BNode, str]) -> object:
    if isinstance(obj, BNode):
        return blanks[obj] if coercion.get("@type") == "@id" else {"@id": blanks[obj]}
    if isinstance(obj, URIRef):
        return compact(obj) if coercion.get("@type") == "@id" else {"@id": compact(obj)}
    assert isinstance(obj, Literal)
    if "@language" in coercion or ("@type" in coercion and coercion["@type"] != "@id"):
        return str(obj)
    if obj.language:
        return {"@value": str(obj), "@language": obj.language}
    if obj.datatype is not None:
        return {"@value": str(obj), "@type": compact(obj.datatype)}
    return str(obj) if not coercion else {"@value": str(obj)}


def _sort_key(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def jsonld_document(graph: Graph) -> dict[str, object]:
    """The release as ``{"@context": {…the context…}, "@graph": [...]}``, nodes and values sorted."""
    terms = _terms(graph)
    blanks = blank_labels(graph)
    nodes: list[dict[str, object]] = []
    for subject in sorted(set(graph.subjects()), key=lambda s: blanks[s] if isinstance(s, BNode) else str(s)):
        node: dict[str, object] = {"id": blanks[subject] if isinstance(subject, BNode) else compact(subject)}
        types = sorted(compact(t) for t in graph.objects(subject, RDF.type))
        if types:
            node["type"] = types
        for predicate in sorted({p for p in graph.predicates(subject) if p != RDF.type},
                                key=lambda p: terms[str(p)][0]):
            name, coercion = terms[str(predicate)]
            node[name] = sorted((_value(o, coercion, blanks) for o in graph.objects(subject, predicate)), key=_sort_key)
        nodes.append(node)
    return {"@context": jsonld_context(graph)["@context"], "@graph": nodes}


def dumps(data: object) -> str:
    """Deterministic JSON text (two-space indent, UTF-8 characters kept, trailing newline)."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
