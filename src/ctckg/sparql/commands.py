"""Click commands of ctckg.sparql, registered on the main CLI group by ctckg.cli."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
