"""ckg:mentionsPlace: the other places a practice's text names (kg/graph/triples.py `mentioned_places`),
each a ckg:Locality with its parents, never the practice's own place or one of that place's parents."""

from __future__ import annotations

from kg.graph.triples import mentioned_places
from kg.model import Article, Locality, LocalityMention, Practice, Quote
from kg.store import GraphStore

CITY = Locality("湖州市", "city", "330500")
COUNTY = Locality("安吉县", "county", "330523", CITY)
TOWN = Locality("孝丰镇", "town", None, COUNTY)
ELSEWHERE = Locality("义乌市", "county", "330782", Locality("金华市", "city", "330700"))


def _mention(loc: Locality | None, text: str = "") -> LocalityMention:
    return LocalityMention(text or (loc.name if loc else "某地"), 0, 1, loc, None if loc else "unknown")


def _article(practice: Practice, place: Locality | None) -> Article:
    q = Quote(0, 0, "")
    return Article(1, "report", None, "标题", q, place, None, None, (practice,))


def _practice(*mentions: LocalityMention) -> Practice:
    return Practice("k", 1, "做法", None, Quote(0, 0, ""), "", localities=mentions)


def test_own_place_and_its_parents_are_not_repeated():
    p = _practice(_mention(COUNTY), _mention(CITY), _mention(TOWN), _mention(ELSEWHERE), _mention(TOWN))
    assert mentioned_places(_article(p, COUNTY), p) == [TOWN, ELSEWHERE]


def test_unresolved_mentions_are_left_out():
    p = _practice(_mention(None, "某某镇"), _mention(ELSEWHERE))
    assert mentioned_places(_article(p, None), p) == [ELSEWHERE]


def test_sample_store_links_practices_to_the_places_they_name(sample_store):
    with GraphStore(sample_store, read_only=True) as gs:
        rows = {
            (r[0].value, r[1].value, r[2].value if r[2] else None)
            for r in gs.query(
                "SELECT ?own ?name ?up WHERE { ?p ckg:mentionsPlace ?x ; ckg:locality/rdfs:label ?own . "
                "?x a ckg:Locality ; rdfs:label ?name . OPTIONAL { ?x schema:containedInPlace/rdfs:label ?up } }"
            )
        }
        # 岳西 sent cadres to learn in 包河区 (合肥市); 济宁's practice names a town of 微山县
        assert ("岳西县", "包河区", "合肥市") in rows
        assert ("济宁市", "微山岛镇", "微山县") in rows
        # never the practice's own place or its parents
        assert not any(own == name for own, name, _ in rows)
        assert ("岳西县", "安庆市", "安徽省") not in rows
