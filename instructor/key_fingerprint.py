"""The key's fingerprint: how two TAs check that they hold the same key, never the key itself.

    python -m instructor.key_fingerprint [--key PATH]      (make key-fingerprint KEY=PATH)

Each run of the grader writes ``key_fingerprint.txt`` beside its ``scores.csv``. The
fingerprint is a digest of the grader's seed (itself a digest of the key) under a label of its
own: the same key always gives the same fingerprint, and the fingerprint tells nothing of the
seed or the further cases. The grader refuses to grade with a key whose fingerprint differs
from the one written beside earlier grades of the same course.
"""

import argparse
import hashlib
import sys
from pathlib import Path

from .further_cases import DEFAULT_KEY, KeyProblem, load_key

FILE = "key_fingerprint.txt"


def fingerprint(seed):
    """The fingerprint of ``seed`` (the grader's seed, an int below 2**128): 16 hex digits
    in groups of four, "3f2a-9b1c-07de-55a0"."""
    digest = hashlib.sha256(b"initlib key fingerprint\0" + seed.to_bytes(16, "big"))
    text = digest.hexdigest()[:16]
    return "-".join(text[k:k + 4] for k in range(0, 16, 4))


def write(folder, seed):
    """``folder/key_fingerprint.txt``: the fingerprint on its first line, then what it is."""
    (Path(folder) / FILE).write_text(
        f"{fingerprint(seed)}\n"
        "the fingerprint of the key these grades' further cases were drawn from (not the key):\n"
        "python -m instructor.key_fingerprint --key PATH prints a key's, to compare\n",
        encoding="utf-8")


def read(folder):
    """The fingerprint written in ``folder`` ("" when there is none)."""
    path = Path(folder) / FILE
    if not path.is_file():
        return ""
    return path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0].strip()


def disagreeing(folders, seed):
    """[(folder, its fingerprint)] of ``folders`` whose grades were drawn from another key."""
    mine = fingerprint(seed)
    return [(folder, read(folder)) for folder in folders if read(folder) not in ("", mine)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--key", type=Path, default=DEFAULT_KEY,
                        help=f"the key file (default {DEFAULT_KEY})")
    args = parser.parse_args(argv)
    try:
        seed, _ = load_key(args.key, create=False)
    except KeyProblem as error:
        print(f"No fingerprint: {error}", file=sys.stderr)
        return 2
    print(fingerprint(seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
