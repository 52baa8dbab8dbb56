"""Feedback returned: one self-contained HTML page per student and assignment, to upload.

    python -m instructor.feedback_html grades/week1 --out returned/week1 [--title "Week 1"]
                                       [--roster submissions/week1.roster.csv]

Reads only what the grader wrote for the student: their rows of ``scores.csv`` (points and
reasons, which never give a further case's inputs) and their feedback notebooks
``feedback/<folder>/<notebook>`` (their own cells with the grader's comments). The page says
the points, what passed, what to fix and why, then shows each notebook as returned. Every text
is escaped (a student's cell cannot add markup); no script, no file from elsewhere.

With the roster of a Moodle import, ``returned/week1/moodle-feedback.zip`` holds the pages
named as Moodle's download named the hand-ins (``Full Name_PARTICIPANTID_assignsubmission_
file_feedback.html``), which the assignment's "Upload multiple feedback files in a zip" files
under each student.
"""

import argparse
import csv
import html
import os
import sys
import zipfile
from pathlib import Path

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; background: #fff; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #888; padding: .4rem .6rem; text-align: left; vertical-align: top; }
.passed { color: #1b5e20; font-weight: bold; }
.fix { color: #8a1c1c; font-weight: bold; }
pre { background: #f4f4f4; border-left: 4px solid #555; padding: .6rem; overflow-x: auto;
      white-space: pre-wrap; }
.text { white-space: pre-wrap; margin: .6rem 0; }
"""


def _e(text):
    return html.escape("" if text is None else str(text), quote=True)


def student_rows(grades):
    """{student: [row of scores.csv, ...]} in the grader's order."""
    path = Path(grades) / "scores.csv"
    if not path.is_file():
        raise ValueError(f"grades={grades} holds no scores.csv (is it a `make grade` folder?)")
    rows = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.setdefault(row["student"], []).append(row)
    return rows


def _notebook_html(path):
    """A feedback notebook's cells: code as code, text as escaped text."""
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as error:  # a page is still written, without this notebook
        return f"<p>(this notebook could not be shown: {_e(type(error).__name__)})</p>"
    parts = []
    for cell in nb.cells:
        text = cell.get("source", "")
        text = "".join(text) if isinstance(text, list) else str(text)
        if not text.strip():
            continue
        if cell.get("cell_type") == "code":
            parts.append(f"<pre><code>{_e(text)}</code></pre>")
        else:
            parts.append(f'<div class="text">{_e(text)}</div>')
    return "\n".join(parts)


def page(title, student, rows, feedback_folder):
    """The HTML page of one student: points, each exercise passed or to fix, the notebooks."""
    got = sum(int(r["points"]) for r in rows)
    best = sum(int(r["max_points"]) for r in rows)
    table = []
    for r in rows:
        passed = int(r["points"]) == int(r["max_points"])
        mark = '<span class="passed">passed</span>' if passed else \
            '<span class="fix">to fix</span>'
        table.append(f"<tr><td>{_e(r['exercise'])}</td><td>{_e(r['notebook'])}</td>"
                     f"<td>{mark}</td><td>{_e(r['points'])} / {_e(r['max_points'])}</td>"
                     f"<td>{_e(r['reason'])}</td></tr>")
    to_fix = [r for r in rows if int(r["points"]) < int(r["max_points"])]
    summary = ("Every exercise passed." if not to_fix else
               f"{len(to_fix)} exercise(s) to fix: " + ", ".join(_e(r["exercise"])
                                                                for r in to_fix) + ".")
    notebooks = []
    for name in dict.fromkeys(r["notebook"] for r in rows):
        path = Path(feedback_folder) / name
        body = _notebook_html(path) if path.is_file() else "<p>(not handed in)</p>"
        notebooks.append(f"<details><summary>{_e(name)}: your cells, with the grader's "
                         f"comments</summary>\n{body}\n</details>")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}: feedback for {_e(student)}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>{_e(title)}: feedback</h1>
<p>For <strong>{_e(student)}</strong>: <strong>{got} / {best} points</strong>. {summary}</p>
<table>
<caption>Each exercise: the points and what the grader found</caption>
<thead><tr><th scope="col">exercise</th><th scope="col">notebook</th><th scope="col">result</th>
<th scope="col">points</th><th scope="col">what the grader found</th></tr></thead>
<tbody>
{chr(10).join(table)}
</tbody>
</table>
<h2>Your notebooks</h2>
{chr(10).join(notebooks)}
</main>
</body>
</html>
"""


def moodle_zip(pages, roster, out):
    """``out/moodle-feedback.zip``: each page under the name Moodle's feedback upload matches
    (the participant id of the roster); returns its path, or None for another LMS's roster
    (Canvas has no upload of feedback files in bulk: its pages are returned one by one)."""
    from .lms import read_roster

    people = read_roster(roster)
    if {row["lms"] for row in people.values()} != {"moodle"}:
        return None
    path = Path(out) / "moodle-feedback.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for student, page in pages.items():
            row = people.get(student)
            if row is not None:
                name = row["name"].lstrip("'").replace("_", " ").replace("/", " ")
                z.write(page, f"{name}_{row['lms_id']}_assignsubmission_file_feedback.html")
    return path


def write_pages(grades, out, title=None):
    """``out/<feedback folder>.html`` for each student of ``grades``; returns {student: path}."""
    from .lms_grades import assignment_of

    grades, out = Path(grades), Path(out)
    title = title or assignment_of(grades)[1]  # the title in assignments.toml, or the name
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for student, rows in student_rows(grades).items():
        folder = rows[0]["feedback_folder"]
        if not folder or Path(folder).name != folder or folder.startswith("."):
            raise ValueError(f"scores.csv: feedback_folder={folder!r} of {student!r} is not a "
                             "plain folder name")
        path = out / f"{folder}.html"
        partial = out / f".{folder}.html.partial-{os.getpid()}"
        partial.write_text(page(title, student, rows, grades / "feedback" / folder),
                           encoding="utf-8")
        partial.replace(path)
        written[student] = path
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("grades", type=Path, help="a `make grade` folder, grades/<assignment>")
    parser.add_argument("--out", type=Path, required=True, help="where the pages go")
    parser.add_argument("--title", help="the assignment's title (default: its title in "
                        "instructor/assignments.toml, else its folder's name)")
    parser.add_argument("--roster", type=Path, help="a Moodle import's roster: also write the "
                        "zip that Moodle's feedback upload reads")
    args = parser.parse_args(argv)
    try:
        written = write_pages(args.grades, args.out, args.title)
        bundle = moodle_zip(written, args.roster, args.out) if args.roster else None
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{len(written)} feedback page(s) in {args.out}")
    if bundle:
        print(f"For Moodle's \"Upload multiple feedback files in a zip\": {bundle}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
