"""Split and article localities on the failure patterns of the second batch of bulletins from other
provinces (described to us, never seen): bylines under headlines, articles naming no place, place names
that are ordinary words, tagged and reposted titles, articles after page markers, practices merged with
a lead or with each other. Each bulletin here is hand-written and short; the styles follow several
provinces' bulletins (none copied). Place names are real, the rest invented.
"""

from __future__ import annotations

import pytest

from kg.extract.stage import extract
from kg.read import read_text
from kg.split import split

BODY = "今年以来，围绕干部队伍建设，探索建立常态化工作机制，推动各项工作落地见效，取得了明显成效。"
P1 = "一是摸清底数。逐村逐企摸排人员情况，建立工作台账，实行动态管理。"
P2 = "二是压实责任。明确责任人和完成时限，每月调度一次工作进展。"


def parse(text: str):
    return split(read_text(text, "t.txt"))


def build(text: str):
    d = parse(text)
    return d, extract(d)


def body_of(d, a) -> str:
    return d.document.text[a.body_start : a.body_end]


def head(name: str, editor: str, date: str = "2023年6月2日", issue: str = "第8期") -> str:
    return f"{name}\n{issue}\n{editor}　　　　{date}\n\n"


# ---- 1. a byline alone on the line under a headline ---------------------------------------------


def test_marked_headlines_over_bylines_with_writers_are_one_article_each():
    d = parse(
        head("百色组工", "中共百色市委组织部")
        + "【经验交流】\n\n"
        + f"■构建“三链”机制　激活人才引擎\n田阳区委组织部　王　磊\n　　{BODY}{P1}{P2}\n\n"
        + f"◆“三个一线”锤炼年轻干部\n德保县委组织部\n　　{BODY}{P1}{P2}\n\n"
        + f"●推行“擂台比武”\n中共那坡县委组织部　黄　海　李　娜\n　　{BODY}{P1}{P2}\n"
    )
    assert [a.title for a in d.articles] == [
        "构建“三链”机制 激活人才引擎",
        "“三个一线”锤炼年轻干部",
        "推行“擂台比武”",
    ]
    assert [a.unit_text for a in d.articles] == ["田阳区委组织部", "德保县委组织部", "中共那坡县委组织部"]
    for a in d.articles:
        assert "组织部" not in body_of(d, a) and len(a.segments) == 2


@pytest.mark.parametrize(
    "byline",
    [
        "平江县委组织部　通讯员　刘　洋",
        "——平江县委组织部",
        "（平江县委组织部　刘洋）",
        "平江县委组织部 刘洋 周敏",
    ],
)
def test_an_unmarked_headline_over_a_byline_in_many_forms(byline):
    d = parse(
        head("岳阳组工", "中共岳阳市委组织部研究室") + f"党建引领激活“一池春水”\n{byline}\n{BODY}{P1}{P2}\n"
    )
    (a,) = d.articles
    assert a.title == "党建引领激活“一池春水”" and a.unit_text == "平江县委组织部"


def test_a_writer_line_under_a_title_after_a_closed_article():
    d = parse(
        head("望奎组工", "中共望奎县委组织部")
        + f"县委组织部推行“三个一”机制\n{BODY}{P1}{P2}\n（县委组织部干部股）\n\n"
        + f"人才“归雁”工程添动能\n通讯员　刘　洋\n{BODY}{P1}{P2}\n（县委组织部人才办）\n"
    )
    assert [a.title for a in d.articles] == ["县委组织部推行“三个一”机制", "人才“归雁”工程添动能"]
    assert "刘洋" not in body_of(d, d.articles[1])


@pytest.mark.parametrize(
    "bracket, unit",
    [("（太谷区委组织部　通讯员　李　娜）", "太谷区委组织部"), ("（通讯员　李娜　张伟）", None)],
)
def test_closing_brackets_with_a_correspondent(bracket, unit):
    d = parse(
        head("晋中组工信息", "中共晋中市委组织部") + f"△太谷区：推行“双述双评”\n{BODY}{P1}{P2}\n{bracket}\n"
    )
    (a,) = d.articles
    assert a.unit_text == unit and "李娜" not in body_of(d, a)


# ---- 2. articles naming no place ------------------------------------------------------------------


def test_an_article_naming_no_place_is_the_bulletins_own_place():
    d, b = build(
        head("望奎组工", "中共望奎县委组织部编")
        + f"县委组织部落实“三项机制”激励干部担当作为\n{BODY}{P1}{P2}\n（县委组织部组织股）\n\n"
        + f"组工干部“一企一员”服务复工复产\n{BODY}{P1}{P2}\n（县委组织部人才办）\n\n"
        + f"【外地经验】\n\n“田间党课”上到农民家门口\n{BODY}{P1}{P2}\n（来源：某某日报）\n"
    )
    assert [a.locality.name if a.locality else None for a in b.articles] == ["望奎县", "望奎县", None]
    assert [a.reporting_unit.name for a in b.articles[:2]] == ["望奎县委组织部组织股", "望奎县委组织部人才办"]
    assert b.articles[0].reporting_unit.locality.name == "望奎县"


