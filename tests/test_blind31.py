"""Golden test: three bulletins written blind with an answer key (tests/data/blind31/README.md, gold in
tests/gold/blind31-*.json), through the whole build: Hebei (张家口市's city issue as a LibreOffice PDF: a
running header and page numbers, three articles across a page break, one of them splitting 230|余次, a
【县区动态】 column of △ county items), Anhui (金寨县's issue as a Word 97 .doc: a masthead table, a 本期导读 box,
an 编者按, the distribution block in a table) and Sichuan (昭觉县's issue as a WeChat post saved in GBK with CRLF:
the account's lines, ▲ photo captions, 往期推荐 titles that are not articles, full-width digits).

First run (nothing tuned to it): see tests/data/blind31/README.md and the README's blind31 paragraph."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind31")
_DATA = Path(__file__).resolve().parent / "data" / "blind31"
gs = blind_gold.store_fixture("blind31", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 18)
