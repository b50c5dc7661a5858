"""Problems found in curation sources, reported all at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ctckg.project import checkout_root

__all__ = ["Problem", "CurationError", "display_path", "describe_exception"]


def display_path(path: Path) -> str:
    """Path relative to the root of the checkout that holds it, when there is one (what a curator sees in
    messages); else the path as given."""
    root = checkout_root(Path(path))
    if root is None:
        return str(path)
    try:
        return str(Path(path).resolve().relative_to(root))
    except ValueError:
        return str(path)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a source file: where it is, which field, what is wrong."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line > 0 else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class CurationError(Exception):
    """Raised with every problem found; the CLI prints them and exits with code 2."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def _where(error: BaseException) -> str:
    """The file an OSError is about, as a curator sees it (empty when unknown)."""
    filename = getattr(error, "filename", None)
    return display_path(Path(filename)) if filename else ""


def _file_in_traceback(error: BaseException) -> str:
    """The file the failing code was reading: a ``path`` (or ``file``) variable of the innermost frame that has one."""
    found = ""
    trace = error.__traceback__
    while trace is not None:
        for name in ("path", "file", "filename", "source"):
            value = trace.tb_frame.f_locals.get(name)
            system_id = getattr(value, "getSystemId", None)  # an rdflib/SAX input source
            if callable(system_id) and str(system_id() or "").startswith("file://"):
                from urllib.parse import unquote, urlparse

                value = Path(unquote(urlparse(str(system_id())).path))
            if isinstance(value, Path) or (isinstance(value, str) and value.endswith((".tsv", ".yaml", ".ttl", ".owl",
                                                                                      ".xml", ".rq", ".txt"))):
                found = display_path(Path(value))
                break
        trace = trace.tb_next
    return found


def describe_exception(error: BaseException) -> str:
    """One line naming what went wrong, for the catch-all at the CLI boundary (no traceback)."""
    import errno

    if getattr(error, "complete_message", False):
        return str(error)
    if isinstance(error, CurationError):
        first = str(error.problems[0]) if error.problems else "problem in the curation sources"
        more = f" (and {len(error.problems) - 1} more)" if len(error.problems) > 1 else ""
        return first + more
    where = _file_in_traceback(error)
    prefix = f"{where}: " if where else ""
    if isinstance(error, RecursionError):
        return f"{prefix}the input is nested too deeply to be read (RecursionError); flatten it"
    if isinstance(error, MemoryError):
        return f"{prefix}out of memory: the input is too large (MemoryError)"
    if isinstance(error, UnicodeDecodeError):
        if isinstance(error.object, bytes) and error.start < len(error.object):
            line = error.object[:error.start].count(b"\n") + 1
            return (f"{where}:{line}: " if where else "") + (f"not UTF-8 text: byte 0x{error.object[error.start]:02x} "
                                                             f"at offset {error.start} ({error.reason}); save it as UTF-8")
        return f"{prefix}not UTF-8 text ({error.reason})"
    if isinstance(error, OSError):
        where = _where(error) or where
        reason = error.strerror or str(error)
        if error.errno == errno.ENOSPC:
            reason = "no space left on device"
        elif error.errno in (errno.EPERM, errno.EACCES):
            reason = "permission denied"
        elif error.errno == errno.EROFS:
            reason = "read-only file system"
        return f"{where}: {reason}" if where else f"{type(error).__name__}: {reason}"
    text = " ".join(str(error).split()) or "no message (an internal error: please report it with the --debug output)"
    if len(text) > 300:
        text = text[:300] + "..."
    return f"{prefix}{type(error).__name__}: {text}"
