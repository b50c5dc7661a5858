"""Safe parameters (bound as RDF terms, never pasted into the text), refused updates, syntax errors with line and
column, and IRI parameters given as CURIE, IRI or label."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from ctckg.sparql import KnowledgeGraph, ParameterError, QuerySyntaxError, UpdateRefused
from ctckg.sparql.engine import classify
from ctckg.sparql.safe import inject_values, serialize_term

NASTY = [
    'integrin" ) } UNION { ?class ?p ?o } #',
    "integrin' } DROP ALL ; SELECT * WHERE { ?s ?p ?o",
    '"}}} ; DROP GRAPH <https://w3id.org/ctckg/x> ; INSERT DATA { <a:b> <a:c> <a:d> }',
    "x\\\" UNION { ?s ?p ?o }",
    "\n} UNION {\n?class ?p ?o\n",
]
ENGINES = ["rdflib", "pyoxigraph"]


@pytest.fixture(scope="module", params=ENGINES)
def kg(request) -> KnowledgeGraph:
    """The release on each local engine."""
    return KnowledgeGraph.open(request.param)


@pytest.mark.parametrize("value", NASTY)
def test_string_parameter_cannot_change_the_query(kg: KnowledgeGraph, value: str) -> None:
    size = len(kg.engine)
    result = kg.run_named("term-search", text=value)
    assert len(result) == 0  # no label contains such text; an injected UNION would return the whole graph
    assert len(kg.engine) == size  # nothing dropped or inserted


@pytest.mark.parametrize("value", NASTY)
def test_iri_parameter_with_syntax_is_a_clear_error(kg: KnowledgeGraph, value: str) -> None:
    with pytest.raises(ParameterError, match="no term has the label"):
        kg.run_named("partner-cell-mechanisms", cell=value)


def test_bad_iri_and_integer_values_are_refused(kg: KnowledgeGraph) -> None:
    with pytest.raises(ParameterError, match="not a valid IRI"):
        kg.run_named("partner-cell-mechanisms", cell="<http://x/a> } UNION { ?s ?p ?o>")
    with pytest.raises(ParameterError, match="expects an integer"):
        kg.run_named("reference-findings", number="68 } UNION { ?s ?p ?o }")
    with pytest.raises(ParameterError, match="unknown parameter"):
        kg.run_named("table1", DROP="ALL")


def test_iri_parameter_accepts_curie_iri_label_and_synonym(kg: KnowledgeGraph) -> None:
    def partners(value: str) -> set[str]:
        return {r["cell"] for r in kg.run_named("partner-cell-mechanisms", cell=value).records()}

    assert partners("CL:0000233") == partners("platelet") == partners("PLATELET") == {"CL:0000233"}
    assert partners("http://purl.obolibrary.org/obo/CL_0000233") == {"CL:0000233"}
    assert partners("<http://purl.obolibrary.org/obo/CL_0000233>") == {"CL:0000233"}
    assert {r["molecule"] for r in kg.run_named("molecule-findings", molecule="ICAM-1").records()} == {"CTCKG:0001050"}


def test_iri_parameter_errors_say_what_is_wrong(kg: KnowledgeGraph) -> None:
    with pytest.raises(ParameterError, match="no term has the label or synonym 'plateletz'"):
        kg.run_named("partner-cell-mechanisms", cell="plateletz")
    with pytest.raises(ParameterError, match="does not occur in the graph"):
        kg.run_named("partner-cell-mechanisms", cell="CL:9999999")
    # BFO's and ChEBI's role share their label in the merged vocabularies ("protein" no longer does)
    with pytest.raises(ParameterError, match=r"'role' is ambiguous: it names 2 terms .*BFO:0000023.*CHEBI:50906"):
        kg.run_named("molecule-findings", molecule="role")


def test_ambiguous_label_lists_the_candidates(tmp_path: Path) -> None:
    data = tmp_path / "twins.ttl"
    data.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '<http://purl.obolibrary.org/obo/CL_1> rdfs:label "twin" .\n'
                    '<http://purl.obolibrary.org/obo/CL_2> rdfs:label "Twin"@en .\n', encoding="utf-8")
    for engine in ENGINES:
        kg = KnowledgeGraph.open(engine, files=[data])
        with pytest.raises(ParameterError, match=r"'twin' is ambiguous: it names 2 terms \(CL:1 ! twin, CL:2 ! Twin\)"):
            kg.run_named("cell-types-under", ancestor="twin")


@pytest.mark.parametrize("update", [
    "DROP ALL",
    "CLEAR DEFAULT",
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nDELETE { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }",
])
def test_updates_are_refused_unless_opted_in(kg: KnowledgeGraph, update: str) -> None:
    size = len(kg.engine)
    with pytest.raises(UpdateRefused, match="updates are refused unless you opt in"):
        kg.query(update)
    assert len(kg.engine) == size


def test_update_runs_when_opted_in() -> None:
    for engine in ENGINES:
        kg = KnowledgeGraph.open(engine, imports=False)
        size = len(kg.engine)
        kg.query("INSERT DATA { <http://example.org/a> <http://example.org/b> \"c\" }", allow_update=True)
        assert len(kg.engine) == size + 1


def test_syntax_error_reports_line_and_column() -> None:
    text = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?s\nWHERE {\n  ?s rdfs:label ?l .\n  FILTER(?l = )\n}"
    with pytest.raises(QuerySyntaxError) as caught:
        classify(text)
    assert caught.value.line == 5 and 1 <= caught.value.column <= 14
    assert f"at line 5, column {caught.value.column}" in str(caught.value)
    assert "FILTER(?l = )" in str(caught.value)  # the offending line is quoted


def test_serialised_terms_cannot_escape() -> None:
    for value in NASTY:
        text = inject_values("SELECT ?x ?y WHERE { ?x ?p ?y }", [{"y": Literal(value)}])
        assert classify(text) == "select"
        from rdflib.plugins.sparql import prepareQuery

        algebra = prepareQuery(text).algebra
        assert "Union" not in str(algebra) and "Drop" not in str(algebra)
    assert serialize_term(Literal('a"b\\c\nd')) == '"a\\"b\\\\c\\nd"'
    with pytest.raises(ParameterError):
        serialize_term(URIRef("http://x/a> } UNION { ?s ?p ?o"))
    with pytest.raises((ParameterError, ValueError)):
        serialize_term(Literal("x", lang="en } DROP ALL #"))


def test_values_block_goes_into_the_where_clause() -> None:
    text = ("# WHERE { in a comment\nPREFIX ex: <http://example.org/where#>\n"
            "SELECT ?a (\"WHERE {\" AS ?s) WHERE { ?a ex:p ?b }")
    injected = inject_values(text, [{"b": URIRef("http://example.org/x")}])
    assert injected.endswith('WHERE { VALUES (?b) { (<http://example.org/x>) }  ?a ex:p ?b }')
    construct = inject_values("CONSTRUCT { ?a ?p ?b } WHERE { ?a ?p ?b }", [{"a": URIRef("http://e/a")}])
    assert construct.startswith("CONSTRUCT { ?a ?p ?b } WHERE { VALUES (?a)")
