"""Tokenising practice texts for similarity.

Segmenter: rjieba (the jieba-rs binding: jieba's own dictionary and algorithm, ~15x faster, start-up 0.3 s)
when installed, else jieba. Either way the SKOS vocabularies' labels (pref/alt/hidden) are added as user
words, and target-group labels fold to the group's preferred label, so 村书记 / 支书 / 头雁 / 村党组织书记
become one term. The segmenter is built once per process (`get_analyzer`).

`Analyzer.terms(text)` returns {term: count}: the words of jieba's own segmentation, plus every vocabulary
label the text holds as one more term (so 村党组织书记 counts as 村, 党组织, 书记 and as the concept term
村党组织书记). Measured on the sample's gold pairs, segmenting *with* the labels as user words and keeping
only the long tokens lost ~0.1 nDCG: the long token hides the words another text shares. Function words,
numbers and punctuation are dropped; boilerplate content words (干部, 工作, 加强) are left to the corpus
document frequency to discount.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from pathlib import Path

from kg.graph import iris
from kg.lazyre import lazy

# Function words and discourse markers of the genre (not content: no sample strings here).
STOPWORDS = frozenset(
    """
    的 地 得 了 着 过 和 与 及 以及 并 并且 而 而且 或 或者 等 等等 在 对 对于 为 为了 以 将 把 从 由 于 向 往 其 之
    是 有 个 名 这 那 此 该 各 每 也 都 又 还 再 就 才 则 即 但 但是 如 如果 因 因为 所 所以 被 让 使 给 到 上 下 中
    内 外 里 后 前 时 其中 同时 一是 二是 三是 四是 五是 六是 一方面 另一方面 一些 一次 一个 一名 一项 通过 按照
    根据 关于 有关 以上 以下 以来 以后 之前 之后 目前 今年 去年 近年 近年来 近期 近些年来 截至 我们 我 他们 他 她
    它 自己 这些 那些 能 可 可以 要 会 应 应当 予以 给予 作为 已 已经 既 亦 所在 之一 当中 期间 以此 为此 如下 均
    七是 八是 九是 十是 方面 进行 先后 分别 各类 多个 其他 相关 此外 另外 因此 从而 进而 首先 其次 然后 随后
    不仅 而是 以便 例如 比如 有所 一系列 不断 切实 充分 认真 大力 着力 真正
    """.split()
)

_NUMBERISH = lazy(
    r"^[\d０-９.．%％+\-~～/×xX*]+$|^第?[\d一二三四五六七八九十百千万]+[期条项个名次年月日号人]?$"
)
_CJK = lazy(r"[\u4e00-\u9fff]")
_WORDISH = lazy(r"^[\w\u4e00-\u9fff]+$")
_BRACKET = lazy(r"（[\u4e00-\u9fff、]{1,6}）")


CONCEPT_WEIGHT = 0.5
MIN_LEN = 2  # single characters carry meaning here (听, 档, 星); function characters are stopwords


@functools.lru_cache(maxsize=1 << 18)  # ~450k calls at 720 articles over a few thousand distinct words
def is_content_word(tok: str) -> bool:
    if len(tok) < MIN_LEN or tok in STOPWORDS or _NUMBERISH.match(tok):
        return False
    if not _WORDISH.match(tok):
        return False
    return bool(_CJK.search(tok)) or (tok.isalpha() and len(tok) >= 2)


class Analyzer:
    """Two segmenters over jieba's dictionary: plain (the words a text is compared by) and one that also
    knows the vocabulary labels (to spot concept names as whole terms)."""

    def __init__(
        self,
        lexicon: dict[str, str] | None = None,
        words: Iterable[str] = (),
        backend: str = "auto",
        dictionary=None,
    ):
        self.lexicon = dict(lexicon or {})  # label -> canonical term (the concept's prefLabel)
        every = set(self.lexicon) | set(self.lexicon.values()) | set(words)
        self.bracketed = tuple(
            sorted(w for w in every if _BRACKET.search(w))
        )  # 村（社区）两委: found literally
        self.words = frozenset(w for w in every if _WORDISH.match(w))
        self.backend = backend
        # `dictionary` (kg.link.segdict): segmenters per text over just its dictionary words, the same
        # words as the whole dictionary gives and no 0.3 s of loading it twice (a reader's few texts)
        self._dict = dictionary if backend in ("auto", "rjieba") else None
        self._for: tuple[str, object, object] | None = None  # (text, plain, vocab) of the last text
        if self._dict is not None:
            self.backend = "rjieba"
            self._label_words = self._dict.words_of_labels(self.words)
            self._plain = self._dict.segmenter((), self._label_words)  # for the labels themselves
            # the frequency jieba suggests for each label depends only on the labels and the dictionary
            # words inside them: found once, replayed into each text's segmenter
            labels = self._dict.segmenter((), self._label_words)
            self._label_freqs = [(w, labels.add_word(w, None, None)) for w in sorted(self.words)]
        else:
            self._plain = self._make(backend, shared=True)
            self._vocab = self._make(self.backend)
            for word in sorted(self.words):
                self._add(self._vocab, word)
        # labels jieba already keeps whole (报酬, 考核) are counted once, by the plain segmentation
        self.compound = frozenset(w for w in self.words if len(self._cut(self._plain, w)) > 1)

    def _make(self, backend: str, shared: bool = False):
        """A segmenter over jieba's dictionary; `shared`: one no word is ever added to, so rjieba's own
        default instance (loaded by `import rjieba`, which the extractors use) serves: each load of the
        dictionary costs ~0.15 s of CPU, a third of `kg similar --text`."""
        if backend in ("auto", "rjieba"):
            try:
                import rjieba

                self.backend = "rjieba"
                default = getattr(rjieba, "_DEFAULT_JIEBA", None) if shared else None
                return default if default is not None else rjieba.Jieba()
            except ImportError:
                if backend == "rjieba":
                    raise
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        seg = jieba.Tokenizer()
        seg.initialize()
        self.backend = "jieba"
        return seg

    def _add(self, seg, word: str) -> None:
        if self.backend == "rjieba":
            seg.add_word(word, None, None)
        else:
            seg.add_word(word)

    def _cut(self, seg, text: str) -> list[str]:
        if self.backend == "rjieba":
            return seg.cut(text, hmm=True)
        return seg.lcut(text, HMM=True)

    def _segmenters(self, text: str):
        """(plain, with the labels) segmenters that cut `text` and any part of it."""
        if self._dict is None:
            return self._plain, self._vocab
        last = self._for
        if last is not None and text in last[0]:
            return last[1], last[2]
        found = self._dict.words_in([text])
        plain = self._dict.segmenter((), found)
        vocab = self._dict.segmenter((), {**found, **self._label_words})
        for word, freq in self._label_freqs:
            vocab.add_word(word, freq, None)
        self._for = (text, plain, vocab)
        return plain, vocab

    def prime(self, texts: Iterable[str]) -> None:
        """Prepare one pair of segmenters for all of `texts` (a reader's analyzer; else nothing): a text
        is cut exactly by segmenters over any dictionary words that include its own."""
        if self._dict is not None:
            self._segmenters("\n".join(texts))

    def cut(self, text: str) -> list[str]:
        """jieba's own segmentation (no user words)."""
        return self._cut(self._segmenters(text)[0], text)

    def concept_terms(self, text: str) -> list[str]:
        """Vocabulary labels found as whole words, target-group synonyms folded to the preferred label."""
        out = []
        for t in self._cut(self._segmenters(text)[1], text):
            if t in self.words and (t in self.compound or t in self.lexicon) and is_content_word(t):
                out.append(self.lexicon.get(t, t))
        return out

    def parts(self, text: str) -> tuple[list[str], list[str]]:
        """(content words in order by jieba's segmentation, vocabulary labels the text holds).

        The genre's alternation notation X（Y） with a short X (村（社区）, 乡镇（街道）, 党（工）委, 县（市、区）)
        is one word: 村（社区）党组织 is about villages as much as communities, and must not meet a text about
        the 社区 a cadre lives in."""
        words: list[str] = []
        concepts: list[str] = []
        pos = 0
        self._segmenters(text)  # once for the whole text: its parts are cut by the same segmenters
        for m in _BRACKET.finditer(text):
            before = self.cut(text[pos : m.start()])
            inner = m.group(0)[1:-1]
            alt = None
            if (
                before
                and len(before[-1]) <= 2
                and _CJK.fullmatch(before[-1][-1])
                and ("、" in inner or len(inner) <= 2)
            ):
                alt = before.pop() + m.group(0)
            words += [t for t in before if is_content_word(t)]
            concepts += self.concept_terms(text[pos : m.start()])
            if alt:
                words.append(alt)
            pos = m.end()
        words += [t for t in self.cut(text[pos:]) if is_content_word(t)]
        concepts += self.concept_terms(text[pos:])
        for label in self.bracketed:
            if label in text:
                concepts += [self.lexicon.get(label, label)] * text.count(label)
        return words, concepts

    def tokens(self, text: str) -> list[str]:
        words, concepts = self.parts(text)
        return words + concepts

    def terms(self, text: str, weight: float = 1.0) -> dict[str, float]:
        """Term -> weight: each word occurrence counts `weight`, each vocabulary label CONCEPT_WEIGHT of it
        (its words were counted already: 谈心谈话 is also 谈心 and 谈话)."""
        words, concepts = self.parts(text)
        bag: dict[str, float] = {}
        for tok in words:
            bag[tok] = bag.get(tok, 0.0) + weight
        for tok in concepts:
            bag[tok] = bag.get(tok, 0.0) + weight * CONCEPT_WEIGHT
        return bag


# -- the vocabulary lexicon ---------------------------------------------------------------------------

SKOS = "http://www.w3.org/2004/02/skos/core#"
_LABELS = {SKOS + "prefLabel": 0, SKOS + "altLabel": 1, SKOS + "hiddenLabel": 2, iris.CUE_LABEL: 2}


def cached_lexicon(files: list[Path]) -> tuple[dict[str, str], set[str]]:
    """lexicon_from_files, kept in the user cache per version of the files (a reader's start-up: parsing
    the vocabularies' Turtle costs ~8 ms a question); the files are parsed when the cache cannot serve."""
    import hashlib
    import json

    from kg.paths import cache_home

    try:
        stamp = [(f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in sorted(files)]
    except OSError:
        return lexicon_from_files(files)
    key = hashlib.sha1(json.dumps(stamp).encode()).hexdigest()[:16]
    path = cache_home() / "lexicon" / f"lexicon-{key}.json"
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        return dict(d["fold"]), set(d["words"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    fold, words = lexicon_from_files(files)
    try:
        import os
        import tempfile

        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".lexicon-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"fold": fold, "words": sorted(words)}, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache: parsed again next time
    return fold, words


def lexicon_from_files(files: Iterable[Path]) -> tuple[dict[str, str], set[str]]:
    """(folding map, user words) from SKOS Turtle files.

    Every Chinese label of every concept becomes a user word. Only target groups fold: their alt and
    hidden labels are other names of the same people (村书记, 支书, 头雁 -> 村党组织书记). Practice-type
    labels are not folded: their hidden labels are cue words (报酬, 民调, 官声), and folding them would erase
    exactly the words that tell two practices apart. A label shared by concepts with different preferred
    labels does not fold."""
    import pyoxigraph as ox

    pref: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
    for f in sorted(files):
        if not f.exists():
            continue
        with open(f, "rb") as fh:
            for t in ox.parse(fh, format=ox.RdfFormat.TURTLE):
                kind = _LABELS.get(t.predicate.value)
                if kind is None or not isinstance(t.object, ox.Literal):
                    continue
                lang = t.object.language
                if lang and not lang.startswith("zh"):
                    continue
                s, label = t.subject.value, t.object.value.strip()
                if kind == 0:
                    pref[s] = label
                labels.setdefault(s, []).append(label)
    words: set[str] = set()
    target: dict[str, set[str]] = {}
    for s, ls in labels.items():
        for label in ls:
            if not _WORDISH.match(label):
                continue  # brackets and quotes: the segmenter never sees these as one token
            words.add(label)
            if s in pref and s.startswith(_FOLDING_SCHEME):
                target.setdefault(label, set()).add(pref[s])
    fold = {
        lab: next(iter(ps)) for lab, ps in sorted(target.items()) if len(ps) == 1 and next(iter(ps)) != lab
    }
    return fold, words


_FOLDING_SCHEME = iris.TARGET_GROUP


def vocab_files() -> list[Path]:
    from kg import paths

    return sorted(paths.VOCAB_DIR.glob("*.ttl")) if paths.VOCAB_DIR.exists() else []


_LOCK = threading.Lock()
_ANALYZER: Analyzer | None = None


def get_analyzer() -> Analyzer:
    """The process-wide analyzer (built on first use: segmenter start-up is paid once per process)."""
    global _ANALYZER
    with _LOCK:
        if _ANALYZER is None:
            fold, words = lexicon_from_files(vocab_files())
            _ANALYZER = Analyzer(fold, words)
        return _ANALYZER


_READER: Analyzer | None = None
_READ = [0]  # characters given to the reader's analyzer in this process
# beyond this much text, loading the whole dictionary once is cheaper: measured (CPU, 2026-12-04) the
# whole ~0.36 s + 3 µs a character, per-text dictionaries ~0.08 s + 7-10 µs a character (even at 50k)
READER_CHARS = 50000


def reader_analyzer(chars: int = 0) -> Analyzer:
    """The analyzer for a reader's few texts (`kg similar --text`, an explanation): the same words as
    get_analyzer's, cut by segmenters over each text's own dictionary words (kg.link.segdict), so the
    process never loads jieba's dictionary (0.15 s of CPU a load, two loads). `chars`: how much text the
    caller is about to cut; once a process has cut more than READER_CHARS (a locality's report explains
    dozens of matches), or without the on-disk dictionary, it is get_analyzer's."""
    global _READER
    _READ[0] += chars
    if _ANALYZER is not None or _READ[0] > READER_CHARS:
        return get_analyzer()  # built already, or worth building: cutting with it costs nothing more
    from kg.link.segdict import open_dictionary

    with _LOCK:
        if _READER is None:
            dictionary = open_dictionary()
            if dictionary is None:
                _READER = None
            else:
                fold, words = cached_lexicon(vocab_files())
                _READER = Analyzer(fold, words, dictionary=dictionary)
    return _READER if _READER is not None else get_analyzer()


def analyzer_built() -> bool:
    """Whether this process has built its analyzer already (kg/link/bags.py then needs no helper)."""
    return _ANALYZER is not None


def backend() -> str:
    """The segmenter get_analyzer uses, known without building it (a build loads jieba's dictionary
    twice: most of a small `kg add`'s start-up)."""
    from importlib.util import find_spec

    if _ANALYZER is not None:
        return _ANALYZER.backend
    return "rjieba" if find_spec("rjieba") is not None else "jieba"  # importing it takes 0.3 s


def analyzer_fingerprint() -> str:
    """Changes when the vocabularies or the segmenter change (invalidates cached term bags)."""
    import hashlib

    h = hashlib.sha1(b"text-v1")
    h.update(backend().encode())
    h.update(f"{MIN_LEN} {CONCEPT_WEIGHT} {' '.join(sorted(STOPWORDS))}".encode())
    for f in vocab_files():
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]
