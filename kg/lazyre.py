"""Regular expressions compiled on first use.

A module-level `re.compile` runs when the module is imported, used or not; patterns over Chinese ranges
take 1-7 ms each to compile, and a question's start-up imports modules whose patterns serve only the
build. `lazy(pattern, flags)` stands in for `re.compile(pattern, flags)` wherever the pattern object's own
methods are called (`.search`, `.sub`, `.finditer`, ...); `.pattern` and `.flags` are there without
compiling.
"""

from __future__ import annotations

import re
from functools import cached_property


class LazyPattern:
    """re.compile(pattern, flags), done the first time a method of the pattern is used."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        setattr(self, name, value)  # later uses are a plain attribute lookup
        return value

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self.flags})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
