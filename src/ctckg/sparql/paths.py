"""Paths and fixed values of ctckg.sparql, derived from ctckg.constants (the only module that builds paths)."""

from __future__ import annotations

from pathlib import Path

from ctckg.constants import DOCS_DIR, IMPORTS_DIR, PACKAGE_DIR, QUERIES_DIR, RELEASE_TTL, ROOT

__all__ = [
    "CQ_DIR", "INTERNAL_QUERIES_DIR", "RELEASE_DATA", "IMPORT_MODULES_GLOB", "BENCHMARKS_FILE",
    "README_QUERIES_FILE", "BENCHMARK_SCRIPT", "DEFAULT_ENGINE", "ENGINES", "DEFAULT_TIMEOUT",
    "import_modules", "release_files",
]

#: Named competency questions, one ``.rq`` file each.
CQ_DIR: Path = QUERIES_DIR / "cq"
#: Helper queries the library itself runs (label look-up, existence checks); not listed by ``ctckg queries``.
INTERNAL_QUERIES_DIR: Path = PACKAGE_DIR / "sparql" / "rq"
#: The release graph (Turtle) and the glob of its import modules.
RELEASE_DATA: Path = RELEASE_TTL
IMPORT_MODULES_GLOB = "*_import.owl"

BENCHMARKS_FILE: Path = DOCS_DIR / "BENCHMARKS.md"
README_QUERIES_FILE: Path = DOCS_DIR / "README-queries.md"
BENCHMARK_SCRIPT: Path = ROOT / "benchmarks" / "queries.py"

ENGINES = ("rdflib", "pyoxigraph")
DEFAULT_ENGINE = "rdflib"
#: Seconds to wait for a remote SPARQL endpoint before giving up.
DEFAULT_TIMEOUT = 30.0


def import_modules(imports_dir: Path = IMPORTS_DIR) -> list[Path]:
    """The import modules of the release (``ontology/imports/*_import.owl``), sorted."""
    return sorted(imports_dir.glob(IMPORT_MODULES_GLOB))


def release_files(imports: bool = True, release: Path = RELEASE_DATA, imports_dir: Path = IMPORTS_DIR) -> list[Path]:
    """The files that make up the queryable release: the Turtle release and, optionally, its import modules."""
    return [release, *(import_modules(imports_dir) if imports else [])]
