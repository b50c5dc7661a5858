"""Competency questions answered from the release; every expected value is written from the review's text
(Heeke et al., Cells 2019), not copied from a query run. Assertions check inclusion of review facts, so more
curated findings do not break them, except where the review fixes the whole answer (Table 1 has 10 rows)."""

from __future__ import annotations

import pytest

from ctckg.sparql import KnowledgeGraph


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    """The release with its import modules, on pyoxigraph (tests/test_sparql_engines.py checks that rdflib gives the
    same answer to every question)."""
    return KnowledgeGraph.open("pyoxigraph")


def _split(value: str | None) -> set[str]:
    return set(value.split("; ")) if value else set()


def _by(records: list[dict], key: str) -> dict:
    return {record[key]: record for record in records}


def test_table1_reproduces_the_review_table(kg: KnowledgeGraph) -> None:
    rows = _by(kg.run_named("table1").records(), "row")
    assert sorted(rows) == list(range(1, 11))  # Table 1 has exactly ten rows
    partners = {row: rows[row]["partner_label"] for row in rows}
    assert partners == {1: "neutrophil", 2: "neutrophil", 3: "myeloid suppressor cell", 4: "platelet",
                        5: "platelet", 6: "platelet", 7: "platelet", 8: "macrophage", 9: "macrophage",
                        10: "lymphocyte"}
    # Row 5: 'CD97, CD44, ADAMA9-alpha5beta1 integrin, ATP' [56,63-65]
    assert {"CD97 antigen", "CD44 molecule", "ADAM metallopeptidase domain 9", "ATP"} <= _split(rows[5]["mediators"])
    assert _split(rows[5]["references"]) == {"56", "63", "64", "65"}
    assert "increases tumor cell extravasation" in _split(rows[5]["effects"])
    # Row 7: 'TGFbeta secreted by platelets' -> 'Suppression of cytolytic NK cells' [68]
    assert "TGF-beta" in _split(rows[7]["mediators"])  # the row says TGFbeta, no isoform
    assert _split(rows[7]["references"]) == {"68"}
    # 'Suppression of cytolytic NK cells': one idiom, a decrease of NK cytotoxicity
    assert any(e.startswith("decreases natural killer cell mediated cytotoxicity") for e in _split(rows[7]["effects"]))
    # Row 3: 'Increased proliferation of CTCs and inhibition of T-cells' - two signs in one row
    assert {"increases cell population proliferation", "decreases T cell activation"} <= _split(rows[3]["effects"])
    # Row 1: ICAM-1 [30]; row 3: ROS from MDSCs [47,48]; row 10: PD-L1 [2]
    assert "intercellular adhesion molecule 1" in _split(rows[1]["mediators"])
    assert _split(rows[1]["references"]) == {"30"}
    assert "reactive oxygen species" in _split(rows[3]["mediators"])
    assert _split(rows[3]["references"]) == {"47", "48"}
    assert "programmed cell death 1 ligand 1" in _split(rows[10]["mediators"])
    assert _split(rows[10]["references"]) == {"2"}
    assert _split(rows[4]["references"]) == {"50", "51", "52"}
    assert "increases epithelial to mesenchymal transition" in _split(rows[6]["effects"])


def test_blood_cell_interactions(kg: KnowledgeGraph) -> None:
    rows = _by(kg.run_named("blood-cell-interactions").records(), "partner_label")
    assert {"neutrophil", "myeloid suppressor cell", "platelet", "macrophage", "lymphocyte"} <= set(rows)
    assert "endothelial cell" not in rows  # not a blood (hematopoietic) cell
    assert {"CD97 antigen", "ATP", "transforming growth factor beta-1"} <= _split(rows["platelet"]["mediators"])
    assert "intercellular adhesion molecule 1" in _split(rows["neutrophil"]["mediators"])
    assert rows["platelet"]["findings"] >= 4  # Table 1 rows 4-7 alone


def test_platelet_mechanisms_by_label(kg: KnowledgeGraph) -> None:
    records = kg.run_named("partner-cell-mechanisms", cell="platelet").records()
    assert {r["cell"] for r in records} == {"CL:0000233"}
    tgf = [r for r in records if "TGF-beta" in _split(r["mediators"])]  # TGFbeta from activated platelets [68]
    assert any("68" in _split(r["references"]) and "natural killer cell" in _split(r["affected_cells"]) for r in tgf)
    assert any("ATP" in _split(r["mediators"]) for r in records)
    assert "CTCKG:0010005" in {r["finding"] for r in records}


