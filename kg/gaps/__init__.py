"""`kg gaps LOCALITY`: the practice types and brands that peer places reported and this one has not.

    gaps(gs, "宜秀区", scope="province" | "all") -> Gaps    build.py
    render(g, "md" | "html" | "json")                      render.py

queries/gaps.rq computes the same gaps and peers in SPARQL (tests/test_gaps.py compares them).
"""

from kg.gaps.build import CAVEAT, Gaps, compile_gaps, gaps
from kg.gaps.render import FORMATS, render

__all__ = ["CAVEAT", "FORMATS", "Gaps", "compile_gaps", "gaps", "render"]
