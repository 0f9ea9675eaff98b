"""An append-only table of vectors by string key, kept in a folder beside the store.

Used twice: practice embeddings keyed by a hash of the practice's content (so `kg add` embeds only new
practices) and the static model's word table keyed by the word. Layout:

    meta.json     {"model": id, "dim": d, "dtype": "float16", "count": n}
    vectors.bin   n rows of d values, row-major, no header (np.memmap maps it: nothing is unpickled)
    keys.txt      n keys, one a line, in row order

Rows are appended, never rewritten; `meta.json` is written last and its `count` is the truth, so a write
cut short leaves at most a tail that the next append overwrites. A folder made by another model (or
dimension) is started afresh: its vectors mean nothing in this model's space.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

META, VECTORS, KEYS = "meta.json", "vectors.bin", "keys.txt"


class VectorCache:
    """Vectors by key; `get` maps the file, `add` appends rows for keys not yet held."""

    def __init__(self, folder: str | os.PathLike, model: str, dim: int, dtype: str = "float16"):
        self.folder = Path(folder)
        self.model, self.dim, self.dtype = model, int(dim), np.dtype(dtype)
        self._keys: list[str] = []
        self._row: dict[str, int] = {}
        self._mm: np.ndarray | None = None
        meta = self._read_meta()
        if meta is None:
            return
        if (meta.get("model"), meta.get("dim"), meta.get("dtype")) != (model, self.dim, self.dtype.name):
            self.clear()
            return
        n = int(meta.get("count", 0))
        try:
            text = (self.folder / KEYS).read_text(encoding="utf-8")
            have = (self.folder / VECTORS).stat().st_size // (self.dim * self.dtype.itemsize)
        except OSError:
            text, have = "", 0
        keys = text.split("\n") if text else []
        count = min(n, len(keys), have)  # a torn write: keep what is complete on both sides
        self._keys = keys[:count]
        self._row = {k: i for i, k in enumerate(self._keys)}
        if count != n or len(keys) != count:
            self._rewrite_keys()

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: str) -> bool:
        return key in self._row

    @property
    def keys(self) -> list[str]:
        return list(self._keys)

    # -- reading ----------------------------------------------------------------------------------
    @property
    def vectors(self) -> np.ndarray:
        """Every row, mapped read-only from disk (shape (len, dim))."""
        n = len(self._keys)
        if n == 0:
            return np.zeros((0, self.dim), self.dtype)
        if self._mm is None or self._mm.shape[0] != n:
            self._mm = np.memmap(self.folder / VECTORS, dtype=self.dtype, mode="r", shape=(n, self.dim))
        return self._mm

    def rows(self, keys: Iterable[str]) -> np.ndarray:
        """Row number of each key, -1 where it is not held."""
        get = self._row.get
        return np.fromiter((get(k, -1) for k in keys), dtype=np.int64)

    def get(self, keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(float32 vectors, found mask); rows of keys not held are zero."""
        rows = self.rows(keys)
        found = rows >= 0
        out = np.zeros((len(keys), self.dim), np.float32)
        if found.any():
            out[found] = self.vectors[rows[found]]
        return out, found

    def missing(self, keys: Iterable[str]) -> list[str]:
        """The keys not held, each once, in first-seen order."""
        seen: set[str] = set()
        out = []
        for k in keys:
            if k not in self._row and k not in seen:
                seen.add(k)
                out.append(k)
        return out

    # -- writing ----------------------------------------------------------------------------------
    def add(self, keys: Sequence[str], vectors: np.ndarray) -> int:
        """Append the rows of keys not held yet (the first of repeated keys); returns how many."""
        vectors = np.asarray(vectors)
        if len(keys) != len(vectors) or (len(keys) and vectors.shape[1] != self.dim):
            raise ValueError(f"{len(keys)} keys for vectors of shape {vectors.shape} (dim {self.dim})")
        take, seen = [], set()
        for i, k in enumerate(keys):
            if "\n" in k or not k:
                raise ValueError(f"a cache key must be one non-empty line: {k!r}")
            if k not in self._row and k not in seen:
                seen.add(k)
                take.append(i)
        if not take:
            return 0
        self.folder.mkdir(parents=True, exist_ok=True)
        n = len(self._keys)
        block = np.ascontiguousarray(vectors[take], dtype=self.dtype)
        with open(self.folder / VECTORS, "r+b" if n else "wb") as fh:
            fh.seek(n * self.dim * self.dtype.itemsize)
            fh.write(block.tobytes())
            fh.truncate()
        new = [keys[i] for i in take]
        with open(self.folder / KEYS, "w" if n == 0 else "a", encoding="utf-8") as fh:
            fh.write(("\n" if n else "") + "\n".join(new))
        for k in new:
            self._row[k] = len(self._keys)
            self._keys.append(k)
        self._write_meta()
        return len(new)

    def compact(self, keep: Iterable[str]) -> int:
        """Rewrite the folder with only the kept keys (after practices left the store); returns rows dropped."""
        keep_set = set(keep)
        kept = [k for k in self._keys if k in keep_set]
        dropped = len(self._keys) - len(kept)
        if dropped == 0:
            return 0
        vecs = np.array(self.vectors[self.rows(kept)]) if kept else np.zeros((0, self.dim), self.dtype)
        self.clear()
        self.add(kept, vecs)
        return dropped

    def clear(self) -> None:
        self._mm = None
        self._keys, self._row = [], {}
        for name in (META, VECTORS, KEYS):
            (self.folder / name).unlink(missing_ok=True)

    def _rewrite_keys(self) -> None:
        (self.folder / KEYS).write_text("\n".join(self._keys), encoding="utf-8")
        self._write_meta()

    def _read_meta(self) -> dict | None:
        try:
            return json.loads((self.folder / META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _write_meta(self) -> None:
        meta = {"model": self.model, "dim": self.dim, "dtype": self.dtype.name, "count": len(self._keys)}
        tmp = self.folder / (META + ".tmp")
        tmp.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, self.folder / META)


def cached(cache: VectorCache, keys: Sequence[str], compute: Callable[[list[int]], np.ndarray]) -> np.ndarray:
    """float32 vectors for `keys` (e.g. content_key of each practice), computing only those the cache does
    not hold: `compute(positions)` gets the positions in `keys` of the missing ones and returns their
    vectors, which are appended to the cache. This is how `kg add` embeds only its new practices."""
    vecs, found = cache.get(keys)
    todo = [i for i, f in enumerate(found.tolist()) if not f]
    if todo:
        new = np.asarray(compute(todo), dtype=np.float32)
        vecs[todo] = new
        cache.add([keys[i] for i in todo], new)
    return vecs
