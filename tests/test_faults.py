"""Issue 12: nothing lost, nothing half-written, no surprise network. One test (or more) per numbered defect, each
with the exit code and the message a user sees."""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from ctckg import rdffiles
from ctckg.cli.main import main
from ctckg.errors import Problem, describe_exception
from ctckg.rdffiles import CatalogError, WriteFailed, catalog_map, commit_files, recover
from support.paths import ONTOLOGY_DIR, RELEASE_TTL, ROOT

ENGINES = ("rdflib", "pyoxigraph")
TINY = "\n".join(f"<https://example.org/s{i}> <https://example.org/p> <https://example.org/o{i % 7}> ."
                 for i in range(120)) + "\n"


def run(*args: str) -> tuple[int, str]:
    """Invoke the CLI in-process; return (exit code, stdout + stderr)."""
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("data") / "tiny.nt"
    path.write_text(TINY, encoding="utf-8")
    return path


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- 1. local queries never reach the network and always end ---------------------------------------------------

@contextmanager
def silent_listener() -> Iterator[str]:
    """A TCP port that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    stop = threading.Event()
    held: list[socket.socket] = []

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql"
    finally:
        stop.set()
        thread.join(2)
        for connection in held:
            connection.close()
        server.close()


@pytest.mark.parametrize("engine", ENGINES)
def test_service_is_refused_at_once(engine: str, tiny: Path) -> None:
    started = time.monotonic()
    code, out = run("query", "--sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                    "--engine", engine, "--data", str(tiny))
    assert code == 2
    assert "SERVICE <http://127.0.0.1:9/> calls a remote endpoint; local queries never use the network" in out
    assert time.monotonic() - started < 5


def test_service_is_refused_before_the_release_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    from ctckg.sparql import api

    monkeypatch.setattr(api, "open_engine", lambda *a, **k: pytest.fail("the release was loaded"))
    code, out = run("query", "--sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert code == 2 and out.startswith("error: --sparql: SERVICE <http://127.0.0.1:9/> calls a remote endpoint")


@pytest.mark.parametrize("engine", ENGINES)
def test_load_of_remote_iri_is_refused(engine: str, tiny: Path) -> None:
    code, out = run("query", "--sparql", "LOAD <http://127.0.0.1:9/x.ttl>", "--allow-update", "--engine", engine,
                    "--data", str(tiny))
    assert code == 2 and "LOAD <http://127.0.0.1:9/x.ttl> downloads a remote graph" in out


@pytest.mark.parametrize("engine", ENGINES)
def test_load_of_file_iri_is_refused(engine: str, tiny: Path) -> None:
    code, out = run("query", "--sparql", f"LOAD <file://{tiny}>", "--allow-update", "--allow-network",
                    "--engine", engine, "--data", str(tiny))
    assert code == 2 and "reads a local file, which the local engines do not do; give the file with --data" in out


@pytest.mark.parametrize("engine", ENGINES)
def test_service_with_opt_in_ends_within_the_timeout(engine: str, tiny: Path) -> None:
    with silent_listener() as url:
        started = time.monotonic()
        code, out = run("query", "--sparql", f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                        "--allow-network", "--timeout", "0.3", "--engine", engine, "--data", str(tiny))
        elapsed = time.monotonic() - started
    assert code == 2 and "did not finish within 0.3 s" in out
    assert elapsed < 0.3 + 1.5


def test_service_with_opt_in_to_a_closed_port_is_a_message(tiny: Path) -> None:
    code, out = run("query", "--sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                    "--allow-network", "--timeout", "5", "--data", str(tiny))
    assert code == 2 and out.startswith("error: ") and len(out.strip().splitlines()) == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_local_query_runs_under_the_timeout(engine: str, tiny: Path) -> None:
    started = time.monotonic()
    code, out = run("query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                    "--timeout", "0.3", "--engine", engine, "--data", str(tiny))
    assert code == 2 and f"--sparql: the query did not finish within 0.3 s on {engine}" in out
    assert time.monotonic() - started < 0.3 + 1.5


@pytest.mark.parametrize("value", ["nan", "0", "-1", "inf", "soon"])
def test_timeout_must_be_a_positive_number(value: str) -> None:
    code, out = run("query", "table1", "--timeout", value)
    assert code == 2 and "Invalid value for '--timeout'" in out and value in out


# --- 2. no silent data loss ---------------------------------------------------------------------------------

def _copy_tree(tmp_path: Path) -> Path:
    shutil.copytree(ONTOLOGY_DIR, tmp_path / "ontology", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_missing_findings_folder_exits_2_and_changes_nothing(tmp_path: Path) -> None:
    root = _copy_tree(tmp_path)
    shutil.rmtree(root / "ontology/curation/findings")
    before = _hashes(root)
    env = {**os.environ, "CTCKG_PROJECT": str(root), "CTCKG_VOCAB_DIR": str(root / "no-vocab")}
    result = subprocess.run([sys.executable, "-m", "ctckg", "build"], capture_output=True, text=True, env=env)
    assert result.returncode == 2, result.stderr
    assert "ontology/curation/findings: folder: is missing: the build would drop every record it held" in result.stderr
    assert _hashes(root) == before


@pytest.mark.parametrize("text", ["", "# nothing here yet\n\n# really\n", "---\n"])
def test_empty_or_comment_only_source_is_refused(tmp_path: Path, text: str) -> None:
    from ctckg.build.release import source_problems

    for folder in ("terms", "findings"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.yaml").write_text("- id: CTCKG:0010001\n", encoding="utf-8")
    (tmp_path / "findings/s9.yaml").write_text(text, encoding="utf-8")
    problems = source_problems(tmp_path)
    assert [(p.file.endswith("findings/s9.yaml"), p.line, p.field) for p in problems] == [(True, 1, "file")]
    assert "is empty or holds only comments: the build would drop its records" in str(problems[0])


@pytest.mark.parametrize(("given", "env", "checked"), [(None, "", True), (None, "1", False), (True, "", False),
                                                        (False, "1", True)])
def test_allow_shrink_opts_out_of_the_checks(monkeypatch: pytest.MonkeyPatch, given, env: str, checked: bool) -> None:
    from ctckg.build import release
    from ctckg.errors import CurationError

    calls = []
    monkeypatch.setenv("CTCKG_ALLOW_SHRINK", env)
    monkeypatch.setattr(release, "source_problems", lambda folder: calls.append(folder) or [Problem("x", 1, "f", "m")])
    monkeypatch.setattr(release, "read_citations", lambda path: (_ for _ in ()).throw(CurationError([])))
    with pytest.raises(CurationError):
        release.plan_release(allow_shrink=given)
    assert bool(calls) == checked


def test_build_that_drops_findings_references_or_modules_is_refused(release_graph: Graph) -> None:
    from ctckg.build.release import shrink_problems

    assert shrink_problems(release_graph) == []
    smaller = Graph()
    finding = URIRef("https://w3id.org/ctckg/CTCKG_0010001")
    reference = URIRef("https://w3id.org/ctckg/CTCKG_0200030")
    module = next(o for o in release_graph.objects(None, URIRef("http://www.w3.org/2002/07/owl#imports")))
    for triple in release_graph:
        if finding not in (triple[0],) and reference != triple[0] and triple[2] != module:
            smaller.add(triple)
    problems = {p.field: p for p in shrink_problems(smaller)}
    assert set(problems) == {"findings", "references", "imports"}
    line = next(n for n, text in enumerate(RELEASE_TTL.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("CTCKG:0010001 "))
    assert str(problems["findings"]).startswith(f"ontology/ctckg.ttl:{line}: findings: the build would drop 1 of the ")
    assert "(CTCKG:0010001); restore their sources, or pass --allow-shrink if intended" in str(problems["findings"])
    assert "CTCKG:0200030" in str(problems["references"])
    assert module.rsplit("/", 1)[-1] in str(problems["imports"])


def test_stray_import_file_is_reported_not_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    from ctckg.build import release

    imports = tmp_path / "imports"
    imports.mkdir()
    stray = imports / "my_import.owl"
    stray.write_text("<rdf:RDF/> <!-- my own module -->\n", encoding="utf-8")
    old = imports / "OLD_import.owl"
    old.write_text("<!-- Generated by `ctckg imports` from ontology/curation; do not edit by hand. -->\n")
    with caplog.at_level(logging.WARNING, logger="ctckg"):
        changed = release.write_outputs({imports / "CL_import.owl": "new module\n"})
    assert stray.read_text(encoding="utf-8").startswith("<rdf:RDF/>")
    assert not old.exists() and sorted(p.name for p in changed) == ["CL_import.owl", "OLD_import.owl"]
    assert "my_import.owl is not a file the build produces; left as it is" in caplog.text
    assert release.unknown_files({imports / "CL_import.owl": ""}, [imports]) == [stray]


# --- 3. no half-written file ----------------------------------------------------------------------------------

def _old_set(folder: Path) -> dict[Path, str]:
    (folder / "imports").mkdir(parents=True, exist_ok=True)
    files = {folder / "ctckg.ttl": "old ttl\n", folder / "ctckg.owl": "old owl\n", folder / "ctckg-full.owl": "old full\n",
             folder / "imports/CL_import.owl": "old CL\n", folder / "gone.owl": "to be deleted\n"}
    commit_files(files)
    return files


def _new_set(folder: Path) -> tuple[dict[Path, str | bytes], list[Path]]:
    return ({folder / "ctckg.ttl": "new ttl\n", folder / "ctckg.owl": "new owl\n", folder / "ctckg-full.owl": b"new full\n",
             folder / "imports/CL_import.owl": "new CL\n", folder / "imports/GO_import.owl": "new GO\n"},
            [folder / "gone.owl"])


def _new_tree(folder: Path) -> dict[str, bytes]:
    contents, _ = _new_set(folder)
    return {str(p.relative_to(folder)): (c.encode() if isinstance(c, str) else c) for p, c in contents.items()}


def test_full_disk_while_writing_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _old_set(tmp_path)
    before = _tree(tmp_path)
    calls = {"n": 0}
    real = os.fsync

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(rdffiles.os, "fsync", fsync)
    with pytest.raises(WriteFailed) as caught:
        commit_files(*_new_set(tmp_path))
    assert "cannot write: no space left on device; nothing was changed" in str(caught.value)
    assert _tree(tmp_path) == before  # no 0-byte file, no temporary file


def test_exports_are_written_as_one_unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ctckg.export.artifacts import write_artifacts

    target = tmp_path / "exports/jsonld"
    write_artifacts({target / "ctckg.jsonld": "{}\n", target / "context.jsonld": "{}\n"})
    before = _tree(tmp_path)

    real = os.replace
    calls = {"n": 0}

    def replace(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the second file: the first is already renamed and must be put back
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        real(src, dst)

    monkeypatch.setattr(rdffiles.os, "replace", replace)
    with pytest.raises(WriteFailed):
        write_artifacts({target / "ctckg.jsonld": '{"a": 1}\n', target / "context.jsonld": '{"b": 2}\n'})
    assert _tree(tmp_path) == before


def test_write_failure_is_one_line_at_the_cli() -> None:
    error = WriteFailed(ROOT / "exports/jsonld/ctckg.jsonld", "no space left on device")
    assert describe_exception(error) == ("exports/jsonld/ctckg.jsonld: cannot write: no space left on device; "
                                         "nothing was changed")
    denied = PermissionError(errno.EACCES, "Permission denied", "/proc/x")
    assert describe_exception(denied) == "/proc/x: permission denied"


# --- 4. the release is committed as one unit --------------------------------------------------------------------

RENAMES = 5  # files written by _new_set (one rename each)


@pytest.mark.parametrize("failing", range(RENAMES))
def test_failure_at_any_rename_leaves_the_old_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   failing: int) -> None:
    _old_set(tmp_path)
    before = _tree(tmp_path)
    real = os.replace
    calls = {"n": 0}

    def replace(src, dst) -> None:
        calls["n"] += 1
        if calls["n"] == failing + 1:  # fails once, like EPERM on one file
            raise PermissionError(errno.EPERM, "Operation not permitted", str(dst))
        real(src, dst)

    monkeypatch.setattr(rdffiles.os, "replace", replace)
    with pytest.raises(WriteFailed) as caught:
        commit_files(*_new_set(tmp_path))
    assert "permission denied; nothing was changed" in str(caught.value)
    monkeypatch.setattr(rdffiles.os, "replace", real)
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("killed_after", range(RENAMES + 1))
def test_kill_at_any_rename_is_rolled_back_by_the_next_run(tmp_path: Path, killed_after: int) -> None:
    """A child process is killed (os._exit, like SIGKILL: no cleanup) after ``killed_after`` renames; the next run
    finds the journal and restores the old tree; a later build then writes the whole new one."""
    _old_set(tmp_path)
    before = _tree(tmp_path)
    pid = os.fork()
    if pid == 0:  # the child: commit, dying after `killed_after` renames (or at unlink/journal for the last)
        real = os.replace
        calls = {"n": 0}

        def replace(src, dst) -> None:
            if calls["n"] == killed_after:
                os._exit(9)
            calls["n"] += 1
            real(src, dst)

        rdffiles.os.replace = replace
        try:
            contents, delete = _new_set(tmp_path)
            real_unlink = Path.unlink
            if killed_after == RENAMES:
                Path.unlink = lambda self, missing_ok=False: os._exit(9) if self.name.startswith(".ctckg-commit.") \
                    else real_unlink(self, missing_ok=missing_ok)  # killed just before the commit point
            commit_files(contents, delete)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 9
    assert list(tmp_path.glob(".ctckg-commit.*.json")), "the killed run leaves its journal"
    recover([tmp_path])
    assert _tree(tmp_path) == before, "rolled back to the old release"
    commit_files(*_new_set(tmp_path))
    assert _tree(tmp_path) == _new_tree(tmp_path), "the next build writes the new one whole"


def test_orphan_temporary_files_are_removed_and_ignored(tmp_path: Path) -> None:
    names = [".ctckg.ttl.x8d3f.tmp", ".ctckg.owl.4194303.ctckg-new.tmp", ".CL_import.owl.4194303.ctckg-old.tmp"]
    for name in names:
        (tmp_path / name).write_text("half", encoding="utf-8")
    recover([tmp_path])
    assert list(tmp_path.iterdir()) == []
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *[f"ontology/{n}" for n in names],
                              "ontology/.ctckg-commit.123.json"], cwd=ROOT, capture_output=True, text=True)
    assert len(ignored.stdout.split()) == len(names) + 1, ignored.stdout + ignored.stderr


# --- 5. every failure is one clear line and exit 2 --------------------------------------------------------------

def test_unexpected_error_is_one_line_with_a_debug_hint() -> None:
    @click.command("boom")
    def boom() -> None:
        raise RuntimeError("the frobnicator broke")

    main.add_command(boom)
    try:
        result = CliRunner().invoke(main, ["boom"])
        assert result.exit_code == 2
        assert result.output == ("error: RuntimeError: the frobnicator broke; run with --debug for the traceback\n")
        debug = CliRunner().invoke(main, ["--debug", "boom"])
        assert isinstance(debug.exception, RuntimeError)
    finally:
        main.commands.pop("boom")


def test_catch_all_names_the_file_being_read(tmp_path: Path) -> None:
    path = tmp_path / "external-terms.tsv"
    path.write_bytes(b"curie\tlabel\nCL:1\tn\xe9utrophil\n")

    def read(path: Path) -> str:
        return path.read_text(encoding="utf-8")

    try:
        read(path)
    except UnicodeDecodeError as error:
        assert describe_exception(error) == (f"{path}:2: not UTF-8 text: byte 0xe9 at offset 18 (invalid continuation "
                                             "byte); save it as UTF-8")
    try:
        Graph().parse(data="@prefix ex: <https://example.org/> .\nex:a ex:b \"open", format="turtle")
    except Exception as error:  # noqa: BLE001 - whatever rdflib raises, it becomes one line
        assert "\n" not in describe_exception(error)


@pytest.mark.parametrize(("text", "line", "field", "message"), [
    ("- id: CTCKG:0010001\n  [a, b]: 1\n", 2, "yaml", "a key must be a plain word, not a list"),
    ("- id: CTCKG:0010001\n  ? {a: 1}\n  : 2\n", 2, "yaml", "a key must be a plain word, not a mapping"),
    ("- id: CTCKG:0010001\n  note: " + "[" * 20000 + "]" * 20000 + "\n", 2, "yaml", "nested more than 50 levels deep"),
    ("- id: CTCKG:0010001\n  label: caf\xe9\n".encode("latin-1"), 2, "encoding", "not UTF-8 (byte 0xe9)"),
    (b"- id: CTCKG:0010001\n\n  label: a\x00b\n", 3, "encoding", "contains a NUL byte"),
])
def test_bad_yaml_is_a_problem_with_a_line(tmp_path: Path, text: str | bytes, line: int, field: str,
                                           message: str) -> None:
    from ctckg.curation.yamlio import read_yaml

    path = tmp_path / "bad.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    data, problems = read_yaml(path)
    assert data is None and len(problems) == 1
    assert (problems[0].line, problems[0].field) == (line, field) and message in problems[0].message


def test_huge_yaml_literal_is_refused_before_parsing(tmp_path: Path) -> None:
    from ctckg.curation.yamlio import MAX_YAML_BYTES, read_yaml

    path = tmp_path / "huge.yaml"
    path.write_text("- id: CTCKG:0010001\n  description: " + "x" * (MAX_YAML_BYTES + 10) + "\n", encoding="utf-8")
    started = time.monotonic()
    _, problems = read_yaml(path)
    assert time.monotonic() - started < 1
    assert str(problems[0]).endswith("1: file: is 5.2 MB; a curation file holds at most 5 MB")


@pytest.mark.parametrize(("content", "expected"), [
    (None, "citations.tsv: file: is missing"),
    (b"section\tparagraph\treferences\n1\t1\t1,2\n3\t2\t\xff\n", "citations.tsv:3: encoding: not UTF-8 (byte 0xff)"),
    (b"1\t1\t1,2\n", "citations.tsv:1: header: the first row must be the header"),
    (b"section\tparagraph\treferences\n1\tone\t1\n", "citations.tsv:2: row: TSV syntax error"),
])
def test_citations_table_problems(tmp_path: Path, content: bytes | None, expected: str) -> None:
    from ctckg.build.release import read_citations
    from ctckg.errors import CurationError

    path = tmp_path / "citations.tsv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CurationError) as caught:
        read_citations(path)
    assert expected in str(caught.value)


def test_citations_cite_known_references_and_sections(tmp_path: Path) -> None:
    from ctckg.build.release import citation_problems, read_citations

    path = tmp_path / "citations.tsv"
    path.write_text("section\tparagraph\treferences\n1\t1\t1,2\nzz\t1\t999\n", encoding="utf-8")
    problems = [str(p) for p in citation_problems(read_citations(path), set(range(1, 87)), path)]
    assert any(p.endswith("citations.tsv:3: section: 'zz' is not a section of the review (such as 2, 3.1 or table 1)")
               for p in problems)
    assert any(p.endswith("citations.tsv:3: references: reference 999 is not in the reference list (1-86)")
               for p in problems)


def test_non_utf8_external_terms_is_a_problem(tmp_path: Path) -> None:
    from ctckg.build.release import _text_problems

    path = tmp_path / "external-terms.tsv"
    path.write_bytes(b"curie\tlabel\nCL:1\tn\xe9utrophil\n")
    assert [str(p).split(": ", 1)[1] for p in _text_problems(path)] == [
        "encoding: not UTF-8 (byte 0xe9); save the file as UTF-8"]


@pytest.mark.parametrize("engine", ENGINES)
def test_truncated_or_bad_data_file_in_query(engine: str, tmp_path: Path) -> None:
    truncated = tmp_path / "ctckg.ttl"
    truncated.write_text(RELEASE_TTL.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    code, out = run("query", "table1", "--engine", engine, "--data", str(truncated))
    assert code == 2 and f"error: {truncated} cannot be parsed as turtle: " in out
    binary = tmp_path / "data.owl"
    binary.write_bytes(b"\x00\xff\xfe" * 100)
    code, out = run("query", "table1", "--engine", engine, "--data", str(binary))
    assert code == 2 and f"{binary} cannot be parsed" in out


def test_binary_or_non_utf8_query_file(tmp_path: Path, tiny: Path) -> None:
    binary = tmp_path / "q.rq"
    binary.write_bytes(b"\x7fELF\x00\x01")
    code, out = run("query", "--file", str(binary), "--data", str(tiny))
    assert code == 2 and "is a binary file, not SPARQL text" in out
    latin = tmp_path / "l.rq"
    latin.write_bytes(b"SELECT * WHERE {\n ?s ?p \"caf\xe9\" }\n")
    code, out = run("query", "--file", str(latin), "--data", str(tiny))
    assert code == 2 and "l.rq:2: not UTF-8 text (byte 0xe9)" in out


def test_huge_or_deep_sparql_text(tiny: Path) -> None:
    code, out = run("query", "--sparql", 'SELECT * WHERE { ?s ?p "' + "x" * 1_000_001 + '" }', "--data", str(tiny))
    assert code == 2 and "queries are limited to 1,000,000" in out
    code, out = run("query", "--sparql", "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
                    "--data", str(tiny))
    assert code == 2 and out.startswith("error: ")


def test_malformed_catalog(tmp_path: Path) -> None:
    from ctckg.validate.loading import ValidationError, import_graphs

    catalog = tmp_path / "catalog-v001.xml"
    catalog.write_text("<catalog><uri name='x'", encoding="utf-8")
    with pytest.raises(CatalogError, match="catalog-v001.xml: malformed XML catalog"):
        catalog_map(catalog)
    catalog.write_text("<catalog><uri name='https://w3id.org/ctckg/imports/CL_import.owl'/></catalog>", encoding="utf-8")
    with pytest.raises(CatalogError, match="lacks its name or uri attribute; run `ctckg build` to rewrite it"):
        catalog_map(catalog)
    graph = Graph()
    graph.add((URIRef("https://w3id.org/ctckg/ctckg.owl"), URIRef("http://www.w3.org/2002/07/owl#imports"),
               URIRef("https://w3id.org/ctckg/imports/CL_import.owl")))
    with pytest.raises(ValidationError, match="lacks its name or uri attribute"):
        import_graphs(graph, catalog)


# --- 6. lint keeps the curators' comments ---------------------------------------------------------------------

CURATED = """\
# Section 9: a test file. Leading comments stay.
- id: CTCKG:0019002
  label: second finding  # the label was shortened on purpose
  status: stated
  # the partner list was checked against Table 1
  partner_cells:
    - CL:0000775 ! neutrophil  # not the N2 subtype
    - CL:0000233 ! platelet
  description: >-
    A folded description # with a hash that is text,
    # and a line that is text too.
  references:
    - 31
    - 30
