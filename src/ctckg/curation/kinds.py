"""The kind of every class the release points at: curated for ours, one rule for external ones.

The build computes the kinds once (:func:`term_kinds`) and writes each as ``CTCKG:0000052`` (term kind) into the
release; the exporters read them back from there and never derive a kind themselves.

The rule for an external class, first match wins (docs/MODEL.md, "Term kinds"): named as an intervention, or under
a drug root → ``drug``; under CL's cell → ``cell``; under GO's biological process → ``process``; under an anatomical
structure root or an UBERON class → ``structure``; under a molecule root (protein, cellular component, complex,
chemical entity) or a PR / CHEBI class → ``molecule``; MONDO / DOID → ``disease``; NCBITaxon → ``organism``;
ECO, or the evidence of a finding → ``evidence``; else the kind of the first finding role it fills (the schema's
``Slot.kind``), else ``other``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ctckg.curation.records import Sources
from ctckg.curation.vocab import ExternalTerm
from ctckg.schema import ROLE_SLOTS, STATEMENT_SLOTS

__all__ = ["external_kind", "term_kinds", "term_usage", "DRUG_ROOTS"]

DRUG_ROOTS = frozenset({"CHEBI:23888", "CHEBI:52217", "CHEBI:35222"})
_CELL_ROOTS = frozenset({"CL:0000000"})
_STRUCTURE_ROOTS = frozenset({"UBERON:0000061", "UBERON:0034922", "UBERON:0001062"})
_PROCESS_ROOTS = frozenset({"GO:0008150"})
_MOLECULE_ROOTS = frozenset({"PR:000000001", "GO:0005575", "GO:0032991", "CHEBI:24431", "CHEBI:23367",
                             "CHEBI:33695"})
_STUDY_ROOTS = frozenset({"CTCKG:0000110"})
#: The evidence of a finding (its ECO code) counts as a use named ``evidence``.
EVIDENCE = "evidence"


def external_kind(curie: str, lineage: Iterable[str], uses: Iterable[str] = ()) -> str:
    """The kind of the external class ``curie`` from its superclasses (``lineage``, not including itself) and the
    slots it fills (``uses``: finding role keys, ``evidence``, statement slot keys); see the module docstring."""
    ancestors = set(lineage) | {curie}
    roles = set(uses)
    prefix = curie.split(":")[0]
    if "interventions" in roles or ancestors & DRUG_ROOTS:
        return "drug"
    if ancestors & _CELL_ROOTS:
        return "cell"
    if ancestors & _PROCESS_ROOTS:
        return "process"
    if ancestors & _STRUCTURE_ROOTS or prefix == "UBERON":
        return "structure"
    if ancestors & _MOLECULE_ROOTS or prefix in {"PR", "CHEBI"}:
        return "molecule"
    if prefix in {"MONDO", "DOID"}:
        return "disease"
    if prefix == "NCBITaxon":
        return "organism"
    if prefix == "ECO" or EVIDENCE in roles:
        return "evidence"
    if ancestors & _STUDY_ROOTS:
        return "study design"
    for slot in ROLE_SLOTS:
        if slot.key in roles and slot.kind:
            return slot.kind
    return "other"


def term_usage(sources: Sources) -> dict[str, set[str]]:
    """Every class CURIE the findings name -> the slots it fills (role keys, ``evidence``, statement slot keys)."""
    usage: dict[str, set[str]] = {}
    term_slots = [slot.key for slot in STATEMENT_SLOTS if slot.range == "term"]
    for finding in sources.findings:
        for key, refs in finding.roles.items():
            for ref in refs:
                usage.setdefault(ref.curie, set()).add(key)
        usage.setdefault(finding.evidence, set()).add(EVIDENCE)
        for statement in finding.statements:
            for key in term_slots:
                for ref in statement.refs(key):
                    usage.setdefault(ref.curie, set()).add(key)
    usage.pop("", None)
    return usage


def _lineage(curie: str, terms: Mapping[str, ExternalTerm]) -> set[str]:
    seen: set[str] = set()
    stack = list(terms[curie].parents) if curie in terms else []
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            term = terms.get(current)
            if term is not None:
                stack.extend(term.parents)
    return seen


def term_kinds(ours: Mapping[str, str], external: Mapping[str, ExternalTerm],
               usage: Mapping[str, set[str]]) -> dict[str, str]:
    """Kinds of our classes (``ours``: CURIE → curated kind) and of every external class the findings use
    (``usage``, from :func:`term_usage`), with superclasses from ``external`` (the import closure)."""
    kinds = {curie: external_kind(curie, _lineage(curie, external), uses)
             for curie, uses in usage.items() if curie not in ours and not curie.startswith("CTCKG:")}
    kinds.update(ours)
    return kinds
