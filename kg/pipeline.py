"""The pipeline end to end: files -> Bulletins -> RDF store (+ similarity links, the view site).

Every change of a store is made by its one writer (kg.writer) in a new generation, which becomes
current in one atomic step when complete: `build` fills an empty generation, `add` and `remove` start
from a cheap copy of the current one. A failure or a kill at any point leaves the previous generation
current and whole; the next writer cleans what was left. The view site is written after the switch,
from the new generation, while the writer still holds the store, and stamped with that generation: a
run killed while writing it leaves the old stamp, and the next run (even one with nothing new) finishes it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg import faults, paths, sources
from kg.errors import InputError, StoreError, no_store
from kg.graph import GRAPH_FORMAT, iris, older_graphs
from kg.imports import one_blas_thread
from kg.ingest import (  # noqa: F401 - re-exported: scripts and the bench use them from here
    POOL_MIN_FILES,
    bounded_map,
    collect,
    ingest_all,
    ingest_file,
    ingest_text,
    warm,
)
from kg.model import Bulletin
from kg.progress import Progress, stage
from kg.store import MANIFEST, GraphStore, load_behind
from kg.writer import StoreWriter

LINK, RENDER = "链接相似做法", "生成视图与报告"  # progress stages (kg.progress)


@dataclass
class BuildReport:
    store: str
    bulletins: int = 0
    articles: int = 0
    practices: int = 0
    triples: int | None = 0  # None after `add`: an exact count scans the whole store (see `kg stats`)
    links: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)  # one line each: "path: problem"
    notes: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds per phase (bench/run.py)

    def lap(self, phase: str, since: float) -> float:
        """Add the seconds since `since` to a phase; returns now."""
        now = time.perf_counter()
        self.timings[phase] = self.timings.get(phase, 0.0) + now - since
        return now

    def summary(self) -> str:
        triples = f"三元组 {self.triples} 个，" if self.triples is not None else ""
        return (
            f"公报 {self.bulletins} 期，文章 {self.articles} 篇，做法 {self.practices} 条，"
            f"相似链接 {self.links} 条，{triples}用时 {self.seconds:.1f} 秒"
        )


def _unique(
    results: Iterable[Bulletin | InputError], report: BuildReport, known: dict[str, str] | None = None
) -> Iterator[Bulletin]:
    """Drop failures (recorded) and second copies of one bulletin under another file name. A generator:
    a build holds one bulletin at a time, not the collection."""
    seen: dict[str, str] = dict(known or {})
    for res in results:
        if isinstance(res, InputError):
            report.failures.append(str(res))
            continue
        if res.key in seen and seen[res.key] != res.source_path:
            report.notes.append(f"{res.source_path}: 与 {seen[res.key]} 是同一期公报，已合并")
            if known is None or res.key not in known:
                continue
        seen[res.key] = res.source_path
        yield res


def _manifest_entry(b: Bulletin) -> dict[str, object]:
    return {
        "name": b.name,
        "label": b.label,
        "issue": b.issue,
        "date": b.date.isoformat() if b.date else None,
        "hash": b.content_hash,
        "source": sources.absolute(b.source_path),
        "articles": len(b.articles),
        "practices": sum(len(a.practices) for a in b.articles),
        "unresolved": [f"{a.title}: {n}" for a in b.articles for n in a.unresolved],
        "graph": GRAPH_FORMAT,
    }


def _write_bulletins(
    store: GraphStore,
    bulletins: Iterable[Bulletin],
    *,
    replace: bool = True,
    each: Callable[[Bulletin], None] | None = None,
) -> int:
    """Write each bulletin's named graph (replacing an old one when `replace`); return how many. The
    quads go to Oxigraph as N-Quads text in large bulk loads (each bulk call costs tens of milliseconds
    whatever its size, and batches bound the memory); Oxigraph releases the GIL while it loads, so one
    batch loads in a thread while the next is rendered. Bulletins are consumed one at a time (`each` sees
    every one), so a build never holds the collection."""
    from kg.graph.triples import nquads_batches

    if replace:  # every old graph goes before any new quad arrives
        bulletins = list(bulletins)
        for b in bulletins:
            store.drop_graph(iris.bulletin_graph(b.key))
    count = 0

    def registered() -> Iterator[Bulletin]:
        nonlocal count
        for b in bulletins:
            store.bulletins[b.key] = _manifest_entry(b)
            if each is not None:
                each(b)
            count += 1
            yield b

    load_behind(store.add_nquads, nquads_batches(registered()))
    return count


def _load_vocab(store: GraphStore) -> None:
    """The ontology and vocabularies into the vocab graph. Their blank nodes (OWL class unions, lists)
    get labels from the file and their order in it instead of the parser's random ones, so two builds
    hold the same terms and exports are byte-identical across rebuilds."""
    import pyoxigraph as ox

    g = ox.NamedNode(iris.GRAPH_VOCAB)
    if store.db.contains_named_graph(g):
        store.db.remove_graph(g)
    for ttl in [paths.ONTOLOGY, *sorted(paths.VOCAB_DIR.glob("*.ttl"))]:
        if ttl.exists():
            store.add_quads(_chinese_where_there_is(list(_stable_blank_nodes(ttl, g))))


def _chinese_where_there_is(quads: list) -> list:
    """The quads without an English literal where the same subject and property have a Chinese one:
    a query that reads or groups by labels (`?t skos:prefLabel ?l`) gets the @zh label alone, not
    "Assessment and evaluation" beside "考核评价". The English stays in ontology/ (documentation);
    a term with only an English label keeps it."""
    import pyoxigraph as ox

    def lang(q) -> str | None:
        return q.object.language if isinstance(q.object, ox.Literal) else None

    chinese = {(q.subject, q.predicate) for q in quads if lang(q) == "zh"}
    return [q for q in quads if not (lang(q) == "en" and (q.subject, q.predicate) in chinese)]


def _stable_blank_nodes(ttl: Path, graph) -> Iterator:
    import pyoxigraph as ox

    names: dict[str, ox.BlankNode] = {}
    prefix = "".join(c if c.isalnum() else "-" for c in ttl.stem)

    def stable(term):
        if isinstance(term, ox.BlankNode):
            if term.value not in names:
                names[term.value] = ox.BlankNode(f"{prefix}-b{len(names) + 1}")
            return names[term.value]
        return term

    for t in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE):
        yield ox.Quad(stable(t.subject), t.predicate, stable(t.object), graph)


def _link(
    store: GraphStore,
    report: BuildReport,
    changed: list[str] | None,
    rows: list | None = None,
    timings: dict[str, float] | None = None,
    tap: Callable | None = None,
) -> None:
    t = time.perf_counter()
    from kg.link.stage import relink

    if timings is not None:  # numpy and scipy load with the link stage: a good part of a small `kg add`
        timings["import"] = timings.get("import", 0.0) + time.perf_counter() - t
    extra = {"tap": tap} if tap is not None else {}
    store.manifest["links"] = relink(store, changed=changed, rows=rows, timings=timings, **extra)


def _bag_helper() -> AbstractContextManager[None]:
    """The link stage's segmenter, loading in a helper process while `add` does the rest (see bag_helper)."""
    from kg.link.bags import bag_helper

    return bag_helper()


