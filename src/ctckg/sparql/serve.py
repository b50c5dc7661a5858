"""``ctckg serve``: the site and a read-only SPARQL 1.1 Protocol endpoint over the release, in one process.

Engine: pyoxigraph (Oxigraph's Rust SPARQL engine, already the project's fast engine), through the project's query
API (:class:`ctckg.sparql.engine.OxigraphEngine`), so the endpoint answers exactly as ``ctckg query --engine
pyoxigraph`` does: the same release files and import modules, the project prefixes predefined, updates refused,
``SERVICE``/``LOAD`` refused, every query under a time limit. HTTP: a small standard WSGI application served by the
standard library's ``wsgiref`` server (one thread per request), so it also runs under any WSGI server
(``gunicorn 'ctckg.sparql.serve:create_app()'``). We chose it over the ``oxigraph`` wheel's own server because that one
serves no static site (the query page would need CORS and a second port), and going through the project's engine
keeps one set of refusals and limits for the command line and the server.

Routes: ``/query`` (and ``/sparql``): SPARQL 1.1 Protocol query operation, GET ``?query=`` or POST (form or
``application/sparql-query``); answers as SPARQL JSON (default), XML, CSV or TSV, graphs as N-Triples or Turtle.
Updates get 403, syntax errors 400, answers over ``max_rows`` 413, timeouts 503. Everything else is the site.
"""

from __future__ import annotations

import csv
import io
import json
import mimetypes
import socketserver
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

__all__ = ["SparqlApp", "create_app", "run_server", "QUERY_PATH", "MAX_BODY_BYTES"]

#: Path of the SPARQL endpoint (``/sparql`` is an alias).
QUERY_PATH = "/query"
#: Largest request body accepted (bytes).
MAX_BODY_BYTES = 4 * 1024 * 1024

_JSON = "application/sparql-results+json"
_XML = "application/sparql-results+xml"
_CSV = "text/csv"
_TSV = "text/tab-separated-values"
_NT = "application/n-triples"
_TTL = "text/turtle"
_TABLE_TYPES = (_JSON, _XML, _CSV, _TSV, "application/json")
_GRAPH_TYPES = (_NT, _TTL, "text/plain")

StartResponse = Callable[..., object]
#: Media types of the release and export files (mimetypes does not know them).
_MEDIA = {".ttl": "text/turtle", ".owl": "application/rdf+xml", ".jsonld": "application/ld+json",
          ".tsv": "text/tab-separated-values", ".graphml": "application/xml"}


class _HttpError(Exception):
    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _negotiate(accept: str, offered: tuple[str, ...]) -> str:
    """The offered media type the Accept header ranks highest (ties: the earlier offered one; none: the first)."""
    ranges = []
    for item in (accept or "*/*").split(","):
        kind, *params = [part.strip().lower() for part in item.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        ranges.append((kind, q))

    def quality(media: str) -> float:
        major = media.split("/")[0]
        found = [q for kind, q in ranges if kind in (media, "*/*", f"{major}/*")]
        return max(found) if found else 0.0

    ranked = sorted(offered, key=lambda media: -quality(media))
    return ranked[0] if quality(ranked[0]) > 0 else offered[0]


def _json_term(term) -> dict[str, str]:
    if term.kind == "uri":
        return {"type": "uri", "value": term.value}
    if term.kind == "bnode":
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.lang:
        out["xml:lang"] = term.lang
    elif term.datatype and term.datatype != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype
    return out


def _nt_term(term) -> str:
    if term.kind == "uri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    text = term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if term.lang:
        return f'"{text}"@{term.lang}'
    if term.datatype and term.datatype != "http://www.w3.org/2001/XMLSchema#string":
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def serialize_result(result, media: str) -> bytes:
    """A :class:`ctckg.sparql.engine.Result` in one of the SPARQL results formats (or N-Triples for graphs)."""
    if result.kind in ("construct", "describe"):
        lines = [f"{_nt_term(r['subject'])} {_nt_term(r['predicate'])} {_nt_term(r['object'])} ." for r in result.rows]
        return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")
    if media in (_JSON, "application/json"):
        if result.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}).encode("utf-8")
        body = {"head": {"vars": result.variables},
                "results": {"bindings": [{name: _json_term(term) for name, term in row.items()}
                                         for row in result.rows]}}
        return json.dumps(body, ensure_ascii=False).encode("utf-8")
    if media == _XML:
        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
        out.append("</head>")
        if result.kind == "ask":
            out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
        else:
            out.append("<results>")
            for row in result.rows:
                out.append("<result>")
                for name, term in row.items():
                    if term.kind == "uri":
                        value = f"<uri>{xml_escape(term.value)}</uri>"
                    elif term.kind == "bnode":
                        value = f"<bnode>{xml_escape(term.value)}</bnode>"
                    elif term.lang:
                        value = f"<literal xml:lang={quoteattr(term.lang)}>{xml_escape(term.value)}</literal>"
                    elif term.datatype and term.datatype != "http://www.w3.org/2001/XMLSchema#string":
                        value = f"<literal datatype={quoteattr(term.datatype)}>{xml_escape(term.value)}</literal>"
                    else:
                        value = f"<literal>{xml_escape(term.value)}</literal>"
                    out.append(f"<binding name={quoteattr(name)}>{value}</binding>")
                out.append("</result>")
            out.append("</results>")
        out.append("</sparql>")
        return "\n".join(out).encode("utf-8")
    if result.kind == "ask":
        return (("true" if result.boolean else "false") + "\n").encode("utf-8")
    if media == _CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([row[v].value if v in row else "" for v in result.variables])
        return buffer.getvalue().encode("utf-8")
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join(_nt_term(row[v]) if v in row else "" for v in result.variables) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


