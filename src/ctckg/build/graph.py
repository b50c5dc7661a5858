"""Turn validated curation sources into the release graph (without the imported modules)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from ctckg.build.imports import UPPER_USES
from ctckg.curation.kinds import term_kinds, term_usage
from ctckg.curation.records import QUANTITIES, Finding, Reference, Sources, Statement, Term, TermRef
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
    IDENTIFIER_SOURCE,
    JOURNAL_ARTICLE,
    LEADS_TO,
    MECHANISM_STATEMENT,
    OBJECT_CELL,
    OBJECT_INSTANCE,
    OBO,
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
    SUBJECT_INSTANCE,
    SUMMARISES,
    TABLE_ROW,
    TERM_KIND,
    bind_prefixes,
    expand,
    version_iri,
)
from ctckg.project import BASE_IRI, IMPORT_IRI_TEMPLATE, ONTOLOGY_IRI, REFERENCE_ID_OFFSET
from ctckg.schema import QUANTITY_TABLE, ROLE_SLOTS, STATEMENT_SLOTS

__all__ = ["build_graph", "reference_iri", "REUSED_ANNOTATION_PROPERTIES", "BUILD_USES", "version_iri",
           "DISJOINT_ROOTS", "LOCATED_IN", "OCCURS_IN", "statement_text"]

#: Located in (a molecule or structure in or on a cell) and occurs in (a process in a cell), for statement cells.
LOCATED_IN = "RO:0001025"
OCCURS_IN = "BFO:0000066"
#: Upper classes asserted pairwise disjoint, so that a reasoner rejects an individual typed as two kinds at once
#: (a cell that is also a chemical entity or a process). The import modules carry no disjointness of their own.
DISJOINT_ROOTS = ("CL:0000000", "CHEBI:24431", "GO:0008150")
#: External IDs the build itself writes (so `ctckg imports` includes them).
BUILD_USES = {"IAO:0000115", "IAO:0000119", "IAO:0000013", "IAO:0000030", "RO:0002558", "IAO:0100001", LOCATED_IN,
              OCCURS_IN, *DISJOINT_ROOTS, "ECO:0000302", "ECO:0000303", "ECO:0000304", "ECO:0000305", *UPPER_USES,
              "RO:0002204"}

#: Annotation properties from outside OBO that the release uses, with the label we declare for them.
REUSED_ANNOTATION_PROPERTIES: dict[URIRef, str] = {
    DCTERMS.title: "title", DCTERMS.description: "description", DCTERMS.license: "license",
    DCTERMS.creator: "creator", DCTERMS.contributor: "contributor", DCTERMS.source: "source",
    DCTERMS.bibliographicCitation: "bibliographic citation", DCTERMS.issued: "date issued",
    DCTERMS.isReferencedBy: "is referenced by", BIBO.volume: "volume", BIBO.issue: "issue", BIBO.pages: "pages",
    BIBO.doi: "doi", FABIO.hasPubMedId: "has PubMed identifier",
    FABIO.hasPubMedCentralId: "has PubMed Central identifier", PRISM.publicationName: "publication name",
    SKOS.exactMatch: "has exact match",
    SKOS.editorialNote: "editorial note", SKOS.definition: "definition (SKOS)",
    OBOINOWL.hasExactSynonym: "has_exact_synonym", OBOINOWL.hasRelatedSynonym: "has_related_synonym",
    OBOINOWL.hasDbXref: "database_cross_reference", RDFS.comment: "comment", RDFS.seeAlso: "see also",
    URIRef("https://w3id.org/sssom/predicate_id"): "mapping predicate (SSSOM predicate_id)",
}
#: SSSOM's predicate_id slot, annotating a cross-reference with its mapping predicate.
SSSOM_PREDICATE_ID = URIRef("https://w3id.org/sssom/predicate_id")
#: RO "gene product of": what a minted protein class is of the HGNC gene record it cross-references.
GENE_PRODUCT_OF = "RO:0002204"

_EN = "en"
#: Quantity name -> data property (from the schema).
QUANTITY_PROPERTIES: dict[str, URIRef] = {q.name: expand(q.property) for q in QUANTITY_TABLE}
#: Statement slot -> property (from the schema).
STATEMENT_PROPERTIES: dict[str, URIRef] = {slot.key: expand(slot.property) for slot in STATEMENT_SLOTS
                                           if slot.property}


def reference_iri(number: int) -> URIRef:
    """IRI of reference ``number`` of the review (0 is the review itself)."""
    return expand(f"CTCKG:{REFERENCE_ID_OFFSET + number:07d}")


def _header(graph: Graph, sources: Sources, modules: list[str]) -> None:
    onto = URIRef(ONTOLOGY_IRI)
    header = sources.header
    graph.add((onto, RDF.type, OWL.Ontology))
    graph.add((onto, OWL.versionIRI, version_iri(header.version)))
    graph.add((onto, OWL.versionInfo, Literal(header.version)))
    graph.add((onto, DCTERMS.title, Literal(header.title, lang=_EN)))
    graph.add((onto, DCTERMS.description, Literal(header.description, lang=_EN)))
    graph.add((onto, DCTERMS.license, URIRef(header.license)))
    graph.add((onto, DCTERMS.source, URIRef(f"https://doi.org/{sources.review.doi}")))
    for creator in header.creators:
        graph.add((onto, DCTERMS.creator, Literal(creator)))
    for contributor in header.contributors:
        graph.add((onto, DCTERMS.contributor, Literal(contributor)))
    if header.comment:
        graph.add((onto, RDFS.comment, Literal(header.comment, lang=_EN)))
    for module in modules:
        graph.add((onto, OWL.imports, URIRef(IMPORT_IRI_TEMPLATE.format(name=module))))
    # OBO ID space (issue 13): OBO writers put it in the header ('idspace: CTCKG https://w3id.org/ctckg/CTCKG_'),
    # so OBO readers map CTCKG:nnnnnnn back to our IRIs instead of purl.obolibrary.org/obo/CTCKG_nnnnnnn.
    graph.add((onto, OBOINOWL.idspace, Literal(f'CTCKG {BASE_IRI}CTCKG_ "ctckg"')))
    for prop, label in ((OBOINOWL.idspace, "idspace"), (OBOINOWL.id, "id")):
        graph.add((prop, RDF.type, OWL.AnnotationProperty))
        graph.add((prop, RDFS.label, Literal(label, lang=_EN)))


def _declarations(graph: Graph) -> None:
    for prop, label in REUSED_ANNOTATION_PROPERTIES.items():
        graph.add((prop, RDF.type, OWL.AnnotationProperty))
        graph.add((prop, RDFS.label, Literal(label, lang=_EN)))
    graph.add((CITO.citesAsEvidence, RDF.type, OWL.ObjectProperty))
    graph.add((CITO.citesAsEvidence, RDFS.label, Literal("cites as evidence", lang=_EN)))
    graph.add((BIBO.AcademicArticle, RDF.type, OWL.Class))
    graph.add((BIBO.AcademicArticle, RDFS.label, Literal("academic article", lang=_EN)))
    graph.add((STATED_FINDING, OWL.disjointWith, PROPOSED_FINDING))
    roots = [expand(curie) for curie in DISJOINT_ROOTS]
    for index, first in enumerate(roots):
        for second in roots[index + 1:]:
            graph.add((first, OWL.disjointWith, second))


def _properties(graph: Graph, sources: Sources) -> None:
    kinds = {"object": OWL.ObjectProperty, "data": OWL.DatatypeProperty, "annotation": OWL.AnnotationProperty}
    for prop in sources.properties:
        iri = expand(prop.id)
        graph.add((iri, RDF.type, kinds[prop.type]))
        graph.add((iri, RDFS.label, Literal(prop.label, lang=_EN)))
        graph.add((iri, DEFINITION, Literal(prop.definition, lang=_EN)))
        graph.add((iri, SKOS.definition, Literal(prop.definition, lang=_EN)))
        for parent in prop.parents:
            graph.add((iri, RDFS.subPropertyOf, expand(parent.curie)))
        if prop.range:
            graph.add((iri, RDFS.range, expand(prop.range)))
        if prop.domain:
            graph.add((iri, RDFS.domain, expand(prop.domain)))


def _definition_source(source: str) -> URIRef:
    return reference_iri(0 if source == "review" else int(source.split()[1]))


def _obo_annotations(graph: Graph, iri: URIRef, term: Term) -> None:
    """OBO conventions (issue 13): the CURIE as ``oboInOwl:id`` (pronto and OAK read IDs from it) and the definition's
    sources as ``oboInOwl:hasDbXref`` on the definition axiom (OBO writers turn them into ``def: "…" [CTCKG:…]``).
    The axiom's blank node is named after the term, so serialisations stay byte-identical."""
    graph.add((iri, OBOINOWL.id, Literal(term.id)))
    if not term.definition_source or term.deprecated:  # QC: nothing may refer to a deprecated class
        return
    axiom = BNode(f"definition_{term.id.replace(':', '_')}")
    graph.add((axiom, RDF.type, OWL.Axiom))
    graph.add((axiom, OWL.annotatedSource, iri))
    graph.add((axiom, OWL.annotatedProperty, DEFINITION))
    graph.add((axiom, OWL.annotatedTarget, Literal(term.definition, lang=_EN)))
    for source in term.definition_source:
        number = 0 if source == "review" else int(source.split()[1])
        graph.add((axiom, OBOINOWL.hasDbXref, Literal(f"CTCKG:{REFERENCE_ID_OFFSET + number:07d}")))


