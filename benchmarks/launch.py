"""Start a command from a small process and report its wall time, CPU time, peak RSS and exit status.

The benchmark starts every child through this: on Linux a child's peak RSS
(``ru_maxrss``) counts the pages its parent held when it forked it, and the
benchmark process may hold a whole graph (its in-process stages), so a child
forked from it straight would report the parent's memory as its own.

    python benchmarks/launch.py REPORT.json COMMAND ARGS...

>>> import json, sys, tempfile
>>> report = Path(tempfile.mkdtemp()) / "r.json"
>>> main([str(report), sys.executable, "-c", "raise SystemExit(3)"])
0
>>> r = json.loads(report.read_text()); r["status"], r["seconds"] > 0, r["peak_rss_kb"] > 0
(3, True, True)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    report, command = Path(argv[0]), argv[1:]
    t0 = time.perf_counter()
    proc = subprocess.Popen(command)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    report.write_text(json.dumps({"seconds": seconds, "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
                                  "status": os.waitstatus_to_exitcode(status), "peak_rss_kb": usage.ru_maxrss}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
