"""One report type for SHACL results, QC query rows and reasoner findings, printable as text, JSON or TSV."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from ctckg.errors import display_path
from ctckg.release import label_in, term_text
from ctckg.validate.paths import REFERENCE_ID_OFFSET

__all__ = ["SEVERITIES", "Result", "Report", "label_of", "term_text", "source_of", "with_sources"]

#: Severities from most to least serious (SHACL's names; QC headers say error / warning / info).
SEVERITIES = ("Violation", "Warning", "Info")
_TSV_COLUMNS = ("severity", "check", "focus", "label", "path", "value", "message", "component", "source")


@dataclass(frozen=True, order=True)
class Result:
    """One problem: which check found it, on which node (with its label), the path and value, and what to do."""

    severity: str
    check: str
    focus: str
    label: str = ""
    path: str = ""
    value: str = ""
    message: str = ""
    component: str = ""
    source: str = ""

    def text(self) -> str:
        """One line (plus the source location) a curator can act on."""
        who = f"{self.focus} '{self.label}'" if self.label else self.focus
        where = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value else ""
        origin = f"  [{self.check}{', ' + self.component if self.component else ''}]"
        source = f"\n    at {self.source}" if self.source else ""
        return f"{self.severity}: {who}{where}{value}: {self.message}{origin}{source}"


@dataclass
class Report:
    """Results of one validation run; ``conforms`` when no result is a Violation."""

    results: list[Result] = field(default_factory=list)
    checks: dict[str, int] = field(default_factory=dict)

    @property
    def conforms(self) -> bool:
        """True when nothing of severity Violation was found."""
        return not any(result.severity == "Violation" for result in self.results)

    def count(self, severity: str) -> int:
        """Number of results of ``severity``."""
        return sum(1 for result in self.results if result.severity == severity)

    def extend(self, other: Report) -> Report:
        """Add the results and check counts of ``other``; returns self."""
        self.results.extend(other.results)
        for name, number in other.checks.items():
            self.checks[name] = self.checks.get(name, 0) + number
        return self

    def summary(self) -> str:
        """'conforms' or 'does not conform', with counts per severity and the checks run."""
        counts = ", ".join(f"{self.count(s)} {s.lower()}(s)" for s in SEVERITIES)
        checks = ", ".join(f"{number} {name}" for name, number in self.checks.items())
        return f"{'conforms' if self.conforms else 'DOES NOT CONFORM'}: {counts} ({checks})"

    def format(self, fmt: str = "text", min_severity: str = "Warning") -> str:
        """Render as ``text`` (results at or above ``min_severity``, then the summary), ``json`` or ``tsv``."""
        ordered = sorted(self.results, key=lambda r: (SEVERITIES.index(r.severity), r.check, r.focus, r.path))
        if fmt == "json":
            return json.dumps({"conforms": self.conforms, "checks": self.checks,
                               "counts": {s: self.count(s) for s in SEVERITIES},
                               "results": [asdict(r) for r in ordered]}, indent=2, ensure_ascii=False)
        if fmt == "tsv":
            rows = ["\t".join(_TSV_COLUMNS)]
            rows += ["\t".join(_clean(getattr(r, column)) for column in _TSV_COLUMNS) for r in ordered]
            return "\n".join(rows)
        shown = [r for r in ordered if SEVERITIES.index(r.severity) <= SEVERITIES.index(min_severity)]
        hidden = len(ordered) - len(shown)
        lines = [r.text() for r in shown]
        if hidden:
            lines.append(f"({hidden} result(s) below {min_severity.lower()} not shown; use --show info)")
        return "\n".join([*lines, self.summary()])


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def label_of(graph: Graph, node: Node | None) -> str:
    """The node's label in ``graph`` by the one rule of :func:`ctckg.release.best_label`, or ''."""
    return label_in(graph, node) or ""


@lru_cache(maxsize=4)
def _source_index(curation_dir: Path) -> dict[str, str]:
    """CURIE -> 'file:line' of its record in the curation YAML (ids, and reference numbers in references.yaml)."""
    index: dict[str, str] = {}
    pattern = re.compile(r"^\s*-?\s*id:\s*(CTCKG:[0-9]{7,})\b")
    for path in sorted(curation_dir.rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = pattern.match(line)
            if match:
                index.setdefault(match.group(1), f"{display_path(path)}:{number}")
    references = curation_dir / "references.yaml"
    if references.exists():
        where = display_path(references)
        for number, line in enumerate(references.read_text(encoding="utf-8").splitlines(), start=1):
            match = re.match(r"^\s*-\s*number:\s*([0-9]+)\s*$", line)
            if match:
                index.setdefault(f"CTCKG:{REFERENCE_ID_OFFSET + int(match.group(1)):07d}", f"{where}:{number}")
            elif line.startswith("review:"):
                index.setdefault(f"CTCKG:{REFERENCE_ID_OFFSET:07d}", f"{where}:{number}")
    return index


def source_of(curie: str, curation_dir: Path | None) -> str:
    """Where the record of ``curie`` is curated under ``curation_dir`` ('ontology/curation/findings/table1.yaml:3'),
    or '' (also without curation sources, e.g. for the release that ships with the package)."""
    if curation_dir is None or not curie.startswith("CTCKG:") or not curation_dir.is_dir():
        return ""
    return _source_index(Path(curation_dir).resolve()).get(curie, "")


def with_sources(report: Report, curation_dir: Path | None) -> Report:
    """``report`` with the curation source of each result's focus filled in (see :func:`source_of`)."""
    report.results = [replace(result, source=result.source or source_of(result.focus, curation_dir))
                      for result in report.results]
    return report
