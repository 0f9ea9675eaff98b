"""Text out of .docx and .pdf files. Bold runs of a .docx become **…** so one normaliser serves all."""

from __future__ import annotations

import io

from kg.errors import InputError


def docx_text(data: bytes, path: str) -> str:
    import zipfile

    from docx import Document as Docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = Docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable .docx file ({exc.__class__.__name__})") from None
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
        raise InputError(path, "empty .docx document")
    return text


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
            path, f"truncated or damaged PDF ({exc.__class__.__name__}: {str(exc)[:80]})"
        ) from None
    except Exception as exc:  # pypdf raises many internal types on broken files
        raise InputError(path, f"unreadable PDF ({exc.__class__.__name__})") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(path, "PDF has no text layer (scanned?); OCR it first")
    return text
