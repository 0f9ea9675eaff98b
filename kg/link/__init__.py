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
profile, concepts, engine (candidates, scores, top-k, incremental top-k, reasons), relink (links graph,
link state), search (free text).
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
