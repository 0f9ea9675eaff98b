"""Golden test: three bulletins written blind with an answer key (tests/data/blind48/README.md, gold in
tests/gold/blind48-*.json), through the whole build: Xinjiang (沙湾's issue as a saved WeChat public-account
page: runs split inside words and numbers, a contents list repeating four titles, the account's chrome),
Tibet (隆子's issue as Word's "single file web page", .mht in code page 936 labelled gb2312: titles centred in
22 pt 方正小标宋 over 16 pt 仿宋 text and never bold, the source wrapped inside words, briefs whose bold title
runs into their first paragraph) and Qinghai (黄南州's issue as a WPS .rtf: GBK escapes and negative \\uN?
escapes, a 编者按, a \\trowd table, a prefecture's bulletin with county and town items).

First run (nothing tuned to it, commit 531d973 plus two label rules that do not touch it): 17 items built,
two of them the WeChat page's 关注该公众号 / 使用完整服务 lines; 14 of the key's 22 articles at its place; figures in the graph 143 of 190; bench/extraction_quality.py localities
0.86 / 0.92, codes 0.90 / 0.88, documents 0.67 / 0.89, targets 0.81 / 0.90, outcomes 0.76 / 0.91, labels
0.70 / 0.87. The .mht's speech took in the four articles after it: their titles are set only by size.

Fixed since, as a rule of the genre (tests/test_read.py, failing before): in a web page, a centred one-line
paragraph set in type larger than the page's body text is a headline (as a centred bold one is), and a line
break of the source between two Chinese characters is no space. Now 21 built (the two chrome lines among them), 18 at the key's place; figures
182 of 190; localities 0.96 / 0.92, codes 0.95 / 0.88, documents 0.89, targets 0.90, outcomes 0.91 / 0.91,
labels 0.85 / 0.87.

Then (session 43): an item led by a body of the bulletin's own area (县委组织部：开通…, 市委党校：举办…, 州委党校：…)
is cut as an item led by a place is, and placed at that body's place (the prefecture for 州委党校, where the
text names the city the school stands in); WeChat's own prompts (关注该公众号, 使用完整服务, 阅读 1853) are page
chrome. Now 21 built, 21 at the key's place; localities 0.98 / 0.92, targets 0.93 / 0.90, outcomes 0.93 / 0.91,
labels 0.87 / 0.87; no other set moved.

Left (still_open below), by design: the .rtf's issue-wide 编者按 (what the issue collects and why) is the
issue's furniture, not an article: it reports no measure of its own.
"""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind48")
_DATA = Path(__file__).resolve().parent / "data" / "blind48"
gs = blind_gold.store_fixture("blind48", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))

_OPEN = frozenset({"编者按"})


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 21, still_open=_OPEN)


def test_an_item_led_by_a_body_of_the_own_area_is_cut_and_placed_there():
    """A brief led by 县委组织部： runs on from the briefs above it (no punctuation after its title): it is an
    item of its own, at the county, though its text names a town."""
    from kg.extract.stage import extract
    from kg.read import read_text
    from kg.split import split

    text = (
        "组工简报\n2022年第6期\n中共隆子县委组织部编　2022年6月28日\n\n基层动态\n"
        "日当镇：实施“雁阵”工程储备村级后备力量日当镇立足换届后队伍建设需要，储备村级后备力量54名。其中，35岁以下的38名。\n"
        "县委组织部：开通干部监督举报专线为进一步拓宽监督渠道，县委组织部在日当镇等地公布举报电话，"
        "今年以来共受理有效举报线索4件。\n"
    )
    got = [
        (a.title[:6], a.locality.name if a.locality else None)
        for a in extract(split(read_text(text, "t.txt"))).articles
    ]
    assert got == [("日当镇：实施", "日当镇"), ("县委组织部：", "隆子县")]
