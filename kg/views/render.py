"""Step 3 of a view: a `ViewGraph` -> one HTML page (pyvis + our UI).

Positions are computed here (seeded Fruchterman-Reingold, so pages are reproducible) and
vis-network's physics is off, so large pages stay responsive. Two kinds of page:

* `to_html(g)`: one self-contained page, vis-network and our UI inlined (`kg viz -o FILE`);
* `to_html(g, lib="lib")`: a page of the site, which loads vis-network and our UI from the folder
  `write_lib(out_dir)` fills once (0.7 MB that every page used to inline), by a relative path.

Either way we strip every external <script src>/<link href> pyvis's template adds (bootstrap and
vis-network from a CDN), drop its heading, and insert our panel (filters, search, legend, details)
and script. Document text only ever reaches the page as escaped JSON or escaped HTML.
"""

from __future__ import annotations

import functools
import html
import math
import re
from pathlib import Path

import numpy as np
from pyvis.network import Network

from kg.views import ui
from kg.views.graph import ViewGraph

_EXTERNAL_TAG = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>\s*</script\s*>"
    r"|<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>",
    re.I,
)
EXTERNAL_REF = re.compile(r"\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)
_EQ_URL = re.compile(r"=\s*[\"']?\s*(?:https?:)?//", re.I)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.I)


GRAVITY = 2.0


def layout(
    g: ViewGraph, seed: int = 42, anchors: dict[str, tuple[float, float]] | None = None
) -> dict[str, tuple[float, float]]:
    """Seeded force-directed positions, scaled to the number of nodes (vis-network canvas units).

    anchors: known positions (e.g. the overview's) to start from. A page whose every node has one
    keeps them as they are (no layout at all: summarised pages reuse the overview's groups); else
    the layout starts from them (a node without one starts at its anchored neighbour's place) and
    needs far fewer iterations than from random positions.
    """
    ids = list(g.nodes)
    n = len(ids)
    if n <= 1:
        return {k: (0.0, 0.0) for k in ids}
    index = {k: i for i, k in enumerate(ids)}
    pairs = [
        (
            index[e.source],
            index[e.target],
            1.0 + 2.0 * (e.weight if e.kind == "similar" and e.weight == e.weight else 0.0),
        )
        for e in g.edges
        if e.source in index and e.target in index and e.source != e.target
    ]
    anchors = anchors or {}
    known = [k for k in ids if k in anchors]
    if n > REUSE_ABOVE and len(known) == n:
        return {k: anchors[k] for k in ids}
    init = None
    if len(known) >= 2:
        init = _warm_start(ids, index, pairs, anchors, seed)
    iterations = 80 if n <= 1200 else 50
    if init is not None:
        iterations = WARM_ITERATIONS if n > REUSE_ABOVE else iterations // 2
    pos = fruchterman_reingold(n, pairs, seed, iterations=iterations, init=init)
    scale = 90.0 * math.sqrt(n) + 150.0
    return {k: (float(pos[i, 0]) * scale, float(pos[i, 1]) * scale) for k, i in index.items()}


REUSE_ABOVE = 300  # nodes: bigger pages reuse anchors as they are / start from them
WARM_ITERATIONS = 20


def _warm_start(ids, index, pairs, anchors, seed) -> np.ndarray:
    """Initial positions in [0, 1]: anchored nodes at their anchor, the others at the mean of their
    anchored neighbours (else at random), each with a little seeded jitter so none coincide."""
    n = len(ids)
    rng = np.random.default_rng(seed)
    pos = np.full((n, 2), np.nan)
    for k, i in index.items():
        if k in anchors:
            pos[i] = anchors[k]
    known = ~np.isnan(pos[:, 0])
    lo, hi = pos[known].min(axis=0), pos[known].max(axis=0)
    pos[known] = (pos[known] - lo) / np.where(hi - lo > 0, hi - lo, 1.0)
    acc, cnt = np.zeros((n, 2)), np.zeros(n)
    for i, j, _ in pairs:
        if known[j] and not known[i]:
            acc[i] += pos[j]
            cnt[i] += 1
        if known[i] and not known[j]:
            acc[j] += pos[i]
            cnt[j] += 1
    near = ~known & (cnt > 0)
    pos[near] = acc[near] / cnt[near][:, None]
    rest = np.isnan(pos[:, 0])
    pos[rest] = rng.random((int(rest.sum()), 2))
    return pos + (rng.random((n, 2)) - 0.5) * (0.5 / math.sqrt(n))


