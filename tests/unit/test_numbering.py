"""Resolution numbering: 1), 2), … with a), b), … beneath, kept right through every edit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocplan_desktop.domain import numbering as n
from ocplan_desktop.domain.numbering import Node


def tree_labels(tree):
    return [(text_label, node.key) for _path, text_label, node in n.label_tree(tree)]


def seed_tree():
    """The seed minutes: 1)–3) with a)–g) under 2)."""
    lettered = tuple(Node(f"2{letter}") for letter in "abcdefg")
    return (Node("1"), Node("2", children=lettered), Node("3"))


def test_seed_reference_case():
    assert tree_labels(seed_tree()) == [
        ("1)", "1"),
        ("2)", "2"),
        ("a)", "2a"),
        ("b)", "2b"),
        ("c)", "2c"),
        ("d)", "2d"),
        ("e)", "2e"),
        ("f)", "2f"),
        ("g)", "2g"),
        ("3)", "3"),
    ]


@pytest.mark.parametrize(
    ("number", "text"), [(1, "a"), (7, "g"), (26, "z"), (27, "aa"), (52, "az"), (53, "ba")]
)
def test_letters_go_on_past_z(number, text):
    assert n.letters(number) == text


@pytest.mark.parametrize(
    ("number", "text"), [(1, "i"), (4, "iv"), (9, "ix"), (14, "xiv"), (40, "xl")]
)
def test_third_level_is_roman(number, text):
    assert n.roman(number) == text
    assert n.label(2, number - 1) == f"{text})"


def test_insert_renumbers_what_follows():
    tree, path = n.insert(seed_tree(), (), 1, Node("new"))
    assert path == (1,)
    assert [
        label for label, _key in tree_labels(tree) if len(label) == 2 and label[0].isdigit()
    ] == ["1)", "2)", "3)", "4)"]
    assert n.node_at(tree, (2,)).key == "2"


def test_insert_a_letter_in_the_middle():
    tree, path = n.insert(seed_tree(), (1,), 3, Node("new"))
    assert path == (1, 3)
    labels = dict((key, label) for label, key in tree_labels(tree))
    assert labels["new"] == "d)" and labels["2d"] == "e)" and labels["2g"] == "h)"


def test_delete_renumbers():
    tree = n.delete(seed_tree(), (1, 0))
    labels = dict((key, label) for label, key in tree_labels(tree))
    assert labels["2b"] == "a)" and labels["2g"] == "f)"
    tree = n.delete(tree, (0,))
    assert [label for label, key in tree_labels(tree) if key in ("2", "3")] == ["1)", "2)"]


def test_move_up_and_down_swap_and_stop_at_the_ends():
    tree, path = n.move_down(seed_tree(), (1, 0))
    assert path == (1, 1) and n.node_at(tree, (1, 1)).key == "2a"
    tree, path = n.move_up(tree, path)
    assert tree == seed_tree() and path == (1, 0)
    assert n.move_up(seed_tree(), (0,)) == (seed_tree(), (0,))
    assert n.move_down(seed_tree(), (2,)) == (seed_tree(), (2,))


def test_indent_makes_the_next_letter_of_the_previous_resolution():
    tree, path = n.indent(seed_tree(), (2,))
    assert path == (1, 7)
    assert dict((key, label) for label, key in tree_labels(tree))["3"] == "h)"
    assert len(tree) == 2


def test_outdent_follows_the_parent():
    tree, path = n.outdent(seed_tree(), (1, 6))
    assert path == (2,)
    labels = dict((key, label) for label, key in tree_labels(tree))
    assert labels["2g"] == "3)" and labels["3"] == "4)"


def test_first_item_cannot_indent_and_top_level_cannot_outdent():
    assert n.indent(seed_tree(), (0,)) == (seed_tree(), (0,))
    assert n.outdent(seed_tree(), (1,)) == (seed_tree(), (1,))


def test_positions_and_build_tree_round_trip():
    tree = seed_tree()
    rows = [(key, parent, position, str(key)) for key, parent, position in n.positions(tree)]
    assert n.build_tree(rows) == tuple(
        Node(node.key, str(node.key), tuple(Node(c.key, str(c.key)) for c in node.children))
        for node in tree
    )


operations = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "up", "down", "indent", "outdent"]),
        st.integers(0, 1000),
    ),
    max_size=40,
)


@given(operations)
def test_any_sequence_of_edits_keeps_labels_consecutive(ops):
    tree: n.Tree = seed_tree()
    counter = 0
    for op, pick in ops:
        paths = [path for path, _node in n.walk(tree)]
        if op == "insert" or not paths:
            counter += 1
            parent = paths[pick % len(paths)] if paths and pick % 2 else ()
            tree, _ = n.insert(tree, parent, pick, Node(f"n{counter}"))
            continue
        path = paths[pick % len(paths)]
        if op == "delete":
            tree = n.delete(tree, path)
        else:
            tree, _ = {
                "up": n.move_up,
                "down": n.move_down,
                "indent": n.indent,
                "outdent": n.outdent,
            }[op](tree, path)
    # At every level the labels run 1), 2), … / a), b), … without gaps or repeats.
    for path, text_label, _node in n.label_tree(tree):
        assert text_label == n.label(len(path) - 1, path[-1])
    keys = [node.key for _path, node in n.walk(tree)]
    assert len(keys) == len(set(keys))
