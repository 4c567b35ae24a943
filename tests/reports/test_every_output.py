"""Every text a user can type, through every document the app writes: it prints literally, no
markup is obeyed (no file read into an `<img>`, no font looked up by a user's name, no entity
rewritten), and the only pictures are the app's own. The outputs come from one registry
(`tests/reports/outputs.py`) that the Word exports join."""

from __future__ import annotations

import pytest

from tests.reports.outputs import (
    AWKWARD,
    BOOKMARKED,
    OUTPUTS,
    expected_phrases,
    no_markup_leaked,
    plant,
    squashed,
)


@pytest.mark.parametrize("text", AWKWARD)
def test_every_output_prints_typed_text_literally(demo_ws, tmp_path, text):
    plant(demo_ws, text)
    for output in OUTPUTS:
        path = tmp_path / f"{output.name}{output.suffix}"
        output.write(demo_ws, path)
        printed = output.read(path)
        for phrase in expected_phrases(output.name, text):
            assert phrase in printed, (output.name, phrase)
        assert no_markup_leaked(printed), output.name
        assert output.foreign_images(path) == [], output.name
        if output.bookmarks is not None:
            titles = [squashed(title) for title in output.bookmarks(path)]
            for prefix in BOOKMARKED.get(output.name, ()):
                assert any(squashed(prefix + text) in title for title in titles), output.name


def test_a_heading_with_markup_does_not_reach_the_contents_as_markup(demo_ws, tmp_path):
    """The hole print review found: the pack's contents set agenda headings as markup."""
    from tests.reports.outputs import OUTPUTS as registry

    pack = next(output for output in registry if output.name == "briefing pack")
    plant(demo_ws, 'R&D <img src="/etc/hostname"/>')
    path = tmp_path / "pack.pdf"
    pack.write(demo_ws, path)
    printed = pack.read(path)
    assert printed.count('Heading R&D <img src="/etc/hostname"/>') >= 3  # contents, agenda, item
    assert pack.foreign_images(path) == []