def fruchterman_reingold(
    n: int,
    pairs: list[tuple[int, int, float]],
    seed: int,
    iterations: int = 60,
    gravity: float = GRAVITY,
    init: np.ndarray | None = None,
) -> np.ndarray:
    """Fruchterman-Reingold as in networkx's dense `spring_layout`, vectorised with numpy.

    Repulsion is computed in row blocks (memory O(block * n)), attraction along the edge list, so
    a few thousand nodes take seconds (networkx switches to a much slower method above 500 nodes).
    Returns positions centred on 0 within [-1, 1].
    """
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)) if init is None else np.array(init, dtype=float)
    k = 2.0 / math.sqrt(n)
    ei = np.array([p[0] for p in pairs], dtype=np.int64)
    ej = np.array([p[1] for p in pairs], dtype=np.int64)
    w = np.array([p[2] for p in pairs], dtype=float)
    t = 0.1 if init is None else 0.05  # a warm start needs smaller moves
    dt = t / (iterations + 1)
    block = max(1, 4_000_000 // n)
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        x, y = pos[:, 0], pos[:, 1]
        for s in range(0, n, block):  # 2-D arrays per axis: ~6x faster than one (b, n, 2) array
            dx = x[s : s + block, None] - x[None, :]
            dy = y[s : s + block, None] - y[None, :]
            f = (k * k) / np.maximum(dx * dx + dy * dy, 1e-4)
            disp[s : s + block, 0] = (dx * f).sum(1)
            disp[s : s + block, 1] = (dy * f).sum(1)
        if len(ei):
            d = pos[ei] - pos[ej]
            f = d * (np.sqrt((d * d).sum(-1)) * w / k)[:, None]
            np.add.at(disp, ei, -f)
            np.add.at(disp, ej, f)
        disp -= gravity * (pos - pos.mean(axis=0))  # keeps leaves and small components near the rest
        length = np.sqrt((disp * disp).sum(-1))
        length = np.where(length < 0.01, 0.1, length)
        pos += disp * (t / length)[:, None]
        t -= dt
    pos -= pos.mean(axis=0)
    lim = np.abs(pos).max()
    return pos / lim if lim > 0 else pos


_FONT_SIZE = {"locality": 22, "target": 18, "ptype": 18, "group": 15, "practice": 12}


def _size(kind: str, count: int) -> float:
    base = {"locality": (12, 4.0), "group": (9, 3.0), "target": (10, 3.0), "ptype": (10, 3.0)}
    if kind not in base:
        return 9.0
    b, f = base[kind]
    return round(b + f * math.sqrt(max(count, 1)), 1)


def vis_data(g: ViewGraph, pos: dict[str, tuple[float, float]]) -> tuple[list[dict], list[dict]]:
    """pyvis node and edge dicts; `tip` becomes the plain-text tooltip in the browser.

    What is the same for every node or edge of a kind is not repeated per item (it made up half of
    a page): node shape, colour and font come from vis-network's `groups` option (`_options`), and
    edge colour, dashes, arrows and the tooltip of non-similarity edges from `ui.EDGE_STYLE`, which
    the page script applies on load (`kgMeta.edgeStyle`).
    """
    nodes = []
    for n in g.nodes.values():
        x, y = pos.get(n.id, (0.0, 0.0))
        node = {
            "id": n.id,
            "label": n.label,
            "group": n.kind,
            "size": _size(n.kind, n.count),
            "x": round(x, 1),
            "y": round(y, 1),
            "kind": n.kind,
            "tip": n.tip,
            "count": n.count,
            "loc": n.loc,
            "tg": n.tg,
            "pt": n.pt,
            "yr": [str(y_) for y_ in n.yr],
        }
        if n.kind == "group":  # other nodes are searched through their tooltip text
            node["q"] = n.text
        nodes.append(node)
    edges = []
    for e in g.edges:
        sim = e.kind == "similar"
        width = 1.5 + 6.0 * e.weight if sim and e.weight == e.weight else (2.0 if sim else 1.0)
        edge = {"from": e.source, "to": e.target, "kind": e.kind, "width": round(width, 2)}
        if sim:
            edge["tip"] = e.tip or ui.EDGE_STYLE[e.kind][0]
            edge["score"] = None if e.weight != e.weight else round(e.weight, 4)
        edges.append(edge)
    return nodes, edges


def _groups() -> dict:
    """vis-network node groups: one style per node kind."""
    return {
        kind: {
            "shape": shape,
            "color": {
                "background": color,
                "border": color,
                "highlight": {"background": "#ffd43b", "border": color},
                "hover": {"background": color, "border": "#333333"},
            },
            "font": {"size": _FONT_SIZE.get(kind, 13)},
        }
        for kind, (_, shape, color) in ui.NODE_STYLE.items()
    }


def edge_style() -> dict:
    """Per edge kind: what the page script sets on every edge of that kind."""
    return {
        kind: {
            "tip": name,
            "color": {"color": color, "highlight": "#333333", "hover": "#555555"},
            "dashes": dashed,
            "arrows": {"to": {"enabled": kind != "similar", "scaleFactor": 0.4}},
        }
        for kind, (name, color, dashed) in ui.EDGE_STYLE.items()
    }


def _options(n: int) -> dict:
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": n > 800,
            "hideEdgesOnZoom": n > 800,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {
                "face": ui.FONT,
                "size": 14,
                "color": "#222222",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {"smooth": False, "selectionWidth": 1.5, "color": {"inherit": False}},
        "groups": _groups(),
    }


def panel_html(g: ViewGraph, nav: list[tuple[str, str]]) -> str:
    """The side panel (template view_panel.html: every text escaped)."""
    from markupsafe import Markup

    from kg.templates import render_page

    counts = g.counts()
    stats = (
        f"做法 {g.practices} 项 · 地方 {counts.get('locality', 0)} 个 · "
        f"对象 {counts.get('target', 0)} 类 · 类型 {counts.get('ptype', 0)} 类 · "
        f"相似关联 {counts.get('edge:similar', 0)} 条"
    )
    notes = []
    if g.summarised:
        level = "地方" if g.group_up == 0 else "上" * g.group_up + "级地方"
        by = f"“{level} × 做法类型”" if g.group_types else f"“{level}”"
        notes.append(f"做法较多，已按{by}汇总为 {counts.get('group', 0)} 个节点。")
        if g.dropped_similar:
            notes.append(
                f"汇总节点之间只画出关联最多的 {counts.get('edge:similar', 0)} 条相似连线"
                f"（另有 {g.dropped_similar} 条未画出）。"
            )
    if not g.practices:
        notes.append("没有符合条件的做法。")
    elif not counts.get("edge:similar"):
        notes.append("暂无相似做法关联。")
    selects = [
        (name, label, g.facets.get(name, []))
        for name, label in (("loc", "地方"), ("tg", "对象"), ("pt", "做法类型"), ("yr", "年份"))
    ]
    legend = Markup(ui.legend_html({n.kind for n in g.nodes.values()}, {e.kind for e in g.edges}))  # no data
    return render_page(
        "view_panel.html", title=g.title, nav=nav, stats=stats, notes=notes, selects=selects, legend=legend
    )


def to_html(
    g: ViewGraph,
    nav: list[tuple[str, str]] | None = None,
    *,
    lib: str | None = None,
    pos: dict[str, tuple[float, float]] | None = None,
) -> str:
    """The complete page as a string (no external references).

    lib: the relative folder written by `write_lib` (site pages); None inlines everything.
    pos: node positions when the caller has them (else `layout(g)`).
    """
    net = Network(
        height="100%", width="100%", directed=True, cdn_resources="local" if lib else "in_line", heading=""
    )
    net.templateEnv = _template_env(net)
    net.nodes, net.edges = vis_data(g, layout(g) if pos is None else pos)
    net.options = _options(len(net.nodes))
    page = net.generate_html(name="view.html")
    return finish_page(page, g, nav or [], lib)


# lib/status.js (the pages an incremental render left out of date) is written by kg/views/site.py


def lib_files() -> dict[str, str]:
    """What the site's lib folder holds: pyvis's helper script, vis-network (its CSS without the
    unused button images) and our page CSS and script."""
    base = _pyvis_lib()
    return {
        "utils.js": (base / "bindings" / "utils.js").read_text(encoding="utf-8"),
        "vis-network.css": _vis_css()[1],
        "vis-network.min.js": (base / "vis-9.1.2" / "vis-network.min.js").read_text(encoding="utf-8"),
        "kg-view.css": ui.CSS,
        "kg-view.js": ui.JS,
    }


def write_lib(out_dir: str | Path, name: str = "lib") -> list[str]:
    """Write the shared scripts and styles into out_dir/name (only files whose content changed)."""
    folder = Path(out_dir) / name
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fname, text in lib_files().items():
        path = folder / fname
        data = text.encode("utf-8")
        if not path.exists() or path.stat().st_size != len(data) or path.read_bytes() != data:
            tmp = path.with_name(f".{fname}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        written.append(str(path))
    return written


def _lib_tags(lib: str) -> str:
    """The tags a site page loads the shared files with (in pyvis's in-line order)."""
    h = html.escape(lib.rstrip("/"), quote=True)
    return (
        f'<script src="{h}/utils.js"></script>\n'
        f'<link rel="stylesheet" href="{h}/vis-network.css">\n'
        f'<script src="{h}/vis-network.min.js"></script>'
    )


def _pyvis_lib() -> Path:
    import pyvis

    return Path(pyvis.__file__).parent / "templates" / "lib"


_ENV: list = []


def _template_env(net: Network):
    """One Jinja environment for every page, so the template (with vis-network inlined) compiles once."""
    if not _ENV:
        env = net.templateEnv
        env.policies["json.dumps_function"] = _dumps  # Jinja's tojson still escapes < > & '
        env.policies["json.dumps_kwargs"] = {}
        _ENV.append(env)
    return _ENV[0]


def _dumps(value: object, **_: object) -> str:
    """UTF-8 JSON (half the size of ASCII-escaped Chinese) with U+2028/2029 escaped."""
    return ui.safe_json(value)


@functools.cache
def _vis_css() -> tuple[str, str]:
    """(vis-network.css as pyvis inlines it, the same without the rules for navigation/manipulation
    buttons, which carry ~200 KB of base64 images and are unused: both features are off)."""
    path = _pyvis_lib() / "vis-9.1.2" / "vis-network.css"
    css = path.read_text(encoding="utf-8") if path.exists() else ""
    rules = re.findall(r"[^{}]+\{[^{}]*\}", css)
    trimmed = "".join(r for r in rules if "url(" not in r) if "".join(rules) == css else css
    return css, trimmed


_LOCAL_UTILS = '<script src="lib/bindings/utils.js"></script>'


def finish_page(page: str, g: ViewGraph, nav: list[tuple[str, str]], lib: str | None = None) -> str:
    if lib:
        if _LOCAL_UTILS not in page:
            raise RuntimeError("pyvis template changed: no local utils.js tag found")
        page = page.replace(_LOCAL_UTILS, _lib_tags(lib), 1)
    else:
        css, trimmed = _vis_css()
        if css and css != trimmed:
            page = page.replace(css, trimmed, 1)
    page = _EXTERNAL_TAG.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = page.replace("<html>", '<html lang="zh-CN">', 1)
    style = (  # last in <head>, as our rules override the template's
        f'<link rel="stylesheet" href="{html.escape(lib.rstrip("/"), quote=True)}/kg-view.css">\n'
        if lib
        else f"<style>{ui.CSS}</style>\n"
    )
    head = (
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(g.title)} · CadreKG</title>\n{style}</head>"
    )
    page = _replace_last(page, "</head>", head)
    meta = {
        "title": g.title,
        "nodes": len(g.nodes),
        "edges": len(g.edges),
        "practices": g.practices,
        "summarised": g.summarised,
        "counts": g.counts(),
        "edgeStyle": edge_style(),
    }
    page = _replace_last(page, "<body>", "<body>\n" + panel_html(g, nav))
    h = html.escape((lib or "").rstrip("/"), quote=True)
    own = (
        f'<script src="{h}/status.js"></script>\n<script src="{h}/kg-view.js"></script>'
        if lib
        else f"<script>{ui.JS}</script>"
    )
    script = f"<script>window.kgMeta = {ui.safe_json(meta)};</script>\n{own}\n</body>"
    page = _replace_last(page, "</body>", script)
    if has_external_ref(page):
        raise RuntimeError("view page still references an external resource")
    return page


def has_external_ref(page: str) -> bool:
    """Same answer as `EXTERNAL_REF.search(page)`, ~20x faster on a page with vis-network inlined."""
    for m in _EQ_URL.finditer(page):
        before = page[max(0, m.start() - 12) : m.start()].rstrip().lower()
        if before.endswith(("src", "href")):
            return True
    return False


def _replace_last(text: str, old: str, new: str) -> str:
    i = text.rfind(old)
    if i < 0:
        raise RuntimeError(f"pyvis template changed: no {old} found")
    return text[:i] + new + text[i + len(old) :]
