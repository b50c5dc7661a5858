"""Namespaces: our closed CTCKG namespace, the reused vocabularies, and one prefix map for CURIEs."""

from __future__ import annotations

from curies import Converter
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace

from ctckg.curie import PREFIXES as CURIE_PREFIXES
from ctckg.curie import compress as curie_compress
from ctckg.curie import expand as curie_expand
from ctckg.schema import BASE_IRI, IMPORT_IRI_BASE, VERSION_IRI_TEMPLATE

__all__ = [
    "CTCKG", "OBO", "BIBO", "CITO", "PRISM", "OBOINOWL", "FABIO", "DCTERMS", "OWL", "RDF", "RDFS", "SKOS", "XSD",
    "PREFIXES", "CONVERTER", "expand", "compress", "bind_prefixes", "IMPORTS", "version_iri",
]


class CTCKG(DefinedNamespace):
    """The properties and model classes that ctckg mints (checked against the ontology by a test)."""

    _NS = Namespace(BASE_IRI)
    _fail = True

    # annotation properties: the finding's index of what it is about (annotations, so classes are not punned)
    CTCKG_0000001: URIRef  # has cell participant
    CTCKG_0000002: URIRef  # has circulating tumor cell
    CTCKG_0000003: URIRef  # has partner cell
    CTCKG_0000004: URIRef  # has affected cell
    CTCKG_0000005: URIRef  # has mediator
    CTCKG_0000006: URIRef  # has process
    CTCKG_0000007: URIRef  # has intervention
    CTCKG_0000008: URIRef  # has intervention target
    CTCKG_0000009: URIRef  # has cancer type context
    CTCKG_0000010: URIRef  # has organism context
    CTCKG_0000011: URIRef  # has study design
    CTCKG_0000013: URIRef  # has marker
    CTCKG_0000012: URIRef  # has target
    # data properties
    CTCKG_0000020: URIRef  # direction of effect
    CTCKG_0000021: URIRef  # review section
    CTCKG_0000022: URIRef  # review paragraph
    CTCKG_0000023: URIRef  # table 1 row
    CTCKG_0000024: URIRef  # review figure
    CTCKG_0000025: URIRef  # reference number
    CTCKG_0000026: URIRef  # cohort size
    CTCKG_0000027: URIRef  # drugs screened
    CTCKG_0000028: URIRef  # drug hits
    CTCKG_0000029: URIRef  # frequency percent
    CTCKG_0000030: URIRef  # maximum frequency percent
    CTCKG_0000031: URIRef  # year reported
    CTCKG_0000032: URIRef  # review sentence
    CTCKG_0000033: URIRef  # provenance kind
    CTCKG_0000042: URIRef  # effect sign
    CTCKG_0000043: URIRef  # object aspect
    # object properties of the statement layer
    CTCKG_0000034: URIRef  # has associated reference
    CTCKG_0000035: URIRef  # summarises
    CTCKG_0000036: URIRef  # has statement
    CTCKG_0000046: URIRef  # leads to statement
    CTCKG_0000047: URIRef  # has subject instance
    CTCKG_0000048: URIRef  # has object instance
    CTCKG_0000049: URIRef  # has no detected effect on
    # annotation properties of the statement layer and the bibliography
    CTCKG_0000037: URIRef  # statement subject
    CTCKG_0000038: URIRef  # statement object
    CTCKG_0000039: URIRef  # subject cell
    CTCKG_0000040: URIRef  # object cell
    CTCKG_0000041: URIRef  # statement relation
    CTCKG_0000044: URIRef  # has anatomical context
    CTCKG_0000045: URIRef  # has comparator
    CTCKG_0000050: URIRef  # hedging exception
    CTCKG_0000051: URIRef  # author list
    CTCKG_0000052: URIRef  # term kind
    CTCKG_0000053: URIRef  # identifier verified at
    # model classes
    CTCKG_0000100: URIRef  # finding
    CTCKG_0000101: URIRef  # stated finding
    CTCKG_0000102: URIRef  # proposed finding
    CTCKG_0000120: URIRef  # mechanism statement


