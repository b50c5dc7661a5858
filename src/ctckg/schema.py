"""The model schema: one table of what a finding and a statement hold, how each slot is written in the curation YAML,
which property carries it in RDF, and what the exports call it; and the one prefix table of the project.

Everything that used to be kept in sync by hand is derived from here: the loader's allowed keys and its messages
(:mod:`ctckg.curation.records`, :mod:`ctckg.curation.load`), the check of ``ontology/curation/properties.yaml``
against the schema, the RDF mapping of the finding index and the quantities (:mod:`ctckg.build.graph`), the
exporters' role and quantity tables (:mod:`ctckg.export.model`), the JSON-LD term names
(:mod:`ctckg.export.jsonld`), the KGX finding-context columns (:mod:`ctckg.export.kgx`), and every prefix list
(:mod:`ctckg.namespaces`, the pinned vocabulary tables, the import modules, the loader's ID patterns, the web
addresses of the site). ``linkml_schema()`` renders the same table as a LinkML schema for interoperability
(``docs/ctckg.linkml.yaml``); the project itself does not read LinkML (docs/MODEL.md, "Schema").

This module is plain data and has no dependency beyond the standard library, so every other module can import it.

Adding a role to the finding index: add a :class:`Slot` to ``ROLE_SLOTS`` below, declare its property in
``ontology/curation/properties.yaml`` (same CURIE and label; the loader checks both) and use the key in a finding.
"""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass

__all__ = [
    "BASE_IRI", "ONTOLOGY_IRI", "FULL_ONTOLOGY_IRI", "IMPORT_IRI_BASE", "IMPORT_IRI_TEMPLATE", "VERSION_IRI_TEMPLATE",
    "FINDING_LOCAL_ID", "MINTED_LOCAL_ID", "finding_id",
    "Prefix", "PREFIX_TABLE", "PREFIXES", "PREFIX_BY_NAME", "LOCAL_ID_PATTERNS", "VOCAB_TABLES", "IMPORT_PREFIXES",
    "OBO_PREFIXES", "web_address", "Slot", "Quantity", "ROLE_SLOTS", "FINDING_SLOTS", "LOCATOR_SLOTS",
    "STATEMENT_SLOTS", "QUANTITY_TABLE", "SCHEMA_PROPERTIES", "camel_case", "linkml_schema",
]

# --- IRIs of the release ----------------------------------------------------------------------------------------

#: The base of every IRI ctckg mints.
BASE_IRI = "https://w3id.org/ctckg/"
ONTOLOGY_IRI = f"{BASE_IRI}ctckg.owl"
FULL_ONTOLOGY_IRI = f"{BASE_IRI}ctckg-full.owl"
#: Import modules live under this base (``…/imports/cl_import.owl``).
IMPORT_IRI_BASE = f"{BASE_IRI}imports/"
IMPORT_IRI_TEMPLATE = IMPORT_IRI_BASE + "{name}_import.owl"
#: The dated version IRI of a release file (``ctckg.owl`` or ``ctckg-full.owl``); the only spelling of it.
VERSION_IRI_TEMPLATE = BASE_IRI + "releases/{version}/{file}"

# --- prefixes ---------------------------------------------------------------------------------------------------

_OBO = "http://purl.obolibrary.org/obo/"
_SEVEN = r"[0-9]{7}"
_NUMBER = r"[0-9]+"

#: The local part of a finding ID (docs/CURATION.md, identifier blocks): ``001``, the block digit S (0 Table 1 rows,
#: 1-8 review sections 1-8, 9 figure captions) and the finding's number in its block, three digits up to 999
#: (``0015028``) and from 1000 on as many as it takes, without leading zeros (``00151000``). No cap on the findings
#: of a block, every 7-digit ID keeps its meaning, and each (block, number) has exactly one spelling.
FINDING_LOCAL_ID = r"001[0-9](?:[0-9]{3}|[1-9][0-9]{3,})"
#: The local part of any ID ctckg mints: exactly 7 digits, or a finding's number past 999 (only findings go longer).
MINTED_LOCAL_ID = r"(?:[0-9]{7}|001[0-9][1-9][0-9]{3,})"


