"""Run the ``kgx`` package on the KGX exports without network access: its validator and a transform round trip.

kgx 2.6 builds a Biolink Model toolkit at import time from
``https://raw.githubusercontent.com/biolink/biolink-model/v4.4.4/biolink-model.yaml`` and fetches the Biolink
JSON-LD context from GitHub, so on an offline machine ``import kgx.validator`` (and the ``kgx`` command itself)
fails with ``URLError``. The same model ships in the ``biolink-model`` wheel that kgx depends on; :func:`offline_kgx`
points bmt and kgx at it before kgx is imported. The predicate map (used only to translate non-Biolink predicates)
is left empty.

Our minted ``CTCKG`` prefix is not in the Biolink prefix map, so it is added to the validator's prefix set (its
expansion is ``https://w3id.org/ctckg/CTCKG_``); every other prefix must be a Biolink one.

kgx keeps a graph (``kgx transform`` without ``--stream``, and every ``kgx merge``) in a networkx multigraph keyed on
subject–predicate–object, so the export has one edge per triple (:mod:`ctckg.export.kgx`). :func:`transform_round_trip`
runs kgx's own ``transform`` in both modes (streamed to JSON Lines, as kgx's streamed TSV writer keeps only its
default columns; in memory to TSV) and :func:`merge_round_trip` runs ``kgx merge`` with a ``merge.yaml``; each
reports for every edge (by ``id``) whether it came out with the same triple, publications, knowledge level and
qualifiers.
"""

from __future__ import annotations

import csv
import json
import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["PROJECT_PREFIXES", "offline_kgx", "offline_validator", "validate_kgx", "transform_round_trip",
           "merge_round_trip", "round_trips", "RoundTrip",
           "COMPARED_FIELDS"]

#: Prefixes of ours that the Biolink context cannot know.
PROJECT_PREFIXES = frozenset({"CTCKG"})


def _biolink_model_dir() -> Path:
    import biolink_model  # namespace package from the biolink-model wheel

    return Path(next(iter(biolink_model.__path__)))


def offline_kgx() -> str:
    """Point bmt and kgx at the installed Biolink Model (call before importing kgx modules); returns its YAML path."""
    import bmt.toolkit

    model_dir = _biolink_model_dir()
    schema = str(model_dir / "schema" / "biolink_model.yaml")
    defaults = bmt.toolkit.Toolkit.__init__.__defaults__ or ()
    if not defaults or defaults[0] != schema:
        bmt.toolkit.Toolkit.__init__.__defaults__ = (schema, {"predicate mappings": []})
    import kgx.config

    prefix_map = json.loads((model_dir / "prefixmaps" / "biolink-model-prefix-map.json").read_text(encoding="utf-8"))
    for name in ("biolink", "monarch_context", "obo_context"):
        kgx.config.jsonld_context_map.setdefault(name, dict(prefix_map))
    logging.getLogger("kgx").setLevel(logging.ERROR)
    return schema


def offline_validator() -> Any:
    """A ``kgx.validator.Validator`` using the locally installed Biolink Model (no network)."""
    offline_kgx()
    from kgx.validator import Validator

    validator = Validator()
    validator.prefixes = set(validator.prefixes) | PROJECT_PREFIXES
    return validator


def validate_kgx(nodes: Path, edges: Path) -> tuple[str, dict[str, Any]]:
    """Load the TSV pair with kgx's own TSV source and validate it; returns (Biolink version, error dict).

    The error dict is kgx's ``get_errors()``: ``{level: {error type: {message: [entities]}}}``, empty when valid.
    """
    validator = offline_validator()
    from kgx.transformer import Transformer

    transformer = Transformer(stream=False)
    transformer.transform({"filename": [str(nodes), str(edges)], "format": "tsv"})
    validator.validate(transformer.store.graph)
    return validator.get_validation_model_version(), dict(validator.get_errors())


#: Edge fields compared after a kgx run (the ``ctckg_`` columns are ours; kgx passes them through untouched).
COMPARED_FIELDS = ("subject", "predicate", "object", "category", "knowledge_level", "publications",
                   "qualified_predicate", "object_aspect_qualifier", "object_direction_qualifier",
                   "subject_context_qualifier", "object_context_qualifier", "anatomical_context_qualifier",
                   "species_context_qualifier", "disease_context_qualifier", "negated")


def _values(value: object) -> tuple[str, ...]:
    """A cell or a kgx value as a sorted tuple of strings (``|`` separates the values of a TSV cell)."""
    if isinstance(value, (list, tuple, set)):
        return tuple(sorted(str(v) for v in value if v not in ("", None)))
    if value is None or value == "":
        return ()
    return tuple(sorted(v for v in str(value).split("|") if v))


