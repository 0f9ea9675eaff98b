"""Practices as plain rows read from the store, and their term bags (cached under the store folder)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
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


_MAIN = """
SELECT ?p ?g ?text ?art ?loc ?title ?brand ?date WHERE {
  GRAPH ?g { ?p a ckg:Practice ; ckg:normalizedText ?text ; ckg:describedIn ?art .
             OPTIONAL { ?p ckg:locality ?ploc } OPTIONAL { ?art ckg:locality ?aloc }
             OPTIONAL { ?art dcterms:title ?title } OPTIONAL { ?p ckg:brand ?brand }
             OPTIONAL { ?art dcterms:isPartOf/dcterms:issued ?date } }
  BIND(COALESCE(?ploc, ?aloc) AS ?loc)
}"""
_MULTI = "SELECT ?p ?o WHERE { GRAPH ?g { ?p a ckg:Practice ; %s ?o } }"
_LEADS = """
SELECT ?art ?ao ?aq (MIN(?po) AS ?first) WHERE {
  ?p a ckg:Practice ; ckg:describedIn ?art ; prov:wasDerivedFrom ?ps . ?ps ckg:startOffset ?po .
  ?art prov:wasDerivedFrom ?as . ?as ckg:startOffset ?ao ; ckg:quote ?aq
} GROUP BY ?art ?ao ?aq"""


def read_leads(gs) -> dict[str, str]:
    """Article IRI -> its normalised opening (title line and lead paragraph, before the first practice)."""
    from kg.read.normalize import flatten, normalize

    out = {}
    for r in gs.query(_LEADS):
        try:
            cut = int(r["first"].value) - int(r["ao"].value)
        except (TypeError, ValueError):
            continue
        raw = r["aq"].value[: max(0, cut)][: LEAD_MAX * 2]
        if raw.strip():
            out[r["art"].value] = flatten(normalize(raw)[0]).text.strip()[:LEAD_MAX]
    return out


def read_rows(gs) -> list[PracticeRow]:
    """Every practice in the store, sorted by IRI (the order every later step relies on)."""
    multi: dict[str, dict[str, list[str]]] = {"targets": {}, "types": {}, "documents": {}}
    for name, pred in (
        ("targets", "ckg:targets"),
        ("types", "ckg:practiceType"),
        ("documents", "ckg:basedOn"),
    ):
        for r in gs.query(_MULTI % pred):
            multi[name].setdefault(r["p"].value, []).append(r["o"].value)
    leads = read_leads(gs)
    rows: dict[str, PracticeRow] = {}
    for r in gs.query(_MAIN):
        iri = r["p"].value
        if iri in rows:
            continue
        loc = r["loc"].value if r["loc"] is not None else None
        art = r["art"].value

        def get(var: str, _r=r) -> str | None:
            v = _r[var]
            return v.value if v is not None else None

        rows[iri] = PracticeRow(
            iri=iri,
            graph=r["g"].value,
            group=loc or art,
            locality=loc,
            article=art,
            text=r["text"].value,
            title=leads.get(art) or get("title") or "",
            date=get("date"),
            brand=get("brand"),
            targets=tuple(sorted(set(multi["targets"].get(iri, ())))),
            types=tuple(sorted(set(multi["types"].get(iri, ())))),
            documents=tuple(sorted(set(multi["documents"].get(iri, ())))),
        )
    return [rows[k] for k in sorted(rows)]


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
    """Term bags for `rows`, reusing the cache under the store folder for unchanged texts."""
    an = get_analyzer()
    fp = f"{analyzer_fingerprint()}-{CONTEXT_WEIGHT}-{LEAD_MAX}"
    cache = _Cache.load(cache_dir / BAG_CACHE, fp) if cache_dir else None
    bags = Bags()
    for row in rows:
        if cache is None or not cache.take(row.key, bags):
            bags.add(row_bag(an, row))
    if cache_dir is not None and write:
        _save(cache_dir / BAG_CACHE, fp, [r.key for r in rows], bags)
    return bags


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
