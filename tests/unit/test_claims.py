"""The claims registry: every claim cited where it is shown, every citation registered.

A notebook shows a claim's evidence with ``claims.show("<id>")`` in a code cell, and may mark
a sentence of its text that states the claim with ``<!-- claim: <id> -->`` after a cell that
shows it. ``make claims`` runs the stresses; here only the bookkeeping and the scopes are held
(the measurements themselves are the notebooks' and the suite's).
"""

import json
import re

import pytest

from initlib.claims import CLAIMS, STRESSES, Claim, Scope
from tools.notebook_format import course_notebooks, source

SHOWN = re.compile(r"""claims\.show\(\s*["']([\w.-]+)["']""")
MARKED = re.compile(r"<!--\s*claim:\s*([\w.-]+)\s*-->")
NOTEBOOKS = course_notebooks()


def citations(path):
    """[(kind, claim id, cell index)] in a notebook, in order."""
    found = []
    for index, cell in enumerate(json.loads(path.read_text())["cells"]):
        kind = cell.get("cell_type")
        pattern = SHOWN if kind == "code" else MARKED
        found += [(kind, m.group(1), index) for m in pattern.finditer(source(cell))]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_citation_is_a_registered_claim_of_its_notebook_shown_above(path):
    shown = set()
    for kind, claim_id, index in citations(path):
        assert claim_id in CLAIMS, f"{path.name} cell {index} cites unknown claim {claim_id}"
        assert CLAIMS[claim_id].notebook == path.name[:2], (
            f"{path.name} cell {index} cites {claim_id}, a claim of another notebook")
        if kind == "code":
            shown.add(claim_id)
        else:
            assert claim_id in shown, (f"{path.name} cell {index} marks {claim_id} before a "
                                       "cell shows its evidence")


def test_every_registered_claim_is_shown_by_its_notebook():
    shown = {claim_id for path in NOTEBOOKS for kind, claim_id, _ in citations(path)
             if kind == "code"}
    assert sorted(set(CLAIMS) - shown) == []


def test_claims_say_why_a_stress_does_not_apply():
    for claim in CLAIMS.values():
        said = [*claim.stresses, *claim.skipped, *claim.beyond]
        assert sorted(said) == sorted(STRESSES), claim.id  # each stress in exactly one place
        if {"2x budget", "4x budget"} & set(claim.stresses):
            assert claim.scope.budget, f"{claim.id} is stressed by budget but has none"


def test_stressed_scopes():
    scope = Scope(seeds=range(3), budget=500)
    fresh = scope.stressed("fresh seeds")
    assert len(fresh.seeds) == 10 and min(fresh.seeds) >= 1000
    assert scope.stressed("4x budget").budget == 2000
    assert scope.stressed("all data").data == "all"
    with pytest.raises(ValueError, match="stress must be one of"):
        scope.stressed("more")
    with pytest.raises(ValueError, match="data must be"):
        Scope(data="half")


def test_a_claim_must_account_for_every_stress():
    with pytest.raises(ValueError, match="'all data' must be in exactly one of"):
        Claim(id="09.x", sentence="", scope=Scope(), measure=None, holds=None, report=None,
              stresses=("fresh seeds", "2x budget", "4x budget"))


def test_a_scope_says_what_it_covers():
    assert Scope(seeds=range(3), budget=500).describe() == "3 seeds (seeds 0-2), 500 steps"
    assert Scope(seeds=(), budget=15000).describe() == "no random draw, 15000 steps"
    assert Scope(seeds=(), budget=15000).stressed("4x budget").describe() == (
        "no random draw, 60000 steps")


def test_claims_that_read_the_same_runs_are_measured_once():
    from tools.claims import measurements, shared

    sweep = [CLAIMS["02.scale-one-first"], CLAIMS["02.scale-ten-last"]]
    groups = shared(measurements(sweep))
    assert len(groups) == 1 + len(sweep[0].stresses)
    assert all([claim for claim, _ in members] == ["02.scale-one-first", "02.scale-ten-last"]
               for _, members in groups)


def test_a_stress_is_applied_skipped_or_beyond_the_sentence_exactly_once():
    from initlib.claims.claim import Claim

    def make(**places):
        return Claim(id="00.x", sentence="s", scope=Scope(seeds=range(1), budget=10),
                     measure=dict, holds=bool, report=str, **places)

    make(stresses=("fresh seeds", "2x budget", "4x budget"), beyond={"all data": "why"})
    with pytest.raises(ValueError, match="exactly one of"):
        make(stresses=STRESSES, beyond={"all data": "why"})
    with pytest.raises(ValueError, match="exactly one of"):
        make(stresses=("fresh seeds",), skipped={"2x budget": "why", "4x budget": "why"})
    with pytest.raises(ValueError, match="unknown stresses"):
        make(beyond={"half data": "why"})


def test_a_stress_beyond_the_sentence_is_reported_and_never_fails_the_suite():
    from tools.claims import page

    claim = next(c for c in CLAIMS.values() if c.beyond)
    stress = next(iter(claim.beyond))
    rows = [{"claim": claim.id, "stress": "notebook", "scope": "10 seeds", "holds": True,
             "beyond": False, "evidence": "9 of 10", "seconds": 1.0},
            {"claim": claim.id, "stress": stress, "scope": "10 seeds, all", "holds": False,
             "beyond": True, "evidence": "6 of 10", "seconds": 1.0}]
    text = page(rows)
    assert f"| {stress} (beyond the sentence): 10 seeds, all | no (not required) |" in text
    assert claim.beyond[stress] in text and "6 of 10" in text
    assert "**1 of 1 claims hold under every stress that applies.**" in text
