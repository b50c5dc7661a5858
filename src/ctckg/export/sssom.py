"""SSSOM TSV export: the cross-references and asserted superclasses of every class ctckg mints.

* ``skos:exactMatch`` rows: the HGNC and UniProtKB identifiers of our molecule classes (``skos:exactMatch`` in the
  release);
* ``skos:broadMatch`` rows: the external superclasses (CL, GO, PR, CHEBI, UBERON …) we place each minted class
  under (``rdfs:subClassOf`` in the release) — the object is broader than the subject.

Every row is a manual curation (``semapv:ManualMappingCuration``). The header carries the mapping-set metadata and
a CURIE map restricted to the prefixes used.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from ctckg.constants import BASE_IRI, ONTOLOGY_IRI, VERSION
from ctckg.export.model import ReleaseView, obo_purl
from ctckg.export.paths import MAPPING_SET_IRI
from ctckg.namespaces import PREFIXES

__all__ = ["SSSOM_COLUMNS", "sssom_rows", "sssom_tsv"]

SSSOM_COLUMNS = ("subject_id", "subject_label", "predicate_id", "object_id", "object_label",
                 "mapping_justification", "subject_type", "comment")
_EXTRA_PREFIXES = {"skos": "http://www.w3.org/2004/02/skos/core#", "semapv": "https://w3id.org/semapv/vocab/",
                   "owl": "http://www.w3.org/2002/07/owl#"}
_COMMENTS = {"skos:exactMatch": "cross-reference of the minted class (skos:exactMatch in the release)",
             "skos:broadMatch": "asserted superclass of the minted class (rdfs:subClassOf in the release)"}


def sssom_rows(view: ReleaseView) -> list[dict[str, str]]:
    """One row per (minted class, mapping), sorted by subject, predicate and object."""
    rows: list[dict[str, str]] = []
    for term in view.terms.values():
        if not term.minted or term.kind == "other":
            continue
        pairs = [("skos:exactMatch", xref) for xref in term.xrefs]
        pairs += [("skos:broadMatch", parent) for parent in term.parents if not parent.startswith("CTCKG:")]
        for predicate, obj in pairs:
            object_label = view.terms[obj].label if obj in view.terms else _module_label(view, obj)
            rows.append({"subject_id": term.curie, "subject_label": term.label, "predicate_id": predicate,
                         "object_id": obj, "object_label": object_label,
                         "mapping_justification": "semapv:ManualMappingCuration", "subject_type": "owl class",
                         "comment": _COMMENTS[predicate]})
    return sorted(rows, key=lambda row: (row["subject_id"], row["predicate_id"], row["object_id"]))


def _module_label(view: ReleaseView, curie: str) -> str:
    """The label of an external class from the release or its import modules ('' when none)."""
    iri = URIRef(obo_purl(curie) or curie)
    for graph in [view.graph, *(view.modules[name] for name in sorted(view.modules))]:
        labels = sorted(str(label) for label in graph.objects(iri, RDFS.label) if isinstance(label, Literal))
        if labels:
            return labels[0]
    return ""


def _quote(text: str) -> str:
    """A YAML scalar that is safe whatever the text holds."""
    return "'" + text.replace("'", "''") + "'"


def sssom_tsv(view: ReleaseView) -> str:
    """The SSSOM TSV text: a ``#``-commented YAML metadata block, then the mapping table."""
    rows = sssom_rows(view)
    used = sorted({row[column].split(":")[0] for row in rows for column in ("subject_id", "object_id")})
    curie_map = {prefix: PREFIXES[prefix] for prefix in used if prefix in PREFIXES}
    curie_map.update(_EXTRA_PREFIXES)
    version = view.version or VERSION
    header = ["curie_map:"]
    header += [f"  {prefix}: {_quote(curie_map[prefix])}" for prefix in sorted(curie_map)]
    header += [
        f"mapping_set_id: {_quote(MAPPING_SET_IRI)}",
        f"mapping_set_version: {_quote(version)}",
        f"mapping_set_title: {_quote('ctckg mappings: cross-references and superclasses of minted classes')}",
        "mapping_set_description: " + _quote(
            "Every class minted by ctckg mapped to the HGNC and UniProtKB entries it is the same as "
            "(skos:exactMatch) and to the external ontology classes it is placed under (skos:broadMatch)."),
        f"license: {_quote(view.license or 'https://creativecommons.org/licenses/by/4.0/')}",
        "creator_label:",
        "  - 'ctckg contributors'",
        f"mapping_provider: {_quote(BASE_IRI)}",
        f"mapping_tool: {_quote(f'ctckg export --format sssom ({VERSION})')}",
        f"mapping_date: {_quote(version)}",
        f"subject_source: {_quote(ONTOLOGY_IRI)}",
        f"subject_source_version: {_quote(f'https://w3id.org/ctckg/releases/{version}/ctckg.owl')}",
    ]
    lines = [f"#{line}" for line in header]
    lines.append("\t".join(SSSOM_COLUMNS))
    lines += ["\t".join(" ".join(row[column].split()) for column in SSSOM_COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"
