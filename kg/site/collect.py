"""The site's records taken from a build's memory: each Bulletin as it is written and each similarity
link as the link stage writes it, so a build renders its views without reading the store back (at
10,000 articles the read model spends ~25 s of CPU reading what the build has just written).

`Collector.bulletin(b)` and `Collector.link(lk)` take the same facts kg/graph/triples.py and
kg/link/write.py write, with the IRIs they give; `records(scheme)` returns the `Records` that
`kg.site.source.read_records` would read from the store (tests/test_site.py checks they are equal).
"""

from __future__ import annotations

from typing import Any

from kg.graph import iris
from kg.site.source import Link, Place, Practice, Records, concepts_of, outcome_text


class Collector:
    def __init__(self) -> None:
        self.practices: dict[str, Practice] = {}
        self.places: dict[str, Place] = {}
        self.links: list[Link] = []

    def bulletin(self, b: Any) -> None:
        """A bulletin as the graph stage writes it (kg.model.Bulletin)."""
        from kg.graph.triples import decimal_text

        date = b.date.isoformat() if b.date else ""
        name = b.name or f"单篇文章{f' {b.date.year}年第{b.issue}期' if b.date and b.issue else ''}"
        issuer = b.shown_issuer
        for a in b.articles:
            loc = self._place(a.locality) if a.locality else None
            for p in a.practices:
                iri = iris.practice(b.key, a.index, p.key)
                done = (  # only outcomes whose label says what was counted, figures as written
                    outcome_text(
                        o.label or o.counted or o.text,
                        decimal_text(o.value),
                        o.unit,
                        o.qualifier or "",
                        o.value_text,
                        decimal_text(o.upper) if o.upper is not None else "",
                    )
                    for o in p.outcomes
                    if o.displayable
                )
                self.practices[iri] = Practice(
                    id=iri,
                    label=p.label or a.title or iri.rsplit("/", 1)[-1],
                    locality=loc,
                    quote=p.quote.text,
                    bulletin=name,
                    issuer=issuer,
                    issue=b.issue,
                    date=date,
                    article=a.title,
                    brand=p.brand or None,
                    targets=tuple(sorted({iris.target_group(t) for t in p.targets})),
                    types=tuple(sorted({iris.practice_type(t) for t in p.types})),
                    outcomes=tuple(dict.fromkeys(t for t in done if t)),
                )

    def _place(self, loc: Any) -> str:
        iri = iris.locality(loc)
        if iri not in self.places:
            parent = self._place(loc.parent) if loc.parent is not None else None
            self.places[iri] = Place(
                iri, loc.name, loc.level, loc.code or "", parent if parent != iri else None
            )
        return iri

    def link(self, lk: Any) -> None:
        """A similarity link as the link stage writes it (kg.model.SimilarityLink)."""
        from kg.link.write import shared_terms_of

        a, b = sorted((lk.a, lk.b))
        self.links.append(
            Link(
                f"{a} {b}",
                a,
                b,
                round(lk.score, 3),
                tuple(sorted(set(lk.reasons.concepts))),
                tuple(sorted(set(shared_terms_of(lk.reasons)))),
            )
        )

    def records(self, scheme: Any) -> Records:
        """The records, with the concepts of the vocabularies (kg.catalog.scheme.Scheme)."""
        practices = dict(sorted(self.practices.items()))
        links = tuple(sorted({(k.a, k.b): k for k in self.links}.values(), key=lambda k: (k.a, k.b)))
        return Records(dict(sorted(self.places.items())), practices, concepts_of(scheme, practices), links)
