"""The pipeline end to end: files -> Bulletins -> RDF store (+ similarity links, views, reports).

`build` makes a new store aside and swaps it in only when complete, so a failure leaves the
previous store untouched. `add` ingests new or edited bulletins into an existing store.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from kg import paths
from kg.errors import InputError, KGError
from kg.graph import iris
from kg.model import Bulletin
from kg.store import GraphStore, load_behind, swap_in

POOL_MIN_FILES = 40  # below this one process is as fast: a pool costs process start-up and pickling
Progress = Callable[[str, int, int], None]  # (stage, done, total)


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

    def summary(self) -> str:
        triples = f"三元组 {self.triples} 个，" if self.triples is not None else ""
        return (
            f"公报 {self.bulletins} 期，文章 {self.articles} 篇，做法 {self.practices} 条，"
            f"相似链接 {self.links} 条，{triples}用时 {self.seconds:.1f} 秒"
        )


def ingest_file(path: str | Path) -> Bulletin:
    """Read, split and extract one bulletin file. Raises InputError naming the file."""
    from kg.extract.stage import extract
    from kg.read import read_file
    from kg.split import split

    return extract(split(read_file(path)))


def _safe_ingest(path: Path) -> Bulletin | InputError:
    try:
        return ingest_file(path)
    except InputError as exc:
        return exc
    except KGError as exc:
        return InputError(path, str(exc))
    except Exception as exc:  # a bug must not lose the other files; report it on one line
        return InputError(path, f"internal error while parsing ({exc.__class__.__name__}: {exc})")


def _warm() -> None:
    """Load the dictionaries once per worker process."""
    from kg.extract.stage import preload

    preload()


def ingest_all(
    files: list[Path], workers: int | None = None, progress: Progress | None = None
) -> Iterator[Bulletin | InputError]:
    """Parse files, on all cores when there are many. Yields results in file order."""
    workers = workers or (os.cpu_count() or 1)
    if workers > 1 and len(files) >= POOL_MIN_FILES:
        # Dictionaries load here, once: forked workers inherit them (the initializer is then a no-op;
        # it loads them where workers are spawned instead).
        _warm()
        with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
            for i, res in enumerate(_bounded_map(pool, _safe_ingest, files, AHEAD * workers), start=1):
                if progress:
                    progress("读取", i, len(files))
                yield res
        return
    for i, f in enumerate(files, start=1):
        res = _safe_ingest(f)
        if progress:
            progress("读取", i, len(files))
        yield res


AHEAD = 16  # files in flight per worker: keeps workers busy, and bounds the parsed bulletins waiting


def _bounded_map(pool: ProcessPoolExecutor, fn: Callable, items: list, ahead: int) -> Iterator:
    """pool.map in order, but with at most `ahead` items submitted and not yet consumed: Executor.map
    submits everything at once, so results pile up in memory whenever the consumer (the graph write) is
    the slower side."""
    from collections import deque

    pending: deque = deque()
    it = iter(items)
    for item in it:
        pending.append(pool.submit(fn, item))
        if len(pending) >= ahead:
            break
    while pending:
        res = pending.popleft().result()
        nxt = next(it, None)
        if nxt is not None:
            pending.append(pool.submit(fn, nxt))
        yield res


def collect(inputs: Iterable[str | Path], report: BuildReport) -> list[Path]:
    from kg.read import find_files

    files: list[Path] = []
    for item in find_files(inputs):
        if isinstance(item, InputError):
            report.failures.append(str(item))
        else:
            files.append(item)
    return files


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
        "issue": b.issue,
        "date": b.date.isoformat() if b.date else None,
        "hash": b.content_hash,
        "source": b.source_path,
        "articles": len(b.articles),
        "practices": sum(len(a.practices) for a in b.articles),
        "unresolved": [f"{a.title}: {n}" for a in b.articles for n in a.unresolved],
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
    from pyoxigraph import NamedNode

    g = NamedNode(iris.GRAPH_VOCAB)
    if store.db.contains_named_graph(g):
        store.db.remove_graph(g)
    for ttl in [paths.ONTOLOGY, *sorted(paths.VOCAB_DIR.glob("*.ttl"))]:
        if ttl.exists():
            store.load_turtle(ttl, iris.GRAPH_VOCAB)


def _link(
    store: GraphStore,
    report: BuildReport,
    changed: list[str] | None,
    rows: list | None = None,
    timings: dict[str, float] | None = None,
) -> None:
    t = time.perf_counter()
    from kg.link.stage import relink

    if timings is not None:  # numpy and scipy load with the link stage: a good part of a small `kg add`
        timings["import"] = timings.get("import", 0.0) + time.perf_counter() - t
    store.manifest["links"] = relink(store, changed=changed, rows=rows, timings=timings)


def _bag_helper() -> AbstractContextManager[None]:
    """The link stage's segmenter, loading in a helper process while `add` does the rest (see bag_helper)."""
    from kg.link.bags import bag_helper

    return bag_helper()


