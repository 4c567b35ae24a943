"""Page breaks a reader would not make: a lead-in that ends with a colon left at the foot of a page
without its first bullet, a heading that drags a whole table to the next page and leaves a title and
three lines behind, a single line alone on a page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

LEAD_IN_ENDINGS = (":", ":-", ":–", ": -")
# Room for a heading, a table's header row and its first rows: less than this and the heading goes
# to the next page with its table; more, and the table starts here and runs on.
TABLE_START = 96


def keep_lead_ins(story: Sequence[Any]) -> list[Any]:
    """Each paragraph that ends with a colon keeps with what follows it (its first bullet, its
    first recommendation, the answer under a label)."""
    from reportlab.platypus import Paragraph

    result = list(story)
    for item in result[:-1]:
        if isinstance(item, Paragraph) and item.getPlainText().rstrip().endswith(LEAD_IN_ENDINGS):
            item.keepWithNext = 1
    return result


def heading_with_table(heading: Any, table: Any) -> list[Any]:
    """A heading followed by a table that may run over pages: the heading stays with the table's
    first rows, but does not carry the whole table (and a page's worth of space) with it."""
    from reportlab.platypus import CondPageBreak

    heading.keepWithNext = 0
    return [CondPageBreak(TABLE_START), heading, table]
