"""Typed records of the curation sources and the vocabularies of their fields."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "TermRef", "Term", "Property", "Locator", "Finding", "Reference", "Header", "Sources",
    "ROLE_KEYS", "TERM_KINDS", "STATUSES", "DIRECTIONS", "QUANTITIES", "SECTIONS", "FIGURES",
    "FINDING_KEYS", "TERM_KEYS", "PROPERTY_KEYS", "REFERENCE_KEYS", "REVIEW_KEYS", "HEADER_KEYS", "LOCATOR_KEYS",
    "FINDING_ID_RANGE",
]

TERM_KINDS = ("cell", "structure", "molecule", "process", "drug", "intervention", "study design", "finding type")
STATUSES = ("stated", "proposed")
DIRECTIONS = ("promotes", "inhibits", "positively correlates", "negatively correlates", "associated")
SECTIONS = ("1", "2.1", "2.2", "3", "4", "5", "6", "7", "8")
FIGURES = ("1", "2")
#: quantity name -> (XSD datatype local name, python type)
QUANTITIES: dict[str, tuple[str, type]] = {
    "cohort size": ("integer", int), "drugs screened": ("integer", int), "drug hits": ("integer", int),
    "frequency percent": ("decimal", float), "maximum frequency percent": ("decimal", float),
    "year": ("integer", int),
}
ROLE_KEYS = ("ctc_cells", "partner_cells", "affected_cells", "mediators", "markers", "processes", "interventions",
             "intervention_targets", "cancers", "organisms", "study_designs")
FINDING_KEYS = ("id", "label", "status", "direction", *ROLE_KEYS, "evidence", "locator", "references",
                "quantities", "description", "note")
TERM_KEYS = ("id", "label", "kind", "parents", "definition", "definition_source", "synonyms", "xrefs", "targets",
             "comment", "deprecated", "replaced_by")
PROPERTY_KEYS = ("id", "label", "type", "parents", "range", "definition", "yaml_key")
REFERENCE_KEYS = ("number", "authors", "et_al", "title", "journal", "year", "volume", "issue", "pages", "note")
REVIEW_KEYS = ("doi", *REFERENCE_KEYS[1:])
HEADER_KEYS = ("title", "description", "version", "license", "creators", "contributors", "comment")
LOCATOR_KEYS = ("section", "paragraph", "table_row", "figure")
#: Findings take IDs in this block (inclusive); every other minted class or property lies outside it.
FINDING_ID_RANGE = (10000, 19999)


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
    yaml_key: str = ""
    file: str = ""
    line: int = 0


@dataclass
class Locator:
    """Where in the review a finding is stated."""

    section: str
    paragraph: int | None = None
    table_row: int | None = None
    figure: str | None = None


@dataclass
class Finding:
    """One finding of the review."""

    id: str
    label: str
    status: str
    direction: str
    roles: dict[str, list[TermRef]]
    evidence: TermRef
    locator: Locator
    references: list[int]
    description: str
    quantities: list[tuple[str, int | float]] = field(default_factory=list)
    note: str = ""
    file: str = ""
    line: int = 0


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
            refs.append(finding.evidence)
            for values in finding.roles.values():
                refs += values
        return {ref.curie for ref in refs if not ref.curie.startswith("CTCKG:")}
