"""Pinned external vocabularies: does an ID exist, is it obsolete, what is its label and parents.

Two sources with one interface: the pinned tables in ``../shared/vocab`` (read by `ctckg imports` and, when present,
by the build) and the committed extract ``ontology/imports/external-terms.tsv`` (enough to build without them).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ctckg.project import GENERATED_NOTE, Project
from ctckg.schema import VOCAB_TABLES

__all__ = ["ExternalTerm", "Vocabulary", "PinnedTables", "LockedTerms", "open_vocabulary", "write_lock"]

csv.field_size_limit(1 << 24)


@dataclass(frozen=True)
class ExternalTerm:
    """One row of a pinned table, reduced to what the project uses."""

    curie: str
    label: str
    obsolete: bool = False
    parents: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    definition: str = ""
    entity_type: str = "class"
    uniprot: str = ""
    replaced_by: str = ""

    @property
    def prefix(self) -> str:
        """The CURIE prefix, e.g. ``CL``."""
        return self.curie.split(":", 1)[0]


def _split(cell: str) -> tuple[str, ...]:
    if not cell:
        return ()
    parts = cell.replace("\\|", "\x00").split("|")
    return tuple(part.replace("\x00", "|") for part in parts if part)


def _row_to_term(row: dict[str, str]) -> ExternalTerm:
    return ExternalTerm(
        curie=row["id"], label=row.get("label", "") or "", obsolete=(row.get("obsolete") == "true"),
        parents=_split(row.get("parents", "")), synonyms=_split(row.get("synonyms", "")),
        definition=row.get("definition", "") or "", entity_type=row.get("entity_type", "") or "class",
        uniprot=row.get("uniprot", "") or "", replaced_by=row.get("replaced_by", "") or "",
    )


class Vocabulary:
    """Look-ups by CURIE; subclasses fill ``_terms`` per prefix on demand."""

    description = "vocabulary"

    def __init__(self) -> None:
        self._terms: dict[str, Mapping[str, ExternalTerm]] = {}

    def _load(self, prefix: str) -> Mapping[str, ExternalTerm]:
        raise NotImplementedError

    def get(self, curie: str) -> ExternalTerm | None:
        """The term for ``curie`` or None when the table does not have it."""
        prefix = curie.split(":", 1)[0]
        if prefix not in self._terms:
            self._terms[prefix] = self._load(prefix)
        return self._terms[prefix].get(curie)

    def find_label(self, prefix: str, label: str) -> ExternalTerm | None:
        """The non-obsolete term of ``prefix`` whose label is exactly ``label`` (None when there is none)."""
        if prefix not in self._terms:
            self._terms[prefix] = self._load(prefix)
        matches = sorted(t.curie for t in self._terms[prefix].values() if t.label == label and not t.obsolete)
        return self._terms[prefix][matches[0]] if matches else None

    def closure(self, curies: set[str]) -> dict[str, ExternalTerm]:
        """The terms for ``curies`` and all their ancestors that the tables have (any prefix with a table)."""
        found: dict[str, ExternalTerm] = {}
        todo = sorted(curies)
        while todo:
            curie = todo.pop()
            if curie in found or curie.split(":", 1)[0] not in VOCAB_TABLES:
                continue
            term = self.get(curie)
            if term is None:
                continue
            found[curie] = term
            todo.extend(parent for parent in term.parents if parent not in found)
        return found


class _IndexedTable(Mapping):
    """One pinned table as a read-only mapping CURIE -> ExternalTerm, indexed lazily by ID: the file is read once
    and split into lines, only the ID of each line is looked at, and a row becomes an ``ExternalTerm`` when it is
    asked for (a build asks for a few hundred of the 348k rows). Rows are read as ``csv.DictReader`` with tabs and
    ``QUOTE_NONE`` reads them (missing cells are empty, surplus cells ignored)."""

    def __init__(self, path: Path, prefix: str):
        text = path.read_text(encoding="utf-8")
        self._lines = text.replace("\r\n", "\n").split("\n")
        self._header = self._lines[0].split("\t") if self._lines else []
        self._label_column = self._header.index("label") if "label" in self._header else None
        self._rows: dict[str, int] = {}
        own = prefix + ":"
        for number in range(1, len(self._lines)):
            line = self._lines[number]
            # RO.tsv also carries BFO/IAO rows; keep only the table's own prefix (the last row of an ID wins)
            if line.startswith(own):
                tab = line.find("\t")
                self._rows[line if tab < 0 else line[:tab]] = number
        self._terms: dict[str, ExternalTerm] = {}

    def __getitem__(self, curie: str) -> ExternalTerm:
        term = self._terms.get(curie)
        if term is None:
            cells = self._lines[self._rows[curie]].split("\t")
            term = _row_to_term({name: (cells[i] if i < len(cells) else "") for i, name in enumerate(self._header)})
            self._terms[curie] = term
        return term

    def __iter__(self):
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def with_label(self, label: str) -> list[str]:
        """The CURIEs whose label cell is exactly ``label`` (obsolete ones too), sorted."""
        if self._label_column is None:
            return []
        column = self._label_column
        return sorted(curie for curie, number in self._rows.items()
                      if label in self._lines[number] and _cell(self._lines[number], column) == label)


def _cell(line: str, column: int) -> str:
    cells = line.split("\t", column + 1)
    return cells[column] if column < len(cells) else ""


class PinnedTables(Vocabulary):
    """The pinned TSV tables of ``../shared/vocab`` (see its SOURCES.md), indexed lazily by ID."""

    def __init__(self, directory: Path | None = None):
        super().__init__()
        directory = directory if directory is not None else Project.discover().vocab_dir
        self.directory = directory
        self.description = f"pinned tables in {directory}"

    def _load(self, prefix: str) -> Mapping[str, ExternalTerm]:
        table = VOCAB_TABLES.get(prefix)
        if table is None:
            return {}
        return _IndexedTable(self.directory / table, prefix)

    def find_label(self, prefix: str, label: str) -> ExternalTerm | None:
        if prefix not in self._terms:
            self._terms[prefix] = self._load(prefix)
        table = self._terms[prefix]
        if not isinstance(table, _IndexedTable):
            return super().find_label(prefix, label)
        matches = [curie for curie in table.with_label(label) if not table[curie].obsolete]
        return table[matches[0]] if matches else None


_LOCK_COLUMNS = ["id", "label", "obsolete", "entity_type", "parents", "synonyms", "uniprot", "definition"]


class LockedTerms(Vocabulary):
    """The committed extract ``ontology/imports/external-terms.tsv``."""

    def __init__(self, path: Path | None = None):
        super().__init__()
        path = path if path is not None else Project.discover().external_terms_file
        self.path = path
        self.description = f"the committed extract {path.name} (run `ctckg imports` to refresh it)"
        self._all: dict[str, ExternalTerm] | None = None

    def _load(self, prefix: str) -> dict[str, ExternalTerm]:
        if self._all is None:
            self._all = {}
            if self.path.exists():
                self._all = _read_lock(self.path)
        return {curie: term for curie, term in self._all.items() if curie.startswith(prefix + ":")}


def _read_lock(path: Path) -> dict[str, ExternalTerm]:
    """Parse the extract; a malformed row raises ``CurationError`` naming the file and line."""
    from ctckg.errors import CurationError, Problem, display_path

    terms: dict[str, ExternalTerm] = {}
    problems: list[Problem] = []
    header: list[str] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#") or not line:
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if header != _LOCK_COLUMNS:
                problems.append(Problem(display_path(path), number, "header",
                                        f"expected columns {', '.join(_LOCK_COLUMNS)}"))
                break
            continue
        if len(cells) != len(header):
            problems.append(Problem(display_path(path), number, "row",
                                    f"TSV syntax error: {len(cells)} fields, expected {len(header)}"))
            continue
        row = dict(zip(header, cells, strict=False))
        if not re.fullmatch(r"[A-Za-z]+:[0-9A-Za-z_]+", row["id"]):
            problems.append(Problem(display_path(path), number, "id", f"malformed ID {row['id']!r}"))
            continue
        terms[row["id"]] = _row_to_term(row)
    if problems:
        raise CurationError(problems)
    return terms


def has_pinned_tables(project: Project) -> bool:
    """True when the pinned tables of ``project`` are on this machine (then the build reads them)."""
    return (project.vocab_dir / "CL.tsv").exists()


def open_vocabulary(prefer_pinned: bool = True, project: Project | None = None) -> Vocabulary:
    """The pinned tables of ``project`` (default: the checkout found from the working directory) when they are on
    this machine (and wanted), else its committed extract."""
    project = project or Project.discover()
    if prefer_pinned and has_pinned_tables(project):
        return PinnedTables(project.vocab_dir)
    return LockedTerms(project.external_terms_file)


def write_lock(terms: dict[str, ExternalTerm]) -> str:
    """Render the extract of used external terms (sorted); returns the text (the caller writes it)."""
    lines = [f"# {GENERATED_NOTE.format(command='imports')} Rows copied from the pinned tables of ../shared/vocab.",
             "\t".join(_LOCK_COLUMNS)]
    for curie in sorted(terms):
        term = terms[curie]
        cells = [term.curie, term.label, "true" if term.obsolete else "false", term.entity_type,
                 "|".join(term.parents), "|".join(s.replace("|", "\\|") for s in term.synonyms), term.uniprot,
                 term.definition]
        lines.append("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in cells))
    return "\n".join(lines) + "\n"