def _finish(store: GraphStore, report: BuildReport, *, count: bool = True) -> None:
    """Totals from the manifest; the triple count only when asked (len() of Oxigraph scans every quad:
    ~1 s on a 10,000-article store, half of `add`'s budget)."""
    _totals(store.manifest, report)
    report.triples = store.count_triples() if count else None


def _totals(manifest: dict, report: BuildReport) -> None:
    held = manifest.get("bulletins") or {}
    report.bulletins = len(held)
    report.articles = sum(int(b["articles"]) for b in held.values())
    report.practices = sum(int(b["practices"]) for b in held.values())
    report.links = int(manifest.get("links", 0))


def build(
    inputs: Iterable[str | Path] | None = None,
    store: str | Path | None = None,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    views: str | Path | None = None,
    render: bool = True,
    as_article: bool = False,
) -> BuildReport:
    """Ingest every bulletin under `inputs` into a new generation of the store. Without inputs, what
    the store remembers (kg.sources: its last inputs and every bulletin's own source file), or the
    bundled sample when there is no store yet."""
    t0 = time.perf_counter()
    target = Path(store) if store else paths.default_store()
    report = BuildReport(store=str(target))
    one_blas_thread()
    with _os_errors(target), StoreWriter(target, "kg build") as w:
        report.notes += w.notes
        old = _manifest_of(w.current)
        if w.damaged and not inputs:  # what to rebuild is unknown: never fall back to the sample
            raise StoreError(w.damaged)
        if w.damaged:
            report.notes.append(f"{w.damaged}; 本次构建将替换它")
        if inputs:
            plan = sources.Rebuild([sources.absolute(i) for i in inputs], [], [], {})
        elif old.get("bulletins") or old.get("inputs"):
            plan = sources.remembered(old)
            report.failures += plan.missing
        else:
            plan = sources.Rebuild([sources.absolute(paths.DATA_DIR)], [], [], {})
        files = collect(plan.inputs, report)
        kept_out = [f for f in files if sources.absolute(f) in plan.removed]
        if kept_out:
            report.notes.append(f"{len(kept_out)} 个文件是用 kg remove 删除过的公报，未读取")
            files = [f for f in files if sources.absolute(f) not in plan.removed]
        gen = w.begin(copy=False)
        views_from = _Collected(paths.views_dir(store, views)) if render else None
        written = _build_into(
            gen, files, report, workers, progress, plan, w.current, old, as_article, views_from
        )
        if not written:
            what = ", ".join(map(str, inputs or plan.inputs)) or str(target)
            report.failures.append(f"{what}: 没有一期公报能够导入；图谱保持不变")
            report.seconds = time.perf_counter() - t0
            return report
        faults.point("build:before-switch")
        t = time.perf_counter()
        w.commit(gen)
        if render:
            with stage(progress, RENDER):
                _render(target, paths.views_dir(store, views), report, w.current, views_from)
        report.lap("switch and views", t)
    report.seconds = time.perf_counter() - t0
    return report


