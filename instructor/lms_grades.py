"""The grader's results as Canvas's and Moodle's grade imports accept them, and a gradebook.

Each ``grades/<assignment>/scores.csv`` (written by ``make grade``) gives every student's
points on each exercise; the roster written by ``python -m instructor.lms import`` gives the
student's LMS id and name. Columns written (every cell formula-safe):

- Canvas's gradebook import (``--out``): ``Student`` (the name of the download's file names,
  lastnamefirstname), ``ID`` (Canvas's user id, which Canvas matches rows on), ``SIS User ID``,
  ``SIS Login ID``, ``Section`` (left empty: Canvas does not need them when ID is given), then
  one column per assignment, ``<title> (<canvas_id>)``, the assignment's points; a second row,
  ``Points Possible``, gives each assignment's maximum. A title without ``canvas_id`` (in
  ``instructor/assignments.toml``) makes Canvas create a new assignment of that name.
- Moodle's gradebook import (``--out``): ``Full name``, ``Email address`` (Moodle maps users by
  it: "Map from Email address" to "Email address"), then a column per assignment to map to
  its grade item. Moodle's participant ids change from one assignment to the next, so a
  student is the same student across assignments by name. Plus, per assignment, the
  assignment's own grading worksheet (``<out>-<assignment>-worksheet.csv``: ``Identifier``
  "Participant N", ``Full name``, ``Grade``, ``Maximum Grade``, ``Last modified (grade)``,
  ``Feedback comments``), for its "Upload grading worksheet", which needs no email.
- The per-exercise sheet (``<out>-exercises.csv``): the same first columns, then a column per
  exercise, ``<title>: Exercise N.M``.
"""

import csv
import time
from pathlib import Path

from .lms import read_roster, write_csv

CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_IDENTITY = ["Full name", "Email address"]


def read_scores(folder):
    """{student: {"points", "max_points", "exercises": {exercise: (points, max)}}} of
    ``folder/scores.csv``, students in the order the grader wrote them."""
    path = Path(folder) / "scores.csv"
    if not path.is_file():
        raise ValueError(f"grades={folder} holds no scores.csv (is it a `make grade` folder?)")
    students = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            one = students.setdefault(row["student"], {"points": 0, "max_points": 0,
                                                       "exercises": {}, "rows": []})
            points, best = int(row["points"]), int(row["max_points"])
            one["points"] += points
            one["max_points"] += best
            one["exercises"][row["exercise"]] = (points, best)
            one["rows"].append(row)
    return students


def assignment_of(folder):
    """(name, title, canvas_id) of ``grades/<name>``, from instructor/assignments.toml."""
    from .assignments import load

    name = Path(folder).resolve().name
    found = load().get(name)
    return (name, found.title, found.canvas_id) if found else (name, name, None)


def _gather(grades, rosters, lms):
    """Per assignment: its (name, title, canvas_id), scores and roster."""
    gathered = []
    for folder in grades:
        name, title, canvas_id = assignment_of(folder)
        scores = read_scores(folder)
        path = Path(rosters) / f"{name}.roster.csv"
        roster = read_roster(path) if path.is_file() else None
        if lms and roster is None:
            raise ValueError(f"no roster {path} for grades={folder}: import the download "
                             f"with `python -m instructor.lms import {lms} ... --out "
                             f"{Path(rosters) / name}`")
        if lms:
            unknown = sorted(s for s in scores if s not in roster)
            other = sorted({r["lms"] for r in roster.values()} - {lms})
            if unknown or other:
                raise ValueError(f"{path}: students {unknown[:5]} are not in it, or it is "
                                 f"from {other} rather than {lms}")
        gathered.append(((name, title, canvas_id), scores, roster))
    return gathered


def _people(gathered, lms):
    """{key: (name, lms_id)}: Canvas's students by user id, Moodle's by name."""
    people = {}
    for _, scores, roster in gathered:
        for student in scores:
            row = roster[student]
            key = row["lms_id"] if lms == "canvas" else row["name"].casefold()
            people.setdefault(key, (row["name"], row["lms_id"], row.get("email", "")))
    return dict(sorted(people.items(), key=lambda item: item[1][0].casefold()))


def _emails(users):
    """{full name casefolded: email} from a Moodle grade export (plain text file)."""
    with open(users, newline="", encoding="utf-8-sig") as f:
        return {f"{r['First name']} {r['Last name']}".casefold(): r["Email address"]
                for r in csv.DictReader(f)}


