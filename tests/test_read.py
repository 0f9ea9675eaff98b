"""Read stage: encodings, formats, normalisation and the offset map back to the source."""

from __future__ import annotations

import re

import pytest

from kg.errors import InputError
from kg.read import read_file, read_text
from kg.read.decode import decode_bytes
from kg.read.normalize import normalize

SAMPLE = "△岳西县：落实“五有”举措。全 市平均分 420 人，社區(qū)建设\n（岳西县委组织部）\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_are_detected(tmp_path, encoding):
    f = tmp_path / "b.txt"
    f.write_bytes(SAMPLE.encode(encoding))
    doc = read_file(f)
    assert "全市平均分420人" in doc.text


def test_normalised_spans_map_back_to_exact_source():
    doc = read_text("**科学设“星”，目标体系更精准。** 全 市平均分 420 人")
    i = doc.text.index("全市")
    q = doc.quote(i, i + len("全市平均分420人"))
    assert q.text == "全 市平均分 420 人"
    assert doc.source[q.start : q.end] == q.text
    ((s, e),) = doc.bold
    assert doc.text[s:e] == "科学设“星”，目标体系更精准。"


def test_artefacts_are_normalised():
    doc = read_text('## 标题\n---\n县委(组织部):实施辦法 "六个必谈" 社區(qū)\n')
    assert "#" not in doc.text and "---" not in doc.text
    assert "县委（组织部）：实施办法“六个必谈”社区" in doc.text


def test_full_width_digits_and_letters_become_ascii():
    assert "2021年5月" in read_text("２０２１年５月").text


@pytest.mark.parametrize(
    "data,problem",
    [
        (b"", "空文件"),
        (b"\x00\x01\x02\x03binary\x00" * 50, "二进制"),
        (bytes(range(128, 256)) * 40, "无法解码"),
    ],
)
def test_bad_bytes_name_the_problem(data, problem):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "x.txt")
    assert problem in str(err.value) and "x.txt" in str(err.value)


def test_docx_bold_runs_become_headings(tmp_path):
    from docx import Document

    d = Document()
    p = d.add_paragraph()
    p.add_run("强化心理教育。").bold = True
    p.add_run("把干部心理素质教育作为必修课。")
    f = tmp_path / "a.docx"
    d.save(f)
    doc = read_file(f)
    ((s, e),) = doc.bold
    assert doc.text[s:e] == "强化心理教育。"


def test_docx_tables_are_read_in_place(tmp_path):
    from docx import Document

    d = Document()
    d.add_paragraph("各县储备情况如下：")
    t = d.add_table(rows=2, cols=2)
    for r, (a, b) in enumerate([("县（市、区）", "储备人数"), ("北林区", "392")]):
        t.cell(r, 0).text, t.cell(r, 1).text = a, b
    box = d.add_table(rows=1, cols=1)  # a box around the 领导批示
    box.cell(0, 0).text = "【领导批示】做法值得肯定。"
    d.add_paragraph("二、多元培养。")
    f = tmp_path / "t.docx"
    d.save(f)
    lines = read_file(f).text.splitlines()  # the cells of a row stay apart, one tab between them
    assert lines == [
        "各县储备情况如下：",
        "县（市、区）\t储备人数",
        "北林区\t392",
        "【领导批示】做法值得肯定。",
        "二、多元培养。",
    ]


