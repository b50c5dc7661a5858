"""Loading the curation sources: every file checked, every problem reported at once (file, line, field).

The records themselves are in :mod:`ctckg.curation.records` and re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any, cast

from ctckg.curation.records import (
    ASPECTS,
    CITING_KINDS,
    DIRECTIONS,
    FIGURES,
    FINDING_ID_RANGE,
    FINDING_KEYS,
    HEADER_KEYS,
    LOCATOR_KEYS,
    PROPERTY_KEYS,
    PROVENANCE_KINDS,
    QUANTITIES,
    REFERENCE_KEYS,
    RELATIONS,
    REVIEW_KEYS,
    ROLE_KEYS,
    SECTIONS,
    SIGNS,
    STATEMENT_KEYS,
    STATEMENT_TERM_KEYS,
    STATUSES,
    TERM_KEYS,
    TERM_KINDS,
    Finding,
    Header,
    Locator,
    Property,
    Reference,
    Sources,
    Statement,
    Term,
    TermRef,
    is_finding_id,
)
from ctckg.curation.sentences import SentenceIndex, load_sentence_index
from ctckg.curation.vocab import Vocabulary
from ctckg.curation.yamlio import LineDict, read_yaml
from ctckg.errors import CurationError, Problem, display_path
from ctckg.project import REFERENCE_COUNT, Project
from ctckg.schema import LOCAL_ID_PATTERNS, MINTED_LOCAL_ID, PREFIX_BY_NAME, SCHEMA_PROPERTIES, STATEMENT_SLOTS

__all__ = [
    "TermRef", "Term", "Property", "Locator", "Finding", "Reference", "Header", "Sources", "load_sources",
    "ROLE_KEYS", "TERM_KINDS", "STATUSES", "DIRECTIONS", "QUANTITIES", "SECTIONS",
]

_REF = re.compile(r"^(?P<curie>(?P<prefix>[A-Za-z][A-Za-z0-9_]*):(?P<local>[^\s!]*))\s*(?:!\s*(?P<label>.*\S))?\s*$")
#: prefix -> pattern of a local ID (from the prefix table of :mod:`ctckg.schema`)
_LOCAL_ID = LOCAL_ID_PATTERNS
#: Statement slots with a field of their own in :class:`Statement` (the schema's other term slots go to ``extra``).
_STATEMENT_FIELDS = frozenset(f.name for f in fields(Statement))
#: How the note of a finding without statements begins.
NO_STATEMENT = "No statement:"
#: Any ID we mint (7 digits; findings past a block's 999th longer), and a statement ID (finding ID, dash, position).
_MINTED_ID = re.compile(rf"CTCKG:{MINTED_LOCAL_ID}")
_STATEMENT_ID = re.compile(rf"^CTCKG:{MINTED_LOCAL_ID}-[0-9]+$")
_PMID = re.compile(r"^[1-9][0-9]{0,8}$")
_PMCID = re.compile(r"^PMC[0-9]+$")
_DOI = re.compile(r"^10\.[0-9]{4,9}/\S+$")
_DEF_SOURCE = re.compile(r"^(review|ref ([0-9]{1,2}))$")


def _item_line(sequence: Any, index: int) -> int:
    """The line of item ``index`` of a YAML list (a ``LineList``)."""
    return int(sequence.lines[index])


class _Checker:
    """Collects problems while converting raw YAML into records."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.problems: list[Problem] = []
        self.file = ""

    def problem(self, line: int, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, where, message))

    @staticmethod
    def line_of(mapping: Any, key: str) -> int:
        if isinstance(mapping, LineDict):
            return mapping.lines.get(key, mapping.line)
        return 0

    def mapping(self, value: Any, line: int, where: str, allowed: tuple[str, ...]) -> LineDict | None:
        if not isinstance(value, dict):
            self.problem(line, where, f"expected a mapping, got {type(value).__name__}")
            return None
        for key in value:
            if key not in allowed:
                self.problem(self.line_of(value, key), f"{where}.{key}" if where else str(key),
                             f"unknown field {key!r} (allowed: {', '.join(allowed)})")
        return cast(LineDict, value)

    def text(self, record: LineDict, key: str, where: str, required: bool = True) -> str:
        value = record.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(self.line_of(record, key) if key in record else record.line, f"{where}{key}",
                             "is required")
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.problem(self.line_of(record, key), f"{where}{key}", f"expected text, got {type(value).__name__}")
            return ""
        text = str(value)
        if text != text.strip() or "  " in text:
            self.problem(self.line_of(record, key), f"{where}{key}", "has leading, trailing or double spaces")
        return text.strip()

    def strings(self, record: LineDict, key: str, where: str) -> list[str]:
        value = record.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(self.line_of(record, key), f"{where}{key}", "expected a list")
            return []
        out = []
        for index, item in enumerate(value):
            if not isinstance(item, (str, int)) or isinstance(item, bool) or not str(item).strip():
                self.problem(_item_line(value, index), f"{where}{key}[{index}]", "expected a non-empty string")
                continue
            out.append(str(item).strip())
        return out

    def term_ref(self, raw: Any, line: int, where: str, known: dict[str, str],
                 allow_hgnc: bool = False) -> TermRef | None:
        """Parse and check one ``CURIE ! label``; ``known`` maps our CURIEs to their labels."""
        if not isinstance(raw, str):
            self.problem(line, where, f"expected 'CURIE ! label', got {raw!r}")
            return None
        match = _REF.match(raw)
        if not match:
            self.problem(line, where, f"malformed term reference {raw!r} (expected 'PREFIX:ID ! label')")
            return None
        curie, prefix, local, label = match["curie"], match["prefix"], match["local"], match["label"] or ""
        if prefix not in _LOCAL_ID or (PREFIX_BY_NAME[prefix].xref_only and not allow_hgnc):
            allowed = sorted(p for p in _LOCAL_ID if allow_hgnc or not PREFIX_BY_NAME[p].xref_only)
            self.problem(line, where, f"unknown prefix {prefix!r} in {curie} (known: {', '.join(allowed)})")
            return None
        if not re.fullmatch(_LOCAL_ID[prefix], local):
            self.problem(line, where, f"malformed ID {curie}: {prefix} IDs look like {prefix}:"
                         f"{'0' * 7 if '{7}' in _LOCAL_ID[prefix] else '123'}")
            return None
        if prefix == "CTCKG":
            if curie not in known:
                self.problem(line, where, f"{curie} is not defined in ontology/curation (terms/ or properties.yaml)")
                return None
            expected = known[curie]
        else:
            term = self.vocab.get(curie)
            if term is None:
                self.problem(line, where, f"{curie} does not exist in {self.vocab.description}")
                return None
            if term.obsolete:
                hint = f"; replaced by {term.replaced_by}" if term.replaced_by else ""
                self.problem(line, where, f"{curie} is obsolete in {self.vocab.description}{hint}")
                return None
            expected = term.label
        if label and label != expected:
            self.problem(line, where, f"label {label!r} does not match the label of {curie}, {expected!r}")
            return None
        return TermRef(curie, expected)

    def term_refs(self, record: LineDict, key: str, where: str, known: dict[str, str],
                  allow_hgnc: bool = False) -> list[TermRef]:
        value = record.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(self.line_of(record, key), f"{where}{key}", "expected a list of 'CURIE ! label'")
            return []
        refs = [self.term_ref(item, _item_line(value, i), f"{where}{key}[{i}]", known, allow_hgnc)
                for i, item in enumerate(value)]
        return [ref for ref in refs if ref is not None]


