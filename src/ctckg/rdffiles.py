"""The files that make up the release, how to parse RDF files, and how to write a set of files as one unit: one
place for validate, sparql, export and the build.

Writing is a two-phase commit (``commit_files``): every new file is written to a temporary file next to its target,
then a journal (``.ctckg-commit.PID.json``, at the repository root for files under it) is written, then each old file
is kept as a backup (hard link) and the temporary file renamed over it; deleting the journal is the commit point. A
run that dies in between leaves the journal, and the next writer or reader (``recover``) rolls every target back to
its old content, so the tree is always either the old set or the new one, never a mix. Temporary names end in
``.tmp`` and are git-ignored.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from ctckg.errors import display_path
from ctckg.project import Project, checkout_root

__all__ = ["rdflib_format", "oxigraph_format", "catalog_map", "import_module_files", "release_files",
           "commit_files", "recover", "WriteFailed", "JOURNAL_PREFIX", "CatalogError"]

log = logging.getLogger("ctckg")

#: Journals of unfinished commits are named ``JOURNAL_PREFIX + PID + .json``; one left behind means: roll back.
JOURNAL_PREFIX = ".ctckg-commit."
_NEW = ".ctckg-new.tmp"
_OLD = ".ctckg-old.tmp"


class CatalogError(ValueError):
    """The XML catalog cannot be read (malformed XML, an entry without ``name`` or ``uri``)."""


class WriteFailed(OSError):
    """Writing a set of files failed (full disk, permission ...); every target was left as it was."""

    complete_message = True  # the CLI prints it as it is

    def __init__(self, path: Path, reason: str, unchanged: bool = True):
        self.path = path
        super().__init__(errno.EIO, f"{display_path(path)}: cannot write: {reason}"
                         + ("; nothing was changed" if unchanged else ""))

    def __str__(self) -> str:
        return self.strerror or ""

#: File suffix -> rdflib parser name.
_RDFLIB_FORMATS = {".ttl": "turtle", ".owl": "xml", ".rdf": "xml", ".xml": "xml", ".nt": "nt", ".jsonld": "json-ld"}


def rdflib_format(path: Path) -> str:
    """The rdflib parser for ``path`` by its suffix (Turtle when unknown)."""
    return _RDFLIB_FORMATS.get(Path(path).suffix.lower(), "turtle")


def parse_failure(path: Path, error: BaseException) -> str:
    """One line saying why an RDF parser failed on ``path`` (the release loaders turn it into their own error)."""
    where = display_path(path)
    if isinstance(error, RecursionError):
        return f"{where} cannot be parsed: nested too deeply"
    if isinstance(error, MemoryError):
        return f"{where} cannot be parsed: out of memory"
    if isinstance(error, UnicodeDecodeError):
        return f"{where} cannot be parsed: not UTF-8 text (byte offset {error.start})"
    message = " ".join(str(error).split())[:400] or type(error).__name__
    return f"{where} cannot be parsed as {rdflib_format(path)}: {message}"


def oxigraph_format(path: Path) -> object:
    """The pyoxigraph ``RdfFormat`` for ``path`` by its suffix (Turtle when unknown)."""
    import pyoxigraph

    return {"turtle": pyoxigraph.RdfFormat.TURTLE, "xml": pyoxigraph.RdfFormat.RDF_XML,
            "nt": pyoxigraph.RdfFormat.N_TRIPLES, "json-ld": pyoxigraph.RdfFormat.JSON_LD}[rdflib_format(path)]


def catalog_map(catalog: Path) -> dict[str, Path]:
    """Import IRI -> local file, from the ``<uri name=... uri=...>`` entries of an XML catalog."""
    if not catalog.exists():
        return {}
    mapping: dict[str, Path] = {}
    try:
        root = ET.parse(catalog).getroot()
    except (ET.ParseError, UnicodeDecodeError, ValueError) as error:
        raise CatalogError(f"{display_path(catalog)}: malformed XML catalog ({error}); run `ctckg build` to rewrite "
                           "it") from None
    for element in root.iter():
        if element.tag.endswith("}uri") or element.tag == "uri":
            name, uri = element.attrib.get("name"), element.attrib.get("uri")
            if not name or not uri:
                raise CatalogError(f"{display_path(catalog)}: a <uri> entry lacks its name or uri attribute; run "
                                   "`ctckg build` to rewrite it")
            mapping[name] = (catalog.parent / uri).resolve()
    return mapping


def import_module_files(catalog: Path) -> list[Path]:
    """The import modules of the release, as the catalog lists them (so a stale file on disk is never read); an
    interrupted build is rolled back first, and a running one is waited for (``settle``)."""
    settle(checkout_root(catalog) or catalog.parent)
    return sorted(catalog_map(catalog).values())


def release_files(project: Project, imports: bool = True) -> list[Path]:
    """The files of the queryable release of ``project``: the Turtle release and, optionally, its import modules
    (after an interrupted build is rolled back, and while a running build commits, once it has finished)."""
    settle(project.root)
    return [project.release_ttl, *(import_module_files(project.catalog) if imports else [])]


def _journal_dir(paths: list[Path]) -> Path:
    """Where the journal of a commit of ``paths`` goes: the repository root for files under it (so readers find it
    in one place), else the folder that holds them all."""
    parents = [str(Path(path).parent.resolve()) for path in paths]
    common = Path(os.path.commonpath(parents))
    return checkout_root(common) or common


def _pid_alive(pid: int) -> bool:
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path: Path) -> None:
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _rollback(entries: list[dict[str, str]]) -> None:
    """Put every target back as it was before the commit described by ``entries`` (idempotent)."""
    for entry in entries:
        target, new, old = Path(entry["target"]), Path(entry["new"]), Path(entry["old"])
        if old.exists():
            os.replace(old, target)
        elif entry.get("existed") == "no" and target.exists():
            target.unlink()
        new.unlink(missing_ok=True)


def _journals(folder: Path) -> list[tuple[Path, dict]]:
    found = []
    for journal in sorted(folder.glob(f"{JOURNAL_PREFIX}*.json")):
        try:
            data = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        found.append((journal, data if isinstance(data, dict) else {}))
    return found


def _output_folders(base: Path) -> list[Path]:
    """The folders that receive generated files (where a killed run may have left temporary files)."""
    if checkout_root(base) != base.resolve():
        return [base, *(path for path in base.iterdir() if path.is_dir())] if base.is_dir() else [base]
    project = Project.at(base)
    folders = [base, project.ontology_dir, project.imports_dir, project.docs_dir, project.curation_dir,
               project.exports_dir]
    for parent in (project.exports_dir, project.curation_dir):
        if parent.is_dir():
            folders += [path for path in parent.iterdir() if path.is_dir()]
    return folders


def recover(folders: list[Path]) -> list[Path]:
    """Finish what a killed run left in ``folders`` (a checkout root, or any folder a commit wrote to): roll back
    every unfinished commit (its journal is still there) and remove orphan temporary files. Returns the files rolled
    back. A commit of a live process is left alone."""
    restored: list[Path] = []
    bases = folders
    live = False
    touched: set[Path] = set()
    for folder in bases:
        for journal, data in _journals(folder):
            if _pid_alive(int(data.get("pid", 0) or 0)):
                live = True
                continue
            entries = [entry for entry in data.get("entries", []) if isinstance(entry, dict)]
            _rollback(entries)
            restored += [Path(entry["target"]) for entry in entries]
            touched.update(Path(entry["target"]).parent for entry in entries)
            journal.unlink(missing_ok=True)
            log.warning("rolled back an interrupted write of %d file(s) (%s)", len(entries), display_path(folder))
    if not live:
        for folder in touched | {path for base in bases for path in _output_folders(base)}:
            if folder.is_dir():
                for orphan in [*folder.glob(f".*{_NEW}"), *folder.glob(f".*{_OLD}"), *folder.glob(".ctckg*.tmp")]:
                    owner = orphan.name.rsplit(".", 3)[-3] if orphan.name.endswith((_NEW, _OLD)) else ""
                    if not (owner.isdigit() and _pid_alive(int(owner))):
                        orphan.unlink(missing_ok=True)
    return restored


def settle(folder: Path, wait: float = 10.0) -> None:
    """Before reading the release: roll back a killed build, and wait (up to ``wait`` s) for a running one."""
    deadline = time.monotonic() + wait
    while True:
        recover([folder])
        if not any(_pid_alive(int(data.get("pid", 0) or 0)) for _, data in _journals(folder)):
            return
        if time.monotonic() > deadline:
            return
        time.sleep(0.05)


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "no space left on device"
    if error.errno in (errno.EPERM, errno.EACCES):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "read-only file system"
    return error.strerror or str(error)


def _unchanged(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def commit_files(contents: dict[Path, str | bytes], delete: list[Path] | None = None) -> list[Path]:
    """Write ``contents`` (text as UTF-8) and remove ``delete`` as one unit; returns the changed paths, sorted.

    Phase 1 writes every changed file to ``.NAME.PID.ctckg-new.tmp`` in its folder (a failure there removes them
    and changes nothing), then the journal. Phase 2 keeps each old file as ``.NAME.PID.ctckg-old.tmp`` (a hard link)
    and renames the new one over it; removing the journal commits. A failure in phase 2 rolls everything back at
    once (``WriteFailed``); a killed run is rolled back by the next ``recover`` (every writer and reader calls it).
    """
    targets = [Path(path) for path in [*contents, *(delete or [])]]
    if not targets:
        return []
    folder = _journal_dir(targets)
    recover([folder])
    changed: dict[Path, bytes | None] = {}
    for path, content in sorted(contents.items()):
        encoded = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        if not _unchanged(Path(path), encoded):
            changed[Path(path)] = encoded
    for path in delete or []:
        if Path(path).exists():
            changed[Path(path)] = None
    if not changed:
        return []
    pid = os.getpid()
    journal = folder / f"{JOURNAL_PREFIX}{pid}.json"
    entries: list[dict[str, str]] = []
    try:  # phase 1: temporary files next to their targets, then the journal
        for path, data in changed.items():
            entries.append({"target": str(path), "new": str(path.parent / f".{path.name}.{pid}{_NEW}"),
                            "old": str(path.parent / f".{path.name}.{pid}{_OLD}"),
                            "existed": "yes" if path.exists() else "no"})
            if data is None:
                continue
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with open(entries[-1]["new"], "wb") as stream:
                    stream.write(data)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.chmod(entries[-1]["new"], 0o644)
            except OSError as error:
                raise WriteFailed(path, _reason(error)) from None
        try:
            journal.write_text(json.dumps({"pid": pid, "entries": entries}, indent=1), encoding="utf-8")
            _fsync(journal)
        except OSError as error:
            raise WriteFailed(journal, _reason(error)) from None
    except BaseException:
        for entry in entries:
            Path(entry["new"]).unlink(missing_ok=True)
        journal.unlink(missing_ok=True)
        raise
    done: list[dict[str, str]] = []
    try:  # phase 2: keep each old file, rename the new one over it
        for entry, (path, data) in zip(entries, changed.items(), strict=True):
            if path.exists():
                try:
                    os.link(path, entry["old"])
                except OSError:
                    shutil.copy2(path, entry["old"])
            if data is None:
                path.unlink()
            else:
                os.replace(entry["new"], path)
            done.append(entry)
    except BaseException as error:
        try:
            _rollback(done)
            for entry in entries:
                Path(entry["new"]).unlink(missing_ok=True)
                Path(entry["old"]).unlink(missing_ok=True)
            journal.unlink(missing_ok=True)
        except OSError:  # the journal stays: the next run finishes the rollback
            raise WriteFailed(Path(getattr(error, "filename", None) or folder),
                              f"{_reason(error) if isinstance(error, OSError) else error}, and the old files could "
                              "not all be put back yet (the next ctckg run restores them)", unchanged=False) from None
        if isinstance(error, OSError):
            raise WriteFailed(Path(getattr(error, "filename", None) or folder), _reason(error)) from None
        raise
    for parent in {path.parent for path in changed}:
        _fsync(parent)
    journal.unlink()  # the commit point
    for entry in entries:
        Path(entry["old"]).unlink(missing_ok=True)
    return sorted(changed)
