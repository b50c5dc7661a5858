"""Findings projected onto entity-to-entity statements (the edges of the KGX and GraphML exports).

A finding is one reified claim; graph tools want binary edges. Each finding yields:

* every partner cell ``interacts with`` every CTC cell (the cell-cell crosstalk the review is about);
* the *agents* of the finding (its interventions, else its mediators, else its partner cells, else its CTC cells)
  act on its *effects* (its processes, else its affected cells): the predicate follows the finding's direction
  (``promotes`` / ``inhibits`` -> ``affects`` with an increased / decreased direction qualifier, the correlations ->
  ``positively`` / ``negatively correlated with``, ``associated`` -> ``associated with``);
* the agents (or partner cells) ``affects`` every affected cell when processes are given too;
* every intervention ``affects`` every intervention target;
* a finding that yields none of these relates what it does name (agents to cells, cells to their cancer type or
  taxon, cells to each other), so that every finding has at least one edge.

Every statement keeps its finding, so references, evidence and context travel with each edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from ctckg.export.model import Finding, ReleaseView

__all__ = ["Statement", "DIRECTION_PREDICATES", "statements", "knowledge_level"]

#: direction of effect -> (Biolink predicate, object direction qualifier or None).
DIRECTION_PREDICATES: dict[str, tuple[str, str | None]] = {
    "promotes": ("biolink:affects", "increased"),
    "inhibits": ("biolink:affects", "decreased"),
    "positively correlates": ("biolink:positively_correlated_with", None),
    "negatively correlates": ("biolink:negatively_correlated_with", None),
    "associated": ("biolink:associated_with", None),
}


@dataclass(frozen=True, order=True)
class Statement:
    """One edge: subject, Biolink predicate and object, with the finding it comes from and its role."""

    finding: str
    subject: str
    predicate: str
    object: str
    role: str
    direction_qualifier: str | None = None


def knowledge_level(finding: Finding) -> str:
    """Biolink knowledge level: proposed findings are predictions, correlations statistical associations."""
    if finding.status == "proposed":
        return "prediction"
    if finding.direction.endswith("correlates"):
        return "statistical_association"
    return "knowledge_assertion"


def _finding_statements(finding: Finding) -> list[Statement]:
    out: set[Statement] = set()
    ctc, partners = finding.role("ctc_cells"), finding.role("partner_cells")
    affected, processes = finding.role("affected_cells"), finding.role("processes")
    interventions, targets = finding.role("interventions"), finding.role("intervention_targets")
    mediators = finding.role("mediators")
    for partner in partners:
        for cell in ctc:
            if partner != cell:
                out.add(Statement(finding.curie, partner, "biolink:interacts_with", cell, "cell interaction"))
    agents = interventions or mediators or partners or ctc
    effects = processes or affected
    predicate, qualifier = DIRECTION_PREDICATES[finding.direction]
    for agent in agents:
        for effect in effects:
            if agent != effect:
                out.add(Statement(finding.curie, agent, predicate, effect, "effect", qualifier))
    if processes:
        for agent in (interventions or partners or ctc):
            for cell in affected:
                if agent != cell:
                    out.add(Statement(finding.curie, agent, "biolink:affects", cell, "affected cell"))
    for intervention in interventions:
        for target in targets:
            if intervention != target:
                out.add(Statement(finding.curie, intervention, "biolink:affects", target, "intervention target"))
    if not out:
        out.update(_fallback(finding))
    return sorted(out)


def _fallback(finding: Finding) -> set[Statement]:
    """Edges for a finding that names no process and no cell pair: relate what it does name, most specific first."""
    cells = finding.role("ctc_cells") + finding.role("partner_cells") + finding.role("affected_cells")
    agents = finding.role("interventions") + finding.role("mediators")
    candidates = [
        [(agent, "biolink:associated_with", cell) for agent in agents for cell in cells],
        [(cell, "biolink:associated_with", cancer) for cell in cells for cancer in finding.role("cancers")],
        [(cell, "biolink:in_taxon", taxon) for cell in cells for taxon in finding.role("organisms")],
        [(first, "biolink:related_to", other) for first in cells[:1] for other in cells[1:]],
    ]
    for pairs in candidates:
        found = {Statement(finding.curie, s, p, o, "context") for s, p, o in pairs if s != o}
        if found:
            return found
    return set()


def statements(view: ReleaseView) -> list[Statement]:
    """Every statement of every finding, sorted (finding, subject, predicate, object)."""
    return [statement for finding in view.findings for statement in _finding_statements(finding)]
