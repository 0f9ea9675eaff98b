"""The report as plain data (built once, rendered to JSON, Markdown, HTML or Word).

By locality: each of its practices with the stored similar practices of other localities (the links graph,
best first, the best practice of each article) and the reasons, and a timeline of that group (who reported
first, who followed); by text: one entry whose practice is None, ranked live against every practice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.link.engine import Reasons
from kg.report import data
from kg.report.data import PracticeInfo
from kg.report.timeline import Step, steps_for


@dataclass(frozen=True)
class Why:
    targets: tuple[str, ...] = ()  # labels of shared target groups
    types: tuple[str, ...] = ()  # labels of shared practice types
    terms: tuple[str, ...] = ()
    brand: str | None = None
    documents: tuple[str, ...] = ()  # titles

    def shared(self) -> list[str]:
        """Flat list for the JSON `shared` field: concepts, brand, documents, then words."""
        docs = [f"《{d}》" for d in self.documents]
        items = [*self.targets, *self.types, *([self.brand] if self.brand else []), *docs, *self.terms]
        return list(dict.fromkeys(items))


@dataclass(frozen=True)
class Match:
    practice: PracticeInfo
    score: float
    why: Why


@dataclass
class Entry:
    practice: PracticeInfo | None
    similar: list[Match] = field(default_factory=list)
    timeline: list[Step] = field(default_factory=list)


@dataclass
class Report:
    kind: str  # locality | text
    value: str  # the locality's label, or the query text
    entries: list[Entry]
    corpus: dict
    top: int


def _why(m, r: Reasons) -> Why:
    """Labels for concepts (documents stay IRIs until _fill_document_titles); a word already inside a
    named concept (书记 after 村党组织书记) is not repeated."""
    targets = tuple(m.scheme.label(c) for c in r.targets)
    types = tuple(m.scheme.label(c) for c in r.types)
    named = targets + types + ((r.brand,) if r.brand else ())
    terms = tuple(t for t in r.terms if not any(t in x for x in named))
    return Why(targets=targets, types=types, terms=terms, brand=r.brand, documents=r.documents)


def _doc_titles(gs, iris: set[str]) -> dict[str, str]:
    if not iris:
        return {}
    vals = " ".join(data.iri(i) for i in sorted(iris))
    return {
        r["d"].value: r["t"].value
        for r in gs.query(f"SELECT ?d ?t WHERE {{ VALUES ?d {{ {vals} }} ?d dcterms:title ?t }}")
    }


def by_locality(gs, name: str, top: int = 5, *, model=None) -> Report:
    loc_iri, label = data.resolve_locality(gs, name)
    return for_locality(gs, loc_iri, label, top, model=model)


class _Live:
    """The store questions of a report, asked one at a time (one report); a `kg.report.catalog.Catalog`
    answers the same from memory (many reports)."""

    def __init__(self, gs) -> None:
        self.gs = gs

    def within(self, loc: str) -> set[str]:
        return data.within(self.gs, loc)

    def practices_of(self, locs: set[str]) -> list[str]:
        return data.practices_of(self.gs, locs)

    def links_of(self, p: str) -> list[tuple[str, float]]:
        return data.links_of(self.gs, p)

    def practices(self, iris) -> dict[str, PracticeInfo]:
        return data.practices(self.gs, iris)

    def corpus_summary(self) -> dict:
        return data.corpus_summary(self.gs)


def for_locality(gs, loc_iri: str, label: str, top: int = 5, *, model=None, source=None) -> Report:
    """The report of a known locality; source: where facts come from (default: the store, live)."""
    from kg.link import load_model
    from kg.link.engine import reasons

    src = source or _Live(gs)
    own = src.within(loc_iri)
    mine = src.practices_of(own)
    m = model or load_model(gs)
    pairs = {p: [(o, s) for o, s in src.links_of(p)] for p in mine}
    infos = src.practices(set(mine) | {o for lst in pairs.values() for o, _ in lst})
    entries = []
    for p in sorted(mine, key=lambda x: _order_key(infos.get(x))):
        lst = _one_per_article(
            [(o, s) for o, s in pairs[p] if o in infos and infos[o].locality_iri not in own], infos
        )[:top]
        matches = []
        for o, s in lst:
            if p in m.index and o in m.index:
                r = reasons(m, m.index[p], m.index[o])
            else:
                r = _stored_reasons(gs, p, o)
            matches.append(Match(infos[o], s, _why(m, r)))
        group = [infos[p]] + [mt.practice for mt in matches] if p in infos else []
        entries.append(Entry(infos.get(p), matches, steps_for(group) if matches else []))
    _fill_document_titles(gs, entries)
    return Report(
        "locality", label, [e for e in entries if e.practice is not None], src.corpus_summary(), top
    )


def by_text(gs, text: str, top: int = 5, *, model=None) -> Report:
    from kg.link import load_model, search_model

    m = model or load_model(gs)
    hits = search_model(m, text, top)
    infos = data.practices(gs, [h[0] for h in hits])
    matches = [Match(infos[p], s, _why(m, r)) for p, s, r in hits if p in infos]
    entry = Entry(None, matches, [])
    _fill_document_titles(gs, [entry])
    return Report("text", text.strip(), [entry], data.corpus_summary(gs), top)


def _fill_document_titles(gs, entries: list[Entry]) -> None:
    docs = {d for e in entries for mt in e.similar for d in mt.why.documents}
    titles = _doc_titles(gs, docs)
    for e in entries:
        e.similar = [
            Match(
                mt.practice,
                mt.score,
                Why(
                    mt.why.targets,
                    mt.why.types,
                    mt.why.terms,
                    mt.why.brand,
                    tuple(titles.get(d, d) for d in mt.why.documents),
                ),
            )
            for mt in e.similar
        ]


def _one_per_article(
    pairs: list[tuple[str, float]], infos: dict[str, PracticeInfo]
) -> list[tuple[str, float]]:
    """Keep the best practice of each article: a list of who does something similar names each article
    once (the graph keeps every link)."""
    out, seen = [], set()
    for o, s in pairs:
        art = infos[o].article_iri or o
        if art not in seen:
            seen.add(art)
            out.append((o, s))
    return out


def _stored_reasons(gs, a: str, b: str) -> Reasons:
    """Reasons read back from the link node (when the saved model does not know a practice)."""
    from kg.graph import iris

    node = data.iri(iris.similarity(a, b))
    cs = sorted(r["c"].value for r in gs.query(f"SELECT ?c WHERE {{ {node} ckg:sharedConcept ?c }}"))
    ts = sorted(r["t"].value for r in gs.query(f"SELECT ?t WHERE {{ {node} ckg:sharedTerm ?t }}"))
    return Reasons(
        targets=tuple(c for c in cs if "/target-group/" in c),
        types=tuple(c for c in cs if "/practice-type/" in c),
        terms=tuple(ts),
    )


def _order_key(info: PracticeInfo | None) -> tuple:
    if info is None:
        return ("9999", "", "")
    return (info.date or "9999", info.article, info.id)


def to_json(rep: Report) -> dict:
    """Exactly the CONTRACT.md shape."""
    return {
        "query": {"kind": rep.kind, "value": rep.value},
        "results": [
            {
                "practice": e.practice.contract() if e.practice else None,
                "similar": [
                    {
                        "practice": mt.practice.contract(),
                        "score": round(mt.score, 3),
                        "shared": mt.why.shared(),
                    }
                    for mt in e.similar
                ],
            }
            for e in rep.entries
        ],
    }
