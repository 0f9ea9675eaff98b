"""A query that cannot run away: evaluated in a forked child process that a timeout or Ctrl-C kills at
once, under a memory bound.

pyoxigraph has no way to cancel a query, and a query evaluates as its answer is read, so a thread
could only be abandoned, still computing (an ORDER BY over a cross join of a 9,000-triple store
materialises 75 million rows and ends in an allocation failure that aborts the whole process). A child
process is stopped for real: SIGKILL. Its address space is bounded (RLIMIT_AS), so a query that would
take the machine's memory fails alone; the parent says so on one line. The bound is on what the query
adds: a forked child starts with its parent's mappings, and a long-lived parent (a test run, a
notebook) may already hold more address space than the bound itself.

The child opens the store itself (the parent must not have it open: RocksDB is not fork-safe) and
hands back the formatted answer through a pipe.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import Any

from kg.errors import KGError, QueryError

DEFAULT_TIMEOUT = 60.0


class QueryTimeout(QueryError):
    """The query ran past its time and was stopped."""


def max_memory_mb() -> int:
    """What a query may add to its child's address space: KG_QUERY_MAX_MB, default 2048 (0: none)."""
    try:
        return int(os.environ.get("KG_QUERY_MAX_MB", "") or 2048)
    except ValueError:
        return 2048


def run(work: Callable[[], Any], *, timeout: float | None, origin: str = "query") -> Any:
    """`work()` evaluated in a child process, its result returned here. QueryTimeout after `timeout`
    seconds (None or 0: no limit); KeyboardInterrupt (Ctrl-C) kills the child first; a QueryError of the
    child is raised here; any other failure of the child becomes one QueryError line."""
    if not hasattr(os, "fork"):  # pragma: no cover - not POSIX: no isolation, no timeout
        return work()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (its coverage is not collected)
        os.close(r)
        _child(work, w)
    os.close(w)
    try:
        data = _collect(r, pid, timeout, origin)
    except BaseException:
        _kill(pid)
        raise
    finally:
        os.close(r)
    status = _reap(pid)
    return _result(data, status, origin)


def _child(work: Callable[[], Any], w: int) -> None:
    code = 0
    try:
        from kg.lifetime import die_with_parent

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C does
        die_with_parent()
        devnull = os.open(os.devnull, os.O_WRONLY)  # the engine's own abort message: the parent says it
        os.dup2(devnull, 2)
        limit = max_memory_mb()
        if limit > 0:
            import resource

            bound = _address_space() + (limit << 20)
            resource.setrlimit(resource.RLIMIT_AS, (bound, bound))
        try:
            payload: tuple[str, Any] = ("ok", work())
        except KGError as exc:
            payload = ("error", str(exc))
        except MemoryError:
            payload = ("memory", "")
        except BaseException as exc:  # noqa: BLE001 - a panic of the engine is a BaseException
            payload = ("failed", f"{exc.__class__.__name__}: {' '.join(str(exc).split())[:200]}")
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            n = os.write(w, view)
            view = view[n:]
    except BaseException:  # noqa: BLE001
        code = 1
    finally:
        os._exit(code)


def _address_space() -> int:
    """Bytes of address space this process holds now (Linux: VmSize); 0 where that cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) << 10
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _collect(r: int, pid: int, timeout: float | None, origin: str) -> bytes:
    deadline = time.monotonic() + timeout if timeout else None
    chunks: list[bytes] = []
    while True:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([r], [], [], wait)
        if not ready:
            raise QueryTimeout(
                f"{origin}: 查询超过 {timeout:g} 秒，已停止；请缩小查询范围（加 LIMIT、更具体的条件），"
                "或用 --timeout 放宽时限"
            )
        chunk = os.read(r, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _reap(pid)


def _reap(pid: int) -> int:
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return 0


def _result(data: bytes, status: int, origin: str) -> Any:
    try:
        kind, value = pickle.loads(data) if data else ("died", "")
    except Exception:  # noqa: BLE001 - a cut payload: the child died while writing
        kind, value = "died", ""
    if kind == "ok":
        return value
    if kind == "error":
        raise QueryError(value)
    limit = max_memory_mb()
    if kind == "memory" or (
        kind == "died" and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT
    ):
        raise QueryError(
            f"{origin}: 查询所需内存超过上限（{limit} MB），已停止；请缩小查询范围，或设置 KG_QUERY_MAX_MB"
        )
    if kind == "died":
        how = (
            f"signal {os.WTERMSIG(status)}"
            if os.WIFSIGNALED(status)
            else f"exit status {os.WEXITSTATUS(status)}"
        )
        raise QueryError(f"{origin}: 查询引擎异常退出（{how}），查询未完成")
    raise QueryError(f"{origin}: 查询引擎出错（{value}），查询未完成")
