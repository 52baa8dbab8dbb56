"""Finding each student's notebooks, whatever way they were handed in, within fixed limits.

Accepted layouts of the submissions folder ``DIR``:

- ``DIR/<student>/*.ipynb`` (one folder per student);
- nbgrader's ``DIR/submitted/<student>/<assignment>/*.ipynb`` (or ``DIR`` being ``submitted``);
- notebooks further down a student's folder, or inside a ``.zip`` (``DIR/<student>.zip`` or
  a zip in the student's folder), with a note (once per notebook);
- a renamed copy such as ``02_random_initialization (1).ipynb`` or ``... -Copy1.ipynb``,
  with a note;
- a file the instructor maps to a course notebook (``renames``, ``make grade
  RENAME=03_he_initialization_gustav.ipynb=03_he_initialization.ipynb``), with a note.

Every ``.ipynb`` file that matches no course notebook is listed as unrecognised.

Nothing is unpacked or parsed before its size is known to be within limits: the files looked
at in a student's folder (below), a notebook's bytes and cells (``instructor.reading``, which
reads it into plain cells), a zip's entries and what is read out of it (``instructor.zips``).
Names are shown as safe text, and each student gets a distinct, safe folder name.
"""

import hashlib
import itertools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import zips
from .reading import MAX_NOTEBOOK_BYTES, megabytes, read_notebook
from .safe_text import name_text, safe_text

MAX_FILES = 5000  # files and folders looked at in one student's folder


@dataclass(frozen=True)
class Handed:
    """One notebook a student handed in: where it was found, and its cells (or why not)."""

    location: str  # shown to the instructor, relative to DIR (safe text)
    notebook: dict | None  # a plain nbformat-4 notebook, None when it could not be read
    note: str = ""  # why this file was taken for the course notebook, when not obvious
    depth: int = 0
    exact: bool = True
    problem: str = ""  # why it could not be read ("" when it was)


@dataclass
class Student:
    name: str  # as handed in, as safe text (bytes that are not UTF-8 shown as \xff)
    folder: str = ""  # a distinct, safe folder name for the student's feedback
    notebooks: dict = field(default_factory=dict)  # course notebook name -> Handed


def _stem(name):
    """A file name without the marks of copies: ' (1)', '-Copy1', ' copy', case."""
    stem = name[:-len(".ipynb")] if name.lower().endswith(".ipynb") else name
    stem = re.sub(r"(\s*\(\d+\)|-?\s*copy\d*)+$", "", stem.strip(), flags=re.I)
    return stem.strip().lower()


# ---------------------------------------------------------------- where notebooks are found

