"""The query API: open the release once (locally or at an endpoint), run named or ad-hoc queries with safe
parameters, get typed rows.

    >>> from ctckg.sparql import KnowledgeGraph
    >>> kg = KnowledgeGraph.open(engine="pyoxigraph")
    >>> result = kg.run_named("partner-cell-mechanisms", cell="platelet")
    >>> result.records()[0]["partner_label"]
    'platelet'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctckg.curie import PREFIXES
from ctckg.sparql.catalog import NamedQuery, Param, get_query, load_catalog, parse_named_query
from ctckg.sparql.engine import Engine, Result, open_engine
from ctckg.sparql.params import bind_params
from ctckg.sparql.paths import DEFAULT_ENGINE, DEFAULT_TIMEOUT
from ctckg.sparql.terms import Term

if TYPE_CHECKING:
    from ctckg.release import Release

__all__ = ["KnowledgeGraph", "Rows", "infer_params", "header_params"]


class Rows(list[dict[str, Any]]):
    """The rows of a query as records (one dict per row: IRIs as CURIEs with ``<var>_label`` beside them, literals
    as Python values, unbound as None), with the full :class:`Result` in ``.result``."""

    result: Result

    @classmethod
    def of(cls, result: Result) -> Rows:
        """The records of ``result`` in its engine-independent form (lists of GROUP_CONCAT sorted, rows in the
        query's order, as the command line prints them); an ASK answer is one row ``{"boolean": ...}``."""
        from ctckg.sparql.results import canonical_result

        records = [{"boolean": result.boolean}] if result.kind == "ask" else canonical_result(result).records()
        rows = cls(records)
        rows.result = result
        return rows

    @property
    def columns(self) -> list[str]:
        """The column names, in order (each IRI variable followed by its ``_label`` column)."""
        return list(self[0]) if self else list(self.result.variables)

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame (the optional extra ``ctckg[pandas]``)."""
        try:
            import pandas
        except ImportError:
            raise ImportError("to_dataframe needs pandas: pip install 'ctckg[pandas]'") from None
        return pandas.DataFrame.from_records(list(self), columns=self.columns)


def header_params(text: str) -> tuple[Param, ...]:
    """The ``#+ param:`` declarations of an ad-hoc query text (empty when it has none)."""
    import tempfile

    if "#+" not in text:
        return ()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "adhoc.rq"
        path.write_text(text if "#+ summary:" in text else "#+ summary: ad-hoc\n" + text, encoding="utf-8")
        return parse_named_query(path).params


def infer_params(values: dict[str, str], declared: tuple[Param, ...] = ()) -> tuple[Param, ...]:
    """Parameters for an ad-hoc query: declared ones, plus a type guessed for the others (``<IRI>`` or a CURIE
    with a known prefix -> iri, an integer -> integer, a decimal -> decimal, anything else -> string)."""
    params = list(declared)
    names = {p.name for p in declared}
    for name, value in values.items():
        if name in names:
            continue
        prefix = value.split(":", 1)[0] if ":" in value else None
        if (value.startswith("<") and value.endswith(">")) or (prefix in PREFIXES) \
                or re.match(r"^https?://", value):
            kind = "iri"
        elif re.fullmatch(r"[+-]?\d+", value):
            kind = "integer"
        elif re.fullmatch(r"[+-]?\d*\.\d+", value):
            kind = "decimal"
        else:
            kind = "string"
        params.append(Param(name, kind, ""))
    return tuple(params)


class KnowledgeGraph:
    """One opened graph (rdflib, pyoxigraph or a remote endpoint) and the catalog of named queries."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, engine: str = DEFAULT_ENGINE, *, imports: bool = True, files: Iterable[Path] | None = None,
             endpoint: str | None = None, timeout: float = DEFAULT_TIMEOUT, graph: str | None = None,
             user: str | None = None, password: str | None = None,
             allow_network: bool = False, release: Release | None = None) -> KnowledgeGraph:
        """Load the release (with its import modules unless ``imports=False``) into ``engine``, or connect to
        ``endpoint`` (SPARQL 1.1 protocol; ``graph`` restricts the default graph). ``release``: an opened
        :class:`ctckg.release.Release` (default: :meth:`Release.open`).

        Every query runs under ``timeout`` seconds, locally too; local queries never reach the network (``SERVICE``,
        ``LOAD`` of a remote IRI) unless ``allow_network``."""
        if endpoint:
            from ctckg.sparql.remote import RemoteEngine

            return cls(RemoteEngine(endpoint, timeout=timeout, graph=graph, user=user, password=password))
        return cls(open_engine(engine, files, imports=imports, timeout=timeout, allow_network=allow_network,
                               release=release))

    @staticmethod
    def catalog() -> dict[str, NamedQuery]:
        """The named competency questions."""
        return load_catalog()

    def bindings(self, query: NamedQuery, params: dict[str, str] | None = None) -> dict[str, Term]:
        """The RDF terms a named query would be run with (given values, else defaults), as engine-independent
        :class:`ctckg.sparql.terms.Term` values."""
        return bind_params(query.params, dict(params or {}), self.engine)

    def run_named(self, name: str, params: dict[str, str] | None = None, **kwargs: str) -> Result:
        """Run competency question ``name``; parameters as a dict and/or keyword arguments (strings as typed on
        the command line: CURIE, IRI or label for IRI parameters)."""
        query = get_query(name)
        values = {**(params or {}), **kwargs}
        return self.engine.run(query.text, self.bindings(query, values), source=f"{query.name}.rq", named=True)

    def query(self, text: str, params: dict[str, str] | None = None, *, allow_update: bool = False,
              source: str = "query") -> Result:
        """Run an ad-hoc query; ``params`` follow the ``#+ param:`` headers in ``text`` when present, otherwise
        their type is inferred (see ``infer_params``)."""
        from ctckg.sparql.engine import classify

        classify(text, source)  # syntax errors first, before parameters are resolved
        values = dict(params or {})
        declared = infer_params(values, header_params(text))
        bindings = bind_params(declared, values, self.engine, use_defaults=bool(declared and "#+" in text))
        return self.engine.run(text, bindings, allow_update=allow_update, source=source)
