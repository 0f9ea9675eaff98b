"""The link stage over a store: compute similarity links and write them to the links graph.

A link joins two practices of different localities when one is among the other's `top_k` best scoring at
least `threshold` (so a practice can have more than `top_k` links). Each pair is one ckg:SimilarityLink node
(IRI iris.similarity(a, b)); ckg:fromPractice is the practice reported first (bulletin date, then IRI),
ckg:toPractice the later one, so a link also reads as "reported first -> followed".

Full relink (`changed=None`): read every practice, fit the model, compute every row's candidates and top
links, write the links graph in one streamed bulk load, and keep the model with those lists (the link
state, `<store>/link/state.pkl`, stamped with the bulletins it covers).

Incremental (`changed` = bulletin graphs just written): the state is loaded, the old practices of those
graphs are dropped, their new practices read (only those graphs) and added with the fitted weights, and
only the rows a new practice enters (or a dropped one left) are updated (engine.update_tops); the links
that appeared or vanished are written or removed, side by side. The links graph is then exactly what a
full relink with the same model would write. The weights (IDF, concept specificity, type profiles) stay
those of the last full relink: a term no fitted practice used is ignored until then; `kg build` refits. A
missing or stale state (other bulletins, vocabularies, segmenter or parameters) falls back to a full
relink.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyoxigraph as ox

from kg.graph import iris
from kg.graph.namespace import CKG
from kg.link.concepts import scheme_from_store
from kg.link.engine import Reasons, Tops, compute_tops, reason_labels, reasons_many, update_tops
from kg.link.model import Model, Params
from kg.link.rows import CACHE_DIR, PracticeRow, compute_bags, read_rows, row_bags
from kg.model import SimilarityLink

STATE_FILE = "state.pkl"
STATE_VERSION = 2
MAX_SHARED_TERMS = 4  # ckg:sharedTerm per link node: the shared brand, then the heaviest words
BULK_MIN_LINKS = (
    500  # an incremental relink bulk-loads its new links from this many (a bulk load has a fixed cost)
)


@dataclass(frozen=True)
class Link:
    a: str  # reported first
    b: str
    score: float
    reasons: Reasons


@dataclass
class LinkState:
    """The fitted model with every row's candidates and links, and what it covers."""

    model: Model
    tops: Tops
    bulletins: dict[str, str]  # bulletin key -> content hash
    stamp: str  # segmenter, vocabularies, parameters
    links: int  # links in the graph


def fit(gs, params: Params | None = None, *, write_cache: bool | None = None) -> Model:
    """Read the practices of the store and fit the model (term bags cached under the store folder)."""
    rows = read_rows(gs)
    cache = Path(gs.path) / CACHE_DIR
    writable = not getattr(gs, "read_only", False) if write_cache is None else write_cache
    bags = compute_bags(rows, cache, write=writable)
    return Model(rows, bags, scheme_from_store(gs), params)


# -- links from the top lists ----------------------------------------------------------------------


def pair_keys(t: Tops) -> np.ndarray:
    """Every link as lo * n + hi (sorted, unique)."""
    return links_touching(t, None)


def links_touching(t: Tops, rows: np.ndarray | None) -> np.ndarray:
    """The links (lo * n + hi, sorted, unique) with an end among `rows` (default: all links)."""
    n = len(t.top)
    i = np.repeat(np.arange(n, dtype=np.int64), t.top.shape[1])
    j = t.top.ravel().astype(np.int64)
    ok = j >= 0
    if rows is not None:
        mark = np.zeros(n, bool)
        mark[rows] = True
        ok &= mark[i] | mark[np.maximum(j, 0)]
    i, j = i[ok], j[ok]
    return np.unique(np.minimum(i, j) * n + np.maximum(i, j))


