"""Every deterministic export rendered in memory, keyed by its committed path (for `ctckg build --all` / `--check`).

The site is not here: it is a browsing artifact written to an ignored folder (``site/``), not a committed file.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ctckg.export.figure import render_figure
from ctckg.export.graphml import graphml_text
from ctckg.export.interactions import ligand_receptor_tsv
from ctckg.export.jsonld import dumps, jsonld_context, jsonld_document
from ctckg.export.kgx import kgx_tables
from ctckg.export.model import ReleaseView, load_view
from ctckg.export.paths import export_paths
from ctckg.export.sssom import sssom_tsv
from ctckg.project import Project

__all__ = ["FORMATS", "format_outputs", "figure_outputs", "artifact_outputs", "stale_artifacts", "write_artifacts"]

FORMATS = ("kgx", "sssom", "jsonld", "graphml", "interactions")


def format_outputs(view: ReleaseView, fmt: str, out_dir: Path | None = None,
                   exports_dir: Path | None = None) -> dict[Path, str | bytes]:
    """The files of one export format, flat in ``out_dir``, or in their committed place under ``exports_dir``."""
    paths = export_paths(fmt, exports_dir, out_dir)
    if fmt == "kgx":
        nodes, edges = kgx_tables(view)
        return {paths["nodes"]: nodes, paths["edges"]: edges}
    if fmt == "sssom":
        return {paths["sssom"]: sssom_tsv(view)}
    if fmt == "jsonld":
        return {paths["document"]: dumps(jsonld_document(view.graph)),
                paths["context"]: dumps(jsonld_context(view.graph))}
    if fmt == "graphml":
        return {paths["graphml"]: graphml_text(view)}
    if fmt == "interactions":
        return {paths["ligand-receptor"]: ligand_receptor_tsv(view)}
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


def figure_outputs(view: ReleaseView, svg: Path, png: Path | None = None) -> dict[Path, bytes]:
    """The crosstalk figure as SVG (and PNG unless ``png`` is None)."""
    outputs = {svg: render_figure(view, "svg")}
    if png is not None:
        outputs[png] = render_figure(view, "png")
    return outputs


def artifact_outputs(graph: Graph, modules: dict[str, Graph],
                     project: Project | None = None) -> dict[Path, str | bytes]:
    """Every committed export (KGX, SSSOM, JSON-LD + context, GraphML, docs/crosstalk.svg and .png) for a release,
    keyed by its place in ``project`` (default: the checkout found from the working directory).

    ``graph`` is the release graph (the content of ``ontology/ctckg.ttl``) and ``modules`` its import modules by name.
    Text outputs are ``str`` (write as UTF-8), the PNG is ``bytes``.
    """
    project = project or Project.discover()
    view = load_view(graph, modules)
    outputs: dict[Path, str | bytes] = {}
    for fmt in FORMATS:
        outputs.update(format_outputs(view, fmt, exports_dir=project.exports_dir))
    outputs.update(figure_outputs(view, project.figure_svg, project.figure_png))
    return dict(sorted(outputs.items()))


def _same(path: Path, content: str | bytes) -> bool:
    if not path.exists():
        return False
    data = content.encode("utf-8") if isinstance(content, str) else content
    return path.read_bytes() == data


def stale_artifacts(outputs: dict[Path, str | bytes]) -> list[Path]:
    """Paths whose committed bytes differ from ``outputs`` (or that are missing)."""
    return [path for path, content in sorted(outputs.items()) if not _same(path, content)]


def write_artifacts(outputs: dict[Path, str | bytes]) -> list[Path]:
    """Write the outputs that changed (UTF-8 for text, raw bytes otherwise) as one unit: temporary files and renames,
    rolled back together on failure (``ctckg.rdffiles.commit_files``); returns the changed paths."""
    from ctckg.rdffiles import commit_files

    return commit_files(outputs)