_WORD_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def test_docx_text_in_links_fields_insertions_and_controls_is_read(tmp_path):
    from docx import Document
    from docx.oxml import parse_xml

    d = Document()
    p = d.add_paragraph("宁海县")
    p._p.append(
        parse_xml(f'<w:hyperlink {_WORD_NS} r:id="rId9"><w:r><w:t>建立成长档案</w:t></w:r></w:hyperlink>')
    )
    p._p.append(
        parse_xml(f'<w:ins {_WORD_NS} w:id="1" w:author="a"><w:r><w:t>，累计86人</w:t></w:r></w:ins>')
    )
    p._p.append(
        parse_xml(f'<w:del {_WORD_NS} w:id="2" w:author="a"><w:r><w:delText>，删去</w:delText></w:r></w:del>')
    )
    p._p.append(
        parse_xml(f'<w:fldSimple {_WORD_NS} w:instr=" PAGE "><w:r><w:t>，共120名</w:t></w:r></w:fldSimple>')
    )
    d.element.body.insert(
        0,
        parse_xml(
            f"<w:sdt {_WORD_NS}><w:sdtContent><w:p><w:r><w:t>宁海组工</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    f = tmp_path / "a.docx"
    d.save(f)
    assert read_file(f).text.splitlines() == ["宁海组工", "宁海县建立成长档案，累计86人，共120名"]


def test_docx_masthead_in_a_text_box_or_the_header_is_read_once(tmp_path):
    from docx import Document
    from docx.oxml import parse_xml

    para = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    inner = para.format("宁海组工") + para.format("第5期")
    box = parse_xml(
        f'<w:r {_WORD_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        f"<w:txbxContent>{inner}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f"<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    d = Document()
    d.sections[0].header.paragraphs[0].text = "内部资料　注意保存"
    d.add_paragraph()._p.append(box)
    d.add_paragraph("中共宁海县委组织部　2023年5月8日")
    f = tmp_path / "b.docx"
    d.save(f)
    lines = [x for x in read_file(f).text.splitlines() if x.strip()]
    assert lines == ["内部资料注意保存", "宁海组工", "第5期", "中共宁海县委组织部2023年5月8日"]


def test_truncated_pdf_is_reported(tmp_path):
    f = tmp_path / "t.pdf"
    f.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n")
    with pytest.raises(InputError) as err:
        read_file(f)
    assert "t.pdf" in str(err.value) and "PDF" in str(err.value)


def test_large_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_MAX_FILE_MB", "1")
    f = tmp_path / "big.txt"
    f.write_bytes("字".encode() * 400_000)
    with pytest.raises(InputError, match="过大"):
        read_file(f)


def test_a_number_the_conversion_broke_is_joined_between_chinese_text():
    from kg.read.normalize import normalize

    assert (
        normalize("储备村级后备干部 4 86 名，推动 2 300 余名党员")[0].text
        == "储备村级后备干部486名，推动2300余名党员"
    )
    assert normalize("2023 2024年，共 12 个")[0].text == "2023 2024年，共12个"  # years never join


def test_normalize_skips_only_rewrites_that_could_not_match():
    """normalize() runs a rewrite only when the text holds a character its pattern needs (_NEEDS):
    the same result as running every rewrite, on texts built from every such character."""
    import random

    from kg.read import normalize as n
    from kg.read.mapped import MappedText

    def unguarded(source):
        m = MappedText.identity(source).rewrite(n._LINE_BREAKS, "\n").rewrite(n._JAMMER, n._jammer)
        m = m.rewrite(n.PAGE_MARK, "")
        m = m.rewrite(n._MD_DEBRIS, "").wrap(n._HASH_HEADING, "", "")
        m = m.wrap(n._BOLD, n.BOLD_OPEN, n.BOLD_CLOSE).rewrite(n._STRAY, "")
        m = n._to_simplified(m)
        m = MappedText(
            n._FULLWIDTH_CHAR.sub(lambda x: n._FULLWIDTH_ALNUM[ord(x.group(0))], m.text), m.offsets
        )
        if not n._HALF_MARK_IN_CJK.search(m.text):
            m = m.rewrite(n._LOST_CHAR, "")
        m = MappedText(n._HALF_PUNCT.sub(lambda x: n._TO_FULL[x.group(0)], m.text), m.offsets)
        m = n._curly_quotes(m).rewrite(n._COMMA_BEFORE_MARK, "").rewrite(n._SPACES, n._space)
        return n._take_bold(m.rewrite(n._SPLIT_NUMBER, lambda x: re.sub(r"[ \t]+", "", x.group(0))))

    pool = list(
        '干部社區幹部作為，。；：“”"()（）**##-—–_=+•>0129０１Ａａ％．\u00a0 \t\u3000\n\r\f\v\u2028\u2029:,;?!.第页共qūa'
    )
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 30)))
        got, want = n.normalize(text), unguarded(text)
        assert (got[0].text, got[0].offsets, got[1]) == (want[0].text, want[0].offsets, want[1]), text


