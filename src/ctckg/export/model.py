"""A read-only view of the release for the exporters: terms, findings and references, read through rdflib.

Everything here comes from the release graph (``ontology/ctckg.ttl``) and its import modules
(``ontology/imports/*_import.owl``); nothing is read from the curation sources. Every collection is sorted, so
everything rendered from a view is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ctckg.namespaces import (
    ANATOMICAL_CONTEXT,
    ASPECT,
    ASSOCIATED_REFERENCE,
    AUTHOR_LIST,
    BIBO,
    CITO,
    COMPARATOR,
    DEFINITION,
    DEFINITION_SOURCE,
    DIRECTION,
    FABIO,
    FIGURE,
    HAS_EVIDENCE,
    HAS_STATEMENT,
    HAS_TARGET,
    HEDGE_EXCEPTION,
    LEADS_TO,
    OBJECT_CELL,
    OBOINOWL,
    ORGANISM_CONTEXT,
    PARAGRAPH,
    PRISM,
    PROPOSED_FINDING,
    PROVENANCE,
    REFERENCE_NUMBER,
    SECTION,
    SENTENCE,
    SIGN,
    STATED_FINDING,
    STATEMENT_OBJECT,
    STATEMENT_RELATION,
    STATEMENT_SUBJECT,
    SUBJECT_CELL,
    SUMMARISES,
    TABLE_ROW,
    TERM_KIND,
    compress,
    expand,
)
from ctckg.project import ONTOLOGY_IRI
from ctckg.release import label_in
from ctckg.schema import QUANTITY_TABLE, ROLE_SLOTS, STATEMENT_SLOTS, web_address

if TYPE_CHECKING:
    from ctckg.release import Release

__all__ = ["ROLES", "ROLE_LABELS", "QUANTITY_PROPERTIES", "KINDS", "Term", "Finding", "Reference", "ReleaseView",
           "CuratedStatement",
           "load_release", "load_view", "obo_purl"]

#: Finding roles: key -> property (from the model schema, :mod:`ctckg.schema`).
ROLES: dict[str, URIRef] = {slot.key: expand(slot.property) for slot in ROLE_SLOTS}
#: Human-readable role names (fallback when the release lacks a property label).
ROLE_LABELS: dict[str, str] = {slot.key: slot.role_name for slot in ROLE_SLOTS}
#: Quantity name -> data property.
QUANTITY_PROPERTIES: dict[str, URIRef] = {q.name: expand(q.property) for q in QUANTITY_TABLE}
#: Kinds of terms, in the order the site lists them, with a plural heading.
KINDS: dict[str, str] = {
    "cell": "Cell types", "structure": "Cell clusters and structures", "molecule": "Molecules",
    "process": "Processes", "drug": "Drugs and interventions", "disease": "Cancer types", "organism": "Organisms",
    "study design": "Study designs", "evidence": "Evidence types", "physical factor": "Physical factors",
    "other": "Other terms",
}

def obo_purl(curie: str) -> str | None:
    """The resolvable web address of an external CURIE (OBO PURL, identifiers.org, UniProt), else ``None``; the
    prefix table of :mod:`ctckg.schema` gives it (:func:`ctckg.schema.web_address`)."""
    return web_address(curie)


def _text(value: object) -> str:
    return " ".join(str(value).split())


@dataclass(frozen=True)
class Term:
    """A class of the release or of an import module that the release points at."""

    curie: str
    label: str
    kind: str
    minted: bool
    definition: str | None = None
    synonyms: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    definition_sources: tuple[str, ...] = ()
    comment: str | None = None
    deprecated: bool = False

    @property
    def gene_records(self) -> tuple[str, ...]:
        """The HGNC gene records among ``xrefs``: the class is a product of these genes (RO:0002204), not the same
        thing as them."""
        return tuple(x for x in self.xrefs if x.startswith("HGNC:"))

    @property
    def iri(self) -> str:
        """The full IRI of the term."""
        return str(obo_purl(self.curie) or self.curie)


@dataclass(frozen=True)
class CuratedStatement:
    """One curated statement of a finding, as the release states it."""

    curie: str
    finding: str
    label: str
    relation: str
    object: str
    subject: str | None = None
    subject_cell: str | None = None
    object_cell: str | None = None
    sign: str | None = None
    aspect: str | None = None
    locations: tuple[str, ...] = ()
    organisms: tuple[str, ...] = ()
    comparator: str | None = None
    next: tuple[str, ...] = ()
    note: str | None = None
    #: the schema's further term slots (no field here): (slot key, property label, CURIEs), in schema order
    extra: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    def slot(self, key: str) -> tuple[str, ...]:
        """The CURIEs of one of the further term slots (empty when the statement has none)."""
        return next((values for name, _, values in self.extra if name == key), ())

    @property
    def cells(self) -> tuple[str, ...]:
        """The subject's and the object's cell, where given."""
        return tuple(c for c in (self.subject_cell, self.object_cell) if c)


#: Term slots of the schema that CuratedStatement has no field for (read into ``extra``).
_EXTRA_STATEMENT_SLOTS = tuple(slot for slot in STATEMENT_SLOTS if slot.range == "term" and slot.property
                               and slot.key not in {f.name for f in fields(CuratedStatement)})


@dataclass(frozen=True)
class Finding:
    """One finding (a claim of the review) with its roles, locator, evidence and references."""

    curie: str
    label: str
    description: str
    status: str
    direction: str
    roles: dict[str, tuple[str, ...]]
    evidence: tuple[str, ...]
    section: str
    paragraph: int | None
    table_row: int | None
    figure: str | None
    references: tuple[int, ...]
    quantities: tuple[tuple[str, str], ...] = ()
    note: str | None = None
    provenance: str = ""
    sentences: tuple[int, ...] = ()
    associated_references: tuple[int, ...] = ()
    summarises: tuple[str, ...] = ()
    statements: tuple[CuratedStatement, ...] = ()
    hedge_exception: str | None = None

    def role(self, key: str) -> tuple[str, ...]:
        """The CURIEs the finding has in role ``key`` (empty when none)."""
        return self.roles.get(key, ())

    @property
    def terms(self) -> tuple[str, ...]:
        """Every class CURIE the finding points at (all roles and evidence), sorted."""
        return tuple(sorted({c for values in self.roles.values() for c in values} | set(self.evidence)))

    @property
    def locator(self) -> str:
        """Where the review states the finding, as a short human text."""
        parts = [f"section {self.section}"]
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if self.sentences:
            parts.append(("sentence " if len(self.sentences) == 1 else "sentences ")
                         + ", ".join(map(str, self.sentences)))
        if self.table_row is not None:
            parts.append(f"Table 1 row {self.table_row}")
        if self.figure is not None:
            parts.append(f"Figure {self.figure}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Reference:
    """The review (number 0) or one of its references."""

    curie: str
    number: int
    label: str
    title: str
    citation: str
    authors: tuple[str, ...]
    year: str
    journal: str
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None

    @property
    def publication_id(self) -> str:
        """The identifier KGX ``publications`` and links use: ``PMID:…``, else ``doi:…``, else our CURIE."""
        if self.pmid:
            return f"PMID:{self.pmid}"
        if self.doi:
            return f"doi:{self.doi}"
        return self.curie

    @property
    def links(self) -> tuple[tuple[str, str], ...]:
        """(text, URL) of the paper's DOI, PubMed and PubMed Central pages, where known."""
        out = []
        if self.doi:
            out.append((f"doi:{self.doi}", f"https://doi.org/{self.doi}"))
        if self.pmid:
            out.append((f"PMID:{self.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"))
        if self.pmcid:
            out.append((self.pmcid, f"https://www.ncbi.nlm.nih.gov/pmc/articles/{self.pmcid}/"))
        return tuple(out)


