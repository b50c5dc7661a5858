"""Static HTML site: index (Table 1 view + figure), one page per term, finding and reference, pyLODE ontology docs.

All pages are rendered in memory by :func:`site_files` (relative path -> text or bytes) and written by
:func:`write_site`; every internal link is relative, so the folder works from ``file://`` and from any web server.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ctckg.export.model import KINDS, ReleaseView, obo_purl
from ctckg.export.paths import RELEASE_TTL, STATIC_DIR, TEMPLATES_DIR

__all__ = ["KIND_SLUGS", "page_path", "site_files", "ontology_docs", "write_site"]

#: kind -> list page name (without .html).
KIND_SLUGS: dict[str, str] = {
    "cell": "cells", "structure": "structures", "molecule": "molecules", "process": "processes", "drug": "drugs",
    "disease": "cancer-types", "organism": "organisms", "study design": "study-designs", "evidence": "evidence",
    "other": "other-terms",
}
_MAIN_KINDS = ("cell", "molecule", "process", "drug")


def page_path(curie: str, folder: str) -> str:
    """Relative path of the page of ``curie`` in ``folder`` ('term', 'finding' or 'reference')."""
    return f"{folder}/{curie.replace(':', '_')}.html"


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(["html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def ontology_docs(source: Path | object = RELEASE_TTL) -> str:
    """The pyLODE (OntPub) HTML documentation of the release ontology (a path or an rdflib graph)."""
    from pylode import OntPub

    return str(OntPub(ontology=str(source) if isinstance(source, Path) else source).make_html())


def site_files(view: ReleaseView, figure_svg: bytes, ontology_html: str) -> dict[str, str | bytes]:
    """Every file of the site, by path relative to the site root."""
    env = _environment()
    pages: dict[str, str] = {curie: page_path(curie, "term") for curie in view.terms}
    pages.update({f.curie: page_path(f.curie, "finding") for f in view.findings})
    pages.update({r.curie: page_path(r.curie, "reference") for r in view.references.values()})
    refs = view.references
    usage = view.findings_by_term
    present = [kind for kind in KINDS if any(t.kind == kind for t in view.terms.values())]
    nav = [(KIND_SLUGS[kind], KINDS[kind]) for kind in _MAIN_KINDS if kind in present]
    common = {"site_title": view.title, "version": view.version, "license": view.license, "nav": nav,
              "pages": pages, "refs": refs, "label": view.label, "purl": obo_purl}
    files: dict[str, str | bytes] = {}

    def render(path: str, template: str, **context: object) -> None:
        root = "../" * path.count("/")
        files[path] = env.get_template(template).render(root=root, **common, **context)

    kind_counts = [(KIND_SLUGS[k], KINDS[k], sum(1 for t in view.terms.values() if t.kind == k)) for k in present]
    table1 = sorted((f for f in view.findings if f.table_row is not None), key=lambda f: (f.table_row, f.curie))
    render("index.html", "index.html", title="Home", description=view.description, findings=view.findings,
           kind_counts=kind_counts, table1=table1)
    for kind in present:
        terms = sorted((t for t in view.terms.values() if t.kind == kind), key=lambda t: (t.label.lower(), t.curie))
        render(f"{KIND_SLUGS[kind]}.html", "kind.html", title=KINDS[kind], heading=KINDS[kind], terms=terms,
               usage=usage)
    children: dict[str, list[str]] = {}
    for term in view.terms.values():
        for parent in term.parents:
            children.setdefault(parent, []).append(term.curie)
    defined: dict[str, list[str]] = {}
    for term in view.terms.values():
        for source in term.definition_sources:
            defined.setdefault(source, []).append(term.curie)
    for curie, term in view.terms.items():
        by_role = []
        for role in [*view.role_labels, "evidence"]:
            found = [f for key, f in usage.get(curie, []) if key == role]
            if found:
                by_role.append((role, f"{'the ' if role != 'evidence' else ''}"
                                      f"{view.role_labels.get(role, 'evidence')}", found))
        render(pages[curie], "term.html", title=term.label, term=term, by_role=by_role,
               children=sorted(children.get(curie, []), key=view.label))
    roles = list(view.role_labels.items())
    review = refs[0] if 0 in refs else next(iter(refs.values()))
    for finding in view.findings:
        render(pages[finding.curie], "finding.html", title=finding.label, f=finding, roles=roles, review=review)
    by_ref = view.findings_by_reference
    for ref in refs.values():
        findings = by_ref.get(ref.number, []) if ref.number else view.findings
        render(pages[ref.curie], "reference.html", title=ref.label, ref=ref, findings=findings,
               defined=sorted(defined.get(ref.curie, []), key=view.label))
    render("findings.html", "findings.html", title="Findings", findings=view.findings,
           stated=sum(1 for f in view.findings if f.status == "stated"))
    render("references.html", "references.html", title="References", by_ref=by_ref)
    files["crosstalk.svg"] = figure_svg
    files["ontology/index.html"] = ontology_html
    for path in sorted(STATIC_DIR.iterdir()):
        files[f"static/{path.name}"] = path.read_bytes()
    return dict(sorted(files.items()))


def write_site(files: dict[str, str | bytes], out_dir: Path) -> int:
    """Replace ``out_dir`` with ``files``; returns the number of files written."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    for relative, content in files.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return len(files)
