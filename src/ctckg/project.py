"""The project: where a checkout keeps its sources, release, shapes, docs and outputs (``Project``), and the
fixed values of the model. The only module that builds paths; nothing here binds a path at import.

A :class:`Project` is found from the working directory upward (a folder holding ``ontology/curation``), or named
with ``ctckg --project PATH`` or the environment variable ``CTCKG_PROJECT``. Without a checkout, the release files
that ship inside the package (``ctckg/_release``, in the package folder) can still be queried,
validated and exported (:meth:`Project.packaged`); building needs a checkout (:func:`require_checkout`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ctckg._meta import PROJECT_ENV as PROJECT_ENV
from ctckg._meta import VERSION as VERSION

# The pinned vocabulary tables, the prefixes with an import module and the release IRIs are the model schema's
# (its prefix table); re-exported here with the project's other fixed values.
from ctckg.schema import BASE_IRI as BASE_IRI
from ctckg.schema import FULL_ONTOLOGY_IRI as FULL_ONTOLOGY_IRI
from ctckg.schema import IMPORT_IRI_TEMPLATE as IMPORT_IRI_TEMPLATE
from ctckg.schema import IMPORT_PREFIXES as IMPORT_PREFIXES
from ctckg.schema import MINTED_LOCAL_ID
from ctckg.schema import ONTOLOGY_IRI as ONTOLOGY_IRI
from ctckg.schema import VOCAB_TABLES as VOCAB_TABLES

#: Environment variables: the checkout to work on, the pinned vocabulary tables, the review text.
VOCAB_ENV = "CTCKG_VOCAB_DIR"
REVIEW_ENV = "CTCKG_REVIEW_TEXT"
#: The folder (relative to a checkout root) whose presence marks a checkout.
CHECKOUT_MARKER = Path("ontology") / "curation"
#: The folder inside the package that receives the release files when a wheel is built (setup.py).
PACKAGED_RELEASE = "_release"
#: The release files that ship inside the wheel, relative to the checkout root (setup.py copies them).
RELEASE_DATA_FILES = ("ontology/ctckg.ttl", "ontology/ctckg.owl", "ontology/ctckg-full.owl",
                      "ontology/catalog-v001.xml", "ontology/imports/*.owl", "shapes/ctckg-shapes.ttl",
                      "docs/crosstalk.png", "docs/crosstalk.svg", "exports/*/*")


class NoCheckout(Exception):
    """A command that writes or reads the curation sources ran outside a checkout."""

    complete_message = True


def package_dir() -> Path:
    """The folder of the installed ``ctckg`` package (its queries, templates and static files): what
    ``importlib.resources.files("ctckg")`` gives for a package on disk, without importing importlib.resources."""
    return Path(__file__).parent


def resource_path(*parts: str) -> Path:
    """A file or folder that ships inside the package (``resource_path("queries", "cq")``)."""
    return package_dir().joinpath(*parts)


def package_files() -> list[Path]:
    """Every file of the ``ctckg`` package, sorted: its code, queries, templates and static files, without byte-code
    folders and the packaged release copy (what the build and validation stamps hash as "the code")."""
    folder = package_dir()
    skipped = {"__pycache__", PACKAGED_RELEASE}
    return sorted(path for path in folder.rglob("*")
                  if path.is_file() and not skipped & set(path.relative_to(folder).parts))


def is_checkout(folder: Path) -> bool:
    """True when ``folder`` is the root of a ctckg checkout (it holds ``ontology/curation``)."""
    return (folder / CHECKOUT_MARKER).is_dir()


@lru_cache(maxsize=256)
def _root_above(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if is_checkout(candidate):
            return candidate
    return None


def checkout_root(path: Path) -> Path | None:
    """The root of the checkout that holds ``path`` (a file or folder), or None."""
    path = Path(path).resolve()
    return _root_above(path if path.is_dir() else path.parent)


@dataclass(frozen=True)
class Project:
    """Every place of one checkout (or of the release files packaged with ctckg, ``checkout=False``)."""

    root: Path
    vocab_dir: Path
    review_text: Path
    checkout: bool = True
    ontology_dir: Path = field(init=False)
    curation_dir: Path = field(init=False)
    terms_dir: Path = field(init=False)
    findings_dir: Path = field(init=False)
    properties_file: Path = field(init=False)
    references_file: Path = field(init=False)
    header_file: Path = field(init=False)
    citations_file: Path = field(init=False)
    sentences_file: Path = field(init=False)
    imports_dir: Path = field(init=False)
    external_terms_file: Path = field(init=False)
    catalog: Path = field(init=False)
    release_ttl: Path = field(init=False)
    release_owl: Path = field(init=False)
    release_full: Path = field(init=False)
    prefix_json: Path = field(init=False)
    prefix_ttl: Path = field(init=False)
    shapes: Path = field(init=False)
    docs_dir: Path = field(init=False)
    coverage_file: Path = field(init=False)
    figure_svg: Path = field(init=False)
    figure_png: Path = field(init=False)
    exports_dir: Path = field(init=False)
    site_dir: Path = field(init=False)
    profile_checker: Path = field(init=False)

    def __post_init__(self) -> None:
        root = self.root
        places = {
            "ontology_dir": root / "ontology",
            "curation_dir": root / "ontology" / "curation",
            "imports_dir": root / "ontology" / "imports",
            "shapes": root / "shapes" / "ctckg-shapes.ttl",
            "docs_dir": root / "docs",
            "exports_dir": root / "exports",
            "site_dir": root / "site",
            "profile_checker": root / "tools" / "OwlProfileCheck.java",
        }
        curation, ontology, docs = places["curation_dir"], places["ontology_dir"], places["docs_dir"]
        places |= {
            "terms_dir": curation / "terms", "findings_dir": curation / "findings",
            "properties_file": curation / "properties.yaml", "references_file": curation / "references.yaml",
            "header_file": curation / "ontology.yaml", "citations_file": curation / "citations.tsv",
            "sentences_file": curation / "sentences.tsv",
            "external_terms_file": places["imports_dir"] / "external-terms.tsv",
            "catalog": ontology / "catalog-v001.xml", "release_ttl": ontology / "ctckg.ttl",
            "release_owl": ontology / "ctckg.owl", "release_full": ontology / "ctckg-full.owl",
            "prefix_json": ontology / "prefixes.json", "prefix_ttl": ontology / "prefixes.ttl",
            "coverage_file": docs / "COVERAGE.md", "figure_svg": docs / "crosstalk.svg",
            "figure_png": docs / "crosstalk.png",
        }
        for name, path in places.items():
            object.__setattr__(self, name, path)

    @classmethod
    def at(cls, root: Path, *, vocab_dir: Path | None = None, review_text: Path | None = None) -> Project:
        """The project rooted at ``root``; the vocabulary tables and review text default to ``$CTCKG_VOCAB_DIR`` /
        ``$CTCKG_REVIEW_TEXT``, else ``../shared/vocab`` and ``../shared/review/...`` beside the checkout."""
        root = Path(root).resolve()
        shared = root.parent / "shared"
        vocab = vocab_dir or Path(os.environ.get(VOCAB_ENV) or shared / "vocab")
        review = review_text or Path(os.environ.get(REVIEW_ENV)
                                     or shared / "review" / "heeke-2019-never-travel-alone.txt")
        return cls(root=root, vocab_dir=vocab, review_text=review)

    @classmethod
    def find(cls, start: Path | None = None) -> Project | None:
        """The checkout named by ``start`` (or ``$CTCKG_PROJECT`` when ``start`` is None), else the one that holds
        the working directory; None when there is none."""
        named = start if start is not None else os.environ.get(PROJECT_ENV) or None
        if named is not None:
            folder = Path(named).expanduser().resolve()
            if not is_checkout(folder):
                raise NoCheckout(f"{folder} is not a ctckg checkout (it has no {CHECKOUT_MARKER.as_posix()} folder)")
            return cls.at(folder)
        root = _root_above(Path.cwd().resolve())
        return cls.at(root) if root is not None else None

    @classmethod
    def discover(cls, start: Path | None = None) -> Project:
        """Like :meth:`find`, but a missing checkout is an error (:class:`NoCheckout`)."""
        found = cls.find(start)
        if found is None:
            raise NoCheckout(f"no ctckg checkout at or above {Path.cwd()}; run inside a clone, or name one with "
                             f"--project PATH or ${PROJECT_ENV}")
        return found

    @classmethod
    def packaged(cls) -> Project:
        """The release files that ship with the installed package (read-only). An editable install has none; it
        reads the checkout its source lives in."""
        data = resource_path(PACKAGED_RELEASE)
        if (data / "ontology" / "ctckg.ttl").is_file():
            return cls(root=data, vocab_dir=data / "no-vocab", review_text=data / "no-review", checkout=False)
        source = _root_above(package_dir().resolve())
        if source is not None:
            return cls.at(source)
        raise NoCheckout("this ctckg installation has no release files and no checkout was found; run inside a "
                         f"clone, or name one with --project PATH or ${PROJECT_ENV}")

    @classmethod
    def for_release(cls, start: Path | None = None) -> Project:
        """Where to read the release: the checkout when there is one, else the packaged release files."""
        return cls.find(start) or cls.packaged()

    def require_checkout(self, command: str) -> Project:
        """``self`` when it is a checkout; otherwise :class:`NoCheckout` naming ``command``."""
        if not self.checkout or not is_checkout(self.root):
            raise NoCheckout(f"`ctckg {command}` needs a checkout of the ctckg repository (the curation sources); "
                             f"run it inside a clone, or name one with --project PATH or ${PROJECT_ENV}")
        return self


REFERENCE_COUNT = 86
#: Any ID ctckg mints (7 digits; a block's findings past its 999th longer: docs/CURATION.md)
ID_PATTERN = rf"^CTCKG:{MINTED_LOCAL_ID}$"
REVIEW_ID = "CTCKG:0200000"
REFERENCE_ID_OFFSET = 200000

GENERATED_NOTE = "Generated by `ctckg {command}` from ontology/curation; do not edit by hand."
