"""Extract facts (reference list, in-text citations) from the review's plain text.

This runs once, against ``../shared/review``; its outputs are committed curation files
(``references.yaml`` was bootstrapped from :func:`parse_references`, ``citations.tsv`` is written by
:func:`citations_text`, through ``ctckg extract``). Nothing at build or test time needs the review text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctckg.curation.sentences import IndexedSentence

__all__ = ["Citation", "Sentence", "HEDGE_CUES", "ReviewTextError", "citations_text", "sentences_text",
           "parse_references", "parse_citations", "expand_numbers", "review_paragraphs", "cited_numbers",
           "parse_sentences", "split_sentences", "hedge_cues"]

_HEADING = re.compile(r"^(?P<num>[1-8])\. (?P<title>[A-Z].+)$")
_SUBHEADING = re.compile(r"^(?P<num>[1-8]\.[0-9])\. \*(?P<title>.+)\*$")
_FIGURE = re.compile(r"^Figure (?P<num>[12])\. ")
_BRACKET = re.compile(r"\[(?P<body>[0-9][0-9,–\- ]*)\]")
_REFERENCE = re.compile(r"^(?P<num>[0-9]{1,2})\. (?P<body>.+)$")


@dataclass(frozen=True)
class Citation:
    """Reference numbers cited in one paragraph of the review."""

    section: str
    paragraph: int
    numbers: tuple[int, ...]


def expand_numbers(body: str) -> list[int]:
    """Expand a bracket body such as ``'34–38'`` or ``'56,63–65'`` into reference numbers."""
    numbers: list[int] = []
    for part in body.replace(" ", "").split(","):
        if not part:
            continue
        bounds = re.split(r"[–-]", part)
        if len(bounds) == 2:
            numbers.extend(range(int(bounds[0]), int(bounds[1]) + 1))
        else:
            numbers.append(int(part))
    return numbers


class ReviewTextError(ValueError):
    """The text is not the review's plain text (a heading the extractor needs is missing)."""


def _line_index(lines: list[str], heading: str) -> int:
    index = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
    if index is None:
        raise ReviewTextError(f"no line reads {heading!r}: this is not the review's plain text")
    return index


def _body_lines(text: str) -> list[str]:
    """Lines between the '1. Introduction' heading and the 'References' heading."""
    lines = text.splitlines()
    start = _line_index(lines, "1. Introduction")
    end = _line_index(lines, "References")
    back = next((i for i in range(start, end) if lines[i].startswith("Author Contributions:")), end)
    return lines[start:back]


def review_paragraphs(text: str) -> list[tuple[str, int, str]]:
    """The review's paragraphs in order, as ``(where, number, text)`` with whitespace normalised.

    ``where`` is the section as numbered in the review ('1', '2.1', … '8'), 'figure 1' / 'figure 2' for the figure
    captions or 'table 1' (one paragraph per row); ``number`` counts from 1 within ``where``. A paragraph broken by a
    page break (a line that does not end a sentence followed by a blank line) is joined to the next one.
    """
    paragraphs: list[tuple[str, str]] = []
    section = ""
    buffer = ""
    in_table = False
    for raw in _body_lines(text):
        line = raw.strip()
        heading = _HEADING.match(line) or _SUBHEADING.match(line)
        if heading:
            if buffer:
                paragraphs.append((section, buffer))
                buffer = ""
            section = heading.group("num")
            in_table = False
            continue
        if line.startswith("Table 1."):
            in_table = True
            continue
        if in_table:
            if not line:
                continue
            if line.startswith("Interaction of CTCs"):
                continue
            if "\t" not in raw:
                in_table = False
            else:
                paragraphs.append(("table 1", line))
                continue
        figure = _FIGURE.match(line)
        if figure:
            paragraphs.append((f"figure {figure.group('num')}", line))
            continue
        if not line:
            if buffer and buffer.rstrip().endswith((".", ":", "]")):
                paragraphs.append((section, buffer))
                buffer = ""
            continue
        buffer = f"{buffer} {line}".strip() if buffer else line
    if buffer:
        paragraphs.append((section, buffer))
    counters: dict[str, int] = {}
    numbered: list[tuple[str, int, str]] = []
    for where, paragraph in paragraphs:
        counters[where] = counters.get(where, 0) + 1
        numbered.append((where, counters[where], re.sub(r"\s+", " ", paragraph).strip()))
    return numbered


def cited_numbers(text: str) -> tuple[int, ...]:
    """The reference numbers cited in brackets anywhere in ``text``, sorted, each once."""
    numbers: list[int] = []
    for match in _BRACKET.finditer(text):
        numbers.extend(expand_numbers(match.group("body")))
    return tuple(sorted(set(numbers)))


def parse_citations(text: str) -> list[Citation]:
    """Return one :class:`Citation` per paragraph that cites references (see :func:`review_paragraphs`)."""
    citations: list[Citation] = []
    for where, number, paragraph in review_paragraphs(text):
        numbers = cited_numbers(paragraph)
        if numbers:
            citations.append(Citation(where, number, numbers))
    return citations


