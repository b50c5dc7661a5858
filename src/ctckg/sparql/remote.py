"""Remote SPARQL endpoints: queries over the SPARQL 1.1 protocol and uploads over the Graph Store HTTP Protocol.

Standard library only (``urllib``). Every request has a hard deadline: a dead or silent endpoint gives an
``EndpointError`` within the timeout, never a hang.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib.term import Identifier

from ctckg.namespaces import PREFIXES
from ctckg.release import best_label, load_store, read_text
from ctckg.sparql.catalog import internal_query
from ctckg.sparql.engine import Engine, Result, _load
from ctckg.sparql.errors import EndpointError, QueryError, ResultTooLarge
from ctckg.sparql.paths import DEFAULT_TIMEOUT, MAX_RESPONSE_BYTES, MAX_ROWS
from ctckg.sparql.safe import inject_values, valid_iri
from ctckg.sparql.terms import Term

__all__ = ["RemoteEngine", "http_request", "upload_graph", "release_ntriples", "with_prefixes"]

_RESULTS_JSON = "application/sparql-results+json"
_LABEL_BATCH = 200


def _authorization(url: str, method: str, user: str, password: str, timeout: float) -> str | None:
    """The ``Authorization`` header for ``method url``: a body-less probe fetches the server's challenge first, so
    a large upload is sent once, already authenticated (a 401 halfway through a body breaks the connection)."""
    import base64

    probe = urllib.request.Request(url, method="GET")
    try:
        with urllib.request.build_opener().open(probe, timeout=timeout):
            return None  # no authentication asked for
    except urllib.error.HTTPError as error:
        if error.code != 401:
            return None
        challenge = error.headers.get("WWW-Authenticate", "")
    scheme, _, params = challenge.partition(" ")
    if scheme.lower() == "digest":
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, user, password)
        handler = urllib.request.HTTPDigestAuthHandler(manager)
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(params))
        value = handler.get_authorization(urllib.request.Request(url, method=method), fields)
        return f"Digest {value}" if value else None
    if scheme.lower() == "basic":
        return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    raise EndpointError(f"{url} asks for unsupported authentication {scheme!r}")


def http_request(url: str, *, data: bytes | None = None, method: str = "GET", headers: dict[str, str] | None = None,
                 timeout: float = DEFAULT_TIMEOUT, user: str | None = None, password: str | None = None,
                 max_bytes: int = MAX_RESPONSE_BYTES) -> tuple[int, bytes, str]:
    """Send one request; return (status, body, content type). Raises ``EndpointError`` with a clear message on
    connection failures, HTTP errors and when no complete answer arrives within ``timeout`` seconds (the whole
    exchange, authentication probe included, runs under one deadline). The answer is read in chunks and
    abandoned (``ResultTooLarge``) as soon as it passes ``max_bytes``, or when the deadline has passed."""
    if not url.startswith(("http://", "https://")):
        raise EndpointError(f"endpoint must be an http(s) URL, got {url!r}")
    outcome: dict[str, object] = {}
    stop = threading.Event()

    def read_body(response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while not stop.is_set():
            chunk = response.read(1 << 20)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > max_bytes:
                raise ResultTooLarge(f"the answer of {url} is larger than {max_bytes // (1 << 20)} MiB; "
                                     "add a LIMIT to the query")
            chunks.append(chunk)
        raise TimeoutError("timed out")

    def work() -> None:
        try:
            request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
            if user is not None:
                authorization = _authorization(url, method, user, password or "", timeout)
                if authorization:
                    request.add_unredirected_header("Authorization", authorization)
            with urllib.request.build_opener().open(request, timeout=timeout) as response:
                outcome["answer"] = (response.status, read_body(response), response.headers.get("Content-Type", ""))
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=work, name="ctckg-sparql-request", daemon=True)
    thread.start()
    thread.join(timeout)
    stop.set()  # a late answer is not read further
    if thread.is_alive() or ("answer" not in outcome and "error" not in outcome):
        raise EndpointError(f"no answer from {url} within {timeout:g} s (endpoint down, overloaded or not SPARQL?); "
                            "raise --timeout to wait longer")
    error = outcome.get("error")
    if isinstance(error, QueryError):
        raise error
    if isinstance(error, urllib.error.HTTPError):
        body = error.read().decode("utf-8", "replace").strip() if error.fp else ""
        snippet = " ".join(body.split())[:600]
        raise EndpointError(f"{url} answered HTTP {error.code} {error.reason}" + (f": {snippet}" if snippet else ""))
    broken = isinstance(error, (BrokenPipeError, ConnectionResetError)) or (
        isinstance(error, urllib.error.URLError) and isinstance(error.reason, (BrokenPipeError, ConnectionResetError)))
    if broken and data:
        hint = ("; with --user this usually means the credentials were rejected (HTTP 401)" if user is not None
                else "; it may require authentication (--user, --password)")
        raise EndpointError(f"{url} closed the connection before the request body was sent{hint}")
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise EndpointError(f"no answer from {url} within {timeout:g} s; raise --timeout to wait longer")
        raise EndpointError(f"cannot reach {url}: {reason}")
    if isinstance(error, (TimeoutError, OSError)) and "timed out" in str(error):
        raise EndpointError(f"no answer from {url} within {timeout:g} s; raise --timeout to wait longer")
    if error is not None:
        raise EndpointError(f"request to {url} failed: {type(error).__name__}: {error}")
    return outcome["answer"]  # type: ignore[return-value]


def with_prefixes(text: str) -> str:
    """``text`` preceded by PREFIX declarations for the project prefixes it does not declare itself (so ad-hoc
    queries may use ``CL:``, ``GO:`` ... as they do locally)."""
    import re

    declared = {m.group(1) for m in re.finditer(r"(?im)^\s*PREFIX\s+([A-Za-z0-9_.-]*):", text)}
    lines = [f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREFIXES.items()
             if prefix not in declared and re.search(rf"(?<![\w<#]){re.escape(prefix)}:", text)]
    return "\n".join([*lines, text]) if lines else text


def _term(binding: dict) -> Term:
    kind = binding.get("type")
    if kind == "uri":
        return Term("uri", binding["value"])
    if kind == "bnode":
        return Term("bnode", binding["value"])
    if kind in ("literal", "typed-literal"):
        return Term("literal", binding["value"], binding.get("datatype"), binding.get("xml:lang"))
    raise EndpointError(f"unexpected term in SPARQL JSON results: {binding!r}")


class RemoteEngine(Engine):
    """A SPARQL 1.1 endpoint (``/sparql``): queries are POSTed as forms; parameters are bound by a VALUES block
    built from strictly serialised terms (the protocol has no pre-binding)."""

    name = "endpoint"
    local = False

    def __init__(self, endpoint: str, *, timeout: float = DEFAULT_TIMEOUT, graph: str | None = None,
                 user: str | None = None, password: str | None = None):
        from ctckg.sparql.engine import check_timeout

        timeout = check_timeout(timeout)
        if graph is not None and not valid_iri(graph):
            raise QueryError(f"--graph must be an absolute IRI, got {graph!r}")
        self.endpoint = endpoint
        self.timeout: float = timeout
        self.graph = graph
        self.user = user
        self.password = password

    def _post(self, form: dict[str, str], accept: str) -> tuple[bytes, str]:
        fields = list(form.items())
        if self.graph:
            fields.append(("default-graph-uri", self.graph))
        data = urllib.parse.urlencode(fields).encode("utf-8")
        _, body, content_type = http_request(
            self.endpoint, data=data, method="POST", timeout=self.timeout, user=self.user, password=self.password,
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        return body, content_type

    def _query(self, text: str, kind: str, bindings: dict[str, Identifier], source: str) -> Result:
        sent = with_prefixes(inject_values(text, [bindings]) if bindings else text)
        if kind in ("construct", "describe"):
            body, content_type = self._post({"query": sent}, "application/n-triples, text/turtle;q=0.9")
            graph = read_text(body.decode("utf-8"), "nt" if "n-triples" in content_type else "turtle")
            from ctckg.sparql.terms import from_rdflib

            rows = [{"subject": from_rdflib(s), "predicate": from_rdflib(p), "object": from_rdflib(o)}  # type: ignore[arg-type]
                    for s, p, o in graph]
            return Result(kind, ["subject", "predicate", "object"], rows)
        body, _ = self._post({"query": sent}, _RESULTS_JSON)
        try:
            answer = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise EndpointError(f"{self.endpoint} did not answer with SPARQL JSON results: {body[:200]!r}") from None
        if "boolean" in answer:
            return Result("ask", [], [], boolean=bool(answer["boolean"]))
        if not isinstance(answer, dict):
            raise EndpointError(f"{self.endpoint} did not answer with SPARQL JSON results: {body[:200]!r}")
        variables = list(answer.get("head", {}).get("vars", []))
        solutions: list[dict[str, Any]] = answer.get("results", {}).get("bindings", [])
        if len(solutions) > MAX_ROWS:
            raise ResultTooLarge(f"the answer of {self.endpoint} has {len(solutions):,} rows, more than "
                                 f"{MAX_ROWS:,}; add a LIMIT to the query")
        rows = [{name: _term(value) for name, value in solution.items() if name in variables}
                for solution in solutions]
        return Result("select", variables, rows)

    def _update(self, text: str) -> None:
        fields = [("update", with_prefixes(text))]
        if self.graph:
            fields.append(("using-graph-uri", self.graph))
        http_request(self.endpoint, data=urllib.parse.urlencode(fields).encode("utf-8"), method="POST",
                     timeout=self.timeout, user=self.user, password=self.password,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})

    def labels(self, iris: list[str]) -> dict[str, str]:
        from rdflib import URIRef

        text = internal_query("labels").text
        found: dict[str, list[tuple[str, str | None]]] = {}
        for start in range(0, len(iris), _LABEL_BATCH):
            batch: list[dict[str, Identifier]] = [{"iri": URIRef(iri)} for iri in iris[start:start + _LABEL_BATCH]
                                                  if valid_iri(iri)]
            if not batch:
                continue
            result = self._query(inject_values(text, batch), "select", {}, "labels.rq")
            for row in result.rows:
                found.setdefault(row["iri"].value, []).append((row["label"].value, row["label"].lang))
        return {iri: label for iri, labels in found.items() if (label := best_label(labels)) is not None}



def release_ntriples(files: Iterable[Path]) -> tuple[bytes, int]:
    """The given RDF files merged and serialised as N-Triples (valid Turtle), with the triple count."""
    import pyoxigraph

    store, _ = _load(lambda: load_store([Path(path) for path in files]))
    data = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    return data, len(store)


def upload_graph(store_url: str, graph: str, data: bytes, *, content_type: str = "text/turtle",
                 replace: bool = True, timeout: float = DEFAULT_TIMEOUT, user: str | None = None,
                 password: str | None = None, graph_param: str = "graph") -> int:
    """Upload ``data`` into named graph ``graph`` with the Graph Store HTTP Protocol (PUT replaces the graph,
    POST adds to it); returns the HTTP status. Digest (or basic) auth when ``user`` is given."""
    if not valid_iri(graph):
        raise QueryError(f"--graph must be an absolute IRI, got {graph!r}")
    separator = "&" if "?" in store_url else "?"
    url = f"{store_url}{separator}{urllib.parse.urlencode({graph_param: graph})}"
    status, _, _ = http_request(url, data=data, method="PUT" if replace else "POST", timeout=timeout, user=user,
                                password=password, headers={"Content-Type": content_type})
    return status
