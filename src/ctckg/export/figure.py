"""The crosstalk figure: the CTC at the centre, partner cells around it, drugs where they act — drawn from the graph.

* Partner cells are grouped: a partner cell type is folded into its nearest partner ancestor (T cells into
  lymphocytes, tumor-educated platelets into platelets …), except into very general classes (cell, blood cell,
  leukocyte …). The groups with at least :data:`MIN_FINDINGS` findings are drawn, most findings first, clockwise.
* Each group is joined to the CTC by one curved edge per *effect* (pro-metastatic, adhesion and extravasation,
  survival and proliferation, EMT and stemness, immune evasion, anti-tumour), coloured by effect, as wide as the
  number of findings, and labelled with the most frequent mediators of those findings.
* Drugs and interventions sit outside the partner group of the findings that name them (or next to the CTC when
  those findings name no partner), joined by a blunt ⊣ line.

Output is deterministic: SVG text is kept as text, ids use a fixed hash salt, dates and tool versions are left out of
the metadata.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ctckg.export.model import Finding, ReleaseView

__all__ = ["EFFECTS", "MIN_FINDINGS", "LABEL_MARGIN", "Crosstalk", "crosstalk", "effect_of", "label_boxes",
           "render_figure"]

#: Effect category -> colour (colour-blind-safe Okabe–Ito palette).
EFFECTS: dict[str, str] = {
    "pro-metastatic": "#D55E00",
    "adhesion and extravasation": "#E69F00",
    "survival and proliferation": "#CC79A7",
    "EMT and stemness": "#56B4E9",
    "immune evasion": "#7B3294",
    "anti-tumour": "#009E73",
}
#: Partner groups with fewer findings are left out of the figure.
MIN_FINDINGS = 2
#: Partner classes too general to absorb their subclasses into one group.
GENERIC_CELLS = frozenset({"CL:0000000", "CL:0000081", "CL:0000738", "CL:0000988", "CL:0000763", "CL:0000766",
                           "CL:2000001", "CL:0000842", "CL:0000219", "CL:0000548", "CL:0000255"})
_CTC = "CTCKG:0001000"
_IMMUNE = re.compile(r"immun|T cell|natural killer|interferon|cytotox|MHC|tolerance|antigen", re.I)
#: immune effector processes: promoting them acts against the CTC, inhibiting them is immune evasion
_ANTI = re.compile(r"killing|cytotoxicity|immune surveillance|tumor immunity|interferon|T cell activation", re.I)
_RULES = [
    (re.compile(r"mesenchymal|stem cell|stemness|EMT", re.I), "EMT and stemness"),
    (re.compile(r"prolifer|survival|anoikis|apopto|cell death|shear|cloak|cell cycle", re.I),
     "survival and proliferation"),
    (re.compile(r"adhesion|extravasation|intravasation|endotheli|vascular|rolling|aggregat|cluster", re.I),
     "adhesion and extravasation"),
]


_IMMUNE_PROCESS = "GO:0002376"  # immune system process
_NEGATIVE_IMMUNE = "GO:0002683"  # negative regulation of immune system process
_LYMPHOCYTE = "CL:0000542"


def effect_of(process_label: str, direction: str, lineage: frozenset[str] = frozenset()) -> str:
    """The effect category of one process of a finding, given the finding's direction of effect.

    ``lineage`` (the process and its ancestors) decides first: promoting a negative regulation of an immune system
    process, or inhibiting an immune system process, is immune evasion; the opposite is anti-tumour. Processes
    outside the GO immune hierarchy fall back on their label.
    """
    against = direction in {"inhibits", "negatively correlates"}
    if _NEGATIVE_IMMUNE in lineage:
        return "anti-tumour" if against else "immune evasion"
    if _IMMUNE_PROCESS in lineage:
        return "immune evasion" if against else "anti-tumour"
    if _IMMUNE.search(process_label):
        # our own immune-related processes (e.g. MHC class I transfer to tumor cells) protect the CTC
        evasion = not against if not _ANTI.search(process_label) else against
        return "immune evasion" if evasion else "anti-tumour"
    if against:
        return "anti-tumour"
    for pattern, effect in _RULES:
        if pattern.search(process_label):
            return effect
    return "pro-metastatic"


@dataclass
class Edge:
    """One drawn edge between the CTC and a partner group: an effect, its findings and mediators."""

    group: str
    effect: str
    findings: set[str] = field(default_factory=set)
    mediators: Counter[str] = field(default_factory=Counter)
    mediator_ids: Counter[str] = field(default_factory=Counter)


@dataclass
class Crosstalk:
    """What the figure shows, computed from the graph (also used by tests)."""

    groups: list[tuple[str, int]]
    members: dict[str, list[str]]
    edges: list[Edge]
    drugs: dict[str, list[str]]


def _group_of(view: ReleaseView, partners: set[str]) -> dict[str, str]:
    """Partner cell -> the partner it is folded into."""
    groups: dict[str, str] = {}
    for cell in sorted(partners):
        head = cell
        while True:
            heads = sorted(a for a in view.lineage.get(head, ()) if a in partners and a not in GENERIC_CELLS)
            # the nearest partner ancestor: the one no other candidate descends from
            nearest = [a for a in heads if not any(a in view.lineage.get(b, ()) for b in heads if b != a)]
            if not nearest:
                break
            head = nearest[0]
        groups[cell] = head
    return groups


def crosstalk(view: ReleaseView) -> Crosstalk:
    """Group partners, classify effects and attach drugs."""
    partners = {c for f in view.findings for c in f.role("partner_cells")}
    group_of = _group_of(view, partners)
    counts: Counter[str] = Counter()
    for finding in view.findings:
        for group in {group_of[c] for c in finding.role("partner_cells")}:
            counts[group] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], view.label(item[0])))
    groups = [(g, n) for g, n in ordered if n >= MIN_FINDINGS]
    shown = {g for g, _ in groups}
    members = {g: sorted((c for c in partners if group_of[c] == g), key=view.label) for g in shown}
    edges: dict[tuple[str, str], Edge] = {}
    drugs: dict[str, set[str]] = {}
    for finding in view.findings:
        finding_groups = sorted({group_of[c] for c in finding.role("partner_cells")} & shown)
        for effect in _effects(view, finding):
            for group in finding_groups:
                edge = edges.setdefault((group, effect), Edge(group, effect))
                edge.findings.add(finding.curie)
                edge.mediators.update(view.label(m) for m in finding.role("mediators"))
                edge.mediator_ids.update(finding.role("mediators"))
        for drug in finding.role("interventions"):
            drugs.setdefault(drug, set()).update(finding_groups or [_CTC])
    order = {g: i for i, (g, _) in enumerate(groups)}
    effect_order = {e: i for i, e in enumerate(EFFECTS)}
    return Crosstalk(groups=groups, members=members,
                     edges=sorted(edges.values(), key=lambda e: (order[e.group], effect_order[e.effect])),
                     drugs={d: sorted(g) for d, g in sorted(drugs.items(), key=lambda item: view.label(item[0]))})


def _effects(view: ReleaseView, finding: Finding) -> list[str]:
    """The effect categories of a finding: from its signed statements on processes where it has them (the sign
    says which way the process goes: 'decreases immune response' is immune evasion), else from its processes and
    its direction of effect."""
    found = set()
    for st in finding.statements:
        if st.sign not in ("increases", "decreases") or view.kind(st.object) != "process":
            continue
        cell = st.object_cell
        if cell and cell != _CTC and _LYMPHOCYTE in view.lineage.get(cell, frozenset()) | {cell}:
            # a process of a lymphocyte (NK or T cell): lowering it shields the CTC, raising it attacks the CTC
            found.add("immune evasion" if st.sign == "decreases" else "anti-tumour")
        else:
            found.add(effect_of(view.label(st.object), "promotes" if st.sign == "increases" else "inhibits",
                                view.lineage.get(st.object, frozenset()) | {st.object}))
    if found:
        return sorted(found, key=list(EFFECTS).index)
    processes = finding.role("processes")
    if not processes:
        return ["anti-tumour" if finding.direction in {"inhibits", "negatively correlates"} else "pro-metastatic"]
    return sorted({effect_of(view.label(p), finding.direction, view.lineage.get(p, frozenset()) | {p})
                   for p in processes}, key=list(EFFECTS).index)


def _wrap(text: str, width: int = 18) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def _mediator_label(edge: Edge, limit: int = 2) -> str:
    """The most frequent mediators of an edge (``limit`` of them, '+N' for the rest; 0: only the count)."""
    names = [name for name, _ in sorted(edge.mediators.items(), key=lambda item: (-item[1], item[0]))]
    shown = [_short(n, 20) for n in names[:limit]]
    more = f" +{len(names) - limit}" if len(names) > limit else ""
    if limit == 0 and names:
        return f"{len(names)} mediators"
    return ", ".join(shown) + more if shown else f"{len(edge.findings)} findings"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


Box = tuple[float, float, float, float]
"""A label's box in figure pixels: (x0, y0, x1, y1)."""

