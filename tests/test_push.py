"""`kg push`: the graph goes into a second, writable Oxigraph server (a real one, `oxigraph serve`)
through the Graph Store Protocol, one named graph per bulletin; pushing again replaces, never duplicates.
Large graphs go in parts; every network failure is one line naming the endpoint and the graph, says
what was already replaced and how to resume (fake servers for each kind of failure)."""

from __future__ import annotations

import hashlib
import http.server
import re
import socket
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KGError, PushError
from kg.graph import iris
from kg.sparql.push import graphs, push
from kg.sparql.serve import fetch_json, start_server, start_writable_server
from kg.store import GraphStore

pytestmark = pytest.mark.server

QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _remote(handle, query: str) -> int:
    return int(fetch_json(handle.query_url, query)["results"]["bindings"][0]["n"]["value"])


def _local(store: Path, query: str) -> int:
    with GraphStore(store, read_only=True) as gs:
        return int(next(iter(gs.db.query(query)))["n"].value)


@pytest.fixture(autouse=True)
def _push_records(tmp_path, monkeypatch):
    """What push records of each endpoint goes to the test's folder, not ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture()
def remote(tmp_path):
    handle = start_writable_server(tmp_path / "remote")
    try:
        yield handle
    finally:
        handle.stop()


def test_push_twice_replaces_and_never_duplicates(sample_store, remote):
    with GraphStore(sample_store, read_only=True) as gs:
        local_triples = gs.count_triples()
        first = push(gs, remote.store_url)
        after_first = (_remote(remote, QUADS), _remote(remote, TRIPLES))
        second = push(gs, remote.store_url)
        after_second = (_remote(remote, QUADS), _remote(remote, TRIPLES))
        sent = graphs(gs)
    assert after_first == after_second
    assert after_second == (_local(sample_store, QUADS), local_triples)
    assert f"三元组 {_local(sample_store, QUADS)} 个" in first and remote.store_url in second
    remote_graphs = {b["g"]["value"] for b in fetch_json(remote.query_url, GRAPHS)["results"]["bindings"]}
    with GraphStore(sample_store, read_only=True) as gs:
        local_graphs = {g.value for g in gs.db.named_graphs()}
    assert remote_graphs == local_graphs
    assert sum("/graph/bulletin/" in g for g in remote_graphs) == 5  # one named graph per bulletin
    assert {iris.GRAPH_VOCAB, iris.GRAPH_SHARED} <= remote_graphs and set(sent) >= local_graphs
    # the remote store answers like the local one (no union default graph there: ask the named graphs)
    q = "PREFIX ckg: <https://w3id.org/cadrekg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a ckg:Article } }"
    assert _remote(remote, q) == 18


def test_push_replaces_a_changed_graph(tmp_path, remote):
    from test_queries import build_mini_store  # the hand-made store of the query tests

    with_links = build_mini_store(tmp_path / "a")
    without = build_mini_store(tmp_path / "b", links=False)
    links = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iris.GRAPH_LINKS}> {{ ?s ?p ?o }} }}"
    with GraphStore(with_links, read_only=True) as gs:
        push(gs, remote.store_url)
    assert _remote(remote, links) > 0
    with GraphStore(without, read_only=True) as gs:
        push(gs, remote.store_url)
    assert _remote(remote, links) == 0  # the links graph is emptied, not left stale
    assert _remote(remote, QUADS) == _local(without, QUADS)


def test_errors_name_the_endpoint_and_the_status(sample_store, remote):
    with GraphStore(sample_store, read_only=True) as gs:
        with pytest.raises(PushError) as nope:
            push(gs, remote.url + "/no-such-path")
        assert "/no-such-path: HTTP 404" in str(nope.value) and "\n" not in str(nope.value)
        assert nope.value.graph and nope.value.graph in str(nope.value)
        with start_server(sample_store) as ro:  # kg serve is read-only: 403
            with pytest.raises(PushError, match=r"HTTP 403"):
                push(gs, ro.store_url)
        with pytest.raises(PushError, match=r"http://127\.0\.0\.1:9/store: 无法连接"):
            push(gs, "http://127.0.0.1:9/store")
        with pytest.raises(KGError, match="不是带主机名的 http"):
            push(gs, "ftp://example.org/store")


def test_kg_push_command(sample_store, remote):
    runner = CliRunner()
    res = runner.invoke(main, ["push", "--endpoint", remote.store_url, "--store", str(sample_store)])
    assert res.exit_code == 0, res.output
    assert "命名图" in res.stdout and "三元组" in res.stdout
    assert _remote(remote, QUADS) == _local(sample_store, QUADS)
    bad = runner.invoke(main, ["push", "--endpoint", remote.url + "/nothing", "--store", str(sample_store)])
    assert bad.exit_code == 1 and len(bad.stderr.strip().splitlines()) == 1 and "HTTP 404" in bad.stderr
    assert "Traceback" not in bad.output


# ---- authentication: a checking proxy in front of the real writable server ------------------------------


class _AuthProxy(http.server.BaseHTTPRequestHandler):
    """Demands Basic or Digest (RFC 7616, MD5, qop=auth) credentials, then forwards PUTs to Oxigraph."""

    scheme = "Digest"
    user, password, realm, nonce = "dba", "s3cret", "kg-test", "0a4f113b"
    upstream = ""
    seen: list[str] = []

    def log_message(self, *args):  # quiet
        pass

    def _authorised(self) -> bool:
        auth = self.headers.get("Authorization", "")
        if self.scheme == "Basic":
            import base64

            return auth == "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        if not auth.startswith("Digest "):
            return False
        f = dict(re.findall(r'(\w+)="?([^",]*)"?', auth[7:]))

        def md5(text: str) -> str:
            return hashlib.md5(text.encode()).hexdigest()

        ha1 = md5(f"{self.user}:{self.realm}:{self.password}")
        ha2 = md5(f"{self.command}:{f.get('uri', '')}")
        want = md5(f"{ha1}:{self.nonce}:{f.get('nc')}:{f.get('cnonce')}:{f.get('qop')}:{ha2}")
        return f.get("username") == self.user and f.get("response") == want and f.get("uri") == self.path

    def do_PUT(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not self._authorised():
            self.send_response(401)
            if self.scheme == "Basic":
                self.send_header("WWW-Authenticate", f'Basic realm="{self.realm}"')
            else:
                self.send_header(
                    "WWW-Authenticate",
                    f'Digest realm="{self.realm}", nonce="{self.nonce}", qop="auth", algorithm=MD5',
                )
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        type(self).seen.append(self.path)
        target = self.upstream + "/store?" + self.path.split("?", 1)[1]
        req = urllib.request.Request(
            target, data=body, method="PUT", headers={"Content-Type": self.headers["Content-Type"]}
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            status = r.status
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.mark.parametrize("scheme", ["Digest", "Basic"])
def test_push_with_authentication(sample_store, remote, scheme):
    handler = type("Proxy", (_AuthProxy,), {"scheme": scheme, "upstream": remote.url, "seen": []})
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    endpoint = f"http://127.0.0.1:{proxy.server_address[1]}/sparql-graph-crud-auth"
    try:
        with GraphStore(sample_store, read_only=True) as gs:
            with pytest.raises(KGError, match=r"HTTP 401 .*--user 或密码不对"):
                push(gs, endpoint, user="dba", password="wrong")
            summary = push(gs, endpoint, user="dba", password="s3cret")
        assert "三元组" in summary and len(handler.seen) >= 6
        assert _remote(remote, QUADS) == _local(sample_store, QUADS)
    finally:
        proxy.shutdown()
        proxy.server_close()


def test_password_comes_from_the_environment(sample_store, remote, monkeypatch):
    monkeypatch.delenv("KG_PUSH_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", open("/dev/null"))
    with GraphStore(sample_store, read_only=True) as gs:
        with pytest.raises(KGError, match="KG_PUSH_PASSWORD"):
            push(gs, remote.store_url, user="dba")
        monkeypatch.setenv("KG_PUSH_PASSWORD", "anything")  # Oxigraph asks for none: no challenge, no use
        assert "三元组" in push(gs, remote.store_url, user="dba")


# ---- parts, resume -----------------------------------------------------------------------------------


class _Counting(http.server.BaseHTTPRequestHandler):
    """Forwards to the real writable server; answers 500 to the request numbered `fail_at` (1-based)."""

    upstream, fail_at, seen = "", 0, []

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append((self.command, self.path))
        if len(type(self).seen) == type(self).fail_at:
            self.send_response(500, "Boom")
            self.send_header("Content-Length", "4")
            self.end_headers()
            self.wfile.write(b"boom")
            return
        req = urllib.request.Request(
            self.upstream + "/store?" + self.path.split("?", 1)[1],
            data=body,
            method=self.command,
            headers={"Content-Type": self.headers["Content-Type"]},
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            status = r.status
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_POST = _forward


@pytest.fixture()
def counting(remote):
    handler = type("Counting", (_Counting,), {"upstream": remote.url, "seen": [], "fail_at": 0})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield handler, f"http://127.0.0.1:{server.server_address[1]}/store"
    finally:
        server.shutdown()
        server.server_close()


def test_large_graphs_go_in_parts_and_still_replace(sample_store, remote, counting):
    handler, endpoint = counting
    with GraphStore(sample_store, read_only=True) as gs:
        push(gs, endpoint, part_bytes=20_000, workers=3)
        first = list(handler.seen)
        push(gs, endpoint, part_bytes=20_000, workers=3)  # again: replaced, not added
    posts = [path for method, path in first if method == "POST"]
    assert posts and len(first) > len(graphs_of(sample_store)) + 2
    assert any("graph%2Flinks" in p for p in posts)  # the largest graph went in several parts
    assert (_remote(remote, QUADS), _remote(remote, TRIPLES)) == (_local(sample_store, QUADS),) * 2


def graphs_of(store: Path) -> list[str]:
    with GraphStore(store, read_only=True) as gs:
        return graphs(gs)


def test_a_failure_midway_says_what_was_replaced_and_resume_sends_the_rest(sample_store, remote, counting):
    handler, endpoint = counting
    handler.fail_at = 4
    with GraphStore(sample_store, read_only=True) as gs:
        with pytest.raises(PushError) as failed:
            push(gs, endpoint, workers=1)
        err = failed.value
        msg = str(err)
        assert "\n" not in msg and msg.startswith(endpoint + ": HTTP 500 Boom")
        assert f"<{err.graph}>" in msg and "（第 4/" in msg
        assert len(err.replaced) == 3 and "已完整替换 3 个命名图" in msg and str(err.state) in msg
        assert "--resume" in msg and err.state.exists()
        handler.fail_at = 0
        handler.seen.clear()
        summary = push(gs, endpoint, workers=1, resume=True)
    assert "跳过 3 个" in summary
    sent = {urllib.parse.unquote(p.split("graph=", 1)[1]) for _, p in handler.seen}
    assert not sent & set(err.replaced) and err.graph in sent
    assert (_remote(remote, QUADS), _remote(remote, TRIPLES)) == (_local(sample_store, QUADS),) * 2


# ---- every kind of network failure: one line, the endpoint and the graph, exit 1 -------------------------


def _serve_raw(reply: bytes | None) -> tuple[str, socket.socket]:
    """A TCP server that answers every connection with `reply` (None: accepts and never answers)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    held = []

    def loop():
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            if reply is None:
                held.append(conn)
                continue
            conn.recv(65536)
            conn.sendall(reply)
            conn.close()

    threading.Thread(target=loop, daemon=True).start()
    return f"http://127.0.0.1:{sock.getsockname()[1]}/store", sock


