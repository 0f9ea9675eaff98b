"""The store's named graphs as N-Triples, read in one pass (for `kg push`).

One `dump` of the whole store as N-Quads runs in a thread into a pipe
while this side cuts it graph by graph: Oxigraph writes the default graph first, then each named
graph's quads together (its GSPO index), one quad a line, so a graph is a run of lines ending in
` <graph> .` and becomes N-Triples by dropping that ending, a block at a time. One dump per graph
instead cost 20-40 ms of seeking for each of 6,500 bulletin graphs at 10M triples.

A graph no larger than a part comes whole (`Whole`). A larger one comes `Live`: its first part at
once, the others on a queue while it is still being read, so its POSTs overlap the reading; unless
`hold(iri)` asks for it whole (to compare its hash before sending), when it is spilled to a file.
"""

from __future__ import annotations

import hashlib
import os
import queue
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.store import GraphStore

BLOCK = 4 * 1024 * 1024


class Stopped(Exception):
    """The push stopped (a failure elsewhere) while a graph was still being read."""


@dataclass
class Whole:
    """A graph read in full: its N-Triples in memory (`data`) or in a file (`path`)."""

    iri: str | None  # None: the default graph
    size: int
    triples: int
    sha256: str
    data: bytes | None = None
    path: Path | None = None

    def parts(self, part_bytes: int) -> Iterator[bytes]:
        if self.data is not None or self.size == 0:
            yield self.data or b""
            return
        assert self.path is not None
        with open(self.path, "rb") as f:
            rest = b""
            while block := f.read(part_bytes):
                block = rest + block
                cut = block.rfind(b"\n") + 1
                rest, block = (block, b"") if cut == 0 else (block[cut:], block[:cut])
                if block:
                    yield block
            if rest:
                yield rest

    def release(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)


@dataclass
class Live:
    """A large graph still being read: `first` now, the other parts from `more` (None ends them);
    `triples` and `sha256` are set once the graph has been read in full (`finished`)."""

    iri: str | None
    first: bytes
    more: queue.Queue = field(default_factory=lambda: queue.Queue(maxsize=4))
    finished: threading.Event = field(default_factory=threading.Event)
    size: int = 0
    triples: int = 0
    sha256: str = ""

    aborted: bool = False  # the reading stopped before the graph's end (Ctrl-C, a failure)

    def parts(self, part_bytes: int) -> Iterator[bytes]:
        yield self.first
        while True:
            try:
                part = self.more.get(timeout=0.5)
            except queue.Empty:
                if self.aborted:
                    raise Stopped from None
                continue
            if part is None:
                return
            yield part

    def release(self) -> None:
        pass


class _Graph:
    """The graph being read: counts, hashes and buffers its N-Triples."""

    def __init__(self, iri: str | None, part_bytes: int, hold: bool, tmp: Path, stop: threading.Event):
        self.iri, self.part_bytes, self.hold, self.tmp, self.stop = iri, part_bytes, hold, tmp, stop
        self.digest, self.triples, self.size = hashlib.sha256(), 0, 0
        self.buffer: list[bytes] = []
        self.buffered = 0
        self.live: Live | None = None
        self.file = None
        self.path: Path | None = None

    def add(self, nt: bytes) -> Live | None:
        """Take N-Triples lines; a Live the first time the graph outgrows a part (to be sent now)."""
        self.digest.update(nt)
        self.triples += nt.count(b"\n")
        self.size += len(nt)
        self.buffer.append(nt)
        self.buffered += len(nt)
        if self.buffered < self.part_bytes:
            return None
        part, self.buffer, self.buffered = b"".join(self.buffer), [], 0
        if self.hold:
            if self.file is None:
                fd, name = tempfile.mkstemp(suffix=".nt", dir=self.tmp)
                self.file, self.path = os.fdopen(fd, "wb"), Path(name)
            self.file.write(part)
            return None
        if self.live is None:
            self.live = Live(self.iri, part)
            return self.live
        while True:  # wait for the sender, unless the push stopped
            try:
                self.live.more.put(part, timeout=0.5)
                return None
            except queue.Full:
                if self.stop.is_set():
                    raise Stopped from None

    def end(self) -> Whole | None:
        """The graph read in full: a Whole, or None when it already went out as a Live."""
        rest = b"".join(self.buffer)
        sha = self.digest.hexdigest()
        if self.live is not None:
            if rest:
                self.add_final(rest)
            self.live.size, self.live.triples, self.live.sha256 = self.size, self.triples, sha
            self.live.finished.set()
            self._put(None)
            return None
        if self.file is not None:
            self.file.write(rest)
            self.file.close()
            return Whole(self.iri, self.size, self.triples, sha, path=self.path)
        return Whole(self.iri, self.size, self.triples, sha, data=rest)

    def add_final(self, part: bytes) -> None:
        self._put(part)

    def _put(self, item: bytes | None) -> None:
        assert self.live is not None
        while True:
            try:
                self.live.more.put(item, timeout=0.5)
                return
            except queue.Full:
                if self.stop.is_set():
                    raise Stopped from None


