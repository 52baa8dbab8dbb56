"""Execute notebooks in place, top to bottom, each in a fresh kernel.

    python tools/execute_notebooks.py [--all] notebooks/*.ipynb

This is how the committed outputs are produced; ``pytest --nbval`` then checks that a fresh
run reproduces them. A notebook is executed only when its cells' sources differ from those it
was last executed with (a fingerprint kept in its metadata), unless ``--all`` is given (after a
change to ``initlib`` that alters outputs; ``make test`` finds such a notebook). After a run,
the file is written only if something other than per-run noise changed (widget ids, how a
stream's text was cut into chunks), so an unchanged notebook stays byte-identical. Prints each
notebook's run time.
"""

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def fingerprint(nb):
    """SHA-256 of the cells' types and sources: what an execution depends on in the notebook."""
    cells = [[cell.cell_type, cell.source] for cell in nb.cells]
    return hashlib.sha256(json.dumps(cells).encode()).hexdigest()


def merged_streams(outputs):
    """Consecutive stream outputs of one name joined: the split depends on timing, not code."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            previous["text"] += output["text"]
        else:
            merged.append(output)
    return merged


def without_noise(nb):
    """The notebook as JSON data with what differs from run to run blanked (widget ids)."""
    data = json.loads(nbformat.writes(nb))
    for cell in data["cells"]:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if isinstance(view, dict):
                view["model_id"] = ""
    data["metadata"].pop("widgets", None)
    return data


def execute(path, force=False):
    """Run ``path`` if its sources changed (or ``force``); seconds taken, or None if skipped."""
    old = nbformat.read(path, as_version=4)
    nb = nbformat.read(path, as_version=4)
    course = nb.metadata.setdefault("course", {})
    if not force and course.get("executed_sources") == fingerprint(nb):
        return None
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    elapsed = time.perf_counter() - start
    for cell in nb.cells:  # keep the files small and free of per-run noise
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merged_streams(cell.outputs)
    nb.metadata.pop("widgets", None)
    course["executed_sources"] = fingerprint(nb)
    if without_noise(nb) != without_noise(old):
        nbformat.write(nb, path)
    return elapsed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--all", action="store_true", help="execute even unchanged notebooks")
    args = parser.parse_args(argv)
    total = 0.0
    for name in args.notebooks:
        seconds = execute(name, force=args.all)
        if seconds is None:
            print(f"{name}: unchanged since its last run (--all to run it anyway)")
            continue
        total += seconds
        print(f"{name}: {seconds:.1f} s")
    print(f"total: {total:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
