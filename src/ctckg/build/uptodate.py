"""Up-to-date check of a build, as make does it: a build whose inputs are byte for byte those of an earlier build, and
whose outputs are still the files that build wrote, has nothing to do.

The key (:func:`input_key`) is a SHA-256 over everything a build reads: every file of the curation folder, the
committed term lock, the shapes, the pinned tables when the build reads them, the source of the ``ctckg`` package
(code, queries, templates), the versions of the libraries it runs on, and the build's options. (The committed Turtle
release, which the shrink check reads, is one of the outputs the stamp vouches for.) A build that wrote and
validated its outputs leaves a stamp under the key in the user cache folder (``built/<key>``, none with
``CTCKG_NO_CACHE``) listing each output with the SHA-256 of its bytes, the names in the imports folder, and the
summary line it printed. :func:`up_to_date` returns that summary only when every listed output still has those
bytes and the imports folder holds the same files, so a hand edit, a deleted output or a changed source always
means a real build. ``ctckg build --force`` ignores the stamp.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from ctckg.project import Project, package_files, resource_path
from ctckg.release import cache_dir, hash_file, write_cache_file

__all__ = ["input_key", "up_to_date", "record_build", "STAMP_FORMAT"]

#: Changes when the meaning of a stamp changes, so stamps of an older format are never read.
STAMP_FORMAT = "ctckg-build-1"


def _files_under(folder: Path) -> list[Path]:
    """Every file below ``folder`` (sorted)."""
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []


def _hash_file(digest: hashlib._Hash, label: str, path: Path) -> None:
    """Feed ``label`` and the bytes of ``path`` (or a marker when it is missing) into ``digest``."""
    digest.update(f"\0{label}\0".encode())
    try:
        hash_file(digest, path)
    except FileNotFoundError:
        digest.update(b"\0missing\0")


def _library_versions() -> list[str]:
    """``name=version`` of ctckg's runtime dependencies (what the serializers, figure and site run on)."""
    import re
    from importlib.metadata import PackageNotFoundError, requires, version

    versions = []
    for requirement in requires("ctckg") or []:
        if "extra ==" in requirement:
            continue
        name = re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]
        try:
            versions.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name}=missing")
    return sorted(versions)


def input_key(project: Project, *, pinned_tables: bool, everything: bool, allow_shrink: bool) -> str:
    """SHA-256 (hex) of everything a build of ``project`` reads and of its options (see the module docstring);
    ``pinned_tables``: the build reads the pinned tables of ``project.vocab_dir`` (else the committed term lock)."""
    digest = hashlib.sha256(STAMP_FORMAT.encode())
    for line in _library_versions():
        digest.update(f"\0{line}".encode())
    digest.update(f"\0all={everything}\0shrink={allow_shrink}\0pinned={pinned_tables}".encode())
    package = resource_path()
    for path in package_files():
        _hash_file(digest, "package/" + path.relative_to(package).as_posix(), path)
    root = project.root
    for path in _files_under(project.curation_dir):
        _hash_file(digest, path.relative_to(root).as_posix(), path)
    # The committed Turtle release, which the shrink check reads, is one of the outputs a stamp vouches for.
    for path in (project.external_terms_file, project.shapes):
        _hash_file(digest, path.relative_to(root).as_posix(), path)
    if pinned_tables:
        for path in sorted(project.vocab_dir.glob("*.tsv")):
            _hash_file(digest, "vocab/" + path.name, path)
    return digest.hexdigest()


def _stamp_path(key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / "built" / key


def _file_digest(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        hash_file(digest, path)
    except OSError:
        return None
    return digest.hexdigest()


def _imports_listing(project: Project) -> list[str]:
    folder = project.imports_dir
    return sorted(path.name for path in folder.iterdir() if path.is_file()) if folder.is_dir() else []


def up_to_date(project: Project, key: str) -> str | None:
    """The summary line of the stamped build under ``key`` when its outputs are all still there with the bytes it
    wrote and the imports folder holds the same files; None when a real build is needed."""
    stamp = _stamp_path(key)
    if stamp is None:
        return None
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(recorded, dict) or recorded.get("format") != STAMP_FORMAT:
        return None
    outputs = recorded.get("outputs")
    if not isinstance(outputs, dict) or recorded.get("imports") != _imports_listing(project):
        return None
    for relative, expected in outputs.items():
        if _file_digest(project.root / relative) != expected:
            return None
    summary = recorded.get("summary")
    return summary if isinstance(summary, str) else None


def record_build(project: Project, key: str, outputs: Iterable[Path] | Mapping[Path, object], summary: str) -> None:
    """Leave the stamp of a build that wrote and validated ``outputs`` (their bytes are read back from disk); a
    read-only or missing cache folder only costs the next build a real run."""
    stamp = _stamp_path(key)
    if stamp is None:
        return
    root = project.root.resolve()
    listed: dict[str, str] = {}
    for path in sorted(outputs):
        digest = _file_digest(path)
        if digest is None:
            return  # an output is not on disk: nothing to vouch for
        try:
            listed[path.resolve().relative_to(root).as_posix()] = digest
        except ValueError:
            return  # an output outside the checkout (a test writing elsewhere): not stamped
    write_cache_file(stamp, json.dumps({"format": STAMP_FORMAT, "outputs": listed, "imports": _imports_listing(project),
                                        "summary": summary}, indent=1, sort_keys=True) + "\n")