#: Words after which a full stop does not end a sentence.
_NO_BREAK_AFTER = re.compile(r"(?:\bet al|\be\.g|\bi\.e|\bvs|\bFig|\bFigure [12]|\bNo|\bDr|\bapprox)\.$")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z(“\"])")
#: Hedging cues: a sentence containing one of them states a proposal, not a finding (docs/CURATION.md).
HEDGE_CUES = ("might", "may", "could", "seem", "seems", "suggest", "suggests", "suggesting", "propose", "proposed",
              "believed", "hypothesis", "hypothesize", "hypothesized", "possible", "possibly")
_HEDGE = re.compile(r"\b(" + "|".join(HEDGE_CUES) + r")\b", re.IGNORECASE)


#: One sentence of the review, located by offsets into its normalised paragraph (never its text); the same record the
#: sentence index is read back into.
Sentence = IndexedSentence


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of one normalised paragraph (a Table 1 row is one sentence)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        if _NO_BREAK_AFTER.search(paragraph[start:match.start()]):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(paragraph)))
    return spans


def hedge_cues(sentence: str) -> tuple[str, ...]:
    """The hedging cues (lower case, sorted, each once) that occur in ``sentence``."""
    return tuple(sorted({match.group(1).lower() for match in _HEDGE.finditer(sentence)}))


def parse_sentences(text: str) -> list[Sentence]:
    """Every sentence of the review body, figure captions and Table 1 rows, with its cited numbers and hedges."""
    sentences: list[Sentence] = []
    for where, number, paragraph in review_paragraphs(text):
        spans = [(0, len(paragraph))] if where == "table 1" else split_sentences(paragraph)
        for index, (start, end) in enumerate(spans, start=1):
            chunk = paragraph[start:end]
            sentences.append(Sentence(where, number, index, start, end, cited_numbers(chunk), hedge_cues(chunk)))
    return sentences


def sentences_text(sentences: list[Sentence]) -> str:
    """The sentence index as TSV text: where, paragraph, sentence, offsets, cited numbers, hedging cues."""
    rows = ["# generated by `ctckg extract sentences` from the review text; offsets index the whitespace-normalised"
            " paragraph; do not edit",
            "section\tparagraph\tsentence\tstart\tend\treferences\thedges"]
    rows += [f"{s.where}\t{s.paragraph}\t{s.sentence}\t{s.start}\t{s.end}\t{','.join(map(str, s.references))}\t"
             f"{','.join(s.hedges)}" for s in sentences]
    return "\n".join(rows) + "\n"


def citations_text(citations: list[Citation]) -> str:
    """The citation table as TSV text (section, paragraph, reference numbers)."""
    rows = ["# generated by `ctckg extract citations` from the review text; do not edit",
            "section\tparagraph\treferences"]
    rows += [f"{c.section}\t{c.paragraph}\t{','.join(map(str, c.numbers))}" for c in citations]
    return "\n".join(rows) + "\n"


def _clean(text: str) -> str:
    text = re.sub(r"\$\\alpha ?6\\beta ?1\$", "α6β1", text)
    text = text.replace("β 1-integrin", "β1-integrin")
    return re.sub(r"\s+", " ", text).strip()


def parse_references(text: str) -> list[dict[str, object]]:
    """Parse the numbered reference list into dictionaries with the fields of ``references.yaml``."""
    lines = text.splitlines()
    start = _line_index(lines, "References")
    records: list[dict[str, object]] = []
    for raw in lines[start + 1:]:
        match = _REFERENCE.match(raw.strip())
        if not match:
            continue
        number = int(match.group("num"))
        body = re.sub(r"\s*\[\[CrossRef\].*$", "", match.group("body")).strip()
        head, _, rest = body.partition(" *")
        journal, _, tail = rest.partition("* **")
        year, _, after = tail.partition("**")
        chunks = head.split("; ")
        last = chunks.pop()
        et_al = last.startswith("et al. ")
        if et_al:
            title = last[len("et al. "):]
        else:
            found = re.match(r"^(?P<name>[^,]+, (?:[A-Z][a-z]?\.[-–]?)+) (?P<title>.+)$", last)
            if not found:
                raise ValueError(f"reference {number}: cannot split authors from title: {last!r}")
            chunks.append(found.group("name"))
            title = found.group("title")
        authors = [a.strip() for a in chunks]
        volume = pages = None
        after = after.strip().lstrip(",").strip()
        vol = re.match(r"^\*(?P<vol>[^*]+)\*,?\s*(?P<pages>[^.]*)\.?$", after)
        if vol:
            volume = vol.group("vol").strip()
            pages = vol.group("pages").strip() or None
        elif after.rstrip("."):
            pages = after.rstrip(".").strip() or None
        records.append({
            "number": number,
            "authors": authors,
            "et_al": et_al,
            "title": _clean(title).rstrip(".").strip(),
            "journal": _clean(journal),
            "year": int(year),
            "volume": volume,
            "pages": pages,
        })
    return records
