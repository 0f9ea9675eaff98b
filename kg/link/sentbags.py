"""Each practice's sentences with their term bags, kept beside the store: a report explains a match by the
two sentences that agree most (kg.link.search.agreeing_sentences_many) without segmenting again texts the
build segmented already (on the sample, half of a place report's own work).

An entry is keyed by the text (BLAKE2b) in a file named by the analyzer's fingerprint: a text has the same
sentences and bags whatever the store's other practices or the fit (the fit's weights are applied when
they are embedded), so an entry never goes stale. A writer adds the entries of its new texts; a reader
only reads, and cuts a text it does not find (a free-text question) as before.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

_CHUNK = 900  # SQLite parameters per lookup


def practice_sentences(text: str) -> list[str]:
    """The sentences a text is explained by: its analysis form split at sentence ends, headings (a short
    piece without a comma says nothing alone) left out unless they are all it has."""
    from kg.link.cleaned import clean_query
    from kg.semantic.explain import sentences

    ss = sentences(clean_query(text))
    return [s for s in ss if not _heading(s)] or ss


def _heading(s: str) -> bool:
    return len(s) < 16 and not any(c in s for c in "，,：:")


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()


def db_path(folder: str | Path) -> Path:
    from kg.link.text import analyzer_fingerprint

    return Path(folder) / "semantic" / f"sentences-{analyzer_fingerprint()}.sqlite"


def store_sentences(folder: str | Path, texts: Iterable[str]) -> int:
    """Add the entries of the texts not held yet, a few thousand at a time (a national collection's
    entries are never all in memory); returns how many were added."""
    from kg.link.text import get_analyzer

    path = db_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    added = 0
    try:
        db.execute("CREATE TABLE IF NOT EXISTS sentences (key BLOB PRIMARY KEY, data TEXT) WITHOUT ROWID")
        batch: dict[bytes, str] = {}
        for t in texts:
            if t:
                batch[_key(t)] = t
            if len(batch) >= _BATCH:
                added += _add(db, batch, get_analyzer)
                batch = {}
        added += _add(db, batch, get_analyzer)
        return added
    finally:
        db.close()


_BATCH = 5_000  # texts per transaction


def _add(db: sqlite3.Connection, todo: dict[bytes, str], analyzer) -> int:
    for held in _held(db, list(todo)):
        todo.pop(held, None)
    if not todo:
        return 0
    an = analyzer()
    rows = [
        (k, json.dumps([[s, an.terms(s)] for s in practice_sentences(t)], ensure_ascii=False))
        for k, t in todo.items()
    ]
    with db:
        db.executemany("INSERT OR REPLACE INTO sentences VALUES (?, ?)", rows)
    return len(rows)


def load_sentences(folder: str | Path, texts: Iterable[str]) -> dict[str, list[tuple[str, dict[str, float]]]]:
    """text -> [(sentence, its term bag)] for the texts held (the others are not in the result)."""
    path = db_path(folder)
    if not path.is_file():
        return {}
    by_key = {_key(t): t for t in texts if t}
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return {}
    out: dict[str, list[tuple[str, dict[str, float]]]] = {}
    try:
        keys = list(by_key)
        for at in range(0, len(keys), _CHUNK):
            part = keys[at : at + _CHUNK]
            marks = ",".join("?" * len(part))
            for k, data in db.execute(f"SELECT key, data FROM sentences WHERE key IN ({marks})", part):
                out[by_key[k]] = [(s, bag) for s, bag in json.loads(data)]
    except sqlite3.Error:
        return {}  # a broken or foreign file: everything is cut live
    finally:
        db.close()
    return out


def _held(db: sqlite3.Connection, keys: list[bytes]) -> set[bytes]:
    held: set[bytes] = set()
    for at in range(0, len(keys), _CHUNK):
        part = keys[at : at + _CHUNK]
        marks = ",".join("?" * len(part))
        held.update(k for (k,) in db.execute(f"SELECT key FROM sentences WHERE key IN ({marks})", part))
    return held
