"""Reported figures (kg.extract.outcomes)."""

import pytest

from kg.extract.outcomes import find_outcomes


def one(text):
    found = find_outcomes(text)
    assert len(found) == 1, found
    return found[0]


def test_counted_before_the_number():
    o = one("近三年提拔重用优秀干部 420 人，其中")
    assert (o.value, o.unit, o.counted, o.qualifier) == (420, "人", "提拔重用优秀干部", None)
    assert o.text == "420 人"


def test_two_figures_for_one_thing():
    a, b = find_outcomes("截至目前，共帮扶困难干部 49 人次 33.7 万元。")
    assert (a.value, a.unit, a.counted) == (49, "人次", "帮扶困难干部")
    assert (b.value, b.unit, b.counted) == (33.7, "万元", "帮扶困难干部")


@pytest.mark.parametrize(
    "text, value, unit, counted",
    [
        ("村均收入为 35.6 万元", 35.6, "万元", "村均收入"),
        ("较上一年度增幅达 37.5%。", 37.5, "%", "增幅"),
        ("目前入库 312 人。", 312, "人", "入库"),
        ("选派 50 余名优秀年轻科级干部到乡镇挂任", 50, "名", "优秀年轻科级干部"),
        ("对 4 名被问责干部予以澄清正名", 4, "名", "被问责干部"),
        # the head of a relative clause the scan would stop inside (到 in 到位), not its first words
        ("对9名履职不到位的驻村干部进行提醒谈话", 9, "名", "驻村干部"),
        ("同时，对5名在灾后重建中因先行先试出现失误的干部予以容错免责", 5, "名", "干部"),
        # measure words of visits, files, buildings and hours
        ("驻村干部走访入户4.8万余户次", 48000, "户次", "走访入户"),
        ("审核干部人事档案1320卷", 1320, "卷", "档案"),
        ("建成人才公寓2栋", 2, "栋", "人才公寓"),
        ("累计志愿服务时长1200小时", 1200, "小时", "服务时长"),
    ],
)
def test_counted(text, value, unit, counted):
    o = one(text)
    assert (o.value, o.unit) == (value, unit)
    assert counted in o.counted


def test_wan_is_expanded_except_for_money_and_qualifiers_kept():
    o = one("共承诺事项3.6万余件")
    assert (o.value, o.unit, o.qualifier) == (36000, "件", "余")
    o = one("深入一线走访群众9万多户")
    assert (o.value, o.unit, o.qualifier) == (90000, "户", "多")
    assert one("投资 3000 万元建成").unit == "万元"
    assert one("站内化解率达 80%以上").qualifier == "以上"
    assert one("按不超过20%的比例").qualifier == "不超过"
    assert one("每年开展专题培训不少于2次").qualifier == "不少于"


def test_thousands_after_digits_are_expanded_money_included():
    o = one("共收集处置群众诉求5千余件")
    assert (o.value, o.unit, o.qualifier, o.value_text) == (5000, "件", "余", "5千余件")
    assert (one("发放慰问金5千元").value, one("发放慰问金5千元").unit) == (5000, "元")
    assert one("培训三千人").value == 3000  # a Chinese numeral run as before


def test_a_range_in_ten_thousands_written_twice():
    o = one("推动村集体经济年均增收3万至8万元。")
    assert (o.value, o.upper, o.unit) == (3, 8, "万元")
    _, five = find_outcomes("调整不胜任现职干部4名。同时，对5名在改革中出现失误的干部予以容错。")
    assert five.counted == "干部"  # not 4名。同时，对 across the sentence before


def test_ranges():
    o = one("由高至低划分为1-5档")
    assert (o.value, o.upper, o.unit) == (1, 5, "档")
    o = one("按照1.0-1.3的系数确定工资待遇")
    assert (o.value, o.upper, o.unit) == (1.0, 1.3, "系数")
    o = one("街道党委共设委员9人至13人")  # the unit written twice
    assert (o.value, o.upper, o.unit) == (9, 13, "人")
    o = one("绩效奖励占比在30%～50%之间")
    assert (o.value, o.upper, o.unit, o.qualifier) == (30, 50, "%", "之间")


def test_chinese_numerals_only_when_a_count():
    o = one("选派二十余名干部驻村")
    assert (o.value, o.unit, o.qualifier) == (20, "名", "余")
    assert find_outcomes("抽调百名干部驻外招商，一批干部，做到“六个必谈”") == []


