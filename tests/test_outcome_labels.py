"""Labels of reported figures (kg.extract.outcome_labels): clause shapes met in bulletins written elsewhere.
The sentences are made up here in each shape; none is copied from a gold set."""

import pytest

from kg.extract.outcomes import find_outcomes


def labels(text):
    return [(o.value, o.label) for o in find_outcomes(text) if o.displayable]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a quoted honour or role is what the people counted were named
        ("今年评选出12名优秀“红旗书记”。", [(12, "评选出优秀“红旗书记”")]),
        ("共表彰15名“担当作为好干部”。", [(15, "表彰“担当作为好干部”")]),
        # a scope word between the preposition and its figure
        ("县委组织部对全县42名社区书记开展任职考察。", [(42, "开展任职考察的社区书记")]),
        ("为全镇36名村干部购买意外保险。", [(36, "购买意外保险的村干部")]),
        # a change whose earlier figure is dated relatively
        ("全乡后进村党组织由上年的7个减少到2个。", [(7, "上年后进村党组织"), (2, "后进村党组织")]),
        # examples listed before the noun counted are left out, not before a noun too general alone
        ("开设政策理论、乡村振兴、基层治理等专题课程18门。", [(18, "开设专题课程")]),
        ("在东莞市、深圳市等地建立流动党员党支部6个。", [(6, "建立流动党员党支部")]),
        ("围绕政策法规、群众工作等内容举办专题培训班12期。", [(12, "举办专题培训班")]),
        ("首批认定“土专家”“田秀才”“乡村工匠”等乡村人才312名。", [(312, "首批认定乡村人才")]),
        ("选派到信访、应急等岗位锻炼的年轻干部85名。", [(85, "选派到信访、应急等岗位锻炼的年轻干部")]),
        # … and its earlier figure qualified
        ("村集体经济收入由不足6万元增加到31.5万元。", [(6, "村集体经济收入"), (31.5, "村集体经济收入")]),
        # a modifier after the preposition, the predicate after the figure
        ("对考核优秀的12名干部给予通报表扬。", [(12, "给予通报表扬的考核优秀干部")]),
        # people made to do something: what they did
        ("动员300名机关党员开展志愿服务。", [(300, "开展志愿服务的机关党员")]),
        # people counted, then what they did
        ("各乡镇组织委员40余人参加。", [(40, "参加的各乡镇组织委员")]),
        # a listed relative clause
        ("对5名不担当、不作为的干部进行了调整。", [(5, "不担当、不作为的干部")]),
        # a figure reached by a change: the measure, not the verb
        ("人均补贴标准提高到900元。", [(900, "人均补贴标准")]),
        # 涉及 is a verb, not 及 "and"
        ("老旧小区改造涉及420户。", [(420, "老旧小区改造涉及")]),
        # 从…中选出: no 中 left over
        ("从56名报名人员中选出了12名后备干部。", [(56, "报名人员"), (12, "选出后备干部")]),
        # sent somewhere: where to; the place opening the clause is the citation's, not the label's
        ("湖北通山县20名年轻干部被派往项目一线，接受历练。", [(20, "被派往项目一线的年轻干部")]),
        # the ways a measure is taken and the indicators it sets are its design
        ("从5个方面入手，下设18项量化指标。", []),
        ("将考核内容细分为24项具体指标，共5大项40个小项。", []),
        # a share that ranks is a cut-off, not a result
        ("排名前15%的支部作经验交流，后5%的支部书记接受约谈。", []),
        # a level reached (降至): named by what changed, not by a cut verb; a change keeps its verb
        (
            "新当选的村干部平均年龄降至41.5岁，比上届降4岁。",
            [(41.5, "新当选的村干部平均年龄"), (4, "比上届降")],
        ),
        # a distance and a per-head rule are not results
        ("两村相距300多公里，每名学员掌握3门技术。", []),
        # the unit that opens a clause goes with its place (no 委组织部 left)
        ("某某县委组织部成立4个督导组，对乡镇工作进行督导。", [(4, "成立督导组")]),
    ],
)
def test_label(text, expected):
    assert labels(text) == expected


def test_an_item_with_its_own_verb_keeps_it():
    got = labels("建成干部周转房80套、已入住干部65名。")
    assert got[1] == (65, "入住干部")


