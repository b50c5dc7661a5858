"""The release, loaded once: the Turtle release and its import modules, from a checkout or from the files that
ship inside the package; the merged rdflib graph, a pyoxigraph store, labels (one rule) and term text.

Every reader of the release goes through this module: validation (:mod:`ctckg.validate`), the local query engines
(:mod:`ctckg.sparql`) and the exporters (:mod:`ctckg.export`). It is the only place that parses a release file
(:func:`read_graph`), loads one into pyoxigraph (:func:`load_store`) or converts an rdflib graph into a pyoxigraph
store (:func:`to_store`).

The release with its import modules is kept in the user cache folder as one N-Quads dump written by pyoxigraph
(``$CTCKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/ctckg``, else ``~/.cache/ctckg``), keyed by the SHA-256 of the files'
bytes and the pyoxigraph version; ``CTCKG_NO_CACHE=1`` turns it off.

    >>> from ctckg import open_release
    >>> release = open_release()
    >>> release.label("http://purl.obolibrary.org/obo/CL_0000233")
    'platelet'
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctckg.errors import display_path
from ctckg.project import Project
from ctckg.sparql.paths import DEFAULT_ENGINE

if TYPE_CHECKING:  # rdflib is imported where a graph is parsed or read, so a cached query does without it
    import pyoxigraph
    from rdflib import Graph
    from rdflib.term import Node

    from ctckg.sparql.api import Rows
    from ctckg.sparql.engine import Engine
    from ctckg.validate.report import Report

__all__ = ["Release", "ReleaseError", "open_release", "read_graph", "read_text", "load_store", "to_store",
           "ox_term", "best_label", "label_in", "term_text", "cache_dir", "hash_file", "write_cache_file", "KEEP_STORES"]

#: Persisted stores kept in the cache folder (the most recently used ones; older releases are removed).
KEEP_STORES = 3


class ReleaseError(ValueError):
    """A release file is missing or cannot be parsed, or an import cannot be resolved (one line, the file named)."""

    complete_message = True


# ------------------------------------------------------------------------------------------------ the one rule


def best_label(labels: Iterable[tuple[str, str | None]]) -> str | None:
    """The label rule of ctckg: English or untagged first, then the alphabetically first (deterministic)."""
    ranked = sorted((0 if (lang or "").lower() in ("", "en") else 1, text) for text, lang in labels)
    return ranked[0][1] if ranked else None


def label_in(graph: Graph, node: Node | str | None) -> str | None:
    """The ``rdfs:label`` of ``node`` in ``graph`` by :func:`best_label` (None when it has none)."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS
    from rdflib.term import Node

    if node is None or isinstance(node, Literal):
        return None
    subject = URIRef(node) if isinstance(node, str) and not isinstance(node, Node) else node
    return best_label((str(o), o.language) for o in graph.objects(subject, RDFS.label) if isinstance(o, Literal))


def term_text(node: Node | None) -> str:
    """A node as a curator reads it: a CURIE for IRIs, the lexical form for literals, ``_:id`` for blank nodes."""
    from rdflib import Literal, URIRef

    from ctckg.namespaces import compress

    if node is None:
        return ""
    if isinstance(node, URIRef):
        return compress(str(node))
    if isinstance(node, Literal):
        return str(node)
    return f"_:{node}"


# ------------------------------------------------------------------------------------------------ the one loader


def read_graph(path: Path, into: Graph | None = None, *, nonempty: bool = False) -> Graph:
    """Parse one RDF file (format by suffix) into ``into`` (a new graph when None); :class:`ReleaseError` names the
    file when it is missing, a folder, unparsable or (with ``nonempty``) holds no triples."""
    from rdflib import Graph

    from ctckg.rdffiles import parse_failure, rdflib_format

    path = Path(path)
    if not path.exists():
        raise ReleaseError(f"{display_path(path)} does not exist")
    if path.is_dir():
        raise ReleaseError(f"{display_path(path)} is a folder, not an RDF file")
    graph = Graph() if into is None else into
    try:
        graph.parse(path, format=rdflib_format(path))
    except Exception as error:  # noqa: BLE001 - rdflib raises many parser-specific types
        raise ReleaseError(parse_failure(path, error)) from None
    if nonempty and len(graph) == 0:
        raise ReleaseError(f"{display_path(path)} holds no triples (empty, or only comments and prefixes)")
    return graph


