"""The LMS round trip: Canvas's and Moodle's downloads in, their grade imports out."""

import csv
import zipfile

import pytest
from grading_helpers import NB01
from lms_fixtures import canvas_download, grades_folder, moodle_download, write_zip

from instructor import lms, lms_downloads, lms_grades

WRONG = {"ex1_1_initialize_zeros": "def initialize_zeros(layer_dims):\n    return {}"}


def table(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def roster(path):
    return {row["folder"]: row for row in csv.DictReader(open(path, encoding="utf-8"))}


def test_canvas_download_one_folder_per_student_the_newest_counts(tmp_path, right):
    download = canvas_download(tmp_path / "submissions.zip", right, WRONG)
    rows, skipped = lms.import_download("canvas", download, tmp_path / "subs" / "week1")
    subs = tmp_path / "subs" / "week1"
    assert sorted(p.name for p in subs.iterdir()) == [
        "kimjo_500001", "kimjo_500002", "smithbob", "wellslane"]
    assert [p.name for p in (subs / "smithbob").iterdir()] == [NB01]  # -1 taken off
    newest = (subs / "smithbob" / NB01).read_text()
    assert "def initialize_zeros" in newest and "return {}" not in newest
    assert "return {}" in (subs / "wellslane" / NB01).read_text()
    people = roster(tmp_path / "subs" / "week1.roster.csv")
    assert people["smithbob"] == {"folder": "smithbob", "lms": "canvas", "lms_id": "340934",
                                  "name": "smithbob", "late": "yes", "files": NB01, "email": ""}
    assert people["wellslane"]["late"] == "" and people["kimjo_500002"]["lms_id"] == "500002"
    assert sorted(skipped) == ["parkann_500003_text.html",
                               "wellslane_334244_394803489_screenshot.png"]


def test_moodle_download_named_as_people_are(tmp_path, right):
    download = moodle_download(tmp_path / "moodle.zip", right, WRONG)
    rows, skipped = lms.import_download("moodle", download, tmp_path / "subs" / "a1")
    subs = tmp_path / "subs" / "a1"
    assert sorted(p.name for p in subs.iterdir()) == [
        "Alice Smith", "Bob Jones", "Dan Roe", "HYPERLINK_1_ Eve"]
    assert [p.name for p in (subs / "Bob Jones").iterdir()] == [f"{NB01[:-6]} (1).ipynb"]
    assert [p.name for p in (subs / "Dan Roe").iterdir()] == [NB01]
    people = roster(tmp_path / "subs" / "a1.roster.csv")
    assert people["Alice Smith"]["lms_id"] == "123459" and people["Alice Smith"]["late"] == ""
    assert people["HYPERLINK_1_ Eve"]["name"] == "'=HYPERLINK(1) Eve"  # formula-safe
    assert skipped == ["Carol Doe_123461_assignsubmission_onlinetext_/onlinetext.html"]


def test_a_folder_download_reads_as_the_zip(tmp_path, right):
    download = canvas_download(tmp_path / "submissions.zip", right, WRONG)
    with zipfile.ZipFile(download) as z:
        z.extractall(tmp_path / "unzipped")
    from_zip, _ = lms_downloads.read_download("canvas", download)
    from_folder, _ = lms_downloads.read_download("canvas", tmp_path / "unzipped")
    assert from_zip == from_folder


def test_an_earlier_import_is_kept_unless_forced(tmp_path, right):
    download = canvas_download(tmp_path / "submissions.zip", right, WRONG)
    out = tmp_path / "subs" / "week1"
    lms.import_download("canvas", download, out)
    (out / "smithbob" / "mine.txt").write_text("a note")
    with pytest.raises(SystemExit, match="use --force"):
        lms.import_download("canvas", download, out)
    assert (out / "smithbob" / "mine.txt").is_file()
    with pytest.raises(SystemExit, match="no moodle submission"):
        lms.import_download("moodle", download, out, force=True)
    assert (out / "smithbob" / "mine.txt").is_file()
    lms.import_download("canvas", download, out, force=True)
    assert not (out / "smithbob" / "mine.txt").exists()
    assert not list(out.parent.glob(".week1.*"))


def test_hostile_names_and_sizes(tmp_path, monkeypatch):
    download = write_zip(tmp_path / "evil.zip", {
        f"../../evilone_1_2_{NB01}": b"{}",
        "../evil two_3_assignsubmission_file_/../../x.ipynb": b"{}",
        f"bigone_4_5_{NB01}": b"x" * 2000,
    })
    monkeypatch.setattr(lms_downloads, "MAX_FILE_BYTES", 1000)
    rows, skipped = lms.import_download("canvas", download, tmp_path / "in" / "subs")
    assert [p.name for p in (tmp_path / "in" / "subs").iterdir()] == ["evilone"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.zip", "in"]
    assert any("bigone" in s and "over" in s for s in skipped)
    with pytest.raises(ValueError, match="lms='blackboard' must be one of"):
        lms_downloads.read_download("blackboard", download)
    with pytest.raises(ValueError, match="must be the folder or the .zip"):
        lms_downloads.read_download("canvas", tmp_path / "evil.tar")


def test_formula_safe_cells():
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert lms.formula_safe(value) == f"'{value}"
    assert lms.formula_safe("Smith, Bob") == "Smith, Bob" and lms.formula_safe(3) == "3"


def two_weeks(tmp_path, lms_name):
    """Rosters and grades of two assignments; in week2, one student did not hand in."""
    people = [("smithbob", "340934", "smithbob"), ("lane", "334244", "-lane")]
    if lms_name == "moodle":
        people = [("Alice Smith", "123459", "Alice Smith"), ("lane", "123460", "-lane")]
    (tmp_path / "subs").mkdir()
    for week, shift, who in (("week1", 0, people), ("week2", 7, people[:1])):
        shift = shift if lms_name == "moodle" else 0  # Moodle numbers each assignment anew
        rows = [[folder, lms_name, str(int(i) + shift), name, "", NB01, ""]
                for folder, i, name in who]
        lms.write_csv(tmp_path / "subs" / f"{week}.roster.csv", lms.ROSTER_COLUMNS, rows)
        grades_folder(tmp_path / "grades" / week, [
            r for folder, _, _ in who for r in (
                (folder, "Exercise 1.1", 2, 2, "passed"),
                (folder, "Exercise 1.2", 1 if folder == "lane" else 0, 2, "=wrong count"))])
    return [tmp_path / "grades" / "week1", tmp_path / "grades" / "week2"]


def test_canvas_gradebook_import(tmp_path):
    grades = two_weeks(tmp_path, "canvas")
    lines = lms_grades.export("canvas", grades, tmp_path / "upload.csv", tmp_path / "subs")
    assert table(tmp_path / "upload.csv") == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "week1", "week2"],
        ["Points Possible", "", "", "", "", "4", "4"],
        ["'-lane", "334244", "", "", "", "3", ""],
        ["smithbob", "340934", "", "", "", "2", "2"]]
    assert table(tmp_path / "upload-exercises.csv")[0][5:] == [
        "week1: Exercise 1.1", "week1: Exercise 1.2", "week2: Exercise 1.1",
        "week2: Exercise 1.2"]
    assert table(tmp_path / "upload-exercises.csv")[2] == [
        "'-lane", "334244", "", "", "", "2", "1", "", ""]
    assert any("no canvas_id" in line for line in lines)


