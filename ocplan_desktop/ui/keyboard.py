"""The window from the keyboard: menu titles with Alt keys, and lists and tables that let Tab go.

Every menu in the menu bar has its own Alt key (File, Edit, View, the area's own menu, Tools, Help),
and the View menu names each area with one too. Titles are text the officer wrote nothing of, but
an ampersand in a title (`Meetings & minutes`) must be doubled or Qt takes it for a mnemonic.

A table steps from cell to cell with Tab by default (Qt's `tabKeyNavigation`), which traps the
keyboard in it: Tab then scrolls sideways, wraps to the first row and changes the selection instead
of reaching the next pane. Arrow keys move within a table; Tab moves between panes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QWidget

# The area's own menu: one word and an Alt key no other menu in the bar uses
# (File, Edit, View, Tools and Help take F, E, V, T and H).
PAGE_MENU_TITLES = {
    "Meetings & minutes": "&Meetings",
    "Recommendations": "&Recommendations",
    "Indicators": "&Indicators",
    "Engagement": "E&ngagement",
    "Print & export": "&Print",
}


def menu_escape(text: str) -> str:
    """Text shown as it is in a menu or on a button: `&` doubled."""
    return text.replace("&", "&&")


def view_action_text(title: str) -> str:
    """`Meetings & minutes` → `&Meetings && minutes` (Alt+M in the View menu; `&` shown as is)."""
    return "&" + menu_escape(title)


def page_menu_title(title: str) -> str:
    return PAGE_MENU_TITLES.get(title, "&" + menu_escape(title.split(" ")[0]))


def let_tab_go(view: QAbstractItemView) -> QAbstractItemView:
    """Tab leaves the view for the next pane; arrows still move within it."""
    view.setTabKeyNavigation(False)
    return view


def let_tab_go_everywhere(root: QWidget) -> None:
    for view in root.findChildren(QAbstractItemView):
        let_tab_go(view)
