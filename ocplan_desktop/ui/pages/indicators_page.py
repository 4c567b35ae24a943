"""Indicators: the performance summary for a chosen period and its history, the same by theme, the
catalogue, and each indicator's values, trend and direction of travel.

The page holds the period and the actions (Indicators menu); each tab shows one view and is filled
when it is first shown after a change. Edits are undoable session steps; imports and exports run as
background tasks, the import's preview shown before anything is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.performance import DIRECTIONAL, NO_THEME, Status
from ocplan_desktop.services import change, performance
from ocplan_desktop.services import indicators as service
from ocplan_desktop.services.indicators import IndicatorFields
from ocplan_desktop.services.performance import PerformanceSummary, drill_down
from ocplan_desktop.ui.file_dialogs import remember, start_path
from ocplan_desktop.ui.pages.indicator_catalogue_page import IndicatorCataloguePage
from ocplan_desktop.ui.pages.indicator_detail_page import IndicatorDetailPage
from ocplan_desktop.ui.pages.indicator_drilldown_dialog import IndicatorDrillDownDialog
from ocplan_desktop.ui.pages.indicator_editor_dialog import IndicatorEditorDialog
from ocplan_desktop.ui.pages.indicator_files import IndicatorFiles
from ocplan_desktop.ui.pages.indicator_summary_page import IndicatorSummaryPage
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.pages.performance_history_page import PerformanceHistoryPage
from ocplan_desktop.ui.pages.theme_summary_page import ThemeSummaryPage
from ocplan_desktop.ui.pages.themes_dialog import ThemesDialog
from ocplan_desktop.ui.session import Session

SUMMARY, HISTORY, THEMES, CATALOGUE, DETAIL = range(5)


class IndicatorsPage(Page):
    title = "Indicators"
    kinds = frozenset({change.INDICATORS, change.VALUES, change.OVERRIDES, change.REFERENCE})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.result: PerformanceSummary | None = None
        self.drill_dialog: IndicatorDrillDownDialog | None = None
        self.editor: IndicatorEditorDialog | None = None
        self.themes_dialog: ThemesDialog | None = None
        self._stale_tabs: set[int] = set()
        self._drilled: tuple[tuple[Status, ...] | None, str | None] = (None, None)
        self.files = IndicatorFiles(self)

        self.period = QComboBox(self)
        self.period.setAccessibleName("Period")
        self.period.setMinimumContentsLength(10)
        period_label = QLabel("&Period:", self)
        period_label.setBuddy(self.period)

        self._actions = self._make_actions()
        self.summary_tab = IndicatorSummaryPage(self)
        # The other tabs (and their charts, and pyqtgraph) are made when first shown.
        self._built: dict[int, QWidget] = {SUMMARY: self.summary_tab}
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Indicator views")
        self.tabs.addTab(self.summary_tab, "&Summary")
        self._holders: dict[int, QVBoxLayout] = {}
        for index, text in enumerate(("&History", "By &theme", "&Catalogue", "I&ndicator"), 1):
            holder = QWidget(self.tabs)
            self._holders[index] = QVBoxLayout(holder)
            self._holders[index].setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, text)

        top = QHBoxLayout()
        heading = QLabel(self.title, self)
        heading.setObjectName("pageHeading")
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(period_label)
        top.addWidget(self.period)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.period.currentTextChanged.connect(self._on_period_current_text_changed)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.summary_tab.drill_requested.connect(lambda statuses: self.drill(statuses))
        self.summary_tab.indicator_activated.connect(self.open_indicator)

    # the tabs, made on first use -----------------------------------------------------------------
    def _tab(self, index: int) -> Any:
        if index in self._built:
            return self._built[index]
        widget: QWidget
        if index == HISTORY:
            widget = PerformanceHistoryPage(self)
            widget.period_activated.connect(self.select_period)
        elif index == THEMES:
            widget = ThemeSummaryPage(self)
            widget.drill_requested.connect(self.drill)
        elif index == CATALOGUE:
            actions: list[QAction | None] = [
                self.new_action,
                self.edit_action,
                self.delete_action,
                self.themes_action,
                None,
                self.import_action,
                self.export_catalogue_action,
                self.export_values_action,
            ]
            widget = IndicatorCataloguePage(actions, self)
            widget.indicator_activated.connect(self.open_indicator)
        else:
            widget = IndicatorDetailPage(self.session, self)
            widget.edit_requested.connect(self.edit_indicator)
        self._holders[index].addWidget(widget)
        self._built[index] = widget
        return widget

    @property
    def history_tab(self) -> PerformanceHistoryPage:
        return self._tab(HISTORY)

    @property
    def themes_tab(self) -> ThemeSummaryPage:
        return self._tab(THEMES)

    @property
    def catalogue_tab(self) -> IndicatorCataloguePage:
        return self._tab(CATALOGUE)

    @property
    def detail_tab(self) -> IndicatorDetailPage:
        return self._tab(DETAIL)

    # the existing summary widgets, as tests and the smoke run know them -----------------------
    @property
    def table(self) -> Any:
        return self.summary_tab.table

    @property
    def sentence(self) -> QLabel:
        return self.summary_tab.sentence

    @property
    def total_label(self) -> QLabel:
        return self.summary_tab.total_label

    @property
    def percent_label(self) -> QLabel:
        return self.summary_tab.percent_label

    @property
    def count_labels(self) -> dict[Status, QLabel]:
        return self.summary_tab.count_labels

    # actions -----------------------------------------------------------------------------------
    def _action(self, text: str, slot: Any, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> list[QAction]:
        self.import_action = self._action("&Import indicators…", self.files.choose_import, "Ctrl+I")
        self.export_catalogue_action = self._action(
            "Export &catalogue…", self.files.choose_catalogue_export, "Ctrl+E"
        )
        self.export_values_action = self._action(
            "Export &values…", self.files.choose_values_export, "Ctrl+Shift+E"
        )
        self.new_action = self._action("&New indicator…", self.new_indicator, "Ctrl+Shift+N")
        self.edit_action = self._action("&Edit indicator…", self._on_edit_action, "Ctrl+Return")
        self.delete_action = self._action("&Delete indicator", self.delete_indicator)
        self.themes_action = self._action("&Themes and areas…", self.open_themes)
        return [
            self.import_action,
            self.export_catalogue_action,
            self.export_values_action,
            self.new_action,
            self.edit_action,
            self.delete_action,
            self.themes_action,
        ]

    def page_actions(self) -> list[QAction]:
        return self._actions

    # refreshing --------------------------------------------------------------------------------
    def refresh(self) -> None:
        assert self.ws is not None
        known = performance.periods(self.ws)
        current = self.period.currentText()
        with QSignalBlocker(self.period):
            self.period.clear()
            self.period.addItems(list(reversed(known)))
            if current in known:
                self.period.setCurrentText(current)
        self._load(self.period.currentText())

    def _load(self, period: str) -> None:
        self.result = (
            performance.performance_summary(self.ws, period) if self.ws and period else None
        )
        self._stale_tabs = {SUMMARY, HISTORY, THEMES, CATALOGUE, DETAIL}
        self._fill(SUMMARY)  # the headline counts are always current
        self._fill(self.tabs.currentIndex())
        if self.drill_dialog is not None and self.drill_dialog.isVisible():
            self.drill(*self._drilled)  # the list follows the data and the period

    def _fill(self, tab: int) -> None:
        if tab not in self._stale_tabs or self.ws is None:
            return
        self._stale_tabs.discard(tab)
        result = self.result
        if tab == SUMMARY:
            self.summary_tab.show_result(result)
        elif tab == HISTORY:
            self.history_tab.show_history(result.through_period if result else ())
        elif tab == THEMES:
            themes = performance.theme_summaries(self.ws, result) if result else []
            self.themes_tab.show_themes(themes, result.summary.period if result else None)
        elif tab == CATALOGUE:
            self.catalogue_tab.show_indicators(service.catalogue(self.ws))
        elif tab == DETAIL:
            self.detail_tab.set_indicators(service.catalogue(self.ws))
            period = result.summary.period if result else None
            self.detail_tab.show_indicator(self.detail_tab.indicator_id, period)

    def main_row_count(self) -> int:
        return self.table.model.rowCount()

    def select_period(self, period: str) -> None:
        self.period.setCurrentText(period)

    def _on_period_current_text_changed(self, period: str) -> None:
        self._load(period)

    def _on_tabs_current_changed(self, index: int) -> None:
        self._fill(index)

    # drill-down and opening indicators -------------------------------------------------------
    def drill(self, statuses: tuple[Status, ...] | None, theme: str | None = None) -> None:
        """List the indicators behind a count, each with why it has its status."""
        if self.result is None:
            return
        self._drilled = (statuses, theme)
        items = drill_down(self.result, statuses, theme)
        period = self.result.summary.period
        if statuses is None:
            what = "All indicators"
        elif tuple(statuses) == DIRECTIONAL:
            good = sum(1 for item in items if item.status is not Status.WORSE)
            what = f"Directional indicators ({good} of {len(items)} improved or stayed the same)"
        else:
            what = " or ".join(status.text for status in statuses)
        heading = f"{what} in {period}: {len(items)} indicator{'s' if len(items) != 1 else ''}"
        if theme:
            heading += f" — {theme if theme != NO_THEME else 'no theme'}"
        if self.drill_dialog is None:
            self.drill_dialog = IndicatorDrillDownDialog(self)
            self.drill_dialog.indicator_activated.connect(self.open_indicator)
        self.drill_dialog.show_items(heading, items)
        self.drill_dialog.show()
        self.drill_dialog.raise_()

    def open_indicator(self, indicator_id: int) -> None:
        self.tabs.setCurrentIndex(DETAIL)
        self.detail_tab.show_indicator(indicator_id, self.period.currentText() or None)

    # catalogue edits ---------------------------------------------------------------------------
    def _current_indicator_id(self) -> int | None:
        if self.tabs.currentIndex() not in self._built:
            return None
        if self.tabs.currentIndex() == DETAIL:
            return self.detail_tab.indicator_id
        if self.tabs.currentIndex() == CATALOGUE:
            item = self.catalogue_tab.current_indicator()
            return item.id if item else None
        record = self.table.current_record() if self.tabs.currentIndex() == SUMMARY else None
        return record.indicator_id if record is not None else None

    def _run_for_dialog(self, text: str, edit: Any) -> str | None:
        messages: list[str] = []
        self.session.refused.connect(messages.append)
        try:
            done = self.session.run(text, edit)
        finally:
            self.session.refused.disconnect(messages.append)
        return None if done else (messages[-1] if messages else "not saved")

    def _open_editor(self, indicator_id: int | None) -> IndicatorEditorDialog | None:
        if self.ws is None:
            return None
        indicator = service.get_indicator(self.ws, indicator_id) if indicator_id else None

        def save(fields: IndicatorFields) -> str | None:
            if indicator is None:
                return self._run_for_dialog(
                    f"Add indicator {fields.code.strip()}",
                    lambda ws: service.add_indicator(ws, fields),
                )
            return self._run_for_dialog(
                f"Edit indicator {indicator.code}",
                lambda ws: service.update_indicator(ws, indicator.id, fields),
            )

        self.editor = IndicatorEditorDialog(
            service.themes(self.ws),
            service.areas(self.ws),
            service.periods(self.ws),
            save,
            indicator,
            self,
        )
        self.editor.open()
        return self.editor

    def new_indicator(self) -> IndicatorEditorDialog | None:
        return self._open_editor(None)

    def edit_indicator(self, indicator_id: int | None = None) -> IndicatorEditorDialog | None:
        indicator_id = indicator_id or self._current_indicator_id()
        if indicator_id is None:
            self.tell("Edit indicator", "Select an indicator first.")
            return None
        return self._open_editor(indicator_id)

    def _on_edit_action(self) -> None:
        self.edit_indicator()

    def delete_indicator(self) -> None:
        indicator_id = self._current_indicator_id()
        if indicator_id is None or self.ws is None:
            self.tell("Delete indicator", "Select an indicator first.")
            return
        code = service.get_indicator(self.ws, indicator_id).code
        self.session.run(
            f"Delete indicator {code}", lambda ws: service.delete_indicator(ws, indicator_id)
        )

    def open_themes(self) -> ThemesDialog:
        if self.themes_dialog is None:
            self.themes_dialog = ThemesDialog(self.session, self)
        self.themes_dialog.refresh()
        self.themes_dialog.show()
        self.themes_dialog.raise_()
        return self.themes_dialog

    # messages ----------------------------------------------------------------------------------
    def tell(self, title: str, text: str, *, problem: bool = True) -> None:
        """A message that does not block (the main window's, when there is one)."""
        window = self.window()
        icon = QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information
        if hasattr(window, "show_message"):
            window.show_message(title, text, icon)
            return
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        self._last_box = box
        box.open()

    def choose_file(self, title: str, filters: str, *, save: bool) -> Path | None:
        start = start_path(self.ws)
        if save:
            path, _chosen = QFileDialog.getSaveFileName(self, title, start, filters)
        else:
            path, _chosen = QFileDialog.getOpenFileName(self, title, start, filters)
        if path:
            remember(path)
        return Path(path) if path else None
