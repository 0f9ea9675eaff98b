"""Read stage: a file on disk -> Document (decoded source, normalised text, offset map)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError

if TYPE_CHECKING:
    from kg.model import Document

# The stage's parts are imported where they are used: a reader that only needs kg.read.normalize (display
# text of a quote, at every question's start) does not load the decoders, the size gate and their patterns.

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
# a web page is read when it is named (kg build --as-article page.html), not picked up from a folder,
# where pages are the site's own views more often than bulletins
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
# a web archive (one file, the page and its pictures) is a page someone chose to save: read from a folder
MHT_SUFFIXES = {".mht", ".mhtml"}
WORD_SUFFIXES = {".doc", ".wps"}  # binary Word or WPS; or an .rtf, a web page or an archive so named
SUFFIXES = TEXT_SUFFIXES | MHT_SUFFIXES | WORD_SUFFIXES | {".docx", ".pdf", ".ofd", ".rtf"}


def max_bytes() -> int:
    """Bulletins are tens of KB; a file past this is not one (override with KG_MAX_FILE_MB)."""
    return int(float(os.environ.get("KG_MAX_FILE_MB", "30")) * 1024 * 1024)


def read_source(path: Path) -> tuple[str, str]:
    """Return (source text, format) of a bulletin file, or raise InputError naming it."""
    name = str(path)
    if not path.exists():
        raise InputError(name, "没有这个文件或目录")
    if path.is_dir():
        raise InputError(name, "是目录，这里要的是文件")
    size = path.stat().st_size
    if size == 0:
        raise InputError(name, "空文件")
    if size > max_bytes():
        raise InputError(
            name,
            f"文件过大（{size / 1048576:.1f} MB，上限 {max_bytes() / 1048576:.0f} MB；确需导入请设置 KG_MAX_FILE_MB）",
        )
    from kg.read.decode import decode_bytes
    from kg.read.formats import html_text, looks_like_html, mht_text, ofd_text, rtf_text
    from kg.read.pdf import pdf_text
    from kg.read.word import docx_text

    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"无法读取（{exc.strerror}）") from None
    if suffix == ".docx":
        return docx_text(data, name), "docx"
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        return pdf_text(data, name), "pdf"
    if data.startswith(_OLE):  # Word 97–2003 .doc, or WPS's .wps of the same shape
        from kg.read.word_binary import doc_text

        return doc_text(data, name), "doc"
    if suffix == ".ofd":
        return ofd_text(data, name), "ofd"
    if data.lstrip()[:5] == b"{\\rtf":  # an .rtf, or a site's ".doc" that is one
        return rtf_text(data, name), "rtf"
    if suffix in MHT_SUFFIXES or _MHT.search(data[:4096]):
        return mht_text(data, name), "html"
    if data.startswith(b"PK\x03\x04") and suffix in WORD_SUFFIXES:  # a .docx given an old name
        return docx_text(data, name), "docx"
    if data.startswith(b"PK\x03\x04"):
        raise InputError(name, "是 zip/Office 文件但扩展名不对；请改名为 .docx 或 .ofd")
    text, _enc = decode_bytes(data, name)
    if suffix in HTML_SUFFIXES or (suffix in WORD_SUFFIXES and looks_like_html(text)):
        return html_text(text, name), "html"
    return text, "txt"


def read_text(source: str, path: str = "<text>", fmt: str = "txt") -> Document:
    """Normalise already-decoded text (used for files and for text given on stdin)."""
    from kg.model import Document
    from kg.read.gate import check_text_size
    from kg.read.normalize import normalize

    check_text_size(source, path)
    mapped, bold = normalize(source)
    if not mapped.text.strip():
        raise InputError(path, "规范化之后没有文字")
    return Document(path=path, source=source, text=mapped.text, offsets=mapped.offsets, bold=bold, fmt=fmt)


def read_file(path: str | Path) -> Document:
    p = Path(path)
    source, fmt = read_source(p)
    return read_text(source, str(p), fmt)


@dataclass(frozen=True)
class PassedOver:
    """Web pages a folder holds that are not read from it (not a problem: a note for the user)."""

    folder: str
    pages: tuple[str, ...]

    def __str__(self) -> str:
        shown = "、".join(self.pages[:3]) + ("等" if len(self.pages) > 3 else "")
        return (
            f"{self.folder}: {len(self.pages)} 个网页文件（{shown}）不是 Word 或 WPS 存成的，"
            "从目录中不读取；若是公报或文章，请在命令中逐个指名"
        )


def find_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError | PassedOver]:
    """Bulletin files under the given files/folders, each once, sorted within a folder; problems are
    yielded, not raised: a missing path, a folder without bulletins, a dangling symbolic link, a link
    that loops back to a folder above it (named, and not followed again). Web pages a folder holds
    that are not bulletins by their kind are yielded as one PassedOver per folder given."""
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_symlink() and not p.exists():
            yield InputError(str(p), f"符号链接指向的文件不存在（{os.readlink(p)}）")
        elif not p.exists():
            yield InputError(str(p), "没有这个文件或目录")
        elif p.is_dir():
            pages: list[str] = []
            found = list(_walk(p, seen, pages))
            if not any(isinstance(f, Path) and _document(f) for f in found):
                yield InputError(
                    str(p),
                    "目录中没有公报文件（.txt、.md、.docx、.doc、.wps、.pdf、.ofd、.rtf、.mht，或 Word 存成的网页 .htm）",
                )
            if pages:
                yield PassedOver(str(p), tuple(pages))
            yield from found
        elif _first_time(p, seen):
            yield p


def _first_time(p: Path, seen: set[tuple[int, int]]) -> bool:
    st = p.stat()
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _walk(folder: Path, seen: set[tuple[int, int]], pages: list[str]) -> Iterator[Path | InputError]:
    """Files under `folder`, following symbolic links to folders but never into one of its own
    ancestors (a loop) nor twice into the same folder; web pages passed over go to `pages`, named
    from `folder`."""
    st = folder.stat()
    ancestors = {(st.st_dev, st.st_ino)}

    def walk(d: Path, above: frozenset) -> Iterator[Path | InputError]:
        try:
            entries = sorted(d.iterdir())
        except OSError as exc:
            yield InputError(str(d), f"无法列出目录内容（{exc.strerror}）")
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            if e.is_symlink() and not e.exists():
                try:
                    target = os.readlink(e)
                except OSError:
                    target = "?"
                yield InputError(str(e), f"符号链接指向的文件不存在（{target}）")
                continue
            try:
                est = e.stat()
            except OSError as exc:  # e.g. a link loop the kernel refuses (ELOOP)
                yield InputError(str(e), f"符号链接成环（{exc.strerror}）")
                continue
            key = (est.st_dev, est.st_ino)
            if e.is_dir():
                if key in above:
                    yield InputError(str(e), f"符号链接成环（指回 {e.resolve()}），未跟随")
                    continue
                yield from walk(e, above | {key})
            elif key not in seen and (_document(e) or not e.suffix or e.suffix.lower() in _ODD):
                seen.add(key)
                yield e  # read_file reports why an odd one is not a bulletin
            elif e.suffix.lower() in HTML_SUFFIXES:
                pages.append(str(e.relative_to(folder)))

    yield from walk(folder, frozenset(ancestors))


_ODD = {".bin", ".dat"}
_MHT = re.compile(
    rb"^MIME-Version:.*?^Content-Type: *multipart/related", re.I | re.M | re.S
)  # a web archive's head
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file's signature
# a page Word or WPS saved ("Web page, filtered"): a document, unlike the web pages a folder may also hold
_OFFICE_PAGE = re.compile(
    rb"<meta[^>]+generator[^>]+(?:Microsoft Word|WPS)|urn:schemas-microsoft-com:office:word|ProgId[^>]+Word\.Document",
    re.I,
)


def _document(path: Path) -> bool:
    """A bulletin file by its kind: text, Word, PDF, or a web page that Word or WPS saved."""
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return True
    if suffix not in HTML_SUFFIXES:
        return False
    try:
        with path.open("rb") as f:
            return bool(_OFFICE_PAGE.search(f.read(4096)))
    except OSError:
        return False
