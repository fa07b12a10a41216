"""Workbook reading and writing of 10k and 50k-service offers, beside bare openpyxl on the same
cells and flatten-tool on the same data as an HSDS workbook, in the same run.

    python -m benchmarks.bench_xlsx [SIZES...] [--flattentool-max N] [--repeat N] [--engines]

Each figure is one step in a fresh process: CPU time (what the ratios compare, as it hardly
moves with other work on a shared machine), wall time, and peak memory above the setup's:

- library write: ``xlsx.write(offer)`` (openpyxl writes every part but the data rows, which are
  streamed as the sheets are zipped); bare write: openpyxl write-only appending the very cells
  the library writes (no styles, no validation, no escaping); with --engines, also the library
  write with every row through openpyxl, and bare XlsxWriter and pyexcelerate writes;
- library read: ``xlsx.read`` (zip and XML checks, conversion, model, findings); bare read:
  openpyxl read-only ``iter_rows(values_only=True)`` over every sheet of the same file;
- flatten-tool ``flatten`` (HSDS JSON -> xlsx) and ``unflatten`` (xlsx -> JSON) of the same
  offer as HSDS 3.1 services, with the HSDS service schema. flatten-tool is not a dependency:
  install it apart (``python -m venv /tmp/ft && /tmp/ft/bin/pip install flattentool``) and
  point ``FLATTENTOOL_PYTHON`` at that interpreter; without it that part is skipped, saying so.

Targets (issue 5): within 2x bare openpyxl each way; at least 10x faster than flatten-tool each
way with a quarter of its memory; peak memory reading 50k services under 1 GB. flatten-tool
needs minutes and gigabytes at 10k, so by default it runs only on sizes up to --flattentool-max.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

from benchmarks._measure import measure, scratch

_BARE_WRITE_SETUP = """
from benchmarks.synth import synthetic_offer
from openpyxl import Workbook
from sendlocaloffer.formats._sheet_layout import layout
from sendlocaloffer.formats._sheet_write import OfferRows
offer = OfferRows(synthetic_offer({n}))
sheets = [(s.name, [s.headers] + list(offer.rows(s))) for s in layout().sheets]
del offer
"""
_BARE_WRITE = """
wb = Workbook(write_only=True)
for name, rows in sheets:
    ws = wb.create_sheet(name)
    for row in rows:
        ws.append(row)
wb.save({path})
result = sum(len(rows) for _, rows in sheets)
"""
# Other well-kept pure-Python writers on the very same cells, for comparison with the library's
# streamed rows; neither is a dependency (pip install xlsxwriter pyexcelerate to include them).
_OTHER_WRITES = {
    "bare XlsxWriter (constant_memory)": ("xlsxwriter", """
wb = xlsxwriter.Workbook({path}, {{"constant_memory": True, "strings_to_formulas": False,
                                  "strings_to_numbers": False, "strings_to_urls": False}})
for name, rows in sheets:
    ws = wb.add_worksheet(name)
    for i, row in enumerate(rows):
        ws.write_row(i, 0, row)
wb.close()
result = 0
"""),
    "bare pyexcelerate": ("pyexcelerate", """
wb = pyexcelerate.Workbook()
for name, rows in sheets:
    wb.new_sheet(name, data=rows)
