"""`kg export`: the graph for other tools (RDF serialisations via Oxigraph, GEXF/GraphML via networkx)."""

from __future__ import annotations

import pyoxigraph as ox

from kg.errors import KGError
from kg.store import GraphStore

_RDF = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS}


def triples(store: GraphStore) -> list[ox.Triple]:
    """Distinct triples of the union of all graphs (what SPARQL sees)."""
    res = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    return sorted(set(res), key=str)


def export(store: GraphStore, fmt: str) -> str | bytes:
    if fmt == "nq":
        return store.db.dump(format=ox.RdfFormat.N_QUADS)
    if fmt in _RDF:
        prefixes = {k: v for k, v in store_prefixes().items()}
        return (
            ox.serialize(triples(store), format=_RDF[fmt], prefixes=prefixes)
            if fmt == "ttl"
            else ox.serialize(triples(store), format=_RDF[fmt])
        )
    if fmt == "jsonld":
        return _jsonld(store)
    if fmt in ("gexf", "graphml"):
        from kg.views.network import export_network

        return export_network(store, fmt)
    raise KGError(f"unknown export format {fmt}")


def store_prefixes() -> dict[str, str]:
    from kg.store import PREFIXES

    return dict(PREFIXES)


def _jsonld(store: GraphStore) -> str:
    """JSON-LD through rdflib (Oxigraph's writer lacks compaction); context = our prefixes."""
    import rdflib

    nt = ox.serialize(triples(store), format=ox.RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    g.parse(data=nt, format="nt")
    return g.serialize(format="json-ld", context=store_prefixes(), auto_compact=True, ensure_ascii=False)
