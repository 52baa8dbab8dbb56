"""The further cases the grader adds to each exercise's visible ones, drawn from a secret key.

Each exercise of ``instructor/exercises`` draws its further cases from a random generator
(``GradedExercise.further_cases(rng)``). The generators stay with the instructor, never in the
student's package; what makes the cases secret even from a reader of the repository is the
seed, which the grader derives from a key the instructor keeps outside the repository
(``make grade KEY=path``; by default ``~/.config/initlib-grader/key``, created on first use).
The repository holds no further case, a student who reads every file of it cannot know them,
and two courses with different keys grade on different cases. Feedback on a further case
names the kind of case (its ``"about"``, such as "a network of 10 to 12 layers: layer numbers
of two digits") and the property that failed, never the case's numbers.
"""

import hashlib
import os
import secrets
from pathlib import Path

from instructor.exercises import draw_further_cases
from tools.notebook_format import ROOT

DEFAULT_KEY = Path("~/.config/initlib-grader/key")


class KeyProblem(ValueError):
    """The key file cannot be used (inside the repository, unreadable, too short)."""


def load_key(path=DEFAULT_KEY, *, create=True):
    """(seed, message): the grader's seed from the key file at ``path``.

    The file is created (64 random hex digits, readable by its owner only) when it does not
    exist and ``create`` is true; ``message`` then says so and where, else it is "".
    """
    path = Path(path).expanduser().resolve()
    if path == ROOT or ROOT in path.parents:
        raise KeyProblem(f"the key {path} is inside the repository, which students can read: "
                         "keep it elsewhere (make grade KEY=~/somewhere/key)")
    message = ""
    if not path.exists():
        if not create:
            raise KeyProblem(f"no key at {path}")
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as f:
            f.write(secrets.token_hex(32) + "\n")
        message = (f"Created the grader's secret key at {path}. The further cases are drawn "
                   "from it: keep it (and a copy) outside the repository, and grade every run "
                   "of this course with it.")
    try:
        key = path.read_bytes().strip()
    except OSError as error:
        raise KeyProblem(f"the key {path} cannot be read ({error.strerror})") from None
    if len(key) < 16:
        raise KeyProblem(f"the key {path} holds {len(key)} bytes; use at least 16 random ones")
    return seed_of(key), message


def seed_of(key):
    """The seed (a 128-bit int) for the key ``key`` (bytes)."""
    return int.from_bytes(hashlib.sha256(b"initlib further cases\0" + key).digest()[:16], "big")


def further_cases(exercise, seed):
    """The further cases of ``exercise`` (an ``instructor.exercises.GradedExercise``) for
    ``seed``: their inputs only (the expected data is computed when judging)."""
    return draw_further_cases(exercise, seed)


def cases_for(exercise, seed):
    """The visible cases, then the further ones: (cases, number of visible cases). A case is
    its calls' inputs; its expected data never leaves the grader."""
    visible = list(exercise.cases)
    return visible + further_cases(exercise, seed), len(visible)


def all_cases(notebooks, seed):
    """``cases_for`` of every exercise of ``notebooks``, by the check cell's grade_id."""
    return {e.check_id: cases_for(e, seed) for nb in notebooks for e in nb.exercises}
