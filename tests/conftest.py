"""Shared fixtures: the sources and release are loaded once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from ctckg.curation.load import Sources, load_sources
from ctckg.curation.vocab import LockedTerms
from support.paths import RELEASE_TTL, VOCAB_DIR

HERE = Path(__file__).resolve().parent
IN_CI = bool(os.environ.get("CI"))


def require(condition: bool, reason: str) -> None:
    """Skip when a tool or input is missing on a developer machine; fail in CI, which installs everything."""
    if not condition:
        if IN_CI:
            pytest.fail(f"{reason} (CI installs it in .ci/run, so this must not happen there)")
        pytest.skip(reason)


def require_tool(name: str) -> str:
    """Path of an executable, or skip (fail in CI)."""
    path = shutil.which(name)
    require(path is not None, f"{name} is not installed")
    return str(path)


def require_vocab() -> Path:
    """The pinned tables in ../shared/vocab, or skip (fail in CI, which has ../shared)."""
    require((VOCAB_DIR / "CL.tsv").exists(), f"pinned tables not found at {VOCAB_DIR} (only in the project workspace)")
    return VOCAB_DIR


#: Tests the fast tier (``pytest -m "not slow"``) leaves out besides those marked ``slow`` in their own files, by
#: ``file::test`` (every parameter) or ``file::test[parameter]``, with the reason. Measured with ``--durations`` on the
#: 2-core machine (issue 15): each costs seconds, because it runs pySHACL over the whole release with its imports,
#: rebuilds the release or its exports in fresh processes, answers every question on rdflib (the slow engine; the
#: fast tier checks the same questions on pyoxigraph), renders the figure twice, or loads bioregistry's registry.
#: The fast tier keeps a test of every module: SHACL on the shape fixtures, every QC check, a build and the error
#: messages of bad sources in-process, every named question on pyoxigraph, the exports and the site model.
SLOW_TESTS: dict[str, str] = {
    "test_validate.py::test_release_conforms": "pySHACL over the release and its imports",
    "test_validate.py::test_json_and_tsv_formats": "two pySHACL runs over the release and its imports",
    "test_validate.py::test_build_hook_validates_an_in_memory_graph": "pySHACL over the release and its imports",
    "test_validate.py::test_finding_without_references_fails": "pySHACL over the release and its imports",
    "test_validate.py::test_class_without_label_fails": "pySHACL over the release and its imports",
    "test_validate.py::test_mediator_pointing_at_a_cell_type_fails": "pySHACL over the release and its imports",
    "test_interop.py::test_sssom_metadata_and_prefixes_follow_bioregistry": "imports sssom-py and pandas (3 s)",
    "test_interop.py::test_pyld_expands_the_export_with_its_default_loader": "JSON-LD expansion of the whole export",
    "test_interop.py::test_kgx_transform_and_merge_keep_every_edge_and_its_publications": "kgx transform runs",
    "test_export_artifacts.py::test_cli_export_figure_and_exit_codes": "renders the figure in fresh processes",
    "test_export_artifacts.py::test_exports_are_byte_identical_across_processes": "exports in two processes",
    "test_export_artifacts.py::test_artifact_outputs_cover_every_export": "writes every export",
    "test_export_artifacts.py::test_committed_exports_match_the_release": "writes every export",
    "test_faults.py::test_json_output_is_byte_identical_on_both_engines": "every question on rdflib",
    "test_faults.py::test_kill_at_any_rename_is_rolled_back_by_the_next_run": "a killed build process per rename",
    "test_release.py::test_build_is_byte_identical_across_processes": "two builds in fresh processes",
    "test_release.py::test_sources_are_canonical": "lints every source",
    "test_release.py::test_fresh_build_equals_committed_files": "a full build",
    "test_release.py::test_full_file_is_release_plus_modules": "parses the full file and every module",
    "test_release.py::test_turtle_and_rdfxml_are_the_same_graph": "parses the RDF/XML release",
    "test_release.py::test_build_check_exits_1_and_names_stale_file": "builds in fresh processes",
    "test_release.py::test_build_error_exits_2_and_leaves_ontology_untouched": "a build in a fresh process",
    "test_release.py::test_owlready2_loads_release_with_imports_offline": "owlready2 loads the release and imports",
    "test_figure.py::test_svg_and_png_are_byte_identical_on_rerun": "renders the figure twice",
    "test_readme.py::test_readme_example_output_is_real": "runs every README example as a command",
    "test_sparql_engines.py::test_same_answer_on_both_engines": "every question on rdflib",
    "test_sparql_engines.py::test_same_answer_with_parameters": "questions on rdflib",
    "test_sparql_safety.py::test_string_parameter_cannot_change_the_query[rdflib": "rdflib engine",
    "test_sparql_safety.py::test_iri_parameter_with_syntax_is_a_clear_error[rdflib": "rdflib engine",
    "test_sparql_safety.py::test_iri_parameter_accepts_curie_iri_label_and_synonym[rdflib": "rdflib engine",
    "test_sparql_safety.py::test_iri_parameter_errors_say_what_is_wrong[rdflib": "rdflib engine",
    "test_sparql_safety.py::test_update_runs_when_opted_in": "copies the release into a new store",
    "test_serve.py::test_query_page_examples_answer_like_the_named_questions": "every example over HTTP",
    "test_serve.py::test_result_size_limit_and_timeout": "waits for a query timeout",
    "test_export_formats.py::test_sssom_validates_with_the_sssom_package": "the sssom package's validator",
    "test_export_kgx.py::test_kgx_validator_reports_zero_errors": "kgx's validator",
    "test_site.py::test_site_command_prints_nothing_on_stderr": "builds the whole site in a fresh process",
    "test_site.py::test_no_broken_internal_link": "builds the whole site in a fresh process",
    "test_package.py::test_project_is_found_from_a_subfolder_and_named_by_option_or_environment": "CLI processes",
    "test_package.py::test_building_outside_a_checkout_says_so_in_one_line": "builds in a fresh process",
    "test_sources.py::test_build_refuses_bad_external_ids_against_pinned_tables": "loads the whole sources per case",
    "test_export_kgx.py::test_kgx_validator_catches_a_bad_predicate": "kgx's validator",
    "test_export_kgx.py::test_edge_categories_are_specific_where_biolink_has_a_class_and_fit_its_constraints":
        "loads the Biolink model",
    "test_figure.py::test_site_figure_links_cells_labels_edges_and_drugs": "renders the site figure",
    "test_interop.py::test_rdfxml_has_the_ontology_element_first_and_typed_elements": "parses the RDF/XML files",
    "test_interop.py::test_rdfxml_is_byte_deterministic": "serializes the release as RDF/XML twice",
    "test_export_formats.py::test_jsonld_expands_to_the_release": "JSON-LD expansion of the whole export",
    "test_query_speed.py::test_cached_query_imports_neither_rdflib_nor_curies[json": "four CLI processes (the fast "
        "tier keeps the table case)",
    "test_query_speed.py::test_cached_query_imports_neither_rdflib_nor_curies[csv": "four CLI processes",
    # Each of these costs 0.5-1.7 s; the fast tier keeps a cheaper test of the same module (issue 15: fast tier <= 30 s).
    "test_query_speed.py::test_curie_helper_agrees_with_curies": "every IRI of the release through both CURIE "
        "implementations (the fast tier round-trips every prefix in test_schema.py)",
    "test_figure.py::test_no_two_label_boxes_intersect": "renders the figure again (the fast tier draws it once)",
    "test_faults.py::test_missing_findings_folder_exits_2_and_changes_nothing": "a build in a fresh process",
    "test_faults.py::test_endless_endpoint_answer_is_cut_at_the_size_limit": "streams 8 MiB from a local server",
    "test_serve.py::test_ctckg_query_table1_against_the_endpoint_equals_the_local_answer": "CLI against the server "
        "(the fast tier asks the endpoint the parameterless questions)",
    "test_release.py::test_committed_extract_matches_pinned_tables": "reads the pinned tables",
    "test_schema.py::test_loader_reports_a_label_that_differs_from_the_schema": "copies and loads the whole sources",
    "test_statements.py::test_a_statement_with_an_unknown_relation_is_refused": "copies and loads the whole sources",
    "test_evidence.py::test_references_not_in_the_located_sentence_are_refused": "copies and loads the whole sources",
    "test_evidence.py::test_an_uncited_sentence_cannot_cite_as_evidence": "copies and loads the whole sources",
    "test_export_formats.py::test_graphml_reads_back_with_networkx": "parses the whole GraphML export",
    "test_figure.py::test_figure_is_drawn_from_the_graph": "imports matplotlib and renders the figure (the fast tier "
        "checks the figure's data: its effect categories and immune-evasion edges)",
    "test_query_speed.py::test_cached_query_imports_neither_rdflib_nor_curies[table": "two CLI processes",
    "test_schema.py::test_linkml_view_loads_in_schemaview": "imports linkml-runtime",
    "test_release.py::test_external_iris_exist_in_pinned_tables_with_same_label": "reads the pinned tables",
}
#: Fixtures whose setup alone takes many seconds: the site built by `ctckg site` in a fresh process, the merged
#: file read by pronto, the OWL API run, the release on both engines (an rdflib store with its imports).
SLOW_FIXTURES = ("site_run", "site_dir", "merged", "owlapi", "engines")
#: tests/test_sources.py: the error-message tests copy and load the whole sources each (seconds apiece); the fast tier
#: keeps these (the real sources, an unknown prefix, a reference out of range, every problem reported at once).
FAST_SOURCE_TESTS = ("test_real_sources_load", "test_every_pinned_table_prefix_has_an_id_pattern",
                     "test_all_problems_reported_at_once", "test_tsv_syntax_error_names_file_and_line")
#: The cases of tests/test_sources.py's parametrized error-message tests the fast tier keeps (each case loads the
#: whole sources once; the others run in the full suite).
FAST_SOURCE_CASES = ("unknown prefix", "reference out of range")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests of SLOW_TESTS (and all but FAST_SOURCE_CASES of the bad-source cases) ``slow``."""
    for item in items:
        name = f"{item.path.name}::{item.name}"
        base = f"{item.path.name}::{getattr(item, 'originalname', item.name)}"
        reason = SLOW_TESTS.get(base) or next((why for key, why in SLOW_TESTS.items()
                                               if "[" in key and name.startswith(key)), None)
        if reason is None and item.path.name == "test_sources.py":
            if "[" in item.name and not any(f"[{case}" in item.name for case in FAST_SOURCE_CASES):
                reason = "loads the whole sources once per case"
            elif "[" not in item.name and item.name not in FAST_SOURCE_TESTS:
                reason = "copies and loads the whole sources"
        if reason is None and any(f in getattr(item, "fixturenames", ()) for f in SLOW_FIXTURES):
            reason = "its fixture takes many seconds to set up"
        if reason is None and "[rdflib" in item.name:
            reason = "an rdflib store of the release with its imports (the same test runs on pyoxigraph)"
        if reason:
            item.add_marker(pytest.mark.slow(reason=reason))


@pytest.fixture(scope="session")
def sources() -> Sources:
    """The curation sources, validated against the committed extract (no ../shared needed)."""
    return load_sources(LockedTerms())


@pytest.fixture(scope="session")
def release_view(release_graph: Graph):
    """The export model of the committed release and its modules, built once for every test module that reads it."""
    from ctckg.export.model import load_release, load_view

    return load_view(release_graph, load_release()[1])


@pytest.fixture(scope="session")
def release_graph() -> Graph:
    """The committed Turtle release."""
    return Graph().parse(RELEASE_TTL)


#: The named graph the shared read-only Virtuoso holds the release in.
VIRTUOSO_GRAPH = "https://w3id.org/ctckg/test-release"


@pytest.fixture(scope="session")
def loaded_virtuoso():
    """One fresh Virtuoso (dba/dba) on loopback holding the release and its imports in VIRTUOSO_GRAPH, shared by the
    read-only server tests (tests/test_virtuoso.py keeps its own: it replaces and appends to its graph)."""
    from support.virtuoso import VIRTUOSO_BINARY, loaded_server

    require_tool(VIRTUOSO_BINARY)
    with loaded_server(VIRTUOSO_GRAPH) as server:
        yield server
