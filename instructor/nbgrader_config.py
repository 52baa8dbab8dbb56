"""nbgrader configuration for this repository. Run nbgrader from this folder (``instructor/``).

The course notebooks (with solutions) live in ``../notebooks/``, which nbgrader treats as the
source of one assignment called ``notebooks``:

    cd instructor
    nbgrader generate_assignment notebooks --force   # -> ../release/notebooks/, and the gradebook

The check cells call the visible checkers only, so an untouched student copy autogrades with
no checksum warnings; the further cases are graded by ``make grade``.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "initialization"
c.CourseDirectory.root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
c.CourseDirectory.source_directory = "."  # source/<assignment> is ./notebooks
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "__pycache__", "*.pyc"]
# Exercises stay the way the notebooks write them: solution replaced by a stub that raises.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