def test_a_city_bulletin_article_without_a_place_takes_a_district_its_text_names():
    _d, b = build(
        head("晋中组工信息", "中共晋中市委组织部研究室")
        + f"△“十条措施”关心关爱一线干部\n{BODY}{P1}{P2}\n（市委组织部干部一科）\n\n"
        + "△组工干部下沉社区助力疫情防控\n今年以来，榆次区选派机关干部下沉社区，协助开展疫情防控工作。"
        + f"{P1}{P2}\n（榆次区委组织部）\n"
    )
    assert [a.locality.name for a in b.articles] == ["晋中市", "榆次区"]


def test_an_own_article_is_not_where_its_cadres_went_but_an_item_opening_with_a_place_elsewhere_is():
    _d, b = build(
        head("望奎组工", "中共望奎县委组织部")
        + f"年轻干部跟班学习开阔视野\n县委组织部组织30名年轻干部赴浙江省安吉县跟班学习。{P1}{P2}\n（通讯员　刘洋）\n\n"
        + f"“院落议事会”让群众说了算\n近日，四川省蓬溪县推行“院落议事会”制度。{BODY}{P1}{P2}\n"
    )
    assert [a.locality.name for a in b.articles] == ["望奎县", "蓬溪县"]


# ---- 3. place names that are ordinary words --------------------------------------------------------


def test_a_verb_that_is_also_a_county_name_is_not_that_county():
    _d, b = build(
        head("望奎组工", "中共望奎县委组织部")
        + "“十条措施”关心关爱一线干部\n县委组织部会同县人社局、县财政局制定十条措施，"
        + "适当延长县直机关年轻干部到乡镇挂职时间，推动人才资源县域统筹，新建区级人才驿站2个。"
        + f"{P1}{P2}\n（县委组织部干部监督股）\n"
    )
    (a,) = b.articles
    assert a.locality.name == "望奎县"
    names = {x.locality.name for p in a.practices for x in p.localities if x.locality}
    assert not names & {"会同县", "延长县", "资源县", "新建区"}


def test_a_place_name_that_is_a_word_counts_in_its_own_city_and_in_a_title():
    _d, b = build(
        head("铜仁组工", "中共铜仁市委组织部")
        + f"江口县：“三抓三促”建强村级组织\n{BODY}江口县推行村党组织书记县级备案管理。{P1}{P2}\n（江口县委组织部）\n"
    )
    (a,) = b.articles
    assert a.locality.name == "江口县" and a.reporting_unit.locality.name == "江口县"


# ---- 4. tagged and reposted titles -------------------------------------------------------------------


def test_a_short_place_tag_names_a_county_of_the_bulletins_city():
    d, b = build(
        head("河池组工", "中共河池市委组织部")
        + f"【环江】“三导三评”做实选调生培养\n{BODY}{P1}{P2}\n（环江毛南族自治县委组织部）\n\n"
        + f"【天峨】“擂台比武”比出干劲\n{BODY}{P1}{P2}\n"
    )
    assert [a.title for a in d.articles] == ["“三导三评”做实选调生培养", "“擂台比武”比出干劲"]
    assert [a.locality.name for a in b.articles] == ["环江毛南族自治县", "天峨县"]


@pytest.mark.parametrize("tag", ["【转载】", "【轉載】", "【转发】"])
def test_a_reposted_item_takes_its_place_from_its_own_title_and_text(tag):
    d, b = build(
        head("河池组工", "中共河池市委组织部")
        + f"【天峨】“擂台比武”比出干劲\n{BODY}{P1}{P2}\n（天峨县委组织部）\n\n"
        + f"{tag}湖南浏阳：“四个一”激活村级组织\n来源：中国新闻网　2025年4月18日\n{BODY}{P1}{P2}\n\n"
        + f"{tag}“院落议事会”让群众说了算\n近日，四川省蓬溪县推行“院落议事会”制度。{BODY}{P1}{P2}\n"
    )
    assert [a.title for a in d.articles] == [
        "“擂台比武”比出干劲",
        "湖南浏阳：“四个一”激活村级组织",
        "“院落议事会”让群众说了算",
    ]
    assert [a.locality.name for a in b.articles] == ["天峨县", "浏阳市", "蓬溪县"]
    assert d.articles[1].section == "转载" and "来源" not in body_of(d, d.articles[1])