def finding_id(block: int, number: int) -> str:
    """The ID of finding ``number`` (0, 1, …) of block ``block`` (0-9): ``finding_id(5, 28) == 'CTCKG:0015028'``,
    ``finding_id(5, 1000) == 'CTCKG:00151000'``."""
    if not 0 <= block <= 9 or number < 0:
        raise ValueError(f"no finding ID for block {block}, number {number}")
    return f"CTCKG:001{block}{number:03d}"


@dataclass(frozen=True)
class Prefix:
    """One prefix of the project.

    ``iri`` is the expansion the release uses (``uri_prefix`` of ``ontology/prefixes.json``; bioregistry's where it
    differs is in ``iri_synonyms``). ``local_id`` is the pattern of the local part that a curated ``CURIE ! label``
    may use (empty: the prefix is not written in the curation files); ``vocab_table`` is the pinned table its IDs
    are checked against; ``imported`` says whether the release gets an import module of it; ``web`` is the base of
    the page a person follows (defaults to ``iri``).
    """

    prefix: str
    iri: str
    local_id: str = ""
    vocab_table: str = ""
    imported: bool = False
    web: str = ""
    iri_synonyms: tuple[str, ...] = ()
    prefix_synonyms: tuple[str, ...] = ()
    #: only in ``CURIE ! label`` cross-references of our terms (``xrefs``), never as a class of a finding
    xref_only: bool = False


def _obo(prefix: str, local_id: str) -> Prefix:
    return Prefix(prefix, f"{_OBO}{prefix}_", local_id, f"{prefix}.tsv", imported=True)


#: The one prefix table. Order: ours, the OBO vocabularies, the other identifier spaces, the RDF vocabularies.
PREFIX_TABLE: tuple[Prefix, ...] = (
    Prefix("CTCKG", f"{BASE_IRI}CTCKG_", _SEVEN, iri_synonyms=("http://w3id.org/ctckg/CTCKG_",),
           prefix_synonyms=("ctckg",)),
    _obo("BFO", _SEVEN), _obo("CHEBI", _NUMBER), _obo("CL", _SEVEN), _obo("DOID", _NUMBER), _obo("ECO", _SEVEN),
    _obo("GO", _SEVEN), _obo("IAO", _SEVEN), _obo("MONDO", _SEVEN),
    Prefix("NCBITaxon", f"{_OBO}NCBITaxon_", _NUMBER, "NCBITaxon.tsv", imported=True, prefix_synonyms=("taxonomy",)),
    _obo("PR", r"[0-9]{9}|[A-Z][0-9][A-Z0-9]{3}[0-9](-[0-9]+)?"), _obo("RO", _SEVEN), _obo("UBERON", _SEVEN),
    Prefix("HGNC", "http://identifiers.org/hgnc/", _NUMBER, "HGNC.tsv", web="https://identifiers.org/hgnc:",
           xref_only=True,
           iri_synonyms=("https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/", "https://identifiers.org/hgnc:")),
    Prefix("UniProtKB", "http://purl.uniprot.org/uniprot/", web="https://purl.uniprot.org/uniprot/",
           iri_synonyms=("https://purl.uniprot.org/uniprot/", "https://www.uniprot.org/uniprot/"),
           prefix_synonyms=("uniprot",)),
    Prefix("doi", "https://doi.org/", iri_synonyms=("http://dx.doi.org/", "https://dx.doi.org/")),
    Prefix("fabio", "http://purl.org/spar/fabio/"),
    Prefix("bibo", "http://purl.org/ontology/bibo/"),
    Prefix("cito", "http://purl.org/spar/cito/"),
    Prefix("dcterms", "http://purl.org/dc/terms/"),
    Prefix("oboInOwl", "http://www.geneontology.org/formats/oboInOwl#"),
    Prefix("owl", "http://www.w3.org/2002/07/owl#"),
    Prefix("prism", "http://prismstandard.org/namespaces/basic/2.0/"),
    Prefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    Prefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    Prefix("skos", "http://www.w3.org/2004/02/skos/core#"),
    Prefix("sssom", "https://w3id.org/sssom/"),  # predicate_id annotates the HGNC cross-references
    Prefix("xsd", "http://www.w3.org/2001/XMLSchema#"),
)
PREFIX_BY_NAME: dict[str, Prefix] = {p.prefix: p for p in PREFIX_TABLE}
#: prefix -> IRI namespace (the map the release, SPARQL and ``ontology/prefixes.json`` use)
PREFIXES: dict[str, str] = {p.prefix: p.iri for p in PREFIX_TABLE}
#: prefix -> pattern of a local ID a curated ``CURIE ! label`` may use
LOCAL_ID_PATTERNS: dict[str, str] = {p.prefix: p.local_id for p in PREFIX_TABLE if p.local_id}
#: Prefixes whose IDs must resolve in the pinned tables, with the table that holds them.
VOCAB_TABLES: dict[str, str] = {p.prefix: p.vocab_table for p in PREFIX_TABLE if p.vocab_table}
#: Prefixes that get an import module (sorted; HGNC IDs are cross-references only).
IMPORT_PREFIXES: tuple[str, ...] = tuple(sorted(p.prefix for p in PREFIX_TABLE if p.imported))
#: Prefixes expanded under ``http://purl.obolibrary.org/obo/``.
OBO_PREFIXES: tuple[str, ...] = tuple(sorted(p.prefix for p in PREFIX_TABLE if p.iri.startswith(_OBO)))


