"""jieba's dictionary on disk, so that a few short texts are segmented without loading all of it.

Loading jieba's dictionary into a segmenter costs ~0.15 s of CPU (rjieba), and a process that also needs
the vocabulary labels as user words loads it twice: most of a `kg similar --text` start-up. jieba's words
for a text depend only on the dictionary words that occur in that text and on the dictionary's total
frequency (a word's cost is log(freq / total), an unknown character's log(1 / total)), so a segmenter
holding just those words, plus one placeholder word that carries the rest of the total, cuts the text
exactly as the whole dictionary does; user words added afterwards get the same suggested frequency
(tests/test_segdict.py compares both on every sample practice and on texts from other provinces).

The words and frequencies are jieba's own dict.txt, kept as an SQLite table in the user's cache folder
(`$KG_CACHE`, else `$XDG_CACHE_HOME/cadrekg`), built once (~1 s) and replaced atomically. Without a
writable cache, or without rjieba, callers fall back to the whole dictionary (`open_dictionary` is None).
"""

from __future__ import annotations

import functools
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

FORMAT = 3  # of the cache file: a new number when its tables change
PLACEHOLDER = "\ue000"  # a private-use character: in no text, it only carries the rest of the total
SHORT = 4  # words of up to this many characters are looked up in the table, longer ones in memory
_CHUNK = 900  # SQLite parameters per lookup (the old default limit is 999)


def _source() -> Path | None:
    """jieba's dict.txt (the dictionary rjieba embeds too), found without importing jieba (0.1 s)."""
    from importlib.util import find_spec

    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None


