"""Canonical form of the curation sources: `ctckg lint` rewrites them, a test checks they are canonical."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ctckg.constants import CURATION_DIR, HEADER_FILE, PROPERTIES_FILE, REFERENCES_FILE, ROOT
from ctckg.records import ROLE_KEYS, Finding, Header, Property, Reference, Sources, Term
from ctckg.yamlio import dump_yaml

__all__ = ["canonical_sources", "lint_problems"]


def _id_key(record: Term | Finding | Property) -> str:
    return record.id


def _refs(values: list[Any]) -> list[str]:
    return sorted({str(value) for value in values})


def _term(term: Term) -> dict[str, Any]:
    data: dict[str, Any] = {"id": term.id, "label": term.label, "kind": term.kind,
                            "parents": _refs(term.parents), "definition": term.definition}
    if term.definition_source:
        data["definition_source"] = sorted(set(term.definition_source),
                                           key=lambda s: (s != "review", int(s.split()[1]) if " " in s else 0))
    for key, values in (("synonyms", sorted(set(term.synonyms))), ("xrefs", _refs(term.xrefs)),
                        ("targets", _refs(term.targets))):
        if values:
            data[key] = values
    if term.comment:
        data["comment"] = term.comment
    if term.deprecated:
        data["deprecated"] = True
    if term.replaced_by:
        data["replaced_by"] = term.replaced_by
    return data


def _finding(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {"id": finding.id, "label": finding.label, "status": finding.status,
                            "direction": finding.direction}
    for key in ROLE_KEYS:
        if finding.roles.get(key):
            data[key] = _refs(finding.roles[key])
    data["evidence"] = str(finding.evidence)
    locator = {"section": finding.locator.section}
    for key in ("paragraph", "table_row", "figure"):
        value = getattr(finding.locator, key)
        if value is not None:
            locator[key] = value
    data["locator"] = locator
    data["references"] = sorted(finding.references)
    if finding.quantities:
        data["quantities"] = [{"quantity": name, "value": value} for name, value in sorted(finding.quantities)]
    data["description"] = finding.description
    if finding.note:
        data["note"] = finding.note
    return data


def _property(prop: Property) -> dict[str, Any]:
    data: dict[str, Any] = {"id": prop.id, "label": prop.label, "type": prop.type}
    if prop.parents:
        data["parents"] = _refs(prop.parents)
    if prop.range:
        data["range"] = prop.range
    data["definition"] = prop.definition
    if prop.yaml_key:
        data["yaml_key"] = prop.yaml_key
    return data


def _reference(ref: Reference, review: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {"doi": ref.doi} if review else {"number": ref.number}
    data.update({"authors": list(ref.authors), "et_al": ref.et_al, "title": ref.title, "journal": ref.journal,
                 "year": ref.year})
    for key in ("volume", "issue", "pages", "note"):
        value = getattr(ref, key)
        if value:
            data[key] = value
    return data


def _header(header: Header) -> dict[str, Any]:
    data: dict[str, Any] = {"title": header.title, "description": header.description, "version": header.version,
                            "license": header.license, "creators": list(header.creators)}
    if header.contributors:
        data["contributors"] = list(header.contributors)
    if header.comment:
        data["comment"] = header.comment
    return data


def _leading_comments(path: Path) -> str:
    lines = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break
            lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""


def canonical_sources(sources: Sources, curation_dir: Path = CURATION_DIR) -> dict[Path, str]:
    """The canonical text of every curation YAML file, keyed by path."""
    out: dict[Path, str] = {}
    by_file: dict[str, list[Term | Finding]] = {}
    for record in [*sources.terms, *sources.findings]:
        by_file.setdefault(record.file, []).append(record)
    for file, records in by_file.items():
        path = ROOT / file
        data = [_term(r) if isinstance(r, Term) else _finding(r) for r in sorted(records, key=_id_key)]
        out[path] = dump_yaml(data, _leading_comments(path))
    path = curation_dir / PROPERTIES_FILE.name
    out[path] = dump_yaml([_property(p) for p in sorted(sources.properties, key=_id_key)], _leading_comments(path))
    path = curation_dir / REFERENCES_FILE.name
    out[path] = dump_yaml({"review": _reference(sources.review, review=True),
                           "references": [_reference(r) for r in sorted(sources.references, key=lambda r: r.number)]},
                          _leading_comments(path))
    path = curation_dir / HEADER_FILE.name
    out[path] = dump_yaml(_header(sources.header), _leading_comments(path))
    return out


def lint_problems(sources: Sources, curation_dir: Path = CURATION_DIR) -> list[Path]:
    """Source files that are not in canonical form."""
    return [path for path, text in sorted(canonical_sources(sources, curation_dir).items())
            if path.read_text(encoding="utf-8") != text]
