"""Exporting the tracker and importing it back: awkward cells survive, edits update by reference,
bad rows refuse the whole file with the right row numbers and leave the workspace as it was."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.importers.tracker import apply_import, plan_import, unneutralise
from ocplan_desktop.importers.tracker_export import COLUMNS, export_tracker
from ocplan_desktop.services import recommendations as service
from ocplan_desktop.services.progress import Cancelled, Progress
from ocplan_desktop.store import committees
from ocplan_desktop.store import recommendations as store
from tests.unit.tracker_factories import make_tracker

TODAY = dt.date(2024, 2, 1)
LONG = ("Ten thousand characters of recommendation. " * 250)[:10_000].strip()
AWKWARD_TEXTS = [
    "=SUM(A1:A9)",
    "+44 24 7683 3333 is the switchboard",
    "-5 per cent on last year",
    "@everyone please read",
    "A tab\tinside and <b>tags</b> & ampersands &amp; too",
    "Line one\nline two\nline three",
    "Emoji 🎉👍🏽 and accents: café, naïve, Zoë",
]


@pytest.fixture
def awkward(ws):
    """The seven recommendations, their text and responses full of awkward cells."""
    tracker = make_tracker(ws, texts=AWKWARD_TEXTS)
    ids = [tracker[f"rec{index}"] for index in range(7)]
    odd_person = committees.add_person(ws, "=Evil & <Co> 🎉", kind="officer")
    service.record_response(
        ws,
        ids[:4],
        "accepted",
        text='=HYPERLINK("http://example.invalid")\r\nsecond line',
        meeting_id=tracker["cabinet"],
        item="@Matters arising",
        today=TODAY,
    )
    service.update_recommendations(
        ws,
        [ids[4]],
        {
            "text": LONG,
            "lead_officer_id": odd_person,
            "due_date": "2024-01-15",
            "status": "In progress",
        },
        today=TODAY,
    )
    service.add_progress_update(ws, ids[5], "2023-12-01", "-started\twith a tab", today=TODAY)
    return tracker


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict[str, str]], headers=None) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=headers or list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def snapshot(ws) -> dict[str, list]:
    """Everything an import could touch."""
    return {
        table: ws.query(f"SELECT * FROM {table} ORDER BY rowid")
        for table in (
            "recommendations",
            "recommendation_updates",
            "people",
            "import_batches",
            "audit_log",
        )
    }


def test_export_neutralises_formula_cells_in_csv(ws, awkward, tmp_path):
    result = export_tracker(ws, tmp_path / "tracker.csv", today=TODAY)
    assert result.count == 7
    rows = read_csv(result.path)
    assert list(rows[0]) == list(COLUMNS)
    texts = [row["text"] for row in rows]
    assert "'=SUM(A1:A9)" in texts
    assert "'+44 24 7683 3333 is the switchboard" in texts
    assert "'-5 per cent on last year" in texts
    assert "'@everyone please read" in texts
    assert rows[0]["response_text"].startswith("'=HYPERLINK")
    assert rows[0]["response_item"] == "'@Matters arising"
    assert any(row["lead_officer"] == "'=Evil & <Co> 🎉" for row in rows)
    assert any(row["latest_update"] == "'-started\twith a tab" for row in rows)
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        for row in rows
        for cell in row.values()
    )


def test_export_neutralises_formula_cells_in_xlsx(ws, awkward, tmp_path):
    from openpyxl import load_workbook

    path = export_tracker(ws, tmp_path / "tracker.xlsx", today=TODAY).path
    sheet = load_workbook(path).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value]
    assert all(cell.data_type == "s" for cell in cells)  # text, never a formula
    assert "'=SUM(A1:A9)" in [cell.value for cell in cells]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_unedited_export_imports_back_unchanged(ws, awkward, tmp_path, suffix):
    path = export_tracker(ws, tmp_path / f"tracker{suffix}", today=TODAY).path
    before = snapshot(ws)
    plan = plan_import(ws, path, today=TODAY)
    assert plan.refusals == () and plan.creates == () and plan.updates == ()
    assert len(plan.unchanged) == 7
    assert plan.ignored_columns == ("overdue",)
    assert not plan.can_apply
    assert snapshot(ws) == before


@pytest.mark.parametrize("nobody", ["N/A", "-", "TBC", "tbc", "n/a", "To be confirmed"])
def test_placeholders_in_a_person_s_column_are_not_people(ws, awkward, tmp_path, nobody):
    rows = [{"reference": "SCC 2023-02-01 / 2(e)", "lead_officer": nobody}]
    plan = plan_import(ws, write_csv(tmp_path / "t.csv", rows), today=TODAY)
    assert plan.new_people == ()
    (update,) = plan.updates
    assert update.details == ("Lead officer cleared (was =Evil & <Co> 🎉)",)
    rows = [{"reference": "NEW / 9", "text": "New", "to_body": "CAB", "cabinet_member": nobody}]
    plan = plan_import(ws, write_csv(tmp_path / "n.csv", rows), today=TODAY)
    assert plan.new_people == () and plan.creates[0].values["cabinet_member_id"] is None


def test_a_blank_cell_leaves_the_stored_value_unless_blank_clears(ws, awkward, tmp_path):
    before = {row["reference"]: row for row in store.by_reference(ws).values()}
    reference = "SCC 2023-02-01 / 2(e)"
    rows = [{"reference": reference, "due_date": "", "response_text": "", "lead_officer": ""}]
    path = write_csv(tmp_path / "b.csv", rows)
    plan = plan_import(ws, path, today=TODAY)
    assert plan.updates == () and len(plan.unchanged) == 1
    cleared = plan_import(ws, path, today=TODAY, blank_clears=True)
    assert cleared.updates and "lead_officer_id" in cleared.updates[0].values
    assert before[reference]["lead_officer_id"] is not None


def test_unneutralise_takes_off_only_the_export_apostrophe():
    assert unneutralise("'=SUM(A1)") == "=SUM(A1)"
    assert unneutralise("'\tx") == "\tx"
    assert unneutralise("'quoted'") == "'quoted'"
    assert unneutralise("'") == "'"


def test_csv_round_trip_with_edits_updates_by_reference_without_duplicates(ws, awkward, tmp_path):
    path = export_tracker(ws, tmp_path / "tracker.csv", today=TODAY).path
    rows = read_csv(path)
    rows[0]["status"] = "Completed"
    rows[1]["response"] = "not accepted"
    rows[1]["response_text"] = "=1+1 & <ok> 🎉\nsecond line"
    rows[5]["latest_update"] = "+Toolkit updated; libraries to record postcodes"
    rows[5]["latest_update_date"] = "20/12/2023"
    new = dict(rows[6])
    new.update(
        reference="SCC 2023-02-01 / 3(a)",
        text="@new: Request a report on QR codes",
        response="",
        response_text="",
        response_meeting="",
        response_item="",
        response_date="",
        lead_officer="Brand New Officer",
        status="",
        category="",
        latest_update="",
        latest_update_date="",
    )
    rows.append(new)
    write_csv(path, rows)

    plan = plan_import(ws, path, today=TODAY)
    assert plan.refusals == ()
    assert [row.row for row in plan.creates] == [9]
    assert [(row.row, row.changes) for row in plan.updates] == [
        (2, ("Status",)),
        (3, ("Response", "Response text")),
        (7, ("New progress update",)),
    ]
    assert plan.new_people == (("Brand New Officer", "officer"),)
    result = apply_import(ws, plan, today=TODAY)
    assert (result.created, result.updated, result.unchanged) == (1, 3, 4)

    by_reference = {row.reference: row for row in store.list_recommendations(ws)}
    assert len(by_reference) == 8
    assert by_reference["SCC 2023-02-01 / 2(a)"].status == "completed"
    second = by_reference["SCC 2023-02-01 / 2(b)"]
    assert (second.response, second.response_text) == (
        "not_accepted",
        "=1+1 & <ok> 🎉\nsecond line",
    )
    assert second.response_date == "2023-02-14"  # kept
    sixth = by_reference["SCC 2023-02-01 / 2(f)"]
    assert (sixth.latest_update_date, sixth.latest_update) == (
        "2023-12-20",
        "+Toolkit updated; libraries to record postcodes",
    )
    added = by_reference["SCC 2023-02-01 / 3(a)"]
    assert (added.text, added.category, added.response, added.status, added.lead_officer) == (
        "@new: Request a report on QR codes",
        "request",
        "awaiting",
        "open",
        "Brand New Officer",
    )
    assert ws.scalar("SELECT import_batch_id FROM recommendations WHERE id = ?", (added.id,)) == (
        result.batch_id
    )
    # the status change is in the progress log, marked as imported
    first_log = store.progress_updates(ws, by_reference["SCC 2023-02-01 / 2(a)"].id)
    assert first_log[-1].status == "completed" and "imported from tracker.csv" in first_log[-1].text

    # the same file again changes nothing: no duplicates, no second update
    again = plan_import(ws, path, today=TODAY)
    assert (len(again.creates), len(again.updates), len(again.unchanged)) == (0, 0, 8)


def test_xlsx_round_trip_with_edits(ws, awkward, tmp_path):
    from openpyxl import load_workbook

    path = export_tracker(ws, tmp_path / "tracker.xlsx", today=TODAY).path
    book = load_workbook(path)
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    status = headers.index("status") + 1
    text = headers.index("text") + 1
    sheet.cell(row=3, column=status, value="In progress")
    sheet.cell(row=4, column=text, value="'=Changed text with a formula start & <tag>")
    book.save(path)

    plan = plan_import(ws, path, today=TODAY)
    assert [(row.row, row.changes) for row in plan.updates] == [
        (3, ("Status",)),
        (4, ("Recommendation",)),
    ]
    apply_import(ws, plan, today=TODAY)
    rows = store.list_recommendations(ws)
    assert rows[1].status == "in_progress"
    assert rows[2].text == "=Changed text with a formula start & <tag>"
    assert rows[4].text == LONG  # ten thousand characters came back whole
    assert len(rows) == 7


def test_a_file_with_bad_rows_is_refused_whole_with_the_right_row_numbers(ws, awkward, tmp_path):
    headers = ["Reference", "Text", "To body", "Status", "Due date", "Response", "Response meeting"]
    rows = [
        ["SCC 2023-02-01 / 2(a)", "", "", "Completed", "", "Accepted", ""],  # 2: good
        ["SCC 2023-02-01 / 2(b)", "", "", "", "31/13/2024", "", ""],  # 3: bad date
        ["NEW / 1", "A new one", "Narnia Council", "", "", "", ""],  # 4: unknown body
        ["NEW / 2", "Another new one", "Cabinet", "", "", "", ""],  # 5: good
        ["scc 2023-02-01 / 2(a)", "", "", "Closed", "", "", ""],  # 6: same reference as row 2
        ["SCC 2023-02-01 / 2(c)", "", "", "Overdue", "", "", ""],  # 7: overdue is not typed
        ["NEW / 3", "", "Cabinet", "", "", "", ""],  # 8: no text
        [
            "SCC 2023-02-01 / 2(d)",
            "",
            "",
            "",
            "",
            "Accepted",
            "Cabinet 2023-03-01",
        ],  # 9: no meeting
    ]
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    before = snapshot(ws)
    plan = plan_import(ws, path, today=TODAY)
    assert plan.refused_rows == (3, 4, 6, 7, 8, 9)
    messages = [refusal.message for refusal in plan.refusals]
    assert "row 3, due_date: '31/13/2024' is not a date" in messages[0]
    assert any(m.startswith("row 4, to_body: 'Narnia Council' is not a body") for m in messages)
    assert "row 6, reference: 'scc 2023-02-01 / 2(a)' is also on row 2" in messages
    assert any(m.startswith("row 7, status: 'overdue' is worked out") for m in messages)
    assert "row 8, text: cannot be empty" in messages
    assert "row 9, response_meeting: there is no meeting of Cabinet on 1 March 2023" in messages
    assert not plan.can_apply
    with pytest.raises(
        ValidationError, match=r"nothing was imported: 6 rows were refused \(rows 3, 4, 6"
    ):
        apply_import(ws, plan, today=TODAY)
    assert snapshot(ws) == before


def test_empty_required_cells_leave_a_stored_recommendation_as_it_is(ws, awkward, tmp_path):
    rows = [{"reference": "SCC 2023-02-01 / 2(a)", "text": "", "to_body": "", "due_date": ""}]
    plan = plan_import(ws, write_csv(tmp_path / "t.csv", rows), today=TODAY)
    assert plan.refusals == () and [row.row for row in plan.unchanged] == [2]


def test_a_file_without_a_reference_column_is_refused(ws, tmp_path):
    path = write_csv(tmp_path / "t.csv", [{"text": "x", "status": "open"}])
    with pytest.raises(ValidationError, match="t.csv: there is no 'reference' column"):
        plan_import(ws, path, today=TODAY)
    path = write_csv(tmp_path / "u.csv", [{"reference": "x", "colour": "red"}])
    with pytest.raises(ValidationError, match="no column to import"):
        plan_import(ws, path, today=TODAY)


def test_the_workspace_changing_after_the_preview_refuses_the_import(ws, awkward, tmp_path):
    path = write_csv(
        tmp_path / "t.csv", [{"reference": "SCC 2023-02-01 / 2(g)", "status": "Closed"}]
    )
    plan = plan_import(ws, path, today=TODAY)
    assert len(plan.updates) == 1
    service.update_recommendations(ws, [awkward["rec6"]], {"status": "closed"}, today=TODAY)
    before = snapshot(ws)
    with pytest.raises(ValidationError, match="changed since the preview"):
        apply_import(ws, plan, today=TODAY)
    assert snapshot(ws) == before


def test_cancelling_an_import_writes_nothing(ws, awkward, tmp_path):
    path = write_csv(
        tmp_path / "t.csv", [{"reference": "NEW / 1", "text": "New", "to_body": "Cabinet"}]
    )
    plan = plan_import(ws, path, today=TODAY)
    before = snapshot(ws)
    with pytest.raises(Cancelled):
        apply_import(ws, plan, today=TODAY, progress=Progress(is_cancelled=lambda: True))
    assert snapshot(ws) == before


def test_an_import_backs_the_workspace_up_first(ws, awkward, tmp_path):
    path = write_csv(
        tmp_path / "t.csv", [{"reference": "NEW / 1", "text": "New", "to_body": "CAB"}]
    )
    plan = plan_import(ws, path, today=TODAY)
    from ocplan_desktop.services.backups import list_backups

    result = apply_import(ws, plan, today=TODAY)
    (backup,) = list_backups(ws.path)
    assert backup.reason == "before-tracker-import" and backup.path == result.backup
    assert store.list_recommendations(ws)[-1].to_body == "Cabinet"  # matched by short name


def test_the_preview_says_what_each_update_changes_from_and_to(ws, awkward, tmp_path):
    rows = [{"reference": "SCC 2023-02-01 / 2(e)", "status": "Completed", "lead_officer": ""}]
    path = write_csv(tmp_path / "t.csv", rows)
    (update,) = plan_import(ws, path, today=TODAY).updates
    assert update.details == ("Status: In progress → Completed",)  # a blank leaves it alone
    (update,) = plan_import(ws, path, today=TODAY, blank_clears=True).updates
    assert update.details == (
        "Lead officer cleared (was =Evil & <Co> 🎉)",
        "Status: In progress → Completed",
    )
    rows = [{"reference": "SCC 2023-02-01 / 2(a)", "cabinet_member": "Councillor A Newcomer"}]
    plan = plan_import(ws, write_csv(tmp_path / "u.csv", rows), today=TODAY)
    assert plan.updates[0].details == ("Cabinet member: — → Councillor A Newcomer (new person)",)
    assert plan.new_people == (("Councillor A Newcomer", "member"),)
    apply_import(ws, plan, today=TODAY)
    assert store.list_recommendations(ws)[0].cabinet_member == "Councillor A Newcomer"


def test_a_recommendation_without_a_meeting_record_round_trips_unchanged(ws, tmp_path):
    tracker = make_tracker(ws)
    store.add_recommendation(
        ws,
        {
            "reference": "SCC 2023-06-21 / 5(a)",
            "text": "Typed in from an old spreadsheet",
            "from_committee_id": tracker["SCC"],
            "from_date": "2023-06-21",  # there is a meeting that day, not linked
            "to_committee_id": tracker["CAB"],
        },
    )
    path = export_tracker(ws, tmp_path / "t.csv", today=TODAY).path
    plan = plan_import(ws, path, today=TODAY)
    assert (len(plan.updates), len(plan.unchanged)) == (0, 8)
    # a new one made that day is linked to the meeting
    rows = [
        {
            "reference": "NEW",
            "text": "x",
            "to_body": "CAB",
            "from_body": "SCC",
            "from_date": "21/06/2023",
        }
    ]
    plan = plan_import(ws, write_csv(tmp_path / "n.csv", rows), today=TODAY)
    assert plan.creates[0].values["from_meeting_id"] == tracker["later"]


def test_importing_the_same_file_again_adds_no_progress_update_it_already_has(
    ws, awkward, tmp_path
):
    """The file's update is dated before the import; the import's own "Status changed" line comes
    after it, so the file's is no longer the latest. Importing the file again adds nothing."""
    path = export_tracker(ws, tmp_path / "tracker.csv", today=TODAY).path
    rows = read_csv(path)
    rows[2]["status"] = "Completed"
    rows[2]["latest_update"] = "Street lighting survey finished in every ward"
    rows[2]["latest_update_date"] = "20/12/2023"
    write_csv(path, rows)
    record = {row.reference: row for row in store.list_recommendations(ws)}[rows[2]["reference"]]
    apply_import(ws, plan_import(ws, path, today=TODAY), today=TODAY)
    texts = [update.text for update in store.progress_updates(ws, record.id)]
    assert texts.count("Street lighting survey finished in every ward") == 1
    assert texts[-1].startswith("Status changed from open to completed")  # the latest now
    again = plan_import(ws, path, today=TODAY)
    assert (len(again.updates), len(again.creates)) == (0, 0)
    later = plan_import(ws, path, today=TODAY + dt.timedelta(days=30))
    assert later.updates == ()
    assert len(store.progress_updates(ws, record.id)) == len(texts)


