"""A small HTTP client for remote SPARQL stores (`kg push`, kg.sparql.remote): only the standard library.

- a connect timeout and a read timeout, separately (a server that accepts and never answers costs
  the read timeout, not forever);
- keep-alive: one connection per thread, reopened when the server closed it;
- Basic and Digest authentication (RFC 7616, MD5, qop=auth) sent *preemptively* once the server has
  challenged: `handshake()` asks first with an empty request, so a large body is sent once. (Sending
  the body unauthenticated first, as urllib does, makes Virtuoso answer 401 and reset the connection
  while the body is still going out: a 7 MB graph could not be pushed at all.)
- every failure is a `Failure` with a one-line reason: refused, timed out, unknown host, not an HTTP
  reply, HTTP status.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
import socket
import ssl
import threading
import urllib.parse
from dataclasses import dataclass


class Failure(Exception):
    """A request that did not succeed; str() is one line without the endpoint (the caller names it)."""

    def __init__(self, reason: str, status: int | None = None):
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class Reply:
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes


def check_url(url: str) -> urllib.parse.SplitResult:
    """The URL split, or Failure when it is not an http(s) URL with a host (and a numeric port)."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port  # ValueError on a port that is not a number or out of range
    except ValueError as exc:
        raise Failure(f"地址格式错误（{exc}）") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Failure("不是带主机名的 http(s) 地址")
    if port == 0:
        raise Failure("地址格式错误（端口为 0）")
    return parts


