"""SSSOM, JSON-LD and GraphML exports: validated by their communities' tools and faithful to the release."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, BNode, Graph, Literal
from rdflib.namespace import SKOS, XSD

from ctckg.export.graphml import CONTEXT_KINDS, NODE_KINDS, graphml_text
from ctckg.export.jsonld import dumps, jsonld_context, jsonld_document
from ctckg.export.model import ReleaseView
from ctckg.export.sssom import sssom_tsv
from ctckg.namespaces import CITO, PROPOSED_FINDING, STATED_FINDING, compress


@pytest.fixture(scope="module")
def view(release_view: ReleaseView) -> ReleaseView:
    return release_view  # one view per session (tests/conftest.py)


def _normalised(graph: Graph) -> set[tuple]:
    """Triples with plain strings for xsd:string and blank nodes (definition axioms) named by their own triples."""
    names = {node: "|".join(sorted(f"{p.n3()} {o.n3()}" for p, o in graph.predicate_objects(node)))
             for node in graph.subjects() if isinstance(node, BNode)}
    return {(names.get(s, s), p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o)
            for s, p, o in graph}


# --- SSSOM -------------------------------------------------------------------------------------------------------

def test_sssom_validates_with_the_sssom_package(view: ReleaseView, tmp_path: Path) -> None:
    from sssom.constants import SchemaValidationType
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    path = tmp_path / "ctckg.sssom.tsv"
    path.write_text(sssom_tsv(view), encoding="utf-8")
    msdf = parse_sssom_table(path)
    checks = [SchemaValidationType.JsonSchema, SchemaValidationType.PrefixMapCompleteness,
              SchemaValidationType.StrictCurieFormat]
    reports = validate(msdf, checks, fail_on_error=False)
    assert all(not report.results for report in reports.values()), reports
    assert msdf.metadata["mapping_set_id"].startswith("https://w3id.org/ctckg/")
    assert msdf.metadata["license"].startswith("https://creativecommons.org/")
    assert len(msdf.df) == sssom_tsv(view).count("\n") - sssom_tsv(view).count("\n#") - 2


def test_sssom_holds_every_cross_reference_of_minted_classes(view: ReleaseView, release_graph: Graph) -> None:
    rows = {tuple(line.split("\t")[i] for i in (0, 2, 3)) for line in sssom_tsv(view).splitlines()
            if line.startswith("CTCKG:")}
    for subject, obj in release_graph.subject_objects(SKOS.exactMatch):
        # protein classes: the UniProtKB entry is an exact match, the HGNC gene record the gene they are a product of
        predicate = "RO:0002204" if compress(obj).startswith("HGNC:") else "skos:exactMatch"
        assert (compress(subject), predicate, compress(obj)) in rows
    assert not any(p == "skos:broadMatch" for _, p, _ in rows)  # superclasses are rdfs:subClassOf axioms already
    assert any(p == "RO:0002204" and o.startswith("HGNC:") for _, p, o in rows)
    assert any(p == "skos:exactMatch" and o.startswith("UniProtKB:") for _, p, o in rows)
    assert not any(p == "skos:exactMatch" and o.startswith("HGNC:") for _, p, o in rows)


# --- JSON-LD -----------------------------------------------------------------------------------------------------

def test_jsonld_expands_to_the_release(release_graph: Graph, tmp_path: Path) -> None:
    """The document (its context embedded, so no loader or base IRI is needed) parses back to the release's triples."""
    (tmp_path / "context.jsonld").write_text(dumps(jsonld_context(release_graph)), encoding="utf-8")
    (tmp_path / "ctckg.jsonld").write_text(dumps(jsonld_document(release_graph)), encoding="utf-8")
    document = json.loads((tmp_path / "ctckg.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == jsonld_context(release_graph)["@context"]
    parsed = Graph().parse(tmp_path / "ctckg.jsonld", format="json-ld")
    assert _normalised(parsed) == _normalised(release_graph)


def test_jsonld_context_names_every_property_readably(release_graph: Graph) -> None:
    context = jsonld_context(release_graph)["@context"]
    assert isinstance(context, dict)
    assert context["hasPartnerCell"] == {"@id": "ctckg:CTCKG_0000003", "@type": "@id", "@container": "@set"}
    assert context["citesAsEvidence"]["@type"] == "@id"
    assert context["label"]["@language"] == "en"
    # JSON-LD 1.0 and 1.1 alike: no @version, no @prefix flags, prefixes ending in / or #
    assert context["ctckg"] == "https://w3id.org/ctckg/" and context["obo"] == "http://purl.obolibrary.org/obo/"
    assert "@version" not in context and "CTCKG" not in context


# --- GraphML -----------------------------------------------------------------------------------------------------

def test_graphml_reads_back_with_networkx(view: ReleaseView, release_graph: Graph) -> None:
    graph = nx.read_graphml(io.BytesIO(graphml_text(view).encode("utf-8")), force_multigraph=True)
    assert isinstance(graph, nx.MultiDiGraph)
    kinds = {data["kind"] for _, data in graph.nodes(data=True) if data["node_type"] == "entity"}
    assert {"cell", "molecule", "drug"} <= kinds <= set(NODE_KINDS)
    assert graph.nodes["CL:0000775"]["name"] == "neutrophil"  # Cytoscape's default node label column
    interactions = {data["interaction"] for *_, data in graph.edges(data=True)}
    assert {"physically interacts with", "increases", "decreases", "binds"} <= interactions
    # every edge is one curated statement and keeps its finding's references, as the RDF states them
    publication = {ref.curie: ref.publication_id for ref in view.references.values()}
    cited: dict[str, set[str]] = {}
    for cls in (STATED_FINDING, PROPOSED_FINDING):
        for finding in release_graph.subjects(RDF.type, cls):
            cited[compress(finding)] = {publication[compress(r)]
                                        for r in release_graph.objects(finding, CITO.citesAsEvidence)}
    keys = [key for _, _, key in graph.edges(keys=True)]
    assert len(keys) == len(set(keys))
    for u, v, data in graph.edges(data=True):
        if data["edge_type"] == "statement":
            assert set(filter(None, data["references"].split("|"))) == cited[data["finding"]], (u, v, data["finding"])
    # Table 1 row 1: neutrophils interact with CTCs [30]
    neutrophil_ctc = [d for u, v, d in graph.edges(data=True)
                      if u == "CL:0000775" and v == "CTCKG:0001000" and d["finding"] == "CTCKG:0010001"]
    assert neutrophil_ctc and neutrophil_ctc[0]["predicate"] == "biolink:physically_interacts_with"


def test_graphml_context_nodes_of_a_statement_as_cytoscape_reads_them(view: ReleaseView) -> None:
    """§5 ¶5 [72]: aspirin had no effect on the number of CTCs in breast cancer patients (a human phase II trial):
    the statement's species and cancer type are context nodes linked to its subject and object."""
    graph = nx.read_graphml(io.BytesIO(graphml_text(view).encode("utf-8")), force_multigraph=True)
    statement = "CTCKG:0015042-1"
    mechanism = [(u, v, d) for u, v, d in graph.edges(data=True)
                 if d["statement"] == statement and d["edge_type"] == "statement"]
    assert [(u, v, d["interaction"]) for u, v, d in mechanism] == [("CHEBI:15365", "CTCKG:0001000",
                                                                     "has no effect on")]
    context = sorted((u, graph.nodes[v]["name"], d["interaction"], d["context_of"]) for u, v, d in
                     graph.edges(data=True) if d["statement"] == statement and d["edge_type"] == "context")
    assert context == [("CHEBI:15365", "Homo sapiens", "in species", "subject"),
                       ("CHEBI:15365", "breast cancer", "in cancer type", "subject"),
                       ("CTCKG:0001000", "Homo sapiens", "in species", "object"),
                       ("CTCKG:0001000", "breast cancer", "in cancer type", "object")]
    assert graph.nodes["NCBITaxon:9606"]["node_type"] == graph.nodes["MONDO:0007254"]["node_type"] == "context"
    assert graph.nodes["MONDO:0007254"]["kind"] == "disease" and graph.nodes["NCBITaxon:9606"]["kind"] == "organism"
    # context links only ever end at a species or a cancer type, and every one names a statement drawn as an edge
    statements = {d["statement"] for *_, d in graph.edges(data=True) if d["edge_type"] == "statement"}
    for _, v, d in graph.edges(data=True):
        if d["edge_type"] == "context":
            assert graph.nodes[v]["kind"] in CONTEXT_KINDS and d["statement"] in statements
            assert d["interaction"] == CONTEXT_KINDS[graph.nodes[v]["kind"]]
            assert d["label"].startswith(f"context of statement {d['statement']}: ")
    # murine contexts are there too (platelets dampen NK cell immunity in mice, section 5)
    assert "NCBITaxon:10090" in graph and graph.nodes["NCBITaxon:10090"]["name"] == "Mus musculus"


def test_graphml_key_ids_are_unique(view: ReleaseView) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(graphml_text(view).encode("utf-8"))
    ids = [key.get("id") for key in root.iter("{http://graphml.graphdrawing.org/xmlns}key")]
    assert len(ids) == len(set(ids))
