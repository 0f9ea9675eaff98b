"""One small exception hierarchy; the CLI maps it to exit codes (1 = user error; anything else that
escapes is a bug: 3). Every message is one line of Chinese naming the file, store, name or query."""


class KGError(Exception):
    """Base of every error a user can act on. The message is one line."""


class InputError(KGError):
    """A file or folder could not be read (missing, empty, binary, undecodable, too large)."""

    def __init__(self, path: object, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):  # picklable across the process pool
        return (self.__class__, (self.path, self.problem))


class ParseError(InputError):
    """A file was read but is not a bulletin we can use (e.g. no date)."""


class QueryError(KGError):
    """A SPARQL query is malformed or failed."""


class StoreError(KGError):
    """The store is missing, locked or inconsistent."""


def no_store(root: object) -> StoreError:
    """The one message for a store folder that holds no graph yet."""
    return StoreError(f"{root}: 这里还没有图谱；请先运行 kg build（或用 --store 指定图谱目录）")


class ReportError(KGError):
    """A report cannot be made as asked (unknown locality, format or option)."""


class PushError(KGError):
    """`kg push` failed: the message names the endpoint and the graph, says what the endpoint already
    holds and how to resume; the attributes say the same to a program."""

    def __init__(
        self, message: str, *, endpoint: str = "", graph: str | None = None, replaced=(), state=None
    ):
        super().__init__(message)
        self.endpoint, self.graph, self.replaced, self.state = endpoint, graph, tuple(replaced), state