PAGE_HTML = """<!DOCTYPE html>
<html><head><meta charset="gbk"><title>某县推动年轻干部墩苗_某县人民政府网</title>
<script>document.write("<p>不是正文</p>");</script><style>p{color:red}</style></head>
<body><div class="crumb"><a href="/">首页</a> &gt; 基层动态</div><nav><ul><li>政务公开</li></ul></nav>
<h1>某县推动年轻干部到基层一线墩苗历练</h1>
<div>发布时间：2024-03-15 来源：某县委组织部</div>
<p>选派<strong>35岁以下优秀年轻干部</strong>到乡镇任职，实行“导师帮带”&amp;谈心谈话。</p>
<p>责任编辑：王某</p><footer>版权所有：中共某县委组织部</footer></body></html>"""


def test_a_saved_web_page_is_read_as_its_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE_HTML.encode("gbk"))  # as saved by a browser on a GBK site
    doc = read_file(path)
    assert doc.fmt == "html"
    assert doc.source.splitlines() == [
        "首页 > 基层动态",  # plain chrome lines are left to kg.text.webpage
        "某县推动年轻干部到基层一线墩苗历练",
        "发布时间：2024-03-15 来源：某县委组织部",
        "选派**35岁以下优秀年轻干部**到乡镇任职，实行“导师帮带”&谈心谈话。",
        "责任编辑：王某",
    ]  # no head, script, style, nav or footer; entities decoded; bold as in a .docx
    with pytest.raises(InputError, match="没有正文"):
        from kg.read.formats import html_text

        html_text("<html><body><script>x()</script></body></html>", "empty.html")


def test_a_web_table_keeps_its_cells_apart(tmp_path):
    path = tmp_path / "table.html"
    rows = "<tr><th>镇街</th><th> 发展党员（名） </th></tr><tr><td>十渡镇</td><td>12</td></tr>"
    path.write_text(f"<html><body><p>各镇街情况如下：</p><table>{rows}</table><p>下一步</p></body></html>")
    assert read_file(path).text.splitlines() == [
        "各镇街情况如下：",
        "镇街\t发展党员（名）",
        "十渡镇\t12",
        "下一步",
    ]


def test_a_tab_between_chinese_text_is_a_space_unless_it_parts_cells():
    text = normalize("一、\t加强教育\n县\t 人数\n\t北林区\t392\t")[0].text
    assert text == "一、加强教育\n县\t人数\n北林区\t392"


def test_a_question_given_as_html_is_its_article():
    from kg.text.webpage import page_text

    assert page_text(PAGE_HTML) == (
        "某县推动年轻干部到基层一线墩苗历练\n选派35岁以下优秀年轻干部到乡镇任职，实行“导师帮带”&谈心谈话。"
    )
    assert page_text("选派干部<到>乡镇") == "选派干部<到>乡镇"  # a "<" alone is no page
    reposted = "首頁 > 新聞中心\n發佈時間：2024-03-15 來源：某縣委組織部\n某縣選派幹部駐村。\n責任編輯：王某\n【列印】【關閉窗口】"
    assert page_text(reposted) == "某縣選派幹部駐村。"  # the same chrome in traditional characters
    # a bulleted location line, the site's widgets and a bracketed editor line
    widgets = "  • 您当前的位置:首页 > 新闻\n某县选派干部驻村。\n(責任編輯:王某)\n关键词:\n相關新聞\n最近更新\n标签化管理干部。"
    assert page_text(widgets) == "某县选派干部驻村。\n标签化管理干部。"


