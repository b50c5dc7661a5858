"""Evidence you can trust: sentence locators, the hedging rule, references only from the located sentence,
provenance kinds and paper identifiers.

The sentence-locator test reads the review text (../shared/review, present in CI) and re-derives the sentence index
from it, so a wrong offset, a reference that is not in the located sentence or a status that breaks the hedging rule
fails here, with every documented exception listed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from tests.conftest import require

from ctckg.curation.load import load_sources
from ctckg.curation.records import CITING_KINDS, PROVENANCE_EVIDENCE
from ctckg.curation.review_text import cited_numbers, hedge_cues, parse_sentences, review_paragraphs, sentences_text
from ctckg.curation.sentences import load_sentence_index
from ctckg.curation.vocab import LockedTerms
from ctckg.errors import CurationError
from support.paths import CURATION_DIR, REVIEW_TEXT, SENTENCES_FILE


@pytest.fixture(scope="module")
def review_text() -> str:
    require(REVIEW_TEXT.exists(), f"the review text is not at {REVIEW_TEXT} (only in the project workspace and CI)")
    return REVIEW_TEXT.read_text(encoding="utf-8")


def test_committed_sentence_index_matches_the_review(review_text: str) -> None:
    assert sentences_text(parse_sentences(review_text)) == SENTENCES_FILE.read_text(encoding="utf-8"), \
        "ontology/curation/sentences.tsv is stale: run `ctckg extract sentences`"


def test_every_finding_rests_on_its_sentence(sources, review_text: str) -> None:
    """For every finding: its sentence exists; cited kinds cite only numbers that the sentence text itself cites;
    uncited kinds rest on sentences without a citation; the status follows the hedging rule or an exception says why."""
    paragraphs = {(where, number): text for where, number, text in review_paragraphs(review_text)}
    index, problems = load_sentence_index(SENTENCES_FILE)
    assert not problems
    failures: list[str] = []
    exceptions: list[str] = []
    for finding in sources.findings:
        texts = []
        for key in finding.locator.sentence_keys():
            row = index.get(key)
            if row is None:
                failures.append(f"{finding.id}: no sentence {key}")
                continue
            texts.append(paragraphs[(key[0], key[1])][row.start:row.end])
        if not texts:
            continue
        cited = {n for text in texts for n in cited_numbers(text)}
        if finding.provenance in CITING_KINDS and not set(finding.references) <= cited:
            failures.append(f"{finding.id}: references {finding.references} not all in its sentence ({sorted(cited)})")
        if finding.provenance == "uncited sentence" and cited:
            failures.append(f"{finding.id}: 'uncited sentence' but the sentence cites {sorted(cited)}")
        if finding.provenance in ("reference title", "curator inference"):
            continue
        hedged = any(hedge_cues(text) for text in texts)
        if hedged != (finding.status == "proposed"):
            if finding.hedge_exception:
                exceptions.append(f"{finding.id} ({finding.status}): {finding.hedge_exception}")
            else:
                failures.append(f"{finding.id}: status {finding.status} but the sentence "
                                f"{'hedges' if hedged else 'does not hedge'}")
    print("documented hedging exceptions:\n" + "\n".join(exceptions))
    assert not failures, "\n".join(failures)
    assert len(exceptions) <= 10, "hedging exceptions are for the odd case; review them"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "curation"
    shutil.copytree(CURATION_DIR, target)
    return target


def _problems(curation: Path) -> list[str]:
    with pytest.raises(CurationError) as caught:
        load_sources(LockedTerms(), curation)
    return [str(p) for p in caught.value.problems]


def test_a_status_that_breaks_the_hedging_rule_is_refused(tmp_path: Path) -> None:
    # CTCKG:0012004 rests on §2.1 ¶1 s3, which hedges ('seem'): it must be proposed.
    curation = _copy(tmp_path)
    path = curation / "findings" / "s1-s2-background.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: CTCKG:0012004")
    record = text[start:text.index("\n- id:", start)]
    assert "status: proposed" in record
    path.write_text(text.replace(record, record.replace("status: proposed", "status: stated", 1)), encoding="utf-8")
    problems = _problems(curation)
    assert any("s1-s2-background.yaml" in p and ": status: the sentence hedges (seem)" in p for p in problems), problems


def test_references_not_in_the_located_sentence_are_refused(tmp_path: Path) -> None:
    # Table 1 row 1 cites [30] only; citing 31 there is a reference the review does not give for it.
    curation = _copy(tmp_path)
    path = curation / "findings" / "table1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  references:\n    - 30\n", "  references:\n    - 30\n    - 31\n", 1), encoding="utf-8")
    problems = _problems(curation)
    assert any("table1.yaml" in p and "reference(s) 31 are not cited in the located sentence" in p
               for p in problems), problems


def test_an_uncited_sentence_cannot_cite_as_evidence(tmp_path: Path) -> None:
    curation = _copy(tmp_path)
    path = curation / "findings" / "s5-platelets.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: CTCKG:0015002")
    record = text[start:text.index("\n- id:", start)]
    assert "provenance: uncited sentence" in record and "associated_references:" in record
    path.write_text(text.replace(record, record.replace("associated_references:", "references:", 1)), encoding="utf-8")
    problems = _problems(curation)
    assert any("s5-platelets.yaml" in p and "cites nothing as evidence" in p for p in problems), problems


def test_evidence_codes_follow_the_provenance_rule(sources) -> None:
    for finding in sources.findings:
        with_refs, without = PROVENANCE_EVIDENCE[finding.provenance]
        assert finding.evidence == (with_refs if finding.references else without), finding.id
        if finding.evidence == "ECO:0000303":
            assert not finding.references, finding.id


def test_the_cases_the_issue_lists_are_fixed(sources) -> None:
    by_id = {f.id: f for f in sources.findings}
    # figure-caption findings cite nothing: the captions carry no citation
    assert all(not f.references for f in sources.findings if f.locator.figure is not None)
    # title-derived findings are typed by provenance, not as review claims
    assert by_id["CTCKG:0013016"].provenance == "reference title"
    assert by_id["CTCKG:0015047"].provenance == "reference title"
    # 'seem' hedges (§2.1 ¶1 s3, §7 ¶2 s1); 'might be able to' hedges (§6 ¶2 s3)
    for ident in ("CTCKG:0012003", "CTCKG:0017008", "CTCKG:0016017", "CTCKG:0016018"):
        assert by_id[ident].status == "proposed", ident
    # 0015005 does not cite ref 49, which belongs to another sentence
    assert 49 not in by_id["CTCKG:0015005"].references
    # 0012015: [21] covers the integrin route, [20] only the need for anoikis suppression
    assert 20 not in by_id["CTCKG:0012015"].references or 21 not in by_id["CTCKG:0012015"].references
    # ref 83 (NSCLC) carries no breast-cancer context
    for finding in sources.findings:
        if 83 in finding.references:
            assert "MONDO:0007254" not in {c.curie for c in finding.roles["cancers"]}, finding.id
    # 0015023 / 0015024 cite [61,62] jointly, as the review does
    assert {61, 62} <= set(by_id["CTCKG:0015023"].references)
    assert {61, 62} <= set(by_id["CTCKG:0015024"].references)
    # no microfluidic design where neither the text nor the ref 31 title says so
    for ident in ("CTCKG:0013012", "CTCKG:0013022", "CTCKG:0013023"):
        assert "CTCKG:0000114" not in {c.curie for c in by_id[ident].roles["study_designs"]}, ident


def test_one_breast_cancer_term(sources) -> None:
    used = {c.curie for f in sources.findings for c in f.roles["cancers"]}
    assert not {"MONDO:0004989", "MONDO:0007254"} <= used


def test_mouse_only_evidence_does_not_carry_only_human_ids(sources) -> None:
    # 0015038 is 'human and murine' (ref 71 title); 0013031 (Siglec-F, a mouse marker) is mouse
    by_id = {f.id: f for f in sources.findings}
    organisms = {o.curie for s in by_id["CTCKG:0015038"].statements for o in s.organisms} | \
        {o.curie for o in by_id["CTCKG:0015038"].roles["organisms"]}
    assert {"NCBITaxon:9606", "NCBITaxon:10090"} <= organisms
    assert any(o.curie == "NCBITaxon:10090" for s in by_id["CTCKG:0013031"].statements for o in s.organisms)
    # the P2Y12 of the mouse findings is a mouse-specific class, not the human HGNC record
    p2y12 = [s.subject for s in by_id["CTCKG:0015024"].statements if s.subject is not None]
    assert any(ref.curie == "CTCKG:0002251" for ref in p2y12)


def test_at_least_45_references_have_a_verified_identifier_with_its_source(sources) -> None:
    identified = [r for r in sources.references if r.doi or r.pmid or r.pmcid]
    assert len(identified) >= 45
    assert all(r.identifier_source for r in identified)
    unverified = [r for r in sources.references if not (r.doi or r.pmid or r.pmcid)]
    assert all("No DOI, PMID or PMCID could be verified" in r.note for r in unverified)
    by_number = {r.number: r for r in sources.references}
    assert by_number[65].pmid == "23810565"  # Schumacher 2013, Cancer Cell: PubMed record of the exact title


def test_release_emits_identifiers_and_author_order(release_graph: Graph) -> None:
    from ctckg.namespaces import AUTHOR_LIST, FABIO, expand
    ref30 = expand("CTCKG:0200030")
    authors = str(next(release_graph.objects(ref30, AUTHOR_LIST)))
    assert authors.startswith("Chow, S.C.; Spicer, J.D.; Kubes, P.")  # the review's order, not alphabetical
    ref65 = expand("CTCKG:0200065")
    assert str(next(release_graph.objects(ref65, FABIO.hasPubMedId))) == "23810565"


def test_no_mouse_only_finding_uses_a_molecule_known_only_by_its_human_record(sources) -> None:
    """A finding whose evidence is from mice only must not name a minted molecule whose only cross-references are
    human HGNC records (the mouse P2Y12 of ref 61 is its own class)."""
    terms = sources.term_index()
    for finding in sources.findings:
        organisms = {o.curie for o in finding.roles["organisms"]} | \
            {o.curie for st in finding.statements for o in st.organisms}
        if organisms != {"NCBITaxon:10090"}:
            continue
        used = [r.curie for key in ("mediators", "markers") for r in finding.roles[key]]
        used += [ref.curie for st in finding.statements for ref in (st.subject, st.object) if ref is not None]
        for curie in used:
            term = terms.get(curie)
            if term is not None and term.xrefs:
                assert not all(x.curie.startswith("HGNC:") for x in term.xrefs), (finding.id, curie)
