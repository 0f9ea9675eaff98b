"""A store folder as a series of generations, one of them current; a switch is one atomic rename.

    STORE/
      CURRENT          the current generation's name, one line ("gen-000012"), replaced by os.replace
      LOCK             the writer lock (kg.writelock)
      gen-000012/      oxigraph/ (RocksDB), manifest.json, link/ (link state and caches), READERS
      gen-000013/      being built by the writer that holds LOCK (not named by CURRENT: nobody reads it)

A writer (build, add, remove) holds LOCK, fills a new generation folder — a build from nothing, an add or a
remove from a copy of the current one: a RocksDB checkpoint of hard links to the immutable table files,
and hard links to the other files, which are only ever replaced whole, never rewritten in place — syncs
it to disk and then replaces CURRENT. Before that instant readers see generation N, after it N+1; at
no instant is there no complete store. The new generation is built under its final name (no rename
at the switch): RocksDB and the link state keep the paths they were made with.

A reader opens the generation CURRENT names and holds a shared flock on its READERS file while it
reads: a writer deletes a generation that is not current only when it can lock that file exclusively,
after moving the folder aside under that lock. `kg serve` so keeps serving generation N while N+1 is
built and until it has moved its server onto N+1.

Leftovers (a generation a killed writer was building, CURRENT.tmp, folders being deleted, the
`.STORE.building-*` and `STORE.old` folders of earlier versions) are cleaned by the next writer. A store
of the earlier layout (STORE/oxigraph and STORE/manifest.json, no CURRENT) is read as it is and becomes
a generation at the next write.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

from kg import faults
from kg.errors import StoreError, no_store

POINTER = "CURRENT"
LEASE = "READERS"
DB = "oxigraph"
_NAME = re.compile(r"^gen-(\d+)$")
LEGACY = ("oxigraph", "manifest.json", "manifest.tmp", "link")  # the earlier layout, at the store's top
_TRASH = ".trash-"

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no leases, nothing old is deleted while in doubt
    fcntl = None  # type: ignore[assignment]


def gen_name(n: int) -> str:
    return f"gen-{n:06d}"


def gen_number(name: str) -> int | None:
    m = _NAME.match(name)
    return int(m.group(1)) if m else None


def read_pointer(root: Path) -> str | None:
    """The name in STORE/CURRENT, None when there is no such file."""
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"{root}: 无法读取 {POINTER}（{exc.strerror}）") from None
    if gen_number(name) is None:
        raise StoreError(f"{root}: {POINTER} 已损坏（内容为 {name[:40]!r}）；请用 kg build 目录… 重建")
    return name


def is_store(root: str | Path) -> bool:
    """Whether the folder holds a store (of either layout)."""
    root = Path(root)
    return (root / POINTER).is_file() or (root / DB).is_dir()


# ---- readers -----------------------------------------------------------------------------------


class Lease:
    """A shared lock on a generation's READERS file: while held, no writer deletes that generation."""

    def __init__(self, fd: int | None):
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing drops the flock
            self.fd = None

    def __del__(self) -> None:
        self.release()


def take_lease(path: Path, *, create: bool = False, wait: float = 10.0) -> Lease | None:
    """A shared lock on `path`, or None when the file is gone (its generation was deleted meanwhile).
    With `create`, the file is made when missing (the earlier layout had none); a folder where it cannot
    be made (read-only media) is read without a lease."""
    if fcntl is None:
        return Lease(None)
    flags = os.O_RDONLY | (os.O_CREAT if create else 0)
    try:
        fd = os.open(path, flags, 0o644)
    except FileNotFoundError:
        return None
    except OSError:
        return Lease(None) if create else None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            break
        except BlockingIOError:  # a writer is moving the generation aside: it holds the lock a moment
            if time.monotonic() > deadline:
                os.close(fd)
                return None
            time.sleep(0.01)
        except OSError:  # no flock on this file system
            return Lease(fd)
    try:
        same = os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        same = False
    if not same:  # moved aside and deleted while we waited
        os.close(fd)
        return None
    return Lease(fd)


