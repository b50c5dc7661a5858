"""The package's version and the name of the environment variable that names a checkout: the two values the CLI
needs before any command runs, kept apart so that ``ctckg --help`` and ``ctckg --version`` import nothing else."""

from __future__ import annotations

__all__ = ["VERSION", "PROJECT_ENV"]

VERSION = "0.1.0"
#: Environment variable naming the checkout to work on (``ctckg --project``).
PROJECT_ENV = "CTCKG_PROJECT"