def read_text(text: str, fmt: str) -> Graph:
    """Parse RDF text (an endpoint's CONSTRUCT answer) in rdflib format ``fmt``."""
    from rdflib import Graph

    return Graph().parse(data=text, format=fmt)


def ox_term(term: Node) -> Any:
    """The pyoxigraph term of an rdflib term (the one rdflib -> oxigraph conversion)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to a pyoxigraph term")


def to_store(graph: Graph) -> pyoxigraph.Store:
    """An in-memory pyoxigraph store with the triples of ``graph`` (SPARQL there is ~10x faster than rdflib's)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.extend(ox.Quad(ox_term(s), ox_term(p), ox_term(o), ox.DefaultGraph()) for s, p, o in graph)
    return store


def _bulk_load(store: Any, path: Path) -> None:
    from ctckg.rdffiles import oxigraph_format, parse_failure

    if path.is_dir():
        raise ReleaseError(f"{display_path(path)} is a folder, not an RDF file")
    try:
        store.bulk_load(path=str(path), format=oxigraph_format(path))
    except Exception as error:  # noqa: BLE001 - pyoxigraph raises several parser-specific types
        raise ReleaseError(parse_failure(path, error)) from None


def load_store(files: Sequence[Path], *, cached: bool = False) -> tuple[Any, bool]:
    """A pyoxigraph store of ``files`` and whether it came from the cache folder (an update then copies it first);
    ``cached``: read it from there (writing it first when missing), else load the files."""
    import pyoxigraph

    files = [Path(path) for path in files]
    store = _cached_store(files) if cached and files else None
    if store is not None:
        return store, True
    store = pyoxigraph.Store()
    for path in files:
        _bulk_load(store, path)
    return store, False


def cache_dir() -> Path | None:
    """The user cache folder of ctckg (None when caching is turned off with ``CTCKG_NO_CACHE``)."""
    if os.environ.get("CTCKG_NO_CACHE", "").strip() not in ("", "0"):
        return None
    base = os.environ.get("CTCKG_CACHE_DIR") or (Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                                                 / "ctckg")
    return Path(base)


def hash_file(digest: Any, path: Path) -> None:
    """Feed the bytes of ``path`` into ``digest`` (a hashlib object) in 1 MiB blocks; OSError when unreadable."""
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)


