"""Refresh the output of every ```console block of README.md from the real command (run after a release change).

Each block is "$ ctckg ARGS" followed by its output; the output is replaced by what the command prints now, so
tests/test_readme.py (which checks the same thing) passes. A command with ``--format markdown`` keeps only the
command in its block and gets its table rendered right below it (the table that was there is replaced).
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

from ctckg.cli.main import main

README = Path(__file__).resolve().parents[1] / "README.md"
_BLOCK = re.compile(r"(```console\n\$ )(.+?)(\n```)((?:\n\n\|[^\n]*(?:\n\|[^\n]*)*)?)", flags=re.S)


def _command(block: str) -> tuple[str, list[str]]:
    for end in range(len(block)):
        if block[end] == "\n":
            try:
                return block[:end], shlex.split(block[:end])
            except ValueError:
                continue
    return block, shlex.split(block)


def refresh(text: str) -> str:
    """README text with every console block's output replaced by the command's current output."""
    def replace(match: re.Match[str]) -> str:
        command, args = _command(match.group(2))
        result = CliRunner().invoke(main, args[1:])
        if result.exit_code != 0:
            sys.exit(f"{command}: exit {result.exit_code}\n{result.output}")
        if "--format markdown" in command:
            return f"{match.group(1)}{command}{match.group(3)}\n\n{result.output.rstrip()}"
        return f"{match.group(1)}{command}\n{result.output.rstrip()}{match.group(3)}{match.group(4)}"
    return _BLOCK.sub(replace, text)


if __name__ == "__main__":
    README.write_text(refresh(README.read_text(encoding="utf-8")), encoding="utf-8")
