"""`kg push`: load the graph into an external SPARQL 1.1 store with the Graph Store HTTP Protocol.

Every named graph of the store (one per bulletin, plus graph/shared, graph/vocab and graph/links)
is sent with `PUT ENDPOINT?graph=IRI` and a Turtle body. PUT replaces the graph, so pushing again
replaces and never duplicates. A bulletin graph that is no longer in the store is not deleted
remotely (the protocol cannot list graphs): drop it there with `DELETE ENDPOINT?graph=IRI`.
Only urllib: no client library, nothing beyond HTTP(S).

    Oxigraph   http://host:7878/store
    Fuseki     http://host:3030/DATASET/data          (or /DATASET, with --user for a protected one)
    Virtuoso   http://host:8890/sparql-graph-crud-auth (digest auth; --user dba, KG_PUSH_PASSWORD)
    GraphDB    http://host:7200/repositories/REPO/rdf-graphs/service
"""

from __future__ import annotations

import getpass
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator

import pyoxigraph as ox

from kg.errors import KGError
from kg.graph import iris
from kg.store import PREFIXES, GraphStore

PASSWORD_ENV = "KG_PUSH_PASSWORD"
TURTLE = "text/turtle; charset=utf-8"


def graphs(store: GraphStore) -> list[str]:
    """The graphs to send: every named graph of the store, plus the vocabulary, shared and links
    graphs even when empty (so a push also clears links an earlier push left there); vocabulary and
    shared graphs first, links last, bulletins in between."""
    names = {str(g.value) for g in store.db.named_graphs() if isinstance(g, ox.NamedNode)}
    names |= {iris.GRAPH_VOCAB, iris.GRAPH_SHARED, iris.GRAPH_LINKS}

    def rank(iri: str) -> tuple[int, str]:
        tail = iri.rsplit("/", 1)[-1]
        return ({"vocab": 0, "shared": 1, "links": 3}.get(tail, 2) if "/graph/" in iri else 2, iri)

    return sorted(names, key=rank)


def graph_turtle(store: GraphStore, graph: str | None) -> tuple[bytes, int]:
    """(Turtle of one named graph — or the default graph when None —, number of triples)."""
    g = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    n = sum(1 for _ in store.db.quads_for_pattern(None, None, None, g))
    body = store.db.dump(format=ox.RdfFormat.TURTLE, from_graph=g, prefixes=PREFIXES) if n else b""
    return body or b"", n  # an empty body empties the remote graph


def _graph_url(endpoint: str, graph: str | None) -> str:
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return endpoint + ("&" if "?" in endpoint else "?") + query


def _opener(endpoint: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, endpoint, user, password or "")
        # answers the server's challenge: Digest (Virtuoso's /sparql-graph-crud-auth) or Basic (Fuseki, GraphDB)
        handlers += [urllib.request.HTTPDigestAuthHandler(mgr), urllib.request.HTTPBasicAuthHandler(mgr)]
    return urllib.request.build_opener(*handlers)


def _password(user: str | None, password: str | None) -> str | None:
    if user is None or password is not None:
        return password
    env = os.environ.get(PASSWORD_ENV)
    if env is not None:
        return env
    if sys.stdin.isatty():
        return getpass.getpass(f"{user} 的密码：")
    raise KGError(f"--user {user}: set the password in the environment variable {PASSWORD_ENV}")


def push(
    store: GraphStore,
    endpoint: str,
    user: str | None = None,
    *,
    password: str | None = None,
    timeout: float = 300.0,
    progress: Callable[[str, int, int], None] | None = None,
) -> str:
    """PUT every named graph of the store to `endpoint` (Graph Store Protocol); a one-line summary.

    `user` enables HTTP authentication (Digest or Basic, whichever the server asks for);
    the password comes from `password`, else $KG_PUSH_PASSWORD, else a prompt on a terminal.
    """
    endpoint = endpoint.strip()
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise KGError(f"{endpoint}: not an http(s) URL of a Graph Store Protocol endpoint")
    password = _password(user, password)
    opener = _opener(endpoint, user, password)
    t0 = time.perf_counter()
    todo = graphs(store)
    default_body, default_n = graph_turtle(store, None)
    sent_graphs = sent_triples = 0
    for i, (graph, body, n) in enumerate(_bodies(store, todo, default_body, default_n), start=1):
        _put(opener, endpoint, graph, body, timeout)
        sent_graphs += 1
        sent_triples += n
        if progress:
            progress("推送", i, len(todo) + (1 if default_n else 0))
    seconds = time.perf_counter() - t0
    return f"已推送到 {endpoint}：命名图 {sent_graphs} 个，三元组 {sent_triples} 个，用时 {seconds:.1f} 秒"


def _bodies(
    store: GraphStore, todo: list[str], default_body: bytes, default_n: int
) -> Iterator[tuple[str | None, bytes, int]]:
    if default_n:
        yield None, default_body, default_n
    for g in todo:
        body, n = graph_turtle(store, g)
        yield g, body, n


def _put(opener, endpoint: str, graph: str | None, body: bytes, timeout: float) -> None:
    req = urllib.request.Request(
        _graph_url(endpoint, graph), data=body, method="PUT", headers={"Content-Type": TURTLE}
    )
    what = f"<{graph}>" if graph else "the default graph"
    try:
        with opener.open(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(200).decode("utf-8", "replace").split())
        hint = " (wrong --user or password?)" if exc.code in (401, 403) else ""
        raise KGError(
            f"{endpoint}: HTTP {exc.code} {exc.reason} storing {what}{hint}"
            + (f": {detail[:160]}" if detail else "")
        ) from None
    except ValueError as exc:  # urllib: an authentication scheme it does not speak
        raise KGError(f"{endpoint}: {exc}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise KGError(f"{endpoint}: cannot connect ({reason})") from None