def _check_id(checker: _Checker, record: LineDict, seen: dict[str, str], where: str) -> str:
    ident = checker.text(record, "id", where)
    if ident and not _MINTED_ID.fullmatch(ident):
        checker.problem(checker.line_of(record, "id"), f"{where}id",
                        f"malformed ID {ident!r}: ours look like CTCKG:0001234 (a block's findings past its 999th: "
                        "CTCKG:00151000, no leading zero)")
        return ""
    if ident in seen:
        checker.problem(checker.line_of(record, "id"), f"{where}id",
                        f"duplicate ID {ident} (first defined at {seen[ident]})")
        return ""
    if ident:
        seen[ident] = f"{checker.file}:{checker.line_of(record, 'id')}"
    return ident


def _yaml_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def _read(checker: _Checker, path: Path) -> Any:
    checker.file = display_path(path)
    data, problems = read_yaml(path)
    checker.problems.extend(problems)
    return data


def _as_list(checker: _Checker, data: Any) -> list[Any]:
    if data is None:
        return []
    if not isinstance(data, list):
        checker.problem(getattr(data, "line", 1), "file", "expected a list of records")
        return []
    return data


def load_sources(vocab: Vocabulary, curation_dir: Path | None = None) -> Sources:
    """Load and validate every curation file; raise :class:`CurationError` listing all problems."""
    curation_dir = curation_dir if curation_dir is not None else Project.discover().curation_dir
    checker = _Checker(vocab)
    terms_dir = curation_dir / "terms"
    findings_dir = curation_dir / "findings"

    # pass 1: read files and collect our IDs and labels
    raw_properties = _as_list(checker, _read(checker, curation_dir / "properties.yaml"))
    raw_terms: list[tuple[str, Any]] = []
    for path in _yaml_files(terms_dir):
        records = _as_list(checker, _read(checker, path))
        raw_terms += [(checker.file, record) for record in records]
    raw_findings: list[tuple[str, Any]] = []
    for path in _yaml_files(findings_dir):
        records = _as_list(checker, _read(checker, path))
        raw_findings += [(checker.file, record) for record in records]
    raw_refs = _read(checker, curation_dir / "references.yaml")
    refs_file = checker.file
    raw_header = _read(checker, curation_dir / "ontology.yaml")
    header_file = checker.file

    seen: dict[str, str] = {}
    known: dict[str, str] = {}
    labels: dict[str, str] = {}
    checker.file = display_path(curation_dir / "properties.yaml")
    for record in raw_properties:
        if checker.mapping(record, getattr(record, "line", 0), "", PROPERTY_KEYS) is not None:
            ident = _check_id(checker, record, seen, "")
            if ident:
                known[ident] = str(record.get("label", ""))
    for file, record in raw_terms + raw_findings:
        checker.file = file
        allowed = TERM_KEYS if "/terms/" in f"/{file}" else FINDING_KEYS
        if checker.mapping(record, getattr(record, "line", 0), "", allowed) is not None:
            ident = _check_id(checker, record, seen, "")
            is_finding = allowed is FINDING_KEYS
            if ident and is_finding_id(ident) != is_finding:
                block = "CTCKG:{:07d}-CTCKG:{:07d}".format(*FINDING_ID_RANGE)
                checker.problem(checker.line_of(record, "id"), "id",
                                f"{ident}: findings take IDs in {block} (past a block's 999th finding: CTCKG:001S1000 "
                                "on), terms take IDs outside it (docs/CURATION.md)")
            label = str(record.get("label", "")).strip()
            if ident and allowed is TERM_KEYS:
                known[ident] = label
            if label:
                if label.lower() in labels:
                    checker.problem(checker.line_of(record, "label"), "label",
                                    f"duplicate label {label!r} (also used at {labels[label.lower()]})")
                else:
                    labels[label.lower()] = f"{file}:{checker.line_of(record, 'label')}"

    # pass 2: convert records
    checker.file = display_path(curation_dir / "properties.yaml")
    properties = [_property(checker, record, known) for record in raw_properties if isinstance(record, LineDict)]
    for prop in properties:
        prop.file = checker.file
    if properties:
        _check_schema_properties(checker, properties, getattr(raw_properties, "line", 1) or 1)
    terms: list[Term] = []
    for file, record in raw_terms:
        if isinstance(record, LineDict):
            checker.file = file
            terms.append(_term(checker, record, known))
    checker.file = refs_file
    review, references = _references(checker, raw_refs)
    numbers = {ref.number for ref in references}
    sentences, sentence_problems = load_sentence_index(curation_dir / "sentences.tsv")
    checker.problems.extend(sentence_problems)
    kinds = {term.id: term.kind for term in terms}
    findings: list[Finding] = []
    for file, record in raw_findings:
        if isinstance(record, LineDict):
            checker.file = file
            findings.append(_finding(checker, record, known, kinds, numbers, sentences))
    _check_links(checker, findings)
    checker.file = header_file
    header = _header(checker, raw_header)
    _check_cycles(checker, terms, properties)
    if checker.problems:
        raise CurationError(checker.problems)
    return Sources(header, properties, terms, findings, review, references)


