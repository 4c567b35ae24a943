"""Property: any text an officer can type prints literally in a PDF paragraph, and nothing is read
from disk or interpreted as markup."""

from __future__ import annotations

import io
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from ocplan_desktop.reports.fonts import register_fonts
from ocplan_desktop.reports.text import escape_text

MARKUP = st.sampled_from(
    [
        "<b>",
        "</b>",
        "<i>",
        "<img src='/etc/passwd'/>",
        "<font color='x'>",
        "&",
        "&amp;",
        "&#0;",
        "<br/>",
        "<para>",
        "]]>",
        "<",
        ">",
        '"',
        "'",
        "\x00",
        "\n",
        "\t",
    ]
)
TEXT = st.lists(st.one_of(MARKUP, st.text(max_size=12)), max_size=12).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_builds_and_its_words_come_back(text):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    font = register_fonts()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(
        [Paragraph(escape_text(text), ParagraphStyle("p", fontName=font))]
    )
    extracted = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages
    )
    for word in re.findall(r"[A-Za-z0-9]{3,}", text):
        assert word in extracted


APP_FONT_TAGS = re.compile(
    r'<font name="(?:NotoNaskhArabic|NotoSansBengali|NotoSansGurmukhi|NotoSansSC)">|</font>'
)


@given(st.text())
def test_escaped_text_has_no_markup_left(text):
    # The only markup left is the app's own: a bundled script font around a run of that script.
    escaped = APP_FONT_TAGS.sub("", escape_text(text, line_breaks=False))
    assert "<" not in escaped and ">" not in escaped
    assert "\x00" not in escaped
    assert re.sub(r"&(amp|lt|gt|quot);", "", escaped).count("&") == 0
