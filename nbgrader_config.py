"""nbgrader configuration for this repository's layout.

The course notebooks (with solutions and hidden tests) live in ``notebooks/``, which nbgrader
treats as the source of one assignment called ``notebooks``:

    nbgrader generate_assignment notebooks --no-db     # student copies -> release/notebooks/

``make student`` runs exactly that; ``make grade`` grades submissions (see README).
"""

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

import os

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "."  # source/<assignment> is ./notebooks
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "__pycache__", "*.pyc"]
# Exercises stay the way the notebooks write them: solution replaced by a stub that raises.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
