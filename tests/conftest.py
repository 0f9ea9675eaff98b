"""Shared fixtures: the sample corpus and a store built from it once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """The bundled sample built into a temporary store (no views), shared by read-only tests."""
    from kg.pipeline import build

    store = tmp_path_factory.mktemp("sample") / "store"
    report = build([DATA], store, render=False)
    assert not report.failures, report.failures
    return store


@pytest.fixture(scope="module")
def sample_cat(sample_store):
    """The sample's read model (kg.catalog), once per test module."""
    from kg.catalog.catalog import read_catalog
    from kg.store import GraphStore

    with GraphStore(sample_store, read_only=True) as gs:
        return read_catalog(gs)


@pytest.fixture(scope="module")
def synth_cat(synth_store):
    """The read model of the module's own `synth_store` fixture (each module sizes its store)."""
    from kg.catalog.catalog import read_catalog
    from kg.store import GraphStore

    with GraphStore(synth_store, read_only=True) as gs:
        return read_catalog(gs)


# ---- one headless Chromium per session (Playwright allows one sync driver per process) ----
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def chromium() -> str:
    if not Path(CHROMIUM).exists() and os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        cmd = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
        if subprocess.run(cmd, env=env, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update"], env=env, capture_output=True)
            subprocess.run(cmd, env=env, capture_output=True)
    if not Path(CHROMIUM).exists():
        msg = f"{CHROMIUM} missing and could not be installed (run `apt-get install -y chromium` as root)"
        if _ci():
            pytest.fail(msg)
        pytest.skip(msg)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if _ci():
            pytest.fail("the playwright package is missing: pip install -e '.[test]'")
        pytest.skip("playwright not installed")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
        yield b
        b.close()


# ---- one private Virtuoso per session (scripts/virtuoso.py), for the push and remote-query tests ----
VIRTUOSO_PACKAGES = (["virtuoso-opensource-7-bin"], ["virtuoso-opensource"])  # binaries only, else all


def _virtuoso_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("kg_virtuoso_script", ROOT / "scripts" / "virtuoso.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A Virtuoso started from scripts/virtuoso.py on a free loopback port (profile `tiny`) and stopped
    at the end; Debian's binaries are installed first when missing and we run as root."""
    import socket

    script = _virtuoso_script()
    if not script.available() and os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for packages in VIRTUOSO_PACKAGES:
            cmd = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
            if subprocess.run(cmd, env=env, capture_output=True).returncode != 0:
                subprocess.run(["apt-get", "update"], env=env, capture_output=True)
                subprocess.run(cmd, env=env, capture_output=True)
            if script.available():
                break
    if not script.available():
        msg = "Virtuoso missing and could not be installed (run `apt-get install -y virtuoso-opensource` as root)"
        if _ci():
            pytest.fail(msg)
        pytest.skip(msg)
    folder = tmp_path_factory.mktemp("virtuoso")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    instance = script.start(folder, port, profile="tiny")
    try:
        yield instance
    finally:
        script.stop(folder)
