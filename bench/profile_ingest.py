"""Profile the per-article work (issue 7): CPU rate of process_document and a cProfile.

    python bench/profile_ingest.py --articles 400            # rate, best of 3 passes
    python bench/profile_ingest.py --articles 400 --profile  # plus the top functions
    python bench/profile_ingest.py --articles 400 --stages   # ms per article per stage

Calls ``pipeline.process_document`` directly on RawDocuments built from the
synthetic corpus (bench/synth.py), so reading files and the store are left out;
CPU time (``time.process_time``) keeps other load on the machine out of the figure.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import synth  # noqa: E402

from newsline.models import RawDocument  # noqa: E402
from newsline.pipeline import process_document  # noqa: E402


def docs(n: int, seed: int) -> list[RawDocument]:
    """The synthetic corpus as in-memory documents, named as the ingest would see them."""
    return [RawDocument(text=t, path=f"corpus/{name}") for name, t in synth.generate(n, seed)]


def rate(batch: list[RawDocument], passes: int) -> float:
    """Best articles per CPU second over ``passes`` runs."""
    best = float("inf")
    for _ in range(passes):
        t0 = time.process_time()
        for d in batch:
            process_document(d)
        best = min(best, time.process_time() - t0)
    return len(batch) / best


def stages(batch: list[RawDocument], passes: int) -> None:
    """CPU milliseconds per article of each stage of process_document (best of ``passes``)."""
    from newsline.clean import clean
    from newsline.events import extract_events
    from newsline.pubdate import find_pubdate
    from newsline.sentences import split_sentences
    from newsline.temporal import extract

    processed = [process_document(d) for d in batch]
    cleaned = [clean(d.text) for d in batch]
    sents = [split_sentences(p.article.text) for p in processed]
    work = {
        "clean": lambda: [clean(d.text) for d in batch],
        "pubdate": lambda: [find_pubdate(c, path=d.path)
                            for c, d in zip(cleaned, batch, strict=True)],
        "dates": lambda: [extract(p.article.text, p.article.published) for p in processed],
        "sentences": lambda: [split_sentences(p.article.text) for p in processed],
        "events": lambda: [extract_events(p.article, s, list(p.timexes))
                           for p, s in zip(processed, sents, strict=True)],
    }
    for name, fn in work.items():
        best = float("inf")
        for _ in range(passes):
            t0 = time.process_time()
            fn()
            best = min(best, time.process_time() - t0)
        print(f"  {name:10s} {best * 1000 / len(batch):6.3f} ms/article")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one pass")
    ap.add_argument("--stages", action="store_true", help="time each stage apart")
    ap.add_argument("--top", type=int, default=35)
    ap.add_argument("--sort", default="tottime")
    a = ap.parse_args()
    batch = docs(a.articles, a.seed)
    process_document(batch[0])  # warm lazy imports and caches
    print(f"process_document: {rate(batch, a.passes):.0f} articles per CPU second "
          f"({a.articles} articles, best of {a.passes})")
    if a.stages:
        stages(batch, a.passes)
    if a.profile:
        prof = cProfile.Profile()
        prof.enable()
        for d in batch:
            process_document(d)
        prof.disable()
        pstats.Stats(prof).sort_stats(a.sort).print_stats(a.top)


if __name__ == "__main__":
    main()
