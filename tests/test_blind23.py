"""Golden test: three bulletins from Hubei (秭归县's issue as a WPS-style Word file: the date and issue in
Chinese numerals, a 目录 with page numbers, heading styles, a speech, a table, a 简讯 column), Jiangsu (南通市's
2019 issue as a typeset PDF: a running header and a labelled page footer, an article across a page break,
headlines wrapped in a large font) and Hebei (威县's issue as a saved WeChat page: the account's chrome, items
numbered 01 … 06 on lines of their own, 【】 sub-headings, credits under the last item), written blind with an
answer key (tests/data/blind23/README.md, gold in tests/gold/blind23-*.json), through the whole build, each
file named (a WeChat page is read when named, not picked up from a folder).

First run (end of a session, nothing tuned to it): 3 of 3 issues, 16 articles built for 20: in the WeChat page
only the two items whose headline names a place (章台镇：…, 浙江龙游县：…) were found, the other four headlines
under their 01 … 06 lines were read into the item before; the PDF's first headline kept only its first line.
Extraction at that run: localities 0.96 / 0.94, codes 0.96 / 0.96, documents 0.88, targets 0.70 / 1.00, outcomes
0.89 / 0.95, labels 0.79 / 0.84 (the PDF's labelled page footer, 内部资料注意保存—2—, stood inside an article)."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind23")
_DATA = Path(__file__).resolve().parent / "data" / "blind23"
gs = blind_gold.store_fixture("blind23", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    """The Word file's speech, articles and briefs, the PDF's articles (a headline wrapped in a large font kept
    whole) and the WeChat page's six numbered items."""
    blind_gold.assert_articles_at_places(gs, GOLD, 20)
