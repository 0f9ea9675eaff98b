"""`kg` command line: a thin skin over the library. Only this module imports click.

Exit codes (the README's table): 0 success, also for an empty answer (a note on stderr says so);
1 bad input or a user error: one line on stderr naming the file, name or query and the problem
(`kg validate`: the graph violates the shapes); 2 usage error (click's: an unknown option, a missing
argument, a malformed value); 3 internal error (KG_DEBUG=1 shows the traceback); 130 Ctrl-C, 143 SIGTERM.
Every text a person reads is Chinese, click's own included (kg.messages).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg import __version__, messages
from kg.errors import KGError
from kg.lifetime import Terminated, terminate_gracefully
from kg.progress import for_stream, stage, written_line

messages.install(messages.ZH)

EXIT_USER, EXIT_INTERNAL = 1, 3  # 2, a usage error, is click's own
STORE_HELP = "图谱存储目录（默认：环境变量 KG_STORE；源码目录中为项目内 .kg-store；安装后为 ~/.local/share/cadrekg/store）"
AS_ARTICLE_HELP = "报头缺少刊名、期号或日期的文件（新闻稿、转载材料）也作为单篇文章导入"


def store_option(f):
    return click.option(
        "--store", type=click.Path(file_okay=False, path_type=Path), envvar="KG_STORE", help=STORE_HELP
    )(f)


class KGFormatter(click.HelpFormatter):
    """click's help layout, with Chinese headings and lines wrapped by display width (a Chinese
    character takes two columns: click counts characters, which misaligns and overflows them)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for i, para in enumerate(p for p in text.split("\n\n") if p.strip()):
            if i:
                self.write("\n")
            for line in messages.wrap(para.replace("\b", ""), self.width - self.current_indent):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((messages.display_width(r[0]) for r in rows), default=0), col_max) + col_spacing
        pad = " " * (self.current_indent + first_col)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            lines = messages.wrap(second, max(self.width - self.current_indent - first_col, 20))
            if not lines:
                self.write("\n")
                continue
            used = messages.display_width(first)
            if used <= first_col - col_spacing:
                self.write(" " * (first_col - used))
            else:
                self.write(f"\n{pad}")
            self.write(f"{lines[0]}\n" + "".join(f"{pad}{line}\n" for line in lines[1:]))


class KGContext(click.Context):
    formatter_class = KGFormatter


