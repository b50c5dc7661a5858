"""Static site: every page rendered and cross-linked, no broken internal link, search, hierarchy, statements,
papers, downloads and dataset metadata; `ctckg site` is quiet. (In a browser: tests/test_browser.py.)"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from ctckg.export.linkcheck import broken_links
from ctckg.export.model import ReleaseView
from ctckg.export.site import page_path
from site_build import built_site

_FIRST_FINDING = "CTCKG:0010001"


@pytest.fixture(scope="module")
def view(release_view: ReleaseView) -> ReleaseView:
    return release_view  # one view per session (tests/conftest.py)


@pytest.fixture(scope="module")
def site_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`ctckg site -o DIR`, run as a reader runs it (once per session, see site_build.py)."""
    return built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def site_dir(site_run: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    out, run = site_run
    assert run.returncode == 0, run.stderr[-3000:]
    return out


def _text(path: Path) -> str:
    """The visible text of a page, tags removed, whitespace collapsed."""
    import html

    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"))
    body = re.sub(r"<(/?(p|li|dt|dd|h[1-6]|td|th|tr|br|div|nav|ul|ol|section)\b[^>]*)>", " ", body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split())


def test_site_command_prints_nothing_on_stderr(site_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, run = site_run
    assert run.returncode == 0
    assert run.stderr == ""  # no INFO:root:… from pyLODE, no DEBUG:asyncio:…
    assert re.fullmatch(r"wrote \d+ files to .+ \(\d+ internal links, 0 broken\)\n", run.stdout), run.stdout


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
    assert "is the has" not in neutrophil and "Findings with it as partner cell" in neutrophil
    assert 'href="http://purl.obolibrary.org/obo/CL_0000775"' in neutrophil
    assert page_path(_FIRST_FINDING, "finding") in neutrophil
    finding = (site_dir / page_path(_FIRST_FINDING, "finding")).read_text(encoding="utf-8")
    assert "ECO_0000304" in finding and "../reference/CTCKG_0200030.html" in finding
    assert "../term/CTCKG_0001050.html" in finding  # ICAM-1, linked
    icam = (site_dir / page_path("CTCKG:0001050", "term")).read_text(encoding="utf-8")
    assert "identifiers.org/hgnc:5344" in icam and "cell surface" in icam.lower()
    # HGNC:5344 (ICAM1) is the gene the protein is a product of (RO:0002204), as the release and SSSOM say; only the
    # UniProtKB record is the same thing
    same_as = re.search(r"<dt>Same as</dt><dd>(.*?)</dd>", icam, re.S)
    product_of = re.search(r"<dt>Gene product of</dt><dd>(.*?)</dd>", icam, re.S)
    assert product_of and "hgnc:5344" in product_of.group(1)
    assert same_as and "P05362" in same_as.group(1) and "hgnc" not in same_as.group(1).lower()
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "Table 1" in index and 'src="crosstalk.svg"' in index
    assert index.count("<td>10</td>") >= 1  # Table 1 row 10


def test_no_broken_internal_link(site_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """`ctckg site` checks every internal link of what it wrote (pages and the figure) and exits 1 on a broken one."""
    _, run = site_run
    checked, broken = map(int, re.search(r"\((\d+) internal links, (\d+) broken\)", run.stdout).groups())
    assert checked > 20000
    assert broken == 0 and run.returncode == 0


def test_link_checker_reads_svg_links(tmp_path: Path) -> None:
    (tmp_path / "a.svg").write_text('<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="b.html">'
                                    '<text>b</text></a><a xlink:href="c.html"><text>c</text></a></svg>', "utf-8")
    (tmp_path / "b.html").write_text("<p>", "utf-8")
    assert broken_links(tmp_path) == (2, [("a.svg", "c.html", "no such file")])


def test_link_checker_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<a href="b.html#x">b</a><a href="https://example.org/">ext</a>', "utf-8")
    (tmp_path / "b.html").write_text('<p id="y">', "utf-8")
    assert broken_links(tmp_path) == (1, [("a.html", "b.html#x", "no such anchor")])


def test_parents_and_ancestors_show_labels(site_dir: Path) -> None:
    platelet = (site_dir / page_path("CL:0000233", "term")).read_text(encoding="utf-8")
    parents = platelet[platelet.index("<dt>Parents</dt>"):platelet.index("</dd>", platelet.index("<dt>Parents</dt>"))]
    assert ">myeloid cell</a>" in parents and ">blood cell</a>" in parents  # CL:0000763 / CL:0000081, labelled
    text = _text(site_dir / page_path("CL:0000233", "term"))
    assert "hematopoietic cell › myeloid cell › platelet" in text  # an ancestors path
    assert "Children tumor-educated platelet" in text
    bare = [page for page in (site_dir / "term").glob("*.html")
            if re.search(r"<dt>Parents</dt><dd><ul class=\"inline\"><li>[A-Za-z]+:\d", page.read_text("utf-8"))]
    assert bare == []  # no parent shown as a bare CURIE


def test_hierarchy_tree_nests_platelet_under_its_imported_parents(site_dir: Path) -> None:
    tree = (site_dir / "hierarchy.html").read_text(encoding="utf-8")
    cells = tree[tree.index('data-tree="cells"'):tree.index('data-tree="molecules"')]
    assert cells.count('id="node-CL_0000233"') == 1
    before = cells[:cells.index('id="node-CL_0000233"')]
    for ancestor in ("CL:0000000", "CL:0000988", "CL:0000081"):  # cell › hematopoietic cell › blood cell
        assert f'data-node="{ancestor}"' in before
    assert "<summary>" in cells and "hematopoietic cell" in cells
    for slug in ("cells", "molecules", "processes", "drugs"):
        assert f'data-tree="{slug}"' in tree
    ids = re.findall(r' id="([^"]+)"', tree)
    assert len(ids) == len(set(ids))  # every anchor once


def test_statements_read_as_linked_sentences(site_dir: Path) -> None:
    page = site_dir / page_path("CTCKG:0015017", "finding")
    assert "P-selectin (on platelet) binds CD44 molecule (on circulating tumor cell) [57, 58]" in _text(page)
    html = page.read_text(encoding="utf-8")
    assert '<a href="../term/CTCKG_0002202.html">P-selectin</a> (on <a href="../term/CL_0000233.html">platelet</a>)' \
           in html and '[<a href="../reference/CTCKG_0200057.html">57</a>' in html
    selectin = _text(site_dir / page_path("CTCKG:0002202", "term"))
    assert "Statements about it" in selectin and "binds CD44 molecule" in selectin
    assert "statements" in _text(site_dir / "statements.html")


def test_ligand_receptor_page_lists_every_binds_statement(site_dir: Path) -> None:
    from support.paths import LIGAND_RECEPTOR_FILE

    rows = LIGAND_RECEPTOR_FILE.read_text(encoding="utf-8").splitlines()[1:]
    page = (site_dir / "ligand-receptor.html").read_text(encoding="utf-8")
    assert page.count("<tr>") - 1 == len(rows) > 0
    assert "P-selectin" in page and " binds " in page


def test_reference_pages_link_the_paper_and_list_every_author_in_order(view: ReleaseView, site_dir: Path) -> None:
    with_links = [ref for ref in view.references.values() if ref.doi and ref.pmid]
    assert with_links
    ref = with_links[0]
    page = (site_dir / page_path(ref.curie, "reference")).read_text(encoding="utf-8")
    assert f'href="https://doi.org/{ref.doi}"' in page
    assert f'href="https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"' in page
    hanley = (site_dir / page_path("CTCKG:0200057", "reference")).read_text(encoding="utf-8")
    authors = re.findall(r"<li>([^<]+)</li>", hanley[hanley.index('class="authors"'):])[:6]
    assert authors == ["Hanley, W.", "McCarty, O.", "Jadhav, S.", "Tseng, Y.", "Wirtz, D.", "Konstantopoulos, K."]
    for ref in view.references.values():  # the order of the release's author list, never re-sorted
        page = (site_dir / page_path(ref.curie, "reference")).read_text(encoding="utf-8")
        start = page.index('class="authors"')
        found = re.findall(r"<li>([^<]+)</li>", page[start:page.index("</ol>", start)])
        assert [a.replace("&#39;", "'") for a in found] == [a.replace("&#39;", "'") for a in
                                                              (html_escape(x) for x in ref.authors)], ref.curie


def html_escape(text: str) -> str:
    import html

    return html.escape(text)


def _search(site_dir: Path, text: str) -> list[str]:
    """The site's search, as its script runs it: lunr over the index `ctckg site` built, every token required."""
    from lunr.index import Index
    from lunr.query import QueryPresence
    from lunr.tokenizer import Tokenizer

    script = (site_dir / "static" / "search-data.js").read_text(encoding="utf-8")
    data = json.loads(script[script.index("{"):script.rindex("}") + 1])
    index = Index.load(data["index"])
    query = index.create_query()
    for token in Tokenizer(text):
        query.term(str(token), presence=QueryPresence.REQUIRED, boost=10)
    return [hit["ref"] for hit in index.query(query)]


def test_search_index_finds_labels_synonyms_ids_and_finding_text(site_dir: Path) -> None:
    assert _search(site_dir, "P-selectin")[0] == "CTCKG:0002202"
    assert _search(site_dir, "CD62P")[0] == "CTCKG:0002202"  # a synonym
    assert _search(site_dir, "CL:0000233")[0] == "CL:0000233"  # an ID
    nets = _search(site_dir, "NETs")
    assert len(nets) >= 10 and "CTCKG:0013015" in nets  # finding text: "NETs promote metastasis …"
    assert "CTCKG:0010002" in _search(site_dir, "beta1-integrin exosomes")
    for page in ("index.html", page_path("CL:0000233", "term"), "query.html"):
        assert 'role="search"' in (site_dir / page).read_text(encoding="utf-8")


def test_index_has_dataset_metadata_and_downloads(site_dir: Path) -> None:
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', index, re.S)
    assert block
    data = json.loads(block.group(1))
    assert data["@type"] == "Dataset" and data["@context"] == "https://schema.org/"
    assert data["version"] and data["license"] and data["name"]
    urls = {d["contentUrl"] for d in data["distribution"]}
    assert {"downloads/ctckg.owl", "downloads/ctckg.ttl", "downloads/ctckg-full.owl",
            "downloads/exports/kgx/ctckg_edges.tsv", "downloads/exports/interactions/ligand-receptor.tsv"} <= urls
    for url in urls:
        assert (site_dir / url).is_file() and f'href="{url}"' in index
    assert 'id="downloads"' in index


def test_landmarks_alt_texts_and_mobile_viewport(site_dir: Path) -> None:
    for page in [site_dir / "index.html", site_dir / "hierarchy.html", *list((site_dir / "term").glob("*.html"))[:20]]:
        html = page.read_text(encoding="utf-8")
        assert "<header>" in html and '<nav aria-label="Main">' in html and '<main id="content">' in html
        assert "<footer>" in html and 'name="viewport"' in html
        assert all('alt="' in tag for tag in re.findall(r"<img\b[^>]*>", html))


def test_query_page_has_the_competency_questions_and_a_vendored_editor(site_dir: Path) -> None:
    page = (site_dir / "query.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="query-config" type="application/json">(.*?)</script>', page,
                                  re.S).group(1))
    names = {ex["name"] for ex in config["examples"]}
    assert {"table1", "cell-products", "ligand-receptor"} <= names
    cell_products = next(ex for ex in config["examples"] if ex["name"] == "cell-products")
    assert "VALUES (?cell) { (<http://purl.obolibrary.org/obo/CL_0000233>) }" in cell_products["text"]
    assert cell_products["values"] in cell_products["text"]
    assert config["prefixes"]["CL"] == "http://purl.obolibrary.org/obo/CL_"
    for script in re.findall(r'<script src="([^"]+)"', page):
        assert not script.startswith(("http:", "https:", "//")), script  # no CDN
        assert (site_dir / script).is_file()
    assert (site_dir / "static/vendor/yasgui/LICENSE").is_file() and (site_dir / "static/vendor/lunr/LICENSE").is_file()


def test_site_figure_links_its_cells_and_drugs(site_dir: Path) -> None:
    import xml.etree.ElementTree as ET

    svg = (site_dir / "crosstalk.svg").read_bytes()
    ET.fromstring(svg)
    assert b'xlink:href="term/CL_0000233.html"' in svg and b'target="_top"' in svg
    assert b'xlink:href="term/CHEBI_' in svg