def test_a_verb_outside_the_list_is_still_the_items_own():
    """召回 and 清退 are no action verb of the project's list; jieba's dictionary knows them as verbs, so the
    second count is no second item of the first's verb (was 选派召回)."""
    assert labels("全镇共选派驻村干部12名，召回3名。") == [(12, "选派驻村干部"), (3, "召回的驻村干部")]
    assert labels("累计招募网格员40名，清退5名。")[1] == (5, "清退的网格员")


def test_a_count_of_people_borrows_only_people():
    """The verb alone before a count of people takes the object of the figure before only when that
    names people (was 补充入库的出库: 出库 is the first verb's own object, no people)."""
    assert labels("全年调整出库6名，补充入库11名。") == [(6, "调整出库"), (11, "补充入库")]


def test_a_share_of_the_whole_names_its_people():
    got = labels("今年新发展党员40名，其中女性的占35%，大专以上学历的占60%。")
    assert got[1:] == [(35, "女性的党员占比"), (60, "大专以上学历的党员占比")]


def test_a_share_of_the_pool_the_sentence_names():
    got = labels("全省县市区班子成员中，35岁以下的只占1.5%；35岁至40岁的仅占9.7%。")
    assert [x for x in got if x[0] in (1.5, 9.7)] == [
        (1.5, "35岁以下的班子成员占比"),
        (9.7, "35岁至40岁的班子成员占比"),
    ]


def test_a_chinese_numeral_in_a_quoted_name_is_no_figure():
    assert [o.value for o in find_outcomes("全部纳入“四岗十二级”薪酬体系的社区工作者310名。")] == [310]


def test_the_kinds_of_case_a_measure_lays_down_are_not_results():
    got = find_outcomes("明确可予免责的6种情形，细化不予提拔的9种具体情形。")
    assert [o.displayable for o in got] == [False, False]


def test_the_means_before_the_verb_is_left_out():
    assert labels("依托产业园区等平台建立实训基地12个。") == [(12, "建立实训基地")]


def test_pairs_boards_and_full_years_are_measured():
    got = find_outcomes(
        "结成师徒对子40对，开展1对1帮带；村级挂牌由平均12块精简到3块；年满30周岁以下的干部8名。"
    )
    assert [(o.value, o.unit) for o in got] == [(40, "对"), (12, "块"), (3, "块"), (30, "周岁"), (8, "名")]
    assert [o.label for o in got[1:3]] == ["村级挂牌平均数", "村级挂牌平均数"]
    assert not got[3].displayable  # an age threshold inside the noun phrase


