"""The site as a person uses it: `ctckg serve` on a free port, driven in headless Debian Chromium by Playwright.

Search "P-selectin" and reach its page; expand the cell tree down to "platelet"; run the table1 example on the query
page and see its 10 rows; no horizontal scroll at 390 px on the index, a term, a finding and a reference page; the
figure's labels do not overlap as Chromium renders them. Screenshots go to test-output/browser-*.png.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import require, require_tool
from site_build import built_site
from support.browser import CHROMIUM_FLAGS, TEST_OUTPUT_DIR

pytestmark = pytest.mark.slow

_PAGES_390 = {"index": "index.html", "term": "term/CL_0000233.html", "finding": "finding/CTCKG_0010005.html",
              "reference": "reference/CTCKG_0200057.html", "query": "query.html", "hierarchy": "hierarchy.html",
              "cells": "cells.html", "findings": "findings.html", "references": "references.html",
              "ligand-receptor": "ligand-receptor.html", "statements": "statements.html",
              "search": "search.html?q=platelet", "ontology": "ontology/index.html"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, subprocess.Popen]]:
    """`ctckg serve --port 0 --site DIR` (the site `ctckg site` built, the endpoint over the release); yields its
    address. (Without --site, serve builds the same site in memory first.)"""
    site, run = built_site(tmp_path_factory)
    assert run.returncode == 0, run.stderr[-2000:]
    process = subprocess.Popen([sys.executable, "-m", "ctckg", "serve", "--port", "0", "--site", str(site)],
                               stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()  # type: ignore[union-attr]
    try:
        first = lines.get(timeout=120)
    except queue.Empty:
        process.kill()
        pytest.fail("ctckg serve did not start within 120 s")
    assert first.startswith("serving the site at http://127.0.0.1:"), first
    url = first.split(" at ", 1)[1].split()[0]
    yield url, process
    process.terminate()
    try:
        _, errors = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        _, errors = process.communicate()
    assert errors == "", errors[-2000:]  # quiet: no request log, no library log lines


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A Playwright-driven headless Debian Chromium with the project's offline flags and a fresh profile."""
    binary = require_tool("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright (a test extra) is not installed")
    TEST_OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ctckg-chromium-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=binary, headless=True,
            args=[flag for flag in CHROMIUM_FLAGS if flag != "--headless"], viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    page.close()


def _shot(page: object, name: str, full: bool = False) -> Path:
    path = TEST_OUTPUT_DIR / f"browser-{name}.png"
    page.screenshot(path=str(path), full_page=full)  # type: ignore[attr-defined]
    assert path.stat().st_size > 5000
    return path


def test_search_box_reaches_the_p_selectin_page(server: tuple[str, object], page: object) -> None:
    url, _ = server
    page.goto(url + "index.html")
    assert "Table 1 of the review" in page.inner_text("main")
    _shot(page, "index")
    page.locator("#site-search").press_sequentially("P-selectin", delay=30)
    first = page.locator("#search-results[data-query='P-selectin'] a").first  # the answer to the whole word
    first.wait_for(timeout=15000)
    assert first.inner_text().startswith("P-selectin")
    _shot(page, "search")
    page.locator("#site-search").press("Enter")
    page.wait_for_url("**/term/CTCKG_0002202.html")
    assert page.locator("h1").inner_text() == "P-selectin"
    assert "CD62P" in page.inner_text("main")
    assert page.errors == []


def test_search_answers_real_queries(server: tuple[str, object], page: object) -> None:
    """The four queries of the issue, through the site's own search function (lunr.js over the built index)."""
    url, _ = server
    page.goto(url + "search.html?q=NETs")
    page.locator("#search-page a.hit").first.wait_for(timeout=15000)
    top = {text: page.evaluate("t => ctckgSearch(t).then(h => h.slice(0, 10).map(x => x.id))", text)
           for text in ("P-selectin", "CD62P", "CL:0000233", "NETs")}
    assert top["P-selectin"][0] == "CTCKG:0002202"
    assert top["CD62P"][0] == "CTCKG:0002202"  # a synonym
    assert top["CL:0000233"][0] == "CL:0000233"  # an ID: platelet
    assert "CTCKG:0013015" in top["NETs"]  # "NETs promote metastasis …"
    _shot(page, "search-page")


