"""The link stage over a store: `relink` orders the parts, each in its own module.

    rows      kg/catalog/rows.py   the practices as LinkRows (from the store, or handed over by a build)
    bags      kg/link/bags.py      their term bags (cached by content hash)
    maths     kg/link/model.py, engine.py, pairs.py   the model, candidates, top lists, links, reasons
    state     kg/link/state.py     the model and lists kept for the next relink
    writing   kg/link/write.py     the links graph

Links are a function of the set of practices only: every relink fits the model on all of them and scores
every row through one entry point (`score`), whatever the order and split in which they came. So `kg add`
and `kg remove` hold exactly the links and scores a `kg build` of the same files holds (tests/
test_add_equals_build.py) -- the weights (IDF, concept specificity, type profiles) depend on every
practice, so an added bulletin moves scores anywhere in the collection.

Full relink (`changed=None`, `kg build`): read every practice (or take them from the build), make their
bags, score, write the links graph in one streamed bulk load, and keep the state (the model, the lists,
each row's bag key, each link's digest), stamped with the bulletins it covers.

Changed graphs (`kg add`, `kg remove`): the state gives every unchanged practice without reading the
store (its row without texts, its bag from the cache by key); only the practices of the changed graphs
are read and segmented. The same `score` runs over them all, and the links whose triples differ from
the saved digests (new, gone, or with another score or reasons) are removed and written; the rest of
the links graph is left as it is. A missing, stale or inconsistent state (other bulletins, vocabularies,
segmenter or parameters; a bag not in the cache) falls back to a full relink reading the store.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np

from kg import faults
from kg.catalog.rows import LinkRow, read_rows
from kg.catalog.scheme import read_scheme
from kg.link import write
from kg.link.bags import CACHE_DIR, Bags, MissingBag, compute_bags, row_bags
from kg.link.engine import Tops, compute_tops, semantic_candidates
from kg.link.model import Model, Params
from kg.link.pairs import iter_links, link_pairs
from kg.link.state import (
    DIGEST,
    LinkState,
    covered,
    dump_state,
    keep,
    load_state,
    read_state,
    save_state,
    stamp,
    state_path,
)
from kg.model import SimilarityLink
from kg.semantic.practice import semantic_dir

BULK_MIN_LINKS = (
    500  # a relink of changed graphs bulk-loads its new links from this many (a bulk load has a fixed cost)
)


def relink(
    store,
    changed: list[str] | None = None,
    params: Params | None = None,
    *,
    rows: list[LinkRow] | None = None,
    timings: dict[str, float] | None = None,
    tap: Callable[[SimilarityLink], None] | None = None,
) -> int:
    """Recompute similarity links in `store` (a writable GraphStore); return the number of links held.
    `rows`, for a full relink: every practice of the store, when the caller has them already (a build
    takes them from the bulletins it writes; else they are read from the store). `timings`, when given,
    receives the seconds spent per part. `tap`, for a full relink: called with every link as it is
    written (a build hands them to its views)."""
    clock = _Clock(timings)
    if changed is not None:
        st = load_state(store, params, changed=set(changed))
        clock.lap("load")
        if st is not None:
            try:
                return _relink_changed(store, st, set(changed), clock)
            except MissingBag:  # the bag cache lost a row: read every practice again
                pass
    return _relink_all(store, params, clock, rows, tap)


def score(store, rows: list[LinkRow], bags: Bags, params: Params | None) -> tuple[Model, Tops, list]:
    """The one scoring entry point of build, add and remove: the model fitted on every practice (rows
    sorted by IRI, one per IRI, bags in the same order), every row's candidates and top list, and the
    links (first, second, score) in link_pairs order. Its result depends on the set of rows only."""
    m = Model(rows, bags, read_scheme(store), params, semantic=semantic_dir(store))
    t = _tops(m)
    return m, t, link_pairs(m, t)


# -- the two heavy passes over every row, in two processes -------------------------------------------

PARALLEL_MIN_ROWS = 4_000  # below this a second process costs more than it saves (~0.1 s to start)
_SHARED: dict = {}  # what the forked workers read: inherited at the fork, never pickled


def _tops(m: Model) -> Tops:
    """compute_tops(m), its rows split between two forked processes on a large collection: every row's
    lists are computed on their own (engine: "links do not depend on which other rows were computed
    with it"), so the halves put together are the lists of one pass."""
    if m.n < PARALLEL_MIN_ROWS:
        return compute_tops(m)
    m.candidate_matrices()  # the pruned index, built once here and shared by both workers
    semantic_candidates(m, np.arange(1))  # and the semantic neighbours above exact_max (3.9 s CPU at 35k)
    halves = np.array_split(np.arange(m.n), 2)
    _SHARED["model"] = m
    try:
        parts = _in_two(_tops_of, halves)
    finally:
        _SHARED.clear()
    t = Tops.empty(m.n, m.params)
    for rows, (cand, cval, top, sc) in zip(halves, parts, strict=True):
        t.cand[rows], t.cval[rows], t.top[rows], t.score[rows] = cand, cval, top, sc
    return t


def _tops_of(rows: np.ndarray) -> tuple[np.ndarray, ...]:
    t = compute_tops(_SHARED["model"], rows)
    return t.cand[rows], t.cval[rows], t.top[rows], t.score[rows]


def _in_two(fn, parts: list) -> list:
    """[fn(part) for part in parts] in two forked worker processes (they die with this one); here
    when fork is not available."""
    import multiprocessing as mp
    import os

    if "fork" not in mp.get_all_start_methods():
        return [fn(part) for part in parts]
    from kg.lifetime import worker_init

    with mp.get_context("fork").Pool(2, initializer=worker_init, initargs=(os.getpid(),)) as pool:
        return pool.map(fn, parts, chunksize=1)


def _relink_all(
    store,
    params: Params | None,
    clock: _Clock,
    rows: list[LinkRow] | None = None,
    tap: Callable[[SimilarityLink], None] | None = None,
) -> int:
    rows = read_rows(store) if rows is None else _sorted(rows)
    clock.lap("read")
    keys = [r.key for r in rows]
    bags = compute_bags(rows, Path(store.path) / CACHE_DIR)
    clock.lap("tokenise")
    m, t, pairs = score(store, rows, bags, params)
    clock.lap("score")
    sentences_kept = _keep_sentences_beside(store, m, rows)  # while the links are written
    del rows, bags
    clock.count(practices=m.n, links_added=len(pairs))
    write.drop_graph(store)  # never there in a new store (kg build)
    clock.lap("drop")
    digests = np.zeros(len(pairs), DIGEST)
    links = _digested(iter_links(m, pairs), digests)
    write.write_links(store, links if tap is None else _tapped(links, tap))
    clock.lap("write")
    sentences_kept()
    clock.lap("sentences")
    save_state(store, LinkState(m, t, covered(store), stamp(m.params), len(pairs), keys, digests))
    clock.lap("save")
    return len(pairs)


def _keep_sentences(store, m: Model, rows: list[LinkRow]) -> None:
    """The practices' sentences and term bags beside the store (kg.link.sentbags), for the reports'
    explanations: only with the semantic layer, only texts not kept yet."""
    if m.sem is None:
        return
    import sqlite3

    from kg.link.sentbags import store_sentences

    try:
        store_sentences(semantic_dir(store), (r.text for r in rows))
    except (OSError, sqlite3.Error):
        pass  # an aid to the reports only: without it they cut the texts again, as before


def _keep_sentences_beside(store, m: Model, rows: list[LinkRow]):
    """_keep_sentences in a forked process on a large collection, beside the links being written (the
    other core is free then); returns what waits for it. Here when small, or without fork."""
    import multiprocessing as mp
    import os

    if m.sem is None or len(rows) < PARALLEL_MIN_ROWS or "fork" not in mp.get_all_start_methods():
        _keep_sentences(store, m, rows)
        return lambda: None
    from kg.lifetime import worker_init

    def child(parent: int) -> None:
        worker_init(parent)
        _keep_sentences(store, m, rows)

    proc = mp.get_context("fork").Process(target=child, args=(os.getpid(),), daemon=True)
    proc.start()
    return proc.join


def _tapped(
    links: Iterator[SimilarityLink], tap: Callable[[SimilarityLink], None]
) -> Iterator[SimilarityLink]:
    for lk in links:
        tap(lk)
        yield lk


def _sorted(rows: list[LinkRow]) -> list[LinkRow]:
    """Sorted by IRI and one row per IRI (the first), as read_rows gives them."""
    return sorted({r.iri: r for r in reversed(rows)}.values(), key=lambda r: r.iri)


def _relink_changed(store, st: LinkState, graphs: set[str], clock: _Clock) -> int:
    kept = [(r, k) for r, k in zip(st.stubs(), st.keys, strict=True) if r.graph not in graphs]
    new = read_rows(store, graphs=sorted(graphs))
    clock.lap("read")
    fresh = dict(zip((r.key for r in new), row_bags(new), strict=True)) if new else {}
    both = sorted([*kept, *((r, r.key) for r in new)], key=lambda rk: rk[0].iri)
    rows, keys = [r for r, _ in both], [k for _, k in both]
    bags = compute_bags(rows, Path(store.path) / CACHE_DIR, keys=keys, fresh=fresh)
    clock.lap("tokenise")
    m, t, pairs = score(store, rows, bags, st.model.params)
    del rows, bags, both, kept
    clock.lap("score")
    _keep_sentences(store, m, new)
    clock.lap("sentences")
    # the links graph holds the old state's links: remove those that vanished or differ, write the rest
    old = _old_links(st)
    iri = m.cols["iri"]
    if len(pairs) < PARALLEL_MIN_ROWS * 4:
        digests, load, drop = _differing(m, pairs, old)
    else:
        spans = [(0, len(pairs) // 2), (len(pairs) // 2, len(pairs))]
        _SHARED.update(model=m, pairs=pairs, old=old)
        try:
            parts = _in_two(_differing_in, spans)
        finally:
            _SHARED.clear()
        digests = np.concatenate([d for d, _, _ in parts])
        load = [lk for _, links, _ in parts for lk in links]
        drop = [key for _, _, keys in parts for key in keys]
    now = {(iri[i], iri[j]) for i, j, _ in pairs}
    drop += [key for key in old if key not in now]
    clock.count(practices=m.n, links_removed=len(drop), links_added=len(load))
    clock.lap("diff")
    write.drop_links(store, drop)  # first: a link that differs is the same node, written again below
    faults.point("link:after-drop")
    # many: in bulk loads of bounded size (rewriting 164k links in one bulk load peaked at 3.9 GB)
    if len(load) > BULK_MIN_LINKS:
        write.write_links(store, load)
    else:
        write.load_lines(store, write.link_lines(load), bulk=False)
    clock.lap("write")
    faults.point("link:before-state")
    st = LinkState(m, t, covered(store), stamp(m.params), len(pairs), keys, digests)
    tmp = dump_state(store, st)
    tmp.replace(state_path(store))
    keep(store, st)
    clock.lap("save")
    return len(pairs)


def _differing(
    m: Model, pairs: list, old: dict
) -> tuple[np.ndarray, list[SimilarityLink], list[tuple[str, str]]]:
    """(every link's digest, the links not held as they are, the held links that differ: to be removed
    first)."""
    digests = np.zeros(len(pairs), DIGEST)
    load: list[SimilarityLink] = []
    drop: list[tuple[str, str]] = []
    for n, lk in enumerate(_digested(iter_links(m, pairs), digests)):
        was = old.get((lk.a, lk.b))
        if was == digests[n]:
            continue
        if was is not None:
            drop.append((lk.a, lk.b))
        load.append(lk)
    return digests, load, drop


def _differing_in(span: tuple[int, int]):
    a, b = span
    return _differing(_SHARED["model"], _SHARED["pairs"][a:b], _SHARED["old"])


def _old_links(st: LinkState) -> dict[tuple[str, str], bytes]:
    """The links the state's model and lists hold (what the links graph holds): (first, second) IRIs ->
    digest of their triples."""
    iri = st.model.cols["iri"]
    pairs = link_pairs(st.model, st.tops)
    return {(iri[i], iri[j]): d for (i, j, _), d in zip(pairs, st.digests.tolist(), strict=True)}


def _digested(links: Iterable[SimilarityLink], out: np.ndarray) -> Iterator[SimilarityLink]:
    """The links, each one's digest put in `out` (in order) as it passes: a hash of what its triples
    are made of (write.link_lines), ends, score, concepts and shared terms."""
    for n, lk in enumerate(links):
        what = (lk.a, lk.b, f"{lk.score:.3f}", lk.reasons.concepts, write.shared_terms_of(lk.reasons))
        out[n] = hashlib.blake2b(repr(what).encode("utf-8"), digest_size=8).digest()
        yield lk


def same_model_links(store) -> list[SimilarityLink]:
    """Every link a full relink with the saved model (its weights and candidate index) would write,
    computed from scratch: what the links graph must hold."""
    st = read_state(store)
    if st is None:
        raise ValueError(f"{store.path}: no link state")
    m = st.model
    return list(iter_links(m, link_pairs(m, compute_tops(m))))


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
