"""`ctckg validate` on the real release: it conforms, and the acceptance defects make it exit 1 naming the node."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ctckg.cli.main import main
from ctckg.namespaces import CITO, CTCKG, compress
from ctckg.validate.gate import validate_graph
from ctckg.validate.loading import import_graphs
from ctckg.validate.qc import load_checks, run_checks, to_store
from ctckg.validate.shacl import merge_imports

MEDIATOR = CTCKG.CTCKG_0000005
PARTNER_CELL = CTCKG.CTCKG_0000003
PREFIXES = """
@prefix CTCKG: <https://w3id.org/ctckg/CTCKG_> . @prefix CL: <http://purl.obolibrary.org/obo/CL_> .
@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix obo: <http://purl.obolibrary.org/obo/> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oboInOwl: <http://www.geneontology.org/formats/oboInOwl#> . @prefix cito: <http://purl.org/spar/cito/> .
"""
#: For each QC check: a small graph it must flag, and the focus node it must name.
QC_CASES = {
    "dc-elements-violation": ('CTCKG:0001000 <http://purl.org/dc/elements/1.1/title> "x" .', "CTCKG:0001000"),
    "deprecated-reference-violation": (
        "CTCKG:0001001 rdfs:subClassOf CTCKG:0001000 . CTCKG:0001000 owl:deprecated true .", "CTCKG:0001001"),
    "disjoint-class-violation": (
        "CTCKG:0000101 owl:disjointWith CTCKG:0000102 . CTCKG:0010001 a CTCKG:0000101, CTCKG:0000102 .",
        "CTCKG:0010001"),
    "duplicate-definition-violation": (
        'CTCKG:0001000 obo:IAO_0000115 "A cell."@en . CTCKG:0001001 obo:IAO_0000115 "A cell."@en .', "CTCKG:0001000"),
    "duplicate-label-violation": (
        'CTCKG:0001011 rdfs:label "Neutrophil"@en . CL:0000775 rdfs:label "neutrophil" .', "CTCKG:0001011"),
    "finding-without-reference-violation": (
        'CTCKG:0000101 rdfs:subClassOf CTCKG:0000100 . CTCKG:0010001 a CTCKG:0000101 ; '
        'CTCKG:0000033 "cited sentence" .', "CTCKG:0010001"),
    "untraceable-citation-violation": (
        "CTCKG:0010001 obo:RO_0002558 obo:ECO_0000303 ; cito:citesAsEvidence CTCKG:0200030 .", "CTCKG:0010001"),
    "uncited-provenance-violation": (
        'CTCKG:0010001 CTCKG:0000033 "uncited sentence" ; cito:citesAsEvidence CTCKG:0200030 .', "CTCKG:0010001"),
    "title-as-claim-violation": (
        'CTCKG:0010001 CTCKG:0000033 "reference title" ; obo:RO_0002558 obo:ECO_0000304 .', "CTCKG:0010001"),
    "provenance-evidence-violation": (
        'CTCKG:0000101 rdfs:subClassOf CTCKG:0000100 . CTCKG:0010001 a CTCKG:0000101 ; '
        'CTCKG:0000033 "curator inference" ; obo:RO_0002558 obo:ECO_0000304 .', "CTCKG:0010001"),
    "context-ancestor-violation": (
        "CTCKG:0010001 CTCKG:0000009 obo:MONDO_0004989, obo:MONDO_0007254 . "
        "obo:MONDO_0004989 rdfs:subClassOf obo:MONDO_0007254 .", "CTCKG:0010001"),
    "invalid-xref-violation": ('CTCKG:0001050 oboInOwl:hasDbXref "HGNC 5344" .', "CTCKG:0001050"),
    "label-whitespace-violation": ('CTCKG:0001000 rdfs:label "circulating  tumor cell"@en .', "CTCKG:0001000"),
    "missing-definition-violation": ('CTCKG:0001000 a owl:Class ; rdfs:label "x"@en .', "CTCKG:0001000"),
    "missing-label-violation": ("CTCKG:0001000 a owl:Class .", "CTCKG:0001000"),
    "multiple-labels-violation": ('CTCKG:0001000 rdfs:label "a"@en, "b"@en .', "CTCKG:0001000"),
    "ontology-header-violation": (
        '<https://w3id.org/ctckg/ctckg.owl> a owl:Ontology ; dcterms:title "t" ; dcterms:description "d" ; '
        "owl:versionIRI <https://w3id.org/ctckg/releases/x/ctckg.owl> .", "https://w3id.org/ctckg/ctckg.owl"),
    "uncited-reference-violation": ("CTCKG:0200030 CTCKG:0000025 30 .", "CTCKG:0200030"),
    "undeclared-iri-violation": ("CTCKG:0001001 a owl:Class ; rdfs:subClassOf CTCKG:0001000 .", "CTCKG:0001001"),
}


def run(*args: str):
    """Invoke the CLI in-process."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def copy_with(release_graph: Graph, tmp_path: Path, remove=(), add=()) -> Path:
    """A temp Turtle copy of the release with triples removed and added."""
    graph = Graph()
    graph += release_graph
    for pattern in remove:
        graph.remove(pattern)
    for triple in add:
        graph.add(triple)
    path = tmp_path / "release.ttl"
    graph.serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def release_store(release_graph: Graph):
    """The release merged with its import modules, in an Oxigraph store."""
    return to_store(merge_imports(release_graph, import_graphs(release_graph)))


