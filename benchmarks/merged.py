"""The release merged with the complete pinned vocabularies: load time, every named question, peak memory.

    .venv/bin/python benchmarks/merged.py [--runs 3] [--tables CL,GO,UBERON,MONDO,CHEBI,PR,HGNC] [--virtuoso]
                                          [--no-write]

RDF is generated from the complete pinned tables in ../shared/vocab (or ``CTCKG_VOCAB_DIR``): every row becomes an
``owl:Class`` with its ``rdfs:label``, exact synonyms (``oboInOwl:hasExactSynonym``), definition (IAO:0000115),
``rdfs:subClassOf`` its parents and ``owl:deprecated true`` when obsolete — the shape of the real ontologies'
hierarchies, a few million triples. The file (N-Triples) is loaded with the release and its import modules into
pyoxigraph (in memory; and, with ``--virtuoso``, into a private Virtuoso server started on loopback with Virtuoso's
bulk loader), then every named question runs with its default parameters (one warm-up, then ``--runs`` timed runs).
The load and each query are timed; peak RSS is that of this process (pyoxigraph) and of the server (Virtuoso).
The table is printed and, unless ``--no-write``, put into docs/BENCHMARKS.md between the ``merged.py`` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- merged.py: begin -->", "<!-- merged.py: end -->"
TABLES = ("CL", "GO", "UBERON", "MONDO", "CHEBI", "PR", "HGNC")
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
OWL_CLASS = "<http://www.w3.org/2002/07/owl#Class>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
SYNONYM = "<http://www.geneontology.org/formats/oboInOwl#hasExactSynonym>"
DEFINITION = "<http://purl.obolibrary.org/obo/IAO_0000115>"
DEPRECATED = "<http://www.w3.org/2002/07/owl#deprecated>"
TRUE = '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SPECIAL = re.compile(r'[\\"\n\r\t]')


def _literal(text: str) -> str:
    return '"' + _SPECIAL.sub(lambda m: _ESCAPES[m.group(0)], text) + '"'


def write_vocabulary(tables: list[str], target: Path) -> dict[str, int]:
    """N-Triples of the complete tables; rows per table."""
    import csv

    from ctckg.namespaces import CONVERTER
    from ctckg.project import Project

    VOCAB_DIR = Project.discover(ROOT).vocab_dir

    csv.field_size_limit(1 << 24)
    counts = {}
    cache: dict[str, str | None] = {}

    def iri(curie: str) -> str | None:
        if curie not in cache:
            expanded = CONVERTER.expand(curie) if ":" in curie else None
            cache[curie] = f"<{expanded}>" if expanded else None
        return cache[curie]

    with open(target, "w", encoding="utf-8") as out:
        for table in tables:
            rows = 0
            with open(Path(VOCAB_DIR) / f"{table}.tsv", encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                    subject = iri(row["id"])
                    if subject is None:
                        continue
                    rows += 1
                    lines = [f"{subject} {RDF_TYPE} {OWL_CLASS} ."]
                    if row.get("label"):
                        lines.append(f"{subject} {LABEL} {_literal(row['label'])} .")
                    for synonym in filter(None, (row.get("synonyms") or "").split("|")):
                        lines.append(f"{subject} {SYNONYM} {_literal(synonym)} .")
                    if row.get("definition"):
                        lines.append(f"{subject} {DEFINITION} {_literal(row['definition'])} .")
                    for parent in filter(None, (row.get("parents") or "").split("|")):
                        parent_iri = iri(parent)
                        if parent_iri:
                            lines.append(f"{subject} {SUBCLASS} {parent_iri} .")
                    if row.get("obsolete") == "true":
                        lines.append(f"{subject} {DEPRECATED} {TRUE} .")
                    out.write("\n".join(lines) + "\n")
            counts[table] = rows
    return counts


def _stats(samples: list[float]) -> str:
    if not samples:
        return "—"
    median = statistics.median(samples)
    if len(samples) == 1:
        return f"{median * 1000:.1f}"
    quartiles = statistics.quantiles(samples, n=4, method="inclusive")
    return f"{median * 1000:.1f} ({quartiles[0] * 1000:.1f}–{quartiles[2] * 1000:.1f})"


def time_questions(engine, runs: int) -> dict[str, list[float] | str]:
    """Seconds per run of every named question on ``engine`` (a string for a failure)."""
    from ctckg.sparql import KnowledgeGraph, load_catalog
    from ctckg.sparql.errors import QueryError

    kg = KnowledgeGraph(engine)
    measured: dict[str, list[float] | str] = {}
    for name, query in load_catalog().items():
        try:
            bindings = kg.bindings(query)
            engine.run(query.text, bindings, with_labels=False, source=name, named=True)
            samples = []
            for _ in range(runs):
                started = time.perf_counter()
                engine.run(query.text, bindings, with_labels=False, source=name, named=True)
                samples.append(time.perf_counter() - started)
            measured[name] = samples
        except QueryError as error:
            measured[name] = f"failed: {str(error)[:80]}"
    return measured


def on_oxigraph(files: list[Path], runs: int) -> tuple[float, int, dict, float]:
    from ctckg.sparql.engine import OxigraphEngine

    started = time.perf_counter()
    engine = OxigraphEngine(files)
    load = time.perf_counter() - started
    engine.timeout = 120.0
    measured = time_questions(engine, runs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return load, len(engine), measured, peak


def on_virtuoso(files: list[Path], runs: int) -> tuple[float, int, dict, float]:
    """Load with Virtuoso's bulk loader (``ld_dir`` + ``rdf_loader_run`` through ``isql-vt``) into a private server
    on loopback (its database folder is in ``DirsAllowed``); time the questions over the SPARQL protocol."""
    import shutil
    import subprocess

    from ctckg.sparql.remote import RemoteEngine
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the test helper that runs Virtuoso
    from support.virtuoso import VirtuosoServer

    graph = "https://w3id.org/ctckg/merged"
    server = VirtuosoServer().start()
    try:
        folder = server.directory / "db" / "load"
        folder.mkdir()
        for index, path in enumerate(files):
            shutil.copy(path, folder / f"{index:02d}-{path.stem}{'.owl' if path.suffix == '.owl' else path.suffix}")
        started = time.perf_counter()
        script = f"ld_dir('{folder}', '*', '{graph}');\nrdf_loader_run();\ncheckpoint;\n"
        subprocess.run(["isql-vt", f"127.0.0.1:{server.sql_port}", "dba", "dba"], input=script, text=True,
                       capture_output=True, check=True, timeout=3600)
        load = time.perf_counter() - started
        engine = RemoteEngine(server.sparql_url, timeout=120, graph=graph)
        count = int(engine.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", with_labels=False).rows[0]["n"].value)
        measured = time_questions(engine, runs)
        status = Path(f"/proc/{server.process.pid}/status").read_text()
        peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
        return load, count, measured, peak
    finally:
        server.stop()


def write_section(text: str) -> None:
    path = ROOT / "docs" / "BENCHMARKS.md"
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{BEGIN}\n{text.rstrip()}\n{END}"
    if BEGIN in current and END in current:
        current = current[:current.index(BEGIN)] + block + current[current.index(END) + len(END):]
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(current, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tables", default=",".join(TABLES))
    parser.add_argument("--virtuoso", action="store_true", help="also load into a private Virtuoso server")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from ctckg.project import Project
    from ctckg.rdffiles import release_files
    from queries import machine

    started_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ctckg-merged-") as folder:
        vocabulary = Path(folder) / "vocabulary.nt"
        started = time.perf_counter()
        counts = write_vocabulary([t.strip() for t in args.tables.split(",") if t.strip()], vocabulary)
        generated = time.perf_counter() - started
        print(f"generated {vocabulary.stat().st_size / 1e6:.0f} MB N-Triples from {sum(counts.values()):,} rows "
              f"in {generated:.1f} s", file=sys.stderr)
        files = [*release_files(Project.discover(ROOT), True), vocabulary]
        results = {"pyoxigraph": on_oxigraph(files, args.runs)}
        print(f"pyoxigraph done, {time.perf_counter() - started_all:.0f} s", file=sys.stderr)
        if args.virtuoso:
            results["Virtuoso"] = on_virtuoso(files, args.runs)
    engines = list(results)
    lines = [
        "## The release merged with the complete vocabularies (benchmarks/merged.py)",
        "",
        f"Generated by `python benchmarks/merged.py --runs {args.runs}{' --virtuoso' if args.virtuoso else ''}` on "
        f"{dt.date.today().isoformat()}. Machine: {machine()}; shared with other jobs (load average "
        f"{os.getloadavg()[0]:.2f} at the end).",
        "",
        "Data: the release with its import modules plus RDF generated from the complete pinned tables ("
        + ", ".join(f"{t} {n:,} rows" for t, n in counts.items()) + ": classes, labels, exact synonyms, "
        "definitions, subclass links, deprecation).",
        "",
        "| engine | triples | load | peak RSS |",
        "|---|---:|---:|---:|",
    ]
    for engine, (load, count, _, peak) in results.items():
        lines.append(f"| {engine} | {count:,} | {load:.1f} s | {peak:,.0f} MB |")
    lines += ["", "Each named question, default parameters, one warm-up then the timed runs: median (p25–p75) in ms.",
              "", "| question | " + " | ".join(engines) + " |", "|---|" + "---:|" * len(engines)]
    totals = {engine: 0.0 for engine in engines}
    for name in results[engines[0]][2]:
        cells = []
        for engine in engines:
            value = results[engine][2].get(name)
            if isinstance(value, list):
                totals[engine] += statistics.median(value)
                cells.append(_stats(value))
            else:
                cells.append(str(value))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| **sum of medians** | " + " | ".join(f"**{totals[e] * 1000:.0f}**" for e in engines) + " |")
    report = "\n".join(lines) + "\n"
    print(report)
    if not args.no_write:
        write_section(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
