"""The circles data: identical to the classic one, checked by SHA-256, never downloaded."""

import csv
import shutil
from pathlib import Path

import numpy as np
import pytest

from initlib import load_dataset
from initlib.data import data_dir


def test_shapes_and_balance(circles):
    X, Y, X_test, Y_test = circles
    assert X.shape == (2, 300) and Y.shape == (1, 300)
    assert X_test.shape == (2, 100) and Y_test.shape == (1, 100)
    assert Y.sum() == 150 and Y_test.sum() == 50
    assert X.dtype == np.float64 and set(np.unique(Y)) == {0, 1}


def test_readable_without_initlib():
    with open(data_dir() / "circles_train.csv", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["x1", "x2", "y"]
    assert len(rows) == 301
    X, _, _, _ = load_dataset()
    assert float(rows[1][0]) == X[0, 0]


def test_points_lie_on_two_circles(circles):
    X, Y, _, _ = circles
    radius = np.linalg.norm(X, axis=0)
    assert abs(radius[Y[0] == 0].mean() - 1.0) < 0.02  # outer circle
    assert abs(radius[Y[0] == 1].mean() - 0.8) < 0.02  # inner circle, factor 0.8


def test_missing_file_names_it_and_the_fix(tmp_path):
    shutil.copy(data_dir() / "circles_train.csv", tmp_path)
    with pytest.raises(FileNotFoundError) as info:
        load_dataset("circles", folder=tmp_path)
    assert "circles_test.csv" in str(info.value) and "make_circles_data.py" in str(info.value)


def test_altered_file_is_refused(tmp_path):
    for name in ("circles_train.csv", "circles_test.csv"):
        shutil.copy(data_dir() / name, tmp_path)
    path = Path(tmp_path) / "circles_train.csv"
    path.write_text(path.read_text().replace(",1\n", ",0\n", 1))
    with pytest.raises(ValueError) as info:
        load_dataset("circles", folder=tmp_path)
    assert "circles_train.csv" in str(info.value) and "altered" in str(info.value)


def test_the_data_folder_can_be_overridden_at_call_time(tmp_path, monkeypatch):
    """INITLIB_DATA_DIR is read when the data is loaded, not when initlib is imported."""
    for name in ("circles_train.csv", "circles_test.csv"):
        shutil.copy(data_dir() / name, tmp_path)
    monkeypatch.setenv("INITLIB_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path
    (tmp_path / "circles_test.csv").unlink()
    with pytest.raises(FileNotFoundError, match=str(tmp_path)):
        load_dataset("circles")
