"""ctckg.sparql: named competency questions and ad-hoc SPARQL over the release, on rdflib, pyoxigraph or a
remote SPARQL 1.1 endpoint, with parameters bound safely as RDF terms.

Main entry points: ``KnowledgeGraph.open(...)``, ``KnowledgeGraph.run_named(name, **params)``,
``KnowledgeGraph.query(text)``, ``format_result(result, fmt)`` and ``load_catalog()``. Names are imported
lazily so that the command-line interface starts without loading rdflib.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "KnowledgeGraph": "api", "NamedQuery": "catalog", "Param": "catalog", "get_query": "catalog",
    "load_catalog": "catalog", "Result": "engine", "open_engine": "engine", "EndpointError": "errors",
    "ParameterError": "errors", "QueryError": "errors", "QuerySyntaxError": "errors", "UnknownQuery": "errors",
    "UpdateRefused": "errors", "FORMATS": "results", "format_result": "results",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import ``name`` from its module on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'ctckg.sparql' has no attribute {name!r}")
    return getattr(import_module(f"ctckg.sparql.{_EXPORTS[name]}"), name)