def open_current(root: str | Path) -> tuple[Path, Lease]:
    """(the folder of the current generation, a lease on it) for a reader. The earlier layout's folder
    is its own generation; so is a generation folder given directly. StoreError when there is no store."""
    root = Path(root)
    for _ in range(200):
        name = read_pointer(root)
        if name is not None:
            gen = root / name
            lease = take_lease(gen / LEASE)
            if lease is not None:
                return gen, lease
            if (gen / DB).is_dir():  # a copy without its READERS file: readable, not leased
                return gen, Lease(None)
            if read_pointer(root) == name:
                raise StoreError(f"{root}: {POINTER} 指向的 {name} 不存在；请用 kg build 目录… 重建")
            continue  # switched and the old generation deleted while we looked: look again
        if (root / DB).is_dir():
            lease = take_lease(root / LEASE, create=True)
            if lease is None:
                continue
            if read_pointer(root) is None and (root / DB).is_dir():
                return root, lease
            lease.release()
            continue
        old = root.with_name(root.name + ".old")
        if (old / DB).is_dir() and not (root / DB).exists():  # an earlier version was killed mid-swap
            return old, take_lease(old / LEASE, create=True) or Lease(None)
        raise no_store(root)
    raise StoreError(f"{root}: 打开图谱时它一直在变化；请稍后再试")


# ---- the writer's side -------------------------------------------------------------------------


def current(root: Path) -> Path | None:
    """The current generation for a writer (who holds the lock, so it cannot change): the folder
    CURRENT names, the store folder itself in the earlier layout, or None for no store."""
    name = read_pointer(root)
    if name is not None:
        gen = root / name
        if not (gen / DB).is_dir():
            raise StoreError(f"{root}: {POINTER} 指向的 {name} 不存在；请用 kg build 目录… 重建")
        return gen
    return root if (root / DB).is_dir() else None


def next_generation(root: Path) -> Path:
    """The folder name for the next generation, numbered after every one present (not made yet: the
    writer records it as pending first, so an interrupt at any later instant leaves nothing behind)."""
    numbers = [gen_number(p.name) or 0 for p in root.iterdir()] if root.exists() else []
    return root / gen_name(max([0, *numbers]) + 1)


def make_generation(gen: Path) -> None:
    """Make the empty generation folder `gen` (from next_generation), with its readers' lease file."""
    gen.mkdir(parents=True)
    (gen / LEASE).touch()


def copy_generation(src: Path, dst: Path) -> None:
    """Make `dst` (new and empty) a copy of generation `src`, cheaply: the dataset as a RocksDB
    checkpoint (hard links to its immutable files) taken through a read-only open, so the published
    generation is never opened for writing; the other files as hard links. Every file of a generation
    is replaced whole (written aside, then os.replace), never rewritten in place, so a link never lets
    the new generation change the old one (a test checks the old generation's bytes after `kg add`)."""
    import pyoxigraph as ox

    try:
        db = ox.Store.read_only(str(src / DB))
        db.backup(str(dst / DB))
        del db
    except OSError as exc:
        raise StoreError(f"{src}: 无法复制图谱（{str(exc).splitlines()[0][:160]}）") from None
    legacy = src == dst.parent
    for entry in src.iterdir():
        if entry.name in (DB, LEASE) or (legacy and entry.name not in LEGACY):
            continue
        if entry.is_dir():
            for path in entry.rglob("*"):
                target = dst / path.relative_to(src)
                if path.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    _link(path, target)
        elif entry.is_file():
            _link(entry, dst / entry.name)


def _link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system, or no hard links here
        shutil.copy2(src, dst)


