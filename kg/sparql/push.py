"""`kg push`: load the graph into an external SPARQL 1.1 store with the Graph Store HTTP Protocol.

Every named graph of the store (one per bulletin, plus graph/shared, graph/vocab and graph/links)
is sent with `PUT ENDPOINT?graph=IRI`, which replaces it, so pushing again replaces and never
duplicates. A graph larger than one part (`PART_BYTES` of N-Triples) goes as a PUT of its first part
and POSTs of the others (POST adds): the server never holds one huge request, and the parts of one
graph go out in parallel once its PUT is done. Several graphs are sent at once (`workers`).

The body is N-Triples (every IRI written out; it is also Turtle, sent as text/turtle): Virtuoso 7.2
keeps the backslash of an escaped prefixed name (`ckgid:practice\\/…`), so prefixed Turtle would store
wrong IRIs there.

Honest about failures: each graph sent is recorded (IRI and a hash of its content) in a state file
per store and endpoint; a failure says which graph failed, how many were already replaced (and where
they are listed) and how to resume; `resume=True` skips the graphs already sent with the same content
(also what makes a push after `kg add` send only what changed). A bulletin graph that is no longer
in the store is not deleted remotely (the protocol cannot list graphs): `DELETE ENDPOINT?graph=IRI`.

    Oxigraph   http://host:7878/store
    Fuseki     http://host:3030/DATASET/data          (or /DATASET, with --user for a protected one)
    Virtuoso   http://host:8890/sparql-graph-crud-auth (Digest; scripts/virtuoso.py makes the user kg)
    GraphDB    http://host:7200/repositories/REPO/rdf-graphs/service
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError, PushError
from kg.graph import iris
from kg.sparql.client import Client, Failure, check_url
from kg.sparql.graphdump import Live, Stopped, Whole, read_graphs
from kg.store import GraphStore

PASSWORD_ENV = "KG_PUSH_PASSWORD"
TURTLE = "text/turtle; charset=utf-8"
PART_BYTES = 16 * 1024 * 1024  # ~100k triples: a few seconds of Virtuoso's loader


def graphs(store: GraphStore) -> list[str]:
    """The graphs to send: every named graph of the store, plus the vocabulary, shared and links
    graphs even when empty (so a push also clears links an earlier push left there); vocabulary and
    shared graphs first, links last, bulletins in between."""
    names = {str(g.value) for g in store.db.named_graphs() if isinstance(g, ox.NamedNode)}
    names |= {iris.GRAPH_VOCAB, iris.GRAPH_SHARED, iris.GRAPH_LINKS}

    def rank(iri: str) -> tuple[int, str]:
        tail = iri.rsplit("/", 1)[-1]
        return ({"vocab": 0, "shared": 1, "links": 3}.get(tail, 2) if "/graph/" in iri else 2, iri)

    return sorted(names, key=rank)


# ---- the record of what was sent ----------------------------------------------------------------


def state_path(store: GraphStore, endpoint: str) -> Path:
    """Where the graphs sent from this store to this endpoint are listed ($XDG_CACHE_HOME)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    key = hashlib.sha256(f"{endpoint}\n{Path(store.path).resolve()}".encode()).hexdigest()[:16]
    return cache / "cadrekg" / "push" / f"{key}.jsonl"


