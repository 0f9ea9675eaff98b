"""Golden test: three bulletins from Chongqing (a district's Word export), Hainan (a county's issue carried
in a WeChat post) and Ningxia (a city's 2019 special issue), written blind with an answer key
(tests/data/blind11/README.md, gold in tests/gold/blind11-*.json), through the whole build: every issue,
article and place as the key has it, and the faults they first showed stay fixed."""

from __future__ import annotations

import blind_gold
import pytest

GOLD = blind_gold.gold_files("blind11")
gs = blind_gold.store_fixture("blind11")


def test_every_issue_with_its_number_and_date(gs):
    """A WeChat post's header (原创 … 2022-11-15 17:32 发表于海南) is page chrome: the masthead's date counts."""
    blind_gold.assert_issues(gs, GOLD)


def test_every_article_at_its_place(gs):
    """Headlines on two lines, a marked headline that ends in a column word (…专题培训班), a [图片] line,
    and marked points inside a body (● 带着任务下沉。…) that are no articles."""
    blind_gold.assert_articles_at_places(gs, GOLD, 17)


@pytest.mark.parametrize(
    "line, chrome",
    [
        ("原创　某县组工　某县组工　2023-05-06 09:10　发表于四川", True),
        ("点击蓝字关注我们", True),
        ("[图片]", True),
        ("分享　收藏　点赞　在看", True),
        ("本文为“某县组工”原创，转载请注明出处。", True),
        ("关注该公众号", True),
        ("使用完整服务", True),
        ("向上滑动看下一个", True),
        ("阅读\xa01853", True),
        ("阅读 10万+", True),
        ("阅读2本书", False),
        ("关注该公众号反映的问题", False),
        ("提供完整服务", False),
        ("原创性成果丰硕", False),
        ("分享经验做法", False),
    ],
)
def test_a_wechat_posts_chrome(line, chrome):
    from kg.text.webpage import is_chrome_line

    assert is_chrome_line(line) is chrome


def test_a_long_marked_line_is_a_headline_not_a_column():
    from kg.split.layout import section_name

    assert section_name("◎ 某县举办村党组织书记履职能力提升专题培训班") is None
    assert section_name("■ 经验交流") == "经验交流"
    assert section_name("[图片]") is None


def _titles(text: str) -> list[str]:
    from kg.read import read_text
    from kg.split import split

    return [a.title for a in split(read_text(text, "x.txt")).articles]


HEAD = "某县组工信息\n\n2023年第3期\n\n中共某县委组织部　　　　2023年5月6日\n━━━━━━━━━━━━\n\n"
BODY = "今年以来，该县坚持问题导向，围绕干部队伍建设的薄弱环节精准发力，取得了明显成效。"


def test_a_headline_on_two_lines_is_one_title():
    text = (
        f"{HEAD}【干部工作】\n\n某县实施年轻干部“墩苗”计划\n推动年轻干部在一线成长\n\n{BODY}\n\n"
        f"某镇：以实绩论英雄\n在一线识别干部\n\n{BODY}\n"
    )
    assert _titles(text) == [
        "某县实施年轻干部“墩苗”计划 推动年轻干部在一线成长",
        "某镇：以实绩论英雄 在一线识别干部",
    ]


def test_marked_points_inside_a_body_are_no_articles():
    text = (
        f"{HEAD}◎ 某县“三导师”护航选调生\n\n{BODY}\n● 带着任务下沉。{BODY}\n● 带着课题调研。{BODY}\n\n"
        f"◎ 某县推行社区工作者星级化管理\n\n{BODY}\n"
    )
    assert _titles(text) == ["某县“三导师”护航选调生", "某县推行社区工作者星级化管理"]


@pytest.mark.parametrize(
    "text, home, want",
    [
        ("在城关镇红星社区、东风社区等社区试点", "琼中黎族苗族自治县", {"城关镇", "红星社区", "东风社区"}),
        ("。湾岭镇把全镇村干部纳入轮训", "琼中黎族苗族自治县", {"湾岭镇"}),
        ("，福安村、石桥村村干部积分平均提升", "开州区", {"福安村", "石桥村"}),
        ("其中金山镇地三村探索“老带新”", "青铜峡市", {"金山镇", "地三村"}),
        ("先后走进天荒坪镇余村实地考察", "安吉县", {"天荒坪镇", "余村"}),
        ("盐池县高沙窝镇等地建立成长档案", "吴忠市", {"盐池县", "高沙窝镇"}),
        ("开州区组织村党组织书记赴外地学习", "重庆市", {"开州区"}),  # 组织 is no village
        ("安吉县开展乡村振兴专题研修", "湖州市", {"安吉县"}),  # 开展 is no town
    ],
)
def test_towns_and_villages_written_the_ways_the_set_writes_them(text, home, want):
    assert blind_gold.places(text, home) == want
