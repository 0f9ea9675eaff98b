"""Interactive network views of the graph, in three steps (as spaCy's displacy):

1. the catalog (kg/catalog/) reads the store into records, once per render;
2. `graph.build(catalog, practices, title)` makes the view model (nodes, edges, facets);
3. `render.to_html(view)` renders it with pyvis and our UI; `pages` writes the files as UTF-8.

`render_all(store, out_dir)` writes the whole site (pages load vis-network from out_dir/lib/);
`touched.update_pages` re-renders what added bulletins touch (kg/render.py orders it with the reports);
`render_filtered(gs, file, ...)` writes one self-contained page (`kg viz -o FILE`).

`network.export_network(store, fmt)` gives the same graph as GEXF or GraphML for Gephi.
"""

from kg.views.filtered import render_filtered
from kg.views.pages import render_all

__all__ = ["render_all", "render_filtered"]
