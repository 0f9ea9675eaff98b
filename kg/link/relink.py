"""The link stage over a store: compute similarity links and write them to the links graph.

A link joins two practices of different localities when one is among the other's `top_k` best scoring at
least `threshold` (so a practice can have more than `top_k` links). Each pair is one ckg:SimilarityLink node
(IRI iris.similarity(a, b)); ckg:fromPractice is the practice reported first (bulletin date, then IRI),
ckg:toPractice the later one, so a link also reads as "reported first -> followed".

Incremental (`changed` = bulletin graphs just written): the links touching practices of those graphs are
recomputed against everything and replace the old ones; links between other practices are kept as they
are (their scores may be a little stale: the IDF moved). The links touching the changed practices are
exactly those a full relink would produce.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyoxigraph as ox

from kg.graph import iris
from kg.graph.namespace import CKG
from kg.link.concepts import scheme_from_store
from kg.link.engine import Reasons, reason_labels, reasons_many, top_links
from kg.link.model import Model, Params
from kg.link.rows import CACHE_DIR, PracticeRow, compute_bags, read_rows
from kg.model import SimilarityLink

MODEL_FILE = "model.pkl"
WRITE_BATCH = 200_000  # quads per bulk write (100k practices make ~5M)
MODEL_VERSION = 1


@dataclass(frozen=True)
class Link:
    a: str  # reported first
    b: str
    score: float
    reasons: Reasons


def fit(gs, params: Params | None = None, *, write_cache: bool | None = None) -> Model:
    """Read the practices of the store and fit the model (term bags cached under the store folder)."""
    rows = read_rows(gs)
    cache = Path(gs.path) / CACHE_DIR
    writable = not getattr(gs, "read_only", False) if write_cache is None else write_cache
    bags = compute_bags(rows, cache, write=writable)
    return Model(rows, bags, scheme_from_store(gs), params)


def _order(m: Model, i: int, j: int) -> tuple[int, int]:
    a, b = m.rows[i], m.rows[j]
    return (i, j) if ((a.date or "9999"), a.iri) <= ((b.date or "9999"), b.iri) else (j, i)


def link_pairs(
    m: Model, rows: Iterable[int] | None = None, *, touching: set[int] | None = None
) -> list[tuple[int, int, float]]:
    """(first, second, score) of the links of the given rows (default all), ordered by IRIs; with
    `touching`, only links with an end in that set."""
    tops = top_links(m, range(m.n) if rows is None else rows)
    pairs: dict[tuple[int, int], float] = {}
    for i, lst in tops.items():
        for j, score in lst:
            if touching is not None and i not in touching and j not in touching:
                continue
            pairs[_order(m, i, j)] = score
    return [
        (i, j, s)
        for (i, j), s in sorted(pairs.items(), key=lambda kv: (m.rows[kv[0][0]].iri, m.rows[kv[0][1]].iri))
    ]


def iter_links(m: Model, pairs: list[tuple[int, int, float]]) -> Iterator[Link]:
    """Links with their reasons, computed as they are written (not all held at once)."""
    why = reasons_many(m, [(i, j) for i, j, _ in pairs])
    for (i, j, s), r in zip(pairs, why, strict=True):
        yield Link(m.rows[i].iri, m.rows[j].iri, s, r)


def compute_links(
    m: Model, rows: Iterable[int] | None = None, *, touching: set[int] | None = None
) -> list[Link]:
    """Links of the given rows (default all); with `touching`, only links with an end in that set."""
    return list(iter_links(m, link_pairs(m, rows, touching=touching)))


def affected_rows(m: Model, changed: set[int]) -> set[int]:
    """Rows whose candidate lists may contain a changed row: they share a candidate term with it."""
    if not changed:
        return set()
    query, index_t = m.candidate_matrices()
    ch = np.array(sorted(changed), dtype=np.int64)
    # S[q, c] = query[q] . index[c] for all q: computed as index[c] . query^T
    s = (index_t.T.tocsr()[ch] @ query.T).tocsr()
    return set(np.unique(s.indices).tolist()) - changed


def relink(store, changed: list[str] | None = None, params: Params | None = None) -> int:
    """Recompute similarity links in `store` (a writable GraphStore); return the number of links held."""
    m = fit(store, params)
    if changed is None:
        pairs = link_pairs(m)
        g = ox.NamedNode(iris.GRAPH_LINKS)
        if store.db.contains_named_graph(g):
            store.db.remove_graph(g)
    else:
        graphs = set(changed)
        ch = {n for n, r in enumerate(m.rows) if r.graph in graphs}
        pairs = link_pairs(m, ch | affected_rows(m, ch), touching=ch)
        _drop_links(store, {m.rows[n].iri for n in ch}, set(m.index))
    quads = _quads(iter_links(m, pairs))
    while batch := list(itertools.islice(quads, WRITE_BATCH)):
        store.add_quads(batch)
    save_model(store, m)
    return count_links(store)


def similarity_links(m: Model, links: list[Link]) -> list[SimilarityLink]:
    """The stage's plain output: (practice, practice, score, reason labels)."""
    return [SimilarityLink(lk.a, lk.b, lk.score, reason_labels(m, lk.reasons)) for lk in links]


