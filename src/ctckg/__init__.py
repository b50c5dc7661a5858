"""ctckg: the CTC–blood-microenvironment knowledge graph, built from Heeke et al., Cells 2019.

The public API (imported lazily, so ``ctckg --help`` does not load rdflib)::

    from ctckg import open_release

    release = open_release()                        # the checkout's release, else the one shipped with ctckg
    rows = release.query("table1")                  # a named competency question: rows as dicts
    frame = rows.to_dataframe()                     # pandas (pip install 'ctckg[pandas]')
    graph = release.graph                           # the release merged with its imports (rdflib Graph)
    report = release.validate()                     # SHACL + QC; report.conforms
    release.export("kgx", "out/")                   # KGX, SSSOM, JSON-LD, GraphML, interactions
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ctckg._meta import VERSION

if TYPE_CHECKING:
    from ctckg.project import NoCheckout, Project
    from ctckg.release import Release, ReleaseError, open_release
    from ctckg.sparql.api import Rows

__version__ = VERSION
_EXPORTS = {"Project": "ctckg.project", "NoCheckout": "ctckg.project", "Release": "ctckg.release",
            "ReleaseError": "ctckg.release", "open_release": "ctckg.release", "Rows": "ctckg.sparql.api"}
__all__ = ["__version__", "NoCheckout", "Project", "Release", "ReleaseError", "Rows", "open_release"]


def __getattr__(name: str) -> Any:
    """Import ``name`` from its module on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'ctckg' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