@pytest.mark.parametrize(
    "text",
    [
        "2020年，全县",
        "2019 年以来，",
        "2022年以来",
        "4 月 15 日，市委组织部召开",
        "获全国第九届称号",
        "已举办第 12 期",
        "一是走进基层",
        "任期为 3 年",
        "提前 2 个月报告",
        "1个季度未达序时进度",
        "实行“五优先四不奖”",
        "建立“3+1”结对联系制度",
        "探索“6+n”岗位调配",
        "“5084”广播热线",
        "出台《关于加强农村思想阵地建设的 20 条措施》",
        "（皖组〔2021〕12号）",
        "采取“30%课堂+70%现场”的方式",
        "城市大脑案例集(2022)",
        "印发《库车市关心关爱基层干部十二条措施》",
    ],
)
def test_not_figures(text):
    assert find_outcomes(text) == []


def test_offsets_point_at_the_figure():
    text = "其中脱贫攻坚一线干部 143 人、服务经济高质量发展一线干部 25 人"
    for o in find_outcomes(text):
        assert text[o.start : o.end] == o.text
    assert [o.counted for o in find_outcomes(text)] == ["脱贫攻坚一线干部", "服务经济高质量发展一线干部"]


def test_a_table_counts_by_row_and_column_and_its_header_gives_the_unit():
    text = (
        "各县储备情况如下：\n县（市、区）\t储备人数（名）\t占比\n北林区\t392\t12.5%\n"
        "安达市\t286\t9.1%\n全市共储备3126名后备力量。"
    )
    got = [(o.value, o.unit, o.label, text[o.start : o.end]) for o in find_outcomes(text)]
    assert got == [
        (392.0, "名", "北林区储备人数", "392"),
        (12.5, "%", "北林区占比", "12.5%"),
        (286.0, "名", "安达市储备人数", "286"),
        (9.1, "%", "安达市占比", "9.1%"),
        (3126.0, "名", "储备后备力量", "3126名"),
    ]


def test_a_header_whose_noun_is_a_count_gives_the_unit_and_a_cell_counts_its_row_and_column():
    text = "人才类别\t入库人数（名）\t参训人次\n传统技艺类\t412\t870\n种植养殖类\t935\t1650\n"
    got = [(o.value, o.unit, o.counted) for o in find_outcomes(text)]
    assert got == [
        (412.0, "名", "传统技艺类入库人数"),
        (870.0, "人次", "传统技艺类参训人次"),
        (935.0, "名", "种植养殖类入库人数"),
        (1650.0, "人次", "种植养殖类参训人次"),
    ]


def test_a_column_headed_other_of_is_a_part_of_the_column_before_it():
    text = "镇\t新储备村级后备干部（名）\t其中35岁以下（名）\n石塘镇\t66\t41\n"
    got = [(o.value, o.label) for o in find_outcomes(text) if o.unit == "名"]
    assert got == [(66.0, "石塘镇新储备村级后备干部"), (41.0, "石塘镇新储备村级后备干部中35岁以下")]


def test_a_number_in_a_table_without_a_unit_anywhere_is_no_figure():
    assert find_outcomes("县\t得分\n北林区\t92\n安达市\t88") == []


def test_money_per_head_or_day_is_part_of_the_figure_and_a_range_keeps_it_once():
    (o,) = find_outcomes("按所驻村类区发放70元/人·天至120元/人·天的生活补贴")
    assert (o.value, o.upper, o.unit, o.value_text) == (70.0, 120.0, "元", "70–120元/人·天")
    assert o.label.endswith("生活补贴") and "/" not in o.label
    (o,) = find_outcomes("为驻村干部发放每月500元/人的补助")
    assert (o.value_text, o.label.endswith("补助")) == ("500元/人", True)
    assert [o.value_text for o in find_outcomes("培训干部30人/次")] == ["30人"]  # only money takes a rate


def test_a_figure_never_runs_across_a_line_break():
    assert find_outcomes("12.08.2015 11:26\n本文来源：某办") == []
    assert [o.value_text for o in find_outcomes("近 300 人参加")] == ["近300人"]


def test_a_figure_in_a_table_cell_of_prose_is_labelled_within_its_cell():
    text = "培养环节\t主要内容\t完成情况\n导师帮带\t县处级领导干部与选调生结对\t确定结对导师63名\n"
    (o,) = find_outcomes(text)
    assert "\t" not in o.label and not o.label.startswith("导师帮带县处级")


