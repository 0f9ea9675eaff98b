"""Golden test: three bulletins from Fujian (沙县's issue as a county government portal page: the site's
navigation, 上一篇/下一篇 and 相关链接 links with other places' titles, a footer), Sichuan (仪陇县's issue as
OCR text of a scanned copy: a spaced-out masthead, a date written 二O二四年, a running header naming the
editor between pages, titles set apart only by blank lines) and Shandong (临沂's special issue exported
from a notes system as Markdown: front matter, a linked contents list, a picture, a pipe table), written
blind with an answer key (tests/data/blind19/README.md, gold in tests/gold/blind19-*.json), through the
whole build. First run: 2 of 3 issues, 8 of 18 articles at their places."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind19")
_DATA = Path(__file__).resolve().parent / "data" / "blind19"
gs = blind_gold.store_fixture("blind19", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    """The Markdown file's front matter is no masthead; 二O二四年六月十八日 is a date."""
    blind_gold.assert_issues(gs, GOLD)


def test_every_article_at_its_place(gs):
    """A running header (组工信息　仪陇县委组织部编) between pages is dropped, so a sentence cut by a page
    break joins again and the next title stands after a finished paragraph."""
    blind_gold.assert_articles_at_places(gs, GOLD, 18)
