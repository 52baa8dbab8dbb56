import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import initlib

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def circles():
    """(X_train, Y_train, X_test, Y_test) of the circles dataset."""
    return initlib.load_dataset("circles")


@pytest.fixture
def small_problem():
    """A small random classification problem: X (3, 20), Y (1, 20)."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 20))
    Y = (rng.random((1, 20)) > 0.5).astype(np.int64)
    return X, Y


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory):
    """The wheel ``pip wheel`` builds from a copy of the repository (the repository itself stays
    untouched): what ``pip install`` gives a student. Built once per test session."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(ROOT / "initlib", source / "initlib", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", source / "data")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(tmp / "dist"), str(source)],
                   check=True)
    return next((tmp / "dist").glob("initlib-*.whl"))
