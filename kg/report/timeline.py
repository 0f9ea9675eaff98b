"""Adoption timeline: in a group of similar practices (connected through similarity links), who reported
first and who followed, by bulletin date. One step per locality (its earliest practice in the group).

Dates are those of the bulletin issues that reported the practices: when a place *reported* it, which is
what the collection can show, not when the place began doing it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.catalog.links import scores_of
from kg.catalog.practices import read_practices
from kg.catalog.records import Practice
from kg.report import cite

MAX_STEPS = 10


@dataclass(frozen=True)
class Step:
    practice: Practice
    days_after_first: int | None  # None when a date is unknown
    first: bool
    others: int = 0  # further practices of the same locality in the group

    @property
    def lag(self) -> str:
        """When this report came, relative to the first (the 先后 column of every format)."""
        if self.first:
            return "最早报道"
        if self.days_after_first is None:
            return "日期不详"
        return "同期报道" if self.days_after_first == 0 else f"晚 {self.days_after_first} 天"

    def as_dict(self) -> dict:
        return {
            "practice": cite.practice_json(self.practice),
            "locality": cite.place(self.practice),
            "date": self.practice.date,
            "first": self.first,
            "days_after_first": self.days_after_first,
            "more_practices_here": self.others,
        }


def group(gs, practice: str, hops: int = 2, limit: int = 40) -> list[str]:
    """The practice and those reachable through at most `hops` similarity links (strongest first)."""
    seen = {practice: 0}
    frontier = [practice]
    for d in range(1, hops + 1):
        nxt = []
        for p in frontier:
            for o, _s in scores_of(gs, p):
                if o not in seen and len(seen) < limit:
                    seen[o] = d
                    nxt.append(o)
        frontier = nxt
    return sorted(seen)


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days
    except ValueError:
        return None


def _when(p: Practice) -> tuple[str, str, str]:
    return (p.date or "9999-99-99", cite.place(p), p.iri)


def _where(p: Practice) -> str:
    return (p.locality.iri if p.locality else "") or cite.place(p) or p.iri


def steps_for(members: list[Practice]) -> list[Step]:
    """Order a group by date; keep each locality's earliest practice."""
    members = sorted(members, key=_when)
    per_loc: dict[str, list[Practice]] = {}
    for p in members:
        per_loc.setdefault(_where(p), []).append(p)
    firsts = sorted((v[0] for v in per_loc.values()), key=_when)
    if not firsts:
        return []
    start = firsts[0].date
    out = []
    for n, p in enumerate(firsts[:MAX_STEPS]):
        out.append(Step(p, _days(start, p.date), n == 0, len(per_loc[_where(p)]) - 1))
    return out


def timeline_steps(gs, practice: str, hops: int = 1) -> list[Step]:
    members = group(gs, practice, hops)
    recs, _ = read_practices(gs, members)
    return steps_for([recs[p] for p in members if p in recs])


def timeline(gs, practice: str, hops: int = 1) -> list[dict]:
    """Who reported a practice's group first: the practice and those linked to it (`hops` links away),
    one dict per locality, earliest first (see Step.as_dict)."""
    return [s.as_dict() for s in timeline_steps(gs, practice, hops=hops)]