def _manifest_of(gen: Path | None) -> dict:
    """The manifest of a generation (empty for none), read without opening its database."""
    if gen is None or not (gen / MANIFEST).exists():
        return {}
    try:
        return json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{gen / MANIFEST}: 无法读取（{exc}）；请用 kg build 目录 重建") from None


def _build_into(
    path: Path,
    files: list[Path],
    report: BuildReport,
    workers: int | None,
    progress: Progress | None,
    plan: sources.Rebuild,
    old_gen: Path | None,
    old: dict,
    as_article: bool,
    views_from: _Collected | None = None,
) -> int:
    """Fill a new generation at `path`; return how many bulletins it holds (0: nothing to switch to).
    `views_from`: receives the view site's records, taken from the bulletins and links as written."""
    with GraphStore(path, create=True) as gs:
        gs.manifest["inputs"] = [i for i in plan.inputs if i not in _sources_of(old)]
        gs.manifest["removed"] = plan.removed
        _load_vocab(gs)
        # the link stage's rows are taken from each bulletin as it is written, then the bulletin is
        # dropped: the collection is never held in memory, nor read back through SPARQL
        rows: list = []
        t = time.perf_counter()
        collector = views_from.start() if views_from is not None else None
        results = _unique(ingest_all(files, workers, progress, as_article=as_article), report)
        written = _write_bulletins(gs, results, replace=False, each=_rows_into(rows, collector))
        if plan.carried and old_gen is not None:
            written += sources.carry(old_gen, gs, plan.carried, old, rows)
            collector = None  # carried bulletins are not in memory: the views read the store
        if not written:
            return 0
        faults.point("build:after-write")
        t = report.lap("ingest and write", t)
        with stage(progress, LINK):
            _link(gs, report, None, rows, tap=collector.link if collector else None)
        if collector is not None:
            from kg.catalog.scheme import read_scheme

            views_from.records = collector.records(read_scheme(gs))
        t = report.lap("link", t)
        with stage(progress, "统计与保存"):
            _finish(gs, report)
            gs.save_manifest()
        t = report.lap("count and manifest", t)
        if views_from is not None and views_from.records is not None:
            with stage(progress, "压缩存储并生成视图"):
                _behind(gs.compact, views_from.render)  # the views are drawn while RocksDB compacts
            report.lap("compact and views", t)
            report.timings["views alone"] = views_from.seconds
        else:
            with stage(progress, "压缩存储"):
                gs.compact()
            report.lap("compact", t)
    return written


def _behind(background: Callable[[], None], work: Callable[[], None]) -> None:
    """Run `background` in a thread (Oxigraph releases the GIL) while `work` runs here; re-raise its error."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-compact") as pool:
        pending = pool.submit(background)
        try:
            work()
        finally:
            pending.result()


def _sources_of(manifest: dict) -> set[str]:
    """The bulletins' own source files: remembered with each bulletin, not as inputs."""
    inputs = set(manifest.get("inputs") or [])
    return {str(e.get("source")) for e in (manifest.get("bulletins") or {}).values()} - inputs


def _rows_into(rows: list, collector=None) -> Callable[[Bulletin], None]:
    from kg.catalog.rows import rows_of_bulletin

    if collector is None:
        return lambda b: rows.extend(rows_of_bulletin(b))

    def each(b: Bulletin) -> None:
        rows.extend(rows_of_bulletin(b))
        collector.bulletin(b)

    return each


