"""SHACL validation with pySHACL (core constraints, no inference) over a data graph prepared for the shapes."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from ctckg.namespaces import PREFIXES, compress
from ctckg.project import Project
from ctckg.validate.loading import parse_file
from ctckg.validate.paths import VALIDATION_NS
from ctckg.validate.report import Report, Result, label_of, term_text

__all__ = ["V", "load_shapes", "merge_imports", "add_markers", "prepare_data_graph", "run_shacl", "node_shapes"]

#: Marker classes added to the data graph so that shapes can target what ctckg mints with core targets.
V = Namespace(VALIDATION_NS)
_MINTED = PREFIXES["CTCKG"]
_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph (default: ``shapes/ctckg-shapes.ttl`` of :meth:`Project.for_release`; parsed once per
    process)."""
    return _shapes(path if path is not None else Project.for_release().shapes)


@lru_cache(maxsize=4)
def _shapes(path: Path) -> Graph:
    return parse_file(path)


def merge_imports(graph: Graph, imports: Iterable[Graph] = ()) -> Graph:
    """A new graph: ``graph`` plus the import modules' axioms and annotations (not their ontology headers)."""
    data = Graph()
    data += graph
    for module in imports:
        headers = set(module.subjects(RDF.type, OWL.Ontology))
        for triple in module:
            if triple[0] not in headers:
                data.add(triple)
    return data


def add_markers(data: Graph) -> Graph:
    """Add the marker types the shapes target, in place: every IRI in the CTCKG namespace is a
    ``ctckgv:MintedEntity``, our classes ``ctckgv:MintedClass``, our properties ``ctckgv:MintedProperty``; and
    owl:Class, owl:NamedIndividual and the three OWL property types become subclasses of ``ctckgv:DeclaredEntity``
    (what ``DeclaredIdentifierShape`` checks with one sh:class)."""
    minted = {node for triple in data for node in (triple[0], triple[2])
              if isinstance(node, URIRef) and str(node).startswith(_MINTED)}
    for declaration in (OWL.Class, OWL.NamedIndividual, *_PROPERTY_TYPES):
        data.add((declaration, RDFS.subClassOf, V.DeclaredEntity))
    for node in minted:
        data.add((node, RDF.type, V.MintedEntity))
        if (node, RDF.type, OWL.Class) in data:
            data.add((node, RDF.type, V.MintedClass))
        if any((node, RDF.type, kind) in data for kind in _PROPERTY_TYPES):
            data.add((node, RDF.type, V.MintedProperty))
    return data


def prepare_data_graph(graph: Graph, imports: Iterable[Graph] = ()) -> Graph:
    """The data graph the shapes expect: ``graph`` merged with its import modules, plus marker types.

    Nothing added here is ever written to a release.
    """
    return add_markers(merge_imports(graph, imports))


def node_shapes(shapes: Graph) -> dict[Node, str]:
    """Each node shape with a target -> its local name (``FindingShape``)."""
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    return {shape: str(shape).rsplit("#", 1)[-1] for shape in shapes.subjects(RDF.type, SH.NodeShape)
            if any(shapes.value(shape, target) is not None for target in targets)}


def _owner(shapes: Graph, shape: Node) -> str:
    """The named shape a (possibly blank) source shape belongs to."""
    seen = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        parent = next(shapes.subjects(SH.property, shape), None) or next(shapes.subjects(None, shape), None)
        if parent is None:
            break
        shape = parent
    return str(shape).rsplit("#", 1)[-1] if isinstance(shape, URIRef) else "shape"


def _path_text(results: Graph, path: Node | None) -> str:
    if path is None or isinstance(path, URIRef):
        return term_text(path)
    alternatives = results.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(term_text(p) for p in Collection(results, alternatives))
    for key, mark in ((SH.inversePath, "^"), (SH.zeroOrMorePath, "*")):
        inner = results.value(path, key)
        if inner is not None:
            return f"^{term_text(inner)}" if mark == "^" else f"{term_text(inner)}*"
    return "path"


def run_shacl(data: Graph, shapes: Graph | None = None) -> Report:
    """Validate a prepared data graph (see ``prepare_data_graph``) with pySHACL, inference 'none'."""
    shapes = shapes if shapes is not None else load_shapes()
    from pyshacl import validate as pyshacl_validate  # imported when a validation runs (ctckg build skips it)

    _, results, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none", abort_on_first=False,
                                     allow_infos=True, allow_warnings=True, advanced=False, inplace=True)
    report = Report(checks={"shapes": len(node_shapes(shapes))})
    for node in results.objects(None, SH.result):  # top-level results only, not nested sh:detail ones
        focus = results.value(node, SH.focusNode)
        component = results.value(node, SH.sourceConstraintComponent)
        value = results.value(node, SH.value)
        message = results.value(node, SH.resultMessage)
        curie = term_text(focus)
        report.results.append(Result(
            severity=str(results.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
            check=_owner(shapes, results.value(node, SH.sourceShape)),
            focus=f'"{focus}"' if isinstance(focus, Literal) else curie,
            label=label_of(data, focus),
            path=_path_text(results, results.value(node, SH.resultPath)),
            value=term_text(value) + (f" '{label_of(data, value)}'" if label_of(data, value) else ""),
            message=str(message) if message is not None else "",
            component=compress(str(component)).replace(str(SH), "sh:")))
    return report
