"""A compilation of measures from several places (外地经验 / 他山之石 / 各地做法) places each item at its own
place: its paragraph opens with that place and a colon. The article then has no place of its own, or the
lowest one its items share (towns of one county: that county), and each practice's ckg:locality and
ckg:place are its item's place, not the first place the article happens to name."""

from __future__ import annotations

import pytest

from kg.extract.stage import extract
from kg.graph.triples import mentioned_places, place_iri
from kg.read import read_file
from kg.split import split

BULLETIN = """岳西组工信息
2024年第3期
中共岳西县委组织部编　　　　　　　　2024年3月1日

【外地经验】
各地激励干部担当作为的做法
　　编者按：近期各地探索了不少好做法，现摘编部分地方经验，供学习借鉴。
　　浙江江山市：“赛马比拼”识干部。江山市在重点项目建设中开展“赛马比拼”，对项目推进情况月度晾晒、季度排名，累计在项目一线考察识别干部230余名，提拔重用38名。
　　四川丹棱县：“一线工作法”锤炼干部。丹棱县推行机关干部“一线工作法”，将机关干部下沉到杨场镇等镇村，共选派86名机关干部联系驻点52个村（社区）。
　　湖北五峰县：容错纠错为担当者撑腰。五峰县制定容错纠错实施办法，2022年以来共对11名干部予以容错免责，为6名干部澄清正名。

【基层动态】
乡镇“擂台赛”晒出干部实绩
　　今年以来，县委组织部在乡镇开展实绩“擂台赛”，比出干劲。
　　温泉镇：项目一线比作为。温泉镇把12名年轻干部派到重点项目一线，按月比拼进度，3名表现突出的干部被提拔使用。
　　天堂镇：网格服务比实效。天堂镇组织68名机关干部下沉网格，全年帮助群众解决问题420余件。
"""


@pytest.fixture(scope="module")
def bulletin(tmp_path_factory):
    path = tmp_path_factory.mktemp("compilation") / "b.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    return extract(split(read_file(path)))


def _article(b, start):
    return next(a for a in b.articles if a.title.startswith(start))


def test_items_from_several_provinces_each_at_its_place(bulletin):
    a = _article(bulletin, "各地激励")
    assert a.locality is None  # no one place: not 江山市, the first one named
    items = [p for p in a.practices if p.locality is not None]
    assert [(p.locality.name, p.locality.parent.name) for p in items] == [
        ("江山市", "衢州市"),
        ("丹棱县", "眉山市"),
        ("五峰土家族自治县", "宜昌市"),
    ]
    assert all(place_iri(p.locality).endswith(p.locality.code) for p in items)
    danleng = items[1]
    assert [x.name for x in mentioned_places(a, danleng)] == ["杨场镇"]  # its own county is no mention


def test_items_of_towns_of_one_county_are_that_countys(bulletin):
    a = _article(bulletin, "乡镇“擂台赛”")
    assert a.locality is not None and a.locality.name == "岳西县"
    towns = [p.locality for p in a.practices if p.locality is not None]
    assert [(t.name, t.level) for t in towns] == [("温泉镇", "town"), ("天堂镇", "town")]
    assert {place_iri(t) for t in towns} == {place_iri(a.locality)}  # counted at the county
