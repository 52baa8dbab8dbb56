"""How well the exercise judges name mistakes they were not written for, and whether answers
written for the visible cases alone keep their points.

    python benchmarks/heldout.py A          # held-out set A (benchmarks/heldout_a.py)
    python benchmarks/heldout.py B --keys 30

A set is a module holding, for each exercise number, ``WRONG``: wrong answers with a regular
expression that a hint naming the mistake must match, and ``OVERFIT``: answers written to pass
the visible cases only. Each answer goes through the notebook's check (the visible cases, as
``initlib.checks`` runs them) and, when it passes there, through the grader's further cases
for ``--keys`` grader seeds (``instructor.exercises.draw_further_cases``).

Per exercise it prints: wrong answers caught (failing the check, or the further cases of every
key), named (the first message the student would read matches the answer's pattern: the
check's hint without the case's numbers, or the grader's on every key), and overfits that
fail the further cases of every key (an overfit that already fails the check fails for every
key: the visible cases are graded too). Each miss is listed below the table with the message it got.
"""

import argparse
import functools
import importlib.util
import re
import sys
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from initlib._protocol import call_record  # noqa: E402 - after the repository is on the path
from initlib.checks import _verdict  # noqa: E402
from instructor.exercises import by_number, draw_further_cases  # noqa: E402
from instructor.judge import further_reason  # noqa: E402


def load_set(name):
    path = HERE / f"heldout_{name.lower()}.py"
    spec = importlib.util.spec_from_file_location(f"heldout_{name.lower()}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def further_cases(number, key):
    return draw_further_cases(by_number(number), key)


def further_messages(exercise, answer, keys):
    """For each key: the message of the first further case the answer fails, or None."""
    messages = []
    for key in range(keys):
        found = None
        cases = [*exercise.visible, *further_cases(exercise.number, key)]
        for k, case in enumerate(cases[len(exercise.visible):], len(exercise.visible)):
            wrong = exercise.verdict(case, [call_record(answer, c) for c in case["calls"]],
                                     cases[:k])
            if wrong is not None:
                found = further_reason(case, wrong)
                break
        messages.append(found)
    return messages


def judge_wrong(exercise, answer, pattern, keys):
    """(caught, named, message shown)."""
    wrong = _verdict(exercise.student, answer)
    if wrong is not None:  # the hint itself must name it, not the case's numbers beside it
        return True, re.search(pattern, wrong.what) is not None, wrong.message()
    messages = further_messages(exercise, answer, keys)
    caught = all(m is not None for m in messages)
    named = caught and all(re.search(pattern, m) is not None for m in messages)
    shown = next((m for m in messages if m is None or not re.search(pattern, m)), messages[0])
    return caught, named, f"[passed the check; further] {shown}"


def judge_overfit(exercise, answer, keys):
    """(passes the check, number of keys whose further cases it fails, a message)."""
    wrong = _verdict(exercise.student, answer)
    if wrong is not None:
        return False, 0, f"[fails the check] {wrong.message()}"
    messages = further_messages(exercise, answer, keys)
    failing = sum(m is not None for m in messages)
    return True, failing, next((m for m in messages if m is not None), "never caught")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("set", help="A, B, C, D or E: benchmarks/heldout_<set>.py")
    parser.add_argument("--keys", type=int, default=20, help="grader seeds tried (default 20)")
    parser.add_argument("--only", default=None, help="one exercise number, e.g. 2.2")
    args = parser.parse_args(argv)
    held = load_set(args.set)
    warnings.simplefilter("ignore")
    rows, misses = [], []
    totals = [0] * 6
    for number in sorted(held.WRONG, key=lambda n: tuple(map(int, n.split(".")))):
        if args.only and number != args.only:
            continue
        exercise = by_number(number)
        caught = named = 0
        for answer, pattern in held.WRONG[number]:
            c, n, message = judge_wrong(exercise, answer, pattern, args.keys)
            caught, named = caught + c, named + n
            if not n:
                misses.append(f"{number} {answer.__name__}: {'' if c else 'NOT CAUGHT '}"
                              f"{message[:220]}")
        overfits = held.OVERFIT.get(number, [])
        failing = 0
        for answer in overfits:
            passes, keys_failed, message = judge_overfit(exercise, answer, args.keys)
            failing += not passes or keys_failed == args.keys  # the check is part of each key
            if passes and keys_failed < args.keys:
                misses.append(f"{number} overfit {answer.__name__}: "
                              f"{keys_failed}/{args.keys} keys; {message[:200]}")
        count = len(held.WRONG[number])
        rows.append(f"{number:>5} {caught:>3}/{count:<3} {named:>3}/{count:<3} "
                    f"{failing:>3}/{len(overfits)}")
        for k, v in enumerate((caught, count, named, count, failing, len(overfits))):
            totals[k] += v
    print(f"held-out set {args.set}, {args.keys} grader keys")
    print("exercise caught   named  overfits failing every key")
    print("\n".join(rows))
    print(f"  all {totals[0]:>3}/{totals[1]:<3} {totals[2]:>3}/{totals[3]:<3} "
          f"{totals[4]:>3}/{totals[5]}")
    if misses:
        print("\nnot named, or overfits that keep points:")
        print("\n".join(f"  {m}" for m in misses))


if __name__ == "__main__":
    main()
