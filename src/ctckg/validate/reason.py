"""Consistency and class satisfiability with owlready2 + HermiT on a release file and its imports (offline)."""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ctckg.namespaces import compress
from ctckg.project import Project
from ctckg.rdffiles import catalog_map
from ctckg.validate.loading import ValidationError, parse_file
from ctckg.validate.paths import DEBIAN_PACKAGES
from ctckg.validate.report import Result

__all__ = ["ReasonerReport", "require_java", "reason_file"]


@dataclass
class ReasonerReport:
    """Outcome of one HermiT run: consistent or not, unsatisfiable classes (CURIE, label), explanations found."""

    consistent: bool
    unsatisfiable: list[tuple[str, str]] = field(default_factory=list)
    explanations: list[Result] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Consistent and without unsatisfiable classes."""
        return self.consistent and not self.unsatisfiable

    def text(self) -> str:
        """What a curator reads: the verdict, each unsatisfiable class by label, the individuals at fault."""
        lines = [f"Violation: {curie} '{label}' is unsatisfiable (equivalent to owl:Nothing)"
                 for curie, label in self.unsatisfiable]
        if not self.consistent:
            lines.append("Violation: the ontology is inconsistent (HermiT)")
            lines += [f"  {r.focus} '{r.label}': instance of the disjoint classes {r.value}" for r in self.explanations]
        verdict = "consistent" if self.consistent else "INCONSISTENT"
        lines.append(f"{verdict}; {len(self.unsatisfiable)} unsatisfiable class(es); HermiT {self.seconds:.1f} s")
        return "\n".join(lines)


def require_java() -> str:
    """Path of ``java``; raises ``ValidationError`` naming the Debian package when it is missing."""
    java = shutil.which("java")
    if java is None:
        raise ValidationError(f"java is not installed; HermiT needs it: apt-get install {DEBIAN_PACKAGES['java']}")
    return java


def _explain(path: Path, project: Project) -> list[Result]:
    """Individuals in two disjoint classes (the usual cause of an inconsistent release), from the QC check."""
    from ctckg.validate.loading import import_graphs
    from ctckg.validate.qc import load_checks, run_checks
    from ctckg.validate.shacl import merge_imports

    graph = parse_file(path)
    checks = [check for check in load_checks() if check.name == "disjoint-class-violation"]
    return run_checks(merge_imports(graph, import_graphs(graph, project.catalog)), checks).results


def reason_file(path: Path | None = None, catalog: Path | None = None,
                project: Project | None = None) -> ReasonerReport:
    """Load ``path`` (RDF/XML, N-Triples or Turtle; default: ``ctckg.owl`` of ``project``, else of
    :meth:`Project.for_release`) with its imports resolved through ``catalog`` (default: the project's) and run
    HermiT."""
    project = project or Project.for_release()
    path = path if path is not None else project.release_owl
    catalog = catalog if catalog is not None else project.catalog
    require_java()
    import owlready2
    from owlready2 import OwlReadyInconsistentOntologyError, World, sync_reasoner_hermit

    world = World()
    started = time.perf_counter()
    previous_tempdir = tempfile.tempdir
    with tempfile.TemporaryDirectory(prefix="ctckg-reason-") as workdir:
        tempfile.tempdir = workdir  # owlready2 leaves its temp file behind after a failed run: keep it in here
        try:
            for iri, module in catalog_map(catalog).items():
                with module.open("rb") as stream:
                    world.get_ontology(iri).load(fileobj=stream)
            source = path
            if path.suffix.lower() not in (".owl", ".rdf", ".nt"):
                source = Path(workdir) / "input.nt"
                source.write_bytes(parse_file(path).serialize(format="nt", encoding="utf-8"))
            ontology = world.get_ontology(source.resolve().as_uri()).load()
            with ontology:
                sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except OwlReadyInconsistentOntologyError:
            return ReasonerReport(False, explanations=_explain(path, project), seconds=time.perf_counter() - started)
        except owlready2.OwlReadyJavaError as error:
            raise ValidationError(f"HermiT failed: {error}") from error
        except OSError as error:
            raise ValidationError(f"cannot read {path}: {error}") from error
        finally:
            tempfile.tempdir = previous_tempdir
        unsatisfiable = sorted((compress(cls.iri), str(cls.label.first() or ""))
                               for cls in world.inconsistent_classes())
        world.close()
    return ReasonerReport(True, unsatisfiable, seconds=time.perf_counter() - started)
