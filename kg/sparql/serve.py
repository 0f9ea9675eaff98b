"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, with a query page.

Runs the server of the `oxigraph` PyPI package (the Oxigraph CLI, installed next to the Python
interpreter) as a child process over the store's current generation:

    oxigraph serve-read-only --location STORE/gen-N/oxigraph --bind 127.0.0.1:PORT --union-default-graph

It listens on the loopback interface only, answers queries at /query (GET or POST, results as JSON,
XML, CSV or TSV by content negotiation), refuses updates with 403, and serves its own offline query
page (YASGUI) at /. The child dies with us (PR_SET_PDEATHSIG), its memory is bounded (RLIMIT_AS), and
it holds a reader lease on its generation, so writers build the next generation beside it and never
delete the one it reads.

`kg serve` itself (`serve`, in kg.sparql.supervise) puts kg.sparql.front before it — SERVICE and
updates refused, answers bounded in time and size, whole or an error status — restarts it when it
dies and moves it onto each new generation. `start_server` alone is the bare Oxigraph server (tests,
scripts): its --timeout-s cancels a long query after the answer has started with status 200, so the
body is cut short; `fetch_json` is the client helper that notices (QueryError).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from functools import partial
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError, StoreError

HOST = "127.0.0.1"
JSON_RESULTS = "application/sparql-results+json"
_READY_QUERY = "ASK { }"


# ---- the server binary ----------------------------------------------------------------------------


def oxigraph_binary() -> str:
    """The `oxigraph` executable: next to this Python interpreter (a venv's bin/ or Scripts/), else on PATH."""
    here = Path(sys.executable).parent
    for name in ("oxigraph", "oxigraph.exe"):
        cand = here / name
        if cand.is_file() and os.access(cand, os.X_OK):
            return str(cand)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise KGError("oxigraph：找不到服务程序；请 pip install oxigraph 安装（cadre-kg 依赖它）")


def free_port() -> int:
    """A TCP port on the loopback interface that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _check_no_writer(db: Path) -> None:
    """Refuse to serve a store another process has open for writing (RocksDB holds an fcntl lock on LOCK).

    Only meaningful for other processes: call it before this process opens the store itself.
    """
    lock = db / "LOCK"
    if os.name != "posix" or not lock.exists():
        return
    import fcntl

    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise StoreError(
            f"{db.parent}: 图谱正被另一个进程写入（kg build 或 kg add？）；请等它完成后再启动 kg serve"
        ) from None
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# ---- a running server --------------------------------------------------------------------------------


class ServerHandle:
    """A running Oxigraph server (child process). Use as a context manager, or call stop()."""

    def __init__(self, proc: subprocess.Popen, port: int, log: Path, location: Path, read_only: bool):
        self.proc = proc
        self.port = port
        self.url = f"http://{HOST}:{port}"  # the query page
        self.log = log
        self.location = location
        self.read_only = read_only
        self.lease: Any = None  # the reader lease on the generation served (kg.generations)

    @property
    def query_url(self) -> str:
        """SPARQL 1.1 Protocol query endpoint."""
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        """SPARQL 1.1 Graph Store HTTP Protocol endpoint (?graph=IRI or ?default)."""
        return self.url + "/store"

    def running(self) -> bool:
        return self.proc.poll() is None

    def stop(self, grace: float = 5.0) -> None:
        """Terminate the server cleanly (SIGTERM, then SIGKILL after `grace` seconds)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=grace)
        try:
            self.log.unlink()
        except OSError:
            pass
        if self.lease is not None:
            self.lease.release()
            self.lease = None

    def last_line(self) -> str:
        return _last_line(self.log)

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return (
            f"<ServerHandle {self.url} pid={self.proc.pid} {'read-only' if self.read_only else 'read-write'}>"
        )


def start_server(
    store_path: str | Path,
    port: int = 0,
    timeout: float = 30.0,
    *,
    ready_within: float = 20.0,
    memory_mb: int | None = None,
) -> ServerHandle:
    """Start the read-only SPARQL server over a kg store's current generation on 127.0.0.1:`port`
    (0 = any free port) and return once it answers queries. It holds a reader lease on that generation
    until stopped; `memory_mb` bounds its address space (a query past it ends the server, not the
    machine)."""
    from kg.generations import open_current

    gen, lease = open_current(store_path)
    db = gen / "oxigraph"
    try:
        _check_no_writer(db)
        args = ["serve-read-only", "--location", str(db), "--union-default-graph"]
        if timeout and timeout > 0:
            args += ["--timeout-s", str(max(1, int(round(timeout))))]
        handle = _launch(args, port, db, read_only=True, ready_within=ready_within, memory_mb=memory_mb)
    except BaseException:
        lease.release()
        raise
    handle.lease = lease
    return handle


