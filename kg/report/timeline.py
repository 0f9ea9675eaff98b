"""Adoption timeline: in a group of similar practices (connected through similarity links), who reported
first and who followed, by bulletin date. One step per locality (its earliest practice in the group).

Dates are those of the bulletin issues that reported the practices: when a place *reported* it, which is
what the collection can show, not when the place began doing it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.report import data
from kg.report.data import PracticeInfo

MAX_STEPS = 10


@dataclass(frozen=True)
class Step:
    practice: PracticeInfo
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
            "practice": self.practice.contract(),
            "locality": self.practice.locality,
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
            for o, _s in data.links_of(gs, p):
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


def steps_for(members: list[PracticeInfo]) -> list[Step]:
    """Order a group by date; keep each locality's earliest practice."""
    members = sorted(members, key=lambda i: (i.date or "9999-99-99", i.locality, i.id))
    per_loc: dict[str, list[PracticeInfo]] = {}
    for info in members:
        per_loc.setdefault(info.locality_iri or info.locality or info.id, []).append(info)
    firsts = sorted(
        (v[0] for v in per_loc.values()), key=lambda i: (i.date or "9999-99-99", i.locality, i.id)
    )
    if not firsts:
        return []
    start = firsts[0].date
    out = []
    for n, info in enumerate(firsts[:MAX_STEPS]):
        key = info.locality_iri or info.locality or info.id
        out.append(Step(info, _days(start, info.date), n == 0, len(per_loc[key]) - 1))
    return out


def timeline_steps(
    gs, practice: str, infos: dict[str, PracticeInfo] | None = None, hops: int = 1
) -> list[Step]:
    members = group(gs, practice, hops)
    infos = dict(infos or {})
    missing = [p for p in members if p not in infos]
    infos.update(data.practices(gs, missing))
    return steps_for([infos[p] for p in members if p in infos])


def timeline(gs, practice: str, hops: int = 1) -> list[dict]:
    """Who reported a practice's group first: the practice and those linked to it (`hops` links away),
    one dict per locality, earliest first (see Step.as_dict)."""
    return [s.as_dict() for s in timeline_steps(gs, practice, hops=hops)]
