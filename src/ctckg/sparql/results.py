"""Serialise results as an aligned text table, TSV, CSV, SPARQL 1.1 JSON results, or Markdown."""

from __future__ import annotations

import csv
import io
import json

from ctckg.sparql.engine import Result
from ctckg.sparql.terms import Term

__all__ = ["FORMATS", "format_result", "cell_text"]

FORMATS = ("table", "tsv", "csv", "json", "markdown")


def cell_text(result: Result, term: Term | None) -> str:
    """What a human reads in a cell: ``CURIE ! label`` for IRIs (as in the curation files), else the value."""
    if term is None:
        return ""
    if term.is_iri:
        label = result.labels.get(term.value)
        return f"{term.curie} ! {label}" if label else term.curie
    return str(term.python()) if term.kind == "literal" else f"_:{term.value}"


def _columns(result: Result) -> list[tuple[str, str, bool]]:
    """(header, variable, is_label_column): a ``<var>_label`` column follows every column holding IRIs."""
    columns = []
    for name in result.variables:
        columns.append((name, name, False))
        if any(row.get(name) is not None and row[name].is_iri for row in result.rows):
            columns.append((f"{name}_label", name, True))
    return columns


def _flat(result: Result) -> tuple[list[str], list[list[str]]]:
    columns = _columns(result)
    rows = []
    for row in result.rows:
        values = []
        for _, name, is_label in columns:
            term = row.get(name)
            if is_label:
                values.append(result.label(term) or "")
            else:
                values.append("" if term is None else str(term))
        rows.append(values)
    return [header for header, _, _ in columns], rows


def _sparql_json(result: Result) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2)
    bindings = []
    for row in result.rows:
        binding = {}
        for name, term in row.items():
            value: dict[str, str] = {"type": term.kind, "value": term.value}
            if term.lang:
                value["xml:lang"] = term.lang
            elif term.datatype:
                value["datatype"] = term.datatype
            binding[name] = value
        bindings.append(binding)
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, indent=2,
                      ensure_ascii=False)


def _escape_markdown(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_result(result: Result, fmt: str = "table") -> str:
    """``result`` in format ``fmt`` (one of ``FORMATS``); ASK answers print ``true`` / ``false``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "json":
        return _sparql_json(result)
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    if result.kind == "update":
        return "update done"
    if fmt in ("tsv", "csv"):
        headers, rows = _flat(result)
        stream = io.StringIO()
        if fmt == "csv":
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(headers)
            writer.writerows(rows)
        else:
            clean = [[value.replace("\t", " ").replace("\n", " ") for value in row] for row in rows]
            stream.write("\n".join("\t".join(row) for row in [headers, *clean]) + "\n")
        return stream.getvalue().rstrip("\n")
    headers = list(result.variables)
    rows = [[cell_text(result, row.get(name)) for name in headers] for row in result.rows]
    if fmt == "markdown":
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        lines += ["| " + " | ".join(_escape_markdown(value) for value in row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max([len(header), *(len(row[i]) for row in rows)]) for i, header in enumerate(headers)]
    lines = ["  ".join(header.ljust(widths[i]) for i, header in enumerate(headers)).rstrip(),
             "  ".join("-" * width for width in widths)]
    lines += ["  ".join(value.ljust(widths[i]) for i, value in enumerate(row)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
