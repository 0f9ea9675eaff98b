"""CadreKG: organisation-work bulletins (组工信息) -> a knowledge graph of cadre-management practices.

The few calls a script needs; everything imports lazily so `kg --help` stays fast.

    >>> import kg
    >>> report = kg.build(["data"], store="/tmp/kg-store")        # doctest: +SKIP
    >>> kg.query("practices-by-locality", store="/tmp/kg-store")    # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

__all__ = ["build", "add", "query", "similar", "render"]
__version__ = "0.4.0.dev0"  # the one version number: pyproject.toml and `kg --version` read it


def build(inputs=None, store=None, **kw: Any):
    """Ingest bulletins under `inputs` (default: the bundled sample) into a fresh store."""
    from kg.pipeline import build as _build

    return _build(inputs, store, **kw)


def add(files, store=None, **kw: Any):
    """Ingest new or edited bulletins into an existing store."""
    from kg.pipeline import add as _add

    return _add(files, store, **kw)


def query(sparql: str, store=None, bindings: dict[str, str] | None = None, fmt: str = "json") -> str:
    """Run SPARQL text, a .rq file or a bundled query; parameters are bound as values."""
    from kg.paths import default_store
    from kg.sparql.query import format_results, run
    from kg.store import GraphStore

    with GraphStore(store or default_store(), read_only=True) as gs:
        return format_results(run(gs, sparql, bindings), fmt)


def similar(target: str, store=None, *, is_text: bool = False, top: int = 5, fmt: str = "json"):
    """The "who does something similar" report for a locality or a free-text practice."""
    from kg.paths import default_store
    from kg.report import similar_report
    from kg.store import GraphStore

    with GraphStore(store or default_store(), read_only=True) as gs:
        return similar_report(gs, target, is_text=is_text, top=top, fmt=fmt)


def render(store=None, out_dir=None, *, site: bool = True) -> list[str]:
    """Write (or bring up to date) the view site (kg.site: places network, practice network, place
    pages, diffusion, coverage; shared data files, only changed files rewritten) into the views folder
    beside the store, as `kg build` does. `site` is kept for old callers: the site is the only view."""
    from kg import paths
    from kg.publish import render_all

    return [str(p) for p in render_all(store or paths.default_store(), paths.views_dir(store, out_dir))]
