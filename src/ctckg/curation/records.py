"""Typed records of the curation sources and the vocabularies of their fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ctckg.schema import FINDING_LOCAL_ID, FINDING_SLOTS, LOCATOR_SLOTS, QUANTITY_TABLE, ROLE_SLOTS, STATEMENT_SLOTS

__all__ = [
    "TermRef", "Term", "Property", "Locator", "Finding", "Reference", "Header", "Sources",
    "ROLE_KEYS", "TERM_KINDS", "STATUSES", "DIRECTIONS", "QUANTITIES", "SECTIONS", "FIGURES",
    "FINDING_KEYS", "TERM_KEYS", "PROPERTY_KEYS", "REFERENCE_KEYS", "REVIEW_KEYS", "HEADER_KEYS", "LOCATOR_KEYS",
    "FINDING_ID_RANGE", "is_finding_id", "Statement", "Relation", "RELATIONS", "SIGNS", "ASPECTS", "PROVENANCE_KINDS",
    "PROVENANCE_EVIDENCE", "STATEMENT_KEYS", "STATEMENT_TERM_KEYS", "STATEMENT_TERM_SLOT_KEYS", "CITING_KINDS",
]

TERM_KINDS = ("cell", "structure", "molecule", "process", "physical factor", "drug", "intervention", "organism",
              "study design", "finding type")
STATUSES = ("stated", "proposed")
DIRECTIONS = ("promotes", "inhibits", "positively correlates", "negatively correlates", "associated")
SECTIONS = ("1", "2.1", "2.2", "3", "4", "5", "6", "7", "8")
FIGURES = ("1", "2")
#: quantity name -> (XSD datatype local name, python type); from the schema (:mod:`ctckg.schema`)
QUANTITIES: dict[str, tuple[str, type]] = {q.name: (q.datatype, q.python_type) for q in QUANTITY_TABLE}
#: The finding index's role keys and a finding's fields, in YAML order (from the schema).
ROLE_KEYS = tuple(slot.key for slot in ROLE_SLOTS)
FINDING_KEYS = tuple(slot.key for slot in FINDING_SLOTS)
TERM_KEYS = ("id", "label", "kind", "parents", "definition", "definition_source", "synonyms", "xrefs", "targets",
             "comment", "deprecated", "replaced_by")
PROPERTY_KEYS = ("id", "label", "type", "parents", "domain", "range", "definition")
REFERENCE_KEYS = ("number", "authors", "et_al", "title", "journal", "year", "volume", "issue", "pages", "doi", "pmid",
                  "pmcid", "identifier_source", "note")
REVIEW_KEYS = REFERENCE_KEYS[1:]
HEADER_KEYS = ("title", "description", "version", "license", "creators", "contributors", "comment")
LOCATOR_KEYS = tuple(slot.key for slot in LOCATOR_SLOTS)

#: Where a finding comes from; the ECO code of the finding follows from it (docs/CURATION.md, "Provenance").
PROVENANCE_KINDS = ("cited sentence", "uncited sentence", "reference title", "figure or table", "curator inference")
#: provenance kind -> (ECO code with references, ECO code without references)
PROVENANCE_EVIDENCE: dict[str, tuple[str, str]] = {
    "cited sentence": ("ECO:0000304", "ECO:0000304"),
    "uncited sentence": ("ECO:0000303", "ECO:0000303"),
    "reference title": ("ECO:0000302", "ECO:0000302"),
    "figure or table": ("ECO:0000304", "ECO:0000303"),
    "curator inference": ("ECO:0000305", "ECO:0000305"),
}
#: Kinds whose ``references`` are the review's own citations (cito:citesAsEvidence); the others take none.
CITING_KINDS = ("cited sentence", "reference title", "figure or table")


@dataclass(frozen=True)
class Relation:
    """A statement relation of the curation format and the RO property (per sign) it is written as."""

    name: str
    signed: bool
    ro: dict[str, str]
    biolink: dict[str, str]
    definition: str


_UNSIGNED = ""
#: The statement relations, declared once: curation name, whether a sign is required, RO property per sign,
#: Biolink predicate per sign.
RELATIONS: dict[str, Relation] = {r.name: r for r in (
    Relation("affects", True,
             {"increases": "RO:0002304", "decreases": "RO:0002305", "no effect": "CTCKG:0000049"},
             {"increases": "biolink:affects", "decreases": "biolink:affects", "no effect": "biolink:related_to"},
             "the subject changes the object (directly or through intermediate steps) in the direction of the sign"),
    Relation("directly regulates", True, {"increases": "RO:0002629", "decreases": "RO:0002630"},
             {"increases": "biolink:affects", "decreases": "biolink:affects"},
             "the subject itself regulates the object, with no intermediate step named"),
    Relation("binds", False, {_UNSIGNED: "RO:0002436"}, {_UNSIGNED: "biolink:binds"},
             "two molecules bind each other (put the molecule the review names first as the subject)"),
    Relation("interacts with", False, {_UNSIGNED: "RO:0002434"}, {_UNSIGNED: "biolink:physically_interacts_with"},
             "two cells (or a cell and a structure) contact or interact with each other"),
    Relation("produces", False, {_UNSIGNED: "RO:0003000"}, {_UNSIGNED: "biolink:produces"},
             "a cell or process makes, secretes or releases the object"),
    Relation("expresses", False, {_UNSIGNED: "RO:0002292"}, {_UNSIGNED: "biolink:expresses"},
             "a cell carries or expresses the object molecule"),
    Relation("participates in", False, {_UNSIGNED: "RO:0000056"}, {_UNSIGNED: "biolink:participates_in"},
             "the subject takes part in the object process without a stated direction"),
    Relation("capable of", False, {_UNSIGNED: "RO:0002215"}, {_UNSIGNED: "biolink:capable_of"},
             "the subject (a cell) can carry out the object process"),
    Relation("correlates with", True, {"increases": "RO:0002610", "decreases": "RO:0002610"},
             {"increases": "biolink:positively_correlated_with", "decreases": "biolink:negatively_correlated_with",
              "no effect": "biolink:correlated_with"},
             "the subject and the object vary together (increases: positively; decreases: inversely)"),
)}
SIGNS = ("increases", "decreases", "no effect")
#: What about the object changes (Biolink object_aspect_qualifier values).
ASPECTS = ("activity", "abundance", "expression", "secretion", "release", "methylation", "uptake", "localization",
           "aggregation", "transport")
#: Statement fields that hold one ``CURIE ! label``, and every statement field in YAML order (from the schema).
STATEMENT_TERM_KEYS = tuple(slot.key for slot in STATEMENT_SLOTS if slot.range == "term" and not slot.multivalued)
STATEMENT_KEYS = tuple(slot.key for slot in STATEMENT_SLOTS)
#: Every statement slot that names classes (single or list).
STATEMENT_TERM_SLOT_KEYS = tuple(slot.key for slot in STATEMENT_SLOTS if slot.range == "term")
#: The 7-digit finding IDs lie in this block (inclusive); a block's findings past its 999th go on with longer numbers
#: (CTCKG:00151000, :data:`ctckg.schema.FINDING_LOCAL_ID`); every other minted class or property lies outside both.
FINDING_ID_RANGE = (10000, 19999)
_FINDING_ID = re.compile(rf"CTCKG:{FINDING_LOCAL_ID}")


def is_finding_id(curie: str) -> bool:
    """Whether ``curie`` is spelled as a finding ID: CTCKG:001S and 3 digits, or 4 and more without a leading zero."""
    return _FINDING_ID.fullmatch(curie) is not None


@dataclass(frozen=True)
class TermRef:
    """A pointer to a class written ``CURIE ! label`` in a source."""

    curie: str
    label: str

    def __str__(self) -> str:
        return f"{self.curie} ! {self.label}" if self.label else self.curie


@dataclass
class Term:
    """A class we mint."""

    id: str
    label: str
    kind: str
    parents: list[TermRef]
    definition: str
    definition_source: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)
    xrefs: list[TermRef] = field(default_factory=list)
    targets: list[TermRef] = field(default_factory=list)
    comment: str = ""
    deprecated: bool = False
    replaced_by: str = ""
    file: str = ""
    line: int = 0


@dataclass
class Property:
    """A property we mint (object, data or annotation)."""

    id: str
    label: str
    type: str
    definition: str
    parents: list[TermRef] = field(default_factory=list)
    range: str = ""
    domain: str = ""
    file: str = ""
    line: int = 0


@dataclass
class Locator:
    """Where in the review a finding is stated."""

    section: str
    paragraph: int | None = None
    table_row: int | None = None
    figure: str | None = None
    sentences: tuple[int, ...] = ()

    def sentence_keys(self) -> list[tuple[str, int, int]]:
        """Keys ``(where, paragraph, sentence)`` of the sentence index (``sentences.tsv``) this locator names."""
        if self.table_row is not None:
            return [("table 1", self.table_row, 1)]
        if self.figure is not None:
            return [(f"figure {self.figure}", 1, n) for n in self.sentences]
        if self.paragraph is None:
            return []
        return [(self.section, self.paragraph, n) for n in self.sentences]


@dataclass
class Statement:
    """One directed statement of a finding: subject -relation-> object, with cells, sign, aspect and context."""

    id: str
    relation: str
    object: TermRef
    subject: TermRef | None = None
    subject_cell: TermRef | None = None
    object_cell: TermRef | None = None
    sign: str = ""
    aspect: str = ""
    locations: list[TermRef] = field(default_factory=list)
    organisms: list[TermRef] = field(default_factory=list)
    comparator: TermRef | None = None
    next: list[str] = field(default_factory=list)
    note: str = ""
    line: int = 0
    #: values of the schema's further term slots (``ctckg.schema.STATEMENT_SLOTS`` without a field here), by key
    extra: dict[str, list[TermRef]] = field(default_factory=dict)

    def refs(self, key: str) -> list[TermRef]:
        """The classes the statement names in term slot ``key`` (a field, or one of ``extra``)."""
        if key in self.extra:
            return self.extra[key]
        value = getattr(self, key, None)
        if isinstance(value, list):
            return value
        return [value] if isinstance(value, TermRef) else []

    @property
    def ro_property(self) -> str:
        """CURIE of the RO (or ctckg) property the statement is written as."""
        return RELATIONS[self.relation].ro[self.sign if RELATIONS[self.relation].signed else ""]


@dataclass
class Finding:
    """One finding of the review."""

    id: str
    label: str
    status: str
    direction: str
    roles: dict[str, list[TermRef]]
    provenance: str
    locator: Locator
    references: list[int]
    description: str
    associated_references: list[int] = field(default_factory=list)
    summarises: list[str] = field(default_factory=list)
    hedge_exception: str = ""
    statements: list[Statement] = field(default_factory=list)
    quantities: list[tuple[str, int | float]] = field(default_factory=list)
    note: str = ""
    file: str = ""
    line: int = 0

    @property
    def evidence(self) -> str:
        """The ECO code, derived from the provenance kind by the one rule of docs/CURATION.md."""
        with_refs, without = PROVENANCE_EVIDENCE.get(self.provenance, ("", ""))
        return with_refs if self.references else without


@dataclass
class Reference:
    """The review (number 0) or one of its numbered references."""

    number: int
    authors: list[str]
    et_al: bool
    title: str
    journal: str
    year: int
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    note: str = ""
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    identifier_source: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class Header:
    """Ontology metadata (``ontology.yaml``)."""

    title: str
    description: str
    version: str
    license: str
    creators: list[str]
    contributors: list[str] = field(default_factory=list)
    comment: str = ""


@dataclass
class Sources:
    """Everything the build needs, validated."""

    header: Header
    properties: list[Property]
    terms: list[Term]
    findings: list[Finding]
    review: Reference
    references: list[Reference]

    def term_index(self) -> dict[str, Term]:
        """Our terms by CURIE."""
        return {term.id: term for term in self.terms}

    def external_curies(self) -> set[str]:
        """Every external CURIE the sources point at (HGNC cross-references excluded)."""
        refs: list[TermRef] = []
        for term in self.terms:
            refs += term.parents + term.targets
        for prop in self.properties:
            refs += prop.parents
        for finding in self.findings:
            refs.append(TermRef(finding.evidence, ""))
            for values in finding.roles.values():
                refs += values
            for statement in finding.statements:
                refs += [ref for key in STATEMENT_TERM_SLOT_KEYS for ref in statement.refs(key)]
                if statement.ro_property.startswith("RO:"):
                    refs.append(TermRef(statement.ro_property, ""))
        return {ref.curie for ref in refs if not ref.curie.startswith("CTCKG:")}
