"""Split stage, one rule at a time, on small hand-written bulletins (none copied from a real issue).

Place names are real (the extractors resolve them); people, figures and headlines are invented.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.read import read_text
from kg.split import split
from kg.split.bylines import byline, reporting_unit
from kg.split.enums import FAMILIES, runs
from kg.split.layout import is_footer, is_toc_entry, section_name
from kg.split.masthead import find_date

BODY = "今年以来，该县围绕干部队伍建设，探索建立常态化工作机制，取得了明显成效。"


def parse(text: str):
    return split(read_text(text, "t.txt"))


def titles(d) -> list[str]:
    return [a.title for a in d.articles]


# ---- masthead -------------------------------------------------------------------------------


def test_spaced_name_and_yearly_issue_with_total_number():
    d = parse(
        "组 工 简 报\n\n2021年第9期（总第140期）\n\n中共宁海县委组织部　　　　2021年6月3日\n\n"
        f"△宁海县：推行干部“日志管理”。{BODY}（宁海县委组织部）\n"
    )
    mh = d.masthead
    assert (mh.name, mh.issue, mh.date, mh.editor) == (
        "组工简报",
        9,
        dt.date(2021, 6, 3),
        "中共宁海县委组织部",
    )
    assert mh.year_issue == "总第140期"


@pytest.mark.parametrize(
    "line, want",
    [
        ("2019年5月20日", dt.date(2019, 5, 20)),
        ("2022.6.15", dt.date(2022, 6, 15)),
        ("2022-06-15", dt.date(2022, 6, 15)),
        ("2022/6/15", dt.date(2022, 6, 15)),
        ("二〇二二年六月十五日", dt.date(2022, 6, 15)),
        ("二○二○年十二月一日", dt.date(2020, 12, 1)),
    ],
)
def test_date_forms(line, want):
    assert find_date(line) == want
    d = parse(f"余姚组工信息\n第3期\n中共余姚市委组织部\n{line}\n\n△余姚市：推行“三色预警”。{BODY}\n")
    assert d.masthead.date == want


def test_date_on_the_editor_line_is_not_part_of_the_editor():
    d = parse(
        f"慈溪组工\n第 4 期\n中共慈溪市委组织部研究室编    2020.3.2\n\n△慈溪市：建立干部实绩档案。{BODY}\n"
    )
    assert d.masthead.editor == "中共慈溪市委组织部研究室" and d.masthead.date == dt.date(2020, 3, 2)
    assert d.masthead.name == "慈溪组工"


def test_date_before_the_name_and_chinese_issue_number():
    d = parse(f"2023年1月16日\n\n奉化组工信息\n\n第十二期\n\n△奉化区：实行村干部“积分制”。{BODY}\n")
    assert (d.masthead.name, d.masthead.issue, d.masthead.date) == ("奉化组工信息", 12, dt.date(2023, 1, 16))


def test_date_only_in_the_printing_line_of_the_footer():
    d = parse(
        f"象山组工信息\n第5期\n\n△象山县：推行“红色夜访”。{BODY}（象山县委组织部）\n\n"
        "报：市委组织部。\n中共象山县委组织部办公室　　2024年2月8日印发\n"
    )
    assert d.masthead.date == dt.date(2024, 2, 8)
    assert "印发" not in d.document.text[d.articles[0].start : d.articles[0].end]


def test_issue_written_year_then_number_without_di():
    d = parse(f"组工信息\n2023年5期\n中共平湖市委组织部\n2023年4月1日\n\n△平湖市：开展“擂台比武”。{BODY}\n")
    assert d.masthead.issue == 5


@pytest.mark.parametrize("line", ["〔2023〕第15号", "［2023］15号", "[2023] 第 15 号"])
def test_issue_numbered_as_a_document(line):
    d = parse(
        f"组工简报\n{line}\n中共盘州市委组织部　　2023年7月3日\n\n△盘州市：推行村干部“星级化”管理。{BODY}\n"
    )
    assert d.masthead.issue == 15 and d.masthead.name == "组工简报"


# ---- article starts ---------------------------------------------------------------------------


def test_place_tags_in_brackets_and_their_contents_list():
    d = parse(
        "组工动态\n第2期\n中共湖州市委组织部\n2022年3月1日\n\n本期目录\n"
        "【德清县】推行干部“周记实”制度\n【长兴县】村社书记“擂台比武”\n\n"
        f"【德清县】推行干部“周记实”制度\n\n{BODY}一是周周记。按周填报。二是月月评。按月点评。（供稿：德清县委组织部）\n\n"
        f"【长兴县】村社书记“擂台比武”\n\n{BODY}（供稿：长兴县委组织部）\n"
    )
    assert titles(d) == ["推行干部“周记实”制度", "村社书记“擂台比武”"]
    assert [a.title_locality for a in d.articles] == ["德清县", "长兴县"]
    assert [a.unit_text for a in d.articles] == ["德清县委组织部", "长兴县委组织部"]


def test_place_colon_titles_on_their_own_lines_after_a_contents_list_without_page_numbers():
    d = parse(
        "甘南组工信息\n\n第7期\n\n中共甘南州委组织部研究室  2021.9.9\n\n本期要目:\n"
        '夏河县:推行"双述双评"\n碌曲县:建立村干部"成长档案"\n\n'
        f'夏河县:推行"双述双评"\n\n{BODY}(夏河县委组织部)\n\n'
        f'碌曲县:建立村干部"成长档案"\n\n{BODY}(碌曲县委组织部)\n\n报送:省委组织部\n'
    )
    assert titles(d) == ["夏河县：推行“双述双评”", "碌曲县：建立村干部“成长档案”"]
    assert [a.unit_text for a in d.articles] == ["夏河县委组织部", "碌曲县委组织部"]


def test_numbered_place_titles():
    d = parse(
        f"组工通讯\n第8期\n中共桐庐县委组织部  2022-06-15\n\n1.分水镇：建立“党员积分超市”\n{BODY}\n"
        f"2.桐庐县：选派年轻干部到信访一线\n{BODY}\n"
    )
    assert titles(d) == ["分水镇：建立“党员积分超市”", "桐庐县：选派年轻干部到信访一线"]
    assert d.articles[0].title_locality == "分水镇"  # a town: by its suffix before the colon


def test_speech_with_its_unit_alone_a_subtitle_and_a_two_line_headline():
    d = parse(
        "组工简报\n第3期\n中共南江县委组织部   2023年5月6日\n\n编者按：近日召开推进会，现将发言摘编刊发。\n\n"
        "【交流发言】\n\n党建引领聚合力\n——长赤镇推动集体经济发展的做法\n长赤镇党委\n"
        f"{BODY}一是成立强村公司，统一经营。二是盘活闲置资产，出租增收。\n\n"
        f"建强堡垒\n筑牢基层治理根基\n中共赤溪镇委员会\n{BODY}\n"
    )
    assert titles(d) == ["党建引领聚合力——长赤镇推动集体经济发展的做法", "建强堡垒 筑牢基层治理根基"]
    assert [a.kind for a in d.articles] == ["speech", "speech"]
    assert [a.unit_text for a in d.articles] == ["长赤镇党委", "中共赤溪镇委员会"]
    assert d.articles[0].section == "交流发言"
    assert "编者按" not in d.document.text[d.articles[0].start :]


def test_a_headline_over_a_subtitle_after_a_finished_paragraph_opens_the_next_article():
    d = parse(
        "毕节组工\n第12期\n中共毕节市委组织部　　2024年6月18日\n\n"
        "让年轻干部在基层“墩苗”成长\n——赫章县实施年轻干部“蹲苗”计划\n\n"
        f"{BODY}一是精准选派。按专长安排岗位。二是跟踪管理。建立成长档案。\n\n"
        "从“单打独斗”到“抱团发展”\n——威宁县推行村集体经济“联村党委”模式\n\n"
        f"{BODY}\n\n"
        "“群众说了算”\n——摘自某村村民的留言\n\n"  # a quotation's source under a short line: no headline
        f"{BODY}\n"
    )
    assert titles(d) == [
        "让年轻干部在基层“墩苗”成长——赫章县实施年轻干部“蹲苗”计划",
        "从“单打独斗”到“抱团发展”——威宁县推行村集体经济“联村党委”模式",
    ]


def test_titled_items_after_a_closed_article_and_place_headed_items_from_elsewhere():
    d = parse(
        "组织工作简报\n第5期\n中共湖州市委组织部办公室  2020年3月2日\n\n★县区动态\n\n"
        f"关于推行村级小微权力清单的做法\n\n{BODY}（吴兴区委组织部）\n\n"
        f"老党员“红色课堂”进村入户\n\n{BODY}（安吉县委组织部）\n\n★外地传真\n\n"
        f"江苏溧阳推行干部实绩档案\n\n{BODY}\n\n湖北恩施探索“村医进班子”\n\n{BODY}\n\n报：省委组织部\n"
    )
    assert titles(d) == [
        "关于推行村级小微权力清单的做法",
        "老党员“红色课堂”进村入户",
        "江苏溧阳推行干部实绩档案",
        "湖北恩施探索“村医进班子”",
    ]
    assert [a.section for a in d.articles] == ["县区动态", "县区动态", "外地传真", "外地传真"]


def test_news_briefs_one_paragraph_each_closed_by_its_unit():
    d = parse(
        "绍兴组工信息\n第4期\n中共绍兴市委组织部\n2022年5月9日\n\n★工作简讯\n\n"
        "诸暨市召开年轻干部座谈会。5月6日，诸暨市委组织部召开座谈会，听取30名年轻干部意见建议。（诸暨市委组织部）\n\n"
        "嵊州市开展村社书记轮训。今年以来，嵊州市分4期轮训村社书记312名，实现全覆盖。（嵊州市委组织部）\n"
    )
    assert titles(d) == ["诸暨市召开年轻干部座谈会", "嵊州市开展村社书记轮训"]
    assert [a.unit_text for a in d.articles] == ["诸暨市委组织部", "嵊州市委组织部"]


def test_a_title_wrapped_onto_the_next_line_and_other_item_marks():
    d = parse(
        "东阳组工信息\n第 6 期\n中共金华市委组织部研究室\n2021年4月2日\n\n市内信息\n"
        f"△东阳市：推行机关干部“下沉一线”\n工作机制。{BODY}（东阳市委组织部）\n\n"
        f"●义乌市实施年轻干部“墩苗计划”。{BODY}（义乌市委组织部）\n"
        f"☆〖兰溪市〗村干部“分岗定薪”。{BODY}（兰溪市委组织部）\n"
    )
    assert titles(d) == [
        "东阳市：推行机关干部“下沉一线”工作机制",
        "义乌市实施年轻干部“墩苗计划”",
        "村干部“分岗定薪”",
    ]
    assert d.articles[2].title_locality == "兰溪市"


def test_titles_over_paragraphs_wrapped_without_blank_lines():
    d = parse(
        "台州组工信息\n第 9 期\n中共台州市委组织部研究室\n2022 年 7 月 1 日\n目 录\n"
        "临海市：推行村干部“星级评定”……………………1\n领导批示：\n"
        "临海市：推行村干部“星级评定”\n今年以来，临海市在全市村干部中推行“星级评定”，把村干部履职\n"
        "情况量化为星级，与报酬挂钩。一是定标准。设置18项指标。二是严评定。每半年评定一次。\n"
        "（临海市委组织部）\n温岭市：年轻干部“墩苗”计划见实效\n温岭市选派45名年轻干部到乡镇一线\n"
        "墩苗，墩苗期一年。\n（温岭市委组织部）\n报：省委组织部。\n"
    )
    assert titles(d) == ["临海市：推行村干部“星级评定”", "温岭市：年轻干部“墩苗”计划见实效"]
    assert [len(a.segments) for a in d.articles][0] == 2


def test_bracketed_headings_inside_an_article_are_practices_not_articles():
    d = parse(
        "组工动态\n第2期\n中共湖州市委组织部\n2022年3月1日\n\n"
        f"【德清县】推行干部“周记实”制度\n\n{BODY}\n【周周记】按周填报工作纪实，单位负责人逐条点评，点评情况全员可见。\n"
        "【月月评】按月汇总纪实情况，在单位内部公开排名，排名靠后的提醒谈话。\n（供稿：德清县委组织部）\n"
    )
    (a,) = d.articles
    assert [s.heading for s in a.segments] == ["周周记", "月月评"]


def test_a_speech_byline_naming_the_speaker():
    d = parse(
        "组工简报\n第3期\n中共巴中市委组织部  2023年5月6日\n\n【经验交流】\n\n"
        f"以“三个强化”推动村级组织整顿\n中共平昌县委组织部部长张某某\n{BODY}\n"
    )
    assert [(a.kind, a.unit_text) for a in d.articles] == [("speech", "中共平昌县委组织部")]


def test_a_title_alone_in_brackets():
    d = parse(
        f"组工信息\n第2期\n中共嘉善县委组织部\n2022年1月5日\n\n【嘉善县推行“三色预警”让考核长牙齿】\n{BODY}\n"
    )
    assert titles(d) == ["嘉善县推行“三色预警”让考核长牙齿"]


def test_no_masthead_no_cutting_a_news_item_or_a_notice():
    news = parse(
        f"海盐县：“导师帮带”助年轻干部成长\n\n发布时间：2023-09-14\n\n{BODY}\n\n（来源：海盐县委组织部）\n"
    )
    assert len(news.articles) == 1 and news.articles[0].kind == "news" and news.masthead.name is None
    notice = parse("关于召开楼长会议的通知\n\n各位楼长：\n本周四开会。\n1. 充电桩进展；\n2. 端午活动分工。\n")
    assert (notice.masthead.name, notice.masthead.issue) == (None, None) and len(notice.articles) == 1


# ---- ends and reporting units -----------------------------------------------------------------


@pytest.mark.parametrize(
    "tail, unit",
    [
        ("（海宁市委组织部）", "海宁市委组织部"),
        ("（供稿：海宁市委组织部）", "海宁市委组织部"),
        ("（作者单位：海宁市委组织部干部监督科）", "海宁市委组织部干部监督科"),
        ("（海宁市委组织部供稿）", "海宁市委组织部"),
        ("（海宁市委组织部 张某某）", "海宁市委组织部"),
        ("（来源：海宁市委组织部）", "海宁市委组织部"),
        ("（来源：海宁市人民政府网）", None),
        ("（摘自浙江省委组织部《组工通讯》第6期）", None),
        ("（斜桥镇党委）", "斜桥镇党委"),
    ],
)
def test_reporting_unit_brackets(tail, unit):
    body = "……取得成效。"
    assert reporting_unit(body + tail) == (len(body), unit)


def test_a_unit_alone_on_the_last_line_closes_the_article():
    assert reporting_unit("……取得成效。\n海宁市委组织部\n") == (8, "海宁市委组织部")
    assert reporting_unit("……办法（试行）") is None  # a bracket inside a sentence is no unit


def test_a_source_bracket_names_no_unit_and_stays_with_the_text():
    d = parse(
        f"嘉兴组工信息\n第1期\n中共嘉兴市委组织部\n2022年1月5日\n\n△广东蕉岭：推行积分制。{BODY}\n"
        "（摘自广东省委组织部《组工通讯》第6期）\n"
    )
    (a,) = d.articles
    assert a.unit_text is None and "《组工通讯》" in d.document.text[a.body_start : a.body_end]


def test_bylines():
    assert byline("中共赤溪镇委员会") == (0, "中共赤溪镇委员会")
    assert byline("——海宁市委组织部") == (0, "海宁市委组织部")
    assert byline("县委书记讲话") is None


# ---- furniture: contents, headings, footer, page markers ---------------------------------------


def test_contents_entries_and_headings():
    assert is_toc_entry("平湖市：开展“擂台比武”......3") and is_toc_entry("平湖市：开展“擂台比武”………… 3")
    assert is_toc_entry("开展“擂台比武”队伍2") and not is_toc_entry("中共平湖市委组织部2022-06-15")
    assert section_name("【他山之石】") == "他山之石" and section_name("州外参考") == "州外参考"
    assert section_name("【德清县推行干部“周记实”制度让实绩看得见】") is None


@pytest.mark.parametrize(
    "line", ["报：省委组织部。", "报送:省委组织部", "责任编辑：张某", "签发人：李某", "（共印60份）"]
)
def test_footer_lines(line):
    assert is_footer(line)


def test_page_markers_and_separators_are_not_content():
    d = parse(
        "平湖组工信息\n第2期\n中共平湖市委组织部\n2022年1月5日\n\n"
        f"△平湖市：开展“擂台比武”。{BODY}一是晒成绩。登台晒工作，利益联\n\n— 2 —\n\n结群众。"
        "二是促整改。排名靠后的约谈。\n-3-\n第 4 页\n（平湖市委组织部）\n━━━━━━━━\n报：市委组织部。\n"
    )
    (a,) = d.articles
    text = d.document.text[a.start : a.end]
    assert "2 —" not in text and "-3-" not in text and "第 4 页" not in text
    assert a.unit_text == "平湖市委组织部"
    assert "利益联结群众" in d.document.text[a.segments[0].start : a.segments[0].end].replace("\n", "")


# ---- practices --------------------------------------------------------------------------------


def practices(body: str) -> list[tuple[str | None, str | None, str | None]]:
    d = parse(
        f"组工信息\n第1期\n中共海宁市委组织部\n2022年1月5日\n\n△海宁市：推行“三比三看”。\n{body}\n（海宁市委组织部）\n"
    )
    return [(s.marker, s.heading, s.parent_heading) for s in d.articles[0].segments]


def test_numbering_families_each_counted_as_a_run_from_one():
    t = "做法是：1.定标准。按月打分，共3.5万分。2.严考核。按季排名。"
    assert [[t[p : p + 2] for p in r] for r in runs(t, 0, len(t), FAMILIES[2])] == [["1.", "2."]]
    assert runs("全县（一）个试点。", 0, 9, FAMILIES[1]) == []  # a lone （一） is no list


@pytest.mark.parametrize(
    "body, heads",
    [
        (
            f"{BODY}\n（一）定标准。按月打分，逐项公示结果。\n（二）严考核。按季排名，末位约谈提醒。",
            ["定标准", "严考核"],
        ),
        (
            f"{BODY}\n1.定标准。按月打分，逐项公示结果。\n2.严考核。按季排名，末位约谈提醒。",
            ["定标准", "严考核"],
        ),
        (f"{BODY}\n(1)定标准方面，按月打分，逐项公示。\n(2)严考核方面，按季排名，末位约谈。", None),
        (f"{BODY}①定标准，按月打分，逐项公示结果。②严考核，按季排名，末位约谈提醒。", None),
        (f"{BODY}第一，定标准，按月打分，逐项公示结果。第二，严考核，按季排名，末位约谈提醒。", None),
        (f"{BODY}其一，定标准，按月打分，逐项公示结果。其二，严考核，按季排名，末位约谈提醒。", None),
        (
            f"{BODY}\n1）定标准。按月打分，逐项公示结果。\n2）严考核。按季排名，末位约谈提醒。",
            ["定标准", "严考核"],
        ),
    ],
)
def test_other_numbering_families_give_one_practice_per_item(body, heads):
    got = practices(body)
    assert len(got) == 2
    if heads:
        assert [h for _m, h, _p in got] == heads


def test_parts_with_inner_enumerations_even_inline():
    body = f"{BODY}一、搭平台促增收。一是成立强村公司，统一经营。二是盘活闲置资产，出租增收。二、配强带头人。一是回引能人，回引23人。二是加强培训，培训4期。"
    got = practices(body)
    assert [p for _m, _h, p in got] == ["搭平台促增收"] * 2 + ["配强带头人"] * 2


def test_paragraphs_opened_by_a_heading_sentence_and_a_closing_measure():
    body = (
        f"{BODY}\n\n报酬分两块发放。基本报酬按月发放，由县财政统一保障，绩效报酬与考核挂钩。\n\n"
        "考核实行季度排名。每季度由县委组织部排名一次，排名靠后的由乡镇党委书记约谈。\n\n"
        "结果运用上，考核优秀的村党组织书记优先推荐为“两代表一委员”人选，优先参加乡镇事业编制人员专项招聘，"
        "考核较差的由乡镇党委及时调整。"
    )
    got = practices(body)
    assert [h for _m, h, _p in got][:2] == ["报酬分两块发放", "考核实行季度排名"] and len(got) == 3


def test_a_paragraph_without_heading_between_two_headed_ones_continues_the_first():
    body = (
        f"{BODY}\n\n报酬分两块发放。基本报酬按月发放，由县财政统一保障，绩效报酬与考核挂钩。\n\n"
        "绩效报酬年底一次性兑现，考核结果在全县范围内公开公示。\n\n"
        "考核实行季度排名。每季度由县委组织部排名一次，排名靠后的由乡镇党委书记约谈。"
    )
    got = practices(body)
    assert [h for _m, h, _p in got] == ["报酬分两块发放", "考核实行季度排名"]


def test_a_closing_summary_stays_with_the_last_practice():
    body = (
        f"{BODY}\n\n第一年“下沉到村”。到村任职一年，参与村务管理和矛盾调处，每人至少办成一件实事。\n\n"
        "第二年“轮岗到站”。在乡镇站所轮岗，每个岗位四到六个月，熟悉乡镇全盘工作。\n\n"
        "目前，已有9名选调生进入乡镇领导班子，14名被评为优秀公务员，成长速度明显加快。"
    )
    assert len(practices(body)) == 2


def test_a_list_of_measures_separated_by_semicolons():
    body = (
        "干部八小时以外是监督的薄弱环节。该县建立“三圈”监督机制。"
        "组建由网格员、物业人员等组成的义务监督员队伍，定期收集干部在居住地的表现；"
        "建立干部操办婚丧喜庆事宜报备制度，今年以来受理报备事项340余件；"
        "对反映干部八小时以外问题的线索，由县委组织部及时核查处置，已提醒谈话21人次。"
        "同时，将监督情况作为年度考核和选拔任用的重要内容，对问题查实的实行“一票否决”。"
    )
    got = practices(body)
    assert len(got) == 5 and got[1][1].startswith("组建") and got[-1][1].startswith("将监督情况")


def test_two_part_headings_opening_paragraphs_are_parallel_even_of_unequal_length():
    from kg.read import read_text
    from kg.split import split_as_article

    text = (
        "某旗围绕基层队伍建设，整合资源，建强三支队伍，为乡村振兴提供组织保障。\n"
        "配强镇村两级领导班子，发挥“主心骨”作用。该旗结合换届，选优配强镇村班子，新提拔年轻干部一批。\n"
        "建强农村党员队伍，发挥“先锋队”作用。该旗每年开展党员集中培训，组织党员认领服务岗位。\n"
    )
    d = split_as_article(read_text(text, "t.txt"))
    heads = [s.heading for s in d.articles[0].segments]
    assert heads == ["配强镇村两级领导班子，发挥“主心骨”作用", "建强农村党员队伍，发挥“先锋队”作用"]


def test_whole_bold_lines_led_by_a_place_open_articles_without_a_blank_line_between():
    """A Word file runs its articles on without blank lines; its headlines are whole bold lines (and a
    numbered heading whose number the title drops). A bold lead-in inside a paragraph opens nothing."""
    d = parse(
        "组工信息\n2022年第9期\n中共灵山县委组织部编 2022年9月26日\n【工作动态】\n"
        f"**灵山县实施“荔乡新苗”工程**\n{BODY}\n**一是源头储备。**{BODY}\n"
        f"**灵山县探索乡镇干部“月评季考年定”考核机制**\n{BODY}\n"
        f"**二、灵山县“五个一”关爱机制让基层干部安心干事**\n{BODY}\n"
        f"**表1 灵山县试点镇情况**\n{BODY}\n"
    )
    assert titles(d) == [
        "灵山县实施“荔乡新苗”工程",
        "灵山县探索乡镇干部“月评季考年定”考核机制",
        "灵山县“五个一”关爱机制让基层干部安心干事",
    ]


def test_same_lines_without_bold_stay_in_the_article_before():
    d = parse(
        "组工信息\n2022年第9期\n中共灵山县委组织部编 2022年9月26日\n【工作动态】\n"
        f"灵山县实施“荔乡新苗”工程\n{BODY}\n灵山县探索乡镇干部“月评季考年定”考核机制\n{BODY}\n"
    )
    assert titles(d) == ["灵山县实施“荔乡新苗”工程"]


def test_a_headline_hard_wrapped_in_a_narrow_column_runs_to_its_contents_entry():
    d = parse(
        "组工信息\n第14期\n中共天水市委组织部 2023年7月20日\n本期要目\n"
        "1. 武山县“暖心十条”关心关爱基层干部\n2. 【他山之石】赤峰市“星级评定+积分管理”推动基层党组织建设提质增效\n"
        "武山县：“暖心十条”关心关爱基\n层干部\n武山县制定《关于激励基层干部担当\n作为的“暖心十条”措施》，关心关爱基层干部。\n"
        "【他山之石】\n内蒙古赤峰市：“星级评定+积分\n管理”推动基层党组织建设提质增\n效\n近年来，赤峰市在嘎查村（社\n区）党组织中推行“星级评定+积分管\n理”制度。\n"
    )
    assert titles(d) == [
        "武山县：“暖心十条”关心关爱基层干部",
        "内蒙古赤峰市：“星级评定+积分管理”推动基层党组织建设提质增效",
    ]


def test_a_first_headline_on_two_lines_under_the_masthead_of_a_pdf():
    """No blank lines anywhere (text from a PDF): two short lines under the dated masthead and over the
    first paragraph are one headline, not the masthead's last line and a title."""
    d = parse(
        "组工简报\n2024年第3期\n中共温宿县委组织部2024年5月6日\n"
        "温宿县坚持“育管用”全链条发力，建设服务\n高质量发展的干部队伍\n"
        "今年以来，温宿县委组织部坚持新时代党的组织路线，聚焦干部“育管\n"
        "用”全链条，着力建设一支高素质干部队伍。一是分类施训。举办培训班12期。\n"
    )
    assert titles(d) == ["温宿县坚持“育管用”全链条发力，建设服务高质量发展的干部队伍"]
    assert d.masthead.editor == "中共温宿县委组织部"