# -- the links graph ---------------------------------------------------------------------------------

_G = ox.NamedNode(iris.GRAPH_LINKS)
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DEC = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
P = {
    name: ox.NamedNode(str(getattr(CKG, name)))
    for name in (
        "SimilarityLink",
        "similarTo",
        "similarity",
        "fromPractice",
        "toPractice",
        "score",
        "sharedConcept",
        "sharedTerm",
    )
}


def _quads(links: Iterable[Link]) -> Iterator[ox.Quad]:
    """The links graph, streamed (100k practices make ~5M quads: never hold them all)."""
    nodes: dict[str, ox.NamedNode] = {}

    def node(iri: str) -> ox.NamedNode:
        n = nodes.get(iri)
        if n is None:
            if len(nodes) > 200_000:
                nodes.clear()
            n = nodes[iri] = ox.NamedNode(iri)
        return n

    for lk in links:
        a, b, link = node(lk.a), node(lk.b), ox.NamedNode(iris.similarity(lk.a, lk.b))
        yield ox.Quad(a, P["similarTo"], b, _G)
        yield ox.Quad(b, P["similarTo"], a, _G)
        yield ox.Quad(link, _TYPE, P["SimilarityLink"], _G)
        yield ox.Quad(link, P["fromPractice"], a, _G)
        yield ox.Quad(link, P["toPractice"], b, _G)
        yield ox.Quad(link, P["score"], ox.Literal(f"{lk.score:.3f}", datatype=_DEC), _G)
        yield ox.Quad(a, P["similarity"], link, _G)
        yield ox.Quad(b, P["similarity"], link, _G)
        for c in lk.reasons.concepts:
            yield ox.Quad(link, P["sharedConcept"], node(c), _G)
        terms = list(lk.reasons.terms) + ([lk.reasons.brand] if lk.reasons.brand else [])
        for t in dict.fromkeys(terms):
            yield ox.Quad(link, P["sharedTerm"], ox.Literal(t), _G)


def _drop_links(store, changed_iris: set[str], current: set[str]) -> None:
    """Remove every link node (and its similarTo pair) touching a changed or vanished practice."""
    db = store.db
    g = f"<{iris.GRAPH_LINKS}>"
    doomed: set[str] = set()
    changed = sorted(changed_iris)
    for start in range(0, len(changed), 500):
        values = " ".join(f"<{x}>" for x in changed[start : start + 500])
        q = f"SELECT ?l WHERE {{ VALUES ?p {{ {values} }} GRAPH {g} {{ ?p ckg:similarity ?l }} }}"
        doomed.update(r["l"].value for r in store.query(q))
    q = f"SELECT DISTINCT ?l ?p WHERE {{ GRAPH {g} {{ ?p ckg:similarity ?l }} }}"
    doomed.update(r["l"].value for r in store.query(q) if r["p"].value not in current)
    for iri in sorted(doomed):
        link = ox.NamedNode(iri)
        ends = [q.object for q in db.quads_for_pattern(link, P["fromPractice"], None, _G)]
        ends += [q.object for q in db.quads_for_pattern(link, P["toPractice"], None, _G)]
        for q in list(db.quads_for_pattern(link, None, None, _G)):
            db.remove(q)
        for a in ends:
            db.remove(ox.Quad(a, P["similarity"], link, _G))
            for b in ends:
                if a != b:
                    db.remove(ox.Quad(a, P["similarTo"], b, _G))


def count_links(store) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iris.GRAPH_LINKS}> {{ ?l ckg:fromPractice ?a }} }}"
    return int(next(iter(store.query(q)))["n"].value)


# -- the fitted model, saved for search and reports ---------------------------------------------------


def store_fingerprint(store) -> str:
    import hashlib
    import json

    items = sorted((k, str(v.get("hash", ""))) for k, v in store.bulletins.items())
    return hashlib.sha1(json.dumps([MODEL_VERSION, items]).encode()).hexdigest()[:16]


def save_model(store, m: Model) -> None:
    path = Path(store.path) / CACHE_DIR / MODEL_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    m._index_side = None
    with open(tmp, "wb") as fh:
        pickle.dump(
            {"fingerprint": store_fingerprint(store), "model": m}, fh, protocol=pickle.HIGHEST_PROTOCOL
        )
    tmp.replace(path)


def load_model(store, params: Params | None = None) -> Model:
    """The model saved by the last relink when it matches the store, else fitted afresh (not saved)."""
    path = Path(store.path) / CACHE_DIR / MODEL_FILE
    if path.exists():
        try:
            with open(path, "rb") as fh:
                saved = pickle.load(fh)
            if saved.get("fingerprint") == store_fingerprint(store):
                m = saved["model"]
                if params is not None:
                    m.params = params
                return m
        except Exception:  # a stale or foreign pickle: fall back to fitting
            pass
    return fit(store, params, write_cache=False)


def rows_of(m: Model, iris_: Iterable[str]) -> list[PracticeRow]:
    return [m.rows[m.index[i]] for i in iris_ if i in m.index]
