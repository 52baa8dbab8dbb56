"""The import direction that ARCHITECTURE.md describes, enforced.

Inside ``initlib`` a module imports only modules listed before it in ``ORDER``; ``initlib``
never imports the instructor's room, the tools or the tests; only ``training`` uses the
private engine; the notebooks import ``initlib``, never ``instructor``.
"""

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "initlib"

# bottom to top, as in ARCHITECTURE.md
ORDER = ["validation", "activations", "plain_data", "divergence", "data", "initializers",
         "network", "_engine", "training", "diagnostics", "architectures", "framework_defaults",
         "experiments",
         "checks", "plotting", "interactive", "__init__"]
OUTSIDE = {"instructor", "tools", "tests", "benchmarks"}


def imports_of(source):
    """(module names imported absolutely, initlib modules imported relatively or by name)."""
    absolute, internal = set(), set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
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


def test_every_module_is_placed():
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    missing = modules ^ set(ORDER)
    assert not missing, f"place these in ORDER and ARCHITECTURE.md: {missing}"
    text = (ROOT / "ARCHITECTURE.md").read_text()
    for module in modules:
        assert f"`{module}.py`" in text, f"ARCHITECTURE.md does not describe {module}.py"


@pytest.mark.parametrize("module", ORDER)
def test_initlib_imports_only_downwards(module):
    absolute, internal = imports_of((PACKAGE / f"{module}.py").read_text())
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
    for path in [ROOT / "tools" / "workbook.py", ROOT / "tools" / "execute_notebooks.py"]:
        absolute, _ = imports_of(path.read_text())
        assert "instructor" not in absolute and "tests" not in absolute, path.name
