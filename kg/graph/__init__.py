"""Graph stage: Bulletin -> RDF (IRIs, namespace, quads)."""

# What a bulletin's graph holds, by the build that wrote it (kept per bulletin in the store's manifest):
# 2 = with the derived ckg:place and ckg:reportedOn that bundled questions read. A bulletin written
# before (no number) stays as it was through `kg add`; the questions that read those facts then refuse
# with the remedy (kg build) rather than answer without its practices.
GRAPH_FORMAT = 2


def older_graphs(bulletins: dict[str, dict]) -> list[str]:
    """The keys of a manifest's bulletins whose graphs an older build wrote (no number: before 2)."""
    return [k for k, v in bulletins.items() if int(v.get("graph") or 1) < GRAPH_FORMAT]
