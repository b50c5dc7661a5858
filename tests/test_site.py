"""Static site: every page rendered and cross-linked, no broken internal link, and it loads in headless Chromium."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
from rdflib import Graph

from ctckg.export.figure import render_figure
from ctckg.export.linkcheck import broken_links
from ctckg.export.model import ReleaseView, load_release, load_view
from ctckg.export.paths import CHROMIUM_FLAGS, TEST_OUTPUT_DIR
from ctckg.export.site import ontology_docs, page_path, site_files, write_site

from conftest import require_tool

_FIRST_FINDING = "CTCKG:0010001"


@pytest.fixture(scope="module")
def view(release_graph: Graph) -> ReleaseView:
    return load_view(release_graph, load_release()[1])


@pytest.fixture(scope="module")
def site_dir(view: ReleaseView, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    write_site(site_files(view, render_figure(view, "svg"), ontology_docs()), out)
    return out


def test_one_page_per_term_finding_and_reference(view: ReleaseView, site_dir: Path) -> None:
    for finding in view.findings:
        assert (site_dir / page_path(finding.curie, "finding")).is_file()
    for ref in view.references.values():
        assert (site_dir / page_path(ref.curie, "reference")).is_file()
    for curie in view.terms:
        assert (site_dir / page_path(curie, "term")).is_file()
    for listing in ("index", "cells", "molecules", "processes", "drugs", "findings", "references"):
        assert (site_dir / f"{listing}.html").is_file(), listing
    assert (site_dir / "crosstalk.svg").is_file()
    assert "pyLODE" in (site_dir / "ontology" / "index.html").read_text(encoding="utf-8")


def test_pages_show_labels_definitions_ids_evidence_and_references(site_dir: Path) -> None:
    neutrophil = (site_dir / page_path("CL:0000775", "term")).read_text(encoding="utf-8")
    assert "<h1>neutrophil</h1>" in neutrophil
    assert 'href="http://purl.obolibrary.org/obo/CL_0000775"' in neutrophil
    assert page_path(_FIRST_FINDING, "finding") in neutrophil
    finding = (site_dir / page_path(_FIRST_FINDING, "finding")).read_text(encoding="utf-8")
    assert "ECO_0000304" in finding and "../reference/CTCKG_0200030.html" in finding
    assert "../term/CTCKG_0001050.html" in finding  # ICAM-1, linked
    icam = (site_dir / page_path("CTCKG:0001050", "term")).read_text(encoding="utf-8")
    assert "identifiers.org/hgnc:5344" in icam and "cell surface" in icam.lower()
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "Table 1" in index and 'src="crosstalk.svg"' in index
    assert index.count("<td>10</td>") >= 1  # Table 1 row 10


def test_no_broken_internal_link(site_dir: Path) -> None:
    checked, broken = broken_links(site_dir)
    assert checked > 1000
    assert broken == []


def test_link_checker_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<a href="b.html#x">b</a><a href="https://example.org/">ext</a>', "utf-8")
    (tmp_path / "b.html").write_text('<p id="y">', "utf-8")
    assert broken_links(tmp_path) == (1, [("a.html", "b.html#x", "no such anchor")])


def _chromium(binary: str, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="ctckg-chromium-") as profile:
        return subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120)


def test_browser_loads_index_and_a_finding_page(site_dir: Path) -> None:
    """Headless Debian Chromium renders the index and a finding page; screenshots go to test-output/."""
    binary = require_tool("chromium")  # Debian `chromium`, installed by .ci/run
    TEST_OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    pages = {"index": site_dir / "index.html", "finding": site_dir / page_path(_FIRST_FINDING, "finding")}
    for name, page in pages.items():
        dom = _chromium(binary, "--dump-dom", page.as_uri())
        assert dom.returncode == 0, dom.stderr[-2000:]
        assert "</html>" in dom.stdout
        shot = TEST_OUTPUT_DIR / f"site-{name}.png"
        shot.unlink(missing_ok=True)
        run = _chromium(binary, "--window-size=1280,1600", f"--screenshot={shot}", page.as_uri())
        assert run.returncode == 0, run.stderr[-2000:]
        assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20000
    index_dom = _chromium(binary, "--dump-dom", pages["index"].as_uri()).stdout
    assert "Table 1 of the review" in index_dom and "crosstalk.svg" in index_dom
    finding_dom = _chromium(binary, "--dump-dom", pages["finding"].as_uri()).stdout
    assert "neutrophil" in finding_dom and "Chow" in finding_dom
