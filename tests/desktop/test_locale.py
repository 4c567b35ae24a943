"""Dates, numbers and month names follow the app's own English rules whatever the desktop's language:
the window is started under Welsh and German (LANG and LC_ALL, and Qt's locale, which Qt takes from
them whether or not the C library has the locale installed)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ocplan_desktop.domain.dates import MONTH_NAMES, format_date, parse_date

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("desktop", ["cy_GB.UTF-8", "de_DE.UTF-8"])
def test_the_window_shows_english_dates_and_numbers_under_another_language(
    desktop, demo_path, tmp_path
):
    env = {**os.environ, "LANG": desktop, "LC_ALL": desktop, "LANGUAGE": desktop.split(".")[0]}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-m", "tests.desktop.locale_child", str(demo_path),
         str(tmp_path / "settings.ini")],
        env=env, capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", shown["meeting list"])
    assert shown["meeting list"].split()[1] in MONTH_NAMES
    assert shown["date box"] == "20 December 2023"
    assert shown["date box read back"] == "2023-12-20"
    assert shown["number box"] == "1234.5"  # not 1234,5
    assert shown["strftime"] == "20 December 2023"
    assert shown["format_date"] == "20 December 2023"
    assert shown["calendar"] == "December 2023"


LOCALE_DIRECTIVES = re.compile(
    r"strftime\([^)]*%[aAbBcpxX]|\{[^{}\n]*:[^{}\n]*%[aAbBcpxX][^{}\n]*\}|format\([^)]*['\"]n['\"]"
)


def code_of(line: str) -> str:
    """The line without its comment and without text quoted in backticks (docstrings)."""
    return re.sub(r"`[^`]*`", "", line.split("  # ")[0] if not line.strip().startswith("#") else "")


def test_no_code_asks_the_c_library_for_names_of_months_or_days():
    """`%B`, `%b`, `%A`, `%a`, `%p`, `%c`, `%x` and `'n'` follow the desktop's locale once Qt has
    started; the app names months itself (`domain/dates.py`)."""
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "ocplan_desktop").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if LOCALE_DIRECTIVES.search(code_of(line))
    ]
    assert found == []


def test_every_month_is_written_and_read_back():
    for month, name in enumerate(MONTH_NAMES, start=1):
        text = format_date(f"2024-{month:02d}-09")
        assert text == f"9 {name} 2024"
        assert parse_date(text).month == month
