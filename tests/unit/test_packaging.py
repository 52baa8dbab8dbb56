"""Packaging: the wheel carries the data (circles and digits), and environment.yml (conda) and
pyproject.toml (pip) describe the same environment."""

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]


def package_name(requirement):
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower()


def conda_packages():
    names, comments = set(), []
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.match(r"\s*-\s+([A-Za-z0-9_.-]+)\s*=", line)
        if match:
            names.add(match.group(1).lower())
            comments.append("#" in line)
    return names, comments


def test_runtime_packages_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {package_name(r) for r in project["dependencies"]}
    extras = project["optional-dependencies"]
    dev = {
        package_name(r)
        for r in extras["dev"] + extras["instructor"]  # dev includes the instructor extra
        if "python_version" not in r  # backports for old Pythons only
    } - {project["name"]}
    conda, _ = conda_packages()
    assert runtime <= conda, f"missing from environment.yml: {runtime - conda}"
    assert dev <= conda, f"dev tools missing from environment.yml: {dev - conda}"
    extra = conda - runtime - dev - {"python", "pip"}
    assert not extra, f"environment.yml has packages pyproject.toml does not: {extra}"


def test_every_conda_line_is_pinned_and_commented():
    text = (ROOT / "environment.yml").read_text()
    pinned = re.findall(r"^\s*-\s+[A-Za-z0-9_.-]+=([0-9][^\s#]*)", text, flags=re.M)
    names, comments = conda_packages()
    assert len(pinned) == len(names) and all(comments)
    assert "conda-forge" in text


@pytest.mark.slow
def test_pip_install_then_load_the_data_from_any_folder(tmp_path, built_wheel):
    """``pip install`` of the wheel into a new virtual environment; load_dataset works from
    another folder."""
    wheel = built_wheel
    venv.create(tmp_path / "env", with_pip=True)
    python = tmp_path / "env" / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    numpy_dir = Path(__import__("numpy").__file__).parent.parent  # numpy, without initlib
    env = {k: v for k, v in os.environ.items() if k != "INITLIB_DATA_DIR"}
    env["PYTHONPATH"] = str(numpy_dir)
    script = ("import initlib.data as d\n"
              "print(d.__file__)\n"
              "for name in ('circles', 'digits'):\n"
              "    X, Y, Xt, Yt = d.load_dataset(name)\n"
              "    print(X.shape, Y.shape, Xt.shape, Yt.shape, Y.sum())\n"
              "import initlib.checks as c; print(len(c.__all__) > 2)")
    out = subprocess.run([python, "-c", script], cwd=elsewhere, env=env, check=True,
                         capture_output=True, text=True).stdout.splitlines()
    assert out[0].startswith(str(tmp_path / "env")), out
    assert out[1] == "(2, 300) (1, 300) (2, 100) (1, 100) 150"
    assert out[2] == "(64, 1200) (10, 1200) (64, 597) (10, 597) 1200"  # one-hot: one 1 each
    assert out[3] == "True"  # the exercises subpackage ships too
