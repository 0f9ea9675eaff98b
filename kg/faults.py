"""Named fault points, so crash tests need no debugger: `KG_FAULT=step` kills the process there.

    KG_FAULT=build:before-switch kg build data/      # killed (SIGKILL) just before the switch

A step is a name passed to `point()` where the code wants to be testable: `read:file` (each file
parsed, while the worker pool runs), `build:after-write`,
`build:before-switch`, `switch:mid`, `add:after-write`, `link:after-drop` and `link:before-state` (an
`add` or `remove` relinking: the changed links removed, not yet written; written, the link state not yet
saved), `add:before-switch`, `remove:before-switch`, `render:mid`, `site:file` (each file the view site
writes) (the list is `STEPS`; other modules may add their own names). The variable holds one or more
specs separated by commas:

    step            kill the process (SIGKILL: no cleanup, like a power cut or the OOM killer)
    step#3          the third time the point is passed (a render loop, the 3rd batch)
    step=wait:PATH  stop there until PATH exists (at most 10 minutes), then go on: a test holds a
                    writer at a step while it looks at the store or the server from outside

With the variable unset `point()` is one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

ENV = "KG_FAULT"
STEPS = (
    "read:file",
    "build:after-write",
    "build:before-switch",
    "switch:mid",
    "add:after-write",
    "link:after-drop",
    "link:before-state",
    "add:before-switch",
    "remove:before-switch",
    "render:mid",
    "site:file",
)
WAIT_LIMIT = 600.0

_passes: dict[str, int] = {}


def point(name: str) -> None:
    """A fault point: does nothing unless KG_FAULT names this step (see the module docstring)."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    _passes[name] = _passes.get(name, 0) + 1
    for item in spec.split(","):
        step, _, action = item.strip().partition("=")
        step, _, nth = step.partition("#")
        if step != name or (nth and int(nth) != _passes[name]):
            continue
        if action.startswith("wait:"):
            _wait_for(Path(action[len("wait:") :]))
        else:
            os.kill(os.getpid(), signal.SIGKILL)


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + WAIT_LIMIT
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
