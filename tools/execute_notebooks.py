"""Execute notebooks in place, top to bottom, each in a fresh kernel.

    python tools/execute_notebooks.py notebooks/*.ipynb

This is how the committed outputs are produced; ``pytest --nbval`` then checks that a fresh
run reproduces them. Prints each notebook's run time.
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path):
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    elapsed = time.perf_counter() - start
    for cell in nb.cells:  # keep the files small and free of per-run noise
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return elapsed


if __name__ == "__main__":
    total = 0.0
    for name in sys.argv[1:]:
        seconds = execute(name)
        total += seconds
        print(f"{name}: {seconds:.1f} s")
    print(f"total: {total:.1f} s")