- id: CTCKG:0019001
  # first one, kept above its record after sorting
  label: first finding
  status: proposed
  unknown_key: kept as it is
# a closing remark
"""


def test_lint_keeps_comments_and_every_field(tmp_path: Path) -> None:
    from ctckg.curation.lint import canonical_text
    from ctckg.curation.yamlio import parse_yaml

    path = tmp_path / "s9.yaml"
    path.write_text(CURATED, encoding="utf-8")
    text = canonical_text(path, "findings")
    assert text is not None and text != CURATED
    for comment in ("# Section 9: a test file.", "# the label was shortened on purpose",
                    "# the partner list was checked against Table 1", "# not the N2 subtype",
                    "# first one, kept above its record after sorting", "# a closing remark"):
        assert text.count(comment) == 1, comment
    lines = text.splitlines()
    assert lines.index("- id: CTCKG:0019001") < lines.index("- id: CTCKG:0019002")  # sorted by ID
    assert "    - CL:0000775 ! neutrophil  # not the N2 subtype" in lines
    assert lines[lines.index("  # first one, kept above its record after sorting") + 1] == "  label: first finding"
    data, _ = parse_yaml(text)
    assert data[1]["description"] == "A folded description # with a hash that is text, # and a line that is text too."
    assert data[1]["references"] == [30, 31] and data[0]["unknown_key"] == "kept as it is"
    path.write_text(text, encoding="utf-8")
    assert canonical_text(path, "findings") == text  # idempotent


# --- 7. messages that say what is wrong ---------------------------------------------------------------------

def test_problem_without_a_line_says_no_line_0() -> None:
    assert str(Problem("ontology/curation/findings", 0, "folder", "is missing")) == \
        "ontology/curation/findings: folder: is missing"
    assert str(Problem("a.yaml", 3, "", "expected a list")) == "a.yaml:3: expected a list"


def test_scalar_records_carry_their_line() -> None:
    from ctckg.curation.yamlio import dump_yaml, parse_yaml

    data, _ = parse_yaml("- id: CTCKG:0010001\n- just a scalar\n- 12\n")
    assert [getattr(item, "line", 0) for item in data] == [1, 2, 3]
    assert type(data[1]).__name__ == "str" and data[1] == "just a scalar" and data[2] == 12
    assert dump_yaml(data) == "- id: CTCKG:0010001\n- just a scalar\n- 12\n"


def test_validate_on_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("# nothing\n@prefix ex: <https://example.org/> .\n", encoding="utf-8")
    code, out = run("validate", str(empty))
    assert code == 2 and "empty.ttl holds no triples (empty, or only comments and prefixes)" in out


def test_missing_catalog_is_named(tmp_path: Path) -> None:
    from ctckg.project import Project
    from ctckg.release import Release
    from ctckg.sparql.engine import open_engine
    from ctckg.sparql.errors import QueryError

    root = _copy_tree(tmp_path)
    (root / "ontology" / "catalog-v001.xml").unlink()
    with pytest.raises(QueryError, match=r"ontology/catalog-v001.xml is missing, so the import modules .* cannot be "
                                         r"found; run `ctckg build`, or query without them \(--no-imports\)"):
        open_engine("pyoxigraph", release=Release.open(Project.at(root)))


# --- 8. resource bounds on remote answers -------------------------------------------------------------------

@contextmanager
def endless_endpoint() -> Iterator[str]:
    """An HTTP server whose answer never ends (1 MiB chunks, as fast as the client reads)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server API
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            chunk = b" " * (1 << 20)
            try:
                for _ in range(400):
                    self.wfile.write(chunk)
            except OSError:
                pass

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


