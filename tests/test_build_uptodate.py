"""Issue 15: an unchanged checkout builds in well under a second (make-style stamp), and every kind of change to an
input or an output still means a real build that restores the committed bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.paths import ONTOLOGY_DIR, ROOT

pytestmark = pytest.mark.slow  # real builds in fresh processes


def _checkout(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "clone"
    shutil.copytree(ONTOLOGY_DIR, root / "ontology", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(ROOT / "shapes", root / "shapes")
    env = {**os.environ, "CTCKG_PROJECT": str(root), "CTCKG_VOCAB_DIR": str(root / "no-vocab"),
           "CTCKG_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CTCKG_NO_CACHE", None)
    return root, env


def _build(env: dict[str, str], *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ctckg", "build", *options], capture_output=True, text=True, env=env)


def test_unchanged_checkout_is_up_to_date_and_every_change_builds_again(tmp_path: Path) -> None:
    root, env = _checkout(tmp_path)
    ttl = root / "ontology/ctckg.ttl"
    committed = ttl.read_bytes()

    first = _build(env)
    assert first.returncode == 0, first.stderr
    assert "up to date" not in first.stdout and first.stdout.startswith("wrote ")
    again = _build(env)
    assert again.returncode == 0, again.stderr
    assert "(up to date: nothing changed since the last build" in again.stdout
    counts = first.stdout.split(":", 1)[1].strip()  # the counts the real build printed, repeated
    assert again.stdout.startswith("wrote 0 changed file(s)") and counts in again.stdout
    assert _build(env, "--check").returncode == 0

    # A hand edit of an output and a deleted import module: --check names both, and one build restores the
    # committed bytes of both (neither is reported as up to date).
    ttl.write_bytes(committed + b"\n# edited by hand\n")
    module = root / "ontology/imports/cl_import.owl"
    text = module.read_bytes()
    module.unlink()
    check = _build(env, "--check")
    assert check.returncode == 1 and "ontology/ctckg.ttl differs from a fresh build" in check.stderr
    assert "ontology/imports/cl_import.owl differs from a fresh build" in check.stderr
    rebuilt = _build(env)
    assert "up to date" not in rebuilt.stdout and "wrote 2 changed file(s)" in rebuilt.stdout
    assert ttl.read_bytes() == committed and module.read_bytes() == text

    # A changed source (even one that changes no output) means a real build; so does --force.
    source = root / "ontology/curation/findings/table1.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "# a curator's comment\n", encoding="utf-8")
    edited = _build(env)
    assert edited.returncode == 0 and "up to date" not in edited.stdout and "wrote 0 changed" in edited.stdout
    assert "up to date" in _build(env).stdout
    assert "up to date" not in _build(env, "--force").stdout

    # Without a cache folder nothing is stamped.
    assert "up to date" not in _build({**env, "CTCKG_NO_CACHE": "1"}).stdout
