"""A private Virtuoso for `kg push`: its own database folder and virtuoso.ini, loopback only.

    python scripts/virtuoso.py start DIR PORT [--profile pc|server|tiny]   # prints the endpoint
    python scripts/virtuoso.py stop DIR

Needs Debian's Virtuoso binaries (`apt-get install virtuoso-opensource`, or just
`virtuoso-opensource-7-bin`: virtuoso-t and isql-vt); the system-wide service is not used.
`start` writes DIR/virtuoso.ini (HTTP on 127.0.0.1:PORT, the SQL port on 127.0.0.1 too), starts
the server, waits until it answers SPARQL, gives `dba` a random password and creates the user `kg`
with the SPARQL_UPDATE role, which is what the Graph Store Protocol's authenticated endpoint
(/sparql-graph-crud-auth, Digest) needs. Both passwords are written to DIR (mode 0600); push with

    KG_PUSH_PASSWORD=$(cat DIR/kg.password) kg push --endpoint http://127.0.0.1:PORT/sparql-graph-crud-auth --user kg

and query http://127.0.0.1:PORT/sparql. `stop` shuts it down cleanly (checkpoint, then exit).
Starting an existing DIR again keeps its data and passwords. Only the standard library: the
test fixture and bench/virtuoso.py import this file.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SERVER, ISQL = "virtuoso-t", "isql-vt"
USER = "kg"

# Page buffers (8 KB each; Virtuoso's own guidance: about 2/3 of the memory it may use). 10M
# CadreKG triples take ~1.3 GB on disk (bench/README.md), so `server` holds all of it in memory with
# room for the loader; `pc` suits an ordinary 8 GB PC (queries read some pages from disk past ~5M
# triples); `tiny` is Virtuoso's default, enough for the sample (CI).
# MaxMemPoolSize bounds the memory of compiling one query: the bound external-practices needs
# more than the built-in 400 MB (its four unions make Virtuoso 7.2 try many join orders).
PROFILES = {
    "server": (680_000, 500_000, 2_000_000_000),  # ~5.5 GB of pages: a 24 GB machine shared with other work
    "pc": (170_000, 130_000, 1_000_000_000),  # ~1.4 GB: an 8 GB PC
    "tiny": (10_000, 6_000, 400_000_000),  # ~85 MB: the sample (CI)
}

INI = """\
; written by scripts/virtuoso.py: a private, loopback-only Virtuoso for kg push
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
CheckpointInterval = 60
NumberOfBuffers    = {buffers}
MaxDirtyBuffers    = {dirty}
MaxQueryMem        = 2G
MaxMemPoolSize     = {pool}
ThreadsPerQuery    = {cpus}
AsyncQueueMaxThreads = 10
DirsAllowed        = {d}
CaseMode           = 2

[HTTPServer]
ServerPort            = 127.0.0.1:{port}
ServerRoot            = {d}
ServerThreads         = 10
MaxClientConnections  = 10
MaxKeepAlives         = 10
KeepAliveTimeout      = 10
EnabledDavVSP         = 0
HTTPProxyEnabled      = 0
Charset               = UTF-8
EnabledGzipContent    = 1

[SPARQL]
; every row and no time cut: an "anytime" answer would be silently partial
ResultSetMaxRows           = 0
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 0
DefaultGraph               =
"""


class VirtuosoError(RuntimeError):
    """Virtuoso missing, not starting or not stopping; the message says what to do."""


@dataclass(frozen=True)
class Instance:
    dir: Path
    port: int
    sql_port: int
    password: str  # of the user `kg`

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> str:  # Graph Store Protocol, Digest authentication
        return self.url + "/sparql-graph-crud-auth"

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"


def available() -> bool:
    return bool(shutil.which(SERVER) and shutil.which(ISQL))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _secret(path: Path) -> str:
    if not path.exists():
        path.write_text(secrets.token_hex(16) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _ini_value(ini: Path, section: str, key: str) -> str:
    current = ""
    for line in ini.read_text(encoding="utf-8").splitlines():
        line = line.split(";", 1)[0].strip()
        if line.startswith("["):
            current = line.strip("[]")
        elif current == section and "=" in line and line.split("=", 1)[0].strip() == key:
            return line.split("=", 1)[1].strip()
    raise VirtuosoError(f"{ini}: no {key} in [{section}]")


def _pid(d: Path) -> int | None:
    """The server's pid from its lock file (VIRT_PID=…), if it is still alive."""
    try:
        text = (d / "virtuoso.lck").read_text()
        pid = int(text.split("=", 1)[1].split()[0])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    try:  # a crashed server not yet reaped is a zombie: gone for us
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return None
    except (OSError, IndexError):
        pass
    return pid


