"""The validation gate: SHACL shapes and QC queries on a release graph merged with its import modules."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from ctckg.validate.loading import import_graphs, parse_file
from ctckg.validate.paths import RELEASE_TTL
from ctckg.validate.qc import run_checks, to_store
from ctckg.validate.report import Report
from ctckg.validate.shacl import add_markers, merge_imports, run_shacl

__all__ = ["validate_graph", "validate_file"]


def validate_graph(graph: Graph, imports: Iterable[Graph] | None = None, shacl: bool = True,
                   qc: bool = True) -> Report:
    """Validate an in-memory release graph; ``report.conforms`` is False when any Violation was found.

    ``imports`` are the import module graphs; when None they are read from the files the catalog maps the graph's
    ``owl:imports`` to. The build calls this on the graph it is about to write (``Release.graph`` and
    ``Release.modules.values()``) and refuses to write when the report does not conform.
    """
    modules = import_graphs(graph) if imports is None else list(imports)
    merged = merge_imports(graph, modules)
    report = Report()
    if qc:
        report.extend(run_checks(to_store(merged)))
    if shacl:
        report.extend(run_shacl(add_markers(merged)))
    return report


def validate_file(path: Path = RELEASE_TTL, shacl: bool = True, qc: bool = True) -> Report:
    """Validate a release file (Turtle, RDF/XML, N-Triples) with its imports resolved through the catalog."""
    return validate_graph(parse_file(path), shacl=shacl, qc=qc)
