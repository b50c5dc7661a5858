"""Time `ctckg validate` on the release: each stage in-process, and the whole command end to end.

Usage: .venv/bin/python benchmarks/validate.py [--runs N]
Acceptance (issue 4): the end-to-end median is under 5 s on the 2-core CI machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "ctckg"


def stages() -> tuple[list[tuple[str, float]], dict[str, int]]:
    """Seconds per stage of one in-process run, and the sizes involved."""
    timings: list[tuple[str, float]] = []
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings.append((name, now - clock))
        clock = now

    from ctckg.project import Project
    from ctckg.validate.loading import import_graphs, parse_file
    from ctckg.validate.qc import run_checks, to_store
    from ctckg.validate.shacl import add_markers, load_shapes, merge_imports, run_shacl
    lap("import pyshacl, pyoxigraph, rdflib")
    graph = parse_file(Project.discover().release_ttl)
    lap("parse ontology/ctckg.ttl")
    modules = import_graphs(graph)
    lap("parse the import modules (catalog)")
    merged = merge_imports(graph, modules)
    lap("merge release + imports")
    qc = run_checks(to_store(merged))
    lap("QC queries (Oxigraph)")
    add_markers(merged)
    load_shapes()
    lap("markers + parse shapes")
    shacl = run_shacl(merged)
    lap("SHACL (pySHACL, inference none)")
    results = qc.results + shacl.results
    sizes = {"release triples": len(graph), "data graph triples": len(merged),
             "QC queries": qc.checks["QC queries"], "shapes": shacl.checks["shapes"],
             **{f"results: {s}": sum(r.severity == s for r in results) for s in ("Violation", "Warning", "Info")}}
    return timings, sizes


def end_to_end(runs: int) -> list[float]:
    """Wall-clock seconds of `ctckg validate` as a fresh process (includes Python start-up and imports)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([str(BIN), "validate"], capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            print(result.stdout, result.stderr, file=sys.stderr)
    return times


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    timings, sizes = stages()
    width = max(len(name) for name, _ in timings) + 2
    print(f"{'stage (one in-process run)':<{width}} seconds")
    for name, seconds in timings:
        print(f"{name:<{width}} {seconds:7.3f}")
    print(f"{'total':<{width}} {sum(s for _, s in timings):7.3f}\n")
    times = end_to_end(runs)
    print(f"`ctckg validate` end to end, {runs} runs: median {statistics.median(times):.2f} s, "
          f"min {min(times):.2f} s, max {max(times):.2f} s (acceptance: < 5 s)\n")
    for name, value in sizes.items():
        print(f"{name:<{width}} {value:>7}")


if __name__ == "__main__":
    main()