class KGCommand(click.Command):
    """A command whose usage and help read in Chinese."""

    context_class = KGContext

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first sentence of the help (click cuts at spaces, which Chinese text has none of)."""
        if self.short_help:
            return self.short_help
        first = (self.help or "").strip().split("\n\n")[0]
        first = " ".join(first.split()).split("。")[0]
        return first if messages.display_width(first) <= 2 * limit else first[: limit - 1] + "…"


class KGGroup(click.Group):
    """Turns library errors into one-line messages and exit status 1, bugs into status 3."""

    command_class = KGCommand
    context_class = KGContext

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("已中断", err=True)
            sys.exit(130)
        except Terminated:
            click.echo("已终止（收到 SIGTERM）；图谱保持为上一个完整版本", err=True)
            sys.exit(143)
        except click.MissingParameter as exc:  # click ends this one message with an ASCII full stop
            raise click.UsageError(exc.format_message().rstrip(".") + "。", exc.ctx) from None
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug: one line for users, the traceback with KG_DEBUG=1
            if os.environ.get("KG_DEBUG"):
                raise
            what = " ".join(str(exc).split())[:300]
            click.echo(
                f"错误：内部错误 {exc.__class__.__name__}：{what}（设环境变量 KG_DEBUG=1 可看到详细的出错位置）",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)


@click.group(
    cls=KGGroup,
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(version=__version__, package_name="cadre-kg")
def main() -> None:
    """CadreKG：把组工信息变成可查询的干部工作做法知识图谱。

    每个命令的用法：kg 命令 --help。退出码：0 成功（结果为空时也是 0，并在 stderr 说明）；1 输入有误或用户错误（一行说明）；2 用法错误（选项或参数写错）；3 内部错误（设 KG_DEBUG=1 查看详情）。
    """


def _progress():
    """Progress on a terminal (stderr), nothing when piped."""
    return for_stream(sys.stderr)


def _print_report(report) -> None:
    for note in report.notes:
        click.echo(f"注意：{note}", err=True)
    for line in report.failures:
        click.echo(f"错误：{line}", err=True)
    _written(report.outputs)
    click.echo(report.summary())
    if report.failures:
        sys.exit(EXIT_USER)


def _written(outputs) -> None:
    """One line for what was written: the file itself, or how many files in which folder(s)."""
    line = written_line([str(o) for o in outputs])
    if line:
        click.echo(line, err=True)


VIEWS_HELP = "视图与报告输出目录（默认：图谱目录内的 visualizations/；源码目录中未指定 --store 时为项目的 visualizations/）"


@main.command()
@click.argument("data_dirs", nargs=-1, type=click.Path(path_type=Path))
@store_option
@click.option("--views", type=click.Path(file_okay=False, path_type=Path), help=VIEWS_HELP)
@click.option("--workers", type=int, default=None, help="并行进程数（默认：CPU 核数）")
@click.option("--no-views", is_flag=True, help="只建图谱，不生成网页视图与报告")
@click.option("--as-article", is_flag=True, help=AS_ARTICLE_HELP)
def build(data_dirs, store, views, workers, no_views, as_article) -> None:
    """读取目录下所有公报，构建图谱、相似链接、视图与报告（幂等）。不给目录时：重建图谱记住的来源（上次构建的目录与每期公报的源文件）；还没有图谱时读取内置样例 data/。"""
    from kg.pipeline import build as run_build

    with terminate_gracefully(), _progress() as progress:
        report = run_build(
            data_dirs or None,
            store,
            progress=progress,
            workers=workers,
            views=views,
            render=not no_views,
            as_article=as_article,
        )
    _print_report(report)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--views", type=click.Path(file_okay=False, path_type=Path), help=VIEWS_HELP)
@click.option("--no-views", is_flag=True, help="只更新图谱，不更新网页视图与报告")
@click.option("--as-article", is_flag=True, help=AS_ARTICLE_HELP)
def add(files, store, views, no_views, as_article) -> None:
    """把新公报加入已有图谱（只更新受影响部分；修改过的公报替换旧版本）。"""
    from kg.pipeline import add as run_add

    with terminate_gracefully(), _progress() as progress:
        report = run_add(
            files, store, views=views, render=not no_views, as_article=as_article, progress=progress
        )
    _print_report(report)


@main.command()
@click.argument("bulletins", nargs=-1, required=True)
@store_option
@click.option("--views", type=click.Path(file_okay=False, path_type=Path), help=VIEWS_HELP)
@click.option("--no-views", is_flag=True, help="只更新图谱，不更新网页视图与报告")
def remove(bulletins, store, views, no_views) -> None:
    """从图谱中删除公报。BULLETIN 可写源文件路径、公报的键，或“刊名 YYYY年第N期”（如 "安庆组工信息 2021年第12期"）；有一个找不到时什么都不删。"""
    from kg.pipeline import remove as run_remove

    with terminate_gracefully(), _progress() as progress:
        report = run_remove(bulletins, store, views=views, render=not no_views, progress=progress)
    _print_report(report)


@main.command()
@click.argument("query", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "tsv"]),
    default="table",
    show_default=True,
    help="输出格式：table 表格（表头为中文）；json 为 SPARQL 1.1 查询结果 JSON；csv、tsv 以变量名为表头",
)
@click.option(
    "--list",
    "list_",
    is_flag=True,
    help="列出内置查询：名称、它回答的问题、可绑定的参数（含义与不填时的默认）",
)
@click.option(
    "--param", "-p", multiple=True, metavar="NAME=VALUE", help="按值绑定查询参数，如 -p locality=宜秀区"
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    metavar="N",
    help="内置查询最多输出 N 行（0：全部）；不带 -p 的内置查询默认 1000 行，截断时在 stderr 提示",
)
@click.option(
    "--offset",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="内置查询跳过前 N 行（与 --limit 一起翻页）",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
    help="查询时限（秒），超过即停止；0 表示不限",
)
@store_option
def query(query, fmt, list_, param, limit, offset, timeout, store) -> None:
    """运行 SPARQL：查询文本、.rq 文件或内置查询名。前缀 ckg rdf rdfs owl xsd skos dcterms schema org prov 已预声明。不允许 SERVICE（不向外部地址发请求）；Ctrl-C 立即停止。"""
    from kg.sparql import bounded
    from kg.sparql import query as q

    if list_:
        for b in q.bundled():
            click.echo(b.listing())
        return
    if not query:
        raise click.UsageError("需要 QUERY（SPARQL 文本、.rq 文件或内置查询名），或用 --list")
    if query == "-":
        query = sys.stdin.read()
    bindings = dict(_param(p) for p in param)
    bundled = q.is_bundled(query)
    default = limit is None and bundled and not bindings  # a listing: capped unless asked otherwise
    if limit is None:
        limit = q.DEFAULT_LIMIT if default else 0

    def work() -> tuple[str, str]:  # in a child process that a timeout or Ctrl-C kills
        with _open(store, read_only=True) as gs:
            result = q.page(gs, query, bindings, fmt, limit, offset)
        return result.text, result.note(default)

    text, note = bounded.run(work, timeout=timeout or None, origin=_origin(query))
    click.echo(text.rstrip("\n"))
    if note:
        click.echo(note, err=True)
    elif fmt != "table" and q.is_empty(text, fmt):  # a table says so itself
        click.echo("注意：没有符合条件的结果（0 行）", err=True)


def _origin(query: str) -> str:
    from kg.sparql.query import is_bundled

    q = query.strip()
    if is_bundled(q):
        return f"queries/{q}.rq"
    return q if q.endswith(".rq") else "query"


def _param(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise click.BadParameter(
            f"“{text}”应写成 名称=值，如 -p locality=宜秀区", param_hint="'-p' / '--param'"
        )
    k, v = text.split("=", 1)
    return k.strip().lstrip("?"), v


def _open(store, read_only: bool = False):
    from kg.paths import default_store
    from kg.store import GraphStore

    return GraphStore(store or default_store(), read_only=read_only)


@main.command()
@click.argument("target")
@click.option("--text", "is_text", is_flag=True, help="TARGET 是一段做法描述（或 - 从标准输入读取整篇文章）")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="每条做法最多列出几条相似的外地做法",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "json", "docx"]),
    default="md",
    show_default=True,
    help="报告格式：md（Markdown）、html、json、docx（Word，须用 -o 指定文件）",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="写入文件（docx 必须指定）"
)
@click.option(
    "--source-text",
    "source_text",
    is_flag=True,
    help="另附每条做法在公报文件中的原样文字（未经整理，含转换留下的空格和标记）",
)
@store_option
def similar(target, is_text, top, fmt, output, source_text, store) -> None:
    """“谁在做类似的事”报告：TARGET 为地方名，或用 --text 给出做法描述。"""
    from kg.imports import defer_numpy_extras, one_blas_thread

    one_blas_thread()  # before numpy loads
    defer_numpy_extras()  # before scipy: ~0.15 s of start-up the answer does not use
    from kg.report import similar_report

    if is_text and target == "-":
        target = sys.stdin.read()
    if fmt == "docx" and output is None:
        raise click.UsageError("--format docx 需要 -o FILE")
    with _open(store, read_only=True) as gs, _progress() as progress, stage(progress, "查找相似做法"):
        data = similar_report(gs, target, is_text=is_text, top=top, fmt=fmt, source_text=source_text)
    _emit(data, output)


def _emit(data: str | bytes, output: Path | None) -> None:
    if output is None:
        click.echo(data if isinstance(data, str) else data.decode("utf-8"))
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        output.write_bytes(data)
    else:
        output.write_text(data, encoding="utf-8")
    click.echo(f"已写出 {output}", err=True)


@main.command()
@click.argument("theme")
@click.option(
    "--text", "is_text", is_flag=True, help="THEME 是一段做法描述（或 - 从标准输入读取），按相近程度取做法"
)
@click.option(
    "--top", type=click.IntRange(min=1), default=30, show_default=True, help="--text 时最多取多少条做法"
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "json", "docx"]),
    default="md",
    show_default=True,
    help="输出格式：md 文本，html 网页，json 供程序读取，docx 可打印的汇编",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="写入文件（docx 必须指定）"
)
@store_option
def digest(theme, is_text, top, fmt, output, store) -> None:
    """经验做法汇编：某一主题（对象、做法类型、品牌提法，或用 --text 给出描述）在全库的全部做法，按省、市、县分组，附成效、出处和首次报道先后。"""
    from kg.digest import digest as build
    from kg.digest import render

    if is_text and theme == "-":
        theme = sys.stdin.read()
    if fmt == "docx" and output is None:
        raise click.UsageError("--format docx 需要 -o FILE")
    with _open(store, read_only=True) as gs:
        d = build(gs, theme, is_text=is_text, top=top)
    _emit(render(d, fmt), output)


@main.command()
@click.argument("locality")
@click.option(
    "--peers",
    type=click.Choice(["province", "all"]),
    default="province",
    show_default=True,
    help="同级地方的范围：province 同省，all 全库",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "json"]),
    default="md",
    show_default=True,
    help="输出格式：md 文本，html 网页，json 供程序读取",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="写入文件")
@store_option
def gaps(locality, peers, fmt, output, store) -> None:
    """同级比较：同级地方报道过、本地未见报道的做法类型和品牌提法，按报道它的同级地方数排列（“未见报道”不等于“没有开展”）。"""
    from kg.gaps import gaps as build
    from kg.gaps import render

    with _open(store, read_only=True) as gs:
        g = build(gs, locality, peers)
    _emit(render(g, fmt), output)


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="输出 HTML 文件（默认写出视图目录下全部页面：图谱目录内的 visualizations/，源码目录中为项目的 visualizations/）",
)
@click.option("--locality", multiple=True, help="只看这些地方")
@click.option("--target-group", multiple=True, help="只看面向这些对象的做法")
@click.option("--practice-type", multiple=True, help="只看这些做法类型")
@click.option("--year", type=int, multiple=True, help="只看这些年份")
@store_option
def viz(output, locality, target_group, practice_type, year, store) -> None:
    """写出可离线打开的交互式网络视图（vis-network 内联）。"""
    from kg import paths

    out, notes = paths.views_dir(store), []
    with _open(store, read_only=True) as gs, _progress() as progress, stage(progress, "生成视图"):
        if output is None and not (locality or target_group or practice_type or year):
            from kg.publish import render_all  # the view site, as `kg build` writes it

            written = render_all(gs, out)
        else:
            from kg.views import render_filtered

            filters = (locality, target_group, practice_type, year)
            written = [render_filtered(gs, output or out / "filtered.html", *filters, notes=notes)]
    for note in notes:
        click.echo(f"注意：{note}", err=True)
    click.echo(written_line([str(w) for w in written]))


@main.command()
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=7878,
    show_default=True,
    help="端点监听的本机端口（只监听 127.0.0.1）",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="单个查询超时（秒），超过返回 504",
)
@click.option(
    "--max-mb",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    help="单个答案上限（MB），超过返回 507",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=0),
    default=2048,
    show_default=True,
    metavar="MB",
    help="查询引擎的内存上限（MB，0 不限）；超出时该查询失败，引擎自动重启",
)
@store_option
def serve(port, timeout, max_mb, max_memory, store) -> None:
    """只读 SPARQL 1.1 端点：http://127.0.0.1:PORT/query，附查询页面。不接受更新与 SERVICE；图谱更新后自动改为提供新版本。Ctrl-C 退出。"""
    from kg.paths import default_store
    from kg.sparql.supervise import serve as run_serve

    run_serve(
        store or default_store(),
        port=port,
        timeout=timeout,
        announce=lambda m: click.echo(m, err=True),
        max_mb=max_mb,
        memory_mb=max_memory or None,
    )


