"""The shapes an archive keeps besides .txt/.docx/.pdf/.html: Word 97–2003 .doc (and WPS .wps), OFD, .rtf
and a page saved as one file (.mht), each read to the lines the .docx or web page reader would give."""

from __future__ import annotations

import base64
import quopri
import shutil
import struct
from pathlib import Path

import pytest
from ofd_maker import LEFT, ofd_bytes, wrap

from kg.errors import InputError
from kg.read import find_files, read_file, read_source
from kg.split import split

DATA = Path(__file__).parent / "data"
WORD97 = DATA / "word97"


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_a_doc_gives_the_docx_reader_s_lines():
    """LibreOffice's .doc of a blind set's .docx (bold headlines, a table, a box around a passage): the
    same lines, bold marks and tab-separated cells as the .docx itself."""
    doc, fmt = read_source(WORD97 / "huayuan-2024-09.doc")
    docx, _ = read_source(DATA / "blind21" / "huayuan-2024-09.docx")
    assert fmt == "doc"
    assert _lines(doc) == _lines(docx)
    assert "**一、基层党建**" in _lines(doc)  # Word's automatic number, read from the file's lists
    assert any("\t" in line for line in _lines(doc)) and any(line.startswith("**") for line in _lines(doc))


@pytest.mark.parametrize(
    "doc, docx, line",
    [
        # two lists (一、 for the articles, in a heading style; （一） for measures), a tracked deletion
        ("wulong-2024-21.doc", "blind38/wulong-2024-21.docx", "**四、白马镇：“三个强化”"),
        # headlines set centred in 18 pt and up, not bold
        ("tonghua-2023-09.doc", "blind27/tonghua-2023-09.docx", "**集安市：聚焦“选育管用”全链条"),
    ],
)
def test_a_doc_s_list_numbers_heading_styles_and_title_lines_read_as_in_the_docx(doc, docx, line):
    """LibreOffice's .doc of blind sets' .docx files (soffice --convert-to doc): Word's automatic numbers
    counted per list, a paragraph in a heading style and a centred large line both bold title lines."""
    lines = _lines(read_source(WORD97 / doc)[0])
    assert lines == _lines(read_source(DATA / docx)[0])
    assert any(x.startswith(line) and x.endswith("**") for x in lines)


def test_a_doc_s_header_text_box_link_field_table_and_tracked_changes():
    lines = _lines(read_source(WORD97 / "features.doc")[0])
    assert lines == [
        "宁海组工\u30002023年第5期",  # the header, over the body
        "内部资料",  # the text box, where it is anchored
        "注意保存",
        "中共宁海县委组织部\u30002023年5月8日",
        "**宁海县：建立年轻干部成长档案**",
        "宁海县建立成长档案，累计86人1。",  # link text and insertion kept, deletion out, field's result
        "乡镇\t人数",
        "城关镇 （含社区）\t12",  # a cell's two paragraphs, one cell
        "领导批示：",  # a row of one cell: its paragraphs as lines
        "此做法很好。",
        "（县委组织部\u3000供稿）",
    ]


def test_a_wps_file_of_the_doc_shape_and_a_docx_under_an_old_name_are_read(tmp_path):
    wps = tmp_path / "a.wps"
    shutil.copy(WORD97 / "features.doc", wps)
    assert "内部资料" in read_source(wps)[0]
    named = tmp_path / "b.doc"
    shutil.copy(DATA / "blind23" / "zigui-2025-06.docx", named)
    assert read_source(named)[1] == "docx"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            "不是可读的",
        ),  # an OLE signature, nothing behind it
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "不"),
    ],
)
def test_a_broken_doc_is_one_chinese_line_naming_it(tmp_path, data, problem):
    f = tmp_path / "old.doc"
    f.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_file(f)
    assert str(f) in str(e.value) and problem in str(e.value) and "\n" not in str(e.value)


