"""Load+validate and dump of native JSON offers of 1k, 10k and 100k services, beside plain
``json.loads``/``json.dumps`` of the same file in the same run.

    python -m benchmarks.bench_model [SIZES...]

Targets (issue 2): load+validate within 6x json.loads of the same file; dump no slower than
load; 100k services cost at most 11x 10k; peak memory under 10x the file size.
"""

from __future__ import annotations

import sys

from benchmarks._measure import measure, scratch
from benchmarks.synth import synthetic_offer
from sendlocaloffer import dump


def main(sizes: list[int]) -> None:
    tmp = scratch("slo-bench-")
    rows = []
    for n in sizes:
        path = tmp / f"offer-{n}.json"
        dump(synthetic_offer(n), path)
        size_mb = path.stat().st_size / 1e6
        p = repr(str(path))
        jl = measure(f"import json; data = open({p}, 'rb').read()", "result = len(json.loads(data)['services'])")
        jd = measure(f"import json; obj = json.loads(open({p}, 'rb').read())", "result = len(json.dumps(obj, indent=2))")
        ld = measure("import sendlocaloffer", f"result = len(sendlocaloffer.load({p}).services)")
        out = repr(str(tmp / f"dumped-{n}.json"))
        dp = measure(f"import os, sendlocaloffer; offer = sendlocaloffer.load({p})",
                     f"sendlocaloffer.dump(offer, {out}); result = os.path.getsize({out})")
        rows.append((n, size_mb, jl, jd, ld, dp))
        print(f"{n:>7} services  {size_mb:7.1f} MB  json.loads {jl['seconds']:6.2f}s  load+validate {ld['seconds']:6.2f}s "
              f"({n / ld['seconds']:,.0f}/s, {ld['seconds'] / jl['seconds']:.1f}x json.loads, target <= 6x)  "
              f"peak {ld['peak_mb']:,.0f} MB ({ld['peak_mb'] / size_mb:.1f}x file, target < 10x)")
        print(f"{'':>26}  json.dumps {jd['seconds']:6.2f}s  dump          {dp['seconds']:6.2f}s "
              f"({n / dp['seconds']:,.0f}/s, {dp['seconds'] / ld['seconds']:.2f}x load, target <= 1x)  "
              f"peak {dp['peak_mb']:,.0f} MB")
    by_n = {r[0]: r for r in rows}
    if 10_000 in by_n and 100_000 in by_n:
        for label, idx in (("load+validate", 4), ("dump", 5)):
            ratio = by_n[100_000][idx]["seconds"] / by_n[10_000][idx]["seconds"]
            print(f"100k / 10k {label}: {ratio:.1f}x (target <= 11x)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