def publish(root: Path, gen: Path) -> None:
    """Make `gen` (complete, closed) the current generation: its files synced, then CURRENT replaced
    (written aside and synced first) and the folder synced. The replace is the one instant of change."""
    _sync_tree(gen)
    tmp = root / (POINTER + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(gen.name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    faults.point("switch:mid")
    os.replace(tmp, root / POINTER)
    _sync_dir(root)


def _sync_tree(folder: Path) -> None:
    for dirpath, _dirs, files in os.walk(folder):
        for f in files:
            try:
                fd = os.open(os.path.join(dirpath, f), os.O_RDONLY)
            except OSError:
                continue
            try:
                os.fsync(fd)
            except OSError:
                pass
            finally:
                os.close(fd)
        _sync_dir(Path(dirpath))


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def discard(gen: Path) -> None:
    """Remove a generation that was never published (a failed or interrupted write). Tried again when
    something (a store still closing) wrote into the folder while it was being removed."""
    for _ in range(3):
        shutil.rmtree(gen, ignore_errors=True)
        if not gen.exists():
            return
        time.sleep(0.05)


# ---- cleaning ------------------------------------------------------------------------------------


def clean(root: Path, *, keep: Path | None = None) -> list[str]:
    """Remove what no reader needs (the writer holds the lock): generations other than the current one
    (and `keep`) that no reader holds, a CURRENT.tmp, folders half deleted, and the earlier layout's
    files once CURRENT exists. Returns one note per thing removed that a user may wonder about."""
    notes: list[str] = []
    if not root.is_dir():
        return notes
    try:
        cur = read_pointer(root)
    except StoreError:  # which generation is current is unknown: delete none
        return notes
    if cur is not None and not (root / cur / DB).is_dir():  # the current one is missing: keep the others
        return notes
    (root / (POINTER + ".tmp")).unlink(missing_ok=True)
    cur_n = gen_number(cur) if cur else 0
    for entry in sorted(root.iterdir()):
        n = gen_number(entry.name)
        if n is None or entry.name == cur or entry == keep or not entry.is_dir():
            continue
        if _remove_generation(root, entry) and n > (cur_n or 0):  # never published: a write was killed
            notes.append(f"{entry}: 上次中断的写入留下的未完成版本，已清除")
    for entry in _trash(root):
        shutil.rmtree(entry, ignore_errors=True)
    if cur is not None and any((root / name).exists() for name in (*LEGACY, LEASE)):
        _remove_legacy(root)
    return notes


def _trash(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if p.name.startswith(_TRASH)] if root.is_dir() else []


def _remove_generation(root: Path, gen: Path) -> bool:
    """Move the generation aside under an exclusive lock of its READERS file, then delete it; False
    (and nothing done) while a reader holds it."""
    with _exclusive(gen / LEASE) as free:
        if not free:
            return False
        trash = root / f"{_TRASH}{gen.name}-{os.getpid()}-{time.monotonic_ns()}"
        os.rename(gen, trash)
    shutil.rmtree(trash, ignore_errors=True)
    return True


def _remove_legacy(root: Path) -> None:
    """The earlier layout's files, once a generation replaced them and no reader of them is left."""
    with _exclusive(root / LEASE) as free:
        if not free:
            return
        moved = []
        for name in LEGACY:
            p = root / name
            if p.exists():
                trash = root / f"{_TRASH}legacy-{name}-{os.getpid()}-{time.monotonic_ns()}"
                os.rename(p, trash)
                moved.append(trash)
        (root / LEASE).unlink(missing_ok=True)  # the old layout's lease: readers now follow CURRENT
    for p in moved:
        _remove_path(p)


class _exclusive:
    """`with _exclusive(path) as free:` free is True when nobody holds a shared lock on the file (or it
    does not exist); the exclusive lock is held inside the block."""

    def __init__(self, path: Path):
        self.path = path
        self.fd: int | None = None

    def __enter__(self) -> bool:
        if fcntl is None:
            return False  # no leases can be seen: keep everything
        try:
            self.fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return True
        except OSError:
            return False
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)


def clean_earlier_version(root: Path) -> list[str]:
    """Leftovers of the earlier build-aside-and-swap code beside the store folder (the writer holds the
    lock): `STORE.old` (its content moved back when the swap was killed between its two renames, else
    deleted) and `.STORE.building-*` folders of killed builds (deleted unless a process still has their
    database open for writing)."""
    notes: list[str] = []
    parent = root.parent
    old = root.with_name(root.name + ".old")
    if (old / DB).is_dir() and not is_store(root) and not _db_in_use(old / DB):
        for name in LEGACY:
            if (old / name).exists():
                if (root / name).exists():  # a partial entry the swap left: the old one is complete
                    _remove_path(root / name)
                os.rename(old / name, root / name)
        notes.append(f"{root}: 恢复了旧版本在替换中途被中断时留下的图谱（{old.name}）")
    if old.is_dir() and not _db_in_use(old / DB):
        shutil.rmtree(old, ignore_errors=True)
    for p in parent.glob(f".{root.name}.building-*"):
        if p.is_dir() and not _db_in_use(p / DB):
            shutil.rmtree(p, ignore_errors=True)
            notes.append(f"{p}: 旧版本中断的构建留下的临时目录，已清除")
    return notes


def _remove_path(p: Path) -> None:
    if p.is_dir():
        shutil.rmtree(p, ignore_errors=True)
    else:
        p.unlink(missing_ok=True)


def _db_in_use(db: Path) -> bool:
    """Whether a process has this RocksDB open for writing (it holds a POSIX lock on db/LOCK)."""
    lock = db / "LOCK"
    if fcntl is None or not lock.exists():
        return False
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)
