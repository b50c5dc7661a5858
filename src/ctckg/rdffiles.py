"""The files that make up the release, and how to parse RDF files: one place for validate, sparql and export."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ctckg.constants import CATALOG_FILE, RELEASE_TTL

__all__ = ["rdflib_format", "oxigraph_format", "catalog_map", "import_module_files", "release_files"]

#: File suffix -> rdflib parser name.
_RDFLIB_FORMATS = {".ttl": "turtle", ".owl": "xml", ".rdf": "xml", ".xml": "xml", ".nt": "nt", ".jsonld": "json-ld"}


def rdflib_format(path: Path) -> str:
    """The rdflib parser for ``path`` by its suffix (Turtle when unknown)."""
    return _RDFLIB_FORMATS.get(Path(path).suffix.lower(), "turtle")


def oxigraph_format(path: Path) -> "object":
    """The pyoxigraph ``RdfFormat`` for ``path`` by its suffix (Turtle when unknown)."""
    import pyoxigraph

    return {"turtle": pyoxigraph.RdfFormat.TURTLE, "xml": pyoxigraph.RdfFormat.RDF_XML,
            "nt": pyoxigraph.RdfFormat.N_TRIPLES, "json-ld": pyoxigraph.RdfFormat.JSON_LD}[rdflib_format(path)]


def catalog_map(catalog: Path = CATALOG_FILE) -> dict[str, Path]:
    """Import IRI -> local file, from the ``<uri name=... uri=...>`` entries of an XML catalog."""
    if not catalog.exists():
        return {}
    mapping: dict[str, Path] = {}
    for element in ET.parse(catalog).getroot().iter():
        if element.tag.endswith("}uri") or element.tag == "uri":
            mapping[element.attrib["name"]] = (catalog.parent / element.attrib["uri"]).resolve()
    return mapping


def import_module_files(catalog: Path = CATALOG_FILE) -> list[Path]:
    """The import modules of the release, as the catalog lists them (so a stale file on disk is never read)."""
    return sorted(catalog_map(catalog).values())


def release_files(imports: bool = True, release: Path = RELEASE_TTL, catalog: Path = CATALOG_FILE) -> list[Path]:
    """The files of the queryable release: the Turtle release and, optionally, its import modules."""
    return [release, *(import_module_files(catalog) if imports else [])]