def ordered_pairs(m: Model, t: Tops, keys: np.ndarray) -> list[tuple[int, int, float]]:
    """(first, second, score) of link keys: first = reported first (bulletin date, then IRI)."""
    n = len(t.top)
    lo, hi = keys // n, keys % n
    dates, iri = m.cols["date"], m.cols["iri"]
    if len(keys) > 5000:
        order = sorted(range(n), key=lambda k: ((dates[k] or "9999"), iri[k]))
        rank = np.empty(n, np.int64)
        rank[np.array(order, dtype=np.int64)] = np.arange(n)
        swap = rank[lo] > rank[hi]
    else:
        swap = np.array(
            [
                ((dates[a] or "9999"), iri[a]) > ((dates[b] or "9999"), iri[b])
                for a, b in zip(lo.tolist(), hi.tolist(), strict=True)
            ],
            dtype=bool,
        )
    # the score as listed by either end (a pair's score does not depend on its order)
    sa = np.where(t.top[lo] == hi[:, None], t.score[lo], -1.0).max(axis=1, initial=-1.0)
    sb = np.where(t.top[hi] == lo[:, None], t.score[hi], -1.0).max(axis=1, initial=-1.0)
    score = np.where(sa >= 0, sa, sb)
    first, second = np.where(swap, hi, lo), np.where(swap, lo, hi)
    return list(zip(first.tolist(), second.tolist(), score.tolist(), strict=True))


def link_pairs(m: Model, t: Tops | None = None) -> list[tuple[int, int, float]]:
    """(first, second, score) of every link."""
    t = compute_tops(m) if t is None else t
    return ordered_pairs(m, t, pair_keys(t))


def iter_links(m: Model, pairs: list[tuple[int, int, float]]) -> Iterator[Link]:
    """Links with their reasons, computed as they are written (not all held at once)."""
    why = reasons_many(m, [(i, j) for i, j, _ in pairs])
    iri = m.cols["iri"]
    for (i, j, s), r in zip(pairs, why, strict=True):
        yield Link(iri[i], iri[j], s, r)


def compute_links(m: Model, rows: Iterable[int] | None = None) -> list[Link]:
    """Links of the given rows (default all)."""
    t = compute_tops(m, rows)
    return list(iter_links(m, link_pairs(m, t)))


def similarity_links(m: Model, links: list[Link]) -> list[SimilarityLink]:
    """The stage's plain output: (practice, practice, score, reason labels)."""
    return [SimilarityLink(lk.a, lk.b, lk.score, reason_labels(m, lk.reasons)) for lk in links]


# -- the stage -------------------------------------------------------------------------------------


def relink(
    store,
    changed: list[str] | None = None,
    params: Params | None = None,
    *,
    rows: list[PracticeRow] | None = None,
    timings: dict[str, float] | None = None,
) -> int:
    """Recompute similarity links in `store` (a writable GraphStore); return the number of links held.
    `rows`, for a full relink: every practice of the store, when the caller has them already (a build
    takes them from the bulletins it writes; else they are read from the store). `timings`, when given,
    receives the seconds spent per part."""
    clock = _Clock(timings)
    if changed is not None:
        st = load_state(store, params, changed=set(changed))
        clock.lap("load")
        if st is not None:
            return _relink_changed(store, st, set(changed), clock)
    return _relink_all(store, params, clock, rows)


def _relink_all(store, params: Params | None, clock: _Clock, rows: list[PracticeRow] | None = None) -> int:
    if rows is None:
        rows = read_rows(store)
    else:  # sorted by IRI and one row per IRI, as read_rows gives them
        rows = sorted({r.iri: r for r in reversed(rows)}.values(), key=lambda r: r.iri)
    clock.lap("read")
    bags = compute_bags(rows, Path(store.path) / CACHE_DIR)
    clock.lap("tokenise")
    m = Model(rows, bags, scheme_from_store(store), params)
    del rows, bags
    clock.lap("fit")
    t = compute_tops(m)
    clock.lap("top-k")
    pairs = link_pairs(m, t)
    clock.count(practices=m.n, links_added=len(pairs))
    g = ox.NamedNode(iris.GRAPH_LINKS)
    if store.db.contains_named_graph(g):  # never in a new store (kg build)
        store.db.remove_graph(g)
    clock.lap("drop")
    write_links(store, iter_links(m, pairs))
    clock.lap("write")
    save_state(store, LinkState(m, t, _covered(store), _stamp(m.params), len(pairs)))
    clock.lap("save")
    return len(pairs)


