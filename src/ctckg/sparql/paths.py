"""Paths and fixed values of ctckg.sparql, derived from ctckg.project (the only module that builds paths)."""

from __future__ import annotations

from pathlib import Path

from ctckg.project import DOCS_DIR, PACKAGE_DIR, QUERIES_DIR, RELEASE_TTL, ROOT

__all__ = [
    "CQ_DIR", "INTERNAL_QUERIES_DIR", "RELEASE_DATA", "BENCHMARKS_FILE", "BENCHMARK_SCRIPT", "DEFAULT_ENGINE",
    "ENGINES", "DEFAULT_TIMEOUT", "VIRTUOSO_VSP", "MAX_QUERY_CHARS", "MAX_RESPONSE_BYTES", "MAX_ROWS",
]

#: Named competency questions, one ``.rq`` file each.
CQ_DIR: Path = QUERIES_DIR / "cq"
#: Helper queries the library itself runs (label look-up, existence checks); not listed by ``ctckg queries``.
INTERNAL_QUERIES_DIR: Path = PACKAGE_DIR / "sparql" / "rq"
#: The release graph (Turtle); its import modules come from the catalog (ctckg.rdffiles).
RELEASE_DATA: Path = RELEASE_TTL
#: Virtuoso's web server root as installed by Debian's virtuoso-opensource-7 (the tests' private server uses it).
VIRTUOSO_VSP: Path = Path("/var/lib/virtuoso-opensource-7/vsp")

BENCHMARKS_FILE: Path = DOCS_DIR / "BENCHMARKS.md"
BENCHMARK_SCRIPT: Path = ROOT / "benchmarks" / "queries.py"

ENGINES = ("rdflib", "pyoxigraph")
DEFAULT_ENGINE = "rdflib"
#: Seconds to wait for a remote SPARQL endpoint before giving up.
DEFAULT_TIMEOUT = 30.0
#: Longest SPARQL text accepted (characters); larger data belongs in a file given with --data.
MAX_QUERY_CHARS = 1_000_000
#: Largest answer read from a remote endpoint (bytes) and most rows kept from any answer.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
MAX_ROWS = 1_000_000
