"""initlib's malloc setting: applied on Linux with glibc, harmless elsewhere, results unchanged."""

import subprocess
import sys

import numpy as np

from initlib import _memory


def test_applied_on_linux_with_glibc():
    import platform

    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        assert _memory.keep_freed_memory()


def test_does_nothing_elsewhere(monkeypatch):
    monkeypatch.setattr(_memory.sys, "platform", "darwin")
    assert _memory.keep_freed_memory() is False


def test_results_are_the_same_with_and_without_it():
    code = ("{setup}"
            "import numpy as np\n"
            "from initlib.diagnostics import layer_statistics\n"
            "from initlib.initializers import initialize_parameters\n"
            "from initlib import _memory\n"
            "X = np.random.default_rng(0).standard_normal((100, 200))\n"
            "p = initialize_parameters([100] * 6 + [1], 'he', rng=1)\n"
            "stds = [r['std'] for r in layer_statistics(X, p)]\n"
            "print(_memory.keep_freed_memory(), repr(stds))\n")
    no_libc = "import ctypes.util\nctypes.util.find_library = lambda name: 'no-such-libc.so'\n"
    outputs = {}
    for name, setup in (("off", no_libc), ("on", "")):
        outputs[name] = subprocess.run([sys.executable, "-c", code.format(setup=setup)],
                                       capture_output=True, text=True, check=True).stdout
    assert outputs["off"].startswith("False [")  # the setting could not be applied
    assert outputs["off"].split(" ", 1)[1] == outputs["on"].split(" ", 1)[1]
    assert np.isfinite(eval(outputs["on"].split(" ", 1)[1], {"np": np})).all()
