"""`make eval`: end-to-end quality of newsline on samples/, against samples/expected.json.

Runs the real pipeline (read -> clean -> publication date -> dates -> events ->
cross-source dating -> merge) and scores each stage's visible result:

- publication dates: share of articles whose date and ``published_how`` match;
- mentions: share of gold date mentions that became an event with the gold value;
- merging: pairwise precision and recall over the found mentions (a pair is
  positive when the gold puts both in one happening).

Every figure has a pinned floor; the script exits 1 when one falls below it.
Raising a floor is progress; lowering one needs a reason in the commit.
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsline import ingest as core  # noqa: E402
from newsline import sources  # noqa: E402
from newsline.config import Settings  # noqa: E402
from newsline.store import Store  # noqa: E402

FLOORS = {
    "pubdate_accuracy": 1.0,
    "mention_recall": 1.0,  # every gold mention is found (0.942 before events kept subjects)
    "merge_precision": 0.94,  # 0.949
    # 0.902: recall is over pairs of *found* mentions, so finding the last three added
    # pairs; the one miss is the blog's "The water came through Hollin last week", whose
    # week holds both the dam failure and the evacuation and whose words ("water",
    # "Hollin") lean to the evacuation. It was 0.917 over fewer pairs.
    "merge_recall": 0.90,
}


@dataclass(frozen=True)
class Scores:
    pubdate_accuracy: float
    mention_recall: float
    merge_precision: float
    merge_recall: float
    details: tuple[str, ...]


def evaluate(samples: Path = ROOT / "samples") -> Scores:
    """Ingest ``samples`` into a scratch database and score it against expected.json."""
    gold = json.loads((samples / "expected.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(str(Path(tmp) / "eval.db"))
        try:
            docs = (
                item if isinstance(item, Exception) else sources.read_document(item)
                for item in sources.discover([str(samples)])
            )
            report = core.ingest_documents(store, docs)
            core.finish(store, Settings(), report)
            articles = {Path(a.path or "").name: a for a in store.articles()}
            events = store.events()
            entries = store.entries()
        finally:
            store.close()
    details: list[str] = []

    ok = 0
    for name, want in gold["publication_dates"].items():
        art = articles.get(name)
        got = (art.published, art.published_how.value if art and art.published_how else None)
        if art is not None and got == (want["published"], want["how"]):
            ok += 1
        else:
            details.append(f"pubdate {name}: got {got}, want {(want['published'], want['how'])}")
    pub_acc = ok / len(gold["publication_dates"])

    entry_of = {ev: e.id for e in entries for ev in e.events}
    found: list[tuple[str, str]] = []  # (event id, gold happening title)
    total = 0
    for happening in gold["events"]:
        for m in happening["mentions"]:
            total += 1
            art = articles.get(m["file"])
            hit = next(
                (
                    ev for ev in events
                    if art is not None and ev.article == art.id
                    and ev.expression == m["expression"]
                    and m["clause_contains"].lower() in ev.text.lower()
                ),
                None,
            )
            if hit is None:
                details.append(f"mention not found: {m['file']} {m['expression']!r}")
            elif hit.value != m.get("value", happening["date"]):
                details.append(
                    f"mention value: {m['file']} {m['expression']!r} -> {hit.value},"
                    f" want {m.get('value', happening['date'])}"
                )
            else:
                found.append((hit.id, happening["title"]))
    recall = len(found) / total if total else 1.0

    tp = fp = fn = 0
    for (a, ga), (b, gb) in combinations(found, 2):
        same_pred = entry_of.get(a) is not None and entry_of.get(a) == entry_of.get(b)
        same_gold = ga == gb
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
        if same_pred != same_gold:
            what = f"split: {ga!r}" if same_gold else f"joined: {ga!r} with {gb!r}"
            details.append(f"merge {what}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return Scores(pub_acc, recall, precision, rec, tuple(details))


def main() -> int:
    s = evaluate()
    failed = False
    print("eval on samples/ (samples/expected.json)")
    for name, floor in FLOORS.items():
        value = getattr(s, name)
        verdict = "ok" if value >= floor else "BELOW FLOOR"
        failed |= value < floor
        print(f"  {name:18s} {value:.3f}  (floor {floor:.2f})  {verdict}")
    for line in s.details:
        print(f"  - {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
