"""Headless Chromium for the browser test (tests/test_browser.py): its flags on an offline machine and where the
test leaves its screenshots."""

from __future__ import annotations

from pathlib import Path

#: Headless Chromium on an offline machine; add a fresh --user-data-dir per run.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars",
)
#: Browser-test artifacts (screenshots), ignored by git.
TEST_OUTPUT_DIR = Path(__file__).resolve().parent.parent.parent / "test-output"