def test_other_tag_brackets_and_numbered_headlines_over_bylines():
    d, b = build(
        head("铜仁组工", "中共铜仁市委组织部")
        + f"〔石阡〕“积分超市”激活党员队伍\n{BODY}{P1}{P2}\n（石阡县委组织部）\n\n◆经验交流◆\n\n"
        + f"一、“三个一线”锤炼年轻干部\n——玉屏侗族自治县委组织部\n{BODY}{P1}{P2}\n"
        + f"二、“党建+产业”带富一方\n松桃苗族自治县委组织部　欧阳明\n{BODY}{P1}{P2}\n"
    )
    assert [a.title for a in d.articles] == [
        "“积分超市”激活党员队伍",
        "“三个一线”锤炼年轻干部",
        "“党建+产业”带富一方",
    ]
    assert [a.locality.name for a in b.articles] == ["石阡县", "玉屏侗族自治县", "松桃苗族自治县"]


def test_a_bracketed_heading_that_is_no_place_stays_a_practice():
    d = parse(
        head("河池组工", "中共河池市委组织部")
        + f"【天峨】“擂台比武”比出干劲\n{BODY}\n【晒成绩】第一书记登台晒工作，由评委现场打分，比武结果计入年度考核。\n"
        + "【促整改】对排名靠后的第一书记约谈提醒，帮助查找问题、限期整改。\n（天峨县委组织部）\n"
    )
    (a,) = d.articles
    assert [s.heading for s in a.segments] == ["晒成绩", "促整改"]


# ---- 5. page markers and source lines -------------------------------------------------------------


@pytest.mark.parametrize("marker", ["— 4 —", "－4－", "- 4 -", "―4―", "· 4 ·", "第4页", "第 4 页 共 8 页"])
def test_an_article_right_after_a_page_marker(marker):
    d = parse(
        head("河池组工", "中共河池市委组织部")
        + f"【天峨】“擂台比武”比出干劲\n{BODY}{P1}{P2}\n\n{marker}\n\n"
        + f"【南丹】“四个一”激活村级组织\n{BODY}{P1}{P2}\n（南丹县委组织部）\n"
    )
    assert [a.title for a in d.articles] == ["“擂台比武”比出干劲", "“四个一”激活村级组织"]
    assert marker.replace(" ", "") not in d.document.text


def test_a_source_line_under_a_title_is_never_an_article():
    d = parse(
        head("嘉兴组工信息", "中共嘉兴市委组织部")
        + f"△海宁市：推行“红色夜访”\n{BODY}{P1}{P2}\n（海宁市委组织部）\n\n"
        + f"“三圈”监督管好干部“八小时以外”\n来源：中国新闻网　2025年4月18日\n{BODY}{P1}{P2}\n"
    )
    assert [a.title for a in d.articles] == ["海宁市：推行“红色夜访”", "“三圈”监督管好干部“八小时以外”"]


# ---- 6. two practices in one segment --------------------------------------------------------------


def test_an_unbalanced_bold_heading_followed_by_plain_heading_paragraphs():
    d = parse(
        head("铜仁组工", "中共铜仁市委组织部")
        + "思南县：“三抓三促”建强村级组织\n"
        + "**摸清“底数”建组织。全面排查村级组织设置、班子运行等情况，建立问题清单和整改台账。\n"
        + "理顺隶属关系强管理。对村级各类组织进行梳理，明确村党组织的领导地位。\n"
        + "选好“头雁”带队伍。从致富能手、退役军人中选拔村党组织书记，县级备案管理。\n（思南县委组织部）\n"
    )
    (a,) = d.articles
    assert [s.heading for s in a.segments] == ["摸清“底数”建组织", "理顺隶属关系强管理", "选好“头雁”带队伍"]


def test_a_first_practice_whose_bold_lost_its_partner_and_short_bold_measures():
    d = parse(
        head("铜仁组工", "中共铜仁市委组织部")
        + "思南县：“三抓三促”建强村级组织\n"
        + "**摸清底数。全面排查村级组织设置、班子运行等情况，建立问题清单和整改台账。\n"
        + "理顺隶属关系强管理。对村级各类组织进行梳理，明确村党组织的领导地位。\n"
        + "选好“头雁”带好村级队伍。从致富能手、退役军人中选拔村党组织书记，县级备案管理。\n（思南县委组织部）\n\n"
        + "德江县：“四个一”管好村干部\n德江县辖22个乡镇（街道），共有村干部1500余名。\n"
        + "**实行一周一记。**村干部每周记录工作情况，由乡镇审核。\n"
        + "**开展一月一评。**每月由群众代表对村干部进行评议。\n"
        + "**落实一年一考。**年底对村干部进行综合考核。\n（德江县委组织部）\n"
    )
    assert [[s.heading for s in a.segments] for a in d.articles] == [
        ["摸清底数", "理顺隶属关系强管理", "选好“头雁”带好村级队伍"],
        ["实行一周一记", "开展一月一评", "落实一年一考"],
    ]


