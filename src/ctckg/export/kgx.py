"""KGX TSV export (Biolink 4): ``ctckg_nodes.tsv`` and ``ctckg_edges.tsv``.

Nodes are the cells, structures, molecules, processes, drugs, cancer types and organisms the findings point at,
plus the review and its references (``biolink:JournalArticle``). Edges come from :mod:`ctckg.export.statements`:
one edge per statement per finding, each with ``knowledge_level``, ``agent_type``, ``primary_knowledge_source``,
``publications`` (the references the finding cites), ``has_evidence`` (ECO) and ``ctckg_*`` columns that keep the
finding, its direction, locator and context (cancer type, organism, study design). Multi-valued cells use ``|``.
"""

from __future__ import annotations

import uuid

from ctckg.export.model import ReleaseView, Term, obo_purl
from ctckg.export.paths import INFORES
from ctckg.export.statements import knowledge_level, statements

__all__ = ["NODE_COLUMNS", "EDGE_COLUMNS", "biolink_category", "kgx_tables", "parse_tsv", "EDGE_NAMESPACE"]

NODE_COLUMNS = ("id", "category", "name", "description", "synonym", "xref", "iri", "provided_by", "ctckg_kind")
EDGE_COLUMNS = ("id", "subject", "predicate", "object", "category", "knowledge_level", "agent_type",
                "primary_knowledge_source", "publications", "has_evidence", "object_direction_qualifier",
                "ctckg_finding", "ctckg_finding_status", "ctckg_direction", "ctckg_role", "ctckg_review_section",
                "ctckg_table_row", "ctckg_cancer_context", "ctckg_organism_context", "ctckg_study_design",
                "ctckg_mediators")
#: Namespace of the deterministic (UUID 5) edge identifiers.
EDGE_NAMESPACE = uuid.UUID("8f6e1a52-4c1e-5b7a-9d0e-2f3c4b5a6d7e")
#: Kinds that become nodes (study designs and evidence types stay edge properties).
_NODE_KINDS = {"cell", "structure", "molecule", "process", "drug", "disease", "organism"}


def biolink_category(term: Term, lineage: set[str]) -> str:
    """The Biolink 4 category of a term from its kind, prefix and superclasses."""
    prefix = term.curie.split(":")[0]
    if term.kind == "drug":
        chemical = prefix == "CHEBI" or any(a.startswith("CHEBI:") for a in lineage)
        return "biolink:Drug" if chemical else "biolink:Treatment"
    if term.kind == "molecule":
        if "GO:0032991" in lineage:
            return "biolink:MacromolecularComplex"
        if prefix == "GO" or "GO:0005575" in lineage:
            return "biolink:CellularComponent"
        if prefix == "PR" or "PR:000000001" in lineage or any(x.startswith("HGNC:") for x in term.xrefs):
            return "biolink:Protein"
        if prefix == "CHEBI" or any(a.startswith("CHEBI:") for a in lineage):
            return "biolink:ChemicalEntity"
        return "biolink:MolecularEntity"
    return {"cell": "biolink:Cell", "structure": "biolink:AnatomicalEntity", "process": "biolink:BiologicalProcess",
            "disease": "biolink:Disease", "organism": "biolink:OrganismTaxon"}.get(term.kind, "biolink:NamedThing")


def _cell(value: object) -> str:
    """One TSV cell: whitespace collapsed (no tabs or newlines can break a row)."""
    return " ".join(str(value).split()) if value is not None else ""


def _multi(values: object) -> str:
    return "|".join(_cell(v).replace("|", "/") for v in values)  # type: ignore[union-attr]


def _table(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    lines = ["\t".join(columns)]
    lines += ["\t".join(_cell(row.get(column, "")) for column in columns) for row in rows]
    return "\n".join(lines) + "\n"


def _node_rows(view: ReleaseView, used: set[str]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for curie in sorted(used):
        term = view.terms.get(curie)
        if term is None:
            continue
        rows.append({"id": curie, "category": biolink_category(term, set(view.lineage.get(curie, ()))), "name": term.label,
                     "description": term.definition or "", "synonym": _multi(term.synonyms),
                     "xref": _multi(term.xrefs), "iri": term.iri, "provided_by": INFORES, "ctckg_kind": term.kind})
    for ref in view.references.values():
        rows.append({"id": ref.curie, "category": "biolink:JournalArticle", "name": ref.label,
                     "description": ref.citation, "xref": f"doi:{ref.doi}" if ref.doi else "",
                     "iri": obo_purl(ref.curie) or "", "provided_by": INFORES, "ctckg_kind": "reference"})
    return sorted(rows, key=lambda row: row["id"])


def kgx_tables(view: ReleaseView) -> tuple[str, str]:
    """The nodes and edges TSV texts for ``view``."""
    findings = {finding.curie: finding for finding in view.findings}
    references = {ref.number: ref.curie for ref in view.references.values()}
    edges: list[dict[str, str]] = []
    used: set[str] = set()
    for st in statements(view):
        finding = findings[st.finding]
        key = f"{st.finding}|{st.subject}|{st.predicate}|{st.object}|{st.role}"
        used.update({st.subject, st.object})
        edges.append({
            "id": f"urn:uuid:{uuid.uuid5(EDGE_NAMESPACE, key)}", "subject": st.subject, "predicate": st.predicate,
            "object": st.object, "category": "biolink:Association", "knowledge_level": knowledge_level(finding),
            "agent_type": "manual_agent", "primary_knowledge_source": INFORES,
            "publications": _multi(references[n] for n in finding.references if n in references),
            "has_evidence": _multi(finding.evidence), "object_direction_qualifier": st.direction_qualifier or "",
            "ctckg_finding": finding.curie, "ctckg_finding_status": finding.status,
            "ctckg_direction": finding.direction, "ctckg_role": st.role, "ctckg_review_section": finding.section,
            "ctckg_table_row": "" if finding.table_row is None else str(finding.table_row),
            "ctckg_cancer_context": _multi(finding.role("cancers")),
            "ctckg_organism_context": _multi(finding.role("organisms")),
            "ctckg_study_design": _multi(finding.role("study_designs")),
            "ctckg_mediators": _multi(finding.role("mediators")),
        })
    for finding in view.findings:  # context nodes (cancer types, organisms) are useful to KG users as well
        used.update(finding.role("cancers") + finding.role("organisms"))
    used = {curie for curie in used if view.kind(curie) in _NODE_KINDS}
    return _table(NODE_COLUMNS, _node_rows(view, used)), _table(EDGE_COLUMNS, edges)


def parse_tsv(text: str, multivalued: tuple[str, ...] = ()) -> list[dict[str, object]]:
    """Read a KGX TSV text back: one dict per row; ``multivalued`` columns are split on ``|`` into lists."""
    lines = text.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    rows: list[dict[str, object]] = []
    for line in lines[1:]:
        row: dict[str, object] = dict(zip(header, line.split("\t")))
        for column in multivalued:
            value = str(row.get(column, ""))
            row[column] = value.split("|") if value else []
        rows.append(row)
    return rows
