"""Golden test: three bulletins from Guizhou (a county PDF copy), Liaoning (a city web page) and Shaanxi (a
provincial issue with a speech and footnotes), written blind with an answer key (tests/data/blind10/README.md,
gold in tests/gold/blind10-*.json), through the whole build: every issue, article and place as the key has
it, and the faults they first showed stay fixed."""

from __future__ import annotations

import blind_gold
import pytest

GOLD = blind_gold.gold_files("blind10")
gs = blind_gold.store_fixture("blind10")


def test_every_issue_with_its_number_and_date(gs):
    """A city's web page: its menu bar, dateline and buttons are no part of the masthead."""
    blind_gold.assert_issues(gs, GOLD)


def test_every_article_at_its_place(gs):
    """One-sentence briefs (◆7月9日，…), a speech under its ——subtitle and speaker, a 我省 headline after
    it, and items on the whole province (全省…推进会在西安召开) at the province."""
    blind_gold.assert_articles_at_places(gs, GOLD, 19)


@pytest.mark.parametrize(
    "text, home, want",
    [
        (
            "目前已有8个村完成整顿转化，哨子河乡、偏岭镇等地的后进村面貌一新",
            "岫岩满族自治县",
            {"哨子河乡", "偏岭镇"},
        ),
        # a town named in a city's text hangs under its own county (the NBS town list): 铁西区
        ("在永乐街道试点社区工作者积分制管理", "鞍山市", {"永乐街道", "铁西区"}),
        ("深入唐家房镇、大屯镇等地的村屯院落开展宣讲", "千山区", {"唐家房镇", "大屯镇"}),
        ("由市级领导带队赴沈阳、大连等地高校开展招聘活动", "海城市", {"沈阳市", "大连市"}),
        ("全省年轻干部工作推进会在西安召开", "陕西省", {"西安市"}),
        ("选派干部到朝阳、海淀等区跟班学习", "陕西省", set()),  # a short name of several places
        ("在各乡镇、街道推开，城乡统筹", "海城市", set()),
    ],
)
def test_places_written_the_ways_the_set_writes_them(text, home, want):
    assert blind_gold.places(text, home) == want


def test_a_speaker_and_a_bracketed_date_are_attribution_lines():
    from kg.split.bylines import attribution

    assert attribution("省委常委、组织部部长　×××") == ("speaker", None)
    # the committee the speaker's post names is where the speech is (its article's place)
    assert attribution("中共秭归县委常委、组织部部长谭晓峰") == ("speaker", "中共秭归县委")
    assert attribution("（2024年5月16日）") == ("source", None)
    assert attribution("加强村党组织书记　队伍") is None


def test_a_menu_bar_is_page_chrome():
    from kg.text.webpage import is_chrome_line

    assert is_chrome_line("首页 | 组织建设 | 干部工作 | 人才工作 | 组工信息")
    assert not is_chrome_line("选人 | 用人 | 育人")
    # a breadcrumb without 首页, and a byline alone on its line
    assert is_chrome_line("中国共产党新闻网>>党建")
    assert is_chrome_line("记者 孟某某")
    assert not is_chrome_line("记者节当天，某县组织编辑记者走进基层。")