def _property(checker: _Checker, record: LineDict, known: dict[str, str]) -> Property:
    ptype = checker.text(record, "type", "")
    if ptype and ptype not in ("object", "data", "annotation"):
        checker.problem(checker.line_of(record, "type"), "type", f"{ptype!r} is not object, data or annotation")
    prop = Property(
        id=str(record.get("id", "")), label=checker.text(record, "label", ""), type=ptype,
        definition=checker.text(record, "definition", ""), parents=checker.term_refs(record, "parents", "", known),
        range=checker.text(record, "range", "", required=(ptype == "data")),
        domain=(checker.term_ref(record["domain"], checker.line_of(record, "domain"), "domain", known)
                or TermRef("", "")).curie if "domain" in record else "", line=record.line)
    expected = SCHEMA_PROPERTIES.get(prop.id)
    if expected is not None and prop.label and prop.label != expected:
        checker.problem(checker.line_of(record, "label"), "label", f"{prop.label!r} is not the label the model schema "
                        f"gives {prop.id}, {expected!r} (src/ctckg/schema.py)")
    return prop


def _check_schema_properties(checker: _Checker, properties: list[Property], line: int) -> None:
    """Every property the model schema names is declared in properties.yaml (the schema says which field it carries;
    properties.yaml gives its type and definition)."""
    declared = {prop.id for prop in properties}
    for curie, label in sorted(SCHEMA_PROPERTIES.items()):
        if curie not in declared:
            checker.problem(line, curie, f"the model schema (src/ctckg/schema.py) uses {curie} ({label!r}); declare it "
                            "here with that label, a type and a definition")


