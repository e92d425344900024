"""Merge quality and scale (issue 5).

Prints, for every test corpus ``tests/data/merge_*.jsonl`` and for
``samples/expected.json`` when present, the pairwise merge precision and recall:
a pair of gold mentions is positive when the gold puts them in one happening,
and predicted positive when :func:`newsline.merge.merge` puts their events in
one entry. Events are built by :func:`newsline.events.extract_events` from the
gold date values, so the figures measure events + merging, not the date engine.

Exits 1 when samples/ (the project's gold) falls below 0.9; the team's
decoy corpora print BELOW TARGET instead, their floors are pinned in
tests/test_merge.py.

Then times :func:`merge` on synthetic events (100,000 and 1,000,000 by
default; ``--sizes`` to change, ``--sweep`` to print F1 over thresholds and
windows, which is how the defaults were chosen).

    python bench/bench_merge.py [--sizes 100000,1000000] [--sweep]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsline.events import extract_events, keywords_of  # noqa: E402
from newsline.merge import DEFAULT_SIMILARITY, DEFAULT_WINDOW_DAYS, merge  # noqa: E402
from newsline.models import (  # noqa: E402
    Article,
    Entry,
    Event,
    Granularity,
    PublishedHow,
    Sentence,
    Timex,
    TimexType,
)
from newsline.temporal.timex import value_span  # noqa: E402


@dataclass(frozen=True)
class Corpus:
    """Articles, their events, and the gold happening of each gold mention's event."""

    name: str
    articles: dict[str, Article]
    events: list[Event]
    gold: dict[str, str]  # event id -> gold happening label
    missing: int  # gold mentions that yielded no event


def _locate(text: str, expression: str, near: str) -> int:
    """Offset of ``expression`` closest to the words ``near`` (both must be in text)."""
    at = text.find(near)
    if at < 0:
        raise ValueError(f"clause words not found: {near!r}")
    hits = [m.start() for m in re.finditer(re.escape(expression), text)]
    if not hits:
        raise ValueError(f"expression not found: {expression!r}")
    mid = at + len(near) // 2
    return min(hits, key=lambda h: (abs(h - mid), h))


def _relative(expression: str) -> bool:
    """Gold files carry no resolution rule: digits mean an absolute date."""
    return not any(ch.isdigit() for ch in expression)


def _sentences(text: str, use_splitter: bool) -> Sequence[Sentence]:
    if not use_splitter:
        return []
    try:
        from newsline.sentences import split_sentences
    except ImportError:
        return []
    return split_sentences(text)


def _build(
    name: str,
    docs: list[tuple[str, str, str | None, str | None, list[dict[str, str]]]],
    use_splitter: bool,
) -> Corpus:
    """docs: (article id, text, published, outlet, mentions with expression/near/value/event)."""
    articles: dict[str, Article] = {}
    events: list[Event] = []
    gold: dict[str, str] = {}
    missing = 0
    for aid, text, published, outlet, mentions in docs:
        art = Article(
            id=aid, path=aid, title=None, outlet=outlet, published=published,
            published_how=PublishedHow.METADATA if published else None, text=text,
        )
        articles[aid] = art
        timexes = []
        labels: dict[int, str] = {}
        for m in mentions:
            start = _locate(text, m["expression"], m["near"])
            span = value_span(m["value"])
            rel = bool(m.get("relative", _relative(m["expression"])))
            timexes.append(Timex(
                start, start + len(m["expression"]), m["expression"], TimexType.DATE,
                m["value"], span[2] if span else None, rule="gold",
                anchor=published if rel else None,
            ))
            labels[start] = m["event"]
        evs = extract_events(art, _sentences(text, use_splitter), timexes)
        found = set()
        for e in evs:
            if e.expr_start in labels:
                gold[e.id] = labels[e.expr_start]
                found.add(e.expr_start)
        missing += len(set(labels) - found)
        events.extend(evs)
    return Corpus(name, articles, events, gold, missing)


