"""Run one measurement in a fresh process: wall time and peak memory above the baseline.

Peak memory is the process's resident high-water mark (``VmHWM``, reset after setup through
``/proc/self/clear_refs``; Linux only) minus what it held after setup, so each figure is that
step's own cost.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

_RUNNER = textwrap.dedent(
    """
    import gc, json, sys, time
    def status(key):
        for line in open("/proc/self/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1])
        return 0
    setup, stmt = sys.argv[1], sys.argv[2]
    ns = {}
    exec(setup, ns)
    gc.collect()
    with open("/proc/self/clear_refs", "w") as fh:  # reset the high-water mark (VmHWM)
        fh.write("5")
    base = status("VmRSS")
    t0 = time.perf_counter()
    exec(stmt, ns)
    seconds = time.perf_counter() - t0
    peak = status("VmHWM")
    print(json.dumps({"seconds": seconds, "peak_mb": max(peak - base, 0) / 1024, "result": ns.get("result")}))
    """
)


def measure(setup: str, stmt: str) -> dict[str, Any]:
    """Time ``stmt`` after ``setup`` in a new interpreter; returns seconds, peak_mb, result."""
    out = subprocess.run([sys.executable, "-c", _RUNNER, setup, stmt], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "measurement failed")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))