def _term(checker: _Checker, record: LineDict, known: dict[str, str]) -> Term:
    kind = checker.text(record, "kind", "")
    if kind and kind not in TERM_KINDS:
        checker.problem(checker.line_of(record, "kind"), "kind", f"{kind!r} is not one of: {', '.join(TERM_KINDS)}")
    parents = checker.term_refs(record, "parents", "", known)
    if not parents and "parents" not in record:
        checker.problem(record.line, "parents", "is required (at least one parent)")
    sources = checker.strings(record, "definition_source", "")
    for index, source in enumerate(sources):
        match = _DEF_SOURCE.match(source)
        if not match or (match.group(2) and not 1 <= int(match.group(2)) <= REFERENCE_COUNT):
            checker.problem(record["definition_source"].lines[index], f"definition_source[{index}]",
                            f"{source!r} is not 'review' or 'ref N' with N in 1-{REFERENCE_COUNT}")
    xrefs = checker.term_refs(record, "xrefs", "", known, allow_hgnc=True)
    deprecated = record.get("deprecated", False)
    if not isinstance(deprecated, bool):
        checker.problem(checker.line_of(record, "deprecated"), "deprecated", "expected true or false")
        deprecated = False
    return Term(
        id=str(record.get("id", "")), label=checker.text(record, "label", ""), kind=kind, parents=parents,
        definition=checker.text(record, "definition", ""), definition_source=sources,
        synonyms=checker.strings(record, "synonyms", ""), xrefs=xrefs,
        targets=checker.term_refs(record, "targets", "", known), comment=checker.text(record, "comment", "", False),
        deprecated=deprecated, replaced_by=checker.text(record, "replaced_by", "", False),
        file=checker.file, line=record.line)


def _int(checker: _Checker, record: LineDict, key: str, where: str, low: int, high: int) -> int | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        checker.problem(checker.line_of(record, key), f"{where}{key}",
                        f"{value!r} is not a whole number in {low}-{high}")
        return None
    return value


def _numbers(checker: _Checker, record: LineDict, key: str, numbers: set[int], required: bool) -> list[int]:
    """A list of reference numbers of the review, each once and each in references.yaml."""
    out: list[int] = []
    raw = record.get(key)
    if raw is None:
        if required:
            checker.problem(record.line, key, "is required: at least one reference number of the review (1-86)")
        return out
    if not isinstance(raw, list):
        checker.problem(checker.line_of(record, key), key, f"expected a list of reference numbers, got {raw!r}")
        return out
    if not raw and required:
        checker.problem(checker.line_of(record, key), key, "is required: at least one reference number (1-86)")
    for index, number in enumerate(raw):
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= REFERENCE_COUNT:
            checker.problem(_item_line(raw, index), f"{key}[{index}]",
                            f"{number!r} is not a reference number of the review (1-{REFERENCE_COUNT})")
        elif number not in numbers:
            checker.problem(_item_line(raw, index), f"{key}[{index}]",
                            f"reference {number} is missing from references.yaml")
        elif number in out:
            checker.problem(_item_line(raw, index), f"{key}[{index}]", f"reference {number} is listed twice")
        else:
            out.append(number)
    return out


def _locator(checker: _Checker, record: LineDict) -> Locator:
    raw_locator = record.get("locator")
    if raw_locator is None:
        checker.problem(record.line, "locator", "is required (at least locator.section)")
        return Locator(section="")
    if checker.mapping(raw_locator, checker.line_of(record, "locator"), "locator", LOCATOR_KEYS) is None:
        return Locator(section="")
    section = str(raw_locator.get("section", "")).strip()
    if section not in SECTIONS:
        checker.problem(checker.line_of(raw_locator, "section"), "locator.section",
                        f"{section!r} is not a section of the review ({', '.join(SECTIONS)})")
    figure = raw_locator.get("figure")
    if figure is not None and str(figure) not in FIGURES:
        checker.problem(checker.line_of(raw_locator, "figure"), "locator.figure", f"{figure!r} is not figure 1 or 2")
    raw_sentence = raw_locator.get("sentence")
    sentences: list[int] = []
    if raw_sentence is not None:
        items = raw_sentence if isinstance(raw_sentence, list) else [raw_sentence]
        for item in items:
            if not isinstance(item, int) or isinstance(item, bool) or not 1 <= item <= 40:
                checker.problem(checker.line_of(raw_locator, "sentence"), "locator.sentence",
                                f"{item!r} is not a sentence number (a whole number, or a list of them)")
            elif item not in sentences:
                sentences.append(item)
    locator = Locator(section=section, paragraph=_int(checker, raw_locator, "paragraph", "locator.", 1, 20),
                      table_row=_int(checker, raw_locator, "table_row", "locator.", 1, 10),
                      figure=None if figure is None else str(figure), sentences=tuple(sentences))
    if locator.table_row is None and not sentences and raw_sentence is None:
        checker.problem(checker.line_of(record, "locator"), "locator.sentence",
                        "is required: the number of the sentence (in its paragraph or figure caption) the finding "
                        "rests on; see ontology/curation/sentences.tsv")
    if locator.table_row is None and locator.figure is None and locator.paragraph is None:
        checker.problem(checker.line_of(record, "locator"), "locator.paragraph",
                        "is required unless the finding rests on a Table 1 row or a figure caption")
    return locator


