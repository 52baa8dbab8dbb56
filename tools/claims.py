"""The sceptic's suite: every claim of the course measured again under stresses.

    python tools/claims.py [--jobs N] [--only ID ...] [--out docs/how_sure.md] [--evidence]

For each claim of ``initlib.claims``: its evidence at the notebook's scope, then on seeds the
notebooks never use, with runs 2 and 4 times longer, and on all the data (each where it
applies). It writes the report page "How sure are we?" (Markdown, part of the course's
website) and ``claims-report.json``, prints one line per measurement, and exits 1 when a claim
does not hold under its notebook's scope or one of its stresses.
"""

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from initlib.claims import CLAIMS, STRESSES  # noqa: E402


def measurements(claims):
    """(claim id, stress or "notebook", scope) for every measurement to make."""
    for claim in claims:
        yield claim.id, "notebook", claim.scope
        for stress in (*claim.stresses, *claim.beyond):
            yield claim.id, stress, claim.scope.stressed(stress)


def shared(jobs):
    """The jobs grouped by experiment: [(scope, [(claim id, stress), ...])].

    Claims that share a ``measure`` (two sentences read from the same runs) and a scope are
    measured once, as the notebook measures them once.
    """
    groups = {}
    for claim_id, stress, scope in jobs:
        groups.setdefault((CLAIMS[claim_id].measure, scope), []).append((claim_id, stress))
    return [(scope, members) for (_, scope), members in groups.items()]


def measure(group):
    """Measure one experiment at one scope; judge and report every claim that reads it."""
    scope, members = group
    start = time.process_time()
    evidence = CLAIMS[members[0][0]].measure(scope)
    seconds = round(time.process_time() - start, 1)
    return [{"claim": claim_id, "stress": stress, "scope": scope.describe(),
             "holds": bool(CLAIMS[claim_id].holds(evidence)),
             "beyond": stress in CLAIMS[claim_id].beyond,
             "evidence": CLAIMS[claim_id].report(evidence),
             "seconds": seconds if k == 0 else 0.0}
            for k, (claim_id, stress) in enumerate(members)]


def page(results):
    """The report as the website's page "How sure are we?"."""
    by_claim = {}
    for result in results:
        by_claim.setdefault(result["claim"], []).append(result)
    held = sum(all(r["holds"] or r["beyond"] for r in rows) for rows in by_claim.values())
    lines = [
        "# How sure are we?",
        "",
        "Every result the notebooks state is registered as a claim, with the code that measures "
        "its evidence. Each notebook prints that evidence at its own settings. Then a sceptic's "
        "suite (`make claims`) measures every claim again: on seeds the notebooks never use "
        "(from seed 1000 on, at least 10 of them), with runs 2 and 4 times longer, and on all "
        "the training data where a notebook uses part of it. A claim says only what survives "
        "all of these; where a stress does not apply, the table says why. Where a sentence "
        "names its own scope (\"on the notebook's 100 points\"), the stress past that scope "
        "is still measured and shown, marked \"beyond the sentence\".",
        "",
        f"**{held} of {len(by_claim)} claims hold under every stress that applies.**",
        "",
    ]
    for claim_id, rows in by_claim.items():
        claim = CLAIMS[claim_id]
        lines += [f"## {claim_id}", "", f"> {claim.sentence}", "",
                  "| measured on | holds | evidence |", "|---|---|---|"]
        for row in rows:
            where = "the notebook's settings" if row["stress"] == "notebook" else row["stress"]
            evidence = row["evidence"].replace("\n", "<br>").replace("|", "\\|")
            verdict = "yes" if row["holds"] else "**no**"
            if row["beyond"]:
                where += " (beyond the sentence)"
                verdict = f"{'yes' if row['holds'] else 'no'} (not required)"
                evidence = f"{claim.beyond[row['stress']]}.<br>{evidence}"
            lines.append(f"| {where}: {row['scope']} | {verdict} | {evidence} |")
        for stress, reason in claim.skipped.items():
            lines.append(f"| {stress} | - | does not apply: {reason} |")
        lines.append("")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--only", nargs="*", default=None, help="claim ids to measure")
    parser.add_argument("--out", default=str(ROOT / "docs" / "how_sure.md"))
    parser.add_argument("--evidence", action="store_true",
                        help="print each measurement's evidence under its line")
    args = parser.parse_args(argv)
    unknown = set(args.only or ()) - set(CLAIMS)
    if unknown:
        parser.error(f"--only: unknown claim ids {sorted(unknown)}")
    claims = [c for c in CLAIMS.values() if args.only is None or c.id in args.only]
    groups = shared(measurements(claims))
    # the most expensive first, so the pool ends together
    groups.sort(key=lambda group: -(group[0].budget or 0) * len(group[0].seeds))
    results = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for measured in pool.map(measure, groups):
            for result in measured:
                results.append(result)
                mark = ("ok  " if result["holds"] else
                        "out " if result["beyond"] else "FAIL")
                cost = (f"{result['seconds']:>6.1f} s CPU" if result is measured[0]
                        else "  (same runs)")
                print(f"{mark} {result['claim']:<40} {result['stress']:<12} {cost}", flush=True)
                if args.evidence:
                    print("     " + result["evidence"].replace("\n", "\n     "), flush=True)
    order = {stress: k for k, stress in enumerate(("notebook", *STRESSES))}
    results.sort(key=lambda r: (r["claim"], order[r["stress"]]))
    if args.only is None:
        Path(args.out).write_text(page(results) + "\n")
        (ROOT / "claims-report.json").write_text(json.dumps(results, indent=1) + "\n")
        print(f"wrote {args.out}")
    failed = sorted({r["claim"] + " under " + r["stress"] for r in results
                     if not (r["holds"] or r["beyond"])})
    print(f"{len(claims)} claims, {len(results)} measurements, "
          f"{sum(r['seconds'] for r in results):.0f} s CPU; {len(failed)} failed")
    for line in failed:
        print("  FAILED", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
