"""`make bench`: run every benchmark in turn and print its figures.

Each script is standalone (``python bench/NAME.py``); this runner only sequences
them, so one failing benchmark is reported and the others still run.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = [
    "bench_dates.py",      # issue 3: TimeML accuracy and throughput
    "bench_pubdate.py",    # issue 4: publication-date accuracy
    "bench_sentences.py",  # issue 4: our splitter against a library
    "bench_merge.py",      # issue 5: merge precision/recall and scale
    "bench_scale.py",      # issue 7: ingest throughput, memory, query time, size
]


def main() -> int:
    failed = []
    for name in ORDER + sorted(
        p.name for p in HERE.glob("bench_*.py") if p.name not in ORDER
    ):
        path = HERE / name
        if not path.exists():
            continue
        print(f"\n=== {name} ===", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(path)] + sys.argv[1:])
        print(f"--- {name}: exit {rc} in {time.perf_counter() - t0:.1f} s", flush=True)
        if rc:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