def test_neutrophil_mechanisms_by_curie(kg: KnowledgeGraph) -> None:
    records = kg.run_named("partner-cell-mechanisms", cell="CL:0000775").records()
    icam = [r for r in records if "intercellular adhesion molecule 1" in _split(r["mediators"])]
    assert any("30" in _split(r["references"]) for r in icam)
    assert any("neutrophil extracellular trap" in _split(r["mediators"]) for r in records)  # NETs [34-38]


def test_process_drivers_of_emt(kg: KnowledgeGraph) -> None:
    records = kg.run_named("process-drivers").records()  # default: EMT
    partners = set().union(*(_split(r["partner_cells"]) for r in records))
    assert {"platelet", "macrophage"} <= partners  # Table 1 rows 6 and 8
    mediators = set().union(*(_split(r["mediators"]) for r in records))
    assert {"platelet-derived cytokine", "macrophage-derived cytokine"} <= mediators


def test_process_drivers_of_extravasation_by_label(kg: KnowledgeGraph) -> None:
    records = kg.run_named("process-drivers", process="tumor cell extravasation").records()
    partners = set().union(*(_split(r["partner_cells"]) for r in records))
    assert {"neutrophil", "platelet"} <= partners
    mediators = set().union(*(_split(r["mediators"]) for r in records))
    assert {"intercellular adhesion molecule 1", "CD97 antigen"} <= mediators


def test_interventions_with_targets_organism_design_cancer(kg: KnowledgeGraph) -> None:
    records = kg.run_named("interventions").records()
    # 'P2Y12 inhibitor ticagrelor reduced the number of metastasis ... in a murine breast cancer model [71]'
    ticagrelor = [r for r in records if r["intervention"] == "CHEBI:68558"]
    assert any("P2Y12 receptor" in _split(r["targets"]) and "Mus musculus" in _split(r["organisms"])
               and "breast cancer" in _split(r["cancers"]) and "platelet" in _split(r["partner_cells"])
               for r in ticagrelor)
    # 'a clinical phase II study investigating the effect of aspirin ... colorectal cancer patients [72]'
    aspirin = [r for r in records if r["intervention"] == "CHEBI:15365"]
    assert any("phase II clinical trial" in _split(r["study_designs"]) and "colorectal cancer" in _split(r["cancers"])
               for r in aspirin)
    # 'resolving NETs, for example, using DNase I administration, reduced the number of metastasis'
    dnase = [r for r in records if r["intervention_label"] == "deoxyribonuclease I"]
    assert any("neutrophil extracellular trap" in _split(r["targets"]) and r["direction"] == "inhibits" for r in dnase)


def test_references_of_a_finding(kg: KnowledgeGraph) -> None:
    records = kg.run_named("finding-references").records()  # Table 1 row 7
    assert [r["number"] for r in records] == [68]
    assert records[0]["journal"] == "Blood" and records[0]["year"] == 2007
    assert records[0]["title"].startswith("Tumor cell-associated tissue factor and circulating hemostatic factors")
    assert [r["number"] for r in kg.run_named("finding-references", finding="CTCKG:0010010").records()] == [2]


def test_findings_of_a_reference(kg: KnowledgeGraph) -> None:
    records = kg.run_named("reference-findings").records()  # reference 68
    assert "CTCKG:0010007" in {r["finding"] for r in records}
    assert kg.run_named("reference-findings", number="30").records()[0]["number"] == 30
    assert "CTCKG:0010001" in {r["finding"] for r in kg.run_named("reference-findings", number="30").records()}


def test_reference_details(kg: KnowledgeGraph) -> None:
    (record,) = kg.run_named("reference-details").records()  # reference 30
    assert record["title"] == ("Neutrophils Promote Liver Metastasis via Mac-1–Mediated Interactions with "
                               "Circulating Tumor Cells")
    assert (record["journal"], record["year"], record["volume"], record["pages"]) == ("Cancer Res.", 2012, "72",
                                                                                      "3919–3927")
    assert {"Chow, S.C.", "Spicer, J.D.", "McDonald, B."} <= _split(record["authors"])
    assert record["findings"] >= 1


