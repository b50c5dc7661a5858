"""KGX TSV export (Biolink 4): ``ctckg_nodes.tsv`` and ``ctckg_edges.tsv``.

Edges are the curated statements (:mod:`ctckg.export.statements`), one edge per statement, never a product of a
finding's lists. The edge ``id`` is the statement's CURIE (unique, so ``kgx transform`` keeps every edge); its
cells, aspect, direction, anatomical site, species and cancer type are Biolink 4 qualifiers
(``qualified_predicate``, ``object_aspect_qualifier``, ``object_direction_qualifier``,
``subject_context_qualifier``, ``object_context_qualifier``, ``anatomical_context_qualifier``,
``species_context_qualifier``, ``disease_context_qualifier``); ``publications`` are the references the finding
cites as evidence, as ``PMID:`` or ``doi:`` where known. Nodes are every class an edge names plus the papers
(``biolink:JournalArticle``). Multi-valued cells use ``|``.
"""

from __future__ import annotations

from ctckg.export.model import ReleaseView, Term, obo_purl
from ctckg.export.paths import INFORES
from ctckg.export.statements import edges, knowledge_level

__all__ = ["NODE_COLUMNS", "EDGE_COLUMNS", "biolink_category", "kgx_tables", "parse_tsv", "paper_node_id"]

NODE_COLUMNS = ("id", "category", "name", "description", "synonym", "xref", "iri", "provided_by", "ctckg_kind")
EDGE_COLUMNS = ("id", "subject", "predicate", "object", "category", "knowledge_level", "agent_type",
                "primary_knowledge_source", "publications", "has_evidence", "qualified_predicate",
                "object_aspect_qualifier", "object_direction_qualifier", "subject_context_qualifier",
                "object_context_qualifier", "anatomical_context_qualifier", "species_context_qualifier",
                "disease_context_qualifier", "negated", "ctckg_species", "ctckg_cancer_types", "ctckg_statement",
                "ctckg_finding", "ctckg_finding_status",
                "ctckg_provenance", "ctckg_review_locator", "ctckg_leads_to")
#: Kinds that become nodes (study designs and evidence types stay edge properties).
_NODE_KINDS = {"cell", "structure", "molecule", "process", "physical factor", "drug", "intervention", "disease",
               "organism"}


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


def _single(values: tuple[str, ...]) -> str:
    return values[0] if len(values) == 1 else ""


def paper_node_id(ref: object) -> str:
    """KGX node ID of a paper: ``PMID:…`` where known, else our CURIE (a DOI is no valid KGX CURIE: it has '/')."""
    pmid = getattr(ref, "pmid", None)
    return f"PMID:{pmid}" if pmid else str(getattr(ref, "curie"))


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
        xrefs = [text for text, _ in ref.links if text != paper_node_id(ref)] + (
            [ref.curie] if paper_node_id(ref) != ref.curie else [])
        rows.append({"id": paper_node_id(ref), "category": "biolink:JournalArticle", "name": ref.label,
                     "description": ref.citation, "xref": _multi(xrefs),
                     "iri": (ref.links[0][1] if ref.links else obo_purl(ref.curie)) or "", "provided_by": INFORES,
                     "ctckg_kind": "reference"})
    return sorted(rows, key=lambda row: row["id"])


def kgx_tables(view: ReleaseView) -> tuple[str, str]:
    """The nodes and edges TSV texts for ``view``: one edge per curated statement with a subject."""
    findings = {finding.curie: finding for finding in view.findings}
    statements = {st.curie: st for finding in view.findings for st in finding.statements}
    rows: list[dict[str, str]] = []
    used: set[str] = set()
    for edge in edges(view):
        finding = findings[edge.finding]
        statement = statements[edge.statement]
        cancers = finding.role("cancers")
        context = {edge.subject_context_qualifier, edge.object_context_qualifier} - {""}
        used.update({edge.subject, edge.object, *context, *edge.anatomical_context_qualifier,
                     *edge.species_context_qualifier, *cancers})
        rows.append({
            "id": edge.statement, "subject": edge.subject, "predicate": edge.predicate, "object": edge.object,
            "category": "biolink:Association", "knowledge_level": knowledge_level(finding, statement),
            "agent_type": "manual_agent", "primary_knowledge_source": INFORES,
            "publications": _multi(view.references[n].publication_id for n in finding.references
                                   if n in view.references),
            "has_evidence": _multi(finding.evidence), "qualified_predicate": edge.qualified_predicate,
            "object_aspect_qualifier": edge.object_aspect_qualifier,
            "object_direction_qualifier": edge.object_direction_qualifier,
            "subject_context_qualifier": edge.subject_context_qualifier,
            "object_context_qualifier": edge.object_context_qualifier,
            "anatomical_context_qualifier": _multi(edge.anatomical_context_qualifier),
            # Biolink's species and disease qualifiers hold one value: set them when the statement has one
            # (the ctckg_ columns always list all of them, e.g. "human and murine")
            "species_context_qualifier": _single(edge.species_context_qualifier),
            "disease_context_qualifier": _single(cancers), "negated": "True" if edge.negated else "",
            "ctckg_species": _multi(edge.species_context_qualifier), "ctckg_cancer_types": _multi(cancers),
            "ctckg_statement": edge.label, "ctckg_finding": finding.curie, "ctckg_finding_status": finding.status,
            "ctckg_provenance": finding.provenance, "ctckg_review_locator": finding.locator,
            "ctckg_leads_to": _multi(statement.next),
        })
    used = {curie for curie in used if view.kind(curie) in _NODE_KINDS}
    return _table(NODE_COLUMNS, _node_rows(view, used)), _table(EDGE_COLUMNS, rows)


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
