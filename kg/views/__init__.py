"""Interactive network views of the graph, in three steps (as spaCy's displacy):

1. `model.load(store)` reads plain records from the store with SPARQL;
2. `graph.build(data, practices, title)` makes the view model (nodes, edges, facets);
3. `render.to_html(view)` renders it with pyvis and our inline UI; `pages` writes the files as UTF-8.

`network.export_network(store, fmt)` gives the same graph as GEXF or GraphML for Gephi.
"""

from kg.views.pages import render_all, render_filtered

__all__ = ["render_all", "render_filtered"]
