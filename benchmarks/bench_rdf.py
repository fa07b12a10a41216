"""RDF writing and reading of 10k and 50k-service offers, as N-Triples and Turtle, beside plain
rdflib (default store) building, serialising and parsing the same triples in the same run.

    python -m benchmarks.bench_rdf [SIZES...] [--rdflib-max N] [--repeat N]
    python -m benchmarks.bench_rdf 2000 10000 --turtle-growth

Each figure is one step in a fresh process (wall time, peak memory above the setup's). Every
step, the library's and rdflib's, runs --repeat times (3), in rounds: each round runs every step
of every size once, so that the machine's drift over the run falls on both sides and both sizes
alike. Ratios compare the medians, and the range beside each runs from rdflib's fastest against
the library's slowest to the other way round, so that one slow run on either side cannot decide.
Growth from the smallest size to the largest compares the library's medians. The figures are
printed when every round is done.
Targets (issue 6): the library writes and reads each format at least 10 times faster than plain
rdflib on the same triples; cost linear (50k at most 5.5 times 10k). rdflib needs about 1 GB and
a minute or more per million triples a step, so by default it runs only on sizes up to
--rdflib-max (10,000); pass a larger value to run it on 50k too.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
from collections import defaultdict
from typing import Any

from benchmarks._measure import measure, scratch

FORMATS = (("ntriples", "nt", "nt"), ("turtle", "ttl", "ttl"))


def _median(runs: list[dict[str, Any]]) -> float:
    return float(statistics.median(m["seconds"] for m in runs))


def _spread(runs: list[dict[str, Any]]) -> str:
    times = sorted(m["seconds"] for m in runs)
    return f"{_median(runs):6.2f}s" + (f" ({times[0]:.2f}-{times[-1]:.2f}s)" if len(times) > 1 else "")


def _peak(runs: list[dict[str, Any]]) -> float:
    return max(float(m["peak_mb"]) for m in runs)


def _ratio(theirs: list[dict[str, Any]], ours: list[dict[str, Any]], extra: float = 0.0) -> str:
    """Median against median, and the range from rdflib's fastest against the library's slowest
    to the other way round, so that one slow run on either side cannot decide."""
    median = (_median(theirs) + extra) / _median(ours)
    low = (min(m["seconds"] for m in theirs) + extra) / max(m["seconds"] for m in ours)
    high = (max(m["seconds"] for m in theirs) + extra) / min(m["seconds"] for m in ours)
    return f"{median:5.1f}x" + (f" ({low:.1f}-{high:.1f}x)" if len(theirs) > 1 or len(ours) > 1 else "")


def main(sizes: list[int], rdflib_max: int, repeat: int = 3) -> None:
    tmp = scratch("slo-bench-rdf-")
    runs: dict[tuple[int, str, str], list[dict[str, Any]]] = defaultdict(list)
    oxi: dict[tuple[int, str], dict[str, Any]] = {}
    # Round after round, every step of every size once: the machine's speed drifts over a run
    # of this length, and a slow spell then falls on both sides and on both sizes alike.
    for _ in range(repeat):
        for n in sizes:
            offer_setup = f"from benchmarks.synth import synthetic_offer; from sendlocaloffer.formats import rdf; offer = synthetic_offer({n})"
            build_setup = offer_setup + "; import rdflib; ts = list(rdf.triples(offer))"
            graph_setup = build_setup + "; g = rdflib.Graph(); g.addN((s, p_, o, g) for s, p_, o in ts); del ts"
            with_rdflib = n <= rdflib_max
            if with_rdflib:
                # rdflib building the graph it must have before it can write, once for both formats.
                runs[(n, "", "build")].append(measure(build_setup, "g = rdflib.Graph()\nfor t in ts: g.add(t)\nresult = len(g)"))
            for fmt, suffix, rdflib_fmt in FORMATS:
                p = repr(str(tmp / f"offer-{n}.{suffix}"))
                runs[(n, fmt, "write")].append(measure(offer_setup, f"rdf.write(offer, {p}, rdf_format={fmt!r}); result = 0"))
                runs[(n, fmt, "read")].append(measure(
                    "from sendlocaloffer.formats import rdf",
                    f"res = rdf.read({p}, rdf_format={fmt!r}); result = [len(res.offer.services), len(res.findings)]"))
                if not with_rdflib:
                    continue
                # The library's parse alone, the step that matches rdflib's: every term checked, the
                # triples indexed by subject, no model built; the collector paused, as rdf.read does.
                runs[(n, fmt, "parse")].append(measure(
                    "import gc; from sendlocaloffer.formats import _rdf_read",
                    f"gc.disable(); index, _ = _rdf_read.parse_source({p}, {fmt!r}, 'bench'); result = len(index)"))
                out = repr(str(tmp / f"rdflib-{n}.{suffix}"))
                runs[(n, fmt, "rdflib serialise")].append(measure(
                    graph_setup, f"g.serialize({out}, format={rdflib_fmt!r}, encoding='utf-8'); result = 0"))
                runs[(n, fmt, "rdflib parse")].append(measure(
                    "import rdflib", f"g = rdflib.Graph(); g.parse({p}, format={rdflib_fmt!r}); result = len(g)"))
                if (n, fmt) not in oxi and importlib.util.find_spec("oxrdflib") is not None:
                    # The fast engine under rdflib's API, parsing only (no model, no validation).
                    oxi[(n, fmt)] = measure("import rdflib", f"g = rdflib.Graph(store='Oxigraph'); "
                                                             f"g.parse({p}, format={'ox-' + rdflib_fmt!r}); result = len(g)")
    for n in sizes:
        for fmt, suffix, _ in FORMATS:
            path = tmp / f"offer-{n}.{suffix}"
            ws, rs = runs[(n, fmt, "write")], runs[(n, fmt, "read")]
            count = ""
            if fmt == "ntriples":
                with open(path, "rb") as fh:
                    count = f"{sum(1 for _ in fh):,} triples, "
            print(f"{n:>7} services  {fmt:<9} {count}{path.stat().st_size / 1e6:,.0f} MB   library write {_spread(ws)} "
                  f"(peak {_peak(ws):,.0f} MB)   read {_spread(rs)} (peak {_peak(rs):,.0f} MB; services, findings: "
                  f"{rs[-1]['result']})")
            if n > rdflib_max:
                continue
            builds, ss, qs, lp = (runs[(n, "", "build")], runs[(n, fmt, "rdflib serialise")],
                                  runs[(n, fmt, "rdflib parse")], runs[(n, fmt, "parse")])
            print(f"{'':>26}rdflib    build {_spread(builds)}  serialise {_spread(ss)} (peak {_peak(ss):,.0f} MB)"
                  f"  parse {_spread(qs)} (peak {_peak(qs):,.0f} MB)")
            ox = oxi.get((n, fmt))
            if ox is not None:
                print(f"{'':>26}rdflib over the oxrdflib store: parse {ox['seconds']:6.2f}s (peak {ox['peak_mb']:,.0f} MB), "
                      f"{ox['seconds'] / _median(rs):4.1f}x the library's read into a validated model")
            print(f"{'':>26}library parse alone (no model) {_spread(lp)}: {_ratio(qs, lp)} faster than rdflib's parse")
            print(f"{'':>26}ratios (median; range)  write: {_ratio(ss, ws)} rdflib serialise alone, "
                  f"{_ratio(ss, ws, _median(builds))} rdflib build+serialise   "
                  f"read into the model: {_ratio(qs, rs)} rdflib parse   (target >= 10x)")
    if len(sizes) >= 2:
        small, big = sizes[0], sizes[-1]
        for fmt, _, _ in FORMATS:
            for step in ("write", "read"):
                ratio = _median(runs[(big, fmt, step)]) / _median(runs[(small, fmt, step)])
                print(f"{big:,} / {small:,} services, {fmt} {step}: {ratio:.2f}x (medians; sizes {big / small:.0f}x; "
                      f"target <= {5.5 * (big / small) / 5:.1f}x)")


def turtle_growth(sizes: list[int]) -> None:
    """rdflib's Turtle and N-Triples serialisers and the library's Turtle writer at each size."""
    for n in sizes:
        setup = (f"from benchmarks.synth import synthetic_offer; from sendlocaloffer.formats import rdf; import io, rdflib; "
                 f"offer = synthetic_offer({n}); g = rdflib.Graph(); g.addN((s, p, o, g) for s, p, o in rdf.triples(offer))")
        nt = measure(setup, "result = len(g.serialize(format='nt', encoding='utf-8'))")
        ttl = measure(setup, "result = len(g.serialize(format='turtle', encoding='utf-8'))")
        lib = measure(setup, "buf = io.BytesIO(); rdf.write(offer, buf, rdf_format='turtle'); result = buf.tell()")
        print(f"{n:>7} services  rdflib N-Triples {nt['seconds']:6.2f}s  rdflib Turtle {ttl['seconds']:6.2f}s "
              f"({ttl['seconds'] / nt['seconds']:.1f}x its N-Triples)  library Turtle {lib['seconds']:6.2f}s", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 50_000])
    parser.add_argument("--rdflib-max", type=int, default=10_000, help="run rdflib only on sizes up to this")
    parser.add_argument("--repeat", type=int, default=3, help="rounds: runs of every step, the library's and rdflib's")
    parser.add_argument("--turtle-growth", action="store_true",
                        help="instead: time rdflib's Turtle and N-Triples serialisers and the library's Turtle writer at each size")
    args = parser.parse_args()
    if args.turtle_growth:
        turtle_growth(args.sizes)
    else:
        main(args.sizes, args.rdflib_max, args.repeat)