@dataclass
class ReleaseView:
    """Terms, findings and references of one release, ready to render."""

    graph: Graph
    modules: dict[str, Graph]
    terms: dict[str, Term] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    references: dict[int, Reference] = field(default_factory=dict)
    role_labels: dict[str, str] = field(default_factory=dict)
    lineage: dict[str, frozenset[str]] = field(default_factory=dict)
    #: every term and each of its named ancestors -> (label or None, direct named parents), for hierarchy trees
    classes: dict[str, tuple[str | None, tuple[str, ...]]] = field(default_factory=dict)
    title: str = "ctckg"
    version: str = ""
    license: str = ""
    description: str = ""

    @cached_property
    def findings_by_term(self) -> dict[str, list[tuple[str, Finding]]]:
        """CURIE -> (role key or 'evidence', finding) pairs, in finding order."""
        index: dict[str, list[tuple[str, Finding]]] = {}
        for finding in self.findings:
            for key, values in finding.roles.items():
                for curie in values:
                    index.setdefault(curie, []).append((key, finding))
            for curie in finding.evidence:
                index.setdefault(curie, []).append(("evidence", finding))
        return index

    @cached_property
    def findings_by_reference(self) -> dict[int, list[Finding]]:
        """Reference number -> findings citing it as evidence."""
        index: dict[int, list[Finding]] = {}
        for finding in self.findings:
            for number in finding.references:
                index.setdefault(number, []).append(finding)
        return index

    def label(self, curie: str) -> str:
        """The label of a term (the CURIE itself when the release has none)."""
        term = self.terms.get(curie)
        return term.label if term else curie

    def kind(self, curie: str) -> str:
        """The kind of a term ('other' when unknown)."""
        term = self.terms.get(curie)
        return term.kind if term else "other"


