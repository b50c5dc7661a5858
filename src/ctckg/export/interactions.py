"""The ligand–receptor table (``exports/interactions/ligand-receptor.tsv``), in the columns CellPhoneDB / OmniPath
users expect: one row per curated ``binds`` statement between two molecules.

``source`` / ``target`` follow OmniPath's intercellular tables (the statement's subject and object);
``source_cell`` / ``target_cell`` are the cells the review places each molecule on (empty where it
does not say); ``references`` are PMID/doi identifiers of the papers the finding cites as evidence.
"""

from __future__ import annotations

from ctckg.export.model import ReleaseView
from ctckg.export.statements import edges

__all__ = ["INTERACTION_COLUMNS", "ligand_receptor_tsv"]

INTERACTION_COLUMNS = ("source", "source_name", "source_cell", "source_cell_name", "target", "target_name",
                       "target_cell", "target_cell_name", "organism",
                       "statement", "finding", "finding_status", "provenance", "references", "reference_numbers")
_BINDS = "biolink:binds"


def ligand_receptor_tsv(view: ReleaseView) -> str:
    """The ligand–receptor TSV text (a header line, then rows sorted by source, target and statement)."""
    findings = {finding.curie: finding for finding in view.findings}
    rows: list[list[str]] = []
    for edge in edges(view):
        if edge.predicate != _BINDS:
            continue
        finding = findings[edge.finding]
        refs = [view.references[n] for n in finding.references if n in view.references]
        subject_cell, object_cell = edge.subject_context_qualifier, edge.object_context_qualifier
        rows.append([
            edge.subject, view.label(edge.subject), subject_cell, view.label(subject_cell) if subject_cell else "",
            edge.object, view.label(edge.object), object_cell, view.label(object_cell) if object_cell else "",
            "|".join(edge.species_context_qualifier), edge.statement, finding.curie, finding.status,
            finding.provenance, "|".join(ref.publication_id for ref in refs),
            "|".join(str(ref.number) for ref in refs)])
    rows.sort(key=lambda row: (row[1].lower(), row[5].lower(), row[9]))
    lines = ["\t".join(INTERACTION_COLUMNS)] + ["\t".join(" ".join(cell.split()) for cell in row) for row in rows]
    return "\n".join(lines) + "\n"
