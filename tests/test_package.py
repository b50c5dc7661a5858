"""The package outside its checkout: the wheel carries the release, so an installed ctckg queries and validates it
from any folder; building says it needs a checkout. Also: project discovery (--project, CTCKG_PROJECT)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from ctckg.project import RELEASE_DATA_FILES
from support.paths import PROJECT, ROOT

#: Table 1 of the review, row by row: the interacting cell type (as its CL label) and the references cited.
TABLE1 = [("neutrophil", "30"), ("neutrophil", "31; 37; 39; 42"), ("myeloid suppressor cell", "47; 48"),
          ("platelet", "50; 51; 52"), ("platelet", "56; 63; 64; 65"), ("platelet", "55; 60; 61; 62"),
          ("platelet", "68"), ("macrophage", "74; 76; 77"), ("macrophage", "78; 79; 80"), ("lymphocyte", "2")]


def _table1(tsv: str) -> list[tuple[str, str]]:
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t"))
    return [(row["partner_label"], row["references"]) for row in rows]


def _source_copy(target: Path) -> Path:
    """The files a wheel is built from (what an sdist holds), so the build leaves the clone untouched."""
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "src", target / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "_release"))
    for pattern in RELEASE_DATA_FILES:  # what setup.py copies into the wheel
        for path in ROOT.glob(pattern):
            (target / path.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / path.relative_to(ROOT))
    return target


@pytest.mark.slow
def test_wheel_installed_outside_the_clone_queries_and_validates_its_release(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    source = _source_copy(tmp_path / "source")
    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation", "--no-deps",
                            "--no-index", "-w", str(wheels), str(source)], capture_output=True, text=True,
                           timeout=600, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("ctckg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "ctckg/_release/ontology/ctckg.ttl" in names and "ctckg/_release/shapes/ctckg-shapes.ttl" in names
    assert "ctckg/_release/ontology/imports/cl_import.owl" in names and "ctckg/queries/cq/table1.rq" in names

    # a fresh venv outside the clone: the main venv's dependencies (a .pth line, whose own .pth files, among them
    # the editable ctckg, are not read), the wheel installed into it
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    purelib = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    (purelib / "main-venv.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    python = venv / "bin" / "python"
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                                "--no-index", str(wheel)], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("CTCKG_") and key != "PYTHONPATH"}
    env["CTCKG_CACHE_DIR"] = str(tmp_path / "cache")
    ctckg = venv / "bin" / "ctckg"

    where = subprocess.run([str(python), "-c", "import ctckg.project as p; print(p.package_dir())"], cwd=elsewhere,
                           env=env, capture_output=True, text=True, timeout=60)
    assert where.returncode == 0 and Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr

    query = subprocess.run([str(ctckg), "query", "table1", "--format", "tsv"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, timeout=300)
    assert query.returncode == 0, query.stderr
    assert _table1(query.stdout) == TABLE1

    validate = subprocess.run([str(ctckg), "validate"], cwd=elsewhere, env=env, capture_output=True, text=True,
                              timeout=600)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "conforms: 0 violation(s)" in validate.stdout

    build = subprocess.run([str(ctckg), "build"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60)
    assert build.returncode == 2
    assert build.stderr.strip().splitlines() == [
        "error: `ctckg build` needs a checkout of the ctckg repository (the curation sources); run it inside a "
        "clone, or name one with --project PATH or $CTCKG_PROJECT"]
    assert not (venv / "site").exists()

    # the site of the shipped release, with the committed exports as downloads (the ligand-receptor page links one)
    built_site = subprocess.run([str(ctckg), "site"], cwd=elsewhere, env=env, capture_output=True, text=True,
                                timeout=600)
    assert built_site.returncode == 0, built_site.stdout + built_site.stderr
    assert (elsewhere / "site" / "downloads" / "exports" / "interactions" / "ligand-receptor.tsv").is_file()
    page = (elsewhere / "site" / "ligand-receptor.html").read_text(encoding="utf-8")
    assert "CD44" in page and "P-selectin" in page  # the review's platelet P-selectin - CTC CD44 pair [57, 58]


def test_project_is_found_from_a_subfolder_and_named_by_option_or_environment(tmp_path: Path) -> None:
    from ctckg.project import NoCheckout, Project

    assert Project.discover(ROOT) == PROJECT
    here = Path.cwd()
    try:
        os.chdir(ROOT / "ontology" / "curation" / "findings")
        assert Project.discover().root == ROOT
        os.chdir(tmp_path)
        assert Project.find() is None or os.environ.get("CTCKG_PROJECT")
    finally:
        os.chdir(here)
    with pytest.raises(NoCheckout, match="is not a ctckg checkout"):
        Project.discover(tmp_path)
    env = {**os.environ, "CTCKG_PROJECT": str(ROOT)}
    stats = subprocess.run([sys.executable, "-m", "ctckg", "stats", "--format", "json"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120)
    assert stats.returncode == 0, stats.stderr
    assert '"references": 86' in stats.stdout
    named = subprocess.run([sys.executable, "-m", "ctckg", "--project", str(tmp_path), "lint", "--check"],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert named.returncode == 2 and "is not a ctckg checkout" in named.stderr


def test_building_outside_a_checkout_says_so_in_one_line(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "CTCKG_PROJECT"}
    for command in (["build"], ["imports"], ["lint"], ["extract", "citations"]):
        result = subprocess.run([sys.executable, "-m", "ctckg", *command], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr.strip().splitlines() == [
            f"error: `ctckg {command[0]}` needs a checkout of the ctckg repository (the curation sources); run it "
            "inside a clone, or name one with --project PATH or $CTCKG_PROJECT"]


def test_check_kgx_names_the_extra_when_kgx_is_missing(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text("import sys\nsys.modules['kgx'] = None  # as if not installed\n",
                                              encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(blocker)}
    result = subprocess.run([sys.executable, "-m", "ctckg", "check", "kgx"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "pip install 'ctckg[kgx]'" in result.stderr and "Traceback" not in result.stderr
