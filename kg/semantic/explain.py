"""Why two practices are semantically close: the two sentences, one from each, that agree most."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from kg.lazyre import lazy

_SENTENCE = lazy(r"[^。！？；;!?\n]+[。！？；;!?\n]*")
MIN_CHARS = 6  # shorter pieces (a heading's 一是、) say nothing on their own


def sentences(text: str) -> list[str]:
    """The sentences of a text (split at 。！？； and line breaks), pieces shorter than MIN_CHARS dropped.

    >>> sentences("建立谈心谈话制度。每年谈一次；发现问题及时处理")
    ['建立谈心谈话制度。', '每年谈一次；', '发现问题及时处理']
    """
    out = [s.strip() for s in _SENTENCE.findall(text) if len(s.strip()) >= MIN_CHARS]
    return out or ([text.strip()] if text.strip() else [])


def best_sentence_pair(
    a: str, b: str, embed: Callable[[Sequence[str]], np.ndarray]
) -> tuple[str, str, float]:
    """(sentence of a, sentence of b, their cosine) with the highest cosine under `embed` (unit rows)."""
    sa, sb = sentences(a), sentences(b)
    if not sa or not sb:
        return "", "", 0.0
    va, vb = embed(sa), embed(sb)
    sim = np.asarray(va) @ np.asarray(vb).T
    i, j = np.unravel_index(int(np.argmax(sim)), sim.shape)
    return sa[i], sb[j], float(sim[i, j])
