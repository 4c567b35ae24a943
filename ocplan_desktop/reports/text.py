"""User text on its way into ReportLab's paragraph markup.

ReportLab parses `<b>`, `<img src=…>`, `<font>` and entities in Paragraph text: an unclosed tag aborts
the whole PDF and `<img>` opens a file. Every user string goes through `escape_text` first.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

_CONTROL = {code: None for code in range(32) if code not in (9, 10)}


def escape_text(text: str | None, *, line_breaks: bool = True) -> str:
    """Text printed literally: markup escaped, control characters (NUL, …) dropped, line breaks kept."""
    if not text:
        return ""
    cleaned = str(text).translate(_CONTROL)
    escaped = escape(cleaned, {'"': "&quot;"})
    if line_breaks:
        escaped = escaped.replace("\n", "<br/>")
    return escaped