class _Collected:
    """The view site's records a build takes from its own memory (kg/site/collect.py), or None when
    it cannot (bulletins carried over from the old generation: the views then read the store). A build
    that has them draws the site while the store compacts, before the switch; the site's stamp is
    written after the switch (kg/publish.py), so a kill in between leaves a site the next run redoes."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.records = None
        self.written: list[Path] | None = None
        self.seconds = 0.0

    def start(self):
        from kg.site.collect import Collector

        return Collector()

    def render(self) -> None:
        from kg.publish import render_all

        faults.point("render:mid")
        t = time.perf_counter()
        self.written = render_all(None, self.out, records=self.records)
        self.seconds = time.perf_counter() - t


def add(
    files: Iterable[str | Path],
    store: str | Path | None = None,
    *,
    views: str | Path | None = None,
    render: bool = True,
    timings: dict[str, float] | None = None,
    as_article: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Ingest new (or edited) bulletins into an existing store; an edited bulletin replaces its old version.
    `timings`, when given, receives the link stage's seconds per part and sizes (see relink)."""
    t0 = time.perf_counter()
    target = Path(store) if store else paths.default_store()
    report = BuildReport(store=str(target))
    one_blas_thread()
    found = collect(files, report)
    t = time.perf_counter()
    helper = _bag_helper()  # loads numpy for the segmenter helper (scipy comes with the link stage)
    if timings is not None:
        timings["import"] = time.perf_counter() - t
    with _os_errors(target), helper, StoreWriter(target, "kg add") as w:
        report.notes += w.notes
        old = _held(w, target)
        known = {k: str(v.get("source", "")) for k, v in old["bulletins"].items()}
        reading = ingest_all(found, 1, progress, as_article=as_article)
        bulletins = list(_unique(reading, report, known=known))
        # the same text already held under another key (a key from before a name that names no place
        # took its issuer in, kg.extract.stage.bulletin_key) is unchanged too, not a second copy
        held = {v.get("hash") for v in old["bulletins"].values()}
        fresh = [
            b
            for b in bulletins
            if old["bulletins"].get(b.key, {}).get("hash") != b.content_hash
            and (b.key in old["bulletins"] or b.content_hash not in held)
        ]
        unchanged = len(bulletins) - len(fresh)
        if unchanged:
            report.notes.append(f"{unchanged} 期公报内容未变，跳过")
        if not fresh:
            if render:
                _repair_views(target, paths.views_dir(store, views), report, w.current)
            _totals(old, report)
            report.triples = None
            report.seconds = time.perf_counter() - t0
            return report
        gen = w.begin(copy=True)
        with GraphStore(gen, create=True) as gs:
            removed = gs.manifest.get("removed") or {}
            for b in fresh:  # added again after a `kg remove`: a rebuild reads it again
                removed.pop(sources.absolute(b.source_path), None)
            with stage(progress, "写入图谱"):
                _write_bulletins(gs, fresh)
            faults.point("add:after-write")
            with stage(progress, LINK):
                _link(gs, report, [iris.bulletin_graph(b.key) for b in fresh], timings=timings)
            gs.save_manifest()
            _finish(gs, report, count=False)
            older = len(older_graphs(gs.bulletins))
            if older:  # kept as they were: the questions reading the newer derived facts will refuse
                report.notes.append(
                    f"{older} 期公报由较早的版本写入，缺少做法所属地方、见报日期等推导信息；"
                    "digest、diffusion、gaps 等查询需先运行 kg build 重建"
                )
        faults.point("add:before-switch")
        w.commit(gen)
        if render:
            with stage(progress, RENDER):
                _render_touched(
                    target, paths.views_dir(store, views), [b.key for b in fresh], report, w.current
                )
    report.seconds = time.perf_counter() - t0
    return report