def test_a_first_paragraph_stating_a_fact_is_not_the_first_practice():
    d = parse(
        head("铜仁组工", "中共铜仁市委组织部")
        + "碧江区：“红色引擎”推动非公企业党建\n"
        + "碧江区现有规模以上非公企业186家，建立党组织的企业142家。\n"
        + "选派党建指导员进驻企业，帮助企业建立健全党组织，指导开展组织生活，今年新建党组织23个。\n"
        + "推行“党建+生产经营”模式，在企业一线设立党员先锋岗，组织党员在技术攻关中当先锋。\n"
        + "实施企业出资人“双培养”计划，把出资人培养成党员、把党员培养成管理骨干。\n（碧江区委组织部）\n"
    )
    (a,) = d.articles
    text = d.document.text
    assert len(a.segments) == 3
    assert text[a.segments[0].start :].startswith("选派党建指导员")
    assert all("186家" not in text[s.start : s.end] for s in a.segments)


# ---- 7. lead phrases, footers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "leads",
    [("在摸排需求上", "在解决难题上", "在跟踪问效上"), ("坚持实绩导向", "注重容错纠错", "推动能上能下")],
)
def test_paragraphs_opened_by_plain_lead_phrases(leads):
    paras = "".join(
        f"　　{lead}，{'联络员每周到企业走访一次，建立问题清单，实行限时办结，办理结果由企业评价'}。\n"
        for lead in leads
    )
    d = parse(
        head("望奎组工", "中共望奎县委组织部")
        + f"组工干部“一企一员”服务复工复产\n　　{BODY}\n{paras}（县委组织部组织股）\n"
    )
    (a,) = d.articles
    assert [s.heading for s in a.segments] == list(leads)


def test_lead_phrases_inside_one_paragraph_and_short_measures_under_parallel_headings():
    d = parse(
        head("红河组工", "中共红河州委组织部编印", issue="（第15期）")
        + "▲个旧市：年轻干部“墩苗”计划\n个旧市实施年轻干部“墩苗”计划，今年选派32名年轻干部到基层一线历练。"
        + "在人选把关上，坚持从35岁以下优秀年轻干部中择优选派，经县委组织部考察后确定。"
        + "在跟踪管理上，建立墩苗干部实绩档案，实行季度考评。在关心关爱上，落实生活补助，每半年谈心一次。\n"
        + "（个旧市委组织部）\n\n"
        + "▲弥勒市：“四个一”工作法激活社区治理\n文/通讯员　杨　丽\n\n今年以来，弥勒市探索推行社区治理“四个一”工作法。\n\n"
        + "建立一张网格图。将城区社区划分为网格326个，每个网格配备网格员1名。\n\n"
        + "组建一支志愿队。组织在职党员、退休干部组建志愿服务队伍58支。\n\n"
        + "搭建一个议事平台。在小区设立“红色议事厅”，每月议事一次。\n\n"
        + "完善一套考评机制。对网格员实行月考评、季通报，考评结果与补贴挂钩。\n\n"
        + "　　　　　　（责任编辑：李　明）\n"
    )
    assert [[s.heading for s in a.segments] for a in d.articles] == [
        ["在人选把关上", "在跟踪管理上", "在关心关爱上"],
        ["建立一张网格图", "组建一支志愿队", "搭建一个议事平台", "完善一套考评机制"],
    ]
    last = d.articles[1]
    assert "杨丽" not in body_of(d, last) and "责任编辑" not in d.document.text[last.start : last.end]


@pytest.mark.parametrize(
    "footer",
    [
        "报送：省委组织部，市委领导。\n分送：各县（区）委组织部。",
        "抄送：市委组织部。",
        "本期编辑：赵静　　（共印80份）",
    ],
)
def test_footers_close_the_last_article(footer):
    d = parse(
        head("望奎组工", "中共望奎县委组织部") + f"县委组织部推行“三个一”机制\n{BODY}{P1}{P2}\n\n{footer}\n"
    )
    (a,) = d.articles
    assert (
        "委组织部。" not in d.document.text[a.start : a.end]
        and "编辑" not in d.document.text[a.start : a.end]
    )


@pytest.mark.parametrize("line", ["文明实践站", "时间：每月第一周", "图书室", "党建办"])
def test_short_lines_that_are_no_writer_or_source(line):
    from kg.split.bylines import attribution

    assert attribution(line) is None


# ---- a column of briefs, each under its place alone on a line ------------------------------------