def _closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/store"


@pytest.mark.parametrize(
    "kind",
    ["refused", "timeout", "dns", "malformed", "bad port", "no host", "not http", "http 500"],
)
def test_each_network_failure_is_one_line_and_exit_1(sample_store, kind):
    sock = None
    if kind == "refused":
        endpoint, want = _closed_port(), "无法连接（连接被拒绝）"
    elif kind == "timeout":
        endpoint, sock = _serve_raw(None)
        want = "0.5 秒内没有回应（--timeout）"
    elif kind == "dns":
        endpoint, want = "http://no-such-host.invalid/store", "未知主机"
    elif kind == "malformed":
        endpoint, want = "http://[::1/store", "地址格式错误"
    elif kind == "bad port":
        endpoint, want = "http://127.0.0.1:99999/store", "地址格式错误"
    elif kind == "no host":
        endpoint, want = "http:///store", "不是带主机名的 http(s) 地址"
    elif kind == "not http":
        endpoint, sock = _serve_raw(b"SSH-2.0-OpenSSH_9.2p1 Debian\r\n")
        want = "回应不是 HTTP"
    else:
        endpoint, sock = _serve_raw(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\n\r\noops!")
        want = "HTTP 500 Internal Server Error: oops!"
    try:
        res = CliRunner().invoke(
            main,
            ["push", "--endpoint", endpoint, "--store", str(sample_store), "--timeout", "0.5"],
        )
    finally:
        if sock is not None:
            sock.close()
    lines = res.stderr.strip().splitlines()
    assert res.exit_code == 1, res.output
    assert len(lines) == 1 and "Traceback" not in res.output, res.stderr
    assert lines[0].startswith(f"错误：{endpoint}: ") and want in lines[0], lines[0]
    if kind not in ("malformed", "bad port", "no host"):  # a URL that is not one names no graph
        assert "写入 <https://w3id.org/cadrekg/id/graph/" in lines[0]
        assert "远端尚未替换任何命名图" in lines[0]
        assert f"kg push --endpoint {endpoint} --store {sample_store} --resume" in lines[0]


def test_timeouts_are_options(sample_store):
    res = CliRunner().invoke(main, ["push", "--help"])
    assert "--connect-timeout" in res.output and "--timeout" in res.output and "--resume" in res.output
    bad = CliRunner().invoke(main, ["push", "--endpoint", "http://x/", "--timeout", "0"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output  # click's own usage error