def test_a_markdown_export_loses_its_front_matter_pictures_and_link_marks_and_keeps_its_table():
    src = (
        "---\ntitle: 某某组工·专刊\nauthor: 组织二科\ntags: [组工信息, 专刊]\n---\n\n# 某某组工\n\n"
        "- [某县：“三链”选育](#某县)\n\n![跟岗学习](assets/a.jpg)\n\n"
        "| 镇街 | 人数（名） |\n|:---|---:|\n| 甲镇 | 18 |\n"
    )
    m, _bold = normalize(src)
    assert not m.text.lstrip().startswith("title")
    assert "某县：“三链”选育" in m.text and "](#" not in m.text and "assets" not in m.text
    assert "镇街\t人数（名）" in m.text and "---" not in m.text and "|" not in m.text
    i = m.text.index("甲镇")
    assert src[m.offsets[i] : m.offsets[i] + 2] == "甲镇"  # cells keep their offsets
    # a line that only links to the page's source is furniture; a link inside a sentence keeps its words
    m, _bold = normalize(
        "积分表上一目了然。\n\n[原文](http://www.example.gov.cn/t1.html)\n\n见[该办法](http://x.cn/a)。"
    )
    assert "原文" not in m.text and "见该办法。" in m.text


def test_simplified_names_the_converter_would_change_are_kept_and_traditional_words_are_simplified():
    """乾 is a simplified character (乾佑街道, 乾安县); 轉載 in a simplified text is still traditional."""
    assert (
        read_text("乾佑街道推行“五联共建”。【轉載】乾县某地。", "t.txt").text
        == "乾佑街道推行“五联共建”。【转载】乾县某地。"
    )
    assert (
        read_text("某縣選派幹部駐村。乾安縣後備幹部。", "t.txt").text == "某县选派干部驻村。乾安县后备干部。"
    )


def test_a_table_laid_out_with_spaces_keeps_its_cells_apart():
    """pdftotext -layout's table: three rows or more with the same cells parted by runs of spaces become
    tab-parted rows; a masthead line with one wide gap and a centred title stay as they are."""
    src = (
        "中共某县委组织部编        2024年7月15日\n\n        近三年选调生录用情况\n"
        "    录用年度      录用人数（名）       已提拔使用（名）\n"
        "     2021年             14                    6\n"
        "     2022年             17                    4\n\n同时，建立档案。\n"
    )
    m, _bold = normalize(src)
    assert "录用年度\t录用人数（名）\t已提拔使用（名）\n2021年\t14\t6\n2022年\t17\t4" in m.text
    assert "中共某县委组织部编2024年7月15日" in m.text and "\t" not in m.text.split("\n")[0]
    assert m.text.split("\n")[2] == "近三年选调生录用情况"


def test_a_table_drawn_with_box_characters_keeps_its_rows_and_cells():
    """A text copy of a Word table (┌─┬─┐ / │a│b│): the borders go, the cells are parted by tabs."""
    src = "统计表\n┌──────┬────┐\n│培训对象│参训人数（人次）│\n├──────┼────┤\n│村级后备干部　│　518│\n└──────┴────┘\n下一步，继续。\n"
    m, _bold = normalize(src)
    assert "培训对象\t参训人数（人次）\n" in m.text and "村级后备干部\t" in m.text
    assert not any(ch in m.text for ch in "┌─┬│└")
    i = m.text.index("518")
    assert src[m.offsets[i] : m.offsets[i] + 3] == "518"