def test_a_rate_a_measure_sets_is_no_result():
    got = find_outcomes("按不高于10%的比例确定“较差”等次，按5%的比例排查后进党支部6个。")
    assert [(o.value, o.displayable) for o in got] == [(10, False), (5, False), (6, True)]
    assert got[2].label == "排查后进党支部"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("推动600余名在职党员到社区报到。", [(600, "推动到社区报到的在职党员")]),
        ("对困难干部、患病干部等4类干部做到“必访”。", [(4, "做到“必访”的干部")]),
        ("下半年村干部晋升职级12名。", [(12, "村干部晋升职级")]),
        # people listed without 等: the whole list is what was counted
        (
            "全区86名青年农民、退役军人、返乡大学生走进考场。",
            [(86, "走进考场的青年农民、退役军人、返乡大学生")],
        ),
        # where they come from is no event; a verb of state ends no village name (新选任村)
        ("共有来自11个街道的18名优秀社区党组织书记参加。", [(18, "参加的优秀社区党组织书记")]),
        ("有404名新选任村党支部书记参加培训。", [(404, "参加培训的新选任村党支部书记")]),
        # a post after villages is taken by people sent there, not by the villages
        ("安排到32个扶贫村担任村党支部第一副书记。", [(32, "安排扶贫村")]),
        ("具有大专以上学历的干部比1978年提高近30个百分点。", [(30, "具有大专以上学历的干部比1978年提高")]),
        # an age among the conditions listed before the people is a threshold, no result
        (
            "选派35周岁以下、全日制本科学历年轻干部1340人。",
            [(1340, "选派35周岁以下、全日制本科学历年轻干部")],
        ),
    ],
)
def test_label_more(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # where the people work, listed before them: people of both
        (
            "全县共有141名机关、事业单位优秀年轻干部参加了考试。",
            [(141, "参加考试的机关、事业单位优秀年轻干部")],
        ),
        # covering is what was done to them, not part of their name
        ("对全市499个软弱涣散村全覆盖“村村到”。", [(499, "全覆盖“村村到”的软弱涣散村")]),
        ("实现全县100个行政村全覆盖。", [(100, "实现全覆盖的行政村")]),
        # a manner (以…的形式) is no part of what was counted
        ("深入各部门以“一对一”的形式访谈党员干部2100人次。", [(2100, "访谈党员干部")]),
        # a 其中 part or a passive clause names the whole's people, joined by 的
        (
            "全县科级年轻干部达76人，其中30余人通过竞争性选拔脱颖而出。",
            [(76, "科级年轻干部"), (30, "通过竞争性选拔脱颖而出的年轻干部")],
        ),
        # a level before a change said as 原来/现在, per head and month; 其他 opens a label
        (
            "其他村干部的生活补贴从原来每人每月450元提高到800元。",
            [(450, "其他村干部的生活补贴（每人每月）（调整前）"), (800, "其他村干部的生活补贴（每人每月）")],
        ),
        # a verb with 了 ends the counted noun; a quoted post is part of it
        ("我市1608个村（社区）完成了两委会换届选举。", [(1608, "完成两委会换届选举的村（社区）")]),
        ("组织14名乡镇党政“一把手”参加。", [(14, "参加的乡镇党政“一把手”")]),
        # times of a trip count the trips
        ("干部也3次到惠州进行考察。", [(3, "干部到惠州进行考察")]),
        # two sums of one kind after one verb share its label
        ("县财政分别奖励村集体10000元、5000元。", [(10000, "奖励村集体"), (5000, "奖励村集体")]),
        (
            "认定乡土人才312名，其中23名被评为“秦岭乡村工匠”。",
            [(312, "认定乡土人才"), (23, "被评为“秦岭乡村工匠”的乡土人才")],
        ),
    ],
)
def test_label_real_pages(text, expected):
    assert labels(text) == expected


def test_a_bare_figure_after_a_verb_names_what_the_verb_took_earlier_in_the_sentence():
    text = "每年按不低于5%的比例排查软弱涣散村党组织，今年共排查确定14个，由县级领导干部逐一包联。"
    assert (14, "排查确定的软弱涣散村党组织") in labels(text)
    # only a group or body the vocabulary knows, never the rest of a clause
    assert labels("明确晋升职级时同等条件下优先考虑，今年晋升6名。") == [(6, "晋升")]


def test_a_tag_line_over_figures_is_not_part_of_their_labels():
    # 【数说】 alone on a line over its figures: flattening the practice's lines keeps that break, so the tag
    # neither opens the first figure's label nor names the practice
    from kg.extract.practice_labels import practice_label
    from kg.read.normalize import MappedText, flatten

    text = flatten(
        MappedText.identity("【数说】\n全县309个村（社区）中，已有276个实现“一村一名大学生”。")
    ).text
    labels = [o.label for o in find_outcomes(text)]
    assert not any("数说" in (x or "") for x in labels), labels
    assert "数说" not in practice_label("bracket", "【数说】", text)


def test_a_bare_verb_counts_what_the_figure_before_it_counted():
    # 收集困难诉求73条，已协调解决58条: the 58 are 困难诉求 too (same unit, same sentence)
    assert labels("收集困难诉求73条，已协调解决58条。") == [(73, "收集困难诉求"), (58, "协调解决的困难诉求")]
    assert labels("收集意见建议320条，已办结296条，办结率92.5%。")[1] == (296, "办结的意见建议")