def remove(
    items: Iterable[str],
    store: str | Path | None = None,
    *,
    views: str | Path | None = None,
    render: bool = True,
    progress: Progress | None = None,
) -> BuildReport:
    """Take bulletins out of the store: each item a source file, a key or "刊名 YYYY年第N期" (see
    kg.sources.resolve). Nothing is removed when one names nothing held (InputError). Their similarity
    links go with them (the link stage re-run for those graphs); a rebuild from the remembered folders
    leaves their files out."""
    t0 = time.perf_counter()
    target = Path(store) if store else paths.default_store()
    report = BuildReport(store=str(target))
    one_blas_thread()
    with _os_errors(target), StoreWriter(target, "kg remove") as w:
        report.notes += w.notes
        keys = sources.resolve(_held(w, target), items)
        gen = w.begin(copy=True)
        with GraphStore(gen, create=True) as gs:
            removed = gs.manifest.setdefault("removed", {})
            for key in keys:
                gs.drop_graph(iris.bulletin_graph(key))
                entry = gs.bulletins.pop(key)
                if entry.get("source"):
                    removed[sources.absolute(entry["source"])] = key
                report.notes.append(f"已删除 {sources.label(entry)}（{entry.get('source') or key}）")
            _sweep_shared(gs)
            if gs.bulletins:
                with stage(progress, LINK):
                    _link(gs, report, [iris.bulletin_graph(k) for k in keys])
            else:  # nothing left to link
                gs.drop_graph(iris.GRAPH_LINKS)
                gs.manifest["links"] = 0
                _drop_link_state(gs)
            gs.save_manifest()
            _finish(gs, report, count=False)
        faults.point("remove:before-switch")
        w.commit(gen)
        if render:
            with stage(progress, RENDER):
                _render_touched(target, paths.views_dir(store, views), keys, report, w.current)
    report.seconds = time.perf_counter() - t0
    return report


@contextmanager
def _os_errors(target: Path) -> Iterator[None]:
    """A write that fails in the file system (disk full, permissions) is one line naming the store; the
    new generation was not switched to, so the store is as it was."""
    try:
        yield
    except OSError as exc:
        what = " ".join((exc.strerror or str(exc)).split())[:200]
        raise StoreError(f"{target}: 写入失败（{what}）；图谱保持为上一个完整版本") from None


def _held(w: StoreWriter, target: Path) -> dict:
    if w.damaged:
        raise StoreError(w.damaged)
    if w.current is None:
        raise no_store(target)
    old = _manifest_of(w.current)
    old.setdefault("bulletins", {})
    return old


def _sweep_shared(gs: GraphStore) -> None:
    """Remove the shared entities (localities, units, documents) no bulletin left refers to, directly or
    through another shared entity (a county's city, a unit's parent): a build of the remaining bulletins
    would not have written them."""
    import pyoxigraph as ox

    shared = ox.NamedNode(iris.GRAPH_SHARED)
    edges: dict = {}
    for q in gs.db.quads_for_pattern(None, None, None, shared):
        edges.setdefault(q.subject, []).append(q.object)
    own = {iris.bulletin_graph(k) for k in gs.bulletins}
    todo = [
        s
        for s in edges
        if any(q.graph_name.value in own for q in gs.db.quads_for_pattern(None, None, s, None))
    ]
    kept = set(todo)
    while todo:
        for o in edges.get(todo.pop(), ()):
            if o in edges and o not in kept:
                kept.add(o)
                todo.append(o)
    for s in [s for s in edges if s not in kept]:
        for q in list(gs.db.quads_for_pattern(s, None, None, shared)):
            gs.db.remove(q)


def _drop_link_state(gs: GraphStore) -> None:
    import shutil

    shutil.rmtree(gs.path / "link", ignore_errors=True)


def _render_touched(store: Path, out: Path, keys: list[str], report: BuildReport, gen: Path) -> None:
    """After `add` or `remove`: the view site brought up to date from the generation just switched to
    (kg/publish.py: only files whose content changed are written)."""
    _render(store, out, report, gen)


def _render(store: Path, out: Path, report: BuildReport, gen: Path | None, done=None) -> None:
    """The view site beside the store (kg/publish.py), stamped with the generation it shows; `done`: a
    build's _Collected, when it has drawn the site already (then only the stamp is left)."""
    from kg.publish import render_all, set_stamp

    if done is not None and done.written is not None:
        set_stamp(out, _stamp(gen))
        report.outputs += [str(p) for p in done.written]
        return
    faults.point("render:mid")
    with GraphStore(store, read_only=True) as gs:
        report.outputs += [str(p) for p in render_all(gs, out, stamp=_stamp(gen))]


def _stamp(gen: Path | None) -> str:
    return str(gen.resolve()) if gen is not None else ""


def _repair_views(store: Path, out: Path, report: BuildReport, gen: Path | None) -> None:
    """A run that changes nothing still finishes the views an interrupted run left behind (their
    stamp is not the current generation's)."""
    from kg.publish import is_current

    if gen is not None and not is_current(out, _stamp(gen)):
        _render(store, out, report, gen)
