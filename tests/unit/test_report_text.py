from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ocplan_desktop.reports.fonts import register_fonts
from ocplan_desktop.reports.text import escape_text

AWKWARD = [
    "<b>unclosed",
    "a < b & c",
    '<img src="/etc/passwd"/>',
    '<font color="[[[1]]]">x</font>',
    "Emoji 😀 and مرحبا بالعالم",
    "nul\x00inside",
    "&amp; already escaped",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_prints_literally(text, tmp_path, monkeypatch):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    opened = []
    import builtins

    real_open = builtins.open

    def spy(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    font = register_fonts()
    buffer = io.BytesIO()
    monkeypatch.setattr(builtins, "open", spy)
    document = SimpleDocTemplate(buffer)
    document.build([Paragraph(escape_text(text), ParagraphStyle("body", fontName=font))])
    monkeypatch.undo()
    assert "/etc/passwd" not in opened
    extracted = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    expected = text.replace("\x00", "")
    for word in expected.split():
        if word.isascii():
            assert word in extracted
