"""Publication-date accuracy: the team's case table plus the seed articles.

Usage: python bench/bench_pubdate.py [--floor 0.95] [--gold TSV]...

The case table is tests/data/pubdate_cases.tsv (invented text). The seeds are
read from ../shared/seeds when that folder exists. ``--gold`` adds a TSV of
``path<TAB>expected`` lines (expected an ISO day or NONE), e.g. for samples/.
Prints one line per miss, then the accuracy; exits 1 below the floor.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from newsline.clean import clean
from newsline.pubdate import find_pubdate
from newsline.sources import read_document

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "pubdate_cases.tsv"
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES_GOLD = ROOT / "samples" / "expected.json"
SEED_GOLD = {"000_c00c228de8a2ed52.txt": "2015-11-13", "001_5b95a3e8c0240a25.txt": "NONE"}


def load_cases(path: Path = CASES) -> list[dict[str, str]]:
    """The case table as dicts ('-' is empty, '\\n' a newline); the tests read it here too."""
    rows = []
    header: list[str] | None = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise ValueError(f"{path}:{n}: {len(cells)} cells, the header has {len(header)}")
        row = dict(zip(header, cells, strict=True))
        row["text"] = row["text"].replace("\\n", "\n")
        rows.append({k: ("" if v == "-" else v) for k, v in row.items()})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--floor", type=float, default=0.95)
    ap.add_argument("--gold", action="append", default=[], help="TSV: path<TAB>expected")
    args = ap.parse_args(argv)

    results: list[tuple[str, str, str, str, str]] = []  # name, expected, got, how_exp, how
    t0 = time.perf_counter()
    for row in load_cases():
        got = find_pubdate(clean(row["text"]), path=row["path"] or None,
                           published=row["published"] or None)
        results.append((row["id"], row["expected"], got.value if got else "NONE",
                        row["how"], got.how.value if got else ""))
    files: list[tuple[Path, str, str]] = []  # path, expected day or NONE, expected how
    if SEEDS.is_dir():
        files += [(SEEDS / n, v, "dateline" if v != "NONE" else "")
                  for n, v in SEED_GOLD.items() if (SEEDS / n).exists()]
    if SAMPLES_GOLD.exists():
        # From its own text an article dated only cross-source must come out undated.
        for name, g in json.loads(SAMPLES_GOLD.read_text(encoding="utf-8"))[
                "publication_dates"].items():
            if name in SEED_GOLD and SEEDS.is_dir():
                continue  # already counted from ../shared
            own = g.get("how") not in (None, "cross-source")
            want = (g["published"] or "NONE") if own else "NONE"
            files.append((SAMPLES_GOLD.parent / name, want, g["how"] if own else ""))
    for gold in args.gold:
        for line in Path(gold).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                p, v = line.split("\t")[:2]
                files.append((Path(gold).parent / p, v.strip(), ""))
    for path, expected, how in files:
        raw = read_document(str(path))
        # The seeds are judged from their text alone: the file name is not passed.
        got = find_pubdate(clean(raw.text))
        results.append((path.name, expected, got.value if got else "NONE", how,
                        got.how.value if got else ""))
    elapsed = time.perf_counter() - t0

    ok = sum(1 for _, e, g, _, _ in results if e == g)
    how_rows = [r for r in results if r[3] and r[1] != "NONE"]
    how_ok = sum(1 for r in how_rows if r[3] == r[4])
    for name, e, g, he, h in results:
        if e != g or (he and e != "NONE" and he != h):
            print(f"MISS {name}: expected {e} ({he or '?'}), got {g} ({h or '-'})")
    acc = ok / len(results)
    print(f"cases={len(results)} (table {len(results) - len(files)}, files {len(files)}) "
          f"how_accuracy={how_ok}/{len(how_rows)} time={elapsed * 1000:.0f}ms")
    print(f"pubdate_accuracy={acc:.3f} floor={args.floor}")
    return 0 if acc >= args.floor else 1


if __name__ == "__main__":
    sys.exit(main())