@pytest.mark.parametrize(
    "text, expected",
    [
        # the people counted form what follows (a team): they are the label, not the team
        ("由农牧局等3个单位8名下派干部组成的驻村工作队进驻。", [(8, "下派干部")]),
        # a verb that takes the next figure: the first figure is its subject
        ("11个镇党政领导班子共配备96人。", [(11, "镇党政领导班子")]),
        # a year of birth says who is counted
        ("其中1990年及以后出生的干部有25名。", [(25, "1990年及以后出生的干部")]),
        # a relative clause whose head is the next figure's noun
        ("换届后，48个行政村新当选的260名“两委”成员平均年龄41岁。", [(48, "行政村"), (260, "“两委”成员")]),
        # 以…为…: what the figure counts is taken as something, no predicate
        ("以3所基层党校为辐射点开展轮训。", [(3, "基层党校")]),
        # a verb before a kind of body or people makes a noun
        ("县政府21个组成部门全部建立党组织。", [(21, "县政府组成部门")]),
        # 共青团员 is no 共 + 青团员
        ("全镇共青团员320名。", [(320, "共青团员")]),
    ],
)
def test_label_clause_shapes_of_pastoral_and_town_pages(text, expected):
    assert labels(text)[: len(expected)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # batches, then the people with their own noun
        ("全区已连续选派6批1200余名干部开展驻村帮扶。", [(6, "连续选派"), (1200, "开展驻村帮扶的干部")]),
        # 人士 names people
        ("目前共有58名新的社会阶层代表人士参加。", [(58, "新的社会阶层代表人士")]),
        # an honour's name before the people counted holds no head of its own (书记 inside the quotes)
        ("为9位荣获“优秀党组织书记”称号的社区干部颁发证书。", [(9, "荣获“优秀党组织书记”称号的社区干部")]),
        # quoted names side by side are one noun
        ("来自全乡的32名“土专家”“田秀才”同台竞技。", [(32, "来自全乡的“土专家”“田秀才”")]),
        # 设为 starts the predicate
        ("4家居民区设为“实训基地”。", [(4, "设为“实训基地”的居民区")]),
    ],
)
def test_label_shapes_of_city_district_pages(text, expected):
    assert labels(text)[: len(expected)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the subject before 共有/共: what the figure counts
        ("全县各乡镇班子中，40岁左右年轻干部共有26人。", [(26, "40岁左右年轻干部")]),
        ("其中，35岁以下干部共9名。", [(9, "35岁以下干部")]),
        # … not when the noun follows the figure: the words before are then context
        ("已有两批共18名新任书记完成跟岗。", [(18, "完成跟岗的新任书记")]),
        # an age between the figure and its people says which people
        ("共有22名35岁左右年轻干部。", [(22, "35岁左右年轻干部")]),
        # 在…中: where they are counted, the 中 is no part of the noun
        ("在9个乡镇党政领导班子中，配备年轻干部。", [(9, "乡镇党政领导班子")]),
    ],
)
def test_label_subjects_ages_and_locatives(text, expected):
    assert labels(text)[: len(expected)] == expected