def test_a_headline_right_under_a_body_line_over_a_paragraph_whose_line_ends_in_a_quote():
    """A PDF line that ends in a closing quote (…党员中心户”) runs on: the paragraph under the next
    headline is still a paragraph, so the headline opens an article though no blank line is above it."""
    d = parse(
        "组工简报\n2024年第3期\n中共温宿县委组织部2024年5月6日\n"
        "温宿县：“四抓四促”推动驻村工作走深走实\n温宿县坚持把驻村工作作为推进乡村振兴的重要抓手，\n"
        "今年共派驻驻村工作队48支。一是抓培训促能力。培训驻村干部730余人次。\n"
        "佳木镇：“红色网格”激活社区治理“末梢神经”\n温宿县佳木镇坚持党建引领基层治理，以村为单元、以网格\n"
        "为基础，构建“镇党委—村党组织—网格党支部—党员中心户”\n四级组织体系，推动治理力量向网格集聚。\n"
    )
    assert titles(d) == ["温宿县：“四抓四促”推动驻村工作走深走实", "佳木镇：“红色网格”激活社区治理“末梢神经”"]


# ---- editor's notes, speeches, flush-left headlines, briefs and wrapped PDF headlines -------------

_HEAD = "某某组工信息\n第5期\n中共某某县委组织部　　　　2023年5月8日\n\n"