def test_a_tracker_with_the_headings_and_words_councils_use_reads(ws, awkward, tmp_path):
    """ "Ref", "Due", "Update" and "Responsible officer" name the columns; "Complete", "Ongoing",
    "Agreed" and "Rejected" are the statuses and responses they mean."""
    stored = store.by_reference(ws)
    references = sorted(ref for ref, row in stored.items() if row["response"] == "awaiting")[:2]
    path = tmp_path / "council.csv"
    path.write_text(
        "Ref,Response,Status,Due,Update\n"
        f"{references[0]},Agreed,Complete,31/03/2025,Done in March\n"
        f"{references[1]},Rejected,Ongoing,,\n",
        encoding="utf-8",
    )
    plan = plan_import(ws, path, today=TODAY)
    assert plan.refusals == ()
    first, second = plan.updates
    assert first.values["status"] == "completed" and first.values["response"] == "accepted"
    assert first.values["due_date"] == "2025-03-31" and first.progress_update is not None
    assert second.values["status"] == "in_progress" and second.values["response"] == "not_accepted"


@pytest.mark.parametrize("written", ["on hold", "finished?", "overdue"])
def test_a_status_in_no_known_words_is_refused_naming_the_statuses(written):
    from ocplan_desktop.domain.recommendations import RecommendationStatus

    with pytest.raises(ValidationError, match="open, in progress, completed"):
        RecommendationStatus.from_text(written)
