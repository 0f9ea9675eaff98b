"""The reader's segmenters (kg.link.segdict: each text cut over its own dictionary words) give exactly
the words of the build's (jieba's whole dictionary loaded), with and without the vocabulary labels."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from kg.link import segdict, text

ROOT = Path(__file__).resolve().parent.parent

# what the sample does not show: latin, digits, brackets of the genre, a label inside a longer word,
# unknown words left to the HMM, a long run without punctuation, and two texts joined
ODD = [
    "",
    "2023年10月，A县“2+N”机制覆盖95%以上的村（社区）两委班子",
    "村党组织书记头雁工程与支书擂台赛",
    "80后、90后干部到信访窗口蹲苗墩苗，坐班接访，累计化解积案37件",
    "谈心谈话全覆盖促膝交流心贴心关心关爱困难干部家庭",
    "从领导位置上退下来的老同志怎么让他们接着发挥余热" * 3,
    "ｘｙｚ　全角ＡＢＣ和半角abc混排;还有\n换行",
]


def _texts() -> list[str]:
    out = list(ODD)
    for f in sorted((ROOT / "data").glob("*.txt")) + sorted(
        (ROOT / "tests" / "data").glob("provinces*/*.txt")
    ):
        try:
            out += [p for p in f.read_text(encoding="utf-8").splitlines() if p.strip()]
        except UnicodeDecodeError:
            continue  # the GBK fixtures: read by kg.read, not here
    return out


@pytest.fixture(scope="module")
def analyzers(tmp_path_factory):
    """(reader analyzer over an on-disk dictionary built in a fresh cache, the build's analyzer)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("KG_CACHE", str(tmp_path_factory.mktemp("cache")))
    segdict.open_dictionary.cache_clear()
    try:
        dictionary = segdict.open_dictionary()
        assert dictionary is not None, "rjieba and jieba's dict.txt are dependencies"
        fold, words = text.lexicon_from_files(text.vocab_files())
        yield text.Analyzer(fold, words, dictionary=dictionary), text.get_analyzer()
    finally:
        segdict.open_dictionary.cache_clear()
        mp.undo()


def test_reader_cuts_every_text_as_the_build_does(analyzers):
    reader, build = analyzers
    texts = _texts()
    assert len(texts) > 300
    for t in texts:
        reader._for = None  # a fresh pair of segmenters for this text alone
        assert reader.cut(t) == build.cut(t), t
        assert reader.terms(t) == build.terms(t), t


def test_primed_segmenters_serve_every_text_of_the_batch(analyzers):
    reader, build = analyzers
    texts = _texts()[:120]
    reader.prime(texts)
    for t in texts:
        assert reader.terms(t) == build.terms(t), t


def test_compound_labels_agree(analyzers):
    reader, build = analyzers
    assert reader.compound == build.compound and reader.words == build.words


def test_dictionary_holds_jiebas_words_and_total(analyzers, tmp_path):
    d = segdict.open_dictionary()
    assert d.total > 10_000_000 and d.longest >= 8
    found = d.words_in(["谈心谈话"])
    assert {"谈心", "谈话"} <= set(found) and all(f > 0 for f in found.values())
    assert segdict.PLACEHOLDER not in d.words_in(["谈心谈话" + segdict.PLACEHOLDER])


def test_no_cache_falls_back_to_the_whole_dictionary(monkeypatch, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("KG_CACHE", str(blocked))
    segdict.open_dictionary.cache_clear()
    try:
        assert segdict.open_dictionary() is None
    finally:
        segdict.open_dictionary.cache_clear()


def test_the_reader_does_not_load_the_dictionary(tmp_path):
    """A fresh process: the reader's analyzer cuts without running `import rjieba` (which loads jieba's
    whole dictionary into a default segmenter)."""
    import subprocess

    code = (
        "import sys; from kg.link.text import reader_analyzer; "
        "a = reader_analyzer(); print(a.cut('谈心谈话全覆盖')); print('rjieba' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "KG_CACHE": str(tmp_path)},
    ).stdout.split("\n")
    assert out[0] == str(text.get_analyzer().cut("谈心谈话全覆盖")) and out[1] == "False"


def test_much_text_loads_the_dictionary_once(monkeypatch):
    """A locality's report explains dozens of matches: past READER_CHARS the whole dictionary is cheaper."""
    monkeypatch.setattr(text, "_READ", [0])
    monkeypatch.setattr(text, "_ANALYZER", None)
    first = text.reader_analyzer(10)
    assert first is not text._ANALYZER or segdict.open_dictionary() is None
    assert text.reader_analyzer(text.READER_CHARS) is text._ANALYZER is not None


def test_the_reader_lexicon_is_kept_per_version_of_the_vocabularies(monkeypatch, tmp_path):
    from kg.link import text

    monkeypatch.setenv("KG_CACHE", str(tmp_path))
    files = text.vocab_files()
    assert text.cached_lexicon(files) == text.lexicon_from_files(files)
    (kept,) = (tmp_path / "lexicon").glob("lexicon-*.json")
    monkeypatch.setattr(text, "lexicon_from_files", lambda fs: (_ for _ in ()).throw(AssertionError))
    assert text.cached_lexicon(files)[0]  # served from the file, not parsed again
    kept.write_text("not json", encoding="utf-8")
    monkeypatch.undo()
    monkeypatch.setenv("KG_CACHE", str(tmp_path))
    assert text.cached_lexicon(files) == text.lexicon_from_files(files)  # a broken file: parsed again