def test_the_setting_a_measure_is_fitted_to_and_a_share_per_unit_are_not_results():
    got = find_outcomes("根据全省11733个建制村实际，全力打造1000个示范村。")
    assert [(o.value, o.displayable) for o in got] == [(11733, False), (1000, True)]
    got = find_outcomes("每个整顿对象安排1名县以上领导干部定点包扶，每个月选派5名干部驻村。")
    assert [(o.value, o.displayable) for o in got] == [(1, False), (5, True)]
    # posts added per unit are, like money per head, what the measure gives
    got = find_outcomes("为每个街道增加1-2名行政编制和7名事业编制。")
    assert all(o.displayable for o in got)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a quoted name is the noun when a verb follows it; what it does becomes a relative clause
        ("建成12个“红色驿站”并投入使用。", [(12, "建成并投入使用的“红色驿站”")]),
        ("培育8个“强村公司”带动群众增收。", [(8, "培育带动群众增收的“强村公司”")]),
        # … a head noun after the name belongs to it
        ("打造15个“红色驿站”服务点。", [(15, "打造“红色驿站”服务点")]),
    ],
)
def test_label_a_quoted_name_before_its_verb(text, expected):
    assert labels(text)[: len(expected)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the next item of a list after a comma takes the verb the list began with ...
        ("全年提拔80后干部13人，90后干部9人。", [(13, "提拔80后干部"), (9, "提拔90后干部")]),
        ("选派第一书记45名，驻村工作队员135名。", [(45, "选派第一书记"), (135, "选派驻村工作队员")]),
        # ... but not a part, the rest, or an item framed on its own
        ("新发展党员120名，其中女性党员45名。", [(120, "新发展党员"), (45, "女性党员")]),
        ("全县共有党员5200名，35岁以下党员800名。", [(5200, "党员"), (800, "35岁以下党员")]),
        # an item with an adverb before its own verb keeps that verb, not the list's
        ("共提拔重用科级干部56人、进一步使用23人。", [(56, "提拔重用科级干部"), (23, "进一步使用")]),
        # a manner before the verb, then where the people were sent
        ("将择优选择45人到县委党校开展专题集训。", [(45, "择优选择到县委党校开展专题集训")]),
        # the people counted end before the verb that follows them (启动)
        ("100名从科局遴选出来的年轻干部启动强化训练。", [(100, "从科局遴选出来的年轻干部")]),
        # ... and before 荣获, 围绕
        ("最终8个村党组织书记荣获一等奖。", [(8, "荣获一等奖的村党组织书记")]),
        ("来自全县20个村党支部书记围绕重点工作谈思路。", [(20, "来自全县村党支部书记")]),
    ],
)
def test_label_items_after_a_comma_and_manner_before_a_verb(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sum that is a rate names what is paid at it
        ("按每人每月600元标准发放工作补贴。", [(600, "每人每月发放的工作补贴", "工作补贴")]),
        ("按照每人每年3000元的标准兑现慰问金。", [(3000, "每人每年兑现的慰问金", "慰问金")]),
        # a figure with a verb and no noun counts the people of the clause before
        (
            "选派30名年轻干部到乡镇挂职锻炼，推荐8名到省直部门跟班学习。",
            [
                (30, "选派到乡镇挂职锻炼的年轻干部", "年轻干部"),
                (8, "推荐到省直部门跟班学习的年轻干部", "推荐到省直部门跟班学习"),
            ],
        ),
    ],
)
def test_rates_and_people_left_out_of_a_second_clause(text, expected):
    got = [(o.value, o.label, o.counted) for o in find_outcomes(text) if o.displayable]
    assert got == expected


def test_a_body_is_labelled_without_its_members_and_things_handed_out_per_head_are_a_design():
    assert labels("组建由乡村干部、驻村工作队员组成的政策宣讲队8支。") == [(8, "组建的政策宣讲队")]
    assert labels("为每名新任村干部发放1本《履职手册》。") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # people counted right after the sessions or groups that took them in, a 、 between: the same
        # event counted twice, labelled with the people and what was done to them
        (
            "组织农家乐经营户培训8期、260人次。",
            [
                (8, "组织农家乐经营户培训", "组织农家乐经营户培训"),
                (260, "培训的农家乐经营户", "组织农家乐经营户培训"),
            ],
        ),
        (
            "接待外地党员干部研学团队96批次、3200余人次。",
            [
                (96, "接待外地党员干部研学团队", "接待外地党员干部研学团队"),
                (3200, "接待的外地党员干部", "接待外地党员干部研学团队"),
            ],
        ),
        (
            "组织致富带头人和返乡青年参加电商培训5期、180人次。",
            [
                (5, "组织致富带头人和返乡青年参加电商培训", "组织致富带头人和返乡青年参加电商培训"),
                (180, "参加电商培训的致富带头人和返乡青年", "组织致富带头人和返乡青年参加电商培训"),
            ],
        ),
        # not after households: 户 is no session
        ("全村有农户398户、1520人。", [(398, "全村有农户", "全村有农户")]),
    ],
)
def test_people_counted_after_the_sessions_that_took_them_in(text, expected):
    got = [(o.value, o.label, o.counted) for o in find_outcomes(text) if o.displayable]
    assert got == expected


