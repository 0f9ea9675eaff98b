"""Deferred numpy submodules (kg.imports) still work when used, in a fresh process."""

from __future__ import annotations

import subprocess
import sys


def test_deferred_submodules_load_on_first_use():
    code = (
        "import sys; from kg.imports import defer_numpy_extras; defer_numpy_extras(); "
        "import scipy.sparse as sp, numpy as np; "
        "print('numpy.f2py' in sys.modules, type(sys.modules['numpy.f2py']).__name__); "
        "print(np.random.default_rng(0).integers(10), np.testing.assert_equal(1, 1), "
        "np.polynomial.Polynomial([1, 2])(1), (sp.csr_matrix(np.eye(2)) @ np.ones(2)).tolist(), "
        "np.ma.masked_array([1, 2], [0, 1]).sum(), type(sys.modules['numpy.testing']).__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    first, second = out.splitlines()
    assert first == "True _LazyModule"  # registered, not executed, when scipy looked at numpy
    assert second == "8 None 3.0 [1.0, 1.0] 1 module"  # and whole once used


def test_after_scipy_it_changes_nothing():
    code = (
        "import scipy.sparse, sys; from kg.imports import defer_numpy_extras; defer_numpy_extras(); "
        "print(type(sys.modules['numpy.testing']).__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "module"
