"""Link stage: similarity between practices of different localities ("who does something similar").

Deterministic and offline. score = text' x (floor + (1 - floor) x concepts)^0.75, where text' is the TF-IDF
cosine (jieba's words plus the vocabularies' labels, raw counts, boilerplate tapered to 0 by document
frequency, article title and lead as context) and concepts a weighted mean of practice-type profile
similarity (profile.py), target-group overlap with broader/narrower credit (concepts.py), same brand and
same policy document. Output: `SimilarityLink` records (kg/model.py) written to the links graph.

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
