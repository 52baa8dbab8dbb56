"""The import direction that ARCHITECTURE.md describes, enforced.

Inside ``initlib`` a module imports only modules listed before it in ``ORDER``; ``initlib``
never imports the instructor's room, the tools or the tests; only ``training`` uses the
private engine; the notebooks import ``initlib``, never ``instructor``.
"""

import ast
import json
import re

import pytest

from tools.notebook_format import ROOT

PACKAGE = ROOT / "initlib"

# bottom to top, as in ARCHITECTURE.md
# (a package, such as exercises/, is one entry: its modules import each other freely)
ORDER = ["_memory", "validation", "activations", "_protocol", "exercises", "divergence", "data",
         "initializers", "network", "optimizers", "_engine", "training", "watching_training",
         "signal_experiments", "diagnostics", "architectures", "framework_defaults", "lsuv",
         "stack_training", "experiments", "digit_runs", "explorer_numbers", "claims", "checks",
         "figure_output", "plotting", "explorer_view", "explorer_widgets", "interactive",
         "__init__"]
OUTSIDE = {"instructor", "tools", "tests", "benchmarks"}


def imports_of(source, depth=1):
    """(module names imported absolutely, initlib modules imported relatively or by name).

    ``depth`` is 2 for a module of a package inside initlib: its ``from ..x`` reach initlib,
    its ``from .x`` stay inside its package (not counted).
    """
    absolute, internal = set(), set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level and node.level < depth:
                continue
            if node.level:  # from .x import y / from . import x
                if node.module:
                    internal.add(node.module.split(".")[0])
                else:
                    internal.update(alias.name for alias in node.names)
                continue
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            absolute.add(top)
            if top == "initlib" and "." in name:
                internal.add(name.split(".")[1])
    return absolute, internal


def sources(module):
    """(source, depth) of a module of ORDER, or of each module of a package of ORDER."""
    if (PACKAGE / module).is_dir():
        return [(p.read_text(), 2) for p in sorted((PACKAGE / module).glob("*.py"))]
    return [((PACKAGE / f"{module}.py").read_text(), 1)]


def test_every_module_is_placed():
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    missing = (modules | packages) ^ set(ORDER)
    assert not missing, f"place these in ORDER and ARCHITECTURE.md: {missing}"
    text = (ROOT / "ARCHITECTURE.md").read_text()
    for module in modules:
        assert f"`{module}.py`" in text, f"ARCHITECTURE.md does not describe {module}.py"
    for package in packages:
        assert f"`{package}/`" in text, f"ARCHITECTURE.md does not describe {package}/"


@pytest.mark.parametrize("module", ORDER)
def test_initlib_imports_only_downwards(module):
    absolute, internal = set(), set()
    for source, depth in sources(module):
        found = imports_of(source, depth)
        absolute, internal = absolute | found[0], internal | found[1]
    assert not absolute & OUTSIDE, f"initlib/{module}.py imports {absolute & OUTSIDE}"
    allowed = set(ORDER[:ORDER.index(module)])
    assert internal <= allowed, f"initlib/{module}.py imports {internal - allowed} from above"
    if module not in ("training", "__init__"):
        assert "_engine" not in internal, f"only training may use the private engine ({module})"


def test_instructor_code_stays_out_of_the_notebooks():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "code":
                lines = "".join(cell["source"]).splitlines()
                python = "\n".join(line for line in lines if not line.startswith(("%", "!")))
                absolute, _ = imports_of(python)
                assert "instructor" not in absolute, f"{path.name} imports instructor code"


def test_the_student_tools_do_not_import_the_instructor_room():
    for path in sorted((ROOT / "tools").glob("*.py")):
        absolute, _ = imports_of(path.read_text())
        assert "instructor" not in absolute and "tests" not in absolute, path.name


def test_the_grading_protocol_needs_only_numpy():
    """The worker loads initlib/_protocol.py alone, inside the sandbox."""
    absolute, internal = imports_of((PACKAGE / "_protocol.py").read_text())
    assert absolute <= {"base64", "json", "numpy", "sys"} and not internal


def test_no_module_is_over_300_lines():
    for folder in ("initlib", "instructor", "tools"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            lines = len(path.read_text().splitlines())
            assert lines <= 300, f"{path.relative_to(ROOT)} has {lines} lines; split it"


def test_nbgrader_metadata_is_read_in_one_place():
    """tools/notebook_format.py reads it; everything else asks it (writing it is fine)."""
    reads = re.compile(r"""get\(["']nbgrader|\[["']nbgrader["']\](?!\s*=[^=])""")
    for folder in ("initlib", "instructor", "tools", "tests/unit", "tests/instructor",
                   "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name != "notebook_format.py":
                assert not reads.search(path.read_text()), f"{path.name} reads nbgrader metadata"
