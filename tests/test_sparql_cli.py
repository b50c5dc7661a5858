"""The `ctckg queries`, `ctckg query` and `ctckg load` commands: output, formats, exit codes (0 ok, 2 error)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctckg.cli.main import main
from ctckg.sparql import load_catalog


def run(*args: str) -> tuple[int, str, str]:
    """Invoke the CLI; return (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_queries_lists_every_named_question() -> None:
    code, out, _ = run("queries")
    assert code == 0
    for name, query in load_catalog().items():
        assert name in out and query.summary[:40] in out
    code, out, _ = run("queries", "--format", "json")
    assert {q["name"] for q in json.loads(out)} == set(load_catalog())
    code, out, _ = run("queries", "--show", "table1")
    assert code == 0 and "#+ summary:" in out and "SELECT" in out


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_every_named_query_prints_rows(name: str) -> None:
    code, out, err = run("query", name, "--engine", "pyoxigraph")
    assert code == 0, err
    assert "(0 rows)" not in out and "row" in out.splitlines()[-1]


def test_formats() -> None:
    code, out, _ = run("query", "table1", "--format", "tsv")
    lines = out.splitlines()
    assert code == 0 and lines[0].split("\t")[:3] == ["row", "partner", "partner_label"] and len(lines) == 11
    code, out, _ = run("query", "table1", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[6]["partner_label"] == "platelet" and rows[6]["references"] == "68"
    code, out, _ = run("query", "table1", "--format", "json")
    data = json.loads(out)
    assert data["head"]["vars"][0] == "row" and len(data["results"]["bindings"]) == 10
    assert data["results"]["bindings"][0]["partner"] == {"type": "uri", "value": "http://purl.obolibrary.org/obo/CL_0000775"}
    code, out, _ = run("query", "table1", "--format", "markdown")
    assert out.splitlines()[0].startswith("| row | partner |") and "CL:0000233 ! platelet" in out


def test_parameters_on_the_command_line() -> None:
    code, out, _ = run("query", "partner-cell-mechanisms", "--param", "cell=myeloid suppressor cell", "--format", "tsv")
    assert code == 0 and "reactive oxygen species" in out
    code, _, err = run("query", "partner-cell-mechanisms", "--param", "cell=no such cell")
    assert code == 2 and "no term has the label or synonym 'no such cell'" in err
    code, _, err = run("query", "partner-cell-mechanisms", "--param", "cellz=platelet")
    assert code == 2 and "unknown parameter(s) cellz; this query takes: cell" in err
    code, _, err = run("query", "partner-cell-mechanisms", "--param", "cell")
    assert code == 2 and "NAME=VALUE" in err
    code, _, err = run("query", "no-such-query")
    assert code == 2 and "no named query 'no-such-query'" in err


def test_adhoc_sparql_and_file(tmp_path: Path) -> None:
    code, out, _ = run("query", "--sparql", "SELECT ?n WHERE { ?r CTCKG:0000025 ?n } ORDER BY ?n LIMIT 2",
                       "--format", "tsv")
    assert code == 0 and out.splitlines() == ["n", "1", "2"]
    query = tmp_path / "q.rq"
    query.write_text("#+ param: cell | iri | CL:0000775 | a cell\n"
                     "SELECT ?cell ?f WHERE { ?f CTCKG:0000003 ?cell }\n", encoding="utf-8")
    code, out, err = run("query", "--file", str(query), "--param", "cell=platelet", "--format", "tsv",
                         "--engine", "pyoxigraph")
    assert code == 0, err
    assert "CTCKG:0010007" in out and "CTCKG:0010001" not in out
    code, out, _ = run("query", "--sparql", "ASK { CTCKG:0010007 CTCKG:0000003 ?cell }", "--param", "cell=CL:0000233")
    assert code == 0 and out.strip() == "true"


def test_syntax_error_exits_2_with_line_and_column() -> None:
    code, _, err = run("query", "--sparql", "SELECT ?s\nWHERE { ?s ?p }")
    assert code == 2
    assert "SPARQL syntax error in --sparql at line 2, column" in err


def test_update_refused_unless_opted_in() -> None:
    code, _, err = run("query", "--sparql", "DROP ALL")
    assert code == 2 and "updates are refused" in err
    code, out, _ = run("query", "--sparql", 'INSERT DATA { <http://example.org/a> <http://example.org/b> "c" }',
                       "--allow-update", "--no-imports")
    assert code == 0 and "update done" in out


def test_pyoxigraph_needs_projected_parameters() -> None:
    code, _, err = run("query", "--sparql", "SELECT ?f WHERE { ?f CTCKG:0000003 ?cell }", "--param", "cell=platelet",
                       "--engine", "pyoxigraph")
    assert code == 2 and "add them to SELECT" in err


def test_exactly_one_query_source() -> None:
    code, _, err = run("query")
    assert code == 2 and "exactly one of NAME, --file or --sparql" in err
