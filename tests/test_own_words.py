"""Our own words: curated prose must not reuse runs of the review's sentences.

Runs only where the review text is available (the project workspace and CI). The reference list is left out:
notes may name a cited paper by its title.
"""

from __future__ import annotations

import re

from conftest import require
from support.paths import REVIEW_TEXT

RUN = 7  # words; technical phrases and disease names are shorter than this


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _unquoted(text: str) -> str:
    return re.sub(r"'[^']*'|\"[^\"]*\"", " ", text)


def test_prose_does_not_copy_the_review(sources) -> None:
    require(REVIEW_TEXT.exists(), f"review text not found at {REVIEW_TEXT}")
    text = REVIEW_TEXT.read_text(encoding="utf-8")
    words = _words(text[: text.index("\nReferences\n")])  # the body; reference titles may be cited
    runs = {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}
    copied = []
    texts = [(f.id, "label", f.label) for f in sources.findings] + \
            [(f.id, "description", f.description) for f in sources.findings] + \
            [(t.id, "definition", t.definition) for t in sources.terms] + \
            [(f.id, "note", _unquoted(f.note)) for f in sources.findings]
    for ident, field, text in texts:
        found = _words(text)
        hits = [" ".join(found[i:i + RUN]) for i in range(len(found) - RUN + 1) if tuple(found[i:i + RUN]) in runs]
        # "patients with (advanced) non-small cell lung cancer" is a disease name, not prose
        hits = [h for h in hits if "non small cell lung" not in h]
        if hits:
            copied.append(f"{ident} {field}: {hits[0]!r}")
    assert not copied, "rewrite in our own words:\n" + "\n".join(copied)
