"""Internal link checker for the static site: every relative ``href`` / ``src`` (and ``xlink:href`` in SVG) must reach
a file and anchor."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["BrokenLink", "broken_links"]


class _Collector(HTMLParser):
    """Collects link targets and anchor ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in {"href", "src", "xlink:href", "data"} and tag != "base" and not (name == "data" and tag != "object"):
                self.links.append(value)
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)


BrokenLink = tuple[str, str, str]
"""(page relative to the site root, link as written, reason)."""


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector


def broken_links(site_dir: Path) -> tuple[int, list[BrokenLink]]:
    """Check every HTML page and SVG image under ``site_dir``; returns (number of internal links checked, broken
    ones)."""
    pages = {path: _parse(path) for path in sorted([*site_dir.rglob("*.html"), *site_dir.rglob("*.svg")])}
    checked, broken = 0, []
    for page, collector in pages.items():
        for link in collector.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue
            checked += 1
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            where = str(page.relative_to(site_dir))
            if not target.is_file():
                broken.append((where, link, "no such file"))
                continue
            if not str(target).startswith(str(site_dir.resolve())):
                broken.append((where, link, "points outside the site"))
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append((where, link, "no such anchor"))
    return checked, broken
