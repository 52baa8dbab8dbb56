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


# --- the digits (notebook 06) --------------------------------------------------------------


@pytest.fixture(scope="module")
def digits():
    return load_dataset("digits")


def raw_pixels(name):
    table = np.loadtxt(data_dir() / f"digits_{name}.csv", delimiter=",", skiprows=1, ndmin=2)
    return table[:, :-1].T, table[:, -1].astype(np.int64)


def test_digits_shapes_and_one_hot_labels(digits):
    X, Y, X_test, Y_test = digits
    assert X.shape == (64, 1200) and Y.shape == (10, 1200)
    assert X_test.shape == (64, 597) and Y_test.shape == (10, 597)
    for labels, (_, digit) in ((Y, raw_pixels("train")), (Y_test, raw_pixels("test"))):
        assert labels.dtype == np.int64 and set(np.unique(labels)) == {0, 1}
        assert (labels.sum(axis=0) == 1).all()
        assert np.array_equal(labels.argmax(axis=0), digit)


def test_digits_split_is_stratified_and_disjoint():
    pixels_train, digit_train = raw_pixels("train")
    pixels_test, digit_test = raw_pixels("test")
    assert np.bincount(digit_train).min() >= 116 and np.bincount(digit_train).max() <= 122
    assert np.bincount(digit_test).min() >= 58 and np.bincount(digit_test).max() <= 61
    assert pixels_train.min() == 0 and pixels_train.max() == 16
    assert (pixels_train == np.rint(pixels_train)).all()
    # 1797 images in all, as in scikit-learn's load_digits
    assert pixels_train.shape[1] + pixels_test.shape[1] == 1797


def test_digits_are_standardized_with_the_training_statistics(digits):
    X, _, X_test, _ = digits
    raw, _ = raw_pixels("train")
    raw_test, _ = raw_pixels("test")
    mean, std = raw.mean(axis=1, keepdims=True), raw.std(axis=1, keepdims=True)
    constant = std[:, 0] == 0
    assert 0 < constant.sum() < 64  # a few corner pixels are always 0 in the training set
    assert np.allclose(X.mean(axis=1), 0, atol=1e-12)
    assert np.allclose(X.std(axis=1)[~constant], 1, atol=1e-12)
    assert (X[constant] == 0).all()
    expected_test = (raw_test - mean) / np.where(constant[:, None], 1.0, std)
    assert np.allclose(X_test, expected_test, atol=1e-12)
    assert abs(X_test.std() - 1) > 1e-3  # the test set was not standardized by its own std


def test_digits_file_altered_or_missing_names_the_digits_script(tmp_path):
    for name in ("digits_train.csv", "digits_test.csv"):
        shutil.copy(data_dir() / name, tmp_path)
    path = Path(tmp_path) / "digits_test.csv"
    path.write_text(path.read_text().replace(",0,", ",1,", 1))
    with pytest.raises(ValueError) as info:
        load_dataset("digits", folder=tmp_path)
    assert "digits_test.csv" in str(info.value) and "make_digits_data.py" in str(info.value)
    path.unlink()
    with pytest.raises(FileNotFoundError, match="make_digits_data.py"):
        load_dataset("digits", folder=tmp_path)


def test_unknown_dataset_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"name='mnist' is not known.*'circles', 'digits'"):
        load_dataset("mnist")
