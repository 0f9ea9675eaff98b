"""Golden test: three bulletins written blind with an answer key (tests/data/blind40/README.md, gold in
tests/gold/blind40-*.json), through the whole build: Jilin (白山's city issue as a LibreOffice PDF with a
领导批示 box, a two-column 基层动态 section of 【县】 briefs, a bordered table and running headers), Fujian
(宁化县's issue as a page saved by Internet Explorer as one .mht in GB2312 quoted-printable, inside the
county site's navigation) and Gansu (肃南裕固族自治县's issue as an RTF in code page 936 with a header, a
footnote and a table whose first column numbers its rows).

First run (nothing tuned to it): every article found; localities 0.98 / 0.97, codes 1.00 / 1.00, documents
1.00 / 1.00, targets 0.68 / 0.79, outcomes 0.85 / 0.85, labels 0.75 / 0.75 (bench/extraction_quality.py, once
its own plain splitter stopped a △ item at a 【县】 brief of the next column: the pipeline split it right).
Fixed the same session: a table whose first column is 序号 names its rows by the next column."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind40")
_DATA = Path(__file__).resolve().parent / "data" / "blind40"
gs = blind_gold.store_fixture("blind40", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 21)


def test_a_numbered_table_names_its_rows_by_the_column_after_the_numbers():
    from kg.extract.outcome_table import table_outcomes

    rows = (
        "2024年一季度全县干部教育培训情况统计表\n"
        "序号\t培训项目\t培训对象\t期数（期）\t参训人数（人次）\n"
        "1\t新录用公务员初任培训\t2023年新录用公务员\t1\t45\n"
        "2\t基层党务工作者示范培训\t基层党务工作者\t2\t379"
    )
    got = [(o.value, o.unit, o.label) for o in table_outcomes(rows, [])]
    assert got == [
        (1.0, "期", "新录用公务员初任培训期数"),
        (45.0, "人次", "新录用公务员初任培训参训人数"),
        (2.0, "期", "基层党务工作者示范培训期数"),
        (379.0, "人次", "基层党务工作者示范培训参训人数"),
    ]
    # without a 序号 header, rows numbered 1, 2, 3 … are numbered all the same
    unheaded = rows.replace("序号\t", "\t")
    assert [o.label for o in table_outcomes(unheaded, [])] == [x[2] for x in got]
