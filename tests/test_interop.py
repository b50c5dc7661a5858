"""The release in the tools of the field (issue 13): OWL readers (OAK, pronto, py-horned-owl, the OWL API), OBO
conversion, kgx, JSON-LD processors (pyld with its default loader), sssom-py; the prefix map, the w3id rules and
the merged file's roots.

The tests read the committed release and exports. The OAK command line and the OWL API (Java) take several seconds
each and are marked ``slow``; Java is skipped on a machine without it (CI installs it, so there they must run).
"""

from __future__ import annotations

import csv
import json
import random
import re
import shutil
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from conftest import require, require_tool
from ctckg.build.imports import UPPER_LINKS
from ctckg.build.serialize import to_rdfxml
from ctckg.namespaces import OBOINOWL, PREFIXES, compress, expand
from support.paths import (
    FULL_ONTOLOGY_IRI,
    IMPORT_IRI_TEMPLATE,
    IMPORTS_DIR,
    JSONLD_CONTEXT,
    JSONLD_CONTEXT_IRI,
    JSONLD_FILE,
    KGX_EDGES,
    KGX_NODES,
    MAPPING_SET_IRI,
    ONTOLOGY_IRI,
    RELEASE_FULL,
    RELEASE_OWL,
    ROOT,
    SSSOM_FILE,
)

TERM = "CTCKG:0001004"  # circulating tumor microembolus
TERM_IRI = "https://w3id.org/ctckg/CTCKG_0001004"
TERM_LABEL = "circulating tumor microembolus"
TERM_PARENT = "http://purl.obolibrary.org/obo/UBERON_0034922"  # cell cluster
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_OWL = "{http://www.w3.org/2002/07/owl#}"
#: The roots of the merged file, with why each is one (the closing note of issue 13 lists them).
ROOTS = {
    "http://purl.obolibrary.org/obo/BFO_0000001": "BFO entity: every imported hierarchy and every minted class is "
                                                  "under it (import modules carry the upper-level links)",
    "http://purl.org/ontology/bibo/AcademicArticle": "BIBO academic article: a second type of the reference "
                                                     "individuals for bibliographic tools; BIBO is not BFO-aligned",
}


@pytest.fixture(scope="module")
def release(release_graph: Graph) -> Graph:
    return release_graph  # the session's parse of the Turtle release (tests/conftest.py); read, never changed


@pytest.fixture(scope="module")
def merged() -> Graph:
    return Graph().parse(RELEASE_FULL, format="xml")


def _classes(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef)}


# --- RDF/XML as the OWL API writes it ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", [RELEASE_OWL, RELEASE_FULL, IMPORTS_DIR / "cl_import.owl"], ids=lambda p: p.name)
def test_rdfxml_has_the_ontology_element_first_and_typed_elements(path: Path) -> None:
    root = ET.parse(path).getroot()
    elements = list(root)
    assert elements[0].tag == f"{_OWL}Ontology"
    assert sum(1 for e in elements if e.tag == f"{_OWL}Ontology") == 1
    graph = Graph().parse(path, format="xml")
    typed_classes = {e.get(f"{_RDF}about") for e in elements if e.tag == f"{_OWL}Class"}
    assert typed_classes == {str(c) for c in _classes(graph)}
    individuals = {e.get(f"{_RDF}about") for e in elements if e.tag == f"{_OWL}NamedIndividual"}
    assert individuals == {str(s) for s in graph.subjects(RDF.type, OWL.NamedIndividual)}


def test_rdfxml_is_byte_deterministic(release: Graph) -> None:
    """The committed file, rewritten from the Turtle copy with its triples added in another order (and new blank
    node IDs), gives the same bytes."""
    triples = list(release)
    random.Random(13).shuffle(triples)
    shuffled = Graph()
    for triple in triples:
        shuffled.add(triple)
    assert to_rdfxml(shuffled) == RELEASE_OWL.read_text(encoding="utf-8")


# --- OWL readers ------------------------------------------------------------------------------------------------

