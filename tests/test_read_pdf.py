"""A text-layer PDF (made by LibreOffice from a sample issue) parses to the same bulletin as its text."""

from pathlib import Path

from kg.pipeline import ingest_file

PDF = Path(__file__).parent / "data" / "pdf" / "anqing-2020-22.pdf"


def test_pdf_bulletin_matches_its_text_version(data_dir):
    from_pdf = ingest_file(PDF)
    from_txt = ingest_file(data_dir / "anqing-2020-22.txt")
    assert (from_pdf.name, from_pdf.issue, from_pdf.date) == (from_txt.name, from_txt.issue, from_txt.date)
    assert from_pdf.key == from_txt.key  # same bulletin whatever the format
    assert [a.locality.code for a in from_pdf.articles] == [a.locality.code for a in from_txt.articles]
    for a in from_pdf.articles:
        for p in a.practices:
            assert p.quote.text  # quotes point into the PDF's extracted text
