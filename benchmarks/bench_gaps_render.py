"""Gaps analysis and family-document rendering of synthetic offers (default 10k services),
each beside loading the same offer, the step any command starts with.

    python -m benchmarks.bench_gaps_render [SIZES...]

Issue 7 asks for the figures; the yardstick printed is the load+validate time of the same file
(a report should not cost much more than reading the offer did) and its size.
"""

from __future__ import annotations

import sys

from benchmarks._measure import measure, scratch
from benchmarks.synth import synthetic_offer
from sendlocaloffer import dump


def main(sizes: list[int]) -> None:
    tmp = scratch("slo-bench-")
    for n in sizes:
        path = tmp / f"offer-{n}.json"
        out = tmp / f"offer-{n}.html"
        dump(synthetic_offer(n), path)
        size_mb = path.stat().st_size / 1e6
        p, o = repr(str(path)), repr(str(out))
        load = measure("import sendlocaloffer", f"result = len(sendlocaloffer.load({p}).services)")
        setup = f"import sendlocaloffer; offer = sendlocaloffer.load({p})"
        gaps = measure(setup + "; from sendlocaloffer.analysis import analyse_gaps",
                       "result = len(analyse_gaps(offer).overall.with_status('gap'))")
        gaps_html = measure(setup + "; from sendlocaloffer.analysis import analyse_gaps; from sendlocaloffer.publish.gaps import render_gaps",
                            "result = len(render_gaps(analyse_gaps(offer), 'html'))")
        render = measure(setup + "; from sendlocaloffer.publish import write_offer_html",
                         f"write_offer_html(offer, {o}); import os; result = os.path.getsize({o})")
        html_mb = render["result"] / 1e6
        print(f"{n:>7} services  {size_mb:6.1f} MB JSON  load+validate {load['seconds']:6.2f}s  peak {load['peak_mb']:,.0f} MB")
        print(f"{'':>26}gaps (analysis)      {gaps['seconds']:6.2f}s  ({n / gaps['seconds']:,.0f} services/s, "
              f"{gaps['seconds'] / load['seconds']:.2f}x load)  peak {gaps['peak_mb']:,.0f} MB")
        print(f"{'':>26}gaps (analysis+HTML) {gaps_html['seconds']:6.2f}s  ({gaps_html['seconds'] / load['seconds']:.2f}x load)  "
              f"peak {gaps_html['peak_mb']:,.0f} MB  page {gaps_html['result'] / 1e3:,.0f} kB")
        print(f"{'':>26}render (family HTML) {render['seconds']:6.2f}s  ({n / render['seconds']:,.0f} services/s, "
              f"{render['seconds'] / load['seconds']:.2f}x load)  peak {render['peak_mb']:,.0f} MB  "
              f"page {html_mb:,.1f} MB ({html_mb / size_mb:.1f}x the JSON)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000])
