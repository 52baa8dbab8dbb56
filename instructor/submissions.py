"""Finding each student's notebooks, whatever way they were handed in.

Accepted layouts of the submissions folder ``DIR``:

- ``DIR/<student>/*.ipynb`` (one folder per student);
- nbgrader's ``DIR/submitted/<student>/<assignment>/*.ipynb`` (or ``DIR`` being ``submitted``);
- notebooks further down a student's folder, or inside a ``.zip`` (``DIR/<student>.zip`` or
  a zip in the student's folder), with a note in the reason;
- a renamed copy such as ``02_random_initialization (1).ipynb`` or ``... -Copy1.ipynb``,
  with a note in the reason.

Every ``.ipynb`` file that matches no course notebook is listed as unrecognised.
"""

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MAX_NOTEBOOK_BYTES = 20 << 20


@dataclass(frozen=True)
class Handed:
    """One notebook a student handed in: where it was found, and its text."""

    location: str  # shown to the instructor, relative to DIR
    text: str
    note: str = ""  # why this file was taken for the course notebook, when not obvious
    depth: int = 0
    exact: bool = True


@dataclass
class Student:
    name: str
    notebooks: dict = field(default_factory=dict)  # course notebook name -> Handed


def safe_name(name):
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)[:80] or "_"


def _stem(name):
    """A file name without the marks of copies: ' (1)', '-Copy1', ' copy', case."""
    stem = name[:-len(".ipynb")] if name.lower().endswith(".ipynb") else name
    stem = re.sub(r"(\s*\(\d+\)|-?\s*copy\d*)+$", "", stem.strip(), flags=re.I)
    return stem.strip().lower()


def _candidates(student_dir):
    """(location, depth, file name, text loader) for every notebook of one student."""
    paths = sorted(student_dir.rglob("*.ipynb")) if student_dir.is_dir() else []
    for path in paths:
        if ".ipynb_checkpoints" in path.parts or path.is_symlink() or not path.is_file():
            continue
        relative = path.relative_to(student_dir)
        yield str(relative), len(relative.parts) - 1, path.name, path
    zips = [student_dir] if student_dir.suffix == ".zip" else sorted(student_dir.rglob("*.zip"))
    for archive in zips:
        if not archive.is_file() or archive.is_symlink():
            continue
        try:
            with zipfile.ZipFile(archive) as z:
                members = [m for m in z.infolist() if m.filename.endswith(".ipynb")
                           and "__MACOSX" not in m.filename
                           and ".ipynb_checkpoints" not in m.filename]
                for member in members:
                    name = member.filename.rsplit("/", 1)[-1]
                    where = f"{archive.name}:{member.filename}"
                    if member.file_size > MAX_NOTEBOOK_BYTES:
                        yield where, 9, name, None
                        continue
                    yield where, 9, name, z.read(member)
        except (zipfile.BadZipFile, OSError):
            yield archive.name, 9, archive.name, None


def find(folder, course_names):
    """Students with their notebooks, and the list of unrecognised notebook files."""
    folder = Path(folder)
    if (folder / "submitted").is_dir():
        folder = folder / "submitted"
    by_stem = {_stem(name): name for name in course_names}
    students, unrecognised = {}, []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.is_symlink():
            continue
        if entry.is_file() and entry.suffix == ".ipynb":
            unrecognised.append(f"{entry.name} (not in a student's folder)")
            continue
        if not (entry.is_dir() or entry.suffix == ".zip"):
            continue
        name = safe_name(entry.stem if entry.suffix == ".zip" else entry.name)
        student = students.setdefault(name, Student(name))
        for location, depth, file_name, content in _candidates(entry):
            where = f"{entry.name}/{location}" if entry.is_dir() else location
            course_name = file_name if file_name in course_names else by_stem.get(_stem(file_name))
            if course_name is None or content is None:
                why = "too large or unreadable" if course_name else "no course notebook"
                unrecognised.append(f"{where} ({why})")
                continue
            if isinstance(content, Path):
                if content.stat().st_size > MAX_NOTEBOOK_BYTES:
                    unrecognised.append(f"{where} (too large)")
                    continue
                content = content.read_bytes()
            exact = file_name == course_name
            notes = []
            if not exact:
                notes.append(f"taken from {file_name!r}")
            nested = depth > (1 if folder.name == "submitted" else 0)
            if nested or ":" in location:
                notes.append(f"found at {where}")
            handed = Handed(where, content.decode("utf-8", errors="replace"), "; ".join(notes),
                            depth, exact)
            earlier = student.notebooks.get(course_name)
            if earlier is None or (handed.exact, -handed.depth) > (earlier.exact, -earlier.depth):
                if earlier is not None:
                    unrecognised.append(f"{earlier.location} (another copy was graded)")
                student.notebooks[course_name] = handed
            else:
                unrecognised.append(f"{where} (another copy was graded)")
    return sorted(students.values(), key=lambda s: s.name), unrecognised