def test_a_bare_verb_takes_its_object_from_the_same_verb_in_the_sentence_before():
    text = "今年计划举办“青年讲堂”10期，由部领导轮流授课。目前已举办3期，覆盖干部200余人次。"
    got = [(o.value, o.label, o.counted) for o in find_outcomes(text) if o.value == 3]
    assert got == [(3, "举办的青年讲堂", "青年讲堂")]
    # another verb a sentence away does not
    text = "今年计划举办“青年讲堂”10期。目前已完成3期。"
    assert [o.counted for o in find_outcomes(text) if o.value == 3] != ["青年讲堂"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("今年提拔使用35岁以下年轻干部32名，同比增长28.1%。", (28.1, "提拔使用35岁以下年轻干部同比增长")),
        ("村集体经济收入达1260万元，同比增长21%。", (21, "村集体经济收入同比增长")),
        ("干部占比达到18.6%，比上年提高4.2个百分点。", (4.2, "干部占比比上年提高")),
    ],
)
def test_a_change_on_last_year_names_the_figure_before_it(text, expected):
    assert labels(text)[-1] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("收集群众意见建议143条，已办结137条，办结率95.8%。", (95.8, "群众意见建议办结率")),
        ("今年一季度受理群众诉求518件，办结率98%以上。", (98, "群众诉求办结率")),
        # two verbs joined (解决或答复): the thing counted before them
        ("收集意见建议386条，已解决或答复352条，办结率91.2%。", (91.2, "意见建议办结率")),
        # a measure counted before (持证人数) is no subject; no figure before, no subject
        ("全街道社区工作者持证人数312名，持证率37.7%。", (37.7, "持证率")),
        ("群众满意率96.3%。", (96.3, "群众满意率")),
    ],
)
def test_a_bare_rate_names_what_was_counted_before_it(text, expected):
    assert labels(text)[-1] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "选派46名年轻干部到信访维稳、项目建设、乡村振兴一线蹲苗锻炼。",
            [(46, "选派到一线蹲苗锻炼的年轻干部")],
        ),
        (
            "分批选派56名年轻干部到乡镇（街道）、工业园区和信访一线挂职锻炼。",
            [(56, "分批选派到一线挂职锻炼的年轻干部")],
        ),
        # a short list stays whole
        ("选派20名年轻干部到乡镇、村挂职。", [(20, "选派到乡镇、村挂职的年轻干部")]),
    ],
)
def test_a_long_list_of_places_people_were_sent_to_is_said_by_its_kind(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "今年提拔年轻干部32名，其中女干部8名、选调生5名。",
            [(32, "提拔年轻干部"), (8, "提拔的女干部"), (5, "提拔的选调生")],
        ),
        (
            "选派46名年轻干部到乡村振兴一线蹲苗锻炼，其中女干部12名。",
            [(46, "选派到乡村振兴一线蹲苗锻炼的年轻干部"), (12, "选派到乡村振兴一线蹲苗锻炼的女干部")],
        ),
    ],
)
def test_people_of_a_qizhong_part_take_what_happened_to_the_whole(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # money put in is labelled by what it was for: the verb phrase after it, the part's heading, or
        # the clause after it; what it built is counted next with the building verb
        (
            "投入资金360万元新建改造乡镇干部周转房96套、食堂和澡堂15个。",
            [
                (360, "新建改造乡镇干部周转房投入的资金"),
                (96, "新建改造乡镇干部周转房"),
                (15, "新建改造食堂和澡堂"),
            ],
        ),
        (
            "二是改善工作生活条件。投入资金860万元，为16个乡镇建成职工食堂。",
            [(860, "改善工作生活条件投入的资金")],
        ),
        ("建好一个“家”。投入资金860万元，为14个乡镇建设“五小”设施。", [(860, "建设“五小”设施投入的资金")]),
    ],
)
def test_money_put_in_is_labelled_by_what_it_was_for(text, expected):
    assert labels(text)[: len(expected)] == expected


def test_a_bare_average_names_the_people_counted_before_it():
    assert labels("目前入库村级后备力量1260名，平均年龄36.5岁。")[-1] == (36.5, "村级后备力量平均年龄")
    # a change of the average names its own subject, never the average twice
    got = labels("村党组织书记平均年龄由48.6岁下降到42.3岁。")
    assert [label for _v, label in got] == ["村党组织书记平均年龄"] * 2


def test_places_gone_into_are_labelled_with_what_was_done_there():
    assert labels("宣讲团深入12个乡镇开展流动宣讲。") == [(12, "宣讲团深入开展流动宣讲的乡镇")]
    assert labels("考核组深入8个乡镇开展实地考核。") == [(8, "考核组深入开展实地考核的乡镇")]


