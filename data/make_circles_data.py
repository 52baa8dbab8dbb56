"""Regenerate the circles dataset used by the course.

The files are the classic "Initialization" exercise data: 300 training points drawn after
``np.random.seed(1)`` and 100 test points drawn after ``np.random.seed(2)``, both with
scikit-learn's ``make_circles(noise=0.05)`` (factor left at its default of 0.8).

scikit-learn is needed only to run this script, never to run the course::

    pip install scikit-learn
    python data/make_circles_data.py

The values are written with 17 significant digits, so reading them back gives the exact
float64 numbers that ``make_circles`` produced.
"""

import hashlib
from pathlib import Path

import numpy as np
from sklearn.datasets import make_circles

HERE = Path(__file__).resolve().parent


def write_split(name, seed, n_samples):
    np.random.seed(seed)
    X, y = make_circles(n_samples=n_samples, noise=0.05)
    path = HERE / f"circles_{name}.csv"
    with path.open("w", newline="\n") as f:
        f.write("x1,x2,y\n")
        for (x1, x2), label in zip(X, y, strict=True):
            f.write(f"{float(x1)!r},{float(x2)!r},{int(label)}\n")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    print(f"{path.name}: {n_samples} rows, sha256 {digest}")


if __name__ == "__main__":
    write_split("train", seed=1, n_samples=300)
    write_split("test", seed=2, n_samples=100)
