"""A small OFD (GB/T 33190) writer for tests: pages of printed lines, one TextCode per line, as a
converter lays out an issue (the masthead larger, paragraphs wrapped, a running head and a page number)."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
WIDTH, HEIGHT, LEFT, TOP, LINE = 210.0, 297.0, 25.0, 30.0, 6.5


def wrap(paragraph: str, size: float = 4.2, indent: bool = True) -> list[tuple[str, float, float]]:
    """A paragraph as printed lines (text, x, size) of a 160 mm column, the first indented two characters."""
    per_line = int(160 / size)
    first = per_line - 2 if indent else per_line
    lines = [paragraph[:first]]
    rest = paragraph[first:]
    while rest:
        lines.append(rest[:per_line])
        rest = rest[per_line:]
    return [(line, LEFT + (2 * size if indent and i == 0 else 0), size) for i, line in enumerate(lines)]


def ofd_bytes(
    pages: list[list[tuple[str, float, float]]], head: str = "", page_numbers: bool = True
) -> bytes:
    """An .ofd of the given pages, each a list of printed lines (text, x, size) from the top."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        page_refs = "".join(
            f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
        )
        z.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            f"<ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {WIDTH} {HEIGHT}"
            "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>",
        )
        z.writestr(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>',
        )
        for i, lines in enumerate(pages):
            printed = list(lines)
            if head:
                printed = [(head, LEFT, 3.5), ("", LEFT, 3.5), *printed]
            objects = []
            uid = 100
            for row, (text, x, size) in enumerate(printed):
                if not text:
                    continue
                uid += 1
                y = TOP + row * LINE
                objects.append(_text_object(uid, text, x, y, size))
            if page_numbers:
                uid += 1
                objects.append(_text_object(uid, f"— {i + 1} —", 95.0, HEIGHT - 15, 3.5))
            z.writestr(
                f"Doc_0/Pages/Page_{i}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
                f'<ofd:Layer ID="{i + 50}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>',
            )
    return buf.getvalue()


def _text_object(uid: int, text: str, x: float, y: float, size: float) -> str:
    width = len(text) * size
    deltas = " ".join([f"{size:g}"] * (len(text) - 1))
    return (
        f'<ofd:TextObject ID="{uid}" Boundary="{x:g} {y - size:g} {width:g} {size * 1.4:g}" Font="1" '
        f'Size="{size:g}"><ofd:TextCode X="0" Y="{size:g}" DeltaX="{deltas}">{escape(text)}</ofd:TextCode>'
        "</ofd:TextObject>"
    )
