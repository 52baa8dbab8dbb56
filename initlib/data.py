"""The course's datasets, read from CSV files that ship inside the package.

Nothing is downloaded: the files travel with ``initlib`` (``initlib/datasets``, which in the
repository is the ``data/`` folder), so ``load_dataset`` works after ``pip install`` from any
folder. Each file is checked against its SHA-256 digest, so every student trains on exactly
the same numbers.
"""

import hashlib
import os
from importlib import resources
from pathlib import Path

import numpy as np

from .validation import check_choice

DATASETS = {
    "circles": {
        "train": (
            "circles_train.csv",
            "74aec5b1e3be8af6c29bf091794349674241f3ca1d027ff4b537cf8c6a4d9c31",
        ),
        "test": (
            "circles_test.csv",
            "b6e7f8854fc3f7d9056c6f4438a3215580661ae5168b286ea5bb6c7233bc623f",
        ),
    },
}

REGENERATE = "regenerate it with `python data/make_circles_data.py` (needs scikit-learn)"


def data_dir():
    """The folder the datasets are read from.

    ``$INITLIB_DATA_DIR`` if that environment variable is set (read at each call), else the
    ``datasets`` folder inside the installed package.
    """
    override = os.environ.get("INITLIB_DATA_DIR")
    return Path(override) if override else Path(str(resources.files("initlib") / "datasets"))


def _read_checked(filename, sha256, folder):
    path = Path(folder) / filename
    if not path.is_file():
        raise FileNotFoundError(
            f"dataset file {path} is missing; restore it from git or {REGENERATE}"
        )
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != sha256:
        raise ValueError(
            f"dataset file {path} has been altered (sha256 {digest[:12]}..., expected "
            f"{sha256[:12]}...); restore it with `git checkout -- data/{filename}` or {REGENERATE}"
        )
    table = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    X = table[:, :-1].T.copy()
    Y = table[:, -1:].T.astype(np.int64)
    return X, Y


def load_dataset(name="circles", folder=None):
    """Load a dataset as ``(X_train, Y_train, X_test, Y_test)``.

    Parameters
    ----------
    name : {"circles"}
        ``"circles"``: two noisy concentric circles, 300 training and 100 test points, the
        data of the classic initialization exercise (see ``data/README.md``).
    folder : path, optional
        Folder holding the CSV files; defaults to ``data_dir()``.

    Returns
    -------
    X_train : ndarray, shape (2, 300)
    Y_train : ndarray of int, shape (1, 300)
    X_test : ndarray, shape (2, 100)
    Y_test : ndarray of int, shape (1, 100)
    """
    name = check_choice("name", name, DATASETS)
    folder = data_dir() if folder is None else folder
    X_train, Y_train = _read_checked(*DATASETS[name]["train"], folder)
    X_test, Y_test = _read_checked(*DATASETS[name]["test"], folder)
    return X_train, Y_train, X_test, Y_test