def export(lms, grades, out, rosters, users=None):
    """Write ``out`` (the LMS's gradebook import) and its per-exercise sheet (and Moodle's
    grading worksheets); returns the lines to print."""
    gathered = _gather(grades, rosters, lms)
    people = _people(gathered, lms)
    emails = _emails(users) if users else {}
    out = Path(out)
    lines = []

    def identity(key, person):
        name, lms_id, email = person
        if lms == "canvas":
            return [name, lms_id, "", "", ""]
        return [name, email or emails.get(key, "")]

    def student_of(roster, key):
        for student, row in roster.items():
            if (row["lms_id"] if lms == "canvas" else row["name"].casefold()) == key:
                return student
        return None

    first = CANVAS_IDENTITY if lms == "canvas" else MOODLE_IDENTITY
    blank = [""] * (len(first) - 1)
    header, possible, rows = list(first), ["Points Possible", *blank], []
    for (_, title, canvas_id), scores, _ in gathered:
        header.append(f"{title} ({canvas_id})" if lms == "canvas" and canvas_id else title)
        possible.append(max((s["max_points"] for s in scores.values()), default=0))
    exercise_header, exercise_possible = list(first), ["Points Possible", *blank]
    columns = []
    for (name, title, _), scores, _ in gathered:
        for exercise, (_, best) in next(iter(scores.values()))["exercises"].items():
            columns.append((name, exercise))
            exercise_header.append(f"{title}: {exercise}")
            exercise_possible.append(best)
    exercise_rows = []
    for key, person in people.items():
        row, per_exercise = identity(key, person), identity(key, person)
        for (name, _, _), scores, roster in gathered:
            student = student_of(roster, key)
            row.append(scores[student]["points"] if student in scores else "")
            for column, exercise in columns:
                if column == name:
                    got = scores[student]["exercises"].get(exercise) if student in scores \
                        else None
                    per_exercise.append(got[0] if got else "")
        rows.append(row)
        exercise_rows.append(per_exercise)
    if lms == "canvas":
        rows, exercise_rows = [possible, *rows], [exercise_possible, *exercise_rows]
        missing = [title for (_, title, canvas_id), _, _ in gathered if not canvas_id]
        if missing:
            lines.append(f"Note: no canvas_id for {missing} in instructor/assignments.toml: "
                         "Canvas will create new assignments with these names")
    else:
        no_email = [r[0] for r in rows if not r[1]]
        if no_email:
            lines.append(f"Note: {len(no_email)} student(s) without an email ({no_email[:3]}"
                         "...): give --users (Moodle's grade export) or fill the rosters' "
                         "email column; Moodle's import skips them. The grading worksheets "
                         "need no email.")
    write_csv(out, header, rows)
    sheet = out.with_name(f"{out.stem}-exercises.csv")
    write_csv(sheet, exercise_header, exercise_rows)
    lines.append(f"{lms} import: {out} ({len(people)} students); per exercise: {sheet}")
    if lms == "moodle":
        lines += [_worksheet(out, *one) for one in gathered]
    return lines


def _worksheet(out, assignment, scores, roster):
    """Moodle's grading worksheet of one assignment; the line to print."""
    name, _, _ = assignment
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
    rows = []
    for student, row in roster.items():
        if student in scores:
            got = scores[student]
            comments = "; ".join(f"{e}: {p}/{b}" for e, (p, b) in got["exercises"].items())
            rows.append([f"Participant {row['lms_id']}", row["name"], got["points"],
                         got["max_points"], stamp, comments])
    path = out.with_name(f"{out.stem}-{name}-worksheet.csv")
    write_csv(path, ["Identifier", "Full name", "Grade", "Maximum Grade",
                     "Last modified (grade)", "Feedback comments"], rows)
    return f"moodle grading worksheet of {name}: {path}"


def gradebook(grades, out, rosters):
    """``out``: a row per student, a column per assignment (its points, empty when not handed
    in), the total and the maximum; the first row gives each maximum. A student is the same
    across assignments by LMS id (Canvas) or name (Moodle) where a roster names them, by the
    grader's name otherwise. Returns the line to print."""
    gathered = _gather(grades, rosters, None)
    book, maxima = {}, []
    for (name, _, _), scores, roster in gathered:
        maxima.append(max((s["max_points"] for s in scores.values()), default=0))
        for student, got in scores.items():
            row = (roster or {}).get(student)
            if row is None:
                key, who = ("", student.casefold()), (student, "", "")
            else:
                same = row["lms_id"] if row["lms"] == "canvas" else row["name"].casefold()
                key, who = (row["lms"], same), (row["name"], row["lms"], row["lms_id"])
            book.setdefault(key, {"who": who, "points": {}})["points"][name] = got["points"]
    names = [name for (name, _, _), _, _ in gathered]
    titles = [title for (_, title, _), _, _ in gathered]
    rows = [["max points", "", "", *maxima, sum(maxima), sum(maxima)]]
    for entry in sorted(book.values(), key=lambda e: e["who"][0].casefold()):
        points = [entry["points"].get(n, "") for n in names]
        rows.append([*entry["who"], *points, sum(p for p in points if p != ""), sum(maxima)])
    write_csv(Path(out), ["student", "lms", "lms_id", *titles, "total", "max_points"], rows)
    return f"gradebook of {len(names)} assignment(s), {len(book)} student(s): {out}"
