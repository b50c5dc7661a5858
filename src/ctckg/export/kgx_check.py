"""Run the ``kgx`` package's validator on KGX TSV files without network access.

kgx 2.6 builds a Biolink Model toolkit at import time from
``https://raw.githubusercontent.com/biolink/biolink-model/v4.4.4/biolink-model.yaml`` and fetches the Biolink
JSON-LD context from GitHub, so on an offline machine ``import kgx.validator`` fails with ``URLError``. The same
model ships in the ``biolink-model`` wheel that kgx depends on; :func:`offline_validator` points bmt and kgx at it
before kgx is imported. The predicate map (used only to translate non-Biolink predicates) is left empty.

Our minted ``CTCKG`` prefix is not in the Biolink prefix map, so it is added to the validator's prefix set (its
expansion is ``https://w3id.org/ctckg/CTCKG_``); every other prefix must be a Biolink one.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

__all__ = ["PROJECT_PREFIXES", "offline_validator", "validate_kgx"]

#: Prefixes of ours that the Biolink context cannot know.
PROJECT_PREFIXES = frozenset({"CTCKG"})


def _biolink_model_dir() -> Path:
    import biolink_model  # namespace package from the biolink-model wheel

    return Path(next(iter(biolink_model.__path__)))


def offline_validator() -> Any:
    """A ``kgx.validator.Validator`` using the locally installed Biolink Model (no network)."""
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
