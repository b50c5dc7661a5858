"""The build's validation gate runs only when the release, its modules, the shapes or the QC checks changed (a stamp
in the user cache), and a release that fails is reported on every build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import RDFS, Graph

from ctckg.validate import gate
from ctckg.validate.gate import validate_build, validation_key
from ctckg.validate.report import Report, Result
from support.paths import PROJECT, Project


def _outputs(project: Project = PROJECT) -> dict[Path, str]:
    """The validated outputs of a build as the committed release has them (the Turtle release, every module)."""
    paths = [project.release_ttl, *sorted(project.imports_dir.glob("*_import.owl"))]
    return {path: path.read_text(encoding="utf-8") for path in paths}


def test_key_names_release_modules_and_shapes(tmp_path: Path) -> None:
    outputs = _outputs()
    key = validation_key(outputs, PROJECT)
    assert key == validation_key(dict(outputs), PROJECT)  # the same bytes, the same key
    changed = dict(outputs)
    changed[PROJECT.release_ttl] += "\n# one more line\n"
    assert validation_key(changed, PROJECT) != key
    module = next(path for path in outputs if path.name.endswith("_import.owl"))
    changed = dict(outputs)
    changed[module] = changed[module].replace("</rdf:RDF>", "<!-- x --></rdf:RDF>")
    assert validation_key(changed, PROJECT) != key
    # other outputs (coverage table, external-terms.tsv) do not enter the graph that is validated
    assert validation_key({**outputs, PROJECT.coverage_file: "changed"}, PROJECT) == key
    # a copy of the checkout whose shapes differ by one comment gets another key
    (tmp_path / "ontology" / "curation").mkdir(parents=True)
    (tmp_path / "shapes").mkdir()
    shutil.copy(PROJECT.shapes, tmp_path / "shapes" / PROJECT.shapes.name)
    other = Project.at(tmp_path)
    assert validation_key(outputs, other) == key
    with open(other.shapes, "a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    assert validation_key(outputs, other) != key


def test_conforming_release_is_validated_once_and_a_failing_one_every_time(
        release_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate's bookkeeping, with the validator replaced by one that counts its calls and fails a release without
    the label of a minted class. (That pySHACL itself rejects such a release is tests/test_validate.py's
    test_class_without_label_fails; running it here three times cost 13 s and tested nothing more.)"""
    monkeypatch.setenv("CTCKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CTCKG_NO_CACHE", raising=False)
    modules = [Graph()]
    outputs = _outputs()
    minted = sorted(s for s in release_graph.subjects(RDFS.label, None)
                    if str(s).startswith("https://w3id.org/ctckg/CTCKG_0001"))[0]
    runs: list[Graph] = []

    def counted(graph: Graph, modules: object, project: Project) -> Report:
        runs.append(graph)
        if (minted, RDFS.label, None) in graph:
            return Report()
        return Report([Result("Violation", "shacl", str(minted), message="needs exactly one English label")])

    monkeypatch.setattr(gate, "validate_graph", counted)
    assert validate_build(release_graph, modules, outputs, PROJECT).conforms
    assert len(runs) == 1 and len(list((tmp_path / "cache" / "validated").iterdir())) == 1
    assert validate_build(release_graph, modules, outputs, PROJECT).conforms
    assert len(runs) == 1  # unchanged: not validated again

    broken = Graph()
    broken += release_graph
    broken.remove((minted, RDFS.label, None))
    changed = {**outputs, PROJECT.release_ttl: outputs[PROJECT.release_ttl] + "\n# label of a minted class removed\n"}
    for expected_runs in (2, 3):
        report = validate_build(broken, modules, changed, PROJECT)
        assert not report.conforms and "exactly one English label" in report.format("text")
        assert len(runs) == expected_runs and runs[-1] is broken  # a failing release is never stamped
    assert len(list((tmp_path / "cache" / "validated").iterdir())) == 1
    # the stamp belongs to the bytes: the conforming release is still up to date, the changed one is not
    assert validate_build(release_graph, modules, outputs, PROJECT).conforms and len(runs) == 3
    monkeypatch.setenv("CTCKG_NO_CACHE", "1")
    assert validate_build(release_graph, modules, outputs, PROJECT).conforms and len(runs) == 4  # no cache: validated