def test_cell_tree_expands_to_platelet(server: tuple[str, object], page: object) -> None:
    url, _ = server
    page.goto(url + "hierarchy.html")
    tree = page.locator("[data-tree=cells]")
    target = tree.locator("[data-node='CL:0000233']")
    assert not target.is_visible()
    chain = page.evaluate("""() => { const out = [];
        let el = document.querySelector('[data-tree=cells] [data-node="CL:0000233"]');
        for (el = el.parentElement; el; el = el.parentElement)
          if (el.tagName === 'DETAILS') out.unshift(el.getAttribute('data-node'));
        return out; }""")
    assert len(chain) >= 3, chain
    for node in chain:  # open each branch from the root down, as a reader would
        tree.locator(f"details[data-node='{node}'] > summary").click()
    assert target.is_visible()
    assert target.locator("a").first.inner_text() == "platelet"
    parent = tree.locator(f"details[data-node='{chain[-1]}'] > summary").inner_text()
    assert "myeloid cell" in parent or "cell" in parent, parent  # an imported parent, shown by its label
    target.scroll_into_view_if_needed()
    _shot(page, "tree")
    target.locator("a").first.click()
    page.wait_for_url("**/term/CL_0000233.html")


def test_query_page_runs_table1(server: tuple[str, object], page: object) -> None:
    url, _ = server
    page.goto(url + "query.html")
    page.locator("button[data-name=table1]").click()
    page.wait_for_function("document.getElementById('query-status').getAttribute('data-rows')", timeout=30000)
    assert page.locator("#query-status").get_attribute("data-rows") == "10"
    rows = page.locator(".yasr table tbody tr")
    assert rows.count() == 10
    assert "neutrophil" in rows.first.inner_text()  # labels next to the IRIs
    assert page.locator(".yasr a[href$='term/CL_0000775.html']").count() >= 1  # links to the site's pages
    page.locator(".yasr").scroll_into_view_if_needed()
    _shot(page, "query")
    # an example with a parameter, changed in its field: what neutrophils make
    page.locator("tr[data-example=cell-products] input[data-param=cell]").fill("CL:0000775")
    page.evaluate("document.getElementById('query-status').setAttribute('data-rows', '')")
    page.locator("button[data-name=cell-products]").click()
    page.wait_for_function("document.getElementById('query-status').getAttribute('data-rows')", timeout=30000)
    assert int(page.locator("#query-status").get_attribute("data-rows")) > 0
    assert "obo/CL_0000775>" in page.evaluate("ctckgYasgui.getTab().getQuery()")
    assert page.errors == []


def test_no_horizontal_scroll_at_390_px(server: tuple[str, object], browser: object) -> None:
    url, _ = server
    page = browser.new_page()  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        for name, path in _PAGES_390.items():
            page.goto(url + path)
            page.wait_for_load_state("load")
            width = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]")
            assert max(width[:2]) <= width[2], (name, width)
            _shot(page, f"390-{name}")
            if name == "ontology":
                continue  # pyLODE's own page (made readable at 390 px by ctckg site)
            assert page.locator("header nav").count() == 1 and page.locator("main").count() == 1
            assert page.locator("img:not([alt])").count() == 0
    finally:
        page.close()


def test_figure_labels_do_not_overlap_when_rendered(server: tuple[str, object], page: object) -> None:
    """Chromium's boxes of every text group of crosstalk.svg: no two intersect; cells, labels and drugs link."""
    url, _ = server
    page.goto(url + "crosstalk.svg")
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('g[id^="text_"]'))
        .filter(g => !g.parentElement.closest('g[id^="text_"]'))
        .map(g => { const r = g.getBoundingClientRect(); return [g.id, r.left, r.top, r.right, r.bottom]; })
        .filter(b => b[3] > b[1] && b[4] > b[2])""")
    assert len(boxes) > 50
    overlaps = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
    assert overlaps == []
    links = page.evaluate("() => Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('xlink:href') "
                          "|| a.getAttribute('href'))")
    assert "term/CL_0000233.html" in links and any(link.startswith("term/CHEBI_") for link in links)
    _shot(page, "figure")