def test_a_part_after_qizhong_is_counted_by_itself_or_the_whole_s_people():
    got = {
        (o.value, o.unit): o.counted for o in find_outcomes("储备村级后备干部623名，其中35岁以下的占71.3%。")
    }
    assert got[35, "岁"] == "储备村级后备干部"  # not "623名，其中"
    got = {(o.value, o.unit): o.counted for o in find_outcomes("入库687名，其中35岁以下的占58.2%。")}
    assert got[35, "岁"] == "35岁以下的"  # the whole names no people
    got = {(o.value, o.unit): o.counted for o in find_outcomes("撰写调研报告45篇，其中8篇获肯定性批示。")}
    assert got[8, "篇"] == "获肯定性批示"


def test_copies_right_after_a_title_count_that_publication():
    (o,) = find_outcomes("编印《村（社区）“两委”干部履职应知应会手册》3000册。")
    assert (o.value, o.unit, o.counted) == (3000.0, "册", "村（社区）“两委”干部履职应知应会手册")


def test_a_minus_sign_before_a_figure_makes_it_negative_and_a_range_dash_does_not():
    fall, rise = find_outcomes("人才净流入率由2020年的-3.5%提升至6.8%。")
    assert (fall.value, fall.value_text, fall.counted) == (-3.5, "-3.5%", "人才净流入率")
    assert rise.value == 6.8
    (band,) = find_outcomes("由高至低划分为1-5档")
    assert (band.value, band.upper) == (1.0, 5.0)


def test_money_is_counted_in_wan_yuan_and_by_its_own_noun_not_its_use():
    (o,) = find_outcomes("统筹各类资金1.2亿元支持嘎查村发展壮大集体经济。")
    assert (o.value, o.unit, o.value_text, o.counted) == (12000.0, "万元", "1.2亿元", "统筹各类资金")
    (o,) = find_outcomes("安排500万元专项资金。")
    assert (o.value, o.unit, o.counted) == (500.0, "万元", "专项资金")
    (o,) = find_outcomes("发放补贴5千元。")
    assert (o.value, o.unit) == (5000.0, "元")


def test_an_age_between_the_count_and_its_noun_qualifies_the_noun():
    """28名35岁以下年轻干部: the 28 are young cadres, not the verb before; the phrase ends at 围绕."""
    from kg.extract.outcomes import find_outcomes

    (count,) = [o for o in find_outcomes("组织28名35岁以下年轻干部围绕乡村振兴同台竞技。") if o.unit == "名"]
    assert count.counted == "年轻干部"


@pytest.mark.parametrize(
    "text", ["满意度高于全市平均分，在10个县（市、区）排名靠前。", "在全省21个市中位列第3。"]
)
def test_the_field_of_a_ranking_is_not_shown(text):
    (o, *_rest) = find_outcomes(text)
    assert not o.displayable


def test_a_table_number_before_bu_fen_is_no_count_of_bu():
    from kg.extract.outcomes import find_outcomes

    assert find_outcomes("情况见表1部分县（市、区）工作队配备情况") == []
    assert [(o.value, o.unit) for o in find_outcomes("拍摄专题片3部，")] == [(3.0, "部")]


def test_people_before_a_verb_of_going_are_counted_and_zai_makes_an_adjective():
    # 在职党员 is one noun (在 no preposition there), and 到…等镇的社区 is where they went, not what is counted
    got = [
        (o.value, o.counted) for o in find_outcomes("已有4300余名在职党员到嘉积镇、博鳌镇等镇的社区报到。")
    ]
    assert got == [(4300.0, "在职党员")]
    assert [o.counted for o in find_outcomes("对9名履职不到位的驻村干部进行约谈。")] == ["驻村干部"]


def test_letters_and_banners_are_counted_in_their_own_measure_words():
    found = find_outcomes("各乡镇向流动党员寄送“一封家书”1200封，张贴宣传标语300幅。")
    assert [(o.value, o.unit) for o in found] == [(1200, "封"), (300, "幅")]


def test_an_adverb_after_the_counted_noun_ends_it():
    o = one("对3名不适应基层工作的选调生及时进行了岗位调整。")
    assert o.counted == "不适应基层工作的选调生"


def test_a_change_to_a_later_years_figure_is_its_subjects():
    a, b = find_outcomes("村集体经济收入从2021年的18万元增长到2023年的65万元。")
    assert (a.counted, b.counted) == ("村集体经济收入", "村集体经济收入")


