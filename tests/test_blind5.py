"""Golden test: three bulletins from Guangxi, Zhejiang and Shanxi written blind with an answer key
(tests/data/blind5/README.md, gold in tests/gold/blind5-*.json), through the whole build: every issue,
article and place as the key has it, and the faults they first showed stay fixed."""

from __future__ import annotations

import re

import blind_gold

DATA = blind_gold.HERE / "data" / "blind5"
GOLD = blind_gold.gold_files("blind5")
gs = blind_gold.store_fixture("blind5", [DATA])


def _rows(gs, q: str) -> list[tuple[str, ...]]:
    return blind_gold.rows(gs, q)


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_every_article_at_its_place(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 14)


def test_numbers_broken_by_the_conversion_are_read(gs):
    values = {float(v) for (v,) in _rows(gs, "SELECT ?v WHERE { ?o a ckg:Outcome ; schema:value ?v }")}
    assert {486.0, 2300.0, 1200.0, 5000.0} <= values


def test_labels_start_with_what_is_done(gs):
    labels = [x for (x,) in _rows(gs, "SELECT ?l WHERE { ?p a ckg:Practice ; rdfs:label ?l }")]
    assert labels and not [x for x in labels if re.match(r"[一二三四五六七八九十]是|在“.”上$", x)]
    assert "“1+5+12”共富联盟 让党建链接产业链" in labels  # the title's 天荒坪镇余村： is its place


def test_towns_and_villages_of_a_county_bulletin_are_found():
    from kg.extract.localities import find_localities, gazetteer

    county = gazetteer().resolve("安吉县").locality
    found = {
        (m.text, m.locality.level, m.locality.parent.name)
        for m in find_localities(
            "占74.5%。孝丰镇横溪坞村将3名返乡创业青年纳入后备干部。58人下沉到鄣吴镇、杭垓镇等8个乡镇。",
            within=county,
        )
    }
    assert found == {
        ("孝丰镇横溪坞村", "village", "孝丰镇"),
        ("鄣吴镇", "town", "安吉县"),
        ("杭垓镇", "town", "安吉县"),
    }
    # kinds of town and the words around them are not names
    assert find_localities("选派干部到重点镇、中心镇任职，到乡镇、街道任职", within=county) == []