def _term(graph: Graph, term: Term, uniprot: dict[str, str]) -> None:
    iri = expand(term.id)
    graph.add((iri, RDF.type, OWL.Class))
    _obo_annotations(graph, iri, term)
    graph.add((iri, RDFS.label, Literal(term.label, lang=_EN)))
    graph.add((iri, DEFINITION, Literal(term.definition, lang=_EN)))
    graph.add((iri, SKOS.definition, Literal(term.definition, lang=_EN)))  # shown by tools that ignore IAO
    graph.add((iri, TERM_KIND, Literal(term.kind)))
    for source in term.definition_source:
        graph.add((iri, DEFINITION_SOURCE, _definition_source(source)))
    for parent in term.parents:
        graph.add((iri, RDFS.subClassOf, expand(parent.curie)))
    for synonym in term.synonyms:
        graph.add((iri, OBOINOWL.hasExactSynonym, Literal(synonym, lang=_EN)))
    for xref in term.xrefs:
        graph.add((iri, OBOINOWL.hasDbXref, Literal(xref.curie)))
        if xref.curie.startswith("HGNC:"):
            # an HGNC record is the gene, not the protein: the xref says "gene product of" (RO:0002204), as the
            # SSSOM export does, in an annotation of the xref (no class-level object property assertion: OWL 2 DL)
            axiom = BNode(f"xref_{term.id.replace(':', '_')}_{xref.curie.replace(':', '_')}")
            graph.add((axiom, RDF.type, OWL.Axiom))
            graph.add((axiom, OWL.annotatedSource, iri))
            graph.add((axiom, OWL.annotatedProperty, OBOINOWL.hasDbXref))
            graph.add((axiom, OWL.annotatedTarget, Literal(xref.curie)))
            graph.add((axiom, SSSOM_PREDICATE_ID, expand(GENE_PRODUCT_OF)))
        else:
            graph.add((iri, SKOS.exactMatch, expand(xref.curie)))
        accession = uniprot.get(xref.curie)
        if accession:
            graph.add((iri, OBOINOWL.hasDbXref, Literal(f"UniProtKB:{accession}")))
            graph.add((iri, SKOS.exactMatch, expand(f"UniProtKB:{accession}")))
    for target in term.targets:
        graph.add((iri, HAS_TARGET, expand(target.curie)))
    if term.comment:
        graph.add((iri, RDFS.comment, Literal(term.comment, lang=_EN)))
    if term.deprecated:
        graph.add((iri, OWL.deprecated, Literal(True)))
        if term.replaced_by:
            graph.add((iri, OBO.IAO_0100001, expand(term.replaced_by)))


