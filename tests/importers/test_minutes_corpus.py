"""The minutes corpus: agenda items pasted from many councils' public minutes pages, each with the
tree a careful officer expects (tests/fixtures/minutes_corpus/, the source named in each).

The score is items exactly right over all items; the acceptance bar is 95%, with no resolution
invented anywhere (a resolution the officer would not expect, or one read from wording that is not
a decision's).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ocplan_desktop.importers.minutes_text import ParsedMinutes, parse_minutes

CORPUS = Path(__file__).parent.parent / "fixtures" / "minutes_corpus"
ITEMS = sorted(CORPUS.glob("*.json"))
# Decision wording in the forms councils use; an item with none of it has no resolution unless
# the recogniser read one from the "That …" form, and then it says it was unsure.
WORDING = re.compile(r"\b(?:resolved|recommended|agreed|decided|decisions? made)\b", re.I)


def tree(parsed: ParsedMinutes) -> dict[str, object]:
    return {
        "minute_number": parsed.minute_number,
        "heading": parsed.heading,
        "report_of": parsed.report_of,
        "paragraphs": list(parsed.paragraphs),
        "bullets": list(parsed.bullets),
        "resolutions": [item.as_json() for item in parsed.resolutions],
        "uncertain": [item.text for item in parsed.uncertain],
        "resolved_wording": parsed.resolved_wording,
    }


def texts(resolutions: list[dict[str, object]]) -> list[str]:
    found: list[str] = []
    for item in resolutions:
        found.append(str(item["text"]))
        found += texts(item["children"])  # type: ignore[arg-type]
    return found


def load(path: Path) -> tuple[dict[str, object], str]:
    return json.loads(path.read_text(encoding="utf-8")), path.with_suffix(".txt").read_text(
        encoding="utf-8"
    )


def test_the_corpus_is_real_and_broad():
    metas = [load(path)[0] for path in ITEMS]
    assert len(metas) >= 40
    assert len({meta["council"] for meta in metas}) >= 12
    assert all(str(meta["source"]).startswith("http") for meta in metas)
    layouts = " ".join(str(meta["layout"]) for meta in metas)
    for layout in (
        "minute number on its own line",
        "(1) on its own line",
        "members' points lettered",
        "bracketed statutory note",
        "given twice under 'Decision:' and 'Minutes:'",
        "pdf icon PDF",
        "Additional documents:",
        "Supporting documents:",
        "CeListDocuments",
        "no resolution wording",
    ):
        assert layout in layouts, layout


def test_corpus_score_is_at_least_95_percent_with_no_invented_resolution():
    right, invented, wrong = 0, [], []
    for path in ITEMS:
        meta, text = load(path)
        expected = meta["expected"]
        got = tree(parse_minutes(text))
        if got == expected:
            right += 1
        else:
            wrong.append(path.stem)
        extra = [t for t in texts(got["resolutions"]) if t not in texts(expected["resolutions"])]
        invented += [f"{path.stem}: {t[:60]}" for t in extra]
        if got["resolutions"] and not WORDING.search(text):
            # Read from the "That …" form alone: the preview must say so.
            assert got["uncertain"], path.stem
    score = right / len(ITEMS)
    print(f"minutes corpus: {right}/{len(ITEMS)} items exactly right ({score:.0%})")
    assert not invented, invented
    assert score >= 0.95, wrong


@pytest.mark.parametrize("path", ITEMS, ids=[path.stem for path in ITEMS])
def test_each_corpus_item(path):
    """One item at a time, so a regression names the council's page it broke."""
    meta, text = load(path)
    assert tree(parse_minutes(text)) == meta["expected"]
