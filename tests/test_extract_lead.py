"""An article's lead paragraph that reports figures is a practice of its own, so its numbers reach the graph."""

from kg.extract.stage import extract
from kg.read import read_text
from kg.split import split

HEAD = "毕节组工\n第12期\n中共毕节市委组织部　　2024年6月18日\n\n"


def articles(body: str):
    return extract(split(read_text(HEAD + body, "t.txt"))).articles


def test_a_lead_with_figures_is_the_first_practice_named_by_the_subtitle():
    (a,) = articles(
        "让年轻干部在基层“墩苗”成长\n——赫章县实施年轻干部“蹲苗”计划\n\n"
        "赫章县把基层一线作为培养锻炼年轻干部的主阵地，2024年以来选派86名年轻干部到乡镇和村任职。\n"
        "一是精准选派。根据年轻干部专业特长，安排到产业发展、乡村振兴等岗位。"
        "二是跟踪管理。建立成长档案，每季度开展一次谈心谈话。三是择优使用。对表现突出的12名年轻干部提拔使用。\n"
    )
    lead, *rest = a.practices
    assert lead.label == "实施年轻干部“蹲苗”计划"
    assert [(o.value, o.unit) for o in lead.outcomes] == [(86, "名")]
    assert lead.quote.text.startswith("赫章县把基层一线") and "一是" not in lead.quote.text
    assert [p.label for p in rest] == ["精准选派", "跟踪管理", "择优使用"]
    assert [p.index for p in a.practices] == [1, 2, 3, 4]


def test_a_lead_without_figures_is_no_practice():
    (a,) = articles(
        "△赫章县：实施年轻干部“蹲苗”计划\n"
        "今年以来，赫章县把基层一线作为培养锻炼年轻干部的主阵地，取得明显成效。\n"
        "一是精准选派。根据年轻干部专业特长，安排到产业发展、乡村振兴等岗位。"
        "二是跟踪管理。建立成长档案，每季度开展一次谈心谈话。\n"
    )
    assert [p.label for p in a.practices] == ["精准选派", "跟踪管理"]
