"""One `ctckg site` run per test session, shared by tests/test_site.py and tests/test_browser.py (which serves it
with `ctckg serve --site`), so the site is built once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

_BUILT: dict[str, tuple[Path, subprocess.CompletedProcess[str]]] = {}


def built_site(factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """(folder, the finished `ctckg site -o folder` run), run as a reader runs it."""
    if "site" not in _BUILT:
        out = factory.mktemp("site") / "site"
        run = subprocess.run([sys.executable, "-m", "ctckg", "site", "-o", str(out)], capture_output=True, text=True,
                             timeout=300)
        _BUILT["site"] = (out, run)
    return _BUILT["site"]
