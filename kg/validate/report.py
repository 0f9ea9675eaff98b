"""The validation report: plain data for programs, Chinese text for people."""

from __future__ import annotations

from dataclasses import dataclass

from kg.graph import iris
from kg.validate.engine import Result

SEVERITY_ZH = {"Violation": "违规", "Warning": "警告", "Info": "提示"}
_PREFIXES = {
    "ckg": "https://w3id.org/cadrekg/ontology#",
    "ckgid": iris.BASE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_GRAPH_ZH = {
    iris.GRAPH_SHARED: "共享实体图",
    iris.GRAPH_VOCAB: "本体与词表图",
    iris.GRAPH_LINKS: "相似链接图",
}


@dataclass(frozen=True)
class Finding:
    """A result with where it was found: the named graph and, for a bulletin's graph, which bulletin."""

    result: Result
    graph: str
    where: str | None = None  # e.g. "安庆组工信息 2021年第12期（data/anqing-2021-12.txt）"


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    triples: int = 0
    reused: bool = False  # the verdict came from the memo: nothing changed since the last run
    seconds: float = 0.0

    @property
    def conforms(self) -> bool:
        """No sh:Violation (warnings and infos do not fail the graph, as before)."""
        return not self.violations

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.result.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.result.severity != "Violation"]

    def text(self) -> str:
        n_v, n_w = len(self.violations), len(self.warnings)
        if self.conforms:
            head = "SHACL 校验通过" + (f"（警告 {n_w} 项）" if n_w else "")
        else:
            head = f"SHACL 校验发现违规：违规 {n_v} 项" + (f"，警告 {n_w} 项" if n_w else "")
        lines = [head]
        reused = "；图谱自上次校验以来未变，沿用上次结果" if self.reused else ""
        lines.append(f"三元组 {self.triples} 个，用时 {self.seconds:.1f} 秒{reused}")
        groups: dict[tuple[str, str | None], list[Finding]] = {}
        for f in sorted(
            self.findings, key=lambda f: (f.graph, f.result.severity != "Violation", f.result.order())
        ):
            groups.setdefault((f.graph, f.where), []).append(f)
        for (graph, where), items in groups.items():
            lines.append("")
            lines.append(f"【{_place(graph, where)}】")
            for f in items:
                r = f.result
                path = f"  属性 {compact(r.path)}" if r.path else ""
                value = f"  值 {_short(r.value)}" if r.value else ""
                lines.append(
                    f"  {SEVERITY_ZH.get(r.severity, r.severity)}  节点 {compact(r.focus)}{path}{value}"
                )
                lines.append(f"      {r.message}")
        return "\n".join(lines) + "\n"


def _place(graph: str, where: str | None) -> str:
    if where:
        return f"简报 {where}"
    return _GRAPH_ZH.get(graph, f"图 {compact(f'<{graph}>') if graph else '默认图'}")


def compact(term: str | None) -> str:
    """`<https://w3id.org/cadrekg/ontology#quote>` -> `ckg:quote`, `"1.5"^^<…#decimal>` -> `"1.5"^^xsd:decimal`."""
    if term and term.startswith('"') and '"^^<' in term:
        lexical, _, datatype = term.rpartition("^^")
        return f"{lexical}^^{compact(datatype)}"
    if not term or not term.startswith("<"):
        return term or ""
    iri = term[1:-1]
    for prefix, ns in _PREFIXES.items():
        if iri.startswith(ns):
            return prefix + ":" + iri[len(ns) :]
    return term


def _short(term: str, n: int = 40) -> str:
    term = compact(term)
    return term if len(term) <= n else term[: n - 1] + "…"
