"""Bundled questions asked of a remote SPARQL endpoint (where `kg push` sent the graph), bound as values.

Locally a parameter is an Oxigraph substitution (kg.sparql.query): the variable stands for the value
wherever it occurs. A remote engine has no such thing, so the standard forms that give the same rows
are written here; a value only ever goes in as an escaped term (`term`) of a VALUES block or a BIND:

- the answer is joined with `VALUES ?param { term }`: the bundled query becomes a subquery and the
  outer query keeps its rows whose ?param equals the value, in the bundled ORDER BY (a parameter is
  always one of the result columns, computed by `BIND(… AS ?param)` or in the SELECT list);
- where a FILTER or BIND expression reads ?param (`COALESCE(STR(?name) = STR(?targetGroup), false)`),
  a fresh variable bound to the value right before that FILTER stands for it (unbound: a fresh
  variable never bound);
- each `# seed:` line becomes a `SELECT DISTINCT` of what the seed's path leads from to the name (or
  to a date in the year) at the query's `WHERE {` line, and `# required when ?p is given` OPTIONALs
  become required: the same rows `query.seeded` asks the local store for by its API.

Transport rewrites keep Virtuoso 7.2 (Debian's) answering what the text says; each is standard SPARQL
that any engine evaluates to the same value. Virtuoso compiles a string constant of the query into a
narrow (Latin-1) string, so a non-ASCII one mixed with data turns into '?' or mojibake
(CONCAT("《", ?t)), an IN list of two fails to match, and a GROUP_CONCAT separator "、" comes out as
'?': a non-ASCII string inside an expression is sent as STR("…"@zh), a GROUP_CONCAT as
SUBSTR(GROUP_CONCAT(CONCAT(sep, STR(x)); separator=""), len+1), and a GROUP_CONCAT column of the answer
is bound only when every row had a value (`_empty_lists`). kg.sparql.compare compares the answers.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from kg.errors import QueryError
from kg.sparql.query import LABEL_LANGUAGES, REQUIRED, BundledQuery, bundled, narrowed, open_with
from kg.store import PREFIXES

Cell = tuple[str, str, str]  # ("iri" | "literal" | "bnode", value, datatype IRI or "@lang")

XSD = "http://www.w3.org/2001/XMLSchema#"

# ---- tokens --------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<ws>\s+)|(?P<comment>#[^\n]*)"
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)|(?P<var>[?$]\w+)|(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)'
    r"|(?P<word>[\w:.-]*\w|\^\^)|(?P<punct>&&|\|\||!=|<=|>=|[^\s\w])",
    re.S,
)


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    start: int
    depth: int  # parentheses open around it
    opener: str  # the word before the innermost open parenthesis (FILTER, BIND, GROUP_CONCAT, …)


def _tokens(text: str) -> list[_Tok]:
    out, openers, pos = [], [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise QueryError(f"无法读懂查询，位置在 {text[pos : pos + 30]!r} 附近")
        kind, tok = m.lastgroup or "punct", m.group()
        if kind == "punct" and tok == ")" and openers:
            openers.pop()
        out.append(_Tok(kind, tok, pos, len(openers), openers[-1] if openers else ""))
        if kind == "punct" and tok == "(":
            prev = next((t for t in reversed(out[:-1]) if t.kind not in ("ws", "comment")), None)
            openers.append(prev.text.upper() if prev and prev.kind == "word" else "")
        pos = m.end()
    return out


def _code(toks: list[_Tok]) -> list[_Tok]:
    return [t for t in toks if t.kind not in ("ws", "comment")]


# ---- terms ---------------------------------------------------------------------------------------

_IRI = re.compile(r"[^<>\"{}|^`\\\x00-\x20]+")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def term(value: str) -> str:
    """The SPARQL term a parameter value stands for, as kg.sparql.query binds it: an IRI when written
    <…> or http(s)://…, else a plain string literal; quotes, backslashes and line breaks escaped.

    >>> term('宜秀区" } DROP ALL #')
    '"宜秀区\\\\" } DROP ALL #"'
    >>> term("<https://example.org/id/x>")
    '<https://example.org/id/x>'
    """
    v = value.strip()
    iri = v[1:-1] if v.startswith("<") and v.endswith(">") else v
    if (v != iri or re.match(r"https?://", v)) and _IRI.fullmatch(iri):
        return f"<{iri}>"
    if re.search(r"\\[uU]", value):  # SPARQL decodes \u escapes before it parses: refuse, never guess
        raise QueryError(f"参数值 {value[:40]!r}：u 前的反斜杠（backslash）无法安全发送")
    return '"' + "".join(_ECHAR.get(c, c) for c in value) + '"'


# ---- the query sent ------------------------------------------------------------------------------


def prefixes() -> str:
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def bound_query(b: BundledQuery, bindings: dict[str, str] | None = None) -> str:
    """The text to send for bundled query `b` with `bindings` (name -> value, as `kg query -p`)."""
    bindings = dict(bindings or {})
    unknown = sorted(set(bindings) - set(b.params))
    if unknown:
        takes = ", ".join(f"?{p}" for p in b.params) or "none"
        raise QueryError(f"queries/{b.name}.rq: 没有参数 ?{unknown[0]}（此查询的参数：{takes}）")
    terms = {p: term(v) for p, v in bindings.items()}
    text = _in_expressions(b, _seeded(b, b.text, bindings), terms)
    text, lists = _empty_lists(text)
    text = transport(text)  # before the join: its VALUES rows stay as written
    if terms or lists:
        text = _joined(b, text, terms, lists)
    return prefixes() + text


def _seeded(b: BundledQuery, text: str, bindings: dict[str, str]) -> str:
    rows, required = [], []
    for i, seed in enumerate(b.seeds):
        value = bindings.get(seed.param)
        if not value or term(value).startswith("<"):
            continue  # as kg.sparql.query.seeded: an empty value or an IRI seeds nothing
        var = f"?kg_seed_{i}"
        *steps, last = seed.path

        def path(ss: list[tuple[str, ...]] | tuple[tuple[str, ...], ...]) -> str:
            return "/".join("(" + "|".join(f"<{p}>" for p in step) + ")" for step in ss)

        if seed.year:
            lead = f"?{seed.var} {path(steps)} ?kg_dated_{i} . ?kg_dated_{i}" if steps else f"?{seed.var}"
            body = (
                f"VALUES {var} {{ {term(value)} }} {lead} {path([last])} ?kg_date_{i} . "
                f"FILTER(DATATYPE(?kg_date_{i}) IN (<{XSD}date>, <{XSD}dateTime>) "
                f"&& STR(YEAR(?kg_date_{i})) = {var})"
            )
        else:
            names = " ".join([term(value) + f"@{lang}" for lang in LABEL_LANGUAGES] + [term(value)])
            body = f"VALUES {var} {{ {names} }} ?{seed.var} {path(seed.path)} {var} ."
        rows.append(f"  {{ SELECT DISTINCT ?{seed.var} WHERE {{ {body} }} }}\n")
        required.append(REQUIRED.format(seed.param))
    return open_with(b, narrowed(b, text, bindings), rows, required)


def _in_expressions(b: BundledQuery, text: str, terms: dict[str, str]) -> str:
    """?param read by a FILTER or BIND expression whose group does not bind ?param itself: a fresh
    variable, bound to the value right before it (a BIND: Virtuoso mangles STR() of a non-ASCII
    string from a VALUES block); for a parameter left unbound, a fresh variable never bound. (The
    same in SPARQL, where a FILTER sees only its group; Virtuoso 7.2 lets the `BIND(… AS ?param)`
    elsewhere in the query reach into the filter, and lists no names.) A filter whose own group binds
    ?param (`{ BIND("all" AS ?peers) } UNION … FILTER(?peers = "all" …)`) reads that value, which the
    join below keeps equal to the one asked: it stays as written. ?param in a subquery's SELECT list
    or GROUP BY only passes the column on."""
    code = _code(_tokens(text))
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), applied from the end
    inserted: set[tuple[int, str]] = set()
    dropped: set[tuple[int, int]] = set()
    where, end = _where_group(code)
    groups = _groups(code)
    for k, t in enumerate(code):
        name = t.text[1:]
        if t.kind != "var" or name not in b.params or not where < t.start < end:
            continue
        if _binds(code, k) or _passes_on(code, k):
            continue  # BIND(expr AS ?param), SELECT … ?param: the join below keeps the rows equal to it
        clause = _enclosing_clause(code, k)
        if clause is None:
            raise QueryError(f"queries/{b.name}.rq: 表达式之外的 ?{name} 无法在远端绑定")
        lo, hi = groups[k]
        if any(_binds(code, j) and code[j].text == t.text for j in range(lo, hi)):
            continue  # the filter's own group binds ?param: it reads that value
        if name not in terms:
            arg = _coalesce_argument(code, k)
            if arg is not None:  # an error there, so COALESCE skips it; Virtuoso compares an unbound
                dropped.add(arg)  # variable as a value (STR(?x) = STR(?unbound) is false there)
            else:
                edits.append((t.start, t.start + len(t.text), f"?kg_unbound_{name}"))
            continue
        # one fresh name per clause: Virtuoso refuses a name bound in two groups that meet
        fresh = f"?kg_param_{name}_{clause.start}"
        edits.append((t.start, t.start + len(t.text), fresh))
        if (clause.start, name) not in inserted:
            inserted.add((clause.start, name))
            edits.append((clause.start, clause.start, f"BIND({terms[name]} AS {fresh}) "))
    edits += [(start, stop, "") for start, stop in dropped]
    for start, stop, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[stop:]
    return text


def _coalesce_argument(code: list[_Tok], k: int) -> tuple[int, int] | None:
    """The text span to cut for dropping the COALESCE argument that holds code[k] (with its comma),
    if code[k] is inside one and the COALESCE has another argument."""
    for j in range(k - 1, -1, -1):
        t = code[j]
        if t.text == "(" and t.depth < code[k].depth and j and code[j - 1].text.upper() == "COALESCE":
            break
        if t.text in ("{", "}"):
            return None
    else:
        return None
    inner = code[j].depth + 1
    commas, close = [], None
    for i in range(j + 1, len(code)):
        if code[i].text == ")" and code[i].depth == code[j].depth:
            close = i
            break
        if code[i].text == "," and code[i].depth == inner:
            commas.append(i)
    if close is None or not commas:
        return None
    bounds = [j, *commas, close]
    at = next(n for n in range(len(bounds) - 1) if bounds[n] < k < bounds[n + 1])
    if at == 0:  # the first argument: up to the next one
        return code[j + 1].start, code[bounds[1] + 1].start
    return code[bounds[at]].start, code[bounds[at + 1]].start


def _binds(code: list[_Tok], k: int) -> bool:
    """Whether the variable code[k] is bound there: `AS ?v`, or a plain ?v of a SELECT list."""
    return code[k].kind == "var" and (code[k - 1].text.upper() == "AS" or _in_select_list(code, k))


def _in_select_list(code: list[_Tok], k: int) -> bool:
    """Whether code[k] stands in a SELECT list outside parentheses (`SELECT ?a ?b WHERE {`)."""
    if code[k].depth:
        return False
    for j in range(k - 1, -1, -1):
        t = code[j]
        if t.text.upper() == "SELECT":
            return True
        if t.text in ("{", "}") or t.text.upper() in ("WHERE", "BY"):
            return False
    return False


def _passes_on(code: list[_Tok], k: int) -> bool:
    """Whether ?v at code[k] is in a subquery's GROUP BY or ORDER BY (no expression around it)."""
    if code[k].depth:
        return False
    for j in range(k - 1, -1, -1):
        t = code[j]
        if t.text.upper() == "BY" and code[j - 1].text.upper() in ("GROUP", "ORDER"):
            return True
        if t.kind != "var":
            return False
    return False


