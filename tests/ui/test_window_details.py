"""The things an officer notices: the smallest window still works, counts are not cut off, export
progress tells the truth, file dialogs start where the officer keeps files, a dropped spreadsheet
goes to its import, the status bar says what happened, "1 row", and a response dated outside its
exercise is pointed out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QRect, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from ocplan_desktop.importers.tracker_export import export_tracker
from ocplan_desktop.paths import user_data_dir
from ocplan_desktop.reports.minutes_pdf import export_minutes
from ocplan_desktop.services import meetings
from ocplan_desktop.services.progress import Progress
from ocplan_desktop.ui.main_window import MainWindow
from ocplan_desktop.ui.pages.indicator_summary_page import CountButton
from ocplan_desktop.ui.pages.meetings_page import MeetingsPage
from ocplan_desktop.ui.widgets.meeting_panel import MINUTES_TAB
from ocplan_desktop.ui.window_size import MINIMUM_SIZE


def test_the_window_cannot_be_made_too_small_for_the_meetings_area(window, qtbot):
    screen = window.screen().availableGeometry()
    smallest = (min(MINIMUM_SIZE[0], screen.width()), min(MINIMUM_SIZE[1], screen.height()))
    assert (window.minimumWidth(), window.minimumHeight()) == smallest
    window.resize(760, 480)
    qtbot.waitUntil(lambda: window.width() >= smallest[0] and window.height() >= smallest[1])
    window.resize(*MINIMUM_SIZE)  # what a laptop screen allows: the Meetings area works
    window.show_page(0)
    page = window.pages[0]
    assert isinstance(page, MeetingsPage)
    meeting = next(m for m in meetings.list_meetings(window.ws) if m.date == "2023-12-20")
    page.select_meeting(meeting.id)
    page.panel.open_minutes(meetings.agenda(window.ws, meeting.id)[-1].id)
    assert page.panel.tabs.currentIndex() == MINUTES_TAB
    qtbot.wait(50)
    editor = page.panel.minutes
    row = editor.fontMetrics().lineSpacing()
    for tree in (editor.paragraphs, editor.bullets, editor.resolutions):
        assert tree.viewport().height() >= 2 * row, tree.accessibleName()
    assert (
        page.meetings.view.viewport().height()
        >= 5 * page.meetings.view.verticalHeader().defaultSectionSize()
    )
    assert page.meetings.view.width() >= 280 and page.panel.width() >= 500
    assert editor.report_of.height() >= editor.report_of.minimumSizeHint().height()


def test_no_count_on_the_summary_is_cut_off_at_1280_wide(window, qtbot):
    window.resize(1280, 800)
    window.show_page(2)
    qtbot.waitUntil(lambda: window.pages[2].main_row_count() == 73)
    qtbot.wait(50)
    for button in window.findChildren(CountButton):
        caption = button.caption
        needed = caption.fontMetrics().boundingRect(
            QRect(0, 0, caption.width(), 10_000), int(Qt.TextFlag.TextWordWrap), caption.text()
        )
        assert needed.width() <= caption.width() and needed.height() <= caption.height(), (
            caption.text()
        )
        assert button.geometry().right() <= button.parentWidget().width()
    assert "Stayed the same" in [b.caption.text()[2:] for b in window.findChildren(CountButton)]


def test_export_progress_stays_short_of_the_end_while_pages_are_laid_out(window, tmp_path):
    steps: list[tuple[int, int, str]] = []
    meeting = next(m for m in meetings.list_meetings(window.ws) if m.date == "2023-12-20")
    export_minutes(
        window.ws, meeting.id, tmp_path / "minutes.pdf", Progress(lambda *s: steps.append(s))
    )
    layout = [step for step in steps if step[2].startswith("Laying out")]
    assert len(layout) > 5
    assert all(done < total for done, total, _text in layout)  # never 100% before it is written


def test_a_cancelled_export_stops_saying_exporting(window, qtbot, tmp_path):
    window.show_page(4)
    page = window.pages[4]
    qtbot.waitUntil(lambda: page.main_row_count() > 0)
    document = next(row for row in page.table.model.rows() if row.kind == "Minutes")
    out = tmp_path / "out"
    out.mkdir()
    task = page.export_document(document, out / "out.pdf")
    assert page.status.text().startswith("Exporting")
    task.cancel()  # before the first page is laid out
    qtbot.waitUntil(lambda: not page.status.text().startswith("Exporting"), timeout=30_000)
    assert page.status.text() == "Export cancelled: nothing was written."
    assert page.last_output is None and list(out.iterdir()) == []


def test_file_dialogs_start_in_the_documents_folder_not_the_hidden_data_folder(
    window, monkeypatch, tmp_path
):
    from PySide6.QtCore import QSettings

    from ocplan_desktop.ui.file_dialogs import LAST_FOLDER, documents_folder, remember

    QSettings().remove(LAST_FOLDER)
    demo = user_data_dir() / "Demo workspace.ocplan"  # where the demo workspace lives
    starts: list[str] = []

    def fake(_parent, _title, start, _filter):
        starts.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    monkeypatch.setattr(window.ws, "path", demo)
    window._on_open_triggered()
    assert starts and not starts[0].startswith(str(user_data_dir()))
    assert Path(starts[0]) == documents_folder()
    remember(tmp_path / "Committee papers" / "tracker.xlsx")
    (tmp_path / "Committee papers").mkdir()
    window._on_open_triggered()
    assert Path(starts[-1]) == tmp_path / "Committee papers"


def drop(window: MainWindow, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(
        point,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(
        point,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return True


def test_a_tracker_dropped_on_any_page_goes_to_the_tracker_import(window, qtbot, tmp_path):
    import datetime as dt

    path = export_tracker(window.ws, tmp_path / "tracker.xlsx", today=dt.date.today()).path
    window.show_page(4)
    assert drop(window, path)
    assert window.current_page().title == "Recommendations"
    page = window.current_page()
    assert window.statusBar().currentMessage() == "Importing tracker.xlsx…"
    qtbot.waitUntil(lambda: getattr(page, "import_dialog", None) is not None, timeout=30_000)
    assert page.import_dialog.plan.file_name == "tracker.xlsx"
    page.import_dialog.reject()


def test_a_survey_dropped_goes_to_the_engagement_import(window, qtbot, tmp_path):
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "Submitted,Ward,Your views\n2022-09-01,Earlsdon,More buses\n", encoding="utf-8"
    )
    assert drop(window, survey)
    page = window.current_page()
    assert page.title == "Engagement"
    dialog = page.dialog
    assert type(dialog).__name__ == "FeedbackImportDialog"
    dialog.reject()


def test_a_file_no_import_takes_is_refused_in_one_message(window, tmp_path):
    picture = tmp_path / "notes.csv"
    picture.write_bytes(b"")
    assert drop(window, picture)
    assert "is not a file ocplan can import" in window.last_message.text()
    window.last_message.accept()
    other = tmp_path / "photo.png"
    other.write_bytes(b"\x89PNG")
    assert not drop(window, other)  # not even offered


def test_the_status_bar_says_what_just_happened(window):
    from ocplan_desktop.services import reports

    window.session.run("New report", lambda ws: reports.create_report(ws, "Winter gritting"))
    assert window.statusBar().currentMessage() == "Saved: New report"
    window.session.undo()
    assert window.statusBar().currentMessage() == "Undone: New report"


def test_one_row_is_one_row(window):
    from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
    from ocplan_desktop.ui.widgets.record_table import RecordTable

    table = RecordTable(RecordTableModel([Column("Name", lambda r: r)]), "Names", window)
    table.set_rows(["Earlsdon"])
    assert table.count_label.text() == "1 row"
    table.set_rows(["Earlsdon", "Foleshill"])
    assert table.count_label.text() == "2 rows"


def test_a_response_typed_with_a_date_outside_its_exercise_is_pointed_out(window, qtbot):
    window.show_page(3)
    page = window.pages[3]
    qtbot.waitUntil(lambda: page.main_row_count() > 0)
    exercise = page.current_exercise()
    assert exercise is not None and exercise.closes_on
    dialog = page.add_response()
    dialog.received.setText("20 December 2031")
    assert dialog.date_note.isVisibleTo(dialog)
    assert dialog.date_note.text().startswith("⚠ This date is after the exercise closed on")
    dialog.received.setText(exercise.opens_on)
    assert not dialog.date_note.isVisibleTo(dialog)
    dialog.reject()


def test_minutes_text_dropped_opens_the_import_of_the_item_shown(window, qtbot):
    from tests.conftest import SEED_MINUTES

    window.show_page(0)
    page = window.pages[0]
    upcoming = next(m for m in meetings.list_meetings(window.ws) if m.date == "2024-02-07")
    page.select_meeting(upcoming.id)
    page.panel.open_minutes(page.panel.agenda.items[-1].id)
    window.show_page(4)
    assert drop(window, SEED_MINUTES)
    assert window.current_page() is page
    dialog = page.menu_actions.dialog
    assert type(dialog).__name__ == "MinutesImportDialog"
    assert dialog.preview.counts["resolutions"] == 3
    dialog.reject()


def test_a_bold_agenda_title_gets_the_height_its_painted_lines_need(qtbot):
    """Business items are bold in the view's 10 pt (the style sheet's), and their row's height is
    measured in that font: measured in the plain application font, "One Coventry Plan 2022-2030"
    was given one line at a width where it paints two, and its second line was cut off."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    from ocplan_desktop.app import make_application
    from ocplan_desktop.ui.widgets.ordered_tree import OrderedTree, Row

    make_application()
    tree = OrderedTree(["Item", "Title"], "Agenda", text_column=1, widths={0: 40})
    qtbot.addWidget(tree)
    title = "One Coventry Plan 2022-2030"
    tree.set_rows([Row(1, ["5", title], title, bold=True)])
    tree.show()
    qtbot.waitExposed(tree)
    index = tree.model().index(0, 1)
    option = QStyleOptionViewItem()
    option.font = tree.font()  # as the view gives it to its delegate
    tree.delegate.initStyleOption(option, index)
    assert option.font.bold() and option.font.pointSizeF() == 10  # the style sheet's size
    painted = QFontMetrics(option.font)
    margin = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    full = painted.horizontalAdvance(title)
    for width in range(full - 30, full + 30, 3):
        tree.header().resizeSection(1, width)
        tree.doItemsLayout()
        needed = painted.boundingRect(
            QRect(0, 0, width - margin, 10_000), int(Qt.TextFlag.TextWordWrap), title
        ).height()
        assert tree.visualRect(index).height() >= needed, width
