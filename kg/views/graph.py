"""Step 2 of a view: plain nodes and edges for a set of practices (the view model).

A `ViewGraph` holds what a page draws: localities (with their parents), practices, target groups,
practice types and similarity edges, each node with a plain-text tooltip and the facet keys the
page's filters use. Above `MAX_NODES` practices are summarised per locality and practice type,
and when that is still too many nodes, per larger locality (city, then province) and then per
locality alone; the strongest similarity links between groups are kept (`MAX_GROUP_EDGES`).
Node ids are hashes of IRIs, never document text.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.catalog.catalog import Catalog
from kg.catalog.records import Link, Practice
from kg.views.facts import (
    article_title,
    citation,
    concepts_of,
    label_of,
    outcome_texts,
    place,
    quote_of,
    targets_of,
    types_of,
    year_of,
)

MAX_NODES = 1000
MAX_GROUP_EDGES = 3 * MAX_NODES  # similar-practice edges between summary groups
GROUP_TEXT = 1000  # characters of practice labels a summary group is searched by
QUOTE_CHARS = 360
KIND_NAMES = {
    "locality": "地方",
    "practice": "做法",
    "group": "做法汇总",
    "target": "对象",
    "ptype": "做法类型",
}
EDGE_NAMES = {
    "at": "实施地",
    "in": "上级区划",
    "target": "针对对象",
    "ptype": "做法类型",
    "similar": "相似做法",
}


@functools.lru_cache(maxsize=1 << 17)
def node_id(key: str) -> str:
    return "n" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass
class Node:
    id: str
    iri: str
    kind: str  # locality | practice | group | target | ptype
    label: str
    tip: str = ""
    count: int = 0  # practices the node stands for
    loc: list[str] = field(default_factory=list)  # facet keys (node ids) for the filters
    tg: list[str] = field(default_factory=list)
    pt: list[str] = field(default_factory=list)
    yr: list[int] = field(default_factory=list)
    text: str = ""  # what the search box matches


@dataclass
class Edge:
    source: str
    target: str
    kind: str  # at | in | target | ptype | similar
    weight: float = 1.0
    tip: str = ""


@dataclass
class ViewGraph:
    title: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    facets: dict[str, list[tuple[str, str, int]]] = field(
        default_factory=dict
    )  # loc|tg|pt|yr -> (key, label, n)
    summarised: bool = False
    practices: int = 0
    group_up: int = 0  # summarised: practices grouped at the locality this many levels up
    group_types: bool = True  # summarised: groups per locality and practice type (else per locality)
    dropped_similar: int = 0  # summarised: weaker group-to-group similar edges left out

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for n in self.nodes.values():
            out[n.kind] += 1
        for e in self.edges:
            out["edge:" + e.kind] += 1
        return dict(out)


_BREAK = re.compile(r"\s*\n\s*")


def _short(text: str, n: int) -> str:
    """One line for a tooltip: a paragraph break closes its sentence (一、年轻干部 / 选派… → 一、年轻干部。选派…),
    never a space between two Chinese characters.

    >>> _short("一、年轻干部\\n选派50余名。\\n二是关心关爱。", 40)
    '一、年轻干部。选派50余名。二是关心关爱。'
    """
    text = _BREAK.sub(
        lambda m: "" if text[: m.start()].endswith(tuple("。！？；…”：")) else "。", text.strip()
    )
    return text if len(text) <= n else text[: n - 1] + "…"


def _score_text(link: Link) -> str:
    return "相似度未知" if link.score != link.score else f"相似度 {link.score:.2f}"


def practice_tip(data: Catalog, p: Practice, similar: int = 0) -> str:
    lines = [f"【做法】{label_of(p)}", f"地方：{data.locality_name(place(p))}", f"出处：{citation(p)}"]
    if p.targets:
        lines.append("对象：" + "、".join(c.label for c in p.targets))
    if p.types:
        lines.append("类型：" + "、".join(c.label for c in p.types))
    if p.brand:
        lines.append(f"品牌：{p.brand}")
    outcomes = outcome_texts(p)
    if outcomes:
        lines.append("成效：" + "；".join(outcomes[:4]))
    if similar:
        lines.append(f"相似做法：{similar} 项")
    if quote_of(p):
        lines.append("原文：“" + _short(quote_of(p), QUOTE_CHARS) + "”")
    return "\n".join(lines)


def link_tip(data: Catalog, link: Link) -> str:
    a, b = data.practices[link.a], data.practices[link.b]
    lines = [
        f"【相似做法】{_score_text(link)}",
        f"{data.locality_name(place(a))}：{label_of(a)}",
        f"{data.locality_name(place(b))}：{label_of(b)}",
    ]
    if link.concepts:
        lines.append("共同概念：" + "、".join(data.concept_label(c) for c in link.concepts))
    if link.terms:
        lines.append("共同词语：" + "、".join(link.terms[:12]))
    return "\n".join(lines)


def build(
    data: Catalog,
    practices: Iterable[str],
    title: str,
    max_nodes: int = MAX_NODES,
    focus: set[str] | None = None,
) -> ViewGraph:
    """The view of these practices with their localities (and parents), concepts and similarity links.

    focus: draw only the similarity links with an end among these practices (a locality or
    target-group page: its own practices and their links to the similar ones elsewhere, not the links
    among the practices elsewhere).
    """
    chosen = [data.practices[p] for p in sorted(set(practices)) if p in data.practices]
    g = ViewGraph(title=title, practices=len(chosen))
    keep = {p.iri for p in chosen}
    # each link once (from its first end), in (a, b) order; a page of a few practices reads only theirs
    links = [k for p in sorted(keep) for k in data.links_of(p) if k.a == p and k.b in keep]
    if focus is not None:
        links = [k for k in links if k.a in focus or k.b in focus]
    degree: dict[str, int] = defaultdict(int)
    for k in links:
        degree[k.a] += 1
        degree[k.b] += 1
    facets = {"loc": defaultdict(int), "tg": defaultdict(int), "pt": defaultdict(int), "yr": defaultdict(int)}
    members: dict[str, Node] = {}  # practice IRI -> the node that draws it
    concepts_used = {c for p in chosen for c in concepts_of(p)}
    extra = len({c for p in chosen for c in data.locality_chain(place(p))}) + len(concepts_used)
    g.summarised = len(chosen) + extra > max_nodes
    if g.summarised:
        g.group_up, g.group_types = _grouping(data, chosen, max_nodes)
    for p in chosen:
        chain = data.locality_chain(place(p))
        tg = [c for t in targets_of(p) for c in data.concept_chain(t)]
        pt = [c for t in types_of(p) for c in data.concept_chain(t)]
        for bucket, keys in (("loc", chain), ("tg", set(tg)), ("pt", set(pt))):
            for k in keys:
                facets[bucket][k] += 1
        if year_of(p):
            facets["yr"][year_of(p)] += 1
        node = _group_node(g, data, p) if g.summarised else _practice_node(g, data, p, degree[p.iri])
        members[p.iri] = node
        node.count += 1
        _merge(node.loc, [node_id(c) for c in chain])
        _merge(node.tg, [node_id(c) for c in tg])
        _merge(node.pt, [node_id(c) for c in pt])
        _merge(node.yr, [year_of(p)] if year_of(p) else [])
        if g.summarised:
            if len(node.text) < GROUP_TEXT:
                node.text += " " + label_of(p).lower()
            if node.count <= 12:
                node.tip += f"\n· {label_of(p)}（{citation(p)}）"
    _context_nodes(g, data, chosen, members)
    _similar_edges(g, data, links, members, max_nodes)
    labels = {
        "loc": data.locality_name,
        "tg": data.concept_label,
        "pt": data.concept_label,
        "yr": lambda y: f"{y}年",
    }
    for name, counts in facets.items():
        keyed = [((str(k) if name == "yr" else node_id(k)), labels[name](k), n) for k, n in counts.items()]
        g.facets[name] = sorted(keyed, key=lambda t: (-t[2], t[1]) if name != "yr" else (t[1],))
    return g


def _merge(into: list, items: Iterable) -> None:
    for i in items:
        if i not in into:
            into.append(i)


def _practice_node(g: ViewGraph, data: Catalog, p: Practice, similar: int) -> Node:
    n = Node(node_id(p.iri), p.iri, "practice", _short(label_of(p), 14), practice_tip(data, p, similar))
    parts = [label_of(p), quote_of(p), data.locality_name(place(p)), article_title(p)]
    parts += [data.concept_label(c) for c in concepts_of(p)]
    n.text = " ".join(parts).lower()
    g.nodes[n.id] = n
    return n


def _grouping(data: Catalog, chosen: list[Practice], max_nodes: int) -> tuple[int, bool]:
    """(levels up, per practice type): the finest summary that fits in max_nodes nodes."""
    chains = [data.locality_chain(place(p)) for p in chosen]
    concepts = len({c for p in chosen for c in concepts_of(p)})
    depth = max((len(c) for c in chains), default=1)
    for with_type in (True, False):
        for up in range(max(depth, 1)):
            keys, locs = set(), set()
            for p, chain in zip(chosen, chains, strict=True):
                drawn = chain[min(up, len(chain) - 1) :] if chain else []
                keys.add(
                    (drawn[0] if drawn else None, (p.types[0].iri if p.types else "") if with_type else "")
                )
                locs.update(drawn)
            if len(keys) + len(locs) + concepts <= max_nodes:
                return up, with_type
    return max(depth - 1, 0), False


def _group_locality(g: ViewGraph, data: Catalog, p: Practice) -> list[str]:
    """The locality chain drawn for a practice: from the locality it is grouped at, upwards."""
    chain = data.locality_chain(place(p))
    return chain[min(g.group_up, len(chain) - 1) :] if chain and g.summarised else chain


def _group_node(g: ViewGraph, data: Catalog, p: Practice) -> Node:
    ptype = (p.types[0].iri if p.types else "") if g.group_types else "*"
    drawn = _group_locality(g, data, p)
    loc = drawn[0] if drawn else None
    key = f"group {loc or ''} {ptype}"
    nid = node_id(key)
    node = g.nodes.get(nid)
    if node is None:
        name = data.locality_name(loc)
        tlabel = "全部类型" if ptype == "*" else (data.concept_label(ptype) if ptype else "未分类")
        node = Node(nid, key, "group", _short(f"{name}·{tlabel}", 16), f"【做法汇总】{name} · {tlabel}")
        node.text = f"{name} {tlabel}".lower()
        g.nodes[nid] = node
    return node


def _context_nodes(g: ViewGraph, data: Catalog, chosen: list[Practice], members: dict[str, Node]) -> None:
    """Localities (with parents), target groups and practice types around the practices."""
    seen_edges: set[tuple[str, str]] = set()

    def edge(a: str, b: str, kind: str) -> None:
        if (a, b) not in seen_edges:
            seen_edges.add((a, b))
            g.edges.append(Edge(a, b, kind))

    counts: dict[str, int] = defaultdict(int)
    for p in chosen:
        for loc in data.locality_chain(place(p)):  # every practice inside, also when grouped higher
            counts[loc] += 1
        for c in concepts_of(p):
            counts[c] += 1
    for p in chosen:
        src = members[p.iri].id
        chain = _group_locality(g, data, p)
        for i, loc in enumerate(chain):
            lid = node_id(loc)
            if lid not in g.nodes:
                rec = data.localities.get(loc)
                name = data.locality_name(loc)
                tip = f"【地方】{name}\n做法：{counts[loc]} 项"
                if rec and rec.code:
                    tip += f"\n行政区划代码：{rec.code}"
                if rec and rec.level:
                    tip += f"\n级别：{rec.level}"
                node = Node(
                    lid,
                    loc,
                    "locality",
                    data.locality_label(loc) if rec else name,
                    tip,
                    counts[loc],
                    loc=[lid],
                )
                node.text = name.lower()
                g.nodes[lid] = node
            if i == 0:
                edge(src, lid, "at")
            else:
                edge(node_id(chain[i - 1]), lid, "in")
        for kind, concepts in (("target", targets_of(p)), ("ptype", types_of(p))):
            for c in concepts:
                cid = node_id(c)
                if cid not in g.nodes:
                    label = data.concept_label(c)
                    tip = f"【{KIND_NAMES[kind]}】{label}\n做法：{counts[c]} 项"
                    node = Node(cid, c, kind, label, tip, counts[c])
                    (node.tg if kind == "target" else node.pt).append(cid)
                    node.text = label.lower()
                    g.nodes[cid] = node
                edge(src, cid, kind)


def _similar_edges(
    g: ViewGraph, data: Catalog, links: list[Link], members: dict[str, Node], max_nodes: int = MAX_NODES
) -> None:
    if not g.summarised:
        for k in links:
            g.edges.append(Edge(members[k.a].id, members[k.b].id, "similar", k.score, link_tip(data, k)))
        return
    pairs: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for k in links:
        a, b = members[k.a].id, members[k.b].id
        if a != b:
            pairs[(min(a, b), max(a, b))].append(k)

    def strength(item: tuple[tuple[str, str], list[Link]]) -> tuple:
        scores = [k.score for k in item[1] if k.score == k.score]
        return (-len(item[1]), -(max(scores) if scores else 0.0), item[0])

    cap = MAX_GROUP_EDGES * max_nodes // MAX_NODES
    kept = sorted(sorted(pairs.items(), key=strength)[:cap])
    g.dropped_similar = len(pairs) - len(kept)
    for (a, b), group in kept:
        scores = [k.score for k in group if k.score == k.score]
        best = max(scores) if scores else float("nan")
        tip = (
            f"【相似做法】{len(group)} 对，最高相似度 {best:.2f}"
            if scores
            else f"【相似做法】{len(group)} 对"
        )
        tip += "\n" + "\n".join(
            f"· {label_of(data.practices[k.a])} ↔ {label_of(data.practices[k.b])}" for k in group[:8]
        )
        g.edges.append(Edge(a, b, "similar", best, tip))
