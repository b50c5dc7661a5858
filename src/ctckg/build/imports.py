"""Import modules: every external term the sources use, with its ancestors, extracted from the pinned tables."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ctckg.curation.vocab import ExternalTerm
from ctckg.namespaces import DEFINITION, OBOINOWL, bind_prefixes, expand
from ctckg.project import GENERATED_NOTE
from ctckg.schema import IMPORT_IRI_TEMPLATE, IMPORT_PREFIXES

__all__ = ["module_name", "module_graphs", "catalog_xml", "EXACT_SYNONYM_TABLES", "UPPER_LINKS", "UPPER_USES",
           "LANGUAGE"]

#: Tables whose synonyms column holds exact synonyms only (SOURCES.md); the others mix exact and related ones.
EXACT_SYNONYM_TABLES = {"CHEBI", "MONDO", "UBERON"}

#: The language of every label, definition and synonym of the import modules (the pinned tables are English), the
#: same tag the release gives its own: one policy for text meant for people (bibliographic strings stay untagged).
LANGUAGE = "en"

#: Upper-level links the pinned tables leave out (their parent column stops at each ontology's own root), written
#: into the child's module so the merged file has BFO entity as the root of every imported hierarchy. Each is the
#: link the source ontology's own OWL release (or RO's import of it) asserts, or, where the table names a parent
#: outside our tables, the BFO class that parent sits under.
UPPER_LINKS: dict[str, tuple[str, str]] = {
    "CHEBI:24431": ("BFO:0000040", "chemical entity is a material entity (COB / OBO alignment of ChEBI)"),
    "CHEBI:50906": ("BFO:0000023", "ChEBI role is a BFO role"),
    "ECO:0000000": ("IAO:0000030", "evidence is information that supports an assertion (an information content entity)"),
    "GO:0005575": ("BFO:0000040", "cellular_component is a material entity (GO's OWL release)"),
    "GO:0008150": ("BFO:0000015", "biological_process is a BFO process (GO's OWL release; RO.tsv lists it)"),
    "MONDO:0000001": ("BFO:0000016", "disease is a disposition (MONDO's OWL release)"),
    "NCBITaxon:9606": ("BFO:0000040", "an organism is a material entity (the table has no lineage above the species)"),
    "NCBITaxon:10090": ("BFO:0000040", "an organism is a material entity (the table has no lineage above the species)"),
    "PR:000018263": ("CHEBI:23367", "amino acid chain is a molecular entity (PR's parent COB:0000013 is not in the tables)"),
    "UBERON:0001062": ("BFO:0000004", "anatomical entity is an independent continuant (UBERON's OWL release; RO.tsv)"),
}
#: The parents above, which the build adds to the terms it extracts (with their ancestors).
UPPER_USES = frozenset(parent for parent, _ in UPPER_LINKS.values())

_TYPES = {"class": OWL.Class, "object_property": OWL.ObjectProperty, "annotation_property": OWL.AnnotationProperty,
          "data_property": OWL.DatatypeProperty}


def module_name(prefix: str) -> str:
    """File stem of the import module for ``prefix`` (``cl`` for CL, ``ncbitaxon`` for NCBITaxon)."""
    return prefix.lower()


def module_graphs(terms: dict[str, ExternalTerm]) -> dict[str, Graph]:
    """One graph per prefix: declarations, labels, definitions, synonyms and parent axioms of ``terms``."""
    graphs: dict[str, Graph] = {}
    for curie in sorted(terms):
        term = terms[curie]
        if term.prefix not in IMPORT_PREFIXES or term.entity_type not in _TYPES:
            continue
        name = module_name(term.prefix)
        graph = graphs.get(name)
        if graph is None:
            graph = graphs[name] = bind_prefixes(Graph())
            onto = URIRef(IMPORT_IRI_TEMPLATE.format(name=name))
            graph.add((onto, RDF.type, OWL.Ontology))
            graph.add((onto, RDFS.comment, Literal(
                f"{GENERATED_NOTE.format(command='imports')} Terms of {term.prefix} used by ctckg and their "
                f"ancestors, copied from the pinned table {term.prefix}.tsv (see ../shared/vocab/SOURCES.md).")))
        iri = expand(curie)
        kind = _TYPES[term.entity_type]
        graph.add((iri, RDF.type, kind))
        graph.add((iri, RDFS.label, Literal(term.label, lang=LANGUAGE)))
        if term.definition:
            graph.add((iri, DEFINITION, Literal(term.definition, lang=LANGUAGE)))
        synonym = OBOINOWL.hasExactSynonym if term.prefix in EXACT_SYNONYM_TABLES else OBOINOWL.hasRelatedSynonym
        for text in term.synonyms:
            graph.add((iri, synonym, Literal(text, lang=LANGUAGE)))
        axiom = RDFS.subClassOf if kind == OWL.Class else RDFS.subPropertyOf
        upper = UPPER_LINKS.get(curie)
        parents = list(term.parents) + ([upper[0]] if upper and upper[0] not in term.parents else [])
        for parent in parents:
            other = terms.get(parent)
            if other is not None and other.entity_type == term.entity_type and other.prefix in IMPORT_PREFIXES:
                graph.add((iri, axiom, expand(parent)))
                if other.prefix != term.prefix:  # OWL 2 DL checks each module on its own: declare it here too
                    graph.add((expand(parent), RDF.type, kind))
    for graph in graphs.values():
        for prop in (DEFINITION, OBOINOWL.hasExactSynonym, OBOINOWL.hasRelatedSynonym):
            if any(graph.triples((None, prop, None))):
                graph.add((prop, RDF.type, OWL.AnnotationProperty))
    return graphs


def catalog_xml(names: list[str]) -> str:
    """An XML catalog mapping each import module IRI to its relative file path (Protégé, OWL API, ROBOT)."""
    relative = "imports"  # ontology/imports, beside the catalog in ontology/
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
             f"<!-- {GENERATED_NOTE.format(command='imports')} -->",
             '<catalog prefer="public" xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">']
    for name in sorted(names):
        iri = IMPORT_IRI_TEMPLATE.format(name=name)
        lines.append(f'    <uri id="{name} import" name="{iri}" uri="{relative}/{name}_import.owl"/>')
    lines.append("</catalog>")
    return "\n".join(lines) + "\n"
