"""Paths and fixed values of ctckg.export, derived from ctckg.project (the only module that builds paths)."""

from __future__ import annotations

from pathlib import Path

from ctckg.project import BASE_IRI, DOCS_DIR, IMPORTS_DIR, PACKAGE_DIR, RELEASE_TTL, ROOT

__all__ = [
    "EXPORTS_DIR", "KGX_DIR", "KGX_NODES", "KGX_EDGES", "SSSOM_FILE", "JSONLD_DIR", "JSONLD_FILE", "JSONLD_CONTEXT",
    "JSONLD_CONTEXT_IRI", "GRAPHML_FILE", "LIGAND_RECEPTOR_FILE", "FIGURE_SVG", "FIGURE_PNG", "SITE_DIR", "TEST_OUTPUT_DIR", "TEMPLATES_DIR",
    "STATIC_DIR", "RELEASE_TTL", "IMPORTS_DIR", "INFORES", "MAPPING_SET_IRI", "CHROMIUM_FLAGS", "export_paths",
]

#: Committed exports, one folder per format, at the repository root.
EXPORTS_DIR: Path = ROOT / "exports"
KGX_DIR: Path = EXPORTS_DIR / "kgx"
KGX_NODES: Path = KGX_DIR / "ctckg_nodes.tsv"
KGX_EDGES: Path = KGX_DIR / "ctckg_edges.tsv"
SSSOM_FILE: Path = EXPORTS_DIR / "sssom" / "ctckg.sssom.tsv"
JSONLD_DIR: Path = EXPORTS_DIR / "jsonld"
JSONLD_FILE: Path = JSONLD_DIR / "ctckg.jsonld"
JSONLD_CONTEXT: Path = JSONLD_DIR / "context.jsonld"
GRAPHML_FILE: Path = EXPORTS_DIR / "graphml" / "ctckg.graphml"
LIGAND_RECEPTOR_FILE: Path = EXPORTS_DIR / "interactions" / "ligand-receptor.tsv"

#: Where the JSON-LD context is published (the document refers to it relatively, so a local copy works too).
JSONLD_CONTEXT_IRI = f"{BASE_IRI}context.jsonld"
#: The SSSOM mapping set identifier.
MAPPING_SET_IRI = f"{BASE_IRI}mappings/ctckg.sssom.tsv"
#: Information-resource CURIE of ctckg, used as the KGX primary knowledge source.
INFORES = "infores:ctckg"

#: The crosstalk figure, shown in the README and on the site.
FIGURE_SVG: Path = DOCS_DIR / "crosstalk.svg"
FIGURE_PNG: Path = DOCS_DIR / "crosstalk.png"

#: Default output folder of `ctckg site` (ignored by git) and of browser-test artifacts.
SITE_DIR: Path = ROOT / "site"
TEST_OUTPUT_DIR: Path = ROOT / "test-output"

TEMPLATES_DIR: Path = PACKAGE_DIR / "export" / "templates"
STATIC_DIR: Path = PACKAGE_DIR / "export" / "static"

#: Headless Chromium on an offline machine (see ../shared/notes/STACK.md); add a fresh --user-data-dir per run.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars",
)


def export_paths(fmt: str, out_dir: Path | None = None) -> dict[str, Path]:
    """The files ``ctckg export --format FMT`` writes, by role, under ``out_dir`` (default: the committed place)."""
    committed = {
        "kgx": {"nodes": KGX_NODES, "edges": KGX_EDGES},
        "sssom": {"sssom": SSSOM_FILE},
        "jsonld": {"document": JSONLD_FILE, "context": JSONLD_CONTEXT},
        "graphml": {"graphml": GRAPHML_FILE},
        "interactions": {"ligand-receptor": LIGAND_RECEPTOR_FILE},
    }[fmt]
    if out_dir is None:
        return committed
    return {role: out_dir / path.name for role, path in committed.items()}

