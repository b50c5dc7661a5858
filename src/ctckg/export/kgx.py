"""KGX TSV export (Biolink 4): ``ctckg_nodes.tsv`` and ``ctckg_edges.tsv``.

Edges are the curated statements (:mod:`ctckg.export.statements`), never a product of a finding's lists, aggregated
to **one edge per subject–predicate–object**. kgx keeps a graph (``kgx transform`` without ``--stream`` and every
``kgx merge``) in a networkx multigraph keyed on ``subject-predicate-object``; the only way to give it another key
is a ``key`` field, and kgx 2.6 then fails (``GraphSink.write_edge`` passes ``key`` twice to
``MultiDiGraph.add_edge``). Statements sharing a triple would collapse there, the last one read winning, so the
export merges them itself, openly:

* ``publications`` and ``has_evidence`` are the union over the statements' findings;
* ``knowledge_level`` is the strongest of the statements' levels (knowledge_assertion > logical_entailment >
  statistical_association > prediction);
* a qualifier (``qualified_predicate``, aspect, direction, subject/object cell, anatomical site, species, cancer
  type) is kept only when every statement of the edge has the same value, so the edge never says more than each
  of its statements (e.g. "increases, in the liver" and "increases, in the lung" give "increases");
* a "no effect" statement (``negated``) is written with the predicate ``biolink:causes`` (negated: the subject
  does not cause a change of the object), so it never shares an edge with a statement that the subject does
  affect the object: aspirin decreased CTC numbers in colorectal cancer and had no effect in breast cancer;
* ``id`` is the first statement's CURIE, ``ctckg_statements`` lists every statement (one per ``|``) and the other
  ``ctckg_`` columns their labels, findings, statuses, provenance and locators, one entry per statement in the same
  order (a finding repeats when two of its statements share the edge);
* two "no effect" statements on one triple whose qualifiers differ stop the export with an error: dropping the
  qualifiers they do not share would make the negation claim more than either statement.

The edge ``category`` is the most specific Biolink association class whose subject, predicate and object
constraints the edge meets (:func:`edge_category`), else ``biolink:Association``. Nodes are only the terms that
are the subject or object of some edge: papers, cancer types, species and context cells stay CURIEs in
``publications`` and the qualifiers, as Biolink allows. Multi-valued cells use ``|``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ctckg.curation.records import RELATIONS
from ctckg.export.model import ReleaseView, Term
from ctckg.export.paths import INFORES
from ctckg.export.statements import Edge, edges, knowledge_level
from ctckg.schema import ROLE_SLOTS, STATEMENT_SLOTS

__all__ = ["NODE_COLUMNS", "EDGE_COLUMNS", "EDGE_CATEGORIES", "KNOWLEDGE_LEVELS", "QUALIFIER_COLUMNS",
           "biolink_category", "edge_category", "kgx_tables", "parse_tsv", "paper_node_id"]

NODE_COLUMNS = ("id", "category", "name", "description", "synonym", "xref", "iri", "provided_by", "ctckg_kind")
#: Qualifier columns: kept on an aggregated edge only when all its statements agree.
QUALIFIER_COLUMNS = ("qualified_predicate", "object_aspect_qualifier", "object_direction_qualifier",
                     "subject_context_qualifier", "object_context_qualifier", "anatomical_context_qualifier",
                     "species_context_qualifier", "disease_context_qualifier", "negated", "ctckg_species",
                     *(slot.kgx for slot in (*ROLE_SLOTS, *STATEMENT_SLOTS) if slot.kgx))
EDGE_COLUMNS = ("id", "subject", "predicate", "object", "category", "knowledge_level", "agent_type",
                "primary_knowledge_source", "publications", "has_evidence", *QUALIFIER_COLUMNS,
                "ctckg_statements", "ctckg_statement", "ctckg_finding", "ctckg_finding_status", "ctckg_provenance",
                "ctckg_review_locator", "ctckg_leads_to")
#: Biolink knowledge levels, strongest first (an aggregated edge takes the strongest of its statements).
KNOWLEDGE_LEVELS = ("knowledge_assertion", "logical_entailment", "statistical_association", "prediction")
#: Kinds that become nodes (study designs and evidence types stay edge properties).
_NODE_KINDS = {"cell", "structure", "molecule", "process", "physical factor", "drug", "intervention", "disease",
               "organism"}
#: Node categories that are Biolink chemical entities / gene products / biological entities (from the Biolink 4
#: class hierarchy: Protein is a gene product and a biological entity but no chemical entity).
_CHEMICAL = {"biolink:ChemicalEntity", "biolink:MolecularEntity", "biolink:Drug"}
_GENE_PRODUCT = {"biolink:Protein"}
_BIOLOGICAL = {"biolink:Protein", "biolink:Cell", "biolink:AnatomicalEntity", "biolink:CellularComponent",
               "biolink:MacromolecularComplex", "biolink:BiologicalProcess", "biolink:Disease"}
#: Per curation relation (RELATIONS), the association classes in order of preference: (category, allowed subject
#: categories, allowed object categories). The first whose subject and object fit is the edge category; every
#: relation falls back to biolink:Association (cells expressing, producing, interacting with or correlating with
#: something have no specific Biolink association class).
EDGE_CATEGORIES: dict[str, tuple[tuple[str, frozenset[str], frozenset[str]], ...]] = {
    "affects": (("biolink:ChemicalAffectsGeneAssociation", frozenset(_CHEMICAL), frozenset(_GENE_PRODUCT)),
                ("biolink:ChemicalAffectsBiologicalEntityAssociation", frozenset(_CHEMICAL), frozenset(_BIOLOGICAL)),
                ("biolink:GeneAffectsChemicalAssociation", frozenset(_GENE_PRODUCT | _CHEMICAL),
                 frozenset(_CHEMICAL)),
                # a gene product or complex that "regulates or acts upstream of" a process (Biolink's definition)
                ("biolink:MacromolecularMachineToBiologicalProcessAssociation",
                 frozenset(_GENE_PRODUCT | {"biolink:MacromolecularComplex"}),
                 frozenset({"biolink:BiologicalProcess"}))),
    "binds": (("biolink:PairwiseMolecularInteraction", frozenset({"biolink:MolecularEntity"}),
               frozenset({"biolink:MolecularEntity"})),
              ("biolink:PairwiseGeneToGeneInteraction", frozenset(_GENE_PRODUCT), frozenset(_GENE_PRODUCT)),
              ("biolink:ChemicalGeneInteractionAssociation", frozenset(_CHEMICAL), frozenset(_GENE_PRODUCT))),
    # (GeneOrGeneProductOrGeneFamilyToBiologicalProcessOrActivityAssociation needs a "gene or gene product or gene
    # family", a mixin that Biolink's Protein does not carry; proteins and complexes are macromolecular machines)
    "participates in": (
        ("biolink:MacromolecularMachineToBiologicalProcessAssociation",
         frozenset(_GENE_PRODUCT | {"biolink:MacromolecularComplex"}), frozenset({"biolink:BiologicalProcess"})),
        ("biolink:ChemicalEntityToBiologicalProcessAssociation", frozenset(_CHEMICAL),
         frozenset({"biolink:BiologicalProcess"}))),
    "produces": (),
    "expresses": (),
    "correlates with": (),
}
EDGE_CATEGORIES["directly regulates"] = EDGE_CATEGORIES["affects"]  # both are biolink:affects
EDGE_CATEGORIES["interacts with"] = EDGE_CATEGORIES["binds"]  # physically_interacts_with, an interacts_with
EDGE_CATEGORIES["capable of"] = EDGE_CATEGORIES["participates in"]  # capable_of is a participates_in
#: RO property (CURIE) -> curation relation name.
_RELATION_OF_RO = {ro: relation.name for relation in RELATIONS.values() for ro in relation.ro.values()}


def biolink_category(term: Term, lineage: set[str]) -> str:
    """The Biolink 4 category of a term from its curated kind and its superclasses."""
    prefix = term.curie.split(":")[0]
    if term.kind == "drug":
        chemical = prefix == "CHEBI" or any(a.startswith("CHEBI:") for a in lineage)
        return "biolink:Drug" if chemical else "biolink:Treatment"
    if term.kind == "molecule":
        if "GO:0032991" in lineage:
            return "biolink:MacromolecularComplex"
        if prefix == "GO" or "GO:0005575" in lineage:
            return "biolink:CellularComponent"
        if prefix == "PR" or "PR:000000001" in lineage or term.gene_records:
            return "biolink:Protein"
        if prefix == "CHEBI" or any(a.startswith("CHEBI:") for a in lineage):
            return "biolink:ChemicalEntity"
        return "biolink:MolecularEntity"
    return {"cell": "biolink:Cell", "structure": "biolink:AnatomicalEntity", "process": "biolink:BiologicalProcess",
            "disease": "biolink:Disease", "organism": "biolink:OrganismTaxon"}.get(term.kind, "biolink:NamedThing")


def edge_category(relation: str, subject_category: str, object_category: str, negated: bool = False) -> str:
    """The Biolink association class of a statement of curation relation ``relation`` between nodes of the given
    categories: the first of :data:`EDGE_CATEGORIES` whose subject and object fit, else ``biolink:Association``.
    A negated edge (predicate ``biolink:causes``) is a plain ``biolink:Association``: the affects classes require
    ``biolink:affects``."""
    if negated:
        return "biolink:Association"
    for category, subjects, objects in EDGE_CATEGORIES[relation]:
        if subject_category in subjects and object_category in objects:
            return category
    return "biolink:Association"


def _cell(value: object) -> str:
    """One TSV cell: whitespace collapsed (no tabs or newlines can break a row)."""
    return " ".join(str(value).split()) if value is not None else ""


def _multi(values: Iterable[object]) -> str:
    """Several values in one cell, separated by ``|`` (a ``|`` inside a value becomes ``/``)."""
    return "|".join(_cell(v).replace("|", "/") for v in values)


def _single(values: tuple[str, ...]) -> str:
    return values[0] if len(values) == 1 else ""


def paper_node_id(ref: object) -> str:
    """KGX ID of a paper: ``PMID:…`` where known, else our CURIE (a DOI is no valid KGX CURIE: it has '/')."""
    pmid = getattr(ref, "pmid", None)
    return f"PMID:{pmid}" if pmid else str(ref.curie)  # type: ignore[attr-defined]


def _table(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    lines = ["\t".join(columns)]
    lines += ["\t".join(_cell(row.get(column, "")) for column in columns) for row in rows]
    return "\n".join(lines) + "\n"


def _node_category(view: ReleaseView, curie: str) -> str:
    return biolink_category(view.terms[curie], set(view.lineage.get(curie, ())))


def _node_rows(view: ReleaseView, used: set[str]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for curie in sorted(used):
        term = view.terms[curie]
        rows.append({"id": curie, "category": _node_category(view, curie), "name": term.label,
                     "description": term.definition or "", "synonym": _multi(term.synonyms),
                     "xref": _multi(term.xrefs), "iri": term.iri, "provided_by": INFORES, "ctckg_kind": term.kind})
    return rows


def _statement_row(view: ReleaseView, edge: Edge) -> dict[str, object]:
    """The KGX fields of one curated statement (before aggregation); list values for the multi-valued ones."""
    finding = next(f for f in view.findings if f.curie == edge.finding)
    statement = next(st for st in finding.statements if st.curie == edge.statement)
    cancers = finding.role("cancers")
    predicate, qualified = edge.predicate, edge.qualified_predicate
    if edge.negated:  # "no effect": the subject does not cause a change of the object (see the module docstring)
        predicate, qualified = "biolink:causes", ""
    relation = _RELATION_OF_RO[statement.relation]
    return {
        "subject": edge.subject, "predicate": predicate, "object": edge.object,
        "category": edge_category(relation, _node_category(view, edge.subject), _node_category(view, edge.object),
                                  edge.negated),
        "knowledge_level": knowledge_level(finding, statement),
        "publications": [view.references[n].publication_id for n in finding.references if n in view.references],
        "has_evidence": list(finding.evidence), "qualified_predicate": qualified,
        "object_aspect_qualifier": edge.object_aspect_qualifier,
        "object_direction_qualifier": edge.object_direction_qualifier,
        "subject_context_qualifier": edge.subject_context_qualifier,
        "object_context_qualifier": edge.object_context_qualifier,
        "anatomical_context_qualifier": _multi(edge.anatomical_context_qualifier),
        # Biolink's species and disease qualifiers hold one value: set them when the statement has one
        # (the ctckg_ columns list all of them, e.g. "human and murine")
        "species_context_qualifier": _single(edge.species_context_qualifier),
        "disease_context_qualifier": _single(cancers), "negated": "True" if edge.negated else "",
        "ctckg_species": _multi(edge.species_context_qualifier),
        # the finding-index roles the model schema gives a KGX column (ctckg.schema.ROLE_SLOTS, e.g. cancer types)
        **{slot.kgx: _multi(finding.role(slot.key)) for slot in ROLE_SLOTS if slot.kgx},
        # the statement's further term slots the schema gives a KGX column
        **{slot.kgx: _multi(statement.slot(slot.key)) for slot in STATEMENT_SLOTS if slot.kgx},
        "ctckg_statements": edge.statement, "ctckg_statement": edge.label, "ctckg_finding": finding.curie,
        "ctckg_finding_status": finding.status, "ctckg_provenance": finding.provenance,
        "ctckg_review_locator": finding.locator, "ctckg_leads_to": list(statement.next),
    }


def _aggregate(members: list[dict[str, object]]) -> dict[str, str]:
    """One edge for the statements ``members`` (same subject, predicate and object); see the module docstring."""
    first = members[0]
    row = {"id": str(first["ctckg_statements"]), "subject": str(first["subject"]),
           "predicate": str(first["predicate"]), "object": str(first["object"]),
           "agent_type": "manual_agent", "primary_knowledge_source": INFORES}
    categories = {str(m["category"]) for m in members}
    row["category"] = categories.pop() if len(categories) == 1 else "biolink:Association"
    row["knowledge_level"] = min((str(m["knowledge_level"]) for m in members), key=KNOWLEDGE_LEVELS.index)
    for column in ("publications", "has_evidence", "ctckg_leads_to"):
        row[column] = _multi(sorted(set().union(*(m[column] for m in members))))  # type: ignore[arg-type]
    for column in QUALIFIER_COLUMNS:
        values = {str(m[column]) for m in members}
        row[column] = values.pop() if len(values) == 1 else ""
    if first["negated"] and len(members) > 1:
        differing = [c for c in QUALIFIER_COLUMNS if len({str(m[c]) for m in members}) > 1]
        if differing:  # a "no effect" with fewer qualifiers would claim more than each statement does
            raise ValueError(f"no-effect statements {', '.join(str(m['ctckg_statements']) for m in members)} share "
                             f"{row['subject']} {row['predicate']} {row['object']} but differ in {', '.join(differing)}; "
                             "one KGX edge cannot say both")
    # one entry per statement, in the order of ctckg_statements, so the columns can be read side by side
    for column in ("ctckg_statements", "ctckg_statement", "ctckg_finding", "ctckg_finding_status", "ctckg_provenance",
                   "ctckg_review_locator"):
        row[column] = _multi(str(m[column]) for m in members)
    return row


def kgx_tables(view: ReleaseView) -> tuple[str, str]:
    """The nodes and edges TSV texts for ``view``: one edge per subject–predicate–object of the curated statements
    that name a subject, and one node per term that an edge connects."""
    groups: dict[tuple[str, str, str], list[dict[str, object]]] = {}
    for edge in edges(view):
        row = _statement_row(view, edge)
        groups.setdefault((str(row["subject"]), str(row["predicate"]), str(row["object"])), []).append(row)
    rows = [_aggregate(members) for members in groups.values()]
    used = {row[end] for row in rows for end in ("subject", "object")}
    unknown = sorted(curie for curie in used if curie not in view.terms or view.kind(curie) not in _NODE_KINDS)
    if unknown:
        raise ValueError(f"KGX edges name terms that are no nodes: {', '.join(unknown)}")
    return _table(NODE_COLUMNS, _node_rows(view, used)), _table(EDGE_COLUMNS, rows)


def parse_tsv(text: str, multivalued: tuple[str, ...] = ()) -> list[dict[str, object]]:
    """Read a KGX TSV text back: one dict per row; ``multivalued`` columns are split on ``|`` into lists."""
    lines = text.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    rows: list[dict[str, object]] = []
    for line in lines[1:]:
        row: dict[str, object] = dict(zip(header, line.split("\t"), strict=False))
        for column in multivalued:
            value = str(row.get(column, ""))
            row[column] = value.split("|") if value else []
        rows.append(row)
    return rows
