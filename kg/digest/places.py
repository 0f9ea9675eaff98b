"""Where a practice is counted: its *place* (county, city or province) and the province and city above.

A practice's place is the nearest locality of its chain (its own, else its article's; then the places
it is in) at county, city or province level: a town or village counts for its county. This is the
definition of the places network and the diffusion timeline (kg/site/places.py), here over the
catalog's records (kg/catalog/records.py `Locality`, whose `parent` is the place it is in).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.catalog.records import Locality, Practice, local_name
from kg.model import PLACE_LEVELS, nearest_place

LEVELS = PLACE_LEVELS
LEVEL_NAMES = {"county": "县级", "city": "市级", "province": "省级", "town": "乡镇", "village": "村"}


@dataclass(frozen=True)
class Where:
    """A practice's place and the province and city it is in (None where the chain names none)."""

    place: Locality | None
    city: Locality | None
    province: Locality | None


def place_of(loc: Locality | None) -> Locality | None:
    """The nearest locality of the chain at county level or above; None when there is none.

    >>> p = Locality("p", "安徽省", "340000", "province")
    >>> c = Locality("c", "安庆市", "340800", "city", p)
    >>> t = Locality("t", "某镇", "", "town", Locality("k", "宜秀区", "340811", "county", c))
    >>> place_of(t).label, place_of(c).label, place_of(None)
    ('宜秀区', '安庆市', None)
    """
    return nearest_place(loc)


def _nearest(loc: Locality | None, level: str) -> Locality | None:
    for rec in loc.chain() if loc is not None else ():
        if rec.level == level:
            return rec
    return None


def where(p: Practice) -> Where:
    place = place_of(p.locality)
    return Where(place, _nearest(place, "city"), _nearest(place, "province"))


def name(loc: Locality | None) -> str:
    """The label, with the place it is in when that tells same-named places apart: 朝阳区（北京市）."""
    if loc is None:
        return "未注明地方"
    label = loc.label or local_name(loc.iri)
    parent = loc.parent
    if parent is not None and loc.level != "province" and parent.label and parent.label not in label:
        return f"{label}（{parent.label}）"
    return label


def order(loc: Locality | None) -> tuple:
    """Places are listed by code, then label (then IRI); the unknown last."""
    if loc is None:
        return ("~~", "", "")
    return (loc.code or "~", loc.label, loc.iri)
