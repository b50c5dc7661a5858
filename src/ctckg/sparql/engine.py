"""Query engines over the release: rdflib (the reference) and pyoxigraph (fast; the command line's default), with
the same API and results.

The release with its import modules is kept in the user cache folder as one N-Quads dump written by pyoxigraph
(``$CTCKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/ctckg``, else ``~/.cache/ctckg``), keyed by the SHA-256 of the files'
bytes, so a changed release is reloaded and a cold ``ctckg query`` does not parse it again; ``CTCKG_NO_CACHE=1``
turns this off. The syntax facts of a query text (query or update, GROUP_CONCAT columns, ORDER BY keys) found by
rdflib's parser are cached there too, by the text's hash.

Parameters are bound as RDF terms through each engine's pre-binding API (rdflib ``initBindings``, pyoxigraph
``substitutions``); query text is never edited. Update operations are refused unless the caller opts in.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctckg.curie import PREFIXES
from ctckg.errors import display_path
from ctckg.release import KEEP_STORES, Release, ReleaseError, best_label, cache_dir, load_store, ox_term, read_graph  # noqa: F401
from ctckg.sparql.errors import NetworkRefused, QueryError, QuerySyntaxError, QueryTimeout, UpdateRefused
from ctckg.sparql.paths import DEFAULT_ENGINE, DEFAULT_TIMEOUT, ENGINES, MAX_QUERY_CHARS
from ctckg.sparql.safe import network_uses
from ctckg.sparql.terms import Term, from_rdflib, to_rdflib

if TYPE_CHECKING:  # rdflib is imported only by the rdflib engine and where a query text is parsed
    from rdflib import Graph

#: a pre-bound value: an engine-independent Term (what ctckg.sparql.params makes) or an rdflib term
Binding = Any
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

__all__ = ["Result", "Engine", "RdflibEngine", "OxigraphEngine", "open_engine", "classify", "check_syntax",
           "best_label", "check_timeout", "check_network"]


@dataclass
class Result:
    """The answer to one query: variables, rows of terms, labels of the IRIs in them, and timing.

    ``kind`` is ``select`` (rows), ``ask`` (``boolean``), or ``construct`` / ``describe`` (rows of ``subject``,
    ``predicate``, ``object``).
    """

    kind: str
    variables: list[str]
    rows: list[dict[str, Term]]
    boolean: bool | None = None
    labels: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    engine: str = ""
    #: variable -> separator of the columns made by GROUP_CONCAT (their order inside is left open by SPARQL)
    concat: dict[str, str] = field(default_factory=dict)
    #: the ORDER BY keys as (variable, descending), () without ORDER BY, None when they are not plain variables
    order: tuple[tuple[str, bool], ...] | None = ()

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Term]]:
        return iter(self.rows)

    def label(self, term: Term | None) -> str | None:
        """The label of an IRI in the results, when the graph has one."""
        return self.labels.get(term.value) if term is not None and term.is_iri else None

    def records(self) -> list[dict[str, Any]]:
        """Typed rows: IRIs as CURIEs with ``<var>_label`` alongside, literals as Python values, unbound as None."""
        records = []
        for row in self.rows:
            record: dict[str, Any] = {}
            for name in self.variables:
                term = row.get(name)
                record[name] = term.python() if term is not None else None
                if term is not None and term.is_iri:
                    record[f"{name}_label"] = self.labels.get(term.value)
            records.append(record)
        return records

    def column(self, name: str) -> list[Any]:
        """The Python values of one variable, in row order (None where unbound)."""
        return [row[name].python() if name in row else None for row in self.rows]

    def comparable(self) -> list[tuple]:
        """Rows as sorted tuples of engine-independent keys (for comparing engines); concatenated lists joined
        with '; ' are compared as sets, since SPARQL leaves the order inside GROUP_CONCAT open."""
        def key(term: Term | None) -> tuple:
            if term is None:
                return ("unbound",)
            kind, value, datatype, lang = term.comparable()
            if kind == "literal" and value == "" and not datatype and not lang:
                return ("unbound",)  # engines differ on GROUP_CONCAT over unbound values: "" or unbound
            if kind == "literal" and "; " in value:
                value = "; ".join(sorted(set(value.split("; "))))
            return (kind, value, datatype, lang)

        if self.kind == "ask":
            return [("boolean", bool(self.boolean))]
        return sorted(tuple(key(row.get(name)) for name in self.variables) for row in self.rows)


def _syntax_error(error: Exception, text: str, source: str) -> QuerySyntaxError:
    line = int(getattr(error, "lineno", 1) or 1)
    column = int(getattr(error, "col", 1) or 1)
    message = str(getattr(error, "msg", error))
    lines = text.splitlines()
    if 0 < line <= len(lines):
        snippet = lines[line - 1]
        message = f"{message}\n    {snippet}\n    {' ' * (column - 1)}^"
    return QuerySyntaxError(message, line, column, source)


def check_timeout(timeout: Any, what: str = "--timeout") -> float:
    """``timeout`` as a positive, finite number of seconds; ``QueryError`` for 0, negative, nan or infinite."""
    try:
        value = float(timeout)
    except (TypeError, ValueError):
        raise QueryError(f"{what} must be a number of seconds, got {timeout!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise QueryError(f"{what} must be a positive number of seconds (such as 30), got {timeout!r}")
    return value


def check_network(text: str, source: str, allow_network: bool) -> None:
    """Refuse the operations of a local query that would reach the network (``SERVICE``, ``LOAD`` of a remote IRI)
    unless ``allow_network``; ``LOAD`` of a local file is refused always (pass the file with ``--data``)."""
    for keyword, target in network_uses(text):
        if keyword == "LOAD" and target.lower().startswith("<file:"):
            raise NetworkRefused(f"{source}: LOAD {target} reads a local file, which the local engines do not do; "
                                 "give the file with --data instead")
        if not allow_network:
            what = "calls a remote endpoint" if keyword == "SERVICE" else "downloads a remote graph"
            raise NetworkRefused(f"{source}: {keyword} {target} {what}; local queries never use the network unless "
                                 "you opt in (--allow-network, bounded by --timeout), or query a server with "
                                 "--endpoint")


def _facts_file(text: str) -> Path | None:
    import hashlib

    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(f"facts-1\0rdflib {_rdflib_version()}\0{text}".encode()).hexdigest()
    return folder / "queries" / f"{key[:32]}.json"


@lru_cache(maxsize=1)
def _rdflib_version() -> str:
    """Which rdflib parses query texts: its package file's path, size and modification time (a new rdflib: new
    facts), found without importing rdflib, which takes longer than a cached query."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("rdflib")
    origin = spec.origin if spec is not None else None
    if origin is None:
        return "unknown"
    try:
        stat = os.stat(origin)
    except OSError:
        return origin
    return f"{origin} {stat.st_size} {stat.st_mtime_ns}"