def _finding(graph: Graph, finding: Finding, role_properties: dict[str, URIRef], kinds: dict[str, str]) -> None:
    iri = expand(finding.id)
    graph.add((iri, RDF.type, OWL.NamedIndividual))
    graph.add((iri, RDF.type, STATED_FINDING if finding.status == "stated" else PROPOSED_FINDING))
    graph.add((iri, RDFS.label, Literal(finding.label, lang=_EN)))
    graph.add((iri, DCTERMS.description, Literal(finding.description, lang=_EN)))
    if finding.note:
        graph.add((iri, SKOS.editorialNote, Literal(finding.note, lang=_EN)))
    if finding.hedge_exception:
        graph.add((iri, HEDGE_EXCEPTION, Literal(finding.hedge_exception, lang=_EN)))
    graph.add((iri, DIRECTION, Literal(finding.direction)))
    for key, refs in finding.roles.items():
        for ref in refs:
            graph.add((iri, role_properties[key], expand(ref.curie)))
    graph.add((iri, PROVENANCE, Literal(finding.provenance)))
    graph.add((iri, HAS_EVIDENCE, expand(finding.evidence)))
    locator = finding.locator
    graph.add((iri, SECTION, Literal(locator.section)))
    if locator.paragraph is not None:
        graph.add((iri, PARAGRAPH, Literal(locator.paragraph)))
    for number in locator.sentences:
        graph.add((iri, SENTENCE, Literal(number)))
    if locator.table_row is not None:
        graph.add((iri, TABLE_ROW, Literal(locator.table_row)))
    if locator.figure is not None:
        graph.add((iri, FIGURE, Literal(locator.figure)))
    graph.add((iri, DCTERMS.source, reference_iri(0)))
    for number in finding.references:
        graph.add((iri, CITO.citesAsEvidence, reference_iri(number)))
    for number in finding.associated_references:
        graph.add((iri, ASSOCIATED_REFERENCE, reference_iri(number)))
    for target in finding.summarises:
        graph.add((iri, SUMMARISES, expand(target)))
    for name, value in finding.quantities:
        datatype = QUANTITIES[name][0]
        lexical = str(float(value)) if datatype == "decimal" else str(value)
        graph.add((iri, QUANTITY_PROPERTIES[name], Literal(lexical, datatype=XSD[datatype])))
    for statement in finding.statements:
        graph.add((iri, HAS_STATEMENT, expand(statement.id)))
        _statement(graph, statement, kinds)


