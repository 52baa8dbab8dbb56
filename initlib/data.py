"""The course's datasets, read from CSV files that ship inside the package.

``"circles"`` (notebooks 01-04): two noisy concentric circles, 2 features, 0/1 labels.
``"digits"`` (notebook 06): 8x8 images of handwritten digits, 64 pixels, 10 classes.

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

from .validation import valid_choice

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
    "digits": {
        "train": (
            "digits_train.csv",
            "969b819ea94b8eeca662b5287a65613eaa7ad6e4249b67294c21fb85d722a7b0",
        ),
        "test": (
            "digits_test.csv",
            "59ce9a5db5033cbedc9e75528cf46b827da08ac3e8cb36718e1fa6b9dc99363b",
        ),
    },
}


def _regenerate(filename):
    script = "make_digits_data.py" if filename.startswith("digits") else "make_circles_data.py"
    return f"regenerate it with `python data/{script}` (needs scikit-learn)"


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
            f"dataset file {path} is missing; restore it from git or {_regenerate(filename)}"
        )
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != sha256:
        raise ValueError(
            f"dataset file {path} has been altered (sha256 {digest[:12]}..., expected "
            f"{sha256[:12]}...); restore it with `git checkout -- data/{filename}` or "
            f"{_regenerate(filename)}"
        )
    table = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    X = table[:, :-1].T.copy()
    Y = table[:, -1:].T.astype(np.int64)
    return X, Y


def one_hot(labels, n_classes):
    """Labels 0..n_classes-1 of shape (1, m) as a one-hot int array of shape (n_classes, m).

    Column i has a single 1, in the row of example i's class.
    """
    return (np.arange(n_classes).reshape(-1, 1) == labels).astype(np.int64)


def standardize(X_train, X_test):
    """Subtract each feature's training mean and divide by its training standard deviation.

    Both sets use the *training* statistics (the test set must not leak into training). A
    feature that is constant on the training set (a corner pixel that is always 0) is only
    centred. The pixels are whole numbers, so the means and variances are computed from exact
    integer sums: the result is the same to the last bit on every machine.

    Returns
    -------
    X_train, X_test : ndarray, shapes as given, float64
    """
    counts = np.rint(X_train).astype(np.int64)  # (n, m) whole numbers
    m = counts.shape[1]
    total, total_sq = counts.sum(axis=1), (counts * counts).sum(axis=1)  # exact integers
    mean = (total / m).reshape(-1, 1)
    spread = np.sqrt((m * total_sq - total * total).astype(np.float64)) / m  # the std
    spread = np.where(spread > 0, spread, 1.0).reshape(-1, 1)
    return (X_train - mean) / spread, (X_test - mean) / spread


def load_dataset(name="circles", folder=None):
    """Load a dataset as ``(X_train, Y_train, X_test, Y_test)``.

    Used in notebooks 01, 02, 03, 04, 05 and 06.

    Parameters
    ----------
    name : {"circles", "digits"}
        ``"circles"``: two noisy concentric circles, 300 training and 100 test points, the
        data of the classic initialization exercise (notebooks 01-04).
        ``"digits"``: 1797 handwritten digits of 8x8 pixels, 1200 training and 597 test
        images (notebook 06). Each pixel (0 to 16 in the file) is standardized with the
        training set's mean and standard deviation (see ``standardize``); the labels are
        one-hot. See ``data/README.md`` for both.
    folder : path, optional
        Folder holding the CSV files; defaults to ``data_dir()``.

    Returns
    -------
    X_train, Y_train, X_test, Y_test : ndarray
        circles: X (2, 300) and (2, 100), Y of int (1, 300) and (1, 100), 0/1 labels.
        digits: X (64, 1200) and (64, 597), Y of int (10, 1200) and (10, 597), one-hot:
        ``Y[k, i] == 1`` when image i shows the digit k.
    """
    name = valid_choice("name", name, DATASETS)
    folder = data_dir() if folder is None else folder
    X_train, Y_train = _read_checked(*DATASETS[name]["train"], folder)
    X_test, Y_test = _read_checked(*DATASETS[name]["test"], folder)
    if name == "digits":
        X_train, X_test = standardize(X_train, X_test)
        Y_train, Y_test = one_hot(Y_train, 10), one_hot(Y_test, 10)
    return X_train, Y_train, X_test, Y_test