def test_release_conforms() -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output and "0 violation(s)" in result.output


def test_json_and_tsv_formats() -> None:
    data = json.loads(run("validate", "--format", "json").stdout)
    assert data["conforms"] is True and data["counts"]["Violation"] == 0
    assert data["checks"]["shapes"] > 0 and data["checks"]["QC queries"] == len(load_checks())
    tsv = run("validate", "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[:4] == ["severity", "check", "focus", "label"]


def test_build_hook_validates_an_in_memory_graph(release_graph: Graph) -> None:
    report = validate_graph(release_graph, import_graphs(release_graph))
    assert report.conforms, report.format("text")


def test_finding_without_references_fails(release_graph: Graph, tmp_path: Path) -> None:
    finding = sorted(set(release_graph.subjects(CITO.citesAsEvidence, None)))[0]
    label = str(release_graph.value(finding, RDFS.label))
    path = copy_with(release_graph, tmp_path, remove=[(finding, CITO.citesAsEvidence, None)])
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert label in result.output and compress(finding) in result.output
    assert "cites no reference of the review" in result.output
    assert ".yaml:" in result.output  # the curation source line is given


def test_class_without_label_fails(release_graph: Graph, tmp_path: Path) -> None:
    minted = sorted(c for c in release_graph.subjects(RDF.type, OWL.Class) if compress(c).startswith("CTCKG:"))
    cls = minted[len(minted) // 2]
    path = copy_with(release_graph, tmp_path, remove=[(cls, RDFS.label, None)])
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"Violation: {compress(cls)}" in result.output and "exactly one English label" in result.output


def test_mediator_pointing_at_a_cell_type_fails(release_graph: Graph, tmp_path: Path) -> None:
    finding = sorted(set(release_graph.subjects(MEDIATOR, None)))[0]
    cell = sorted(c for c in release_graph.objects(None, PARTNER_CELL) if compress(c).startswith("CL:"))[0]
    path = copy_with(release_graph, tmp_path, remove=[(finding, MEDIATOR, None)], add=[(finding, MEDIATOR, cell)])
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert str(release_graph.value(finding, RDFS.label)) in result.output
    assert "'has mediator' must point at a molecule" in result.output


def test_missing_file_and_unresolved_import_exit_2(tmp_path: Path) -> None:
    assert run("validate", str(tmp_path / "missing.ttl")).exit_code == 2
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://w3id.org/ctckg/ctckg.owl> <http://www.w3.org/2002/07/owl#imports> "
                      "<https://example.org/nowhere_import.owl> .\n")
    result = run("validate", str(broken))
    assert result.exit_code == 2 and "nowhere_import.owl" in result.output


def test_every_qc_query_has_a_header_and_a_case() -> None:
    checks = load_checks()
    assert {check.name for check in checks} == set(QC_CASES)
    for check in checks:
        assert check.summary and check.query.startswith("#+ summary:"), check.name


@pytest.mark.parametrize("name", sorted(QC_CASES))
def test_qc_query_returns_no_row_on_the_release(release_store, name: str) -> None:
    checks = [check for check in load_checks() if check.name == name]
    report = run_checks(release_store, checks)
    assert report.results == [], "\n".join(r.text() for r in report.results)


@pytest.mark.parametrize("name", sorted(QC_CASES))
def test_qc_query_flags_its_defect(name: str) -> None:
    turtle, focus = QC_CASES[name]
    graph = Graph().parse(data=PREFIXES + turtle, format="turtle")
    checks = [check for check in load_checks() if check.name == name]
    assert focus in {result.focus for result in run_checks(graph, checks).results}


def test_markers_never_leak_into_the_release(release_graph: Graph) -> None:
    assert not any(str(o).startswith("https://w3id.org/ctckg/validation#") for o in release_graph.objects())
    assert URIRef("https://w3id.org/ctckg/ctckg.owl") in set(release_graph.subjects(RDF.type, OWL.Ontology))