class Client:
    """Requests to one endpoint URL (its query string may carry more parameters)."""

    def __init__(
        self,
        url: str,
        user: str | None = None,
        password: str | None = None,
        *,
        connect_timeout: float = 10.0,
        timeout: float = 60.0,
    ):
        self.url = url
        self.parts = check_url(url)
        self.user, self.password = user, password or ""
        self.connect_timeout, self.timeout = connect_timeout, timeout
        self._local = threading.local()
        self._open: list[http.client.HTTPConnection] = []  # every thread's, to close them all
        self._lock = threading.Lock()
        self._challenge: dict[str, str] | None = None  # the server's last Digest challenge
        self._scheme: str | None = None  # "Basic" or "Digest" once challenged
        self._nc = 0

    # ---- connections ----------------------------------------------------------------------------
    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            host, port = self.parts.hostname or "", self.parts.port
            if self.parts.scheme == "https":
                conn = http.client.HTTPSConnection(host, port, timeout=self.connect_timeout)
            else:
                conn = http.client.HTTPConnection(host, port, timeout=self.connect_timeout)
            try:
                conn.connect()
            except BaseException:
                conn.close()
                raise
            conn.sock.settimeout(self.timeout)  # connected: from now on the read timeout
            self._local.conn = conn
            with self._lock:
                self._open.append(conn)
        return conn

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def close(self) -> None:
        """Close every thread's connection."""
        with self._lock:
            conns, self._open = self._open, []
        for conn in conns:
            conn.close()
        self._local.conn = None

    def target(self, params: dict[str, str | None] | None = None) -> str:
        """The request target: the URL's path and query, then `params` (a None value: a bare key)."""
        path = self.parts.path or "/"
        extra = [k if v is None else urllib.parse.urlencode({k: v}) for k, v in (params or {}).items()]
        query = "&".join(q for q in (self.parts.query, *extra) if q)
        return path + ("?" + query if query else "")

    # ---- requests -------------------------------------------------------------------------------
    def request(
        self,
        method: str,
        params: dict[str, str] | None = None,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        """One request; a 401 is answered once with credentials. Raises Failure for anything that
        is not an HTTP reply; returns the reply whatever its status (see `ok`)."""
        target = self.target(params)
        sent_with = self._scheme  # the credentials this request carries (None: none yet)
        reply = self._send(method, target, body, headers or {})
        if reply.status == 401 and self.user is not None:
            learned = self._learn(reply)  # False when another request learnt the same first
            if learned or (sent_with is None and self._scheme is not None):
                reply = self._send(method, target, body, headers or {})
        return reply

    def ok(self, method: str, params=None, body=None, headers=None) -> Reply:
        """`request`, with a status of 300 or more turned into Failure."""
        reply = self.request(method, params, body, headers)
        if reply.status >= 300:
            detail = " ".join(reply.body[:400].decode("utf-8", "replace").split())
            hint = "（--user 或密码不对？）" if reply.status in (401, 403) else ""
            raise Failure(
                f"HTTP {reply.status} {reply.reason}{hint}" + (f": {detail[:160]}" if detail else ""),
                reply.status,
            )
        return reply

    def handshake(self, params: dict[str, str] | None = None) -> None:
        """With a user: an empty HEAD that draws the server's challenge, so that the requests with a
        body carry credentials from the start. Also proves the endpoint answers HTTP at all."""
        reply = self.request("HEAD", params)
        if reply.status == 401:
            raise Failure(
                f"HTTP 401 {reply.reason}"
                + ("（--user 或密码不对？）" if self.user is not None else "（需要 --user）"),
                401,
            )

    def _send(self, method: str, target: str, body: bytes | None, headers: dict[str, str]) -> Reply:
        hdrs = dict(headers)
        if body is not None:
            hdrs["Content-Length"] = str(len(body))
        auth = self._authorization(method, target)
        if auth:
            hdrs["Authorization"] = auth
        for attempt in (1, 2):
            reused = getattr(self._local, "conn", None) is not None
            try:
                conn = self._connection()
            except TimeoutError:
                raise Failure(f"{self.connect_timeout:g} 秒内未能建立连接（--connect-timeout）") from None
            except (OSError, http.client.HTTPException, ValueError) as exc:
                raise Failure(_reason(exc)) from None
            try:
                conn.request(method, target, body=body, headers=hdrs)
                resp = conn.getresponse()
                data = resp.read()
                if resp.getheader("Connection", "").lower() == "close":
                    self._drop()
                return Reply(resp.status, resp.reason, {k.lower(): v for k, v in resp.getheaders()}, data)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as exc:
                self._drop()
                if reused and attempt == 1:
                    continue  # the server closed an idle kept-alive connection: once more, afresh
                raise Failure(_reason(exc)) from None
            except TimeoutError:
                self._drop()
                raise Failure(f"{self.timeout:g} 秒内没有回应（--timeout）") from None
            except (OSError, http.client.HTTPException, ValueError) as exc:
                self._drop()
                raise Failure(_reason(exc)) from None
        raise AssertionError("unreachable")

    # ---- authentication -------------------------------------------------------------------------
    def _learn(self, reply: Reply) -> bool:
        """Take the scheme (and Digest nonce) from a 401; False when there is nothing new to try."""
        challenge = reply.headers.get("www-authenticate", "")
        scheme = challenge.split(" ", 1)[0].capitalize()
        with self._lock:
            if scheme == "Digest":
                found = re.findall(r'(\w+)=(?:"([^"]*)"|([^\s,]*))', challenge[7:])
                fields = {k: quoted or bare for k, quoted, bare in found}
                if fields.get("algorithm", "MD5").upper() not in ("MD5", "MD5-SESS"):
                    raise Failure(f"不支持的 Digest 算法 {fields.get('algorithm')}")
                fresh = self._challenge is None or fields.get("nonce") != self._challenge.get("nonce")
                stale = fields.get("stale", "").lower() == "true"
                if self._scheme == "Digest" and not (fresh or stale):
                    return False  # the same nonce refused: the credentials are wrong
                self._scheme, self._challenge, self._nc = "Digest", fields, 0
                return True
            if scheme == "Basic" and self._scheme != "Basic":
                self._scheme = "Basic"
                return True
        return False

    def _authorization(self, method: str, target: str) -> str | None:
        if self.user is None or self._scheme is None:
            return None
        if self._scheme == "Basic":
            token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
            return f"Basic {token}"
        with self._lock:
            ch = dict(self._challenge or {})
            self._nc += 1
            nc = f"{self._nc:08x}"
        cnonce = os.urandom(8).hex()
        realm, nonce = ch.get("realm", ""), ch.get("nonce", "")
        ha1 = _md5(f"{self.user}:{realm}:{self.password}")
        if ch.get("algorithm", "").upper() == "MD5-SESS":
            ha1 = _md5(f"{ha1}:{nonce}:{cnonce}")
        ha2 = _md5(f"{method}:{target}")
        qop = "auth" if "auth" in [q.strip() for q in ch.get("qop", "").split(",")] else ""
        response = _md5(f"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}" if qop else f"{ha1}:{nonce}:{ha2}")
        out = f'Digest username="{self.user}", realm="{realm}", nonce="{nonce}", uri="{target}", response="{response}"'
        if qop:
            out += f', qop={qop}, nc={nc}, cnonce="{cnonce}"'
        if "opaque" in ch:
            out += f', opaque="{ch["opaque"]}"'
        if "algorithm" in ch:
            out += f", algorithm={ch['algorithm']}"
        return out


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def _reason(exc: BaseException) -> str:
    """One line saying what went wrong, in the user's terms."""
    if isinstance(exc, socket.gaierror):
        return f"未知主机（{exc.strerror or exc}）"
    if isinstance(exc, ConnectionRefusedError):
        return "无法连接（连接被拒绝）"
    if isinstance(exc, http.client.RemoteDisconnected | ConnectionResetError | BrokenPipeError):
        return "服务器未回应就关闭了连接"
    if isinstance(exc, http.client.BadStatusLine | http.client.LineTooLong | http.client.HTTPException):
        return f"回应不是 HTTP（{' '.join(str(exc).split())[:80] or exc.__class__.__name__}）"
    if isinstance(exc, ssl.SSLError):
        return f"TLS 错误（{exc.reason or exc}）"
    if isinstance(exc, OSError):
        return f"无法连接（{exc.strerror or exc}）"
    return " ".join(str(exc).split())[:200] or exc.__class__.__name__