def test_endless_endpoint_answer_is_cut_at_the_size_limit() -> None:
    from ctckg.sparql.errors import ResultTooLarge
    from ctckg.sparql.remote import http_request

    with endless_endpoint() as url:
        started = time.monotonic()
        with pytest.raises(ResultTooLarge, match="is larger than 8 MiB; add a LIMIT to the query"):
            http_request(url, data=b"query=x", method="POST", timeout=10, max_bytes=8 << 20)
        assert time.monotonic() - started < 5


# --- 9. the same bytes on every engine ----------------------------------------------------------------------

def test_json_output_is_byte_identical_on_both_engines() -> None:
    """rdflib, pyoxigraph from the persisted store in the cache folder (what `ctckg query` uses by default) and
    pyoxigraph loaded into memory print the same bytes for every named question."""
    from ctckg.release import Release
    from ctckg.sparql.api import KnowledgeGraph
    from ctckg.sparql.engine import OxigraphEngine
    from ctckg.sparql.results import format_result

    engines = [KnowledgeGraph.open(engine) for engine in ENGINES]
    engines.append(KnowledgeGraph(OxigraphEngine(Release.open().files)))
    differing = [name for name in KnowledgeGraph.catalog()
                 if len({format_result(kg.run_named(name), "json") for kg in engines}) != 1]
    assert differing == [], "named queries whose JSON output differs between rdflib and pyoxigraph"


