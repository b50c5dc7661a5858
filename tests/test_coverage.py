"""Coverage of the review: every section, figure and citation is curated; quantities and drugs are present."""

from __future__ import annotations

from collections import Counter

import pytest

from ctckg.curation.coverage import load_citations, section_of, unattached
from ctckg.curation.records import SECTIONS


def test_every_cited_number_is_attached_to_a_finding_of_its_paragraph(sources) -> None:
    citations = load_citations()
    assert len(citations) >= 25
    assert unattached(sources, citations) == {}


def test_citation_table_covers_all_86_references() -> None:
    cited = {n for row in load_citations() for n in row.numbers}
    assert cited == set(range(1, 87))


def test_every_reference_supports_a_finding(sources) -> None:
    assert {n for f in sources.findings for n in f.references} == set(range(1, 87))


def test_every_part_has_findings_and_total_over_100(sources) -> None:
    parts = Counter(section_of(f) for f in sources.findings)
    for part in [*SECTIONS, "table 1", "figure 1", "figure 2"]:
        assert parts[part] > 0, part
    assert parts["table 1"] == 10
    assert sum(parts.values()) > 100


def _with(sources, quantity: str, value: float) -> list:
    return [f for f in sources.findings if (quantity, value) in f.quantities]


# (quantity, value, a reference the review cites for it) — numbers as printed in the review.
QUANTITIES = [("cohort size", 43, 23), ("drugs screened", 2486, 23), ("drug hits", 31, 23),
              ("maximum frequency percent", 3.5, 29), ("frequency percent", 88, 29),
              ("maximum frequency percent", 9, 29), ("year", 1973, 49)]


@pytest.mark.parametrize(("quantity", "value", "reference"), QUANTITIES)
def test_review_quantities_are_typed_on_their_finding(sources, quantity: str, value: float, reference: int) -> None:
    findings = _with(sources, quantity, value)
    assert findings, f"no finding carries {quantity} = {value}"
    assert any(reference in f.references for f in findings)


def _refs(finding, key: str) -> set[str]:
    return {ref.curie for ref in finding.roles[key]}


def test_aspirin_phase_ii_trial_in_colorectal_cancer(sources) -> None:
    # Section 5: a phase II trial of aspirin found fewer CTCs in colorectal cancer patients (ref 72).
    # The trial sentence (§5 ¶5 s3) carries no citation; reference 72 (the trial's paper) is related to it.
    hits = [f for f in sources.findings if "CHEBI:15365" in _refs(f, "interventions")
            and 72 in f.references + f.associated_references and "MONDO:0005575" in _refs(f, "cancers")]
    assert hits
    assert any("CTCKG:0000115" in _refs(f, "study_designs") for f in hits)


def test_ticagrelor_in_mouse_breast_cancer_model(sources) -> None:
    # Section 5: ticagrelor (P2Y12 inhibitor) reduced metastasis in a murine breast cancer model (ref 71).
    hits = [f for f in sources.findings if "CHEBI:68558" in _refs(f, "interventions") and 71 in f.references]
    assert any("NCBITaxon:10090" in _refs(f, "organisms") and "MONDO:0007254" in _refs(f, "cancers") for f in hits)


def test_proposed_findings_exist_for_hedged_statements(sources) -> None:
    # The review only proposes e.g. that blocking the MDSC-CTC interaction might inhibit proliferation (section 4).
    proposed = [f for f in sources.findings if f.status == "proposed"]
    assert any(f.locator.section == "4" for f in proposed)
    assert any(f.locator.figure == "2" for f in proposed)


def test_drugs_have_the_targets_the_review_names(sources) -> None:
    """Drug -> target pairs stated in the review, from class-level targets or single-drug findings."""
    pairs = {(t.id, target.curie) for t in sources.terms for target in t.targets}
    for finding in sources.findings:
        if len(finding.roles["interventions"]) == 1:
            (drug,) = finding.roles["interventions"]
            pairs |= {(drug.curie, target.curie) for target in finding.roles["intervention_targets"]}
    expected = {
        ("CTCKG:0001060", "GO:0140644"),     # DNase I resolves NETs (section 3, Figure 1)
        ("CTCKG:0001061", "CTCKG:0001062"),  # PAD4 pharmacologic inhibitor (Figure 1)
        ("CTCKG:0002103", "PR:000001395"),   # blocking of IL-8 (section 3)
        ("CHEBI:68558", "CTCKG:0002206"),    # the P2Y12 inhibitor ticagrelor (section 5)
        ("CHEBI:15365", "CTCKG:0002208"),    # aspirin inhibits alpha-granule secretion via Cox1 (Figure 2)
        ("CTCKG:0002310", "CTCKG:0001052"),  # checkpoint-blocking antibodies against PD-L1 (section 7)
    }
    assert expected <= pairs, sorted(expected - pairs)
    # no finding pairs a drug with another drug's target
    assert ("CHEBI:15365", "CTCKG:0002206") not in pairs
