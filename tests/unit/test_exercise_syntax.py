"""An answer cell Python cannot read: the check says so, with the line, instead of asking for
the cell to be run."""

from initlib.exercises.syntax import syntax_problem


def test_the_latest_answer_cell_that_does_not_parse_is_named_with_its_line():
    history = ["", "def predicted_std(scale, n, L):\n    return scale",
               "import numpy as np\ndef predicted_std(scale, n, L):\n    return (scale * "
               "np.sqrt(n) ** L\n"]
    wrong = syntax_problem(history, "predicted_std")
    assert wrong is not None and "line 3" in wrong.what and "did not run" in wrong.what


def test_an_answer_cell_that_parses_or_no_history_says_nothing():
    assert syntax_problem(["def predicted_std(scale, n, L):\n    return 1.0"],
                          "predicted_std") is None
    assert syntax_problem(None, "predicted_std") is None
    assert syntax_problem(["x = 1"], "predicted_std") is None


def test_a_check_after_a_broken_answer_cell_names_the_line_in_a_notebook():
    from IPython.testing.globalipapp import get_ipython
    from IPython.utils.capture import capture_output

    shell = get_ipython()
    shell.reset()
    shown = []
    for cell in ("def he_normal(fan_in, fan_out, rng):\n    w = rng.standard_normal((fan_out, "
                 "fan_in)\n    return w",
                 "from initlib.checks import check_he_normal\n\ncheck_he_normal()"):
        with capture_output() as output:
            shell.run_cell(cell, store_history=True)  # as a notebook runs it
        shown.append(output.stdout + output.stderr)
    assert "your answer cell did not run: Python cannot read its line" in shown[1], shown[1]
