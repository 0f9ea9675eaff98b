"""Helper processes die with the process that made them; a writer cleans up on SIGTERM.

Without this, a killed `kg build` left its pool workers running for over a minute (holding memory and,
through inherited descriptors, the store's writer lock), and `kill PID` skipped every `finally`.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """In a child process: be killed (SIGKILL) as soon as the parent dies (Linux prctl PR_SET_PDEATHSIG;
    elsewhere nothing). `parent`: the parent's pid as seen before the fork, so that a parent already
    gone by now is noticed too. Note that the signal comes when the *thread* that forked us ends:
    fork from the main thread or from a thread that lives as long as the children."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def worker_init(parent: int | None = None) -> None:
    """Initializer of a pool worker: dies with its parent, leaves Ctrl-C and SIGTERM to the parent
    (which stops the pool) instead of printing a traceback of its own."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def child_preexec() -> None:
    """`preexec_fn` of a server or helper started with subprocess: it dies with us. PR_SET_PDEATHSIG
    survives exec for ordinary (not set-uid) programs."""
    die_with_parent()


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like KeyboardInterrupt, so that `finally` blocks (lock release,
    removal of a half-built generation) run."""


@contextmanager
def terminate_gracefully() -> Iterator[None]:
    """Within the block (main thread only), SIGTERM raises `Terminated` instead of killing at once."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(signum, frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
