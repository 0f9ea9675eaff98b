"""Organisations (kg.extract.units)."""

import pytest

from kg.extract.localities import resolve
from kg.extract.units import find_units, parse_unit

YUEXI = resolve("岳西县").locality
ANQING = resolve("安庆").locality
DAGUAN = resolve("大观区").locality


@pytest.mark.parametrize(
    "text, within, name, kind, parent, code",
    [
        ("岳西县委组织部", None, "岳西县委组织部", "组织部", "岳西县委", "340828"),
        ("中共太湖县委组织部", None, "太湖县委组织部", "组织部", "太湖县委", "340825"),
        ("（宜秀区委组织部）", None, "宜秀区委组织部", "组织部", "宜秀区委", "340811"),
        ("县委组织部", YUEXI, "岳西县委组织部", "组织部", "岳西县委", "340828"),
        ("县纪委监委", YUEXI, "岳西县纪委监委", "纪委监委", None, "340828"),
        ("县委党校", YUEXI, "岳西县委党校", "党校", "岳西县委", "340828"),
        ("市委组织部研究室", ANQING, "安庆市委组织部研究室", "研究室", "安庆市委组织部", "340800"),
        ("中共安庆市委组织部研究室", None, "安庆市委组织部研究室", "研究室", "安庆市委组织部", "340800"),
        ("区直机关", DAGUAN, "大观区直机关", "直属机关", None, "340803"),
        ("乡镇党委", YUEXI, "乡镇党委", "乡镇党委", None, "340828"),
        ("村党组织", None, "村党组织", "村党组织", None, None),
        ("街道党工委", None, "街道党工委", "街道党工委", None, None),
        ("党群服务中心", None, "党群服务中心", "党群服务中心", None, None),
    ],
)
def test_parse_unit(text, within, name, kind, parent, code):
    u = parse_unit(text, within=within)
    assert (u.name, u.kind, u.parent_name) == (name, kind, parent)
    assert (u.locality.code if u.locality else None) == code


@pytest.mark.parametrize("text", ["组织部门", "全县干部", "火星县委组织部", "书记", ""])
def test_not_units(text):
    assert parse_unit(text) is None


def test_relative_unit_without_context_has_no_place():
    u = parse_unit("县委组织部")
    assert u.kind == "组织部" and u.locality is None


def test_find_units_in_running_text():
    text = (
        "县委组织部与县纪委监委成立联合督查组，开发区党工委、各乡镇党委必须配备1名专职组织干事，依托乡镇党校"
    )
    found = [(text[s:e], u.name, u.kind) for s, e, u in find_units(text, within=YUEXI)]
    assert found == [
        ("县委组织部", "岳西县委组织部", "组织部"),
        ("县纪委监委", "岳西县纪委监委", "纪委监委"),
        ("乡镇党委", "乡镇党委", "乡镇党委"),
        ("乡镇党校", "乡镇党校", "党校"),
    ]


def test_find_units_with_place_names():
    found = [
        u.name for _, _, u in find_units("优先安排选调生参加中江县委党校培训，推荐到市委党校", within=None)
    ]
    assert found == ["中江县委党校", "市委党校"]


@pytest.mark.parametrize(
    "text, name, kind, parent",
    [
        ("县委组织部人才办", "望奎县委组织部人才办", "人才办", "望奎县委组织部"),
        ("县委组织部组织股", "望奎县委组织部组织股", "组织股", "望奎县委组织部"),
        ("县委组织部干部监督股", "望奎县委组织部干部监督股", "干部监督股", "望奎县委组织部"),
        ("绥化市委组织部干部一科", "绥化市委组织部干部一科", "干部一科", "绥化市委组织部"),
    ],
)
def test_an_office_of_an_organisation_department_is_placed_with_it(text, name, kind, parent):
    u = parse_unit(text, within=resolve("望奎县").locality)
    assert (u.name, u.kind, u.parent_name) == (name, kind, parent)
    assert u.locality.name in ("望奎县", "绥化市")


def test_a_verb_before_a_county_body_is_no_place():
    units = find_units("县委组织部会同县纪委监委开展督查", within=resolve("望奎县").locality)
    assert [u.name for _s, _e, u in units] == ["望奎县委组织部", "望奎县纪委监委"]


def test_banner_and_prefecture_committees_take_the_place_they_name():
    assert (
        parse_unit("旗委组织部干部股", within=resolve("准格尔旗").locality).name == "准格尔旗委组织部干部股"
    )
    assert parse_unit("州委组织部", within=resolve("理塘县").locality).name == "甘孜藏族自治州委组织部"


def test_a_town_s_signature_in_a_county_s_bulletin_and_a_doubled_level():
    yiyang = resolve("弋阳县").locality
    u = parse_unit("三县岭镇党委", within=yiyang)  # 县 inside a town's name
    assert (u.name, u.locality.level, u.locality.parent.code) == ("三县岭镇党委", "town", "361126")
    assert parse_unit("各乡镇党委", within=yiyang) is None
    assert parse_unit("朗县县委组织部", within=resolve("林芝市").locality).locality.code == "540426"
