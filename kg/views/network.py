"""The view model as a networkx graph, written as GEXF or GraphML for Gephi and other tools.

Node ids are the IRIs (so a node can be looked up with SPARQL); every node has `label` and `type`,
every edge `kind` and `weight` (the similarity score for similar practices, 1 otherwise).
"""

from __future__ import annotations

import io

import networkx as nx

from kg.catalog.catalog import Catalog, read_catalog
from kg.errors import KGError
from kg.store import GraphStore
from kg.views import graph as vg
from kg.views.facts import citation, label_of, place, year_of

TYPES = {"locality": "locality", "practice": "practice", "target": "target_group", "ptype": "practice_type"}


def to_networkx(data: Catalog) -> nx.DiGraph:
    """Every practice with its localities, concepts and similarity links (never summarised)."""
    view = vg.build(data, data.practices, "CadreKG", max_nodes=10**12)
    g = nx.DiGraph(name="CadreKG")
    iri = {n.id: n.iri for n in view.nodes.values()}
    for n in view.nodes.values():
        attrs: dict[str, object] = {
            "type": TYPES[n.kind],
            "type_zh": vg.KIND_NAMES[n.kind],
            "practices": n.count,
        }
        if n.kind == "practice":
            p = data.practices[n.iri]
            attrs.update(label=label_of(p), locality=data.locality_name(place(p)), citation=citation(p))
            if year_of(p):
                attrs["year"] = year_of(p)
        elif n.kind == "locality":
            loc = data.localities.get(n.iri)
            attrs["label"] = data.locality_label(n.iri) if loc else n.label
            if loc and loc.code:
                attrs["code"] = loc.code
        else:
            attrs["label"] = n.label
        g.add_node(n.iri, **attrs)
    for e in view.edges:
        weight = e.weight if e.kind == "similar" and e.weight == e.weight else 1.0
        g.add_edge(
            iri[e.source], iri[e.target], kind=e.kind, label=vg.EDGE_NAMES[e.kind], weight=float(weight)
        )
    return g


def export_network(gs: GraphStore, fmt: str) -> str:
    """GEXF 1.2 or GraphML text of the practice network."""
    writers = {"gexf": nx.write_gexf, "graphml": nx.write_graphml}
    if fmt not in writers:
        raise KGError(f"未知的网络格式 {fmt}；可用 gexf 或 graphml")
    buf = (
        io.BytesIO()
    )  # the writers' file path emits UTF-8 with an XML declaration (generate_* gives &#NNNNN;)
    writers[fmt](to_networkx(read_catalog(gs)), buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")
