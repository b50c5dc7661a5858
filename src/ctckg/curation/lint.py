"""Canonical form of the curation sources: `ctckg lint` rewrites them, a test checks they are canonical.

The canonical form is the curators' own data, reordered: records sorted by ID, keys in the order of the schema
(``ctckg.curation.records``), lists of term references, synonyms and reference numbers sorted. Nothing else changes: every key
and value the file has is kept (keys the schema does not list stay, after the known ones), and so are the comments
(``ctckg.curation.yamlio.preserve_comments``). ``canonical_sources`` checks that the rewritten file holds the same data as the
original before it offers it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ctckg.curation.records import (
    FINDING_KEYS,
    HEADER_KEYS,
    LOCATOR_KEYS,
    PROPERTY_KEYS,
    REFERENCE_KEYS,
    REVIEW_KEYS,
    ROLE_KEYS,
    STATEMENT_KEYS,
    TERM_KEYS,
    Sources,
)
from ctckg.curation.yamlio import dump_yaml, parse_yaml, preserve_comments
from ctckg.errors import CurationError, Problem, display_path
from ctckg.project import Project, checkout_root

__all__ = ["canonical_sources", "lint_problems", "canonical_text"]

#: Lists whose order carries no meaning: sorted (and de-duplicated) in the canonical form.
_SORTED_REFS = (*ROLE_KEYS, "parents", "xrefs", "targets", "summarises")
_SORTED_NUMBERS = ("references", "associated_references")


def _ordered(mapping: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """``mapping`` with its keys in schema ``order``; keys the schema does not list keep their place after them."""
    known = [key for key in order if key in mapping]
    return {key: mapping[key] for key in [*known, *(key for key in mapping if key not in order)]}


def _number_key(value: Any) -> tuple:
    return (0, value, "") if isinstance(value, int) and not isinstance(value, bool) else (1, 0, str(value))


def _definition_source_key(value: Any) -> tuple:
    text = str(value)
    parts = text.split()
    number = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    return (text != "review", number, text)


def _record(record: Any, order: tuple[str, ...]) -> Any:
    """One term, finding or property in canonical form (anything that is not a mapping is left as it is)."""
    if not isinstance(record, dict):
        return record
    data = dict(record)
    for key in _SORTED_REFS:
        if isinstance(data.get(key), list) and all(isinstance(v, (str, int)) for v in data[key]):
            data[key] = sorted({str(value) for value in data[key]})
    for key in _SORTED_NUMBERS:
        if isinstance(data.get(key), list) and all(isinstance(v, (str, int)) for v in data[key]):
            data[key] = sorted(set(data[key]), key=_number_key)
    if isinstance(data.get("synonyms"), list) and all(isinstance(v, str) for v in data["synonyms"]):
        data["synonyms"] = sorted(set(data["synonyms"]))
    if isinstance(data.get("definition_source"), list) and all(isinstance(v, (str, int)) for v in data["definition_source"]):
        data["definition_source"] = sorted(set(data["definition_source"]), key=_definition_source_key)
    if isinstance(data.get("quantities"), list) and all(isinstance(v, dict) for v in data["quantities"]):
        data["quantities"] = sorted(({**_ordered(dict(q), ("quantity", "value"))} for q in data["quantities"]),
                                    key=lambda q: (str(q.get("quantity")), str(q.get("value"))))
    if isinstance(data.get("locator"), dict):
        data["locator"] = _ordered(dict(data["locator"]), LOCATOR_KEYS)
    if isinstance(data.get("statements"), list):
        data["statements"] = [_ordered(dict(s), STATEMENT_KEYS) if isinstance(s, dict) else s
                              for s in data["statements"]]
    return _ordered(data, order)


def _records(data: Any, order: tuple[str, ...]) -> Any:
    if not isinstance(data, list):
        return data
    records = [_record(record, order) for record in data]
    return sorted(records, key=lambda r: (0, str(r.get("id"))) if isinstance(r, dict) else (1, str(r)))


def _references(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    out = dict(data)
    if isinstance(out.get("review"), dict):
        out["review"] = _ordered(dict(out["review"]), ("doi", *(k for k in REVIEW_KEYS if k != "doi")))
    if isinstance(out.get("references"), list):
        refs = [_ordered(dict(r), REFERENCE_KEYS) if isinstance(r, dict) else r for r in out["references"]]
        out["references"] = sorted(refs, key=lambda r: _number_key(r.get("number")) if isinstance(r, dict)
                                   else (2, 0, str(r)))
    return _ordered(out, ("review", "references"))


def _original(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""


def _normal(data: Any) -> Any:
    """Data with every list and mapping made order-free, to check that a rewrite only reorders."""
    if isinstance(data, dict):
        return ("map", tuple(sorted((str(k), _normal(v)) for k, v in data.items())))
    if isinstance(data, list):
        return ("list", tuple(sorted({repr(_normal(v)) for v in data})))
    return ("value", str(data))


def canonical_text(path: Path, kind: str) -> str | None:
    """The canonical text of one curation file (``kind``: terms, findings, properties, references, header); None
    when the file cannot be read or parsed (the loader reports that). Raises ``CurationError`` if the rewrite would
    change the data (a bug: lint only reorders)."""
    original = _original(path)
    data, problems = parse_yaml(original, display_path(path))
    if problems:
        return None
    order = {"terms": TERM_KEYS, "findings": FINDING_KEYS, "properties": PROPERTY_KEYS}.get(kind)
    if order is not None:
        canonical = _records(data, order)
    elif kind == "references":
        canonical = _references(data)
    else:
        canonical = _ordered(dict(data), HEADER_KEYS) if isinstance(data, dict) else data
    text = preserve_comments(original, dump_yaml(canonical, _leading_comments(original)) if canonical is not None
                             else original)
    check, _ = parse_yaml(text)
    if _normal(check) != _normal(data):
        raise CurationError([Problem(display_path(path), 1, "lint", "the canonical form would change the data; the "
                                     "file was left as it is (please report this)")])
    return text


def canonical_sources(sources: Sources, curation_dir: Path | None = None) -> dict[Path, str]:
    """The canonical text of every curation YAML file (in ``curation_dir``, default: the checkout's), keyed by
    path."""
    curation_dir = curation_dir if curation_dir is not None else Project.discover().curation_dir
    root = checkout_root(curation_dir) or Path.cwd()
    out: dict[Path, str] = {}
    files = {record.file: "terms" for record in sources.terms}
    files.update({record.file: "findings" for record in sources.findings})
    for file, kind in sorted(files.items()):
        path = root / file
        text = canonical_text(path, kind)
        if text is not None:
            out[path] = text
    for path, kind in ((curation_dir / "properties.yaml", "properties"),
                       (curation_dir / "references.yaml", "references"),
                       (curation_dir / "ontology.yaml", "header")):
        text = canonical_text(path, kind)
        if text is not None:
            out[path] = text
    return out


def lint_problems(sources: Sources, curation_dir: Path | None = None) -> list[Path]:
    """Source files that are not in canonical form."""
    return [path for path, text in sorted(canonical_sources(sources, curation_dir).items())
            if _original(path) != text]