def test_pronto_reads_the_merged_file(merged: Graph) -> None:
    import pronto

    with warnings.catch_warnings():  # pronto warns about OWL constructs it does not model
        warnings.simplefilter("ignore")
        ontology = pronto.Ontology(str(RELEASE_FULL))
    term = ontology[TERM]
    assert term.name == TERM_LABEL
    assert {parent.id for parent in term.superclasses(distance=1, with_self=False)} == {"UBERON:0034922"}
    minted = {str(c) for c in _classes(merged) if str(c).startswith("https://w3id.org/ctckg/")}
    assert {t.id for t in ontology.terms() if t.id.startswith("CTCKG:")} == {
        "CTCKG:" + iri.rsplit("_", 1)[1] for iri in minted}


def test_py_horned_owl_reads_the_merged_file(merged: Graph) -> None:
    import pyhornedowl

    ontology = pyhornedowl.open_ontology(str(RELEASE_FULL))
    assert len(ontology.get_classes()) == len(_classes(merged))
    assert ontology.get_annotation(TERM_IRI, str(RDFS.label)) == TERM_LABEL
    assert ontology.get_superclasses(TERM_IRI) == {TERM_PARENT}
    assert set(ontology.get_root_classes()) == set(ROOTS)


def _runoak(*args: str) -> str:
    runoak = shutil.which("runoak") or str(Path(sys.executable).with_name("runoak"))
    require(Path(runoak).exists(), "OAK is not installed: pip install -e '.[test]' (package oaklib)")
    done = subprocess.run([runoak, *args], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.slow
def test_oak_pronto_adapter_prints_the_label() -> None:
    """The documented command: `runoak -i pronto:ontology/ctckg-full.owl info CTCKG:0001004` (ctckg.owl itself
    imports its modules by w3id IRI, which pronto fetches from the web; the merged file needs nothing)."""
    assert _runoak("-i", "pronto:ontology/ctckg-full.owl", "info", TERM).strip() == f"{TERM} ! {TERM_LABEL}"
    ancestors = _runoak("-i", "pronto:ontology/ctckg-full.owl", "ancestors", "-p", "i", TERM)
    assert "BFO:0000001\tentity" in ancestors and "UBERON:0034922\tcell cluster" in ancestors


@pytest.mark.slow
def test_oak_default_adapter_with_the_project_prefix() -> None:
    out = _runoak("--prefix", f"CTCKG={PREFIXES['CTCKG']}", "-i", "ontology/ctckg-full.owl", "info", TERM)
    assert out.strip() == f"{TERM} ! {TERM_LABEL}"


@pytest.fixture(scope="module")
def owlapi(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """tests/java/OwlApiInterop.java run on ctckg.owl (imports from ontology/imports, offline): what the OWL API
    sees, the OBO file it writes of the release merged with its imports, and the OWL it reads back from it."""
    java, javac = require_tool("java"), require_tool("javac")
    from ctckg.validate.java import debian_classpath

    classpath = debian_classpath("libowlapi-java")
    require("owlapi" in classpath, "the OWL API is not installed: apt-get install libowlapi-java")
    work = tmp_path_factory.mktemp("owlapi")
    source = Path(__file__).parent / "java" / "OwlApiInterop.java"
    compiled = subprocess.run([javac, "-nowarn", "-cp", classpath, "-d", str(work), str(source)],
                              capture_output=True, text=True, timeout=300)
    assert compiled.returncode == 0, compiled.stderr
    obo, back = work / "ctckg.obo", work / "back.owl"
    done = subprocess.run([java, "-cp", f"{work}:{classpath}", "OwlApiInterop", str(RELEASE_OWL), str(IMPORTS_DIR),
                           str(obo), str(back), TERM_IRI], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    facts: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        key, _, value = line.partition("\t")
        facts.setdefault(key, []).append(value)
    return {"facts": facts, "obo": obo.read_text(encoding="utf-8"), "back": back}


@pytest.mark.slow
def test_owl_api_loads_the_release_with_its_imports(owlapi: dict[str, object], merged: Graph) -> None:
    facts = owlapi["facts"]
    assert isinstance(facts, dict)
    assert facts["ontology"] == [ONTOLOGY_IRI]
    assert facts["label"] == [TERM_LABEL] and facts["parent"] == [TERM_PARENT]
    assert int(facts["classes"][0]) == len(_classes(merged))


@pytest.mark.slow
def test_obo_round_trip_keeps_ctckg_ids_and_definition_sources(owlapi: dict[str, object], release: Graph) -> None:
    obo = owlapi["obo"]
    assert isinstance(obo, str)
    assert "\nidspace: CTCKG https://w3id.org/ctckg/CTCKG_ " in obo
    frames = {frame.split("\n", 1)[0].removeprefix("id: ").split(" !")[0]: frame
              for frame in re.split(r"\n\[Term\]\n", obo)[1:]}
    minted = sorted(str(c) for c in _classes(release) if str(c).startswith(PREFIXES["CTCKG"]))
    assert {f"CTCKG:{iri.rsplit('_', 1)[1]}" for iri in minted} <= set(frames)
    # no term of ours left without its OBO ID (BIBO's class keeps its IRI: it has no OBO ID space)
    assert not any(key.startswith(("https://w3id.org/", "http://purl.obolibrary.org/obo/CTCKG")) for key in frames)
    # every definition with a source keeps it: def: "…" [CTCKG:02000nn]
    with_sources = 0
    for iri in minted:
        curie = f"CTCKG:{iri.rsplit('_', 1)[1]}"
        sources = sorted(f"CTCKG:{str(o).rsplit('_', 1)[1]}" for o in release.objects(URIRef(iri), expand("IAO:0000119")))
        if not sources or (URIRef(iri), OWL.deprecated, Literal(True)) in release:
            continue
        definition = next(line for line in frames[curie].splitlines() if line.startswith("def: "))
        assert definition.endswith(f"[{', '.join(sources)}]"), (curie, definition)
        with_sources += 1
    assert with_sources >= 80
    # read back: the OBO IDs are kept as oboInOwl:id, the definition sources as axiom annotations
    back = Graph().parse(owlapi["back"], format="xml")
    ids = {str(o) for o in back.objects(None, OBOINOWL.id)}
    assert TERM in ids
    xrefs = {str(o) for axiom in back.subjects(RDF.type, OWL.Axiom) for o in back.objects(axiom, OBOINOWL.hasDbXref)}
    assert "CTCKG:0200000" in xrefs


@pytest.mark.slow
def test_pronto_reads_the_obo_conversion_with_its_id_space(owlapi: dict[str, object], tmp_path: Path) -> None:
    import pronto

    path = tmp_path / "ctckg.obo"
    path.write_text(str(owlapi["obo"]), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ontology = pronto.Ontology(str(path), import_depth=0)  # the OBO file is merged: nothing to import
    assert ontology.metadata.idspaces["CTCKG"][0] == PREFIXES["CTCKG"]
    term = ontology[TERM]
    assert term.name == TERM_LABEL and {x.id for x in term.definition.xrefs} == {"CTCKG:0200000"}


# --- OBO conventions --------------------------------------------------------------------------------------------

def test_every_label_of_the_merged_file_is_english(merged: Graph) -> None:
    """One language-tag policy: labels, definitions and synonyms of classes are @en, in the release and the
    import modules alike."""
    texts = [o for c in _classes(merged) for p in (RDFS.label, expand("IAO:0000115"), OBOINOWL.hasExactSynonym,
                                                      OBOINOWL.hasRelatedSynonym) for o in merged.objects(c, p)]
    assert texts and all(isinstance(t, Literal) and t.language == "en" for t in texts)


def test_merged_file_has_one_set_of_roots(merged: Graph) -> None:
    roots = {str(c) for c in _classes(merged)
             if not any(isinstance(p, URIRef) for p in merged.objects(c, RDFS.subClassOf))}
    assert roots == set(ROOTS)
    for child, (parent, _) in UPPER_LINKS.items():
        assert (expand(child), RDFS.subClassOf, expand(parent)) in merged, child


#: Labels two classes of the merged file share, with why both classes are needed (the labels come from the pinned
#: tables and are not changed).
SHARED_LABELS = {
    "role": ({"http://purl.obolibrary.org/obo/CHEBI_50906", "http://purl.obolibrary.org/obo/BFO_0000023"},
             "ChEBI's role is the parent of the drug, application and biological roles the curation uses; BFO's "
             "role is its upper-level parent (ChEBI's OWL release asserts the link)"),
}


def test_merged_file_has_one_class_per_label(merged: Graph) -> None:
    by_label: dict[str, set[str]] = {}
    for cls in _classes(merged):
        for label in merged.objects(cls, RDFS.label):
            by_label.setdefault(str(label), set()).add(str(cls))
    shared = {label: classes for label, classes in by_label.items() if len(classes) > 1}
    assert shared == {label: classes for label, (classes, _) in SHARED_LABELS.items()}
    # "protein" is PR's class only: the two cytokine classes that were under ChEBI's protein are under PR's now
    assert by_label["protein"] == {"http://purl.obolibrary.org/obo/PR_000000001"}
    for cytokine in ("CTCKG:0001056", "CTCKG:0001057"):  # platelet- and macrophage-derived cytokine
        assert (expand(cytokine), RDFS.subClassOf, expand("PR:000000001")) in merged
    assert not set(merged.triples((expand("CHEBI:36080"), None, None)))


def test_protein_classes_are_gene_products_of_hgnc_records_as_in_sssom(release: Graph) -> None:
    """The release and the SSSOM export say the same: UniProtKB entries are exact matches of our protein classes,
    HGNC gene records are what they are gene products of (RO:0002204), never an exact match."""
    sssom_id = URIRef("https://w3id.org/sssom/predicate_id")
    with open(SSSOM_FILE, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader((line for line in stream if not line.startswith("#")), delimiter="\t"))
    sssom = {(r["subject_id"], r["predicate_id"], r["object_id"]) for r in rows}
    exact = {(compress(s), "skos:exactMatch", compress(o)) for s, o in release.subject_objects(SKOS.exactMatch)}
    assert not any(o.startswith("HGNC:") for *_, o in exact)
    gene_product_of = set()
    for axiom in release.subjects(OWL.annotatedProperty, OBOINOWL.hasDbXref):
        target = str(release.value(axiom, OWL.annotatedTarget))
        if target.startswith("HGNC:"):
            assert release.value(axiom, sssom_id) == expand("RO:0002204"), target
            source = release.value(axiom, OWL.annotatedSource)
            assert (source, OBOINOWL.hasDbXref, Literal(target)) in release  # the annotated xref itself
            gene_product_of.add((compress(source), "RO:0002204", target))
    assert exact | gene_product_of == sssom
    assert ("CTCKG:0001050", "RO:0002204", "HGNC:5344") in sssom  # ICAM-1 is the product of ICAM1
    assert ("CTCKG:0001050", "skos:exactMatch", "UniProtKB:P05362") in exact
    assert len(gene_product_of) == 27
    assert (sssom_id, RDF.type, OWL.AnnotationProperty) in release


def test_minted_classes_carry_obo_ids(release: Graph) -> None:
    minted = [c for c in _classes(release) if str(c).startswith(PREFIXES["CTCKG"])]
    assert minted and all(release.value(c, OBOINOWL.id) == Literal("CTCKG:" + str(c).rsplit("_", 1)[1])
                          for c in minted)
    idspace = str(release.value(URIRef(ONTOLOGY_IRI), OBOINOWL.idspace))
    assert idspace.split()[:2] == ["CTCKG", PREFIXES["CTCKG"]]


# --- kgx --------------------------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("mode", ["transform --stream", "transform", "merge"])
def test_kgx_transform_and_merge_keep_every_edge_and_its_publications(mode: str) -> None:
    """Plain ``kgx transform`` and ``kgx merge`` hold the graph keyed on subject–predicate–object: the export has
    one edge per triple, so every edge comes out with its publications, knowledge level and qualifiers."""
    from ctckg.export.kgx_check import merge_round_trip, transform_round_trip

    trip = (merge_round_trip(KGX_NODES, KGX_EDGES) if mode == "merge"
            else transform_round_trip(KGX_NODES, KGX_EDGES, stream=mode.endswith("--stream")))
    with open(KGX_EDGES, encoding="utf-8", newline="") as stream:
        edges = list(csv.DictReader(stream, delimiter="\t"))
    with open(KGX_NODES, encoding="utf-8", newline="") as stream:
        nodes = list(csv.DictReader(stream, delimiter="\t"))
    assert trip.mode == mode
    assert trip.edges_in == trip.edges_out == len(edges) > 250
    assert trip.lost == [] and trip.changed == []
    assert trip.nodes_in == trip.nodes_out == len(nodes)
    # the platelet-CTC contact is one triple: its edge keeps the review's reference for it, [55] ("Platelets
    # interact with tumor cells during blood dissemination", section 5), beside the others (trip.changed is empty)
    platelet = [e for e in edges if (e["subject"], e["predicate"], e["object"]) ==
                ("CL:0000233", "biolink:physically_interacts_with", "CTCKG:0001000")]
    assert len(platelet) == 1 and "CTCKG:0200055" in platelet[0]["publications"].split("|")


@pytest.mark.slow
def test_ctckg_check_kgx_runs_offline() -> None:
    from click.testing import CliRunner

    from ctckg.cli.main import main

    result = CliRunner().invoke(main, ["check", "kgx"])
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output
    for mode in ("transform --stream", "transform", "merge"):
        assert re.search(rf"kgx {mode}: (\d+) edges in, \1 out, 0 lost, 0 changed", result.output), result.output


# --- JSON-LD ----------------------------------------------------------------------------------------------------

def _skolemised(graph: Graph) -> set[tuple[str, str, str]]:
    """Triples as text with blank nodes named by their own triples, plain strings without xsd:string."""
    def text(term: object) -> str:
        if isinstance(term, Literal) and term.datatype == XSD.string:
            return Literal(str(term)).n3()
        return term.n3() if not isinstance(term, BNode) else names[term]
    names: dict[BNode, str] = {}
    for node in {s for s in graph.subjects() if isinstance(s, BNode)}:
        names[node] = "_:" + "|".join(sorted(f"{p.n3()} {o.n3()}" for p, o in graph.predicate_objects(node)
                                             if not isinstance(o, BNode)))
    return {(text(s), text(p), text(o)) for s, p, o in graph}


@pytest.mark.parametrize("mode", ["json-ld-1.1", "json-ld-1.0"])
def test_pyld_expands_the_export_with_its_default_loader(release: Graph, mode: str) -> None:
    from pyld import jsonld

    document = json.loads(JSONLD_FILE.read_text(encoding="utf-8"))
    assert isinstance(document["@context"], dict)  # embedded: nothing to load, no base IRI needed
    quads = jsonld.to_rdf(document, {"format": "application/n-quads", "processingMode": mode})
    assert _skolemised(Graph().parse(data=quads, format="nt")) == _skolemised(release)


def test_jsonld_context_is_json_ld_1_0() -> None:
    from pyld import jsonld

    context = json.loads(JSONLD_CONTEXT.read_text(encoding="utf-8"))["@context"]
    assert "@version" not in context
    assert not any(isinstance(v, dict) and "@prefix" in v for v in context.values())
    assert json.loads(JSONLD_FILE.read_text(encoding="utf-8"))["@context"] == context
    expanded = jsonld.expand({"@context": context, "@id": "ctckg:CTCKG_0001004", "label": "x"},
                             {"processingMode": "json-ld-1.0"})
    assert expanded[0]["@id"] == TERM_IRI


# --- SSSOM ------------------------------------------------------------------------------------------------------

def _sssom_reference_converter(prefixes: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """sssom-py's default prefix context (its built-in prefixes first, then the records of the Bioregistry-derived
    extended prefix map it ships) for ``prefixes`` only: ``sssom.context.get_converter()`` builds all 6,336 records
    (about 30 s on the 2-core machine), of which this test compares five."""
    import json

    import curies
    from sssom.context import EXTENDED_PREFIX_MAP, _get_built_in_prefix_map

    wanted = set(prefixes)
    records = [record for record in json.loads(EXTENDED_PREFIX_MAP.read_text(encoding="utf-8"))
               if wanted & {record["prefix"], *record.get("prefix_synonyms", [])}]
    return curies.chain([_get_built_in_prefix_map(), curies.load_extended_prefix_map(records)])


def test_sssom_metadata_and_prefixes_follow_bioregistry() -> None:
    from sssom.parsers import parse_sssom_table

    msdf = parse_sssom_table(SSSOM_FILE)
    # sssom-py propagates the set-level subject_source to every row
    sources = set(msdf.df["subject_source"]) if "subject_source" in msdf.df else {msdf.metadata["subject_source"]}
    assert len(sources) == 1
    source = sources.pop()
    assert re.fullmatch(r"[A-Za-z_]+:[^/]+", source) and msdf.converter.expand(source) == ONTOLOGY_IRI
    compared = ("HGNC", "UniProtKB", "RO", "skos", "semapv")
    reference = _sssom_reference_converter(compared)
    assert set(compared) <= set(reference.prefix_map)  # the reference knows every prefix compared
    for prefix in compared:  # every one is in our curie map (the mappings' subjects, predicates and justifications)
        assert msdf.converter.prefix_map.get(prefix) == reference.prefix_map[prefix], prefix
    predicates = set(msdf.df["predicate_id"])
    assert predicates == {"skos:exactMatch", "RO:0002204"}
    exact = msdf.df[msdf.df["predicate_id"] == "skos:exactMatch"]
    assert set(exact["object_id"].str.split(":").str[0]) == {"UniProtKB"}  # proteins match protein records


# --- prefix map and w3id ----------------------------------------------------------------------------------------

def test_prefix_map_files_are_current() -> None:
    import curies

    from ctckg.prefixmap import prefix_files
    from support.paths import Project

    PREFIX_JSON, PREFIX_TTL = Project.discover().prefix_json, Project.discover().prefix_ttl

    for path, text in prefix_files().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name}: run python -m ctckg.prefixmap"
    converter = curies.load_extended_prefix_map(PREFIX_JSON)
    assert converter.expand(TERM) == TERM_IRI
    assert converter.compress("https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/5344") == "HGNC:5344"
    assert converter.expand("HGNC:5344") == PREFIXES["HGNC"] + "5344"  # the release's own expansion
    turtle = Graph().parse(PREFIX_TTL, format="turtle")
    assert dict(turtle.namespaces())["CTCKG"] == URIRef(PREFIXES["CTCKG"])


def _w3id_rules() -> list[tuple[re.Pattern[str], str]]:
    rules = []
    for line in (ROOT / "w3id" / ".htaccess").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts[:1] == ["RewriteRule"] and parts[2] != "-":
            rules.append((re.compile(parts[1]), parts[2]))
    return rules


def test_w3id_rules_cover_every_iri_the_release_uses(release: Graph) -> None:
    rules = _w3id_rules()
    base = "https://w3id.org/ctckg/"
    version = str(release.value(URIRef(ONTOLOGY_IRI), OWL.versionIRI))
    iris = {ONTOLOGY_IRI, FULL_ONTOLOGY_IRI, version, JSONLD_CONTEXT_IRI, MAPPING_SET_IRI,
            IMPORT_IRI_TEMPLATE.format(name="cl"), f"{base}prefixes.json",
            *{str(o) for o in release.objects(URIRef(ONTOLOGY_IRI), OWL.imports)}}
    iris |= {str(s) for s in release.subjects() if isinstance(s, URIRef) and str(s).startswith(base)}
    assert len(iris) > 1000
    for iri in sorted(iris):
        path = iri.removeprefix(base)
        assert any(pattern.search(path) for pattern, _ in rules), iri
    targets = {pattern.pattern: target for pattern, target in rules}
    assert targets[r"^context\.jsonld$"].endswith("/exports/jsonld/context.jsonld")
