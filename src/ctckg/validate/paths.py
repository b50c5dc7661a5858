"""Paths and fixed values of the validation gate (built from ctckg.project, the only place paths start)."""

from __future__ import annotations

from pathlib import Path

from ctckg.project import (BASE_IRI, CATALOG_FILE, CURATION_DIR, IMPORTS_DIR, QUERIES_DIR, RELEASE_FULL,
                             RELEASE_OWL, RELEASE_TTL, REFERENCE_ID_OFFSET, REFERENCES_FILE, ROOT,
                             SHAPES_FILE)

__all__ = ["SHAPES_FILE", "QC_QUERIES_DIR", "PROFILE_CHECKER", "CATALOG_FILE", "IMPORTS_DIR", "CURATION_DIR",
           "REFERENCES_FILE", "REFERENCE_ID_OFFSET", "RELEASE_TTL", "RELEASE_OWL", "RELEASE_FULL", "VALIDATION_NS",
           "DEBIAN_PACKAGES", "JAVA_SHARE_DIR"]

#: ROBOT-style SPARQL checks; each `*-violation.rq` must return zero rows on the release.
QC_QUERIES_DIR = QUERIES_DIR / "qc"
#: The OWL API profile checker, compiled at test / CI time into a temporary directory.
PROFILE_CHECKER = ROOT / "tools" / "OwlProfileCheck.java"
#: Namespace of the marker classes added to the data graph for SHACL targets (never written to a release).
VALIDATION_NS = f"{BASE_IRI}validation#"
#: Where Debian installs Java libraries (OWL API, Jena jars).
JAVA_SHARE_DIR = Path("/usr/share/java")
#: Debian packages that provide the Java tools, by tool.
DEBIAN_PACKAGES = {"java": "default-jre-headless", "javac": "default-jdk-headless", "owlapi": "libowlapi-java",
                   "jena": "libapache-jena-java"}

assert RELEASE_OWL.parent == RELEASE_TTL.parent == RELEASE_FULL.parent == CATALOG_FILE.parent
