"""``make exercise-data``: the visible cases of every exercise, with the data a right answer
gives on them, written from the instructor's reference answers into the student's package.

    python -m instructor.exercise_data           # writes initlib/exercises/exN_M_<function>.json
    python -m instructor.exercise_data --check   # exit 1 when a file is not what it would write

The files are the only way the references reach students: results on the visible cases, as
data. A test (``tests/unit/test_exercise_data.py``) holds them equal to what the references
compute, so a changed reference or visible case needs this command run again.
"""

import argparse
import json
import sys

from instructor.exercises import EXERCISES


def visible_data(exercise):
    """The text of ``exercise``'s data file: its visible cases, each with its expected data."""
    cases = [exercise.with_expected(case) for case in exercise.visible]
    return json.dumps(cases, indent=1, allow_nan=False) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a file is not what it would be")
    args = parser.parse_args(argv)
    stale = []
    for exercise in EXERCISES.values():
        path = exercise.student.data
        text = visible_data(exercise)
        if path.exists() and path.read_text() == text:
            continue
        stale.append(path.name)
        if not args.check:
            path.write_text(text)
    verb = "differ from the references' results" if args.check else "written"
    print(f"{len(stale)} data files {verb}{': ' if stale else ''}{', '.join(stale)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
