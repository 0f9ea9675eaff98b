"""Graph stage: Bulletin -> RDF (IRIs, namespace, quads)."""
