"""A PDF line drawn in two passes (LibreOffice: the text with gaps, then the quotes over the gaps) is read in
the order of the page, and one line of type that PDFium broke in two is one line again."""

from kg.read.pdf import Glyph, _apart, _continues, _line_text


def _row(text: str, x0: float = 0.0, size: float = 10.0, bottom: float = 0.0) -> list[Glyph]:
    return [Glyph(ch, x0 + i * size, x0 + (i + 1) * size, bottom, bottom + size) for i, ch in enumerate(text)]


def test_quotes_drawn_late_go_back_over_their_gaps():
    line = _row("实施 百千万 作")  # the gaps at 20–30 and 60–70
    line += [Glyph("“", 21, 29, 0, 10), Glyph("”", 61, 69, 0, 10)]
    assert _line_text(line) == "实施“百千万”作"


def test_a_line_in_order_keeps_its_spaces():
    assert _line_text(_row("强化引领 锻造铁军")) == "强化引领 锻造铁军"


def test_a_real_space_away_from_a_late_glyph_stays():
    line = _row("强化引领 锻造 百千万 攻坚") + [Glyph("“", 71, 79, 0, 10), Glyph("”", 111, 119, 0, 10)]
    assert _line_text(line) == "强化引领 锻造“百千万”攻坚"


def test_a_break_inside_one_line_of_type_is_joined():
    before, after = _row("库车市："), _row("“四抓四促”", x0=40.0, bottom=1.0)
    assert _continues(before, after)


def test_the_next_line_down_is_not_joined():
    assert not _continues(_row("第一行文字"), _row("第二行文字", bottom=-14.0))
    assert not _continues(_row("左栏文字"), _row("右栏文字", x0=300.0))


def test_a_run_going_on_into_the_line_below_is_two_lines():
    # Chromium: a headline and its subtitle under it came as one run, no break between them
    title, sub = _row("红色管家进小区 "), _row("——某社区纪实", x0=-5.0, bottom=-16.0)
    assert [_line_text(p) for p in _apart(title + sub)] == ["红色管家进小区 ", "——某社区纪实"]
    late = _row("实施 百千万") + [Glyph("“", 21, 29, 0.5, 10.5)]  # drawn late, on its line
    assert len(_apart(late)) == 1


def test_glyphs_in_a_ruled_grid_come_out_as_rows_of_cells():
    from kg.read.pdf_tables import Grid, table_rows

    grid = Grid(xs=(0.0, 50.0, 100.0), ys=(40.0, 20.0, 0.0))
    header = (
        _row("队员", x0=55.0, bottom=30.0)
        + _row("（名）", x0=55.0, bottom=21.0)
        + _row("县", x0=5, bottom=25)
    )
    data = _row("英德市", x0=5.0, bottom=5.0) + _row("24", x0=60.0, bottom=5.0)
    assert table_rows(grid, header + data) == ["县\t队员（名）", "英德市\t24"]


def test_a_text_layer_of_unmapped_codes_is_refused_by_name():
    from kg.read.pdf import _unmapped_share

    assert _unmapped_share("\ue001\ue002\ue003 某县") > 0.3
    assert _unmapped_share("某县推行“三色预警”，共50人。") == 0.0


def _page(*rows: tuple[str, float]) -> list[list[Glyph]]:
    """Lines of a page top to bottom, each (text, font size)."""
    return [_row(text, size=size, bottom=-30.0 * k) for k, (text, size) in enumerate(rows)]


def test_a_footnote_at_the_page_foot_goes_with_the_article_that_carries_its_mark():
    from kg.read.pdf import _with_tables

    page = _page(
        ("开展了年度综合考核①，共考核班子六十二个。", 10.0),
        ("“茶书记”的致富经", 14.0),
        ("走进龙凤村，茶园连绵，茶香扑鼻，群众增收。", 10.0),
        ("①考核对象包括15个镇领导班子。", 8.0),
        ("— 2 —", 8.0),
    )
    assert _with_tables(page, []) == [
        "开展了年度综合考核①，共考核班子六十二个。",
        "①考核对象包括15个镇领导班子。",
        "",
        "“茶书记”的致富经",
        "走进龙凤村，茶园连绵，茶香扑鼻，群众增收。",
        "— 2 —",
    ]


def test_notes_stay_where_the_marked_article_reaches_the_foot_or_are_body_size():
    from kg.read.pdf import _with_tables

    reaching = _page(
        ("“茶书记”的致富经", 14.0),
        ("走进龙凤村①，茶园连绵，茶香扑鼻，群众增收。", 10.0),
        ("①龙凤村有茶园一点二万亩，农户三百八十六户。", 8.0),
    )
    assert _with_tables(reaching, [])[-1].startswith("①龙凤村")
    body_size = _page(
        ("主要做法：①建台账；②强培训，共考核班子六十二个。", 10.0),
        ("“茶书记”的致富经", 14.0),
        ("①选优配强村党组织书记，全县共调整十二名书记。", 10.0),
    )
    assert _with_tables(body_size, [])[-1].startswith("①选优配强")


def test_notes_the_engine_gives_before_the_columns_still_go_to_their_article():
    # a two-column page: the notes across its foot come out after the first article, their mark is in the next
    from kg.read.pdf import _with_tables

    rows = [
        ("林州市实施年轻干部墩苗计划，选派干部八十六名。", 10.0, 300.0),
        ("①三变改革：即资源变资产、资金变股金。", 8.0, 40.0),
        ("党建引领三变改革", 14.0, 270.0),
        ("以深化农村三变改革①为突破口，推动集体经济发展。", 10.0, 240.0),
        ("打好人才回引牌", 14.0, 200.0),
        ("建立在外人才信息库，入库各类人才三千二百名。", 10.0, 170.0),
    ]
    page = [_row(text, size=size, bottom=bottom) for text, size, bottom in rows]
    got = _with_tables(page, [])
    assert got.index("①三变改革：即资源变资产、资金变股金。") == got.index("打好人才回引牌") - 2
    assert got[0].startswith("林州市") and got[1] == ""
