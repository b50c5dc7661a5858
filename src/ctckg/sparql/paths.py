"""Fixed values of ctckg.sparql (engines, limits, time-outs); no paths: those come from a ``ctckg.project.Project``
or from the package (``ctckg.project.resource_path``)."""

from __future__ import annotations

__all__ = ["DEFAULT_ENGINE", "ENGINES", "DEFAULT_TIMEOUT", "MAX_QUERY_CHARS", "MAX_RESPONSE_BYTES", "MAX_ROWS"]

ENGINES = ("rdflib", "pyoxigraph")
#: The local engine every entry point uses unless told otherwise: pyoxigraph (issue 15: several times faster, same
#: answers; rdflib stays selectable and the tests compare the two).
DEFAULT_ENGINE = "pyoxigraph"
#: Seconds to wait for a remote SPARQL endpoint before giving up.
DEFAULT_TIMEOUT = 30.0
#: Longest SPARQL text accepted (characters); larger data belongs in a file given with --data.
MAX_QUERY_CHARS = 1_000_000
#: Largest answer read from a remote endpoint (bytes) and most rows kept from any answer.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
MAX_ROWS = 1_000_000
