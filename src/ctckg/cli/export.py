"""Click commands of ctckg.export, registered on the main CLI group by ctckg.cli.main.

Exit codes: 0 done (or up to date), 1 ``--check`` found stale files, 2 the release could not be read or rendered.
Heavy imports happen inside the commands so that the CLI starts fast.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ctckg.cli.params import PathParam

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["COMMANDS", "export", "site", "figure", "serve", "check"]

_DIR = PathParam(file_okay=False)


def _view() -> object:
    """The view of the release (the checkout's, else the packaged one), or exit 2 with the reason."""
    from ctckg.cli.main import release_project
    from ctckg.export.model import load_view
    from ctckg.release import Release

    try:
        return load_view(release=Release.open(release_project()))
    except (OSError, ValueError, SyntaxError) as error:
        click.echo(f"error: cannot read the release: {error}", err=True)
        sys.exit(2)


def _finish(outputs: dict[Path, str | bytes], check: bool) -> None:
    from ctckg.errors import display_path
    from ctckg.export.artifacts import stale_artifacts, write_artifacts

    if check:
        stale = stale_artifacts(outputs)
        for path in stale:
            click.echo(f"{display_path(path)} differs from a fresh export; rerun the command", err=True)
        sys.exit(1 if stale else 0)
    changed = write_artifacts(outputs)
    for path in outputs:
        click.echo(f"{'wrote' if path in changed else 'unchanged'} {display_path(path)}")


@click.command()
@click.option("--format", "fmt", required=True, type=click.Choice(["kgx", "sssom", "jsonld", "graphml", "all"]),
              help="Export format; 'all' writes every format to its committed place.")
@click.option("-o", "--output", "out_dir", type=_DIR, default=None,
              help="Write into this folder instead of exports/<format>/.")
@click.option("--check", is_flag=True, help="Exit 1 if a committed export differs from a fresh one; write nothing.")
def export(fmt: str, out_dir: Path | None, check: bool) -> None:
    """Export the release as KGX TSV, SSSOM TSV, JSON-LD (+ context) or GraphML."""
    from ctckg.cli.main import release_project
    from ctckg.export.artifacts import FORMATS, format_outputs

    project = release_project()
    if out_dir is None and not project.checkout:
        click.echo("error: outside a checkout there is no exports/ folder to write to; give -o DIR", err=True)
        sys.exit(2)
    view = _view()
    outputs: dict[Path, str | bytes] = {}
    for name in FORMATS if fmt == "all" else (fmt,):
        outputs.update(format_outputs(view, name, out_dir, project.exports_dir))  # type: ignore[arg-type]
    _finish(outputs, check)


@click.command()
@click.option("-o", "--output", "out_dir", type=_DIR, default=None,
              help="Output folder (default: site/ of the checkout, else ./site in the working directory).")
@click.option("--verbose", is_flag=True, help="Show the log lines of the libraries (pyLODE, rdflib) on stderr.")
def site(out_dir: Path | None, verbose: bool) -> None:
    """Build the static HTML site (index, Table 1, figure, hierarchy, statements, search, query page, term /
    finding / reference pages, downloads, pyLODE docs)."""
    from ctckg.cli.main import release_project
    from ctckg.export.site import build_site, quiet_logging

    project = release_project()
    if out_dir is None:
        from pathlib import Path

        out_dir = project.site_dir if project.checkout else Path.cwd() / "site"

    quiet_logging(verbose)
    from ctckg.export.linkcheck import broken_links
    from ctckg.export.site import write_site

    view = _view()
    count = write_site(build_site(view, project), out_dir)  # type: ignore[arg-type]
    checked, broken = broken_links(out_dir)
    for page, link, reason in broken:
        click.echo(f"{page}: {link}: {reason}", err=True)
    click.echo(f"wrote {count} files to {out_dir} ({checked} internal links, {len(broken)} broken)")
    sys.exit(1 if broken else 0)


@click.command()
@click.option("-o", "--output", "out_file", type=PathParam(dir_okay=False), default=None,
              help="SVG or PNG file (default: docs/crosstalk.svg of the checkout); for an .svg file a .png is "
                   "written beside it.")
@click.option("--check", is_flag=True, help="Exit 1 if the committed figure differs from a fresh one.")
def figure(out_file: Path | None, check: bool) -> None:
    """Draw the crosstalk figure (CTC at the centre, partner cells, mediators, effects, drugs) from the graph."""
    from ctckg.cli.main import release_project
    from ctckg.export.figure import render_figure

    project = release_project()
    if out_file is None:
        if not project.checkout:
            click.echo("error: outside a checkout there is no docs/ folder to write to; give -o FILE", err=True)
            sys.exit(2)
        out_file = project.figure_svg

    view = _view()
    suffix = out_file.suffix.lower()
    if suffix not in {".svg", ".png"}:
        click.echo("error: the figure must be an .svg or .png file", err=True)
        sys.exit(2)
    outputs: dict[Path, str | bytes] = {out_file: render_figure(view, suffix[1:])}  # type: ignore[arg-type]
    if suffix == ".svg":
        outputs[out_file.with_suffix(".png")] = render_figure(view, "png")  # type: ignore[arg-type]
    _finish(outputs, check)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port; the address is printed).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds a SPARQL query may run (and a client may take to send its request).")