@lru_cache(maxsize=512)
def _cached_facts(text: str) -> dict[str, Any] | None:
    """The facts rdflib's parser found for ``text`` earlier (kind, concat, order, groupby), or None."""
    import json

    path = _facts_file(text) if len(text) <= MAX_QUERY_CHARS else None
    if path is None or not path.is_file():
        return None
    try:
        facts = json.loads(path.read_text(encoding="utf-8"))
        return facts if isinstance(facts, dict) and facts.get("kind") in _KINDS else None
    except (OSError, ValueError):
        return None


_KINDS = ("select", "ask", "construct", "describe", "update")


def _remember_facts(text: str) -> None:
    """Store the parser's facts about a (valid) ``text`` in the cache folder (best effort, atomic)."""
    import json

    from ctckg.release import write_cache_file

    path = _facts_file(text)
    if path is None or len(text) > MAX_QUERY_CHARS or _cached_facts(text) is not None:
        return
    try:
        kind = classify(text)
        facts: dict[str, Any] = {"kind": kind}
        if kind != "update":
            concat, order = query_shape(text)
            facts.update(concat=[list(pair) for pair in concat],
                         order=None if order is None else [list(key) for key in order], groupby=has_group_by(text))
        write_cache_file(path, json.dumps(facts))
    except QueryError:
        return


