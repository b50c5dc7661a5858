"""The README's examples show real output: each documented command still prints exactly what the README shows."""

from __future__ import annotations

import re
import shlex

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
