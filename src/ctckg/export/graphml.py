"""GraphML export for Cytoscape, Gephi and networkx.

Nodes are the cells, cell clusters, molecules, drugs, processes and physical factors the statements name
(attributes ``name`` and ``label``, ``kind``, ``iri``, ``definition``). Edges are the curated statements, one edge
per statement (:mod:`ctckg.export.statements`), with Cytoscape's ``interaction`` (the predicate in words), the
statement's text, its sign, aspect, cells and site, and its finding, status, evidence and references.
"""

from __future__ import annotations

import io

import networkx as nx

from ctckg.export.model import ReleaseView
from ctckg.export.statements import edges

__all__ = ["NODE_KINDS", "crosstalk_graph", "graphml_text"]

#: Kinds of terms drawn as GraphML nodes.
NODE_KINDS = ("cell", "structure", "molecule", "drug", "intervention", "process", "physical factor")


def crosstalk_graph(view: ReleaseView) -> nx.MultiDiGraph:
    """The statements as a networkx multigraph (nodes and edges inserted in sorted order)."""
    graph = nx.MultiDiGraph(name=view.title, version=view.version)
    findings = {finding.curie: finding for finding in view.findings}
    kept = [e for e in edges(view) if view.kind(e.subject) in NODE_KINDS and view.kind(e.object) in NODE_KINDS]
    for curie in sorted({e.subject for e in kept} | {e.object for e in kept}):
        term = view.terms[curie]
        graph.add_node(curie, name=term.label, label=term.label, kind=term.kind, iri=term.iri,
                       definition=term.definition or "")
    for edge in kept:
        finding = findings[edge.finding]
        refs = [view.references[n] for n in finding.references if n in view.references]
        words = edge.predicate.removeprefix("biolink:").replace("_", " ")
        if edge.object_direction_qualifier:
            words = f"{'increases' if edge.object_direction_qualifier == 'increased' else 'decreases'}"
        if edge.negated:
            words = "has no effect on"
        graph.add_edge(
            edge.subject, edge.object, key=edge.statement, interaction=words, predicate=edge.predicate,
            label=edge.label, statement=edge.statement, direction=edge.object_direction_qualifier,
            aspect=edge.object_aspect_qualifier, subject_cell=view.label(edge.subject_context_qualifier)
            if edge.subject_context_qualifier else "", object_cell=view.label(edge.object_context_qualifier)
            if edge.object_context_qualifier else "", site="|".join(view.label(c) for c in
                                                                     edge.anatomical_context_qualifier),
            finding=finding.curie, finding_label=finding.label, status=finding.status,
            provenance=finding.provenance, evidence="|".join(finding.evidence),
            references="|".join(ref.publication_id for ref in refs),
            reference_numbers="|".join(str(ref.number) for ref in refs),
            reference_labels="|".join(ref.label for ref in refs), section=finding.section)
    return graph


def graphml_text(view: ReleaseView) -> str:
    """GraphML (UTF-8 XML) of :func:`crosstalk_graph`."""
    buffer = io.BytesIO()
    nx.write_graphml(crosstalk_graph(view), buffer, encoding="utf-8", prettyprint=True, named_key_ids=False)
    return buffer.getvalue().decode("utf-8")
