"""Interactive network views of the graph, in three steps (as spaCy's displacy):

1. `model.load(store)` reads plain records from the store with SPARQL;
2. `graph.build(data, practices, title)` makes the view model (nodes, edges, facets);
3. `render.to_html(view)` renders it with pyvis and our UI; `pages` writes the files as UTF-8.

`render_all(store, out_dir)` writes the whole site (pages load vis-network from out_dir/lib/);
`render_touched(store, out_dir, bulletin_keys)` re-renders what added bulletins touch (`touched`);
`render_filtered(gs, file, ...)` writes one self-contained page (`kg viz -o FILE`).

`network.export_network(store, fmt)` gives the same graph as GEXF or GraphML for Gephi.
"""

from kg.views.pages import render_all, render_filtered
from kg.views.touched import render_touched

__all__ = ["render_all", "render_filtered", "render_touched"]
