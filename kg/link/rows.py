"""Practices as plain rows read from the store, and their term bags (cached under the store folder)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kg.link.text import Analyzer, analyzer_fingerprint, get_analyzer

CONTEXT_WEIGHT = 0.5  # the article's title and lead are context for each of its practices
LEAD_MAX = 300  # characters of lead paragraph used as context


@dataclass(frozen=True)
class PracticeRow:
    iri: str
    graph: str  # the bulletin's named graph
    group: str  # what must differ for a link: the locality IRI, else the article IRI
    locality: str | None
    article: str
    text: str
    title: str  # the article title, or its title and lead paragraph (what precedes the first practice)
    date: str | None
    brand: str | None = None
    targets: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return hashlib.sha1(f"{self.title}\n{self.text}".encode()).hexdigest()[:20]


def _pairs(gs, where: str, graphs: Sequence[str] | None = None) -> Iterator[tuple[str, str]]:
    """(?s, ?o) of one simple pattern (within the given named graphs only, when given). Single-pattern
    queries joined in Python: measured ~2x faster than one query with OPTIONAL joins (and than
    quads_for_pattern scans) at 30k practices."""
    if graphs is not None:
        values = " ".join(f"<{g}>" for g in graphs)
        where = f"VALUES ?g {{ {values} }} GRAPH ?g {{ {where} }}"
    for r in gs.query(f"SELECT ?s ?o WHERE {{ {where} }}"):
        yield r[0].value, r[1].value


def read_rows(gs, graphs: Sequence[str] | None = None) -> list[PracticeRow]:
    """Every practice in the store (or in the given bulletin graphs), sorted by IRI (the order every
    later step relies on). A practice and its article, bulletin and source spans live in the bulletin's
    own graph, so reading a few graphs reads only those."""

    def pairs(where: str) -> Iterator[tuple[str, str]]:
        return _pairs(gs, where, graphs)

    if graphs is None:
        graph_of = {p: g for g, p in _pairs(gs, "GRAPH ?s { ?o a ckg:Practice }")}
    else:
        values = " ".join(f"<{g}>" for g in graphs)
        q = f"SELECT ?p ?g WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?p a ckg:Practice }} }}"
        graph_of = {r[0].value: r[1].value for r in gs.query(q)}
    text = dict(pairs("?s ckg:normalizedText ?o"))
    article = dict(pairs("?s ckg:describedIn ?o"))
    locality = dict(pairs("?s ckg:locality ?o"))
    title = dict(pairs("?s dcterms:title ?o"))
    brand = dict(pairs("?s ckg:brand ?o"))
    part_of = dict(pairs("?s dcterms:isPartOf ?o"))
    issued = dict(pairs("?s dcterms:issued ?o"))
    multi: dict[str, dict[str, set[str]]] = {}
    for name, pred in (
        ("targets", "ckg:targets"),
        ("types", "ckg:practiceType"),
        ("documents", "ckg:basedOn"),
    ):
        multi[name] = {}
        for p, o in pairs(f"?s {pred} ?o"):
            multi[name].setdefault(p, set()).add(o)
    leads = read_leads(gs, graph_of, article, graphs)
    rows = []
    for iri in sorted(graph_of):
        art = article.get(iri)
        if art is None or iri not in text:
            continue
        loc = locality.get(iri) or locality.get(art)
        rows.append(
            PracticeRow(
                iri=iri,
                graph=graph_of[iri],
                group=loc or art,
                locality=loc,
                article=art,
                text=text[iri],
                title=leads.get(art) or title.get(art) or "",
                date=issued.get(part_of.get(art, "")),
                brand=brand.get(iri),
                targets=tuple(sorted(multi["targets"].get(iri, ()))),
                types=tuple(sorted(multi["types"].get(iri, ()))),
                documents=tuple(sorted(multi["documents"].get(iri, ()))),
            )
        )
    return rows


def rows_of_bulletin(b) -> list[PracticeRow]:
    """The rows `read_rows` would read back for one bulletin's graph, made from the Bulletin itself (so
    a build need not read every practice back through SPARQL). Mirrors kg.graph.triples; a test checks
    that both give the same rows."""
    from kg.graph import iris

    graph = iris.bulletin_graph(b.key)
    date = b.date.isoformat() if b.date else None
    rows = []
    for a in b.articles:
        if not a.practices:
            continue
        art = iris.article(b.key, a.index)
        loc = iris.locality(a.locality) if a.locality else None
        title = _lead(a.quote.text, min(p.quote.start for p in a.practices) - a.quote.start) or a.title
        for p in a.practices:
            rows.append(
                PracticeRow(
                    iri=iris.practice(b.key, a.index, p.key),
                    graph=graph,
                    group=loc or art,
                    locality=loc,
                    article=art,
                    text=p.text,
                    title=title,
                    date=date,
                    brand=p.brand or None,
                    targets=tuple(sorted({iris.target_group(t) for t in p.targets})),
                    types=tuple(sorted({iris.practice_type(t) for t in p.types})),
                    documents=tuple(
                        sorted({iris.document(d.title) for d in p.documents if d.kind == "policy"})
                    ),
                )
            )
    return rows


def _lead(quote: str, cut: int) -> str:
    """The normalised opening of an article: its source text before the first practice."""
    from kg.read.normalize import flatten, normalize

    raw = quote[: max(0, cut)][: LEAD_MAX * 2]
    return flatten(normalize(raw)[0]).text.strip()[:LEAD_MAX] if raw.strip() else ""


def read_leads(
    gs, practices: dict[str, str], article: dict[str, str], graphs: Sequence[str] | None = None
) -> dict[str, str]:
    """Article IRI -> its normalised opening: title line and lead paragraph, the source text before the
    article's first practice."""
    span = dict(_pairs(gs, "?s prov:wasDerivedFrom ?o", graphs))
    start = {s: int(o) for s, o in _pairs(gs, "?s ckg:startOffset ?o", graphs)}
    first: dict[str, int] = {}
    for p in practices:
        art, at = article.get(p), start.get(span.get(p, ""))
        if art is not None and at is not None:
            first[art] = min(first.get(art, at), at)
    out = {}
    for art, quote in _pairs(gs, "?s a ckg:Article ; prov:wasDerivedFrom/ckg:quote ?o", graphs):
        at, cut = start.get(span.get(art, "")), first.get(art)
        if at is not None and cut is not None:
            out[art] = _lead(quote, cut - at)
    return out


