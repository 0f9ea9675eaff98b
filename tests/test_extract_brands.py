"""Numbered slogans (kg.extract.brands)."""

import pytest

from kg.extract.brands import find_brands


@pytest.mark.parametrize(
    "text, brand",
    [
        ("落实“五有”举措", "五有"),
        ("构建“四化”机制", "四化"),
        ("常态化开展“三走”活动", "三走"),
        ("搭建“六个一批”年轻干部成长快车道", "六个一批"),
        ("做到“三进三问三听”", "三进三问三听"),
        ("实行“五优先四不奖”", "五优先四不奖"),
        ("建立“2+N”政策体系", "2+N"),
        ("探索“6+n”岗位调配方式", "6+n"),
        ("“3+1”结对联系制度", "3+1"),
        ("“五有五专”标准", "五有五专"),
        ("打造“一馆三基地多特色”实训基地矩阵", "一馆三基地多特色"),
        ('严格落实"四个一"整顿举措', "四个一"),
        ("做到“六个必谈”", "六个必谈"),
        ("宿松县“三个先行”抓好换届", "三个先行"),
        ("实行“两评两公开”考评方式", "两评两公开"),
        ("推行三访三促工作法", "三访三促"),
    ],
)
def test_slogans(text, brand):
    assert find_brands(text) == [brand]


@pytest.mark.parametrize(
    "text",
    [
        "深入基层一线",
        "选树一批优秀典型",
        "每年开展一次",
        "提前两个月",
        "“一线尖兵”",
        "“5084”广播热线",
        "“一盘棋”",
        "评选以来三年",
        "开展公务员职级晋升9批次",
    ],
)
def test_not_slogans(text):
    assert find_brands(text) == []


def test_national_formulas_are_left_out_unless_asked():
    text = "推荐担任“两代表一委员”，落实“三会一课”，建立“四化”机制"
    assert find_brands(text) == ["四化"]
    assert find_brands(text, include_national=True) == ["两代表一委员", "三会一课", "四化"]


def test_order_and_dedup():
    assert find_brands("“三走”活动……“三走”活动……“五有”举措") == ["三走", "五有"]


@pytest.mark.parametrize(
    "text, brand",
    [
        ("实施“青蓝接力”计划，为年轻干部配强导师", "青蓝接力"),
        ("开展“雏雁工程”储备村级后备力量", "雏雁工程"),
        ("建设“暖蜂驿站”", "暖蜂驿站"),
        ("打造“红色网格”品牌", "红色网格"),
        ("推行“邻里议事”工作法", "邻里议事"),
    ],
)
def test_programme_names(text, brand):
    assert find_brands(text) == [brand]


@pytest.mark.parametrize(
    "text",
    ["让考核“活”起来", "延伸干部考察“触角”", "打通服务群众“最后一米”", "推行“管家”服务", "“一站式”服务"],
)
def test_quoted_words_that_are_not_names(text):
    assert find_brands(text) == []


def test_a_headline_names_its_programme():
    from kg.extract.brands import headline_brands

    assert headline_brands("桃源县：“银龄助力”让退出领导岗位干部退岗不褪色") == ["银龄助力"]
    assert headline_brands("“三联三帮”推动软弱涣散村党组织整顿转化") == ["三联三帮"]
    assert headline_brands("“不忘初心”主题教育常态化") == []  # a national campaign
    assert headline_brands("数字赋能让干部平时考核“活”起来") == []