def test_a_doc_whose_text_stream_is_cut_short_is_reported(tmp_path):
    data = bytearray((WORD97 / "features.doc").read_bytes())
    data[len(data) // 2 :] = b"\x00" * (len(data) - len(data) // 2)
    f = tmp_path / "cut.doc"
    f.write_bytes(bytes(data))
    try:
        text = read_source(f)[0]
    except InputError as e:
        assert str(f) in str(e)
    else:  # what survives is text, not a crash
        assert isinstance(text, str)


def _rtf(body: str, codepage: bool = True) -> bytes:
    esc = "".join(f"\\'{b:02x}" if b > 127 else chr(b) for b in body.encode("gbk"))
    head = "{\\rtf1\\ansi" + ("\\ansicpg936" if codepage else "") + "\\deff0{\\fonttbl{\\f0\\fcharset134 x;}}"
    table = "\\trowd\\cellx2000\\cellx4000\\intbl \\'b3\\'c7\\'b9\\'d8\\'d5\\'f2\\cell 12\\cell\\row\n"
    return (head + esc + "\\par\n" + table + esc + "\\par}").encode("latin-1")


@pytest.mark.parametrize("codepage", [True, False])
def test_an_rtf_in_gbk_escapes_is_read_with_its_table(tmp_path, codepage):
    f = tmp_path / "a.rtf"
    f.write_bytes(_rtf("宁海县建立年轻干部成长档案，累计86人。", codepage))
    assert _lines(read_source(f)[0]) == [
        "宁海县建立年轻干部成长档案，累计86人。",
        "城关镇\t12",
        "宁海县建立年轻干部成长档案，累计86人。",
    ]


def test_a_doc_that_is_an_rtf_or_a_web_page_is_read_as_what_it_is(tmp_path):
    rtf = tmp_path / "site.doc"
    rtf.write_bytes(_rtf("宁海县建立年轻干部成长档案。"))
    assert read_source(rtf) == (
        "宁海县建立年轻干部成长档案。\n城关镇\t12\n宁海县建立年轻干部成长档案。\n",
        "rtf",
    )
    page = tmp_path / "page.doc"
    page.write_text("<html><body><p>宁海县建立<b>成长档案</b></p><script>x()</script></body></html>", "gbk")
    assert read_source(page) == ("宁海县建立**成长档案**", "html")


def _mht(html: str, charset_in_header: bool) -> str:
    qp = quopri.encodestring(html.encode("gb2312")).decode("ascii")
    subject = base64.b64encode("宁海组工".encode("gb2312")).decode()
    ctype = "text/html; charset=gb2312" if charset_in_header else "text/html"
    return (
        "From: <Saved by Blink>\nSnapshot-Content-Location: http://www.example.gov.cn/a.html\n"
        f"Subject: =?gb2312?B?{subject}?=\nDate: Mon, 8 May 2023 10:00:00 +0800\nMIME-Version: 1.0\n"
        'Content-Type: multipart/related;\n\ttype="text/html";\n\tboundary="----B----"\n\n'
        f"------B----\nContent-Type: {ctype}\nContent-Transfer-Encoding: quoted-printable\n"
        f"Content-Location: http://www.example.gov.cn/a.html\n\n{qp}\n"
        "------B----\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n------B------\n"
    )


@pytest.mark.parametrize("charset_in_header", [True, False])
def test_a_page_saved_as_one_file_is_read_as_its_page(tmp_path, charset_in_header):
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>t</title>'
        '</head><body><nav>首页</nav><div class="content"><p>宁海县建立年轻干部成长档案</p>'
        "<p>今年以来，宁海县累计86人入库，“一人一档”。</p></div><footer>备案号</footer></body></html>"
    )
    for name in ("a.mht", "saved-without-suffix"):
        f = tmp_path / name
        f.write_text(_mht(html, charset_in_header), "ascii")
        assert read_source(f) == (
            "宁海县建立年轻干部成长档案\n今年以来，宁海县累计86人入库，“一人一档”。",
            "html",
        )


def test_a_folder_picks_up_doc_wps_ofd_rtf_and_mht_files(tmp_path):
    for name in ("a.doc", "b.wps", "c.ofd", "d.rtf", "e.mht", "f.mhtml"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "view.html").write_text("<html></html>")
    found = {p.name for p in find_files([tmp_path]) if isinstance(p, Path)}
    assert found == {"a.doc", "b.wps", "c.ofd", "d.rtf", "e.mht", "f.mhtml"}


P = "今年以来，该县坚持把年轻干部培养作为战略性工程，全年选派86名年轻干部到基层一线锻炼，成效明显。"


def _issue_ofd() -> bytes:
    printed = [
        ("宁海组工", 80, 10),
        ("", LEFT, 4),
        ("2023年第5期（总第120期）", 70, 4.2),
        ("中共宁海县委组织部编　　　　　　　　2023年5月8日", LEFT, 4.2),
        ("", LEFT, 4),
        ("宁海县：建立年轻干部成长档案", 55, 5),
        *wrap(P),
        *wrap("一是分层建档。按照乡镇、县直单位分别建立档案，累计为86名35岁以下干部建档，每季度更新一次。"),
        *wrap("二是动态管理。对表现突出的12名年轻干部优先提拔使用，对不适宜的及时调整。"),
        ("（县委组织部　供稿）", 120, 4.2),
        ("", LEFT, 4),
        ("象山县：推行党员积分制管理", 55, 5),
        *wrap(P + P + "一是明确积分标准，将党员参加组织生活、志愿服务等纳入积分。"),
        *wrap("二是强化结果运用，积分结果与评先评优挂钩，全县3200余名党员参与积分管理。"),
        ("（象山县委组织部）", 120, 4.2),
    ]
    return ofd_bytes([printed[:16], printed[16:]], head="宁海组工·2023年第5期")