def _groups(code: list[_Tok]) -> list[tuple[int, int]]:
    """For each token, the token indices (open, close) of the innermost braces around it."""
    out: list[tuple[int, int]] = [(0, len(code))] * len(code)
    stack: list[int] = []
    members: list[list[int]] = [[]]
    for k, t in enumerate(code):
        if t.text == "{":
            stack.append(k)
            members.append([])
        elif t.text == "}" and stack:
            start = stack.pop()
            for i in members.pop():
                out[i] = (start, k)
        else:
            members[-1].append(k)
    return out


def _enclosing_clause(code: list[_Tok], k: int) -> _Tok | None:
    """The FILTER or BIND keyword whose parentheses hold code[k], if any."""
    depth = code[k].depth
    for j in range(k - 1, -1, -1):
        t = code[j]
        if t.depth < depth and t.text == "(":
            depth = t.depth
            kw = code[j - 1] if j else None
            if (
                kw is not None
                and kw.kind == "word"
                and kw.text.upper() in ("FILTER", "BIND")
                and t.depth == 0
            ):
                return kw
        if t.text in ("{", "}") and t.depth == 0 and depth == 0:
            return None
    return None


def _where_group(code: list[_Tok]) -> tuple[int, int]:
    """Where the outermost group's braces are (after the SELECT clause, before GROUP/ORDER BY)."""
    braces, start = 0, None
    for t in code:
        if t.text == "{":
            start = t.start if start is None else start
            braces += 1
        elif t.text == "}":
            braces -= 1
            if braces == 0 and start is not None:
                return start, t.start
    raise QueryError("查询没有 WHERE 部分")


