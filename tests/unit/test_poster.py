"""The exercise poster: its QR code, rendered to pixels and decoded, is the exercise's link."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.reports.poster import write_poster
from ocplan_desktop.services import engagement


def decode_qr_codes(pdf_path):
    """Render the first page with PDFium and decode every QR code on it with ZXing."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        image = document[0].render(scale=2).to_numpy()
    finally:
        document.close()
    return [
        result.text
        for result in zxingcpp.read_barcodes(image)
        if result.format == zxingcpp.BarcodeFormat.QRCode
    ]


def test_poster_qr_code_decodes_back_to_the_whatsapp_link(demo_ws, tmp_path):
    climate = engagement.list_exercises(demo_ws)[1]
    path = write_poster(demo_ws, climate.id, tmp_path / "poster.pdf")
    assert decode_qr_codes(path) == ["https://chat.whatsapp.com/ocplan-demo-climate"]
    text = PdfReader(path).pages[0].extract_text()
    assert "Join the conversation on WhatsApp" in text
    assert "9 January 2023" in text and "31 March 2023" in text


def test_poster_with_awkward_text_and_a_long_link(ws, tmp_path):
    link = "https://letstalk.example.org/survey?ward=St%20Michael%27s&lang=cy&ref=" + "q" * 120
    fields = engagement.ExerciseFields(
        "Parks & <b>open spaces</b> 🌳 — ymgynghoriad",
        purpose="Tell us <img src='x'> about parks & play areas. " * 3,
        opens_on="2024-06-01",
        public_link=link,
    )
    exercise_id = next(iter(engagement.add_exercise(ws, fields).ids))
    path = write_poster(ws, exercise_id, tmp_path / "parks.pdf")
    assert decode_qr_codes(path) == [link]
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "Parks & <b>open spaces</b>" in text and "Tell us <img src='x'> about parks" in text
    assert "Have your say" in text
    assert len(PdfReader(path).pages) == 1


def test_no_link_no_poster(ws, tmp_path):
    exercise_id = next(iter(engagement.add_exercise(ws, engagement.ExerciseFields("No link")).ids))
    with pytest.raises(ValidationError, match="no public link"):
        write_poster(ws, exercise_id, tmp_path / "none.pdf")
    assert not (tmp_path / "none.pdf").exists()
