"""The validation gate: SHACL shapes and QC queries on a release merged with its import modules."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from ctckg.project import Project, package_files, resource_path
from ctckg.release import Release, ReleaseError
from ctckg.validate.loading import ValidationError
from ctckg.validate.report import Report, with_sources

__all__ = ["validate_release", "validate_graph", "validate_file", "validate_build", "validation_key"]


def validate_release(release: Release, shacl: bool = True, qc: bool = True) -> Report:
    """Validate ``release`` (its graph merged with its import modules, without their ontology headers); each
    result names the curation record it comes from when the release belongs to a checkout. ``report.conforms`` is
    False when any Violation was found; :class:`ValidationError` when a file cannot be read."""
    try:
        graph, modules = release.own, [release.modules[name] for name in sorted(release.modules)]
    except ReleaseError as error:
        message = str(error)
        if message.endswith("(empty, or only comments and prefixes)"):
            message += "; there is nothing to validate"
        raise ValidationError(message) from None
    # imported here: a build whose validation is stamped (validate_build) never loads pySHACL or the QC engine
    from ctckg.validate.qc import run_checks, to_store
    from ctckg.validate.shacl import add_markers, load_shapes, merge_imports, run_shacl

    merged = merge_imports(graph, modules)
    report = Report()
    if qc:
        report.extend(run_checks(to_store(merged)))
    if shacl:
        report.extend(run_shacl(add_markers(merged), load_shapes(release.project.shapes)))
    project = release.project
    return with_sources(report, project.curation_dir if project.checkout else None)


def validate_graph(graph: Graph, imports: Iterable[Graph] | None = None, shacl: bool = True,
                   qc: bool = True, project: Project | None = None) -> Report:
    """Validate an in-memory release graph; ``report.conforms`` is False when any Violation was found.

    ``imports`` are the import module graphs; when None they are read from the files the catalog maps the graph's
    ``owl:imports`` to. The build calls this on the graph it is about to write (``Release.graph`` and
    ``Release.modules.values()``) and refuses to write when the report does not conform.
    """
    modules = None if imports is None else {str(index): module for index, module in enumerate(imports)}
    return validate_release(Release.from_graphs(graph, modules, project), shacl=shacl, qc=qc)


def validate_file(path: Path | None = None, shacl: bool = True, qc: bool = True,
                  project: Project | None = None) -> Report:
    """Validate a release file (Turtle, RDF/XML, N-Triples; default: the Turtle release of ``project``, else of
    :meth:`Project.for_release`) with its imports resolved through the project's catalog."""
    project = project or Project.for_release()
    release = Release.from_file(project.release_ttl if path is None else path, project)
    return validate_release(release, shacl=shacl, qc=qc)


def validation_key(outputs: dict[Path, str], project: Project) -> str:
    """SHA-256 of what a build's validation depends on: the Turtle release and the import modules as they are about
    to be written (builds are byte-identical, so the bytes name the graph), the shapes, every file of the ctckg
    package itself (its code and QC checks: its version number stays the same while they change), and
    the versions of the libraries the validation runs on (pySHACL, owlrl, rdflib, pyoxigraph)."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256(b"ctckg-validated-3")
    for package in ("pyshacl", "owlrl", "rdflib", "pyoxigraph"):
        digest.update(f"\0{package}={version(package)}".encode())
    package_dir = resource_path()
    for source in package_files():  # the code and every QC check (queries/qc/*-violation.rq)
        digest.update(f"\0{source.relative_to(package_dir).as_posix()}\0".encode() + source.read_bytes())
    for path in sorted(outputs):
        if path.name == project.release_ttl.name or path.name.endswith("_import.owl"):
            digest.update(f"\0{path.name}\0".encode() + outputs[path].encode("utf-8"))
    digest.update(b"\0shapes\0" + project.shapes.read_bytes())
    return digest.hexdigest()


def validate_build(graph: Graph, modules: Iterable[Graph], outputs: dict[Path, str], project: Project) -> Report:
    """The build's gate: :func:`validate_graph` of the graph about to be written, run only when something it
    depends on changed (see :func:`validation_key`). A conforming result leaves a stamp in the user cache folder
    (``validated/<key>``; none with ``CTCKG_NO_CACHE``), so rebuilding an unchanged checkout does not run pySHACL
    and the QC checks again; a failing one is never stamped and is reported on every build."""
    from ctckg.release import cache_dir, write_cache_file

    folder = cache_dir()
    stamp = folder / "validated" / validation_key(outputs, project) if folder is not None else None
    if stamp is not None and stamp.is_file():
        return Report()
    report = validate_graph(graph, modules, project=project)
    if stamp is not None and report.conforms:  # a read-only cache only costs the next build a validation run
        write_cache_file(stamp, f"{report.count('Warning')} warning(s), {report.count('Info')} info\n")
    return report