class State:
    """Graph IRI -> content hash of what the endpoint last received in full (one JSON line each)."""

    def __init__(self, path: Path, endpoint: str):
        self.path, self.endpoint = path, endpoint
        self.sent: dict[str, str] = {}
        self._lock = threading.Lock()
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    row = json.loads(line)
                    if row["sha256"]:
                        self.sent[row["graph"]] = row["sha256"]
                    else:
                        self.sent.pop(row["graph"], None)
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by a crash

    def record(self, d: Whole | Live) -> None:
        key = d.iri or "default"
        with self._lock:
            self.sent[key] = d.sha256
            self._append({"graph": key, "sha256": d.sha256, "triples": d.triples})

    def _append(self, row: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")

    def forget(self, graph: str | None) -> None:
        """A graph whose PUT went out: until it is complete, the endpoint does not hold what we knew."""
        key = graph or "default"
        with self._lock:
            if self.sent.pop(key, None) is not None:
                self._append({"graph": key, "sha256": None})

    def knows(self, graph: str | None) -> bool:
        return (graph or "default") in self.sent

    def has(self, d: Whole) -> bool:
        return self.sent.get(d.iri or "default") == d.sha256

    def compact(self) -> None:
        with self._lock:
            rows = [
                json.dumps({"graph": g, "sha256": h}, ensure_ascii=False)
                for g, h in sorted(self.sent.items())
            ]
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text("".join(r + "\n" for r in rows), encoding="utf-8")
            tmp.replace(self.path)


# ---- sending ------------------------------------------------------------------------------------


def _password(user: str | None, password: str | None) -> str | None:
    if user is None or password is not None:
        return password
    env = os.environ.get(PASSWORD_ENV)
    if env is not None:
        return env
    if sys.stdin.isatty():
        return getpass.getpass(f"{user} 的密码：")
    raise KGError(f"--user {user}：请在环境变量 {PASSWORD_ENV} 中给出密码")


def _what(graph: str | None) -> str:
    return f"<{graph}>" if graph else "默认图"


@dataclass
class _Progress:
    replaced: list[str]  # graphs sent in full, in the order they completed
    partial: dict[str, tuple[int, int]]  # graph -> (parts sent, 0) while it is going out
    triples: int = 0
    skipped: int = 0


def push(
    store: GraphStore,
    endpoint: str,
    user: str | None = None,
    *,
    password: str | None = None,
    timeout: float = 60.0,
    connect_timeout: float = 10.0,
    workers: int = 2,
    resume: bool = False,
    part_bytes: int = PART_BYTES,
    progress: Callable[[str, int, int], None] | None = None,
) -> str:
    """Send every named graph of the store to `endpoint` (Graph Store Protocol); a one-line summary.

    `user` enables HTTP authentication (Digest or Basic, whichever the server asks for);
    the password comes from `password`, else $KG_PUSH_PASSWORD, else a prompt on a terminal.
    `timeout` is the read timeout of each request, `connect_timeout` that of each connection.
    Raises PushError (one line: endpoint, graph, what was already replaced, how to resume).
    """
    endpoint = endpoint.strip()
    try:
        check_url(endpoint)
    except Failure as exc:
        raise PushError(f"{endpoint}: {exc}；请给出 Graph Store Protocol 端点的 http(s) 地址") from None
    password = _password(user, password)
    client = Client(endpoint, user, password, connect_timeout=connect_timeout, timeout=timeout)
    state = State(state_path(store, endpoint), endpoint)
    todo: list[str | None] = list(graphs(store))
    if any(True for _ in store.db.quads_for_pattern(None, None, None, ox.DefaultGraph())):
        todo.insert(0, None)
    t0 = time.perf_counter()
    pusher = _Pusher(client, state, workers, part_bytes, progress, len(todo))
    try:
        try:
            client.handshake({"graph": todo[0] or iris.GRAPH_VOCAB})
        except Failure as exc:
            raise _error(endpoint, todo[0], exc, pusher.done, state, 1, len(todo)) from None
        with tempfile.TemporaryDirectory(prefix="kg-push-") as tmp:
            pusher.run(store, todo, Path(tmp), resume)
    finally:
        client.close()
    state.compact()
    done = pusher.done
    seconds = time.perf_counter() - t0
    rate = done.triples / seconds if seconds else 0.0
    skipped = f"，内容未变跳过 {done.skipped} 个" if done.skipped else ""
    return (
        f"已推送到 {endpoint}：命名图 {len(done.replaced)} 个{skipped}，三元组 {done.triples} 个，"
        f"用时 {seconds:.1f} 秒（{rate:,.0f} 三元组/秒）"
    )


class _Pusher:
    """Reads the graphs in turn (the calling thread) while worker threads send what was read; at
    most `workers` requests are under way at any time, parts of one graph included."""

    def __init__(self, client: Client, state: State, workers: int, part_bytes: int, progress, total: int):
        self.client, self.state, self.part_bytes, self.progress = client, state, part_bytes, progress
        self.workers = max(1, workers)
        self.total = total
        self.done = _Progress([], {})
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.slots = threading.BoundedSemaphore(self.workers)  # requests under way
        self.failure: list[tuple[str | None, Failure]] = []
        self.ordinal: dict[str | None, int] = {}  # graph -> its place in the order sent

    def run(self, store: GraphStore, todo: list[str | None], tmp: Path, resume: bool) -> None:
        ahead = threading.BoundedSemaphore(self.workers * 2)  # graphs read and not yet sent
        futures: list[Future] = []
        seen: set[str | None] = set()
        reader = read_graphs(
            store, tmp, self.part_bytes, lambda iri: resume and self.state.knows(iri), self.stop
        )
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="kg-push") as pool:
            try:
                for item in _then_empty(reader, todo, seen):
                    seen.add(item.iri)
                    if self.stop.is_set():
                        break
                    if resume and isinstance(item, Whole) and self.state.has(item):
                        item.release()
                        self._tick(skipped=True)
                        continue
                    ahead.acquire()
                    self.ordinal[item.iri] = len(self.ordinal) + 1 + self.done.skipped
                    futures.append(pool.submit(self._graph, item, ahead))
            except Stopped:
                pass  # a graph failed while a large one was still being read: said below
            except BaseException:  # Ctrl-C: no new requests; those under way end (or time out)
                self.stop.set()
                raise
            finally:
                reader.close()
        for f in futures:
            f.result()  # a bug in a worker surfaces here
        if self.failure:
            graph, exc = self.failure[0]
            position = self.ordinal.get(graph, 0)
            raise _error(self.client.url, graph, exc, self.done, self.state, position, self.total)

    def _tick(self, skipped: bool = False) -> None:
        with self.lock:
            self.done.skipped += int(skipped)
            count = len(self.done.replaced) + self.done.skipped
        if self.progress:
            self.progress("推送", count, self.total)

    def _request(self, method: str, params: dict[str, str | None], body: bytes) -> None:
        with self.slots:
            self.client.ok(method, params, body, {"Content-Type": TURTLE})

    def _graph(self, d: Whole | Live, ahead: threading.BoundedSemaphore) -> None:
        key = d.iri or "default"
        try:
            if self.stop.is_set():
                return  # another graph failed: nothing new goes out
            self._send(d, key)
            with self.lock:
                self.done.replaced.append(key)
                self.done.partial.pop(key, None)
                self.done.triples += d.triples
            self.state.record(d)
            self._tick()
        except Failure as exc:
            self.stop.set()
            with self.lock:
                self.failure.append((d.iri, exc))
        finally:
            d.release()
            ahead.release()

    def _send(self, d: Whole | Live, key: str) -> None:
        """PUT the first part (it replaces the graph), then POST the others, several at a time."""
        params: dict[str, str | None] = {"graph": d.iri} if d.iri else {"default": None}
        parts = d.parts(self.part_bytes)
        self.state.forget(d.iri)  # from the PUT on, the endpoint no longer holds what was recorded
        self._request("PUT", params, next(parts))
        with self.lock:
            self.done.partial[key] = (1, 0)
        errors: list[Failure] = []
        room = threading.BoundedSemaphore(self.workers)  # parts read ahead of their POST

        def post(body: bytes) -> None:
            try:
                if not (self.stop.is_set() or errors):
                    self._request("POST", params, body)
                    with self.lock:
                        sent, total = self.done.partial[key]
                        self.done.partial[key] = (sent + 1, total)
            except Failure as exc:
                errors.append(exc)
            finally:
                room.release()

        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="kg-part") as pool:
            try:
                for body in parts:
                    if self.stop.is_set() or errors:
                        break
                    room.acquire()
                    pool.submit(post, body)
            except Stopped:
                errors.append(Failure("命名图未读完就停止了"))
        if errors:
            raise errors[0]
        if self.stop.is_set() and (isinstance(d, Live) and not d.finished.is_set()):
            raise Failure("已停止：另一个命名图失败")


