"""Second opinion: Apache Jena SHACL (Debian libapache-jena-java) agrees with pySHACL on every fixture and the release.

Both engines get the same prepared data graph (fixture or release, plus import modules and marker types) and the same
shapes; they must report the same (constraint component, focus node) pairs, hence agree on conforms / does not.
"""

from __future__ import annotations

import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import Graph
from rdflib.namespace import SH

from conftest import require, require_tool
from ctckg.validate.java import debian_classpath
from ctckg.validate.loading import import_graphs, parse_file
from ctckg.validate.shacl import load_shapes, prepare_data_graph
from support.paths import JAVA_SHARE_DIR, RELEASE_TTL, SHAPES_FILE

pytestmark = pytest.mark.slow  # Apache Jena's SHACL engine: JVM starts (pytest -m 'not slow' skips it)

HERE = Path(__file__).resolve().parent
FIXTURES = sorted((HERE / "shapes").glob("*/*.ttl"))
JENA_CORE = JAVA_SHARE_DIR / "jena-core.jar"


def outcome(report: Graph) -> tuple[bool, frozenset[tuple[str, str, str]]]:
    """conforms, and the (severity, component, focus) of the top-level results of a SHACL validation report."""
    conforms = next(report.objects(None, SH.conforms)).toPython()
    local = lambda node: str(node).rsplit("#", 1)[-1]  # noqa: E731
    results = frozenset((local(report.value(r, SH.resultSeverity)),
                         local(report.value(r, SH.sourceConstraintComponent)),
                         str(report.value(r, SH.focusNode))) for r in report.objects(None, SH.result))
    return conforms, results


def data_for(path: Path) -> Graph:
    graph = parse_file(path)
    return prepare_data_graph(graph, import_graphs(graph) if path == RELEASE_TTL else ())


@pytest.fixture(scope="module")
def jena(tmp_path_factory) -> dict[Path, tuple[bool, frozenset[tuple[str, str, str]]]]:
    """Jena's outcome on every fixture and on the release: tests/java/JenaShaclBatch.java (Jena's ShaclValidator, as
    its `shacl validate` command runs it) compiled once, then two JVMs, each validating half of the files."""
    java, javac = require_tool("java"), require_tool("javac")
    classpath = debian_classpath("libapache-jena-java")
    require("jena-shacl" in classpath, "libapache-jena-java is not installed")
    work = tmp_path_factory.mktemp("jena")
    # Debian's jena-core relocates xerces to `xerces.*` but keeps its message bundles under org/apache/jena/ext/:
    # without them on the class path Jena fails at start-up ("Couldn't load messages").
    with zipfile.ZipFile(JENA_CORE) as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                target = work / "bundles" / name.removeprefix("org/apache/jena/ext/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    compiled = subprocess.run([javac, "-nowarn", "-cp", classpath, "-d", str(work / "classes"),
                               str(Path(__file__).parent / "java" / "JenaShaclBatch.java")],
                              capture_output=True, text=True, check=False)
    assert compiled.returncode == 0, compiled.stderr
    paths = [*FIXTURES, RELEASE_TTL]
    pairs = []
    for index, path in enumerate(paths):
        data = work / f"data-{index}.ttl"
        data_for(path).serialize(data, format="turtle")
        pairs.append((data, work / f"report-{index}.ttl"))

    def run(chunk: list[tuple[Path, Path]]) -> None:
        result = subprocess.run(
            [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
             f"{work / 'classes'}:{work / 'bundles'}:{classpath}", "JenaShaclBatch", str(SHAPES_FILE),
             *[str(name) for pair in chunk for name in pair]],
            capture_output=True, text=True, timeout=600, check=False)
        assert result.returncode == 0, result.stderr

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run, [pairs[0::2], pairs[1::2]]))
    return {path: outcome(Graph().parse(report, format="turtle")) for path, (_, report) in zip(paths, pairs, strict=True)}


@pytest.mark.parametrize("path", [*FIXTURES, RELEASE_TTL], ids=lambda p: p.stem if p != RELEASE_TTL else "release")
def test_jena_agrees_with_pyshacl(jena, path: Path) -> None:
    _, report, _ = pyshacl_validate(data_for(path), shacl_graph=load_shapes(), inference="none", inplace=True,
                                    allow_infos=False, allow_warnings=False)
    assert jena[path] == outcome(report)
    conforms, results = jena[path]
    if path == RELEASE_TTL:  # Info results (gaps) are allowed in the release, violations are not
        assert not [r for r in results if r[0] == "Violation"]
    else:
        assert conforms == (path.parent.name == "valid"), "valid fixtures conform, invalid ones do not"