def test_a_qizhong_list_names_the_whole_people_after_what_they_became():
    got = labels(
        "目前，全县在岗选调生57名，其中23名担任村党组织书记，9名提拔为副科级干部，2名被评为“优秀选调生”。"
    )
    assert got == [
        (57, "在岗选调生"),
        (23, "担任村党组织书记的选调生"),
        (9, "提拔为副科级干部的选调生"),
        (2, "被评为“优秀选调生”的选调生"),
    ]
    # the post they were promoted to is not who was counted
    assert labels("全县共选派第一书记12名，其中2名提拔为乡镇领导班子成员。")[-1] == (
        2,
        "提拔为乡镇领导班子成员的第一书记",
    )


def test_a_quota_per_village_or_per_head_is_a_design_but_an_average_is_a_result():
    assert labels("按照每村2至3名的标准储备村级后备干部。") == []
    assert labels("每名党员中心户联系群众10至15户。") == []
    assert labels("全县储备村级后备干部1260名，平均每村储备3.2名。")[0] == (1260, "储备村级后备干部")
    assert len(labels("全县储备村级后备干部1260名，平均每村储备3.2名。")) == 2
    assert labels("每村安排工作经费5万元。") == [(5, "每村安排工作经费")]  # money per head stays


def test_gong_before_a_verb_ends_the_bodies_counted_and_leaves_the_people_their_figure():
    got = labels("全县20个乡镇（街道）共储备村级后备干部1260名。")
    assert got == [(20, "储备村级后备干部的乡镇（街道）"), (1260, "储备村级后备干部")]
    assert labels("全镇23个村党支部共为1046名农村党员建立积分档案。")[0] == (23, "村党支部")
    # 共产党员 is a noun, not 共 + a verb
    assert labels("表彰优秀共产党员35名。") == [(35, "表彰优秀共产党员")]


def test_a_list_that_belongs_to_a_later_verb_is_kept_whole():
    got = labels("为引进人才兑现安家补贴、购房补贴等资金9650万元。")
    assert got == [(9650, "引进人才兑现安家补贴、购房补贴等资金")]  # not 引进资金
    assert labels("发展香菇、蚕茧等特色产业项目12个。") == [(12, "发展特色产业项目")]


def test_people_left_unnamed_after_a_relative_clause_are_those_counted_before():
    got = labels("今年以来提拔重用年轻干部39名；对考核不称职的4名予以出库。")
    assert got[-1] == (4, "考核不称职予以出库的年轻干部")
    # a pool named in the clause is theirs: no head borrowed from before
    got = labels("提拔重用年轻干部39名。乡镇党政正职中40岁以下的21名。")
    assert all("年轻干部" not in label for v, label in got if v == 21)


def test_a_verb_after_the_noun_makes_the_label_when_nothing_before_is_a_verb():
    assert labels("延川县在全县166个村开展村党组织书记“擂台比武”活动。") == [
        (166, "开展村党组织书记“擂台比武”活动的村")
    ]
    assert labels("联合体还与安徽省歙县6个村开展跨省党建联建。") == [
        (6, "联合体还与安徽省歙县开展跨省党建联建的村")
    ]


def test_shares_listed_one_after_another_are_one_series_not_a_share_of_a_share():
    # before: 占, 占占, 占占占 (each share taken as a share of the one before)
    got = find_outcomes("实绩考核、民主测评、个别谈话三项分别占50%、30%、20%的权重。")
    assert [o.label for o in got] == ["占"] * 3 and not any(o.displayable for o in got)


def test_a_report_year_with_du_and_the_role_first_secretary_are_not_cut():
    # 2022年度 goes whole (not 度评定…); 第一 before 书记 is the role, not an ordinal
    assert labels("2022年度评定“优秀”等次12名。") == [(12, "评定“优秀”等次")]
    got = find_outcomes("将第一书记考核结果分为“好、较好、一般、差”4个等次。")
    assert got[0].label.startswith("第一书记")


def test_the_field_of_a_rank_is_no_result():
    got = find_outcomes("该县在年度考核中位列全省16个县（市）第2名。")
    assert [(o.value, o.counted, o.displayable) for o in got] == [(16, "县（市）", False)]
    assert find_outcomes("对2名履职不力的第一书记予以召回。")[0].counted == "履职不力的第一书记"


