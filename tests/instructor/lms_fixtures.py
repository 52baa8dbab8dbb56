"""Bulk downloads laid out exactly as Canvas and Moodle write them, and grader-style results.

Canvas's "Download Submissions" zip: flat files ``lastnamefirstname[_LATE]_USERID_ATTACHMENTID_
name``, a file handed in again renamed ``name-1.ipynb``. Moodle's "Download all submissions"
zip: ``Full Name_PARTICIPANTID_assignsubmission_file_/name`` (files in a folder per student),
or flat ``Full Name_PARTICIPANTID_assignsubmission_file_name`` when folders are off.
"""

import csv
import zipfile

import nbformat
from grading_helpers import NB01, ROOT

from instructor.synthetic import submission
from tools.notebook_format import grade_id

SCORES_HEADER = ["student", "notebook", "exercise", "grade_id", "points", "max_points",
                 "reason", "flagged", "feedback_folder"]


RELEASED = {}  # the student copy of notebook 01 to answer in, when a test released one


def notebook_bytes(answers):
    """A student's copy of notebook 01 with ``answers`` (grade_id -> source), as bytes: the
    released copy in ``RELEASED["path"]`` when there is one, else one made as nbgrader does."""
    if "path" not in RELEASED:
        return nbformat.writes(submission(ROOT / "notebooks" / NB01, answers)).encode()
    nb = nbformat.read(RELEASED["path"], as_version=4)
    for cell in nb.cells:
        if grade_id(cell) in answers:
            cell.source = answers[grade_id(cell)]
    return nbformat.writes(nb).encode()


def write_zip(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


def canvas_download(path, right, wrong):
    """Bob handed in late, then again (the newest is right); Lane on time; two Kims share a
    name; a screenshot and Canvas's text-entry page are not notebooks."""
    return write_zip(path, {
        f"smithbob_LATE_340934_208490284_{NB01}": notebook_bytes(wrong),
        f"smithbob_LATE_340934_208490311_{NB01[:-6]}-1.ipynb": notebook_bytes(right),
        f"wellslane_334244_394803489_{NB01}": notebook_bytes(wrong),
        "wellslane_334244_394803489_screenshot.png": b"\x89PNG",
        f"kimjo_500001_600001_{NB01}": notebook_bytes(right),
        f"kimjo_500002_600002_{NB01}": notebook_bytes({}),
        "parkann_500003_text.html": b"<p>see attached</p>",
    })


def moodle_download(path, right, wrong):
    """Alice and Bob (in a subfolder of his), a flat file from Dan, an online-text answer,
    and a name that a spreadsheet would take for a formula."""
    return write_zip(path, {
        f"Alice Smith_123459_assignsubmission_file_/{NB01}": notebook_bytes(right),
        f"Bob Jones_123460_assignsubmission_file_/work/{NB01[:-6]} (1).ipynb":
            notebook_bytes(wrong),
        "Carol Doe_123461_assignsubmission_onlinetext_/onlinetext.html": b"<p>hi</p>",
        f"Dan Roe_123462_assignsubmission_file_{NB01}": notebook_bytes(right),
        f"=HYPERLINK(1) Eve_123463_assignsubmission_file_/{NB01}": notebook_bytes({}),
    })


def grades_folder(folder, rows):
    """A `make grade` folder's scores.csv: rows (student, exercise, points, max, reason)."""
    folder.mkdir(parents=True)
    with open(folder / "scores.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(SCORES_HEADER)
        for student, exercise, points, best, reason in rows:
            writer.writerow([student, NB01, exercise, f"ex{exercise[-3]}_{exercise[-1]}_check",
                             points, best, reason, "", student])
    return folder