def _relink_changed(store, st: LinkState, graphs: set[str], clock: _Clock) -> int:
    m, t = st.model, st.tops
    n_old = m.n
    doomed = np.array([n for n, g in enumerate(m.cols["graph"]) if g in graphs], dtype=np.int64)
    doomed_iris = [m.cols["iri"][k] for k in doomed.tolist()]
    gone_with_them = len(links_touching(t, doomed))
    rows = read_rows(store, graphs=sorted(graphs))
    clock.lap("read")
    bags = row_bags(rows)
    clock.lap("tokenise")
    remap = m.drop(doomed)
    had_doomed = np.zeros(n_old, bool)
    had_doomed[doomed] = True
    redo_old = np.flatnonzero(((t.cand >= 0) & had_doomed[np.maximum(t.cand, 0)]).any(axis=1) & ~had_doomed)
    t = t.remap(remap, m.n + len(rows))
    before = t.top.copy()
    new = m.extend(rows, bags)
    t, changed = update_tops(m, t, new, remap[redo_old])
    clock.lap("top-k")
    # only links with an end whose top list changed can have appeared or vanished
    was = links_touching(Tops(t.cand, t.cval, before, t.score), changed)
    now = links_touching(t, changed)
    gone, added = np.setdiff1d(was, now), np.setdiff1d(now, was)
    clock.count(
        practices_added=len(new),
        rows_changed=len(changed),
        links_removed=len(gone) + gone_with_them,
        links_added=len(added),
    )
    _drop_practice_links(store, doomed_iris)
    st.links += -gone_with_them - len(gone) + len(added)
    st.bulletins = _covered(store)
    st.tops = t
    _write_diff(store, st, gone, added)
    clock.lap("write")
    return st.links