def test_canvas_columns_carry_the_assignments_ids(tmp_path, monkeypatch):
    grades = two_weeks(tmp_path, "canvas")
    monkeypatch.setattr(lms_grades, "assignment_of", lambda folder: (
        folder.name, f"Week {folder.name[-1]}", 900 + int(folder.name[-1])))
    lines = lms_grades.export("canvas", grades, tmp_path / "up.csv", tmp_path / "subs")
    assert table(tmp_path / "up.csv")[0][5:] == ["Week 1 (901)", "Week 2 (902)"]
    assert not any("no canvas_id" in line for line in lines)


def test_moodle_gradebook_import_and_grading_worksheets(tmp_path):
    grades = two_weeks(tmp_path, "moodle")
    users = tmp_path / "moodle-export.csv"
    users.write_text("First name,Last name,ID number,Email address\n"
                     "Alice,Smith,,alice@example.edu\n", encoding="utf-8")
    lines = lms_grades.export("moodle", grades, tmp_path / "up.csv", tmp_path / "subs", users)
    assert table(tmp_path / "up.csv") == [
        ["Full name", "Email address", "week1", "week2"],
        ["'-lane", "", "3", ""],
        ["Alice Smith", "alice@example.edu", "2", "2"]]
    assert any("1 student(s) without an email" in line for line in lines)
    sheet = table(tmp_path / "up-week1-worksheet.csv")
    assert sheet[0] == ["Identifier", "Full name", "Grade", "Maximum Grade",
                        "Last modified (grade)", "Feedback comments"]
    assert [row[:4] for row in sheet[1:]] == [["Participant 123459", "Alice Smith", "2", "4"],
                                              ["Participant 123460", "'-lane", "3", "4"]]
    assert table(tmp_path / "up-week2-worksheet.csv")[1][0] == "Participant 123466"


