"""OWL 2 DL profile check with the OWL API (tools/OwlProfileCheck.java, compiled on demand into a temp dir)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ctckg.project import Project
from ctckg.validate.java import debian_classpath
from ctckg.validate.loading import ValidationError
from ctckg.validate.paths import DEBIAN_PACKAGES

__all__ = ["ProfileReport", "check_profile"]


@dataclass
class ProfileReport:
    """What the checker printed: one line per violation and a summary line per file."""

    returncode: int
    violations: list[str]
    output: str

    @property
    def ok(self) -> bool:
        """Every file is in OWL 2 DL."""
        return self.returncode == 0 and not self.violations


def _tools() -> tuple[str, str, str]:
    java, javac = shutil.which("java"), shutil.which("javac")
    classpath = debian_classpath(DEBIAN_PACKAGES["owlapi"])
    if java is None or javac is None:
        raise ValidationError(f"java and javac are needed: apt-get install {DEBIAN_PACKAGES['javac']}")
    if "owlapi" not in classpath:
        raise ValidationError(f"the OWL API is not installed: apt-get install {DEBIAN_PACKAGES['owlapi']}")
    return java, javac, classpath


def check_profile(files: tuple[Path, ...] | None = None, catalog: Path | None = None, timeout: float = 300,
                  project: Project | None = None) -> ProfileReport:
    """Compile the checker (``tools/OwlProfileCheck.java`` of the checkout ``project``, default: the one found from
    the working directory) and run it on ``files`` (default: ``ctckg.owl`` and ``ctckg-full.owl``), imports resolved
    through ``catalog`` (default: the project's)."""
    project = project or Project.discover()
    files = files if files is not None else (project.release_owl, project.release_full)
    catalog = catalog if catalog is not None else project.catalog
    checker = project.profile_checker
    if not checker.is_file():
        raise ValidationError(f"the profile check needs a checkout of the ctckg repository ({checker} is "
                              "missing)")
    java, javac, classpath = _tools()
    with tempfile.TemporaryDirectory(prefix="ctckg-profile-") as classes:
        compiled = subprocess.run([javac, "-nowarn", "-cp", classpath, "-d", classes, str(checker)],
                                  capture_output=True, text=True, timeout=timeout, check=False)
        if compiled.returncode != 0:
            raise ValidationError(f"javac failed on {checker.name}:\n{compiled.stderr}")
        run = subprocess.run([java, "-cp", f"{classes}:{classpath}", "OwlProfileCheck", "--catalog", str(catalog),
                              *map(str, files)], capture_output=True, text=True, timeout=timeout, check=False)
    if run.returncode == 2:
        raise ValidationError(f"the OWL 2 DL profile check failed to run:\n{run.stderr.strip()}")
    lines = run.stdout.splitlines()
    violations = [line for line in lines if ": OWL 2 DL profile: " not in line]
    return ProfileReport(run.returncode, violations, run.stdout)
