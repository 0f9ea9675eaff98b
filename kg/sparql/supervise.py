"""`kg serve`: the front (kg.sparql.front) on the public port, one supervised Oxigraph server behind it.

Every `poll` seconds the supervisor looks at two things and says on stderr what it did:
* the Oxigraph server died (a query that exhausted its memory bound, a panic): it is started again over
  the current generation; the requests in it got 502, the next ones are answered;
* the store's current generation changed (a `kg build`, `kg add` or `kg remove` finished): a server is
  started over the new generation and, once it answers, new requests go there; the old server finishes
  the requests it has, then stops and lets go of its generation, which the next writer deletes.
While a writer builds generation N+1 the endpoint keeps answering from N, whole and unchanged.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.sparql.front import HOST, FrontServer, Limits, Upstream

POLL = 1.0  # seconds between looks at the store's pointer
HEALTH = 0.2  # seconds between looks at the server's process


def _generation_name(root: Path) -> str:
    """What the store's current generation is called now (the store folder itself in the old layout)."""
    from kg.generations import read_pointer

    return read_pointer(root) or root.name


def _start(root: Path, timeout: float, memory_mb: int | None) -> Upstream:
    from kg.sparql.serve import start_server

    handle = start_server(root, port=0, timeout=timeout, memory_mb=memory_mb)
    return Upstream(handle, handle.location.parent.name)


def serve(
    store_path: str | Path,
    port: int = 7878,
    timeout: float = 30.0,
    announce: Callable[[str], Any] = print,
    *,
    max_mb: int = 64,
    memory_mb: int | None = 2048,
    concurrent: int = 4,
    poll: float = POLL,
    stop: threading.Event | None = None,
    ready: Callable[[str], Any] | None = None,
) -> None:
    """Serve the store on 127.0.0.1:`port` until Ctrl-C, SIGTERM or `stop` is set. `ready(url)` is
    called once the endpoint answers (tests use it to learn the port when `port` is 0)."""
    from kg.sparql.serve import port_free, write_examples_page

    root = Path(store_path)
    if port and not port_free(port):
        raise KGError(f"{HOST}:{port}: 端口已被占用（另一个 kg serve？）；请用 --port 换一个")
    stop = stop or threading.Event()
    up = _start(root, timeout, memory_mb)
    front = FrontServer(port, Limits(timeout=timeout, max_bytes=max_mb << 20, concurrent=concurrent))
    front.set_upstream(up)
    worker = threading.Thread(target=front.serve_forever, name="kg-front", daemon=True)
    worker.start()
    previous = _on_sigterm(stop)
    retiring: list[threading.Thread] = []
    try:
        examples = write_examples_page(root, front.url)
        announce(f"SPARQL 端点：{front.url}/query")
        announce(f"查询页面：{front.url}/")
        if examples:
            announce(f"内置查询示例：{examples.as_uri()}")
        announce(
            f"单个查询超时 {timeout:g} 秒，答案上限 {max_mb} MB；只监听本机 {HOST}；"
            f"不接受更新与 SERVICE。正在提供 {up.generation}。按 Ctrl-C 退出。"
        )
        if ready:
            ready(front.url)
        last_look = time.monotonic()
        while not stop.wait(min(poll, HEALTH)):
            pointer = time.monotonic() - last_look >= poll
            if pointer:
                last_look = time.monotonic()
            try:
                up = _watch(root, front, up, timeout, memory_mb, announce, retiring, pointer=pointer)
            except Exception as exc:  # noqa: BLE001 - one failed look must not take the endpoint down
                announce(f"检查查询引擎时出错（{type(exc).__name__}: {exc}）；继续提供 {up.generation}")
    except KeyboardInterrupt:
        pass
    finally:
        front.shutdown()
        front.server_close()
        current = front.set_upstream(None)  # type: ignore[arg-type]
        for t in retiring:
            t.join(timeout=timeout + 5)
        if current is not None:
            current.handle.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    announce("服务已停止")


def _watch(
    root: Path,
    front: FrontServer,
    up: Upstream,
    timeout: float,
    memory_mb: int | None,
    announce: Callable[[str], Any],
    retiring: list[threading.Thread],
    *,
    pointer: bool = True,
) -> Upstream:
    """One look: restart a dead server, and (`pointer`) move onto a new generation; returns the server
    now in use."""
    if not up.handle.running():
        announce(f"查询引擎意外退出（{_why(up)}），正在重启……")
        up.handle.stop()
        try:
            new = _start(root, timeout, memory_mb)
        except KGError as exc:
            announce(f"查询引擎重启失败：{exc}；稍后再试")
            return up
        front.set_upstream(new)
        announce(f"查询引擎已重启，正在提供 {new.generation}")
        return new
    if not pointer:
        return up
    try:
        name = _generation_name(root)
    except KGError:
        return up  # a damaged pointer: keep serving what we have
    if name == up.generation:
        return up
    try:
        new = _start(root, timeout, memory_mb)
    except KGError as exc:
        announce(f"图谱已更新为 {name}，但新版本未能启动（{exc}）；继续提供 {up.generation}")
        return up
    old = front.set_upstream(new)
    announce(f"图谱已更新：改为提供 {new.generation}（原 {up.generation}）")
    if old is not None:
        t = threading.Thread(target=_retire, args=(old, timeout), name="kg-retire", daemon=True)
        t.start()
        retiring.append(t)
    retiring[:] = [t for t in retiring if t.is_alive()]
    return new


def _why(up: Upstream) -> str:
    """What the server's log or exit says about its end (not its start-up line)."""
    try:
        log = up.handle.log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        log = []
    for mark in ("memory allocation of", "panicked at", "rror"):
        hit = next((ln.strip() for ln in log if mark in ln), None)
        if hit:
            return ("超出内存上限：" if mark.startswith("memory") else "") + hit[:200]
    rc = up.handle.proc.returncode
    return f"被信号 {-rc} 终止" if rc is not None and rc < 0 else f"退出码 {rc}"


def _retire(old: Upstream, timeout: float) -> None:
    """Let the old server finish its requests, then stop it and release its generation."""
    old.drain(within=timeout + 5)
    old.handle.stop()


def _on_sigterm(stop: threading.Event) -> Any:
    if threading.current_thread() is not threading.main_thread():
        return None

    def on_term(signum: int, frame: Any) -> None:  # a service manager's stop: like Ctrl-C
        stop.set()

    return signal.signal(signal.SIGTERM, on_term)
