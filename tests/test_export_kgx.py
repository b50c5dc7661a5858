"""KGX export: validated by the kgx package (Biolink 4, zero errors) and faithful to the release's provenance."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from ctckg.export.kgx import EDGE_COLUMNS, NODE_COLUMNS, kgx_tables, parse_tsv
from ctckg.export.model import ReleaseView, load_view
from ctckg.namespaces import CITO, CTCKG, HAS_EVIDENCE, PROPOSED_FINDING, STATED_FINDING, compress

_MULTI_EDGE = ("publications", "has_evidence", "anatomical_context_qualifier", "ctckg_species", "ctckg_cancer_types",
               "ctckg_leads_to")


@pytest.fixture(scope="module")
def view(release_graph: Graph) -> ReleaseView:
    from ctckg.export.model import load_release

    _, modules = load_release()
    return load_view(release_graph, modules)


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
    # kgx keys edges by (subject, predicate, object): per-finding edges with the same triple are merged on load
    rows = parse_tsv(tables[1].read_text(encoding="utf-8"))
    assert graph.number_of_edges() == len({(r["subject"], r["predicate"], r["object"]) for r in rows})
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
        # publications are exactly the references the finding cites as evidence (none for uncited kinds)
        assert len(row["publications"]) == len(findings[str(row["ctckg_finding"])].references), row["id"]
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
    from_kgx: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        record = from_kgx[str(row["ctckg_finding"])]
        record["references"].update(number_of[p] for p in row["publications"])
        record["evidence"].update(row["has_evidence"])
        record["provenance"].add(str(row["ctckg_provenance"]))
        record["status"].add(str(row["ctckg_finding_status"]))
    expected = _rdf_context(release_graph)
    assert len(from_kgx) >= 150
    for finding, record in from_kgx.items():
        assert {k: set(v) for k, v in record.items()} == expected[finding], finding
