"""Named documents and their kinds (kg.extract.documents)."""

import pytest

from kg.extract.documents import classify, find_documents


def kinds(text):
    return [(d.title, d.kind) for d in find_documents(text)]


@pytest.mark.parametrize(
    "text, title, kind",
    [
        ("设立《百姓问政》电视栏目和“5084”广播热线节目", "百姓问政", "media"),
        ("制播《初心不改为民服务》专题宣传片 1 部", "初心不改为民服务", "film"),
        ("入选全国《城市大脑案例集(2022)》", "城市大脑案例集(2022)", "publication"),
        ("开具《干部社区民调介绍信》等", "干部社区民调介绍信", "form"),
        ("认真贯彻执行《公务员奖励规定》", "公务员奖励规定", "policy"),
        ("制定《职级晋升操作办法》", "职级晋升操作办法", "policy"),
        (
            "出台《南康区澄清正名和容错纠错实施办法（试行）》",
            "南康区澄清正名和容错纠错实施办法（试行）",
            "policy",
        ),
        ("摘自省委组织部《组工通讯》第 6 期", "组工通讯", "publication"),
        ("读了《平凡的世界》", "平凡的世界", "other"),
    ],
)
def test_kinds(text, title, kind):
    assert kinds(text) == [(title, kind)]


def test_adjacent_titles_are_separate():
    text = "出台《公务员考核记功奖励有关事宜的通知》《公务员平时考核实施方案》和多个配套文件"
    assert kinds(text) == [
        ("公务员考核记功奖励有关事宜的通知", "policy"),
        ("公务员平时考核实施方案", "policy"),
    ]


def test_spaces_inside_a_title_are_pdf_artefacts():
    assert kinds("出台《关于进一步加强乡镇党委组织干事和组织员队伍 建设的意见》")[0][0] == (
        "关于进一步加强乡镇党委组织干事和组织员队伍建设的意见"
    )


def test_unbracketed_policies():
    docs = find_documents("出台 关于常态化开展软弱涣散基层党组织整顿工作的意见,建立健全整顿工作长效机制")
    assert [(d.title, d.kind) for d in docs] == [("关于常态化开展软弱涣散基层党组织整顿工作的意见", "policy")]
    text = "制定“毗邻党建”三步走实施方案，建成"
    assert kinds(text) == [("“毗邻党建”三步走实施方案", "policy")]
    d = docs[0]
    assert d.end > d.start


def test_plain_measures_are_not_documents():
    assert find_documents("制定整顿措施 55 项、整顿标准 65 条，制定公务员年度培训计划") == []


def test_classify_uses_context():
    assert classify("百姓问政") == "other"
    assert classify("百姓问政", "设立", "电视栏目") == "media"


@pytest.mark.parametrize(
    "text, expected",
    [
        # a regulation cited by its issuer, with or without the verb that issued it
        (
            "七宝镇落实区委组织部关于加强居村书记队伍建设的若干措施，以“书记工作室”为平台",
            [("关于加强居村书记队伍建设的若干措施", "policy")],
        ),
        (
            "培训落实旗委组织部出台的关于加强蒙汉兼通干部培养使用的若干措施和《乌审旗干部教育培训规划》",
            [("关于加强蒙汉兼通干部培养使用的若干措施", "policy"), ("乌审旗干部教育培训规划", "policy")],
        ),
        ("按照关于做好换届工作的要求，", []),  # a request, not a regulation
    ],
)
def test_unbracketed_regulations_cited_by_their_issuer(text, expected):
    assert kinds(text) == expected


def test_a_rule_the_place_issued_is_told_from_one_it_follows():
    text = "县委组织部制定《关于关心关爱基层干部的十条措施》，认真落实市委组织部印发的《关于加强年轻干部工作的意见》和省委出台《干部考核办法》"
    here = {d.title: d.issued_here for d in find_documents(text)}
    assert here == {
        "关于关心关爱基层干部的十条措施": True,
        "关于加强年轻干部工作的意见": False,
        "干部考核办法": False,
    }
