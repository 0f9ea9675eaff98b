"""SPARQL: queries, the read-only server, pushing to external stores."""