def _statement(checker: _Checker, raw: Any, line: int, where: str, ident: str,
               known: dict[str, str], kinds: dict[str, str]) -> Statement | None:
    if checker.mapping(raw, line, where, STATEMENT_KEYS) is None:
        return None
    prefix = f"{where}."
    refs: dict[str, TermRef | None] = {}
    for key in STATEMENT_TERM_KEYS:
        value = raw.get(key)
        refs[key] = None if value is None else checker.term_ref(value, checker.line_of(raw, key), prefix + key, known)
    if "object" not in raw:
        checker.problem(raw.line, prefix + "object", "is required (what the statement is about)")
    for key in ("subject_cell", "object_cell"):
        ref = refs[key]
        if ref is not None and ref.curie.startswith("CTCKG:") and kinds.get(ref.curie) != "cell":
            checker.problem(checker.line_of(raw, key), prefix + key, f"{ref} is not a cell type")
        if ref is not None and not ref.curie.startswith(("CL:", "CTCKG:")):
            checker.problem(checker.line_of(raw, key), prefix + key, f"{ref} is not a cell type (CL or ours)")
    relation = checker.text(raw, "relation", prefix)
    sign = checker.text(raw, "sign", prefix, required=False)
    if relation and relation not in RELATIONS:
        checker.problem(checker.line_of(raw, "relation"), prefix + "relation",
                        f"{relation!r} is not one of: {', '.join(RELATIONS)}")
    elif relation:
        spec = RELATIONS[relation]
        if spec.signed and not sign:
            checker.problem(checker.line_of(raw, "relation"), prefix + "sign",
                            f"is required with {relation!r} ({', '.join(s for s in SIGNS if s in spec.ro)})")
        elif spec.signed and sign not in spec.ro:
            checker.problem(checker.line_of(raw, "sign"), prefix + "sign",
                            f"{sign!r} is not one of: {', '.join(s for s in SIGNS if s in spec.ro)}")
        elif not spec.signed and sign:
            checker.problem(checker.line_of(raw, "sign"), prefix + "sign",
                            f"{relation!r} takes no sign (use 'affects' for a change in a direction)")
    aspect = checker.text(raw, "aspect", prefix, required=False)
    if aspect and aspect not in ASPECTS:
        checker.problem(checker.line_of(raw, "aspect"), prefix + "aspect",
                        f"{aspect!r} is not one of: {', '.join(ASPECTS)}")
    locations = checker.term_refs(raw, "locations", prefix, known)
    for index, ref in enumerate(locations):
        if not ref.curie.startswith(("UBERON:", "CTCKG:")) or (ref.curie.startswith("CTCKG:")
                                                               and kinds.get(ref.curie) != "structure"):
            checker.problem(raw["locations"].lines[index], f"{prefix}locations[{index}]",
                            f"{ref} is not an anatomical site (UBERON, or one of our structures)")
    organisms = checker.term_refs(raw, "organisms", prefix, known)
    for index, ref in enumerate(organisms):
        if not ref.curie.startswith("NCBITaxon:"):
            checker.problem(raw["organisms"].lines[index], f"{prefix}organisms[{index}]",
                            f"{ref} is not an NCBITaxon ID")
    nexts = checker.strings(raw, "next", prefix)
    for index, target in enumerate(nexts):
        if not _STATEMENT_ID.match(target):
            checker.problem(raw["next"].lines[index], f"{prefix}next[{index}]",
                            f"{target!r} is not a statement ID (CTCKG:0012345-1: finding ID, dash, position)")
    # the schema's further term slots, checked like the others and kept by key
    extra: dict[str, list[TermRef]] = {}
    for slot in STATEMENT_SLOTS:
        if slot.range == "term" and slot.key not in _STATEMENT_FIELDS and slot.key in raw:
            single = refs.get(slot.key)
            values = checker.term_refs(raw, slot.key, prefix, known) if slot.multivalued else (
                [single] if single is not None else [])
            if values:
                extra[slot.key] = values
    if refs["object"] is None:
        return None
    if relation in ("affects", "directly regulates") and sign in ("increases", "decreases"):
        refs["object"], sign = _one_idiom(checker, raw, prefix, refs["object"], sign)
    return Statement(id=ident, relation=relation if relation in RELATIONS else "", object=refs["object"],
                     subject=refs["subject"], subject_cell=refs["subject_cell"], object_cell=refs["object_cell"],
                     sign=sign, aspect=aspect, locations=locations, organisms=organisms, comparator=refs["comparator"],
                     next=nexts, note=checker.text(raw, "note", prefix, required=False), line=raw.line, extra=extra)


_REGULATION = re.compile(r"^(?P<kind>negative|positive) regulation of (?P<process>.+)$")
_FLIP = {"increases": "decreases", "decreases": "increases"}


def _one_idiom(checker: _Checker, raw: LineDict, prefix: str, obj: TermRef, sign: str) -> tuple[TermRef, str]:
    """One idiom for direction: 'increases negative regulation of X' is written as 'decreases X'.

    A GO object 'negative regulation of X' flips the sign and becomes X, 'positive regulation of X' keeps it;
    X must be a GO term with exactly that label, otherwise the curator is asked to write the positive process.
    """
    match = _REGULATION.match(obj.label)
    if not match or not obj.curie.startswith("GO:"):
        return obj, sign
    target = checker.vocab.find_label("GO", match["process"])
    if target is None:
        checker.problem(checker.line_of(raw, "object"), prefix + "object",
                        f"{obj}: write the regulated process itself with sign "
                        f"{_FLIP[sign] if match['kind'] == 'negative' else sign!r} (one idiom for direction); "
                        f"no GO term is labelled {match['process']!r}")
        return obj, sign
    return TermRef(target.curie, target.label), (_FLIP[sign] if match["kind"] == "negative" else sign)


