"""The class's assignments: which notebooks are released, collected and graded together.

``instructor/assignments.toml`` names them (an assignment a notebook when it names none).
This module turns them into what the tools read:

- nbgrader's source layout, ``build/source/<assignment>/*.ipynb`` (copies of the course's
  notebooks, generated, never committed; ``build/source/notebooks/`` holds the whole course,
  the single assignment of nbgrader's route before there were several);
- ``make student``: every notebook's check-cell points verified against the exercise registry,
  then ``nbgrader generate_assignment`` into a temporary folder, moved into ``release/<name>/``
  only when it succeeded, so a failure never deletes released notebooks.

    python -m instructor.assignments list
    python -m instructor.assignments student [NAME ...]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from tools.notebook_format import NOTEBOOKS, ROOT, course_notebooks, grade_id, is_check
from tools.notebook_format import nbgrader_metadata as nbgrader

CONFIG = ROOT / "instructor" / "assignments.toml"
SOURCE = ROOT / "build" / "source"  # nbgrader's source/<assignment>/, generated
RELEASE = ROOT / "release"
WHOLE_COURSE = "notebooks"  # every notebook, one assignment
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
KEYS = {"notebooks", "title", "canvas_id"}


@dataclass(frozen=True)
class Assignment:
    """An assignment: its ``name`` (a folder name), its notebooks' file names, in the course's
    order, its ``title`` (the gradebook's column) and, when known, its Canvas id."""

    name: str
    notebooks: tuple
    title: str
    canvas_id: int | None = None


def registry_points():
    """{check cell's grade_id: (title, points, notebook "03")}, from the exercise registry.

    The one place this module reads the registry.
    """
    from .exercises import EXERCISES

    return {e.check_id: (e.title, e.points, e.notebook) for e in EXERCISES.values()}


def graded_notebooks(folder=NOTEBOOKS):
    """The course's notebooks that hold a check cell, in order."""
    import nbformat

    return [path for path in course_notebooks(folder)
            if any(is_check(c) for c in nbformat.read(path, as_version=4).cells)]


def load(config=CONFIG, folder=NOTEBOOKS):
    """{name: Assignment} from ``config``; one per graded notebook when it names none.

    Raises ValueError naming the setting, its value and what is allowed.
    """
    names = {path.stem: path.name for path in course_notebooks(folder)}
    table = tomllib.loads(Path(config).read_text(encoding="utf-8")) if Path(config).is_file() \
        else {}
    unknown = set(table) - {"assignments"}
    if unknown:
        raise ValueError(f"{config}: unknown table(s) {sorted(unknown)}; only [assignments.NAME]")
    given = table.get("assignments", {})
    if not given:
        return {p.stem: Assignment(p.stem, (p.name,), p.stem) for p in graded_notebooks(folder)}
    found, owner = {}, {}
    for name, entry in given.items():
        where = f"{Path(config).name}: [assignments.{name}]"
        if not NAME.fullmatch(name) or name == WHOLE_COURSE:
            raise ValueError(f"{where}: the name {name!r} must be letters, digits, '_' or '-' "
                             f"(at most 64), and not {WHOLE_COURSE!r}")
        if not isinstance(entry, dict) or set(entry) - KEYS:
            raise ValueError(f"{where}: allowed settings are {sorted(KEYS)}, got {entry!r}")
        notebooks = entry.get("notebooks")
        if not isinstance(notebooks, list) or not notebooks:
            raise ValueError(f"{where}: notebooks={notebooks!r} must be a list of notebook "
                             f"names, from {sorted(names)}")
        files = []
        for stem in notebooks:
            stem = stem.removesuffix(".ipynb") if isinstance(stem, str) else stem
            if stem not in names:
                raise ValueError(f"{where}: no notebook {stem!r}; the notebooks are "
                                 f"{sorted(names)}")
            if stem in owner:
                raise ValueError(f"{where}: {stem} is already in assignment {owner[stem]}")
            owner[stem] = name
            files.append(names[stem])
        title, canvas_id = entry.get("title", name), entry.get("canvas_id")
        if not isinstance(title, str) or not title.strip():
            raise ValueError(f"{where}: title={title!r} must be a non-empty string")
        if canvas_id is not None and (type(canvas_id) is not int or canvas_id <= 0):
            raise ValueError(f"{where}: canvas_id={canvas_id!r} must be a positive integer")
        found[name] = Assignment(name, tuple(sorted(files)), title.strip(), canvas_id)
    return found


def point_problems(paths):
    """What disagrees with the registry in the notebooks at ``paths``: a check cell's points,
    a check cell no exercise owns, an exercise whose check cell is missing (list of str)."""
    import nbformat

    registry, problems = registry_points(), []
    for path in paths:
        seen = set()
        for cell in nbformat.read(path, as_version=4).cells:
            if not is_check(cell):
                continue
            gid, points = grade_id(cell), nbgrader(cell).get("points")
            seen.add(gid)
            if gid not in registry:
                problems.append(f"{path.name}: check cell {gid} belongs to no exercise of the "
                                "registry (instructor/exercises/)")
            elif points != registry[gid][1]:
                title, worth, _ = registry[gid]
                problems.append(f"{path.name}: check cell {gid} gives points={points!r} but "
                                f"{title} is worth {worth} in the registry; change one of them "
                                "(the registry is the reference), then `make notebooks`")
        for gid, (title, _, notebook) in registry.items():
            if notebook == path.name[:2] and gid not in seen:
                problems.append(f"{path.name}: {title}'s check cell {gid} is missing")
    return problems


def _copy_if_changed(source, target):
    if target.is_file() and target.read_bytes() == source.read_bytes():
        return
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    shutil.copyfile(source, partial)
    partial.replace(target)


def write_sources(assignments, folder=NOTEBOOKS, out=SOURCE):
    """``out/<name>/`` for each assignment and for the whole course: copies of its notebooks
    (only those that changed are copied again); folders of no assignment are removed."""
    every = {WHOLE_COURSE: tuple(p.name for p in course_notebooks(folder))}
    every.update({a.name: a.notebooks for a in assignments.values()})
    out.mkdir(parents=True, exist_ok=True)
    for name, files in every.items():
        (out / name).mkdir(exist_ok=True)
        for stale in set(p.name for p in (out / name).iterdir()) - set(files):
            (out / name / stale).unlink()
        for file in files:
            _copy_if_changed(Path(folder) / file, out / name / file)
    for stale in set(p.name for p in out.iterdir() if p.is_dir()) - set(every):
        shutil.rmtree(out / stale)
    return out


def release(names, assignments, folder=NOTEBOOKS, source=SOURCE, out=RELEASE, nbgrader_args=()):
    """Student copies of each assignment in ``names`` in ``out/<name>/``, made by nbgrader.

    The points are verified first (SystemExit listing every problem, nothing written); each
    assignment is generated into a temporary folder and moved into place only when nbgrader
    succeeded, so an earlier release survives any failure. Returns the folders written.
    """
    unknown = [n for n in names if n not in assignments and n != WHOLE_COURSE]
    if unknown:
        raise SystemExit(f"no assignment {unknown}; the assignments are {sorted(assignments)} "
                         f"(and {WHOLE_COURSE!r}, the whole course)")
    chosen = sorted({f for n in names for f in (assignments[n].notebooks if n in assignments
                     else [p.name for p in course_notebooks(folder)])})
    problems = point_problems([Path(folder) / f for f in chosen])
    if problems:
        raise SystemExit("Points disagree with the exercise registry; nothing was released:\n"
                         + "\n".join(f"  {p}" for p in problems))
    write_sources(assignments, folder, source)
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    written = []
    for name in names:
        partial = out.parent / f".{out.name}.partial-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        command = [sys.executable, "-m", "nbgrader", "generate_assignment", name, "--force",
                   "--log-level=WARN", f"--CourseDirectory.source_directory={source}",
                   f"--CourseDirectory.release_directory={partial}", *nbgrader_args]
        try:
            result = subprocess.run(command, cwd=ROOT / "instructor", capture_output=True,
                                    text=True, env=dict(os.environ, PATH=path))
            made = partial / name
            if result.returncode != 0 or not made.is_dir():
                raise SystemExit(f"nbgrader generate_assignment {name} failed; {out / name} is "
                                 f"left as it was:\n{result.stdout}{result.stderr}")
            out.mkdir(parents=True, exist_ok=True)
            old = out / f".{name}.old-{os.getpid()}"
            if (out / name).exists():
                (out / name).rename(old)
            made.rename(out / name)
            shutil.rmtree(old, ignore_errors=True)
            written.append(out / name)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["list", "student", "sources"])
    parser.add_argument("names", nargs="*", help="assignments (default: all of them)")
    args = parser.parse_args(argv)
    try:
        assignments = load()
    except ValueError as error:
        parser.error(str(error))
    if args.action == "list":
        for a in assignments.values():
            ids = f"  (Canvas {a.canvas_id})" if a.canvas_id else ""
            print(f"{a.name:28s} {', '.join(a.notebooks)}  \"{a.title}\"{ids}")
    elif args.action == "sources":
        print(f"nbgrader's source folders written in {write_sources(assignments)}")
    else:
        for folder in release(args.names or list(assignments), assignments):
            print(f"Student copies written to {folder.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
