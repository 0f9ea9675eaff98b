"""Text out of .docx and .pdf files. Bold runs of a .docx become **…** so one normaliser serves all."""

from __future__ import annotations

import io

from kg.errors import InputError


def docx_text(data: bytes, path: str) -> str:
    import zipfile

    from docx import Document as Docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        _check_inflated(data, path)
        doc = Docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"不是可读的 .docx 文件（{exc.__class__.__name__}）") from None
    lines = []
    for para in doc.paragraphs:
        parts = []
        for run in para.runs:
            t = run.text
            if t and run.bold and t.strip():
                parts.append(f"**{t}**")
            else:
                parts.append(t)
        lines.append("".join(parts).replace("****", ""))
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(path, "空的 .docx 文档")
    return text


def _check_inflated(data: bytes, path: str) -> None:
    """Refuse a .docx whose XML parts inflate past the bound before python-docx parses them (a 1.8 MB
    file holding 500 MB of paragraphs took 13.9 GB). The sizes the zip declares are checked first;
    as a zip may understate them, the parts are then inflated in chunks and counted, never held."""
    import zipfile

    from kg.read.gate import max_docx_bytes

    limit = max_docx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [i for i in z.infolist() if i.filename.endswith((".xml", ".rels"))]
        declared = sum(i.file_size for i in parts)
        if declared > limit:
            raise InputError(path, _too_large(declared, limit))
        seen = 0
        for info in parts:
            with z.open(info) as fh:
                while chunk := fh.read(1 << 20):
                    seen += len(chunk)
                    if seen > limit:
                        raise InputError(path, _too_large(seen, limit, at_least=True))


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    more = "超过" if at_least else ""
    return (
        f".docx 解压后{more} {size / 1048576:.0f} MB 文字内容（上限 {limit / 1048576:.0f} MB，"
        "一期公报通常不到 1 MB）；疑为压缩炸弹或非公报文件，如确需导入请设置 KG_MAX_DOCX_MB"
    )


def pdf_text(data: bytes, path: str) -> str:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # we report the damage ourselves, on one line
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(
            path, f"PDF 文件不完整或已损坏（{exc.__class__.__name__}：{str(exc)[:80]}）"
        ) from None
    except Exception as exc:  # pypdf raises many internal types on broken files
        raise InputError(path, f"无法读取的 PDF（{exc.__class__.__name__}）") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(path, "PDF 没有文字层（扫描件？）；请先做文字识别（OCR）")
    return text