def load_release(release: Release | None = None) -> tuple[Graph, dict[str, Graph]]:
    """The release graph and its import modules (name -> graph, as the catalog lists them), of ``release``
    (default: :meth:`ctckg.release.Release.open`)."""
    from ctckg.release import Release

    release = release or Release.open()
    return release.own, release.modules


def load_view(graph: Graph | None = None, modules: dict[str, Graph] | None = None, *,
              release: Release | None = None) -> ReleaseView:
    """Build the view from a release graph and its modules (``release``, else the opened release, when not
    given)."""
    if graph is None:
        graph, loaded = load_release(release)
        modules = loaded if modules is None else modules
    return _Reader(graph, modules or {}).view()


class _Reader:
    """Reads one release graph plus modules into a :class:`ReleaseView`."""

    def __init__(self, graph: Graph, modules: dict[str, Graph]) -> None:
        self.graph = graph
        self.modules = modules
        self.merged = Graph()
        for part in [graph, *(modules[name] for name in sorted(modules))]:
            for triple in part:
                self.merged.add(triple)
        self._parents: dict[str, set[str]] = {}
        for child, parent in self.merged.subject_objects(RDFS.subClassOf):
            if isinstance(child, URIRef) and isinstance(parent, URIRef):
                self._parents.setdefault(compress(child), set()).add(compress(parent))

    def ancestors(self, curie: str) -> set[str]:
        """All named superclasses of ``curie`` (not including itself)."""
        seen: set[str] = set()
        todo = list(self._parents.get(curie, ()))
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self._parents.get(current, ()))
        return seen

    def _one(self, subject: URIRef, predicate: URIRef, graph: Graph | None = None) -> str | None:
        if predicate == RDFS.label:  # the one label rule of ctckg.release
            label = label_in(self.merged if graph is None else graph, subject)
            return _text(label) if label is not None else None
        source = self.merged if graph is None else graph
        values = sorted(_text(v) for v in source.objects(subject, predicate) if isinstance(v, Literal))
        return values[0] if values else None

    def _curies(self, subject: URIRef, predicate: URIRef) -> tuple[str, ...]:
        return tuple(sorted(compress(o) for o in self.graph.objects(subject, predicate) if isinstance(o, URIRef)))

    def view(self) -> ReleaseView:
        """Read findings and references, then every term they or the release mention."""
        onto = URIRef(ONTOLOGY_IRI)
        view = ReleaseView(graph=self.graph, modules=self.modules,
                           title=self._one(onto, DCTERMS.title, self.graph) or "ctckg",
                           version=self._one(onto, OWL.versionInfo, self.graph) or "",
                           license=str(next(self.graph.objects(onto, DCTERMS.license), "")),
                           description=self._one(onto, DCTERMS.description, self.graph) or "")
        view.role_labels = {key: self._one(prop, RDFS.label) or ROLE_LABELS[key] for key, prop in ROLES.items()}
        view.findings = sorted((self._finding(s) for s in self._finding_iris()), key=lambda f: f.curie)
        view.references = self._references()
        usage = self._role_usage(view.findings)
        curies = set(usage)
        for subject in self.graph.subjects(RDF.type, OWL.Class):
            if isinstance(subject, URIRef) and compress(subject).startswith("CTCKG:"):
                curies.add(compress(subject))
        view.terms = {curie: self._term(curie) for curie in sorted(curies)}
        view.lineage = {curie: frozenset(self.ancestors(curie)) for curie in view.terms}
        every = set(view.terms).union(*view.lineage.values())
        view.classes = {curie: (self._one(self._iri(curie), RDFS.label),
                                tuple(sorted(self._parents.get(curie, ()))))
                        for curie in sorted(every)}
        return view

    @staticmethod
    def _iri(curie: str) -> URIRef:
        try:
            return expand(curie)
        except ValueError:
            return URIRef(curie)

    def _finding_iris(self) -> set[URIRef]:
        return {s for cls in (STATED_FINDING, PROPOSED_FINDING) for s in self.graph.subjects(RDF.type, cls)
                if isinstance(s, URIRef)}

    def _finding(self, iri: URIRef) -> Finding:
        graph = self.graph
        roles = {key: values for key, prop in ROLES.items() if (values := self._curies(iri, prop))}
        references = sorted(int(str(n)) for ref in graph.objects(iri, CITO.citesAsEvidence)
                            for n in graph.objects(ref, REFERENCE_NUMBER))
        quantities = tuple(sorted((name, str(value)) for name, prop in QUANTITY_PROPERTIES.items()
                                  for value in graph.objects(iri, prop)))

        def integer(prop: URIRef) -> int | None:
            value = next(graph.objects(iri, prop), None)
            return int(str(value)) if value is not None else None

        associated = sorted(int(str(n)) for ref in graph.objects(iri, ASSOCIATED_REFERENCE)
                            for n in graph.objects(ref, REFERENCE_NUMBER))
        statement_iris = sorted((s for s in graph.objects(iri, HAS_STATEMENT) if isinstance(s, URIRef)),
                                key=lambda s: (len(str(s)), str(s)))

        return Finding(
            curie=compress(iri), label=self._one(iri, RDFS.label, graph) or compress(iri),
            description=self._one(iri, DCTERMS.description, graph) or "",
            status="proposed" if (iri, RDF.type, PROPOSED_FINDING) in graph else "stated",
            direction=self._one(iri, DIRECTION, graph) or "associated", roles=roles,
            evidence=self._curies(iri, HAS_EVIDENCE), section=self._one(iri, SECTION, graph) or "",
            paragraph=integer(PARAGRAPH), table_row=integer(TABLE_ROW), figure=self._one(iri, FIGURE, graph),
            references=tuple(references), quantities=quantities, note=self._one(iri, SKOS.editorialNote, graph),
            provenance=self._one(iri, PROVENANCE, graph) or "",
            sentences=tuple(sorted(int(str(v)) for v in graph.objects(iri, SENTENCE))),
            associated_references=tuple(associated), summarises=self._curies(iri, SUMMARISES),
            statements=tuple(self._statement(s, compress(iri)) for s in statement_iris),
            hedge_exception=self._one(iri, HEDGE_EXCEPTION, graph))

    def _statement(self, iri: URIRef, finding: str) -> CuratedStatement:
        graph = self.graph

        def one(prop: URIRef) -> str | None:
            values = self._curies(iri, prop)
            return values[0] if values else None

        return CuratedStatement(
            curie=compress(iri), finding=finding, label=self._one(iri, RDFS.label, graph) or compress(iri),
            relation=one(STATEMENT_RELATION) or "", object=one(STATEMENT_OBJECT) or "",
            subject=one(STATEMENT_SUBJECT), subject_cell=one(SUBJECT_CELL), object_cell=one(OBJECT_CELL),
            sign=self._one(iri, SIGN, graph), aspect=self._one(iri, ASPECT, graph),
            locations=self._curies(iri, ANATOMICAL_CONTEXT), organisms=self._curies(iri, ORGANISM_CONTEXT),
            comparator=one(COMPARATOR), next=self._curies(iri, LEADS_TO),
            note=self._one(iri, SKOS.editorialNote, graph),
            extra=tuple((slot.key, slot.label, values) for slot in _EXTRA_STATEMENT_SLOTS
                        if (values := self._curies(iri, expand(slot.property)))))

    def _references(self) -> dict[int, Reference]:
        refs: dict[int, Reference] = {}
        articles = (s for s in self.graph.subjects(RDF.type, BIBO.AcademicArticle) if isinstance(s, URIRef))
        for iri in sorted(articles, key=str):
            number_literal = next(self.graph.objects(iri, REFERENCE_NUMBER), None)
            number = int(str(number_literal)) if number_literal is not None else 0
            refs[number] = Reference(
                curie=compress(iri), number=number, label=self._one(iri, RDFS.label) or compress(iri),
                title=self._one(iri, DCTERMS.title) or "", citation=self._one(iri, DCTERMS.bibliographicCitation) or "",
                authors=self._authors(iri),
                year=self._one(iri, DCTERMS.issued) or "", journal=self._one(iri, PRISM.publicationName) or "",
                doi=self._one(iri, BIBO.doi), pmid=self._one(iri, FABIO.hasPubMedId),
                pmcid=self._one(iri, FABIO.hasPubMedCentralId))
        return dict(sorted(refs.items()))

    def _authors(self, iri: URIRef) -> tuple[str, ...]:
        """Authors in the order the paper gives them (the author list), ending with 'et al.' where cut."""
        ordered = self._one(iri, AUTHOR_LIST)
        if ordered:
            return tuple(part.strip() for part in ordered.split(";") if part.strip())
        return tuple(sorted(_text(a) for a in self.graph.objects(iri, DCTERMS.creator)))

    @staticmethod
    def _role_usage(findings: list[Finding]) -> dict[str, set[str]]:
        usage: dict[str, set[str]] = {}
        for finding in findings:
            for key, values in finding.roles.items():
                for curie in values:
                    usage.setdefault(curie, set()).add(key)
            for curie in finding.evidence:
                usage.setdefault(curie, set()).add("evidence")
            for st in finding.statements:
                for key, named in (("statement subject", st.subject), ("statement object", st.object),
                                   ("subject cell", st.subject_cell), ("object cell", st.object_cell),
                                   ("comparator", st.comparator)):
                    if named:
                        usage.setdefault(named, set()).add(key)
                for curie in st.locations:
                    usage.setdefault(curie, set()).add("anatomical context")
                for curie in st.organisms:
                    usage.setdefault(curie, set()).add("organisms")
                for _, label, curies in st.extra:
                    for curie in curies:
                        usage.setdefault(curie, set()).add(label)
        return usage

    def _kind(self, curie: str) -> str:
        """The kind the release gives the class (``CTCKG:0000052``, written once by the build), else 'other'."""
        return self._one(self._iri(curie), TERM_KIND, self.graph) or "other"

    def _term(self, curie: str) -> Term:
        iri = URIRef(obo_purl(curie) or curie)
        minted = curie.startswith("CTCKG:")
        source = self.graph if minted else self.merged
        targets = self._curies(iri, HAS_TARGET)
        synonyms = sorted({_text(s) for p in (OBOINOWL.hasExactSynonym, OBOINOWL.hasRelatedSynonym)
                           for s in source.objects(iri, p)})
        return Term(
            curie=curie, label=self._one(iri, RDFS.label) or curie, kind=self._kind(curie),
            minted=minted, definition=self._one(iri, DEFINITION) or self._one(iri, SKOS.definition),
            synonyms=tuple(synonyms),
            parents=tuple(sorted(compress(p) for p in self.merged.objects(iri, RDFS.subClassOf)
                                 if isinstance(p, URIRef))),
            # exact matches (UniProtKB) and the HGNC gene records, which are cross-references ("gene product of")
            xrefs=tuple(sorted({compress(str(x)) for x in self.merged.objects(iri, SKOS.exactMatch)} |
                               {str(x) for x in self.merged.objects(iri, OBOINOWL.hasDbXref)
                                if str(x).startswith("HGNC:")})),
            targets=targets, definition_sources=self._curies(iri, DEFINITION_SOURCE),
            comment=self._one(iri, RDFS.comment),
            deprecated=bool(self._one(iri, OWL.deprecated) in {"true", "True", "1"}))
