"""ROBOT-style quality checks: each ``queries/qc/*-violation.rq`` must return zero rows on the release."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDFS

from ctckg.namespaces import compress
from ctckg.project import resource_path
from ctckg.release import best_label, to_store
from ctckg.sparql.catalog import parse_named_query
from ctckg.validate.report import Report, Result

__all__ = ["QcCheck", "load_checks", "to_store", "run_checks"]

_SEVERITY = {"error": "Violation", "warning": "Warning", "info": "Info"}
_IRI = re.compile(r"<([^<>\s]+)>")


@dataclass(frozen=True)
class QcCheck:
    """One check: its name (file stem), summary and severity from the ``#+`` header, and the query text."""

    name: str
    summary: str
    severity: str
    query: str


def load_checks(directory: Path | None = None) -> list[QcCheck]:
    """Every ``*-violation.rq`` in ``directory`` (default: ``ctckg/queries/qc`` of the package), sorted by name;
    header fields ``summary`` and ``severity``.

    Headers are read by the same parser as the competency questions (:func:`ctckg.sparql.catalog.parse_named_query`).
    """
    checks = []
    for path in sorted((directory or resource_path("queries", "qc")).glob("*-violation.rq")):
        query = parse_named_query(path)
        checks.append(QcCheck(path.name.removesuffix(".rq"), query.summary,
                              _SEVERITY[query.extra.get("severity", "error")], query.text))
    return checks


def _text(node: object, labels: dict[str, str]) -> str:
    if node is None:
        return ""
    if isinstance(node, ox.NamedNode):
        curie = compress(node.value)
        return f"{curie} '{labels[node.value]}'" if node.value in labels else curie
    if isinstance(node, ox.Literal):
        return _IRI.sub(lambda m: compress(m.group(1)), node.value)
    return str(node)


def _labels(store: ox.Store) -> dict[str, str]:
    """IRI -> its label by the one rule of ``ctckg.release.best_label`` (deterministic, English first)."""
    found: dict[str, list[tuple[str, str | None]]] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode(str(RDFS.label)), None):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
            found.setdefault(quad.subject.value, []).append((quad.object.value, quad.object.language))
    return {iri: label for iri, texts in found.items() if (label := best_label(texts)) is not None}


def run_checks(graph: Graph | ox.Store, checks: list[QcCheck] | None = None) -> Report:
    """Run the checks on the release merged with its import modules; one result per returned row."""
    checks = load_checks() if checks is None else checks
    store = graph if isinstance(graph, ox.Store) else to_store(graph)
    labels = _labels(store)
    report = Report(checks={"QC queries": len(checks)})
    for check in checks:
        solutions = store.query(check.query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise ValueError(f"QC check {check.name} is not a SELECT query")
        for row in solutions:
            entity = row["entity"]
            curie = compress(entity.value) if isinstance(entity, ox.NamedNode) else str(entity)
            report.results.append(Result(
                severity=check.severity, check=check.name, focus=curie,
                label=labels.get(entity.value, "") if isinstance(entity, ox.NamedNode) else "",
                path=_text(row["property"], {}), value=_text(row["value"], labels), message=check.summary,
                component="qc"))
    return report
