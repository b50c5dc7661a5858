"""`ctckg reason`: HermiT (owlready2) finds the release consistent, and a contradiction inconsistent."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from conftest import require_tool
from ctckg.cli.main import main
from ctckg.namespaces import PROPOSED_FINDING, STATED_FINDING, compress
from ctckg.validate import reason as reason_module


@pytest.mark.slow  # JVM
def test_release_is_consistent_without_unsatisfiable_classes() -> None:
    require_tool("java")
    result = CliRunner().invoke(main, ["reason"])
    assert result.exit_code == 0, result.output
    assert "consistent; 0 unsatisfiable class(es)" in result.output



def _reason_with(release_graph: Graph, tmp_path: Path, extra: list[tuple]) -> Result:
    """Run `ctckg reason` on a copy of the release with ``extra`` triples added."""
    graph = Graph()
    graph += release_graph
    for triple in extra:
        graph.add(triple)
    path = tmp_path / "modified.ttl"
    graph.serialize(path, format="turtle")
    return CliRunner().invoke(main, ["reason", str(path)])

@pytest.mark.slow  # JVM
def test_individual_in_two_disjoint_classes_is_inconsistent(release_graph: Graph, tmp_path: Path) -> None:
    require_tool("java")
    assert (STATED_FINDING, OWL.disjointWith, PROPOSED_FINDING) in release_graph
    finding = sorted(release_graph.subjects(RDF.type, STATED_FINDING))[0]
    tempdir = tempfile.gettempdir()
    result = _reason_with(release_graph, tmp_path, [(finding, RDF.type, PROPOSED_FINDING)])
    assert result.exit_code == 1, result.output
    assert "INCONSISTENT" in result.output
    assert compress(finding) in result.output and str(release_graph.value(finding, RDFS.label)) in result.output
    assert tempfile.gettempdir() == tempdir  # owlready2's temp files went to a private directory, now removed


def test_without_java_exit_2_names_the_package(monkeypatch) -> None:
    monkeypatch.setattr(reason_module.shutil, "which", lambda name: None)
    result = CliRunner().invoke(main, ["reason"])
    assert result.exit_code == 2
    assert "default-jre-headless" in result.output


@pytest.mark.slow  # JVM
def test_unsatisfiable_class_is_listed_by_label(release_graph: Graph, tmp_path: Path) -> None:
    require_tool("java")
    cls = URIRef("https://w3id.org/ctckg/CTCKG_0009999")
    result = _reason_with(release_graph, tmp_path, [
        (cls, RDF.type, OWL.Class), (cls, RDFS.label, Literal("stated and proposed at once", lang="en")),
        (cls, RDFS.subClassOf, STATED_FINDING), (cls, RDFS.subClassOf, PROPOSED_FINDING)])
    assert result.exit_code == 1, result.output
    assert "CTCKG:0009999 'stated and proposed at once' is unsatisfiable" in result.output


@pytest.mark.slow  # JVM
def test_statement_subject_that_is_a_cell_and_a_molecule_is_inconsistent(release_graph: Graph, tmp_path: Path) -> None:
    """The statement layer is typed individuals, so a reasoner can catch a real contradiction in it: the ATP of
    'ATP (platelet) binds P2Y2 receptor' declared a platelet as well (cell and chemical entity are disjoint)."""
    require_tool("java")
    from ctckg.namespaces import expand
    atp = expand("CTCKG:0015028-2-s")
    assert (atp, RDF.type, expand("CHEBI:15422")) in release_graph
    assert (expand("CL:0000000"), OWL.disjointWith, expand("CHEBI:24431")) in release_graph
    result = _reason_with(release_graph, tmp_path, [(atp, RDF.type, expand("CL:0000233"))])
    assert result.exit_code == 1, result.output
    assert "INCONSISTENT" in result.output


@pytest.mark.slow  # JVM
def test_statement_object_that_is_a_process_and_a_cell_is_inconsistent(release_graph: Graph, tmp_path: Path) -> None:
    require_tool("java")
    from ctckg.namespaces import expand
    process = expand("CTCKG:0015028-3-o")  # the tumor cell intravasation that P2Y2 increases
    result = _reason_with(release_graph, tmp_path, [(process, RDF.type, expand("CL:0000233"))])
    assert result.exit_code == 1, result.output
    assert "INCONSISTENT" in result.output