def _walk(student_dir):
    """The notebook and zip files of a student's folder (no links), at most MAX_FILES looked
    at; and a note when the folder held more."""
    found, seen, stack = [], 0, [student_dir]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(itertools.islice(listing, MAX_FILES + 1 - seen),
                                 key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            seen += 1
            if seen > MAX_FILES:
                return found, f"only the first {MAX_FILES} files were looked at"
            if entry.is_symlink() or entry.name in (".ipynb_checkpoints", "__MACOSX"):
                continue
            if entry.is_dir():
                stack.append(entry.path)
            elif entry.is_file() and entry.name.lower().endswith((".ipynb", ".zip")):
                found.append(Path(entry.path))
    return sorted(found), ""


def _candidates(entry, wanted, budget):
    """(location, depth, file name, bytes or None, problem) for one student's notebooks."""
    paths, note = _walk(entry) if entry.is_dir() else ([entry], "")
    if note:
        yield entry.name, 0, "", None, note
    for path in paths:
        relative = path.relative_to(entry) if entry.is_dir() else Path(path.name)
        if path.suffix.lower() == ".ipynb":
            if not wanted(path.name):
                yield str(relative), 0, path.name, None, "no course notebook"
                continue
            size = path.stat().st_size
            if size > MAX_NOTEBOOK_BYTES:
                yield (str(relative), len(relative.parts) - 1, path.name, None,
                       f"too large: {megabytes(size)} (at most {megabytes(MAX_NOTEBOOK_BYTES)})")
                continue
            yield str(relative), len(relative.parts) - 1, path.name, path.read_bytes(), ""
            continue
        try:
            members = zips.members(path, wanted, budget)
        except Exception as error:  # noqa: BLE001 - zlib.error, BadZipFile, anything
            members = [("", None, f"not a readable zip ({type(error).__name__})")]
        for inner, data, problem in members:
            where = f"{relative}:{inner}" if inner else str(relative)
            yield where, 9, inner.rsplit("/", 1)[-1] if inner else path.name, data, problem


# ---------------------------------------------------------------- names

_GENERATED = re.compile(r"-[0-9a-f]{8,}$", re.I)  # how a generated folder name ends


def folder_names(raw_names):
    """{raw name: folder name}: distinct, safe names (letters and digits of any script, ``.``,
    ``_``, ``-``); a name that had to change, or that would clash without it (Zoë and Zoe as
    Windows sees them, Alice and alice), gets a short hash of its original bytes. A name
    that ends as a generated one does (``-`` and 8 hex digits) gets one too, so a student
    cannot name a folder after a classmate's generated one."""
    folders, taken = {}, set()
    for raw in sorted(raw_names):
        shown = unicodedata.normalize("NFC", name_text(raw))
        slug = "".join(c if c.isalnum() or c in "._-" else "_" for c in shown)
        slug = slug.strip("._")[:60] or "student"
        if slug != raw or slug.casefold() in taken or _GENERATED.search(slug):
            digest, size = hashlib.sha256(os.fsencode(raw)).hexdigest(), 8
            while f"{slug[:50]}-{digest[:size]}".casefold() in taken:
                size += 2
            slug = f"{slug[:50]}-{digest[:size]}"
        taken.add(slug.casefold())
        folders[raw] = slug
    return folders


NBGRADER_NAMES = {"source", "release", "submitted", "autograded", "feedback", "gradebook.db",
                  "nbgrader_config.py", "inbound", "outbound"}


def _class_root(folder):
    """``folder``, or its ``submitted`` folder when ``folder`` is nbgrader's course folder:
    one that holds nothing but nbgrader's own names. A student's folder called ``submitted``
    beside classmates is a student, never the class."""
    if folder.name != "submitted" and (folder / "submitted").is_dir() and not (
            folder / "submitted").is_symlink():
        entries = [e.name for e in folder.iterdir() if not e.name.startswith(".")]
        if all(name in NBGRADER_NAMES for name in entries):
            return folder / "submitted"
    return folder


def find(folder, course_names, renames=None):
    """Students with their notebooks, and the list of unrecognised notebook files.

    ``renames`` maps a handed-in file name, lower case, to the course notebook it stands for
    (``instructor.lms.parse_renames``); a file of the course's own name is preferred to it.
    """
    folder = _class_root(Path(folder))
    by_stem = {_stem(name): name for name in course_names}
    renames = {old: new for old, new in (renames or {}).items() if new in course_names}

    def course_name(file_name):
        if file_name in course_names:
            return file_name
        return renames.get(file_name.lower()) or by_stem.get(_stem(file_name))

    students, unrecognised = {}, []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.is_symlink():
            continue
        shown = name_text(entry.name)
        if entry.is_file() and entry.suffix == ".ipynb":
            unrecognised.append(f"{shown} (not in a student's folder)")
            continue
        if not (entry.is_dir() or (entry.is_file() and entry.suffix.lower() == ".zip")):
            continue
        raw = entry.name if entry.is_dir() else entry.name[:-len(entry.suffix)]
        student = students.setdefault(raw, Student(name_text(raw)))
        try:
            _add_notebooks(student, entry, folder, course_name, unrecognised)
        except Exception as error:  # noqa: BLE001 - one hand-in is one fault domain
            problem = f"not read: the grader failed on it ({type(error).__name__})"
            for course in course_names:
                if course not in student.notebooks:
                    student.notebooks[course] = Handed(name_text(entry.name), None,
                                                       problem=problem)
    folders = folder_names(students)
    shown_names = [s.name for s in students.values()]
    for raw, student in students.items():
        student.folder = folders[raw]
        if shown_names.count(student.name) > 1:  # two raw names that read the same
            student.name = f"{student.name} [{student.folder}]"
    return sorted(students.values(), key=lambda s: s.folder), unrecognised


def _add_notebooks(student, entry, folder, course_name, unrecognised):
    """Add the course notebooks found in ``entry`` (a folder or a zip) to ``student``."""
    budget = zips.Budget()
    candidates = _candidates(entry, lambda n: course_name(n) is not None, budget)
    for location, depth, file_name, content, problem in candidates:
        where = name_text(f"{entry.name}/{location}" if entry.is_dir() else location)
        course = course_name(file_name) if file_name else None
        if course is None:
            unrecognised.append(f"{where} ({safe_text(problem, one_line=True)})")
            continue
        notebook = None
        if content is not None:
            notebook, problem = read_notebook(content)
        exact = file_name == course
        notes = [] if exact else [f"taken from {name_text(file_name)!r}"]
        nested = depth > (1 if folder.name == "submitted" else 0)
        if nested or ":" in location:
            notes.append(f"found at {where}")
        handed = Handed(where, notebook, "; ".join(notes), depth, exact, problem)
        earlier = student.notebooks.get(course)
        rank = (not handed.problem, handed.exact, -handed.depth)
        if earlier is None or rank > (not earlier.problem, earlier.exact, -earlier.depth):
            if earlier is not None:
                unrecognised.append(f"{earlier.location} (another copy was graded)")
            student.notebooks[course] = handed
        else:
            unrecognised.append(f"{where} (another copy was graded)")