def test_an_editors_note_under_a_headline_belongs_to_its_article():
    d = parse(
        _HEAD + "湖北省恩施市：建立年轻干部“成长档案”\n编者按：恩施市的做法值得借鉴，现予刊发。\n"
        f"　　{BODY}\n\n建始县：推行“积分制”管理党员\n　　{BODY}\n"
    )
    assert titles(d) == ["湖北省恩施市：建立年轻干部“成长档案”", "建始县：推行“积分制”管理党员"]
    first = d.articles[0]
    assert "编者按" in d.document.text[first.body_start : first.end]


def test_the_issues_own_note_wrapped_over_lines_opens_no_article():
    d = parse(
        _HEAD + "　　【编者按】基层干部是党执政的骨干力量。近年\n来，各县认真落实部署要求，探索\n"
        f"出一批做法，现刊发一组。\n\n共和县：“三个一批”建强乡镇干部队伍\n　　{BODY}\n"
    )
    assert titles(d) == ["共和县：“三个一批”建强乡镇干部队伍"]


def test_a_speech_after_the_issues_note_with_a_two_line_headline_and_a_glued_speaker():
    d = parse(
        _HEAD + "【编者按】全县组织工作会议近日召开，现将讲话摘要刊发。\n\n坚持大抓基层鲜明导向\n"
        "为推进高质量发展提供坚强组织保证\n——在全县组织工作会议上的讲话（摘要）\n"
        "中共某某县委常委、组织部部长　赖文华\n（2024年3月15日）\n\n"
        f"　　一、过去一年的工作\n　　{BODY}\n"
    )
    assert titles(d) == [
        "坚持大抓基层鲜明导向 为推进高质量发展提供坚强组织保证——在全县组织工作会议上的讲话（摘要）"
    ]