@pytest.mark.parametrize("mark", ["◆", "●", ""])
def test_a_place_alone_on_its_line_over_a_brief_titled_by_its_lead_sentence(mark):
    """简讯 and 他山之石 columns whose briefs stand under their place (◆安溪县, or the bare name) and
    open with a short sentence that is their title: each is an article at that place, never read into
    the article before or titled by the column."""
    text = (
        head("泉州组工", "中共泉州市委组织部")
        + "晋江市推行“导师帮带”培养年轻干部\n"
        + BODY
        + "\n（晋江市委组织部）\n"
        + "简讯\n"
        + f"{mark}安溪县\n“茶乡先锋”服务流动党员。安溪县委组织部在流动党员集中地建立流动党员党支部5个，"
        + "登记流动党员860名，今年已开展集中学习12次。\n"
        + f"{mark}南安市\n“人才驿站”引才聚才。南安市设立人才驿站3处，今年引进急需紧缺人才46名。\n"
        + "他山之石\n"
        + f"{mark}龙岩市\n“一线考察”识准干部。龙岩市委组织部组织考察组深入项目一线考察干部，"
        + "今年已考察干部120名。\n"
        + "报：省委组织部。\n"
    )
    d = parse(text)
    got = [(a.title, a.title_locality) for a in d.articles]
    assert got[1:] == [
        ("“茶乡先锋”服务流动党员", "安溪县"),
        ("“人才驿站”引才聚才", "南安市"),
        ("“一线考察”识准干部", "龙岩市"),
    ]
    first = body_of(d, d.articles[0])
    assert "安溪县" not in first and "茶乡先锋" not in first
    assert body_of(d, d.articles[1]).startswith("安溪县委组织部在流动党员集中地")


def test_a_place_alone_on_its_line_inside_an_article_is_no_brief():
    """Outside a column of briefs, a county's name alone over a paragraph is a heading of the article
    (one city's article on its counties), not an article of its own."""
    text = (
        head("泉州组工", "中共泉州市委组织部")
        + "市委组织部推动年轻干部在基层一线成长\n"
        + BODY
        + "\n安溪县\n“茶乡先锋”服务流动党员。安溪县委组织部在流动党员集中地建立流动党员党支部5个。\n"
        + "南安市\n“人才驿站”引才聚才。南安市设立人才驿站3处，今年引进急需紧缺人才46名。\n"
        + "（泉州市委组织部）\n"
    )
    d = parse(text)
    assert [a.title for a in d.articles] == ["市委组织部推动年轻干部在基层一线成长"]


def test_an_empty_leader_slot_printed_over_the_masthead_leaves_the_masthead_whole():
    text = "领导批示：\n\n" + head("漳州组工", "中共漳州市委组织部") + "【工作动态】\n"
    text += "全市村党组织书记培训班在长泰区举办\n" + BODY + "\n（市委组织部组织科）\n"
    d = parse(text)
    assert (d.masthead.name, d.masthead.issue) == ("漳州组工", 8)
    assert [a.title for a in d.articles] == ["全市村党组织书记培训班在长泰区举办"]


def test_a_round_up_headline_over_places_alone_on_their_lines_is_one_article():
    """【县区传真】 各地多措并举… over 诏安县 / 诏安县… / 平和县 / 平和县…: the places head parts of one
    article (they are not briefs of their own, and the first is no wrapped end of the headline)."""
    text = head("漳州组工", "中共漳州市委组织部") + "【县区传真】\n各地多措并举加强党员队伍建设\n"
    text += "诏安县\n诏安县实施“青苗培育”计划，今年以来新确定入党积极分子412名，发展青年农民党员138名。\n"
    text += "平和县\n平和县开展流动党员集中排查，共摸排流动党员2916名，建立流动党员党组织11个。\n"
    text += "（市委组织部组织二科整理）\n"
    d = parse(text)
    assert [a.title for a in d.articles] == ["各地多措并举加强党员队伍建设"]
    assert "平和县开展流动党员集中排查" in body_of(d, d.articles[0])


def test_a_case_box_inside_an_article_stays_in_it():
    text = head("漳州组工", "中共漳州市委组织部") + "南靖县深化“领雁工程”建强村党组织书记队伍\n"
    text += P1 + "\n【典型案例】书洋镇塔下村：“头雁”领飞激活古镇经济\n"
    text += "塔下村党支部书记回村任职后，带领村“两委”班子盘活闲置古民居23幢，村集体经济收入增至52万元。\n"
    text += P2 + "\n（南靖县委组织部）\n"
    d = parse(text)
    assert [a.title for a in d.articles] == ["南靖县深化“领雁工程”建强村党组织书记队伍"]
    assert "二是压实责任" in body_of(d, d.articles[0])