def start_writable_server(
    location: str | Path | None = None, port: int = 0, *, ready_within: float = 20.0
) -> ServerHandle:
    """A read-write Oxigraph server (`oxigraph serve`) on 127.0.0.1, in memory when `location` is None.

    Not a kg store: a stand-in for an external SPARQL store, e.g. to try `kg push` locally.
    """
    args = ["serve"]
    loc = Path(location) if location else Path()
    if location:
        loc.mkdir(parents=True, exist_ok=True)
        args += ["--location", str(loc)]
    return _launch(args, port, loc, read_only=False, ready_within=ready_within)


def _launch(
    args: list[str],
    port: int,
    location: Path,
    *,
    read_only: bool,
    ready_within: float,
    memory_mb: int | None = None,
) -> ServerHandle:
    binary = oxigraph_binary()
    attempts = 3 if port == 0 else 1  # a free port can be taken between choosing and binding it
    last = ""
    if port and not port_free(port):
        raise KGError(f"{HOST}:{port}: 端口已被占用（另一个 kg serve？）；请用 --port 换一个")
    for _ in range(attempts):
        p = port or free_port()
        fd, log_name = tempfile.mkstemp(prefix="kg-oxigraph-", suffix=".log")
        log = Path(log_name)
        with os.fdopen(fd, "wb") as out:
            proc = subprocess.Popen(
                [binary, *args, "--bind", f"{HOST}:{p}"],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in the terminal reaches only us; we stop the child
                preexec_fn=partial(_child_setup, memory_mb),
            )
        handle = ServerHandle(proc, p, log, location, read_only)
        try:
            if _wait_ready(handle, ready_within):
                return handle
        except BaseException:
            handle.stop()
            raise
        last = _last_line(log)
        handle.stop()
        if "address" not in last.lower() or port:
            break
    raise KGError(f"{HOST}:{port or '空闲端口'} 上的 oxigraph 服务未能启动：{last or '没有回应'}")


def _child_setup(memory_mb: int | None) -> None:
    """In the server's process before exec: die with us, and the memory bound."""
    from kg.lifetime import die_with_parent

    die_with_parent()
    if memory_mb:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def _wait_ready(handle: ServerHandle, within: float) -> bool:
    deadline = time.monotonic() + within
    delay = 0.02
    while time.monotonic() < deadline:
        if not handle.running():
            return False
        try:
            fetch_json(handle.query_url, _READY_QUERY, timeout=2.0)
            return handle.running()
        except QueryError:
            time.sleep(delay)
            delay = min(delay * 2, 0.25)
    return False


def _last_line(log: Path) -> str:
    try:
        lines = [
            ln.strip() for ln in log.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()
        ]
    except OSError:
        return ""
    errors = [ln for ln in lines if ln.lower().startswith("error")]  # not the Rust backtrace after it
    return (errors or lines or [""])[-1 if not errors else 0][:200]


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


# ---- client helper -------------------------------------------------------------------------------------