def test_an_ofd_issue_is_split_like_a_pdf_of_it(tmp_path):
    """Printed lines joined again, the running head and page numbers of later pages out, an article that
    runs on to the next page whole."""
    f = tmp_path / "a.ofd"
    f.write_bytes(_issue_ofd())
    doc = read_file(f)
    assert read_source(f)[1] == "ofd"
    s = split(doc)
    titles = [a.title for a in s.articles]
    assert titles == ["宁海县：建立年轻干部成长档案", "象山县：推行党员积分制管理"]
    second = doc.text[s.articles[1].body_start : s.articles[1].body_end]
    assert "宁海组工" not in second and "— 2 —" not in second and "3200余名" in second.replace("\n", "")


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"PK\x03\x04" + b"\x00" * 60, "OFD"), (ofd_bytes([[]], page_numbers=False), "没有文字")],
)
def test_a_broken_or_empty_ofd_is_one_chinese_line(tmp_path, data, problem):
    f = tmp_path / "bad.ofd"
    f.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_file(f)
    assert str(f) in str(e.value) and problem in str(e.value)


def _word_streams(pieces: list[tuple[str, bool]]) -> tuple[bytes, bytes]:
    """A minimal WordDocument stream (FIB, then the text) and table stream (a Clx) for `pieces` of text,
    each one byte a character ("compressed", as Word saves runs of Latin text) or UTF-16."""
    import struct

    fib = bytearray(1024)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 32, 14)  # csw, then 14 words
    struct.pack_into("<H", fib, 62, 22)  # cslw, then 22 longs: ccpText is the fourth
    struct.pack_into("<i", fib, 64 + 12, sum(len(t) for t, _ in pieces))
    struct.pack_into("<H", fib, 152, 93)  # cbRgFcLcb, then the (fc, lcb) pairs
    text = bytearray()
    cps, pcds = [0], []
    for t, compressed in pieces:
        at = len(fib) + len(text)
        text += t.encode("cp1252") if compressed else t.encode("utf-16-le")
        cps.append(cps[-1] + len(t))
        pcds.append(struct.pack("<HIH", 0, (at * 2) | 0x40000000 if compressed else at, 0))
    plc = struct.pack(f"<{len(cps)}I", *cps) + b"".join(pcds)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", fib, 154 + 33 * 8, 0, len(clx))  # fcClx at 0 of the table stream
    return bytes(fib + text), clx


def test_a_doc_s_pieces_one_byte_and_two_bytes_a_character_are_read_in_order():
    """Word saves a run of Latin text "compressed" (one byte a character, at half its offset) beside
    UTF-16 pieces; a field shows its result, not its code."""
    from kg.read.word_binary import _Fib, _Reader

    word, table = _word_streams(
        [("2023", True), ("年宁海县选派", False), ("\x13 PAGE \x1486\x15", True), ("名干部。\r", False)]
    )
    assert _Reader(word, table, _Fib(word)).lines() == "2023年宁海县选派86名干部。"


def test_a_pictures_caption_on_a_web_page_joins_the_paragraph_above_it(tmp_path):
    # a WeChat caption (▲ right under its <img>) is no line of its own: it would open an item (▲ marks
    # items in some bulletins); a ▲ line with no picture above it stays as written
    page = tmp_path / "post.html"
    page.write_text(
        "<html><body><p>选派42名干部到乡镇墩苗。</p><section><img data-src='a.jpg'></section>"
        "<p><span>▲墩苗干部在青城子镇入户走访群众</span></p><p>坚持在一线考察识别干部。</p>"
        "<figure><img src='b.jpg'><figcaption>图为培训现场</figcaption></figure>"
        "<p>▲宝山镇：“五必访”暖心关爱</p></body></html>",
        "utf-8",
    )
    assert read_source(page) == (
        "选派42名干部到乡镇墩苗。墩苗干部在青城子镇入户走访群众\n坚持在一线考察识别干部。图为培训现场\n"
        "▲宝山镇：“五必访”暖心关爱",
        "html",
    )


def test_a_docx_footnote_is_read_where_its_mark_is():
    """The document named only in a footnote (blind30, 互助) is read after the word it annotates, not
    dropped, and its mark leaves no stray figure behind."""
    text = read_file(DATA / "blind30" / "huzhu-2023-12.docx").text
    assert (
        "专业化管理要求（注：指中共青海省委组织部印发的《青海省村党组织书记专业化管理办法（试行）》。）"
        in text
    )
    assert "要求1" not in text


def test_a_doc_whose_list_table_is_damaged_is_read_without_its_numbers(tmp_path, monkeypatch):
    from kg.read import word_binary

    def broken(table, pair):
        raise struct.error("unpack requires a buffer of 28 bytes")

    monkeypatch.setattr(word_binary, "read_lists", broken)
    lines = _lines(read_source(WORD97 / "wulong-2024-21.doc")[0])
    assert "**仙女山街道：“民宿党建”激活旅游发展“红色引擎”**" in lines  # the text, without its number