def test_numbered_briefs_of_one_long_sentence_and_one_led_by_the_department():
    long_one = (
        "②程溪镇建立流动党员“双向管理”台账，对在外经商务工的156名流动党员逐一建档，依托在厦门、"
        "深圳成立的3个流动党员党支部，今年以来开展“线上组织生活”24次，引导流动党员回乡投资项目7个。（程溪镇党委）"
    )
    text = head("漳州组工", "中共漳州市委组织部") + "◆ 基层快讯 ◆\n"
    text += "①天宝镇组建“银龄先锋”志愿服务队12支，吸纳离退休干部260余名。（天宝镇党委）\n"
    text += (
        long_one + "\n③市委组织部举办新录用公务员初任培训班，全市89名新录用公务员参加为期5天的集中培训。\n"
    )
    d = parse(text)
    titles = [a.title for a in d.articles]
    assert titles[1:] == ["程溪镇建立流动党员“双向管理”台账", "市委组织部举办新录用公务员初任培训班"]
    assert body_of(d, d.articles[1]).startswith("程溪镇建立流动党员")


def test_a_bold_table_header_and_caption_are_no_measures():
    """A table's caption and bold header row (表1… / **类别**	**人数**) inside an article whose measures
    run 一是…二是… in its paragraph: the measures are its practices, and the table stays in the text."""
    text = (
        head("漳州组工", "中共漳州市委组织部")
        + "龙海区构建年轻干部全链条培养体系\n"
        + "今年以来，龙海区探索建立“三库”工作机制，推动优秀年轻干部多渠道使用。\n"
        + "一是建好“源头库”，拓宽选才视野。今年共引进选调生18名。二是建好“实践库”，强化墩苗历练。"
        + "选派63名年轻干部到一线墩苗历练。三是建好“储备库”，注重日常考察。首批入库213名。\n"
        + "**表1龙海区年轻干部队伍结构情况**\n**类别**\t**人数**\n35岁以下科级干部\t97名\n"
        + "（龙海区委组织部）\n"
    )
    d = split(read_text(text, "t.md", "md"))
    (a,) = d.articles
    assert [s.heading for s in a.segments][:3] == [
        "建好“源头库”，拓宽选才视野",
        "建好“实践库”，强化墩苗历练",
        "建好“储备库”，注重日常考察",
    ]


def test_after_a_column_of_place_briefs_a_round_up_under_the_next_column_stays_one_article():
    text = head("漳州组工", "中共漳州市委组织部") + "简讯\n"
    text += "◆诏安县\n“茶乡先锋”服务流动党员。诏安县委组织部建立流动党员党支部5个，登记流动党员860名。\n"
    text += "他山之石\n各地多措并举加强党员队伍建设\n"
    text += "龙岩市\n龙岩市实施“青苗培育”计划，今年以来新确定入党积极分子412名，发展青年农民党员138名。\n"
    text += "三明市\n三明市开展流动党员集中排查，共摸排流动党员2916名，建立流动党员党组织11个。\n"
    d = parse(text)
    assert [a.title for a in d.articles] == ["“茶乡先锋”服务流动党员", "各地多措并举加强党员队伍建设"]


def test_a_report_headline_wrapped_under_its_column_heading_is_whole_and_joined():
    """【调研报告】 over 关于…情况的 / 调研报告 / its unit: the headline is both lines, joined without a space
    (its first line cannot end there)."""
    text = (
        head("漳州组工", "中共漳州市委组织部")
        + "【调研报告】\n关于南靖县村级后备力量队伍建设情况的\n调研报告\n"
    )
    text += "中共南靖县委组织部\n\n" + BODY + "\n" + P1 + "\n" + P2 + "\n"
    d = parse(text)
    assert [a.title for a in d.articles] == ["关于南靖县村级后备力量队伍建设情况的调研报告"]


def test_a_headline_over_one_sentence_wrapped_over_many_lines_citing_document_numbers():
    """A PDF's hard-wrapped first sentence citing three documents runs eight lines before its 。, and one
    of them opens with the year of a document number (〔2023〕11号）): it is text, not a headline."""
    lines = [
        "平和县认真贯彻中共中央办公厅《关于进一步激励广大干",
        "部新时代新担当新作为的意见》，全面落实福建省委组",
        "织部《关于激励干部担当作为干事创业的十条措施》（闽组发",
        "〔2023〕11号）和漳州市委办公室《漳州市干部容错",
        "纠错实施办法（试行）》（漳委办发〔2022〕9号），结合实际制",
        "定《平和县激励干部担当作为“三项机制”实施方案》，健全容",
        "错纠错、澄清正名、关怀帮扶三项机制，营造干事创业良好氛",
        "围。",
    ]
    text = head("漳州组工", "中共漳州市委组织部") + "【经验交流】\n\n平和县健全“三项机制”激励干部担当作为\n"
    text += "\n".join(lines) + "\n" + P1 + "\n" + P2 + "\n（平和县委组织部）\n"
    d = parse(text)
    assert [a.title for a in d.articles] == ["平和县健全“三项机制”激励干部担当作为"]


