"""Golden test: three bulletins from Henan (with a Shandong item), Sichuan and Jiangsu written blind with
an answer key (tests/data/blind9/README.md, gold in tests/gold/blind9-*.json), through the whole build:
every issue, article and place as the key has it, and the faults they first showed stay fixed."""

from __future__ import annotations

import blind_gold
import pytest

GOLD = blind_gold.gold_files("blind9")
gs = blind_gold.store_fixture("blind9")


def test_every_issue_with_its_number_and_date(gs):
    """仪陇组工信息 | 2024年第11期: a WeChat copy's title line is its masthead."""
    blind_gold.assert_issues(gs, GOLD)


def test_every_article_at_its_place(gs):
    """【简讯】标题 starts an article; a town's article (马鞍镇：…) is at the town."""
    blind_gold.assert_articles_at_places(gs, GOLD, 14)


@pytest.mark.parametrize(
    "text, home, want",
    [
        ("近年来，新县坚持把村党组织书记队伍建设作为关键", "信阳市", {"新县"}),
        ("选配新书记。八里畈镇、陡山河乡的2个“蓝色”村已实现由蓝转黄", "新县", {"八里畈镇", "陡山河乡"}),
        ("提拔为正科级的19名；合德镇等乡镇党政正职中40岁以下的达到21名", "射阳县", {"合德镇"}),
        ("在上冈镇、近湖街道试点开展廉政家访", "建湖县", {"上冈镇", "近湖街道"}),
        ("组织年轻干部到草庙镇、新丰镇和光明集团上海农场等地调研", "大丰区", {"草庙镇", "新丰镇"}),
        ("在金城镇、立山镇等乡镇试点建设", "仪陇县", {"金城镇", "立山镇"}),
        ("选派30名优秀村支书到浙江、广东等发达地区跟班学习", "桂林市", {"浙江省", "广东省"}),
        ("新县长到任后，推进新型城镇、农村发展，在乡镇、村两级", "信阳市", set()),
    ],
)
def test_places_written_the_ways_the_set_writes_them(text, home, want):
    from kg.extract.localities import find_localities, gazetteer

    within = gazetteer().resolve(home).locality
    got = {m.locality.name for m in find_localities(text, within=within) if m.locality and m.reason is None}
    assert got == want


def test_what_kind_of_work_a_title_is():
    from kg.extract.documents import find_documents

    text = (
        "组织新提拔年轻干部观看警示教育片《警钟长鸣》。把故事编入乡土读本《朱德的扁担》。"
        "将成长故事汇编成《薪火相传——大丰区年轻干部成长记》，发放给年轻干部。"
    )
    assert [d.kind for d in find_documents(text)] == ["film", "publication", "publication"]


def test_a_change_between_two_figures_names_what_changed():
    from kg.extract.outcomes import find_outcomes

    got = find_outcomes(
        "乡镇领导班子成员平均年龄由2021年的43.2岁下降到38.6岁。全县红色书记占比由19.5%提升至28.3%。"
    )
    assert [(o.value, o.label, o.displayable) for o in got] == [
        (43.2, "2021年乡镇领导班子成员平均年龄", True),
        (38.6, "乡镇领导班子成员平均年龄", True),
        (19.5, "红色书记占比", True),
        (28.3, "红色书记占比", True),
    ]


def test_rules_are_not_shown_as_results():
    from kg.extract.outcomes import find_outcomes

    got = find_outcomes(
        "每年至少开展1次集中培训，累计培训1200人次。每名导师结对不超过3人。每人每月补贴600元。"
    )
    assert [(o.value, o.displayable) for o in got] == [(1, False), (1200, True), (3, False), (600, True)]


@pytest.mark.parametrize(
    "text",
    [
        "挂职期间实行“县领导+乡镇党委书记”双导师制",  # mentors
        "。村党组织每月对后备力量的工作表现进行记实，乡镇党委每季度开展1次评议",  # bodies that assess
        "18名县级领导干部每人包联1个村",  # leaders who take a village each
        "。镇党委书记表示，下一步将补链强链",  # a speaker
        "围绕公务员法、公文写作等内容授课",  # a law
    ],
)
def test_people_and_bodies_that_act_are_not_targets(text):
    from kg.extract.concepts import find_targets

    assert find_targets(text) == []
