"""Start-up of the reading commands: numpy's optional submodules loaded when first used, not at import.

`import scipy.sparse` (scipy 1.14+) wraps numpy for the array API by looking at every public name of
numpy, which makes numpy import each of its lazily loaded submodules (f2py, testing, random, ma,
polynomial, …): ~0.15 s of CPU, a third of `kg similar --text` on a small store, spent on modules the
command never uses. Registering those submodules with the standard library's LazyLoader first gives scipy
a module object to look at; a submodule is executed the first time one of its attributes is read, as
before, so nothing else changes (tests/test_imports.py uses them afterwards).
"""

from __future__ import annotations

import sys

# numpy's submodules that its module __getattr__ imports on first access (numpy 2.x)
OPTIONAL = (
    "char",
    "core",
    "ctypeslib",
    "f2py",
    "fft",
    "ma",
    "polynomial",
    "random",
    "rec",
    "strings",
    "testing",
    "typing",
)


def one_blas_thread() -> None:
    """One BLAS thread per process, set before numpy loads (kg.cli, kg.pipeline and the read stage do not
    load it). The writers already use the cores with processes (the read pool, the link stage's two
    halves) and a reader answers one question; OpenBLAS's own threads on top made the teacher's word
    embedding take 3x the CPU on 2 shared cores (threads spinning for a core). Its sums also depend on the
    thread count (6 of 9,931 links moved at 720 articles): one thread gives the same scores whatever the
    core count. A variable set by the user is kept; a process that loaded numpy before keeps its setting."""
    import os

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def defer_numpy_extras() -> None:
    """Register numpy's optional submodules as lazy modules (before scipy is imported; a no-op after)."""
    if "scipy" in sys.modules:
        return
    import importlib.util

    import numpy

    for name in OPTIONAL:
        full = f"numpy.{name}"
        if full in sys.modules or name in vars(numpy):
            continue
        try:
            spec = importlib.util.find_spec(full)
        except (ImportError, ValueError):
            continue
        if spec is None or spec.loader is None:
            continue
        loader = importlib.util.LazyLoader(spec.loader)
        spec.loader = loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[full] = module
        loader.exec_module(module)
        setattr(numpy, name, module)
