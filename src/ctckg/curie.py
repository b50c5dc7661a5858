"""CURIEs with the project prefix map, standard library only (the query path's stand-in for ``curies``).

:func:`compress` and :func:`expand` give the same answers as ``ctckg.namespaces.CONVERTER`` (a ``curies``
converter over the same map: the longest matching IRI prefix wins), without importing ``curies`` / pydantic or
rdflib, so a cached ``ctckg query`` stays fast. A test checks that both agree.
"""

from __future__ import annotations

from functools import lru_cache

from ctckg.schema import PREFIXES as SCHEMA_PREFIXES

__all__ = ["PREFIXES", "compress", "expand"]

#: prefix -> IRI namespace (the prefix table of :mod:`ctckg.schema`).
PREFIXES: dict[str, str] = dict(SCHEMA_PREFIXES)
#: (IRI namespace, prefix), longest namespace first
_BY_LENGTH: tuple[tuple[str, str], ...] = tuple(sorted(((iri, prefix) for prefix, iri in PREFIXES.items()),
                                                       key=lambda pair: -len(pair[0])))


@lru_cache(maxsize=65536)
def compress(iri: str) -> str:
    """Compress an IRI to a CURIE (the longest matching namespace), or return it unchanged when none matches."""
    text = str(iri)
    for namespace, prefix in _BY_LENGTH:
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def expand(curie: str) -> str | None:
    """The IRI of ``curie`` (``prefix:local``), or None when its prefix is not ours (or it has no colon, where
    ``curies`` raises)."""
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES:
        return None
    return PREFIXES[prefix] + local
