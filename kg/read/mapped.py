"""Text that remembers where each character came from.

Every normalisation step is a regex rewrite that produces a new MappedText whose offsets are
composed with the old ones, so a span of the final text maps back to an exact source span.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, eq=False)
class MappedText:
    text: str
    offsets: array  # len(text) + 1 entries: source index of each char, then the end position

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, _identity(len(text) + 1))

    def _splice(self, edits: Iterator[tuple[int, int, str, array]]) -> MappedText:
        """Apply (start, end, new text, its offsets) edits given in order; the rest is copied."""
        pieces: list[str] = []
        offs = array("q")
        pos = 0
        old = self.offsets
        for s, e, new, new_offs in edits:
            pieces += [self.text[pos:s], new]
            offs.extend(old[pos:s])
            offs.extend(new_offs)
            pos = e
        if not pieces:
            return self
        pieces.append(self.text[pos:])
        offs.extend(old[pos:])
        return MappedText("".join(pieces), offs)

    def rewrite(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> MappedText:
        """Replace each match; replacement chars map to the start of the match they replace.

        >>> m = MappedText.identity("全 市平均")
        >>> r = m.rewrite(re.compile(r"(?<=市) |(?<=全) "), "")
        >>> r.text, list(r.offsets)
        ('全市平均', [0, 2, 3, 4, 5])
        """
        if pattern.search(self.text) is None:  # most rewrites of a text find nothing: skip the splice
            return self
        old = self.offsets
        literal = None if callable(repl) or "\\" in repl else repl  # skip template expansion

        def edits() -> Iterator[tuple[int, int, str, array]]:
            for m in pattern.finditer(self.text):
                s, e = m.span()
                new = literal if literal is not None else (repl(m) if callable(repl) else m.expand(repl))
                if e == s and not new:
                    continue
                # same length: keep the one-to-one mapping; otherwise all map to the match start
                yield s, e, new, old[s:e] if len(new) == e - s else array("q", [old[s]] * len(new))

        return self._splice(edits())

    def wrap(self, pattern: re.Pattern[str], open_: str, close: str) -> MappedText:
        """Replace each match by open_ + group(1) + close, keeping group(1)'s own offsets.

        >>> m = MappedText.identity("a**bc**d").wrap(re.compile(r"\\*\\*(.+?)\\*\\*"), "<", ">")
        >>> m.text, list(m.offsets)
        ('a<bc>d', [0, 1, 3, 4, 5, 7, 8])
        """
        if pattern.search(self.text) is None:
            return self
        old = self.offsets
        return self._splice(
            (
                m.start(),
                m.end(),
                open_ + m.group(1) + close,
                array("q", [old[m.start()]] * len(open_))
                + old[m.start(1) : m.end(1)]
                + array("q", [old[m.end(1)]] * len(close)),
            )
            for m in pattern.finditer(self.text)
        )

    def translate(self, table: dict[int, str]) -> MappedText:
        """One-to-one character replacement (same length): offsets are unchanged."""
        return MappedText(self.text.translate(table), self.offsets)


_IDENTITY = array("q")
_IDENTITY_MAX = 1 << 21  # entries kept for reuse (16 MB); longer texts build their own


def _identity(n: int) -> array:
    """array("q", range(n)), sliced from a kept one: a slice is a copy at memory speed."""
    global _IDENTITY
    if n > _IDENTITY_MAX:
        return array("q", range(n))
    if n > len(_IDENTITY):
        _IDENTITY = array("q", range(max(n, 2 * len(_IDENTITY), 1 << 14)))
    return _IDENTITY[:n]
