"""One claim of the course, as code: the sentence, how its evidence is measured, when it holds.

A notebook states a result ("scale 1 ranks first over 10 seeds"); the claim registered here
says the same sentence, measures its evidence for a ``Scope`` (which seeds, how long a run,
how much data) and says whether the evidence supports it. The notebook prints the evidence at
its own scope with ``initlib.claims.show``; the sceptic's suite (``make claims``) measures the
same claim again under stresses: seeds the notebooks never use, runs 2 and 4 times longer, all
of the data.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

FRESH_SEED_START = 1000  # the notebooks never use seeds from here on
MIN_FRESH_SEEDS = 10
STRESSES = ("fresh seeds", "2x budget", "4x budget", "all data")


def untrained(all_data=None):
    """The ``skipped`` reasons of a claim about the start, where nothing is trained.

    Parameters
    ----------
    all_data : str or None
        Why "all data" does not apply either (e.g. "the inputs are 256 random points, not a
        data set"); None when the claim is stressed with all the data or says so in ``beyond``.

    Returns
    -------
    dict
        ``{stress: reason}`` for "2x budget" and "4x budget", and "all data" if given.
    """
    reasons = dict.fromkeys(("2x budget", "4x budget"),
                            "nothing is trained: the claim is about the start")
    if all_data is not None:
        reasons["all data"] = all_data
    return reasons


@dataclass(frozen=True)
class Scope:
    """What one measurement of a claim covers.

    Attributes
    ----------
    seeds : tuple of int
        The seeds of the paired runs (the same seeds for every arm of a comparison); empty
        when nothing is drawn at random.
    budget : int or None
        The length of each run (iterations or steps), None when nothing is trained.
    data : str
        ``"notebook"`` (the examples the notebook uses) or ``"all"`` (the whole training set).
    """

    seeds: tuple = (0,)
    budget: int | None = None
    data: str = "notebook"

    def __post_init__(self):
        object.__setattr__(self, "seeds", tuple(int(s) for s in self.seeds))
        if self.data not in ("notebook", "all"):
            raise ValueError(f"data must be 'notebook' or 'all', got {self.data!r}")
        if self.budget is not None and self.budget < 1:
            raise ValueError(f"budget must be a positive count or None, got {self.budget!r}")

    def stressed(self, stress):
        """This scope under one of ``STRESSES``."""
        if stress == "fresh seeds":
            count = max(MIN_FRESH_SEEDS, len(self.seeds))
            return replace(self, seeds=range(FRESH_SEED_START, FRESH_SEED_START + count))
        if stress in ("2x budget", "4x budget"):
            return replace(self, budget=self.budget * int(stress[0]))
        if stress == "all data":
            return replace(self, data="all")
        raise ValueError(f"stress must be one of {STRESSES}, got {stress!r}")

    def describe(self):
        budget = "" if self.budget is None else f", {self.budget} steps"
        data = ", all the data" if self.data == "all" else ""
        if not self.seeds:  # a start with no random draw (a constant, zeros)
            return f"no random draw{budget}{data}"
        seeds = self.seeds
        span = (f"seed {seeds[0]}" if len(seeds) == 1 else
                f"seeds {seeds[0]}-{seeds[-1]}" if seeds == tuple(range(seeds[0], seeds[-1] + 1))
                else "seeds " + ", ".join(map(str, seeds)))
        return f"{len(seeds)} {'seed' if len(seeds) == 1 else 'seeds'} ({span}){budget}{data}"


@dataclass(frozen=True)
class Claim:
    """A sentence a notebook states, with the code that checks it.

    Attributes
    ----------
    id : str
        ``"02.scale-one-first"``: the notebook's number, then a short name.
    sentence : str
        The claim as the notebook states it, scoped to what survives the stresses.
    scope : Scope
        The notebook's own seeds, budget and data.
    measure : callable
        ``measure(scope) -> dict`` of plain numbers, lists and strings (JSON data).
    holds : callable
        ``holds(evidence) -> bool``: does the evidence support the sentence?
    report : callable
        ``report(evidence) -> str``: the evidence in words and rounded numbers, as printed.
    stresses : tuple of str
        Which of ``STRESSES`` apply; ``skipped`` gives the reason for each that does not.
    beyond : dict
        ``{stress: reason}``: stresses outside the sentence's scope (it names the scope, e.g.
        "on the notebook's 100 points"), measured and reported all the same, so the report
        shows what happens there instead of a number typed into the reason.
    """

    id: str
    sentence: str
    scope: Scope
    measure: Callable
    holds: Callable
    report: Callable
    stresses: tuple = STRESSES
    skipped: dict = field(default_factory=dict)
    beyond: dict = field(default_factory=dict)

    @property
    def notebook(self):
        return self.id.split(".")[0]

    def __post_init__(self):
        unknown = (set(self.stresses) | set(self.skipped) | set(self.beyond)) - set(STRESSES)
        if unknown:
            raise ValueError(f"claim {self.id}: unknown stresses {sorted(unknown)}; "
                             f"allowed: {STRESSES}")
        for stress in STRESSES:
            said = (stress in self.stresses) + (stress in self.skipped) + (stress in self.beyond)
            if said != 1:
                raise ValueError(f"claim {self.id}: {stress!r} must be in exactly one of "
                                 f"stresses, skipped={{...}} (why it does not apply) and "
                                 f"beyond={{...}} (why it is outside the sentence)")
