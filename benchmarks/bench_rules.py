"""All the rules over synthetic offers of 10k and 100k services, beside the load time of the
same offer (its native JSON file read and validated) in the same run.

    python -m benchmarks.bench_rules [SIZES...] [--repeat N]

Each figure is the best of N runs (default 3), each in a fresh interpreter, so one busy moment
on a shared machine does not decide it. Targets (issue 3): the rules take less time than
loading, and 100k services cost at most 11 times 10k.
"""

from __future__ import annotations

import argparse
import itertools
from typing import Any

from benchmarks._measure import measure, scratch
from benchmarks.synth import synthetic_offer
from sendlocaloffer import dump

AS_OF = "datetime.date(2026, 11, 29)"


def best(setup: str, stmt: str, repeat: int) -> dict[str, Any]:
    runs = [measure(setup, stmt) for _ in range(repeat)]
    return min(runs, key=lambda r: float(r["seconds"]))


def main(sizes: list[int], repeat: int) -> None:
    tmp = scratch("slo-bench-rules-")
    rows: dict[int, tuple[float, float]] = {}
    for n in sizes:
        path = tmp / f"offer-{n}.json"
        dump(synthetic_offer(n), path)
        p = repr(str(path))
        load = best("import sendlocaloffer", f"result = len(sendlocaloffer.load({p}).services)", repeat)
        rules = best(
            f"import datetime, sendlocaloffer\nfrom sendlocaloffer.checks.registry import run_rules\n"
            f"offer = sendlocaloffer.load({p})",
            f"result = len(run_rules(offer, as_of={AS_OF}))",
            repeat,
        )
        rows[n] = (load["seconds"], rules["seconds"])
        print(f"{n:>7} services  {path.stat().st_size / 1e6:7.1f} MB  load {load['seconds']:6.2f}s  "
              f"rules {rules['seconds']:6.2f}s ({n / rules['seconds']:,.0f} services/s, {rules['result']:,} findings, "
              f"peak {rules['peak_mb']:,.0f} MB)  rules/load {rules['seconds'] / load['seconds']:.2f}x (target < 1x)")
    ordered = sorted(rows)
    for small, large in itertools.pairwise(ordered):
        factor = large / small
        load_ratio = rows[large][0] / rows[small][0]
        rules_ratio = rows[large][1] / rows[small][1]
        print(f"{large:,} vs {small:,} services ({factor:.0f}x): rules {rules_ratio:.1f}x "
              f"(target <= {factor * 1.1:.0f}x), load {load_ratio:.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    main(args.sizes, args.repeat)
