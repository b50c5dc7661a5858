"""Committed exports: regenerated from the release they match byte for byte, in any process."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from ctckg.export.artifacts import artifact_outputs, stale_artifacts
from ctckg.export.model import load_release
from support.paths import EXPORTS_DIR, FIGURE_PNG, FIGURE_SVG, KGX_EDGES, KGX_NODES, LIGAND_RECEPTOR_FILE, SSSOM_FILE

_DIGEST = ("import hashlib; from ctckg.export.artifacts import artifact_outputs; "
           "from ctckg.export.model import load_release; o = artifact_outputs(*load_release()); "
           "h = hashlib.sha256(); "
           "[h.update(str(p).encode() + (c.encode() if isinstance(c, str) else c)) for p, c in sorted(o.items())]; "
           "print(h.hexdigest())")


def test_artifact_outputs_cover_every_export() -> None:
    outputs = artifact_outputs(*load_release())
    assert {KGX_NODES, KGX_EDGES, SSSOM_FILE, FIGURE_SVG, FIGURE_PNG} <= set(outputs)
    assert LIGAND_RECEPTOR_FILE in outputs
    assert sum(1 for path in outputs if EXPORTS_DIR in path.parents) == 7
    assert isinstance(outputs[FIGURE_PNG], bytes) and isinstance(outputs[KGX_NODES], str)


def test_committed_exports_match_the_release() -> None:
    stale = stale_artifacts(artifact_outputs(*load_release()))
    assert stale == [], "run `ctckg export --format all` and `ctckg figure` (or `ctckg build --all`)"


def test_exports_are_byte_identical_across_processes() -> None:
    digests = {subprocess.run([sys.executable, "-c", _DIGEST], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(digests) == 1
    assert len(next(iter(digests)).strip()) == len(hashlib.sha256().hexdigest())


def test_cli_export_figure_and_exit_codes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from ctckg.cli.main import main

    runner = CliRunner()
    result = runner.invoke(main, ["export", "--format", "kgx", "-o", str(tmp_path / "kgx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kgx" / "ctckg_nodes.tsv").is_file() and (tmp_path / "kgx" / "ctckg_edges.tsv").is_file()
    assert runner.invoke(main, ["export", "--format", "kgx", "-o", str(tmp_path / "kgx"), "--check"]).exit_code == 0
    (tmp_path / "kgx" / "ctckg_edges.tsv").write_text("stale\n", encoding="utf-8")
    assert runner.invoke(main, ["export", "--format", "kgx", "-o", str(tmp_path / "kgx"), "--check"]).exit_code == 1
    result = runner.invoke(main, ["figure", "-o", str(tmp_path / "fig.svg")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "fig.svg").is_file() and (tmp_path / "fig.png").is_file()
    assert runner.invoke(main, ["figure", "-o", str(tmp_path / "fig.pdf")]).exit_code == 2
    assert runner.invoke(main, ["export", "--format", "xml"]).exit_code == 2
