"""The one-page network view (`kg viz -o FILE`, with filters) and the network export, in three steps
(as spaCy's displacy):

1. the catalog (kg/catalog/) reads the store into records;
2. `graph.build(catalog, practices, title)` makes the view model (nodes, edges, facets);
3. `render.to_html(view)` renders it with pyvis and our UI, vis-network inlined.

`render_filtered(gs, file, ...)` writes that self-contained page; `network.export_network(store, fmt)`
gives the same graph as GEXF or GraphML for Gephi. The views folder beside the store is the view site
(kg/site/, written by kg/publish.py).
"""

from kg.views.filtered import render_filtered

__all__ = ["render_filtered"]