#: Pixels kept free around every label box (covers the rounded background box and font differences of viewers).
LABEL_MARGIN = 3.0


class _Placer:
    """Greedy label placement: each label takes the first candidate position whose box is free."""

    def __init__(self, fig: Any) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
        self.renderer = fig.canvas.get_renderer()
        self.width, self.height = fig.bbox.width, fig.bbox.height
        self.boxes: list[Box] = []
        self.names: list[str] = []

    def box(self, artist: object, pad: float = 0.0) -> Box:
        extent = artist.get_window_extent(self.renderer)  # type: ignore[attr-defined]
        margin = LABEL_MARGIN + pad
        return (extent.x0 - margin, extent.y0 - margin, extent.x1 + margin, extent.y1 + margin)

    def fixed(self, artist: object, pad: float = 0.0) -> None:
        self.boxes.append(self.box(artist, pad))
        self.names.append(str(getattr(artist, "get_text", lambda: type(artist).__name__)()))

    def place(self, text: object, candidates: list[tuple[float, float]], pad: float = 0.0,
              variants: tuple[str, ...] = ()) -> tuple[float, float]:
        """Move ``text`` to the first candidate (data coordinates) where it overlaps no placed label and stays
        inside the figure, trying its shorter ``variants`` after the full text; else to the least overlap."""
        best, best_cost, best_text = candidates[0], math.inf, text.get_text()  # type: ignore[attr-defined]
        for variant in (text.get_text(), *variants):  # type: ignore[attr-defined]
            text.set_text(variant)  # type: ignore[attr-defined]
            for x, y in candidates:
                text.set_position((x, y))  # type: ignore[attr-defined]
                box = self.box(text, pad)
                outside = box[0] < 0 or box[1] < 0 or box[2] > self.width or box[3] > self.height
                cost = sum(max(0.0, min(box[2], b[2]) - max(box[0], b[0]))
                           * max(0.0, min(box[3], b[3]) - max(box[1], b[1])) for b in self.boxes)
                cost += 1e9 if outside else 0.0
                if cost < best_cost:
                    best, best_cost, best_text = (x, y), cost, variant
                if cost == 0:
                    break
            if best_cost == 0:
                break
        text.set_text(best_text)  # type: ignore[attr-defined]
        text.set_position(best)  # type: ignore[attr-defined]
        self.boxes.append(self.box(text, pad))
        self.names.append(best_text)
        return best


