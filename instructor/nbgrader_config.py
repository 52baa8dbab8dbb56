"""nbgrader configuration for this repository. Run nbgrader from this folder (``instructor/``).

The class's assignments are named in ``assignments.toml`` (one per notebook by default).
nbgrader wants ``source/<assignment>/*.ipynb``: loading this file writes that layout into
``../build/source/`` (copies of ``../notebooks/``, generated, never committed), with
``notebooks``, the whole course, as one more assignment. ``make student`` releases them:

    make student                                    # -> ../release/<assignment>/, the gradebook
    cd instructor && nbgrader release_assignment 01_zero_initialization

The check cells call the visible checks only, so an untouched student copy autogrades with
no checksum warnings; the further cases are graded by ``make grade``.
"""

import os
import sys

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
c.CourseDirectory.course_id = "initialization"
c.CourseDirectory.root = ROOT
# A copy of these settings read from another folder (exec'd by a test's course) keeps them
# but has no course of its own to lay out.
if os.path.isfile(os.path.join(ROOT, "instructor", "assignments.py")):
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    from instructor.assignments import SOURCE, load, write_sources

    write_sources(load())
    c.CourseDirectory.source_directory = os.path.relpath(SOURCE, ROOT)  # build/source/<name>
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "__pycache__", "*.pyc"]
# Exercises stay the way the notebooks write them: solution replaced by a stub that raises.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# autograde runs each notebook whole, its training included: on a busy machine a cell takes
# far longer than nbgrader's default 30 s. 120 s per cell and a kernel's start.
c.ExecutePreprocessor.timeout = 120
c.ExecutePreprocessor.startup_timeout = 120