class SparqlApp:
    """The WSGI application: the SPARQL endpoint at :data:`QUERY_PATH` and the site's files everywhere else."""

    def __init__(self, engine, files: dict[str, str | bytes] | None = None, site_dir: Path | None = None, *,
                 max_rows: int = 100_000, timeout: float = 30.0):
        self.engine = engine
        self.files = files or {}
        self.site_dir = site_dir.resolve() if site_dir else None
        self.max_rows = max_rows
        self.timeout = timeout
        self._lock = threading.Lock()  # the engine answers one query at a time

    # ------------------------------------------------------------------------------------------------ WSGI
    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET").upper()
        try:
            if path.rstrip("/") in (QUERY_PATH, "/sparql"):
                if method == "OPTIONS":
                    return self._send(start_response, "204 No Content", b"", "text/plain")
                if method not in ("GET", "POST"):
                    raise _HttpError("405 Method Not Allowed", "use GET or POST")
                return self._query(environ, start_response, method)
            if path.rstrip("/") == "/update":
                raise _HttpError("403 Forbidden", "this endpoint is read-only: SPARQL updates are refused")
            if method not in ("GET", "HEAD"):
                raise _HttpError("405 Method Not Allowed", "the site is read-only")
            return self._static(path, start_response, head=method == "HEAD")
        except _HttpError as error:
            return self._send(start_response, error.status, (error.message + "\n").encode("utf-8"),
                              "text/plain; charset=utf-8")
        except Exception as error:  # noqa: BLE001 - one request failed: say why, keep serving
            message = f"internal error: {type(error).__name__}: {error}\n"
            return self._send(start_response, "500 Internal Server Error", message.encode("utf-8"),
                              "text/plain; charset=utf-8")

    @staticmethod
    def _send(start_response: StartResponse, status: str, body: bytes, media: str,
              extra: list[tuple[str, str]] | None = None, head: bool = False) -> list[bytes]:
        headers = [("Content-Type", media), ("Content-Length", str(len(body))), ("Cache-Control", "no-cache"),
                   ("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "Content-Type, Accept"),
                   ("X-Content-Type-Options", "nosniff"), *(extra or [])]
        start_response(status, headers)
        return [] if head else [body]

    # -------------------------------------------------------------------------------------------- the site
    def _static(self, path: str, start_response: StartResponse, head: bool = False) -> list[bytes]:
        relative = urllib.parse.unquote(path).lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        if ".." in relative.split("/") or "\x00" in relative:
            raise _HttpError("404 Not Found", f"not found: /{relative}")
        content: str | bytes | None = self.files.get(relative)
        if content is None and self.site_dir is not None:
            candidate = (self.site_dir / relative).resolve()
            if candidate.is_dir():
                candidate = candidate / "index.html"
            if str(candidate).startswith(str(self.site_dir)) and candidate.is_file():
                content = candidate.read_bytes()
        if content is None:
            raise _HttpError("404 Not Found", f"not found: /{relative}")
        body = content.encode("utf-8") if isinstance(content, str) else content
        media = _MEDIA.get(Path(relative).suffix) or mimetypes.guess_type(relative)[0] or "application/octet-stream"
        if media.startswith("text/") or media in ("application/javascript", "image/svg+xml", "application/json"):
            media += "; charset=utf-8"
        return self._send(start_response, "200 OK", body, media, head=head)

    # ------------------------------------------------------------------------------------ the SPARQL endpoint
    def _form(self, environ: dict, method: str) -> tuple[str | None, dict[str, list[str]]]:
        """(query text or None, all parameters) of a protocol request."""
        params = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if method == "GET":
            return (params.get("query") or [None])[0], params
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise _HttpError("400 Bad Request", "bad Content-Length") from None
        if length > MAX_BODY_BYTES:
            raise _HttpError("413 Payload Too Large", f"the request body is over {MAX_BODY_BYTES:,} bytes")
        body = environ["wsgi.input"].read(length) if length else b""
        media = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _HttpError("400 Bad Request", "the request body is not UTF-8") from None
        if media == "application/sparql-update":
            raise _HttpError("403 Forbidden", "this endpoint is read-only: SPARQL updates are refused")
        if media == "application/sparql-query":
            return text, params
        if media in ("application/x-www-form-urlencoded", ""):
            form = urllib.parse.parse_qs(text, keep_blank_values=True)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            if "update" in form:
                raise _HttpError("403 Forbidden", "this endpoint is read-only: SPARQL updates are refused")
            return (form.get("query") or params.get("query") or [None])[0], params
        raise _HttpError("415 Unsupported Media Type",
                         "POST a form (application/x-www-form-urlencoded) or application/sparql-query")

    def _query(self, environ: dict, start_response: StartResponse, method: str) -> list[bytes]:
        from ctckg.sparql.errors import QueryError, QuerySyntaxError, QueryTimeout, UpdateRefused

        text, params = self._form(environ, method)
        if not text:
            raise _HttpError("400 Bad Request", "give a SPARQL query as the 'query' parameter (GET or POST form) or "
                                                "POST it as application/sparql-query")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            raise _HttpError("400 Bad Request", "this endpoint has one default graph (the release with its import "
                                                "modules); default-graph-uri / named-graph-uri are not supported")
        started = time.monotonic()
        if not self._lock.acquire(timeout=self.timeout):
            raise _HttpError("503 Service Unavailable", "the endpoint is busy with another query; try again")
        try:
            result = self.engine.run(text, {}, source="query", with_labels=False)
        except UpdateRefused:
            raise _HttpError("403 Forbidden", "this endpoint is read-only: SPARQL updates are refused") from None
        except QuerySyntaxError as error:
            raise _HttpError("400 Bad Request", f"syntax error: {error}") from None
        except QueryTimeout:
            raise _HttpError("503 Service Unavailable", f"the query did not finish within {self.timeout:g} s; "
                                                        "simplify it or add a LIMIT") from None
        except QueryError as error:
            raise _HttpError("400 Bad Request", str(error)) from None
        finally:
            self._lock.release()
        if len(result.rows) > self.max_rows:
            raise _HttpError("413 Payload Too Large", f"the answer has {len(result.rows):,} rows, more than this "
                                                      f"endpoint returns ({self.max_rows:,}); add a LIMIT")
        accept = environ.get("HTTP_ACCEPT", "")
        if result.kind in ("construct", "describe"):
            media = _NT
        else:
            media = _negotiate(accept, _TABLE_TYPES)
        body = serialize_result(result, media)
        return self._send(start_response, "200 OK", body, f"{media}; charset=utf-8",
                          [("X-Query-Seconds", f"{time.monotonic() - started:.3f}")])


def create_app(*, site_dir: Path | None = None, files: dict[str, str | bytes] | None = None, timeout: float = 30.0,
               max_rows: int = 100_000, release: Any = None) -> SparqlApp:
    """The WSGI app over ``release`` (default: ``Release.open()``, with its import modules) on pyoxigraph; the site
    from ``files`` or ``site_dir``, else built in memory."""
    from ctckg.release import Release
    from ctckg.sparql.engine import open_engine

    release = release or Release.open()
    engine = open_engine("pyoxigraph", timeout=timeout, release=release)
    if files is None and site_dir is None:
        from ctckg.export.model import load_view
        from ctckg.export.site import build_site

        files = build_site(load_view(release=release), release.project)
    return SparqlApp(engine, files, site_dir, max_rows=max_rows, timeout=timeout)


class _Server(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


def _handler(verbose: bool, timeout: float) -> type[WSGIRequestHandler]:
    class Handler(WSGIRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            if verbose:
                super().log_message(format, *args)

        def setup(self) -> None:
            self.timeout = timeout  # type: ignore[misc]  # a client that stalls sending its request is dropped after this
            super().setup()

    return Handler


def run_server(*, host: str = "127.0.0.1", port: int = 8000, timeout: float = 30.0, max_rows: int = 100_000,
               site_dir: Path | None = None, verbose: bool = False, view_loader: Callable[[], object] | None = None,
               ready: Callable[[str], None] | None = None, release: Any = None) -> None:
    """Load ``release`` (default: ``Release.open()``), build the site (unless ``site_dir``), listen, print the
    address, serve until Ctrl-C."""
    from ctckg.release import Release
    from ctckg.sparql.engine import open_engine

    release = release or Release.open()
    engine = open_engine("pyoxigraph", timeout=timeout, release=release)
    files = None
    if site_dir is None:
        from ctckg.export.model import load_view
        from ctckg.export.site import build_site

        loader: Callable[[], object] = view_loader if view_loader is not None else load_view
        files = build_site(loader(), release.project)  # type: ignore[arg-type]
    app = SparqlApp(engine, files, site_dir, max_rows=max_rows, timeout=timeout)
    server = make_server(host, port, app, server_class=_Server, handler_class=_handler(verbose, timeout))
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{server.server_port}/"
    print(f"serving the site at {url} and the SPARQL endpoint at {url}{QUERY_PATH.lstrip('/')} "
          f"({len(engine):,} triples, read-only; Ctrl-C stops)", flush=True)
    if ready:
        ready(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.server_close()