def _projection(code: list[_Tok]) -> list[str]:
    """The result columns of the outermost SELECT (`?v` and `(… AS ?v)`)."""
    out, started = [], False
    for k, t in enumerate(code):
        if t.depth == 0 and t.text.upper() == "SELECT":
            started = True
            continue
        if not started:
            continue
        if t.depth == 0 and (t.text == "{" or t.text.upper() == "WHERE"):
            break
        if t.kind == "var" and (t.depth == 0 or code[k - 1].text.upper() == "AS"):
            out.append(t.text[1:])
        if t.text == "*" and t.depth == 0:
            return ["*"]
    return out


def _tail(code: list[_Tok]) -> int | None:
    """Where the outermost ORDER BY starts (after the main group), if the query has one."""
    braces, seen = 0, False
    for k, t in enumerate(code):
        if t.text == "{":
            braces, seen = braces + 1, True
        elif t.text == "}":
            braces -= 1
        elif seen and braces == 0 and t.text.upper() == "ORDER" and code[k + 1].text.upper() == "BY":
            return t.start
    return None


def order_keys(text: str) -> list[str]:
    """The variables of the outermost ORDER BY, in order."""
    code = _code(_tokens(text))
    at = _tail(code)
    return [t.text[1:] for t in code if at is not None and t.start > at and t.kind == "var"]


