"""Regenerate the ontology's HTML documentation: `python -m kg.ontology_docs [-o FILE]`.

Uses pyLODE 3.3.4 (`pip install -e '.[docs]'`) on ontology/cadrekg.ttl and writes ontology/docs/index.html,
a single self-contained page (CSS inline, no external script or stylesheet) that works offline.

Before handing the ontology to pyLODE:
- the statements copied from W3C / schema.org vocabularies (for offline validation) are left out, so the page
  documents only ckg: terms and links to the standard terms it builds on;
- owl:FunctionalProperty types are left out (pyLODE would list those properties twice; the cardinalities are
  in ontology/shapes.ttl);
- HTML anchors are the terms' local names (#Bulletin, #similarTo): pyLODE derives them from ASCII-only labels,
  which are empty for Chinese labels.
Without pyLODE a plain table-based page is written instead.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.graph.namespace import CKG, ONTOLOGY_IRI

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "cadrekg.ttl"
DOCS = ROOT / "ontology" / "docs" / "index.html"
NS = str(CKG._NS)


def docs_graph(path: Path = ONTOLOGY) -> Graph:
    """The ontology restricted to its own terms (and the blank nodes they use)."""
    full = Graph().parse(path, format="turtle")
    out = Graph()
    for prefix, ns in full.namespaces():
        out.bind(prefix, ns)
    for s, p, o in full:
        if isinstance(s, BNode) or str(s) == ONTOLOGY_IRI or str(s).startswith(NS):
            if p == RDF.type and o == OWL.FunctionalProperty:
                continue
            out.add((s, p, o))
    return out


def _pylode_html(graph: Graph) -> str:
    import pylode.utils as pu
    from pylode import OntPub

    original = pu.generate_fid

    def local_name_fid(title, iri, fids):  # anchors from IRIs, not from (Chinese) labels
        return original(None, iri, fids)

    pu.generate_fid = local_name_fid
    try:
        return OntPub(graph, sort_subjects=True).make_html(include_css=True)
    finally:
        pu.generate_fid = original


def _text(graph: Graph, s, p, lang: str) -> str:
    for o in graph.objects(s, p):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    return ""


def _name(graph: Graph, node) -> str:
    if isinstance(node, URIRef):
        s = str(node)
        if s.startswith(NS):
            return f'<a href="#{s[len(NS) :]}">ckg:{s[len(NS) :]}</a>'
        return f'<a href="{html.escape(s)}">{html.escape(s)}</a>'
    members = graph.value(node, OWL.unionOf)
    if members is not None:
        from rdflib.collection import Collection

        return " ∪ ".join(_name(graph, m) for m in Collection(graph, members))
    return html.escape(str(node))


def _fallback_html(graph: Graph) -> str:
    """A plain page: one table per kind of term."""
    onto = URIRef(ONTOLOGY_IRI)
    parts = [
        "<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'>",
        f"<title>{html.escape(_text(graph, onto, DCTERMS.title, 'zh'))}</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px;vertical-align:top}</style></head><body>",
        f"<h1>{html.escape(_text(graph, onto, DCTERMS.title, 'zh'))}<br>"
        f"{html.escape(_text(graph, onto, DCTERMS.title, 'en'))}</h1>",
        f"<p>{html.escape(_text(graph, onto, DCTERMS.description, 'zh'))}</p>",
        f"<p>{html.escape(_text(graph, onto, DCTERMS.description, 'en'))}</p>",
    ]
    kinds = [
        ("Classes 类", OWL.Class, RDFS.subClassOf),
        ("Object properties 对象属性", OWL.ObjectProperty, RDFS.subPropertyOf),
        ("Datatype properties 数据属性", OWL.DatatypeProperty, RDFS.subPropertyOf),
        ("Annotation properties 注释属性", OWL.AnnotationProperty, RDFS.subPropertyOf),
    ]
    for title, kind, sup in kinds:
        parts.append(
            f"<h2>{title}</h2><table><tr><th>term</th><th>label</th><th>comment</th>"
            "<th>super</th><th>domain</th><th>range</th></tr>"
        )
        for s in sorted(t for t in graph.subjects(RDF.type, kind) if str(t).startswith(NS)):
            local = str(s)[len(NS) :]
            cells = [
                f'<span id="{local}">ckg:{local}</span>',
                html.escape(_text(graph, s, RDFS.label, "zh"))
                + "<br>"
                + html.escape(_text(graph, s, RDFS.label, "en")),
                html.escape(_text(graph, s, RDFS.comment, "zh"))
                + "<br>"
                + html.escape(_text(graph, s, RDFS.comment, "en")),
                "<br>".join(_name(graph, o) for o in graph.objects(s, sup)),
                "<br>".join(_name(graph, o) for o in graph.objects(s, RDFS.domain)),
                "<br>".join(_name(graph, o) for o in graph.objects(s, RDFS.range)),
            ]
            parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


EXTERNAL_TAG = re.compile(
    r"<(script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//[^>]*>(?:\s*</script>)?", re.I
)


def strip_external(page: str) -> str:
    """Drop any <script src=…> / <link href=…> pointing off-machine (none with pyLODE 3.3.4 + inline CSS)."""
    return EXTERNAL_TAG.sub("", page)


_CELL = re.compile(r"(<td>)(.*?)(</td>)", re.S)
_OR = re.compile(r"\n\s*<span class=\"cardinality\">or</span>")


def _sort_unions(page: str) -> str:
    """pyLODE lists the members of an owl:unionOf in set order; sort them so the page is reproducible."""

    def fix(m: re.Match) -> str:
        body = m.group(2)
        if "<td" in body or not _OR.search(body):
            return m.group(0)
        tail = body[len(body.rstrip()) :]
        members = sorted(part.strip() for part in _OR.split(body.rstrip()))
        indent = re.match(r"\s*", body).group(0)
        sep = indent + '<span class="cardinality">or</span>' + indent
        return m.group(1) + indent + sep.join(members) + tail + m.group(3)

    return _CELL.sub(fix, page)


def build(path: Path = ONTOLOGY) -> str:
    graph = docs_graph(path)
    try:
        page = _sort_unions(_pylode_html(graph))
    except ImportError:
        page = _fallback_html(graph)
    return strip_external(page)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.ontology_docs", description=__doc__.splitlines()[0])
    parser.add_argument(
        "-o", "--output", type=Path, default=DOCS, help=f"HTML file to write (default {DOCS})"
    )
    parser.add_argument("--fallback", action="store_true", help="write the plain table page, not pyLODE's")
    args = parser.parse_args(argv)
    page = strip_external(_fallback_html(docs_graph())) if args.fallback else build()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(page, encoding="utf-8")
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
