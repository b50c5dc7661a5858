"""Bad curation input: every kind of error gets its own clear message with file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ctckg.curation.load import load_sources
from ctckg.curation.vocab import LockedTerms
from ctckg.errors import CurationError
from support.paths import CURATION_DIR, EXTERNAL_TERMS_FILE


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "curation"
    shutil.copytree(CURATION_DIR, target)
    return target


def _replace(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace text in a copied source; return the line of the first changed character."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    same = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    return text[: text.index(old) + same].count("\n") + 1


def _problems(curation: Path, lock: Path = EXTERNAL_TERMS_FILE) -> list[str]:
    with pytest.raises(CurationError) as caught:
        load_sources(LockedTerms(lock), curation)
    return [str(problem) for problem in caught.value.problems]


def test_real_sources_load(sources) -> None:
    assert len(sources.references) == 86
    assert any(f.locator.table_row == 1 for f in sources.findings)


# (file, old text, new text, expected field, expected words in the message)
CASES = {
    "unknown prefix": ("findings/table1.yaml", "CL:0000775 ! neutrophil", "XX:0000775 ! neutrophil",
                       "partner_cells[0]", "unknown prefix 'XX'"),
    "malformed ID": ("findings/table1.yaml", "CL:0000775 ! neutrophil", "CL:775 ! neutrophil",
                     "partner_cells[0]", "malformed ID CL:775"),
    "unknown external ID": ("findings/table1.yaml", "CL:0000775 ! neutrophil", "CL:9999999 ! neutrophil",
                            "partner_cells[0]", "CL:9999999 does not exist"),
    "wrong label": ("findings/table1.yaml", "CL:0000775 ! neutrophil", "CL:0000775 ! macrophage",
                    "partner_cells[0]", "label 'macrophage' does not match the label of CL:0000775, 'neutrophil'"),
    "reference out of range": ("findings/table1.yaml", "  references:\n    - 30\n", "  references:\n    - 87\n",
                               "references[0]", "87 is not a reference number of the review (1-86)"),
    "missing references": ("findings/table1.yaml", "  references:\n    - 30\n", "", "references",
                           "is required: at least one reference number"),
    "unknown CTCKG term": ("findings/table1.yaml", "CTCKG:0001050 ! intercellular adhesion molecule 1",
                           "CTCKG:0001999 ! intercellular adhesion molecule 1", "mediators[0]",
                           "CTCKG:0001999 is not defined"),
    "bad direction": ("findings/table1.yaml", "direction: promotes", "direction: boosts", "direction",
                      "'boosts' is not one of"),
    "unknown field": ("findings/table1.yaml", "  status: stated\n", "  status: stated\n  colour: red\n", "colour",
                      "unknown field 'colour'"),
    "YAML syntax error": ("findings/table1.yaml", "  status: stated\n", "  status: [stated\n", "yaml",
                          "YAML syntax error"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_source_reports_file_line_field(case: str, tmp_path: Path) -> None:
    file, old, new, field, words = CASES[case]
    curation = _copy(tmp_path)
    line = _replace(curation / file, old, new)
    problems = _problems(curation)
    matching = [p for p in problems if "findings/table1.yaml:" in p and f": {field}:" in p and words in p]
    assert matching, f"no problem with field {field!r} and {words!r} in:\n" + "\n".join(problems)
    if case not in ("missing references", "YAML syntax error"):
        assert any(f"table1.yaml:{line}:" in p for p in matching), (line, matching)


def test_duplicate_id(tmp_path: Path) -> None:
    curation = _copy(tmp_path)
    _replace(curation / "findings/table1.yaml", "id: CTCKG:0010002", "id: CTCKG:0010001")
    problems = _problems(curation)
    assert any("duplicate ID CTCKG:0010001 (first defined at" in p for p in problems), problems


def test_subclass_cycle(tmp_path: Path) -> None:
    curation = _copy(tmp_path)
    _replace(curation / "terms/core.yaml", "    - CL:0001064 ! malignant cell\n  definition: A malignant cell that has left",
             "    - CTCKG:0001001 ! isolated circulating tumor cell\n  definition: A malignant cell that has left")
    problems = _problems(curation)
    assert any("subclass cycle: CTCKG:0001000 -> CTCKG:0001001 -> CTCKG:0001000" in p for p in problems), problems


def test_obsolete_external_id(tmp_path: Path) -> None:
    curation = _copy(tmp_path)
    lock = tmp_path / "external-terms.tsv"
    lock.write_text(EXTERNAL_TERMS_FILE.read_text(encoding="utf-8")
                    + "CL:0000491\tobsolete cytotoxic T cell\ttrue\tclass\t\t\t\t\n", encoding="utf-8")
    _replace(curation / "findings/table1.yaml", "CL:0000775 ! neutrophil", "CL:0000491 ! obsolete cytotoxic T cell")
    problems = _problems(curation, lock)
    assert any("partner_cells[0]: CL:0000491 is obsolete" in p for p in problems), problems


def test_tsv_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    lock = tmp_path / "external-terms.tsv"
    text = EXTERNAL_TERMS_FILE.read_text(encoding="utf-8")
    lock.write_text(text + "CL:0000001\tonly two fields\n", encoding="utf-8")
    line = len(text.splitlines()) + 1
    with pytest.raises(CurationError) as caught:
        LockedTerms(lock).get("CL:0000775")
    assert f"external-terms.tsv:{line}: row: TSV syntax error: 2 fields, expected 8" in str(caught.value)


def test_missing_reference_in_list(tmp_path: Path) -> None:
    curation = _copy(tmp_path)
    text = (curation / "references.yaml").read_text(encoding="utf-8")
    start = text.index("- number: 86")
    (curation / "references.yaml").write_text(text[:start], encoding="utf-8")
    problems = _problems(curation)
    assert any("references: reference numbers missing: 86" in p for p in problems), problems


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    curation = _copy(tmp_path)
    _replace(curation / "findings/table1.yaml", "CL:0000775 ! neutrophil", "XX:1 ! neutrophil")
    _replace(curation / "findings/table1.yaml", "  references:\n    - 68\n", "  references:\n    - 0\n")
    _replace(curation / "terms/core.yaml", "kind: cell", "kind: organ")
    problems = _problems(curation)
    assert len(problems) >= 3
    files = {Path(p.split(":")[0]).name for p in problems}
    assert {"table1.yaml", "core.yaml"} <= files


@pytest.mark.parametrize(("new", "words"), [
    ("CL:0000491 ! obsolete cytotoxic T cell", "CL:0000491 is obsolete in pinned tables"),
    ("CL:9999999 ! neutrophil", "CL:9999999 does not exist in pinned tables"),
    ("CL:0000775 ! neutrophil leukocyte", "label 'neutrophil leukocyte' does not match the label of CL:0000775"),
])
def test_build_refuses_bad_external_ids_against_pinned_tables(tmp_path: Path, new: str, words: str) -> None:
    from conftest import require_vocab
    from ctckg.curation.vocab import PinnedTables

    vocab = PinnedTables(require_vocab())
    curation = _copy(tmp_path)
    _replace(curation / "findings/table1.yaml", "CL:0000775 ! neutrophil", new)
    with pytest.raises(CurationError) as caught:
        load_sources(vocab, curation)
    assert any(words in str(p) for p in caught.value.problems), caught.value.problems


def test_finding_id_outside_the_findings_block(tmp_path: Path) -> None:
    curation = _copy(tmp_path)
    line = _replace(curation / "findings/table1.yaml", "id: CTCKG:0010003", "id: CTCKG:0001999")
    problems = _problems(curation)
    assert any(f"table1.yaml:{line}: id: CTCKG:0001999: findings take IDs in CTCKG:0010000-CTCKG:0019999" in p
               for p in problems), problems


def test_targets_allow_at_most_one_intervention(tmp_path: Path) -> None:
    curation = _copy(tmp_path)
    line = _replace(curation / "findings/s5-platelets.yaml", "    - CHEBI:68558 ! ticagrelor\n",
                    "    - CHEBI:68558 ! ticagrelor\n    - CHEBI:15365 ! acetylsalicylic acid\n")
    problems = _problems(curation)
    text = (curation / "findings/s5-platelets.yaml").read_text(encoding="utf-8").splitlines()
    targets_line = next(n for n in range(line, len(text)) if text[n - 1].startswith("  intervention_targets:"))
    assert any(f"s5-platelets.yaml:{targets_line}: intervention_targets: a finding with targets may name at most "
               "one intervention" in p for p in problems), problems


def test_every_pinned_table_prefix_has_an_id_pattern() -> None:
    from ctckg.curation.load import _LOCAL_ID
    from support.paths import VOCAB_TABLES

    assert set(VOCAB_TABLES) <= set(_LOCAL_ID)


def test_finding_id_outside_its_section_block(tmp_path: Path) -> None:
    """A section 5 finding must take an ID in CTCKG:0015000-0015999 (docs/CURATION.md, identifier blocks)."""
    curation = _copy(tmp_path)
    _replace(curation / "findings/s5-platelets.yaml", "id: CTCKG:0015048", "id: CTCKG:0013099")
    problems = _problems(curation)
    assert any("s5-platelets.yaml" in p and "id: CTCKG:0013099 is outside the ID block of section 5" in p
               for p in problems), problems


def test_references_given_as_text_get_a_clear_message(tmp_path: Path) -> None:
    curation = _copy(tmp_path)
    _replace(curation / "findings/table1.yaml", "  references:\n    - 30\n", "  references: '30'\n")
    problems = _problems(curation)
    assert any("table1.yaml" in p and ": references: expected a list of reference numbers, got '30'" in p
               for p in problems), problems


def _synthetic_section(curation: Path, numbers: range) -> list[str]:
    """Add to section 5 one finding per number (copies of CTCKG:0015054 with their own label); return their IDs."""
    from ctckg.schema import finding_id

    text = (curation / "findings/s5-platelets.yaml").read_text(encoding="utf-8")
    start = text.index("- id: CTCKG:0015054\n")
    record = text[start:text.index("- id: CTCKG:0015055\n")]
    ids = [finding_id(5, number) for number in numbers]
    (curation / "findings/s5-synthetic.yaml").write_text("".join(
        record.replace("CTCKG:0015054", ident).replace("are poorly known", f"are poorly known ({ident})")
        for ident in ids), encoding="utf-8")
    return ids


def test_a_section_holds_more_than_1000_findings(tmp_path: Path) -> None:
    """No cap: a block's findings past its 999th take longer numbers (CTCKG:00151000 on) and still load."""
    import re

    from ctckg.curation.records import is_finding_id
    from ctckg.project import ID_PATTERN

    curation = _copy(tmp_path)
    ids = _synthetic_section(curation, range(100, 1101))
    assert ids[0] == "CTCKG:0015100" and ids[-1] == "CTCKG:00151100" and "CTCKG:0015999" in ids
    sources = load_sources(LockedTerms(EXTERNAL_TERMS_FILE), curation)
    section5 = [f.id for f in sources.findings if f.locator.section == "5" and f.locator.figure is None]
    assert len(section5) > 1000 and len(set(section5)) == len(section5)
    assert set(ids) <= set(section5)
    assert all(is_finding_id(i) and re.match(ID_PATTERN, i) and i.startswith("CTCKG:0015") for i in section5)


def test_a_long_finding_id_outside_its_section_block(tmp_path: Path) -> None:
    curation = _copy(tmp_path)
    _synthetic_section(curation, range(1000, 1002))
    line = _replace(curation / "findings/s5-synthetic.yaml", "id: CTCKG:00151001", "id: CTCKG:00131001")
    _replace(curation / "findings/s5-synthetic.yaml", "id: CTCKG:00151000", "id: CTCKG:00150999")
    problems = _problems(curation)
    assert any(f"s5-synthetic.yaml:{line}: id: CTCKG:00131001 is outside the ID block of section 5 "
               "(CTCKG:0015000-CTCKG:0015999, then CTCKG:00151000 on" in p for p in problems), problems
    assert any("s5-synthetic.yaml:1: id: malformed ID 'CTCKG:00150999'" in p for p in problems), problems