def test_a_pdf_header_read_out_above_each_page_number_is_dropped():
    """A page's top-margin header comes out before its bottom-margin number (内部资料 注意保存 / — 2 —):
    it repeats above every page mark and goes, so it titles nothing; the masthead's own copy stays."""
    from kg.read.normalize import normalize

    page = "\n".join(["一是摸清底数。逐村逐企摸排人员情况，建立工作台账，实行动态管理，确保底数清楚。"] * 8)
    text = (
        "内部资料 注意保存\n— 1 —\n漳州组工\n第8期\n中共漳州市委组织部　　2023年6月2日\n\n某县召开会议\n"
        + page
    )
    for n, title in ((2, "某县推进村级后备力量建设"), (3, "某县开展流动党员返乡季活动")):
        text += f"\n\n内部资料 注意保存\n— {n} —\n{title}\n" + page
    out = normalize(text)[0].text
    assert out.count("内部资料") == 1 and out.startswith("内部资料")
    assert "某县推进村级后备力量建设" in out and "某县开展流动党员返乡季活动" in out


def test_a_portal_page_s_sidebar_between_its_location_and_the_bulletin_is_no_article():
    """A bulletin saved from a city portal: under its location line the channel list and a 热点推荐 box
    of other headlines come first, then the page title over 来源/发布时间 and the bulletin's masthead."""
    text = (
        "今天是：2024年9月27日星期五\n某市人民政府\n首页\n政务公开\n"
        "您当前的位置：首页 > 政务公开 > 组工动态 > 正文\n部门动态\n组工动态\n乡镇动态\n热点推荐\n"
        "某市召开第三季度重点项目推进会\n某景区国庆假期接待游客预计突破20万人次\n"
        "某市组工动态（2024年第9期）\n来源：中共某市委组织部发布时间：2024-09-27 16:30浏览次数：1386\n"
        "某市组工动态\n第9期（总第156期）\n中共某市委组织部2024年9月27日\n【工作聚焦】\n"
        "某市“三个强化”推动驻村第一书记履职尽责\n" + BODY + "\n" + P1 + "\n" + P2 + "\n"
    )
    d = parse(text)
    assert (d.masthead.name, d.masthead.issue) == ("某市组工动态", 9)
    assert [a.title for a in d.articles] == ["某市“三个强化”推动驻村第一书记履职尽责"]


def test_numbered_briefs_of_a_column_wrapped_over_lines_are_each_an_article():
    """A 工作简讯 column of numbered paragraphs with no headlines, wrapped as a narrow PDF column wraps them
    (a line may end before the first comma): each number opens a brief, titled by what happened after
    its time (a span of days, a festival's eve); a numbered point inside an article opens none."""
    text = (
        head("某区组工简报", "中共某市某区委组织部编")
        + "【经验交流】\n某区推行“三项机制”\n"
        + BODY
        + "\n1. 摸清底数，逐村建立台账，实行动态管理。\n2. 压实责任，明确完成时限，每月调度。\n\n"
        + "【工作简讯】\n"
        + "1. 9月5日至8日，区委组织部举办\n新录用公务员初任培训班，全区63\n名新录用公务员参加培训。\n"
        + "2. 某某街道开展“党员积分制\n管理”试点，将党员参加组织生活等情况\n量化为积分指标，目前已在32个党支部推行。\n"
        + "3. 中秋节前夕，区委组织部走访慰\n问生活困难党员218名，发放慰问金21.8万元。\n"
    )
    d = parse(text)
    assert [a.title for a in d.articles] == [
        "某区推行“三项机制”",
        "区委组织部举办新录用公务员初任培训班",
        "某某街道开展“党员积分制管理”试点",
        "区委组织部走访慰问生活困难党员218名",
    ]
    assert "218名" in body_of(d, d.articles[3]) and "32个党支部" in body_of(d, d.articles[2])
    bracketed = text.replace("\n1. 9月", "\n（1）9月").replace("\n2. ", "\n（2）").replace("\n3. ", "\n（3）")
    assert [a.title for a in parse(bracketed).articles] == [a.title for a in d.articles]