def test_the_pool_a_later_figure_is_taken_of_is_named_alone():
    # before: 中的村级后备干部 (the locative 中 read as what happened to them)
    got = find_outcomes("全镇38名村级后备干部中，已有12人进入村“两委”班子。")
    assert (got[0].counted, got[0].label) == ("村级后备干部", "村级后备干部")


def test_a_verb_of_dividing_ends_the_noun_counted():
    got = find_outcomes("按季度得分将全市15个乡镇分为三个梯队。")
    assert got[0].counted == "乡镇" and got[0].label.endswith("的乡镇")


def test_a_bound_on_what_a_phrase_names_is_no_result_and_goes_into_the_next_label():
    got = find_outcomes("全县集体经济收入20万元以上的村达到126个，其中50万元以上的村31个。")
    assert [(o.value, o.displayable) for o in got] == [(20, False), (126, True), (50, False), (31, True)]
    assert got[1].label == "集体经济收入20万元以上的村" and got[1].counted == "村"
    assert got[3].label == "50万元以上的村"
    got = find_outcomes("对年收入低于3万元的42个村，逐村制定提升方案。")
    assert [(o.value, o.displayable) for o in got] == [(3, False), (42, True)]
    assert got[1].label == "年收入低于3万元的村"
    # the sum itself, not a bound on something else
    assert find_outcomes("为每村争取200万元以上的资金支持。")[0].displayable


def test_a_change_said_with_zeng_zhi_and_a_gain_per_household():
    got = find_outcomes("村集体收入由2021年的6万元增至2024年的38万元。")
    assert [o.label for o in got] == ["2021年村集体收入", "村集体收入"]
    got = find_outcomes("带动周边95户群众户均增收1.8万元。")
    assert [o.label for o in got] == ["带动周边群众", "群众户均增收"]


def test_a_figure_taken_of_a_pool_names_the_pool_and_the_pool_keeps_its_own_words():
    got = find_outcomes("全县318个行政村中，已有205个由村党组织领办合作社。")
    assert [(o.counted, o.label) for o in got] == [
        ("行政村", "行政村"),
        ("行政村", "由村党组织领办合作社的行政村"),
    ]
    got = find_outcomes("考核合格的30名干部中有8名得到提拔使用。")
    assert [o.label for o in got] == ["考核合格的干部", "得到提拔使用的干部"]


def test_a_manner_verb_is_not_shared_by_the_items_of_a_list():
    # before: 围绕参训 (the list's verb taken from 围绕…)
    got = find_outcomes("围绕乡村振兴、基层治理等内容开展专题培训8期、参训960人次。")
    assert got[1].label == "参训"


def test_the_later_sums_of_a_list_take_the_first_ones_kind_of_money():
    # before: 硕士研究生 (8万元 of what?), 本科生
    got = find_outcomes("对引进的博士研究生给予安家补贴20万元、硕士研究生8万元。")
    assert got[1].label == "硕士研究生安家补贴"
    got = find_outcomes("对新录用的博士研究生一次性发放生活补贴5万元，硕士研究生3万元，本科生1万元。")
    assert [o.label for o in got[1:]] == ["硕士研究生生活补贴", "本科生生活补贴"]
    # people of a list of counts keep their own noun
    got = find_outcomes("全县共有博士研究生12人、硕士研究生85人。")
    assert got[1].label == "硕士研究生"


def test_a_sum_paid_at_a_rate_names_what_is_paid_before_or_after_it():
    # before: 生活补贴按照每人每月发放的标准随工资 / 村干部报酬按照每人每年发放的标准
    got = find_outcomes("生活补贴按照每人每月不低于500元的标准随工资发放。")
    assert (got[0].counted, got[0].label) == ("生活补贴", "每人每月发放的生活补贴")
    got = find_outcomes("村干部报酬按照每人每年3.6万元的标准发放。")
    assert (got[0].counted, got[0].label) == ("村干部报酬", "每人每年发放的村干部报酬")
    # what is paid named after the verb; the people it is paid to stay out of the rate
    got = find_outcomes("驻村工作队员按每人每天80元标准发放驻村生活补助。")
    assert (got[0].counted, got[0].label) == ("驻村生活补助", "每人每天发放的驻村生活补助")