def web_address(curie: str) -> str | None:
    """The page a person follows for ``curie`` (OBO PURL, identifiers.org, UniProt, w3id), or ``None`` when the
    prefix is not one of ours."""
    prefix, _, local = curie.partition(":")
    record = PREFIX_BY_NAME.get(prefix)
    if record is None or not (record.local_id or record.web):
        return None
    return f"{record.web or record.iri}{local}"


# --- slots ------------------------------------------------------------------------------------------------------

#: Ranges of a slot: ``term`` (a ``CURIE ! label`` of a class), ``text``, ``integer``, ``decimal``, ``enum``
#: (a word of a closed list), ``reference`` (a reference number of the review), ``finding`` / ``statement``
#: (an ID of another finding or statement), ``locator``, ``quantity``, ``statement-record`` (nested records), ``id``.
RANGES = ("term", "text", "integer", "decimal", "enum", "reference", "finding", "statement", "locator", "quantity",
          "statement-record", "id", "relation")


@dataclass(frozen=True)
class Slot:
    """One field of a finding, locator or statement.

    ``key`` is the YAML key; ``property`` the CURIE (or ``prefix:name``) of the property that carries it in the
    release (empty when the slot is structural, e.g. ``id``); ``label`` the property's label; ``range`` one of
    ``RANGES``. ``kgx`` names the KGX edge column that lists a finding-index role for every edge of the finding
    (empty: not a column). ``jsonld`` is the term name of the JSON-LD context (derived from the label when empty).
    ``kind`` is the kind of term a role holds, the last resort of the kind rule (:mod:`ctckg.curation.kinds`) for
    an external class that neither its superclasses nor its prefix place.
    """

    key: str
    property: str
    label: str
    range: str
    multivalued: bool = False
    required: bool = False
    kgx: str = ""
    jsonld: str = ""
    description: str = ""
    kind: str = ""

    @builtins.property  # the field ``property`` shadows the builtin inside the class body
    def json_name(self) -> str:
        """The JSON-LD term name of the slot's property."""
        return self.jsonld or camel_case(self.label)

    @builtins.property  # the field ``property`` shadows the builtin inside the class body
    def role_name(self) -> str:
        """The role as a noun ('has partner cell' -> 'partner cell', 'has cancer type context' -> 'cancer type')."""
        return self.label.removeprefix("has ").removesuffix(" context")


def camel_case(label: str) -> str:
    """``has partner cell`` -> ``hasPartnerCell`` (the JSON-LD term name of a property label)."""
    words = re.findall(r"[A-Za-z0-9]+", label)
    return words[0].lower() + "".join(word[:1].upper() + word[1:] for word in words[1:]) if words else ""


def _role(key: str, curie: str, label: str, kind: str, description: str, kgx: str = "") -> Slot:
    return Slot(key, curie, label, "term", multivalued=True, kgx=kgx, description=description, kind=kind)