_PHRASES = {("affects", "increases"): "increases", ("affects", "decreases"): "decreases",
            ("affects", "no effect"): "has no effect on", ("directly regulates", "increases"): "directly increases",
            ("directly regulates", "decreases"): "directly decreases", ("correlates with", "increases"):
            "correlates positively with", ("correlates with", "decreases"): "correlates inversely with",
            ("capable of", ""): "is capable of"}


def statement_text(statement: Statement) -> str:
    """The statement as a readable sentence: 'ATP (platelet) binds P2Y2 receptor (circulating tumor cell)'."""
    def part(ref: TermRef | None, cell: TermRef | None) -> str:
        if ref is None:
            return "(no agent named)"
        return f"{ref.label} ({cell.label})" if cell is not None else ref.label
    verb = _PHRASES.get((statement.relation, statement.sign), statement.relation)
    aspect = f"{statement.aspect} of " if statement.aspect else ""
    subject = part(statement.subject, statement.subject_cell)
    return f"{subject} {verb} {aspect}{part(statement.object, statement.object_cell)}"


def _instance(graph: Graph, iri: URIRef, ident: str, cls: TermRef, cell: TermRef | None, kinds: dict[str, str],
              suffix: str) -> URIRef:
    """A typed individual for a statement's subject or object, placed in (or occurring in) its cell."""
    role = "subject" if suffix == "s" else "object"
    node = URIRef(f"{iri}-{suffix}")
    graph.add((node, RDF.type, OWL.NamedIndividual))
    graph.add((node, RDF.type, expand(cls.curie)))
    graph.add((node, RDFS.label, Literal(f"{cls.label} ({role} of {ident})", lang=_EN)))
    if cell is not None:
        cell_node = URIRef(f"{iri}-{suffix}c")
        graph.add((cell_node, RDF.type, OWL.NamedIndividual))
        graph.add((cell_node, RDF.type, expand(cell.curie)))
        graph.add((cell_node, RDFS.label, Literal(f"{cell.label} (cell of the {role} of {ident})", lang=_EN)))
        relation = OCCURS_IN if kinds.get(cls.curie) == "process" else LOCATED_IN
        graph.add((node, expand(relation), cell_node))
    return node