def test_priority_after_the_counted_noun_ends_it_but_may_open_one():
    assert one("对表现突出的41名干部优先提拔使用").counted == "干部"
    assert one("明确2种优先晋升的情形").counted == "优先晋升的情形"


def test_how_many_an_event_reached_counts_that_event():
    assert one("开展彝汉双语、政策法规、群众工作方法培训，覆盖580人次。").counted == "培训"
    assert one("覆盖632人。").counted == "覆盖"  # no event before it: as written


def test_a_relative_clause_may_quote_a_grade():
    """考核“较差”的公务员: the quoted grade is inside the clause, the head after it is what is counted."""
    assert [o.counted for o in find_outcomes("对2名考核“较差”的公务员进行诫勉谈话。")] == ["公务员"]
    assert [o.counted for o in find_outcomes("表彰12个获评“五星”的党支部。")] == ["党支部"]


@pytest.mark.parametrize(
    "text",
    [
        "街道开通24小时便民服务热线。",
        "实行7×24小时值班制度。",
        "群众诉求24小时内响应。",
        "确保问题48小时以内反馈。",
    ],
)
def test_hours_that_set_a_deadline_or_frame_a_service_are_no_result(text):
    assert find_outcomes(text) == []


def test_hours_reported_are_a_result():
    assert [o.value for o in find_outcomes("累计志愿服务时长达1200小时。")] == [1200]
    assert [o.value for o in find_outcomes("每名干部年度学习不少于24小时。")] == [24]


def test_people_counted_by_what_they_were_named_keep_the_quoted_title():
    got = [(o.text, o.counted) for o in find_outcomes("3名被评为全县“脱贫攻坚先进个人”。")]
    assert got == [("3名", "被评为全县“脱贫攻坚先进个人”")]


def test_a_town_named_by_a_numeral_is_no_figure_but_twenty_villages_are():
    got = [
        (o.value, o.unit) for o in find_outcomes("深入卓资山镇、十八台镇等8个乡镇宣讲，二十个村完成换届。")
    ]
    assert got == [(8.0, "个"), (20.0, "个")]


def test_what_a_figure_counts_never_runs_back_across_a_clause():
    """The phrase before a figure is never the previous figure's text across a comma or full stop
    (…32个重点项目攻坚一线，其中14人 / 每村3.5名。从年龄结构看，35岁以下…); a total after 共 counts
    what the figure before it counted; an age bound after 某某中 is a share of those people."""
    by = lambda s: {(o.value, o.unit): o.counted for o in find_outcomes(s)}  # noqa: E731
    got = by("选派86名年轻干部到32个重点项目攻坚一线，其中14人被提拔使用。")
    assert "，" not in got[(14.0, "人")] and "32" not in got[(14.0, "人")]
    got = by("全旗共储备后备力量412名，平均每村3.5名。从年龄结构看，35岁以下的218名。")
    assert "。" not in got[(35.0, "岁")]
    assert by("今年上半年已安排2批次共74人到省直单位挂职。")[(74.0, "人")] == "安排"
    assert by("调整干部216人次；提拔的干部中，40岁以下的占46.1%。")[(40.0, "岁")] == "提拔的干部"


def test_people_counted_after_a_long_relative_clause_are_its_head_noun():
    """对14名在改革发展中出现失误但符合容错情形的干部予以容错免责: a clause of 17 characters before 的 still
    qualifies the people counted; a long run that lists places (…全部安排到某乡、某镇等乡镇的村) does not."""
    by = lambda s: {(o.value, o.unit): o.counted for o in find_outcomes(s)}  # noqa: E731
    assert by("对14名在改革发展中出现失误但符合容错情形的干部予以容错免责。")[(14.0, "名")] == "干部"
    got = by("招录的23名选调生全部安排到南伊珞巴民族乡、派镇等乡镇的村（居）任职锻炼。")
    assert got[(23.0, "名")] == "选调生"


def test_a_noun_ending_in_the_measure_word_before_the_figure_is_what_it_counts():
    # 农户126户发展…: the households are counted, not what they go on to do
    got = {(o.value, o.unit): o.counted for o in find_outcomes("带动周边农户126户发展保护性耕作。")}
    assert "农户" in got[(126.0, "户")] and "耕作" not in got[(126.0, "户")]
