"""The places of this checkout for the tests, from ``ctckg.project.Project`` (the package binds no path at import;
the tests may: they always run on this clone)."""

from __future__ import annotations

from pathlib import Path

from ctckg.export.paths import EXPORT_FILES, INFORES, JSONLD_CONTEXT_IRI, MAPPING_SET_IRI  # noqa: F401
from ctckg.project import (  # noqa: F401 - re-exported for the tests
    BASE_IRI,
    FULL_ONTOLOGY_IRI,
    IMPORT_IRI_TEMPLATE,
    IMPORT_PREFIXES,
    ONTOLOGY_IRI,
    REFERENCE_COUNT,
    VOCAB_TABLES,
    Project,
)
from ctckg.validate.paths import JAVA_SHARE_DIR  # noqa: F401

#: This checkout.
PROJECT = Project.at(Path(__file__).resolve().parent.parent.parent)
ROOT = PROJECT.root
ONTOLOGY_DIR = PROJECT.ontology_dir
CURATION_DIR = PROJECT.curation_dir
SENTENCES_FILE = PROJECT.sentences_file
IMPORTS_DIR = PROJECT.imports_dir
EXTERNAL_TERMS_FILE = PROJECT.external_terms_file
CATALOG_FILE = PROJECT.catalog
RELEASE_TTL = PROJECT.release_ttl
RELEASE_OWL = PROJECT.release_owl
RELEASE_FULL = PROJECT.release_full
SHAPES_FILE = PROJECT.shapes
VOCAB_DIR = PROJECT.vocab_dir
REVIEW_TEXT = PROJECT.review_text
EXPORTS_DIR = PROJECT.exports_dir
FIGURE_SVG = PROJECT.figure_svg
FIGURE_PNG = PROJECT.figure_png
KGX_NODES = EXPORTS_DIR / EXPORT_FILES["kgx"]["nodes"]
KGX_EDGES = EXPORTS_DIR / EXPORT_FILES["kgx"]["edges"]
SSSOM_FILE = EXPORTS_DIR / EXPORT_FILES["sssom"]["sssom"]
JSONLD_FILE = EXPORTS_DIR / EXPORT_FILES["jsonld"]["document"]
JSONLD_CONTEXT = EXPORTS_DIR / EXPORT_FILES["jsonld"]["context"]
GRAPHML_FILE = EXPORTS_DIR / EXPORT_FILES["graphml"]["graphml"]
LIGAND_RECEPTOR_FILE = EXPORTS_DIR / EXPORT_FILES["interactions"]["ligand-receptor"]
