"""Split stage: golden test on the five samples plus small synthetic layouts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import ParseError
from kg.read import read_file, read_text
from kg.split import split

GOLDEN = json.loads((Path(__file__).parent / "golden" / "articles.json").read_text(encoding="utf-8"))[
    "bulletins"
]


@pytest.fixture(scope="module")
def drafts(data_dir):
    return {str(d.masthead.date): d for d in (split(read_file(f)) for f in sorted(data_dir.glob("*.txt")))}


def test_five_samples_give_their_18_articles(drafts):
    assert sorted(drafts) == sorted(GOLDEN)
    assert sum(len(d.articles) for d in drafts.values()) == 18


@pytest.mark.parametrize("date", sorted(GOLDEN))
def test_masthead_and_articles_match_golden(drafts, date):
    gold, draft = GOLDEN[date], drafts[date]
    assert (draft.masthead.name, draft.masthead.issue, draft.masthead.editor) == (
        gold["name"],
        gold["issue"],
        gold["editor"],
    )
    got = [(a.section, a.title, a.unit_text) for a in draft.articles]
    assert got == [(g[0], g[1], g[4]) for g in gold["articles"]]


def test_toc_leader_slot_and_footer_are_left_out(drafts):
    for d in drafts.values():
        for a in d.articles:
            body = d.document.text[a.start : a.end]
            assert "领导批示" not in body and "报：省委组织部" not in body and "....." not in body


def test_practices_follow_the_article_structure(drafts):
    arts = {a.title: a for d in drafts.values() for a in d.articles}
    heads = [s.heading for s in arts["“三向”发力促规范 选任质效双提升"].segments]
    assert "走到坊间听“官声”" in heads and len(heads) == 9
    huaining = arts["怀宁县：擦亮星级创评品牌 激发基层党组织和党员干事创业热情"].segments
    assert [s.marker for s in huaining] == ["bold"] * 4
    zhongjiang = arts["四川省中江县立“杆”见“效”严格选调生试用期管理"].segments
    assert {s.parent_heading for s in zhongjiang} == {
        "立稳“靶向杆”，确保培训教育实效",
        "立稳“风向杆”，确保关爱帮带实效",
        "立稳“标准杆”，确保考核考察实效",
    }


def test_a_plain_news_item_is_one_article():
    doc = read_text(
        "绵阳市游仙区探索“三述三评”机制\n\n今年以来，游仙区围绕村党组织书记考核，推行述职评议。\n"
    )
    d = split(doc)
    assert len(d.articles) == 1 and d.articles[0].kind == "news"
    assert d.articles[0].title == "绵阳市游仙区探索“三述三评”机制"


def test_the_first_headline_over_its_editor_s_note_opens_an_article_not_the_masthead():
    doc = read_text(
        "某市组工\n2024年第10期（总第356期）\n中共某市委组织部编2024年6月20日\n\n"
        "某市实施“头雁领航”工程锻造过硬村党组织书记队伍\n"
        "编者按：村党组织书记是农村基层党组织的“领头雁”。现将有关做法刊发，供各地学习借鉴。\n"
        "今年以来，某市深入实施“头雁领航”工程，上半年举办示范培训班3期，培训村党组织书记412名。\n"
    )
    d = split(doc)
    assert [a.title for a in d.articles] == ["某市实施“头雁领航”工程锻造过硬村党组织书记队伍"]
    assert d.masthead.issue == 10


def test_a_bulletin_without_date_is_refused():
    doc = read_text("某某组工信息\n第 3 期\n\n市内信息\n\n△某县：做法。内容。\n", "nodate.txt")
    with pytest.raises(ParseError, match="nodate.txt.*日期"):
        split(doc)


def test_layout_variants_other_markers_and_no_colon():
    text = (
        "XX组工动态\n2024年第5期（总第88期）\n中共XX市委组织部\n2024年3月1日\n\n"
        "【县区动态】\n\n▲甲县实行“三比三看” 激发干部活力。一是比实绩。按季度考核。二是比作风。群众评议。（甲县委组织部）\n"
    )
    d = split(read_text(text))
    assert d.masthead.issue == 5 and str(d.masthead.date) == "2024-03-01"
    (a,) = d.articles
    assert a.title == "甲县实行“三比三看” 激发干部活力" and a.unit_text == "甲县委组织部"
    assert [s.heading for s in a.segments] == ["比实绩", "比作风"]


_COPIED_PAGE = (
    "首页 > 新闻中心 > 基层动态\n【字体：大 中 小】 打印本页 关闭窗口\n"
    "发布时间：2024-03-15 09:32 来源：某县委组织部 浏览次数：1286\n"
    "某县推动年轻干部到基层一线墩苗历练\n"
    "近年来，某县选派35岁以下优秀年轻干部到乡镇任职，实行导师帮带。今年以来已选派46名。\n"
    "责任编辑：王某某\n上一篇：某县召开全县组织工作会议\n版权所有：中共某县委组织部\n"
)
# a reposted news page: a source-and-clock-time line, a counter, the site's name over its 微信公众号 and
# 官方微博 lines, a dateline (本报讯) and a place list at the foot are no part of the article
_NEWS_PAGE = (
    "某县“擂台比武”赛出村干部新风貌\n某某日报 2023-05-06 08:15:20  来源：某某日报  作者：张某\n2\n"
    "某某日报网\n微信公众号\n某某日报网\n官方微博\n"
    "本报讯（记者 李某 通讯员 王某）今年以来，某县组织村党组织书记开展“擂台比武”，全县120名书记上台比拼。\n"
    "本文转自：某某网\n邮编：123456\n甲县| 乙县| 丙市| 丁区|\n"
)


@pytest.mark.parametrize(
    "page, title, date, first, last",
    [
        (_COPIED_PAGE, "某县推动年轻干部到基层一线墩苗历练", "2024-03-15", "近年来", "已选派46名。"),
        (_NEWS_PAGE, "某县“擂台比武”赛出村干部新风貌", "2023-05-06", "今年以来", "上台比拼。"),
    ],
)
def test_a_copied_web_page_taken_as_an_article_loses_its_chrome(page, title, date, first, last):
    from kg.split import split_as_article

    draft = split_as_article(read_text(page, "page.txt"))
    (a,) = draft.articles
    assert a.title == title
    assert str(draft.masthead.date) == date  # read from the publishing line before it goes
    body = draft.document.text[a.body_start : a.body_end].strip()
    assert body.startswith(first) and body.endswith(last)


def test_a_headless_news_item_is_titled_by_its_first_sentence_past_dateline_and_speech():
    from kg.split import split_as_article

    text = (
        "某县报道（记者 赵某）“这回评上三星了！”“下回争四星！”在年终评星之际，某县村级组织晋星定级结果公布，"
        "全县86个村参加评定。\n评定结果与村干部报酬挂钩。\n"
    )
    (a,) = split_as_article(read_text(text, "news.txt")).articles
    assert a.title.startswith(
        "“这回评上三星了！”“下回争四星！”在年终评星之际"
    )  # one sentence with its speech
    assert not a.title.startswith("某县报道")


def test_a_headless_news_item_loses_a_site_dateline_and_the_day_it_opens_with():
    from kg.split import split_as_article

    text = "某某网某市3月2日电 28日，某县120名村干部参加任职资格考试。考试结果纳入年度考核。\n"
    (a,) = split_as_article(read_text(text, "news.txt")).articles
    assert a.title == "某县120名村干部参加任职资格考试"


# a page whose first lines are the site's own name and a 位置：当前位置： breadcrumb, over its title
_SITE_PAGE = (
    "某某网——某某中心唯一官方中文网\n位置：当前位置：首页 >> 基层\n\n某县实施青苗计划\n\n"
    "发布时间：2019-12-17 11:19:11 来源：某某网\n\n某县建立村级后备干部库，入库210人。\n"
)


def test_the_site_name_and_breadcrumb_over_a_page_are_not_its_title():
    from kg.split import split_as_article

    (a,) = split_as_article(read_text(_SITE_PAGE, "page.txt")).articles
    assert a.title == "某县实施青苗计划"


def test_a_site_s_slogan_over_its_location_line_is_not_the_title():
    from kg.split import split_as_article

    text = (
        "打造网上某某平台 致力于某某事业\n您现在的位置:首页 > 新闻 > 某区\n某区年轻干部集中报到会举行\n"
        "发布时间:2025-11-24  来源:某区人民政府\n\n  11月20日，某区召开年轻干部集中报到会，60人次参加。\n"
    )
    (a,) = split_as_article(read_text(text, "page.txt")).articles
    assert a.title == "某区年轻干部集中报到会举行"


def test_a_bulleted_location_line_is_not_the_title_nor_a_paper_named_in_the_reporters_bracket():
    from kg.split import split_as_article

    text = (
        "  • 您当前的位置:首页 > 新闻 > 某市新任村党支部书记培训班开班\n"
        "  • 某市新任村党支部书记培训班开班\n\n    时间:2021-03-07 23:51:33  来源:  作者:\n\n"
        "    某某客户端某市讯(某某·某某日报记者王某)3月1日，某市委组织部对100名新任村党支部书记开展培训。\n"
    )
    (a,) = split_as_article(read_text(text, "page.txt")).articles
    assert a.title == "某市新任村党支部书记培训班开班"


def test_a_first_line_opening_with_a_dateline_is_no_headline():
    from kg.split import split_as_article

    text = "某某网4月21日讯，近日，某县选派32名年轻干部到村任职。\n目前，某县有32个村。\n"
    (a,) = split_as_article(read_text(text, "news.txt")).articles
    assert a.title == "某县选派32名年轻干部到村任职"


def test_a_converter_s_leftover_commas_and_repeated_pinyin_are_dropped():
    text = "基层干部素质不断提高,。30来,,各级党组织公开选拔,、下派挂职。龙(long)(long)墩村\n"
    assert (
        read_text(text, "page.txt").text
        == "基层干部素质不断提高。30来，各级党组织公开选拔、下派挂职。龙墩村\n"
    )


def test_a_forum_s_anti_copy_scraps_are_dropped_and_ordinary_latin_kept():
    text = (
        '某区3个街道社会工作党委揭牌。7 m, ~6 E+ j1 a1 q- o3 d" U: h\n1 t. L( }& h9 F) F, h\n'
        "' _) j6 j* d7 p2 F. w1 B 某区将选派34名社区工作者。\nA B C D E F 级岗位\n"
    )
    got = read_text(text, "forum.txt").text
    assert got == "某区3个街道社会工作党委揭牌。\n\n某区将选派34名社区工作者。\nA B C D E F级岗位\n"


@pytest.mark.parametrize(
    "line", ["cee85eddead24220b9402a65dee8dc7a.JPG", "图说:某街道举办结对带教活动。街道供图", "某街道供图"]
)
def test_a_picture_s_file_name_and_caption_are_chrome(line):
    from kg.text.webpage import is_chrome_line

    assert is_chrome_line(line)
    assert not is_chrome_line("某街道举办结对带教活动，7对师徒签订协议。")


def test_a_page_s_title_bar_and_an_unbracketed_byline_are_not_the_title():
    from kg.split import split_as_article

    text = (
        "某某精品网站_某某热门综合_某某免费网站\n\n首页 > 正文\n\n"
        "本网讯特约记者张某、实习生李某报道：11日，某县村党组织书记培训班开班。197名书记参训。\n"
    )
    draft = split_as_article(read_text(text, "page.txt"))
    assert draft.articles[0].title == "某县村党组织书记培训班开班"


def test_a_newspaper_page_s_masthead_date_and_site_name_are_not_the_title_and_a_subtitle_joins_it():
    from kg.split import split_as_article

    text = (
        "《某某日报》 《某某日报藏文版》 《某某商报》\n\n2020年06月03日\n\n某某在线\n\n某县为乡村振兴“蓄能”\n\n"
        "组织村干部“充电”\n\n本报某地电(记者 某某)近期，某县举办村干部素质能力提升培训班，52名村干部参加。\n"
    )
    draft = split_as_article(read_text(text, "page.txt"))
    (a,) = draft.articles
    assert a.title == "某县为乡村振兴“蓄能”——组织村干部“充电”"
    assert draft.document.text[a.body_start :].startswith("近期")  # past the subtitle and the dateline


def test_a_news_report_s_subhead_lines_head_its_practices():
    from kg.split import split_as_article

    text = (
        "某州选出一批年轻干部\n\n"
        "今年换届中，某州选拔了一批年轻干部，让他们在乡村振兴中挑大梁。\n\n"
        "定向“选”，扶贫干将成闯将\n\n"
        "某州从“五类人员”中择优选拔102人进入乡镇干部队伍，其中第一书记23人。\n\n"
        "定岗“引”，外出能人挑大梁\n\n"
        "某州抓住村社换届契机，回引一批外出能人回村任职，“一肩挑”比例达97%。\n"
    )
    (a,) = split_as_article(read_text(text, "news.txt")).articles
    assert [s.heading for s in a.segments] == ["定向“选”，扶贫干将成闯将", "定岗“引”，外出能人挑大梁"]


def test_a_lone_short_line_is_no_subhead():
    from kg.split import split_as_article

    text = (
        "某县选派干部驻村\n\n某县选派40名干部驻村开展帮扶。\n\n聚焦能力短板\n\n"
        "某县组织村干部赴外地轮训，共培训120人次。\n"
    )
    (a,) = split_as_article(read_text(text, "news.txt")).articles
    assert all(s.marker != "subhead" for s in a.segments)


def test_a_wechat_repost_keeps_its_masthead_date_and_a_lone_mark_parts_articles():
    text = (
        "某某组工信息｜2022年第9期\n原创某某市委组织部某某党建\n微信号abc_zzb\n功能介绍中共某某市委组织部官方微信公众号。\n"
        "2022-06-30 19:02发表于西藏\n某某组工信息\n2022年第9期\n中共林芝市委组织部编\n2022年6月28日\n"
        "巴宜区：三岗轮训锻造过硬驻村工作队\n巴宜区坚持把驻村工作作为重要抓手，探索三岗轮训机制，今年以来轮训队员412人次。\n"
        "◆\n发挥银发余热 老干部争当宣传员\n今年以来，县委组织部依托离退休干部党支部组建志愿服务队9支，吸纳党员87名。\n"
        "（朗县县委组织部供稿）\n"
    )
    draft = split(read_text(text, "wechat.txt"))
    assert draft.masthead.date.isoformat() == "2022-06-28"
    assert [a.title for a in draft.articles] == [
        "巴宜区：三岗轮训锻造过硬驻村工作队",
        "发挥银发余热 老干部争当宣传员",
    ]


def test_a_news_page_ends_where_its_previous_and_next_links_begin():
    # the link titles stand on lines of their own after a bare 上一篇： (one in a column's brackets, which
    # would otherwise head a practice); the dateline names the site's own 网讯 and a paper's reporters
    from kg.split import split_as_article
    from kg.text.webpage import strip_page_chrome

    text = (
        "某某网讯 某某日报全媒体记者 张某、通讯员 李某报道：11日，某县年轻干部理论考试举行，141名干部参加。\n"
        "考试后择优选择45人到县委党校集训。\n编辑：someone\n上一篇：\n【某某十问系列报道①】某市：城市为何变化大？\n"
        "下一篇：\n某县创建“党建大喇叭”工程\n"
    )
    (a,) = split_as_article(read_text(text, "page.txt")).articles
    assert a.title == "某县年轻干部理论考试举行，141名干部参加"
    assert "十问" not in read_text(text, "page.txt").text[a.body_start : a.end]
    assert [s.heading for s in a.segments if s.heading] == []
    assert strip_page_chrome(text).endswith("考试后择优选择45人到县委党校集训。")


def test_a_page_s_font_buttons_and_summary_box_are_chrome():
    from kg.text.webpage import is_chrome_line

    assert is_chrome_line("放大字体缩小字体发布日期:2018-05-08来源：人民网")
    assert is_chrome_line("核心提示：“通过面对面的交流，我们说出了真实的想法。”某区某项目组组长")
    assert not is_chrome_line("字体设计大赛在某县举行")


def test_a_day_month_year_stamp_and_a_source_line_are_chrome():
    from kg.text.webpage import is_chrome_line

    assert is_chrome_line("12.08.2015 11:26")
    assert is_chrome_line("本文来源: 扶贫办")
    assert not is_chrome_line("12.08亿元资金全部到位")


def test_a_plain_text_issue_starts_an_article_at_a_place_led_line_after_a_finished_paragraph():
    text = (
        "组工信息\n第12期\n中共仪陇县委组织部　　2024年6月18日\n\n仪陇县实施选调生“墩苗计划”\n\n"
        "　　近年来，仪陇县实施“墩苗计划”，全县共接收选调生86名，全部安排到乡镇工作。\n"
        "　　目前，已有11名选调生走上乡科级领导岗位。\n\n"
        "仪陇县“三单”管理压实驻村第一书记责任\n\n"
        "　　仪陇县共选派驻村第一书记186名。县委组织部实行任务单、履职单、考评单管理。\n"
    )
    assert _titles(text) == ["仪陇县实施选调生“墩苗计划”", "仪陇县“三单”管理压实驻村第一书记责任"]


def test_a_wechat_posts_follow_prompt_is_no_headline():
    """点击蓝字关注我们 over the post's note (blind31, 昭觉) opened an article of its own."""
    text = (
        "昭觉组工通讯 | 2024年第9期\n原创昭觉组工 2024年09月13日18:06 四川\n\n点击蓝字关注我们\n\n"
        "编者的话：本期聚焦驻村帮扶等工作，欢迎转发分享。\n\n01\n昭觉县“四强化”从严管理驻村第一书记\n\n"
        "今年以来，昭觉县从选派、培训、管理、激励四个环节发力，选派第一书记87名。\n\n"
        "02\n昭觉县出台十条措施关心关爱基层干部\n\n昭觉县针对乡镇干部工作任务重等实际，出台十条措施。\n"
    )
    assert _titles(text) == ["昭觉县“四强化”从严管理驻村第一书记", "昭觉县出台十条措施关心关爱基层干部"]


def test_the_contents_last_entry_over_the_issues_note_is_an_entry_not_an_item():
    """blind31 (金寨 .doc): ◆ entries of 本期导读, the last one right over the 编者按; its headline comes below."""
    text = (
        "组工简报\n第6期（总第312期）\t中共金寨县委组织部编\t2024年4月22日\n\n本期导读\n"
        "◆ 金寨县“红色驿站”把在外流动党员凝聚起来\n◆ 老区“银发生辉”行动引导离退休干部发挥余热\n\n"
        "编者按：金寨是大别山革命老区的核心区。本期编发几则工作信息，供学习借鉴。\n\n"
        "金寨县“红色驿站”把在外流动党员凝聚起来\n金寨县外出务工经商人员多，摸清流动党员2860名。\n"
        "老区“银发生辉”行动引导离退休干部发挥余热\n在金寨这片红色热土上，组建志愿服务队17支。\n"
    )
    assert _titles(text) == [
        "金寨县“红色驿站”把在外流动党员凝聚起来",
        "老区“银发生辉”行动引导离退休干部发挥余热",
    ]


def _titles(text: str) -> list[str]:
    return [a.title for a in split(read_text(text, "bulletin.txt")).articles]