def load_corpus(path: Path, *, use_splitter: bool = False) -> Corpus:
    """A ``merge_*.jsonl`` corpus: one article per line with its gold mentions."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        docs.append((row["id"], row["text"], row.get("published"), row.get("outlet"),
                     row["mentions"]))
    return _build(path.stem, docs, use_splitter)


def load_samples(
    folder: Path, *, use_splitter: bool = False, only: tuple[str, ...] = (), name: str = "samples"
) -> Corpus | None:
    """``samples/expected.json`` as a corpus (raw file text; gold dates and clauses).

    ``only`` keeps the files whose names start with one of these prefixes.
    """
    gold_path = folder / "expected.json"
    if not gold_path.exists():
        return None
    spec = json.loads(gold_path.read_text(encoding="utf-8"))
    by_file: dict[str, list[dict[str, str]]] = {}
    for n, ev in enumerate(spec["events"]):
        for m in ev["mentions"]:
            by_file.setdefault(m["file"], []).append({
                "expression": m["expression"], "near": m["clause_contains"],
                "value": m["value"], "event": f"{n}:{ev['title']}",
            })
    docs = []
    for fname, mentions in sorted(by_file.items()):
        if only and not fname.startswith(only):
            continue
        text = (folder / fname).read_text(encoding="utf-8")
        pub = spec["publication_dates"].get(fname, {}).get("published")
        docs.append((fname, text, pub, None, mentions))
    return _build(name, docs, use_splitter)


def pairwise(entries: Sequence[Entry], gold: dict[str, str]) -> tuple[float, float, int, int]:
    """(precision, recall, predicted pairs, gold pairs) over gold-labelled events."""
    cluster = {eid: en.id for en in entries for eid in en.events}
    ids = sorted(gold)
    tp = fp = fn = 0
    for n, a in enumerate(ids):
        for b in ids[n + 1:]:
            same_gold = gold[a] == gold[b]
            same_pred = cluster.get(a) is not None and cluster.get(a) == cluster.get(b)
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp + fp, tp + fn


def corpora(*, use_splitter: bool = False) -> list[Corpus]:
    """Every corpus the bench scores: the team's test corpora, then the samples."""
    out = [load_corpus(p, use_splitter=use_splitter)
           for p in sorted((ROOT / "tests" / "data").glob("merge_*.jsonl"))]
    samples = load_samples(ROOT / "samples", use_splitter=use_splitter)
    if samples is not None:
        out.append(samples)
        seeds = load_samples(ROOT / "samples", use_splitter=use_splitter,
                             only=("000_", "001_"), name="samples (seeds only)")
        assert seeds is not None
        out.append(seeds)
    return out


# ---------------------------------------------------------------- synthetic scale

_SYL = ("ka", "ve", "mo", "ta", "li", "do", "pe", "su", "ra", "ho", "bre", "ca", "ni", "lo",
        "ur", "en", "as", "ti", "gor", "mel", "vin", "sar", "tol", "bek")


def _vocab(n: int, rng: random.Random, syllables: int) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choice(_SYL) for _ in range(syllables)))
    return sorted(out)


def synthetic(n: int, seed: int = 7) -> list[Event]:
    """``n`` events shaped like a large news archive.

    About ten years of days; each happening is reported by one to six events
    (sources), 75% day values (a quarter of them relative, 5% off by a day),
    10% weeks, 10% months, 5% years. Words are drawn Zipf-like from 5,000
    names, 1,500 nouns and 3,000 general words, so popular words are shared by
    many unrelated events on the same day, as in real news.
    """
    from datetime import date as _date

    rng = random.Random(seed)
    names = _vocab(5000, rng, 3)
    nouns = _vocab(1500, rng, 3)
    general = _vocab(3000, rng, 4)
    cum = {}
    for key, pool in (("n", names), ("o", nouns), ("g", general)):
        acc, total = [], 0.0
        for r in range(1, len(pool) + 1):
            total += 1.0 / r
            acc.append(total)
        cum[key] = acc

    def draw(key: str, pool: list[str], k: int) -> list[str]:
        return rng.choices(pool, cum_weights=cum[key], k=k)

    out: list[Event] = []
    base = 735000  # 2013-05-24 as an ordinal
    h = 0
    while len(out) < n:
        h += 1
        day = base + rng.randrange(3650)
        words = draw("n", names, 2) + draw("o", nouns, 3) + draw("g", general, 2)
        for k in range(rng.choice((1, 1, 2, 2, 3, 4, 6))):
            d = _date.fromordinal(day + (rng.choice((-1, 1)) if rng.random() < 0.05 else 0))
            kind = rng.random()
            if kind < 0.75:
                value, gran = d.isoformat(), Granularity.DAY
            elif kind < 0.85:
                iy, iw, _ = d.isocalendar()
                value, gran = f"{iy:04d}-W{iw:02d}", Granularity.WEEK
            elif kind < 0.95:
                value, gran = f"{d.year:04d}-{d.month:02d}", Granularity.MONTH
            else:
                value, gran = f"{d.year:04d}", Granularity.YEAR
            span = value_span(value)
            assert span is not None
            mine = words[:]
            rng.shuffle(mine)
            mine = mine[: rng.randint(4, 7)] + draw("g", general, 3)
            text = " ".join(mine)
            out.append(Event(
                id=f"{h:08x}{k:08x}", article=f"a{h % 50000:05d}{k}", value=value,
                granularity=gran, start=span[0].isoformat(), end=span[1].isoformat(),
                text=text, expression="on the day", expr_start=0, expr_end=1,
                clause_start=0, clause_end=len(text), keywords=keywords_of(text),
                relative=gran is Granularity.DAY and rng.random() < 0.25,
            ))
            if len(out) >= n:
                break
    return out


