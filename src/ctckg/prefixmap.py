"""The project's prefix map as files other tools read: ``ontology/prefixes.json`` (a ``curies`` / bioregistry
extended prefix map) and ``ontology/prefixes.ttl`` (Turtle ``@prefix`` lines), both from ``ctckg.namespaces``.

Each record gives the expansion the release uses as ``uri_prefix``; where bioregistry (and so sssom-py) expands a
prefix differently, its form is listed in ``uri_prefix_synonyms``, so ``curies`` compresses either to the same CURIE
(the SSSOM export writes the bioregistry form). ``python -m ctckg.prefixmap`` rewrites the files; a test checks
that the committed ones are current.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ctckg.namespaces import PREFIXES
from ctckg.project import GENERATED_NOTE, Project
from ctckg.schema import PREFIX_TABLE

__all__ = ["SYNONYMS", "extended_prefix_map", "prefix_files"]

#: Other expansions of our prefixes in use: bioregistry's and the resolvers' forms (the schema's prefix table).
SYNONYMS: dict[str, list[str]] = {p.prefix: list(p.iri_synonyms) for p in PREFIX_TABLE if p.iri_synonyms}
_PREFIX_SYNONYMS = {p.prefix: list(p.prefix_synonyms) for p in PREFIX_TABLE if p.prefix_synonyms}


def extended_prefix_map() -> list[dict[str, object]]:
    """The records of the extended prefix map, sorted by prefix."""
    records: list[dict[str, object]] = []
    for prefix in sorted(PREFIXES, key=str.lower):
        record: dict[str, object] = {"prefix": prefix, "uri_prefix": PREFIXES[prefix]}
        if prefix in _PREFIX_SYNONYMS:
            record["prefix_synonyms"] = _PREFIX_SYNONYMS[prefix]
        if prefix in SYNONYMS:
            record["uri_prefix_synonyms"] = SYNONYMS[prefix]
        records.append(record)
    return records


def prefix_files(project: Project | None = None) -> dict[Path, str]:
    """The text of ``ontology/prefixes.json`` and ``prefixes.ttl`` of ``project`` (default: the checkout found from
    the working directory)."""
    project = project or Project.discover()
    ttl = [f"# {GENERATED_NOTE.format(command='prefixmap')} The project's prefixes for SPARQL and Turtle."]
    ttl += [f"@prefix {prefix}: <{PREFIXES[prefix]}> ." for prefix in sorted(PREFIXES, key=str.lower)]
    return {project.prefix_json: json.dumps(extended_prefix_map(), indent=2, ensure_ascii=False) + "\n",
            project.prefix_ttl: "\n".join(ttl) + "\n"}


if __name__ == "__main__":  # python -m ctckg.prefixmap [--check]
    stale = [path for path, text in prefix_files().items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    if "--check" in sys.argv[1:]:
        for path in stale:
            print(f"{path} is not current; run python -m ctckg.prefixmap", file=sys.stderr)
        sys.exit(1 if stale else 0)
    for path, text in prefix_files().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
