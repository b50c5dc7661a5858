"""Fixed values of ctckg.export (identifiers, file names of each export format); no paths: where the files go is
given by a ``ctckg.project.Project`` (``project.exports_dir``) or an explicit output folder."""

from __future__ import annotations

from pathlib import Path

from ctckg.project import BASE_IRI

__all__ = ["EXPORT_FILES", "INFORES", "JSONLD_CONTEXT_IRI", "MAPPING_SET_IRI", "export_paths"]

#: Committed exports, by format and role: the file's place under the exports folder (``exports/`` of a checkout).
EXPORT_FILES: dict[str, dict[str, str]] = {
    "kgx": {"nodes": "kgx/ctckg_nodes.tsv", "edges": "kgx/ctckg_edges.tsv"},
    "sssom": {"sssom": "sssom/ctckg.sssom.tsv"},
    "jsonld": {"document": "jsonld/ctckg.jsonld", "context": "jsonld/context.jsonld"},
    "graphml": {"graphml": "graphml/ctckg.graphml"},
    "interactions": {"ligand-receptor": "interactions/ligand-receptor.tsv"},
}

#: Where the JSON-LD context is published (the document refers to it relatively, so a local copy works too).
JSONLD_CONTEXT_IRI = f"{BASE_IRI}context.jsonld"
#: The SSSOM mapping set identifier.
MAPPING_SET_IRI = f"{BASE_IRI}mappings/ctckg.sssom.tsv"
#: Information-resource CURIE of ctckg, used as the KGX primary knowledge source.
INFORES = "infores:ctckg"


def export_paths(fmt: str, exports_dir: Path | None = None, out_dir: Path | None = None) -> dict[str, Path]:
    """The files ``ctckg export --format FMT`` writes, by role: in their committed place under ``exports_dir``, or
    flat in ``out_dir`` (one of the two must be given)."""
    files = EXPORT_FILES[fmt]
    if out_dir is not None:
        return {role: Path(out_dir) / Path(name).name for role, name in files.items()}
    if exports_dir is None:
        raise ValueError("export_paths needs the exports folder of a checkout or an output folder")
    return {role: Path(exports_dir) / name for role, name in files.items()}
