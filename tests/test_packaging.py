"""environment.yml (conda) and pyproject.toml (pip) describe the same environment."""

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


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
    dev = {
        package_name(r)
        for r in project["optional-dependencies"]["dev"]
        if "python_version" not in r  # backports for old Pythons only
    }
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
