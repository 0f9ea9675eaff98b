"""Golden test: three bulletins written blind with an answer key (tests/data/blind37/README.md, gold in
tests/gold/blind37-*.json), through the whole build: Zhejiang (湖州's city issue as an .rtf that LibreOffice exported:
masthead with a rule, a table of county figures, a 报/送/发 block), Guizhou (仁怀市's issue inside a city portal page
saved as a gb2312 quoted-printable .mht, with the portal's greeting, menu, breadcrumbs and share bar) and Shaanxi
(延川县's issue as a .docx whose headings and items are Word auto-numbers, with a header, a footer and an 编者按 box).

First run (nothing tuned to it): 14 of 21 articles (the .mht was read as one news page: the portal's greeting line
above its breadcrumbs hid the masthead); localities 0.94 / 0.91, codes 0.94 / 0.88, documents 1.00, targets
0.79 / 0.88, outcomes 0.94 / 0.94, labels 0.81 / 0.83 (bench/extraction_quality.py). Fixed the same session: the
greeting is chrome, 市直机关： opens an article, a village after 该镇 is a place."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind37")
_DATA = Path(__file__).resolve().parent / "data" / "blind37"
gs = blind_gold.store_fixture("blind37", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 21)


def test_a_portals_greeting_and_reading_modes_are_chrome():
    from kg.text.webpage import is_chrome_line

    assert is_chrome_line("您好，欢迎访问仁怀市人民政府门户网站！ 无障碍浏览 | 长者模式 | English | 繁体")
    assert is_chrome_line("欢迎光临延川党建网")
    assert not is_chrome_line("欢迎广大干部积极参与。")


def test_organs_as_a_bold_titles_subject_open_an_article():
    """市直机关：开展“四强”党支部创建活动 (a bold line in the portal page) is the fourth article, not part of the third."""
    from kg.ingest import ingest_file

    b = ingest_file(_DATA / "renhuai-2023-7.mht")
    assert [a.title for a in b.articles][2:5] == [
        "仁怀市：“墩苗工程”助推年轻干部成长",
        "市直机关：开展“四强”党支部创建活动",
        "仁怀市：聚焦酱酒产业打造人才集聚高地",
    ]


def test_a_village_after_the_town_named_by_anaphora():
    from kg.extract.localities import find_localities, resolve

    found = find_localities("该镇赵家河村党员冯某某被推选为村级后备干部。", within=resolve("延川县").locality)
    assert [m.text for m in found] == ["赵家河村"]
