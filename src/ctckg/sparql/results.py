"""Serialise results as an aligned text table, TSV, CSV, SPARQL 1.1 JSON results, or Markdown.

Every format prints the engine-independent form of an answer (``canonical_result``), so the same question prints the
same bytes on rdflib, pyoxigraph and a server: GROUP_CONCAT lists sorted, numbers and plain strings written one way,
rows in ORDER BY order with ties (and answers without ORDER BY) in one fixed order.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from ctckg.sparql.engine import Result
from ctckg.sparql.terms import _DECIMALS, _INTEGERS, XSD_STRING, Term

__all__ = ["FORMATS", "format_result", "cell_text", "canonical_result", "sort_list"]

FORMATS = ("table", "tsv", "csv", "json", "markdown")
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _natural(item: str) -> tuple:
    """Sort key of one list item: numbers by value (2 < 10), then text."""
    return (0, int(item), "") if re.fullmatch(r"[+-]?\d{1,30}", item.strip()) else (1, 0, item)


def sort_list(value: str, separator: str) -> str:
    """A GROUP_CONCAT value with its items sorted (numbers by value) and empty items dropped (a query may write
    COALESCE(…, "") for a value some rows lack), so every engine prints the same list."""
    if not separator or separator not in value:
        return value
    return separator.join(sorted((item for item in value.split(separator) if item), key=_natural))


def _number(term: Term) -> Decimal | None:
    if term.kind != "literal" or term.datatype not in _INTEGERS | _DECIMALS:
        return None
    try:
        number = Decimal(term.value.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _canonical_term(term: Term) -> Term:
    """One way to write a value: plain strings without xsd:string, integers and decimals in canonical form."""
    if term.kind != "literal":
        return term
    if term.datatype == XSD_STRING or (term.lang and term.datatype):
        return Term("literal", term.value, None, term.lang.lower() if term.lang else None)
    if term.lang:
        return Term("literal", term.value, None, term.lang.lower())
    number = _number(term)
    if number is not None:
        if term.datatype in _INTEGERS:
            return Term("literal", str(int(number)), term.datatype)
        if term.datatype == _XSD + "decimal":
            text = format(number.normalize(), "f")
            return Term("literal", text if "." in text else text + ".0", term.datatype)
        mantissa = format(float(number), "E")  # xsd:double / float: 1.5E0
        digits, exponent = mantissa.split("E")
        digits = digits.rstrip("0")
        return Term("literal", f"{digits}0E{int(exponent)}" if digits.endswith(".") else f"{digits}E{int(exponent)}",
                    term.datatype)
    return term


def _order_key(term: Term | None) -> tuple:
    """SPARQL's ORDER BY ranking: unbound, blank nodes, IRIs, then literals (numbers by value, others by text)."""
    if term is None:
        return (0, 0, "", "")
    if term.kind == "bnode":
        return (1, 0, term.value, "")
    if term.is_iri:
        return (2, 0, term.value, "")
    number = _number(term)
    if number is not None:
        return (3, 0, number, "")
    return (3, 1, term.value, f"{term.lang or ''}^{term.datatype or ''}")


def canonical_result(result: Result) -> Result:
    """``result`` in its engine-independent form (see the module docstring); ASK and update answers as they are."""
    if result.kind not in ("select", "construct", "describe"):
        return result
    rows = []
    for row in result.rows:
        out: dict[str, Term] = {}
        for name in result.variables:
            term = row.get(name)
            if name in result.concat:
                if term is None:  # GROUP_CONCAT over nothing is "" (some engines leave it unbound)
                    term = Term("literal", "")
                elif term.kind == "literal":
                    term = Term("literal", sort_list(term.value, result.concat[name]), term.datatype, term.lang)
            if term is not None:
                out[name] = _canonical_term(term)
        rows.append(out)
    order = result.order if result.kind == "select" else ()
    if order is not None:
        rows.sort(key=lambda row: tuple(_order_key(row.get(name)) for name in result.variables))
        for name, descending in reversed(order):
            rows.sort(key=lambda row: _order_key(row.get(name)), reverse=descending)
    return replace(result, rows=rows)


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
        for name in result.variables:
            term = row.get(name)
            if term is None:
                continue
            value: dict[str, str] = {"type": term.kind, "value": term.value}
            if term.lang:
                value["xml:lang"] = term.lang
            elif term.datatype:
                value["datatype"] = term.datatype
            binding[name] = value
        bindings.append(binding)
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, indent=2,
                      ensure_ascii=False)


def _csv_line(values: list[str]) -> str:
    """One CSV record (RFC 4180 quoting: any field with a comma, quote, CR or LF is quoted), ended by LF."""
    return ",".join(f'"{v.replace(chr(34), chr(34) * 2)}"' if any(c in v for c in ',"\r\n') else v
                    for v in values) + "\n"


def _escape_markdown(text: str) -> str:
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def format_result(result: Result, fmt: str = "table") -> str:
    """``result`` in format ``fmt`` (one of ``FORMATS``); ASK answers print ``true`` / ``false``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    result = canonical_result(result)
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
            stream.write("".join(_csv_line(row) for row in [headers, *rows]))
        else:
            clean = [[value.replace("\t", " ").replace("\r", " ").replace("\n", " ") for value in row] for row in rows]
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