OBO = Namespace("http://purl.obolibrary.org/obo/")
BIBO = Namespace(CURIE_PREFIXES["bibo"])
CITO = Namespace(CURIE_PREFIXES["cito"])
PRISM = Namespace(CURIE_PREFIXES["prism"])
OBOINOWL = Namespace(CURIE_PREFIXES["oboInOwl"])
FABIO = Namespace(CURIE_PREFIXES["fabio"])
#: Where the import modules live (``IMPORTS["cl_import.owl"]``).
IMPORTS = Namespace(IMPORT_IRI_BASE)

# Readable aliases used by the build.
HAS_CELL = CTCKG.CTCKG_0000001
DIRECTION = CTCKG.CTCKG_0000020
SECTION = CTCKG.CTCKG_0000021
PARAGRAPH = CTCKG.CTCKG_0000022
TABLE_ROW = CTCKG.CTCKG_0000023
FIGURE = CTCKG.CTCKG_0000024
REFERENCE_NUMBER = CTCKG.CTCKG_0000025
HAS_TARGET = CTCKG.CTCKG_0000012
FINDING = CTCKG.CTCKG_0000100
STATED_FINDING = CTCKG.CTCKG_0000101
PROPOSED_FINDING = CTCKG.CTCKG_0000102
DEFINITION = OBO.IAO_0000115
DEFINITION_SOURCE = OBO.IAO_0000119
HAS_EVIDENCE = OBO.RO_0002558
IS_ABOUT = OBO.IAO_0000136
JOURNAL_ARTICLE = OBO.IAO_0000013
SENTENCE = CTCKG.CTCKG_0000032
PROVENANCE = CTCKG.CTCKG_0000033
ASSOCIATED_REFERENCE = CTCKG.CTCKG_0000034
SUMMARISES = CTCKG.CTCKG_0000035
HAS_STATEMENT = CTCKG.CTCKG_0000036
STATEMENT_SUBJECT = CTCKG.CTCKG_0000037
STATEMENT_OBJECT = CTCKG.CTCKG_0000038
SUBJECT_CELL = CTCKG.CTCKG_0000039
OBJECT_CELL = CTCKG.CTCKG_0000040
STATEMENT_RELATION = CTCKG.CTCKG_0000041
SIGN = CTCKG.CTCKG_0000042
ASPECT = CTCKG.CTCKG_0000043
ANATOMICAL_CONTEXT = CTCKG.CTCKG_0000044
COMPARATOR = CTCKG.CTCKG_0000045
LEADS_TO = CTCKG.CTCKG_0000046
SUBJECT_INSTANCE = CTCKG.CTCKG_0000047
OBJECT_INSTANCE = CTCKG.CTCKG_0000048
HEDGE_EXCEPTION = CTCKG.CTCKG_0000050
AUTHOR_LIST = CTCKG.CTCKG_0000051
TERM_KIND = CTCKG.CTCKG_0000052
IDENTIFIER_SOURCE = CTCKG.CTCKG_0000053
ORGANISM_CONTEXT = CTCKG.CTCKG_0000010
MECHANISM_STATEMENT = CTCKG.CTCKG_0000120

#: prefix -> IRI namespace; the single prefix map of the project (the prefix table of :mod:`ctckg.schema`).
PREFIXES: dict[str, str] = CURIE_PREFIXES
#: the same map as a ``curies`` converter, for callers that want its API; ctckg itself compresses and expands with
#: :mod:`ctckg.curie` (one implementation, checked against this converter by tests/test_query_speed.py)
CONVERTER = Converter.from_prefix_map(PREFIXES)


def version_iri(version: str, file: str = "ctckg.owl") -> URIRef:
    """The dated version IRI of a release file (``ctckg.owl`` or ``ctckg-full.owl``) of release ``version``."""
    return URIRef(VERSION_IRI_TEMPLATE.format(version=version, file=file))


def expand(curie: str) -> URIRef:
    """Expand a CURIE with the project prefix map (:func:`ctckg.curie.expand`); raise ``ValueError`` for an unknown
    prefix."""
    iri = curie_expand(curie)
    if iri is None:
        raise ValueError(f"unknown prefix in {curie!r}")
    return URIRef(iri)


def compress(iri: str) -> str:
    """Compress an IRI to a CURIE, or return it unchanged when no prefix matches (:func:`ctckg.curie.compress`)."""
    return curie_compress(str(iri))


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project prefixes (and only those) on ``graph``; returns the graph."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)
    return graph
