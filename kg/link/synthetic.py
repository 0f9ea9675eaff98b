"""Small hand-made bulletins for tests and benchmarks of the link stage (no parsing involved)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.model import Article, Bulletin, DocumentRef, Locality, Practice, Quote


@dataclass(frozen=True)
class Item:
    """One practice: its locality, text and (optional) extracted concepts."""

    locality: str
    text: str
    targets: tuple[str, ...] = ()  # target-group concept ids (local names)
    types: tuple[str, ...] = ()
    brand: str | None = None
    documents: tuple[str, ...] = ()  # policy titles
    title: str = ""
    label: str = ""
    extra: dict = field(default_factory=dict)


def _code(name: str) -> str:
    return "9" + str(int(hashlib.sha1(name.encode()).hexdigest(), 16) % 10**5).zfill(5)


def locality(name: str) -> Locality:
    return Locality(name=name, level="county", code=_code(name), parent=None)


def bulletin(
    key: str,
    items: Sequence[Item],
    date: dt.date = dt.date(2022, 1, 1),
    issue: int = 1,
    name: str = "测试组工信息",
) -> Bulletin:
    """A bulletin with one article per item (so each practice has its own article and locality)."""
    articles = []
    for n, it in enumerate(items, start=1):
        digest = hashlib.sha1(f"{n}\n{it.text}".encode()).hexdigest()[:16]
        title = it.title or f"{it.locality}：{it.text[:12]}"
        p = Practice(
            key=digest,
            index=1,
            label=it.label or it.text[:12],
            brand=it.brand,
            quote=Quote(0, len(it.text), it.text),
            text=it.text,
            types=tuple(it.types),
            targets=tuple(it.targets),
            documents=tuple(DocumentRef(d, "policy", 0, 0) for d in it.documents),
        )
        articles.append(
            Article(
                index=n,
                kind="item",
                section="市内信息",
                title=title,
                quote=Quote(0, len(it.text), it.text),
                locality=locality(it.locality),
                locality_text=it.locality,
                reporting_unit=None,
                practices=(p,),
            )
        )
    return Bulletin(
        key=key,
        name=name,
        issue=issue,
        date=date,
        editor=None,
        publisher=None,
        city=None,
        articles=tuple(articles),
        source_path=f"<{key}>",
        content_hash=hashlib.sha1(repr(items).encode()).hexdigest(),
    )


def write(store, bulletins: Sequence[Bulletin], *, vocab: bool = True) -> list[str]:
    """Write bulletins (and the project vocabularies) into an open GraphStore; returns their graph IRIs."""
    from kg import paths
    from kg.graph import iris
    from kg.graph.triples import bulletin_quads

    if vocab:
        for ttl in [paths.ONTOLOGY, *sorted(paths.VOCAB_DIR.glob("*.ttl"))]:
            if ttl.exists():
                store.load_turtle(ttl, iris.GRAPH_VOCAB)
    graphs = []
    shared = []
    for b in bulletins:
        own, sh = bulletin_quads(b)
        g = iris.bulletin_graph(b.key)
        store.replace_graph(g, own)
        shared += sh
        store.bulletins[b.key] = {
            "hash": b.content_hash,
            "articles": len(b.articles),
            "practices": sum(len(a.practices) for a in b.articles),
        }
        graphs.append(g)
    store.add_quads(shared)
    return graphs
