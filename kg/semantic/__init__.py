"""Semantic layer: embeddings that survive paraphrase (促膝交流 ~ 谈心谈话), offline, cached beside the store.

    load_teacher(name) -> Use3 | E5Small        a sentence encoder whose weights ship in its package
    StaticModel(folder, teacher)                a word table distilled from the teacher; .embed(texts),
                                                .matrix(terms) so that unit(X @ matrix(terms)) embeds rows
    store_model(store)                          the StaticModel kept in <store>/semantic/
    VectorCache(folder, model, dim)             vectors by key (content hash / word), memory-mapped
    cached(cache, keys, compute)                vectors for keys, computing only the missing ones
    best_sentence_pair(a, b, embed)             the two sentences that agree most (an explanation)

Everything loads on first use: importing kg.semantic costs nothing until a model is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_LAZY = {
    "load_teacher": "kg.semantic.teacher",
    "SemanticUnavailable": "kg.semantic.teacher",
    "StaticModel": "kg.semantic.static",
    "content_key": "kg.semantic.static",
    "store_model": "kg.semantic.static",
    "VectorCache": "kg.semantic.cache",
    "cached": "kg.semantic.cache",
    "best_sentence_pair": "kg.semantic.explain",
}

if TYPE_CHECKING:
    from kg.semantic.cache import VectorCache, cached
    from kg.semantic.explain import best_sentence_pair
    from kg.semantic.static import StaticModel, content_key, store_model
    from kg.semantic.teacher import SemanticUnavailable, load_teacher

__all__ = [
    "SemanticUnavailable",
    "StaticModel",
    "VectorCache",
    "best_sentence_pair",
    "cached",
    "content_key",
    "load_teacher",
    "store_model",
]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg.semantic' has no attribute {name!r}")
