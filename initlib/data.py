"""The course's datasets, read from the CSV files in ``data/``.

Nothing is downloaded: the files ship with the repository, and each is checked against its
SHA-256 digest so that every student trains on exactly the same numbers.
"""

import hashlib
import os
from pathlib import Path

import numpy as np

from .validation import check_choice

REPO_DATA = Path(__file__).resolve().parent.parent / "data"
DATA_DIR = Path(os.environ.get("INITLIB_DATA_DIR", REPO_DATA))

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


def _read_checked(filename, sha256, data_dir):
    path = Path(data_dir) / filename
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


def load_dataset(name="circles", data_dir=None):
    """Load a dataset as ``(X_train, Y_train, X_test, Y_test)``.

    Parameters
    ----------
    name : {"circles"}
        ``"circles"``: two noisy concentric circles, 300 training and 100 test points, the
        data of the classic initialization exercise (see ``data/README.md``).
    data_dir : path, optional
        Folder holding the CSV files; defaults to the repository's ``data/``.

    Returns
    -------
    X_train : ndarray, shape (2, 300)
    Y_train : ndarray of int, shape (1, 300)
    X_test : ndarray, shape (2, 100)
    Y_test : ndarray of int, shape (1, 100)
    """
    name = check_choice("name", name, DATASETS)
    data_dir = DATA_DIR if data_dir is None else data_dir
    X_train, Y_train = _read_checked(*DATASETS[name]["train"], data_dir)
    X_test, Y_test = _read_checked(*DATASETS[name]["test"], data_dir)
    return X_train, Y_train, X_test, Y_test
