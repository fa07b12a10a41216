"""Open Referral HSDS 3.1 JSON: write and read 10k and 50k services beside plain
``json.dumps``/``json.loads`` of the same feed in the same run, and check the written feed
against the official HSDS 3.1 service schema with jsonschema-rs and with jsonschema.

    python -m benchmarks.bench_hsds [SIZES...] [--jsonschema-limit N]

Targets (issue 4): writing within 5x json.dumps of the same feed, reading within 8x
json.loads. jsonschema checks about 600 services a second, so by default it checks the first
10,000 services of each feed (``--jsonschema-limit 0`` checks them all); jsonschema-rs checks
every service. Each step runs in a fresh process (benchmarks/_measure.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks._measure import measure, scratch
from benchmarks.synth import synthetic_offer
from sendlocaloffer import dump

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"


def main(sizes: list[int], jsonschema_limit: int) -> None:
    tmp = scratch("slo-bench-hsds-")
    schema = REFERENCE / "hsds-3.1" / "schema"
    for n in sizes:
        native = tmp / f"offer-{n}.json"
        dump(synthetic_offer(n), native)
        feed = tmp / f"feed-{n}.json"
        nat, out = repr(str(native)), repr(str(feed))
        write = measure(f"import sendlocaloffer; offer = sendlocaloffer.load({nat})",
                        f"sendlocaloffer.dump(offer, {out}, 'hsds'); import os; result = os.path.getsize({out})")
        size_mb = feed.stat().st_size / 1e6
        dumps = measure(f"import json; obj = json.loads(open({out}, 'rb').read())",
                        "result = len(json.dumps(obj, indent=2, ensure_ascii=False).encode('utf-8'))")
        loads = measure(f"import json; data = open({out}, 'rb').read()", "result = len(json.loads(data)['contents'])")
        read = measure("import sendlocaloffer",
                       f"r = sendlocaloffer.read({out}); result = [len(r.offer.services), len(r.findings), r.format]")
        print(f"{n:>7} services  feed {size_mb:7.1f} MB")
        print(f"         write  {write['seconds']:7.2f}s  json.dumps {dumps['seconds']:6.2f}s  "
              f"{write['seconds'] / dumps['seconds']:5.1f}x (target <= 5x)  {n / write['seconds']:,.0f} services/s  "
              f"peak {write['peak_mb']:,.0f} MB")
        print(f"         read   {read['seconds']:7.2f}s  json.loads {loads['seconds']:6.2f}s  "
              f"{read['seconds'] / loads['seconds']:5.1f}x (target <= 8x)  {n / read['seconds']:,.0f} services/s  "
              f"peak {read['peak_mb']:,.0f} MB  (services, findings, format: {read['result']})")
        if not schema.is_dir():
            print(f"         schema checks skipped: {schema} is not there")
            continue
        setup = (f"import json; from sendlocaloffer.formats._hsds_schema import SchemaChecker; "
                 f"services = json.loads(open({out}, 'rb').read())['contents']; ")
        rs = measure(setup + f"c = SchemaChecker({str(schema)!r}, engine='jsonschema-rs')",
                     "result = [len(services), len(c.errors_in(services))]")
        limit = jsonschema_limit or n
        py = measure(setup + f"c = SchemaChecker({str(schema)!r}, engine='jsonschema'); services = services[:{limit}]",
                     "result = [len(services), len(c.errors_in(services))]")
        for label, m in (("jsonschema-rs", rs), ("jsonschema", py)):
            checked, errors = m["result"]
            print(f"         {label:<13} {m['seconds']:7.2f}s  {checked:,} services checked, {errors} errors  "
                  f"{checked / m['seconds']:,.0f} services/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 50_000])
    parser.add_argument("--jsonschema-limit", type=int, default=10_000,
                        help="services jsonschema checks per feed (0 for all; it checks about 600 a second)")
    args = parser.parse_args()
    main(args.sizes, args.jsonschema_limit)
