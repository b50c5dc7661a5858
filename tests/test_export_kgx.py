"""KGX export: validated by the kgx package (Biolink 4, zero errors), one edge per subject–predicate–object that
says no more than each of its statements, specific Biolink edge categories, no isolated nodes, and faithful to
the release's provenance."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from ctckg.export.kgx import EDGE_COLUMNS, NODE_COLUMNS, kgx_tables, parse_tsv
from ctckg.export.model import ReleaseView
from ctckg.namespaces import CITO, CTCKG, HAS_EVIDENCE, PROPOSED_FINDING, STATED_FINDING, compress

_MULTI_EDGE = ("publications", "has_evidence", "anatomical_context_qualifier", "ctckg_species", "ctckg_cancer_types",
               "ctckg_leads_to", "ctckg_statements", "ctckg_statement", "ctckg_finding", "ctckg_finding_status",
               "ctckg_provenance", "ctckg_review_locator")
ASPIRIN, CTC, EMT = "CHEBI:15365", "CTCKG:0001000", "GO:0001837"
BREAST, COLORECTAL = "MONDO:0007254", "MONDO:0005575"
REF_72 = "doi:10.1007/s12094-017-1806-z"  # Clin Transl Oncol 2018, the phase II aspirin trial the review cites


@pytest.fixture(scope="module")
def view(release_view: ReleaseView) -> ReleaseView:
    return release_view  # one view per session (tests/conftest.py)


@pytest.fixture(scope="module")
def tables(view: ReleaseView, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    nodes, edges = kgx_tables(view)
    folder = tmp_path_factory.mktemp("kgx")
    (folder / "ctckg_nodes.tsv").write_text(nodes, encoding="utf-8")
    (folder / "ctckg_edges.tsv").write_text(edges, encoding="utf-8")
    return folder / "ctckg_nodes.tsv", folder / "ctckg_edges.tsv"


def test_kgx_validator_reports_zero_errors(tables: tuple[Path, Path]) -> None:
    from ctckg.export.kgx_check import offline_validator, validate_kgx

    version, errors = validate_kgx(*tables)
    assert version.startswith("4."), version
    assert errors == {}, errors
    # the validator really saw the graph: every node and edge was loaded by kgx's TSV source
    from kgx.transformer import Transformer

    transformer = Transformer(stream=False)
    transformer.transform({"filename": [str(p) for p in tables], "format": "tsv"})
    graph = transformer.store.graph
    assert graph.number_of_nodes() == tables[0].read_text(encoding="utf-8").count("\n") - 1
    # kgx keys edges by (subject, predicate, object): the export has one edge per triple, so none merges on load
    rows = parse_tsv(tables[1].read_text(encoding="utf-8"))
    assert len({(r["subject"], r["predicate"], r["object"]) for r in rows}) == len(rows)
    assert graph.number_of_edges() == len(rows)
    offline_validator()  # idempotent


def test_kgx_validator_catches_a_bad_predicate(tables: tuple[Path, Path], tmp_path: Path) -> None:
    """Negative control: the same files with one invented predicate and category must fail."""
    from ctckg.export.kgx_check import validate_kgx

    nodes = tables[0].read_text(encoding="utf-8").replace("biolink:Cell\t", "biolink:Cellz\t", 1)
    edges = tables[1].read_text(encoding="utf-8").replace("biolink:physically_interacts_with", "biolink:chats_with", 1)
    (tmp_path / "bad_nodes.tsv").write_text(nodes, encoding="utf-8")
    (tmp_path / "bad_edges.tsv").write_text(edges, encoding="utf-8")
    _, errors = validate_kgx(tmp_path / "bad_nodes.tsv", tmp_path / "bad_edges.tsv")
    text = repr(errors)
    assert "chats_with" in text and "Cellz" in text


def test_every_edge_has_biolink_provenance(view: ReleaseView) -> None:
    nodes, edges = kgx_tables(view)
    assert nodes.split("\n")[0].split("\t") == list(NODE_COLUMNS)
    rows = parse_tsv(edges, _MULTI_EDGE)
    assert rows and rows[0].keys() == set(EDGE_COLUMNS)
    node_ids = {row["id"] for row in parse_tsv(nodes)}
    findings = {f.curie: f for f in view.findings}
    for row in rows:
        assert row["knowledge_level"] in {"knowledge_assertion", "prediction", "statistical_association",
                                          "logical_entailment"}
        assert row["agent_type"] == "manual_agent"
        assert row["primary_knowledge_source"] == "infores:ctckg"
        # publications are exactly the references the edge's findings cite as evidence (none for uncited kinds)
        cited = {n for f in row["ctckg_finding"] for n in findings[str(f)].references}
        assert len(row["publications"]) == len(cited), row["id"]
        assert row["subject"] in node_ids and row["object"] in node_ids
        assert str(row["predicate"]).startswith("biolink:")
    assert len({row["id"] for row in rows}) == len(rows)


def test_publications_use_pmid_or_doi_where_known(view: ReleaseView) -> None:
    rows = parse_tsv(kgx_tables(view)[1], _MULTI_EDGE)
    known = {r.curie: r for r in view.references.values()}
    used = {p for row in rows for p in row["publications"]}
    assert any(p.startswith("PMID:") for p in used) and any(p.startswith("doi:") for p in used)
    for publication in used:
        if publication.startswith("CTCKG:"):
            ref = known[publication]
            assert not (ref.pmid or ref.doi), f"{publication} has an identifier that KGX should use"


def _rdf_context(graph: Graph) -> dict[str, dict[str, set[str]]]:
    """Per finding, straight from the RDF: references (as numbers), evidence, provenance and status."""
    out: dict[str, dict[str, set[str]]] = {}
    for cls, status in ((STATED_FINDING, "stated"), (PROPOSED_FINDING, "proposed")):
        for finding in graph.subjects(RDF.type, cls):
            if not isinstance(finding, URIRef):
                continue
            refs = {str(n) for ref in graph.objects(finding, CITO.citesAsEvidence)
                    for n in graph.objects(ref, CTCKG.CTCKG_0000025)}
            out[compress(finding)] = {"references": refs,
                                      "evidence": {compress(o) for o in graph.objects(finding, HAS_EVIDENCE)},
                                      "provenance": {str(o) for o in graph.objects(finding, CTCKG.CTCKG_0000033)},
                                      "status": {status}}
    return out


def test_round_trip_findings_kgx_rdf(view: ReleaseView, release_graph: Graph) -> None:
    """findings -> KGX -> per finding, the references, evidence, provenance and status equal those of the RDF."""
    rows = parse_tsv(kgx_tables(view)[1], _MULTI_EDGE)
    number_of = {ref.publication_id: str(ref.number) for ref in view.references.values()}
    expected = _rdf_context(release_graph)
    seen: set[str] = set()
    for row in rows:
        members = [str(f) for f in row["ctckg_finding"]]
        seen.update(members)
        union = {key: set().union(*(expected[f][key] for f in members)) for key in expected[members[0]]}
        assert set(number_of[p] for p in row["publications"]) == union["references"], row["id"]
        assert set(row["has_evidence"]) == union["evidence"], row["id"]
        assert set(row["ctckg_provenance"]) == union["provenance"], row["id"]
        assert set(row["ctckg_finding_status"]) == union["status"], row["id"]
    assert len(seen) >= 150


# --- one edge per subject–predicate–object (kgx's graph key) ----------------------------------------------------

def test_every_statement_is_in_exactly_one_edge_that_says_no_more_than_it(view: ReleaseView) -> None:
    from ctckg.export.kgx import QUALIFIER_COLUMNS
    from ctckg.export.statements import edges

    rows = parse_tsv(kgx_tables(view)[1], _MULTI_EDGE)
    statements = {e.statement: e for e in edges(view)}
    listed = [s for row in rows for s in row["ctckg_statements"]]
    assert sorted(listed) == sorted(statements), "every statement with a subject in exactly one edge"
    assert len(rows) < len(statements)  # some statements share a triple (repeated across findings)
    for row in rows:
        members = [statements[str(s)] for s in row["ctckg_statements"]]
        assert row["id"] == row["ctckg_statements"][0]
        # the per-statement columns run side by side: statement i comes from finding i (its ID is "<finding>-N")
        for column in ("ctckg_statement", "ctckg_finding", "ctckg_finding_status", "ctckg_provenance"):
            assert len(row[column]) == len(row["ctckg_statements"]), (row["id"], column)
        assert [str(s).rsplit("-", 1)[0] for s in row["ctckg_statements"]] == [str(f) for f in row["ctckg_finding"]]
        assert {(m.subject, m.object) for m in members} == {(row["subject"], row["object"])}
        for member in members:
            # a qualifier stays only where every statement of the edge has it
            if row["object_direction_qualifier"]:
                assert member.object_direction_qualifier == row["object_direction_qualifier"], row["id"]
            if row["subject_context_qualifier"]:
                assert member.subject_context_qualifier == row["subject_context_qualifier"], row["id"]
            if row["object_context_qualifier"]:
                assert member.object_context_qualifier == row["object_context_qualifier"], row["id"]
            if row["anatomical_context_qualifier"]:
                assert list(member.anatomical_context_qualifier) == row["anatomical_context_qualifier"], row["id"]
            if row["object_aspect_qualifier"]:
                assert member.object_aspect_qualifier == row["object_aspect_qualifier"], row["id"]
            assert member.negated == (row["negated"] == "True"), row["id"]
    assert "negated" in QUALIFIER_COLUMNS


def test_aspirin_no_effect_in_breast_cancer_is_not_merged_with_its_effect_in_colorectal_cancer(
        view: ReleaseView) -> None:
    """§5 ¶5: aspirin lowered CTC numbers and their EMT in colorectal cancer [72] but not in breast cancer [72]."""
    rows = parse_tsv(kgx_tables(view)[1], _MULTI_EDGE)
    for target in (CTC, EMT):
        found = {(r["predicate"], r["negated"]): r for r in rows if r["subject"] == ASPIRIN and r["object"] == target}
        assert set(found) == {("biolink:affects", ""), ("biolink:causes", "True")}, target
        effect, none = found[("biolink:affects", "")], found[("biolink:causes", "True")]
        assert effect["object_direction_qualifier"] == "decreased"
        assert effect["disease_context_qualifier"] == COLORECTAL
        assert none["object_direction_qualifier"] == "" and none["disease_context_qualifier"] == BREAST
        assert none["publications"] == [REF_72]
        assert effect["species_context_qualifier"] == none["species_context_qualifier"] == "NCBITaxon:9606"
    assert found[("biolink:causes", "True")]["object_context_qualifier"] == CTC  # EMT of the CTCs


def test_knowledge_level_of_a_shared_triple_is_the_strongest(view: ReleaseView) -> None:
    from ctckg.export.kgx import KNOWLEDGE_LEVELS

    rows = parse_tsv(kgx_tables(view)[1], _MULTI_EDGE)
    levels = {f.curie: f for f in view.findings}
    mixed = [r for r in rows if {levels[str(f)].status for f in r["ctckg_finding"]} == {"stated", "proposed"}]
    assert mixed, "some triples are both stated and proposed in the review"
    for row in mixed:  # a stated finding outranks a proposal of the same triple
        assert row["knowledge_level"] != "prediction", row["id"]
    assert KNOWLEDGE_LEVELS[0] == "knowledge_assertion" and KNOWLEDGE_LEVELS[-1] == "prediction"


# --- Biolink edge categories ------------------------------------------------------------------------------------

def test_edge_categories_are_specific_where_biolink_has_a_class_and_fit_its_constraints(view: ReleaseView) -> None:
    from ctckg.curation.records import RELATIONS
    from ctckg.export.kgx import EDGE_CATEGORIES
    from ctckg.export.kgx_check import offline_kgx

    assert set(EDGE_CATEGORIES) == set(RELATIONS)  # every relation of the schema decided
    schema = offline_kgx()
    from bmt import Toolkit

    toolkit = Toolkit(schema)
    nodes, edges = kgx_tables(view)
    category = {str(n["id"]): str(n["category"]) for n in parse_tsv(nodes)}
    rows = parse_tsv(edges, _MULTI_EDGE)

    def name(curie: str) -> str:
        return str(toolkit.get_element(curie).name)

    def fits(slot: str, cls: str, value: str) -> bool:
        """The association class ``cls`` (or an ancestor) constrains ``slot``; ``value`` meets the constraint."""
        for ancestor in toolkit.get_ancestors(cls, formatted=False, mixin=True):
            usage = (toolkit.get_element(ancestor).slot_usage or {}).get(slot)
            if usage is None:
                continue
            if slot == "predicate" and usage.subproperty_of:
                return usage.subproperty_of in toolkit.get_ancestors(name(value), formatted=False)
            if slot != "predicate" and usage.range:
                ranges = set(toolkit.get_element(usage.range).union_of or ()) or {usage.range}  # union types
                return bool(ranges & set(toolkit.get_ancestors(name(value), formatted=False, mixin=True)))
        return True

    used: dict[str, int] = defaultdict(int)
    for row in rows:
        cls = name(str(row["category"]))
        used[str(row["category"])] += 1
        assert "association" in toolkit.get_ancestors(cls, formatted=False), row["category"]
        assert fits("subject", cls, category[str(row["subject"])]), (row["id"], cls)
        assert fits("object", cls, category[str(row["object"])]), (row["id"], cls)
        assert fits("predicate", cls, str(row["predicate"])), (row["id"], cls)
    specific = {c for c in used if c != "biolink:Association"}
    assert len(specific) >= 5, used
    by_triple = {(r["subject"], r["predicate"], r["object"]): r["category"] for r in rows}
    # aspirin (a chemical) decreases platelet activation (a biological process) [71, 72]
    assert by_triple[(ASPIRIN, "biolink:affects", "GO:0030168")] == "biolink:ChemicalAffectsBiologicalEntityAssociation"
    # platelet P-selectin binds CD44 (two gene products) [57, 58]
    selectin = [r for r in rows if r["predicate"] == "biolink:binds" and category[str(r["subject"])] ==
                category[str(r["object"])] == "biolink:Protein"]
    assert selectin and all(r["category"] == "biolink:PairwiseGeneToGeneInteraction" for r in selectin)
    # platelet TGF-beta dampens NK cell cytotoxicity against tumor cells [68]: a gene product acting on a process
    assert by_triple[("PR:000000046", "biolink:affects", "GO:0002420")] == \
        "biolink:MacromolecularMachineToBiologicalProcessAssociation"
    # cells interacting with cells: Biolink has no cell-to-cell association class
    assert by_triple[("CL:0000233", "biolink:physically_interacts_with", CTC)] == "biolink:Association"


# --- nodes ------------------------------------------------------------------------------------------------------

def test_no_isolated_nodes(view: ReleaseView) -> None:
    nodes, edges = kgx_tables(view)
    rows = parse_tsv(edges)
    ends = {str(r[end]) for r in rows for end in ("subject", "object")}
    node_rows = parse_tsv(nodes)
    assert {str(n["id"]) for n in node_rows} == ends
    assert len(node_rows) == len(ends)
    # papers, cancer types and species are CURIEs on the edges, not nodes
    assert not {n["category"] for n in node_rows} & {"biolink:JournalArticle", "biolink:Disease",
                                                      "biolink:OrganismTaxon"}
    assert any(str(r["disease_context_qualifier"]) == BREAST for r in rows)
