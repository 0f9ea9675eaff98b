"""Bytes to text: detect the encoding (UTF-8, UTF-8 with BOM, UTF-16, GB18030/GBK), never assume it."""

from __future__ import annotations

import codecs
import re

from kg.errors import InputError

# Characters a bulletin is made of; anything else in bulk means we decoded garbage.
_IMPLAUSIBLE = re.compile(r"[^\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\s]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _plausible(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        return False
    good = len(sample) - len(_IMPLAUSIBLE.findall(sample))  # count the few bad characters, not the many good
    return good / len(sample) >= 0.85


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name). Raises InputError naming the file and the problem."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise InputError(path, "空文件")
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data[:4096]:
            raise InputError(path, "二进制文件，不是文本公报")
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, enc
    # Last resort: let charset-normalizer guess among the encodings bulletins really come in.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000], cp_isolation=["utf_8", "gb18030", "big5", "utf_16"]).best()
    if best is not None:
        try:
            text = data.decode(best.encoding)
            if _plausible(text):
                return text, best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    if not any(_plausible(data[:4000].decode(e, "replace")) for e in ("utf-8", "gb18030")):
        raise InputError(path, "二进制或无法解码的文件（不是 UTF-8、GB18030 或 UTF-16 文本）")
    raise InputError(path, "无法解码：不是有效的 UTF-8、GB18030 或 UTF-16 文本")