def test_the_last_contents_entry_right_over_the_issue_s_note_is_no_article():
    """本期目录 lists the titles; the last entry stands right over the issue's 编者按 (a paragraph): it is
    an entry still, not an article whose text is the note."""
    text = (
        head("某省组工信息", "中共某省委组织部编")
        + "本期目录\n某市：构建“四维考评”体系\n某市：聚焦主导产业打造人才集聚“强磁场”\n\n"
        + "编者按：今年以来，各地探索形成了一批好的经验做法，本期集中刊发，供各地学习借鉴。\n"
        + "【干部工作】\n某市：构建“四维考评”体系\n"
        + BODY
        + "\n"
        + P1
        + "\n"
        + "【人才工作】\n某市：聚焦主导产业打造人才集聚“强磁场”\n"
        + BODY
        + "\n"
        + P2
        + "\n"
    )
    d = parse(text)
    assert [a.title for a in d.articles] == [
        "某市：构建“四维考评”体系",
        "某市：聚焦主导产业打造人才集聚“强磁场”",
    ]
    assert "编者按" not in body_of(d, d.articles[0]) and "二是压实责任" in body_of(d, d.articles[1])


def test_centred_bold_headlines_of_a_web_page_open_articles_that_name_no_place(tmp_path):
    """A portal page gives its paragraphs no blank lines: a centred headline in bold stands apart as the page
    shows it, so a report (关于全市…的调查, its writer an office of the department) and a story (its
    ——subtitle under it) open articles though their headlines name no place; 全市 is the bulletin's own."""
    p = "<p style='text-indent:2em'>{}</p>"
    title = "<p align='center'><strong><font style='font-size:20px'>{}</font></strong></p>"
    html = (
        "<html><body><div id='zoom'><p align='center'><b>醴陵组工</b></p><p align='center'>2023年第12期</p>"
        "<p>中共醴陵市委组织部　2023年9月15日</p>"
        + title.format("醴陵市实施“墩苗育苗”工程锻造年轻干部队伍")
        + p.format(BODY)
        + p.format(P1)
        + title.format("关于全市村级后备力量建设情况的调查")
        + "<p align='center'>醴陵市委组织部组织二科</p>"
        + p.format("近期，我们对全市23个镇（街道）的村级后备力量进行了全面调查，并召开座谈会8场。")
        + p.format(P2)
        + title.format("“一根筋”书记带富“网红村”")
        + "<p align='center'>——记某村党总支书记罗建华</p>"
        + p.format("提起村党总支书记罗建华，村民们都竖起大拇指：“这个书记有股‘一根筋’的劲头！”")
        + p.format("2017年，罗建华回村担任党总支书记，带领村“两委”班子挨家挨户走访，引导村民发展民宿42家。")
        + "</div></body></html>"
    )
    d, b = build_html(html, tmp_path)
    assert [a.title for a in d.articles] == [
        "醴陵市实施“墩苗育苗”工程锻造年轻干部队伍",
        "关于全市村级后备力量建设情况的调查",
        "“一根筋”书记带富“网红村”——记某村党总支书记罗建华",
    ]
    assert b.articles[1].locality is not None and b.articles[1].locality.name == "醴陵市"


def build_html(html: str, tmp_path):
    from kg.read import read_file

    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    d = split(read_file(page))
    return d, extract(d)


def test_a_special_column_of_places_alone_on_their_lines_gives_each_place_its_item():
    """【专刊】容错纠错激励担当 over its editor's note, then each county's item under its name alone on a line:
    the tag line is the column's heading, each county an item; an article numbered 一、 over its ——subtitle
    is titled without its number."""
    text = (
        head("某市组工", "中共韶关市委组织部编印")
        + "一、以“严管厚爱”激励干部奋勇争先\n——市委常委、组织部部长在全市组织工作会议上的讲话（摘要）\n同志们：\n"
        + BODY
        + "\n二、关于全市驻镇帮镇扶村工作队员管理情况的调研\n韶关市委组织部调研组\n"
        + "今年3月至4月，我们深入10个县（市、区）开展专题调研，共发放问卷1500份。\n"
        + P1
        + "\n【专刊】容错纠错激励担当\n编者按：本期专刊摘编部分县（市、区）的做法，供各地学习借鉴。\n"
        + "翁源县\n翁源县制定容错纠错实施细则，明确可予容错的9种情形，2023年以来对14名干部予以容错免责。\n"
        + "仁化县\n仁化县建立干部澄清正名机制，去年以来共为8名干部澄清正名。\n"
    )
    d, b = build(text)
    titles = [a.title for a in d.articles]
    assert titles[0].startswith("以“严管厚爱”激励干部奋勇争先")
    assert titles[1] == "关于全市驻镇帮镇扶村工作队员管理情况的调研"
    assert b.articles[1].locality is not None and b.articles[1].locality.name == "韶关市"  # 全市: its own
    assert [t[:3] for t in titles[2:]] == ["翁源县", "仁化县"], titles
    assert "14名" in body_of(d, d.articles[2]) and "8名" in body_of(d, d.articles[3])
