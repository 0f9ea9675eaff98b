"""Step 0: the records the site shows, made from the read model (kg/catalog/).

`site_model(records)` needs only a `Records` (the frozen dataclasses below); `records_of(catalog)` makes
them from a `kg.catalog.Catalog`, which reads the store (`read_records(gs)` does both). Everything a
page shows comes from these fields and nothing else. Labels prefer @zh, then untagged (the catalogue's
rule).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.catalog.records import Outcome, join_figure
from kg.text import display_text

if TYPE_CHECKING:  # the model needs only the records: no store library loaded for it
    from kg.catalog.catalog import Catalog
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
    issuer: str = ""  # put before 《bulletin》 when its name does not say whose it is (kg.text.issuer)


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


def outcome_text(label: str, value: str, unit: str, q: str, written: str = "", upper: str = "") -> str:
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
    """Every practice, place, concept and similarity link of the store, through the read model."""
    from kg.catalog.catalog import read_catalog

    return records_of(read_catalog(gs))


def records_of(catalog: Catalog) -> Records:
    """The site's records from the read model: the same fields, flattened (IRIs instead of nested
    records), outcomes as the phrase a page shows."""
    practices = {}
    for iri, p in catalog.practices.items():
        art, bul = p.article, p.bulletin
        done = (  # only outcomes whose label says what was counted (ckg:displayable)
            outcome_text(o.label, o.value, o.unit, o.qualifier or "", o.value_text or "", o.upper or "")
            for o in p.shown_outcomes
        )
        practices[iri] = Practice(
            id=iri,
            label=p.label or (art.title if art else "") or iri.rsplit("/", 1)[-1],
            locality=p.locality.iri if p.locality else None,
            quote=p.quote.text if p.quote is not None else p.text,
            bulletin=(bul.name or bul.label or "公报") if bul else "公报",
            issue=bul.issue if bul else None,
            date=(bul.date or "")[:10] if bul else "",
            article=art.title if art else "",
            brand=p.brand,
            targets=tuple(sorted({c.iri for c in p.targets})),
            types=tuple(sorted({c.iri for c in p.types})),
            outcomes=tuple(dict.fromkeys(t for t in done if t)),
            issuer=bul.cited_issuer if bul else "",
        )
    places = {
        i: Place(i, loc.label or i.rsplit("/", 1)[-1], loc.level, loc.code, _parent(loc))
        for i, loc in sorted(catalog.localities.items())
    }
    return Records(places, practices, concepts_of(catalog.scheme, practices), _links(catalog))


def _parent(loc) -> str | None:
    parent = loc.parent.iri if loc.parent is not None else None
    return parent if parent != loc.iri else None


def concepts_of(sch, practices: Mapping[str, Practice]) -> dict[str, Concept]:
    """Every concept of the vocabularies (a kg.catalog.scheme.Scheme), and any a practice uses that
    they do not describe."""
    from kg.catalog.scheme import PTYPE

    out = {
        c: Concept(
            c,
            sch.label(c),
            "type" if kind == PTYPE else "target",
            tuple(b for b in sch.parents.get(c, ()) if b != c),
            sch.alt.get(c, ()),
        )
        for c, kind in sorted(sch.kinds.items())
    }
    for p in practices.values():  # used by a practice but not described in the vocabulary
        for kind, iris in (("target", p.targets), ("type", p.types)):
            for c in iris:
                if c not in out:
                    out[c] = Concept(c, c.rsplit("/", 1)[-1], kind)
    return out


def _links(catalog: Catalog) -> tuple[Link, ...]:
    return tuple(
        Link(f"{k.a} {k.b}", k.a, k.b, k.score, tuple(sorted(set(k.concepts))), tuple(sorted(set(k.terms))))
        for k in catalog.links
    )
