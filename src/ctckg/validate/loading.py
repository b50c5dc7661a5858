"""Read a release file and resolve its owl:imports offline through the XML catalog."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL

from ctckg.errors import display_path
from ctckg.rdffiles import CatalogError, catalog_map, parse_failure, rdflib_format
from ctckg.validate.paths import CATALOG_FILE, IMPORTS_DIR

__all__ = ["ValidationError", "parse_file", "catalog_map", "import_graphs"]

class ValidationError(Exception):
    """The validation could not run (missing file, parse error, unresolved import, missing tool): exit code 2."""


def parse_file(path: Path) -> Graph:
    """Parse an RDF file, choosing the format from its suffix (Turtle, RDF/XML, N-Triples, JSON-LD)."""
    if not path.exists():
        raise ValidationError(f"{display_path(path)} does not exist")
    if path.is_dir():
        raise ValidationError(f"{display_path(path)} is a folder, not an RDF file")
    try:
        graph = Graph().parse(path, format=rdflib_format(path))
    except Exception as error:  # noqa: BLE001 - rdflib raises many parser-specific types
        raise ValidationError(parse_failure(path, error)) from None
    if len(graph) == 0:
        raise ValidationError(f"{display_path(path)} holds no triples (empty, or only comments and prefixes); "
                              "there is nothing to validate")
    return graph


def import_graphs(graph: Graph, catalog: Path = CATALOG_FILE) -> list[Graph]:
    """The modules that ``graph`` imports, found through the catalog (else by file name in ontology/imports)."""
    try:
        mapping = catalog_map(catalog)
    except CatalogError as error:
        raise ValidationError(str(error)) from None
    graphs: list[Graph] = []
    for iri in sorted(set(graph.objects(None, OWL.imports))):
        path = mapping.get(str(iri)) or IMPORTS_DIR / str(iri).rsplit("/", 1)[-1]
        if not path.exists():
            raise ValidationError(f"import {iri} is not in {display_path(catalog)} nor in {display_path(IMPORTS_DIR)}")
        graphs.append(parse_file(path))
    return graphs
