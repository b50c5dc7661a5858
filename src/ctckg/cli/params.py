"""Parameter types shared by the commands."""

from __future__ import annotations

import os
from typing import Any

import click

__all__ = ["PathParam"]


class PathParam(click.Path):
    """``click.Path`` that gives a :class:`pathlib.Path`, importing pathlib only when a value is converted, so that
    ``ctckg --help`` does not load it (issue 15: the help answers within 0.1 s)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from pathlib import Path

        return Path(os.fsdecode(super().convert(value, param, ctx)))
