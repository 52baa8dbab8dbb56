"""The LMS round trip: Canvas's or Moodle's bulk download in, their grade imports out.

    python -m instructor.lms import canvas DOWNLOAD --out submissions/week1 [--force]
    python -m instructor.lms import moodle DOWNLOAD --out submissions/week1
    python -m instructor.lms export canvas grades/week1 [grades/week2 ...] --out upload.csv
    python -m instructor.lms export moodle grades/week1 ... --out upload.csv [--users FILE]
    python -m instructor.lms gradebook grades/*/ --out gradebook.csv
    python -m instructor.lms roster canvas GRADEBOOK_EXPORT.csv --students submitted \
        --out submissions/week1.roster.csv [--match "SIS Login ID"]

``import`` writes one folder per student (what ``make grade`` reads) and, beside it, the
roster ``submissions/week1.roster.csv``: each student's folder, the LMS and its id, the name
the LMS gave, the late flag, the files kept. ``export`` reads each ``grades/<assignment>/``
(the assignment is the folder's name) with its roster ``--rosters/<assignment>.roster.csv``
(default ``submissions/``) and writes the LMS's import file and a per-exercise sheet
(``lms_grades``). Every cell written is formula-safe.
"""

import argparse
import csv
import os
import re
import shutil
import sys
from dataclasses import replace
from pathlib import Path

from tools.notebook_format import ROOT

from .lms_downloads import read_download, student_folders

