"""Build step of the wheel: ship the repository's top-level ontology/, queries/ and data/ (the sample)
inside the package as kg/_data/, so an installed `kg` finds them through importlib.resources
(kg/paths.py). The repository keeps one copy of each; an editable install reads them in place.
Everything else is configured in pyproject.toml."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = {  # source folder -> folder inside kg/_data, and the files taken
    "ontology": ("ontology", ("*.ttl", "vocab/*.ttl")),
    "queries": ("queries", ("*.rq",)),
    "data": ("sample", ("*.txt", "*.md", "*.docx", "*.pdf")),
}


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for src, (dst, patterns) in SHIPPED.items():
            for pattern in patterns:
                for f in sorted((HERE / src).glob(pattern)):
                    target = Path(self.build_lib, "kg", "_data", dst, f.relative_to(HERE / src))
                    target.parent.mkdir(parents=True, exist_ok=True)
                    self.copy_file(str(f), str(target))


setup(cmdclass={"build_py": BuildPyWithData})
