"""Shared fixtures: the sources and release are loaded once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from support.paths import RELEASE_TTL, VOCAB_DIR
from ctckg.curation.load import Sources, load_sources
from ctckg.curation.vocab import LockedTerms

HERE = Path(__file__).resolve().parent
IN_CI = bool(os.environ.get("CI"))


def require(condition: bool, reason: str) -> None:
    """Skip when a tool or input is missing on a developer machine; fail in CI, which installs everything."""
    if not condition:
        if IN_CI:
            pytest.fail(f"{reason} (CI installs it in .ci/run, so this must not happen there)")
        pytest.skip(reason)


def require_tool(name: str) -> str:
    """Path of an executable, or skip (fail in CI)."""
    path = shutil.which(name)
    require(path is not None, f"{name} is not installed")
    return str(path)


def require_vocab() -> Path:
    """The pinned tables in ../shared/vocab, or skip (fail in CI, which has ../shared)."""
    require((VOCAB_DIR / "CL.tsv").exists(), f"pinned tables not found at {VOCAB_DIR} (only in the project workspace)")
    return VOCAB_DIR


@pytest.fixture(scope="session")
def sources() -> Sources:
    """The curation sources, validated against the committed extract (no ../shared needed)."""
    return load_sources(LockedTerms())


@pytest.fixture(scope="session")
def release_graph() -> Graph:
    """The committed Turtle release."""
    return Graph().parse(RELEASE_TTL)


#: The named graph the shared read-only Virtuoso holds the release in.
VIRTUOSO_GRAPH = "https://w3id.org/ctckg/test-release"


@pytest.fixture(scope="session")
def loaded_virtuoso():
    """One fresh Virtuoso (dba/dba) on loopback holding the release and its imports in VIRTUOSO_GRAPH, shared by the
    read-only server tests (tests/test_virtuoso.py keeps its own: it replaces and appends to its graph)."""
    from click.testing import CliRunner

    from ctckg.cli.main import main
    from support.virtuoso import VIRTUOSO_BINARY, VirtuosoServer

    require_tool(VIRTUOSO_BINARY)
    server = VirtuosoServer().start()
    try:
        result = CliRunner().invoke(main, ["load", "--endpoint", server.gsp_url, "--graph", VIRTUOSO_GRAPH,
                                           "--user", "dba", "--password", "dba", "--timeout", "120"])
        assert result.exit_code == 0, result.output + server.log_tail()
        yield server
    finally:
        server.stop()