def _finding(checker: _Checker, record: LineDict, known: dict[str, str], kinds: dict[str, str],
             numbers: set[int], sentences: SentenceIndex) -> Finding:
    ident = str(record.get("id", ""))
    status = checker.text(record, "status", "")
    if status and status not in STATUSES:
        checker.problem(checker.line_of(record, "status"), "status", f"{status!r} is not one of: {', '.join(STATUSES)}")
    direction = checker.text(record, "direction", "")
    if direction and direction not in DIRECTIONS:
        checker.problem(checker.line_of(record, "direction"), "direction",
                        f"{direction!r} is not one of: {', '.join(DIRECTIONS)}")
    roles = {key: checker.term_refs(record, key, "", known) for key in ROLE_KEYS}
    if not roles["ctc_cells"] and not roles["partner_cells"] and "ctc_cells" not in record \
            and "partner_cells" not in record:
        checker.problem(record.line, "ctc_cells", "a finding needs at least one cell (ctc_cells or partner_cells)")
    if roles["intervention_targets"] and len(roles["interventions"]) > 1:
        checker.problem(checker.line_of(record, "intervention_targets"), "intervention_targets",
                        "a finding with targets may name at most one intervention (split the finding per drug), "
                        "otherwise every drug would be paired with every target")
    provenance = checker.text(record, "provenance", "")
    if provenance and provenance not in PROVENANCE_KINDS:
        checker.problem(checker.line_of(record, "provenance"), "provenance",
                        f"{provenance!r} is not one of: {', '.join(PROVENANCE_KINDS)}")
        provenance = ""
    locator = _locator(checker, record)
    _check_block(checker, record, ident, locator)
    citing = provenance in CITING_KINDS
    references = _numbers(checker, record, "references", numbers, required=citing and provenance != "figure or table")
    associated = _numbers(checker, record, "associated_references", numbers, required=False)
    if provenance and not citing and references:
        checker.problem(checker.line_of(record, "references"), "references",
                        f"a finding of provenance {provenance!r} cites nothing as evidence; put the references the "
                        "curator relates to it in associated_references")
    if associated and citing:
        checker.problem(checker.line_of(record, "associated_references"), "associated_references",
                        "only findings whose provenance is 'uncited sentence' or 'curator inference' take "
                        "associated_references")
    hedge_exception = checker.text(record, "hedge_exception", "", required=False)
    _check_sentence(checker, record, locator, provenance, status, references, hedge_exception, sentences)
    summarises = checker.strings(record, "summarises", "")
    for index, target in enumerate(summarises):
        if not _MINTED_ID.fullmatch(target):
            checker.problem(record["summarises"].lines[index], f"summarises[{index}]",
                            f"{target!r} is not a finding ID")
    statements: list[Statement] = []
    raw_statements = record.get("statements")
    if raw_statements is not None and not isinstance(raw_statements, list):
        checker.problem(checker.line_of(record, "statements"), "statements", "expected a list of statements")
        raw_statements = None
    for index, raw in enumerate(raw_statements or []):
        statement = _statement(checker, raw, _item_line(raw_statements, index), f"statements[{index}]",
                               f"{ident}-{index + 1}", known, kinds)
        if statement is not None:
            statements.append(statement)
    note = checker.text(record, "note", "", required=False)
    if not raw_statements and not note.startswith(NO_STATEMENT):
        checker.problem(record.line, "statements", f"a finding without statements needs a note that starts with "
                        f"{NO_STATEMENT!r} and says why (e.g. the review states a frequency, no mechanism)")
    quantities: list[tuple[str, int | float]] = []
    raw_quantities = record.get("quantities") or []
    if not isinstance(raw_quantities, list):
        checker.problem(checker.line_of(record, "quantities"), "quantities", "expected a list")
        raw_quantities = []
    for index, item in enumerate(raw_quantities):
        where = f"quantities[{index}]"
        if checker.mapping(item, _item_line(raw_quantities, index), where, ("quantity", "value")) is None:
            continue
        name, value = item.get("quantity"), item.get("value")
        if not isinstance(name, str) or name not in QUANTITIES:
            checker.problem(checker.line_of(item, "quantity"), f"{where}.quantity",
                            f"{name!r} is not one of: {', '.join(QUANTITIES)}")
            continue
        kind = QUANTITIES[name][1]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
                kind is int and not isinstance(value, int)):
            checker.problem(checker.line_of(item, "value"), f"{where}.value", f"{value!r} is not a {kind.__name__}")
            continue
        if any(existing == name for existing, _ in quantities):
            checker.problem(checker.line_of(item, "quantity"), f"{where}.quantity", f"{name!r} given twice")
            continue
        quantities.append((name, value))
    return Finding(
        id=ident, label=checker.text(record, "label", ""), status=status, direction=direction,
        roles=roles, provenance=provenance, locator=locator, references=references,
        description=checker.text(record, "description", ""), associated_references=associated,
        summarises=summarises, hedge_exception=hedge_exception, statements=statements, quantities=quantities,
        note=note, file=checker.file, line=record.line)


