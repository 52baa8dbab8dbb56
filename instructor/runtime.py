"""The minimal, read-only runtime a sandbox sees: what the worker's Python needs, and no more.

Bound read-only: the Python binary and its shared library, its standard library (with its own
``site-packages`` hidden), numpy and the packages a notebook's imports load (matplotlib and
its dependencies, found by importing them once), the system libraries all of these link to
(found with ``ldd``, each file bound alone, with the links that lead to it), and the
loader's cache. Not bound: the rest of ``/usr`` (so not ``/usr/local/share``, where nbgrader
keeps its exchange), ``/etc``, ``/home``, ``/root``, the repository, other submissions.
"""

import functools
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

SITE = "/grader/site"  # where the packages appear inside the sandbox
PACKAGES = "import numpy, matplotlib, matplotlib.pyplot"  # what a notebook may import
UNUSED = ("__editable__", "_distutils_hack", "initlib")


def python_binary():
    """The Python that runs the worker: the real file, not a virtualenv's link to it."""
    return os.path.realpath(sys.executable)


@functools.lru_cache(maxsize=1)
def packages():
    """{top-level name: folder or file} of the installed packages that ``PACKAGES`` loads."""
    probe = ("import sys\n" + PACKAGES + "\nfor m in list(sys.modules.values()):\n"
             "    print(getattr(m, '__file__', None) or '')")
    result = subprocess.run([sys.executable, "-I", "-c", probe], capture_output=True,
                            text=True, env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})
    found = {}
    for line in result.stdout.splitlines():
        if "site-packages/" not in line:
            continue
        site, _, rest = line.partition("site-packages/")
        top = rest.split("/")[0]
        if top.startswith(UNUSED):
            continue
        found[top] = Path(site, "site-packages", top)
        libs = Path(site, "site-packages", f"{top}.libs")  # a wheel's bundled libraries
        if libs.is_dir():
            found[libs.name] = libs
    return {name: path for name, path in found.items() if path.exists()}


def _linked(files):
    """The shared libraries ``files`` link to, as ``ldd`` finds them."""
    found = set()
    for start in range(0, len(files), 200):
        result = subprocess.run(["ldd", *files[start:start + 200]], capture_output=True,
                                text=True)
        for line in result.stdout.splitlines():
            for word in line.split():
                if word.startswith("/") and ".so" in word:
                    found.add(word)
    return found


def _reach(path, links, binds):
    """Bind ``path`` read-only at its own place, with each link on the way to it."""
    path = Path(path)
    for _ in range(40):
        current = Path("/")
        for k, part in enumerate(path.parts[1:], start=1):
            current = current / part
            if current.is_symlink():
                target = os.readlink(current)
                links[str(current)] = target
                path = Path(os.path.normpath(current.parent / target), *path.parts[k + 1:])
                break
        else:
            binds.add(str(path))
            return


@functools.lru_cache(maxsize=1)
def binds():
    """bwrap arguments that make the minimal runtime, and the worker's import path inside."""
    stdlib = Path(sysconfig.get_paths(vars={"installed_base": sys.base_prefix,
                                            "base": sys.base_prefix})["stdlib"])
    objects = [python_binary()]
    for folder in [stdlib / "lib-dynload", *packages().values()]:
        if folder.is_dir():
            objects += [str(p) for p in folder.rglob("*.so*")
                        if p.is_file() and not p.name.startswith("_tkinter")]
    links, files, site = {}, set(), dict(packages())
    for library in _linked(objects) | {python_binary()}:
        library = os.path.normpath(library)
        if "/site-packages/" in library:  # a wheel's bundled libraries: bound with it
            top = Path(library.split("/site-packages/")[0], "site-packages",
                       library.split("/site-packages/")[1].split("/")[0])
            site.setdefault(top.name, top)
            continue
        _reach(library, links, files)
    args = []
    for link, target in sorted(links.items()):
        args += ["--symlink", target, link]
    args += ["--ro-bind", str(stdlib), str(stdlib)]
    if (stdlib / "site-packages").is_dir():  # the base Python's own packages: not for students
        args += ["--tmpfs", str(stdlib / "site-packages"),
                 "--remount-ro", str(stdlib / "site-packages")]
    for file in sorted(files):
        if not file.startswith(str(stdlib) + "/"):
            args += ["--ro-bind", file, file]
    if os.path.exists("/etc/ld.so.cache"):
        args += ["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    for name, path in sorted(site.items()):
        args += ["--ro-bind", str(path), f"{SITE}/{name}"]
    return args