class SegmentDictionary:
    """Lookups of jieba's word frequencies, and segmenters restricted to the words of given texts."""

    def __init__(self, path: Path):
        self._path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(self._db.execute("SELECT key, value FROM meta"))
        self.total = int(meta["total"])
        self.longest = int(meta["longest"])
        # the characters of the dictionary's words: no word spans any other (punctuation, spaces), so
        # a text is looked up run by run and a third fewer substrings go to the table
        self._chars = frozenset(meta["chars"])
        # the few words longer than SHORT (~7k of 349k) are held here, found by their first SHORT
        # characters: the table is asked only for the SHORT substrings at each position of a text
        self._long = dict(self._db.execute("SELECT word, freq FROM long"))
        self._long_heads = {w[:SHORT] for w in self._long}

    def words_in(self, texts: Iterable[str]) -> dict[str, int]:
        """Every dictionary word that occurs in one of the texts, with its frequency."""
        subs: set[str] = set()
        found: dict[str, int] = {}
        long, heads = self._long, self._long_heads
        for run in self._runs(texts):
            n = len(run)
            for k in range(1, SHORT + 1):
                subs.update([run[i : i + k] for i in range(n - k + 1)])
            for i in range(n - SHORT):
                if run[i : i + SHORT] in heads:
                    for k in range(i + SHORT + 1, min(n, i + self.longest) + 1):
                        if run[i:k] in long:
                            found[run[i:k]] = long[run[i:k]]
        ordered = sorted(subs)
        for at in range(0, len(ordered), _CHUNK):
            part = ordered[at : at + _CHUNK]
            marks = ",".join("?" * len(part))
            found.update(self._db.execute(f"SELECT word, freq FROM words WHERE word IN ({marks})", part))
        return found

    def _runs(self, texts: Iterable[str]) -> Iterator[str]:
        """The stretches of each text made of dictionary characters."""
        chars = self._chars
        for text in texts:
            start = None
            for i, ch in enumerate(text):
                if ch in chars:
                    if start is None:
                        start = i
                elif start is not None:
                    yield text[start:i]
                    start = None
            if start is not None:
                yield text[start:]

    def words_of_labels(self, labels: Iterable[str]) -> dict[str, int]:
        """words_in(labels), kept beside the dictionary per set of labels (the vocabularies change
        rarely; looking up every part of ~1,200 labels costs 0.15 s)."""
        import hashlib
        import json

        labels = sorted(set(labels))
        key = hashlib.sha1("\n".join(labels).encode()).hexdigest()[:16]
        path = self._path.with_name(f"{self._path.stem}-labels-{key}.json")
        try:
            return {w: int(f) for w, f in json.loads(path.read_text(encoding="utf-8")).items()}
        except (OSError, ValueError, AttributeError):
            pass
        found = self.words_in(labels)
        try:
            fd, tmp = tempfile.mkstemp(prefix=".labels-", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(found, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only cache: looked up again next time
        return found

    def segmenter(self, texts: Iterable[str], words: dict[str, int] | None = None):
        """An rjieba segmenter that cuts each of `texts` as one over the whole dictionary would (`words`:
        the dictionary words of texts looked up already)."""
        seg = jieba_class().empty()
        found = self.words_in(texts) if words is None else words
        for w in sorted(found):
            seg.add_word(w, found[w], None)
        seg.add_word(PLACEHOLDER, self.total - sum(found.values()), None)
        return seg


def jieba_class():
    """rjieba's segmenter class, without running `import rjieba`: the package loads jieba's whole
    dictionary into a default segmenter when imported (0.15-0.3 s), which a reader does not need. The
    native module is registered under its own name, so a later `import rjieba` uses this one."""
    import sys

    pkg = sys.modules.get("rjieba")
    if pkg is not None:
        return pkg.Jieba
    native = sys.modules.get("rjieba.rjieba")
    if native is None:
        from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader
        from importlib.util import find_spec, module_from_spec, spec_from_file_location

        folder = Path(next(iter(find_spec("rjieba").submodule_search_locations)))
        path = next(
            (
                folder / f"rjieba{suffix}"
                for suffix in EXTENSION_SUFFIXES
                if (folder / f"rjieba{suffix}").is_file()
            ),
            None,
        )
        if path is None:  # an unusual build: the package's own way
            import rjieba

            return rjieba.Jieba
        loader = ExtensionFileLoader("rjieba.rjieba", str(path))
        native = module_from_spec(spec_from_file_location("rjieba.rjieba", str(path), loader=loader))
        loader.exec_module(native)
        sys.modules["rjieba.rjieba"] = native
    return native.Jieba


def _build(source: Path, target: Path) -> None:
    """dict.txt as an SQLite table (word, freq) with its total and longest word, renamed into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".segdict-", suffix=".sqlite", dir=target.parent)
    os.close(fd)
    try:
        rows = []
        with open(source, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2:
                    rows.append((parts[0], int(parts[1])))
        db = sqlite3.connect(tmp)
        db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER) WITHOUT ROWID")
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.executemany("INSERT OR REPLACE INTO words VALUES (?, ?)", rows)
        db.execute("CREATE TABLE long AS SELECT word, freq FROM words WHERE LENGTH(word) > ?", (SHORT,))
        total = db.execute("SELECT SUM(freq), MAX(LENGTH(word)) FROM words").fetchone()
        chars = "".join(sorted({ch for word, _ in rows for ch in word}))
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)", [("total", total[0]), ("longest", total[1]), ("chars", chars)]
        )
        db.commit()
        db.close()
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@functools.lru_cache(maxsize=1)
def open_dictionary() -> SegmentDictionary | None:
    """The on-disk dictionary (built on first use), or None: no rjieba, no dict.txt, or no writable cache."""
    from importlib.util import find_spec

    source = _source()
    if source is None or find_spec("rjieba") is None:
        return None
    st = source.stat()
    from kg.paths import cache_home

    target = cache_home() / "segdict" / f"jieba-{FORMAT}-{st.st_size}-{int(st.st_mtime)}.sqlite"
    try:
        if not target.is_file():
            _build(source, target)
        return SegmentDictionary(target)
    except (OSError, sqlite3.Error, ValueError, KeyError):
        return None
