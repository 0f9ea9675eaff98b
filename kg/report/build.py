"""The report as plain data (built once, rendered to JSON, Markdown, HTML or Word).

By locality: each of its practices with the stored similar practices of other localities (the links graph,
best first, the best practice of each article) and the reasons, and a timeline of that group (who reported
first, who followed); by text: one entry whose practice is None, ranked live against every practice.
Every fact comes from the catalog (kg/catalog/): `read_around` for one locality, `read_catalog` when
`kg build` writes every locality's report.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from kg.catalog.catalog import Catalog, read_around
from kg.catalog.counts import corpus_summary
from kg.catalog.places import locality_names, practices_at, within
from kg.catalog.practices import read_practices
from kg.catalog.records import Practice
from kg.errors import ReportError
from kg.graph import iris
from kg.model import Reasons
from kg.report import cite
from kg.report.timeline import Step, steps_for


@dataclass(frozen=True)
class Why:
    targets: tuple[str, ...] = ()  # labels of shared target groups
    types: tuple[str, ...] = ()  # labels of shared practice types
    terms: tuple[str, ...] = ()
    brand: str | None = None
    documents: tuple[str, ...] = ()  # titles
    sentences: tuple[str, ...] = ()  # (a sentence of one, a sentence of the other) that agree most

    def shared(self) -> list[str]:
        """Flat list for the JSON `shared` field: concepts, brand, documents, then words."""
        docs = [f"《{d}》" for d in self.documents]
        items = [*self.targets, *self.types, *([self.brand] if self.brand else []), *docs, *self.terms]
        return list(dict.fromkeys(items))


@dataclass(frozen=True)
class Match:
    practice: Practice
    score: float
    why: Why
    band: str = ""  # the calibrated score in words: 做法相同 / 相关 / 较弱 (kg.link.model.BANDS)
    duplicates: tuple[Practice, ...] = ()  # the same measure reported elsewhere (folded into this one)


@dataclass
class Entry:
    practice: Practice | None
    similar: list[Match] = field(default_factory=list)
    timeline: list[Step] = field(default_factory=list)


@dataclass
class Report:
    kind: str  # locality | text
    value: str  # the locality's label, or the query text
    entries: list[Entry]
    corpus: dict
    top: int
    source_text: bool = False  # also give each practice's exact source text (`kg similar --source-text`)
    also: tuple[str, ...] = ()  # formal terms a free text was searched as too (kg.link.expand)


def build_report(
    gs: Any,
    target: str,
    *,
    is_text: bool = False,
    top: int = 5,
    model: Any = None,
    fill: bool = True,
    source_text: bool = False,
) -> Report:
    """The report as data. `fill` (a locality): practices with fewer stored links than `top` get the next
    best practices ranked live (weaker, and marked so by their band), and every match its two agreeing
    sentences; off, the stored links only. `source_text`: the renderers add each practice's exact source
    text (the text its citation's offsets point into) beside the clean display text."""
    if not target or not target.strip():
        raise ReportError("没有可比较的内容：请给出地方名，或用 --text 给出一段做法描述")
    if top < 1:
        raise ReportError(f"--top 至少为 1（收到 {top}）")
    if is_text:
        from kg.text.webpage import page_text

        if not page_text(target).strip():
            raise ReportError("没有可比较的内容：所给文字只有网页的栏目、来源、编辑等信息，没有正文")
        rep = by_text(gs, target, top, model=model)
    else:
        rep = by_locality(gs, target, top, model=model, fill=fill)
    rep.source_text = source_text
    return rep


def resolve_locality(gs: Any, name: str) -> tuple[str, str]:
    """(IRI, label) of the locality a user named; ReportError listing close names when none fits."""
    name = name.strip()
    known = locality_names(gs)
    if not known:
        raise ReportError("图谱中没有带地方的做法；请先运行 kg build")
    by_label: dict[str, list[str]] = {}
    for iri, label in known.items():
        by_label.setdefault(label, []).append(iri)
    for cand in (name, name.rstrip("县市区省镇")):
        if cand in by_label:
            return sorted(by_label[cand])[0], cand
    partial = sorted(
        lab for lab in by_label if name and (lab.startswith(name) or name.endswith(lab) or name in lab)
    )
    if len(partial) == 1:
        return sorted(by_label[partial[0]])[0], partial[0]
    close = partial or difflib.get_close_matches(name, sorted(by_label), n=5, cutoff=0.3)
    if not close:
        close = sorted(by_label, key=lambda lab: (-len(set(lab) & set(name)), lab))[:5]
    raise ReportError(f"图谱中没有地方“{name}”；相近的地方：{'、'.join(close[:5])}")


def by_locality(gs: Any, name: str, top: int = 5, *, model: Any = None, fill: bool = True) -> Report:
    """`kg similar PLACE`: each practice of the place with its stored links, filled to `--top N` by the
    practices ranked live against it (the links' score, every practice, near duplicates folded)."""
    from kg.link.state import load_model

    loc_iri, label = resolve_locality(gs, name)
    m = model or load_model(gs)
    # the model's vocabularies are the store's (read with it), as by_text uses them: not read again
    cat = read_around(gs, practices_at(gs, within(gs, [loc_iri])), scheme=m.scheme)
    live = _live_rankings(gs, cat, loc_iri, m, top) if fill else None
    return for_locality(cat, loc_iri, label, top, model=m, corpus=corpus_summary(gs), live=live)


def _live_rankings(gs: Any, cat: Catalog, loc_iri: str, m: Any, top: int) -> dict | None:
    """practice -> [(other, score, duplicates)] for the place's practices the model knows; the records of
    the others are added to the catalog's."""
    import numpy as np

    from kg.link.engine import row_estimates

    own = cat.within(loc_iri)
    groups, places = m.cols["group"], m.cols["locality"]
    own_groups = {g for g, loc in zip(groups, places, strict=True) if loc in own}
    # the practices of other places, as one mask: fold_duplicates then reads only window(top) of them
    other = np.fromiter(
        (g not in own_groups and loc not in own for g, loc in zip(groups, places, strict=True)), bool, m.n
    )
    out: dict[str, list[tuple[str, float, list[str]]]] = {}
    mine = list(cat.practices_of(own))
    if any(p not in m.index for p in mine):
        return None  # the model is older than the store: the stored links
    rows = np.array([m.index[p] for p in mine], np.int64)
    for at in range(0, len(mine), ESTIMATE_ROWS):
        part = rows[at : at + ESTIMATE_ROWS]
        est = row_estimates(m, part)
        for k, p in enumerate(mine[at : at + ESTIMATE_ROWS]):
            out[p] = _ranked(m, int(part[k]), top, other, None if est is None else est[k])
    need = sorted({o for lst in out.values() for o, _, d in lst for o in [o, *d]} - set(cat.practices))
    if need:
        recs, _ = read_practices(gs, need, scheme=m.scheme)
        cat.practices.update(recs)
    return out


ESTIMATE_ROWS = 16  # a place's practices estimated together: ~6 temporaries of 16 x n float64 at a time


def _ranked(m: Any, i: int, top: int, other, estimate) -> list[tuple[str, float, list[str]]]:
    """Practice i's `top` other-place matches, near duplicates folded: (iri, score, duplicate iris)."""
    from kg.link.engine import rank_row
    from kg.link.search import fold_duplicates, window

    ranked = rank_row(m, i, window(top), eligible=other, estimate=estimate)
    return [(m.row(k).iri, s, [m.row(d).iri for d in dups]) for k, s, dups in fold_duplicates(m, ranked, top)]


def for_locality(
    cat: Catalog, loc_iri: str, label: str, top: int, *, model: Any, corpus: dict, live: dict | None = None
) -> Report:
    """The report of a known locality, from a catalog that holds its practices and those linked to them;
    `model`: the link model, for the reasons of each pair; `live`: rankings made by `_live_rankings` (else
    the stored links, best first)."""
    from kg.link.engine import reasons

    own = cat.within(loc_iri)
    mine = cat.practices_of(own)
    m = model
    recs = cat.practices
    entries = []
    explain: list[tuple[int, int, str, str]] = []  # (entry, match, texts): sentences found in one batch
    for p in sorted(mine, key=lambda x: _order_key(recs.get(x))):
        stored = [(o, s) for o, s in cat.scores_of(p) if o in recs and _place(recs[o]) not in own]
        others = [(o, s, []) for o, s in stored[:top]]
        if live is not None and p in live and len(others) < top:  # fill to --top, weaker ones after
            have = {o for o, _, _ in others}
            more = [x for x in live[p] if x[0] not in have and x[0] in recs]
            others = sorted(others + more[: top - len(others)], key=lambda x: -x[1])
        matches = []
        for o, s, dups in others:
            if p in m.index and o in m.index:
                r = reasons(m, m.index[p], m.index[o])
            else:
                r = _stored_reasons(cat, p, o)
            why = _why(m, r)
            if live is not None and p in recs:
                explain.append((len(entries), len(matches), recs[p].text, recs[o].text))
            dup = tuple(recs[d] for d in dups if d in recs)
            matches.append(Match(recs[o], s, why, m.params.band(s), dup))
        group = [recs[p]] + [mt.practice for mt in matches] if p in recs else []
        entries.append(Entry(recs.get(p), matches, steps_for(group) if matches else []))
    for (e, k, _, _), agree in zip(explain, _agreements(m, [(a, b) for *_, a, b in explain]), strict=True):
        mt = entries[e].similar[k]
        entries[e].similar[k] = Match(mt.practice, mt.score, _with(mt.why, agree), mt.band, mt.duplicates)
    _fill_document_titles(cat, entries)
    return Report("locality", label, [e for e in entries if e.practice is not None], corpus, top)


def by_text(gs: Any, text: str, top: int = 5, *, model: Any = None) -> Report:
    from kg.link.cleaned import clean_query
    from kg.link.expand import thesaurus
    from kg.link.search import search_model
    from kg.link.state import load_model
    from kg.text.webpage import page_text

    text = page_text(text)  # a pasted page or its HTML: its article is the question (and is quoted back)
    m = model or load_model(gs)
    hits = search_model(m, text, top)
    recs, _ = read_practices(gs, sorted({i for h in hits for i in (h.iri, *h.duplicates)}), scheme=m.scheme)
    hits = [h for h in hits if h.iri in recs]
    agree = _agreements(m, [(text, recs[h.iri].text) for h in hits])
    matches = [
        Match(
            recs[h.iri],
            h.score,
            _with(_why(m, h.reasons), a),
            m.params.band(h.score),
            tuple(recs[d] for d in h.duplicates if d in recs),
        )
        for h, a in zip(hits, agree, strict=True)
    ]
    entry = Entry(None, matches, [])
    also = tuple(thesaurus().formal_terms(clean_query(text)))
    return Report("text", text.strip(), [entry], corpus_summary(gs), top, also=also)


def _place(p: Practice) -> str | None:
    return p.locality.iri if p.locality else None


def _why(m: Any, r: Reasons) -> Why:
    """Labels for concepts (documents stay IRIs until _fill_document_titles); a word already inside a
    named concept (书记 after 村党组织书记) is not repeated."""
    targets = tuple(m.scheme.label(c) for c in r.targets)
    types = tuple(m.scheme.label(c) for c in r.types)
    named = targets + types + ((r.brand,) if r.brand else ())
    terms = tuple(t for t in r.terms if not any(t in x for x in named))
    return Why(targets=targets, types=types, terms=terms, brand=r.brand, documents=r.documents)


def _agreements(m: Any, pairs: list[tuple[str, str]]) -> list[tuple[str, str, float]]:
    """For each (text, text) pair the two sentences that agree most, with their cosine (one batch)."""
    from kg.link.search import agreeing_sentences_many

    return agreeing_sentences_many(m, pairs)


def _with(w: Why, agree: tuple[str, str, float]) -> Why:
    """The reasons with the two sentences that agree most (semantic layer on, and they agree at all)."""
    sa, sb, cos = agree
    if not sa or cos < SENTENCE_MIN:
        return w
    return Why(w.targets, w.types, w.terms, w.brand, w.documents, (sa, sb))


SENTENCE_MIN = 0.3  # below this cosine the best pair of sentences is no reason


def _fill_document_titles(cat: Catalog, entries: list[Entry]) -> None:
    titles = {d.iri: d.title for p in cat.practices.values() for d in p.documents if d.title}
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
                    mt.why.sentences,
                ),
                mt.band,
                mt.duplicates,
            )
            for mt in e.similar
        ]


def _stored_reasons(cat: Catalog, a: str, b: str) -> Reasons:
    """Reasons read back from the link node (when the saved model does not know a practice)."""
    link = next((k for k in cat.links_of(a) if k.other(a) == b), None)
    cs = sorted(link.concepts) if link else []
    return Reasons(
        targets=tuple(c for c in cs if c.startswith(iris.TARGET_GROUP)),
        types=tuple(c for c in cs if c.startswith(iris.PRACTICE_TYPE)),
        terms=tuple(sorted(link.terms)) if link else (),
    )


def _order_key(p: Practice | None) -> tuple:
    if p is None:
        return ("9999", "", "")
    return (p.date or "9999", cite.article_title(p), p.iri)
