"""Regenerate the handwritten-digits dataset used by notebook 06.

The images are scikit-learn's copy of the UCI "Optical Recognition of Handwritten Digits" data
(``sklearn.datasets.load_digits``): 1797 images of 8x8 pixels, each pixel a count from 0 to 16,
labelled 0 to 9. They are split once, stratified by digit, into 1200 training and 597 test
images with ``train_test_split(..., random_state=0)``, and written as whole numbers, so the
files are small and read back exactly.

scikit-learn is needed only to run this script, never to run the course::

    pip install scikit-learn
    python data/make_digits_data.py
"""

import hashlib
from pathlib import Path

from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

HERE = Path(__file__).resolve().parent
N_TRAIN = 1200
SEED = 0


def write_split(name, images, labels):
    path = HERE / f"digits_{name}.csv"
    header = [f"pixel_{r}_{c}" for r in range(8) for c in range(8)] + ["digit"]
    with path.open("w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for pixels, label in zip(images, labels, strict=True):
            f.write(",".join(str(int(p)) for p in pixels) + f",{int(label)}\n")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    print(f"{path.name}: {len(labels)} rows, sha256 {digest}")


if __name__ == "__main__":
    digits = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(
        digits.data, digits.target, train_size=N_TRAIN, stratify=digits.target,
        random_state=SEED)
    write_split("train", X_train, y_train)
    write_split("test", X_test, y_test)