def _kind(text: str, source: str) -> str:
    """``classify`` through the facts cache."""
    facts = _cached_facts(text)
    return facts["kind"] if facts is not None else classify(text, source)


def _shape(text: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, bool], ...] | None]:
    """``query_shape`` through the facts cache."""
    facts = _cached_facts(text)
    if facts is None or "concat" not in facts:
        return query_shape(text)
    order = facts["order"]
    return (tuple((str(v), str(sep)) for v, sep in facts["concat"]),
            None if order is None else tuple((str(v), bool(d)) for v, d in order))


def _grouped(text: str) -> bool:
    facts = _cached_facts(text)
    return bool(facts["groupby"]) if facts is not None and "groupby" in facts else has_group_by(text)


@lru_cache(maxsize=512)
def classify(text: str, source: str = "query") -> str:
    """``select``, ``ask``, ``construct``, ``describe`` or ``update``; ``QuerySyntaxError`` (line, column) when
    the text is neither a query nor an update."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"{source}: the query text is {len(text):,} characters; queries are limited to "
                         f"{MAX_QUERY_CHARS:,} (put large data in a file and load it with --data)")
    try:
        parsed = parseQuery(text)
    except RecursionError:
        raise QueryError(f"{source}: the query is nested too deeply to be parsed") from None
    except ParseException as query_error:
        try:
            parseUpdate(text)
        except RecursionError:
            raise QueryError(f"{source}: the query is nested too deeply to be parsed") from None
        except ParseException as update_error:
            worst = max((query_error, update_error), key=lambda e: getattr(e, "loc", 0))
            raise _syntax_error(worst, text, source) from None
        return "update"
    name = parsed[1].name
    return {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
            "DescribeQuery": "describe"}.get(name, "select")


@lru_cache(maxsize=512)
def has_group_by(text: str) -> bool:
    """True when the (valid) query has a GROUP BY clause at the top level."""
    from rdflib.plugins.sparql.parser import parseQuery

    group = parseQuery(text)[1].get("groupby")
    return bool(getattr(group, "condition", None))


_WRAPPERS = ("ConditionalOrExpression", "ConditionalAndExpression", "RelationalExpression", "AdditiveExpression",
             "MultiplicativeExpression", "UnaryNot", "PrimaryExpression")


def _unwrap(expr: Any) -> Any:
    from rdflib.plugins.sparql.parserutils import CompValue

    while isinstance(expr, CompValue) and expr.name in _WRAPPERS and set(expr.keys()) == {"expr"}:
        expr = expr["expr"]
    return expr


def _walk(node: Any) -> Iterator[Any]:
    from rdflib.plugins.sparql.parserutils import CompValue

    yield node
    if isinstance(node, CompValue):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        for value in node:
            yield from _walk(value)


@lru_cache(maxsize=512)
def query_shape(text: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, bool], ...] | None]:
    """What the printers need to make answers engine-independent: the GROUP_CONCAT columns (variable, separator)
    and the top-level ORDER BY keys ((variable, descending); None when a key is an expression)."""
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    try:
        parsed = parseQuery(text)[1]
    except Exception:  # noqa: BLE001 - updates and unparsable text have no shape
        return (), ()
    concat: dict[str, str] = {}
    for node in _walk(parsed):
        # (CompValue.get returns the key itself for a missing key, so membership is tested first)
        if isinstance(node, CompValue) and node.name == "vars" and "evar" in node and "expr" in node:
            expr = _unwrap(node["expr"])
            if isinstance(expr, CompValue) and expr.name == "Aggregate_GroupConcat":
                concat[str(node["evar"])] = str(expr["separator"]) if "separator" in expr else " "
    order: list[tuple[str, bool]] | None = []
    clause = parsed["orderby"] if "orderby" in parsed else None  # noqa: SIM401 - CompValue.get resolves values
    for condition in (clause["condition"] if clause is not None and "condition" in clause else []):
        descending = isinstance(condition, CompValue) and "order" in condition and condition["order"] == "DESC"
        expr = _unwrap(condition["expr"] if isinstance(condition, CompValue) and condition.name == "OrderCondition"
                       else condition)
        if not isinstance(expr, Variable) or order is None:
            order = None
            break
        order.append((str(expr), descending))
    return tuple(sorted(concat.items())), (tuple(order) if order is not None else None)


def check_syntax(text: str, source: str = "query") -> str:
    """Alias of ``classify`` for callers that only want the syntax check."""
    return classify(text, source)


def _guard(text: str, allow_update: bool, source: str) -> str:
    kind = _kind(text, source)
    if kind == "update" and not allow_update:
        raise UpdateRefused(f"{source} is a SPARQL update (it would change the graph); updates are refused unless "
                            "you opt in (allow_update=True, or --allow-update on the command line)")
    return kind


def _cancel(thread: threading.Thread) -> None:
    """Ask a worker thread to stop: raise ``QueryTimeout`` in it at its next Python instruction (best effort)."""
    import ctypes

    if thread.ident is not None and thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(QueryTimeout))


class Engine:
    """Common interface of the local and remote engines.

    Local engines run every query under ``timeout`` seconds (in a worker thread that is asked to stop when the time
    is up) and refuse ``SERVICE`` / ``LOAD`` of remote IRIs unless ``allow_network``.
    """

    name = "engine"
    local = True
    _named = False
    timeout: float | None = DEFAULT_TIMEOUT
    allow_network = False
    _running: threading.Thread | None = None

    def _converted(self, work, source: str):
        """``work()``, with every failure turned into a ``QueryError`` with a message (in the thread that ran it, so
        the engine's objects are released there: pyoxigraph's may not be dropped in another thread)."""
        try:
            return work()
        except QueryError:
            raise
        except RecursionError:
            raise QueryError(f"{source}: the query is nested too deeply to be evaluated") from None
        except MemoryError:
            raise QueryError(f"{source}: out of memory while evaluating the query") from None
        except Exception as error:  # noqa: BLE001 - SERVICE/LOAD network errors, engine-specific failures
            from ctckg.errors import describe_exception

            raise QueryError(f"{source}: {self.name} could not evaluate the query: "
                             f"{describe_exception(error)}") from None

    def _bounded(self, work, source: str, update: bool = False):
        """``work()`` under the time limit; ``QueryTimeout`` when it does not finish in time (the worker is asked to
        stop; until an update that ran out of time has stopped, the engine takes no other query)."""
        if self.timeout is None:
            return self._converted(work, source)
        if self._running is not None and self._running.is_alive():
            self._running.join(1.0)
            if self._running.is_alive():
                raise QueryError(f"{source}: an earlier update that ran out of time is still stopping; try again")
        outcome: dict[str, Any] = {}

        def target() -> None:
            try:
                outcome["value"] = self._converted(work, source)
            except BaseException as error:  # handed to the caller's thread, without the worker's frames
                chained: BaseException | None = error
                while chained is not None:
                    chained.__traceback__ = None
                    chained = chained.__context__
                outcome["error"] = error

        thread = threading.Thread(target=target, name="ctckg-local-query", daemon=True)
        thread.start()
        thread.join(self.timeout)
        if thread.is_alive():
            _cancel(thread)
            if update:
                self._running = thread
            hint = "try --engine pyoxigraph, " if self.name == "rdflib" else ""
            raise QueryTimeout(f"{source}: the query did not finish within {self.timeout:g} s on {self.name}; "
                               f"simplify it, {hint}or raise --timeout")
        error = outcome.get("error")
        if isinstance(error, QueryTimeout):
            raise QueryTimeout(f"{source}: the query did not finish within {self.timeout:g} s on {self.name}")
        if error is not None:
            raise error
        return outcome.get("value")

    def run(self, text: str, bindings: dict[str, Binding] | None = None, *, allow_update: bool = False,
            source: str = "query", with_labels: bool = True, named: bool = False) -> Result:
        """Run a query (or, when opted in, an update) with variables pre-bound to ``bindings``; ``named``: the text
        is a catalog query (its parameters are used in the main group, so a VALUES block binds them the same way)."""
        self._named = named
        kind = _guard(text, allow_update, source)
        if self.local:
            check_network(text, source, self.allow_network)
        started = time.perf_counter()
        if kind == "update":
            if bindings:
                raise QueryError("parameters are not supported for updates")
            if self.local:
                self._bounded(lambda: self._update(text), source, update=True)
            else:
                self._update(text)
            result = Result("update", [], [])
        elif self.local:
            result = self._bounded(lambda: self._query(text, kind, dict(bindings or {}), source), source)
        else:
            result = self._query(text, kind, dict(bindings or {}), source)
        result.seconds = time.perf_counter() - started
        result.engine = self.name
        if result.kind == "select":
            concat, order = _shape(text)
            result.concat, result.order = dict(concat), order
        if named:
            _remember_facts(text)
        if with_labels and result.rows:
            iris = {term.value for row in result.rows for term in row.values() if term.is_iri}
            result.labels = self.labels(sorted(iris))
        return result

    # engines implement these
    def _query(self, text: str, kind: str, bindings: dict[str, Binding], source: str) -> Result:
        raise NotImplementedError

    def _update(self, text: str) -> None:
        raise NotImplementedError

    def labels(self, iris: list[str]) -> dict[str, str]:
        """IRI -> label (rdfs:label) for the IRIs that have one."""
        raise NotImplementedError

    def __len__(self) -> int:
        """Number of triples loaded (a remote endpoint does not know: ``TypeError``)."""
        raise TypeError(f"the number of triples behind the {self.name} engine is not known")

    def __bool__(self) -> bool:
        """An engine is always true (even over an empty graph), so ``if engine:`` never asks for its size."""
        return True


class RdflibEngine(Engine):
    """rdflib's in-memory graph and SPARQL engine (pure Python; the reference engine)."""

    name = "rdflib"

    def __init__(self, files: Iterable[Path] | None = None, graph: Graph | None = None):
        from rdflib import Graph

        self.graph = graph if graph is not None else Graph()
        for path in files or []:
            _load(lambda path=Path(path): read_graph(path, self.graph))
        self._prepared: dict[str, Any] = {}

    def _prepare(self, text: str, source: str) -> Any:
        prepared = self._prepared.get(text)
        if prepared is None:
            from rdflib.plugins.sparql import prepareQuery

            try:
                prepared = prepareQuery(text, initNs=PREFIXES)
            except Exception as error:  # rdflib raises bare Exception for unknown prefixes
                raise QueryError(f"{source}: {error}") from None
            self._prepared[text] = prepared
        return prepared

    def _query(self, text: str, kind: str, bindings: dict[str, Binding], source: str) -> Result:
        prepared = self._prepare(text, source)
        try:
            answer = self.graph.query(prepared, initBindings={name: to_rdflib(value) if isinstance(value, Term)
                                                              else value for name, value in bindings.items()})
        except Exception as error:
            raise QueryError(f"{source}: rdflib could not evaluate the query: {error}") from None
        if kind == "ask":
            return Result("ask", [], [], boolean=bool(answer.askAnswer))
        if kind in ("construct", "describe"):
            rows = [{"subject": from_rdflib(s), "predicate": from_rdflib(p), "object": from_rdflib(o)}  # type: ignore[arg-type]
                    for s, p, o in answer.graph or ()]
            return Result(kind, ["subject", "predicate", "object"], rows)
        variables = [str(v) for v in answer.vars or ()]
        rows = []
        for solution in answer.bindings:
            rows.append({str(var): from_rdflib(value) for var, value in solution.items()
                         if value is not None and str(var) in variables})
        if _grouped(text):
            # SPARQL: GROUP BY over no solutions gives no groups; rdflib yields one empty row instead
            rows = [row for row in rows if row]
        return Result("select", variables, rows)

    def _update(self, text: str) -> None:
        try:
            self.graph.update(text, initNs=PREFIXES)
        except Exception as error:  # rdflib raises bare Exception, e.g. for graph operations on a plain Graph
            raise QueryError(f"rdflib could not run the update: {error}") from None

    def labels(self, iris: list[str]) -> dict[str, str]:
        from rdflib import URIRef
        from rdflib.namespace import RDFS

        found = {}
        for iri in iris:
            label = best_label((str(o), getattr(o, "language", None))
                               for o in self.graph.objects(URIRef(iri), RDFS.label))
            if label is not None:
                found[iri] = label
        return found

    def __len__(self) -> int:
        return len(self.graph)


