"""SSSOM TSV export: the cross-references of every class ctckg mints to records outside OBO.

* ``skos:exactMatch`` rows: the UniProtKB entries of our protein classes (``skos:exactMatch`` in the release);
* ``RO:0002204`` (*gene product of*) rows: the HGNC *gene* records of the same classes — a protein class is not the
  same as a gene record, so it is not written as an exact match.

The superclasses of the minted classes are not repeated as ``skos:broadMatch`` rows: they are ``rdfs:subClassOf``
axioms of the release already, which every OWL tool reads, so those rows added no information.

Every row is a manual curation (``semapv:ManualMappingCuration``). The header carries the mapping-set metadata, the
subject source as a CURIE (``ctckg:ctckg.owl``) and a CURIE map restricted to the prefixes used, with the expansions
bioregistry and sssom-py use (HGNC: ``https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/``; the release
writes the identifiers.org form, listed as a synonym in ``ontology/prefixes.json``).
"""

from __future__ import annotations

from rdflib import URIRef

from ctckg.export.model import ReleaseView, obo_purl
from ctckg.export.paths import MAPPING_SET_IRI
from ctckg.namespaces import PREFIXES, version_iri
from ctckg.project import BASE_IRI, VERSION
from ctckg.release import label_in

__all__ = ["SSSOM_COLUMNS", "SSSOM_PREFIXES", "GENE_PRODUCT_OF", "sssom_rows", "sssom_tsv"]

SSSOM_COLUMNS = ("subject_id", "subject_label", "predicate_id", "object_id", "object_label",
                 "mapping_justification", "subject_type", "object_source", "comment")
#: RO "gene product of": the protein class is the product of the HGNC gene.
GENE_PRODUCT_OF = "RO:0002204"
#: Expansions that differ from the release's prefix map, as bioregistry (and so sssom-py) writes them.
SSSOM_PREFIXES = {"HGNC": "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/"}
_EXTRA_PREFIXES = {"skos": PREFIXES["skos"], "semapv": "https://w3id.org/semapv/vocab/", "owl": PREFIXES["owl"],
                   "RO": PREFIXES["RO"], "ctckg": BASE_IRI,
                   "bioregistry": "https://bioregistry.io/registry/"}
_SUBJECT_SOURCE = "ctckg:ctckg.owl"
_OBJECT_SOURCES = {"HGNC": "bioregistry:hgnc", "UniProtKB": "bioregistry:uniprot"}
_COMMENTS = {"skos:exactMatch": "UniProtKB entry of the minted protein class (skos:exactMatch in the release)",
             GENE_PRODUCT_OF: "HGNC gene whose product the minted protein class is"}


def sssom_rows(view: ReleaseView) -> list[dict[str, str]]:
    """One row per (minted class, cross-reference), sorted by subject, predicate and object."""
    rows: list[dict[str, str]] = []
    for term in view.terms.values():
        if not term.minted or term.kind == "other":
            continue
        for obj in term.xrefs:
            prefix = obj.split(":")[0]
            if prefix not in _OBJECT_SOURCES:
                continue
            predicate = GENE_PRODUCT_OF if prefix == "HGNC" else "skos:exactMatch"
            object_label = view.terms[obj].label if obj in view.terms else _module_label(view, obj)
            rows.append({"subject_id": term.curie, "subject_label": term.label, "predicate_id": predicate,
                         "object_id": obj, "object_label": object_label,
                         "mapping_justification": "semapv:ManualMappingCuration", "subject_type": "owl class",
                         "object_source": _OBJECT_SOURCES[prefix],
                         "comment": _COMMENTS[predicate]})
    return sorted(rows, key=lambda row: (row["subject_id"], row["predicate_id"], row["object_id"]))


def _module_label(view: ReleaseView, curie: str) -> str:
    """The label of an external class from the release or its import modules ('' when none)."""
    iri = URIRef(obo_purl(curie) or curie)
    for graph in [view.graph, *(view.modules[name] for name in sorted(view.modules))]:
        label = label_in(graph, iri)  # the one label rule of ctckg.release
        if label is not None:
            return label
    return ""


def _quote(text: str) -> str:
    """A YAML scalar that is safe whatever the text holds."""
    return "'" + text.replace("'", "''") + "'"


def sssom_tsv(view: ReleaseView) -> str:
    """The SSSOM TSV text: a ``#``-commented YAML metadata block, then the mapping table."""
    rows = sssom_rows(view)
    used = sorted({row[column].split(":")[0] for row in rows for column in ("subject_id", "object_id")})
    curie_map = {prefix: SSSOM_PREFIXES.get(prefix, PREFIXES[prefix]) for prefix in used if prefix in PREFIXES}
    curie_map.update(_EXTRA_PREFIXES)
    version = view.version or VERSION
    header = ["curie_map:"]
    header += [f"  {prefix}: {_quote(curie_map[prefix])}" for prefix in sorted(curie_map)]
    header += [
        f"mapping_set_id: {_quote(MAPPING_SET_IRI)}",
        f"mapping_set_version: {_quote(version)}",
        f"mapping_set_title: {_quote('ctckg mappings: UniProtKB entries and HGNC genes of minted protein classes')}",
        "mapping_set_description: " + _quote(
            "Every protein class minted by ctckg mapped to the UniProtKB entry it is the same as (skos:exactMatch) "
            "and to the HGNC gene it is the product of (RO:0002204 gene product of). Superclasses are rdfs:subClassOf "
            "axioms of the release and are not repeated here."),
        f"license: {_quote(view.license or 'https://creativecommons.org/licenses/by/4.0/')}",
        "creator_label:",
        "  - 'ctckg contributors'",
        f"mapping_provider: {_quote(BASE_IRI)}",
        f"mapping_tool: {_quote(f'ctckg export --format sssom ({VERSION})')}",
        f"mapping_date: {_quote(version)}",
        f"subject_source: {_quote(_SUBJECT_SOURCE)}",
        f"subject_source_version: {_quote(str(version_iri(version)))}",
    ]
    lines = [f"#{line}" for line in header]
    lines.append("\t".join(SSSOM_COLUMNS))
    lines += ["\t".join(" ".join(row[column].split()) for column in SSSOM_COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"
