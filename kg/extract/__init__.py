"""Extract stage: pure functions that find entities in article and practice text.

localities (gazetteer, place mentions), units (organisations), outcomes (reported figures; outcome_clause and
outcome_labels say what each counts, for a reader), documents (《》 titles and named regulations), concepts (SKOS
target groups and practice types), brands (numbered slogans), practice_labels (a name for each measure);
`stage` wires them into the Bulletin model. Import the submodules directly; this package imports nothing on its own.
"""