def test_cancer_types(kg: KnowledgeGraph) -> None:
    rows = _by(kg.run_named("cancer-types").records(), "cancer_label")
    # breast [22,23,71,72], NSCLC [4,14,15,83,86], colorectal [72], glioblastoma [80]
    assert {"breast cancer", "non-small cell lung carcinoma", "colorectal cancer", "glioblastoma"} <= set(rows)
    assert rows["breast cancer"]["findings"] >= 2
    # one term per disease: breast carcinoma [29] is curated as breast cancer, never as its own descendant
    assert "breast carcinoma" not in rows
    assert "neutrophil" in _split(rows["breast cancer"]["partner_cells"])


def test_findings_by_study_design_and_organism(kg: KnowledgeGraph) -> None:
    animal = kg.run_named("findings-by-study-design").records()  # animal model study
    assert any("71" in _split(r["references"]) and "Mus musculus" in _split(r["organisms"]) for r in animal)
    trial = kg.run_named("findings-by-study-design", design="phase II clinical trial").records()
    assert any("72" in _split(r["references"]) for r in trial)
    cohort = kg.run_named("findings-by-study-design", design="patient cohort study").records()
    assert any({"14", "15", "16"} & _split(r["references"]) for r in cohort)  # PD-L1 prognosis cohorts
    mouse = kg.run_named("findings-by-organism").records()
    assert any("breast cancer" in _split(r["cancers"]) and "platelet" in _split(r["partner_cells"]) for r in mouse)
    human = kg.run_named("findings-by-organism", organism="Homo sapiens").records()
    assert any("non-small cell lung carcinoma" in _split(r["cancers"]) for r in human)


def test_hierarchy_myeloid_leukocytes_and_lymphocytes(kg: KnowledgeGraph) -> None:
    myeloid = {r["partner_label"] for r in kg.run_named("cell-types-under").records()}
    assert {"neutrophil", "macrophage", "myeloid suppressor cell"} <= myeloid
    assert not {"platelet", "lymphocyte", "T cell"} & myeloid
    lymphoid = {r["partner_label"] for r in kg.run_named("cell-types-under", ancestor="lymphocyte").records()}
    # Section 7: CD3+/CD4+/CD8+ T cells [83, 84] and regulatory T cells [83-85]
    assert {"lymphocyte", "T cell", "regulatory T cell", "CD8-positive, alpha-beta T cell"} <= lymphoid
    assert "neutrophil" not in lymphoid


def test_hierarchy_findings_about_any_t_cell(kg: KnowledgeGraph) -> None:
    records = kg.run_named("findings-about-cell").records()  # T cell
    found = {(r["finding"], r["specific_cell"]) for r in records}
    assert ("CTCKG:0010003", "CL:0000084") in found   # Table 1 row 3: MDSCs inhibit T cells
    assert ("CTCKG:0010010", "CL:0000910") in found   # row 10: cytotoxic T cell, a kind of T cell
    assert "CTCKG:0010007" not in {r["finding"] for r in records}  # NK cells are not T cells


def test_therapeutic_targets(kg: KnowledgeGraph) -> None:
    pairs = {(r["mediator_label"], r["intervention_label"]) for r in kg.run_named("therapeutic-targets").records()}
    # NETs promote metastasis and DNase I resolves them [34-38]
    assert ("neutrophil extracellular trap", "deoxyribonuclease I") in pairs
    # ATP acts through P2Y receptors on the endothelium; P2Y inhibition may abolish metastasis (Figure 2)
    assert any(mediator == "P2Y receptor" for mediator, _ in pairs)
    # Aspirin acts on COX-1 (Figure 2), not on P2Y12: no finding pairs them
    assert ("P2Y12 receptor", "acetylsalicylic acid") not in pairs
    # 'the P2Y12 inhibitor ticagrelor' [71]; the P2Y12 that takes part in EMT is the mouse receptor (ref 61)
    assert ("P2Y12 receptor (mouse)", "ticagrelor") in pairs


