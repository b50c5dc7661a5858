"""GraphML export for Cytoscape, Gephi and networkx.

Nodes are the cells, cell clusters, molecules, drugs and processes the findings are about (attributes ``label``,
``kind``, ``iri``, ``definition``). Edges are the findings, projected as in :mod:`ctckg.export.statements`: a
directed multigraph with one edge per statement per finding, typed (``type``: cell interaction, effect, affected cell,
intervention target, context) and carrying the finding, its direction, status, evidence and references.
"""

from __future__ import annotations

import io

import networkx as nx

from ctckg.export.model import ReleaseView
from ctckg.export.statements import statements

__all__ = ["NODE_KINDS", "crosstalk_graph", "graphml_text"]

#: Kinds of terms drawn as GraphML nodes.
NODE_KINDS = ("cell", "structure", "molecule", "drug", "process")


def crosstalk_graph(view: ReleaseView) -> nx.MultiDiGraph:
    """The findings as a networkx multigraph (nodes and edges inserted in sorted order)."""
    graph = nx.MultiDiGraph(name=view.title, version=view.version)
    findings = {finding.curie: finding for finding in view.findings}
    kept = [st for st in statements(view)
            if view.kind(st.subject) in NODE_KINDS and view.kind(st.object) in NODE_KINDS]
    for curie in sorted({st.subject for st in kept} | {st.object for st in kept}):
        term = view.terms[curie]
        graph.add_node(curie, label=term.label, kind=term.kind, iri=term.iri, definition=term.definition or "")
    for index, st in enumerate(kept):
        finding = findings[st.finding]
        refs = [view.references[n] for n in finding.references if n in view.references]
        graph.add_edge(
            st.subject, st.object, key=f"e{index}", type=st.role, predicate=st.predicate,
            label=f"{st.predicate.removeprefix('biolink:').replace('_', ' ')}"
                  + (f" ({st.direction_qualifier})" if st.direction_qualifier else ""),
            finding=finding.curie, finding_label=finding.label, status=finding.status, direction=finding.direction,
            evidence="|".join(finding.evidence), references="|".join(ref.curie for ref in refs),
            reference_numbers="|".join(str(ref.number) for ref in refs),
            reference_labels="|".join(ref.label for ref in refs),
            mediators="|".join(view.label(m) for m in finding.role("mediators")), section=finding.section)
    return graph


def graphml_text(view: ReleaseView) -> str:
    """GraphML (UTF-8 XML) of :func:`crosstalk_graph`."""
    buffer = io.BytesIO()
    nx.write_graphml(crosstalk_graph(view), buffer, encoding="utf-8", prettyprint=True, named_key_ids=False)
    return buffer.getvalue().decode("utf-8")
