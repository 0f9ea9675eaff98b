"""The read model: every question the code asks the store, and the records the answers are.

After the graph stage the store is the contract between stages (README, sections *Pipeline* and
*Ontology*); this package is the one place that reads it back. Records (`records.py`): Practice with its
Locality, Article, Bulletin, Concept, Outcome, Document and Quote; Link; LinkRow (`rows.py`); Scheme
(`scheme.py`).

    read_catalog(gs) / read_around(gs, practices)     catalog.py   the store in memory (views, reports)
    read_practices(gs, iris)                          practices.py practice records, whole store or some
    practices_in(gs, graphs), practices_with(gs, cs)  practices.py practices of bulletins, of concepts
    read_localities(gs, iris), locality_names(gs)     places.py    places with their parent chains
    within(gs, locs), practices_at(gs, locs)          places.py    places inside, practices placed at
    read_links(gs, ends), linked_to(gs, ps)           links.py     stored similarity links
    read_scheme(gs)                                   scheme.py    the SKOS vocabularies
    read_rows(gs, graphs), rows_of_bulletin(b)        rows.py      what the link stage compares
    totals / per_locality / gaps / corpus_summary     counts.py    `kg stats`, report headers

Every question reads the whole store or is bound to a set of IRIs through one helper (`sparql.py`).
"""
