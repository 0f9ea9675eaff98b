"""Progress of long work, for a person at a terminal; nothing at all when the output is piped.

The library reports through a plain callback, `progress(stage, done, total)`, and never prints:
    total > 0     a counted stage (files read, graphs pushed); done == total ends it
    total == 0    a stage of unknown size has begun (`with stage(progress, "链接相似做法"):` sends this
                  at its start and (stage, 1, 1) at its end)
`for_stream(sys.stderr)` gives the command line a callback that draws one line per stage on a terminal
(a bar for counted stages, the seconds so far for the others, redrawn a few times a second) and leaves
one line per finished stage with its time; it gives None when the stream is not a terminal.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

Progress = Callable[[str, int, int], None]  # (stage, done, total)

BAR = 24  # characters of a bar
TICK = 0.25  # seconds between redraws of a running stage


@contextmanager
def stage(progress: Progress | None, name: str) -> Iterator[None]:
    """A stage of unknown size: begun now, ended when the block ends without an error."""
    if progress is not None:
        progress(name, 0, 0)
    yield
    if progress is not None:
        progress(name, 1, 1)


class Terminal:
    """Draws progress on a terminal stream: the running stage on one line that is redrawn in place,
    each finished stage on a line of its own with its time."""

    def __init__(self, stream: TextIO, tick: float = TICK):
        self.stream, self.tick = stream, tick
        self.lock = threading.Lock()
        self.current: str | None = None
        self.started = 0.0
        self.done = self.total = 0
        self.stopped = threading.Event()
        self.ticker: threading.Thread | None = None

    def __call__(self, name: str, done: int, total: int) -> None:
        with self.lock:
            if name != self.current:
                if self.current is not None:  # a stage that never said it ended: end its line as it is
                    self._finish()
                self.current, self.started = name, time.monotonic()
                self._tick_in_background()
            self.done, self.total = done, total
            if total > 0 and done >= total:
                self._finish()
            else:
                self._draw()

    def close(self) -> None:
        """Stop redrawing; a stage still running (an error or Ctrl-C stopped it) leaves no half line."""
        self.stopped.set()
        with self.lock:
            if self.current is not None:
                self._write("\r\033[K")
                self.current = None

    def _line(self) -> str:
        seconds = time.monotonic() - self.started
        if self.total > 0:
            filled = BAR * self.done // self.total
            bar = "█" * filled + "░" * (BAR - filled)
            return f"{self.current} {bar} {self.done}/{self.total}  {seconds:.0f} 秒"
        dots = "·" * (1 + int(seconds / self.tick) % 3)
        return f"{self.current}{dots:<3} {seconds:.0f} 秒"

    def _draw(self) -> None:
        self._write(f"\r{self._line()}\033[K")

    def _finish(self) -> None:
        seconds = time.monotonic() - self.started
        count = f" {self.done}/{self.total}" if self.total > 1 else ""
        self._write(f"\r{self.current}{count}（{seconds:.1f} 秒）\033[K\n")
        self.current = None

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: progress is not worth an error
            self.stopped.set()

    def _tick_in_background(self) -> None:
        if self.ticker is None and not self.stopped.is_set():
            self.ticker = threading.Thread(target=self._run, name="kg-progress", daemon=True)
            self.ticker.start()

    def _run(self) -> None:
        while not self.stopped.wait(self.tick):
            with self.lock:
                if self.current is not None:
                    self._draw()


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


@contextmanager
def for_stream(stream: TextIO) -> Iterator[Progress | None]:
    """A progress callback drawing on `stream` when it is a terminal, else None (piped: quiet)."""
    if not is_terminal(stream):
        yield None
        return
    term = Terminal(stream)
    try:
        yield term
    finally:
        term.close()


def written_line(paths: Sequence[str]) -> str:
    """One line for the files a command wrote: the file when one, else how many and where, with the
    page to open first when there is one. '' for none.

    >>> written_line([])
    ''
    >>> written_line(["/v/a.html"])
    '已写出 /v/a.html'
    >>> written_line(["/v/index.html", "/v/place/a.html", "/v/place/b.html"])
    '已写出 3 个文件，在 /v 下；从 /v/index.html 打开'
    """
    if not paths:
        return ""
    if len(paths) == 1:
        return f"已写出 {paths[0]}"
    try:
        shown = os.path.commonpath(paths)
    except ValueError:  # absolute and relative paths mixed
        shown = os.path.commonpath([os.path.abspath(p) for p in paths])
    if shown in paths:  # one file written more than once
        shown = str(Path(shown).parent)
    index = next((p for p in paths if Path(p).name == "index.html" and Path(p).parent == Path(shown)), None)
    first = f"；从 {index} 打开" if index else ""
    return f"已写出 {len(paths)} 个文件，在 {shown} 下{first}"