def test_immune_evasion_mechanisms(kg: KnowledgeGraph) -> None:
    rows = _by(kg.run_named("immune-evasion").records(), "finding")
    assert "natural killer cell" in _split(rows["CTCKG:0010007"]["evaded_cells"])       # platelet TGF-beta [68]
    assert "TGF-beta" in _split(rows["CTCKG:0010007"]["mediators"])
    assert "cytotoxic T cell" in _split(rows["CTCKG:0010010"]["evaded_cells"])          # PD-L1 [2]
    assert "T cell" in _split(rows["CTCKG:0010003"]["evaded_cells"])                    # MDSC ROS [47,48]
    assert "CTCKG:0010001" not in rows  # ICAM-1 extravasation is not immune evasion
    # Section 7: PD-L1 upregulation lets CTCs avoid T cell detection [2]
    assert "programmed cell death 1 ligand 1" in _split(rows["CTCKG:0017008"]["mediators"])
    # Interventions act against evasion: IL-8 blockade (section 3, [31]) and blocking the MDSC-CTC interaction
    # (section 4, proposed) are not evasion mechanisms.
    assert not {"CTCKG:0013023", "CTCKG:0014009"} & set(rows)
    assert all(set(_split(row["signs"])) <= {"increases", "decreases"} for row in rows.values())


def test_proposed_versus_stated(kg: KnowledgeGraph) -> None:
    proposed = kg.run_named("findings-by-status").records()
    # 'it has been proposed that the interaction of CTCs with MDSCs might also promote metastasis [46]'
    assert any("46" in _split(r["references"]) for r in proposed)
    # ADAM9-integrin: 'This interaction is believed to promote platelet activation ... [64]'
    assert any("64" in _split(r["references"]) for r in proposed)
    stated = {r["finding"] for r in kg.run_named("findings-by-status", status="stated finding").records()}
    assert {f"CTCKG:00100{n:02d}" for n in range(1, 11)} <= stated
    assert not stated & {r["finding"] for r in proposed}
    sections = _by(kg.run_named("status-by-section").records(), "section")
    assert sections["8"]["stated"] >= 10
    # Table 1 has ten rows, all stated: section 8 = its two paragraphs' findings plus the ten rows
    assert sections["8"]["stated"] >= 10 and sections["8"]["total"] > sections["8"]["proposed"]


def test_quantities_given_by_the_review(kg: KnowledgeGraph) -> None:
    values = {(r["quantity_label"], r["value"]) for r in kg.run_named("quantities").records()}
    # '43 breast cancer patients', '2486 FDA approved drugs', 'Thirty-one drugs', '88%', 'less than 3.5%' [23,29]
    assert {("cohort size", 43), ("drugs screened", 2486), ("drug hits", 31)} <= values
    assert ("frequency percent", 88) in {(q, int(v)) for q, v in values}
    assert any(q == "maximum frequency percent" and float(v) == 3.5 for q, v in values)


def test_evidence_types_and_drug_targets(kg: KnowledgeGraph) -> None:
    evidence = _by(kg.run_named("evidence-types").records(), "evidence")
    assert evidence["ECO:0000304"]["findings"] >= 10  # Table 1 rows report cited studies
    targets = {(r["drug_label"], r["target_label"]) for r in kg.run_named("drug-targets").records()}
    # Figure 1: 'peptidylarginine deiminase 4 (PAD4) pharmacologic inhibitor or DNase'
    assert ("peptidylarginine deiminase 4 inhibitor", "peptidyl arginine deiminase 4") in targets
    assert ("deoxyribonuclease I", "neutrophil extracellular trap") in targets


def test_term_search_and_molecule_by_synonym(kg: KnowledgeGraph) -> None:
    classes = {r["class"] for r in kg.run_named("term-search").records()}  # 'integrin'
    assert {"CTCKG:0001051", "GO:0034674"} <= classes
    records = kg.run_named("molecule-findings", molecule="PD-L1").records()  # exact synonym of CTCKG:0001052
    assert {r["molecule"] for r in records} == {"CTCKG:0001052"}
    assert any(r["finding"] == "CTCKG:0010010" and "2" in _split(r["references"]) for r in records)
    tgf = kg.run_named("molecule-findings", molecule="PR:000000046").records()  # TGF-beta, no isoform [68]
    assert any("68" in _split(r["references"]) for r in tgf)