#: The finding index: what a finding is about, one annotation property per role (values are classes).
ROLE_SLOTS: tuple[Slot, ...] = (
    _role("ctc_cells", "CTCKG:0000002", "has circulating tumor cell", "cell", "the circulating tumor cell types"),
    _role("partner_cells", "CTCKG:0000003", "has partner cell", "cell",
          "the blood or immune cells that interact with them"),
    _role("affected_cells", "CTCKG:0000004", "has affected cell", "cell", "further cells the interaction acts upon"),
    _role("mediators", "CTCKG:0000005", "has mediator", "molecule",
          "molecules that carry out or enable the interaction"),
    _role("markers", "CTCKG:0000013", "has marker", "molecule",
          "molecules that characterise the cells without mediating"),
    _role("processes", "CTCKG:0000006", "has process", "process", "the process or effect that the interaction changes"),
    _role("interventions", "CTCKG:0000007", "has intervention", "drug", "drugs or other interventions"),
    _role("intervention_targets", "CTCKG:0000008", "has intervention target", "molecule",
          "what the intervention acts on"),
    _role("cancers", "CTCKG:0000009", "has cancer type context", "disease", "the cancer types studied",
          kgx="ctckg_cancer_types"),
    _role("organisms", "CTCKG:0000010", "has organism context", "organism",
          "the organisms the cells or patients came from"),
    _role("study_designs", "CTCKG:0000011", "has study design", "study design",
          "the kind of study behind the evidence"),
)


@dataclass(frozen=True)
class Quantity:
    """A number a finding reports: its name in the YAML, its data property and its XSD datatype."""

    name: str
    property: str
    label: str
    datatype: str

    @builtins.property  # the field ``property`` shadows the builtin inside the class body
    def python_type(self) -> type:
        """``int`` for xsd:integer, ``float`` for xsd:decimal."""
        return int if self.datatype == "integer" else float


QUANTITY_TABLE: tuple[Quantity, ...] = (
    Quantity("cohort size", "CTCKG:0000026", "cohort size", "integer"),
    Quantity("drugs screened", "CTCKG:0000027", "drugs screened", "integer"),
    Quantity("drug hits", "CTCKG:0000028", "drug hits", "integer"),
    Quantity("frequency percent", "CTCKG:0000029", "frequency percent", "decimal"),
    Quantity("maximum frequency percent", "CTCKG:0000030", "maximum frequency percent", "decimal"),
    Quantity("year", "CTCKG:0000031", "year reported", "integer"),
)

#: The fields of a finding, in the order the YAML (and ``ctckg lint``) writes them.
FINDING_SLOTS: tuple[Slot, ...] = (
    Slot("id", "", "identifier", "id", required=True),
    Slot("label", "rdfs:label", "label", "text", required=True),
    Slot("status", "rdf:type", "type", "enum", required=True, description="stated or proposed (the hedging rule)"),
    Slot("direction", "CTCKG:0000020", "direction of effect", "enum", required=True),
    *ROLE_SLOTS,
    Slot("provenance", "CTCKG:0000033", "provenance kind", "enum", required=True),
    Slot("locator", "", "locator", "locator", required=True),
    Slot("references", "cito:citesAsEvidence", "cites as evidence", "reference", multivalued=True),
    Slot("associated_references", "CTCKG:0000034", "has associated reference", "reference", multivalued=True),
    Slot("summarises", "CTCKG:0000035", "summarises", "finding", multivalued=True),
    Slot("hedge_exception", "CTCKG:0000050", "hedging exception", "text"),
    Slot("statements", "CTCKG:0000036", "has statement", "statement-record", multivalued=True),
    Slot("quantities", "", "quantities", "quantity", multivalued=True),
    Slot("description", "dcterms:description", "description", "text", required=True),
    Slot("note", "skos:editorialNote", "editorial note", "text"),
)

#: Where in the review a finding is stated (``locator:``).
LOCATOR_SLOTS: tuple[Slot, ...] = (
    Slot("section", "CTCKG:0000021", "review section", "enum", required=True),
    Slot("paragraph", "CTCKG:0000022", "review paragraph", "integer"),
    Slot("sentence", "CTCKG:0000032", "review sentence", "integer", multivalued=True),
    Slot("table_row", "CTCKG:0000023", "table 1 row", "integer"),
    Slot("figure", "CTCKG:0000024", "review figure", "enum"),
)

