"""ROBOT-style quality checks: each ``queries/qc/*-violation.rq`` must return zero rows on the release."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from ctckg.namespaces import compress
from ctckg.sparql.catalog import parse_named_query
from ctckg.validate.paths import QC_QUERIES_DIR
from ctckg.validate.report import Report, Result, source_of

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


def load_checks(directory: Path = QC_QUERIES_DIR) -> list[QcCheck]:
    """Every ``*-violation.rq`` in ``directory``, sorted by name; header fields ``summary`` and ``severity``.

    Headers are read by the same parser as the competency questions (:func:`ctckg.sparql.catalog.parse_named_query`).
    """
    checks = []
    for path in sorted(directory.glob("*-violation.rq")):
        query = parse_named_query(path)
        checks.append(QcCheck(path.name.removesuffix(".rq"), query.summary,
                              _SEVERITY[query.extra.get("severity", "error")], query.text))
    return checks


def _term(node: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    assert isinstance(node, Literal)
    if node.language:
        return ox.Literal(str(node), language=node.language)
    if node.datatype:
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
    return ox.Literal(str(node))


def to_store(graph: Graph) -> ox.Store:
    """An in-memory Oxigraph store with the triples of ``graph`` (SPARQL there is ~10x faster than rdflib's)."""
    store = ox.Store()
    store.extend(ox.Quad(_term(s), _term(p), _term(o), ox.DefaultGraph()) for s, p, o in graph)
    return store


def _text(node: object, labels: dict[str, str]) -> str:
    if node is None:
        return ""
    if isinstance(node, ox.NamedNode):
        curie = compress(node.value)
        return f"{curie} '{labels[node.value]}'" if node.value in labels else curie
    if isinstance(node, ox.Literal):
        return _IRI.sub(lambda m: compress(m.group(1)), node.value)
    return str(node)


def run_checks(graph: Graph | ox.Store, checks: list[QcCheck] | None = None) -> Report:
    """Run the checks on the release merged with its import modules; one result per returned row."""
    checks = load_checks() if checks is None else checks
    store = graph if isinstance(graph, ox.Store) else to_store(graph)
    labels = {row["s"].value: row["l"].value for row in store.query(
        "SELECT ?s (SAMPLE(?x) AS ?l) WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?x } GROUP BY ?s")}
    report = Report(checks={"QC queries": len(checks)})
    for check in checks:
        for row in store.query(check.query):
            entity = row["entity"]
            curie = compress(entity.value) if isinstance(entity, ox.NamedNode) else str(entity)
            report.results.append(Result(
                severity=check.severity, check=check.name, focus=curie,
                label=labels.get(entity.value, "") if isinstance(entity, ox.NamedNode) else "",
                path=_text(row["property"], {}), value=_text(row["value"], labels), message=check.summary,
                component="qc", source=source_of(curie) if curie.startswith("CTCKG:") else ""))
    return report