def _check_block(checker: _Checker, record: LineDict, ident: str, locator: Locator) -> None:
    """A finding's ID lies in the block of where it rests: 0010nnn Table 1, 001Snnn section S, 0019nnn captions
    (past a block's 999th finding the number goes on, CTCKG:001S1000, …; the block is still the 4 digits after the
    colon)."""
    if not _MINTED_ID.fullmatch(ident) or not locator.section:
        return
    if locator.table_row is not None:
        block, where = "0010", "Table 1 rows"
    elif locator.figure is not None:
        block, where = "0019", "figure captions"
    else:
        block, where = f"001{locator.section.split('.')[0]}", f"section {locator.section.split('.')[0]}"
    if ident[6:10] != block:
        checker.problem(checker.line_of(record, "id"), "id", f"{ident} is outside the ID block of {where} "
                        f"(CTCKG:{block}000-CTCKG:{block}999, then CTCKG:{block}1000 on; docs/CURATION.md)")


def _check_sentence(checker: _Checker, record: LineDict, locator: Locator, provenance: str, status: str,
                    references: list[int], hedge_exception: str, sentences: SentenceIndex) -> None:
    """The locator names indexed sentences; references are cited there; status follows the hedging rule."""
    if not sentences or not provenance:
        return
    line = checker.line_of(record, "locator")
    rows = []
    for key in locator.sentence_keys():
        row = sentences.get(key)
        if row is None:
            checker.problem(line, "locator.sentence", f"the review has no sentence {key[2]} in {key[0]} "
                            f"paragraph {key[1]} (ontology/curation/sentences.tsv)")
        else:
            rows.append(row)
    if not rows:
        return
    cited = {number for row in rows for number in row.references}
    if provenance in CITING_KINDS:
        stray = [n for n in references if n not in cited]
        if stray:
            checker.problem(checker.line_of(record, "references"), "references",
                            f"reference(s) {', '.join(map(str, stray))} are not cited in the located sentence(s) "
                            f"(cited there: {', '.join(map(str, sorted(cited))) or 'none'})")
    if provenance == "figure or table" and cited and not references and "references" not in record:
        checker.problem(record.line, "references", "is required: at least one reference number of those the "
                        f"located row or caption cites ({', '.join(map(str, sorted(cited)))})")
    if provenance == "cited sentence" and not cited:
        checker.problem(checker.line_of(record, "provenance"), "provenance",
                        "the located sentence cites nothing: provenance is 'uncited sentence'")
    if provenance == "uncited sentence" and cited:
        checker.problem(checker.line_of(record, "provenance"), "provenance",
                        f"the located sentence cites {', '.join(map(str, sorted(cited)))}: provenance is "
                        "'cited sentence'")
    if provenance in ("reference title", "curator inference") or hedge_exception:
        return
    hedged = sorted({cue for row in rows for cue in row.hedges})
    if hedged and status == "stated":
        checker.problem(checker.line_of(record, "status"), "status",
                        f"the sentence hedges ({', '.join(hedged)}): status is 'proposed' by the hedging rule "
                        "(docs/CURATION.md), or give hedge_exception with the reason")
    if not hedged and status == "proposed":
        checker.problem(checker.line_of(record, "status"), "status",
                        "the sentence does not hedge: status is 'stated' by the hedging rule (docs/CURATION.md), "
                        "or give hedge_exception with the reason")


def _check_links(checker: _Checker, findings: list[Finding]) -> None:
    """``next`` names existing statements (no statement is its own next); ``summarises`` names other findings."""
    statements = {s.id for f in findings for s in f.statements}
    ids = {f.id for f in findings}
    for finding in findings:
        for statement in finding.statements:
            for target in statement.next:
                if target not in statements or target == statement.id:
                    checker.problems.append(Problem(finding.file, statement.line, f"{statement.id}.next",
                                                    f"{target} is not another curated statement"))
        for target in finding.summarises:
            if target not in ids or target == finding.id:
                checker.problems.append(Problem(finding.file, finding.line, "summarises",
                                                f"{target} is not another curated finding"))


