"""The crosstalk figure: drawn from the graph, deterministic, and showing what the graph says."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ctckg.export.figure import EFFECTS, crosstalk, effect_of, render_figure
from ctckg.export.model import ReleaseView


@pytest.fixture(scope="module")
def view(release_view: ReleaseView) -> ReleaseView:
    return release_view  # one view per session (tests/conftest.py)


def test_svg_and_png_are_byte_identical_on_rerun(view: ReleaseView) -> None:
    svg = render_figure(view, "svg")
    assert svg == render_figure(view, "svg")
    assert render_figure(view, "png") == render_figure(view, "png")
    text = svg.decode("utf-8")
    assert "<dc:date>" not in text and "Matplotlib v" not in text
    ET.fromstring(svg)  # well-formed XML


def test_figure_is_drawn_from_the_graph(view: ReleaseView) -> None:
    data = crosstalk(view)
    groups = [view.label(group) for group, _ in data.groups]
    assert {"neutrophil", "platelet", "macrophage"} <= set(groups)
    text = render_figure(view, "svg").decode("utf-8")
    for label in groups:
        assert label.split()[0] in text
    assert "circulating" in text
    # the drugs of the graph are drawn, attached to the partner of the findings that name them
    assert data.drugs and all(anchors for anchors in data.drugs.values())
    platelet_drugs = {view.label(d) for d, anchors in data.drugs.items() if "CL:0000233" in anchors}
    assert "acetylsalicylic acid" in platelet_drugs
    assert {edge.effect for edge in data.edges} <= set(EFFECTS)


def test_effect_categories(view: ReleaseView) -> None:
    def lineage(curie: str) -> frozenset[str]:
        return view.lineage[curie] | {curie}

    assert effect_of("epithelial to mesenchymal transition", "promotes") == "EMT and stemness"
    assert effect_of("immune evasion by tumor cells", "promotes", lineage("CTCKG:0001024")) == "immune evasion"
    assert effect_of("type II interferon production", "inhibits", lineage("GO:0032609")) == "immune evasion"
    assert effect_of("natural killer cell mediated cytotoxicity", "inhibits", lineage("GO:0002420")) == "immune evasion"
    assert effect_of("natural killer cell mediated cytotoxicity", "promotes", lineage("GO:0002420")) == "anti-tumour"
    # section 5: platelet MHC class I handed to tumor cells hides them from NK cells [69]
    assert effect_of("platelet-to-tumor cell MHC class I transfer", "promotes",
                     lineage("CTCKG:0002224")) == "immune evasion"
    assert effect_of("metastasis formation", "inhibits") == "anti-tumour"
    assert effect_of("tumor cell extravasation", "promotes") == "adhesion and extravasation"
    assert effect_of("metastasis formation", "promotes") == "pro-metastatic"


def test_immune_evasion_findings_are_never_drawn_as_anti_tumour(view: ReleaseView) -> None:
    from ctckg.sparql import KnowledgeGraph

    evasion = {row["finding"] for row in KnowledgeGraph.open(engine="pyoxigraph").run_named("immune-evasion").records()}
    assert {"CTCKG:0010007", "CTCKG:0010010", "CTCKG:0017008"} <= evasion  # Table 1 rows 7, 10; section 7
    data = crosstalk(view)
    for edge in data.edges:
        if edge.effect == "anti-tumour":
            assert not edge.findings & evasion, (edge.group, sorted(edge.findings & evasion))
    drawn = {f for edge in data.edges if edge.effect == "immune evasion" for f in edge.findings}
    assert "CTCKG:0015034" in drawn  # MHC-I transfer [69]


def test_no_two_label_boxes_intersect(view: ReleaseView) -> None:
    """Every label (title, legend, cells, captions, mediator labels, drugs) keeps clear of every other one, as
    matplotlib measures them; tests/test_browser.py checks the same in Chromium's rendering of the SVG."""
    from ctckg.export.figure import label_boxes

    boxes = label_boxes(view)
    assert len(boxes) > 50
    overlaps = [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes[i + 1:], i + 1)
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert overlaps == []


def test_site_figure_links_cells_labels_edges_and_drugs(view: ReleaseView) -> None:
    from ctckg.export.site import figure_links

    assert b"<a " not in render_figure(view, "svg")  # the committed figure has no site links
    linked = render_figure(view, "svg", links=figure_links(view))
    root = ET.fromstring(linked)
    hrefs = [a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter("{http://www.w3.org/2000/svg}a")]
    assert "term/CL_0000233.html" in hrefs and "term/CTCKG_0001000.html" in hrefs  # platelet, the CTC
    assert "term/CL_0000233.html#findings" in hrefs  # an edge or caption: the partner's findings
    assert any(h.startswith("term/CHEBI_") for h in hrefs)  # a drug
    assert all(a.get("target") == "_top" for a in root.iter("{http://www.w3.org/2000/svg}a"))