def _empty_lists(text: str) -> tuple[str, list[str]]:
    """Each `(GROUP_CONCAT(x …) AS ?c)` of the outermost SELECT answers ?kg_gc_c, and beside it
    `(COUNT(x) = COUNT(*) AS ?kg_ok_c)`; the outer query (`_joined`) then binds ?c only when every
    row had an x. SPARQL makes an aggregate over an error an error: Oxigraph leaves ?c unbound when x
    fails in any row, Virtuoso skips those rows (and writes "" for none). The test can not sit inside
    the aggregate query: IF(COUNT(…) …, GROUP_CONCAT(…), …) breaks Virtuoso 7.2's compiler."""
    code = _code(_tokens(text))
    where, _ = _where_group(code)
    edits: list[tuple[int, int, str]] = []
    columns = []
    for k, t in enumerate(code):
        if t.start >= where:
            break
        if t.text.upper() != "GROUP_CONCAT" or code[k + 1].text != "(":
            continue
        j = next(i for i in range(k + 2, len(code)) if code[i].text == ")" and code[i].depth == t.depth)
        if not (code[j + 1].text.upper() == "AS" and code[j + 2].kind == "var" and code[j + 3].text == ")"):
            continue
        first = k + 2 + (code[k + 2].text.upper() == "DISTINCT")
        semi = next((i for i in range(first, j) if code[i].text == ";" and code[i].depth == t.depth + 1), j)
        arg = text[code[first].start : code[semi].start].strip()
        name = code[j + 2].text[1:]
        columns.append(name)
        alias = code[j + 2]
        edits.append((alias.start, alias.start + len(alias.text), f"?kg_gc_{name}"))
        end = code[j + 3].start + 1
        edits.append((end, end, f" (COUNT({arg}) = COUNT(*) AS ?kg_ok_{name})"))
    for start, stop, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[stop:]
    return text, columns


def _joined(b: BundledQuery, text: str, terms: dict[str, str], lists: list[str]) -> str:
    """SELECT the same columns from the query as a subquery, joined with the parameters' VALUES and
    with each GROUP_CONCAT column bound as `_empty_lists` says; the same ORDER BY."""
    code = _code(_tokens(text))
    columns = [c for c in _projection(code) if not c.startswith("kg_ok_")]
    columns = [c[len("kg_gc_") :] if c.startswith("kg_gc_") else c for c in columns]
    missing = [p for p in terms if p not in columns and columns != ["*"]]
    if missing:
        raise QueryError(f"queries/{b.name}.rq: 参数 ?{missing[0]} 不是查询的结果列")
    at = _tail(code)
    inner, order = (text[:at], text[at:]) if at is not None else (text, "")
    values = [f"VALUES ?{p} {{ {t} }}" for p, t in terms.items()]
    binds = [f"BIND(IF(?kg_ok_{c}, ?kg_gc_{c}, ?kg_none) AS ?{c})" for c in lists]
    head = " ".join("?" + c for c in columns) if columns != ["*"] else "*"
    return (
        f"SELECT {head} WHERE {{\n{{\n{inner.rstrip()}\n}}\n" + "\n".join(values + binds) + f"\n}}\n{order}"
    )