@click.option("--max-rows", default=100_000, show_default=True, type=click.IntRange(min=1),
              help="Largest answer (rows or triples) the endpoint returns; larger ones are refused with a message.")
@click.option("--site", "site_dir", type=PathParam(file_okay=False, exists=True), default=None,
              help="Serve this already built site folder instead of building the site in memory.")
@click.option("--verbose", is_flag=True, help="Log every request and the libraries' log lines on stderr.")
def serve(host: str, port: int, timeout: float, max_rows: int, site_dir: Path | None, verbose: bool) -> None:
    """Serve the site and a read-only SPARQL 1.1 endpoint (/query) over the release, on pyoxigraph."""
    from ctckg.export.site import quiet_logging

    quiet_logging(verbose)
    from ctckg.cli.main import release_project
    from ctckg.export.model import load_view
    from ctckg.release import Release
    from ctckg.sparql.serve import run_server

    release = Release.open(release_project())  # loaded once: the engine and the site both read it
    run_server(host=host, port=port, timeout=timeout, max_rows=max_rows, site_dir=site_dir, verbose=verbose,
               view_loader=None if site_dir else (lambda: load_view(release=release)), release=release)


@click.group()
def check() -> None:
    """Check the exports with the community tools (offline)."""


@check.command("kgx")
@click.option("--nodes", type=PathParam(dir_okay=False, exists=True), default=None,
              help="KGX nodes TSV (default: exports/kgx/ctckg_nodes.tsv).")
@click.option("--edges", type=PathParam(dir_okay=False, exists=True), default=None,
              help="KGX edges TSV (default: exports/kgx/ctckg_edges.tsv).")
def check_kgx(nodes: Path | None, edges: Path | None) -> None:
    """Run kgx's validator and `kgx transform` (streamed and in memory) and `kgx merge` on the KGX export, offline.

    kgx 2.6 downloads the Biolink Model when it starts; this points it at the biolink-model wheel it depends on and
    registers the CTCKG prefix. Exit 0 when the validator reports no error and every edge comes out of the
    transforms and the merge with its triple, publications, knowledge level and qualifiers, 1 otherwise, 2 when
    kgx is not installed (pip install 'ctckg[kgx]').
    """
    import importlib.util

    from ctckg.cli.main import release_project
    from ctckg.export.paths import export_paths

    missing = [name for name in ("kgx", "bmt", "biolink_model") if importlib.util.find_spec(name) is None]
    if missing:
        click.echo(f"error: `ctckg check kgx` needs the optional extra kgx (not installed: {', '.join(missing)}); "
                   "pip install 'ctckg[kgx]'", err=True)
        sys.exit(2)
    from ctckg.export.kgx_check import round_trips, validate_kgx
    if nodes is None or edges is None:
        project = release_project()
        if not project.checkout:
            click.echo("error: outside a checkout give the KGX files with --nodes and --edges", err=True)
            sys.exit(2)
        committed = export_paths("kgx", project.exports_dir)
        nodes, edges = nodes or committed["nodes"], edges or committed["edges"]
    version, errors = validate_kgx(nodes, edges)
    problems = 0
    for level, kinds in sorted(errors.items()):
        for kind, messages in sorted(kinds.items()):
            for message, entities in sorted(messages.items()):
                problems += 1
                shown = ", ".join(sorted(map(str, entities))[:5])
                click.echo(f"kgx validate: {level} {kind}: {message} ({len(entities)}: {shown})", err=True)
    click.echo(f"kgx validate (Biolink {version}): {problems} problem(s)")
    trips = round_trips(nodes, edges)
    for trip in trips:
        click.echo(f"kgx {trip.mode}: {trip.edges_in} edges in, {trip.edges_out} out, {len(trip.lost)} lost, "
                   f"{len(trip.changed)} changed; {trip.nodes_in} nodes in, {trip.nodes_out} out")
        for ident in trip.lost[:10] + trip.changed[:10]:
            click.echo(f"  {ident}", err=True)
    sys.exit(0 if not problems and all(trip.ok for trip in trips) else 1)


COMMANDS: list[click.Command] = [export, site, figure, serve, check]
