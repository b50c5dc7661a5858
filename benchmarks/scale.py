"""How ctckg grows: parse, SHACL, QC and every named question on ×1 / ×10 / ×100 copies of the release.

    .venv/bin/python benchmarks/scale.py [--sizes 1,10,100] [--source-sizes 1,10,100] [--runs 3] [--heavy] [--x1000]
                                         [--seed 15] [--no-write]

The ×N graph is the release with every finding individual and its statement individuals (every subject whose IRI
is a finding ID ``CTCKG_001Snnn`` or ``CTCKG_001Snnn-…``) copied N-1 times with fresh IRIs (the next numbers of the
original's block 001S, as a curator would mint them: three digits up to 999, then CTCKG_001S1000 and on, so the copies
conform to the shapes at every size; docs/CURATION.md) and labels (`` (copy K)``), links between them remapped,
then written as Turtle in an order shuffled with ``--seed`` (the same seed gives the same triples; blank-node labels
are new on every run). The import modules are loaded unchanged beside it.

Each step runs in its own child process (so its peak RSS is its own, read with ``os.wait4``):
  parse     rdflib ``Graph.parse`` and pyoxigraph ``bulk_load`` of the copy and the import modules;
  SHACL     ``run_shacl`` (pySHACL, inference none) on the data graph prepared as ``ctckg validate`` prepares it;
  QC        every ``queries/qc/*.rq`` check on Oxigraph, and ``run_checks`` as a whole;
  queries   every named question with its default parameters, on rdflib and pyoxigraph (in memory), one warm-up run
            then ``--runs`` timed runs (at ×10 and above, rdflib runs once without warm-up);
  in turns  every QC check and question again on the two largest copies, in processes that alternate between the
            two sizes (``--turns`` rounds, default 3; 0 skips them), for exponents that a drift of the machine's
            speed between the steps does not bend.
Then the curation sources ×N (``--source-sizes``, default 1,10,100; ``make_sources``): ``ctckg build --force`` (with
its SHACL + QC gate, no stamps) and ``ctckg validate`` on a checkout whose findings files are copied N-1 times.
By default SHACL, rdflib parsing and rdflib questions stop at ×10 (at ×100 they take many minutes: pass ``--heavy``); ×1000 only
with ``--x1000`` (pyoxigraph parse, QC and questions). Growth exponents are fitted between the two largest sizes as
log(t2/t1) / log(n2/n1) with n the triples loaded. Timings are medians with the interquartile range; the machine is
shared with other jobs, so the spread is part of the result. The table is printed and, unless ``--no-write``, put
into docs/BENCHMARKS.md between the ``scale.py`` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS_FILE = ROOT / "docs" / "BENCHMARKS.md"
BEGIN, END = "<!-- scale.py: begin -->", "<!-- scale.py: end -->"
FAMILY = re.compile(r"^(https://w3id\.org/ctckg/CTCKG_001[0-9](?:[0-9]{3}|[1-9][0-9]{3,}))((?:-.*)?)$")
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://purl.obolibrary.org/obo/IAO_0000115")
#: Seconds a named question may take before it is stopped and shown as "> N s" (``--query-timeout``).
QUERY_TIMEOUT = float(os.environ.get("CTCKG_SCALE_QUERY_TIMEOUT", "30"))


# --- the scaled graph --------------------------------------------------------------------------------------------

def fresh_ids(findings: list[str], factor: int) -> dict[tuple[int, str], str]:
    """Copy K (1 … factor-1) of each finding ID (an IRI ``…CTCKG_001Snnn`` or a CURIE ``CTCKG:001Snnn``) -> the next
    free number of its own block 001S, past the largest taken, in the order given: three digits up to 999, then
    ``001S1000`` and on, the longer IDs the shapes accept."""
    split = [re.match(r"^(.*?)(001[0-9])([0-9]+)$", finding).groups() for finding in findings]
    last: dict[tuple[str, str], int] = {}
    for head, block, number in split:
        last[(head, block)] = max(last.get((head, block), -1), int(number))
    fresh: dict[tuple[int, str], str] = {}
    for k in range(1, factor):
        for finding, (head, block, _) in zip(findings, split, strict=True):
            last[(head, block)] += 1
            fresh[(k, finding)] = f"{head}{block}{last[(head, block)]:03d}"
    return fresh


def make_copy(factor: int, seed: int, target: Path) -> int:
    """Write the release ×``factor`` as Turtle to ``target``; return its triple count."""
    import pyoxigraph as ox

    from ctckg.namespaces import PREFIXES
    from ctckg.project import Project

    RELEASE_TTL = Project.discover(ROOT).release_ttl  # noqa: N806

    source = ox.Store()
    source.bulk_load(path=str(RELEASE_TTL), format=ox.RdfFormat.TURTLE)
    base, family = [], []
    for quad in source:
        subject = quad.subject
        (family if isinstance(subject, ox.NamedNode) and FAMILY.match(subject.value) else base).append(quad.triple)
    out = list(base) + list(family)

    # fresh finding IDs: the next numbers of each copied finding's own block (001S), past the largest taken, so a
    # copy keeps its block and, from number 1000 on, takes the longer IDs (CTCKG_00151000) the shapes accept
    findings = sorted({FAMILY.match(t.subject.value).group(1) for t in family})
    fresh = fresh_ids(findings, factor)

    def renamed(term, k: int):
        if isinstance(term, ox.NamedNode):
            match = FAMILY.match(term.value)
            if match:
                return ox.NamedNode(fresh[(k, match.group(1))] + match.group(2))
        return term

    for k in range(1, factor):
        for triple in family:
            obj = renamed(triple.object, k)
            if triple.predicate.value in LABELS and isinstance(obj, ox.Literal):
                obj = ox.Literal(f"{obj.value} (copy {k})", language=obj.language) if obj.language else \
                    ox.Literal(f"{obj.value} (copy {k})", datatype=obj.datatype)
            out.append(ox.Triple(renamed(triple.subject, k), triple.predicate, obj))
    random.Random(seed).shuffle(out)
    with open(target, "wb") as handle:
        ox.serialize(out, handle, format=ox.RdfFormat.TURTLE,
                     prefixes={k: v for k, v in PREFIXES.items() if k})
    return len(out)


# --- the scaled sources ------------------------------------------------------------------------------------------

FINDING_ID = re.compile(r"^(CTCKG:001[0-9](?:[0-9]{3}|[1-9][0-9]{3,}))((?:-.*)?)$")


def make_sources(factor: int, target: Path) -> int:
    """A checkout at ``target`` whose curation sources hold every finding ``factor`` times: copy K of a findings file
    goes to its own file (``<name>-copyKKK.yaml``, each file under the loader's size limit), every finding gets the
    next free number of its own block (as ``make_copy`` numbers them), every finding ID inside it (``summarises``,
    ``next``, statement IDs) is remapped, and its label ends in `` (copy K)``. Returns the number of findings."""
    import shutil

    import yaml

    from ctckg.curation.yamlio import dump_yaml
    from ctckg.project import Project

    project = Project.discover(ROOT)
    shutil.copytree(project.ontology_dir, target / "ontology", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(project.shapes.parent, target / "shapes")
    findings_dir = target / "ontology" / "curation" / "findings"
    files = {path: yaml.safe_load(path.read_text(encoding="utf-8")) or [] for path in sorted(findings_dir.glob("*.yaml"))}
    originals = [record["id"] for records in files.values() for record in records]
    fresh = fresh_ids(originals, factor)

    def remapped(value, k: int):
        if isinstance(value, dict):
            return {key: remapped(item, k) for key, item in value.items()}
        if isinstance(value, list):
            return [remapped(item, k) for item in value]
        if isinstance(value, str):
            match = FINDING_ID.match(value)
            if match and (k, match.group(1)) in fresh:
                return fresh[(k, match.group(1))] + match.group(2)
        return value

    for path, records in files.items():
        for k in range(1, factor):
            copies = []
            for record in records:
                copy = remapped(record, k)
                copy["label"] = f"{record['label']} (copy {k})"
                copies.append(copy)
            (findings_dir / f"{path.stem}-copy{k:03d}.yaml").write_text(dump_yaml(copies), encoding="utf-8")
    return len(originals) * factor


def time_sources(factor: int, folder: Path) -> tuple[int, dict[str, list[float]], dict[str, float]]:
    """``ctckg build`` (which validates before it writes; no stamps: ``CTCKG_NO_CACHE``) and then ``ctckg validate``
    on the ×``factor`` sources, each once in a fresh process; (findings, seconds, peak RSS in MB of that process)."""
    root = folder / f"sources-x{factor}"
    findings = make_sources(factor, root)
    env = {**os.environ, "CTCKG_PROJECT": str(root), "CTCKG_NO_CACHE": "1", "CTCKG_VOCAB_DIR": str(root / "no-vocab")}
    seconds: dict[str, list[float]] = {}
    peaks: dict[str, float] = {}
    for name, args in (("sources: `ctckg build` (with its SHACL + QC gate)", ["build", "--force"]),
                       ("sources: `ctckg validate`", ["validate"])):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _CLI_WITH_PEAK, *args], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, check=False)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            print(f"  ×{factor} sources: `ctckg {' '.join(args)}` exited {done.returncode}: {done.stderr[-2000:]}",
                  file=sys.stderr)
            break
        seconds[name] = [elapsed]
        peaks[name] = int(re.findall(r"^PEAK_KB (\d+)$", done.stderr, re.MULTILINE)[-1]) / 1024
    return findings, seconds, peaks


#: The CLI in a fresh process that reports its own peak RSS (VmHWM) at exit: ``ru_maxrss`` from ``wait4`` would
#: include the parent's resident set at the fork (this process holds the ×100 graph by then).
_CLI_WITH_PEAK = """
import atexit, re, sys
atexit.register(lambda: sys.stderr.write("\\nPEAK_KB " + re.search(r"VmHWM:\\s+(\\d+)",
                open("/proc/self/status").read()).group(1) + "\\n"))
from ctckg.cli.main import main
sys.argv = ["ctckg", *sys.argv[1:]]
main()
"""


# --- the steps (run in a child process) --------------------------------------------------------------------------

def _files(data: Path) -> list[Path]:
    from ctckg.project import Project
    from ctckg.rdffiles import import_module_files

    return [data, *import_module_files(Project.discover(ROOT).catalog)]


def _timed(work, runs: int, warmup: bool = True) -> list[float]:
    if warmup:
        work()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return samples


def step_parse_rdflib(data: Path, runs: int) -> dict:
    from rdflib import Graph

    from ctckg.rdffiles import rdflib_format

    def work():
        graph = Graph()
        for path in _files(data):
            graph.parse(path, format=rdflib_format(path))
        return graph

    return {"parse rdflib": _timed(work, runs, warmup=False)}


def step_parse_oxigraph(data: Path, runs: int) -> dict:
    import pyoxigraph as ox

    from ctckg.rdffiles import oxigraph_format

    def work():
        store = ox.Store()
        for path in _files(data):
            store.bulk_load(path=str(path), format=oxigraph_format(path))
        return store

    return {"parse pyoxigraph": _timed(work, runs, warmup=False)}


def step_shacl(data: Path, runs: int) -> dict:
    from ctckg.validate.loading import import_graphs, parse_file
    from ctckg.validate.shacl import load_shapes, prepare_data_graph, run_shacl

    started = time.perf_counter()
    graph = parse_file(data)
    prepared = prepare_data_graph(graph, import_graphs(graph))
    shapes = load_shapes()
    prepare = time.perf_counter() - started
    results: list = []
    samples = _timed(lambda: results.append(len(run_shacl(prepared, shapes).results)), runs, warmup=False)
    return {"SHACL: parse + prepare data graph (rdflib)": [prepare],
            "SHACL: pySHACL run_shacl": samples, "_shacl_results": results[-1]}


def _qc_store(data: Path):
    """Oxigraph store of the data graph as ``ctckg validate`` merges it (import modules without their headers)."""
    import pyoxigraph as ox

    from ctckg.rdffiles import oxigraph_format

    store = ox.Store()
    for index, path in enumerate(_files(data)):
        if index == 0:
            store.bulk_load(path=str(path), format=oxigraph_format(path))
            continue
        module = ox.Store()
        module.bulk_load(path=str(path), format=oxigraph_format(path))
        headers = {q.subject for q in module.quads_for_pattern(
            None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode("http://www.w3.org/2002/07/owl#Ontology"), None)}
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in module
                          if q.subject not in headers)
    return store


def _time_checks(store, runs: int) -> dict:
    """Every QC check's query on ``store``: one warm-up run, then ``runs`` timed runs."""
    from ctckg.validate.qc import load_checks

    return {f"QC {check.name}": _timed(lambda query=check.query: list(store.query(query)), runs)
            for check in load_checks()}


def step_qc(data: Path, runs: int) -> dict:
    from ctckg.validate.qc import run_checks

    store = _qc_store(data)
    measured = _time_checks(store, runs)
    measured["QC: run_checks (all checks)"] = _timed(lambda: run_checks(store), runs, warmup=False)
    measured["_qc_results"] = len(run_checks(store).results)
    return measured


def _step_queries(engine_name: str, data: Path, runs: int, warmup: bool) -> dict:
    from ctckg.sparql import KnowledgeGraph, load_catalog
    from ctckg.sparql.engine import OxigraphEngine, RdflibEngine
    from ctckg.sparql.errors import QueryTimeout

    engine = (RdflibEngine if engine_name == "rdflib" else OxigraphEngine)(_files(data))
    engine.timeout = QUERY_TIMEOUT
    kg = KnowledgeGraph(engine)
    measured: dict = {}
    for name, query in load_catalog().items():
        bindings = kg.bindings(query)

        def work(query=query, bindings=bindings, name=name):
            engine.run(query.text, bindings, with_labels=False, source=name, named=True)

        try:
            measured[f"{name} ({engine_name})"] = _timed(work, runs, warmup)
        except QueryTimeout:
            measured[f"{name} ({engine_name})"] = [math.inf]
    return measured


def step_queries_oxigraph(data: Path, runs: int) -> dict:
    return _step_queries("pyoxigraph", data, runs, True)


def step_queries_rdflib(data: Path, runs: int) -> dict:
    return _step_queries("rdflib", data, runs, runs > 1)


def step_cli(data: Path, runs: int) -> dict:
    """Cold commands as a user runs them (fresh processes, the committed release, warm cache folder)."""
    binary = Path(sys.executable).parent / "ctckg"

    def run(*args: str):
        subprocess.run([str(binary), *args], capture_output=True, check=False)

    return {"cold `ctckg --help`": _timed(lambda: run("--help"), runs),
            "cold `ctckg query table1` (default engine, cached store)": _timed(lambda: run("query", "table1"), runs),
            "cold `ctckg query table1 --engine rdflib`": _timed(lambda: run("query", "table1", "--engine", "rdflib"),
                                                                 runs),
            "cold `ctckg build --dry-run` (n=1)": _timed(lambda: run("build", "--dry-run"), 1, warmup=False)}


def step_turn(data: Path, runs: int) -> dict:
    """One turn of the in-turns measurement: every QC check and every named question (pyoxigraph) on ``data``, one
    warm-up run each, then ``runs`` timed runs. The parent runs this for the two largest sizes in alternating
    processes (``--turns`` rounds), so a drift of the machine's speed reaches both sizes, and neither copy shares a
    process (memory, allocator, CPU caches) with the other."""
    measured = _time_checks(_qc_store(data), runs)
    measured.update(step_queries_oxigraph(data, runs))
    return measured


def turns_table(a: int, b: int, triples: dict[int, int], turns: dict[str, list[list[float]]]) -> tuple[str, list[str]]:
    """The Markdown table of the measurements in turns and the rows whose exponent there exceeds 1.2."""
    head = ["measurement (timed in turns)", f"×{a}", f"×{b}", "exponent"]
    lines = ["| " + " | ".join(head) + " |", "|---|---:|---:|---:|"]
    steep = []
    for name, (small, large) in turns.items():
        ta, tb = _stats(small)[0], _stats(large)[0]
        exponent = "—"
        if not (math.isinf(ta) or math.isinf(tb)) and ta > 0:
            value = math.log(tb / ta) / math.log(triples[b] / triples[a])
            exponent = f"{value:.2f}"
            if value > 1.2 and tb > 0.005:
                steep.append(name)
        lines.append(f"| {name} | {_cell(small)} | {_cell(large)} | {exponent} |")
    return "\n".join(lines), steep


STEPS = {"parse-rdflib": step_parse_rdflib, "parse-oxigraph": step_parse_oxigraph, "shacl": step_shacl,
         "qc": step_qc, "queries-oxigraph": step_queries_oxigraph, "queries-rdflib": step_queries_rdflib,
         "cli": step_cli, "turn": step_turn}


def child(step: str, data: Path, runs: int, out: Path) -> None:
    result = STEPS[step](data, runs)
    # this process's own peak RSS (ru_maxrss would include the parent's, inherited across fork and exec)
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    result["_peak_mb"] = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
    out.write_text(json.dumps(result), encoding="utf-8")


def run_child(step: str, data: Path, runs: int) -> tuple[dict, float]:
    """Run one step in a fresh process; its results and its peak RSS in MB."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    process = subprocess.Popen([sys.executable, __file__, "--child", step, "--data", str(data), "--runs", str(runs),
                                "--out", str(out)])
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    try:
        result = json.loads(out.read_text(encoding="utf-8")) if process.returncode == 0 else {}
    finally:
        out.unlink(missing_ok=True)
    if process.returncode != 0:
        print(f"  {step}: child failed with exit {process.returncode}", file=sys.stderr)
    return result, result.pop("_peak_mb", usage.ru_maxrss / 1024)


# --- the report --------------------------------------------------------------------------------------------------

def _stats(samples: list[float]) -> tuple[float, float, float]:
    if any(math.isinf(s) for s in samples):
        return math.inf, math.inf, math.inf
    quartiles = statistics.quantiles(samples, n=4, method="inclusive") if len(samples) > 1 else [samples[0]] * 3
    return statistics.median(samples), quartiles[0], quartiles[2]


def _fmt(seconds: float) -> str:
    if math.isinf(seconds):
        return f">{QUERY_TIMEOUT:g} s"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _cell(samples: list[float] | None) -> str:
    if not samples:
        return "—"
    median, low, high = _stats(samples)
    if len(samples) == 1 or math.isinf(median):
        return f"{_fmt(median)} (n=1)" if not math.isinf(median) else _fmt(median)
    return f"{_fmt(median)} ({_fmt(low)}–{_fmt(high)})"


def table(sizes: list[int], triples: dict[int, int], measured: dict[int, dict[str, list[float]]],
          rss: dict[int, dict[str, float]], owners: dict[str, str]) -> tuple[str, list[str]]:
    """The Markdown table and the rows whose fitted exponent exceeds 1.2."""
    names: list[str] = []
    for size in sizes:
        names += [n for n in measured[size] if n not in names and not n.startswith("_")]
    head = ["measurement"] + [f"×{s} ({triples[s]:,} triples)" for s in sizes] + \
        ["peak RSS, MB (" + " / ".join(f"×{s}" for s in sizes) + ")", "exponent"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" + "---:|" * (len(head) - 1)]
    steep = []
    for name in names:
        cells = [_cell(measured[s].get(name)) for s in sizes]
        present = [s for s in sizes if measured[s].get(name)]
        exponent = "—"
        if len(present) >= 2:
            a, b = present[-2], present[-1]
            ta, tb = _stats(measured[a][name])[0], _stats(measured[b][name])[0]
            if math.isinf(tb) and not math.isinf(ta):
                exponent = "> " + f"{math.log(QUERY_TIMEOUT / ta) / math.log(triples[b] / triples[a]):.2f}"
                steep.append(name)
            elif not math.isinf(ta) and ta > 0:
                value = math.log(tb / ta) / math.log(triples[b] / triples[a])
                exponent = f"{value:.2f}" + ("" if (a, b) == (sizes[-2], sizes[-1]) else f" (×{a}→×{b})")
                if value > 1.2 and tb > 0.005:
                    steep.append(name)
        memory = " / ".join(f"{rss[s][owners[name]]:.0f}" if owners[name] in rss[s] else "—" for s in sizes)
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {memory} | {exponent} |")
    return "\n".join(lines), steep


def write_section(text: str) -> None:
    """Put ``text`` between the markers in docs/BENCHMARKS.md (appended the first time)."""
    current = BENCHMARKS_FILE.read_text(encoding="utf-8") if BENCHMARKS_FILE.exists() else ""
    block = f"{BEGIN}\n{text.rstrip()}\n{END}\n"
    if BEGIN in current and END in current:
        start, stop = current.index(BEGIN), current.index(END) + len(END)
        current = current[:start] + block.rstrip("\n") + current[stop:]
    else:
        current = current.rstrip("\n") + "\n\n" + block
    BENCHMARKS_FILE.write_text(current, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    global QUERY_TIMEOUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="multipliers (default 1,10,100)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per measurement (default 3)")
    parser.add_argument("--heavy", action="store_true", help="also SHACL and rdflib questions above ×10 (slow)")
    parser.add_argument("--x1000", action="store_true", help="add ×1000 (pyoxigraph parse, QC, questions)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--query-timeout", type=float, default=QUERY_TIMEOUT,
                        help="seconds before a named question is stopped and shown as '>N s' (default 30)")
    parser.add_argument("--source-sizes", default="1,10,100",
                        help="multipliers of the curation sources for `ctckg build` and `ctckg validate` (default "
                             "1,10,100; empty: skip)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--turns", type=int, default=3,
                        help="rounds of the QC checks and questions timed in turns on the two largest sizes, one "
                             "process per size and round (default 3; 0 skips them)")
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.data, args.runs, args.out)
        return 0
    QUERY_TIMEOUT = args.query_timeout
    os.environ["CTCKG_SCALE_QUERY_TIMEOUT"] = str(args.query_timeout)  # for the child processes

    sizes = sorted({int(s) for s in args.sizes.split(",")} | ({1000} if args.x1000 else set()))
    started = time.perf_counter()
    print(f"scale.py: sizes {sizes}, {args.runs} runs, seed {args.seed}; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f} at the start (other jobs may share this machine: timings include their noise)",
          file=sys.stderr)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from ctckg.project import Project
    from ctckg.rdffiles import import_module_files
    from queries import machine

    module_triples = 0
    import pyoxigraph as ox

    from ctckg.rdffiles import oxigraph_format
    for path in import_module_files(Project.discover(ROOT).catalog):
        store = ox.Store()
        store.bulk_load(path=str(path), format=oxigraph_format(path))
        module_triples += len(store)
    owners: dict[str, str] = {}
    measured: dict[int, dict[str, list[float]]] = {}
    rss: dict[int, dict[str, float]] = {}
    triples: dict[int, int] = {}
    counts: dict[int, dict[str, int]] = {}
    with tempfile.TemporaryDirectory(prefix="ctckg-scale-") as folder:
        for size in sizes:
            data = Path(folder) / f"ctckg-x{size}.ttl"
            triples[size] = make_copy(size, args.seed, data) + module_triples
            print(f"×{size}: {triples[size]:,} triples ({data.stat().st_size / 1e6:.1f} MB Turtle), "
                  f"{time.perf_counter() - started:.0f} s so far", file=sys.stderr)
            steps = ["parse-oxigraph", "qc", "queries-oxigraph"]
            if size <= 10 or (args.heavy and size <= 100):  # rdflib parses ×100 in about 8 minutes
                steps.insert(0, "parse-rdflib")
            if size <= 10 or (args.heavy and size <= 100):
                steps += ["shacl", "queries-rdflib"]
            if size == 1:
                steps.append("cli")
            measured[size], rss[size], counts[size] = {}, {}, {}
            for step in steps:
                # one run where a run takes a minute or more on the 2-core machine (keeps the default ~10 min)
                heavy_step = step in ("shacl", "parse-rdflib", "queries-rdflib")
                runs = 1 if heavy_step and size >= 10 else args.runs
                result, peak = run_child(step, data, runs)
                rss[size][step] = peak
                for name, value in result.items():
                    if name.startswith("_"):
                        counts[size][name] = value
                    else:
                        measured[size][name] = value
                        owners[name] = step
                print(f"  {step}: {peak:.0f} MB peak, {time.perf_counter() - started:.0f} s so far", file=sys.stderr)
        turns: dict[str, list[list[float]]] = {}
        if len(sizes) >= 2 and args.turns > 0:
            a, b = sizes[-2], sizes[-1]
            for turn in range(args.turns):
                for index, size in enumerate((a, b)):
                    result, _ = run_child("turn", Path(folder) / f"ctckg-x{size}.ttl", args.runs)
                    for name, value in result.items():
                        if not name.startswith("_"):
                            turns.setdefault(name, [[], []])[index].extend(value)
                print(f"  turn {turn + 1} of {args.turns} on ×{a} and ×{b}: {time.perf_counter() - started:.0f} s "
                      "so far", file=sys.stderr)
        source_sizes = sorted({int(x) for x in args.source_sizes.split(",") if x.strip()})
        source_findings: dict[int, int] = {}
        source_measured: dict[int, dict[str, list[float]]] = {}
        source_rss: dict[int, dict[str, float]] = {}
        for size in source_sizes:
            source_findings[size], source_measured[size], source_rss[size] = time_sources(size, Path(folder))
            print(f"×{size} sources ({source_findings[size]:,} findings): "
                  + ", ".join(f"{name} {value[0]:.1f} s, {source_rss[size][name]:.0f} MB"
                              for name, value in source_measured[size].items())
                  + f"; {time.perf_counter() - started:.0f} s so far", file=sys.stderr)
    text, steep = table(sizes, triples, measured, rss, owners)
    turns_text, turns_steep = turns_table(sizes[-2], sizes[-1], triples, turns) if turns else ("", [])
    source_text, source_steep = "", []
    if source_sizes:
        # the same table, with findings in place of triples and each command's own peak RSS
        source_owners = {name: name for size in source_sizes for name in source_measured[size]}
        source_text, source_steep = table(source_sizes, source_findings, source_measured, source_rss, source_owners)
        source_text = source_text.replace(" triples)", " findings)")
    elapsed = time.perf_counter() - started
    result_counts = "; ".join(
        f"×{s}: " + ", ".join(f"{k.strip('_').replace('_', ' ')} {v}" for k, v in counts[s].items())
        for s in sizes if counts[s])
    report = "\n".join([
        "## Scaling (benchmarks/scale.py)",
        "",
        f"Generated by `python benchmarks/scale.py --sizes {','.join(map(str, sizes))} "
        f"--source-sizes {','.join(map(str, source_sizes))} --runs {args.runs} --turns {args.turns}"
        f"{' --heavy' if args.heavy else ''} --query-timeout {QUERY_TIMEOUT:g}` on {dt.date.today().isoformat()} "
        f"in {elapsed / 60:.1f} min "
        f"(seed {args.seed}). Machine: {machine()}. Load average {os.getloadavg()[0]:.2f} at the end"
        + (": the machine was shared with other jobs, so the timings include their noise."
           if os.getloadavg()[0] > 1.5 else " (the benchmark's own process: the machine was otherwise idle)."),
        "",
        "×N = the release with every finding and its statement individuals copied N-1 times with fresh IRIs (the next "
        "numbers of each finding's own block, CTCKG:001S1000 and on past 999, valid at every size), plus "
        f"the import modules ({module_triples:,} triples). Median (p25–p75) of the timed runs; n=1: one run. "
        "Peak RSS of the child process that ran the step. Exponent: log(t2/t1)/log(n2/n1) between the two largest "
        "sizes measured (n = triples). " + ("" if args.heavy else "SHACL, rdflib parsing and rdflib questions stop "
                                            "at ×10 unless `--heavy`. ") + f"Result counts: {result_counts}.",
        "",
        text,
        "",
        "Rows growing faster than exponent 1.2: " + (", ".join(steep) if steep else "none") + ".",
    ] + ([
        "",
        f"### QC checks and named questions timed in turns (×{sizes[-2]} and ×{sizes[-1]})",
        "",
        f"The rows above time each size in its own process, minutes apart; on a shared machine the speed drifts in "
        f"between, and two runs of the same code gave exponents up to 0.35 apart. Here the two sizes take turns: "
        f"{args.turns} rounds of one process for ×{sizes[-2]} and then one for ×{sizes[-1]}, each with one warm-up "
        f"and {args.runs} timed runs of every check and question, so a slower minute reaches both sizes. (Holding "
        "both copies in one process was tried first: it slowed some ×10 checks by up to 37% and so lowered their "
        "exponents.) Median of the pooled runs; exponent from the two medians, n = triples.",
        "",
        turns_text,
        "",
        "Rows growing faster than exponent 1.2, timed in turns: " + (", ".join(turns_steep) if turns_steep
                                                                    else "none") + ".",
    ] if turns else []) + ([
        "",
        "### Build and validate from scaled curation sources",
        "",
        f"×N sources (`--source-sizes {','.join(map(str, source_sizes))}`) = a checkout whose findings files each have "
        "N-1 copies (`<file>-copyKKK.yaml`: every finding renumbered in its own block, its label ending in "
        "`(copy K)`), built from the committed term lock (no pinned tables) with `CTCKG_NO_CACHE=1`: `ctckg build "
        "--force` (which runs the SHACL + QC gate before it writes) and then `ctckg validate`, each once in a fresh "
        "process. Peak RSS of that process. Exponent: log(t2/t1)/log(n2/n1) with n the findings.",
        "",
        source_text,
        "",
        "Rows growing faster than exponent 1.2: " + (", ".join(source_steep) if source_steep else "none") + ".",
    ] if source_sizes else []))
    print(report)
    if not args.no_write:
        write_section(report)
        print(f"wrote {BENCHMARKS_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