def _write_diff(store, st: LinkState, gone: np.ndarray, added: np.ndarray) -> None:
    """Remove the vanished links, add the new ones, save the state. Oxigraph releases the GIL while it
    writes, so the removal, the load of the new links (no triple is in both: they are other pairs' nodes)
    and the making of the new links' triples and of the state file overlap; the state file is put in
    place only once the links are written."""
    from concurrent.futures import ThreadPoolExecutor

    m, t = st.model, st.tops
    iri, n = m.cols["iri"], m.n
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="kg-links") as writer:
        pending = [writer.submit(_drop_links, store, [(iri[k // n], iri[k % n]) for k in gone.tolist()])]
        lines = list(link_lines(iter_links(m, ordered_pairs(m, t, added))))
        pending.append(writer.submit(_load_lines, store, lines, bulk=len(added) > BULK_MIN_LINKS))
        tmp = _dump_state(store, st)
        try:
            for job in pending:
                job.result()
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    tmp.replace(_state_path(store))
    _keep(store, st)


class _Clock:
    def __init__(self, out: dict[str, float] | None):
        self.out, self.t = out, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.out is not None:
            self.out[name] = self.out.get(name, 0.0) + now - self.t
        self.t = now

    def count(self, **counts: int) -> None:
        """Sizes beside the times (kept under `n_<name>`): what the bench explains a time by."""
        if self.out is not None:
            self.out.update({f"n_{k}": float(v) for k, v in counts.items()})


# -- the links graph ---------------------------------------------------------------------------------

_G = ox.NamedNode(iris.GRAPH_LINKS)
P = {
    name: ox.NamedNode(str(getattr(CKG, name)))
    for name in (
        "SimilarityLink",
        "similarTo",
        "fromPractice",
        "toPractice",
        "score",
        "sharedConcept",
        "sharedTerm",
    )
}
_NT = {k: f"<{v.value}>" for k, v in P.items()}
_NT["type"] = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_DEC = "^^<http://www.w3.org/2001/XMLSchema#decimal>"


def _literal(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def shared_terms_of(r: Reasons) -> list[str]:
    """The ckg:sharedTerm values of a link: the shared brand, then the heaviest shared words."""
    return list(dict.fromkeys(([r.brand] if r.brand else []) + list(r.terms)))[:MAX_SHARED_TERMS]


def link_lines(links: Iterable[Link]) -> Iterator[str]:
    """The links graph as N-Triples, one link (6 to ~12 triples) per string."""
    st, ty, fr, to, sc, sco, ste = (
        _NT[k]
        for k in ("similarTo", "type", "fromPractice", "toPractice", "score", "sharedConcept", "sharedTerm")
    )
    cls = _NT["SimilarityLink"]
    for lk in links:
        a, b, node = f"<{lk.a}>", f"<{lk.b}>", f"<{iris.similarity(lk.a, lk.b)}>"
        parts = [
            f"{a} {st} {b} .\n{b} {st} {a} .\n{node} {ty} {cls} .\n{node} {fr} {a} .\n{node} {to} {b} .\n"
            f'{node} {sc} "{lk.score:.3f}"{_DEC} .\n'
        ]
        parts += [f"{node} {sco} <{c}> .\n" for c in lk.reasons.concepts]
        parts += [f"{node} {ste} {_literal(t)} .\n" for t in shared_terms_of(lk.reasons)]
        yield "".join(parts)


LOAD_CHARS = 1 << 24  # characters of N-Triples per bulk load: ~16 M is ~20k links, ~180k triples


def _batches(lines: Iterator[str], max_chars: int) -> Iterator[str]:
    buf: list[str] = []
    size = 0
    for line in lines:
        buf.append(line)
        size += len(line)
        if size >= max_chars:
            yield "".join(buf)
            buf, size = [], 0
    if buf:
        yield "".join(buf)


def write_links(store, links: Iterable[Link], *, bulk: bool = True) -> None:
    """Write links into the links graph as N-Triples text (Oxigraph parses it natively, measured faster
    than handing it Python Quad objects). `bulk`: in bulk loads of LOAD_CHARS each, one loading in a
    thread (Oxigraph releases the GIL) while the next links and their reasons are computed. One bulk
    load of everything buffered ~1.2 GB in Oxigraph at 165k links; batches bound that. `bulk=False` for
    a few links (a bulk load costs ~0.2 s whatever its size)."""
    from kg.store import load_behind

    if not bulk:
        _load_lines(store, link_lines(links), bulk=False)
        return
    load_behind(lambda text: _load_lines(store, [text]), _batches(link_lines(links), LOAD_CHARS))


def _load_lines(store, lines: Iterable[str], *, bulk: bool = True) -> None:
    """Load N-Triples lines (held in memory: a batch, or a few links) into the links graph."""
    text = "".join(lines).encode("utf-8")
    if text:
        load = store.db.bulk_load if bulk else store.db.load
        load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=_G)


def _link_quads(db, node: ox.NamedNode) -> list[ox.Quad]:
    """A link node's quads and its similarTo pair."""
    quads = list(db.quads_for_pattern(node, None, None, _G))
    ends = [q.object for q in quads if q.predicate in (P["fromPractice"], P["toPractice"])]
    quads += [ox.Quad(a, P["similarTo"], b, _G) for a in ends for b in ends if a != b]
    return quads


def _remove(store, quads: list[ox.Quad]) -> None:
    """Remove quads in one transaction (one SPARQL DELETE DATA: measured ~4x faster than one
    Store.remove per quad)."""
    quads = list(dict.fromkeys(quads))
    for start in range(0, len(quads), 50_000):
        body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads[start : start + 50_000])
        store.db.update(f"DELETE DATA {{ GRAPH <{iris.GRAPH_LINKS}> {{ {body} }} }}")


def _drop_links(store, pairs: list[tuple[str, str]]) -> None:
    """Remove the link nodes (and similarTo pairs) of practice pairs in one update that finds the nodes'
    triples itself: reading them into Python first decodes every term (~3x slower at 2,000 links)."""
    for start in range(0, len(pairs), 5_000):
        part = pairs[start : start + 5_000]
        nodes = " ".join(f"<{iris.similarity(a, b)}>" for a, b in part)
        st = _NT["similarTo"]
        pairs_nt = " ".join(f"<{a}> {st} <{b}> . <{b}> {st} <{a}> ." for a, b in part)
        g = f"GRAPH <{iris.GRAPH_LINKS}>"
        store.db.update(
            f"DELETE {{ {g} {{ ?n ?p ?o }} }} WHERE {{ VALUES ?n {{ {nodes} }} {g} {{ ?n ?p ?o }} }} ;\n"
            f"DELETE DATA {{ {g} {{ {pairs_nt} }} }}"
        )


def _drop_practice_links(store, practices: Iterable[str]) -> None:
    """Remove every link touching the practices (found by ckg:fromPractice / ckg:toPractice)."""
    db = store.db
    quads: list[ox.Quad] = []
    for p in practices:
        node = ox.NamedNode(p)
        links = {q.subject for q in db.quads_for_pattern(None, P["fromPractice"], node, _G)}
        links |= {q.subject for q in db.quads_for_pattern(None, P["toPractice"], node, _G)}
        for link in sorted(links, key=str):
            quads += _link_quads(db, link)
        for q in db.quads_for_pattern(node, P["similarTo"], None, _G):
            quads += [q, ox.Quad(q.object, P["similarTo"], node, _G)]
    _remove(store, quads)


def count_links(store) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iris.GRAPH_LINKS}> {{ ?l ckg:fromPractice ?a }} }}"
    return int(next(iter(store.query(q)))["n"].value)


# -- the link state, saved for incremental relinks, search and reports ---------------------------------


def _covered(store) -> dict[str, str]:
    return {k: str(v.get("hash", "")) for k, v in sorted(store.bulletins.items())}


def _stamp(params: Params) -> str:
    """What must not change between the full relink and an incremental one."""
    from kg.link.text import analyzer_fingerprint

    return hashlib.sha1(
        json.dumps([STATE_VERSION, analyzer_fingerprint(), repr(params)]).encode()
    ).hexdigest()


def _state_path(store) -> Path:
    return Path(store.path) / CACHE_DIR / STATE_FILE


def save_state(store, st: LinkState) -> None:
    _dump_state(store, st).replace(_state_path(store))


# The state this process saved last by an incremental relink, while its file is unchanged: `kg add`
# renders its pages and reports with the model it just saved instead of unpickling it again (~1 s on a
# 10,000-article store). Not after a full relink: `kg build` renders once the model is out of memory.
_SAVED: tuple[Path, tuple[int, int], LinkState] | None = None


def _keep(store, st: LinkState) -> None:
    global _SAVED
    path = _state_path(store).resolve()
    _SAVED = (path, _stamp_of(path), st)


def _stamp_of(path: Path) -> tuple[int, int]:
    s = path.stat()
    return s.st_mtime_ns, s.st_size


def _saved_model(store) -> Model | None:
    """The model of the state file as this process saved it (None when the file is another)."""
    path = _state_path(store).resolve()
    if _SAVED is None or _SAVED[0] != path or not path.exists() or _SAVED[1] != _stamp_of(path):
        return None
    return _SAVED[2].model


def _dump_state(store, st: LinkState) -> Path:
    """The state pickled beside its place (moved there by the caller)."""
    path = _state_path(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(
            {
                "version": STATE_VERSION,
                "bulletins": st.bulletins,
                "stamp": st.stamp,
                "model": st.model,
                "tops": st.tops,
                "links": st.links,
            },
            fh,
            protocol=pickle.HIGHEST_PROTOCOL,
        )
    return tmp


def _read_state(store) -> LinkState | None:
    path = _state_path(store)
    if not path.exists():
        return None
    try:
        with open(path, "rb") as fh:
            d = pickle.load(fh)
        if d.get("version") != STATE_VERSION:
            return None
        return LinkState(d["model"], d["tops"], d["bulletins"], d["stamp"], d["links"])
    except Exception:  # a foreign or broken file: recompute
        return None


def load_state(store, params: Params | None = None, *, changed: set[str] = frozenset()) -> LinkState | None:
    """The saved state when it covers every bulletin of the store except those of the `changed` graphs
    (and was made with the same segmenter, vocabularies and parameters), else None."""
    st = _read_state(store)
    if st is None:
        return None
    now = _covered(store)
    keep = lambda d: {k: v for k, v in d.items() if iris.bulletin_graph(k) not in changed}  # noqa: E731
    if keep(now) != keep(st.bulletins):
        return None
    if params is not None and params != st.model.params:
        return None
    if st.stamp != _stamp(st.model.params):
        return None
    return st


def load_model(store, params: Params | None = None) -> Model:
    """The model saved by the last relink when it matches the store, else fitted afresh (not saved)."""
    kept = _saved_model(store) if params is None else None  # not to be changed: others may hold it
    if kept is not None and _SAVED[2].bulletins == _covered(store):
        return kept
    st = _read_state(store)
    if st is not None and st.bulletins == _covered(store):
        m = st.model
        if params is not None:
            m.params = params
        return m
    return fit(store, params, write_cache=False)


def same_model_links(store) -> list[Link]:
    """Every link a full relink with the saved model (its weights and candidate index) would write,
    computed from scratch: what an incremental relink must have left in the links graph."""
    st = _read_state(store)
    if st is None:
        raise ValueError(f"{store.path}: no link state")
    m = st.model
    return list(iter_links(m, link_pairs(m, compute_tops(m))))


def rows_of(m: Model, iris_: Iterable[str]) -> list[PracticeRow]:
    return [m.rows[m.index[i]] for i in iris_ if i in m.index]