def test_a_headline_flush_left_between_indented_paragraphs_opens_an_article():
    d = parse(_HEAD + f"古田镇：用好红色资源\n　　{BODY}\n上杭县“五个一”关心关爱驻村第一书记\n　　{BODY}\n")
    assert titles(d) == ["古田镇：用好红色资源", "上杭县“五个一”关心关爱驻村第一书记"]


def test_one_sentence_briefs_of_a_column_are_titled_by_what_happened():
    d = parse(
        _HEAD + "【简　讯】\n"
        "　　临城镇：近日，临城镇举办村“两委”干部履职能力提升培训班，邀请党校专家授课，培训干部160人次。\n"
        "　　蛟洋镇：3月20日，蛟洋镇举办年轻干部“擂台比武”，组织28名年轻干部同台竞技，评选能手6名。\n"
    )
    assert titles(d) == [
        "临城镇：近日，临城镇举办村“两委”干部履职能力提升培训班",
        "蛟洋镇：3月20日，蛟洋镇举办年轻干部“擂台比武”",
    ]


def test_a_pdf_headline_wrapped_onto_a_few_words_keeps_them():
    body = (
        "针对新选派第一书记农村工作经验不足的问\n题，宜宾县推行“导师帮带”制度，由乡镇党委书\n记担任导师。\n"
    )
    d = parse(_HEAD + "宜宾县：“导师帮带”让第一书记沉下\n去干起来\n" + body)
    assert titles(d) == ["宜宾县：“导师帮带”让第一书记沉下去干起来"]