class OxigraphEngine(Engine):
    """pyoxigraph's in-memory store (Rust); 10-100x faster than rdflib on the same queries."""

    name = "pyoxigraph"

    def __init__(self, files: Iterable[Path] | None = None, *, cached: bool = False, store: Any = None):
        """Load ``files`` into an in-memory store (or use ``store``, e.g. ``Release.store()``); ``cached``: read them
        from (or first write them to) the store kept in the cache folder (an update then works on a copy)."""
        import pyoxigraph

        self._ox = pyoxigraph
        if store is not None:
            self.cached = cached
        else:
            store, self.cached = _load(lambda: load_store([Path(path) for path in files or []], cached=cached))
        self.store = store
        self._label = pyoxigraph.NamedNode(_RDFS_LABEL)

    def _writable(self) -> None:
        """Replace a store from the cache by a copy before an update (the cached one stays the release as built)."""
        if self.cached:
            copy = self._ox.Store()
            copy.bulk_extend(self.store.quads_for_pattern(None, None, None, None))
            self.store, self.cached = copy, False

    def _term(self, term: Binding) -> Any:
        if isinstance(term, Term):
            ox = self._ox
            if term.kind == "uri":
                return ox.NamedNode(term.value)
            if term.kind == "bnode":
                return ox.BlankNode(term.value)
            if term.lang:
                return ox.Literal(term.value, language=term.lang)
            if term.datatype:
                return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
            return ox.Literal(term.value)
        try:
            return ox_term(term)
        except TypeError:
            raise QueryError(f"cannot bind {term!r}") from None

    def _from_ox(self, term: Any) -> Term:
        ox = self._ox
        if isinstance(term, ox.NamedNode):
            return Term("uri", term.value)
        if isinstance(term, ox.BlankNode):
            return Term("bnode", term.value)
        if isinstance(term, ox.Literal):
            return Term("literal", term.value, term.datatype.value if term.datatype else None, term.language)
        raise QueryError(f"unsupported term in results: {term!r}")

    def _query(self, text: str, kind: str, bindings: dict[str, Binding], source: str) -> Result:
        ox = self._ox
        substitutions = {ox.Variable(name): self._term(value) for name, value in bindings.items()}
        try:
            try:
                answer = self.store.query(text, prefixes=PREFIXES, substitutions=substitutions or None)
            except RuntimeError as error:
                if "projection" not in str(error) or not bindings:
                    raise
                if not self._named:
                    raise RuntimeError(f"{error} (pyoxigraph binds only variables the query projects: add them to "
                                       "SELECT, or use --engine rdflib)") from None
                # pyoxigraph pre-binds only projected variables; bind the others as rdflib does, with a VALUES block
                # of strictly serialised terms at the start of the WHERE group (ctckg.sparql.safe.inject_values)
                from ctckg.sparql.safe import inject_values

                answer = self.store.query(inject_values(text, [bindings]), prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"{source}: pyoxigraph rejected the query: {error}") from None
        except RuntimeError as error:
            raise QueryError(f"{source}: pyoxigraph cannot run the query: {error}") from None
        except (OSError, ValueError) as error:
            raise QueryError(f"{source}: pyoxigraph could not evaluate the query: {error}") from None
        if kind == "ask":
            return Result("ask", [], [], boolean=bool(answer))
        if kind in ("construct", "describe"):
            rows = [{"subject": self._from_ox(t.subject), "predicate": self._from_ox(t.predicate),
                     "object": self._from_ox(t.object)} for t in answer]
            return Result(kind, ["subject", "predicate", "object"], rows)
        variables = [v.value for v in answer.variables]
        rows = []
        for solution in answer:
            row = {}
            for name in variables:
                value = solution[name]
                if value is not None:
                    row[name] = self._from_ox(value)
            rows.append(row)
        return Result("select", variables, rows)

    def _update(self, text: str) -> None:
        self._writable()
        try:
            self.store.update(text, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"pyoxigraph rejected the update: {error}") from None
        except (OSError, RuntimeError, ValueError) as error:
            raise QueryError(f"pyoxigraph could not run the update: {error}") from None

    def labels(self, iris: list[str]) -> dict[str, str]:
        found = {}
        for iri in iris:
            quads = self.store.quads_for_pattern(self._ox.NamedNode(iri), self._label, None, None)
            label = best_label((q.object.value, q.object.language) for q in quads
                               if isinstance(q.object, self._ox.Literal))
            if label is not None:
                found[iri] = label
        return found

    def __len__(self) -> int:
        return len(self.store)


