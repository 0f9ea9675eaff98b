"""Step 0: the records the site shows, read from a store with a few flat SPARQL queries.

This is the seam to the read model: `site_model(records)` needs only a `Records` (the frozen
dataclasses below), so another reader (the catalogue) can replace `read_records` by building the same
records. Everything a page shows comes from these fields and nothing else.

The queries are flat (one subject, simple patterns, joined in Python), as kg/report/catalog.py found
Oxigraph evaluates best; no OPTIONAL chains, no property paths. Labels prefer @zh, then untagged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.catalog.records import Outcome, join_figure
from kg.text import display_text

if TYPE_CHECKING:  # the model needs only the records: no store library loaded for it
    from kg.store import GraphStore


@dataclass(frozen=True)
class Place:
    """A ckg:Locality: county, district, city, province, town or village."""

    id: str  # IRI
    label: str
    level: str = ""  # ckg:adminLevel: province | city | county | town | village
    code: str = ""  # ckg:adminCode (GB/T 2260), "" for towns and villages
    parent: str | None = None  # schema:containedInPlace


@dataclass(frozen=True)
class Practice:
    id: str  # IRI
    label: str
    locality: str | None  # ckg:locality of the practice (else of its article)
    quote: str  # the exact source text (prov:wasDerivedFrom/ckg:quote), else ckg:normalizedText
    bulletin: str  # the bulletin's name (dcterms:title, else rdfs:label)
    issue: int | None  # schema:issueNumber
    date: str  # dcterms:issued of the bulletin, YYYY-MM-DD, "" when unknown
    article: str  # dcterms:title of the article
    brand: str | None = None  # ckg:brand
    targets: tuple[str, ...] = ()  # ckg:targets (concept IRIs)
    types: tuple[str, ...] = ()  # ckg:practiceType (concept IRIs)
    outcomes: tuple[str, ...] = ()  # each displayable ckg:outcome as a phrase: 提拔重用优秀干部420人


@dataclass(frozen=True)
class Concept:
    """A target group or practice type (SKOS)."""

    id: str
    label: str  # skos:prefLabel (@zh first)
    kind: str  # "target" | "type"
    broader: tuple[str, ...] = ()
    alt: tuple[str, ...] = ()  # skos:altLabel (@zh or untagged)


@dataclass(frozen=True)
class Link:
    """One ckg:SimilarityLink between two practices."""

    id: str
    a: str  # ckg:fromPractice
    b: str  # ckg:toPractice
    score: float
    concepts: tuple[str, ...] = ()  # ckg:sharedConcept (IRIs)
    terms: tuple[str, ...] = ()  # ckg:sharedTerm


@dataclass(frozen=True)
class Records:
    places: Mapping[str, Place]
    practices: Mapping[str, Practice]
    concepts: Mapping[str, Concept]
    links: tuple[Link, ...]


# ---- the queries: one predicate each, joined in Python ------------------------------------------------
# Oxigraph on disk answers a one-pattern scan at ~10 µs a row; a three-pattern join over the same rows
# costs 3-5x that (measured at 10k articles), so every query below is `?s P ?o` and the joins are dicts.
Q_CONCEPTS = """SELECT ?c ?kind ?pref ?alt ?broader WHERE {
  { ?c a ckg:TargetGroup . BIND("target" AS ?kind) } UNION { ?c a ckg:PracticeType . BIND("type" AS ?kind) }
  OPTIONAL { ?c skos:prefLabel ?pref } OPTIONAL { ?c skos:altLabel ?alt } OPTIONAL { ?c skos:broader ?broader } }"""


def _scan(gs: GraphStore, predicate: str):
    """(subject IRI, object term) for every `?s predicate ?o`."""
    for r in gs.query(f"SELECT ?s ?o WHERE {{ ?s {predicate} ?o }}"):
        yield r[0].value, r[1]


def _first(gs: GraphStore, predicate: str) -> dict[str, str]:
    """subject -> the value of its first object (labels: @zh first, then untagged, then others)."""
    out: dict[str, str] = {}
    rank: dict[str, int] = {}
    for s, o in _scan(gs, predicate):
        k = _rank(o)
        if k < rank.get(s, 9):
            out[s], rank[s] = o.value, k
    return out


def _many(gs: GraphStore, predicate: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for s, o in _scan(gs, predicate):
        out[s].append(o.value)
    return out


def _v(term) -> str | None:
    return None if term is None else term.value


def _rank(term) -> int:
    """Chinese first, then untagged, then other languages."""
    lang = getattr(term, "language", None)
    return 0 if lang and lang.lower().startswith("zh") else (1 if not lang else 2)


def _int(text: str | None) -> int | None:
    return int(text) if text and text.lstrip("-").isdigit() else None


def _outcome_text(label: str, value: str, unit: str, q: str, written: str = "", upper: str = "") -> str:
    """选派优秀年轻科级干部50余名: what was counted, then the figure as written (ckg:valueText; else
    rebuilt with the qualifier where a reader says it and a range with both ends)."""
    if not written and value and value in label:
        return label
    figure = written or Outcome(label, value, unit, q or None, upper or None).figure()
    return join_figure(label, figure)


def clean_quote(text: str) -> str:
    """The source text as a reader should see it (kg.text.display_text): the same words without
    conversion debris (Markdown, spaces between Chinese characters, line breaks inside a sentence).

    >>> clean_quote("**一是选派到村。**选派 30 名\\n年轻干部")
    '一是选派到村。选派30名年轻干部'
    """
    return display_text(text)


def read_records(gs: GraphStore) -> Records:
    """Every practice, place, concept and similarity link of the store."""
    arts = _first(gs, "ckg:describedIn")  # every practice is described in an article
    labels = _first(gs, "rdfs:label")
    titles = _first(gs, "dcterms:title")
    locality = _first(gs, "ckg:locality")
    brands = _first(gs, "ckg:brand")
    quotes = _first(gs, "ckg:quote")
    spans = _many(gs, "prov:wasDerivedFrom")
    texts = _first(gs, "ckg:normalizedText")
    part_of = _first(gs, "dcterms:isPartOf")
    issued = _first(gs, "dcterms:issued")
    issues = _first(gs, "schema:issueNumber")
    targets = _many(gs, "ckg:targets")
    types = _many(gs, "ckg:practiceType")
    outcomes = _many(gs, "ckg:outcome")
    values, units, quals = (
        _first(gs, "schema:value"),
        _first(gs, "schema:unitText"),
        _first(gs, "ckg:qualifier"),
    )
    written, uppers, shown = (
        _first(gs, "ckg:valueText"),
        _first(gs, "schema:maxValue"),
        _first(gs, "ckg:displayable"),
    )
    practices = {}
    for p in sorted(arts):
        art = arts[p]
        bul = part_of.get(art, "")
        title = titles.get(art, "")
        quote = next((quotes[s] for s in spans.get(p, ()) if s in quotes), None)
        done = [  # only outcomes whose label says what was counted (ckg:displayable)
            _outcome_text(
                labels.get(o, ""),
                values.get(o, ""),
                units.get(o, ""),
                quals.get(o, ""),
                written.get(o, ""),
                uppers.get(o, ""),
            )
            for o in sorted(set(outcomes.get(p, ())), key=_natural)
            if shown.get(o, "true") not in ("false", "0")
        ]
        practices[p] = Practice(
            id=p,
            label=labels.get(p) or title or p.rsplit("/", 1)[-1],
            locality=locality.get(p) or locality.get(art),
            quote=quote if quote is not None else texts.get(p, ""),
            bulletin=titles.get(bul) or labels.get(bul) or "公报",
            issue=_int(issues.get(bul)),
            date=issued.get(bul, "")[:10],
            article=title,
            brand=brands.get(p),
            targets=tuple(dict.fromkeys(targets.get(p, ()))),
            types=tuple(dict.fromkeys(types.get(p, ()))),
            outcomes=tuple(dict.fromkeys(t for t in done if t)),
        )
    places = _places(gs, labels)
    return Records(places, practices, _concepts(gs, practices), _links(gs))


def _natural(iri: str) -> tuple:
    """…-o2 before …-o10."""
    m = re.search(r"(\d+)$", iri)
    return (iri[: m.start()], int(m.group(1))) if m else (iri, 0)


def _places(gs: GraphStore, labels: Mapping[str, str]) -> dict[str, Place]:
    level, code = _first(gs, "ckg:adminLevel"), _first(gs, "ckg:adminCode")
    parent = {s: o for s, o in _first(gs, "schema:containedInPlace").items() if s != o}
    iris = {r[0].value for r in gs.query("SELECT ?l WHERE { ?l a ckg:Locality }")}
    return {
        i: Place(i, labels.get(i) or i.rsplit("/", 1)[-1], level.get(i, ""), code.get(i, ""), parent.get(i))
        for i in sorted(iris)
    }


def _concepts(gs: GraphStore, practices: Mapping[str, Practice]) -> dict[str, Concept]:
    rows: dict[str, dict] = {}
    for r in gs.query(Q_CONCEPTS):
        c = r["c"].value
        rec = rows.setdefault(
            c, {"kind": r["kind"].value, "label": None, "rank": 9, "alt": [], "broader": []}
        )
        pref, alt, broader = r["pref"], r["alt"], _v(r["broader"])
        if pref is not None and _rank(pref) < rec["rank"]:
            rec["label"], rec["rank"] = pref.value, _rank(pref)
        if alt is not None and _rank(alt) < 2 and alt.value not in rec["alt"]:
            rec["alt"].append(alt.value)
        if broader and broader != c and broader not in rec["broader"]:
            rec["broader"].append(broader)
    out = {
        c: Concept(
            c, rec["label"] or c.rsplit("/", 1)[-1], rec["kind"], tuple(rec["broader"]), tuple(rec["alt"])
        )
        for c, rec in rows.items()
    }
    for p in practices.values():  # used by a practice but not described in the vocabulary
        for kind, iris in (("target", p.targets), ("type", p.types)):
            for c in iris:
                if c not in out:
                    out[c] = Concept(c, c.rsplit("/", 1)[-1], kind)
    return out


def _links(gs: GraphStore) -> tuple[Link, ...]:
    a, b, score = _first(gs, "ckg:fromPractice"), _first(gs, "ckg:toPractice"), _first(gs, "ckg:score")
    concepts, terms = _many(gs, "ckg:sharedConcept"), _many(gs, "ckg:sharedTerm")
    out = []
    for s in sorted(a):
        if s not in b:
            continue
        try:
            value = float(score.get(s, "nan"))
        except ValueError:
            value = float("nan")
        out.append(
            Link(
                s,
                a[s],
                b[s],
                value,
                tuple(sorted(set(concepts.get(s, ())))),
                tuple(sorted(set(terms.get(s, ())))),
            )
        )
    return tuple(out)
