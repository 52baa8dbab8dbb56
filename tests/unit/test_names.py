"""One name per concept, across every public function, argument and error message."""

import importlib
import inspect
import pkgutil
import re

import numpy as np
import pytest

import initlib
from initlib import training
from tools.notebook_format import ROOT

# a concept's one name, and the other names it must never go by
SYNONYMS = {
    "initialization": {"method", "init", "initializer", "scheme", "init_method"},
    "rng": {"seed", "random_state", "generator", "random_seed"},
    "hidden_activation": {"activation", "act", "g", "nonlinearity", "activation_name"},
    "learning_rate": {"lr", "alpha", "step_size"},
    "num_iterations": {"n_iter", "epochs", "num_steps", "iters", "n_iterations"},
    "layer_dims": {"dims", "layers_dims", "sizes", "layer_sizes", "shape_list"},
}
FORBIDDEN = {alias: name for name, aliases in SYNONYMS.items() for alias in aliases}


def public_functions():
    """Every public function and class defined in a public initlib module."""
    found = []
    for info in pkgutil.iter_modules(initlib.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"initlib.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                try:
                    inspect.signature(obj)
                except (TypeError, ValueError):  # e.g. an exception class: no arguments to name
                    continue
                found.append((f"{info.name}.{name}", obj))
    return found


@pytest.mark.parametrize("qualname,obj", public_functions(), ids=lambda v: str(v)[:40])
def test_signatures_use_the_course_names(qualname, obj):
    for parameter in inspect.signature(obj).parameters:
        assert parameter not in FORBIDDEN, (
            f"{qualname}({parameter}=...) should be called {FORBIDDEN[parameter]!r}")


def test_train_many_configs_use_the_same_names():
    assert set(training.CONFIG_KEYS) == {"initialization", "scale", "distribution", "rng"}


@pytest.fixture
def data():
    X, Y, _, _ = initlib.load_dataset("circles")
    return X, Y


def test_error_messages_use_the_argument_names(data):
    X, Y = data
    params = initlib.initialize_parameters([2, 3, 1], rng=0)
    cases = [
        (lambda: initlib.train(X, Y, [2, 3, 1], initialization="magic"), "initialization="),
        (lambda: initlib.initialize_parameters([2, 3, 1], "magic"), "initialization="),
        (lambda: initlib.weight_std("magic", 3, 2), "initialization="),
        (lambda: initlib.explorer_summary(initialization="magic"), "initialization"),
        (lambda: initlib.train(X, Y, [2, 3, 1], rng="x"), "rng"),
        (lambda: initlib.initialize_parameters([2, 3, 1], rng=1.5), "rng"),
        (lambda: initlib.explorer_summary(rng="x"), "rng"),
        (lambda: initlib.forward(X, params, hidden_activation="swish"), "hidden_activation="),
        (lambda: initlib.train(X, Y, [2, 3, 1], hidden_activation="swish"), "hidden_activation="),
        (lambda: initlib.explorer_summary(hidden_activation="swish"), "hidden_activation"),
        (lambda: initlib.train(X, Y, [2, 3, 1], learning_rate=-1), "learning_rate"),
        (lambda: initlib.update_parameters(params, {}, learning_rate=0), "learning_rate"),
        (lambda: initlib.train(X, Y, [2, 3, 1], num_iterations=-1), "num_iterations"),
        (lambda: initlib.train(X, Y, [2, 0, 1]), "layer_dims"),
    ]
    for call, name in cases:
        with pytest.raises((TypeError, ValueError)) as info:
            call()
        assert name in str(info.value), str(info.value)
        for alias, concept in FORBIDDEN.items():
            if concept == name.rstrip("="):
                assert not re.search(rf"\b{alias}=", str(info.value)), str(info.value)


def test_every_rng_kind_is_accepted_under_one_name():
    for rng in (None, 3, np.random.default_rng(3), np.random.RandomState(3)):
        assert initlib.initialize_parameters([2, 3, 1], rng=rng)["W1"].shape == (3, 2)


# ---------------------------------------------------------------- one meaning per name

CODE = [p for folder in ("initlib", "instructor", "tools", "tests/unit", "tests/instructor",
                         "benchmarks") for p in sorted((ROOT / folder).rglob("*.py"))]
# still using a retired name, until they are updated (files of other parts of the project)
TRANSITIONAL = {"instructor/hidden_cases.py", "tests/instructor/test_red_team.py"}


def glossary():
    """{term: row} of the glossary table in ARCHITECTURE.md."""
    text = (ROOT / "ARCHITECTURE.md").read_text().split("## Glossary", 1)[1].split("\n## ")[0]
    rows = [line.split("|")[1:-1] for line in text.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): [c.strip() for c in cells] for cells in rows[1:]}


