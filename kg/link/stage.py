"""The link stage over a store: `relink` orders the parts, each in its own module.

    rows      kg/catalog/rows.py   the practices as LinkRows (from the store, or handed over by a build)
    bags      kg/link/bags.py      their term bags (cached)
    maths     kg/link/model.py, engine.py, pairs.py   the model, candidates, top lists, links, reasons
    state     kg/link/state.py     the model and lists kept for the next incremental relink
    writing   kg/link/write.py     the links graph

Full relink (`changed=None`): read every practice, fit the model, compute every row's candidates and top
links, write the links graph in one streamed bulk load, and keep the model with those lists (the link
state, stamped with the bulletins it covers).

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

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from kg.catalog.rows import LinkRow, read_rows
from kg.catalog.scheme import read_scheme
from kg.link import write
from kg.link.bags import CACHE_DIR, compute_bags, row_bags
from kg.link.engine import Tops, compute_tops, update_tops
from kg.link.model import Model, Params
from kg.link.pairs import iter_links, link_pairs, links_touching, ordered_pairs
from kg.link.state import (
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
    500  # an incremental relink bulk-loads its new links from this many (a bulk load has a fixed cost)
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
            return _relink_changed(store, st, set(changed), clock)
    return _relink_all(store, params, clock, rows, tap)


def _relink_all(
    store,
    params: Params | None,
    clock: _Clock,
    rows: list[LinkRow] | None = None,
    tap: Callable[[SimilarityLink], None] | None = None,
) -> int:
    if rows is None:
        rows = read_rows(store)
    else:  # sorted by IRI and one row per IRI, as read_rows gives them
        rows = sorted({r.iri: r for r in reversed(rows)}.values(), key=lambda r: r.iri)
    clock.lap("read")
    bags = compute_bags(rows, Path(store.path) / CACHE_DIR)
    clock.lap("tokenise")
    m = Model(rows, bags, read_scheme(store), params, semantic=semantic_dir(store))
    del rows, bags
    clock.lap("fit")
    t = compute_tops(m)
    clock.lap("top-k")
    pairs = link_pairs(m, t)
    clock.count(practices=m.n, links_added=len(pairs))
    write.drop_graph(store)  # never there in a new store (kg build)
    clock.lap("drop")
    links = iter_links(m, pairs)
    write.write_links(store, links if tap is None else _tapped(links, tap))
    clock.lap("write")
    save_state(store, LinkState(m, t, covered(store), stamp(m.params), len(pairs)))
    clock.lap("save")
    return len(pairs)


def _tapped(
    links: Iterator[SimilarityLink], tap: Callable[[SimilarityLink], None]
) -> Iterator[SimilarityLink]:
    for lk in links:
        tap(lk)
        yield lk


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
    write.drop_practice_links(store, doomed_iris)
    st.links += -gone_with_them - len(gone) + len(added)
    st.bulletins = covered(store)
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
        pending = [writer.submit(write.drop_links, store, [(iri[k // n], iri[k % n]) for k in gone.tolist()])]
        lines = list(write.link_lines(iter_links(m, ordered_pairs(m, t, added))))
        pending.append(writer.submit(write.load_lines, store, lines, bulk=len(added) > BULK_MIN_LINKS))
        tmp = dump_state(store, st)
        try:
            for job in pending:
                job.result()
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    tmp.replace(state_path(store))
    keep(store, st)


def same_model_links(store) -> list[SimilarityLink]:
    """Every link a full relink with the saved model (its weights and candidate index) would write,
    computed from scratch: what an incremental relink must have left in the links graph."""
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
