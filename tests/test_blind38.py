"""Golden test: three bulletins written blind with an answer key (tests/data/blind38/README.md, gold in
tests/gold/blind38-*.json), through the whole build: Liaoning (铁岭's city issue as a LibreOffice PDF with a
running header, page numbers and a table of county figures under its caption), Ningxia (彭阳县's issue as a
GBK portal page with menus, a share bar and a number split over two spans) and Chongqing (武隆区's issue as a
.docx whose headlines are Word headings numbered by Word itself, with a text box and a tracked change).

First run (nothing tuned to it): 20 of 21 articles (the .docx's fifth headline names no place and Word's
own numbers were not read, so it ran into the fourth article); localities 0.94 / 0.96, codes 0.94 / 1.00,
documents 0.71 / 0.83, targets 0.76 / 0.93, outcomes 0.75 / 0.79, labels 0.64 / 0.72
(bench/extraction_quality.py). Fixed the same session: Word's automatic numbers and heading styles are read,
a bold line with the next article number opens an article, a table's caption names who its cells count."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind38")
_DATA = Path(__file__).resolve().parent / "data" / "blind38"
gs = blind_gold.store_fixture("blind38", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 21)


def test_word_numbers_and_headings_are_read():
    """Word's own numbers (四、 （二）) show before their paragraphs, and a paragraph in a heading style is a
    bold line, as a bold headline is."""
    from kg.read.word import docx_text

    lines = docx_text((_DATA / "wulong-2024-21.docx").read_bytes(), "wulong").split("\n")
    assert "**四、白马镇：“三个强化”管好用好驻村工作队**" in lines
    assert "**五、严把入口关 全区发展党员质量稳步提升**" in lines
    assert any(line.startswith("（二）年度考核“分层级”") for line in lines)


def test_the_next_numbered_headline_opens_an_article_without_a_place():
    from kg.ingest import ingest_file

    titles = [a.title for a in ingest_file(_DATA / "wulong-2024-21.docx").articles]
    assert titles[3:6] == [
        "白马镇：“三个强化”管好用好驻村工作队",
        "严把入口关 全区发展党员质量稳步提升",
        "后坪乡：“归雁工程”储备村级后备力量",
    ]


def test_chinese_counting_and_other_formats():
    from kg.read.word_numbering import chinese, formatted

    assert [chinese(n) for n in (1, 10, 11, 20, 21, 100, 105, 110)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "一百",
        "一百零五",
        "一百一十",
    ]
    assert [formatted(3, f) for f in ("decimalEnclosedCircle", "ideographTraditional", "upperRoman")] == [
        "③",
        "丙",
        "III",
    ]
    assert formatted(2, "bullet") == ""
    assert chinese(1234) == "1234"


def test_a_list_counts_per_level_and_restarts():
    from lxml import etree

    from kg.read.word_numbering import Numbering

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    numbering = etree.fromstring(
        f'<w:numbering xmlns:w="{w}"><w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
        "</w:lvlOverride></w:num></w:numbering>"
    )

    def para(num: str, lvl: int):
        return etree.fromstring(
            f'<w:p xmlns:w="{w}"><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr></w:p>'
        )

    lists = Numbering.of(numbering, None)
    seen = [
        lists.prefix(para(n, lv)) for n, lv in (("1", 0), ("1", 1), ("1", 1), ("1", 0), ("1", 1), ("2", 0))
    ]
    assert seen == ["一、", "（一）", "（二）", "二、", "（一）", "一、"]
    assert lists.prefix(etree.fromstring(f'<w:p xmlns:w="{w}"/>')) == ""


def test_a_table_caption_names_who_its_cells_count():
    from kg.extract.outcome_table import table_outcomes

    text = (
        "各县储备情况如下：表：各县（市、区）村级后备干部储备情况（截至2024年5月31日）\n"
        "县（市、区）\t储备人数（名）\t其中35岁以下（名）\n银州区\t96\t55\n合计\t1862\t912\n"
    )
    assert [(o.value, o.label) for o in table_outcomes(text, [])] == [
        (96.0, "银州区储备的村级后备干部"),
        (55.0, "银州区储备的35岁以下村级后备干部"),
        (1862.0, "储备的村级后备干部合计"),
        (912.0, "储备的35岁以下村级后备干部合计"),
    ]
    # a caption naming no people leaves the row-and-column label
    plain = "表2 各乡镇培训统计表\n乡镇\t培训人次\n甲镇\t30\n"
    assert [o.label for o in table_outcomes(plain, [])] == ["甲镇培训人次"]
