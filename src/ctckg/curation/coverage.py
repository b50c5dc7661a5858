"""Coverage of the review: which findings each section has and which cited references they carry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ctckg.curation.records import Finding, Sources
from ctckg.errors import CurationError, Problem, display_path
from ctckg.project import GENERATED_NOTE, Project

__all__ = ["CitedParagraph", "load_citations", "unattached", "coverage_markdown", "section_of"]


@dataclass(frozen=True)
class CitedParagraph:
    """One row of ``citations.tsv``: the reference numbers cited in one paragraph of the review."""

    section: str
    paragraph: int
    numbers: tuple[int, ...]
    line: int


def load_citations(path: Path | None = None) -> list[CitedParagraph]:
    """Read the committed citation table (default: the checkout's); malformed rows raise ``CurationError`` with
    file and line."""
    path = path if path is not None else Project.discover().citations_file
    rows: list[CitedParagraph] = []
    problems: list[Problem] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#") or line.startswith("section\t"):
            continue
        cells = line.split("\t")
        try:
            if len(cells) != 3:
                raise ValueError(f"{len(cells)} fields, expected 3")
            rows.append(CitedParagraph(cells[0], int(cells[1]), tuple(int(n) for n in cells[2].split(",")), number))
        except ValueError as error:
            problems.append(Problem(display_path(path), number, "row", f"TSV syntax error: {error}"))
    if problems:
        raise CurationError(problems)
    return rows


def section_of(finding: Finding) -> str:
    """The part of the review a finding belongs to: 'table 1', 'figure N' or the section number."""
    if finding.locator.table_row is not None:
        return "table 1"
    if finding.locator.figure is not None:
        return f"figure {finding.locator.figure}"
    return finding.locator.section


def _attached(sources: Sources, where: str, paragraph: int) -> set[int]:
    numbers: set[int] = set()
    for finding in sources.findings:
        if section_of(finding) != where:
            continue
        if where.startswith(("table", "figure")):
            same = where != "table 1" or finding.locator.table_row == paragraph
        else:
            same = finding.locator.paragraph == paragraph
        if same:
            numbers.update(finding.references)
    return numbers


def unattached(sources: Sources, citations: list[CitedParagraph]) -> dict[tuple[str, int], list[int]]:
    """Reference numbers cited in a paragraph but carried by no finding of that paragraph."""
    missing: dict[tuple[str, int], list[int]] = {}
    for row in citations:
        gap = sorted(set(row.numbers) - _attached(sources, row.section, row.paragraph))
        if gap:
            missing[(row.section, row.paragraph)] = gap
    return missing


def coverage_markdown(sources: Sources, citations: list[CitedParagraph]) -> str:
    """docs/COVERAGE.md: per section, its findings and references, and citations attached to nothing."""
    order = ["1", "2.1", "2.2", "3", "figure 1", "4", "5", "figure 2", "6", "7", "8", "table 1"]
    gaps = unattached(sources, citations)
    lines = [f"<!-- {GENERATED_NOTE.format(command='build')} -->", "# Coverage of the review", "",
             f"{len(sources.findings)} findings; {len({n for f in sources.findings for n in f.references})} of "
             f"{len(sources.references)} references attached to at least one finding.", "",
             "| part | findings | stated | proposed | reference numbers carried | cited in the text but attached to nothing |",
             "|---|---|---|---|---|---|"]
    for where in order:
        findings = [f for f in sources.findings if section_of(f) == where]
        carried = sorted({n for f in findings for n in f.references})
        missing = sorted({n for (section, _), numbers in gaps.items() if section == where for n in numbers})
        lines.append(f"| {where} | {len(findings)} | {sum(f.status == 'stated' for f in findings)} | "
                     f"{sum(f.status == 'proposed' for f in findings)} | {', '.join(map(str, carried))} | "
                     f"{', '.join(map(str, missing)) or 'none'} |")
    lines += ["", "## Findings by part", ""]
    for where in order:
        findings = sorted((f for f in sources.findings if section_of(f) == where), key=lambda f: f.id)
        lines += [f"### {where}", ""]
        for finding in findings:
            paragraph = f" ¶{finding.locator.paragraph}" if finding.locator.paragraph else ""
            refs = ", ".join(map(str, finding.references))
            lines.append(f"- {finding.id}{paragraph} ({finding.status}) {finding.label} — refs {refs}")
        lines.append("")
    return "\n".join(lines)