def _same(before: dict[str, Any], after: dict[str, Any]) -> bool:
    return all(_values(before.get(name)) == _values(after.get(name)) for name in COMPARED_FIELDS)


@dataclass
class RoundTrip:
    """What a kgx run did to the edges: counts in and out, and the edges lost or changed."""

    mode: str
    edges_in: int
    edges_out: int
    nodes_in: int
    nodes_out: int
    lost: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.edges_in == self.edges_out and self.nodes_in == self.nodes_out and not self.lost
                and not self.changed)


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _compare(mode: str, nodes: Path, edges: Path, edges_after: list[dict[str, Any]], nodes_out: int) -> RoundTrip:
    before = {row["id"]: row for row in _read_tsv(edges)}
    by_id = {str(edge.get("id")): edge for edge in edges_after}
    result = RoundTrip(mode, len(before), len(edges_after), len(_read_tsv(nodes)), nodes_out)
    for ident, row in sorted(before.items()):
        edge = by_id.get(ident)
        if edge is None:
            result.lost.append(ident)
        elif not _same(row, edge):
            result.changed.append(ident)
    return result


def _inputs(folder: Path, nodes: Path, edges: Path) -> list[Path]:
    """Copies of the pair named as kgx expects (it picks the file type from ``*_nodes.tsv`` / ``*_edges.tsv``)."""
    inputs = [folder / "in_nodes.tsv", folder / "in_edges.tsv"]
    inputs[0].write_bytes(Path(nodes).read_bytes())
    inputs[1].write_bytes(Path(edges).read_bytes())
    return inputs


def transform_round_trip(nodes: Path, edges: Path, stream: bool = True) -> RoundTrip:
    """``kgx transform --input-format tsv`` on the pair (kgx's CLI function, run in-process after
    :func:`offline_kgx`): with ``stream`` to JSON Lines (``--stream --output-format jsonl``), else the in-memory
    graph to TSV (``--output-format tsv``); compared edge by edge (by ``id``) on :data:`COMPARED_FIELDS`."""
    offline_kgx()
    from kgx.cli.cli_utils import transform

    fmt = "jsonl" if stream else "tsv"
    with tempfile.TemporaryDirectory(prefix="ctckg-kgx-") as tmp:
        inputs = _inputs(Path(tmp), nodes, edges)
        output = Path(tmp) / "out"
        transform(inputs=[str(p) for p in inputs], input_format="tsv", input_compression=None, output=str(output),
                  output_format=fmt, output_compression=None, stream=stream)
        read = _read_jsonl if stream else _read_tsv
        after = read(Path(tmp) / f"out_edges.{fmt}")
        nodes_out = len(read(Path(tmp) / f"out_nodes.{fmt}"))
    return _compare("transform --stream" if stream else "transform", nodes, edges, after, nodes_out)


def merge_round_trip(nodes: Path, edges: Path) -> RoundTrip:
    """``kgx merge --merge-config merge.yaml`` with the pair as the one source and a TSV destination (kgx's CLI
    function, in-process), compared edge by edge like :func:`transform_round_trip`."""
    offline_kgx()
    import yaml
    from kgx.cli.cli_utils import merge

    with tempfile.TemporaryDirectory(prefix="ctckg-kgx-") as tmp:
        inputs = _inputs(Path(tmp), nodes, edges)
        config = {"configuration": {"output_directory": "merged", "checkpoint": False},
                  "merged_graph": {"name": "ctckg", "operations": [],
                                   "source": {"ctckg": {"name": "ctckg", "input": {
                                       "format": "tsv", "filename": [p.name for p in inputs]}}},
                                   "destination": {"tsv": {"format": "tsv", "filename": ["ctckg"]}}}}
        (Path(tmp) / "merge.yaml").write_text(yaml.safe_dump(config, sort_keys=True), encoding="utf-8")
        merge(str(Path(tmp) / "merge.yaml"))
        after = _read_tsv(Path(tmp) / "merged" / "ctckg_edges.tsv")
        nodes_out = len(_read_tsv(Path(tmp) / "merged" / "ctckg_nodes.tsv"))
    return _compare("merge", nodes, edges, after, nodes_out)


def round_trips(nodes: Path, edges: Path) -> list[RoundTrip]:
    """Every kgx run ``ctckg check kgx`` makes: ``transform --stream``, plain ``transform`` and ``merge``."""
    return [transform_round_trip(nodes, edges, stream=True), transform_round_trip(nodes, edges, stream=False),
            merge_round_trip(nodes, edges)]
