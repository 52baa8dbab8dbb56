"""Fixtures for the instructor's tests."""

import shutil

import pytest
from grading_helpers import NB01, NB02, ROOT

from tools.notebook_format import solutions


@pytest.fixture(scope="session")
def course_01_02(tmp_path_factory):
    """An instructor folder holding only notebooks 01 and 02 (faster to grade)."""
    folder = tmp_path_factory.mktemp("course")
    for name in (NB01, NB02):
        shutil.copy(ROOT / "notebooks" / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def right():
    return solutions()
