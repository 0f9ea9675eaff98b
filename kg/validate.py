"""`kg validate`: SHACL validation of the store against ontology/shapes.ttl (pySHACL)."""

from __future__ import annotations

from kg import paths
from kg.store import GraphStore


def data_graph(store: GraphStore):
    import pyoxigraph as ox
    import rdflib

    nt = ox.serialize(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), format=ox.RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    g.parse(data=nt, format="nt")
    return g


def validate(store: GraphStore) -> tuple[bool, str]:
    """(conforms, report text). The ontology is given as ont_graph so rdfs:subClassOf works offline."""
    import pyshacl
    import rdflib

    shapes = rdflib.Graph().parse(paths.SHAPES, format="turtle")
    ont = rdflib.Graph().parse(paths.ONTOLOGY, format="turtle")
    conforms, _graph, text = pyshacl.validate(
        data_graph(store), shacl_graph=shapes, ont_graph=ont, inference="rdfs", allow_warnings=True
    )
    first = "SHACL 校验通过" if conforms else "SHACL 校验发现违规"
    return bool(conforms), f"{first}\n{text}"
