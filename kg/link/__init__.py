"""Link stage: similarity between practices of different localities ("who does something similar").

Deterministic and offline, a pure function of the set of practices. With the semantic layer (default):
score p = sigmoid(b0 + b1 cosine + b2 concepts + b3 emb_z), a blend calibrated on the gold's tuning halves
(Params.blend; bands in words: Params.band), where cosine is the TF-IDF cosine (jieba's words plus the
vocabularies' labels, raw counts, article title and lead as context), concepts a weighted mean of
practice-type profile similarity (profile.py), target-group overlap with broader/narrower credit
(concepts.py), same brand and same policy document, and emb_z the embedding cosine (kg.semantic.practice:
unit(X @ word table)) standardised per practice. Without it (Params(semantic=False), or no store folder
given): text' x (floor + (1 - floor) x concepts)^0.75. Candidates: the lexical index and the nearest
practices by embedding. Output: `SimilarityLink` records (kg/model.py) written to the links graph.

The package imports nothing itself: `kg add` imports `kg.link.bags` to fork its segmenter helper before
scipy loads (the helper should not wait for it). Import what you need from its modules:

    stage.relink(store, changed=None, *, rows=None, timings=None) -> int   write the links graph
    state.load_model(store) / state.fit(store)                            the model of a store
    search.search_text(store, text, top) / search.search_model(m, …)      free-text search
    model.Params                                                          every knob

Modules: text (segmenter), bags (term bags, cache, helper process), model (TF-IDF and concept features),
concepts and profile (concept similarity), engine (candidates, scores, top-k, reasons), pairs (top lists
-> SimilarityLink), write (links graph), state (kept model), stage (relink), search (free text),
synthetic (hand-made bulletins for tests and benchmarks).
"""
