"""`kg serve`: the real Oxigraph read-only server over the sample store, queried over HTTP.

No mocks: every test talks to a running `oxigraph serve-read-only` child process on a free port.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.errors import QueryError, StoreError
from kg.sparql import query as q
from kg.sparql.serve import (
    bundled_examples_html,
    example_link,
    fetch_json,
    parse_results_json,
    start_server,
)
from kg.store import GraphStore

pytestmark = pytest.mark.server

PREFIX = "PREFIX ckg: <https://w3id.org/cadrekg/ontology#>\n"
COUNT_ARTICLES = PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?a a ckg:Article }"


@pytest.fixture(scope="module")
def server(sample_store):
    handle = start_server(sample_store, port=0, timeout=30)
    try:
        yield handle
    finally:
        handle.stop()


def _get(url: str, accept: str) -> tuple[int, str, str]:
    req = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")


def _status(req: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _local_count(store: Path, sparql: str) -> int:
    with GraphStore(store, read_only=True) as gs:
        return int(next(iter(gs.query(sparql)))["n"].value)


def test_get_json_by_accept_header_sees_the_union_of_all_graphs(server, sample_store):
    url = server.query_url + "?" + urllib.parse.urlencode({"query": COUNT_ARTICLES})
    status, ctype, body = _get(url, "application/sparql-results+json")
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    n = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert n == 18 == _local_count(sample_store, COUNT_ARTICLES)  # articles live in per-bulletin named graphs


def test_post_form_and_direct_post(server):
    form = urllib.parse.urlencode({"query": COUNT_ARTICLES}).encode()
    req = urllib.request.Request(
        server.query_url,
        data=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        assert json.loads(r.read())["results"]["bindings"][0]["n"]["value"] == "18"
    req = urllib.request.Request(
        server.query_url,
        data=COUNT_ARTICLES.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        assert json.loads(r.read())["results"]["bindings"][0]["n"]["value"] == "18"
    assert (
        fetch_json(server.query_url, COUNT_ARTICLES, method="POST")["results"]["bindings"][0]["n"]["value"]
        == "18"
    )


def test_sparqlwrapper(server):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    sw = SPARQLWrapper(server.query_url)
    sw.setQuery(
        PREFIX + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        'SELECT ?l WHERE { ?x a ckg:Locality ; rdfs:label ?l FILTER(STR(?l) = "宜秀区") }'
    )
    sw.setReturnFormat(JSON)
    got = sw.query().convert()
    assert [b["l"]["value"] for b in got["results"]["bindings"]] == ["宜秀区"]
    assert got["results"]["bindings"][0]["l"]["xml:lang"] == "zh"
    sw.setMethod(POST)
    assert sw.query().convert()["results"]["bindings"]


def test_csv_and_tsv_by_content_negotiation(server):
    query = PREFIX + "SELECT ?a WHERE { ?a a ckg:Article } ORDER BY ?a"
    url = server.query_url + "?" + urllib.parse.urlencode({"query": query})
    status, ctype, body = _get(url, "text/csv")
    assert status == 200 and ctype.startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body)))
    assert (
        rows[0] == ["a"] and len(rows) == 19 and rows[1][0].startswith("https://w3id.org/cadrekg/id/article/")
    )
    status, ctype, body = _get(url, "text/tab-separated-values")
    assert ctype.startswith("text/tab-separated-values")
    lines = body.strip().splitlines()
    assert (
        lines[0] == "?a" and len(lines) == 19 and lines[1].startswith("<https://w3id.org/cadrekg/id/article/")
    )


def test_updates_are_refused(server, sample_store):
    before = _local_count(sample_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    form = urllib.request.Request(
        server.update_url,
        data=urllib.parse.urlencode({"update": insert}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert 400 <= _status(form) < 500
    direct = urllib.request.Request(
        server.update_url, data=insert.encode(), headers={"Content-Type": "application/sparql-update"}
    )
    assert 400 <= _status(direct) < 500
    put = urllib.request.Request(
        server.store_url + "?default",
        data=b"<http://a> <http://b> <http://c> .",
        headers={"Content-Type": "application/n-triples"},
        method="PUT",
    )
    assert 400 <= _status(put) < 500
    with pytest.raises(QueryError, match="HTTP 4"):
        fetch_json(server.query_url, "DROP ALL")
    assert fetch_json(server.query_url, "ASK { <http://example.org/a> ?p ?o }")["boolean"] is False
    assert _local_count(sample_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == before


def _non_loopback_ipv4() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.123", 9))  # no packet is sent: this only picks the outgoing interface
            ip = s.getsockname()[0]
    except OSError:
        return None
    return None if ip.startswith("127.") or ip == "0.0.0.0" else ip


def test_listens_on_loopback_only(server):
    try:
        out = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    if out:
        local = [
            ln.split()[3]
            for ln in out.splitlines()
            if ln.split() and ln.split()[3].endswith(f":{server.port}")
        ]
        assert local == [f"127.0.0.1:{server.port}"], local
    with socket.create_connection(("127.0.0.1", server.port), timeout=5):
        pass
    ip = _non_loopback_ipv4()
    if ip is None and not out:
        pytest.skip("no non-loopback address and no `ss` to check the listening address")
    if ip is not None:
        with pytest.raises(OSError):
            socket.create_connection((ip, server.port), timeout=3).close()


def test_query_page_is_served_offline(server):
    status, ctype, body = _get(server.url + "/", "text/html")
    assert status == 200 and "text/html" in ctype and "yasgui" in body.lower()
    assert "http://" not in body.replace(server.url, "") and "https://" not in body  # no CDN
    js = server.url + "/" + re.search(r'src="\./([^"]+\.js)"', body).group(1)
    assert _get(js, "*/*")[0] == 200


def test_a_timed_out_query_is_an_error_not_a_short_answer(sample_store):
    # 6k x 6k pairs: seconds of work. (Oxigraph checks its deadline between rows of a join, so a
    # deeper cross product or an ORDER BY can overrun the timeout by minutes: keep this one shallow.)
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER(STR(?c) < STR(?f)) }"
    handle = start_server(sample_store, port=0, timeout=1)
    try:
        t0 = time.monotonic()
        with pytest.raises(QueryError, match="中断|HTTP 5"):
            fetch_json(handle.query_url, heavy, timeout=30)
        assert time.monotonic() - t0 < 20
        assert fetch_json(handle.query_url, COUNT_ARTICLES)["results"]["bindings"][0]["n"]["value"] == "18"
    finally:
        handle.stop()


def test_parse_results_json_rejects_truncated_bodies():
    whole = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1"}}]}}'
    assert parse_results_json(whole)["results"]["bindings"][0]["n"]["value"] == "1"
    for cut in (
        whole[:-2],
        b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled',
        b"",
    ):
        with pytest.raises(QueryError, match="中断"):
            parse_results_json(cut)
    with pytest.raises(QueryError, match="不是 SPARQL"):
        parse_results_json(b'{"vars": []}')
    assert parse_results_json(b'{"head":{},"boolean":true}')["boolean"] is True


def test_fetch_json_errors_are_one_line(server):
    with pytest.raises(QueryError) as bad:
        fetch_json(server.query_url, "SELECT ?x WHERE { ?x ")
    assert "HTTP 400" in str(bad.value) and "\n" not in str(bad.value)
    with pytest.raises(QueryError, match="无法连接"):
        fetch_json("http://127.0.0.1:9/query", "ASK {}", timeout=3)


def test_bundled_queries_as_examples(server):
    fragment = bundled_examples_html(server.url)
    assert fragment.startswith("<ul") and "<script" not in fragment
    for b in q.bundled():
        assert f">{b.name}</a>" in fragment
    # every link opens the query page with a query that runs on the server as it is (prefixes declared)
    for b in q.bundled():
        link = example_link(server.url, b.name, b.text)
        assert link.startswith(server.url + "/#")
        params = urllib.parse.parse_qs(link.split("#", 1)[1])
        assert params["endpoint"] == [server.query_url] and params["tabTitle"] == [b.name]
        doc = fetch_json(server.query_url, params["query"][0], method="POST")
        assert "results" in doc
    assert "&amp;" in fragment and "&endpoint" not in fragment  # attribute values are escaped


def test_examples_escape_hostile_text(tmp_path, monkeypatch):
    from kg import paths

    (tmp_path / "evil.rq").write_text(
        '# <script>alert(1)</script> "x"\n# param: ?a <b>\nSELECT ?a WHERE { ?a ?b ?c }\n', encoding="utf-8"
    )
    monkeypatch.setattr(paths, "QUERIES_DIR", tmp_path)
    html = bundled_examples_html("http://127.0.0.1:7878")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html


def test_refuses_a_store_open_for_writing(sample_store, tmp_path):
    """A generation some script opened for writing in place (kg's own writers never do: they write a
    new generation) is not served."""
    import shutil

    from kg.generations import current

    copy = tmp_path / "store"
    shutil.copytree(sample_store, copy)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import pyoxigraph, sys; s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); sys.stdin.read()",
            str(current(copy) / "oxigraph"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="正被另一个进程写入"):
            start_server(copy)
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
    with start_server(copy) as h:
        assert fetch_json(h.query_url, COUNT_ARTICLES)["results"]["bindings"][0]["n"]["value"] == "18"
    with pytest.raises(StoreError, match="kg build"):
        start_server(tmp_path / "nothing-here")


def _port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def test_kg_serve_runs_until_ctrl_c(sample_store):
    from kg.sparql.serve import free_port

    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--port", str(port), "--store", str(sample_store)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        lines = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            lines.append(line)
            if "Ctrl-C" in line:
                break
        text = "".join(lines)
        assert f"http://127.0.0.1:{port}/query" in text, text
        assert (
            fetch_json(f"http://127.0.0.1:{port}/query", COUNT_ARTICLES)["results"]["bindings"][0]["n"][
                "value"
            ]
            == "18"
        )
        assert (sample_store / "queries.html").is_file()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        assert not _port_open(port)  # the child server is gone too
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.browser
def test_example_link_opens_and_runs_in_the_query_page(server, sample_store, browser):
    """The link of a bundled query fills Oxigraph's YASGUI page and runs against /query, offline."""
    b = next(x for x in q.bundled() if x.name == "practices-by-locality")
    link = example_link(server.url, b.name, b.text)
    outside: list[str] = []
    page = browser.new_page()
    try:

        def offline(route):  # an isolated network: everything but the local server fails
            if route.request.url.startswith(server.url):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        page.route("**/*", offline)
        page.goto(link)
        page.wait_for_function(
            "() => document.querySelector('.CodeMirror') && document.querySelector('.CodeMirror').CodeMirror"
        )
        text = page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
        assert text.startswith("# 某地有哪些做法") and "PREFIX ckg:" in text
        with page.expect_response(lambda r: r.url == server.query_url and r.status == 200):
            page.click(".yasqe_queryButton")
        page.wait_for_function(
            "() => document.querySelector('.yasr') && /宜秀区/.test(document.querySelector('.yasr').innerText)"
        )
    finally:
        page.close()
    # YASQE's prefix autocompletion asks prefix.cc; offline that request fails and the page still works
    assert [u for u in outside if "prefix.cc/" not in u] == []
