#!/usr/bin/env python3
"""Benchmark the date engine: accuracy on TempEval-3 and the seeds, and speed.

Called by ``make bench``. It needs the shared research data at ../shared
(relative to the repository); when that folder is absent it says so and exits 0,
because the data is never committed to this repository.

What it prints:
  * value F1 and strict-span F1 of ``newsline.temporal`` on
    ../shared/data/tempeval3/tbaq.jsonl, scored by ../shared/bench/score_timex.py;
  * value F1 on the seeds (../shared/data/seeds/timex.jsonl), which must be 1.0;
  * throughput in words per second on one core over the tbaq texts;
  * the same figures for dateparser's ``search_dates`` when dateparser is
    importable (it is not a dependency: ``pip install dateparser`` to compare).

With ``--errors FILE`` it also writes an error dump for tuning the engine: one
line per wrong value (gold | predicted, with the rule and tense cue), false
positive, miss and span mismatch, each with its context, and prints the most
frequent false positives and misses.

Usage: python bench/bench_dates.py [--shared PATH] [--no-dateparser] [--repeat N]
                                   [--errors FILE]
Exit status: 0, or 1 when a target is missed and --strict is given.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newsline.temporal import extract, extract_batch_line  # noqa: E402

TARGETS = {"value_f1": 0.85, "strict_f1": 0.85, "seeds_value_f1": 1.0, "words_per_s": 150_000}


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_scorer(shared: Path):  # noqa: ANN201 - a module object
    path = shared / "bench" / "score_timex.py"
    spec = importlib.util.spec_from_file_location("score_timex", path)
    if spec is None or spec.loader is None:
        raise SystemExit("cannot load score_timex.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score(scorer, gold: list[dict], pred: list[dict]) -> dict:  # noqa: ANN001
    return scorer.score({d["id"]: d for d in gold}, {d["id"]: d for d in pred})


def throughput(docs: list[dict], repeat: int) -> tuple[float, int]:
    words = sum(len(d["text"].split()) for d in docs)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for d in docs:
            extract(d["text"], d["dct"])
        best = min(best, time.perf_counter() - t0)
    return words / best, words


def dateparser_run(docs: list[dict]) -> tuple[list[dict], float] | None:
    """Predictions and words/s of dateparser.search.search_dates, if installed."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    preds = []
    words = sum(len(d["text"].split()) for d in docs)
    t0 = time.perf_counter()
    for d in docs:
        settings = {"RELATIVE_BASE": _dt(d["dct"]), "PREFER_DATES_FROM": "past"}
        try:
            found = search_dates(d["text"], languages=["en"], settings=settings) or []
        except Exception:  # noqa: BLE001 - dateparser raises on odd input
            found = []
        tx, pos = [], 0
        for surface, when in found:
            i = d["text"].find(surface, pos)
            if i < 0:
                continue
            pos = i + len(surface)
            tx.append({"start": i, "end": pos, "type": "DATE", "value": when.date().isoformat()})
        preds.append({"id": d["id"], "timexes": tx})
    return preds, words / (time.perf_counter() - t0)


