"""`kg export`: the graph for other tools (RDF serialisations via Oxigraph, GEXF/GraphML via networkx)."""

from __future__ import annotations

import json

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
    raise KGError(f"未知的导出格式 {fmt}")


def store_prefixes() -> dict[str, str]:
    from kg.store import PREFIXES

    return dict(PREFIXES)


def _jsonld(store: GraphStore) -> str:
    """JSON-LD through rdflib (Oxigraph's writer lacks compaction); context = our prefixes."""
    import rdflib

    g = rdflib.Graph()
    for t in triples(store):  # terms built directly: a parse would give blank nodes fresh random labels
        g.add((_rdflib_term(t.subject), rdflib.URIRef(t.predicate.value), _rdflib_term(t.object)))
    text = g.serialize(format="json-ld", context=store_prefixes(), auto_compact=True, ensure_ascii=False)
    # rdflib orders nodes and values by hashing (different each run): sort them, so that two exports
    # of one graph are byte-identical (JSON-LD arrays are unordered sets, except inside @list)
    return json.dumps(_sorted(json.loads(text)), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _sorted(value, in_list: bool = False):
    if isinstance(value, dict):
        return {k: _sorted(v, k == "@list") for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted(v) for v in value]
        return items if in_list else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


def _rdflib_term(term):
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
