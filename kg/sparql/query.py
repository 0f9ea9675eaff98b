"""`kg query`: SPARQL text, a .rq file or a bundled query by name; results as table/json/csv/tsv.

Parameters are bound as values (Oxigraph substitutions, SEP-0007), never pasted into query text.
Every value is a plain string (or an IRI when written <…> / http(s)://…). A bound parameter of a
bundled query matches a name whatever its label's language tag, and the query starts from it (see
`seeded`), so asking about one place costs what that place holds, not what the store holds.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import paths
from kg.errors import QueryError
from kg.graph import iris
from kg.sparql import guard
from kg.sparql.cells import neutralise_csv, neutralise_tsv
from kg.sparql.headers import header
from kg.store import PREFIXES, GraphStore

FORMATS = ("table", "json", "csv", "tsv")
_OX_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


@dataclass(frozen=True)
class Seed:
    """`# seed: ?param ?var path`: ?param is the text of the name reached from ?var along `path`."""

    param: str
    var: str
    path: tuple[tuple[str, ...], ...]  # steps (IRIs of alternative predicates), from ?var to the name
    year: bool = False  # year(path): ?param is the year of the date reached, not a name


@dataclass(frozen=True)
class BundledQuery:
    name: str
    path: Path
    summary: str  # the first comment line: what it answers
    params: tuple[str, ...]  # variables a caller may bind (# param: ?locality …)
    param_help: tuple[str, ...] = ()  # what each parameter means, in the order of `params`
    seeds: tuple[Seed, ...] = ()  # where a bound parameter lets the query start (# seed: …)

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def parameters(self) -> list[tuple[str, str, str]]:
        """(name, meaning, what the query gives when it is not bound) for each parameter, from its
        `# param: ?name meaning（不填：default）` line.

        >>> BundledQuery("q", Path("q.rq"), "", ("locality",), ("地方名，如 宜秀区（不填：所有地方）",)).parameters()
        [('locality', '地方名，如 宜秀区', '所有地方')]
        """
        out = []
        for name, doc in zip(self.params, self.param_help or ("",) * len(self.params), strict=True):
            m = re.fullmatch(r"(.*?)[（(]不填[：:]\s*(.*?)[）)]\s*", doc)
            out.append((name, m.group(1).strip(), m.group(2).strip()) if m else (name, doc, "不限"))
        return out

    def listing(self) -> str:
        """One line of `kg query --list`: name, what it answers, its parameters (tab-separated)."""
        params = "；".join(
            f"-p {n}=…（{meaning}；不填：{default}）" for n, meaning, default in self.parameters()
        )
        return f"{self.name}\t{self.summary}\t{('参数 ' + params) if params else '无参数'}"


_PARAM_LINE = re.compile(r"^param\s*:\s*\??(\w+)\s*(.*)$", re.I)
_SEED_LINE = re.compile(r"^seed\s*:\s*\?(\w+)\s+\?(\w+)\s+(year\()?([\w:/|-]+)(?(3)\))\s*$", re.I)


def bundled() -> list[BundledQuery]:
    """The queries in queries/*.rq. Each starts with a comment block: first what it answers, then
    `# param: ?name meaning` lines for the variables a caller may bind, then `# seed:` lines (see
    `seeded`)."""
    return [parse(f) for f in sorted(paths.QUERIES_DIR.glob("*.rq"))]


def parse(f: Path) -> BundledQuery:
    """A .rq file as a bundled query, named by its stem, from its leading comment block."""
    header = []
    for ln in f.read_text(encoding="utf-8").splitlines():
        if not ln.startswith("#"):
            break
        header.append(ln.lstrip("#").strip())
    summary = next((c for c in header if c and not _PARAM_LINE.match(c) and not _SEED_LINE.match(c)), "")
    found = [m for m in map(_PARAM_LINE.match, header) if m]
    params = tuple(m.group(1) for m in found)
    helps = tuple(m.group(2).strip() for m in found)
    seeds = tuple(
        Seed(
            m.group(1),
            m.group(2),
            tuple(tuple(map(_expand, step.split("|"))) for step in m.group(4).split("/")),
            year=bool(m.group(3)),
        )
        for m in map(_SEED_LINE.match, header)
        if m
    )
    return BundledQuery(f.stem, f, summary, params, helps, seeds)


def _expand(name: str) -> str:
    prefix, local = name.split(":", 1)
    return PREFIXES[prefix] + local


# Labels, titles and concept names are written with the @zh tag (kg.graph.triples.zh); a name given
# as plain text is looked up under that tag and as a plain literal.
LABEL_LANGUAGES = ("zh",)
# Where the seeds go: the group opened by the only line that reads `WHERE {` alone (indentation
# aside) — the main group, or the subquery that matches the names when the main group is an outer one.
_SEED_GROUP = "WHERE {"
REQUIRED = "  # required when ?{} is given"


def seeded(
    store: GraphStore, b: BundledQuery, text: str, values: dict[str, ox.NamedNode | ox.Literal]
) -> str:
    """The bundled query's text, starting from what its bound parameters name.

    Oxigraph applies a substitution where the variable occurs; a parameter such as ?locality occurs
    only in BIND(STR(?ll) AS ?locality), evaluated after the whole store was matched. For each
    `# seed: ?locality ?loc rdfs:label` line (the path may be `a/b`, `a|b`; `year(p)` matches the
    year of a date) whose parameter is bound to text T, the store is asked, by its API and not by
    query text, for the subjects whose rdfs:label is "T"@zh or "T"; a `VALUES ?loc { <…> … }` row
    set (the SPARQL way of giving initial bindings) then opens the group of the one line that reads
    `WHERE {`, so matching starts there. A line ending in `# required when ?locality is given` loses
    its OPTIONAL: the named place must be there. The substitution stays, so the answer is what the
    filter alone gave, for names tagged @zh or plain (all the store holds); an empty value or an IRI
    seeds nothing. Every term is pyoxigraph's own serialisation of a NamedNode the store returned;
    no value is ever formatted into the text.
    """
    rows, required = [], []
    for seed in b.seeds:
        value = values.get(seed.param)
        if not isinstance(value, ox.Literal) or not value.value:
            continue
        found = _subjects(store, seed, value.value)
        terms = " ".join(str(s) for s in sorted(found, key=lambda n: n.value))
        rows.append(f"  VALUES ?{seed.var} {{ {terms} }}\n")
        required.append(REQUIRED.format(seed.param))
    plain = {k: v.value for k, v in values.items() if isinstance(v, ox.Literal)}
    plain |= {k: f"<{v.value}>" for k, v in values.items() if isinstance(v, ox.NamedNode)}
    return open_with(b, narrowed(b, text, plain), rows, required)


# `{  # only when ?peers is all`: a group that can give rows only with that value of the parameter (it
# BINDs it). Asked with another value, none of its rows is kept, so it is not evaluated at all: it is
# replaced by an empty group (Oxigraph evaluates each branch of a UNION whole before the value filters it).
_ONLY = re.compile(r"\{\s*# only when \?(\w+) is (\S+)\s*$")


def narrowed(b: BundledQuery, text: str, values: dict[str, str]) -> str:
    """The text without the `# only when ?param is X` groups that a bound ?param (value text) rules out
    (shared by the local and the remote seeding). The answer is the same: those groups give rows whose
    ?param is X, and the bound value keeps only the rows whose ?param equals it."""
    lines = text.splitlines(keepends=True)
    out, i = [], 0
    while i < len(lines):
        m = _ONLY.search(lines[i])
        if m and m.group(1) in values and values[m.group(1)] != m.group(2):
            end = _closing_line(b, lines, i)
            out.append(lines[i][: m.start()] + "{ FILTER(false) }\n")
            i = end + 1
            continue
        out.append(lines[i])
        i += 1
    return "".join(out)


def _closing_line(b: BundledQuery, lines: list[str], start: int) -> int:
    """The line whose `}` (its last code) closes the group opened at the end of line `start`."""
    depth = 0
    for i in range(start, len(lines)):
        code = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', lines[i]).split("#", 1)[0]
        for k, ch in enumerate(code):
            depth += {"{": 1, "}": -1}.get(ch, 0)
            if depth == 0 and ch == "}":
                if code[k + 1 :].strip():
                    break  # more follows the closing brace on its line
                return i
        else:
            continue
        break
    raise QueryError(f"queries/{b.name}.rq: `# only when` 的组须在某一行末尾以 }} 结束")


def open_with(b: BundledQuery, text: str, rows: list[str], required: list[str]) -> str:
    """The query text with the seed `rows` opening the group of the line `WHERE {` and the OPTIONAL
    dropped from the lines marked `required` (shared by the local and the remote seeding)."""
    if not rows:
        return text
    lines = text.splitlines(keepends=True)
    opening = [i for i, ln in enumerate(lines) if ln.strip() == _SEED_GROUP]
    if len(opening) != 1:
        raise QueryError(f"queries/{b.name}.rq: # seed 需要恰好一行单独的 `{_SEED_GROUP}`")
    for i, ln in enumerate(lines):
        body = ln.rstrip()
        if any(body.endswith(r) for r in required) and body.lstrip().startswith("OPTIONAL "):
            lines[i] = ln.replace("OPTIONAL ", "", 1)
    at = opening[0] + 1
    return "".join(lines[:at] + rows + lines[at:])


def _subjects(store: GraphStore, seed: Seed, text: str) -> set[ox.NamedNode]:
    """The IRIs from which the seed's path leads to the name `text` (tagged @zh, or plain), or to a
    date in the year `text` (STR(YEAR(date)) = text), found with the store's API."""
    path = seed.path
    if seed.year:  # the dates of the last step, read in full (one per bulletin), kept by their year
        nodes: set = {
            q.object
            for pred in path[-1]
            for q in store.db.quads_for_pattern(None, ox.NamedNode(pred), None, None)
            if isinstance(q.object, ox.Literal)
            and q.object.datatype.value in _DATES
            and _year(q.object.value) == text
        }
    else:
        nodes = {ox.Literal(text, language=lang) for lang in LABEL_LANGUAGES} | {ox.Literal(text)}
    for step in reversed(path):
        nodes = {
            q.subject
            for pred in step
            for node in nodes
            for q in store.db.quads_for_pattern(None, ox.NamedNode(pred), node, None)
            if isinstance(q.subject, ox.NamedNode)
        }
    return nodes


_DATES = {"http://www.w3.org/2001/XMLSchema#date", "http://www.w3.org/2001/XMLSchema#dateTime"}


def _year(lexical: str) -> str:
    """STR(YEAR(d)) of an xsd:date or xsd:dateTime: the digits before the first '-' after a sign."""
    sign, rest = ("-", lexical[1:]) if lexical.startswith("-") else ("", lexical)
    digits = rest.split("-", 1)[0]
    return sign + (digits.lstrip("0") or "0") if digits.isdigit() else ""


def _is_file(q: str) -> bool:
    """Whether a one-line QUERY names a file: a query longer than a file name may be (255 bytes, a
    few dozen Chinese characters) is text, never an error (ENAMETOOLONG)."""
    try:
        return Path(q).is_file()
    except (OSError, ValueError):
        return False


def resolve(query: str) -> tuple[str, str]:
    """(query text, where it came from) for SPARQL text, a .rq path or a bundled name."""
    q = query.strip()
    by_name = {b.name: b for b in bundled()}
    if q in by_name:
        return by_name[q].path.read_text(encoding="utf-8"), f"queries/{q}.rq"
    if q.endswith(".rq") or ("\n" not in q and _is_file(q)):
        p = Path(q)
        if not p.is_file():
            raise QueryError(f"{q}: 没有这个查询文件")
        return p.read_text(encoding="utf-8"), str(p)
    if not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", q, re.I):
        names = "、".join(sorted(by_name)) or "无"
        raise QueryError(
            f"{q[:60]}: 既不是 SPARQL，也不是 .rq 文件或内置查询（内置查询：{names}；kg query --list 查看说明）"
        )
    return q, "query"


def run(
    store: GraphStore, query: str, bindings: dict[str, str] | None = None, *, limit: int = 0, offset: int = 0
) -> Any:
    """Evaluate a query on the store; `bindings` (name -> text) are bound by value as parameters.

    Oxigraph substitutions (SEP-0007): a bound variable is replaced by its value wherever it occurs,
    so it must be one of the query's result columns, and `BIND(expr AS ?param)` then keeps only the
    rows where expr equals the value; an unbound one stays unbound. BOUND(?param) does not see a
    substituted value: the bundled queries use BIND(STR(…) AS ?param) and COALESCE(… = ?param, …).
    A bundled query also starts from what its bound parameters name (`seeded`); SPARQL text and .rq
    files are run as given. `limit`/`offset` (bundled queries only, 0: no limit) keep one page of the
    ordered rows (see `page`).
    """
    text, origin = resolve(query)
    b = _bundled_query(query)
    if b is not None:
        unknown = sorted(set(bindings or {}) - set(b.params))
        if unknown:
            takes = "、".join(f"?{p}" for p in b.params) or "无"
            raise QueryError(f"{origin}: 没有参数 ?{unknown[0]}（此查询的参数：{takes}）")
    values = {k: _term(v) for k, v in (bindings or {}).items()}
    if b is not None:
        _check_places(store, b, text, origin)
        text = seeded(store, b, text, values)
    if limit or offset:
        if b is None:
            raise QueryError(
                f"{origin}: --limit/--offset 只用于内置查询；自己的 SPARQL 请直接写 LIMIT/OFFSET"
            )
        text = _sliced(text, limit, offset)
    guard.check(text, origin)
    try:
        return store.query(text, values)
    except SyntaxError as exc:
        raise QueryError(f"{origin}: {syntax_message(exc, text)}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        msg = _one_line(exc)
        m = re.search(r"does not contains? variable \?(\w+) in its SELECT projection", msg)
        if m:
            raise QueryError(
                f"{origin}: 参数 ?{m.group(1)} 不是查询的结果列"
                f"（绑定的参数必须出现在 SELECT 中，如 SELECT ?{m.group(1)} …）"
            ) from None
        raise QueryError(f"{origin}: 查询失败：{msg}") from None


# Facts the build derives that bundled questions read: (name in the query text, what it is). A store
# built before the build wrote one lacks it, and a question reading it would answer nothing.
DERIVED = (("ckg:place", "做法所属地方"), ("ckg:reportedOn", "做法见报日期"))


def _check_places(store: GraphStore, b: BundledQuery, text: str, origin: str) -> None:
    """A bundled question that reads a derived fact (DERIVED), on a store built before the build wrote
    it, would answer nothing without saying why: refuse it with the remedy instead. (ckg:reportedOn is
    missing rightly where no bulletin has a date: then nothing is refused.) A store whose older
    bulletins were kept through `kg add` holds the facts for the new ones only: the manifest says which
    build wrote each bulletin's graph (kg.graph.GRAPH_FORMAT, older_graphs)."""
    reads = [(name, what) for name, what in DERIVED if name in text]
    if not reads:
        return
    from kg.graph import older_graphs

    old = older_graphs(store.bulletins)
    if old:
        names = "、".join(f"{what}（{name}）" for name, what in reads)
        raise QueryError(
            f"{origin}: 此图谱有 {len(old)} 期公报由较早的版本写入，没有{names}，{b.name} 会漏掉它们的做法；"
            "请运行 kg build 重建（不带目录时按记住的来源重建）"
        )
    for name, what in reads:
        if bool(store.query(f"ASK {{ ?p {name} ?x }}")):
            continue
        if name == "ckg:reportedOn":
            needed = "ASK { ?p a ckg:Practice ; ckg:describedIn ?a . ?a dcterms:isPartOf ?b . ?b dcterms:issued ?d }"
        else:
            needed = "ASK { ?p a ckg:Practice }"
        if bool(store.query(needed)):
            raise QueryError(
                f"{origin}: 此图谱由较早的版本构建，没有{what}（{name}），{b.name} 无从回答；"
                "请运行 kg build 重建（不带目录时按记住的来源重建）"
            )


def _sliced(text: str, limit: int, offset: int) -> str:
    """The query with LIMIT/OFFSET appended: a bundled query has no outer slice of its own. The
    numbers are ints, formatted by us."""
    clause = (f"LIMIT {int(limit)} " if limit else "") + (f"OFFSET {int(offset)}" if offset else "")
    return text.rstrip() + "\n" + clause.strip() + "\n"


# `kg query`: a bundled query asked without parameters lists everything (on a large store, tens of
# thousands of rows); it shows this many unless --limit says otherwise (--limit 0: all).
DEFAULT_LIMIT = 1000
EMPTY = "(0 行：没有符合条件的结果)"


@dataclass
class Page:
    """Rows `offset+1`..`offset+limit` of a query's answer, and whether more follow."""

    text: str  # the formatted rows
    more: bool  # the answer goes on after this page
    limit: int
    offset: int

    def note(self, default: bool) -> str:
        """What `kg query` prints on stderr when the page is not the whole answer ("" when it is)."""
        if not self.more:
            return ""
        first, last = self.offset + 1, self.offset + self.limit
        why = f"（不带参数的内置查询默认最多 {self.limit} 行）" if default else ""
        return (
            f"注意：只显示了第 {first}–{last} 行，后面还有{why}。下一页加 --offset {last}，全部加 --limit 0。"
        )


def page(
    store: GraphStore, query: str, bindings: dict[str, str] | None, fmt: str, limit: int, offset: int = 0
) -> Page:
    """One page of a bundled query's answer, formatted: one row more than the page is asked for, so
    that whether more follow is known without evaluating the query twice, and dropped."""
    if not limit:
        return Page(format_results(run(store, query, bindings, offset=offset), fmt), False, 0, offset)
    results = run(store, query, bindings, limit=limit + 1, offset=offset)
    try:
        text, more = _format_page(results, fmt, limit)
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"查询失败：{_one_line(exc)}") from None
    return Page(text, more, limit, offset)


def is_empty(text: str, fmt: str) -> bool:
    """Whether a formatted SELECT answer has no row (an ASK or CONSTRUCT answer never counts as empty).

    >>> is_empty("?a\\t?b\\n", "tsv"), is_empty('{"head":{"vars":["a"]},"results":{"bindings":[]}}', "json")
    (True, True)
    """
    if fmt == "table":
        return text.rstrip("\n").endswith(EMPTY)
    if fmt == "json":
        try:
            return json.loads(text).get("results", {}).get("bindings") == []
        except ValueError:
            return False
    return len(text.strip("\r\n").splitlines()) == 1 and not text.startswith(("@prefix", "<"))


def _format_page(results: Any, fmt: str, limit: int) -> tuple[str, bool]:
    """The formatted rows without the one past the page (the formats are Oxigraph's own serialisations)."""
    if fmt == "table":
        rows = list(results)
        return table(_Rows(results.variables, rows[:limit])), len(rows) > limit
    text = _format(results, fmt)
    if fmt == "json":
        data = json.loads(text)
        bindings = data["results"]["bindings"]
        if len(bindings) <= limit:
            return text, False
        del bindings[limit:]
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")), True
    if fmt == "tsv":  # one line a row: TSV escapes line breaks in terms
        lines = text.rstrip("\n").split("\n")
        if len(lines) - 1 <= limit:
            return text, False
        return "\n".join(lines[: limit + 1]) + "\n", True
    rows = list(csv.reader(io.StringIO(text, newline="")))  # csv: a quoted cell may hold a line break
    if len(rows) - 1 <= limit:
        return text, False
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows[: limit + 1])
    return out.getvalue(), True


@dataclass
class _Rows:
    """Solutions already read, for `table`."""

    variables: Any
    rows: list

    def __iter__(self):
        return iter(self.rows)


def is_bundled(query: str) -> bool:
    """Whether QUERY names a bundled query (not SPARQL text nor a .rq file)."""
    return _bundled_query(query) is not None


def _bundled_query(query: str) -> BundledQuery | None:
    """The bundled query of that name (None for SPARQL text and .rq files)."""
    return next((b for b in bundled() if b.name == query.strip()), None)


def _term(value: str) -> ox.NamedNode | ox.Literal:
    """A bound parameter, as a term built from the value (never pasted into query text):
    an IRI when written <…> or http(s)://…, else a plain string literal (xsd:string).

    Bundled queries compare with STR(…), so a name matches whatever its label's language tag.
    """
    v = value.strip()
    if re.fullmatch(r"<[^<>\s\"{}|^`\\]+>", v):
        return ox.NamedNode(v[1:-1])
    if re.fullmatch(r"https?://[^<>\s\"{}|^`\\]+", v):
        return ox.NamedNode(v)
    return ox.Literal(value)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


_POS = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.S)
_CHAR_CLASS = re.compile(r"\[[^\]]*(?:\.\.=|\\u\{)[^\]]*\]")


def syntax_message(exc: BaseException, text: str) -> str:
    """One line of Chinese: where (line, column) and what the parser expected, with the text near it.

    pyoxigraph reports `error at LINE:COLUMN: expected one of …` (1-based, in characters) with long
    character-class lists; those are shortened, an unknown prefix, an unbound SELECT variable and an
    open string are named as such, and the parser's tokens are kept (they are SPARQL keywords). The
    position is where the parser gave up, often the end of the clause or of the query rather than the
    mistake itself, hence the text before it is quoted.
    """
    raw = str(exc)
    m = _POS.match(raw.strip())
    if not m:
        return f"SPARQL 语法错误：{_one_line(exc)}"
    line, col, what = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    lines = text.split("\n")
    src = lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""
    before, after = src[: col - 1], src[col - 1 :]
    near = (before[-30:] + after[:15]).strip()
    where = f"SPARQL 语法错误（第 {line} 行第 {col} 列" + (f"，“{near}”附近）" if near else "）")
    if "Prefix not found" in what:
        pm = re.search(r"([A-Za-z][\w.-]*)?:[^\s:]*$", before)
        name = (pm.group(1) or "") if pm else ""
        return f"{where}：未知前缀 {name}:（已预声明：{' '.join(PREFIXES)}）"
    if "variable that is unbound" in what:
        return f"{where}：SELECT 中的变量既没有在 WHERE 中绑定，也没有分组（GROUP BY）"
    if '"\\""' in what or "'\"'" in what:
        return f"{where}：字符串缺少结束的引号"
    if all(f in what for f in ("ABS", "STR", "isLITERAL")):
        return f"{where}：这里应是一个表达式"
    what = _CHAR_CLASS.sub("NAME", what)
    what = re.sub(r"(NAME(, )?)+", "NAME, ", what).rstrip(", ")
    what = re.sub(r",?\s*\[\s*'?_'?\s*\]", "", what)
    tokens = what.removeprefix("expected one of ").removeprefix("expected ")
    tokens = "、".join(t.strip() for t in tokens.split(", ") if t.strip()).replace("NAME", "名称字符")
    if len(tokens) > 120:
        tokens = tokens[:119] + "…"
    if not tokens:
        return f"{where}：语法有误"
    return f"{where}：此处应为 {tokens}" + (" 之一" if "、" in tokens else "")


def format_results(results: Any, fmt: str) -> str:
    try:
        return _format(results, fmt)
    except (OSError, RuntimeError, ValueError) as exc:  # evaluation errors surface while iterating
        raise QueryError(f"查询失败：{_one_line(exc)}") from None


def _format(results: Any, fmt: str) -> str:
    if isinstance(results, ox.QueryBoolean):
        if fmt == "table":
            return "是" if bool(results) else "否"
        return results.serialize(format=_OX_FORMATS[fmt]).decode("utf-8")
    if isinstance(results, ox.QueryTriples):
        return results.serialize(format=ox.RdfFormat.TURTLE).decode("utf-8")
    if fmt in _OX_FORMATS:
        text = results.serialize(format=_OX_FORMATS[fmt]).decode("utf-8")
        if fmt == "csv":
            return neutralise_csv(text)
        return neutralise_tsv(text) if fmt == "tsv" else text
    return table(results)


def cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        v = term.value
        for prefix, iri in (("ckg:", PREFIXES["ckg"]), ("id:", iris.BASE)):
            if v.startswith(iri):
                return prefix + v[len(iri) :]
        return v
    return str(term.value)


def width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, w: int) -> str:
    return text + " " * (w - width(text))


def table(results: Any, max_cell: int = 60) -> str:
    names = [v.value for v in results.variables]
    return text_table(names, [[cell(sol[n]) for n in names] for sol in results], max_cell)


def text_table(names: list[str], cells: list[list[str]], max_cell: int = 60) -> str:
    """Rows of text as an aligned table (East Asian wide characters count two columns) under Chinese
    headers (kg.sparql.headers), with a row count, or a line saying that there is none."""
    names = [header(n) for n in names]
    rows = [[_clip(c, max_cell) for c in r] for r in cells]
    widths = [max([width(n)] + [width(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = "  ".join(_pad(n, w) for n, w in zip(names, widths, strict=True))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([line.rstrip(), sep, *body, f"({len(rows)} 行)" if rows else EMPTY])


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