def write_cache_file(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` in the cache folder whole (a temporary file, then a rename), so a reader never
    sees half a file; False when the cache is not writable (the caller then just does the work again next time)."""
    import tempfile

    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return False
    return True


def _release_key(files: list[Path]) -> str:
    """SHA-256 of the files' names and bytes, and the pyoxigraph version (a new release or engine: a new store)."""
    import hashlib

    import pyoxigraph

    digest = hashlib.sha256(f"oxigraph-store-2\0{pyoxigraph.__version__}".encode())
    for path in files:
        digest.update(f"\0{path.name}\0".encode())
        hash_file(digest, path)
    return digest.hexdigest()[:32]


def _cached_store(files: list[Path]) -> Any:
    """A pyoxigraph store of ``files`` from the cache folder, written there first when missing; None when caching is
    off or the folder is not writable (the caller then loads the files).

    The cache holds the merged files as one N-Quads dump that oxigraph wrote itself, read back into memory without
    re-validating it (``lenient``): 30-40 ms for the release with its imports, and queries then run in memory, 5-15x
    faster than on a persisted (RocksDB) store opened read-only."""
    import shutil
    import tempfile

    import pyoxigraph

    base = cache_dir()
    if base is None or any(not path.is_file() for path in files):
        return None
    folder = base / "stores"
    try:
        target = folder / _release_key(files)
    except OSError:
        return None
    if not (target / "COMPLETE").is_file():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            building = Path(tempfile.mkdtemp(dir=folder, prefix=".building-"))
        except OSError:
            return None
        try:
            store = pyoxigraph.Store()
            for path in files:
                _bulk_load(store, path)
            store.dump(output=str(building / _DUMP), format=pyoxigraph.RdfFormat.N_QUADS)
            del store
            (building / "COMPLETE").write_text("\n".join(str(path) for path in files) + "\n", encoding="utf-8")
            with contextlib.suppress(OSError):  # another process may have finished the same store first
                os.rename(building, target)
        except OSError:
            return None
        finally:
            shutil.rmtree(building, ignore_errors=True)
        _prune(folder, keep=target)
    store = pyoxigraph.Store()
    try:
        try:
            store.load(path=str(target / _DUMP), format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
        except TypeError:  # a pyoxigraph without lenient loading
            store.load(path=str(target / _DUMP), format=pyoxigraph.RdfFormat.N_QUADS)
        os.utime(target)
        return store
    except (OSError, SyntaxError, ValueError):
        return None


#: the file of a cached store: the release and its imports as N-Quads
_DUMP = "release.nq"


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the ``KEEP_STORES`` most recently used stores (and builds abandoned an hour ago)."""
    import shutil

    now = time.time()
    try:
        entries = [entry for entry in folder.iterdir() if entry.is_dir()]
        stores = sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.stat().st_mtime,
                        reverse=True)
        stale = [e for e in entries if e.name.startswith(".building-") and now - e.stat().st_mtime > 3600]
    except OSError:
        return
    for entry in [e for e in stores if e != keep][KEEP_STORES - 1:] + stale:
        shutil.rmtree(entry, ignore_errors=True)


# ------------------------------------------------------------------------------------------------ the release


class Release:
    """One release: its Turtle file and import modules, read once, shared by validation, queries and exports.

    Open it with :func:`open_release` / :meth:`Release.open` (the checkout, else the packaged release files), from
    another file (:meth:`from_file`, its ``owl:imports`` resolved through the catalog) or from graphs in memory
    (:meth:`from_graphs`, what the build validates before it writes).
    """

    def __init__(self, project: Project, source: Path | None = None, *, imports: bool = True,
                 graph: Graph | None = None, modules: dict[str, Graph] | None = None,
                 catalog: Path | None = None) -> None:
        self.project = project
        self.source = Path(source) if source is not None else project.release_ttl
        self.imports = imports
        #: The XML catalog that maps import IRIs to files (unlisted imports are looked up by name beside it).
        self.catalog = Path(catalog) if catalog is not None else project.catalog
        self._given_graph = graph
        self._given_modules = modules
        self._by_catalog = source is None and graph is None

    @classmethod
    def open(cls, project: Project | None = None, *, imports: bool = True) -> Release:
        """The release of ``project`` (default: the checkout found from the working directory, ``--project`` or
        ``$CTCKG_PROJECT``, else the release files packaged with ctckg)."""
        return cls(project or Project.for_release(), imports=imports)

    @classmethod
    def from_file(cls, path: Path, project: Project | None = None) -> Release:
        """The release in ``path`` (Turtle, RDF/XML, N-Triples); its imports through ``project``'s catalog."""
        return cls(project or Project.for_release(), Path(path))

    @classmethod
    def from_graphs(cls, graph: Graph, modules: dict[str, Graph] | None, project: Project | None = None, *,
                    catalog: Path | None = None) -> Release:
        """A release held in memory (the build's, before it is written); ``modules`` None: the modules its
        ``owl:imports`` resolve to through ``catalog`` (default: the project's)."""
        return cls(project or Project.for_release(), graph=graph, modules=modules, catalog=catalog)

    # -- files
    @cached_property
    def module_files(self) -> list[Path]:
        """The import module files: as the catalog lists them for the committed release, else the files the
        release's ``owl:imports`` resolve to through the catalog (by name in ``ontology/imports`` otherwise)."""
        from ctckg.rdffiles import CatalogError, catalog_map, import_module_files

        if not self.imports or self._given_modules is not None:
            return []
        try:
            if self._by_catalog:
                return import_module_files(self.catalog)
            mapping = catalog_map(self.catalog)
        except CatalogError as error:
            raise ReleaseError(str(error)) from None
        from rdflib.namespace import OWL

        files = []
        imports_dir = self.catalog.parent / self.project.imports_dir.name
        for iri in sorted({str(o) for o in self.own.objects(None, OWL.imports)}):
            path = mapping.get(iri) or imports_dir / str(iri).rsplit("/", 1)[-1]
            if not path.exists():
                raise ReleaseError(f"import {iri} is not in {display_path(self.catalog)} nor in "
                                   f"{display_path(imports_dir)}")
            files.append(path)
        return files

    @property
    def files(self) -> list[Path]:
        """The release file and its import module files, in load order."""
        return [self.source, *self.module_files]

    def check_files(self) -> None:
        """:class:`ReleaseError` when a file of the release is missing (with what to run)."""
        if self._given_graph is not None:
            return
        if self.imports and self._by_catalog and not self.catalog.exists() and self.source.exists():
            raise ReleaseError(f"{display_path(self.catalog)} is missing, so the import modules (the CL, GO, "
                               "CHEBI ... hierarchies) cannot be found; run `ctckg build`, or query without them "
                               "(--no-imports)")
        missing = [display_path(path) for path in self.files if not path.exists()]
        if missing:
            raise ReleaseError(f"data file(s) not found: {', '.join(missing)}; run `ctckg build` first")

    # -- graphs
    @cached_property
    def own(self) -> Graph:
        """The release graph alone (without its import modules)."""
        if self._given_graph is not None:
            return self._given_graph
        return read_graph(self.source, nonempty=not self._by_catalog)

    @cached_property
    def modules(self) -> dict[str, Graph]:
        """Import module name (``CL`` for ``CL_import.owl``) -> its graph."""
        if self._given_modules is not None:
            return dict(self._given_modules)
        return {path.name.removesuffix("_import.owl").removesuffix(path.suffix): read_graph(path, nonempty=True)
                for path in self.module_files}

    @cached_property
    def graph(self) -> Graph:
        """The release merged with its import modules: one rdflib graph with every triple of every file."""
        from rdflib import Graph

        merged = Graph()
        for part in [self.own, *(self.modules[name] for name in sorted(self.modules))]:
            merged += part
        return merged

    @property
    def in_files(self) -> bool:
        """True when the release is read from files (not handed over as graphs in memory)."""
        return self._given_graph is None and self._given_modules is None

    def store(self, *, cached: bool = True) -> Any:
        """A pyoxigraph store of the merged release (from the persisted cache for the committed files)."""
        if not self.in_files:
            return to_store(self.graph)
        self.check_files()
        store, _ = load_store(self.files, cached=cached)
        return store

    # -- terms
    def label(self, iri: str | Node) -> str | None:
        """The label of ``iri`` in the merged release by the one rule (:func:`best_label`)."""
        return label_in(self.graph, iri)

    def term_text(self, node: Node | None) -> str:
        """A node as a curator reads it (:func:`term_text`)."""
        return term_text(node)

    # -- what one does with a release
    def engine(self, name: str = DEFAULT_ENGINE, *, timeout: float | None = 30.0,
               allow_network: bool = False) -> Engine:
        """A local query engine (``rdflib`` or ``pyoxigraph``) over this release."""
        from ctckg.sparql.engine import open_engine

        return open_engine(name, release=self, timeout=timeout, allow_network=allow_network)

    def query(self, name_or_sparql: str, engine: str = DEFAULT_ENGINE, **params: str) -> Rows:
        """Run a named competency question (``ctckg queries`` lists them) or SPARQL text; keyword arguments are
        the parameters (CURIE, IRI or label for IRI parameters). Returns the rows as records."""
        from ctckg.sparql.api import KnowledgeGraph, Rows
        from ctckg.sparql.catalog import load_catalog

        kg = KnowledgeGraph(self.engine(engine))
        if name_or_sparql in load_catalog():
            result = kg.run_named(name_or_sparql, params)
        else:
            result = kg.query(name_or_sparql, params, source="query")
        return Rows.of(result)

    def validate(self, *, shacl: bool = True, qc: bool = True) -> Report:
        """SHACL shapes and QC queries on the release merged with its imports; ``report.conforms``."""
        from ctckg.validate.gate import validate_release

        return validate_release(self, shacl=shacl, qc=qc)

    def export(self, kind: str, out_dir: Path) -> list[Path]:
        """Write export ``kind`` (kgx, sssom, jsonld, graphml, interactions) into ``out_dir``; the written paths."""
        from ctckg.export.artifacts import format_outputs, write_artifacts
        from ctckg.export.model import load_view

        outputs = format_outputs(load_view(release=self), kind, Path(out_dir))
        write_artifacts(outputs)
        return sorted(outputs)

    def __repr__(self) -> str:
        return f"Release({display_path(self.source)}, imports={self.imports})"


def open_release(project: Project | Path | str | None = None, *, imports: bool = True) -> Release:
    """Open the release: of the checkout at ``project`` (a :class:`Project` or its root folder), else of the checkout
    found from the working directory (or ``$CTCKG_PROJECT``), else the release files packaged with ctckg."""
    if isinstance(project, (str, Path)):
        project = Project.discover(Path(project))
    return Release.open(project, imports=imports)
