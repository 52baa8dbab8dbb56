"""The course's claims, each registered once with the code that checks it.

``show("02.scale-one-first")`` is what a notebook calls: it measures the claim at the
notebook's own scope, prints the sentence with its evidence, and returns the evidence (so a
figure can draw the same runs). ``make claims`` (``tools/claims.py``) measures every claim
again under stresses and writes the report page "How sure are we?".

One or more modules per notebook (``nb02_random_initialization.py``, ``nb02_scale_ten.py``, ...:
any module named ``nbNN_*``), each with a list ``CLAIMS``.
"""

import importlib
import pkgutil
import re

from .claim import FRESH_SEED_START, STRESSES, Claim, Scope

MODULE_NAME = re.compile(r"nb(\d\d)_\w+")


def _collect():
    found = {}
    for info in pkgutil.iter_modules(__path__):
        match = MODULE_NAME.fullmatch(info.name)
        if match is None:
            continue
        module = importlib.import_module(f".{info.name}", __name__)
        for claim in module.CLAIMS:
            if claim.notebook != match.group(1):
                raise ValueError(f"{info.name}.py holds claim {claim.id}, which belongs to "
                                 f"notebook {claim.notebook}")
            if claim.id in found:
                raise ValueError(f"claim {claim.id} is registered twice")
            found[claim.id] = claim
    return dict(sorted(found.items()))


CLAIMS = _collect()


def evaluate(claim_id, scope=None):
    """(evidence, holds) of a claim at ``scope`` (default: the notebook's own)."""
    if claim_id not in CLAIMS:
        raise ValueError(f"claim_id must be one of the registered claims, got {claim_id!r}")
    claim = CLAIMS[claim_id]
    evidence = claim.measure(claim.scope if scope is None else scope)
    return evidence, bool(claim.holds(evidence))


def show(claim_id):
    """Print a claim's sentence and its evidence at the notebook's scope; return the evidence.

    Used in every notebook.
    """
    claim = CLAIMS.get(claim_id)
    evidence, holds = evaluate(claim_id)
    verdict = "holds" if holds else "DOES NOT HOLD"
    print(f"Claim {claim.id} ({verdict} on {claim.scope.describe()}): {claim.sentence}")
    print(claim.report(evidence))
    return evidence


__all__ = ["CLAIMS", "FRESH_SEED_START", "STRESSES", "Claim", "Scope", "evaluate", "show"]
