"""The README stays true: every CLI command is documented in its command table, and the two set-up commands are there."""

from __future__ import annotations

from pathlib import Path

from kg.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme_table():
    for name in main.commands:
        assert f"| `kg {name}" in README, f"kg {name} missing from README's command table"


def test_readme_gives_the_two_setup_commands():
    assert "pip install -e . && kg build" in README
    assert "pip install -e '.[test]' && pytest" in README


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && pytest" in ci


def test_one_version_number():
    import tomllib

    import kg

    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "kg.__version__"}
    from click.testing import CliRunner

    assert CliRunner().invoke(main, ["--version"]).output.strip().endswith(kg.__version__)
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## Unreleased ({kg.__version__})" in changelog
