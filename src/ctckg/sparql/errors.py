"""Errors of the query layer; the CLI prints their message and exits with code 2."""

from __future__ import annotations

__all__ = ["QueryError", "QuerySyntaxError", "ParameterError", "UpdateRefused", "EndpointError", "UnknownQuery",
           "NetworkRefused", "QueryTimeout", "ResultTooLarge"]


class QueryError(Exception):
    """Base class: a query could not be run (the message says why)."""


class QuerySyntaxError(QueryError):
    """The SPARQL text does not parse; carries the 1-based line and column of the problem."""

    def __init__(self, message: str, line: int, column: int, source: str = "query"):
        self.line = line
        self.column = column
        self.source = source
        self.detail = message
        super().__init__(f"SPARQL syntax error in {source} at line {line}, column {column}: {message}")


class ParameterError(QueryError):
    """A parameter is unknown, malformed, matches nothing, or matches several things."""


class UpdateRefused(QueryError):
    """An update operation (INSERT, DELETE, DROP, LOAD ...) was given without opting in."""


class EndpointError(QueryError):
    """A remote SPARQL endpoint could not be reached, timed out, or answered with an error."""


class UnknownQuery(QueryError):
    """No named query has that name."""


class NetworkRefused(QueryError):
    """A local query asked for the network (SERVICE, LOAD of a remote IRI) without the opt-in."""


class QueryTimeout(QueryError):
    """A query did not finish within its time limit."""


class ResultTooLarge(QueryError):
    """An answer exceeded the row or size limit."""
