"""GraphML export for Cytoscape, Gephi and networkx.

Nodes are the cells, cell clusters, molecules, drugs, processes and physical factors the statements name
(attributes ``name`` and ``label``, ``kind``, ``iri``, ``definition``; ``node_type`` ``entity``). Edges are the
curated statements, one edge per statement (:mod:`ctckg.export.statements`; ``edge_type`` ``statement``), with
Cytoscape's ``interaction`` (the predicate in words), the statement's text, its sign, aspect, cells and site, and
its finding, status, evidence and references.

**Context nodes** (``node_type`` ``context``) are the species a statement was reported in (the statement's
organisms, kind ``organism``) and the cancer types of its finding (kind ``disease``). GraphML edges join two nodes
and cannot point at another edge, so a statement's context is drawn as **context links** (``edge_type``
``context``) from the statement's subject and from its object to each context node, with ``interaction``
``in species`` or ``in cancer type``, ``statement`` (the statement CURIE), ``context_of`` (``subject`` or
``object``) and ``label`` "context of statement <CURIE>: <statement text>". A context link says only where the
statement was observed; it is no mechanism and no statement of the review about the species or the disease (filter
on ``edge_type`` to hide them).
"""

from __future__ import annotations

import io

import networkx as nx

from ctckg.export.model import ReleaseView
from ctckg.export.statements import edges

__all__ = ["NODE_KINDS", "CONTEXT_KINDS", "crosstalk_graph", "graphml_text"]

#: Kinds of terms drawn as GraphML nodes.
NODE_KINDS = ("cell", "structure", "molecule", "drug", "intervention", "process", "physical factor")
#: Kinds of the context nodes, with the ``interaction`` of the context links to them.
CONTEXT_KINDS = {"organism": "in species", "disease": "in cancer type"}


def crosstalk_graph(view: ReleaseView) -> nx.MultiDiGraph:
    """The statements as a networkx multigraph (nodes and edges inserted in sorted order)."""
    graph = nx.MultiDiGraph(name=view.title, version=view.version)
    findings = {finding.curie: finding for finding in view.findings}
    kept = [e for e in edges(view) if view.kind(e.subject) in NODE_KINDS and view.kind(e.object) in NODE_KINDS]
    for curie in sorted({e.subject for e in kept} | {e.object for e in kept}):
        term = view.terms[curie]
        graph.add_node(curie, name=term.label, label=term.label, kind=term.kind, iri=term.iri,
                       definition=term.definition or "", node_type="entity")
    contexts = {e.statement: sorted({*e.species_context_qualifier, *findings[e.finding].role("cancers")})
                for e in kept}
    for curie in sorted({c for found in contexts.values() for c in found}):
        term = view.terms[curie]
        if term.kind not in CONTEXT_KINDS:
            raise ValueError(f"context term {curie} is a {term.kind}, not one of {sorted(CONTEXT_KINDS)}")
        graph.add_node(curie, name=term.label, label=term.label, kind=term.kind, iri=term.iri,
                       definition=term.definition or "", node_type="context")
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
            reference_labels="|".join(ref.label for ref in refs), section=finding.section, edge_type="statement")
        for context in contexts[edge.statement]:
            interaction = CONTEXT_KINDS[view.terms[context].kind]
            for role, node in (("subject", edge.subject), ("object", edge.object)):
                graph.add_edge(node, context, key=f"{edge.statement}~{interaction}~{context}~{role}",
                               interaction=interaction, edge_type="context", statement=edge.statement,
                               context_of=role, finding=finding.curie,
                               label=f"context of statement {edge.statement}: {edge.label}")
    return graph


def graphml_text(view: ReleaseView) -> str:
    """GraphML (UTF-8 XML) of :func:`crosstalk_graph`."""
    buffer = io.BytesIO()
    nx.write_graphml(crosstalk_graph(view), buffer, encoding="utf-8", prettyprint=True, named_key_ids=False)
    return buffer.getvalue().decode("utf-8")
