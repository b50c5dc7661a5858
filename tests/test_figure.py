"""The crosstalk figure: drawn from the graph, deterministic, and showing what the graph says."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph

from ctckg.export.figure import EFFECTS, crosstalk, effect_of, render_figure
from ctckg.export.model import ReleaseView, load_release, load_view


@pytest.fixture(scope="module")
def view(release_graph: Graph) -> ReleaseView:
    return load_view(release_graph, load_release()[1])


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


def test_effect_categories() -> None:
    assert effect_of("epithelial to mesenchymal transition", "promotes") == "EMT and stemness"
    assert effect_of("negative regulation of T cell activation", "promotes") == "immune evasion"
    assert effect_of("natural killer cell mediated cytotoxicity", "inhibits") == "immune evasion"
    assert effect_of("natural killer cell mediated cytotoxicity", "promotes") == "anti-tumour"
    assert effect_of("metastasis formation", "inhibits") == "anti-tumour"
    assert effect_of("tumor cell extravasation", "promotes") == "adhesion and extravasation"
    assert effect_of("metastasis formation", "promotes") == "pro-metastatic"