def _load(work: Any) -> Any:
    """``work()`` (a release loader of :mod:`ctckg.release`); a file that cannot be read becomes a ``QueryError``."""
    try:
        return work()
    except ReleaseError as error:
        raise QueryError(str(error)) from None


def open_engine(engine: str = DEFAULT_ENGINE, files: Iterable[Path] | None = None, *, imports: bool = True,
                timeout: float | None = DEFAULT_TIMEOUT, allow_network: bool = False,
                release: Release | None = None) -> Engine:
    """Load ``files`` (default: ``release``, else the release found by :meth:`Release.open`, with its import
    modules unless ``imports=False``) into engine ``engine``.

    Every query then runs under ``timeout`` seconds (None: no limit); ``allow_network`` lets ``SERVICE`` and
    ``LOAD`` reach remote IRIs (still under the time limit)."""
    if timeout is not None:
        timeout = check_timeout(timeout)
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    instance: Engine
    if files is not None:  # files a caller names are never kept in the cache folder
        paths = [Path(path) for path in files]
        missing = [display_path(path) for path in paths if not path.exists()]
        if missing:
            raise QueryError(f"data file(s) not found: {', '.join(missing)}; run `ctckg build` first")
        instance = RdflibEngine(paths) if engine == "rdflib" else OxigraphEngine(paths)
    else:
        chosen = release if release is not None else _load(lambda: Release.open(imports=imports))
        _load(chosen.check_files)
        if engine == "rdflib":
            instance = RdflibEngine(graph=_load(lambda: chosen.graph))
        else:
            store, cached = (_load(lambda: load_store(chosen.files, cached=True)) if chosen.in_files
                             else (chosen.store(), False))
            instance = OxigraphEngine(store=store, cached=cached)
    instance.timeout = timeout
    instance.allow_network = allow_network
    return instance