wb.save({path})
result = 0
"""),
}
_BARE_READ = """
wb = load_workbook({path}, read_only=True)
rows = 0
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        rows += 1
wb.close()
result = rows
"""


def _flattentool_python() -> str | None:
    configured = os.environ.get("FLATTENTOOL_PYTHON")
    if configured:
        return configured
    try:
        import flattentool  # noqa: F401
    except ImportError:
        return None
    return sys.executable


def _measure_with(python: str, setup: str, stmt: str) -> dict[str, Any]:
    return measure(setup, stmt, python=python)


def _hsds_inputs(n: int, tmp: Path) -> tuple[Path, Path]:
    """The offer as HSDS 3.1 services (a root list flatten-tool can take) and a schema for it."""
    from benchmarks.synth import synthetic_offer
    from sendlocaloffer.formats import hsds

    reference = Path(__file__).resolve().parents[1].parent / "shared" / "reference"
    service = json.loads((reference / "hsds-3.1" / "schema" / "compiled" / "service_with_definitions.json").read_text("utf-8"))
    definitions = service.pop("definitions")
    schema = {"type": "object", "properties": {"services": {"type": "array", "items": service}}, "definitions": definitions}
    page = json.loads(hsds.dumps(synthetic_offer(n)))
    data = tmp / f"hsds-{n}.json"
    data.write_text(json.dumps({"services": page["contents"]}), "utf-8")
    schema_path = tmp / "hsds-services.schema.json"
    schema_path.write_text(json.dumps(schema), "utf-8")
    return data, schema_path


def _line(label: str, m: dict[str, Any]) -> str:
    return f"{label} {m['cpu']:7.1f}s CPU, {m['seconds']:6.1f}s wall (peak {m['peak_mb']:6,.0f} MB)"


def main(sizes: list[int], flattentool_max: int, repeat: int, engines: bool = False) -> None:
    tmp = scratch("slo-bench-xlsx-")
    ft_python = _flattentool_python()
    if ft_python is None:
        print("flatten-tool: not installed; skipping it (install flattentool in a separate venv and set FLATTENTOOL_PYTHON)")
    for n in sizes:
        path = tmp / f"offer-{n}.xlsx"
        p = repr(str(path))
        offer_setup = f"from benchmarks.synth import synthetic_offer; from sendlocaloffer.formats import xlsx; offer = synthetic_offer({n})"
        w = measure(offer_setup, f"xlsx.write(offer, {p}); result = 0", repeat=repeat)
        r = measure("from sendlocaloffer.formats import xlsx",
                    f"res = xlsx.read({p}); result = [len(res.offer.services), len(res.findings)]", repeat=repeat)
        bare_path = repr(str(tmp / f"bare-{n}.xlsx"))
        bw = measure(_BARE_WRITE_SETUP.format(n=n), _BARE_WRITE.format(path=bare_path), repeat=repeat)
        br = measure("from openpyxl import load_workbook", _BARE_READ.format(path=p), repeat=repeat)
        others = {}
        if engines:
            all_openpyxl = repr(str(tmp / f"all-openpyxl-{n}.xlsx"))
            others["library, every row through openpyxl,"] = measure(
                offer_setup + "; from pathlib import Path",
                f"xlsx._build(offer, Path({all_openpyxl}), False, stream=False); result = 0", repeat=repeat)
            for label, (module, stmt) in _OTHER_WRITES.items():
                if importlib.util.find_spec(module) is None:
                    print(f"    {label}: not installed; skipped")
                    continue
                other_path = repr(str(tmp / f"{module}-{n}.xlsx"))
                others[label] = measure(_BARE_WRITE_SETUP.format(n=n) + f"import {module}\n", stmt.format(path=other_path),
                                        repeat=repeat)
        size_mb = path.stat().st_size / 1e6
        print(f"{n:>7} services, {br['result']:,} rows over all sheets, {size_mb:,.1f} MB", flush=True)
        print(f"    {_line('library write', w)}   {_line('bare openpyxl write', bw)}   "
              f"ratio {w['cpu'] / bw['cpu']:4.2f}x CPU, {w['seconds'] / bw['seconds']:4.2f}x wall (target <= 2)")
        print(f"    {_line('library read ', r)}   {_line('bare openpyxl read ', br)}   "
              f"ratio {r['cpu'] / br['cpu']:4.2f}x CPU, {r['seconds'] / br['seconds']:4.2f}x wall (target <= 2); "
              f"services, findings read: {r['result']}")
        for label, m in others.items():
            print(f"    {_line(f'{label} write', m)}   {m['cpu'] / bw['cpu']:4.2f}x bare openpyxl's CPU time")
        if n >= 50_000:
            print(f"    peak memory reading {n:,} services: {r['peak_mb']:,.0f} MB (target < 1,024 MB)")
        if ft_python is None or n > flattentool_max:
            if ft_python is not None:
                print(f"    flatten-tool: skipped above {flattentool_max:,} services (pass --flattentool-max to run it)")
            continue
        data, schema = _hsds_inputs(n, tmp)
        flat = tmp / f"ft-{n}.xlsx"
        f = _measure_with(ft_python, "from flattentool import flatten",
                          f"flatten({str(data)!r}, schema={str(schema)!r}, root_list_path='services', "
                          f"main_sheet_name='services', output_name={str(flat)!r}, output_format='xlsx'); result = 0")
        u = _measure_with(ft_python, "from flattentool import unflatten",
                          f"unflatten({str(flat)!r}, input_format='xlsx', schema={str(schema)!r}, root_list_path='services', "
                          f"output_name={str(tmp / f'ft-{n}-back.json')!r}); result = 0")
        print(f"    {_line('flatten-tool flatten  ', f)}   {f['cpu'] / w['cpu']:5.1f}x the library's write CPU time "
              f"(target >= 10), {f['peak_mb'] / max(w['peak_mb'], 1):4.1f}x its memory (target >= 4)")
        print(f"    {_line('flatten-tool unflatten', u)}   {u['cpu'] / r['cpu']:5.1f}x the library's read CPU time "
              f"(target >= 10), {u['peak_mb'] / max(r['peak_mb'], 1):4.1f}x its memory (target >= 4)", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 50_000])
    parser.add_argument("--flattentool-max", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1, help="run each library and openpyxl step this many times; keep the best")
    parser.add_argument("--engines", action="store_true",
                        help="also time the library writing every row through openpyxl, and bare XlsxWriter and "
                             "pyexcelerate writes of the same cells, where installed")
    args = parser.parse_args()
    main(args.sizes, args.flattentool_max, args.repeat, args.engines)