def _statement(graph: Graph, statement: Statement, kinds: dict[str, str]) -> None:
    """A statement as an individual with its annotations, and its subject and object as related typed individuals."""
    iri = expand(statement.id)
    graph.add((iri, RDF.type, OWL.NamedIndividual))
    graph.add((iri, RDF.type, MECHANISM_STATEMENT))
    graph.add((iri, RDFS.label, Literal(statement_text(statement), lang=_EN)))
    relation = expand(statement.ro_property)
    graph.add((iri, STATEMENT_RELATION, relation))
    graph.add((iri, STATEMENT_OBJECT, expand(statement.object.curie)))
    if statement.object_cell is not None:
        graph.add((iri, OBJECT_CELL, expand(statement.object_cell.curie)))
    if statement.sign:
        graph.add((iri, SIGN, Literal(statement.sign)))
    if statement.aspect:
        graph.add((iri, ASPECT, Literal(statement.aspect)))
    for location in statement.locations:
        graph.add((iri, ANATOMICAL_CONTEXT, expand(location.curie)))
    for organism in statement.organisms:
        graph.add((iri, ORGANISM_CONTEXT, expand(organism.curie)))
    if statement.comparator is not None:
        graph.add((iri, COMPARATOR, expand(statement.comparator.curie)))
    for target in statement.next:
        graph.add((iri, LEADS_TO, expand(target)))
    for key, refs in sorted(statement.extra.items()):  # the schema's further term slots
        for ref in refs:
            graph.add((iri, STATEMENT_PROPERTIES[key], expand(ref.curie)))
    if statement.note:
        graph.add((iri, SKOS.editorialNote, Literal(statement.note, lang=_EN)))
    obj = _instance(graph, iri, statement.id, statement.object, statement.object_cell, kinds, "o")
    graph.add((iri, OBJECT_INSTANCE, obj))
    if statement.subject is None:
        return
    graph.add((iri, STATEMENT_SUBJECT, expand(statement.subject.curie)))
    if statement.subject_cell is not None:
        graph.add((iri, SUBJECT_CELL, expand(statement.subject_cell.curie)))
    subject = _instance(graph, iri, statement.id, statement.subject, statement.subject_cell, kinds, "s")
    graph.add((iri, SUBJECT_INSTANCE, subject))
    graph.add((subject, relation, obj))


def citation_text(ref: Reference) -> str:
    """The reference formatted as the review lists it (authors; title; journal year, volume, pages)."""
    authors = "; ".join(ref.authors) + ("; et al." if ref.et_al else "")
    parts = [f"{authors} {ref.title}.", f"{ref.journal} {ref.year}"]
    if ref.volume:
        parts[-1] += f", {ref.volume}"
    if ref.issue:
        parts[-1] += f"({ref.issue})"
    if ref.pages:
        parts[-1] += f", {ref.pages}"
    return " ".join(parts) + "."