def _reference(checker: _Checker, record: Any, where: str, allowed: tuple[str, ...]) -> Reference | None:
    if checker.mapping(record, getattr(record, "line", 0), where.rstrip("."), allowed) is None:
        return None
    authors = checker.strings(record, "authors", where)
    if not authors:
        checker.problem(record.line, f"{where}authors", "at least one author is required")
    year = record.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2019:
        checker.problem(checker.line_of(record, "year"), f"{where}year", f"{year!r} is not a year in 1900-2019")
        year = 0
    et_al = record.get("et_al", False)
    if not isinstance(et_al, bool):
        checker.problem(checker.line_of(record, "et_al"), f"{where}et_al", "expected true or false")
        et_al = False
    identifiers: dict[str, str] = {}
    for key, pattern, example in (("doi", _DOI, "10.1234/abc"), ("pmid", _PMID, "'12345678'"),
                                  ("pmcid", _PMCID, "PMC1234567")):
        value = checker.text(record, key, where, False)
        if value and not pattern.match(value):
            checker.problem(checker.line_of(record, key), f"{where}{key}", f"{value!r} is not a {key} (like {example})")
        identifiers[key] = value
    sources = checker.strings(record, "identifier_source", where)
    for index, address in enumerate(sources):
        if not re.match(r"^https?://\S+$", address):
            checker.problem(record["identifier_source"].lines[index], f"{where}identifier_source[{index}]",
                            f"{address!r} is not a web address")
    if "number" in record and any(identifiers.values()) and not sources:
        checker.problem(record.line, f"{where}identifier_source",
                        "is required with a doi, pmid or pmcid: the address of the page that shows it next to the "
                        "title")
    return Reference(
        number=record.get("number", 0) if isinstance(record.get("number", 0), int) else 0, authors=authors,
        et_al=et_al, title=checker.text(record, "title", where), journal=checker.text(record, "journal", where),
        year=year, volume=checker.text(record, "volume", where, False) or None,
        issue=checker.text(record, "issue", where, False) or None,
        pages=checker.text(record, "pages", where, False) or None, note=checker.text(record, "note", where, False),
        doi=identifiers["doi"], pmid=identifiers["pmid"], pmcid=identifiers["pmcid"], identifier_source=sources,
        line=record.line)


def _references(checker: _Checker, data: Any) -> tuple[Reference, list[Reference]]:
    empty = Reference(0, [], False, "", "", 0)
    if checker.mapping(data, getattr(data, "line", 1), "", ("review", "references")) is None:
        return empty, []
    review = _reference(checker, data.get("review"), "review.", REVIEW_KEYS) or empty
    if not review.doi:
        checker.problem(checker.line_of(data, "review"), "review.doi", "the review's DOI is required")
    references: list[Reference] = []
    seen: dict[int, int] = {}
    raw = data.get("references")
    if not isinstance(raw, list):
        checker.problem(checker.line_of(data, "references"), "references", "expected the list of references")
        return review, []
    for index, record in enumerate(raw):
        where = f"references[{index}]."
        ref = _reference(checker, record, where, REFERENCE_KEYS)
        if ref is None:
            continue
        number = record.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= REFERENCE_COUNT:
            checker.problem(checker.line_of(record, "number"), f"{where}number",
                            f"{number!r} is not a reference number in 1-{REFERENCE_COUNT}")
            continue
        if number in seen:
            checker.problem(checker.line_of(record, "number"), f"{where}number",
                            f"reference {number} is listed twice (first at line {seen[number]})")
            continue
        seen[number] = record.line
        references.append(ref)
    missing = sorted(set(range(1, REFERENCE_COUNT + 1)) - set(seen))
    if missing:
        checker.problem(getattr(raw, "line", 0), "references",
                        f"reference numbers missing: {', '.join(map(str, missing))}")
    return review, references


def _header(checker: _Checker, data: Any) -> Header:
    if checker.mapping(data, getattr(data, "line", 1), "", HEADER_KEYS) is None:
        return Header("", "", "", "", [])
    version = checker.text(data, "version", "")
    if version and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", version):
        checker.problem(checker.line_of(data, "version"), "version", f"{version!r} is not a date YYYY-MM-DD")
    creators = checker.strings(data, "creators", "")
    if not creators:
        checker.problem(data.line, "creators", "at least one creator is required")
    return Header(title=checker.text(data, "title", ""), description=checker.text(data, "description", ""),
                  version=version, license=checker.text(data, "license", ""), creators=creators,
                  contributors=checker.strings(data, "contributors", ""),
                  comment=checker.text(data, "comment", "", False))


def _check_cycles(checker: _Checker, terms: list[Term], properties: list[Property]) -> None:
    """Report subclass (and subproperty) cycles among our own terms."""
    for records in (terms, properties):
        parents = {r.id: [p.curie for p in r.parents if p.curie.startswith("CTCKG:")] for r in records}
        where = {r.id: (r.file, r.line) for r in records}
        reported: set[frozenset[str]] = set()
        for start in sorted(parents):
            stack = [(start, [start])]
            visited: set[str] = set()
            while stack:
                node, path = stack.pop()
                for parent in parents.get(node, []):
                    if parent == start:
                        cycle = frozenset(path)
                        if cycle not in reported:
                            reported.add(cycle)
                            file, line = where[start]
                            checker.problems.append(Problem(file, line, "parents",
                                                            "subclass cycle: " + " -> ".join(path + [start])))
                    elif parent not in visited:
                        visited.add(parent)
                        stack.append((parent, path + [parent]))
