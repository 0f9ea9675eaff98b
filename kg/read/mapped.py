"""Text that remembers where each character came from.

Every normalisation step is a regex rewrite that produces a new MappedText whose offsets are
composed with the old ones, so a span of the final text maps back to an exact source span.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, eq=False)
class MappedText:
    text: str
    offsets: array  # len(text) + 1 entries: source index of each char, then the end position

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, array("q", range(len(text) + 1)))

    def rewrite(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> MappedText:
        """Replace each match; replacement chars map to the start of the match they replace.

        >>> m = MappedText.identity("全 市平均")
        >>> r = m.rewrite(re.compile(r"(?<=市) |(?<=全) "), "")
        >>> r.text, list(r.offsets)
        ('全市平均', [0, 2, 3, 4, 5])
        """
        pieces: list[str] = []
        offs = array("q")
        pos = 0
        old = self.offsets
        literal = None if callable(repl) or "\\" in repl else repl  # skip template expansion
        for m in pattern.finditer(self.text):
            s, e = m.span()
            new = literal if literal is not None else (repl(m) if callable(repl) else m.expand(repl))
            if e == s and not new:
                continue
            pieces.append(self.text[pos:s])
            offs.extend(old[pos:s])
            pieces.append(new)
            if new == self.text[s:e]:
                offs.extend(old[s:e])
            elif len(new) == e - s:
                offs.extend(old[s:e])  # same-length substitution: keep one-to-one mapping
            else:
                offs.extend([old[s]] * len(new))
            pos = e
        if not pieces:
            return self
        pieces.append(self.text[pos:])
        offs.extend(old[pos:])
        return MappedText("".join(pieces), offs)

    def wrap(self, pattern: re.Pattern[str], open_: str, close: str) -> MappedText:
        """Replace each match by open_ + group(1) + close, keeping group(1)'s own offsets.

        >>> m = MappedText.identity("a**bc**d").wrap(re.compile(r"\\*\\*(.+?)\\*\\*"), "<", ">")
        >>> m.text, list(m.offsets)
        ('a<bc>d', [0, 1, 3, 4, 5, 7, 8])
        """
        pieces: list[str] = []
        offs = array("q")
        pos = 0
        old = self.offsets
        for m in pattern.finditer(self.text):
            s, e = m.span()
            gs, ge = m.span(1)
            pieces += [self.text[pos:s], open_, self.text[gs:ge], close]
            offs.extend(old[pos:s])
            offs.extend([old[s]] * len(open_))
            offs.extend(old[gs:ge])
            offs.extend([old[ge]] * len(close))
            pos = e
        if not pieces:
            return self
        pieces.append(self.text[pos:])
        offs.extend(old[pos:])
        return MappedText("".join(pieces), offs)

    def translate(self, table: dict[int, str]) -> MappedText:
        """One-to-one character replacement (same length): offsets are unchanged."""
        return MappedText(self.text.translate(table), self.offsets)
