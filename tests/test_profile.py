"""OWL 2 DL profile (OWL API, tools/OwlProfileCheck.java): zero violations on the release and the merged file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import require, require_tool
from ctckg.validate.java import debian_classpath
from ctckg.validate.profile import check_profile
from support.paths import CATALOG_FILE, RELEASE_FULL, RELEASE_OWL

pytestmark = pytest.mark.slow  # compiles and runs the OWL API checker on the JVM (pytest -m 'not slow' skips it)

NOT_DL = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:owl="http://www.w3.org/2002/07/owl#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <owl:Ontology rdf:about="https://example.org/not-dl.owl"/>
  <owl:ObjectProperty rdf:about="https://example.org/p"/>
  <owl:DatatypeProperty rdf:about="https://example.org/p"/>
  <owl:Class rdf:about="https://example.org/A">
    <rdfs:subClassOf rdf:resource="https://example.org/Undeclared"/>
  </owl:Class>
</rdf:RDF>
"""


@pytest.fixture(scope="module", autouse=True)
def owlapi() -> None:
    """Java, javac and the Debian OWL API jars (skip locally, fail in CI)."""
    require_tool("java")
    require_tool("javac")
    require("owlapi" in debian_classpath("libowlapi-java"), "libowlapi-java is not installed")


def test_release_and_merged_file_are_owl2_dl() -> None:
    report = check_profile((RELEASE_OWL, RELEASE_FULL), CATALOG_FILE)
    print(report.output)
    assert report.violations == [], "\n".join(report.violations)
    assert report.ok
    summary = [line for line in report.output.splitlines() if "OWL 2 DL profile" in line]
    assert len(summary) == 2 and all(" 0 violation(s)" in line for line in summary)
    imports = len([line for line in CATALOG_FILE.read_text().splitlines() if "<uri " in line])
    assert f"{imports + 1} ontologies in the imports closure" in summary[0]  # every import resolved


def test_checker_reports_violations(tmp_path: Path) -> None:
    path = tmp_path / "not-dl.owl"
    path.write_text(NOT_DL)
    report = check_profile((path,), tmp_path / "no-catalog.xml")
    assert not report.ok and report.returncode == 1
    assert any("UseOfUndeclaredClass" in line for line in report.violations)
