"""One writer at a time: `kg build`, `kg add` and `kg remove` hold STORE/LOCK exclusively.

The lock is an flock(2) on the file, so the kernel drops it when the holder dies however it dies
(kill -9, power cut, OOM killer): a lock left by a dead writer is simply taken by the next one, which
is told so (its leftovers are then cleaned, see kg.generations). The file holds who has it (pid,
host, command, start time), for the one-line refusal a second writer gets at once. Readers never
take it: they read published generations, which no writer changes.

Where flock is missing (not POSIX, some network file systems) the file's content is the lock: a holder
whose pid is gone on this host is taken over.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError

LOCK_FILE = "LOCK"

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    command: str
    started: str

    def describe(self) -> str:
        return f"{self.command}（pid {self.pid}，主机 {self.host}，开始于 {self.started}）"

    def alive(self) -> bool | None:
        """Whether the holder's process still runs (None: it runs on another host, unknown)."""
        if self.host != socket.gethostname():
            return None
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def _me(command: str) -> Holder:
    started = dt.datetime.now().astimezone().replace(microsecond=0).isoformat(sep=" ")
    return Holder(os.getpid(), socket.gethostname(), command, started)


def _parse(raw: bytes) -> Holder | None:
    try:
        d = json.loads(raw.decode("utf-8"))
        return Holder(int(d["pid"]), str(d["host"]), str(d["command"]), str(d["started"]))
    except (ValueError, KeyError, TypeError):
        return None


class WriterLock:
    """`with WriterLock(store_root, "kg add"):` — or StoreError naming the writer that holds it.

    `stale` is the holder of a lock its writer never released (it died): the caller reports it."""

    def __init__(self, root: str | Path, command: str):
        self.root = Path(root)
        self.command = command
        self.fd: int | None = None
        self.stale: Holder | None = None

    @property
    def path(self) -> Path:
        return self.root / LOCK_FILE

    def acquire(self) -> WriterLock:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"{self.root}: 无法锁定图谱以写入（{exc.strerror}）") from None
        try:
            self._lock(fd)
            previous = _parse(_read(fd))
            if previous is not None and previous.pid != os.getpid():
                self.stale = previous  # it never released the lock: it died (or the machine did)
            me = _me(self.command)
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(me.__dict__, ensure_ascii=False).encode("utf-8"), 0)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        return self

    def _lock(self, fd: int) -> None:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                raise StoreError(self._refusal(_parse(_read(fd)))) from None
            except OSError:  # no flock here: the content is the lock
                pass
        holder = _parse(_read(fd))
        if holder is not None and holder.alive() is not False and holder.pid != os.getpid():
            raise StoreError(self._refusal(holder))

    def _refusal(self, holder: Holder | None) -> str:
        if holder is None:
            return f"{self.root}: 图谱正被另一个写入进程修改；请等它结束后再试"
        if holder.alive() is False:
            tail = "；该进程已结束，但它留下的子进程仍持有锁，请先结束这些子进程"
        else:
            tail = "；请等它结束后再试"
        return f"{self.root}: 图谱正被另一个写入进程修改：{holder.describe()}{tail}"

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            os.ftruncate(self.fd, 0)  # empty: released cleanly (a dead writer leaves its line)
            if fcntl is not None:
                try:
                    fcntl.flock(self.fd, fcntl.LOCK_UN)
                except OSError:
                    pass
        finally:
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read(fd: int) -> bytes:
    return os.pread(fd, 4096, 0)


def holder(root: str | Path) -> Holder | None:
    """Who holds the writer lock of a store now (None: nobody)."""
    path = Path(root) / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return _parse(_read(fd))
            except OSError:
                pass
            else:
                fcntl.flock(fd, fcntl.LOCK_UN)
                return None
        h = _parse(_read(fd))
        return h if h is not None and h.alive() is not False else None
    finally:
        os.close(fd)