_B = "　　今年以来，该县围绕干部队伍建设，探索建立常态化工作机制，全年培训干部1200人次，取得了明显成效。\n"
_NEXT = "\n象山县：推行“积分制”管理党员\n" + _B


@pytest.mark.parametrize(
    "under, after",
    [
        ("图为宁海县年轻干部培训现场。\n", ""),  # a photo's caption under the headline
        ("作者：王磊　来源：宁海县委组织部\n", ""),  # writer and source on one line
        ("关键词：年轻干部　成长档案\n", ""),
        ("编者按：年轻干部培养是一项基础性工作，宁海县的做法\n值得借鉴。现予刊发。\n", ""),  # wrapped note
        ("【导读】宁海县为年轻干部建档，记录成长全过程。\n", ""),  # a lead: no article of its own
        ("", "（责任编辑：李娜）\n"),  # the article's own credits: the issue goes on
        ("", "审核：张强　编辑：李娜\n"),
    ],
)
def test_what_sits_under_a_headline_or_under_its_article_loses_neither(under, after):
    d = parse(_HEAD_NINGHAI + "宁海县：建立年轻干部“成长档案”\n" + under + _B + after + _NEXT)
    assert titles(d) == ["宁海县：建立年轻干部“成长档案”", "象山县：推行“积分制”管理党员"]


