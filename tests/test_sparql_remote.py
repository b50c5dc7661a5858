"""Remote endpoints without a real server: dead and silent endpoints fail clearly within the timeout."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from ctckg.cli.main import main
from ctckg.sparql import EndpointError, KnowledgeGraph
from ctckg.sparql.remote import upload_graph, with_prefixes


@pytest.fixture
def silent_endpoint() -> Iterator[str]:
    """A loopback socket that accepts connections and never answers."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
                accepted.append(connection)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql"
    stop.set()
    thread.join(2)
    for connection in accepted:
        connection.close()
    server.close()


@pytest.fixture
def dead_endpoint() -> str:
    """A loopback port that nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/sparql"


def test_silent_endpoint_times_out_clearly(silent_endpoint: str) -> None:
    kg = KnowledgeGraph.open(endpoint=silent_endpoint, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(EndpointError, match=r"no answer from .* within 0.3 s"):
        kg.run_named("table1")
    assert time.monotonic() - started < 3.0


def test_silent_endpoint_cli_exit_2(silent_endpoint: str) -> None:
    started = time.monotonic()
    result = CliRunner().invoke(main, ["query", "table1", "--endpoint", silent_endpoint, "--timeout", "0.3"])
    assert result.exit_code == 2
    assert "no answer from" in result.stderr and "--timeout" in result.stderr
    assert time.monotonic() - started < 3.0


def test_silent_store_upload_times_out(silent_endpoint: str) -> None:
    started = time.monotonic()
    with pytest.raises(EndpointError, match="no answer"):
        upload_graph(silent_endpoint, "https://w3id.org/ctckg/test", b"<a:b> <a:c> <a:d> .", timeout=0.3,
                     user="dba", password="dba")
    assert time.monotonic() - started < 3.0


def test_dead_endpoint_fails_fast(dead_endpoint: str) -> None:
    kg = KnowledgeGraph.open(endpoint=dead_endpoint, timeout=5.0)
    started = time.monotonic()
    with pytest.raises(EndpointError, match="cannot reach .*refused"):
        kg.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert time.monotonic() - started < 5.0
    result = CliRunner().invoke(main, ["load", "--endpoint", dead_endpoint, "--graph", "https://w3id.org/ctckg/t"])
    assert result.exit_code == 2 and "cannot reach" in result.stderr


def test_syntax_is_checked_before_sending(dead_endpoint: str) -> None:
    result = CliRunner().invoke(main, ["query", "--endpoint", dead_endpoint, "--sparql", "SELECT WHERE {"])
    assert result.exit_code == 2 and "SPARQL syntax error" in result.stderr


def test_bad_endpoint_and_graph_values() -> None:
    with pytest.raises(EndpointError, match="http"):
        KnowledgeGraph.open(endpoint="ftp://example.org/sparql").query("ASK {}")
    result = CliRunner().invoke(main, ["query", "table1", "--endpoint", "http://127.0.0.1:9/sparql",
                                       "--graph", "not an iri"])
    assert result.exit_code == 2 and "--graph must be an absolute IRI" in result.stderr


def test_missing_prefixes_are_declared_for_remote_queries() -> None:
    text = with_prefixes("SELECT ?f WHERE { ?f CTCKG:0000003 CL:0000233 }")
    assert text.startswith("PREFIX CTCKG: <https://w3id.org/ctckg/CTCKG_>")
    assert "PREFIX CL: <http://purl.obolibrary.org/obo/CL_>" in text and "PREFIX GO:" not in text
    declared = "PREFIX CL: <http://example.org/>\nSELECT * WHERE { ?s ?p CL:x }"
    assert with_prefixes(declared) == declared


def test_an_endpoint_engine_is_true_and_has_no_made_up_size(dead_endpoint: str) -> None:
    engine = KnowledgeGraph.open(endpoint=dead_endpoint, timeout=5.0).engine
    assert bool(engine) is True and (engine or None) is engine  # no request is sent to decide
    with pytest.raises(TypeError, match="the number of triples behind the endpoint engine is not known"):
        len(engine)
