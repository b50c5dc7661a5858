"""Run the ``kgx`` package on the KGX exports without network access: its validator and a transform round trip.

kgx 2.6 builds a Biolink Model toolkit at import time from
``https://raw.githubusercontent.com/biolink/biolink-model/v4.4.4/biolink-model.yaml`` and fetches the Biolink
JSON-LD context from GitHub, so on an offline machine ``import kgx.validator`` (and the ``kgx`` command itself)
fails with ``URLError``. The same model ships in the ``biolink-model`` wheel that kgx depends on; :func:`offline_kgx`
points bmt and kgx at it before kgx is imported. The predicate map (used only to translate non-Biolink predicates)
is left empty.

Our minted ``CTCKG`` prefix is not in the Biolink prefix map, so it is added to the validator's prefix set (its
expansion is ``https://w3id.org/ctckg/CTCKG_``); every other prefix must be a Biolink one.

kgx keeps edges in a networkx multigraph keyed on subject–predicate–object, so a transform without ``--stream``
(and every ``kgx merge``) keeps one edge per triple, the last one read. The export has one edge per curated
statement and several statements can share a triple, so :func:`transform_round_trip` runs kgx's own ``transform``
in stream mode, to JSON Lines (kgx's streamed TSV writer keeps only its default columns), and reports for every
edge whether it came out with the same publications.
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
           "RoundTrip"]

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


def _publications(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(sorted(str(v) for v in value if v))
    return tuple(sorted(v for v in str(value or "").split("|") if v))


@dataclass
class RoundTrip:
    """What kgx's transform did to the edges: counts in and out, and the edges lost or changed."""

    edges_in: int
    edges_out: int
    nodes_in: int
    nodes_out: int
    lost: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.edges_in == self.edges_out and not self.lost and not self.changed


def transform_round_trip(nodes: Path, edges: Path) -> RoundTrip:
    """``kgx transform --stream --input-format tsv --output-format jsonl`` on the pair (kgx's CLI function, run
    in-process after :func:`offline_kgx`), compared edge by edge (by ``id``) on subject, predicate, object and
    publications."""
    offline_kgx()
    from kgx.cli.cli_utils import transform

    with open(edges, encoding="utf-8", newline="") as stream:
        before = {row["id"]: row for row in csv.DictReader(stream, delimiter="\t")}
    with open(nodes, encoding="utf-8", newline="") as stream:
        node_count = sum(1 for _ in csv.DictReader(stream, delimiter="\t"))
    with tempfile.TemporaryDirectory(prefix="ctckg-kgx-") as tmp:
        # kgx picks the file type from the name: *_nodes.tsv / *_edges.tsv
        inputs = [Path(tmp) / "in_nodes.tsv", Path(tmp) / "in_edges.tsv"]
        inputs[0].write_bytes(Path(nodes).read_bytes())
        inputs[1].write_bytes(Path(edges).read_bytes())
        output = Path(tmp) / "out"
        transform(inputs=[str(p) for p in inputs], input_format="tsv", input_compression=None, output=str(output),
                  output_format="jsonl", output_compression=None, stream=True)
        after = [json.loads(line) for line in (Path(tmp) / "out_edges.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        nodes_out = sum(1 for line in (Path(tmp) / "out_nodes.jsonl").read_text(encoding="utf-8").splitlines()
                        if line.strip())
    by_id = {str(edge.get("id")): edge for edge in after}
    result = RoundTrip(len(before), len(after), node_count, nodes_out)
    for ident, row in sorted(before.items()):
        edge = by_id.get(ident)
        if edge is None:
            result.lost.append(ident)
        elif ((edge.get("subject"), edge.get("predicate"), edge.get("object")) !=
              (row["subject"], row["predicate"], row["object"])
              or _publications(edge.get("publications")) != _publications(row.get("publications"))):
            result.changed.append(ident)
    return result
