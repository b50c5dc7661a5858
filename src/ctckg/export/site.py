"""Static HTML site: index (Table 1, figure, downloads, Dataset JSON-LD), one page per term, finding and reference,
hierarchy trees, the curated statements, a ligand–receptor page, a SPARQL query page, client-side search and the
pyLODE ontology docs.

All pages are rendered in memory by :func:`site_files` (relative path -> text or bytes) and written by
:func:`write_site`; every internal link is relative, so the folder works from ``file://`` and from any web server
(``ctckg serve`` serves it together with a read-only SPARQL endpoint, which the query page needs).

Front-end components are vendored, never fetched at run time: lunr.js (search; its index is built here by lunr.py,
the Python port that writes lunr.js's index format) and YASGUI (the query editor and results table), both MIT, with
their licences under ``static/vendor/``.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ctckg.export.model import KINDS, CuratedStatement, Finding, ReleaseView, obo_purl
from ctckg.project import Project, resource_path

__all__ = ["KIND_SLUGS", "TREE_KINDS", "page_path", "kind_slug", "site_files", "ontology_docs", "write_site",
           "search_documents", "search_index", "statement_html", "tree_nodes", "download_files", "quiet_logging",
           "query_examples", "dataset_jsonld", "build_site", "figure_links"]

#: kind -> list page name (without .html); kinds not listed get their name, hyphenated, with an s.
KIND_SLUGS: dict[str, str] = {
    "cell": "cells", "structure": "structures", "molecule": "molecules", "process": "processes", "drug": "drugs",
    "disease": "cancer-types", "organism": "organisms", "study design": "study-designs", "evidence": "evidence",
    "physical factor": "physical-factors", "other": "other-terms",
}
_MAIN_KINDS = ("cell", "molecule", "process", "drug")
#: Kinds whose hierarchy trees come first (every other kind follows, so every class has a place in a tree).
TREE_KINDS = ("cell", "molecule", "process", "drug", "structure", "disease", "physical factor")
#: RO property -> verb of the readable statement sentence (signed relations take the sign as verb).
_VERBS = {"RO:0002436": "binds", "RO:0002434": "interacts with", "RO:0003000": "produces", "RO:0002292": "expresses",
          "RO:0000056": "participates in", "RO:0002215": "is capable of", "RO:0002629": "directly increases",
          "RO:0002630": "directly decreases", "RO:0002304": "increases", "RO:0002305": "decreases",
          "CTCKG:0000049": "has no effect on"}
_CORRELATES = "RO:0002610"


def _role_name(label: str) -> str:
    """A role as a noun: 'has partner cell' -> 'partner cell', 'has cancer type context' -> 'cancer type'."""
    return label.removeprefix("has ").removesuffix(" context")


def kind_slug(kind: str) -> str:
    """The list page name of a kind."""
    return KIND_SLUGS.get(kind) or kind.replace(" ", "-") + "s"


def page_path(curie: str, folder: str) -> str:
    """Relative path of the page of ``curie`` in ``folder`` ('term', 'finding' or 'reference')."""
    return f"{folder}/{curie.replace(':', '_')}.html"


def node_id(curie: str) -> str:
    """The HTML id of a class in the hierarchy trees."""
    return "node-" + curie.replace(":", "_")


def quiet_logging(verbose: bool = False) -> None:
    """Keep library log lines (pyLODE's ``logging.basicConfig(level=DEBUG)`` at import, asyncio, rdflib) off stderr
    unless ``verbose``: a handler on the root logger makes their ``basicConfig`` calls no-ops."""
    root = logging.getLogger()
    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
        return
    if not root.handlers:
        root.addHandler(logging.NullHandler())
    root.setLevel(logging.WARNING)
    for name in ("asyncio", "rdflib", "httpx", "httpcore", "pyshacl", "pylode"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(resource_path("export", "templates"))), autoescape=select_autoescape(["html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def ontology_docs(source: Path | object | None = None) -> str:
    """The pyLODE (OntPub) HTML documentation of the release ontology (a path or an rdflib graph; default: the
    Turtle release of :meth:`Project.for_release`)."""
    import warnings

    source = Project.for_release().release_ttl if source is None else source
    if not logging.getLogger().handlers:  # nobody configured logging (a library call, not `--verbose`): stay quiet
        quiet_logging()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pylode import OntPub

        return str(OntPub(ontology=str(source) if isinstance(source, Path) else source).make_html())


# ---------------------------------------------------------------------------------------------------------- links


class _Linker:
    """Labels and relative links of terms, findings and references, for one page (``root`` = path to the site)."""

    def __init__(self, view: ReleaseView, pages: dict[str, str], root: str = ""):
        self.view, self.pages, self.root = view, pages, root

    def label(self, curie: str) -> str:
        term = self.view.terms.get(curie)
        if term:
            return term.label
        known = self.view.classes.get(curie)
        return known[0] if known and known[0] else curie

    def term(self, curie: str) -> Markup:
        text = escape(self.label(curie))
        if curie in self.pages:
            return Markup(f'<a href="{self.root}{self.pages[curie]}">{text}</a>')
        if curie in self.view.classes:
            return Markup(f'<a href="{self.root}hierarchy.html#{node_id(curie)}">{text}</a>')
        url = obo_purl(curie)
        return Markup(f'<a href="{escape(url)}">{text}</a>') if url else text


def _reference_numbers(finding: Finding, linker: _Linker) -> Markup:
    refs = linker.view.references
    links = [f'<a href="{linker.root}{linker.pages[refs[n].curie]}">{n}</a>' for n in finding.references if n in refs]
    return Markup(" [" + ", ".join(links) + "]") if links else Markup("")


def statement_html(statement: CuratedStatement, finding: Finding, linker: _Linker, with_refs: bool = True) -> Markup:
    """A statement as a readable, linked sentence: 'P-selectin (on platelet) binds CD44 (on circulating tumor cell)
    [57, 58]'."""
    view = linker.view

    def part(curie: str | None, cell: str | None) -> str:
        if curie is None:
            return "(agent not named)"
        text = str(linker.term(curie))
        if cell:
            where = "on" if view.kind(curie) == "molecule" else "in"
            text += f" ({where} {linker.term(cell)})"
        return text

    if statement.relation == _CORRELATES:
        verb = "correlates inversely with" if statement.sign == "decreases" else "correlates with"
    else:
        verb = _VERBS.get(statement.relation, linker.label(statement.relation))
    aspect = f"the {escape(statement.aspect)} of " if statement.aspect else ""
    sentence = f"{part(statement.subject, statement.subject_cell)} {verb} {aspect}" \
               f"{part(statement.object, statement.object_cell)}"
    extras = []
    if statement.locations:
        extras.append("in " + ", ".join(str(linker.term(c)) for c in statement.locations))
    if statement.organisms:
        extras.append("in " + ", ".join(str(linker.term(c)) for c in statement.organisms))
    if statement.comparator:
        extras.append("compared with " + str(linker.term(statement.comparator)))
    if extras:
        sentence += " (" + "; ".join(extras) + ")"
    return Markup(sentence) + (_reference_numbers(finding, linker) if with_refs else Markup(""))


# ----------------------------------------------------------------------------------------------------- hierarchy


@dataclass
class TreeNode:
    """One line of a hierarchy tree: the class, its depth, whether it is the first (full) occurrence, children."""

    curie: str
    label: str
    first: bool
    children: list[TreeNode]
    term: bool
    anchor: bool = False


def tree_nodes(view: ReleaseView, kind: str, anchored: set[str] | None = None) -> list[TreeNode]:
    """The hierarchy of the terms of ``kind`` with all their named ancestors (labels from the import modules).

    A class with several parents is drawn in full under its first parent (by label) and as a pointer elsewhere,
    so the tree stays small. ``anchored`` (shared by the trees of one page) gives each class one HTML id: at its
    first full occurrence."""
    anchored = set() if anchored is None else anchored
    members = {c for c, t in view.terms.items() if t.kind == kind}
    nodes = set(members)
    for curie in members:
        nodes |= view.lineage.get(curie, frozenset())
    parents = {n: [p for p in view.classes.get(n, (None, ()))[1] if p in nodes and p != n] for n in nodes}
    children: dict[str, list[str]] = {}
    for node, ps in parents.items():
        for p in ps:
            children.setdefault(p, []).append(node)

    def label(curie: str) -> str:
        term = view.terms.get(curie)
        return term.label if term else (view.classes.get(curie, (None, ()))[0] or curie)

    def key(curie: str) -> tuple[str, str]:
        return (label(curie).lower(), curie)

    home = {n: sorted(ps, key=key)[0] for n, ps in parents.items() if ps}
    placed: set[str] = set()

    def build(curie: str, parent: str | None, trail: frozenset[str]) -> TreeNode:
        first = home.get(curie) == parent and curie not in placed
        if first:
            placed.add(curie)
        anchor = first and curie not in anchored
        if anchor:
            anchored.add(curie)
        kids = [build(c, curie, trail | {curie}) for c in sorted(children.get(curie, []), key=key)
                if c not in trail] if first else []
        return TreeNode(curie, label(curie), first, kids, curie in view.terms, anchor)

    roots = sorted((n for n in nodes if not parents[n]), key=key)
    out = []
    for root in roots:
        placed.add(root)
        anchor = root not in anchored
        anchored.add(root)
        out.append(TreeNode(root, label(root), True,
                            [build(c, root, frozenset({root})) for c in sorted(children.get(root, []), key=key)],
                            root in view.terms, anchor))
    return out


def ancestor_paths(view: ReleaseView, curie: str, limit: int = 4) -> list[list[str]]:
    """Up to ``limit`` paths from a root class down to (not including) ``curie``, shortest first."""
    paths: list[list[str]] = []

    def walk(node: str, trail: list[str]) -> None:
        if len(paths) >= 50:
            return
        ps = [p for p in view.classes.get(node, (None, ()))[1] if p not in trail]
        if not ps:
            paths.append(list(reversed(trail)))
            return
        for p in sorted(ps):
            walk(p, trail + [p])

    walk(curie, [])
    return sorted((p for p in paths if p), key=lambda p: (len(p), p))[:limit]


# -------------------------------------------------------------------------------------------------------- search


def search_documents(view: ReleaseView, pages: dict[str, str]) -> list[dict[str, str]]:
    """One search document per term, finding and reference: id, url, title, type and the searchable fields."""
    docs: list[dict[str, str]] = []
    for curie, term in view.terms.items():
        docs.append({"id": curie, "url": pages[curie], "title": term.label, "type": term.kind,
                     "label": term.label, "synonyms": " ; ".join(term.synonyms),
                     "curie": f"{curie} {curie.replace(':', '_')} " + " ".join(term.xrefs),
                     "text": term.definition or ""})
    for finding in view.findings:
        statements = " ; ".join(s.label for s in finding.statements)
        docs.append({"id": finding.curie, "url": pages[finding.curie], "title": finding.label,
                     "type": f"{finding.status} finding", "label": finding.label, "synonyms": "",
                     "curie": f"{finding.curie} {finding.curie.replace(':', '_')}",
                     "text": f"{finding.description} {statements}"})
    for ref in view.references.values():
        ids = " ".join(i for i in (ref.doi, ref.pmid and f"PMID:{ref.pmid}", ref.pmcid) if i)
        docs.append({"id": ref.curie, "url": pages[ref.curie], "title": ref.label,
                     "type": "reference" if ref.number else "review", "label": ref.label, "synonyms": ref.title,
                     "curie": f"{ref.curie} {ref.curie.replace(':', '_')} {ids}",
                     "text": " ".join(ref.authors) + f" {ref.journal} {ref.year}"})
    return docs


#: lunr fields and their boosts (the same in lunr.py, which builds the index, and lunr.js, which searches it).
SEARCH_FIELDS = (("label", 10), ("synonyms", 6), ("curie", 10), ("text", 1))


def search_index(docs: list[dict[str, str]]) -> dict:
    """The serialised lunr index of ``docs`` (lunr.py writes the format lunr.js loads)."""
    from lunr import lunr

    index = lunr(ref="id", fields=[{"field_name": name, "boost": boost} for name, boost in SEARCH_FIELDS],
                 documents=docs)
    return index.serialize()


def search_script(docs: list[dict[str, str]]) -> str:
    """``static/search-data.js``: the index and the result cards, as a script (so it also loads from file://)."""
    cards = {d["id"]: [d["url"], d["title"], d["type"]] for d in docs}
    payload = json.dumps({"index": search_index(docs), "docs": cards}, ensure_ascii=False, separators=(",", ":"),
                         sort_keys=True)
    return f"window.CTCKG_SEARCH = {payload};\n"


# ------------------------------------------------------------------------------------------- downloads, metadata


def download_files(project: Project | None = None) -> list[tuple[str, Path, str]]:
    """(site path, source file, description) of every release and export file of ``project`` (default:
    :meth:`Project.for_release`) offered for download."""
    from ctckg.rdffiles import import_module_files

    project = project or Project.for_release()
    exports = project.exports_dir
    out = [("downloads/ctckg.owl", project.release_owl, "the release, OWL (RDF/XML)"),
           ("downloads/ctckg.ttl", project.release_ttl, "the release, Turtle"),
           ("downloads/ctckg-full.owl", project.release_full, "the release merged with its import modules"),
           ("downloads/catalog-v001.xml", project.catalog, "the catalog that resolves the imports offline")]
    try:
        modules = import_module_files(project.catalog)
    except Exception:  # noqa: BLE001 - no catalog: no import modules to offer
        modules = []
    out += [(f"downloads/imports/{p.name}", p, "import module") for p in modules]
    if exports.is_dir():
        for path in sorted(exports.rglob("*")):
            if path.is_file():
                relative = path.relative_to(exports).as_posix()
                out.append((f"downloads/exports/{relative}", path, f"{relative.split('/')[0]} export"))
    out.append(("downloads/crosstalk.png", project.figure_png, "the crosstalk figure, PNG"))
    return [(site, path, what) for site, path, what in out if path.is_file()]


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{max(1, round(count / 1e3))} kB"


_FORMATS = {".owl": "application/rdf+xml", ".ttl": "text/turtle", ".xml": "application/xml",
            ".tsv": "text/tab-separated-values", ".jsonld": "application/ld+json", ".graphml": "application/xml",
            ".png": "image/png", ".json": "application/json"}


def dataset_jsonld(view: ReleaseView, downloads: list[tuple[str, Path, str]]) -> str:
    """The schema.org ``Dataset`` description embedded in the index page."""
    from ctckg.project import BASE_IRI

    review = view.references.get(0)
    data = {
        "@context": "https://schema.org/", "@type": "Dataset", "name": view.title,
        "description": view.description or view.title, "version": view.version, "url": BASE_IRI,
        "identifier": f"{BASE_IRI}ctckg.owl", "license": view.license or "https://creativecommons.org/licenses/by/4.0/",
        "keywords": ["circulating tumor cells", "tumor microenvironment", "platelets", "neutrophils", "ontology",
                     "knowledge graph", "OWL", "SPARQL"],
        "isAccessibleForFree": True,
        "distribution": [{"@type": "DataDownload", "name": Path(site).name, "description": what,
                          "contentUrl": site, "encodingFormat": _FORMATS.get(Path(site).suffix, "text/plain")}
                         for site, _, what in downloads],
    }
    if review is not None:
        data["isBasedOn"] = {"@type": "ScholarlyArticle", "name": review.title,
                             **({"sameAs": f"https://doi.org/{review.doi}"} if review.doi else {})}
    return json.dumps(data, indent=1, ensure_ascii=False).replace("</", "<\\/")


# ------------------------------------------------------------------------------------------------- query page


def query_examples() -> list[dict[str, object]]:
    """The named competency questions, ready for the query page: SPARQL text with the project prefixes and the
    default parameters bound in a VALUES block (the same binding ``ctckg query --endpoint`` sends)."""
    from rdflib import Literal, URIRef

    from ctckg.curie import expand
    from ctckg.sparql.catalog import load_catalog
    from ctckg.sparql.remote import with_prefixes
    from ctckg.sparql.safe import inject_values, values_block

    out: list[dict[str, object]] = []
    for query in load_catalog().values():
        bindings: dict[str, object] = {}
        for p in query.params:
            if p.type == "iri":
                bindings[p.name] = URIRef(expand(p.default) or p.default)
            elif p.type == "integer":
                bindings[p.name] = Literal(int(p.default))
            elif p.type == "decimal":
                bindings[p.name] = Literal(float(p.default))
            else:
                bindings[p.name] = Literal(p.default)
        text = inject_values(query.text, [bindings]) if bindings else query.text  # type: ignore[list-item]
        lines = [line for line in text.splitlines() if not line.startswith("#+")]
        out.append({"name": query.name, "summary": query.summary, "text": with_prefixes("\n".join(lines).strip()),
                    "values": values_block([bindings]) if bindings else "",  # type: ignore[list-item]
                    "params": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                               for p in query.params]})
    return out