def test_an_ocr_copy_s_running_header_and_a_latin_o_in_a_chinese_year():
    from kg.split import split

    text = (
        "组 工 信 息\n第 12 期\n中共某县委组织部　　　　二O二四年六月十八日\n\n"
        "某县实施选调生“墩苗计划”\n\n"
        + "　　近年来，某县坚持把选调生作为源头活水，实行导师帮带和三岗历练。\n"
        * 8  # past the masthead's reach
        + "　　全县共接收选调生86名，全部安排\n"
        "到乡镇工作。目前，已有11名选调生\n\n— 1 —\n\n组工信息　　　　某县委组织部编\n\n"
        "走上乡科级领导岗位。\n"
    )
    doc = read_text(text, "ocr.txt")
    assert "某县委组织部编" not in doc.text and "选调生\n走上乡科级" in doc.text
    assert str(split(doc).masthead.date) == "2024-06-18"


def test_a_picture_caption_stays_in_its_article_and_opens_no_item():
    from kg.read.normalize import normalize

    text = "一是下沉一批。选派85名干部。\n\n▲ 年轻干部在某镇入户走访（资料图）\n\n二是轮岗一批。交流63名。"
    m, _ = normalize(text)
    assert "▲" not in m.text and "选派85名干部。年轻干部在某镇入户走访（资料图）\n" in m.text
    listed = "📍建组织。建立支部6个。\n\n▲ 长安镇流动党员党支部开展主题党日活动\n\n📍强管理。评选35名。"
    assert "▲" not in normalize(listed)[0].text
    # ▲ opening an item of its own (a title with its place and colon) is left alone
    item = "▲某县：推行“三色预警”\n近年来，某县……。"
    assert normalize(item)[0].text.startswith("▲")
    # a plain ▲ line in a post whose items are numbered (01, 02 over each headline) is a caption; where
    # the items are not numbered, ▲ may open each of them (▲ 仪陇县「四个一批」整顿…)
    post = "01\n某县强化管理\n\n强化培训。举办培训班4期。\n\n▲第一书记培训班现场教学\n\n强化管理。出台办法。\n\n02\n某县关爱干部\n\n正文。"
    assert "▲" not in normalize(post)[0].text
    assert "▲" in normalize(post.replace("01\n", "").replace("02\n", ""))[0].text


def test_a_question_mark_inside_a_chinese_word_is_a_lost_character():
    """A page whose encoding lost a character writes "?" in its place (甘肃日?报): dropped, it ends no
    sentence; a page written in half-width marks keeps its "?" as a question."""
    assert (
        normalize("甘肃日?报：某县推行“三色”管理。怎么办？")[0].text
        == "甘肃日报：某县推行“三色”管理。怎么办？"
    )
    assert normalize("怎么办?我们,今年")[0].text == "怎么办？我们，今年"
    assert normalize("通知?2023年")[0].text == "通知？2023年"


def test_a_web_tables_cells_are_one_row_each_paragraph_in_a_cell_joined():
    """Word's saved page puts a <p> in every cell: a row stays one line of tab-separated cells, as a .docx
    table's; a table that lays out running text keeps its paragraphs as lines."""
    from kg.read.formats import html_text

    cell = "<td><p class=MsoNormal>{}</p></td>"
    row = "<tr>" + "".join(cell.format(c) for c in ("沁河镇", "61", "42")) + "</tr>"
    head = (
        "<tr>"
        + "".join(cell.format(c) for c in ("乡镇", "储备人数<p>（名）</p>", "其中35岁以下（名）"))
        + "</tr>"
    )
    text = html_text(
        f"<html><body><p>前文。</p><table>{head}{row}</table><p>后文。</p></body></html>", "t.htm"
    )
    assert text.split("\n") == [
        "前文。",
        "乡镇\t储备人数 （名）\t其中35岁以下（名）",
        "沁河镇\t61\t42",
        "后文。",
    ]
    long = "今年以来，某县围绕干部队伍建设探索建立常态化工作机制。" * 5
    layout = f"<table><tr><td>导航</td><td><p>某县：标题</p><p>{long}</p></td></tr></table>"
    assert html_text(f"<html><body>{layout}</body></html>", "t.htm").split("\n") == [
        "导航",
        "某县：标题",
        long,
    ]


