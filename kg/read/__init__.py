"""Read stage: a file on disk -> Document (decoded source, normalised text, offset map)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Document
from kg.read.decode import decode_bytes
from kg.read.formats import docx_text, pdf_text
from kg.read.normalize import normalize

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}


def max_bytes() -> int:
    """Bulletins are tens of KB; a file past this is not one (override with KG_MAX_FILE_MB)."""
    return int(float(os.environ.get("KG_MAX_FILE_MB", "30")) * 1024 * 1024)


def read_source(path: Path) -> tuple[str, str]:
    """Return (source text, format) of a bulletin file, or raise InputError naming it."""
    name = str(path)
    if not path.exists():
        raise InputError(name, "no such file or folder")
    if path.is_dir():
        raise InputError(name, "is a folder, expected a file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(name, "empty file")
    if size > max_bytes():
        raise InputError(
            name, f"file too large ({size / 1048576:.1f} MB > {max_bytes() / 1048576:.0f} MB limit)"
        )
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror})") from None
    if suffix == ".docx":
        return docx_text(data, name), "docx"
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        return pdf_text(data, name), "pdf"
    if suffix == ".doc":
        raise InputError(name, "old Word .doc is not supported; save it as .docx")
    if data.startswith(b"PK\x03\x04"):
        raise InputError(name, "a zip/Office file with an unexpected name; rename it to .docx")
    text, _enc = decode_bytes(data, name)
    return text, "txt"


def read_text(source: str, path: str = "<text>", fmt: str = "txt") -> Document:
    """Normalise already-decoded text (used for files and for text given on stdin)."""
    mapped, bold = normalize(source)
    if not mapped.text.strip():
        raise InputError(path, "no text after normalisation")
    return Document(path=path, source=source, text=mapped.text, offsets=mapped.offsets, bold=bold, fmt=fmt)


def read_file(path: str | Path) -> Document:
    p = Path(path)
    source, fmt = read_source(p)
    return read_text(source, str(p), fmt)


def find_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Bulletin files under the given files/folders, sorted; problems are yielded, not raised."""
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            yield InputError(str(p), "no such file or folder")
        elif p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
            bulletins = [f for f in found if f.suffix.lower() in SUFFIXES]
            if not bulletins:
                yield InputError(str(p), "folder holds no bulletins (.txt, .md, .docx, .pdf)")
            for f in found:
                if f.suffix.lower() in SUFFIXES:
                    yield f
                elif f.suffix.lower() in {".doc", ".bin", ".dat", ""} or not f.suffix:
                    yield f  # read_file reports why it is not a bulletin
        else:
            yield p
