"""User text on its way into ReportLab's paragraph markup.

ReportLab parses `<b>`, `<img src=…>`, `<font>` and entities in Paragraph text: an unclosed tag aborts
the whole PDF and `<img>` opens a file. Every user string goes through `escape_text` first.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from ocplan_desktop.reports.bidi import reorder_runs
from ocplan_desktop.reports.fonts import font_runs

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")


def escape_text(text: str | None, *, line_breaks: bool = True, ordered: bool = False) -> str:
    """Text printed literally: markup escaped, control characters (NUL, …) dropped, line breaks
    kept, runs of another script in their font and right-to-left runs in reading order (`ordered`:
    the text is already in that order, as a printed heading read back for the contents is)."""
    if not text:
        return ""
    cleaned = _CONTROL.sub("", str(text))
    if not ordered:
        cleaned = reorder_runs(cleaned)
    escaped = escape(cleaned, {'"': "&quot;"})
    if line_breaks:
        escaped = escaped.replace("\n", "<br/>")
    # Runs in other scripts get their bundled font (the only markup added: the app's own).
    return font_runs(escaped)
