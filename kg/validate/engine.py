"""SHACL engines over N-Triples text, both returning the same plain `Result`s.

- "shacl": the compiled validator of the `shacl` package (Rust, one wheel, no dependencies). The shapes
  are compiled once per process; a run over a bulletin's graph costs milliseconds.
- "pyshacl": pySHACL, the reference. Kept for the tests that hold the two to the same verdicts; too slow
  for a store (it re-parses each sh:sparql query once per focus node with rdflib's pure-Python parser).

Both run SHACL without RDFS entailment: sh:class and sh:targetClass follow rdfs:subClassOf in the data
(the ontology is part of the data, in the vocab graph), which is what SHACL itself defines. RDFS domain
and range inference would make every sh:class constraint on a property with a declared range vacuous
(a ckg:involvesUnit pointing at a locality would be inferred to be a unit and pass).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg import paths

SH = "http://www.w3.org/ns/shacl#"
ENGINES = ("shacl", "pyshacl")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Result:
    """One SHACL result. Terms are N-Triples text (`<iri>`, `"lexical"@zh`, `_:b0`)."""

    focus: str
    path: str | None  # the predicate as `<iri>` (our shapes use predicate paths only)
    severity: str  # Violation | Warning | Info
    component: str  # local name, e.g. MinCountConstraintComponent
    value: str | None
    message: str  # the Chinese sh:message when there is one
    shape: str | None  # the nearest named shape

    def key(self) -> tuple[str, str | None, str, str]:
        """What two engines must agree on: focus node, path, severity and kind of constraint."""
        return (self.focus, self.path, self.severity, self.component)

    def order(self) -> tuple[str, ...]:
        return (self.focus, self.path or "", self.component, self.value or "", self.severity)


def _pick_message(messages: list[str]) -> str:
    for m in messages:
        if _CJK.search(m):
            return m
    return messages[0] if messages else ""


def _local(iri: str) -> str:
    return iri.strip("<>").rsplit("#", 1)[-1]


@lru_cache(maxsize=1)
def compiled_shapes():
    import shacl

    return shacl.Shapes.from_text(paths.SHAPES.read_text(encoding="utf-8"), format="turtle")


def engine_version(engine: str) -> str:
    if engine == "shacl":
        import shacl

        return f"shacl {shacl.__version__}"
    import pyshacl

    return f"pyshacl {pyshacl.__version__}"


def run(nt: str | Path, engine: str = "shacl", only: Container[str] | None = None) -> list[Result]:
    """Validate N-Triples (text, or a file's path) against ontology/shapes.ttl: every result, warnings
    included, sorted; with `only`, just those whose focus node (N-Triples) is in it."""
    if engine == "shacl":
        return sorted(_run_shacl(nt, only), key=Result.order)
    if engine == "pyshacl":
        return sorted((r for r in _run_pyshacl(nt) if only is None or r.focus in only), key=Result.order)
    raise ValueError(f"unknown SHACL engine {engine!r} (one of {', '.join(ENGINES)})")


def _run_shacl(nt: str | Path, only: Container[str] | None) -> list[Result]:
    shapes = compiled_shapes()
    if isinstance(nt, Path):  # read by the engine itself: no copy of a big store in Python
        report = shapes.validate_file(str(nt), allow_warnings=True)
    else:
        report = shapes.validate_text(nt, format="nt", allow_warnings=True)
    results = report.results
    if only is not None:  # drop the context's results before building objects
        results = [r for r in results if r.focus_node in only]
    return [
        Result(
            focus=r.focus_node,
            path=r.path,
            severity=r.severity,
            component=r.component,
            value=r.value,
            message=_pick_message(list(r.messages)),
            shape=r.root_shape,
        )
        for r in results
    ]


@lru_cache(maxsize=1)
def _pyshacl_shapes():
    import rdflib

    return rdflib.Graph().parse(paths.SHAPES, format="turtle")


def _run_pyshacl(nt: str | Path) -> list[Result]:
    import pyshacl
    import rdflib
    from rdflib.namespace import RDF

    sh = rdflib.Namespace(SH)
    data = rdflib.Graph()
    if isinstance(nt, Path):
        data.parse(nt, format="nt")
    else:
        data.parse(data=nt, format="nt")
    _conforms, graph, _text = pyshacl.validate(
        data, shacl_graph=_pyshacl_shapes(), inference="none", allow_warnings=True
    )
    out = []
    for r in graph.subjects(RDF.type, sh.ValidationResult):
        path = graph.value(r, sh.resultPath)
        value = graph.value(r, sh.value)
        messages = [str(m) for m in graph.objects(r, sh.resultMessage)]
        zh = [str(m) for m in graph.objects(r, sh.resultMessage) if getattr(m, "language", None) == "zh"]
        shape = graph.value(r, sh.sourceShape)
        out.append(
            Result(
                focus=graph.value(r, sh.focusNode).n3(),
                path=path.n3() if isinstance(path, rdflib.URIRef) else None,
                severity=_local(str(graph.value(r, sh.resultSeverity))),
                component=_local(str(graph.value(r, sh.sourceConstraintComponent))),
                value=value.n3() if value is not None else None,
                message=zh[0] if zh else _pick_message(messages),
                shape=shape.n3() if isinstance(shape, rdflib.URIRef) else None,
            )
        )
    return out