def test_a_page_number_before_its_label_or_in_full_width_digits_is_no_text():
    body = "　　近年来，某县坚持把选调生作为源头活水，实行导师帮带和三岗历练。\n" * 8
    text = (
        "某县组工\n第 9 期\n中共某县委组织部　　2019年10月15日\n\n某县举办选调生培训班\n\n"
        + body
        + "全市\n新录用的118名选调生参加培训。\n\n某县组工\t2019年第9期\n— 3 —\t内部资料 注意保存\n"
        "培训班紧扣主题。\n合　　计　│　２９　│　３０５６\n\n－　２　－\n\n　　下一步，将纳入积分管理。\n"
    )
    doc = read_text(text, "pdf-copy.txt")
    assert "内部资料" not in doc.text and "－2－" not in doc.text and "—3—" not in doc.text
    assert "下一步" in doc.text and "118名选调生参加培训。\n\n培训班紧扣主题" in doc.text


def test_a_quote_s_running_header_is_dropped_wherever_it_stands():
    """A practice's quote is a part of its page: the header near its top is no masthead."""
    from kg.text import display_text

    quote = "全市新录用的118名选调生参加培训。\n\n南通组工简报\t2019年第9期\n— 3 —\t内部资料 注意保存\n培训班紧扣主题。"
    assert display_text(quote) == "全市新录用的118名选调生参加培训。\n培训班紧扣主题。"


def test_a_word_saved_page_sets_its_headlines_in_larger_type_not_bold(tmp_path):
    """Word's 'single file web page' of an issue: titles centred in 22 pt 方正小标宋 over 16 pt 仿宋 text,
    no bold; the source wrapped inside words (隆\\n子县). Before: no title after the speech was seen."""
    from kg.split import split

    body = "<p class=MsoNormal><span style='font-size:16.0pt;font-family:仿宋_GB2312'>{}</span></p>"
    title = (
        "<p class=MsoNormal align=center style='text-align:center'>"
        "<span style='font-size:22.0pt;font-family:方正小标宋简体'>{}</span></p>"
    )
    parts = [
        "<html><body>",
        body.format("组工简报"),
        body.format("2022年第6期（总第71期）"),
        body.format("中共隆子县委组织部编　2022年6月28日"),
        title.format("坚持大抓基层鲜明导向推动基层党建全面过硬"),
        body.format("——县委副书记在全县基层党建工作推进会上的讲话（摘要）"),
        body.format("同志们："),
        body.format("去年以来，全县各级党组织认真贯彻落实上级部署，基层党建工作取得明显成效。"),
        body.format("一要抓好边境一线党组织建设。持续推进“戍边党支部”创建，新建党小组42个。"),
        title.format("隆\n子县“三强化”建强边境小康村党组织"),
        body.format(
            "隆子县地处喜马拉雅山南\n麓，全县有边境小康村33个。今年以来，隆子县以“三强化”推动党组织全面过硬。"
        ),
        body.format("强化班子配备。新调整充实边境村“两委”成员19名，选派27名干部担任第一书记。"),
        title.format("隆子县“五个一”举措关心关爱高海拔地区基层干部"),
        body.format(
            "隆子县平均海拔3900米以上。今年以来，县委组织部推出“五个一”暖心举措，为652名干部开展健康体检。"
        ),
        body.format("报：山南市委组织部。"),
        "</body></html>",
    ]
    page = tmp_path / "issue.html"
    page.write_text("\n".join(parts), encoding="utf-8")
    doc = read_file(page)
    assert "隆子县“三强化”" in doc.text and "南麓" in doc.text  # no space where the source wrapped
    titles = [a.title for a in split(doc).articles]
    assert titles[1:] == [
        "隆子县“三强化”建强边境小康村党组织",
        "隆子县“五个一”举措关心关爱高海拔地区基层干部",
    ]
