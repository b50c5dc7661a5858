"""The cached query path stays light (issue 15): a cold ``ctckg query NAME`` over the cached store imports neither
rdflib nor curies / pydantic, and the standard-library CURIE helper it uses agrees with the ``curies`` converter."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from rdflib import URIRef

from ctckg.curie import compress, expand
from ctckg.namespaces import CONVERTER, PREFIXES
from ctckg.release import Release

_PROBE = """
import json, sys
from ctckg.cli.main import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    heavy = sorted(name for name in ("rdflib", "curies", "pydantic", "pyparsing") if name in sys.modules)
    print("\\nHEAVY " + json.dumps(heavy), file=sys.stderr)
"""


def _heavy_imports(args: list[str], env: dict[str, str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    line = [text for text in done.stderr.splitlines() if text.startswith("HEAVY ")][-1]
    return json.loads(line.removeprefix("HEAVY "))


@pytest.mark.parametrize("args", [["query", "table1"],
                                  ["query", "findings-about-cell", "--param", "cell=platelet", "--format", "json"],
                                  ["query", "reference-findings", "--param", "number=12", "--format", "csv"]],
                         ids=["table", "json", "csv"])
def test_cached_query_imports_neither_rdflib_nor_curies(args: list[str], tmp_path) -> None:
    env = {**os.environ, "CTCKG_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CTCKG_NO_CACHE", None)
    _heavy_imports(args, env)  # the first run writes the store and the queries' syntax facts
    assert _heavy_imports(args, env) == []


def test_curie_helper_agrees_with_curies() -> None:
    # every IRI of the release with its imports, and every literal that could be mistaken for one
    release = Release.open()
    iris = {str(node) for triple in release.graph for node in triple
            if isinstance(node, URIRef) or (isinstance(node, str) and ":" in node and " " not in node)}
    iris |= {*PREFIXES.values(), "http://purl.obolibrary.org/obo/", "http://purl.obolibrary.org/obo/CL_",
             "http://purl.obolibrary.org/obo/go.owl", "https://example.org/missing:0000000", "", "urn:x"}
    for iri in sorted(iris):
        assert compress(iri) == (CONVERTER.compress(iri) or iri), iri
    for curie in ["CL:0000233", "CTCKG:0010007", "GO:", "nosuch:1", "CL:a:b", ":x"]:  # (no colon: curies raises)
        assert expand(curie) == CONVERTER.expand(curie), curie
