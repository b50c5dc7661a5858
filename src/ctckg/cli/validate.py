"""Click commands of ctckg.validate, registered on the main CLI group by ctckg.cli.main.

Exit codes: 0 conforms, 1 does not conform, 2 the check could not run. Heavy imports happen inside the commands so
that the CLI starts fast.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ctckg.cli.params import PathParam

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["COMMANDS", "validate", "reason"]

_FILE = PathParam(exists=False, dir_okay=False)


@click.command()
@click.argument("file", type=_FILE, default=None, required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "tsv"]), default="text", show_default=True)
@click.option("--show", type=click.Choice(["violation", "warning", "info"]), default="warning", show_default=True,
              help="Lowest severity printed in text format (counts are always given).")
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL shapes.")
@click.option("--no-qc", is_flag=True, help="Skip the QC queries (queries/qc/*-violation.rq).")
@click.option("--profile", is_flag=True,
              help="Also run the OWL 2 DL profile check (OWL API) on ontology/ctckg.owl and ctckg-full.owl.")
def validate(file: Path | None, fmt: str, show: str, no_shacl: bool, no_qc: bool, profile: bool) -> None:
    """Check the release (or FILE) against shapes/ctckg-shapes.ttl and the QC queries; imports come from the catalog.
    Outside a checkout, the release that ships with the package is checked."""
    from ctckg.cli.main import release_project
    from ctckg.validate.gate import validate_file
    from ctckg.validate.loading import ValidationError

    project = release_project()
    try:
        report = validate_file(file, shacl=not no_shacl, qc=not no_qc, project=project)
        click.echo(report.format(fmt, min_severity=show.capitalize()))
        ok = report.conforms
        if profile:
            from ctckg.cli.main import checkout
            from ctckg.validate.profile import check_profile

            result = check_profile(project=checkout("validate --profile"))
            click.echo(result.output.rstrip(), err=fmt != "text")
            ok = ok and result.ok
    except ValidationError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    sys.exit(0 if ok else 1)


@click.command()
@click.argument("file", type=_FILE, default=None, required=False)
def reason(file: Path | None) -> None:
    """Run HermiT (owlready2) on the release (or FILE) with its imports: consistent, no unsatisfiable classes."""
    from ctckg.cli.main import release_project
    from ctckg.validate.loading import ValidationError
    from ctckg.validate.reason import reason_file

    try:
        report = reason_file(file, project=release_project())
    except ValidationError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    click.echo(report.text())
    sys.exit(0 if report.ok else 1)


COMMANDS: list[click.Command] = [validate, reason]
