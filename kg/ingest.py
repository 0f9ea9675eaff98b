"""Files to Bulletins: find them, read, split and extract each through the input gate, on every core
when there are many (workers die with their parent), a bounded number in flight."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from kg import faults
from kg.errors import InputError, KGError, ParseError
from kg.model import Bulletin
from kg.progress import Progress

READ = "读取公报"  # the progress stage (kg.progress)
POOL_MIN_FILES = 40  # below this one process is as fast: a pool costs process start-up and pickling


def ingest_file(path: str | Path, *, as_article: bool = False) -> Bulletin:
    """Read, split and extract one bulletin file, through the input gate (kg.read.gate): a file that
    is not a bulletin is refused, or with `as_article` taken as one article. Raises InputError naming
    the file."""
    from kg.extract.stage import extract
    from kg.read import gate, read_file
    from kg.split import split, split_as_article

    doc = read_file(path)
    try:
        draft = gate.admit(split(doc), as_article=as_article)
    except ParseError:
        if not as_article:
            raise
        draft = None
    if draft is None:
        draft = gate.bound_article(split_as_article(doc))
    return gate.bound_facts(extract(draft))


def ingest_text(text: str, name: str = "<stdin>") -> Bulletin:
    from kg.extract.stage import extract
    from kg.read import read_text
    from kg.split import split

    return extract(split(read_text(text, name)))


def _safe_ingest(path: Path, as_article: bool = False) -> Bulletin | InputError:
    try:
        return ingest_file(path, as_article=as_article)
    except InputError as exc:
        return exc
    except KGError as exc:
        return InputError(path, str(exc))
    except Exception as exc:  # a bug must not lose the other files; report it on one line
        return InputError(path, f"解析时出现内部错误（{exc.__class__.__name__}：{exc}）；其余文件照常导入")


def warm() -> None:
    """Load the dictionaries once per worker process."""
    from kg.extract.stage import preload

    preload()


def _worker_start(parent: int) -> None:
    """Pool worker initializer: dies with the parent (a killed build left workers running for over a
    minute), leaves Ctrl-C to it, and has the dictionaries loaded."""
    from kg.lifetime import worker_init

    worker_init(parent)
    warm()


def ingest_all(
    files: list[Path],
    workers: int | None = None,
    progress: Progress | None = None,
    *,
    as_article: bool = False,
) -> Iterator[Bulletin | InputError]:
    """Parse files, on all cores when there are many. Yields results in file order."""
    workers = workers or (os.cpu_count() or 1)
    one = partial(_safe_ingest, as_article=as_article)
    if workers > 1 and len(files) >= POOL_MIN_FILES:
        # Dictionaries load here, once: forked workers inherit them (the initializer then only loads
        # them where workers are spawned instead).
        warm()
        init = partial(_worker_start, os.getpid())
        with ProcessPoolExecutor(max_workers=workers, initializer=init) as pool:
            for i, res in enumerate(bounded_map(pool, one, files, AHEAD * workers), start=1):
                faults.point("read:file")
                if progress:
                    progress(READ, i, len(files))
                yield res
        return
    for i, f in enumerate(files, start=1):
        res = one(f)
        faults.point("read:file")
        if progress:
            progress(READ, i, len(files))
        yield res


AHEAD = 16  # files in flight per worker: keeps workers busy, and bounds the parsed bulletins waiting


def bounded_map(pool: ProcessPoolExecutor, fn: Callable, items: list, ahead: int) -> Iterator:
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


def collect(inputs: Iterable[str | Path], report: Any) -> list[Path]:
    """The bulletin files under the inputs, each once; problems go to the report."""
    from kg.read import PassedOver, find_files

    files: list[Path] = []
    for item in find_files(inputs):
        if isinstance(item, InputError):
            report.failures.append(str(item))
        elif isinstance(item, PassedOver):
            report.notes.append(str(item))
        else:
            files.append(item)
    return files
