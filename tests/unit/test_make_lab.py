"""`make lab` gives a student the course and JupyterLab only, and says how to use the server."""

import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("pytest", "nbval", "ruff", "nbgrader", "playwright")

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def recipe(makefile, target):
    """(prerequisites, recipe lines) of ``target`` in the Makefile text."""
    match = re.search(rf"^{re.escape(target)}:(.*)\n((?:\t.*\n)*)", makefile, re.MULTILINE)
    assert match, f"no target {target}"
    return match[1].split(), match[2].splitlines()


def test_make_lab_installs_the_runtime_without_test_or_grading_tools():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("lab", "solutions", "reset"):
        assert recipe(makefile, target)[0] == ["$(LAB_STAMP)"], target
    _, lines = recipe(makefile, "$(LAB_STAMP)")
    installs = [line for line in lines if "pip install" in line]
    assert len(installs) == 1 and installs[0].rstrip().endswith("-e ."), installs
    runtime = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(name.startswith("jupyterlab") for name in runtime)
    assert not [name for name in runtime if name.startswith(TOOLS)], runtime
    # the tests still get their tools
    assert "[dev,browser]" in "".join(recipe(makefile, "$(TEST_STAMP)")[1])


def test_the_server_is_quiet_and_its_output_ends_with_how_to_use_it(tmp_path, monkeypatch,
                                                                     capsys):
    spec = importlib.util.spec_from_file_location("lab_workbook", ROOT / "tools" / "workbook.py")
    workbook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(workbook)
    started = []
    monkeypatch.setattr(workbook.os, "execv", lambda path, command: started.append(command))
    workbook.serve(tmp_path, ["--ServerApp.port=9999"])
    (command,) = started
    assert "--ServerApp.log_level=WARN" in command and "--ServerApp.answer_yes=True" in command
    assert command.index("--ServerApp.answer_yes=True") < command.index("--ServerApp.port=9999")
    said = capsys.readouterr().out
    assert str(tmp_path.resolve()) in said and "Ctrl+C" in said and "address below" in said
