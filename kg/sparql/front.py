"""`kg serve`'s front: a small HTTP server on 127.0.0.1 between clients and Oxigraph's read-only server.

Oxigraph's own server answers SERVICE queries by calling out to any address, starts a 200 answer and
then cuts it short at its timeout (or never, for a streaming SELECT: 2.79 GB in 60 s), and dies with a
query that exhausts memory. The front:

* refuses a query that names SERVICE (kg.sparql.guard), and every update (/update, a sparql-update body,
  an `update` parameter), with 403 and one line saying why;
* forwards the rest to the current Oxigraph server (kg.sparql.serve supervises it and moves it onto a
  new generation) and buffers the answer, so that a client gets a whole answer or an error status,
  never half a JSON with 200: past `timeout` seconds 504, past `max_bytes` 507 (the upstream request is
  closed, which stops Oxigraph streaming), upstream gone 502, too many queries at once 503;
* accepts GET and HEAD anywhere (the query page, /query, /store reads) and POST only on /query.
"""

from __future__ import annotations

import http.client
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from kg.sparql import guard

HOST = "127.0.0.1"
MAX_REQUEST = 1 << 20  # bytes of a request body: a query, not a data upload
_FORWARD_HEADERS = ("Accept", "Content-Type", "Accept-Language")


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0  # seconds for a whole answer
    max_bytes: int = 64 << 20  # size of one answer
    concurrent: int = 4  # queries forwarded at once


class Upstream:
    """One running Oxigraph server (a ServerHandle) and how many requests are in it."""

    def __init__(self, handle: Any, generation: str):
        self.handle = handle
        self.generation = generation
        self.active = 0
        self.cond = threading.Condition()

    def enter(self) -> None:
        with self.cond:
            self.active += 1

    def leave(self) -> None:
        with self.cond:
            self.active -= 1
            self.cond.notify_all()

    def drain(self, within: float) -> None:
        """Wait until no request is in this server (at most `within` seconds)."""
        deadline = time.monotonic() + within
        with self.cond:
            while self.active > 0 and time.monotonic() < deadline:
                self.cond.wait(timeout=max(0.0, deadline - time.monotonic()))


class FrontServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, limits: Limits):
        super().__init__((HOST, port), _Handler)
        self.limits = limits
        self.slots = threading.BoundedSemaphore(limits.concurrent)
        self._upstream: Upstream | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}"

    def set_upstream(self, up: Upstream) -> Upstream | None:
        """Route new requests to `up`; returns the one it replaces (requests in it finish there)."""
        with self._lock:
            old, self._upstream = self._upstream, up
        return old

    def take_upstream(self, wait: float = 10.0) -> Upstream | None:
        """The server to ask (counted in until `leave`). One that has died is being restarted by the
        supervisor: wait for its successor a little rather than answer 502 at once."""
        deadline = time.monotonic() + wait
        while True:
            with self._lock:
                up = self._upstream
                if up is not None and (up.handle.running() or time.monotonic() >= deadline):
                    up.enter()
                    return up
                if up is None and time.monotonic() >= deadline:
                    return None
            time.sleep(0.05)


class _Refused(Exception):
    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message


class _Handler(BaseHTTPRequestHandler):
    server: FrontServer
    server_version = "CadreKG"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # one line per request would drown the supervisor's messages

    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._send(403, "只读端点：不接受修改（read-only endpoint）")

    do_DELETE = do_PATCH = do_PUT

    def _handle(self, method: str) -> None:
        try:
            body = self._body(method)
            self._check(method, body)
        except _Refused as r:
            self._send(r.status, r.message)
            return
        if not self.server.slots.acquire(timeout=self.server.limits.timeout):
            self._send(503, "同时进行的查询太多，请稍后再试")
            return
        try:
            self._forward(method, body)
        finally:
            self.server.slots.release()

    def _body(self, method: str) -> bytes:
        if method != "POST":
            return b""
        try:
            n = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise _Refused(400, "Content-Length 无效") from None
        if n > MAX_REQUEST:
            raise _Refused(413, f"请求过大（{n} 字节，上限 {MAX_REQUEST}）：这里只接受查询")
        return self.rfile.read(n)

    def _check(self, method: str, body: bytes) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path.rstrip("/").endswith("/update"):
            raise _Refused(403, "只读端点：不接受 SPARQL 更新（read-only endpoint）")
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        texts = list(params.get("query", []))
        if "update" in params:
            raise _Refused(403, "只读端点：不接受 SPARQL 更新（read-only endpoint）")
        if method == "POST":
            if url.path != "/query":
                raise _Refused(403, "只读端点：只有 /query 接受 POST（read-only endpoint）")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            text = body.decode("utf-8", "replace")
            if ctype == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(text, keep_blank_values=True)
                if "update" in form:
                    raise _Refused(403, "只读端点：不接受 SPARQL 更新（read-only endpoint）")
                texts += form.get("query", [])
            elif ctype == "application/sparql-query":
                texts.append(text)
            elif ctype == "application/sparql-update":
                raise _Refused(403, "只读端点：不接受 SPARQL 更新（read-only endpoint）")
            else:
                raise _Refused(415, f"不支持的 Content-Type：{ctype or '（无）'}")
        for text in texts:
            if guard.calls_service(text):
                raise _Refused(
                    403, "SERVICE（联邦查询）会向外部地址发出网络请求，本端点不允许；请只查询本地图谱"
                )

    def _forward(self, method: str, body: bytes) -> None:
        limits = self.server.limits
        up = self.server.take_upstream()
        if up is None:
            self._send(502, "查询引擎尚未就绪，请稍后再试")
            return
        deadline = time.monotonic() + limits.timeout
        conn = http.client.HTTPConnection(HOST, up.handle.port, timeout=limits.timeout)
        try:
            headers = {h: self.headers[h] for h in _FORWARD_HEADERS if self.headers.get(h)}
            conn.request(method, self.path, body=body or None, headers=headers)
            resp = conn.getresponse()
            data = self._read(resp, conn, deadline, method)
        except _Refused as r:
            conn.close()
            self._send(r.status, r.message)
            return
        except TimeoutError:
            conn.close()
            self._send(504, _too_slow(limits.timeout))
            return
        except (ConnectionError, http.client.HTTPException, OSError):
            conn.close()
            self._send(502, "查询引擎在回答时退出（可能超出内存上限），已自动重启；请缩小查询范围后重试")
            return
        finally:
            up.leave()
        conn.close()
        self._send_raw(
            resp.status, resp.getheader("Content-Type") or "application/octet-stream", data, method
        )

    def _read(self, resp: http.client.HTTPResponse, conn: Any, deadline: float, method: str) -> bytes:
        limits = self.server.limits
        chunks: list[bytes] = []
        size = 0
        while method != "HEAD":
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Refused(504, _too_slow(limits.timeout))
            if conn.sock is not None:
                conn.sock.settimeout(left)
            chunk = resp.read1(1 << 16) if hasattr(resp, "read1") else resp.read(1 << 16)
            if not chunk:
                break
            size += len(chunk)
            if size > limits.max_bytes:
                raise _Refused(
                    507,
                    f"答案超过 {limits.max_bytes >> 20} MB 上限，已停止（kg serve --max-mb）；"
                    "请加 LIMIT 或缩小查询范围",
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _send(self, status: int, message: str) -> None:
        self._send_raw(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), self.command)

    def _send_raw(self, status: int, ctype: str, data: bytes, method: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            if method != "HEAD":
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client left


def _too_slow(timeout: float) -> str:
    return f"查询超过 {timeout:g} 秒，已停止（kg serve --timeout）；请缩小查询范围"