def _finish(store: GraphStore, report: BuildReport, *, count: bool = True) -> None:
    """Totals from the manifest; the triple count only when asked (len() of Oxigraph scans every quad:
    ~1 s on a 10,000-article store, half of `add`'s budget)."""
    report.bulletins = len(store.bulletins)
    report.articles = sum(int(b["articles"]) for b in store.bulletins.values())
    report.practices = sum(int(b["practices"]) for b in store.bulletins.values())
    report.links = int(store.manifest.get("links", 0))
    report.triples = store.count_triples() if count else None


def build(
    inputs: Iterable[str | Path] | None = None,
    store: str | Path | None = None,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    views: str | Path | None = None,
    render: bool = True,
) -> BuildReport:
    """Ingest every bulletin under `inputs` (default: the bundled sample) into a new store."""
    t0 = time.perf_counter()
    target = Path(store) if store else paths.default_store()
    report = BuildReport(store=str(target))
    files = collect(list(inputs) if inputs else [paths.DATA_DIR], report)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        written = _build_into(tmp, files, report, workers, progress)
        if written:
            swap_in(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if not written:
        shutil.rmtree(tmp, ignore_errors=True)
        report.failures.append(
            f"{', '.join(map(str, inputs or [paths.DATA_DIR]))}: no bulletin could be ingested; store left unchanged"
        )
        report.seconds = time.perf_counter() - t0
        return report
    if render:
        _render(target, views, report)
    report.seconds = time.perf_counter() - t0
    return report


def _build_into(
    path: Path, files: list[Path], report: BuildReport, workers: int | None, progress: Progress | None
) -> int:
    """Fill a new store at `path`; return how many bulletins it holds (0: nothing to swap in)."""
    with GraphStore(path, create=True) as gs:
        _load_vocab(gs)
        # the link stage's rows are taken from each bulletin as it is written, then the bulletin is
        # dropped: the collection is never held in memory, nor read back through SPARQL
        rows: list = []
        results = _unique(ingest_all(files, workers, progress), report)
        written = _write_bulletins(gs, results, replace=False, each=_rows_into(rows))
        if not written:
            return 0
        if progress:
            progress("写入图谱", written, written)
        _link(gs, report, None, rows)
        _finish(gs, report)
        gs.save_manifest()
        if progress:
            progress("压缩存储", written, written)
        gs.compact()
    return written


def _rows_into(rows: list) -> Callable[[Bulletin], None]:
    from kg.catalog.rows import rows_of_bulletin

    return lambda b: rows.extend(rows_of_bulletin(b))


def add(
    files: Iterable[str | Path],
    store: str | Path | None = None,
    *,
    views: str | Path | None = None,
    render: bool = True,
    timings: dict[str, float] | None = None,
) -> BuildReport:
    """Ingest new (or edited) bulletins into an existing store; an edited bulletin replaces its old version.
    `timings`, when given, receives the link stage's seconds per part and sizes (see relink)."""
    t0 = time.perf_counter()
    target = Path(store) if store else paths.default_store()
    report = BuildReport(store=str(target))
    found = collect(files, report)
    t = time.perf_counter()
    helper = _bag_helper()  # loads numpy for the segmenter helper (scipy comes with the link stage)
    if timings is not None:
        timings["import"] = time.perf_counter() - t
    with helper, GraphStore(target) as gs:
        known = {k: str(v.get("source", "")) for k, v in gs.bulletins.items()}
        bulletins = list(_unique(ingest_all(found, 1), report, known=known))
        fresh = [b for b in bulletins if gs.bulletins.get(b.key, {}).get("hash") != b.content_hash]
        unchanged = len(bulletins) - len(fresh)
        if unchanged:
            report.notes.append(f"{unchanged} 期公报内容未变，跳过")
        if fresh:
            _write_bulletins(gs, fresh)
            _link(gs, report, [iris.bulletin_graph(b.key) for b in fresh], timings=timings)
            gs.save_manifest()
        _finish(gs, report, count=False)
        if render and fresh:
            _render_touched(gs, views, [b.key for b in fresh], report)
    report.seconds = time.perf_counter() - t0
    return report


def _render_touched(gs: GraphStore, views: str | Path | None, keys: list[str], report: BuildReport) -> None:
    """After `add`: only the pages and reports the new bulletins touch (the rest are marked out of date
    until the next full render); the store is already open."""
    from kg.render import render_touched

    out = Path(views) if views else paths.VIZ_DIR
    report.outputs += [str(p) for p in render_touched(gs, out, keys)]


def _render(store: Path, views: str | Path | None, report: BuildReport) -> None:
    """Coverage page, similarity reports and network views, written beside each other."""
    from kg.render import render_all

    out = Path(views) if views else paths.VIZ_DIR
    report.outputs += [str(p) for p in render_all(store, out)]
