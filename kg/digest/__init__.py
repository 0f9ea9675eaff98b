"""`kg digest THEME`: a theme compilation (经验做法汇编) of every practice on a theme across the collection.

    digest(gs, "年轻干部") -> Digest          build.py   the practices, grouped province → city → place
    render(d, "md" | "html" | "json" | "docx") render.py  (html.py, word.py)

queries/digest.rq is the same practice set in SPARQL (tests/test_digest.py compares them).
"""

from kg.digest.build import Digest, compile_digest, digest
from kg.digest.render import FORMATS, render

__all__ = ["Digest", "FORMATS", "compile_digest", "digest", "render"]