@main.command()
@click.option(
    "--endpoint",
    required=True,
    help="外部 SPARQL 存储的 Graph Store Protocol 地址，如 http://host:7878/store",
)
@click.option("--user", help="HTTP 认证用户名（Digest 或 Basic；密码取自环境变量 KG_PUSH_PASSWORD）")
@click.option(
    "--resume",
    is_flag=True,
    help="跳过此前已完整送达、内容未变的命名图（中断后续传，或 kg add 之后只送变化的）",
)
@click.option("--workers", type=click.IntRange(1, 16), default=2, show_default=True, help="同时进行的请求数")
@click.option(
    "--connect-timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="建立连接的超时（秒）",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="每个请求等待回应的超时（秒）",
)
@store_option
def push(endpoint, user, resume, workers, connect_timeout, timeout, store) -> None:
    """把图谱推送到外部 SPARQL 存储：每期公报一个命名图，重复推送只替换不重复。"""
    import shlex

    from kg.errors import PushError
    from kg.sparql.push import push as run_push

    with _open(store, read_only=True) as gs, _progress() as progress:
        try:
            result = run_push(
                gs,
                endpoint,
                user=user,
                resume=resume,
                workers=workers,
                connect_timeout=connect_timeout,
                timeout=timeout,
                progress=progress,
            )
        except PushError as exc:  # the exact command that goes on from where it stopped
            again = ["kg", "push", "--endpoint", endpoint] + (["--user", user] if user else [])
            again += ["--store", str(store)] if store else []
            raise PushError(
                str(exc).replace("同一命令加 --resume", shlex.join([*again, "--resume"]))
            ) from None
    click.echo(result)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="输出格式：text 为中文表格，json 供程序读取",
)
@store_option
def stats(fmt, store) -> None:
    """图谱内容：按公报、按地方统计，以及未能解析的内容。"""
    from kg.stats import stats as run_stats

    with _open(store, read_only=True) as gs:
        click.echo(run_stats(gs, fmt))


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "nq", "jsonld", "gexf", "graphml"]),
    default="ttl",
    show_default=True,
    help="导出格式：ttl（Turtle）、nt（N-Triples）、nq（N-Quads，含命名图）、jsonld；gexf、graphml 为供 Gephi 使用的网络",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出文件（默认标准输出）"
)
@store_option
def export(fmt, output, store) -> None:
    """导出图谱：Turtle、N-Triples、N-Quads、JSON-LD，或供 Gephi 使用的 GEXF/GraphML。"""
    from kg.export import export as run_export

    with _open(store, read_only=True) as gs, _progress() as progress, stage(progress, "导出图谱"):
        data = run_export(gs, fmt)
    _emit(data, output)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="把完整报告写入文件")
@store_option
def validate(output, store) -> None:
    """用 SHACL 校验图谱；有违规时退出码为 1。"""
    from kg.validate import validate as run_validate

    with _open(store, read_only=True) as gs, _progress() as progress, stage(progress, "SHACL 校验"):
        conforms, text = run_validate(gs)
    if output:
        _emit(text, output)
    click.echo(text if conforms or not output else text.splitlines()[0])
    if not conforms:
        sys.exit(EXIT_USER)


if __name__ == "__main__":  # pragma: no cover
    main()