ROSTER_COLUMNS = ["folder", "lms", "lms_id", "name", "late", "files", "email"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """``value`` as text a spreadsheet shows as text: a leading apostrophe when it begins with
    ``= + - @``, a tab or a carriage return (which would start a formula)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def write_csv(path, header, rows):
    """A UTF-8 CSV, every cell formula-safe, written whole or not at all."""
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    with open(partial, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([formula_safe(v) for v in header])
        writer.writerows([formula_safe(v) for v in row] for row in rows)
    partial.replace(path)


def roster_path(submissions):
    """Where the roster of ``submissions/<assignment>`` lives: beside it."""
    submissions = Path(submissions)
    return submissions.with_name(f"{submissions.name}.roster.csv")


def read_roster(path):
    """{folder: row} of a roster written by ``import``."""
    with open(path, newline="", encoding="utf-8") as f:
        return {row["folder"]: row for row in csv.DictReader(f)}


def parse_renames(pairs):
    """{old file name, lower case: new file name} from ``["old.ipynb=new.ipynb", ...]``."""
    renames = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip().endswith(".ipynb") or "/" in new:
            raise ValueError(f"--rename {pair!r} must be OLD=NEW, NEW a notebook's file name "
                             "(03_he_initialization_gustav.ipynb=03_he_initialization.ipynb)")
        renames[old.strip().lower()] = new.strip()
    return renames


def unmatched(submissions, notebooks):
    """The notebook files in ``submissions/<student>/`` named after none of ``notebooks``
    (nor a copy of one, ``name (1).ipynb``)."""
    stems = {n.lower()[:-len(".ipynb")] for n in notebooks}
    copy = re.compile(r"(\s*\(\d+\)|-?\s*copy\d*)+$", re.I)
    return sorted({p.name for p in Path(submissions).glob("*/*.ipynb")
                   if copy.sub("", p.name[:-len(".ipynb")].strip()).lower() not in stems})


def import_download(lms, download, out, force=False, renames=None):
    """The download as ``out/<student>/<file>`` and its roster; returns (roster rows, skipped).

    ``renames`` maps a handed-in file name (lower case) to the course notebook's name it
    stands for. Refuses to replace an earlier ``out`` unless ``force``; writes into a
    temporary folder moved into place at the end, so a failure leaves the earlier one as it
    was.
    """
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not force:
        raise SystemExit(f"{out} already holds submissions; use --force to replace them")
    by_student, skipped = read_download(lms, download)
    renames = renames or {}
    for lms_id, handins in by_student.items():  # a renamed file never hides a named one
        kept = {h.file.lower(): h for h in handins}
        for h in handins:
            new = renames.get(h.file.lower())
            if new and new.lower() not in kept:
                kept[new.lower()] = replace(h, file=new)
                del kept[h.file.lower()]
        by_student[lms_id] = list(kept.values())
    if not by_student:
        raise SystemExit(f"no {lms} submission in {download} (skipped: {skipped[:5]}...); is it "
                         f"{lms}'s download, as {lms} wrote it?")
    folders = student_folders(by_student)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = out.parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    rows = []
    try:
        for lms_id, handins in by_student.items():
            folder = work / folders[lms_id]
            folder.mkdir(parents=True)
            for h in handins:
                (folder / h.file).write_bytes(h.data)
            rows.append([folders[lms_id], lms, lms_id, handins[0].name,
                         "yes" if any(h.late for h in handins) else "",
                         " ".join(h.file for h in handins), ""])
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        if out.exists():
            out.rename(old)
        work.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows.sort(key=lambda row: row[0].lower())
    write_csv(roster_path(out), ROSTER_COLUMNS, rows)
    return rows, skipped


def canvas_roster(export, students, out, match="SIS Login ID"):
    """A roster for students named otherwise than by a Canvas download (nbgrader's
    ``submitted/<student>/``): each student folder of ``students`` is the Canvas student whose
    ``match`` column, in Canvas's gradebook export ``export``, holds the folder's name.
    Returns the folders no row matched (they get no row)."""
    with open(export, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        if match not in (reader.fieldnames or []) or "ID" not in reader.fieldnames:
            raise ValueError(f"export={export} has no column {match!r} (or 'ID'): is it "
                             f"Canvas's gradebook export? Columns: {reader.fieldnames}")
        people = {r[match].strip(): r for r in reader if r["ID"].strip().isdigit()}
    folders = sorted(p.name for p in Path(students).iterdir() if p.is_dir())
    rows = [[f, "canvas", people[f]["ID"].strip(), people[f]["Student"], "", "", ""]
            for f in folders if f in people]
    write_csv(Path(out), ROSTER_COLUMNS, rows)
    return [f for f in folders if f not in people]


def main(argv=None):
    from . import lms_grades

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    given = verbs.add_parser("import", help="a bulk download into one folder per student")
    given.add_argument("lms", choices=["canvas", "moodle"])
    given.add_argument("download", type=Path, help="the folder or .zip the LMS wrote")
    given.add_argument("--out", type=Path, required=True, help="submissions/<assignment>")
    given.add_argument("--force", action="store_true", help="replace an earlier import")
    given.add_argument("--rename", action="append", default=[], metavar="OLD=NEW",
                       help="a handed-in file that stands for a course notebook, e.g. "
                            "03_he_initialization_gustav.ipynb=03_he_initialization.ipynb")
    export = verbs.add_parser("export", help="the LMS's grade import file")
    export.add_argument("lms", choices=["canvas", "moodle"])
    export.add_argument("grades", type=Path, nargs="+", help="grades/<assignment> folders")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--rosters", type=Path, default=ROOT / "submissions",
                        help="where <assignment>.roster.csv are (default submissions/)")
    export.add_argument("--users", type=Path, help="Moodle: a grade export (plain text) with "
                        "'First name', 'Last name' and 'Email address', to find the emails")
    book = verbs.add_parser("gradebook", help="every assignment's points, a row per student")
    book.add_argument("grades", type=Path, nargs="+", help="grades/<assignment> folders")
    book.add_argument("--out", type=Path, required=True)
    book.add_argument("--rosters", type=Path, default=ROOT / "submissions")
    roster = verbs.add_parser("roster", help="a roster from Canvas's gradebook export, for "
                              "students named by their login (nbgrader's submitted/)")
    roster.add_argument("lms", choices=["canvas"])
    roster.add_argument("export", type=Path, help="Canvas's gradebook export (CSV)")
    roster.add_argument("--students", type=Path, required=True, help="e.g. submitted/")
    roster.add_argument("--out", type=Path, required=True, help="submissions/<a>.roster.csv")
    roster.add_argument("--match", default="SIS Login ID",
                        help="the export's column that holds the folder names")
    args = parser.parse_args(argv)
    try:
        if args.verb == "roster":
            missing = canvas_roster(args.export, args.students, args.out, args.match)
            print(f"roster written to {args.out}" + (f"; no Canvas student for {missing}"
                                                     if missing else ""))
        elif args.verb == "import":
            rows, skipped = import_download(args.lms, args.download, args.out, args.force,
                                            parse_renames(args.rename))
            late = sum(1 for row in rows if row[4])
            print(f"{len(rows)} student(s) in {args.out} ({late} late), roster in "
                  f"{roster_path(args.out)}")
            for name in skipped:
                print(f"  skipped (not a notebook or zip of {args.lms}'s naming): {name}")
            from .assignments import load

            known = load().get(args.out.name)
            for name in unmatched(args.out, known.notebooks) if known else []:
                print(f"  {name} is no notebook of {known.name}: if it stands for one, import "
                      f"again with --force --rename \"{name}=<notebook>.ipynb\"")
        elif args.verb == "export":
            for line in lms_grades.export(args.lms, args.grades, args.out, args.rosters,
                                          args.users):
                print(line)
        else:
            print(lms_grades.gradebook(args.grades, args.out, args.rosters))
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