#: The fields of a statement, in YAML order. Term slots hold one ``CURIE ! label`` (or a list when multivalued).
STATEMENT_SLOTS: tuple[Slot, ...] = (
    Slot("subject", "CTCKG:0000037", "statement subject", "term"),
    Slot("subject_cell", "CTCKG:0000039", "subject cell", "term"),
    Slot("relation", "CTCKG:0000041", "statement relation", "relation", required=True),
    Slot("sign", "CTCKG:0000042", "effect sign", "enum"),
    Slot("object", "CTCKG:0000038", "statement object", "term", required=True),
    Slot("object_cell", "CTCKG:0000040", "object cell", "term"),
    Slot("aspect", "CTCKG:0000043", "object aspect", "enum"),
    Slot("locations", "CTCKG:0000044", "has anatomical context", "term", multivalued=True),
    Slot("organisms", "CTCKG:0000010", "has organism context", "term", multivalued=True),
    Slot("comparator", "CTCKG:0000045", "has comparator", "term"),
    Slot("next", "CTCKG:0000046", "leads to statement", "statement", multivalued=True),
    Slot("note", "skos:editorialNote", "editorial note", "text"),
)

#: Every CTCKG property the schema names -> its label (``properties.yaml`` must declare each with that label).
SCHEMA_PROPERTIES: dict[str, str] = {
    slot.property: slot.label
    for slot in (*FINDING_SLOTS, *LOCATOR_SLOTS, *STATEMENT_SLOTS) if slot.property.startswith("CTCKG:")
} | {quantity.property: quantity.label for quantity in QUANTITY_TABLE}


# --- a LinkML view ----------------------------------------------------------------------------------------------

_LINKML_RANGE = {"term": "uriorcurie", "text": "string", "integer": "integer", "decimal": "decimal", "enum": "string",
                 "reference": "integer", "finding": "Finding", "statement": "string", "locator": "Locator",
                 "quantity": "Quantity", "statement-record": "Statement", "id": "uriorcurie", "relation": "string"}


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def linkml_schema() -> str:
    """The schema as LinkML YAML (classes Finding, Locator, Statement, Quantity; one slot per field), for tools that
    read LinkML. Written by the build as ``docs/ctckg.linkml.yaml``; nothing in ctckg reads it back."""
    lines = [
        "# Generated from src/ctckg/schema.py by `ctckg build`; do not edit by hand.",
        "id: https://w3id.org/ctckg/schema",
        "name: ctckg",
        "title: ctckg curation model (finding index, locator, statements, quantities)",
        "default_prefix: CTCKG",
        "default_range: string",
        "imports:",
        "  - linkml:types",
        "prefixes:",
        "  linkml: https://w3id.org/linkml/",
    ]
    lines += [f"  {p.prefix}: {p.iri}" for p in PREFIX_TABLE]
    lines.append("classes:")
    tables = (("Finding", FINDING_SLOTS, "One finding of the review with its index, locator and statements."),
              ("Locator", LOCATOR_SLOTS, "Where in the review a finding is stated."),
              ("Statement", STATEMENT_SLOTS, "One directed statement of a finding."))
    for name, slots, description in tables:
        lines += [f"  {name}:", f"    description: {_yaml_text(description)}", "    attributes:"]
        for slot in slots:
            lines.append(f"      {slot.key}:")
            if slot.property and ":" in slot.property:
                lines.append(f"        slot_uri: {slot.property}")
            lines.append(f"        range: {_LINKML_RANGE[slot.range]}")
            if slot.multivalued:
                lines.append("        multivalued: true")
            if slot.required:
                lines.append("        required: true")
            if slot.key == "id":
                lines.append("        identifier: true")
            lines.append(f"        title: {_yaml_text(slot.label)}")
            if slot.description:
                lines.append(f"        description: {_yaml_text(slot.description)}")
    lines += ["  Quantity:", f"    description: {_yaml_text('A number a finding reports.')}", "    attributes:"]
    lines += ["      quantity:", "        range: QuantityName", "        required: true",
              "      value:", "        range: decimal", "        required: true"]
    lines += ["enums:", "  QuantityName:", "    permissible_values:"]
    for quantity in QUANTITY_TABLE:
        lines += [f"      {_yaml_text(quantity.name)}:", f"        meaning: {quantity.property}",
                  f"        title: {_yaml_text(quantity.label)}"]
    return "\n".join(lines) + "\n"