_HEAD_NINGHAI = "宁海组工\n第5期\n中共宁海县委组织部　　　　2023年5月8日\n\n"


def test_a_long_headline_in_two_parts_without_commas_is_one():
    head = "宁海县坚持“选育管用”全链条发力　着力建设一支忠诚干净担当的高素质专业化年轻干部队伍"
    d = parse(_HEAD_NINGHAI + head + "\n" + _B + _NEXT)
    assert titles(d) == [head.replace("\u3000", " "), "象山县：推行“积分制”管理党员"]


def test_an_interviews_first_question_is_not_the_headlines_second_line():
    qa = "　　问：为什么要建立成长档案？\n　　答：今年以来，该县探索建立常态化工作机制，取得了明显成效。\n"
    d = parse(_HEAD_NINGHAI + "宁海县：建立年轻干部“成长档案”\n" + qa + _NEXT)
    assert titles(d)[0] == "宁海县：建立年轻干部“成长档案”"


def test_credits_in_the_closing_block_still_end_the_issue():
    d = parse(
        _HEAD_NINGHAI + "宁海县：建立年轻干部“成长档案”\n" + _B + "\n编辑：县委组织部办公室\n（共印100份）\n"
    )
    assert titles(d) == ["宁海县：建立年轻干部“成长档案”"]
    a = d.articles[0]
    assert "编辑" not in d.document.text[a.body_start : a.end]


@pytest.mark.parametrize(
    "issue_lines, name, issue",
    [
        ("增刊第2期", "宁海组工（增刊）", 2),  # not the year's 第2期: merged into it, one of them was lost
        ("2023年第2期（增刊）", "宁海组工（增刊）", 2),
        ("专刊第三期", "宁海组工（专刊）", 3),
        ("（年轻干部工作专刊）\n第5期", "宁海组工", 5),  # a themed issue of the regular series
    ],
)
def test_an_issue_numbered_in_a_series_of_its_own_is_named_by_it(issue_lines, name, issue):
    d = parse(
        f"宁海组工\n{issue_lines}\n中共宁海县委组织部　　　　2023年5月8日\n\n宁海县：建立年轻干部“成长档案”\n{_B}"
    )
    assert (d.masthead.name, d.masthead.issue) == (name, issue)


def test_a_themed_issues_heading_over_its_number_keeps_the_series():
    d = parse(
        f"盐 城 组 工\n\n年轻干部工作专刊\n\n第 3 期\n\n中共盐城市委组织部编　　2024年9月20日\n\n盐城市：建立年轻干部“成长档案”\n{_B}"
    )
    assert (d.masthead.name, d.masthead.issue) == ("盐城组工", 3)


# ---- an article's first lines and its measures ------------------------------------------------

_LEAD_HEAD = "宁海组工\n第5期\n中共宁海县委组织部　　　　2023年5月8日\n\n宁海县：加强村党组织书记队伍建设\n"
_NEXT = "\n象山县：推行“积分制”管理党员\n　　今年以来，象山县推行党员积分制管理，全年评选优秀党员120名。\n"


def _measures(body: str) -> tuple[list[str], list[str]]:
    """(the titles, the first article's practice labels) of a bulletin around `body`."""
    from kg.extract.stage import extract

    b = extract(parse(_LEAD_HEAD + body + "（宁海县委组织部）\n" + _NEXT))
    return [a.title for a in b.articles], [p.label for p in b.articles[0].practices]


@pytest.mark.parametrize(
    "heads",
    [
        ("拓宽选人渠道。", "强化教育培训。", "完善激励保障。"),
        ("在选人上：", "在育人上：", "在留人上："),
        ("（1）拓宽选人渠道，", "（2）强化教育培训，", "（3）完善激励保障，"),
    ],
)
def test_a_one_sentence_lead_under_the_headline_opens_the_article(heads):
    # the lead alone is shorter than a paragraph; the article used to go into the front matter
    body = (
        "　　该县多措并举加强村党组织书记队伍建设。\n"
        f"　　{heads[0]}从致富能手、退役军人中选拔村党组织书记，今年新选拔42名。\n"
        f"　　{heads[1]}依托县委党校开展村党组织书记轮训，累计培训860人次。\n"
        f"　　{heads[2]}落实村党组织书记基本报酬动态增长机制，按程序招录为乡镇公务员。\n"
    )
    got, labels = _measures(body)
    assert got == ["宁海县：加强村党组织书记队伍建设", "象山县：推行“积分制”管理党员"]
    assert len(labels) == 3


def test_a_one_sentence_lead_over_numbered_parts():
    body = (
        "　　今年以来，该县从两方面发力。\n　　一、抓好干部培养\n"
        "　　一是建立成长档案。为全县年轻干部逐人建立档案。二是实施墩苗计划。每年选派50名年轻干部到乡镇挂职。\n"
        "　　二、抓好干部管理\n"
        "　　一是强化日常考核。考核组每季度深入单位随机走访。二是用好考核结果。将考核结果与选拔任用挂钩。\n"
    )
    got, labels = _measures(body)
    assert got[0] == "宁海县：加强村党组织书记队伍建设"
    assert labels == ["建立成长档案", "实施墩苗计划", "强化日常考核", "用好考核结果"]


@pytest.mark.parametrize(
    "a, b, c",
    [
        ("，一是", "；二是", "；三是"),  # inside one sentence after a comma
        ("。第一，", "。第二，", "。第三，"),
        ("。首先，", "。其次，", "。最后，"),
        ("：①", "；②", "；③"),
    ],
)
def test_enumerated_measures_inside_a_paragraph_and_their_labels(a, b, c):
    body = (
        f"　　该县多措并举加强干部管理{a}细化考核指标，围绕重点工作设置考核指标36项{b}强化日常考核，"
        f"考核组每季度深入单位随机走访{c}用好考核结果，将考核结果与选拔任用挂钩。\n"
    )
    _, labels = _measures(body)
    assert labels == ["细化考核指标", "强化日常考核", "用好考核结果"]


def test_a_closing_zuihou_alone_is_not_a_list():
    assert runs("甲。最后，乙。", 0, 7, FAMILIES[7]) == []
    t = "首先，甲。其次，乙。最后，丙。"
    assert [t[p : p + 2] for r in runs(t, 0, len(t), FAMILIES[7]) for p in r] == ["首先", "其次", "最后"]


