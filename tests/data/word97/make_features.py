"""Build features.docx with python-docx and turn it into features.doc with LibreOffice (run by hand:
`python tests/data/word97/make_features.py`; the .doc is committed, as CI has no LibreOffice)."""

import subprocess
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
HERE = Path(__file__).parent


def main() -> None:
    d = Document()
    d.sections[0].header.paragraphs[0].text = "宁海组工　2023年第5期"
    para = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    inner = para.format("内部资料") + para.format("注意保存")
    box = parse_xml(
        f'<w:r {NS}><w:pict><v:shape id="box1" type="#_x0000_t202" '
        'style="position:absolute;margin-left:300pt;margin-top:0;width:100pt;height:40pt;z-index:1">'
        f"<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    d.add_paragraph()._p.append(box)
    d.add_paragraph("中共宁海县委组织部　2023年5月8日")
    d.add_paragraph().add_run("宁海县：建立年轻干部成长档案").bold = True
    p = d.add_paragraph("宁海县")
    rid = d.part.relate_to(
        "http://example.org/",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    p._p.append(parse_xml(f'<w:hyperlink {NS} r:id="{rid}"><w:r><w:t>建立成长档案</w:t></w:r></w:hyperlink>'))
    p._p.append(
        parse_xml(
            f'<w:ins {NS} w:id="1" w:author="a" w:date="2023-05-08T00:00:00Z"><w:r><w:t>，累计86人</w:t></w:r></w:ins>'
        )
    )
    p._p.append(
        parse_xml(
            f'<w:del {NS} w:id="2" w:author="a" w:date="2023-05-08T00:00:00Z"><w:r><w:delText>，删去</w:delText></w:r></w:del>'
        )
    )
    p._p.append(parse_xml(f'<w:fldSimple {NS} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    p.add_run("。")
    t = d.add_table(rows=2, cols=2)
    for r, row in enumerate([["乡镇", "人数"], ["城关镇", "12"]]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    t.cell(1, 0).add_paragraph("（含社区）")
    box_table = d.add_table(rows=1, cols=1)
    box_table.cell(0, 0).text = "领导批示："
    box_table.cell(0, 0).add_paragraph("此做法很好。")
    d.add_paragraph("（县委组织部　供稿）")
    d.save(HERE / "features.docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "doc", "--outdir", str(HERE), str(HERE / "features.docx")],
        check=True,
        capture_output=True,
    )


if __name__ == "__main__":
    main()
