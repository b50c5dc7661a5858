"""Plan and write the release: every generated file rendered in memory first, then committed as one unit
(``ctckg.rdffiles.commit_files``: temporary files, a journal, renames; a killed run is rolled back by the next one).

Before anything is written, ``plan_release`` refuses (``CurationError``, exit 2) to build from an empty or missing
source and to drop findings, references or import modules that the committed release has, unless ``allow_shrink``.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from ctckg.build.graph import BUILD_USES, build_graph
from ctckg.build.imports import catalog_xml, module_graphs
from ctckg.build.serialize import to_rdfxml, to_turtle
from ctckg.curation.coverage import coverage_markdown, load_citations
from ctckg.curation.kinds import term_kinds, term_usage
from ctckg.curation.load import load_sources
from ctckg.curation.records import Sources, is_finding_id
from ctckg.curation.vocab import Vocabulary, open_vocabulary, write_lock
from ctckg.errors import CurationError, Problem, display_path
from ctckg.namespaces import IMPORTS, bind_prefixes, version_iri
from ctckg.project import FULL_ONTOLOGY_IRI, ONTOLOGY_IRI, REFERENCE_ID_OFFSET, Project
from ctckg.rdffiles import JOURNAL_PREFIX, WriteFailed, commit_files, recover
from ctckg.schema import linkml_schema

__all__ = ["Release", "plan_release", "write_outputs", "stale_outputs", "commit_files", "recover", "WriteFailed",
           "source_problems", "shrink_problems", "unknown_files", "JOURNAL_PREFIX", "read_citations",
           "citation_problems"]

log = logging.getLogger("ctckg")


@dataclass
class Release:
    """Everything one build produces."""

    sources: Sources
    graph: Graph
    modules: dict[str, Graph]
    outputs: dict[Path, str]


def _merged(graph: Graph, modules: dict[str, Graph], version: str) -> Graph:
    full = bind_prefixes(Graph())
    onto = URIRef(FULL_ONTOLOGY_IRI)
    for part in [graph, *modules.values()]:
        for triple in part:
            subject, predicate, obj = triple
            if predicate == OWL.imports or (predicate == RDF.type and obj == OWL.Ontology):
                continue
            if str(subject).startswith(str(IMPORTS)):
                continue
            full.add((onto if str(subject) == ONTOLOGY_IRI else subject, predicate, obj))
    full.add((onto, RDF.type, OWL.Ontology))
    full.remove((onto, OWL.versionIRI, None))
    full.add((onto, OWL.versionIRI, version_iri(version, "ctckg-full.owl")))
    return full


def _text_problems(path: Path, header: str | None = None) -> list[Problem]:
    """A TSV source that must be UTF-8 text (with ``header`` as its first non-comment line when given)."""
    where = display_path(path)
    if not path.exists():
        return [Problem(where, 0, "file", "is missing")]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return [Problem(where, line, "encoding", f"not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8")]
    if "\x00" in text:
        return [Problem(where, text[:text.index("\x00")].count("\n") + 1, "encoding", "contains a NUL byte")]
    if header is not None:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line and not line.startswith("#")]
        if not lines or lines[0][1].rstrip("\r") != header:
            line = lines[0][0] if lines else 1
            return [Problem(where, line, "header", f"the first row must be the header {header!r}")]
    return []


def read_citations(path: Path | None = None) -> list:
    """``citations.tsv`` (default: the checkout's) read safely: a missing file, bad encoding, a missing header or a
    malformed row is a ``CurationError`` with file and line (never another exception)."""
    path = path if path is not None else Project.discover().citations_file
    problems = _text_problems(path, "section\tparagraph\treferences")
    if problems:
        raise CurationError(problems)
    try:
        return load_citations(path)
    except (ValueError, IndexError, OSError) as error:
        raise CurationError([Problem(display_path(path), 0, "file", f"cannot read: {error}")]) from None


def citation_problems(citations: list, numbers: set[int], path: Path | None = None) -> list[Problem]:
    """Rows of ``citations.tsv`` (at ``path``, default: the checkout's) that cite a reference number the reference
    list does not have, or name a section that is not a section number (``2``, ``3.1``)."""
    path = path if path is not None else Project.discover().citations_file
    problems = []
    for row in citations:
        if not re.fullmatch(r"[1-9][0-9]?(\.[1-9][0-9]?)*|(table|figure) [1-9]", row.section):
            problems.append(Problem(display_path(path), row.line, "section",
                                    f"{row.section!r} is not a section of the review (such as 2, 3.1 or table 1)"))
        problems += [Problem(display_path(path), row.line, "references",
                             f"reference {number} is not in the reference list (1-{max(numbers, default=0)})")
                     for number in row.numbers if number not in numbers]
    return problems


def source_problems(curation_dir: Path | None = None) -> list[Problem]:
    """Sources that would make a smaller release without saying so: a missing findings or terms folder, a folder
    without YAML files, a YAML file that is empty or holds only comments (in ``curation_dir``, default: the
    checkout's)."""
    curation_dir = curation_dir if curation_dir is not None else Project.discover().curation_dir
    problems: list[Problem] = []
    for folder in (curation_dir / "terms", curation_dir / "findings"):
        if not folder.is_dir():
            problems.append(Problem(display_path(folder), 0, "folder", "is missing: the build would drop every "
                                    "record it held (restore it, or pass --allow-shrink)"))
            continue
        files = sorted(folder.glob("*.yaml"))
        if not files:
            problems.append(Problem(display_path(folder), 0, "folder", "holds no .yaml file (--allow-shrink to build "
                                    "without it)"))
        for path in files:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # the loader reports it with its line
            if all(not line.strip() or line.lstrip().startswith("#") or line.strip() in ("---", "...", "[]")
                   for line in text.splitlines()):
                problems.append(Problem(display_path(path), 1, "file", "is empty or holds only comments: the build "
                                        "would drop its records (delete the file and pass --allow-shrink if intended)"))
    return problems


def _committed_ids(release: Path) -> tuple[dict[str, int], dict[str, int], set[str]] | None:
    """Findings and references (CURIE -> line in the Turtle release) and import IRIs of the committed release."""
    if not release.exists():
        return None
    try:
        text = release.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    findings: dict[str, int] = {}
    references: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = re.match(r"^(CTCKG:(\d{7,})) ", line)
        if match:
            value = int(match.group(2))
            if is_finding_id(match.group(1)):
                findings.setdefault(match.group(1), number)
            elif len(match.group(2)) == 7 and REFERENCE_ID_OFFSET < value < REFERENCE_ID_OFFSET + 1000:
                references.setdefault(match.group(1), number)
    imports = set(re.findall(r"<(" + re.escape(str(IMPORTS)) + r"[^>]+)>", text))
    return findings, references, imports


def shrink_problems(graph: Graph, release: Path | None = None) -> list[Problem]:
    """What the new release ``graph`` would drop compared with the committed ``release`` (default: the checkout's
    Turtle release): findings, references and import modules (one problem per kind, at the line of the first
    dropped record in the committed file)."""
    release = release if release is not None else Project.discover().release_ttl
    committed = _committed_ids(release)
    if committed is None:
        return []
    findings, references, imports = committed
    from ctckg.namespaces import compress

    subjects = {compress(str(s)) for s in graph.subjects() if isinstance(s, URIRef)}
    new_imports = {str(o) for o in graph.objects(URIRef(ONTOLOGY_IRI), OWL.imports)}
    problems = []
    for kind, old in (("findings", findings), ("references", references)):
        dropped = sorted(set(old) - subjects)
        if dropped:
            shown = ", ".join(dropped[:5]) + (", ..." if len(dropped) > 5 else "")
            problems.append(Problem(display_path(release), old[dropped[0]], kind,
                                    f"the build would drop {len(dropped)} of the {len(old)} {kind} of the committed "
                                    f"release ({shown}); restore their sources, or pass --allow-shrink if intended"))
    dropped_imports = sorted(imports - new_imports)
    if dropped_imports:
        names = ", ".join(iri.rsplit("/", 1)[-1] for iri in dropped_imports)
        problems.append(Problem(display_path(release), 0, "imports",
                                f"the build would delete {len(dropped_imports)} import module(s) ({names}); "
                                "pass --allow-shrink if intended"))
    return problems


def shrink_allowed(flag: bool | None = None) -> bool:
    """``flag``, or when None the environment variable ``CTCKG_ALLOW_SHRINK`` (``1`` allows a shrinking build)."""
    return flag if flag is not None else os.environ.get("CTCKG_ALLOW_SHRINK", "") not in ("", "0")


def plan_release(vocab: Vocabulary | None = None, curation_dir: Path | None = None, *,
                 allow_shrink: bool | None = None, project: Project | None = None) -> Release:
    """Load the sources of ``project`` (default: the checkout found from the working directory; ``curation_dir``
    overrides its curation folder) and render every release file; raises ``CurationError`` before anything is
    written.

    Unless ``allow_shrink``, an empty or missing source (``source_problems``) and a release that would drop findings,
    references or import modules of the committed one (``shrink_problems``) are errors too. ``None`` (the default)
    reads the environment variable ``CTCKG_ALLOW_SHRINK`` (``1`` allows).
    """
    project = project or Project.discover()
    curation_dir = curation_dir if curation_dir is not None else project.curation_dir
    allow_shrink = shrink_allowed(allow_shrink)
    if not allow_shrink:
        problems = source_problems(curation_dir)
        if problems:
            raise CurationError(problems)
    problems = [problem for path in (project.external_terms_file, curation_dir / project.sentences_file.name)
                if path.exists() for problem in _text_problems(path)]
    if problems:
        raise CurationError(problems)
    citations_file = curation_dir / project.citations_file.name
    citations = read_citations(citations_file)
    vocab = vocab or open_vocabulary(project=project)
    sources = load_sources(vocab, curation_dir)
    problems = citation_problems(citations, {ref.number for ref in sources.references}, citations_file)
    if problems:
        raise CurationError(problems)
    closure = vocab.closure(sources.external_curies() | BUILD_USES)
    hgnc = {xref.curie for term in sources.terms for xref in term.xrefs}
    locked = dict(closure)
    for curie in hgnc:
        term = vocab.get(curie)
        if term is not None:
            locked[curie] = term
    uniprot = {curie: locked[curie].uniprot for curie in hgnc if curie in locked and locked[curie].uniprot}
    modules = module_graphs(closure)
    kinds = term_kinds({term.id: term.kind for term in sources.terms}, closure, term_usage(sources))
    graph = build_graph(sources, uniprot, sorted(modules), kinds)
    version = sources.header.version
    outputs: dict[Path, str] = {
        project.release_owl: to_rdfxml(graph),
        project.release_ttl: to_turtle(graph),
        project.release_full: to_rdfxml(_merged(graph, modules, version)),
        project.catalog: catalog_xml(sorted(modules)),
        project.external_terms_file: write_lock(locked),
        project.coverage_file: coverage_markdown(sources, citations),
        project.coverage_file.parent / "ctckg.linkml.yaml": linkml_schema(),  # the model schema for LinkML tools
    }
    for name, module in modules.items():
        outputs[project.imports_dir / f"{name}_import.owl"] = to_rdfxml(module, command="imports")
    if not allow_shrink:
        problems = shrink_problems(graph, project.release_ttl)
        if problems:
            raise CurationError(problems)
    return Release(sources, graph, modules, outputs)


def _imports_dir(outputs: dict[Path, str] | dict[Path, str | bytes]) -> Path:
    """The imports folder the outputs of a build go to (beside the catalog among them, or where their import
    modules go), else the checkout's."""
    catalogs = [path for path in outputs if path.name == "catalog-v001.xml"]
    if catalogs:
        return catalogs[0].parent / "imports"
    modules = sorted(path for path in outputs if path.name.endswith("_import.owl"))
    return modules[0].parent if modules else Project.discover().imports_dir


def stale_outputs(outputs: dict[Path, str]) -> list[Path]:
    """Committed files that differ from ``outputs`` (or are missing, or are import modules no longer produced)."""
    stale = [path for path, text in sorted(outputs.items())
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    imports = _imports_dir(outputs)
    stale += [path for path in sorted(imports.glob("*_import.owl")) if path not in outputs and _generated(path)]
    return stale


def _generated(path: Path) -> bool:
    """True when ``path`` says it was generated by ctckg (its first lines carry the generated-file note)."""
    try:
        with open(path, "rb") as stream:
            return b"Generated by `ctckg" in stream.read(600)
    except OSError:
        return False


def unknown_files(outputs: dict[Path, str | bytes], folders: list[Path] | None = None) -> list[Path]:
    """Files in the generated folders (default: ontology/imports) that the build does not produce and did not
    generate: reported, never deleted (a hand-made ``my_import.owl`` stays)."""
    found = []
    for folder in folders or [_imports_dir(outputs)]:
        if folder.is_dir():
            found += [path for path in sorted(folder.iterdir()) if path.is_file() and path not in outputs
                      and not path.name.startswith(".") and not _generated(path)]
    return found


def write_outputs(outputs: dict[Path, str], only: set[Path] | None = None) -> list[Path]:
    """Commit the changed files as one unit (see ``commit_files``); return the changed paths.

    Import modules that an earlier build generated and this one no longer produces are removed with the rest of the
    commit; unknown files in ontology/imports (not generated by ctckg) are reported and kept.
    """
    selected: dict[Path, str | bytes] = {path: text for path, text in outputs.items() if only is None or path in only}
    delete: list[Path] = []
    if only is not None and not any(path.name.endswith("_import.owl") for path in only):
        return commit_files(selected, delete)
    imports = _imports_dir(outputs)
    if only is None or any(p.parent == imports for p in only):
        for path in sorted(imports.glob("*_import.owl")):
            if path not in outputs and _generated(path):
                delete.append(path)
        produced: dict[Path, str | bytes] = dict(outputs)
        for path in unknown_files(produced):
            log.warning("%s is not a file the build produces; left as it is (delete it by hand if it is stale)",
                        display_path(path))
    return commit_files(selected, delete)