def read_graphs(
    store: GraphStore,
    tmp: Path,
    part_bytes: int,
    hold: Callable[[str | None], bool],
    stop: threading.Event,
) -> Iterator[Whole | Live]:
    """Every graph of the store holding a triple (the default graph first, if it holds any)."""
    default = sum(1 for _ in store.db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    source, writer, errors = _quads_source(store)
    current: _Graph | None = None
    try:
        with source as f:
            if default:  # its lines have no graph term: read them apart
                lines = [f.readline() for _ in range(default)]
                g = _Graph(None, part_bytes, hold(None), tmp, stop)
                g.add(b"".join(lines))
                yield from _finish(g)
            rest = b""
            while True:
                block = f.read(BLOCK)
                if not block and not rest:
                    break
                data = rest + block
                cut = data.rfind(b"\n") + 1 if block else len(data)
                data, rest = data[:cut], data[cut:]
                while data:
                    iri, run, data = _run(data)
                    if current is None or current.iri != iri:
                        if current is not None:
                            yield from _finish(current)
                        current = _Graph(iri, part_bytes, hold(iri), tmp, stop)
                    live = current.add(run)
                    if live is not None:
                        yield live
                if not block:
                    break
        if current is not None:
            yield from _finish(current)
    finally:
        if current is not None and current.live is not None and not current.live.finished.is_set():
            current.live.aborted = True  # its sender stops waiting for parts
        writer.join()
    if errors:
        raise errors[0]


def _finish(g: _Graph) -> Iterator[Whole]:
    whole = g.end()
    if whole is not None:
        yield whole


def _run(data: bytes) -> tuple[str, bytes, bytes]:
    """(graph IRI, the N-Triples of the run of lines that starts `data` and share its graph, the rest).
    A graph's lines are together, so whether a line ends with ` <graph> .` is true up to the end of
    the run and false after: a binary search over the block finds it."""
    eol = data.index(b"\n")
    line = data[:eol]
    if not line.endswith(b"> ."):
        raise ValueError(f"not an N-Quads line of a named graph: {line[:120]!r}")
    start = line.rindex(b" <")
    suffix = line[start:] + b"\n"  # b' <graph> .\n'
    lo, hi = eol + 1, len(data)
    if data.endswith(suffix):
        lo = hi
    while lo < hi:
        mid = (lo + hi) // 2
        s = data.rfind(b"\n", 0, mid) + 1
        e = data.index(b"\n", mid) + 1
        if data[s:e].endswith(suffix):
            lo = e
        else:
            hi = s
    return line[start + 2 : -3].decode("utf-8"), data[:lo].replace(suffix, b" .\n"), data[lo:]


def _quads_source(store: GraphStore) -> tuple[object, threading.Thread, list[BaseException]]:
    """The read end of a pipe that a thread fills with the store's N-Quads."""
    errors: list[BaseException] = []
    r, w = os.pipe()

    def write() -> None:
        try:
            with os.fdopen(w, "wb", buffering=BLOCK) as out:
                store.db.dump(output=out, format=ox.RdfFormat.N_QUADS)
        except BrokenPipeError:
            pass  # the reader stopped early: it says why
        except BaseException as exc:  # noqa: BLE001 - handed to the reader
            errors.append(exc)

    writer = threading.Thread(target=write, name="kg-dump", daemon=True)
    writer.start()
    return os.fdopen(r, "rb", buffering=0), writer, errors
