"""The sentence index of the review (``ontology/curation/sentences.tsv``): facts about each sentence, no text.

Written once by ``ctckg extract sentences`` from ``../shared/review``; read by the curation loader to check that
each finding's locator names a real sentence, that its references are cited there and that its status follows the
hedging rule (docs/CURATION.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ctckg.errors import Problem, display_path

__all__ = ["IndexedSentence", "SentenceIndex", "load_sentence_index"]


@dataclass(frozen=True)
class IndexedSentence:
    """One row of the sentence index."""

    where: str
    paragraph: int
    sentence: int
    start: int
    end: int
    references: tuple[int, ...]
    hedges: tuple[str, ...]


SentenceIndex = dict[tuple[str, int, int], IndexedSentence]


def load_sentence_index(path: Path) -> tuple[SentenceIndex, list[Problem]]:
    """Read the sentence index; problems (file, line, field) instead of exceptions."""
    where = display_path(path)
    index: SentenceIndex = {}
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, [Problem(where, 0, "file", "the sentence index is missing; run `ctckg extract sentences`")]
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem(where, 0, "file", f"cannot read the sentence index: {error}")]
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            if cells != ["section", "paragraph", "sentence", "start", "end", "references", "hedges"]:
                problems.append(Problem(where, number, "header", "expected the columns section, paragraph, "
                                        "sentence, start, end, references, hedges"))
                return {}, problems
            continue
        if len(cells) != 7:
            problems.append(Problem(where, number, "row", f"expected 7 tab-separated cells, got {len(cells)}"))
            continue
        try:
            row = IndexedSentence(cells[0], int(cells[1]), int(cells[2]), int(cells[3]), int(cells[4]),
                                  tuple(int(n) for n in cells[5].split(",") if n),
                                  tuple(h for h in cells[6].split(",") if h))
        except ValueError:
            problems.append(Problem(where, number, "row", "paragraph, sentence, offsets and references must be "
                                    "whole numbers"))
            continue
        index[(row.where, row.paragraph, row.sentence)] = row
    return index, problems
