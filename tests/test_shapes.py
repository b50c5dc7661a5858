"""The SHACL shapes on their fixtures: every valid file conforms, every invalid file fails exactly as it declares.

Invalid fixtures declare, in `# expect: SEVERITY SHAPE COMPONENT FOCUS` header lines, every result they must produce.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH

from ctckg.validate.loading import parse_file
from ctckg.validate.shacl import load_shapes, node_shapes, prepare_data_graph, run_shacl
from support.paths import SHAPES_FILE

HERE = Path(__file__).resolve().parent
VALID = sorted((HERE / "shapes" / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "shapes" / "invalid").glob("*.ttl"))
_EXPECT = re.compile(r"^# expect: (Violation|Warning|Info) (\w+) (sh:\w+) (\S+)$")


def expectations(path: Path) -> set[tuple[str, str, str, str]]:
    """The (severity, shape, component, focus) results an invalid fixture declares."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {match.groups() for match in map(_EXPECT.match, lines) if match}


def results(path: Path) -> set[tuple[str, str, str, str]]:
    """What pySHACL reports on the fixture (through the same data-graph preparation as the release)."""
    report = run_shacl(prepare_data_graph(parse_file(path)))
    return {(r.severity, r.check, r.component, r.focus) for r in report.results}


def focus_nodes(shapes: Graph, shape: URIRef, data: Graph) -> set:
    """The focus nodes of a shape's targets in ``data`` (class targets follow rdfs:subClassOf)."""
    nodes = set(shapes.objects(shape, SH.targetNode))
    for cls in shapes.objects(shape, SH.targetClass):
        for sub in data.transitive_subjects(RDFS.subClassOf, cls):
            nodes |= set(data.subjects(RDF.type, sub))
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        nodes |= set(data.subjects(prop, None))
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        nodes |= set(data.objects(None, prop))
    return nodes


def test_fixtures_exist() -> None:
    assert VALID and INVALID


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_has_no_result(path: Path) -> None:
    assert results(path) == set()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_fails_exactly_as_declared(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} declares no '# expect:' line"
    assert results(path) == expected


def test_every_targeted_shape_has_a_valid_and_an_invalid_fixture() -> None:
    shapes = load_shapes()
    names = node_shapes(shapes)
    failing = {shape for path in INVALID for _, shape, _, _ in expectations(path)}
    exercised = set()
    for path in VALID:
        data = prepare_data_graph(parse_file(path))
        exercised |= {name for shape, name in names.items() if focus_nodes(shapes, shape, data)}
    assert set(names.values()) - exercised == set(), "shapes without a valid fixture that reaches them"
    assert set(names.values()) - failing == set(), "shapes without an invalid fixture"
    assert failing <= set(names.values())


def test_shapes_header_has_title_description_license() -> None:
    shapes = parse_file(SHAPES_FILE)
    header = next(shapes.subjects(RDF.type, OWL.Ontology))
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert shapes.value(header, prop) is not None, prop


def test_every_constraint_speaks_to_a_curator() -> None:
    """Each property shape of a targeted shape, and each node-level constraint, carries an sh:message."""
    shapes = load_shapes()
    for shape, name in node_shapes(shapes).items():
        for prop in shapes.objects(shape, SH.property):
            assert shapes.value(prop, SH.message) is not None, f"a property shape of {name}"
        if any(shapes.value(shape, key) is not None for key in (SH.pattern, SH["class"], SH.nodeKind)):
            assert shapes.value(shape, SH.message) is not None, name


def test_core_constraints_only_and_severities_used() -> None:
    shapes = load_shapes()
    assert not list(shapes.triples((None, SH.sparql, None))), "SPARQL constraints are ~20x slower in pySHACL"
    severities = set(shapes.objects(None, SH.severity))
    assert {SH.Warning, SH.Info} <= severities
