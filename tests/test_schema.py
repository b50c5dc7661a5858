"""The model schema (src/ctckg/schema.py) is the one place the model's shape is written down: the loader, the RDF
mapping, the exports and every prefix list follow it, and a role added there (plus its property and a value in the
curation files) reaches the Turtle, KGX, JSON-LD and the site with no other edit."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from ctckg import schema
from ctckg.curation import load, records
from ctckg.curation.yamlio import read_yaml
from ctckg.export import model
from ctckg.namespaces import compress, expand

ROOT = Path(__file__).resolve().parent.parent
PROPERTIES = ROOT / "ontology" / "curation" / "properties.yaml"


def test_records_and_loader_follow_the_schema() -> None:
    """The YAML keys of findings, locators and statements, the role keys and the quantities are the schema's, in
    the order curators write them (the loader lists them in that order in its 'allowed:' messages)."""
    assert records.ROLE_KEYS == ("ctc_cells", "partner_cells", "affected_cells", "mediators", "markers", "processes",
                                 "interventions", "intervention_targets", "cancers", "organisms", "study_designs")
    assert records.FINDING_KEYS[:4] == ("id", "label", "status", "direction")
    assert records.FINDING_KEYS[4:15] == records.ROLE_KEYS
    assert records.FINDING_KEYS[15:] == ("provenance", "locator", "references", "associated_references",
                                         "summarises", "hedge_exception", "statements", "quantities", "description",
                                         "note")
    assert records.STATEMENT_KEYS == ("subject", "subject_cell", "relation", "sign", "object", "object_cell",
                                      "aspect", "locations", "organisms", "comparator", "next", "note")
    assert records.STATEMENT_TERM_KEYS == ("subject", "subject_cell", "object", "object_cell", "comparator")
    assert records.LOCATOR_KEYS == ("section", "paragraph", "sentence", "table_row", "figure")
    assert records.QUANTITIES["year"] == ("integer", int)
    assert records.QUANTITIES["frequency percent"] == ("decimal", float)


def test_exporters_read_roles_and_quantities_from_the_schema() -> None:
    """export/model's role and quantity tables are the schema's (the CURIEs are those of properties.yaml)."""
    assert model.ROLES["cancers"] == URIRef("https://w3id.org/ctckg/CTCKG_0000009")
    assert model.ROLES["markers"] == URIRef("https://w3id.org/ctckg/CTCKG_0000013")
    assert model.ROLE_LABELS["cancers"] == "cancer type"
    assert model.ROLE_LABELS["organisms"] == "organism"
    assert model.QUANTITY_PROPERTIES["year"] == URIRef("https://w3id.org/ctckg/CTCKG_0000031")
    assert list(model.ROLES) == list(records.ROLE_KEYS)


def test_properties_yaml_declares_every_schema_property_with_its_label() -> None:
    """Each CTCKG property the schema names is declared in properties.yaml under the same label."""
    data, problems = read_yaml(PROPERTIES)
    assert not problems
    labels = {record["id"]: record["label"] for record in data}
    assert schema.SCHEMA_PROPERTIES["CTCKG:0000002"] == "has circulating tumor cell"
    assert {curie: labels.get(curie) for curie in schema.SCHEMA_PROPERTIES} == schema.SCHEMA_PROPERTIES
    # the others are not fields of a finding or statement: a parent role, the drug-target link of terms, the
    # bibliography, the statement instances, the 'no effect' relation and the term kind
    others = {record["id"] for record in data} - set(schema.SCHEMA_PROPERTIES)
    assert others == {"CTCKG:0000001", "CTCKG:0000012", "CTCKG:0000025", "CTCKG:0000047", "CTCKG:0000048",
                      "CTCKG:0000049", "CTCKG:0000051", "CTCKG:0000052", "CTCKG:0000053"}


def _copy_curation(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "ontology" / "curation", tmp_path / "curation")
    return tmp_path / "curation"


def test_loader_reports_a_label_that_differs_from_the_schema(tmp_path: Path) -> None:
    """A property of properties.yaml whose label is not the schema's is reported at its line, and a schema property
    missing from properties.yaml is reported at the start of the list; both as 'file:line: field: message'."""
    from ctckg.curation.vocab import LockedTerms

    curation = _copy_curation(tmp_path)
    text = (curation / "properties.yaml").read_text(encoding="utf-8")
    text = text.replace("  label: has cancer type context\n", "  label: has cancer context\n")
    start = text.index("- id: CTCKG:0000013\n")
    end = text.index("- id: CTCKG:0000020\n")
    text = text[:start] + text[end:]  # drop 'has marker'
    (curation / "properties.yaml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    label_line = lines.index("  label: has cancer context") + 1
    list_line = next(n for n, line in enumerate(lines, 1) if line.startswith("- id:"))
    with pytest.raises(load.CurationError) as raised:
        load.load_sources(LockedTerms(), curation)
    shown = {f"{Path(p.file).name}:{p.line}: {p.field}: {p.message}" for p in raised.value.problems}
    assert (f"properties.yaml:{label_line}: label: 'has cancer context' is not the label the model schema gives "
            "CTCKG:0000009, 'has cancer type context' (src/ctckg/schema.py)") in shown
    assert (f"properties.yaml:{list_line}: CTCKG:0000013: the model schema (src/ctckg/schema.py) uses CTCKG:0000013 "
            "('has marker'); declare it here with that label, a type and a definition") in shown


def test_one_prefix_table() -> None:
    """The release's prefix map, the pinned tables, the import modules, the loader's ID patterns and the web
    addresses come from one table, and agree with ontology/prefixes.json (the bioregistry-consistent file)."""
    # every prefix of the table round-trips through the release's expand/compress: no namespace hides another
    for prefix, namespace in schema.PREFIXES.items():
        assert compress(namespace + "T1") == f"{prefix}:T1", prefix
        assert str(expand(f"{prefix}:T1")) == namespace + "T1", prefix
    published = json.loads((ROOT / "ontology" / "prefixes.json").read_text(encoding="utf-8"))
    assert {record["prefix"]: record["uri_prefix"] for record in published} == schema.PREFIXES
    synonyms = {record["prefix"]: tuple(record.get("uri_prefix_synonyms", ())) for record in published}
    assert synonyms["HGNC"] == schema.PREFIX_BY_NAME["HGNC"].iri_synonyms
    assert synonyms["UniProtKB"] == schema.PREFIX_BY_NAME["UniProtKB"].iri_synonyms
    assert schema.IMPORT_PREFIXES == ("BFO", "CHEBI", "CL", "DOID", "ECO", "GO", "IAO", "MONDO", "NCBITaxon", "PR",
                                      "RO", "UBERON")
    assert set(schema.VOCAB_TABLES) == {*schema.IMPORT_PREFIXES, "HGNC"}
    assert schema.VOCAB_TABLES["NCBITaxon"] == "NCBITaxon.tsv"
    assert set(load._LOCAL_ID) == {*schema.VOCAB_TABLES, "CTCKG"}
    # the RDF IRI and the page a person follows: the same for OBO, distinct where the resolver differs
    assert str(expand("CL:0000233")) == model.obo_purl("CL:0000233") == "http://purl.obolibrary.org/obo/CL_0000233"
    assert str(expand("HGNC:5344")) == "http://identifiers.org/hgnc/5344"
    assert model.obo_purl("HGNC:5344") == "https://identifiers.org/hgnc:5344"
    assert model.obo_purl("UniProtKB:P05362") == "https://purl.uniprot.org/uniprot/P05362"
    assert model.obo_purl("doi:10.1016/j.trecan.2019.10.006") is None


def test_prefix_map_file_is_written_from_the_table() -> None:
    """ontology/prefixes.json lists the table's synonyms (bioregistry's forms), so nothing else keeps them."""
    from ctckg import prefixmap

    records_ = {record["prefix"]: record for record in prefixmap.extended_prefix_map()}
    assert records_["NCBITaxon"]["prefix_synonyms"] == ["taxonomy"]
    assert records_["HGNC"]["uri_prefix_synonyms"][0] == "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/"


def test_jsonld_names_come_from_the_schema() -> None:
    """The JSON-LD context calls a schema property by the schema's name (camelCase of its label)."""
    from ctckg.export.jsonld import FIXED_TERMS

    assert FIXED_TERMS["https://w3id.org/ctckg/CTCKG_0000003"] == "hasPartnerCell"
    assert FIXED_TERMS["https://w3id.org/ctckg/CTCKG_0000039"] == "subjectCell"
    assert FIXED_TERMS["http://purl.obolibrary.org/obo/RO_0002558"] == "hasEvidence"
    context = json.loads((ROOT / "exports" / "jsonld" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert context["hasCancerTypeContext"]["@id"] == "ctckg:CTCKG_0000009"


def test_linkml_view_loads_in_schemaview(tmp_path: Path) -> None:
    """The LinkML rendering of the table is a schema LinkML's SchemaView reads, with the slots and their URIs."""
    linkml = pytest.importorskip("linkml_runtime.utils.schemaview")
    path = tmp_path / "ctckg.linkml.yaml"
    path.write_text(schema.linkml_schema(), encoding="utf-8")
    view = linkml.SchemaView(str(path))
    assert set(view.all_classes()) >= {"Finding", "Locator", "Statement", "Quantity"}
    slots = view.class_induced_slots("Finding")
    by_name = {slot.name: slot for slot in slots}
    assert by_name["partner_cells"].slot_uri == "CTCKG:0000003"
    assert by_name["partner_cells"].multivalued
    assert by_name["label"].required
    assert view.get_uri("Finding", expand=True).startswith("https://w3id.org/ctckg/")
    statement = {slot.name for slot in view.class_induced_slots("Statement")}
    assert statement == set(records.STATEMENT_KEYS)
    assert "frequency percent" in view.get_enum("QuantityName").permissible_values


def test_committed_linkml_view_is_current() -> None:
    """docs/ctckg.linkml.yaml is what the build writes from the table."""
    assert (ROOT / "docs" / "ctckg.linkml.yaml").read_text(encoding="utf-8") == schema.linkml_schema()


# --- acceptance: a new role through the whole pipeline, touching only the schema and the curation data ----------

_NEW_ROLE = ('    _role("anatomical_sites", "CTCKG:0000054", "has anatomical site", "structure", '
             '"where in the body the interaction takes place", kgx="ctckg_anatomical_sites"),\n')
_NEW_STATEMENT_SLOT = ('    Slot("subject_site", "CTCKG:0000055", "subject site", "term", '
                       'kgx="ctckg_subject_site"),\n')
_NEW_PROPERTY = """- id: CTCKG:0000054
  label: has anatomical site
  type: annotation
  definition: Relates a finding to the part of the body where the interaction it describes takes place.
- id: CTCKG:0000055
  label: subject site
  type: annotation
  definition: Points from a statement to the part of the body where its subject is when it acts.
"""


def _add_role(root: Path) -> None:
    """The whole change: a schema row for a finding role and one for a statement slot, their two properties, and
    one value of each (Figure 1's 'blood neutrophils')."""
    schema_file = root / "src" / "ctckg" / "schema.py"
    text = schema_file.read_text(encoding="utf-8")
    anchor = '    _role("study_designs",'
    end = text.index("\n", text.index("\n", text.index(anchor)) + 1) + 1
    text = text[:end] + _NEW_ROLE + text[end:]
    anchor = '    Slot("subject_cell",'
    end = text.index("\n", text.index(anchor)) + 1
    schema_file.write_text(text[:end] + _NEW_STATEMENT_SLOT + text[end:], encoding="utf-8")
    properties = root / "ontology" / "curation" / "properties.yaml"
    text = properties.read_text(encoding="utf-8")
    properties.write_text(text.replace("- id: CTCKG:0000020\n", _NEW_PROPERTY + "- id: CTCKG:0000020\n"),
                          encoding="utf-8")
    findings = root / "ontology" / "curation" / "findings" / "figure1.yaml"
    text = findings.read_text(encoding="utf-8")
    old = "    - GO:0008283 ! cell population proliferation\n  provenance: figure or table\n"
    assert text.count(old) == 1
    text = text.replace(old, "    - GO:0008283 ! cell population proliferation\n  anatomical_sites:\n"
                             "    - UBERON:0000178 ! blood\n  provenance: figure or table\n")
    old = ("    - subject: CL:0000775 ! neutrophil\n      relation: affects\n      sign: increases\n"
           "      object: GO:0008283 ! cell population proliferation\n")
    assert text.count(old) == 1
    findings.write_text(text.replace(old, old.replace("relation:", "subject_site: UBERON:0000178 ! blood\n"
                                                                   "      relation:")), encoding="utf-8")


@pytest.mark.slow
def test_a_new_role_reaches_rdf_kgx_jsonld_and_the_site(tmp_path: Path) -> None:
    """In a copy of the checkout, add a role to the schema, its property to properties.yaml and a value to the
    Figure 1 finding CTCKG:0019001; the build and the site then carry it everywhere, with no other edit."""
    root = tmp_path / "checkout"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".venv", ".git", "test-output", "__pycache__",
                                                              "*.egg-info", ".mypy_cache", ".ruff_cache"))
    _add_role(root)
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "CTCKG_PROJECT": str(root)}
    build = subprocess.run([sys.executable, "-m", "ctckg", "build", "--all"], capture_output=True, text=True,
                           env=env, cwd=root, timeout=600)
    assert build.returncode == 0, build.stderr
    site = subprocess.run([sys.executable, "-m", "ctckg", "site", "-o", str(tmp_path / "site")], capture_output=True,
                          text=True, env=env, cwd=root, timeout=600)
    assert site.returncode == 0, site.stderr

    finding = URIRef("https://w3id.org/ctckg/CTCKG_0019001")
    prop = URIRef("https://w3id.org/ctckg/CTCKG_0000054")
    blood = URIRef("http://purl.obolibrary.org/obo/UBERON_0000178")
    turtle = Graph().parse(root / "ontology" / "ctckg.ttl", format="turtle")
    assert (finding, prop, blood) in turtle
    assert str(next(turtle.objects(prop, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))) == \
        "has anatomical site"
    assert sorted(str(s) for s in turtle.subjects(prop, None)) == [str(finding)]

    edges = (root / "exports" / "kgx" / "ctckg_edges.tsv").read_text(encoding="utf-8").splitlines()
    header = edges[0].split("\t")
    assert "ctckg_anatomical_sites" in header
    column = header.index("ctckg_anatomical_sites")
    rows = [line.split("\t") for line in edges[1:]]
    with_site = [row for row in rows if row[column]]
    assert with_site and all(row[column] == "UBERON:0000178" for row in with_site)
    assert all("CTCKG:0019001" in row[header.index("ctckg_finding")] for row in with_site)

    document = json.loads((root / "exports" / "jsonld" / "ctckg.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["hasAnatomicalSite"]["@id"] == "ctckg:CTCKG_0000054"
    node = next(n for n in document["@graph"] if n["id"] == "ctckg:CTCKG_0019001")
    assert node["hasAnatomicalSite"] == ["obo:UBERON_0000178"]

    page = (tmp_path / "site" / "finding" / "CTCKG_0019001.html").read_text(encoding="utf-8")
    assert re.search(r"<dt>anatomical site</dt><dd><ul class=\"inline\"><li><a href=\"[^\"]*UBERON_0000178.html\">"
                     r"blood</a>", page)

    # the statement slot: RDF, JSON-LD, its KGX column and the statement on the finding's page
    statement = URIRef("https://w3id.org/ctckg/CTCKG_0019001-1")
    site_prop = URIRef("https://w3id.org/ctckg/CTCKG_0000055")
    assert list(turtle.subject_objects(site_prop)) == [(statement, blood)]
    assert document["@context"]["subjectSite"]["@id"] == "ctckg:CTCKG_0000055"
    node = next(n for n in document["@graph"] if n["id"] == "ctckg:CTCKG_0019001-1")
    assert node["subjectSite"] == ["obo:UBERON_0000178"]
    column = header.index("ctckg_subject_site")
    assert [row[0] for row in rows if row[column]] == ["CTCKG:0019001-1"]
    assert [row[column] for row in rows if row[column]] == ["UBERON:0000178"]
    item = page[page.index('<li id="CTCKG_0019001-1">'):]
    item = item[:item.index("</li>\n")]
    assert re.search(r'<span class="st-extra">subject site: .*blood', item)