def _then_empty(reader, todo: list[str | None], seen: set) -> Iterator[Whole | Live]:
    """The graphs read, then an empty one for each graph to send that holds no triple (the
    vocabulary, shared and links graphs are always sent: so a push empties links an earlier left)."""
    yield from reader
    for iri in todo:
        if iri not in seen:
            yield Whole(iri, 0, 0, hashlib.sha256(b"").hexdigest(), data=b"")


def _error(
    endpoint, graph, exc: Failure, done: _Progress, state: State, position: int, total: int
) -> PushError:
    """One line: what failed, what the endpoint holds now, how to go on."""
    where = f"（第 {position}/{total} 个）" if position else ""
    replaced = len(done.replaced)
    partial = [g for g in done.partial if g != (graph or "default")]
    held = (
        f"此前已完整替换 {replaced} 个命名图（清单：{state.path}）" if replaced else "远端尚未替换任何命名图"
    )
    if graph is not None and (graph or "default") in done.partial:
        sent, _ = done.partial[graph or "default"]
        held += f"；{_what(graph)} 只送达前 {sent} 部分（远端此图不完整）"
    if partial:
        held += f"；另有 {len(partial)} 个命名图只送达一部分"
    return PushError(
        f"{endpoint}: {exc}，写入 {_what(graph)}{where} 时；{held}；其余未动。续传：同一命令加 --resume",
        endpoint=endpoint,
        graph=graph,
        replaced=tuple(done.replaced),
        state=state.path,
    )
