"""Link stage: similarity between practices of different localities ("who does something similar").

    relink(store, changed=None) -> int          write ckg:similarTo links and their explanation nodes
    search_text(store, text, top) -> [(practice IRI, score, Reasons)]
    link_practices(store) -> [SimilarityLink]   the stage's plain output, without writing

Deterministic and offline: jieba's dictionary plus the vocabularies, TF-IDF with document-frequency
discounting, SKOS concept overlap with broader/narrower credit, same brand, same policy document.
"""

from __future__ import annotations

from kg.link.engine import Reasons
from kg.link.model import Params
from kg.link.relink import compute_links, fit, load_model, relink, similarity_links
from kg.link.search import search_model, search_text

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


def link_practices(store, params: Params | None = None):
    """Every link the model would write, as (practice, practice, score, reason labels)."""
    m = fit(store, params, write_cache=False)
    return similarity_links(m, compute_links(m))
