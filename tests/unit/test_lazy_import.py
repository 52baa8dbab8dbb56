"""`import initlib` is light: ipywidgets and matplotlib.pyplot load on first use."""

import subprocess
import sys

HEAVY = ("ipywidgets", "matplotlib.pyplot")


def loaded_after(code):
    """The HEAVY modules in sys.modules after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, env={"MPLBACKEND": "Agg", "PATH": ""})
    return out.stdout.split()


def test_import_initlib_loads_neither_ipywidgets_nor_pyplot():
    assert loaded_after("import initlib") == []
    assert loaded_after("from initlib import train, load_dataset, plot_costs") == []


def test_the_explorer_and_the_plots_load_them_when_used():
    assert "ipywidgets" in loaded_after("import initlib\ninitlib.explorer")
    assert loaded_after("import initlib\ninitlib.plot_dataset(*initlib.load_dataset()[:2])") == [
        "matplotlib.pyplot"]


def test_lazy_names_are_listed_and_unknown_names_still_fail():
    import initlib

    assert {"explorer", "explorer_summary", "plot_explorer_view"} <= set(dir(initlib))
    assert set(initlib.__all__) <= set(dir(initlib))
    try:
        initlib.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("initlib.no_such_name did not raise AttributeError")


def test_the_explorers_numbers_need_neither_and_its_view_needs_no_widgets():
    assert loaded_after("from initlib.interactive import explorer_statistics") == []
    assert loaded_after("import initlib\ninitlib.explorer_summary(depth=2, width=4)") == []
    assert loaded_after("import initlib.explorer_view") == []
    assert loaded_after("import initlib\ninitlib.plot_explorer_view(depth=2, width=4)") == [
        "matplotlib.pyplot"]
