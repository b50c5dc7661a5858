"""Command-line interface: small click commands over the library. Exit codes: 0 ok, 1 non-conformant, 2 error."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from ctckg._meta import PROJECT_ENV, VERSION
from ctckg.cli.params import PathParam

if TYPE_CHECKING:
    from pathlib import Path

    from ctckg.errors import CurationError
    from ctckg.project import Project

__all__ = ["main", "checkout", "release_project"]


def checkout(command: str) -> Project:
    """The checkout the command works on (``--project``, ``$CTCKG_PROJECT`` or the working directory upward); exit 2
    with one line when there is none."""
    from ctckg.project import NoCheckout, Project

    ctx = click.get_current_context()
    try:
        found = Project.find((ctx.find_root().obj or {}).get("project"))
        if found is None:
            raise NoCheckout(f"`ctckg {command}` needs a checkout of the ctckg repository (the curation sources); "
                             f"run it inside a clone, or name one with --project PATH or ${PROJECT_ENV}")
        return found.require_checkout(command)
    except NoCheckout as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)


def release_project() -> Project:
    """Where the release is read: the checkout when there is one, else the release files packaged with ctckg."""
    from ctckg.project import NoCheckout, Project

    ctx = click.get_current_context()
    try:
        return Project.for_release((ctx.find_root().obj or {}).get("project"))
    except NoCheckout as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)


def _fail(error: CurationError) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(error.problems)} problem(s) in the curation sources; nothing was written.", err=True)
    sys.exit(2)


class _Guarded(click.Group):
    """The catch-all at the CLI boundary: an unexpected exception becomes one line and exit 2 (--debug: traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted; files already written were replaced whole, nothing is half-written", err=True)
            sys.exit(130)
        except Exception as error:  # noqa: BLE001 - the boundary: every failure is exit 2, never a traceback
            if ctx.params.get("debug"):
                raise
            # Imported here, not at the top: `ctckg --help` loads neither the errors module nor dataclasses.
            from ctckg.errors import CurationError, describe_exception

            if isinstance(error, CurationError):
                _fail(error)
            hint = "" if getattr(error, "complete_message", False) else "; run with --debug for the traceback"
            click.echo(f"error: {describe_exception(error)}{hint}", err=True)
            sys.exit(2)


@click.group(cls=_Guarded)
@click.version_option(VERSION, prog_name="ctckg")
@click.option("--debug", is_flag=True, envvar="CTCKG_DEBUG", help="Show the Python traceback of an unexpected error.")
@click.option("--project", "project", type=PathParam(file_okay=False), default=None,
              envvar=PROJECT_ENV, show_envvar=True,
              help="The ctckg checkout to work on (default: the one that holds the working directory; without one, "
                   "query, validate and export read the release that ships with the package).")
@click.pass_context
def main(ctx: click.Context, debug: bool, project: Path | None) -> None:
    """ctckg: build, check and query the CTC-blood microenvironment knowledge graph."""
    ctx.obj = {"project": project}


@main.command()
@click.option("--check", is_flag=True, help="Exit 1 if a committed release file differs from a fresh build.")
@click.option("--dry-run", is_flag=True, help="Validate the sources and render the release without writing.")
@click.option("--no-validate", is_flag=True, help="Write the release even if SHACL/QC validation fails.")
@click.option("--all", "everything", is_flag=True,
              help="Also the exports (KGX, SSSOM, JSON-LD, GraphML, interactions) and docs/crosstalk.svg|png; with "
                   "--check, check them.")
@click.option("--allow-shrink", is_flag=True,
              help="Build even if findings, references or import modules would be dropped, or a source is empty.")
@click.option("--force", is_flag=True,
              help="Build even when the sources, pinned tables, code and outputs are those of the last build.")
def build(check: bool, dry_run: bool, no_validate: bool, everything: bool, allow_shrink: bool, force: bool) -> None:
    """Build ontology/ctckg.owl, ctckg.ttl, ctckg-full.owl and the import modules from ontology/curation.

    Like make, a build whose inputs and outputs are byte for byte those of the last validated build says so and
    stops (the stamp lives in the user cache; --force or CTCKG_NO_CACHE=1 always builds)."""
    from ctckg.build.release import shrink_allowed
    from ctckg.build.uptodate import input_key, record_build, up_to_date
    from ctckg.curation.vocab import has_pinned_tables

    project = checkout("build")
    key = None
    if not (dry_run or no_validate):
        key = input_key(project, pinned_tables=has_pinned_tables(project), everything=everything,
                        allow_shrink=shrink_allowed(allow_shrink or None))
        summary = None if force else up_to_date(project, key)
        if summary is not None:
            if not check:
                click.echo(f"{summary} (up to date: nothing changed since the last build; --force rebuilds)")
            return

    from ctckg.build.release import plan_release, stale_outputs, write_outputs
    from ctckg.errors import display_path
    from ctckg.export.stats import compute_stats

    release = plan_release(allow_shrink=allow_shrink or None, project=project)
    artifacts: dict[Path, str | bytes] = {}
    if everything:
        from ctckg.export.artifacts import artifact_outputs

        artifacts = artifact_outputs(release.graph, release.modules, project)
    if check:
        from ctckg.export.artifacts import stale_artifacts

        stale = stale_outputs(release.outputs)
        stale_exports = stale_artifacts(artifacts)
        for path in stale:
            click.echo(f"{display_path(path)} differs from a fresh build; run `ctckg build`", err=True)
        for path in stale_exports:
            click.echo(f"{display_path(path)} differs from a fresh build; run `ctckg build --all`", err=True)
        sys.exit(1 if stale or stale_exports else 0)
    if not no_validate:
        from ctckg.validate.gate import validate_build

        # skipped when the same release, modules, shapes and checks conformed before (a stamp in the user cache)
        report = validate_build(release.graph, release.modules.values(), release.outputs, project)
        if not report.conforms:
            click.echo(report.format("text"), err=True)
            click.echo("the release fails validation; nothing was written (--no-validate to override)", err=True)
            sys.exit(1)
    if dry_run:
        click.echo(f"sources valid; {len(release.graph)} triples would be written (dry run)")
        return
    changed = write_outputs(release.outputs)
    if everything:
        from ctckg.export.artifacts import write_artifacts

        changed += write_artifacts(artifacts)
    stats = compute_stats(release.sources, len(release.graph))
    counts = (f"{stats['triples']} triples, {stats['classes minted']} classes minted, {stats['findings']} findings, "
              f"{stats['references']} references, {len(release.modules)} import modules")
    click.echo(f"wrote {len(changed)} changed file(s) of {len(release.outputs) + len(artifacts)}: {counts}")
    if key is not None:
        record_build(project, key, [*release.outputs, *artifacts],
                     f"wrote 0 changed file(s) of {len(release.outputs) + len(artifacts)}: {counts}")


@main.command()
def imports() -> None:
    """Extract the import modules, catalog and external-terms.tsv from the pinned tables (../shared/vocab)."""
    from ctckg.build.release import plan_release, write_outputs
    from ctckg.curation.vocab import PinnedTables, has_pinned_tables

    project = checkout("imports")
    if not has_pinned_tables(project):
        click.echo(f"the pinned tables are not at {project.vocab_dir}; set CTCKG_VOCAB_DIR", err=True)
        sys.exit(2)
    release = plan_release(PinnedTables(project.vocab_dir), project=project)
    only = {path for path in release.outputs if path.parent == project.imports_dir or path == project.catalog}
    changed = write_outputs(release.outputs, only=only | {project.external_terms_file})
    click.echo(f"{len(release.modules)} import modules ({', '.join(sorted(release.modules))}); "
               f"{len(changed)} file(s) changed")


@main.command()
@click.option("--check", is_flag=True, help="Only report files that are not canonical (exit 1).")
def lint(check: bool) -> None:
    """Rewrite the curation sources in canonical order (sorted records, canonical keys and labels)."""
    from ctckg.build.release import write_outputs
    from ctckg.curation.lint import canonical_sources
    from ctckg.curation.load import load_sources
    from ctckg.curation.vocab import open_vocabulary
    from ctckg.errors import display_path

    project = checkout("lint")
    sources = load_sources(open_vocabulary(project=project), project.curation_dir)
    texts = canonical_sources(sources, project.curation_dir)
    differing = [path for path, text in sorted(texts.items()) if path.read_text(encoding="utf-8") != text]
    if check:
        for path in differing:
            click.echo(f"{display_path(path)} is not canonical; run `ctckg lint`", err=True)
        sys.exit(1 if differing else 0)
    write_outputs({path: texts[path] for path in differing}, only=set(differing))
    click.echo(f"{len(differing)} file(s) rewritten")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def stats(fmt: str) -> None:
    """Counts of classes, findings (by status and review section), references and external terms."""
    import json

    from ctckg.curation.load import load_sources
    from ctckg.curation.vocab import open_vocabulary
    from ctckg.export.stats import compute_stats, format_stats
    from ctckg.release import Release, ReleaseError

    project = checkout("stats")
    sources = load_sources(open_vocabulary(prefer_pinned=False, project=project), project.curation_dir)
    try:
        triples = len(Release.from_file(project.release_ttl, project).own)
    except ReleaseError as error:
        click.echo(f"error: {error}; run `ctckg build`", err=True)
        sys.exit(2)
    data = compute_stats(sources, triples)
    click.echo(json.dumps(data, indent=2) if fmt == "json" else format_stats(data))


@main.command()
@click.argument("what", type=click.Choice(["citations", "sentences", "references"]))
@click.option("--review", type=PathParam(exists=True), default=None,
              help="The review text (default: $CTCKG_REVIEW_TEXT, else ../shared/review/... beside the checkout).")
def extract(what: str, review: Path | None) -> None:
    """Extract facts from the review text: the in-text citation table, the sentence index (offsets, cited numbers
    and hedging cues of every sentence), or the reference list (as YAML on stdout)."""
    project = checkout("extract")
    review = review if review is not None else project.review_text
    if not review.is_file():
        click.echo(f"error: the review text is not at {review}; set CTCKG_REVIEW_TEXT or pass --review", err=True)
        sys.exit(2)
    from ctckg.curation.review_text import (
        ReviewTextError,
        citations_text,
        parse_citations,
        parse_references,
        parse_sentences,
        sentences_text,
    )
    from ctckg.curation.yamlio import dump_yaml
    from ctckg.errors import display_path
    from ctckg.rdffiles import commit_files

    try:
        text = review.read_text(encoding="utf-8")
        if what == "citations":
            outputs = {project.citations_file: citations_text(parse_citations(text))}
        elif what == "sentences":
            outputs = {project.sentences_file: sentences_text(parse_sentences(text))}
        else:
            click.echo(dump_yaml(parse_references(text)))
            return
    except UnicodeDecodeError as error:
        click.echo(f"error: {display_path(review)}: not UTF-8 text ({error.reason}); nothing was written", err=True)
        sys.exit(2)
    except ReviewTextError as error:
        click.echo(f"error: {display_path(review)}: {error}; nothing was written", err=True)
        sys.exit(2)
    changed = commit_files(dict(outputs))
    for path in outputs:
        click.echo(f"{'wrote' if path in changed else 'unchanged'} {display_path(path)}")


def _register() -> None:
    """Add the commands of the validate, sparql and export packages to the main group."""
    from ctckg.cli.export import COMMANDS as export_commands
    from ctckg.cli.query import COMMANDS as sparql_commands
    from ctckg.cli.validate import COMMANDS as validate_commands

    for command in [*validate_commands, *sparql_commands, *export_commands]:
        main.add_command(command)


_register()