def transport(text: str) -> str:
    """Non-ASCII string constants of expressions as STR("…"@zh) and GROUP_CONCATs with a non-ASCII
    separator as SUBSTR(GROUP_CONCAT(CONCAT(STR("sep"@zh), STR(x)); separator=""), len+1): what
    Virtuoso evaluates as the text says (see the module's docstring); the same values elsewhere."""
    code = _code(_tokens(text))
    edits: list[tuple[int, int, str]] = []
    k = 0
    while k < len(code):
        t = code[k]
        if t.text.upper() == "GROUP_CONCAT" and k + 1 < len(code) and code[k + 1].text == "(":
            edit = _group_concat(text, code, k)
            if edit:
                edits.append(edit[:3])
                k = edit[3]
                continue
        if t.kind == "string" and t.depth > 0 and not t.text.isascii():
            annotated = k + 1 < len(code) and (code[k + 1].kind == "lang" or code[k + 1].text == "^^")
            separator = code[k - 1].text == "=" and code[k - 2].text.upper() == "SEPARATOR"
            if not annotated and not separator:
                edits.append((t.start, t.start + len(t.text), f"STR({t.text}@zh)"))
        k += 1
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _group_concat(text: str, code: list[_Tok], k: int) -> tuple[int, int, str, int] | None:
    """GROUP_CONCAT([DISTINCT] x; separator="s") at code[k] as
    SUBSTR(GROUP_CONCAT([DISTINCT] CONCAT(STR("s"@zh), STR(x)); separator=""), len(s) + 1)."""
    open_ = code[k + 1]
    j, semi = k + 2, None
    while j < len(code) and not (code[j].text == ")" and code[j].depth == open_.depth):
        if code[j].text == ";" and code[j].depth == open_.depth + 1:
            semi = j
        j += 1
    if j >= len(code):
        return None
    sep_text = '" "'
    if semi is not None:
        if not (
            semi + 3 < j and code[semi + 1].text.upper() == "SEPARATOR" and code[semi + 3].kind == "string"
        ):
            return None
        sep_text = code[semi + 3].text
    if not sep_text.startswith('"') or sep_text.startswith('"""'):
        return None
    try:
        sep = json.loads(sep_text)
    except ValueError:
        return None
    first = k + 2
    distinct = code[first].text.upper() == "DISTINCT"
    arg_start = code[first + 1].start if distinct else code[first].start
    arg = transport(text[arg_start : code[semi if semi is not None else j].start]).strip()
    sep_term = f"STR({sep_text}@zh)" if not sep.isascii() else sep_text
    new = (
        f"SUBSTR(GROUP_CONCAT({'DISTINCT ' if distinct else ''}CONCAT({sep_term}, STR({arg})); "
        f'separator=""), {len(sep) + 1})'
    )
    return (code[k].start, code[j].start + 1, new, j + 1)


# ---- asking --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    variables: tuple[str, ...]
    rows: tuple[tuple[Cell | None, ...], ...]


def ask(endpoint: str, text: str, *, timeout: float = 300.0) -> Answer:
    """POST a SELECT to a SPARQL endpoint; its JSON answer, or QueryError in one line."""
    data = urllib.parse.urlencode({"query": text}).encode("utf-8")
    req = urllib.request.Request(
        endpoint,
        data=data,
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        },
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            # Virtuoso's "anytime" answers: cut short by a time limit, yet status 200
            if resp.headers.get("X-SQL-State"):
                raise QueryError(f"{endpoint}: 回答不完整（{resp.headers.get('X-SQL-Message', '')}）")
            payload = json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(400).decode("utf-8", "replace").split())
        raise QueryError(f"{endpoint}: HTTP {exc.code} {exc.reason}: {detail[:240]}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise QueryError(f"{endpoint}: {' '.join(str(getattr(exc, 'reason', exc)).split())[:200]}") from None
    names = tuple(payload["head"]["vars"])
    rows = tuple(tuple(_json_cell(r.get(n)) for n in names) for r in payload["results"]["bindings"])
    return Answer(names, rows)


def _json_cell(b: dict | None) -> Cell | None:
    if b is None:
        return None
    kind = {"uri": "iri", "bnode": "bnode"}.get(b["type"], "literal")  # Virtuoso also says typed-literal
    extra = f"@{b['xml:lang'].lower()}" if "xml:lang" in b else b.get("datatype", "")
    return (kind, b["value"], extra)


def run(
    endpoint: str, name: str, bindings: dict[str, str] | None = None, *, timeout: float = 300.0
) -> Answer:
    """Bundled query `name` asked of `endpoint`, its parameters bound as `kg query -p` binds them."""
    b = next((x for x in bundled() if x.name == name), None)
    if b is None:
        raise QueryError(f"{name}: 没有这个内置查询")
    return ask(endpoint, bound_query(b, bindings), timeout=timeout)
