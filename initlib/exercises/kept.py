"""Answers that keep a value from one call to the next (a global, a cache, a default
argument): what each exercise's answer would be with a value of an earlier call in place of
this call's. The judges get the earlier calls' arguments as ``case["earlier_args"]``
(``Exercise.verdict``). Used by exercises 2.2, 4.1 and 6.1 (notebooks 02, 04, 06).
"""

import math

import numpy as np

from .._protocol import build
from .exercise import Wrong


def judge_kept_std(got, expected, args, earlier_args, where):
    """``Wrong`` when the answer is the std for this call with one argument (or all) taken
    from an earlier call: a value kept between calls."""
    scale, n, L = args
    for earlier in earlier_args:
        if len(earlier) != 3 or list(earlier) == list(args) or not all(
                isinstance(x, (int, float)) and x > 0 for x in earlier[:2]):
            continue
        s_e, n_e, L_e = earlier
        values = {"scale": s_e, "n": n_e, "L": L_e}
        try:
            swaps = ((expected * (s_e / scale) ** L, "scale"),
                     (expected * (n_e / n) ** (L / 2), "n"),
                     ((scale * math.sqrt(n)) ** L_e if L_e >= 0 else math.nan, "L"),
                     ((s_e * math.sqrt(n_e)) ** L_e if L_e >= 0 else math.nan, "answer"))
        except (OverflowError, ZeroDivisionError):
            continue
        for value, which in swaps:
            if not (isinstance(value, float) and math.isfinite(value)
                    and math.isclose(got, value, rel_tol=1e-9)
                    and not math.isclose(value, expected, rel_tol=1e-9)
                    and not math.isclose(value, 1.0, rel_tol=1e-9)):  # 1 says too little
                continue
            what = ("the answer of an earlier call, returned again" if which == "answer" else
                    f"the std with the {which} of an earlier call ({values[which]:g})")
            raise Wrong(f"your answer is {what}: a value kept between calls (a global, a cache "
                        "keyed on the wrong arguments, a default argument); compute from the "
                        "scale, n and L of each call", where)


def judge_kept_rms(factor, rms, earlier_args, where):
    """``Wrong`` when the factor is measured from this call's rms and an end kept from an
    earlier call: its first (or last) rms."""
    steps = len(rms) - 1
    for args in earlier_args:
        if len(args) != 2 or not isinstance(args[0], list) or not args[0] or list(args[0]) == list(
                rms):
            continue
        for end, kept in (("first", args[0][0]), ("last", args[0][-1])):
            mine = (rms[-1] / kept if end == "first" else kept / rms[0])
            if kept > 0 and mine > 0 and steps > 0 and math.isclose(
                    factor, mine ** (1 / steps), rel_tol=1e-9):
                raise Wrong(f"your factor uses the {end} rms of an earlier call ({kept:g}), kept "
                            "between calls (a global, a cache, a default argument such as "
                            "first=[]), not this call's rms: compute everything from the rms "
                            "you are given on each call", where)


def judge_pooled_rms(factor, rms, earlier_args, where):
    """``Wrong`` when the factor is the geometric mean of the ratios of this call and of the
    earlier calls together: ratios collected in a list kept between calls."""
    logs = []
    for args in earlier_args:
        if len(args) == 2 and isinstance(args[0], list) and len(args[0]) > 1 and all(
                isinstance(r, (int, float)) and r > 0 for r in args[0]):
            logs += [math.log(b / a) for a, b in zip(args[0][:-1], args[0][1:], strict=True)]
    if not logs or factor <= 0 or len(rms) < 2 or min(rms) <= 0:
        return
    for pooled in (logs + [math.log(b / a) for a, b in zip(rms[:-1], rms[1:], strict=True)],):
        if math.isclose(math.log(factor), math.fsum(pooled) / len(pooled), rel_tol=1e-9,
                        abs_tol=1e-12):
            raise Wrong("your factor is the geometric mean of this call's ratios AND those of "
                        "the earlier calls: the ratios are collected in a list kept between "
                        "calls (a global, or a default argument such as ratios=[]); start a new "
                        "list inside the function on every call", where)


def kept_mistakes(activation, z, earlier_args):
    """(gain, explanation) of answers that kept an earlier call's draws, activation or gain."""
    def gain(f, draws):
        with np.errstate(all="ignore"):
            return float(1 / np.sqrt(np.mean(f(draws) ** 2)))
    kept = "kept between calls (a global, a cache, a default argument)"
    for args in list(earlier_args)[-12:]:
        if len(args) != 2:
            continue
        try:
            earlier_activation, earlier_z = build(args)
        except (TypeError, ValueError, KeyError):
            continue
        yield gain(activation, earlier_z), (
            f"your gain is this activation's on the draws z of an earlier call, {kept}: "
            "average over the z each call is given")
        yield gain(earlier_activation, z), (
            f"your gain is an earlier call's activation on this call's z, {kept}: apply the "
            "activation each call is given")
        yield gain(earlier_activation, earlier_z), (
            f"your gain is the one of an earlier call, {kept} and returned again: compute "
            "it from each call's own activation and z")
