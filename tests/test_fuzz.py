"""Property-based fuzzing (hypothesis) of the YAML loader, the TSV readers, query parameters, the result writers and
the file writer: any input gives a value or the project's own error (exit 0, 1 or 2), never a traceback, never a
write outside the target.

Fixed seed: every test runs with ``derandomize=True`` (the examples are derived from the test itself, the same on
every run and in CI) and a bounded number of examples, stated per test; about 1,100 examples in all, under 20 s.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctckg.cli.main import main
from ctckg.errors import CurationError, Problem

pytestmark = pytest.mark.slow  # hypothesis: hundreds of examples per test (pytest -m 'not slow' skips it)

FUZZ = settings(derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: Pieces of YAML (and of what breaks YAML) that random text rarely hits on its own.
YAML_PIECES = ["- ", "id: ", "label: ", "CTCKG:0010001", "CL:0000233 ! platelet", "[", "]", "{", "}", ": ", "? ",
               "\n", "  ", "    ", "&a ", "*a ", "!!python/object:os.system ", "!!binary ", "'", '"', "# c", "\x00",
               "\t", "- - ", "|\n", ">-\n", "---\n", "...\n", "~", "1e9", "0x1F", "2019-07-12", "\ufeff", "é", "\r"]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _only_inside(folder: Path, allowed: set[str]) -> None:
    assert {p.name for p in folder.iterdir()} <= allowed


@settings(FUZZ, max_examples=300)
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join)))
def test_yaml_loader_never_raises(scratch: Path, text: str) -> None:
    """300 examples: random text and random YAML fragments."""
    from ctckg.curation.yamlio import parse_yaml, read_yaml

    data, problems = parse_yaml(text, "fuzz.yaml")
    assert all(isinstance(p, Problem) and p.line >= 0 for p in problems)
    path = scratch / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    read_yaml(path)
    _only_inside(scratch, {"fuzz.yaml", "fuzz.tsv"})


@settings(FUZZ, max_examples=150)
@given(st.binary(max_size=300))
def test_yaml_loader_on_bytes(scratch: Path, data: bytes) -> None:
    """150 examples: arbitrary bytes (bad encodings, NUL, BOM)."""
    from ctckg.curation.yamlio import read_yaml

    path = scratch / "fuzz.yaml"
    path.write_bytes(data)
    _, problems = read_yaml(path)
    assert all(isinstance(p, Problem) for p in problems)


@settings(FUZZ, max_examples=120)
@given(st.lists(st.sampled_from(YAML_PIECES + ["  # note\n", "- id: CTCKG:0010002\n", "  references:\n    - 3\n"]),
                max_size=40).map("".join))
def test_lint_never_changes_data(scratch: Path, text: str) -> None:
    """120 examples: lint's canonical form of any file is None (unparsable), or the same data with its comments."""
    from ctckg.curation.lint import canonical_text

    path = scratch / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        canonical_text(path, "findings")
    except CurationError:
        pytest.fail("lint would change the data of:\n" + text)


TSV_PIECES = ["section\tparagraph\treferences\n", "1", "2.1", "zz", "\t", "\n", ",", "3", "-1", "999", "#", " ", "\r",
              "\xff", "\x00", "é", "1\t1\t1,2\n", "table 1"]


@settings(FUZZ, max_examples=200)
@given(st.one_of(st.binary(max_size=200),
                 st.lists(st.sampled_from(TSV_PIECES), max_size=30).map(
                     lambda parts: "".join(parts).encode("utf-8", "surrogateescape"))))
def test_tsv_readers_never_raise(scratch: Path, data: bytes) -> None:
    """200 examples: citations.tsv and external-terms.tsv readers give rows or CurationError with a line."""
    from ctckg.build.release import _text_problems, citation_problems, read_citations

    path = scratch / "fuzz.tsv"
    path.write_bytes(data)
    assert all(isinstance(p, Problem) for p in _text_problems(path))
    try:
        rows = read_citations(path)
    except CurationError as error:
        assert error.problems and all(p.file.endswith("fuzz.tsv") for p in error.problems)
    else:
        citation_problems(rows, set(range(1, 87)), path)


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("data") / "tiny.ttl"
    path.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '<http://purl.obolibrary.org/obo/CL_0000233> rdfs:label "platelet" .\n'
                    '<http://purl.obolibrary.org/obo/CL_0000775> rdfs:label "neutrophil"@en .\n', encoding="utf-8")
    return path


