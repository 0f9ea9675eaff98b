"""The one writer of a store: the lock, the cleaning of what earlier writers left, and each change made
in a new generation that becomes current in one step (see kg.generations and kg.writelock).

    with StoreWriter(store, "kg add") as w:      # StoreError at once if another writer holds the store
        gen = w.begin(copy=True)                 # a cheap copy of the current generation
        ...                                      # change it (GraphStore(gen, create=True))
        w.commit(gen)                            # synced, then CURRENT switched; the old one cleaned
                                                 # (leaving the block without commit discards `gen`)
"""

from __future__ import annotations

import traceback
from pathlib import Path
from types import TracebackType

from kg import generations as g
from kg.errors import StoreError, no_store
from kg.writelock import WriterLock


class StoreWriter:
    def __init__(self, root: str | Path, command: str):
        self.root = Path(root)
        self.lock = WriterLock(self.root, command)
        self.notes: list[str] = []  # what the user should hear about (a dead writer's leftovers …)
        self.current: Path | None = None
        self.pending: Path | None = None
        self.created = False
        self.damaged: str | None = None  # why the current generation cannot be found (a build replaces it)

    def __enter__(self) -> StoreWriter:
        self.created = not self.root.exists()
        self.lock.acquire()
        try:
            self.notes += g.clean_earlier_version(self.root)
            if self.lock.stale is not None:
                self.notes.append(
                    f"{self.root}: 上一个写入进程 {self.lock.stale.describe()} 未正常结束；"
                    "已接管写入锁，并清理它留下的内容（图谱仍是它开始前的完整版本）"
                )
            self.notes += g.clean(self.root)
            try:
                self.current = g.current(self.root)
            except StoreError as exc:
                self.damaged = str(exc)
        except BaseException:
            self.lock.release()
            raise
        return self

    def begin(self, *, copy: bool) -> Path:
        """A new generation folder: empty, or (`copy`) a copy of the current generation."""
        if copy and self.damaged:
            raise StoreError(self.damaged)
        gen = g.next_generation(self.root)
        self.pending = gen
        g.make_generation(gen)
        if copy:
            if self.current is None:
                raise no_store(self.root)
            g.copy_generation(self.current, gen)
        return gen

    def commit(self, gen: Path) -> None:
        g.publish(self.root, gen)
        self.pending = None
        self.current = gen
        g.clean(self.root)

    def abandon(self) -> None:
        if self.pending is not None:
            g.discard(self.pending)
            self.pending = None

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: TracebackType | None) -> None:
        if tb is not None:  # an interrupted frame may still hold the new generation's store open
            traceback.clear_frames(tb)
        try:
            self.abandon()
        finally:
            self.lock.release()
            if self.created and not g.is_store(self.root):  # nothing was built: leave no folder
                self.lock.path.unlink(missing_ok=True)
                try:
                    self.root.rmdir()
                except OSError:
                    pass
