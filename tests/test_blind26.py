"""Golden test: three bulletins written blind with an answer key (tests/data/blind26/README.md, gold in
tests/gold/blind26-*.json), through the whole build: Shaanxi (柞水县's issue as reposted on its WeChat account:
a 本期导读 marked ◎, column heads with a bar and an English line, ▍干部工作 / CADRE WORK, number badges, figures
in bold inside sentences, a 往期推荐 footer), Guangdong (清远市's 专刊 as a LibreOffice PDF: one long experience
article in 一、/1./（1）/一是 parts with a table, and a county brief under 县区传真) and Hubei (黄冈市's issue as
a .docx with Word numbering, a text box, footnotes, six one-paragraph 动态 briefs and a 他山之石 reprint).

First run (nothing tuned to it): 3 of 3 issues read, 18 articles built for 16. The WeChat post lost nothing
but gained three: its column heads (▍基层党建 over PARTY BUILDING) and the contents' last line were taken for
articles, and 乾佑街道 was read as 干佑街道 (the traditional-to-simplified converter maps 乾 to 干, and it ran
on a simplified text). In the .docx one brief of the 动态 column, a single sentence, ran into the one above
it (8 for 9). In the PDF the curly quotes came out of pypdf away from their words, at line starts
(“”强化党建引领…); PDFs are now read by PDFium glyph by glyph (kg.read.pdf), which puts them back. Extraction at that run: localities 0.98 / 0.97, codes
0.97 / 0.97, documents 0.89 / 0.89, targets 0.90 / 0.94, outcomes 0.94 / 0.83, labels 0.71 / 0.67; figures in
the graph 141 of 162."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind26")
_DATA = Path(__file__).resolve().parent / "data" / "blind26"
gs = blind_gold.store_fixture("blind26", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 16)


def test_pdf_quotes_stand_by_their_words():
    from kg.read import read_file

    text = read_file(_DATA / "qingyuan-2023-zk2.pdf").text
    assert "委“1310”具体部署，把实施“百县千镇万村高质量发展工程”作" in text
    assert "锻造“百千万工程”攻坚铁军" in text and "“”" not in text and "“ ”" not in text
    assert "建立驻村工作队员“日记实、周研判、月评" in text


def test_pdf_ruled_table_reads_as_rows_of_cells():
    from kg.read import read_file

    text = read_file(_DATA / "qingyuan-2023-zk2.pdf").text
    assert "县（市、区）\t派驻工作队（支）\t队员（名）\t其中党员（名）\n英德市\t24\t288\t203\n" in text