def row_bag(an: Analyzer, row: PracticeRow) -> dict[str, float]:
    bag = an.terms(row.text)
    for t, w in an.terms(row.title, CONTEXT_WEIGHT).items():
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


def compute_bags(rows: Sequence[PracticeRow], cache_dir: Path | None = None, *, write: bool = True) -> Bags:
    """Term bags for `rows`, reusing the cache under the store folder for unchanged texts. Each fresh bag
    goes into the arrays as soon as it is made: a dict per practice costs ~5 KB, so holding them all
    first cost 1.7 GB at 350k practices. One process: a pool of two was slower at 30k practices (worker
    start-up and pickling outweigh rjieba's ~2,000 practices/s)."""
    fp = f"{analyzer_fingerprint()}-{CONTEXT_WEIGHT}-{LEAD_MAX}"
    cache = _Cache.load(cache_dir / BAG_CACHE, fp) if cache_dir else None
    an = get_analyzer()
    bags = Bags()
    for row in rows:
        if cache is None or not cache.take(row.key, bags):
            bags.add(row_bag(an, row))
    if cache_dir is not None and write:
        _save(cache_dir / BAG_CACHE, fp, [r.key for r in rows], bags)
    return bags


def _tokenise(rows: Sequence[PracticeRow]) -> list[dict[str, float]]:
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

    from kg.link import text

    if _HELPER is not None or text._ANALYZER is not None or "fork" not in mp.get_all_start_methods():
        yield
        return
    _HELPER = _Helper()
    try:
        yield
    finally:
        _HELPER.close()
        _HELPER = None


def row_bags(rows: Sequence[PracticeRow]) -> list[dict[str, float]]:
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

    def bags(self, rows: Sequence[PracticeRow]) -> list[dict[str, float]] | None:
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
