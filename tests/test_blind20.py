"""Golden test: three bulletins from Gansu (天水's issue as a real PDF printed from a typeset page: a red
masthead, 本期要目 with numbered entries and no page numbers, hard-wrapped lines, page footers, a 他山之石
article from 内蒙古), Guangxi (灵山县's issue as a Word file: the masthead in a table, a data table of towns'
figures, titles in bold and as numbered headings) and Chongqing (巫溪县's issue as text copied from a WeChat
post: 原创 line, emoji list marks, ▲ picture captions, 往期推荐), written blind with an answer key
(tests/data/blind20/README.md, gold in tests/gold/blind20-*.json), through the whole build. First run: 3 of 3
issues; 17 articles built for 19, two of them picture captions, 秦安县's article read into 天水市's (its
headline after contents entries without page numbers). Now 19 of 19 at their places: the Word file's
whole bold lines open articles, and a PDF headline wrapped in a narrow column runs on to its contents entry."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind20")
_DATA = Path(__file__).resolve().parent / "data" / "blind20"
gs = blind_gold.store_fixture("blind20", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    """Captions (▲ …（资料图）, ▲ a line between two items with the same mark) stay in their article and open
    none; a headline the contents listed without its colon (秦安县“红黄蓝”… / 秦安县：“红黄蓝”…) opens its article."""
    blind_gold.assert_articles_at_places(gs, GOLD, 19)
    titles = [t for (t,) in blind_gold.rows(gs, "SELECT ?t WHERE { ?a a ckg:Article ; dcterms:title ?t }")]
    assert not any("资料图" in t or "主题党日活动" in t for t in titles)