def test_group_concat_lists_are_sorted_when_printed() -> None:
    from ctckg.sparql.engine import Result
    from ctckg.sparql.results import format_result, sort_list
    from ctckg.sparql.terms import Term

    assert sort_list("42; 39; 37; 31; 5", "; ") == "5; 31; 37; 39; 42"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    rows = [{"n": Term("literal", "2", xsd + "integer"), "refs": Term("literal", "42; 31", xsd + "string")},
            {"n": Term("literal", "10", xsd + "integer")}]
    result = Result("select", ["n", "refs"], rows, concat={"refs": "; "}, order=())
    data = json.loads(format_result(result, "json"))["results"]["bindings"]
    assert data == [{"n": {"type": "literal", "value": "2", "datatype": xsd + "integer"},
                     "refs": {"type": "literal", "value": "31; 42"}},
                    {"n": {"type": "literal", "value": "10", "datatype": xsd + "integer"},
                     "refs": {"type": "literal", "value": ""}}]


@pytest.mark.slow  # starts Virtuoso
def test_json_output_is_byte_identical_on_a_server(loaded_virtuoso) -> None:
    """Virtuoso (started on loopback by the shared fixture, skipped where it is not installed; CI installs it) prints
    the same bytes as the local engine for every named question."""
    from conftest import VIRTUOSO_GRAPH
    from ctckg.sparql.api import KnowledgeGraph
    from ctckg.sparql.results import format_result

    remote = KnowledgeGraph.open(endpoint=loaded_virtuoso.sparql_url, graph=VIRTUOSO_GRAPH, timeout=60)
    local = KnowledgeGraph.open("pyoxigraph")
    differing = [name for name in KnowledgeGraph.catalog()
                 if format_result(remote.run_named(name), "json") != format_result(local.run_named(name), "json")]
    assert differing == [], "named queries whose JSON output differs between Virtuoso and pyoxigraph"
