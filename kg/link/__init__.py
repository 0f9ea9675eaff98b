"""Link stage: similarity between practices of different localities ("who does something similar").

    relink(store, changed=None, *, timings=None) -> int
                                                write ckg:similarTo links and their explanation nodes; with
                                                `changed` (bulletin graphs just written) incrementally, from
                                                the link state kept under <store>/link/ (see relink)
    search_text(store, text, top) -> [(practice IRI, score, Reasons)]
    link_practices(store) -> [SimilarityLink]   the stage's plain output, without writing

Deterministic and offline. score = text' x (floor + (1 - floor) x concepts)^0.75, where text' is the TF-IDF
cosine (jieba's words plus the vocabularies' labels, raw counts, boilerplate tapered to 0 by document
frequency, article title and lead as context) and concepts a weighted mean of practice-type profile
similarity (kg.link.profile), target-group overlap with broader/narrower credit (kg.link.concepts), same
brand and same policy document. Modules: text (segmenter), rows (store -> rows, term-bag cache), model,
profile, concepts, engine (candidates, scores, top-k, incremental top-k, reasons), stage (relink: links graph,
link state), search (free text).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Loaded on first use (PEP 562): `kg add` imports kg.link.rows to fork its segmenter helper first, and
# the helper should not wait for scipy.sparse and the engine (~0.4 s) that only the parent needs.
_LAZY = {
    "Reasons": "kg.link.engine",
    "Params": "kg.link.model",
    "fit": "kg.link.stage",
    "load_model": "kg.link.stage",
    "relink": "kg.link.stage",
    "search_model": "kg.link.search",
    "search_text": "kg.link.search",
}

if TYPE_CHECKING:
    from kg.link.engine import Reasons
    from kg.link.model import Params
    from kg.link.search import search_model, search_text
    from kg.link.stage import fit, load_model, relink

__all__ = [
    "relink",
    "search_text",
    "link_practices",
    "Params",
    "Reasons",
    "fit",
    "load_model",
    "search_model",
]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg.link' has no attribute {name!r}")


def link_practices(store, params: Params | None = None):
    """Every link the model would write, as (practice, practice, score, reason labels)."""
    from kg.link.stage import compute_links, fit, similarity_links

    m = fit(store, params, write_cache=False)
    return similarity_links(m, compute_links(m))
