"""Chinese for what click itself prints (usage, help headings, its error messages), as a gettext catalog.

click wraps every string it shows in `gettext.gettext` / `gettext.ngettext`, imported into each of its
modules as `_` and `ngettext` (the hook click documents for translating its messages). Switching the
process-wide gettext domain would need compiled .mo files and a forced $LANGUAGE, and would translate
any other library that uses the default domain too; instead `install` points the names in click's own
modules at this catalog, so only click's strings change and only in the `kg` command. A test checks
that every string click wraps is in CLICK (a click upgrade that adds one fails it). No click import here:
kg/cli.py is the one module that imports click and calls `install`.
"""

from __future__ import annotations

import gettext
import importlib
from collections.abc import Iterable

# msgid -> translation; a plural msgid maps to a (singular, plural) pair of translations
CLICK: dict[str, str | tuple[str, str]] = {
    # help pages
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Choice({choices})": "可选值（{choices}）",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "d": "天",
    # usage errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用“{command} {option}”查看帮助。",
    "Missing command.": "缺少命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": ("是否想用 {possibility}？", "（是否想用其中之一：{possibilities}？）"),
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "unknown error": "未知错误",
    "Got unexpected extra argument ({args})": ("多余的参数（{args}）", "多余的参数（{args}）"),
    "Takes {nargs} values but 1 was given.": (
        "需要 {nargs} 个值，只给了 1 个。",
        "需要 {nargs} 个值，给了 {len} 个。",
    ),
    "Invalid start character for option ({option})": "选项的开头字符无效（{option}）",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Option {name!r} requires an argument.": (
        "选项 {name!r} 需要一个值。",
        "选项 {name!r} 需要 {nargs} 个值。",
    ),
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Value must be an iterable.": "值必须是一组值。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    # values of typed options
    "{value!r} is not {choice}.": (
        "{value!r} 不是可选值 {choice}。",
        "{value!r} 不在可选值 {choices} 之中。",
    ),
    "{value!r} does not match the format {format}.": (
        "{value!r} 不符合格式 {format}。",
        "{value!r} 不符合格式 {formats} 中的任何一种。",
    ),
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的布尔值；可用：{states}",
    "{len_type} values are required, but {len_value} was given.": (
        "需要 {len_type} 个值，给了 {len_value} 个。",
        "需要 {len_type} 个值，给了 {len_value} 个。",
    ),
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字。",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    # prompts, aborts, terminal
    "Aborted!": "已中止！",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不经确认直接执行。",
    "Press any key to continue...": "按任意键继续……",
    "Repeat for confirmation": "再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Error: invalid input": "错误：输入无效",
    "Unknown color {colour!r}": "未知颜色 {colour!r}",
    "Unknown standard stream '{name}'": "未知的标准流“{name}”",
    "{editor}: Editing failed": "{editor}：编辑失败",
    "{editor}: Editing failed: {e}": "{editor}：编辑失败：{e}",
    "Windows error: {error}": "Windows 错误：{error}",
    "Couldn't detect Bash version, shell completion is not supported.": "无法识别 Bash 版本，不支持命令补全。",
    "Shell completion is not supported for Bash versions older than 4.4.": "Bash 4.4 以前的版本不支持命令补全。",
    # mistakes in a command's own definition (a developer sees these, not a user)
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "弃用提示：命令 {name!r} 已弃用。{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "弃用提示：{param_type} {name!r} 已弃用。{extra_message}",
    "Could not determine name for option with declarations {decls!r}": "无法从声明 {decls!r} 确定选项名",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you mean to pass '--{name}'?": "没有定义选项却给了名称（{name}）：是要声明参数，或是要写“--{name}”？",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": "参数只能有一个声明，给了 {length} 个：{decls}。",
    "Name '{name}' defined twice": "名称“{name}”定义了两次",
    "Boolean option {decl!r} cannot use the same flag for true/false.": "布尔选项 {decl!r} 的真、假两值不能用同一个开关。",
}

# The click modules that wrap strings in gettext (click imports some of them lazily).
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
    "click.shell_completion",
    "click._termui_impl",
)


class Catalog(gettext.NullTranslations):
    """A gettext catalog from a dict (no .mo file to compile and ship); unknown strings pass through."""

    def __init__(self, messages: dict[str, str | tuple[str, str]]):
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        found = self.messages.get(message)
        return found if isinstance(found, str) else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = self.messages.get(msgid1)
        if isinstance(found, tuple):
            return found[0] if n == 1 else found[1]
        return msgid1 if n == 1 else msgid2


def install(catalog: Catalog, modules: Iterable[str] = CLICK_MODULES) -> None:
    """Point the `_` and `ngettext` names of these (click's) modules at the catalog."""
    for name in modules:
        try:
            mod = importlib.import_module(name)
        except ImportError:  # a module of another click version
            continue
        if hasattr(mod, "_"):
            mod._ = catalog.gettext  # type: ignore[attr-defined]
        if hasattr(mod, "ngettext"):
            mod.ngettext = catalog.ngettext  # type: ignore[attr-defined]


ZH = Catalog(CLICK)


# Help text is wrapped by display width: a Chinese character takes two columns and a line may break
# between any two of them, but not before closing punctuation nor inside a Latin word.
_NO_LINE_START = set("，。、；：？！）》」』”’…%")


def display_width(text: str) -> int:
    """Columns a text takes on a terminal.

    >>> display_width("kg 命令")
    7
    """
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns (a closing punctuation mark may overhang by one character).

    >>> wrap("把新公报加入已有图谱（只更新受影响部分）", 20)
    ['把新公报加入已有图谱', '（只更新受影响部分）']
    >>> wrap("前缀 ckg rdf rdfs 已预声明。", 14)
    ['前缀 ckg rdf', 'rdfs 已预声明。']
    """
    import re

    lines: list[str] = []
    line = ""
    for token in re.findall(r"\s+|[\x21-\x7e]+|.", " ".join(text.split())):
        if token.isspace():
            if line:
                line += " "
            continue
        fits = display_width(line.rstrip() + token) <= width if line.strip() else True
        if fits or token in _NO_LINE_START:
            line += token
        else:
            lines.append(line.rstrip())
            line = token
    if line.strip():
        lines.append(line.rstrip())
    return lines
