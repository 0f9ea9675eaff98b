"""Term bags: the weighted words of each practice, kept in compact arrays and cached under the store.

A bag is a practice's own text plus its article's title and lead (as context, weighted CONTEXT_WEIGHT),
through the analyzer (kg/link/text.py). `compute_bags` reuses the cache for unchanged texts; `kg add`
makes the few new bags in a helper process forked as it starts (`bag_helper`), so that the segmenter
loads while the store is opened and the new files are parsed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from kg.catalog.rows import LEAD_MAX, LinkRow
from kg.link.text import Analyzer, analyzer_built, analyzer_fingerprint, get_analyzer

CONTEXT_WEIGHT = 0.5  # the article's title and lead are context for each of its practices


def row_bag(
    an: Analyzer, row: LinkRow, context: dict[str, dict[str, float]] | None = None
) -> dict[str, float]:
    """`context`: the last title's bag, kept by the caller (an article's practices share their title and
    lead and come one after another: segmented once, not once per practice)."""
    bag = an.terms(row.text)
    ctx = context.get(row.title) if context is not None else None
    if ctx is None:
        ctx = an.terms(row.title, CONTEXT_WEIGHT)
        if context is not None:
            context.clear()
            context[row.title] = ctx
    for t, w in ctx.items():
        bag[t] = bag.get(t, 0.0) + w
    return bag


class Bags:
    """Term bags of many practices in compact arrays: term ids and weights per row."""

    def __init__(self) -> None:
        self.terms: list[str] = []
        self.term_id: dict[str, int] = {}
        self.ids: list[np.ndarray] = []
        self.wts: list[np.ndarray] = []

    def add(self, bag: dict[str, float]) -> None:
        ids = np.empty(len(bag), dtype=np.int32)
        wts = np.empty(len(bag), dtype=np.float32)
        for k, (t, w) in enumerate(sorted(bag.items())):
            i = self.term_id.get(t)
            if i is None:
                i = self.term_id[t] = len(self.terms)
                self.terms.append(t)
            ids[k], wts[k] = i, w
        self.ids.append(ids)
        self.wts.append(wts)

    def __len__(self) -> int:
        return len(self.ids)


CACHE_DIR = "link"
BAG_CACHE = "bags.npz"


class MissingBag(KeyError):
    """A row known only by its key (no text) whose bag is not in the cache."""


def compute_bags(
    rows: Sequence[LinkRow],
    cache_dir: Path | None = None,
    *,
    write: bool = True,
    keys: Sequence[str] | None = None,
    fresh: dict[str, dict[str, float]] | None = None,
) -> Bags:
    """Term bags for `rows`, reusing the cache under the store folder for unchanged texts. Each fresh bag
    goes into the arrays as soon as it is made: a dict per practice costs ~5 KB, so holding them all
    first cost 1.7 GB at 350k practices. One process: a pool of two was slower at 30k practices (worker
    start-up and pickling outweigh rjieba's ~2,000 practices/s).

    `keys` (instead of the rows' own): rows kept by the link state without their texts, whose bags must
    come from the cache or from `fresh` (key -> bag, made already); one found in neither raises
    MissingBag. The Bags are the same whichever way a bag came (term ids by first appearance)."""
    fp = f"{analyzer_fingerprint()}-{CONTEXT_WEIGHT}-{LEAD_MAX}"
    cache = _Cache.load(cache_dir / BAG_CACHE, fp) if cache_dir else None
    an: Analyzer | None = None
    bags = Bags()
    context: dict[str, dict[str, float]] = {}  # an article's title terms, segmented once
    for n, row in enumerate(rows):
        key = row.key if keys is None else keys[n]
        if cache is not None and cache.take(key, bags):
            continue
        bag = fresh.get(key) if fresh else None
        if bag is None:
            if keys is not None:
                raise MissingBag(key)
            an = an or get_analyzer()
            bag = row_bag(an, row, context)
        bags.add(bag)
    if cache_dir is not None and write:
        _save(cache_dir / BAG_CACHE, fp, [r.key for r in rows] if keys is None else keys, bags)
    return bags


def _tokenise(rows: Sequence[LinkRow]) -> list[dict[str, float]]:
    """Term bags of rows. One process: a pool of two was slower at 30k practices (worker start-up and
    pickling outweigh rjieba's ~2,000 practices/s)."""
    an = get_analyzer()
    return [row_bag(an, r) for r in rows]


# -- term bags of a few rows, made by a helper process that loads the segmenter ahead of need ---------------

_HELPER: _Helper | None = None
HELPER_WAIT = 120.0  # seconds; the segmenter loads in ~1 s (jieba without rjieba: a few)


@contextmanager
def bag_helper() -> Iterator[None]:
    """Within the block, `row_bags` is served by a process forked as the block starts, which builds the
    segmenter at once: jieba's dictionary loads twice (~0.7 s, most of a small `kg add`'s tokenising)
    while this process opens the store, parses the new files and loads the link state. Without fork, or
    with the segmenter already built here, bags are made here."""
    global _HELPER
    import multiprocessing as mp

    if _HELPER is not None or analyzer_built() or "fork" not in mp.get_all_start_methods():
        yield
        return
    _HELPER = _Helper()
    try:
        yield
    finally:
        _HELPER.close()
        _HELPER = None


def row_bags(rows: Sequence[LinkRow]) -> list[dict[str, float]]:
    """Term bags of rows (by the helper process when one is running)."""
    if _HELPER is not None and rows:
        out = _HELPER.bags(rows)
        if out is not None:
            return out
    return _tokenise(rows)


class _Helper:
    """One forked process: builds the segmenter, answers one request of rows with their bags, ends."""

    def __init__(self) -> None:
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, os.getpid()), name="kg-bags", daemon=True)
        self.proc.start()
        child.close()

    def bags(self, rows: Sequence[LinkRow]) -> list[dict[str, float]] | None:
        """The bags, or None when the helper failed (the caller then makes them itself)."""
        try:
            self.conn.send(list(rows))
            if not self.conn.poll(HELPER_WAIT):  # stuck (say, a lock held at the fork): do without it
                return None
            return self.conn.recv()
        except (EOFError, OSError):
            return None

    def close(self) -> None:
        self.conn.close()
        if self.proc.is_alive():
            self.proc.kill()  # not asked (nothing new to link): its segmenter is not needed
        self.proc.join()


def _serve(conn, parent: int | None = None) -> None:
    from kg.lifetime import die_with_parent

    die_with_parent(parent)  # a killed `kg add` must not leave its helper running
    try:
        get_analyzer()
        rows = conn.recv()
        conn.send(_tokenise(rows))
    except BaseException:  # noqa: BLE001 - the parent sees EOF and tokenises itself, reporting any error
        pass
    finally:
        conn.close()


def _save(path: Path, fp: str, keys: Iterable[str], bags: Bags) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lens = np.array([len(x) for x in bags.ids], dtype=np.int64)
    indptr = np.concatenate([[0], np.cumsum(lens)])
    tmp = path.with_name(path.name + ".tmp.npz")
    np.savez(
        tmp,
        fp=np.array(fp),
        terms=np.array("\n".join(bags.terms)),
        keys=np.array("\n".join(keys)),
        indptr=indptr,
        ids=np.concatenate(bags.ids) if bags.ids else np.zeros(0, np.int32),
        wts=np.concatenate(bags.wts) if bags.wts else np.zeros(0, np.float32),
    )
    tmp.replace(path)


class _Cache:
    """A bag cache file read back as arrays; `take` copies one row into a Bags, remapping term ids."""

    def __init__(
        self, terms: list[str], keys: list[str], indptr: np.ndarray, ids: np.ndarray, wts: np.ndarray
    ):
        self.terms, self.indptr, self.ids, self.wts = terms, indptr, ids, wts
        self.pos = {k: n for n, k in enumerate(keys)}
        self.remap = np.full(len(terms), -1, dtype=np.int64)

    @classmethod
    def load(cls, path: Path, fp: str) -> _Cache | None:
        if not path.exists():
            return None
        try:
            z = np.load(path)
            if str(z["fp"]) != fp:
                return None
            keys = str(z["keys"]).split("\n") if str(z["keys"]) else []
            return cls(str(z["terms"]).split("\n"), keys, z["indptr"], z["ids"], z["wts"])
        except (OSError, ValueError, KeyError):
            return None

    def take(self, key: str, bags: Bags) -> bool:
        n = self.pos.get(key)
        if n is None:
            return False
        a, b = self.indptr[n], self.indptr[n + 1]
        old = self.ids[a:b]
        for i in old[self.remap[old] < 0].tolist():
            t = self.terms[i]
            j = bags.term_id.get(t)
            if j is None:
                j = bags.term_id[t] = len(bags.terms)
                bags.terms.append(t)
            self.remap[i] = j
        bags.ids.append(self.remap[old].astype(np.int32))
        bags.wts.append(self.wts[a:b].copy())
        return True
