"""Counts that summarise what the sources hold and the release contains."""

from __future__ import annotations

from collections import Counter

from ctckg.curation.coverage import section_of
from ctckg.curation.records import PROVENANCE_KINDS, RELATIONS, SECTIONS, Sources

__all__ = ["compute_stats", "format_stats"]


def compute_stats(sources: Sources, triples: int) -> dict[str, object]:
    """Counts of classes by kind, findings by status, section, table row and figure, references and prefixes."""
    kinds = Counter(term.kind for term in sources.terms)
    parts = Counter(section_of(f) for f in sources.findings)
    cited = {n for f in sources.findings for n in f.references}
    prefixes = Counter(curie.split(":")[0] for curie in sources.external_curies())
    provenance = Counter(f.provenance for f in sources.findings)
    statements = [s for f in sources.findings for s in f.statements]
    relations = Counter(s.relation for s in statements)
    identified = [r for r in sources.references if r.doi or r.pmid or r.pmcid]
    return {
        "triples": triples,
        "classes minted": len(sources.terms),
        "classes by kind": dict(sorted(kinds.items())),
        "properties minted": len(sources.properties),
        "findings": len(sources.findings),
        "findings by status": dict(sorted(Counter(f.status for f in sources.findings).items())),
        "findings by provenance kind": {kind: provenance.get(kind, 0) for kind in PROVENANCE_KINDS},
        "findings by provenance kind and status": {
            f"{kind}, {status}": count for (kind, status), count in sorted(
                Counter((f.provenance, f.status) for f in sources.findings).items(),
                key=lambda item: (PROVENANCE_KINDS.index(item[0][0]), item[0][1]))},
        "findings with a hedging exception": sum(1 for f in sources.findings if f.hedge_exception),
        "findings without statements": sum(1 for f in sources.findings if not f.statements),
        "statements": len(statements),
        "statements by relation": {name: relations.get(name, 0) for name in RELATIONS},
        "statements without a named agent": sum(1 for s in statements if s.subject is None),
        "statements in a chain (with a next step)": sum(1 for s in statements if s.next),
        "findings by section": {section: parts.get(section, 0) for section in SECTIONS},
        "findings by table and figure": {part: parts.get(part, 0) for part in ("table 1", "figure 1", "figure 2")},
        "references": len(sources.references),
        "references cited by findings": len(cited),
        "references with a verified DOI, PMID or PMCID": len(identified),
        "external terms used by prefix": dict(sorted(prefixes.items())),
    }


def format_stats(stats: dict[str, object]) -> str:
    """Plain-text rendering, one count per line, nested counts indented."""
    lines = []
    for key, value in stats.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {name:<32} {count}" for name, count in value.items()]
        else:
            lines.append(f"{key:<34} {value}")
    return "\n".join(lines)