@pytest.mark.parametrize(
    "end, unit",
    [
        ("供稿：宁海县委组织部", "宁海县委组织部"),
        ("来源：宁海县委组织部", "宁海县委组织部"),
        ("■宁海县委组织部", "宁海县委组织部"),
        ("（宁海县委组织部信息员　张明）", "宁海县委组织部"),
        ("（撰稿：张明　审核：李华）", None),
        ("撰稿：张明　审核：李华", None),
        ("（宁海县委组织部）\n【责任编辑：张明】", "宁海县委组织部"),  # a web page's credits under the unit
        ("（宁海县委组织部）\n附件：无", "宁海县委组织部"),
    ],
)
def test_what_closes_an_article_leaves_its_text(end, unit):
    from kg.extract.stage import extract

    b = extract(
        parse(
            _LEAD_HEAD + "　　今年以来，宁海县为全县200名年轻干部逐人建档，累计选派86人到基层锻炼。\n"
            f"{end}\n\n" + _NEXT
        )
    )
    assert len(b.articles) == 2
    a = b.articles[0]
    assert a.practices[-1].quote.text.rstrip().endswith("基层锻炼。")
    assert (a.reporting_unit.name if a.reporting_unit else None) == unit


def test_contents_of_bare_titles_under_their_heading_open_no_article():
    d = parse(
        "宁海组工\n第5期\n中共宁海县委组织部　　　　2023年5月8日\n\n本期目录\n"
        "宁海县：建立年轻干部成长档案\n象山县：推行党员积分制\n\n"
        f"宁海县：建立年轻干部成长档案\n　　{BODY}\n（宁海县委组织部）\n\n象山县：推行党员积分制\n　　{BODY}\n"
    )
    assert titles(d) == ["宁海县：建立年轻干部成长档案", "象山县：推行党员积分制"]


def test_a_speech_headline_over_its_speaker_and_day_is_no_masthead_line():
    d = parse(
        "宁海组工\n第5期\n中共宁海县委组织部　　　　2023年5月8日\n\n在全县组织工作会议上的讲话\n"
        f"中共宁海县委常委、组织部部长　王　明\n（2023年5月6日）\n同志们：\n　　{BODY}\n"
        f"　　一、提高政治站位\n　　{BODY}\n　　二、突出工作重点\n　　{BODY}\n"
    )
    assert titles(d) == ["在全县组织工作会议上的讲话"]
    assert d.articles[0].kind == "speech"


@pytest.mark.parametrize(
    "lines",
    [
        ("◆拓宽选人渠道，", "◆强化教育培训，", "◆完善激励保障，"),  # marked points under an unmarked headline
        ("●拓宽选人渠道。", "●强化教育培训。", "●完善激励保障。"),
        (
            "**拓宽选人渠道，**",
            "**强化教育培训，**",
            "**完善激励保障，**",
        ),  # bold words, the sentence runs on
        ("1.拓宽选人渠道\n　　", "2.强化教育培训\n　　", "3.完善激励保障\n　　"),  # a heading on its own line
        ("#拓宽选人渠道#\n　　", "#强化教育培训#\n　　", "#完善激励保障#\n　　"),  # between hashes
        ("拓宽选人渠道\n　　", "强化教育培训\n　　", "完善激励保障\n　　"),  # unmarked, on its own line
    ],
)
@pytest.mark.parametrize("lead", ["　　该县多措并举加强村党组织书记队伍建设。\n", ""])
def test_points_of_an_article_are_its_practices_and_labels(lines, lead):
    """Under a one-sentence lead or right under the headline: the points are the article's measures, no
    point joins the headline and no article is lost to the front matter."""
    body = (
        lead + f"　　{lines[0]}从致富能手、退役军人中选拔村党组织书记，今年新选拔42名。\n"
        f"　　{lines[1]}依托县委党校开展村党组织书记轮训，累计培训860人次。\n"
        f"　　{lines[2]}落实村党组织书记基本报酬动态增长机制，按程序招录为乡镇公务员。\n"
    )
    got, labels = _measures(body)
    assert len(got) == 2 and "渠道" not in got[0]
    assert labels == ["拓宽选人渠道", "强化教育培训", "完善激励保障"]


def test_a_wechat_posts_column_heads_with_a_bar_and_an_english_line_are_no_articles():
    d = parse(
        "柞水组工信息\n2024年第6期\n中共柞水县委组织部2024年4月12日\n本期导读\n"
        "◎ 柞水县：“三项机制”激活干部队伍\n◎ 小岭镇：“积分超市”让党员作用“看得见”\n"
        f"▍干部工作\nCADRE WORK\n01\n柞水县：“三项机制”激活干部队伍\n{BODY}\n"
        f"▍基层党建\nPARTY BUILDING\n02\n小岭镇：“积分超市”让党员作用“看得见”\n{BODY}\n"
    )
    assert titles(d) == ["柞水县：“三项机制”激活干部队伍", "小岭镇：“积分超市”让党员作用“看得见”"]
    assert [a.section for a in d.articles] == ["干部工作", "基层党建"]


def test_a_one_sentence_brief_in_a_column_of_briefs_is_its_own_article():
    d = parse(
        "黄冈组工\n第9期\n中共黄冈市委组织部　　2025年5月26日\n【经验交流】\n"
        f"麻城市：“四联四帮”推动村党组织整顿转化\n{BODY}\n【工作动态】\n"
        "罗田县：启动“人才回引”专项行动，建立在外罗田籍人才信息库，入库人才2300余人；举办“乡贤回归”恳谈会4场，"
        "签约返乡创业项目17个。\n"
        "黄州区：在东湖街道、赤壁街道推行社区工作者职业化管理，按每个社区3至5名的标准配备专职社区工作者，"
        "全区共配备286名。\n"
    )
    assert [t[:3] for t in titles(d)] == ["麻城市", "罗田县", "黄州区"]


def test_a_brief_titled_by_its_first_clause_keeps_the_whole_sentence_in_its_practice():
    """平远县：实施…“青苗工程”，通过…储备…623名…。: the title is the first clause, the figures after it stay."""
    from kg.extract.stage import extract

    b = extract(
        parse(
            "梅州组工\n第7期\n中共梅州市委组织部　　2024年7月8日\n\n【基层动态】\n\n"
            "平远县：实施村级后备干部“青苗工程”，通过个人自荐、党员群众推荐等方式，储备村级后备干部623名，"
            "其中35岁以下的占71.3%。选派86名后备干部到县直单位跟班学习。\n\n"
            "蕉岭县：建成“人才驿站”6个，引进急需紧缺人才47名，其中博士4名。为人才提供政策咨询等服务。\n"
        )
    )
    first = b.articles[0]
    assert first.title.startswith("平远县：实施村级后备干部“青苗工程”")
    got = {(o.value, o.unit) for p in first.practices for o in p.outcomes}
    assert {(623, "名"), (71.3, "%"), (86, "名")} <= got