def test_export_refuses_students_without_a_roster_entry(tmp_path):
    grades = two_weeks(tmp_path, "canvas")
    grades_folder(tmp_path / "grades" / "week3", [("nobody", "Exercise 1.1", 0, 2, "")])
    (tmp_path / "subs" / "week3.roster.csv").write_text(
        ",".join(lms.ROSTER_COLUMNS) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"students \['nobody'\] are not in it"):
        lms_grades.export("canvas", [*grades, tmp_path / "grades" / "week3"],
                          tmp_path / "up.csv", tmp_path / "subs")
    with pytest.raises(ValueError, match="no roster"):
        lms_grades.export("canvas", grades, tmp_path / "up.csv", tmp_path / "elsewhere")


def test_gradebook_across_assignments(tmp_path):
    grades = two_weeks(tmp_path, "canvas")
    assert lms.main(["gradebook", *map(str, grades), "--out", str(tmp_path / "book.csv"),
                     "--rosters", str(tmp_path / "subs")]) == 0
    assert table(tmp_path / "book.csv") == [
        ["student", "lms", "lms_id", "week1", "week2", "total", "max_points"],
        ["max points", "", "", "4", "4", "8", "8"],
        ["'-lane", "canvas", "334244", "3", "", "3", "8"],
        ["smithbob", "canvas", "340934", "2", "2", "4", "8"]]


def test_a_renamed_notebook_is_mapped_with_one_option(tmp_path, right):
    gustav = f"{NB01[:-6]}_gustav.ipynb"
    download = write_zip(tmp_path / "d.zip", {
        f"gustavolaf_7_70_{gustav}": b"gustav's",
        f"annbell_8_80_{NB01}": b"ann's named copy",
        f"annbell_8_81_{gustav}": b"ann's other copy",
    })
    out = tmp_path / "subs" / "week1"
    lms.import_download("canvas", download, out)
    assert lms.unmatched(out, [NB01]) == [gustav]
    renames = lms.parse_renames([f"{gustav}={NB01}"])
    lms.import_download("canvas", download, out, force=True, renames=renames)
    assert (out / "gustavolaf" / NB01).read_bytes() == b"gustav's"
    assert (out / "annbell" / NB01).read_bytes() == b"ann's named copy"
    assert (out / "annbell" / gustav).is_file() and lms.unmatched(out, [NB01]) == [gustav]
    with pytest.raises(ValueError, match="must be OLD=NEW"):
        lms.parse_renames(["x.ipynb"])


def test_gradebook_without_rosters_goes_by_the_graders_names(tmp_path):
    grades = two_weeks(tmp_path, "canvas")
    lms_grades.gradebook(grades, tmp_path / "book.csv", tmp_path / "no-rosters")
    assert table(tmp_path / "book.csv")[2:] == [["lane", "", "", "3", "", "3", "8"],
                                               ["smithbob", "", "", "2", "2", "4", "8"]]


def test_a_roster_from_canvas_gradebook_export(tmp_path):
    """Students named by their login (nbgrader's submitted/<student>/) found in Canvas's
    gradebook export, as Canvas writes it (a Points Possible row under the header)."""
    export = tmp_path / "export.csv"
    export.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Week 1 (901)\n"
        "    Points Possible,,,,,4\n"
        '"Smith, Bob",340934,S1,bsmith,Sec A,\n'
        '"Wells, Lane",334244,S2,lwells,Sec A,\n', encoding="utf-8")
    for login in ("bsmith", "lwells", "stranger"):
        (tmp_path / "submitted" / login / "week1").mkdir(parents=True)
    missing = lms.canvas_roster(export, tmp_path / "submitted", tmp_path / "w1.roster.csv")
    assert missing == ["stranger"]
    people = roster(tmp_path / "w1.roster.csv")
    assert {f: (r["lms_id"], r["name"]) for f, r in people.items()} == {
        "bsmith": ("340934", "Smith, Bob"), "lwells": ("334244", "Wells, Lane")}
    with pytest.raises(ValueError, match="no column 'Login'"):
        lms.canvas_roster(export, tmp_path / "submitted", tmp_path / "x.csv", match="Login")