def write_errors(scorer, gold: list[dict], pred: list[dict], path: Path) -> None:  # noqa: ANN001
    """Dump every disagreement with gold, in context, for error analysis."""
    from collections import Counter

    fps: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    with path.open("w", encoding="utf-8") as out:
        for g, p in zip(gold, pred, strict=True):
            gx, px, text = g["timexes"], p["timexes"], g["text"]
            _strict, relaxed = scorer.match_doc(gx, px)

            def ctx(s: int, e: int, text: str = text) -> str:
                return (text[max(0, s - 60):s] + "[[" + text[s:e] + "]]"
                        + text[e:e + 40]).replace("\n", " ")

            for i, j in relaxed:
                a, b = gx[i], px[j]
                if a["value"].upper() != b["value"].upper():
                    out.write(f"WRONG {g['id']} {g['dct']} {a['type']} {a['value']} | "
                              f"{b['type']} {b['value']} {b.get('rule')} {b.get('cue')} :: "
                              f"{ctx(a['start'], a['end'])} || pred: {b['text']}\n")
                elif (a["start"], a["end"]) != (b["start"], b["end"]):
                    out.write(f"SPAN {g['id']} {a['text']!r} | {b['text']!r} :: "
                              f"{ctx(a['start'], a['end'])}\n")
            matched_g = {i for i, _ in relaxed}
            matched_p = {j for _, j in relaxed}
            for i, a in enumerate(gx):
                if i not in matched_g:
                    misses[a["text"].lower()] += 1
                    out.write(f"MISS {g['id']} {g['dct']} {a['type']} {a['value']} :: "
                              f"{ctx(a['start'], a['end'])}\n")
            for j, b in enumerate(px):
                if j not in matched_p:
                    fps[b["text"].lower()] += 1
                    out.write(f"FP {g['id']} {b['type']} {b['value']} {b.get('rule')} :: "
                              f"{ctx(b['start'], b['end'])}\n")
    print(f"  errors written to {path}")
    print("  top false positives:", ", ".join(f"{w} {n}" for w, n in fps.most_common(12)))
    print("  top misses:", ", ".join(f"{w} {n}" for w, n in misses.most_common(12)))


def _dt(iso: str):  # noqa: ANN202
    from datetime import datetime

    return datetime.fromisoformat(iso[:10])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--errors", type=Path, help="write an error dump (wrong values, false "
                    "positives, misses, spans) to this file")
    args = ap.parse_args(argv)

    print("bench_dates: the date engine benchmark (run by `make bench`)")
    tbaq = args.shared / "data" / "tempeval3" / "tbaq.jsonl"
    if not tbaq.exists():
        print(f"bench_dates: {args.shared} not found; skipping (shared data is not in the repo)")
        return 0
    scorer = load_scorer(args.shared)
    gold = load(tbaq)
    pred = [extract_batch_line(d) for d in gold]
    res = score(scorer, gold, pred)
    figures = {"value_f1": res["value"]["f1"], "strict_f1": res["strict"]["f1"]}
    seeds_path = args.shared / "data" / "seeds" / "timex.jsonl"
    if seeds_path.exists():
        seeds = load(seeds_path)
        sres = score(scorer, seeds, [extract_batch_line(d) for d in seeds])
        figures["seeds_value_f1"] = sres["value"]["f1"]
    wps, words = throughput(gold, args.repeat)
    figures["words_per_s"] = wps

    print(f"tbaq: {len(gold)} docs, {words} words, {res['gold']} gold timexes, "
          f"{res['pred']} predicted")
    print(f"  newsline   value F1 {figures['value_f1']:.4f}  strict F1 {figures['strict_f1']:.4f}"
          f"  relaxed F1 {res['relaxed']['f1']:.4f}  {wps:,.0f} words/s")
    if "seeds_value_f1" in figures:
        print(f"  seeds      value F1 {figures['seeds_value_f1']:.4f}")
    if args.errors is not None:
        write_errors(scorer, gold, pred, args.errors)
    if not args.no_dateparser:
        dp = dateparser_run(gold)
        if dp is None:
            print("  dateparser not installed; side-by-side skipped (pip install dateparser)")
        else:
            dres = score(scorer, gold, dp[0])
            print(f"  dateparser value F1 {dres['value']['f1']:.4f}  strict F1 "
                  f"{dres['strict']['f1']:.4f}  {dp[1]:,.0f} words/s  "
                  f"(newsline is {wps / dp[1]:.0f}x faster)")
    missed = [k for k, floor in TARGETS.items() if k in figures and figures[k] < floor]
    for k in missed:
        print(f"  below target: {k} = {figures[k]:.4f} < {TARGETS[k]}")
    print(f"value_f1={figures['value_f1']:.4f}")
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
