"""Finding each student's notebooks, whatever way they were handed in, within fixed limits.

Accepted layouts of the submissions folder ``DIR``:

- ``DIR/<student>/*.ipynb`` (one folder per student);
- nbgrader's ``DIR/submitted/<student>/<assignment>/*.ipynb`` (or ``DIR`` being ``submitted``);
- notebooks further down a student's folder, or inside a ``.zip`` (``DIR/<student>.zip`` or
  a zip in the student's folder), with a note in the reason;
- a renamed copy such as ``02_random_initialization (1).ipynb`` or ``... -Copy1.ipynb``,
  with a note in the reason.

Every ``.ipynb`` file that matches no course notebook is listed as unrecognised.

Nothing is unpacked or parsed before its size is known to be within the limits below: a
notebook's bytes and cells, a zip's entries, the bytes read out of zips, the compression
ratio, the number of files looked at. A notebook is read into plain cells here (sources as
text, nbgrader metadata of the right types, no outputs), so what follows never meets a
malformed cell. Names are shown as safe text, and each student gets a distinct folder name.
"""

import hashlib
import itertools
import json
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .safe_text import name_text, safe_text

MAX_NOTEBOOK_BYTES = 8 << 20  # one notebook file (the course's, with outputs, are under 0.4 MB)
MAX_CELLS = 2000  # cells of one notebook (the course's have under 100)
MAX_SOURCE_CHARS = 2 << 20  # characters of all the cells' sources of one notebook
MAX_ZIP_BYTES = 64 << 20  # one zip file
MAX_ZIP_ENTRIES = 2000  # entries of one zip
MAX_UNPACKED_BYTES = 64 << 20  # bytes read out of one student's zips, all together
MAX_RATIO = 100  # uncompressed / compressed size of a zip entry over 1 MB
MAX_FILES = 5000  # files and folders looked at in one student's folder
MAX_NAME_CHARS = 255  # a file name, or a path inside a zip


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


def _megabytes(size):
    return f"{size / (1 << 20):.1f} MB"


# ---------------------------------------------------------------- one notebook's bytes

def _text(value):
    """A cell's source (str, or list of str) as text; anything else is no source."""
    if type(value) is list and all(type(line) is str for line in value):
        value = "".join(value)
    if type(value) is not str:
        return None
    return value.encode("utf-8", "replace").decode("utf-8")  # lone surrogates become "?"


def _grading_metadata(cell):
    """The cell's nbgrader metadata, keeping only fields of the right type."""
    metadata = cell.get("metadata")
    meta = metadata.get("nbgrader") if type(metadata) is dict else None
    if type(meta) is not dict:
        return {}
    kept = {}
    if type(meta.get("grade_id")) is str and len(meta["grade_id"]) <= 200:
        kept["grade_id"] = meta["grade_id"]
    for flag in ("solution", "grade", "locked", "task"):
        if type(meta.get(flag)) is bool:
            kept[flag] = meta[flag]
    if type(meta.get("points")) in (int, float):
        kept["points"] = meta["points"]
    return kept


