"""Run one measurement in a fresh process: wall time and peak memory above the baseline.

Peak memory is the process's resident high-water mark (``VmHWM``, reset after setup through
``/proc/self/clear_refs``; Linux only) minus what it held after setup, so each figure is that
step's own cost.
"""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
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
    t0, c0 = time.perf_counter(), time.process_time()
    exec(stmt, ns)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = status("VmHWM")
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": max(peak - base, 0) / 1024, "result": ns.get("result")}))
    """
)


def measure(setup: str, stmt: str, *, repeat: int = 1, python: str = sys.executable) -> dict[str, Any]:
    """Time ``stmt`` after ``setup`` in a new interpreter (``python``); returns seconds, cpu
    (CPU seconds, steadier than wall time on a shared machine), peak_mb and result: the run
    with the least CPU time of ``repeat``."""
    runs = [_once(python, setup, stmt) for _ in range(repeat)]
    return min(runs, key=lambda m: float(m["cpu"]))


def _once(python: str, setup: str, stmt: str) -> dict[str, Any]:
    out = subprocess.run([python, "-c", _RUNNER, setup, stmt], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "measurement failed")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def scratch(prefix: str) -> Path:
    """A folder for a benchmark's files, removed when the script ends, however it ends (the RDF
    benchmark alone writes about 1.4 GB)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, True)
    return path
