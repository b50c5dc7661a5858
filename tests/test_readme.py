"""The README's examples show real output: each documented command still prints exactly what the README shows."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctckg.cli.main import main
from support.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# console blocks: "$ <command>" (possibly spanning lines inside quotes) followed by its output
BLOCKS = re.findall(r"```console\n\$ (.+?)\n```", README, flags=re.S)


def _split(block: str) -> tuple[list[str], str]:
    """The command's arguments (after `ctckg`) and the output printed below it."""
    for end in range(len(block)):
        if block[end] == "\n":
            try:
                args = shlex.split(block[:end])
            except ValueError:  # still inside a quoted argument
                continue
            return args, block[end + 1:]
    return shlex.split(block), ""


CASES = [(args, output) for args, output in map(_split, BLOCKS) if output.strip()]


def test_readme_has_examples() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize(("args", "output"), CASES, ids=[" ".join(a[1:3]) for a, _ in CASES])
def test_readme_example_output_is_real(args: list[str], output: str) -> None:
    assert args[0].endswith("ctckg"), args
    result = CliRunner().invoke(main, args[1:])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip() == output.rstrip(), "update the README example: " + " ".join(args)


#: The README's Python example and the output printed below it.
PYTHON = re.search(r"## Python\n.*?```python\n(.+?)```\n\n```text\n(.+?)```", README, flags=re.S)


@pytest.mark.slow
def test_readme_python_example_runs_and_prints_what_the_readme_shows(tmp_path: Path) -> None:
    assert PYTHON is not None, "the README has a Python section with an example and its output"
    code, shown = PYTHON.groups()
    env = {**os.environ, "CTCKG_PROJECT": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout == shown, "update the README's Python example output"
    lines = done.stdout.splitlines()
    # Table 1 of the review: ten rows, the first the neutrophil-ICAM-1 row citing [30]; the four platelet rows cite
    # [50-52], [56,63-65], [55,60-62] and [68]
    assert lines[0] == "10 CL:0000775 neutrophil 30"
    assert [line.split(None, 1) for line in lines[4:8]] == [["4", "50; 51; 52"], ["5", "56; 63; 64; 65"],
                                                             ["6", "55; 60; 61; 62"], ["7", "68"]]
    assert lines[8] == "True platelet" and lines[9].startswith("True ")
    sssom = (tmp_path / "out" / "ctckg.sssom.tsv").read_text(encoding="utf-8")
    assert sssom == (ROOT / "exports" / "sssom" / "ctckg.sssom.tsv").read_text(encoding="utf-8")
