"""Fixed values of the validation gate; no project paths: those come from a ``ctckg.project.Project`` (the QC
queries ship with the package, ``ctckg.project.resource_path("queries", "qc")``)."""

from __future__ import annotations

from pathlib import Path

from ctckg.project import BASE_IRI, REFERENCE_ID_OFFSET

__all__ = ["REFERENCE_ID_OFFSET", "VALIDATION_NS", "DEBIAN_PACKAGES", "JAVA_SHARE_DIR"]

#: Namespace of the marker classes added to the data graph for SHACL targets (never written to a release).
VALIDATION_NS = f"{BASE_IRI}validation#"
#: Where Debian installs Java libraries (OWL API, Jena jars); a system folder, not part of the project.
JAVA_SHARE_DIR = Path("/usr/share/java")
#: Debian packages that provide the Java tools, by tool.
DEBIAN_PACKAGES = {"java": "default-jre-headless", "javac": "default-jdk-headless", "owlapi": "libowlapi-java",
                   "jena": "libapache-jena-java"}
