"""Small display helpers the pages share."""

from __future__ import annotations

from ocplan_desktop.domain.dates import format_date


def date_text(value: str | None) -> str:
    return format_date(value) if value else ""


def number_text(value: float | None) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def label_text(value: str) -> str:
    """`partially_accepted` → `Partially accepted`."""
    return value.replace("_", " ").capitalize() if value else ""