def test_a_figure_in_bold_inside_a_sentence_is_no_heading_and_its_text_stays_in_its_practice():
    """A page that highlights its figures (全县**78**个重点村) loses no sentence to false headings."""
    body = (
        "　　【精准选派】从县直单位选派优秀干部，向全县**78**个重点村派驻第一书记**78**名，实现全覆盖。\n"
        "　　【强化培训】举办第一书记专题培训班**2**期，组织外出学习。\n"
    )
    from kg.extract.stage import extract

    b = extract(parse(_LEAD_HEAD + body + "（宁海县委组织部）\n" + _NEXT))
    practices = b.articles[0].practices
    assert [p.label for p in practices] == ["精准选派", "强化培训"]
    assert "派驻第一书记78名，实现全覆盖" in practices[0].text
    assert [(o.value, o.unit) for o in practices[0].outcomes] == [(78, "个"), (78, "名")]


def test_a_speechs_yiyao_erayao_are_its_measures():
    body = (
        "　　县委书记在会上强调，一要拓宽选人渠道，从致富能手中选拔村党组织书记；二要强化教育培训，每年开展"
        "村党组织书记轮训；三要完善激励保障，落实基本报酬动态增长机制。\n"
    )
    _, labels = _measures(body)
    assert labels == ["拓宽选人渠道", "强化教育培训", "完善激励保障"]


@pytest.mark.parametrize(
    ("body", "labels"),
    [
        (
            "　　该县着力加强社区工作者队伍建设：建立社区工作者岗位等级序列，实行薪酬体系；开展社区工作者全员轮训，"
            "每年集中培训不少于40学时；从优秀社区工作者中定向招录乡镇公务员，今年招录8名。\n",
            ["建立社区工作者岗位等级序列", "开展社区工作者全员轮训", "从优秀社区工作者中定向招录乡镇公务员"],
        ),
        (  # two clauses, or clauses that are not measures: one practice
            "　　该县着力加强社区工作者队伍建设：建立社区工作者岗位等级序列，实行薪酬体系；开展社区工作者全员轮训，"
            "每年集中培训不少于40学时。\n",
            None,
        ),
        (
            "　　该县社区工作者队伍呈现三个特点：年龄结构偏大，平均年龄47岁；学历层次偏低，大专以上仅占三成；"
            "专业能力不足，持证社工较少。\n",
            None,
        ),
    ],
)
def test_a_colon_led_list_of_measures_apart_by_semicolons_gives_a_practice_each(body, labels):
    _, got = _measures(body)
    assert got == labels if labels else len(got) == 1


def test_hard_wrapped_text_a_headline_on_two_centred_lines_and_a_first_line_without_stop():
    # plain text wrapped at ~35 characters: a headline broken over two centred lines after a paragraph opens
    # its article (the second line is no body), and a body's first line that ends without punctuation
    # (依据《…细则 / 》，…) is that body, not another headline
    from kg.read import read_text
    from kg.split import split

    head = "组工信息\n\n第11期\n\n中共某某旗委员会组织部编印\n2023年7月14日\n━━━━━━━━━━━━\n\n"
    text = (
        f"{head}          科右前旗“四维考评”激励干部担当作为\n\n"
        "旗委组织部依据《兴安盟领导班子和领导干部综合考核评价实施细则\n"
        "》，制定年度综合考核评价办法，设置考核指标36项，实行分类考核、分类\n排名。\n\n"
        "          科右前旗实施“归雁计划”\n          引回本土人才助力乡村振兴\n\n"
        "今年以来，科右前旗把人才回引作为推动乡村振兴的重要抓手，实施“\n归雁计划”，收录本土优秀人才1260名。\n"
    )
    titles = [a.title for a in split(read_text(text, "x.txt")).articles]
    assert titles == ["科右前旗“四维考评”激励干部担当作为", "科右前旗实施“归雁计划” 引回本土人才助力乡村振兴"]


def test_a_bold_caption_over_a_tables_rows_is_no_headline_and_a_headline_under_a_table_is():
    from kg.read import read_text
    from kg.split import split

    head = "组工信息\n\n第6期\n\n中共宁县县委组织部编\t2024年6月18日\n━━━━━━━━━━━━\n\n"
    body = (
        "今年以来，宁县严格落实《中国共产党发展党员工作细则》，坚持把政治标准放在首位，把好发展党员入口关。\n"
        "注重从致富能手、返乡大学生中发展党员，上半年接收预备党员情况如下：\n"
    )
    text = (
        f"{head}宁县多措并举提升发展党员质量\n\n{body}**宁县2024年上半年接收预备党员情况统计**\n"
        "领域\t接收预备党员\n农村\t46名\n合计\t78名\n\n"
        "宁县柔性引才激活乡村振兴\n\n宁县制定出台柔性引进人才实施办法，今年以来共引进人才213名。\n"
    )
    draft = split(read_text(text, "x.txt"))
    assert draft.masthead.editor == "中共宁县县委组织部"
    assert [a.title for a in draft.articles] == ["宁县多措并举提升发展党员质量", "宁县柔性引才激活乡村振兴"]


def test_a_credit_line_of_the_article_above_is_no_part_of_the_next_headline():
    # （某某镇党委供稿） alone on the line right over the next headline ends the article above it
    head = "新化组工简报\n\n2023年第12期\n\n中共某某县委组织部编\n2023年8月15日\n\n"
    text = (
        f"{head}水车镇：“屋场会”议出乡村振兴新路子\n"
        "水车镇坚持把“屋场会”作为联系群众的平台，今年以来召开“屋场会”160余场，收集意见建议320条。\n"
        "图为楼下村党员群众在田间召开“屋场会”\n（水车镇党委供稿）\n"
        "上梅街道：“红色物业”破解老旧小区治理难题\n"
        "上梅街道推行“小区党支部+业委会+物业企业”三方联动机制，建立小区党支部14个。\n"
    )
    assert titles(parse(text)) == [
        "水车镇：“屋场会”议出乡村振兴新路子",
        "上梅街道：“红色物业”破解老旧小区治理难题",
    ]
