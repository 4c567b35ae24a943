"""Resolution numbering: `1)`, `2)`, … at the top, `a)`, `b)`, … under a resolution, `i)`, `ii)`, …
below that.

Labels are never stored: they follow from each item's place in the tree, so inserting, deleting or moving
an item renumbers everything after it. The edits are pure functions from one tree to the next; the
minutes editor and the PDF both label the same tree with `label_tree`.

A place in the tree is a path of indexes: `(1, 3)` is the fourth child of the second resolution, which
the minutes show as `2) d)`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

Path = tuple[int, ...]

_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def letters(number: int) -> str:
    """1 → a, 26 → z, 27 → aa: the bijective base-26 councils use past `z)`."""
    if number < 1:
        raise ValueError("numbering starts at 1")
    text = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        text = chr(ord("a") + remainder) + text
    return text


def roman(number: int) -> str:
    if number < 1:
        raise ValueError("numbering starts at 1")
    text = ""
    for value, numeral in _ROMAN:
        count, number = divmod(number, value)
        text += numeral * count
    return text


def label(depth: int, index: int) -> str:
    """The label of the `index`-th item (0-based) at `depth` (0 is the top level)."""
    number = index + 1
    if depth == 0:
        return f"{number})"
    if depth == 1:
        return f"{letters(number)})"
    return f"{roman(number)})"


@dataclass(frozen=True)
class Node:
    """One resolution and the items under it. `key` is whatever identifies it to the caller (a row id)."""

    key: object
    text: str = ""
    children: tuple[Node, ...] = ()


Tree = tuple[Node, ...]


def walk(tree: Sequence[Node], _prefix: Path = ()) -> Iterator[tuple[Path, Node]]:
    """Every node with its path, in reading order."""
    for index, node in enumerate(tree):
        path = (*_prefix, index)
        yield path, node
        yield from walk(node.children, path)


def label_tree(tree: Sequence[Node]) -> list[tuple[Path, str, Node]]:
    """Every node in reading order with the label the minutes show for it."""
    return [(path, label(len(path) - 1, path[-1]), node) for path, node in walk(tree)]


def node_at(tree: Sequence[Node], path: Path) -> Node:
    if not path:
        raise IndexError("empty path")
    node = tree[path[0]]
    for index in path[1:]:
        node = node.children[index]
    return node


def _replace_children(tree: Tree, parent: Path, children: Tree) -> Tree:
    """A new tree with the children of `parent` (the top level when `parent` is empty) replaced."""
    if not parent:
        return children
    head, rest = parent[0], parent[1:]
    node = tree[head]
    updated = replace(node, children=_replace_children(node.children, rest, children))
    return (*tree[:head], updated, *tree[head + 1 :])


def _siblings(tree: Tree, parent: Path) -> Tree:
    return tree if not parent else node_at(tree, parent).children


def insert(tree: Tree, parent: Path, index: int, node: Node) -> tuple[Tree, Path]:
    """Insert `node` as the `index`-th child of `parent`; returns the new tree and the node's path."""
    siblings = _siblings(tree, parent)
    index = max(0, min(index, len(siblings)))
    new_siblings = (*siblings[:index], node, *siblings[index:])
    return _replace_children(tree, parent, new_siblings), (*parent, index)


def delete(tree: Tree, path: Path) -> Tree:
    """Remove the node at `path` with everything under it."""
    parent, index = path[:-1], path[-1]
    siblings = _siblings(tree, parent)
    return _replace_children(tree, parent, (*siblings[:index], *siblings[index + 1 :]))


def move_up(tree: Tree, path: Path) -> tuple[Tree, Path]:
    """Swap with the previous sibling; the first item stays where it is."""
    parent, index = path[:-1], path[-1]
    if index == 0:
        return tree, path
    siblings = list(_siblings(tree, parent))
    siblings[index - 1], siblings[index] = siblings[index], siblings[index - 1]
    return _replace_children(tree, parent, tuple(siblings)), (*parent, index - 1)


def move_down(tree: Tree, path: Path) -> tuple[Tree, Path]:
    """Swap with the next sibling; the last item stays where it is."""
    parent, index = path[:-1], path[-1]
    siblings = list(_siblings(tree, parent))
    if index >= len(siblings) - 1:
        return tree, path
    siblings[index + 1], siblings[index] = siblings[index], siblings[index + 1]
    return _replace_children(tree, parent, tuple(siblings)), (*parent, index + 1)


def indent(tree: Tree, path: Path) -> tuple[Tree, Path]:
    """Make the node the last child of its previous sibling (`3)` under `2)` becomes its next letter)."""
    parent, index = path[:-1], path[-1]
    if index == 0:
        return tree, path
    node = node_at(tree, path)
    without = delete(tree, path)
    new_parent = (*parent, index - 1)
    end = len(node_at(without, new_parent).children)
    return insert(without, new_parent, end, node)


def outdent(tree: Tree, path: Path) -> tuple[Tree, Path]:
    """Move the node out to follow its parent (`2) c)` becomes `3)`); top-level nodes stay put."""
    if len(path) < 2:
        return tree, path
    parent = path[:-1]
    node = node_at(tree, path)
    without = delete(tree, path)
    return insert(without, parent[:-1], parent[-1] + 1, node)


def positions(tree: Sequence[Node]) -> list[tuple[object, object | None, int]]:
    """(key, parent key, position) for every node: what the store writes back after an edit."""
    rows: list[tuple[object, object | None, int]] = []

    def visit(nodes: Sequence[Node], parent_key: object | None) -> None:
        for index, node in enumerate(nodes):
            rows.append((node.key, parent_key, index))
            visit(node.children, node.key)

    visit(tree, None)
    return rows


def build_tree(rows: Sequence[tuple[object, object | None, int, str]]) -> Tree:
    """The tree from stored rows of (key, parent key, position, text)."""
    by_parent: dict[object | None, list[tuple[int, object, str]]] = {}
    for key, parent_key, position, text in rows:
        by_parent.setdefault(parent_key, []).append((position, key, text))

    def children(parent_key: object | None) -> Tree:
        items = sorted(by_parent.get(parent_key, []), key=lambda item: (item[0], str(item[1])))
        return tuple(Node(key, text, children(key)) for _position, key, text in items)

    return children(None)