PARAM_TEXT = st.one_of(st.text(max_size=40), st.sampled_from(
    ["CL:0000233", "<http://x/>", "<javascript:x>", "platelet", "1", "-0", "1.5e3", ".5", "CL:", ":", "=", "a=b",
     '"', "\\", "} . ?s ?p ?o {", "#", "\x00", "NaN", "<>", "CTCKG:0010001", "http://[::1", "ex:x y"]))


@settings(FUZZ, max_examples=100)
@given(name=st.sampled_from(["v", "x", "v2"]), value=PARAM_TEXT,
       declared=st.sampled_from(["", "iri", "string", "integer", "decimal"]))
def test_query_parameters_exit_0_or_2(tiny_data: Path, name: str, value: str, declared: str) -> None:
    """100 examples: any --param value for an ad-hoc query (typed by a header or inferred) gives exit 0 or 2, no
    traceback, and writes nothing."""
    header = f"#+ param: v | {declared} |  | fuzzed\n" if declared else ""
    query = header + "SELECT ?v WHERE { OPTIONAL { ?s ?p ?o } } LIMIT 1"
    before = sorted(p.name for p in tiny_data.parent.iterdir())
    result = CliRunner().invoke(main, ["query", "--sparql", query, "--param", f"{name}={value}", "--data",
                                       str(tiny_data), "--engine", "pyoxigraph", "--format", "json"])
    assert sorted(p.name for p in tiny_data.parent.iterdir()) == before
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def _terms():
    from ctckg.sparql.terms import Term

    xsd = "http://www.w3.org/2001/XMLSchema#"
    text = st.text(max_size=20)
    return st.one_of(
        st.builds(lambda v: Term("uri", "http://purl.obolibrary.org/obo/CL_" + v), st.text("0123456789", max_size=7)),
        st.builds(lambda v: Term("literal", v), text),
        st.builds(lambda v, lang: Term("literal", v, None, lang), text, st.sampled_from(["en", "EN-gb", "de"])),
        st.builds(lambda v, dt: Term("literal", v, xsd + dt), st.one_of(text, st.integers().map(str),
                                                                       st.floats().map(str)),
                  st.sampled_from(["integer", "decimal", "double", "string", "boolean", "date"])),
        st.builds(lambda v: Term("bnode", "b" + v), st.text("abc123", max_size=5)),
    )


@settings(FUZZ, max_examples=150)
@given(rows=st.lists(st.dictionaries(st.sampled_from(["a", "b", "c"]), _terms(), max_size=3), max_size=6),
       concat=st.booleans(), ordered=st.sampled_from([(), (("a", False),), (("b", True), ("a", False)), None]))
def test_result_writers_never_raise(rows, concat: bool, ordered) -> None:
    """150 examples: any answer prints in every format; JSON parses, CSV and TSV have one line per row."""
    from ctckg.sparql.engine import Result
    from ctckg.sparql.results import FORMATS, format_result

    result = Result("select", ["a", "b", "c"], rows, concat={"b": "; "} if concat else {}, order=ordered,
                    labels={"http://purl.obolibrary.org/obo/CL_1": "label | with\ttab\nand newline"})
    outputs = {fmt: format_result(result, fmt) for fmt in FORMATS}
    assert len(json.loads(outputs["json"])["results"]["bindings"]) == len(rows)
    assert len(list(csv.reader(io.StringIO(outputs["csv"])))) == len(rows) + 1
    assert len(outputs["tsv"].split("\n")) == len(rows) + 1 and "\r" not in outputs["tsv"]
    assert outputs["table"].endswith(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    assert format_result(result, "json") == outputs["json"]  # deterministic


NAMES = st.text("abcdefgh-_.", min_size=1, max_size=8).filter(lambda n: n not in (".", "..") and not n.startswith("."))


@settings(FUZZ, max_examples=80)
@given(st.dictionaries(st.tuples(st.sampled_from(["", "sub", "sub/deeper"]), NAMES), st.binary(max_size=50),
                       min_size=1, max_size=5))
def test_file_writer_writes_exactly_the_targets(tmp_path_factory: pytest.TempPathFactory, files) -> None:
    """80 examples: commit_files writes every target with its bytes, nothing else, and leaves no temporary file."""
    from ctckg.rdffiles import commit_files

    folder = tmp_path_factory.mktemp("commit")
    contents = {folder / sub / name: data for (sub, name), data in files.items()}
    if len({str(p).lower() for p in contents}) != len(contents) or any(
            p.parent in contents or any(q in contents for q in p.parents) for p in contents):
        return  # a name that is also a folder of another target
    commit_files(contents)
    written = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert written == contents
