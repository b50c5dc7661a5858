"""Loading the curation sources: every file checked, every problem reported at once (file, line, field).

The records themselves are in :mod:`ctckg.records` and re-exported here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ctckg.constants import (CURATION_DIR, FINDINGS_DIR, HEADER_FILE, PROPERTIES_FILE, REFERENCE_COUNT,
                             REFERENCES_FILE, TERMS_DIR)
from ctckg.errors import CurationError, Problem, display_path
from ctckg.records import (DIRECTIONS, FIGURES, FINDING_ID_RANGE, FINDING_KEYS, HEADER_KEYS, LOCATOR_KEYS,
                           PROPERTY_KEYS, QUANTITIES, REFERENCE_KEYS, REVIEW_KEYS, ROLE_KEYS, SECTIONS, STATUSES,
                           TERM_KEYS, TERM_KINDS, Finding, Header, Locator, Property, Reference, Sources, Term,
                           TermRef)
from ctckg.vocab import Vocabulary
from ctckg.yamlio import LineDict, read_yaml

__all__ = [
    "TermRef", "Term", "Property", "Locator", "Finding", "Reference", "Header", "Sources", "load_sources",
    "ROLE_KEYS", "TERM_KINDS", "STATUSES", "DIRECTIONS", "QUANTITIES", "SECTIONS",
]

_REF = re.compile(r"^(?P<curie>(?P<prefix>[A-Za-z][A-Za-z0-9_]*):(?P<local>[^\s!]*))\s*(?:!\s*(?P<label>.*\S))?\s*$")
_LOCAL_ID = {
    "CTCKG": r"[0-9]{7}", "CL": r"[0-9]{7}", "GO": r"[0-9]{7}", "CHEBI": r"[0-9]+", "HGNC": r"[0-9]+",
    "UBERON": r"[0-9]{7}", "MONDO": r"[0-9]{7}", "DOID": r"[0-9]+", "RO": r"[0-9]{7}", "ECO": r"[0-9]{7}",
    "IAO": r"[0-9]{7}", "BFO": r"[0-9]{7}", "NCBITaxon": r"[0-9]+", "PR": r"[0-9]{9}",
}
_DEF_SOURCE = re.compile(r"^(review|ref ([0-9]{1,2}))$")


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
        return value

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
                self.problem(value.lines[index], f"{where}{key}[{index}]", "expected a non-empty string")
                continue
            out.append(str(item).strip())
        return out

    def term_ref(self, raw: Any, line: int, where: str, known: dict[str, str], allow_hgnc: bool = False) -> TermRef | None:
        """Parse and check one ``CURIE ! label``; ``known`` maps our CURIEs to their labels."""
        if not isinstance(raw, str):
            self.problem(line, where, f"expected 'CURIE ! label', got {raw!r}")
            return None
        match = _REF.match(raw)
        if not match:
            self.problem(line, where, f"malformed term reference {raw!r} (expected 'PREFIX:ID ! label')")
            return None
        curie, prefix, local, label = match["curie"], match["prefix"], match["local"], match["label"] or ""
        if prefix not in _LOCAL_ID or (prefix == "HGNC" and not allow_hgnc):
            allowed = sorted(p for p in _LOCAL_ID if allow_hgnc or p != "HGNC")
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
        refs = [self.term_ref(item, value.lines[i], f"{where}{key}[{i}]", known, allow_hgnc)
                for i, item in enumerate(value)]
        return [ref for ref in refs if ref is not None]


def _check_id(checker: _Checker, record: LineDict, seen: dict[str, str], where: str) -> str:
    ident = checker.text(record, "id", where)
    if ident and not re.fullmatch(r"CTCKG:[0-9]{7}", ident):
        checker.problem(checker.line_of(record, "id"), f"{where}id", f"malformed ID {ident!r}: ours look like CTCKG:0001234")
        return ""
    if ident in seen:
        checker.problem(checker.line_of(record, "id"), f"{where}id", f"duplicate ID {ident} (first defined at {seen[ident]})")
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


def load_sources(vocab: Vocabulary, curation_dir: Path = CURATION_DIR) -> Sources:
    """Load and validate every curation file; raise :class:`CurationError` listing all problems."""
    checker = _Checker(vocab)
    terms_dir = curation_dir / TERMS_DIR.name
    findings_dir = curation_dir / FINDINGS_DIR.name

    # pass 1: read files and collect our IDs and labels
    raw_properties = _as_list(checker, _read(checker, curation_dir / PROPERTIES_FILE.name))
    raw_terms: list[tuple[str, Any]] = []
    for path in _yaml_files(terms_dir):
        records = _as_list(checker, _read(checker, path))
        raw_terms += [(checker.file, record) for record in records]
    raw_findings: list[tuple[str, Any]] = []
    for path in _yaml_files(findings_dir):
        records = _as_list(checker, _read(checker, path))
        raw_findings += [(checker.file, record) for record in records]
    raw_refs = _read(checker, curation_dir / REFERENCES_FILE.name)
    refs_file = checker.file
    raw_header = _read(checker, curation_dir / HEADER_FILE.name)
    header_file = checker.file

    seen: dict[str, str] = {}
    known: dict[str, str] = {}
    labels: dict[str, str] = {}
    checker.file = display_path(curation_dir / PROPERTIES_FILE.name)
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
            if ident and (FINDING_ID_RANGE[0] <= int(ident[6:]) <= FINDING_ID_RANGE[1]) != is_finding:
                block = "CTCKG:{:07d}-CTCKG:{:07d}".format(*FINDING_ID_RANGE)
                checker.problem(checker.line_of(record, "id"), "id",
                                f"{ident}: findings take IDs in {block}, terms take IDs outside it (docs/CURATION.md)")
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
    properties = [_property(checker, record, known) for record in raw_properties if isinstance(record, dict)]
    for prop in properties:
        prop.file = display_path(curation_dir / PROPERTIES_FILE.name)
    terms: list[Term] = []
    for file, record in raw_terms:
        if isinstance(record, dict):
            checker.file = file
            terms.append(_term(checker, record, known))
    checker.file = refs_file
    review, references = _references(checker, raw_refs)
    numbers = {ref.number for ref in references}
    findings: list[Finding] = []
    for file, record in raw_findings:
        if isinstance(record, dict):
            checker.file = file
            findings.append(_finding(checker, record, known, numbers))
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
        yaml_key=checker.text(record, "yaml_key", "", required=False), line=record.line)
    if prop.yaml_key and prop.yaml_key not in ROLE_KEYS:
        checker.problem(checker.line_of(record, "yaml_key"), "yaml_key", f"{prop.yaml_key!r} is not a finding field")
    return prop


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
        checker.problem(checker.line_of(record, key), f"{where}{key}", f"{value!r} is not a whole number in {low}-{high}")
        return None
    return value


def _finding(checker: _Checker, record: LineDict, known: dict[str, str], numbers: set[int]) -> Finding:
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
    evidence = None
    if "evidence" in record:
        evidence = checker.term_ref(record["evidence"], checker.line_of(record, "evidence"), "evidence", known)
        if evidence and not evidence.curie.startswith("ECO:"):
            checker.problem(checker.line_of(record, "evidence"), "evidence", f"{evidence.curie} is not an ECO code")
    else:
        checker.problem(record.line, "evidence", "is required (an ECO code)")
    locator = Locator(section="")
    raw_locator = record.get("locator")
    if raw_locator is None:
        checker.problem(record.line, "locator", "is required (at least locator.section)")
    elif checker.mapping(raw_locator, checker.line_of(record, "locator"), "locator", LOCATOR_KEYS) is not None:
        section = str(raw_locator.get("section", "")).strip()
        if section not in SECTIONS:
            checker.problem(checker.line_of(raw_locator, "section"), "locator.section",
                            f"{section!r} is not a section of the review ({', '.join(SECTIONS)})")
        figure = raw_locator.get("figure")
        if figure is not None and str(figure) not in FIGURES:
            checker.problem(checker.line_of(raw_locator, "figure"), "locator.figure", f"{figure!r} is not figure 1 or 2")
        locator = Locator(section=section, paragraph=_int(checker, raw_locator, "paragraph", "locator.", 1, 20),
                          table_row=_int(checker, raw_locator, "table_row", "locator.", 1, 10),
                          figure=None if figure is None else str(figure))
    references: list[int] = []
    raw_refs = record.get("references")
    if not isinstance(raw_refs, list) or not raw_refs:
        checker.problem(checker.line_of(record, "references") if "references" in record else record.line,
                        "references", "is required: at least one reference number of the review (1-86)")
    else:
        for index, number in enumerate(raw_refs):
            if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= REFERENCE_COUNT:
                checker.problem(raw_refs.lines[index], f"references[{index}]",
                                f"{number!r} is not a reference number of the review (1-{REFERENCE_COUNT})")
            elif number not in numbers:
                checker.problem(raw_refs.lines[index], f"references[{index}]",
                                f"reference {number} is missing from references.yaml")
            elif number in references:
                checker.problem(raw_refs.lines[index], f"references[{index}]", f"reference {number} is listed twice")
            else:
                references.append(number)
    quantities: list[tuple[str, int | float]] = []
    raw_quantities = record.get("quantities") or []
    if not isinstance(raw_quantities, list):
        checker.problem(checker.line_of(record, "quantities"), "quantities", "expected a list")
        raw_quantities = []
    for index, item in enumerate(raw_quantities):
        where = f"quantities[{index}]"
        if checker.mapping(item, raw_quantities.lines[index], where, ("quantity", "value")) is None:
            continue
        name, value = item.get("quantity"), item.get("value")
        if name not in QUANTITIES:
            checker.problem(checker.line_of(item, "quantity"), f"{where}.quantity",
                            f"{name!r} is not one of: {', '.join(QUANTITIES)}")
            continue
        kind = QUANTITIES[name][1]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
            checker.problem(checker.line_of(item, "value"), f"{where}.value", f"{value!r} is not a {kind.__name__}")
            continue
        if any(existing == name for existing, _ in quantities):
            checker.problem(checker.line_of(item, "quantity"), f"{where}.quantity", f"{name!r} given twice")
            continue
        quantities.append((name, value))
    return Finding(
        id=str(record.get("id", "")), label=checker.text(record, "label", ""), status=status, direction=direction,
        roles=roles, evidence=evidence or TermRef("", ""), locator=locator, references=references,
        description=checker.text(record, "description", ""), quantities=quantities,
        note=checker.text(record, "note", "", required=False), file=checker.file, line=record.line)


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
    return Reference(
        number=record.get("number", 0) if isinstance(record.get("number", 0), int) else 0, authors=authors,
        et_al=et_al, title=checker.text(record, "title", where), journal=checker.text(record, "journal", where),
        year=year, volume=checker.text(record, "volume", where, False) or None,
        issue=checker.text(record, "issue", where, False) or None,
        pages=checker.text(record, "pages", where, False) or None, note=checker.text(record, "note", where, False),
        doi=checker.text(record, "doi", where, False), line=record.line)


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
        checker.problem(raw.line, "references", f"reference numbers missing: {', '.join(map(str, missing))}")
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