def read_notebook(data):
    """(plain nbformat-4 notebook, "") from a file's bytes, or (None, why it is unreadable)."""
    if len(data) > MAX_NOTEBOOK_BYTES:
        return None, (f"too large: {_megabytes(len(data))} "
                      f"(at most {_megabytes(MAX_NOTEBOOK_BYTES)})")
    try:
        nb = json.loads(data.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        return None, "not a notebook: its JSON cannot be read"
    cells = nb.get("cells") if type(nb) is dict else None
    if type(cells) is not list:
        return None, "not a notebook: it has no list of cells (saved by an old Jupyter?)"
    if len(cells) > MAX_CELLS:
        return None, f"too many cells: {len(cells)} (at most {MAX_CELLS})"
    plain, chars = [], 0
    for i, cell in enumerate(cells):
        if type(cell) is not dict:
            continue
        kind = cell.get("cell_type")
        kind = kind if kind in ("code", "markdown", "raw") else "raw"
        source = _text(cell.get("source"))
        if source is None:
            source, kind = "", "raw"  # a cell without readable source runs nothing
        chars += len(source)
        if chars > MAX_SOURCE_CHARS:
            return None, (f"too much text: over {MAX_SOURCE_CHARS} characters of source "
                          "in its cells")
        entry = {"cell_type": kind, "id": f"cell-{i}", "source": source,
                 "metadata": {"nbgrader": _grading_metadata(cell)} if kind == "code" else {}}
        if not entry["metadata"].get("nbgrader", True):
            entry["metadata"] = {}
        if kind == "code":
            entry.update(outputs=[], execution_count=None)
        plain.append(entry)
    return {"cells": plain, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, ""


# ---------------------------------------------------------------- where notebooks are found

class _Budget:
    """What one student's hand-in may still cost: bytes read out of zips."""

    def __init__(self):
        self.unpacked = 0


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


def _zip_directory(path):
    """(entries, bytes) of a zip's central directory as its end record declares them, found
    as ``zipfile`` finds it; None when there is no end record."""
    size = path.stat().st_size
    with open(path, "rb") as f:
        f.seek(max(0, size - 65_557))
        tail = f.read()
    if tail[-22:-18] == b"PK\x05\x06" and tail[-2:] == b"\0\0":
        end = len(tail) - 22  # no comment
    else:
        end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 22:
        return None
    entries = int.from_bytes(tail[end + 10:end + 12], "little")
    directory = int.from_bytes(tail[end + 12:end + 16], "little")
    if tail[end - 20:end - 16] == b"PK\x06\x07":  # ZIP64: the sizes are in its own record
        with open(path, "rb") as f:
            f.seek(int.from_bytes(tail[end - 12:end - 4], "little"))
            record = f.read(56)
        if record[:4] == b"PK\x06\x06":
            entries = int.from_bytes(record[32:40], "little")
            directory = int.from_bytes(record[40:48], "little")
    return entries, directory


def _zip_members(archive, wanted, budget):
    """(name inside the zip, bytes or None, problem) for each wanted notebook of a zip, read
    within the limits; or one (archive name, None, problem) when the zip is refused."""
    size = archive.stat().st_size
    if size > MAX_ZIP_BYTES:
        return [("", None, f"zip too large: {_megabytes(size)} "
                           f"(at most {_megabytes(MAX_ZIP_BYTES)})")]
    declared = _zip_directory(archive)
    if declared is None:
        return [("", None, "not a readable zip")]
    entries, directory = declared
    if entries > MAX_ZIP_ENTRIES or directory > MAX_ZIP_ENTRIES * (46 + 2 * MAX_NAME_CHARS):
        return [("", None, f"zip of {entries} entries (at most {MAX_ZIP_ENTRIES})")]
    found = []
    with zipfile.ZipFile(archive) as z:
        members = z.infolist()
        if len(members) > MAX_ZIP_ENTRIES:
            return [("", None, f"zip of {len(members)} entries (at most {MAX_ZIP_ENTRIES})")]
        ends = sorted((m.header_offset, m.header_offset + 30 + m.compress_size)
                      for m in members)
        if any(start < end for (_, end), (start, _) in zip(ends, ends[1:], strict=False)):
            return [("", None, "zip whose entries share their data (a zip bomb?)")]
        for member in members:
            inner = member.filename
            name = inner.rsplit("/", 1)[-1]
            if ("__MACOSX" in inner or ".ipynb_checkpoints" in inner or member.is_dir()
                    or not name.lower().endswith(".ipynb")):
                continue
            if len(inner) > MAX_NAME_CHARS or "\0" in inner:
                found.append((inner[:80], None, "a name too long or with a NUL byte"))
                continue
            if not wanted(name):
                found.append((inner, None, "no course notebook"))
                continue
            found.append((inner, *_read_member(z, member, budget)))
    return found


def _read_member(z, member, budget):
    """(bytes, "") of one zip member, or (None, why not): read in bounded steps, never more
    than its limits whatever its header says."""
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None, f"compression method {member.compress_type} (use a standard zip)"
    if member.file_size > MAX_NOTEBOOK_BYTES:
        return None, f"too large: {_megabytes(member.file_size)} unpacked"
    if member.file_size > 1 << 20 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
        return None, f"compressed more than {MAX_RATIO} to 1 (a zip bomb?)"
    allowed = min(MAX_NOTEBOOK_BYTES, MAX_UNPACKED_BYTES - budget.unpacked)
    if allowed <= 0:
        return None, f"not read: over {_megabytes(MAX_UNPACKED_BYTES)} already read from zips"
    try:
        with z.open(member) as f:
            data = f.read(allowed + 1)  # deflate stops at this many bytes, whatever the header
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError,
            EOFError, OSError, ValueError) as error:
        budget.unpacked += allowed
        return None, f"unreadable in the zip ({type(error).__name__})"
    budget.unpacked += len(data)
    if len(data) > allowed:
        return None, f"unpacks to more than {_megabytes(allowed)} (its header says otherwise)"
    return data, ""


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
                       f"too large: {_megabytes(size)} (at most {_megabytes(MAX_NOTEBOOK_BYTES)})")
                continue
            yield str(relative), len(relative.parts) - 1, path.name, path.read_bytes(), ""
            continue
        try:
            members = _zip_members(path, wanted, budget)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            members = [("", None, f"not a readable zip ({type(error).__name__})")]
        for inner, data, problem in members:
            where = f"{relative}:{inner}" if inner else str(relative)
            yield where, 9, inner.rsplit("/", 1)[-1] if inner else path.name, data, problem


# ---------------------------------------------------------------- names

def folder_names(raw_names):
    """{raw name: folder name}: distinct, safe names (letters and digits of any script, ``.``,
    ``_``, ``-``); a name that had to change, or that would clash without it (Zoë and Zoe as
    Windows sees them, Alice and alice), gets a short hash of its original bytes."""
    folders, taken = {}, set()
    for raw in sorted(raw_names):
        shown = unicodedata.normalize("NFC", name_text(raw))
        slug = "".join(c if c.isalnum() or c in "._-" else "_" for c in shown)
        slug = slug.strip("._")[:60] or "student"
        if slug != raw or slug.casefold() in taken:
            digest = hashlib.sha256(os.fsencode(raw)).hexdigest()[:8]
            slug = f"{slug[:50]}-{digest}"
        taken.add(slug.casefold())
        folders[raw] = slug
    return folders


def find(folder, course_names):
    """Students with their notebooks, and the list of unrecognised notebook files."""
    folder = Path(folder)
    if (folder / "submitted").is_dir():
        folder = folder / "submitted"
    by_stem = {_stem(name): name for name in course_names}

    def course_name(file_name):
        return file_name if file_name in course_names else by_stem.get(_stem(file_name))

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
        budget = _Budget()
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
    folders = folder_names(students)
    shown_names = [s.name for s in students.values()]
    for raw, student in students.items():
        student.folder = folders[raw]
        if shown_names.count(student.name) > 1:  # two raw names that read the same
            student.name = f"{student.name} [{student.folder}]"
    return sorted(students.values(), key=lambda s: s.folder), unrecognised
