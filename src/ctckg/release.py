"""Plan and write the release: every generated file rendered in memory first, then written at once."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from ctckg.build import BUILD_USES, build_graph
from ctckg.coverage import coverage_markdown, load_citations
from ctckg.constants import (CATALOG_FILE, CITATIONS_FILE, COVERAGE_FILE, CURATION_DIR, EXTERNAL_TERMS_FILE, FULL_ONTOLOGY_IRI, IMPORTS_DIR, ONTOLOGY_IRI,
                             RELEASE_FULL, RELEASE_OWL, RELEASE_TTL)
from ctckg.curation import load_sources
from ctckg.records import Sources
from ctckg.imports import catalog_xml, module_graphs
from ctckg.kinds import term_kinds
from ctckg.namespaces import bind_prefixes
from ctckg.serialize import to_rdfxml, to_turtle
from ctckg.vocab import Vocabulary, open_vocabulary, write_lock

__all__ = ["Release", "plan_release", "write_outputs", "stale_outputs"]


@dataclass
class Release:
    """Everything one build produces."""

    sources: Sources
    graph: Graph
    modules: dict[str, Graph]
    outputs: dict[Path, str]


def _merged(graph: Graph, modules: dict[str, Graph], version_iri: URIRef | None) -> Graph:
    full = bind_prefixes(Graph())
    onto = URIRef(FULL_ONTOLOGY_IRI)
    for part in [graph, *modules.values()]:
        for triple in part:
            subject, predicate, obj = triple
            if predicate == OWL.imports or (predicate == RDF.type and obj == OWL.Ontology):
                continue
            if str(subject).startswith("https://w3id.org/ctckg/imports/"):
                continue
            full.add((onto if str(subject) == ONTOLOGY_IRI else subject, predicate, obj))
    full.add((onto, RDF.type, OWL.Ontology))
    if version_iri is not None:
        full.remove((onto, OWL.versionIRI, None))
        full.add((onto, OWL.versionIRI, URIRef(str(version_iri).replace("ctckg.owl", "ctckg-full.owl"))))
    return full


def plan_release(vocab: Vocabulary | None = None, curation_dir: Path = CURATION_DIR) -> Release:
    """Load the sources and render every release file; raises ``CurationError`` before anything is written."""
    vocab = vocab or open_vocabulary()
    sources = load_sources(vocab, curation_dir)
    closure = vocab.closure(sources.external_curies() | BUILD_USES)
    hgnc = {xref.curie for term in sources.terms for xref in term.xrefs}
    locked = dict(closure)
    for curie in hgnc:
        term = vocab.get(curie)
        if term is not None:
            locked[curie] = term
    uniprot = {curie: locked[curie].uniprot for curie in hgnc if curie in locked and locked[curie].uniprot}
    modules = module_graphs(closure)
    kinds = term_kinds({term.id: term.kind for term in sources.terms}, closure)
    graph = build_graph(sources, uniprot, sorted(modules), kinds)
    version = next(graph.objects(URIRef(ONTOLOGY_IRI), OWL.versionIRI), None)
    outputs: dict[Path, str] = {
        RELEASE_OWL: to_rdfxml(graph),
        RELEASE_TTL: to_turtle(graph),
        RELEASE_FULL: to_rdfxml(_merged(graph, modules, version)),
        CATALOG_FILE: catalog_xml(sorted(modules)),
        EXTERNAL_TERMS_FILE: write_lock(locked),
        COVERAGE_FILE: coverage_markdown(sources, load_citations(curation_dir / CITATIONS_FILE.name)),
    }
    for name, module in modules.items():
        outputs[IMPORTS_DIR / f"{name}_import.owl"] = to_rdfxml(module, command="imports")
    return Release(sources, graph, modules, outputs)


def stale_outputs(outputs: dict[Path, str]) -> list[Path]:
    """Committed files that differ from ``outputs`` (or are missing, or are import modules no longer produced)."""
    stale = [path for path, text in sorted(outputs.items())
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    stale += [path for path in sorted(IMPORTS_DIR.glob("*_import.owl")) if path not in outputs]
    return stale


def write_outputs(outputs: dict[Path, str], only: set[Path] | None = None) -> list[Path]:
    """Write changed files atomically (temp file + rename) and remove stale import modules; return changed paths."""
    changed: list[Path] = []
    for path, text in sorted(outputs.items()):
        if only is not None and path not in only:
            continue
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
        changed.append(path)
    if only is None or any(p.parent == IMPORTS_DIR for p in only):
        for path in sorted(IMPORTS_DIR.glob("*_import.owl")):
            if path not in outputs:
                path.unlink()
                changed.append(path)
    return changed
