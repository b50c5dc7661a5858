"""The statement layer (issue: mechanisms as directed statements). Every expected value is written from the review's
text (Heeke et al., Cells 2019), not from a query run: who binds whom on which cell, the ATP chain, the NK
suppression by platelet TGF-beta, the sites the review names, and the KGX export being one edge per statement."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF

from ctckg.curation.load import load_sources
from ctckg.curation.records import RELATIONS
from ctckg.curation.vocab import LockedTerms
from ctckg.errors import CurationError
from ctckg.export.kgx import kgx_tables, parse_tsv
from ctckg.export.model import ReleaseView
from ctckg.export.statements import edges
from ctckg.namespaces import CTCKG, HAS_STATEMENT, MECHANISM_STATEMENT, expand
from ctckg.sparql import KnowledgeGraph
from support.paths import CURATION_DIR, EXTERNAL_TERMS_FILE

PLATELET, NEUTROPHIL, CTC, T_CELL, NK = "CL:0000233", "CL:0000775", "CTCKG:0001000", "CL:0000084", "CL:0000623"


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return KnowledgeGraph.open(engine="pyoxigraph")


@pytest.fixture(scope="module")
def view(release_view: ReleaseView) -> ReleaseView:
    return release_view  # one view per session (tests/conftest.py)


def _pairs(kg: KnowledgeGraph) -> list[dict]:
    return kg.run_named("ligand-receptor").records()


def _find(records: list[dict], source_label: str, target_label: str) -> list[dict]:
    return [r for r in records if r["source_label"] == source_label and r["target_label"] == target_label]


def test_platelet_p_selectin_binds_tumor_cd44(kg: KnowledgeGraph) -> None:
    # §5 ¶3: "the platelet P-selectin interacts with tumor CD44 ... [57,58]"
    rows = _find(_pairs(kg), "P-selectin", "CD44 molecule")
    assert rows, "P-selectin-CD44 is missing"
    assert any(r["source_cell"].endswith(PLATELET.split(":")[1]) or r.get("source_cell_label") == "platelet" for r in rows)
    assert any({"57", "58"} <= set((r["references"] or "").split("; ")) for r in rows)


def test_atp_from_platelets_binds_p2y2(kg: KnowledgeGraph) -> None:
    # §5 ¶4: "CTC-induced platelet aggregation leads to the release of ATP ... binds to the P2Y2 receptor [65]"
    rows = _find(_pairs(kg), "ATP", "P2Y2 receptor")
    assert rows and any(r.get("source_cell_label") == "platelet" and "65" in (r["references"] or "") for r in rows)


def test_adam9_on_ctcs_binds_integrin_alpha5_beta1_on_platelets(kg: KnowledgeGraph) -> None:
    # §5 ¶4: "the ADAMA9 on CTCs that binds to the integrin alpha5beta1 on the surface of platelets"
    rows = _find(_pairs(kg), "ADAM metallopeptidase domain 9", "integrin alpha5-beta1 complex")
    assert any(r.get("source_cell_label") == "circulating tumor cell" and r.get("target_cell_label") == "platelet"
               for r in rows)


def test_mac1_on_neutrophils_binds_icam1_only_as_an_inference(kg: KnowledgeGraph) -> None:
    # §3 ¶1 s7 names ICAM-1 [30]; the title of reference 30 names Mac-1 ('via Mac-1-Mediated Interactions'); neither
    # says the two bind, so the pair is a curator inference with no citation as evidence.
    rows = _find(_pairs(kg), "integrin alphaM-beta2 complex", "intercellular adhesion molecule 1")
    assert rows and all(r["provenance"] == "curator inference" and not r["references"] for r in rows)
    assert any(r.get("source_cell_label") == "neutrophil" for r in rows)
    # what the title itself says: Mac-1 on neutrophils takes part in the neutrophil-CTC contact [30]
    title = [r for r in kg.run_named("cell-products", cell="neutrophil").records()
             if r.get("product_label") == "integrin alphaM-beta2 complex"]
    assert title


def test_pd_l1_pd_1_is_a_curator_inference_not_a_review_claim(kg: KnowledgeGraph) -> None:
    # §7 ¶2 names PD-L1 only; the receptor PD-1 is background knowledge, so the pair must say it is inferred.
    rows = _find(_pairs(kg), "programmed cell death 1 ligand 1", "programmed cell death protein 1")
    assert rows and all(r["provenance"] == "curator inference" and not r["references"] for r in rows)
    assert any(r.get("source_cell_label") == "circulating tumor cell" and r.get("target_cell_label") == "T cell" for r in rows)


def test_chain_from_atp_walks_to_intravasation_and_metastasis(kg: KnowledgeGraph) -> None:
    # [65]: ATP -> P2Y2 -> intravasation and metastatic dissemination; [56]: ATP -> evasion off the blood stream,
    # "consequently promotes metastasis".
    rows = kg.run_named("mechanism-chain", molecule="ATP").records()
    reached = {r.get("object_label") for r in rows if r["step"] > 1}
    assert "tumor cell intravasation" in reached
    assert "metastasis formation" in reached
    steps = {r["statement"]: r["step"] for r in rows if r["start"] == r["statement"]}
    assert set(steps.values()) == {1}


def test_everything_that_decreases_nk_cytotoxicity(kg: KnowledgeGraph) -> None:
    # §5 ¶4: "TGFbeta released from activated platelets counteracts NK ... cytotoxicity" [68]; Table 1 row 7 [68].
    rows = kg.run_named("decreases-nk-cytotoxicity").records()
    tgf = [r for r in rows if r.get("agent_label") == "TGF-beta"]  # no isoform named in section 5
    assert tgf and all(r.get("agent_cell_label") == "platelet" for r in tgf)
    assert any("68" in (r["references"] or "") for r in tgf)


def test_statements_by_site_liver(kg: KnowledgeGraph) -> None:
    # §3 ¶1: neutrophils bound to CTCs facilitate their interaction with endothelial cells in the liver [30]
    rows = kg.run_named("statements-by-site", site="liver").records()
    assert any("30" in (r["references"] or "") for r in rows)


def test_bone_marrow_origin_of_mdscs_is_queryable(kg: KnowledgeGraph) -> None:
    # §4 ¶1: MDSCs "are derived from the bone marrow" [45]
    rows = kg.run_named("statements-by-site", site="bone marrow").records()
    assert any("45" in (r["references"] or "") for r in rows)


def test_what_platelets_produce_and_whom_it_acts_on(kg: KnowledgeGraph) -> None:
    # §5: platelet TGF-beta acts on NK cells [68]; platelet P-selectin binds CD44 on tumor cells [57,58]
    rows = kg.run_named("cell-products", cell="platelet").records()
    products = {(r["product_label"], r.get("target_cell_label")) for r in rows}
    assert ("TGF-beta", "natural killer cell") in products
    assert ("P-selectin", "circulating tumor cell") in products


def test_kgx_edges_are_curated_statements_and_no_cross_product(view: ReleaseView) -> None:
    _, edges_text = kgx_tables(view)
    rows = parse_tsv(edges_text, ("ctckg_statements",))
    curated = {st.curie: st for f in view.findings for st in f.statements}
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "edge IDs must be unique"
    for row in rows:  # every edge is one or more curated statements with its subject and object (one per triple)
        for curie in row["ctckg_statements"]:  # type: ignore[union-attr]
            assert (row["subject"], row["object"]) == (curated[curie].subject, curated[curie].object)
    assert sum(len(row["ctckg_statements"]) for row in rows) == sum(1 for st in curated.values() if st.subject)
    # the cross-products the old export invented are gone
    pairs = {(row["subject"], row["object"]) for row in rows}
    assert ("CTCKG:0001051", "GO:0140645") not in pairs  # beta1-integrin -> NET formation
    assert not any(row["subject"] == PLATELET and row["object"] == "GO:0030168" for row in rows)  # platelet -> activation


def test_kgx_edges_use_biolink_qualifiers(view: ReleaseView) -> None:
    rows = parse_tsv(kgx_tables(view)[1])
    tgf = [r for r in rows if r["subject"] == "PR:000000046" and r["object"] == "GO:0002420"]
    assert tgf and all(r["qualified_predicate"] == "biolink:causes" and r["object_direction_qualifier"] == "decreased"
                       and r["subject_context_qualifier"] == PLATELET for r in tgf)
    liver = [r for r in rows if "UBERON:0002107" in str(r["anatomical_context_qualifier"])]
    assert liver
    atp = [r for r in rows if r["subject"] == "CHEBI:15422" and r["predicate"] == "biolink:binds"]
    assert any(r["publications"] == "PMID:23810565" for r in atp)  # ref 65, verified PMID


def test_no_agent_means_no_subject_and_no_edge(view: ReleaseView) -> None:
    without = [st for f in view.findings for st in f.statements if st.subject is None]
    assert without, "the curation has statements whose agent the review does not name"
    edge_ids = {e.statement for e in edges(view)}
    assert not {st.curie for st in without} & edge_ids


def test_every_relation_of_the_schema_maps_to_ro_and_biolink() -> None:
    for relation in RELATIONS.values():
        assert relation.ro and relation.biolink
        assert all(value.startswith(("RO:", "CTCKG:")) for value in relation.ro.values())


def test_statements_are_typed_individuals_without_punning(release_graph: Graph) -> None:
    statements = set(release_graph.subjects(RDF.type, MECHANISM_STATEMENT))
    assert len(statements) > 300
    declared_classes = set(release_graph.subjects(RDF.type, OWL.Class))
    individuals = set(release_graph.subjects(RDF.type, OWL.NamedIndividual))
    assert not declared_classes & individuals, "a class IRI is also an individual (punning)"
    # the subject individual of 'ATP (platelet) binds P2Y2 receptor' is an ATP located in a platelet
    atp = expand("CTCKG:0015028-2-s")
    assert (atp, RDF.type, expand("CHEBI:15422")) in release_graph
    assert (expand("CTCKG:0015028-2-sc"), RDF.type, expand(PLATELET)) in release_graph


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "curation"
    shutil.copytree(CURATION_DIR, target)
    return target


def test_either_idiom_for_direction_loads_as_one(tmp_path: Path) -> None:
    """'increases negative regulation of X' in the sources is loaded as 'decreases X'."""
    curation = _copy(tmp_path)
    path = curation / "findings" / "table1.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    object: GO:0002420 ! natural killer cell mediated cytotoxicity directed against tumor cell target"
    assert old in text
    text = text.replace("      sign: decreases\n" + old.replace("    object", "      object"),
                        "      sign: increases\n      object: GO:0002859 ! negative regulation of natural killer cell"
                        " mediated cytotoxicity directed against tumor cell target", 1)
    path.write_text(text, encoding="utf-8")
    lock = tmp_path / "external-terms.tsv"  # the committed extract plus the pinned GO row the fixture uses
    lock.write_text(EXTERNAL_TERMS_FILE.read_text(encoding="utf-8") + "GO:0002859\tnegative regulation of natural "
                    "killer cell mediated cytotoxicity directed against tumor cell target\tfalse\tclass\t"
                    "GO:0002856|GO:0002858|GO:0045953\t\t\t\n", encoding="utf-8")
    sources = load_sources(LockedTerms(lock), curation)
    row7 = next(f for f in sources.findings if f.id == "CTCKG:0010007")
    assert any(st.sign == "decreases" and st.object.curie == "GO:0002420" for st in row7.statements)


def test_a_statement_with_an_unknown_relation_is_refused(tmp_path: Path) -> None:
    curation = _copy(tmp_path)
    path = curation / "findings" / "table1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("relation: binds", "relation: hugs", 1), encoding="utf-8")
    with pytest.raises(CurationError) as caught:
        load_sources(LockedTerms(), curation)
    assert any("relation: 'hugs' is not one of" in str(p) for p in caught.value.problems)


def test_release_literal_signs_are_from_the_schema(release_graph: Graph) -> None:
    signs = {str(o) for o in release_graph.objects(None, CTCKG.CTCKG_0000042) if isinstance(o, Literal)}
    assert signs <= {"increases", "decreases", "no effect"}
    assert "no effect" in signs  # §5 ¶5: aspirin's effect was not confirmed in a breast cancer model [72]
    assert len(set(release_graph.objects(None, HAS_STATEMENT))) > 300
