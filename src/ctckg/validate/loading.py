"""Read a release file and resolve its owl:imports offline through the XML catalog (through ``ctckg.release``,
the one loader of release files)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ctckg.rdffiles import catalog_map
from ctckg.release import Release, ReleaseError, read_graph

__all__ = ["ValidationError", "parse_file", "catalog_map", "import_graphs"]


class ValidationError(Exception):
    """The validation could not run (missing file, parse error, unresolved import, missing tool): exit code 2."""


def parse_file(path: Path) -> Graph:
    """Parse an RDF file, choosing the format from its suffix (Turtle, RDF/XML, N-Triples, JSON-LD)."""
    try:
        return read_graph(Path(path), nonempty=True)
    except ReleaseError as error:
        message = str(error)
        if message.endswith("(empty, or only comments and prefixes)"):
            message += "; there is nothing to validate"
        raise ValidationError(message) from None


def import_graphs(graph: Graph, catalog: Path | None = None) -> list[Graph]:
    """The modules that ``graph`` imports, found through ``catalog`` (default: the catalog of
    :meth:`Project.for_release`), else by file name in the imports folder beside it."""
    release = Release.from_graphs(graph, None, catalog=catalog)
    try:
        return [read_graph(path, nonempty=True) for path in release.module_files]
    except ReleaseError as error:
        raise ValidationError(str(error)) from None