def sources():
    for path in CODE:
        name = str(path.relative_to(ROOT))
        if name not in TRANSITIONAL and name != "tests/unit/test_names.py":
            yield name, path.read_text()


def test_the_glossary_names_each_concept_once():
    terms = glossary()
    for term in ("exercise", "answer cell", "check cell", "check", "validator", "visible cases",
                 "further cases", "judge", "mistake", "grading protocol", "worker",
                 "initialization", "linear"):
        assert term in terms, f"ARCHITECTURE.md's glossary lacks {term!r}"
    assert terms["further cases"][2] == "hidden cases" and terms["linear"][2] == "identity"


def test_further_cases_are_never_called_hidden():
    retired = re.compile(r"(?i:hidden[_ ]cases?|further \(hidden\))|\bHIDDEN\b(?! TESTS)")
    for name, text in sources():
        assert not retired.search(text), f"{name}: say 'further cases'"
    architecture = (ROOT / "ARCHITECTURE.md").read_text().split("## Glossary")
    for text in [(ROOT / "README.md").read_text(), architecture[0],
                 architecture[1].split("\n## ", 1)[1]]:
        assert not retired.search(text)


def test_check_means_an_exercises_check_only():
    """``def check_`` lives in initlib only as the exercises' checks; validators are valid_*."""
    from initlib import checks, validation
    from initlib.exercises import EXERCISES

    for name, text in sources():
        if name.startswith("initlib/") and name != "initlib/checks.py":
            assert not re.search(r"^\s*def check_(?!id\b)", text, re.M), f"{name}: check_"
    assert {n for n in vars(checks) if n.startswith("check_")} == {
        f"check_{f}" for f in EXERCISES}
    assert all(inspect.isfunction(getattr(validation, f"valid_{what}")) for what in (
        "choice", "count", "layer_dims", "number", "params", "rng", "X", "Y"))


def test_one_class_per_name():
    """One Exercise dataclass, one Notebook, ...: a class name means one thing."""
    seen = {}
    for name, text in sources():
        for cls in re.findall(r"^class (\w+)", text, re.M):
            if not name.startswith("tests/"):
                assert cls not in seen, f"class {cls} in {name} and {seen[cls]}"
                seen[cls] = name


def test_the_protocol_and_the_course_say_linear():
    for name, text in sources():
        if name.startswith("initlib/"):
            assert '"identity"' not in text, name
    assert "plain_data" not in (ROOT / "README.md").read_text()
    assert not (ROOT / "initlib" / "plain_data.py").exists()


def notebook_uses():
    """{(module, name): notebooks} for every initlib name a notebook imports or uses."""
    import ast
    import json

    used = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] != "code":
                continue
            code = "\n".join(line for line in "".join(cell["source"]).splitlines()
                             if not line.startswith(("%", "!")))
            for node in ast.walk(ast.parse(code)):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("initlib"):
                    keys = [(node.module, a.name) for a in node.names]
                elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                      and node.value.id == "initlib"):
                    keys = [("initlib", node.attr)]
                else:
                    continue
                for key in keys:
                    used.setdefault(key, set()).add(path.name[:2])
    return used


def test_library_functions_name_the_notebooks_that_use_them():
    """Every initlib function or class a notebook uses names that notebook in its docstring."""
    checked = 0
    for (module, name), notebooks in sorted(notebook_uses().items()):
        obj = getattr(importlib.import_module(module), name)
        if not (getattr(obj, "__module__", None) or "").startswith("initlib"):
            continue
        checked += 1
        said = re.findall(r"[Nn]otebooks? ((?:\d\d(?:, | and | to )?)+)", obj.__doc__ or "")
        named = {n for group in said for n in re.findall(r"\d\d", group)}
        assert notebooks <= named, f"{module}.{name}: docstring should name notebooks {notebooks}"
    assert checked >= 40
