"""Golden test: three bulletins from Hebei (承德市's issue as Word's "save as plain text": GB18030, CRLF,
full-width indents, a form feed inside an article), Hunan (花垣县's issue as a Word file whose section numbers
come from automatic numbering, with bold lead-ins, a table, a 注： line and a footnote) and Xinjiang (库车市's
issue as a real PDF printed from a typeset page: a running header and page numbers, a headline wrapped over two
lines, articles across page breaks), written blind with an answer key (tests/data/blind21/README.md, gold in
tests/gold/blind21-*.json), through the whole build. First run: 3 of 3 issues; 16 articles built for 17: the
PDF's first headline lost its first line (库车市坚持“选育管用”全链条发力，锻造服务 / 南疆…), and 热斯坦街道's
article, whose headline follows the last line of the article before it without a blank line, was read into it.
Both found since (a two-line headline under the masthead; a PDF line ending in a closing quote runs on).
Extraction at the first run: localities 0.94 / 0.90, codes 0.97 / 0.97, documents 1.00, targets 0.65 / 0.94,
outcomes 0.87 / 0.90, labels 0.66 / 0.72."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind21")
_DATA = Path(__file__).resolve().parent / "data" / "blind21"
gs = blind_gold.store_fixture("blind21", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    """The GB18030 text, the Word file's numbered sections (numbers not in the text) and the PDF's articles
    across page breaks each keep their articles apart."""
    blind_gold.assert_articles_at_places(gs, GOLD, 17)