def isql(d: Path, sql: str, password: str | None = None, timeout: float = 120) -> str:
    """Run SQL statements through isql-vt as dba; the output, or VirtuosoError naming the failure."""
    ini = d / "virtuoso.ini"
    port = _ini_value(ini, "Parameters", "ServerPort")
    pwd = password if password is not None else _secret(d / "dba.password")
    proc = subprocess.run(
        [ISQL, port, "dba", pwd, "VERBOSE=OFF", "BANNER=OFF", f"EXEC={sql}"],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    out = proc.stdout + proc.stderr
    if proc.returncode != 0 or "*** Error" in out:
        raise VirtuosoError(f"{d}: isql failed: {' '.join(out.split())[:300]}")
    return out


def _ready(url: str, timeout: float) -> None:
    """Wait until /sparql answers an ASK (the HTTP server comes up before SPARQL is usable)."""
    q = urllib.parse.urlencode({"query": "ASK { }"})
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/sparql?{q}", timeout=5) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError) as exc:
            last = exc
        time.sleep(0.3)
    raise VirtuosoError(f"{url}: Virtuoso not answering after {timeout:.0f} s ({last})")


def write_ini(d: Path, port: int, profile: str = "pc", sql_port: int = 0) -> Path:
    if profile not in PROFILES:
        raise VirtuosoError(f"unknown profile {profile} (one of {', '.join(PROFILES)})")
    buffers, dirty, pool = PROFILES[profile]
    ini = d / "virtuoso.ini"
    text = INI.format(
        d=d,
        port=port,
        sql_port=sql_port or _free_port(),
        buffers=buffers,
        dirty=dirty,
        pool=pool,
        cpus=max(1, min(4, os.cpu_count() or 1)),
    )
    ini.write_text(text, encoding="utf-8")
    return ini


def start(d: Path | str, port: int, profile: str = "pc", timeout: float = 180) -> Instance:
    """Start (or restart on its data) the instance in DIR on 127.0.0.1:PORT; ready to push to."""
    if not available():
        raise VirtuosoError(
            f"{SERVER}/{ISQL} not found: apt-get install virtuoso-opensource (or virtuoso-opensource-7-bin)"
        )
    d = Path(d).resolve()
    d.mkdir(parents=True, exist_ok=True)
    if _pid(d):
        raise VirtuosoError(f"{d}: a Virtuoso is already running there (pid {_pid(d)}): stop it first")
    fresh = not (d / "virtuoso.db").exists()
    write_ini(d, port, profile)
    log = open(d / "start.log", "ab")  # noqa: SIM115 - the daemon keeps no handle on it
    # +wait: the server forks and the parent returns once it is online (or failed to start)
    proc = subprocess.run(
        [SERVER, "+configfile", str(d / "virtuoso.ini"), "+wait"],
        cwd=d,
        stdout=log,
        stderr=log,
        timeout=timeout,
    )
    log.close()
    if proc.returncode != 0 or not _pid(d):
        tail = (
            (d / "virtuoso.log").read_text(errors="replace")[-600:] if (d / "virtuoso.log").exists() else ""
        )
        raise VirtuosoError(
            f"{d}: virtuoso-t did not start (exit {proc.returncode}): {' '.join(tail.split())}"
        )
    url = f"http://127.0.0.1:{port}"
    _ready(url, timeout)
    dba, kg = _secret(d / "dba.password"), _secret(d / "kg.password")
    if fresh:  # a new database has dba/dba: replace it before anything else
        isql(d, f"USER_SET_PASSWORD ('dba', '{dba}');", password="dba")
    _grants(d, kg)
    return Instance(
        d, port, int(_ini_value(d / "virtuoso.ini", "Parameters", "ServerPort").split(":")[-1]), kg
    )


def _grants(d: Path, password: str) -> None:
    """The user `kg` with the SPARQL_UPDATE role (what /sparql-graph-crud-auth checks): created once,
    its password set from DIR/kg.password at each start (the file is the truth)."""
    out = isql(d, f"select count(*) from DB.DBA.SYS_USERS where U_NAME = '{USER}';")
    if re.search(r"^\s*0\s*$", out, re.M):
        isql(d, f"DB.DBA.USER_CREATE ('{USER}', '{password}'); GRANT SPARQL_UPDATE TO \"{USER}\";")
    else:
        isql(d, f"USER_SET_PASSWORD ('{USER}', '{password}');")


def stop(d: Path | str, timeout: float = 120) -> None:
    """Shut the instance in DIR down: a checkpoint then exit (SIGTERM, then SIGKILL, if isql cannot)."""
    d = Path(d).resolve()
    pid = _pid(d)
    if pid is None:
        return
    try:
        isql(d, "shutdown;", timeout=timeout)
    except (VirtuosoError, subprocess.TimeoutExpired):
        pass  # isql reports the dropped connection as an error: the pid says whether it stopped
    for sig in (None, signal.SIGTERM, signal.SIGKILL):
        if sig is not None and _pid(d):
            os.kill(pid, sig)
        deadline = time.monotonic() + (timeout if sig is None else 20)
        while _pid(d) and time.monotonic() < deadline:
            time.sleep(0.2)
        if not _pid(d):
            return
    raise VirtuosoError(f"{d}: Virtuoso (pid {pid}) would not stop")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("start", help="start the instance in DIR on 127.0.0.1:PORT")
    s.add_argument("dir", type=Path)
    s.add_argument("port", type=int)
    s.add_argument("--profile", choices=sorted(PROFILES), default="pc")
    t = sub.add_parser("stop", help="stop the instance in DIR")
    t.add_argument("dir", type=Path)
    a = ap.parse_args(argv)
    try:
        if a.cmd == "stop":
            stop(a.dir)
            print(f"stopped {a.dir}")
            return 0
        inst = start(a.dir, a.port, a.profile)
    except (VirtuosoError, subprocess.TimeoutExpired) as exc:
        print(f"virtuoso: {exc}", file=sys.stderr)
        return 1
    print(f"Virtuoso {inst.dir} (profile {a.profile}) ready")
    print(
        f"  push:  KG_PUSH_PASSWORD=$(cat {inst.dir}/kg.password) kg push --endpoint {inst.endpoint} --user {USER}"
    )
    print(f"  query: {inst.sparql}")
    print(f"  stop:  python {sys.argv[0]} stop {inst.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
