"""The kind of every class the release points at: curated for ours, one rule for external ones."""

from __future__ import annotations

from collections.abc import Mapping

from ctckg.curation.vocab import ExternalTerm

__all__ = ["external_kind", "term_kinds", "KIND_OF_PREFIX"]

#: Kind of an external class by its prefix (GO is split into processes and cellular components by ancestry).
KIND_OF_PREFIX = {"CL": "cell", "CHEBI": "molecule", "PR": "molecule", "UBERON": "structure", "MONDO": "disease",
                  "DOID": "disease", "NCBITaxon": "organism", "BFO": "other", "ECO": "evidence"}
_CELLULAR_COMPONENT = "GO:0005575"


def external_kind(curie: str, terms: Mapping[str, ExternalTerm]) -> str:
    """``cell``, ``structure``, ``molecule``, ``process``, ``disease``, ``organism`` or ``other`` for ``curie``."""
    prefix = curie.split(":", 1)[0]
    if prefix != "GO":
        return KIND_OF_PREFIX.get(prefix, "other")
    seen: set[str] = set()
    stack = [curie]
    while stack:
        current = stack.pop()
        if current == _CELLULAR_COMPONENT:
            return "structure"
        if current in seen:
            continue
        seen.add(current)
        term = terms.get(current)
        if term is not None:
            stack.extend(term.parents)
    return "process"


def term_kinds(ours: Mapping[str, str], external: Mapping[str, ExternalTerm]) -> dict[str, str]:
    """Kinds of our classes (``ours``: CURIE → curated kind) and of every external class in ``external``."""
    kinds = {curie: external_kind(curie, external) for curie in external}
    kinds.update(ours)
    return kinds
