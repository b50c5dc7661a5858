"""Every competency question gives the same answer on rdflib and pyoxigraph (values compared; xsd:string and plain
literals are one type; GROUP_CONCAT lists compared as sets since SPARQL leaves their order open)."""

from __future__ import annotations

import pytest

from ctckg.sparql import KnowledgeGraph, load_catalog

CATALOG = load_catalog()
#: Non-default parameter values, to exercise label resolution and other branches on both engines.
VARIANTS = [
    ("partner-cell-mechanisms", {"cell": "neutrophil"}),
    ("partner-cell-mechanisms", {"cell": "macrophage"}),
    ("process-drivers", {"process": "tumor cell extravasation"}),
    ("findings-by-study-design", {"design": "patient cohort study"}),
    ("findings-by-organism", {"organism": "Homo sapiens"}),
    ("cell-types-under", {"ancestor": "lymphocyte"}),
    ("findings-about-cell", {"cell": "natural killer cell"}),
    ("findings-by-status", {"status": "stated finding"}),
    ("reference-findings", {"number": "56"}),
    ("reference-details", {"number": "2"}),
    ("term-search", {"text": "P2Y"}),
    ("molecule-findings", {"molecule": "ATP"}),
]


@pytest.fixture(scope="module")
def engines() -> tuple[KnowledgeGraph, KnowledgeGraph]:
    """The release with imports on both local engines."""
    return KnowledgeGraph.open("rdflib"), KnowledgeGraph.open("pyoxigraph")


def test_at_least_fifteen_documented_questions() -> None:
    assert len(CATALOG) >= 15
    for query in CATALOG.values():
        assert query.summary and query.examples, query.name
        assert query.text.lstrip().startswith("#+ summary:"), query.name


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_same_answer_on_both_engines(engines, name: str) -> None:
    rdflib_kg, oxigraph_kg = engines
    left, right = rdflib_kg.run_named(name), oxigraph_kg.run_named(name)
    assert left.variables == right.variables
    assert len(left) > 0, f"{name} returned no rows"
    assert left.comparable() == right.comparable()
    assert left.labels == right.labels


@pytest.mark.parametrize("name,params", VARIANTS, ids=[f"{n}-{'-'.join(p.values())}" for n, p in VARIANTS])
def test_same_answer_with_parameters(engines, name: str, params: dict[str, str]) -> None:
    rdflib_kg, oxigraph_kg = engines
    left, right = rdflib_kg.run_named(name, params), oxigraph_kg.run_named(name, params)
    assert len(left) > 0
    assert left.comparable() == right.comparable()


def test_typed_rows(engines) -> None:
    for kg in engines:
        record = kg.run_named("reference-details", number="68").records()[0]
        assert record["reference"] == "CTCKG:0200068"
        assert record["reference_label"].startswith("Palumbo")
        assert record["year"] == 2007 and isinstance(record["findings"], int)


def test_without_imports_hierarchy_questions_lose_subclasses() -> None:
    bare = KnowledgeGraph.open("pyoxigraph", imports=False)
    full = KnowledgeGraph.open("pyoxigraph")
    assert len(bare.engine) < len(full.engine)
    # the CL module holds 'cytotoxic T cell' subClassOf 'T cell'; without it the hierarchy walk stops
    found = {r["specific_cell"] for r in full.run_named("findings-about-cell").records()}
    assert "CL:0000910" in found


def test_command_line_default_engine_is_pyoxigraph() -> None:
    from click.testing import CliRunner

    from ctckg.cli.main import main

    result = CliRunner().invoke(main, ["query", "--help"])
    assert result.exit_code == 0 and "[default: pyoxigraph]" in " ".join(result.output.split())


def test_persisted_store_is_keyed_by_the_release_bytes(tmp_path, monkeypatch) -> None:
    """The cached store is rebuilt when a file changes; an update works on a copy and leaves the cache alone."""
    from ctckg.sparql.engine import OxigraphEngine

    monkeypatch.setenv("CTCKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CTCKG_NO_CACHE", raising=False)
    data = tmp_path / "g.ttl"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    data.write_text("<http://example.org/a> <http://example.org/p> 1 .\n", encoding="utf-8")
    first = OxigraphEngine([data], cached=True)
    assert first.cached and first.run(count).rows[0]["n"].value == "1"
    data.write_text("<http://example.org/a> <http://example.org/p> 1, 2 .\n", encoding="utf-8")
    second = OxigraphEngine([data], cached=True)
    assert second.cached and second.run(count).rows[0]["n"].value == "2"
    second.run("INSERT DATA { <http://example.org/b> <http://example.org/p> 3 }", allow_update=True)
    assert not second.cached and second.run(count).rows[0]["n"].value == "3"
    assert OxigraphEngine([data], cached=True).run(count).rows[0]["n"].value == "2"
    assert len(list((tmp_path / "cache" / "stores").iterdir())) == 2
    monkeypatch.setenv("CTCKG_NO_CACHE", "1")
    assert not OxigraphEngine([data], cached=True).cached
