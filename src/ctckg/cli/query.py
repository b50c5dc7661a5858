"""Click commands of ctckg.sparql, registered on the main CLI group by ctckg.cli.main: ``queries``, ``query``, ``load``.

Exit codes: 0 ok, 2 error (syntax error, bad parameter, refused update, unreachable endpoint ...).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ctckg.cli.params import PathParam
from ctckg.sparql.paths import DEFAULT_ENGINE, DEFAULT_TIMEOUT, ENGINES

if TYPE_CHECKING:
    from pathlib import Path

_FORMATS = ("table", "tsv", "csv", "json", "markdown")
#: The command line's local engine: pyoxigraph (fast; same answers as rdflib, the library's reference engine).
CLI_ENGINE = DEFAULT_ENGINE


def _fail(error: Exception) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(2)


class _Seconds(click.ParamType):
    """A positive, finite number of seconds (0, negative, nan and inf are refused with a clear message)."""

    name = "seconds"

    def convert(self, value, param, ctx):
        from ctckg.sparql.engine import check_timeout
        from ctckg.sparql.errors import QueryError

        if isinstance(value, float):
            return check_timeout(value)
        try:
            return check_timeout(str(value).strip(), "--timeout")
        except QueryError as error:
            self.fail(str(error).replace("--timeout ", ""), param, ctx)


def _endpoint_options(function):
    """Options shared by the commands that talk to a remote endpoint."""
    function = click.option("--password", envvar="CTCKG_SPARQL_PASSWORD", default=None,
                            help="Password for HTTP digest/basic auth (env CTCKG_SPARQL_PASSWORD).")(function)
    function = click.option("--user", envvar="CTCKG_SPARQL_USER", default=None,
                            help="User for HTTP digest/basic auth (env CTCKG_SPARQL_USER).")(function)
    function = click.option("--timeout", type=_Seconds(), default=DEFAULT_TIMEOUT, show_default=True,
                            help="Seconds a query may run (locally too) or the endpoint may take to answer.")(function)
    return function


@click.command("queries")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--show", metavar="NAME", default=None, help="Print one query: headers, parameters and SPARQL text.")
def queries(fmt: str, show: str | None) -> None:
    """List the named competency questions (name, parameters, summary)."""
    import json

    from ctckg.sparql.catalog import get_query, load_catalog
    from ctckg.sparql.errors import QueryError

    try:
        if show:
            click.echo(get_query(show).text.rstrip())
            return
        catalog = load_catalog()
    except QueryError as error:
        _fail(error)
    if fmt == "json":
        click.echo(json.dumps([{"name": q.name, "summary": q.summary, "examples": list(q.examples),
                                "params": [{"name": p.name, "type": p.type, "default": p.default,
                                            "description": p.description} for p in q.params]}
                               for q in catalog.values()], indent=2))
        return
    width = max(len(name) for name in catalog)
    for query in catalog.values():
        params = " ".join(f"[{p.name}={p.default}]" for p in query.params)
        shown = f"\n{' ' * width}    params: {params}" if params else ""
        click.echo(f"{query.name.ljust(width)}  {query.summary}{shown}")


def _query_text(path: Path) -> str:
    """The SPARQL text of ``--file``: UTF-8 text, not binary, not huge (``QueryError`` otherwise)."""
    from ctckg.errors import display_path
    from ctckg.sparql.errors import QueryError
    from ctckg.sparql.paths import MAX_QUERY_CHARS

    if path.stat().st_size > 4 * MAX_QUERY_CHARS:
        raise QueryError(f"{display_path(path)} is {path.stat().st_size:,} bytes; a query file holds SPARQL text, "
                         f"at most {MAX_QUERY_CHARS:,} characters")
    data = path.read_bytes()
    if b"\x00" in data:
        raise QueryError(f"{display_path(path)} is a binary file, not SPARQL text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise QueryError(f"{display_path(path)}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x}); "
                         "save the query as UTF-8") from None


@click.command("query")
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Parameter value (repeatable). IRI parameters take a CURIE, an IRI or a label.")
@click.option("--file", "query_file", type=PathParam(exists=True, dir_okay=False),
              help="Run the SPARQL query in this file instead of a named one.")
@click.option("--sparql", "sparql_text", default=None, help="Run this SPARQL text instead of a named query.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="table", show_default=True)
@click.option("--engine", type=click.Choice(ENGINES), default=CLI_ENGINE, show_default=True,
              help="Local engine (ignored with --endpoint).")
@click.option("--endpoint", default=None, metavar="URL",
              help="Query this SPARQL 1.1 endpoint instead of the local release.")
@click.option("--graph", default=None, metavar="IRI", help="With --endpoint: query only this named graph.")
@click.option("--data", "data_files", multiple=True, type=PathParam(exists=True, dir_okay=False),
              help="Query these RDF files instead of the release (repeatable).")
@click.option("--no-imports", is_flag=True,
              help="Load the release without its import modules (no CL/GO/CHEBI hierarchy).")
@click.option("--allow-update", is_flag=True,
              help="Allow SPARQL updates (they change only the loaded copy or the endpoint).")
@click.option("--allow-network", is_flag=True,
              help="Let a local query use SERVICE or LOAD of remote IRIs (bounded by --timeout); refused otherwise.")
@_endpoint_options
def query(name: str | None, params: tuple[str, ...], query_file: Path | None, sparql_text: str | None, fmt: str,
          engine: str, endpoint: str | None, graph: str | None, data_files: tuple[Path, ...], no_imports: bool,
          allow_update: bool, allow_network: bool, timeout: float, user: str | None, password: str | None) -> None:
    """Run a named competency question (NAME), a query file (--file) or SPARQL text (--sparql)."""
    from ctckg.sparql.api import KnowledgeGraph
    from ctckg.sparql.catalog import get_query
    from ctckg.sparql.errors import QueryError
    from ctckg.sparql.params import parse_assignments
    from ctckg.sparql.results import format_result

    given = [value for value in (name, query_file, sparql_text) if value]
    if len(given) != 1:
        _fail(click.UsageError("give exactly one of NAME, --file or --sparql (`ctckg queries` lists the names)"))
    try:
        values = parse_assignments(params)
        named = get_query(name) if name else None
        text = _query_text(query_file) if query_file else sparql_text
        if text is not None and not endpoint:  # refuse at once, before the release is loaded
            from ctckg.sparql.engine import check_network, classify

            classify(text, query_file.name if query_file else "--sparql")
            check_network(text, query_file.name if query_file else "--sparql", allow_network)
        release = None
        if not endpoint and not data_files:
            from ctckg.cli.main import release_project
            from ctckg.release import Release

            release = Release.open(release_project(), imports=not no_imports)
        kg = KnowledgeGraph.open(engine, imports=not no_imports, files=list(data_files) or None, endpoint=endpoint,
                                 timeout=timeout, graph=graph, user=user, password=password,
                                 allow_network=allow_network, release=release)
        if named is not None:
            result = kg.run_named(named.name, values)
        else:
            source = query_file.name if query_file else "--sparql"
            result = kg.query(text or "", values, allow_update=allow_update, source=source)
    except QueryError as error:
        _fail(error)
    click.echo(format_result(result, fmt))


@click.command("load")
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store HTTP Protocol URL, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso).")
@click.option("--graph", required=True, metavar="IRI", help="Named graph to replace (PUT) or add to (--append, POST).")
@click.option("--append", is_flag=True, help="Add to the graph (POST) instead of replacing it (PUT).")
@click.option("--no-imports", is_flag=True, help="Upload the release without its import modules.")
@click.option("--graph-param", default="graph", show_default=True,
              help="Query parameter naming the graph ('graph' in the GSP standard; Virtuoso also accepts 'graph-uri').")
@_endpoint_options
def load(endpoint: str, graph: str, append: bool, no_imports: bool, graph_param: str, timeout: float,
         user: str | None, password: str | None) -> None:
    """Upload the release (with its import modules) to a SPARQL server with the Graph Store HTTP Protocol."""
    from ctckg.cli.main import release_project
    from ctckg.release import Release, ReleaseError
    from ctckg.sparql.errors import QueryError
    from ctckg.sparql.remote import release_ntriples, upload_graph

    try:
        files = Release.open(release_project(), imports=not no_imports).files
    except ReleaseError as error:
        _fail(error)
    missing = [str(path) for path in files if not path.exists()]
    if missing:
        _fail(FileNotFoundError(f"not found: {', '.join(missing)}; run `ctckg build` first"))
    try:
        data, count = release_ntriples(files)
        status = upload_graph(endpoint, graph, data, replace=not append, timeout=timeout, user=user,
                              password=password, graph_param=graph_param)
    except QueryError as error:
        _fail(error)
    click.echo(f"uploaded {count} triples from {len(files)} file(s) to <{graph}> at {endpoint} (HTTP {status})")


COMMANDS: list[click.Command] = [queries, query, load]