def _link(artist: object, links: dict[str, str] | None, curie: str, fragment: str = "") -> None:
    if links and curie in links:
        artist.set_url(links[curie] + fragment)  # type: ignore[attr-defined]


def _draw(view: ReleaseView, links: dict[str, str] | None = None) -> tuple[object, list[Box]]:
    """The figure and the boxes of its labels (figure pixels), placed so that no two intersect."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rcParams
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    rcParams["svg.hashsalt"] = "ctckg"
    rcParams["svg.fonttype"] = "none"
    rcParams["font.family"] = "DejaVu Sans"
    data = crosstalk(view)
    fig = Figure(figsize=(13, 13))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-2.45, 2.45)
    ax.set_ylim(-2.45, 2.45)
    ax.set_aspect("equal")
    ax.axis("off")
    placer = _Placer(fig)
    radius, count = 1.35, max(len(data.groups), 1)
    offset = 0.0 if count % 2 else math.pi / count  # leave the bottom free for drugs acting on the CTC itself
    position = {g: (radius * math.sin(2 * math.pi * i / count + offset),
                    radius * math.cos(2 * math.pi * i / count + offset)) for i, (g, _) in enumerate(data.groups)}
    position[_CTC] = (0.0, 0.0)
    # fixed labels first: title, legend, the CTC and the partner cells with their captions
    placer.fixed(ax.text(-2.4, 2.4, "CTC crosstalk with the blood microenvironment", fontsize=16, fontweight="bold",
                         va="top"))
    placer.fixed(ax.text(-2.4, 2.28, f"{len(view.findings)} findings of Heeke et al., Cells 2019; edge labels: most "
                                     f"frequent mediators; width: number of findings. ctckg {view.version}",
                         fontsize=9, va="top", color="#404040"))
    handles = [Line2D([0], [0], color=colour, lw=4, label=effect) for effect, colour in EFFECTS.items()]
    handles.append(Line2D([0], [0], color="#2166AC", lw=1.5, marker="s", markersize=8, markerfacecolor="#D1E5F0",
                          label="drug / intervention ⊣ where it acts"))
    legend = ax.legend(handles=handles, loc="lower left", fontsize=9, frameon=False,
                       title="effect on the CTC (edge colour)", title_fontsize=9)
    placer.fixed(legend)
    ctc_box = ax.add_patch(FancyBboxPatch((-0.34, -0.2), 0.68, 0.4, boxstyle="round,pad=0.04,rounding_size=0.2",
                                          fc="#B2182B", ec="#67001F", lw=2, zorder=3))
    ctc_text = ax.text(0, 0, "circulating\ntumor cell\n(CTC)", fontsize=13, ha="center", va="center", color="white",
                       fontweight="bold", zorder=5)
    _link(ctc_box, links, _CTC)
    _link(ctc_text, links, _CTC)
    placer.fixed(ctc_box)
    for group, total in data.groups:
        x, y = position[group]
        box = ax.add_patch(FancyBboxPatch((x - 0.3, y - 0.13), 0.6, 0.26, boxstyle="round,pad=0.03,rounding_size=0.1",
                                          fc="#F7F7F7", ec="#404040", lw=1.5, zorder=3))
        _link(box, links, group)
        placer.fixed(box)
        subtypes = [view.label(m) for m in data.members[group] if m != group]
        name = ax.text(x, y + (0.03 if subtypes else 0), _wrap(view.label(group), 20), fontsize=11, ha="center",
                       va="center", fontweight="bold", zorder=5)
        _link(name, links, group)
        caption = f"{total} findings" + (f"; incl. {', '.join(_short(s, 26) for s in subtypes[:2])}"
                                          + (" …" if len(subtypes) > 2 else "") if subtypes else "")
        note = ax.text(x, y - 0.2, _wrap(caption, 34), fontsize=7, ha="center", va="top", color="#404040", zorder=5)
        _link(note, links, group, "#findings")
        placer.fixed(note)
    # edges and their mediator labels, each label slid along its edge to a free place
    per_group: dict[str, list[Edge]] = {}
    for edge in data.edges:
        per_group.setdefault(edge.group, []).append(edge)
    steps = (0.42, 0.5, 0.34, 0.58, 0.27, 0.65, 0.21, 0.72, 0.46, 0.38, 0.54, 0.3, 0.62)
    for group, edges in per_group.items():
        x, y = position[group]
        for index, edge in enumerate(edges):
            rad = 0.0 if len(edges) == 1 else -0.6 + 1.2 * index / (len(edges) - 1)
            width = 1.0 + 1.6 * math.log2(1 + len(edge.findings))
            arrow = ax.add_patch(FancyArrowPatch((x, y), (0, 0), connectionstyle=f"arc3,rad={rad:.3f}",
                                                 arrowstyle="-|>", mutation_scale=14, lw=width,
                                                 color=EFFECTS[edge.effect], alpha=0.85, shrinkA=38, shrinkB=62,
                                                 zorder=1))
            _link(arrow, links, group, "#findings")
            if len(edge.findings) < MIN_FINDINGS:
                continue
            cx, cy = x / 2 + rad * y, y / 2 - rad * x  # quadratic Bezier control point of arc3
            label = ax.text(0, 0, _mediator_label(edge), fontsize=6.5, ha="center", va="center",
                            color=EFFECTS[edge.effect], zorder=4,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
            top = _top_mediators(edge)
            if top:
                _link(label, links, top[0])
            else:
                _link(label, links, group, "#findings")
            candidates = []
            for t in steps:
                # a point of the curve, and points beside it (along the curve's normal)
                px, py = (1 - t) ** 2 * x + 2 * (1 - t) * t * cx, (1 - t) ** 2 * y + 2 * (1 - t) * t * cy
                tx, ty = 2 * (1 - t) * (cx - x) + 2 * t * (0 - cx), 2 * (1 - t) * (cy - y) + 2 * t * (0 - cy)
                norm = math.hypot(tx, ty) or 1.0
                for side in (0.0, 0.05, -0.05, 0.1, -0.1):
                    candidates.append((px - side * ty / norm, py + side * tx / norm))
            placer.place(label, candidates, pad=1.5, variants=(_mediator_label(edge, 1), _mediator_label(edge, 0)))
    _draw_drugs(ax, view, data, position, FancyArrowPatch, placer, links)
    return fig, placer.boxes


def label_boxes(view: ReleaseView) -> list[Box]:
    """The boxes of every label of the figure (figure pixels), as placed; no two intersect."""
    return _draw(view)[1]


def render_figure(view: ReleaseView, fmt: str = "svg", links: dict[str, str] | None = None) -> bytes:
    """The figure as SVG or PNG bytes; ``links`` (term CURIE -> address) makes cells, labels, edges and drugs links
    (SVG only; they open in the whole window when the SVG is embedded)."""
    fig, _ = _draw(view, links if fmt == "svg" else None)
    buffer = io.BytesIO()
    metadata = {"Date": None, "Creator": "ctckg figure"} if fmt == "svg" else {"Software": "ctckg figure"}
    fig.savefig(buffer, format=fmt, metadata=metadata, dpi=90)  # type: ignore[attr-defined]
    out = buffer.getvalue()
    if fmt == "svg" and links:
        out = out.replace(b'target="_blank"', b'target="_top"')  # open in the page that embeds the SVG
    return out


def _top_mediators(edge: Edge) -> list[str]:
    return [curie for curie, _ in sorted(edge.mediator_ids.items(), key=lambda item: (-item[1], item[0]))]


def _draw_drugs(ax: object, view: ReleaseView, data: Crosstalk, position: dict[str, tuple[float, float]],
                arrow: type, placer: _Placer, links: dict[str, str] | None) -> None:
    """Drug boxes fanned out beyond the group (or the CTC) they act on, joined by a blunt line; each box takes the
    first free place near its slot."""
    by_anchor: dict[str, list[str]] = {}
    for drug, anchors in data.drugs.items():
        for anchor in anchors:
            by_anchor.setdefault(anchor, []).append(drug)
    for anchor, drugs in sorted(by_anchor.items()):
        x, y = position[anchor]
        angle = math.atan2(y, x) if anchor != _CTC else -math.pi / 2
        spread = 0.16 if anchor != _CTC else 0.11
        for index, drug in enumerate(drugs):
            theta = angle + spread * (index - (len(drugs) - 1) / 2)
            distance = (2.0 if anchor != _CTC else 1.75) + 0.22 * (index % 2)
            label = ax.text(0, 0, _wrap(_short(view.label(drug), 34), 17), fontsize=7, ha="center",  # type: ignore[attr-defined]
                            va="center", color="#08306B", zorder=5,
                            bbox={"boxstyle": "round,pad=0.25", "fc": "#D1E5F0", "ec": "#2166AC", "lw": 0.8})
            _link(label, links, drug)
            candidates = [((distance + dr) * math.cos(theta + da), (distance + dr) * math.sin(theta + da))
                          for dr in (0.0, 0.12, -0.12, 0.24, -0.22, 0.34)
                          for da in (0.0, 0.05, -0.05, 0.1, -0.1, 0.16, -0.16)]
            dx, dy = placer.place(label, candidates, pad=0.25 * 7 * 100 / 72)
            line = ax.add_patch(arrow((dx, dy), (x, y), arrowstyle="-[", mutation_scale=6, lw=1.0,  # type: ignore[attr-defined]
                                      color="#2166AC", shrinkA=12, shrinkB=34 if anchor != _CTC else 44, zorder=2,
                                      alpha=0.6))
            _link(line, links, drug)