def _reference(graph: Graph, ref: Reference, review_iri: URIRef) -> None:
    iri = reference_iri(ref.number)
    first = ref.authors[0].split(",")[0]
    suffix = " et al." if len(ref.authors) > 1 or ref.et_al else ""
    label = f"{first}{suffix} {ref.year}, {ref.journal}"
    graph.add((iri, RDF.type, OWL.NamedIndividual))
    graph.add((iri, RDF.type, JOURNAL_ARTICLE))
    graph.add((iri, RDF.type, BIBO.AcademicArticle))
    graph.add((iri, RDFS.label, Literal(label if ref.number else f"{label} (source review)", lang=_EN)))
    graph.add((iri, DCTERMS.title, Literal(ref.title)))
    for author in ref.authors:
        graph.add((iri, DCTERMS.creator, Literal(author)))
    graph.add((iri, AUTHOR_LIST, Literal("; ".join(ref.authors) + ("; et al." if ref.et_al else ""))))
    graph.add((iri, DCTERMS.bibliographicCitation, Literal(citation_text(ref))))
    graph.add((iri, PRISM.publicationName, Literal(ref.journal)))
    graph.add((iri, DCTERMS.issued, Literal(ref.year)))
    if ref.volume:
        graph.add((iri, BIBO.volume, Literal(ref.volume)))
    if ref.issue:
        graph.add((iri, BIBO.issue, Literal(ref.issue)))
    if ref.pages:
        graph.add((iri, BIBO.pages, Literal(ref.pages)))
    if ref.note:
        graph.add((iri, SKOS.editorialNote, Literal(ref.note, lang=_EN)))
    if ref.number:
        graph.add((iri, REFERENCE_NUMBER, Literal(ref.number)))
        graph.add((iri, DCTERMS.isReferencedBy, review_iri))
    if ref.doi:
        graph.add((iri, BIBO.doi, Literal(ref.doi)))
        graph.add((iri, RDFS.seeAlso, URIRef(f"https://doi.org/{ref.doi}")))
    if ref.pmid:
        graph.add((iri, FABIO.hasPubMedId, Literal(ref.pmid)))
        graph.add((iri, RDFS.seeAlso, URIRef(f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/")))
    if ref.pmcid:
        graph.add((iri, FABIO.hasPubMedCentralId, Literal(ref.pmcid)))
    for source in ref.identifier_source:
        graph.add((iri, IDENTIFIER_SOURCE, Literal(source, datatype=XSD.anyURI)))


def build_graph(sources: Sources, uniprot: dict[str, str], modules: list[str],
                kinds: dict[str, str] | None = None) -> Graph:
    """The release graph: header, declarations, our properties and classes, findings and references.

    ``uniprot`` maps HGNC CURIEs to UniProt accessions (from the pinned HGNC table); ``modules`` names the import
    modules to declare with ``owl:imports``; ``kinds`` gives the kind of every class the findings name
    (:func:`ctckg.curation.kinds.term_kinds`; without it, the rule runs without superclasses). Each is written as
    ``CTCKG:0000052`` (term kind), and it decides whether a statement's subject or object is located in its cell or
    occurs in it.
    """
    ours = {term.id: term.kind for term in sources.terms}
    kinds = kinds if kinds is not None else term_kinds(ours, {}, term_usage(sources))
    graph = bind_prefixes(Graph())
    _header(graph, sources, modules)
    _declarations(graph)
    _properties(graph, sources)
    role_properties = {slot.key: expand(slot.property) for slot in ROLE_SLOTS}
    for term in sources.terms:
        _term(graph, term, uniprot)
    # the kind of each external class the findings name, written once (ours carry their curated kind)
    for curie in sorted(set(kinds) - set(ours)):
        graph.add((expand(curie), TERM_KIND, Literal(kinds[curie])))
    for finding in sources.findings:
        _finding(graph, finding, role_properties, kinds)
    review_iri = reference_iri(0)
    _reference(graph, sources.review, review_iri)
    for ref in sources.references:
        _reference(graph, ref, review_iri)
    return graph
