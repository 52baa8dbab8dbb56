"""Canvas's and Moodle's bulk downloads, read as those systems write them, within limits.

Canvas ("Download Submissions"): one flat folder or zip, a file per submitted file, named
``lastnamefirstname_USERID_ATTACHMENTID_file.ipynb``, with ``_LATE_`` before the user id for a
late hand-in; a file handed in again keeps its name with ``-1``, ``-2`` added by Canvas
(``file-1.ipynb``). For each student and file the newest counts: the highest attachment id
(Canvas numbers attachments in the order they were uploaded), then the highest suffix.

Moodle ("Download all submissions"): a folder per student,
``Full Name_PARTICIPANTID_assignsubmission_file_/file.ipynb`` (or, with "download submissions in
folders" off, flat files ``Full Name_PARTICIPANTID_assignsubmission_file_file.ipynb``). Moodle
keeps the latest submission only and writes no late flag. The participant id is the
assignment's own number for the student (its grading worksheet calls it "Participant N").

The submitted files are hostile input: names are taken apart, never used as paths; a member
is read in bounded steps, never more than its limit, whatever the zip's headers say.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_FILES = 50_000  # files of one download
MAX_FILE_BYTES = 64 << 20  # one submitted file (a notebook, or a zip of notebooks)
MAX_TOTAL_BYTES = 4 << 30  # everything read from one download
KEPT = (".ipynb", ".zip")  # what the grader reads; other files are listed as skipped

CANVAS = re.compile(r"(?P<key>[^_/\\]+)_(?:(?P<late>LATE)_)?(?P<id>\d+)_(?P<attachment>\d+)_"
                    r"(?P<file>[^/\\]+)")
RESUBMITTED = re.compile(r"(?P<stem>.+?)-(?P<copy>\d+)(?P<suffix>\.[A-Za-z]+)")
MOODLE = re.compile(r"(?P<name>.+)_(?P<id>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>.*)")


@dataclass(frozen=True)
class Handin:
    """One file a student handed in: who (the LMS's id and name), the late flag, the file's
    name as the course's grader should see it, and its bytes."""

    lms_id: str
    name: str
    late: bool
    file: str
    data: bytes
    order: tuple = ()  # larger is newer (Canvas: attachment id, copy number)


def _entries(download):
    """(relative name, reader) of every file of a folder or zip, within the limits."""
    path = Path(download)
    if path.is_dir():
        files = [p for p in sorted(path.rglob("*")) if p.is_file() and not p.is_symlink()]
        if len(files) > MAX_FILES:
            raise ValueError(f"download={path} holds {len(files)} files; at most {MAX_FILES}")
        for p in files:
            def read(p=p):
                with open(p, "rb") as f:
                    return f.read(MAX_FILE_BYTES + 1)
            yield p.relative_to(path).as_posix(), read
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            members = [m for m in z.infolist() if not m.is_dir()]
            if len(members) > MAX_FILES:
                raise ValueError(f"download={path} holds {len(members)} entries; at most "
                                 f"{MAX_FILES}")
            for m in members:
                def read(m=m):
                    with z.open(m) as f:
                        return f.read(MAX_FILE_BYTES + 1)
                yield m.filename, read
    else:
        raise ValueError(f"download={path} must be the folder or the .zip the LMS wrote")


def _read_all(download, parse):
    """The hand-ins ``parse(name)`` recognises (and reads), and the names it skipped."""
    handins, skipped, total = [], [], 0
    for name, read in _entries(download):
        found = parse(name)
        if found is None or not found["file"].lower().endswith(KEPT):
            skipped.append(name)
            continue
        data = read()
        total += len(data)
        if len(data) > MAX_FILE_BYTES:
            skipped.append(f"{name} (over {MAX_FILE_BYTES} bytes)")
            continue
        if total > MAX_TOTAL_BYTES:
            raise ValueError(f"download={download} holds over {MAX_TOTAL_BYTES >> 30} GB")
        handins.append(Handin(data=data, **found))
    return handins, skipped


def _canvas(name):
    match = CANVAS.fullmatch(name.rsplit("/", 1)[-1])
    if match is None:
        return None
    file, copy = match["file"], 0
    again = RESUBMITTED.fullmatch(file)
    if again:
        file, copy = again["stem"] + again["suffix"], int(again["copy"])
    return {"lms_id": match["id"], "name": match["key"], "late": bool(match["late"]),
            "file": file, "order": (int(match["attachment"]), copy)}


def _moodle(name):
    first, _, rest = name.partition("/")
    match = MOODLE.fullmatch(first)
    if match is None or match["plugin"] != "file":
        return None
    file = match["file"] if not rest else rest.rsplit("/", 1)[-1]
    if not file or match["file"] and rest:
        return None
    return {"lms_id": match["id"], "name": match["name"], "late": False, "file": file}


def read_download(lms, download):
    """Each student's newest hand-in of each file, and the names skipped.

    Returns ``({lms_id: [Handin, ...]}, skipped)``. Raises ValueError for an unknown ``lms``
    or a download over the limits.
    """
    parsers = {"canvas": _canvas, "moodle": _moodle}
    if lms not in parsers:
        raise ValueError(f"lms={lms!r} must be one of {sorted(parsers)}")
    handins, skipped = _read_all(download, parsers[lms])
    newest = {}
    for h in handins:
        key = (h.lms_id, h.file.lower())
        if key not in newest or h.order > newest[key].order:
            newest[key] = h
    by_student = {}
    for (lms_id, _), h in sorted(newest.items()):
        by_student.setdefault(lms_id, []).append(h)
    return by_student, skipped


def folder_name(name):
    """A safe folder name from an LMS's name for a student: letters, digits, spaces and
    ``.-_'`` kept (any script), everything else ``_``; it starts with a letter or digit (not a
    dot, nor what a spreadsheet or a command line reads as a formula or an option); at most
    60 characters."""
    text = unicodedata.normalize("NFC", name)
    text = "".join(ch if ch.isalnum() or ch in " .-_'" else "_" for ch in text)
    text = re.sub(r"\s+", " ", text).lstrip(" ._-'")[:60].rstrip(" ._")
    return text or "student"


def student_folders(by_student):
    """{lms_id: folder}: each student's name made safe, with ``_<id>`` when two share it."""
    names = {i: folder_name(hs[0].name) for i, hs in by_student.items()}
    taken = [n.lower() for n in names.values()]
    return {i: n if taken.count(n.lower()) == 1 else f"{n}_{i}" for i, n in names.items()}
