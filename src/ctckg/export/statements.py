"""The curated statements of the release as Biolink edges (the edges of the KGX and GraphML exports).

Every edge is exactly one curated statement: its subject, a Biolink predicate for its relation and sign, its
object, and the statement's cells, aspect and context as Biolink 4 qualifiers. Nothing is multiplied out of the
finding's role lists, and a statement whose agent the review does not name (no subject) gives no edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from ctckg.curation.records import RELATIONS
from ctckg.export.model import CuratedStatement, Finding, ReleaseView

__all__ = ["Edge", "edges", "knowledge_level", "predicate_of"]

#: RO property (CURIE) of a statement -> curation relation name (the inverse of RELATIONS' RO mapping).
_RELATION_OF_RO = {ro: relation.name for relation in RELATIONS.values() for ro in relation.ro.values()}
_DIRECTION = {"increases": "increased", "decreases": "decreased"}


@dataclass(frozen=True, order=True)
class Edge:
    """One KGX edge: a curated statement with its Biolink predicate and qualifiers, and the finding it belongs to."""

    statement: str
    finding: str
    subject: str
    predicate: str
    object: str
    qualified_predicate: str = ""
    object_direction_qualifier: str = ""
    object_aspect_qualifier: str = ""
    subject_context_qualifier: str = ""
    object_context_qualifier: str = ""
    anatomical_context_qualifier: tuple[str, ...] = ()
    species_context_qualifier: tuple[str, ...] = ()
    negated: bool = False
    label: str = ""


def predicate_of(statement: CuratedStatement) -> tuple[str, str, str, bool]:
    """(Biolink predicate, qualified predicate, object direction qualifier, negated) of a statement."""
    relation = RELATIONS[_RELATION_OF_RO[statement.relation]]
    sign = statement.sign or ""
    if relation.name == "correlates with":
        return relation.biolink[sign], "", "", False
    if relation.signed:
        if sign == "no effect":
            return "biolink:affects", "biolink:causes", "", True
        return relation.biolink[sign], "biolink:causes", _DIRECTION[sign], False
    return relation.biolink[""], "", "", False


def knowledge_level(finding: Finding, statement: CuratedStatement | None = None) -> str:
    """Biolink knowledge level: proposals are predictions, inferences entailments, correlations associations."""
    if finding.status == "proposed":
        return "prediction"
    if finding.provenance == "curator inference":
        return "logical_entailment"
    if statement is not None and _RELATION_OF_RO.get(statement.relation) == "correlates with":
        return "statistical_association"
    return "knowledge_assertion"


def edges(view: ReleaseView) -> list[Edge]:
    """One edge per curated statement that names its subject, sorted by statement ID."""
    out: list[Edge] = []
    for finding in view.findings:
        for statement in finding.statements:
            if statement.subject is None:
                continue
            predicate, qualified, direction, negated = predicate_of(statement)
            out.append(Edge(
                statement=statement.curie, finding=finding.curie, subject=statement.subject, predicate=predicate,
                object=statement.object, qualified_predicate=qualified, object_direction_qualifier=direction,
                object_aspect_qualifier=statement.aspect or "",
                subject_context_qualifier=statement.subject_cell or "",
                object_context_qualifier=statement.object_cell or "",
                anatomical_context_qualifier=statement.locations, species_context_qualifier=statement.organisms,
                negated=negated, label=statement.label))
    return sorted(out, key=lambda e: (e.finding, len(e.statement), e.statement))