def fetch_json(url: str, query: str, timeout: float | None = 60.0, method: str = "GET") -> dict[str, Any]:
    """Ask a SPARQL endpoint for JSON results; raise QueryError unless the whole answer arrived.

    Oxigraph's query timeout answers 200 and then stops mid-body, so a status check is not enough:
    the body must parse as complete SPARQL 1.1 Query Results JSON (`head` and `results` or `boolean`).
    """
    data = None
    if method.upper() == "POST":
        target = url
        data = urllib.parse.urlencode({"query": query}).encode("utf-8")
    else:
        target = url + ("&" if "?" in url else "?") + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(target, data=data, method=method.upper(), headers={"Accept": JSON_RESULTS})
    if data is not None:
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
            ctype = resp.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
        raise QueryError(f"{url}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
            raise QueryError(f"{url}: {timeout:g} 秒内没有完整的回答") from None
        raise QueryError(f"{url}: 无法连接 SPARQL 端点（{reason}）") from None
    return parse_results_json(body, url, ctype)


def parse_results_json(
    body: bytes, url: str = "endpoint", content_type: str = JSON_RESULTS
) -> dict[str, Any]:
    """Complete SPARQL JSON results from a response body, or QueryError saying why not."""
    if content_type and "json" not in content_type:
        raise QueryError(f"{url}: 应为 SPARQL JSON 结果，收到的是 {content_type.split(';')[0]}")
    text = body.decode("utf-8", "replace")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        why = "服务端查询超时，已取消" if "cancel" in text[-200:].lower() else "回答被截断"
        raise QueryError(
            f"{url}: 结果在 {len(body)} 字节处中断（{why}）；请缩小查询范围或调高时限（kg serve --timeout）"
        ) from None
    if not isinstance(doc, dict) or "head" not in doc or not ("results" in doc or "boolean" in doc):
        raise QueryError(f"{url}: 不是 SPARQL 1.1 查询结果 JSON")
    if "results" in doc and not isinstance(doc["results"].get("bindings"), list):
        raise QueryError(f"{url}: 不是 SPARQL 1.1 查询结果 JSON（没有 bindings 列表）")
    return doc


# ---- the bundled questions as examples -----------------------------------------------------------------


def example_link(base_url: str, name: str, text: str) -> str:
    """A link that opens Oxigraph's query page (YASGUI) with the query filled in and ready to run.

    YASGUI reads its tab configuration from the URL fragment (query, endpoint, tabTitle, requestMethod …).
    Oxigraph's page derives its default endpoint from the page URL, so the endpoint is passed explicitly.
    The fragment never reaches the server, and YASGUI clears it after reading it.
    """
    base = base_url.rstrip("/")
    params = {
        "query": _with_prefixes(text),
        "endpoint": base + "/query",
        "requestMethod": "POST",
        "tabTitle": name,
    }
    return f"{base}/#" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def _with_prefixes(text: str) -> str:
    """The server does not know kg's predeclared prefixes: declare the ones the query uses."""
    from kg.store import PREFIXES

    used = [p for p in PREFIXES if re.search(rf"(?<![\w?$]){re.escape(p)}:", text)]
    declared = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used)
    lines = text.splitlines(keepends=True)
    head = 0
    while head < len(lines) and lines[head].startswith("#"):
        head += 1
    return "".join(lines[:head]) + declared + "".join(lines[head:])


def bundled_examples_html(base_url: str = f"http://{HOST}:7878") -> str:
    """An HTML fragment (escaped) listing each bundled query: its name, what it answers, its
    parameters, and a link that opens it in the server's query page."""
    from kg.sparql.query import bundled

    items = []
    for b in bundled():
        href = html.escape(example_link(base_url, b.name, b.text), quote=True)
        params = "".join(
            f"<li><code>?{html.escape(p)}</code> {html.escape(h)}</li>"
            for p, h in zip(b.params, b.param_help, strict=True)
        )
        items.append(
            f'<li><a href="{href}" target="_blank" rel="noopener">{html.escape(b.name)}</a> — {html.escape(b.summary)}'
            + (f'<ul class="params">{params}</ul>' if params else "")
            + "</li>"
        )
    return '<ul class="kg-bundled-queries">\n' + "\n".join(items) + "\n</ul>"


def examples_page(base_url: str) -> str:
    """A whole page around `bundled_examples_html`."""
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>CadreKG 内置查询</title>'
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.6}"
        "code{background:#f3f3f3;padding:0 .2em}ul.params{font-size:.9em;color:#444}</style></head><body>"
        f"<h1>CadreKG 内置查询</h1><p>SPARQL 端点：<code>{html.escape(base_url.rstrip('/'))}/query</code>。"
        "点击查询名，在查询页面中打开并运行；参数在页面里按需改写（未绑定的参数表示不限）。</p>\n"
        + bundled_examples_html(base_url)
        + "\n</body></html>\n"
    )


def write_examples_page(store_path: str | Path, base_url: str) -> Path | None:
    """Write <store>/queries.html for the running server; None if the folder is not writable."""
    target = Path(store_path) / "queries.html"
    try:
        target.write_text(examples_page(base_url), encoding="utf-8")
    except OSError:
        return None
    return target.resolve()