# ------------------------------------------------------------------------------------------------------- the site


def site_files(view: ReleaseView, figure_svg: bytes, ontology_html: str,
               project: Project | None = None) -> dict[str, str | bytes]:
    """Every file of the site, by path relative to the site root."""
    from ctckg.export.statements import edges
    from ctckg.namespaces import PREFIXES

    env = _environment()
    pages: dict[str, str] = {curie: page_path(curie, "term") for curie in view.terms}
    pages.update({f.curie: page_path(f.curie, "finding") for f in view.findings})
    pages.update({r.curie: page_path(r.curie, "reference") for r in view.references.values()})
    refs = view.references
    usage = view.findings_by_term
    present = [kind for kind in KINDS if any(t.kind == kind for t in view.terms.values())]
    present += sorted({t.kind for t in view.terms.values()} - set(present))
    headings = {kind: KINDS.get(kind, kind.capitalize() + "s") for kind in present}
    nav = [(kind_slug(kind), headings[kind]) for kind in _MAIN_KINDS if kind in present]
    findings_of = {f.curie: f for f in view.findings}
    downloads = download_files(project)
    common = {"site_title": view.title, "version": view.version, "license": view.license, "nav": nav,
              "pages": pages, "refs": refs, "purl": obo_purl, "node_id": node_id}
    files: dict[str, str | bytes] = {}

    def render(path: str, template: str, **context: object) -> None:
        root = "../" * path.count("/")
        linker = _Linker(view, pages, root)
        files[path] = env.get_template(template).render(
            root=root, link=linker.term, label=linker.label,
            sentence=lambda st, with_refs=True: statement_html(st, findings_of[st.finding], linker, with_refs),
            refnums=lambda f: _reference_numbers(f, linker), **common, **context)

    kind_counts = [(kind_slug(k), headings[k], sum(1 for t in view.terms.values() if t.kind == k)) for k in present]
    table1 = sorted((f for f in view.findings if f.table_row is not None), key=lambda f: (f.table_row, f.curie))
    statements = [s for f in view.findings for s in f.statements]
    binds = [e for e in edges(view) if e.predicate == "biolink:binds"]
    by_statement = {s.curie: s for s in statements}
    render("index.html", "index.html", title="Home", description=view.description, findings=view.findings,
           kind_counts=kind_counts, table1=table1, statement_count=len(statements),
           downloads=[(site, what, _size(path.stat().st_size)) for site, path, what in downloads],
           jsonld=Markup(dataset_jsonld(view, downloads)), binds=len(binds))
    for kind in present:
        terms = sorted((t for t in view.terms.values() if t.kind == kind), key=lambda t: (t.label.lower(), t.curie))
        render(f"{kind_slug(kind)}.html", "kind.html", title=headings[kind], heading=headings[kind], terms=terms,
               usage=usage, tree_anchor=f"tree-{kind_slug(kind)}")
    tree_kinds = [k for k in TREE_KINDS if k in present] + [k for k in present if k not in TREE_KINDS]
    anchored: set[str] = set()
    trees = [(kind_slug(k), headings[k], tree_nodes(view, k, anchored)) for k in tree_kinds]
    render("hierarchy.html", "hierarchy.html", title="Hierarchy", trees=trees)
    children: dict[str, list[str]] = {}
    for term in view.terms.values():
        for parent in term.parents:
            children.setdefault(parent, []).append(term.curie)
    defined: dict[str, list[str]] = {}
    for term in view.terms.values():
        for source in term.definition_sources:
            defined.setdefault(source, []).append(term.curie)
    about: dict[str, list[CuratedStatement]] = {}
    for st in statements:
        for curie in {st.subject, st.object, st.subject_cell, st.object_cell, st.comparator, *st.locations} - {None}:
            about.setdefault(curie, []).append(st)  # type: ignore[arg-type]
    for curie, term in view.terms.items():
        by_role = []
        for role in [*view.role_labels, "evidence"]:
            found = [f for key, f in usage.get(curie, []) if key == role]
            if found:
                by_role.append((role, _role_name(view.role_labels.get(role, "evidence")), found))
        render(pages[curie], "term.html", title=term.label, term=term, by_role=by_role,
               children=sorted(children.get(curie, []), key=lambda c: view.label(c).lower()),
               paths=ancestor_paths(view, curie), statements=about.get(curie, []), kind_page=kind_slug(term.kind))
    roles = [(key, _role_name(name)) for key, name in view.role_labels.items()]
    review = refs[0] if 0 in refs else next(iter(refs.values()))
    for finding in view.findings:
        render(pages[finding.curie], "finding.html", title=finding.label, f=finding, roles=roles, review=review,
               by_statement=by_statement)
    by_ref = view.findings_by_reference
    for ref in refs.values():
        found = by_ref.get(ref.number, []) if ref.number else view.findings
        render(pages[ref.curie], "reference.html", title=ref.label, ref=ref, findings=found,
               defined=sorted(defined.get(ref.curie, []), key=lambda c: view.label(c).lower()))
    render("findings.html", "findings.html", title="Findings", findings=view.findings,
           stated=sum(1 for f in view.findings if f.status == "stated"))
    render("references.html", "references.html", title="References", by_ref=by_ref)
    render("ligand-receptor.html", "ligand-receptor.html", title="Ligand–receptor pairs",
           rows=[(e, by_statement[e.statement], findings_of[e.finding]) for e in
                 sorted(binds, key=lambda e: (view.label(e.subject).lower(), view.label(e.object).lower()))])
    render("statements.html", "statements.html", title="Statements", findings=[f for f in view.findings
                                                                               if f.statements],
           count=len(statements))
    examples = query_examples()
    render("query.html", "query.html", title="SPARQL query", examples=examples,
           config=Markup(json.dumps({"examples": examples, "prefixes": PREFIXES, "pages": {
               str(obo_purl(c) or c): [p, view.label(c)] for c, p in pages.items()}},
               ensure_ascii=False, sort_keys=True).replace("</", "<\\/")))
    render("search.html", "search.html", title="Search")
    files["static/search-data.js"] = search_script(search_documents(view, pages))
    files["crosstalk.svg"] = figure_svg
    files["ontology/index.html"] = _readable_on_phones(ontology_html)
    for site, path, _ in downloads:
        files[site] = path.read_bytes()
    static = resource_path("export", "static")
    for path in sorted(static.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            files[f"static/{path.relative_to(static).as_posix()}"] = path.read_bytes()
    return dict(sorted(files.items()))


_PHONE_CSS = ("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>/* ctckg: usable at 390 px */"
              " body { overflow-wrap: anywhere; } img, svg { max-width: 100%; height: auto; }"
              " pre, table { display: block; max-width: 100%; overflow-x: auto; }"
              " @media (max-width: 40rem) { body, #content { margin: 0; padding: 0 .5rem; width: auto; }"
              " #toc { position: static; width: auto; max-width: 100%; } }</style>\n")


def _readable_on_phones(html: str) -> str:
    """pyLODE's page with a viewport and wrapping of its long IRIs (it has neither), and a way back to the site."""
    if "</head>" in html and 'name="viewport"' not in html:
        html = html.replace("</head>", _PHONE_CSS + "</head>", 1)
    back = '<p><a href="../index.html">← ctckg site</a></p>'
    match = re.search(r"<body[^>]*>", html)
    if match:
        html = html[:match.end()] + back + html[match.end():]
    return html


def build_site(view: ReleaseView, project: Project | None = None) -> dict[str, str | bytes]:
    """Every file of the site of ``view``: pages, figure (with links), pyLODE docs, downloads (the files of
    ``project``, default :meth:`Project.for_release`), assets."""
    from ctckg.export.figure import render_figure

    project = project or Project.for_release()
    return site_files(view, render_figure(view, "svg", links=figure_links(view)), ontology_docs(project.release_ttl),
                      project)


def figure_links(view: ReleaseView) -> dict[str, str]:
    """Term CURIE -> the address of its page, relative to the site root (where crosstalk.svg lies)."""
    return {curie: page_path(curie, "term") for curie in view.terms}


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