def _synthetic_pr(entries: Sequence[Entry]) -> tuple[float, float]:
    """Pairwise precision/recall on synthetic events (gold happening = id prefix)."""
    from collections import Counter

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    gold: Counter[str] = Counter()
    tp = pred = 0
    for en in entries:
        pred += pairs(len(en.events))
        per = Counter(i[:8] for i in en.events)
        tp += sum(pairs(n) for n in per.values())
        gold.update(per)
    total = sum(pairs(n) for n in gold.values())
    return (tp / pred if pred else 1.0), (tp / total if total else 1.0)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--splitter", action="store_true",
                    help="use newsline.sentences instead of the events module's fallback")
    args = ap.parse_args(argv)

    print(f"merge quality (similarity={DEFAULT_SIMILARITY}, window={DEFAULT_WINDOW_DAYS}):")
    worst = 1.0
    all_c = corpora(use_splitter=args.splitter)
    for c in all_c:
        entries = merge(c.events, c.articles)
        p, r, npred, ngold = pairwise(entries, c.gold)
        if c.name.startswith("samples"):
            worst = min(worst, p, r)
        print(f"  {c.name:24s} events {len(c.events):4d}  gold pairs {ngold:4d}  "
              f"predicted {npred:4d}  precision {p:.3f}  recall {r:.3f}"
              + ("  BELOW TARGET 0.9" if min(p, r) < 0.9 else "")
              + (f"  (gold mentions without event: {c.missing})" if c.missing else ""))
    if args.sweep:
        print("sweep: worst of precision/recall over all corpora; mean F1")
        for window in (0, 1, 2, 3):
            for thr in (0.06, 0.08, 0.10, 0.12, 0.13, 0.14, 0.16, 0.18, 0.20, 0.25, 0.30):
                lows, f1s = [], []
                for c in all_c:
                    p, r, _, _ = pairwise(merge(c.events, c.articles, similarity=thr,
                                                window=window), c.gold)
                    lows.append(min(p, r))
                    f1s.append(2 * p * r / (p + r) if p + r else 0.0)
                print(f"  window {window} similarity {thr:.2f}: worst {min(lows):.3f}  "
                      f"mean F1 {sum(f1s) / len(f1s):.3f}")

    for size in (int(s) for s in args.sizes.split(",") if s):
        evs = synthetic(size)
        t0 = time.perf_counter()
        phases: dict[str, float] = {}
        entries = merge(evs, {}, timings=phases)
        dt = time.perf_counter() - t0
        p, r = _synthetic_pr(entries)
        print(f"  synthetic {size:>9,d} events -> {len(entries):>9,d} entries in {dt:6.1f} s "
              f"({size / dt:,.0f} events/s; pairwise precision {p:.3f} recall {r:.3f})",
              flush=True)
        print("    phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in phases.items()),
              flush=True)
    return 0 if worst >= 0.9 else 1


if __name__ == "__main__":
    raise SystemExit(main())
