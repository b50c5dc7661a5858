"""Packaging hook: the wheel carries the committed release files as package data (``ctckg/_release``).

The files stay where the build writes them (``ontology/``, ``shapes/``, ``docs/``); ``build_py`` copies them into
the package at wheel build time, so no second copy is committed. Which files: ``RELEASE_DATA_FILES`` in
``src/ctckg/project.py`` (read here without importing the package). Editable installs need no copy: they read the
checkout the source lives in. Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _release_data_files() -> tuple[str, ...]:
    """``RELEASE_DATA_FILES`` of ``src/ctckg/project.py``."""
    tree = ast.parse((HERE / "src" / "ctckg" / "project.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "RELEASE_DATA_FILES" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    raise RuntimeError("RELEASE_DATA_FILES not found in src/ctckg/project.py")


class BuildPyWithRelease(build_py):
    """``build_py`` that also copies the release files into ``ctckg/_release`` of the build."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "ctckg" / "_release"
        copied = 0
        for pattern in _release_data_files():
            for source in sorted(HERE.glob(pattern)):
                destination = target / source.relative_to(HERE)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
                copied += 1
        if not (target / "ontology" / "ctckg.ttl").is_file():
            raise RuntimeError("the release files are missing (ontology/ctckg.ttl); run `ctckg build` first")
        print(f"copied {copied} release files into {target}")


setup(cmdclass={"build_py": BuildPyWithRelease})
