"""Clustering: scored candidate pairs, best first, into cohesive clusters, then entries."""

from __future__ import annotations

import gc
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence

from newsline.events import ANNOUNCEMENT
from newsline.merge.blocking import (
    _BLOCK_DF_MIN,
    _BLOCK_DF_SHARE,
    _EXACT_UP_TO,
    _PARTNERS,
    _QUERY_WORDS,
    _block_words,
    _candidate_pairs,
)
from newsline.merge.dates import DEFAULT_WINDOW_DAYS, _day, _repeat_needed, _shiftable
from newsline.merge.entries import _entry, _single
from newsline.merge.explain import _evidence
from newsline.merge.similarity import _EQUAL_BONUS, _pair, _vector, idf_weights, profile
from newsline.models import Article, Entry, Event, Granularity

__all__ = ["DEFAULT_SIMILARITY", "merge"]

# Chosen on data: ``python bench/bench_merge.py --sweep`` scores every threshold
# on the decoy corpora tests/data/merge_*.jsonl (same people, same days,
# different happenings), on samples/ and on the two seeds alone. With the
# weights of newsline.merge.similarity fixed, the worst precision/recall over
# the corpora is flat from 0.06 to 0.16 and drops from 0.18 on; 0.12 sits inside
# that plateau, a little towards precision. The scale is low because scores are
# rarity- and nearness-weighted Dice values: one shared rare word next to the
# date already says a lot, and the one-happening-per-article rule and the
# cohesion check do the separating.
DEFAULT_SIMILARITY = 0.12

_COHESION_SAMPLE = 8  # members per side compared when two big clusters meet
_REPEAT = 0.6  # two same-day clauses of one article merge only when this alike
_LINK = 0.5  # a cluster join needs average cross-pair similarity >= threshold * _LINK


def merge(
    events: Sequence[Event],
    articles: Mapping[str, Article],
    *,
    similarity: float = DEFAULT_SIMILARITY,
    window: int = DEFAULT_WINDOW_DAYS,
    timings: dict[str, float] | None = None,
) -> list[Entry]:
    """Cluster events that describe one happening into timeline entries.

    The result does not depend on the order of ``events`` (they are sorted by
    id first) and is sorted by date, then id. ``articles`` supplies each
    source's path, outlet and publication date; unknown articles are cited by
    id alone. ``timings``, when given, receives seconds per phase (for the bench).
    """
    # Merging allocates millions of small tuples and dicts that live to the end;
    # the cyclic collector would rescan them again and again (a third of the
    # time at a million events) and can find no cycles among them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _merge(events, articles, similarity, window, timings)
    finally:
        if collecting:
            gc.enable()


def _merge(
    events: Sequence[Event],
    articles: Mapping[str, Article],
    similarity: float,
    window: int,
    timings: dict[str, float] | None,
) -> list[Entry]:
    clock = _Clock(timings)
    threshold = similarity
    uniq = sorted({e.id: e for e in events}.values(), key=lambda e: e.id)
    profiles = [profile(e) for e in uniq]
    clock.lap("profiles")
    weights = idf_weights(profiles)
    vecs = [_vector(p, weights) for p in profiles]
    sums = [sum(v.values()) for v in vecs]
    joined = [p.joined for p in profiles]
    cores = [p.core for p in profiles]
    cache: dict[tuple[int, int], float] = {}
    # _allowed() unrolled over plain tuples: this runs for every candidate pair.
    meta = [
        (e.kind == ANNOUNCEMENT, e.article, e.value, e.start, e.end, e.granularity,
         _day(e.start).toordinal() if e.granularity is Granularity.DAY else 0, _shiftable(e))
        for e in uniq
    ]
    day = Granularity.DAY

    def allowed(i: int, j: int) -> bool:
        ann, art, val, st, en, gran, od, shift = meta[i]
        ann2, art2, val2, st2, en2, gran2, od2, shift2 = meta[j]
        if ann != ann2:
            return False
        same = art == art2
        if same and val != val2 and (gran is gran2 or ann):
            return False
        if (st <= st2 and en2 <= en) or (st2 <= st and en <= en2):
            return True
        return (gran is day and gran2 is day and not same and (shift or shift2)
                and abs(od - od2) <= window)

    def sim(i: int, j: int) -> float:
        """Pair score, 0.0 when the pair may not merge at all (cached)."""
        key = (i, j) if i < j else (j, i)
        got = cache.get(key)
        if got is None:
            got = 0.0
            if allowed(i, j):
                same_day = meta[i][2] == meta[j][2]
                repeat = same_day and meta[i][1] == meta[j][1]  # _repeat_needed
                got = _pair(vecs[i], sums[i], joined[i], vecs[j], sums[j], joined[j],
                            not cores[i].isdisjoint(cores[j]),
                            _EQUAL_BONUS if same_day and not repeat else 0.0)[0]
                if repeat:
                    got = got if got >= _REPEAT else 0.0
                got = round(min(1.0, got), 4)
                if got == 0.0:
                    got = 1e-9  # allowed but unlike: keep apart from "forbidden"
            cache[key] = got
        return got

    edges: list[tuple[float, int, int]] = []
    df = Counter(w for p in profiles for w in p.words)
    cap = max(_BLOCK_DF_MIN, int(len(uniq) * _BLOCK_DF_SHARE))
    keep = 1 << 30 if len(uniq) <= _EXACT_UP_TO else _QUERY_WORDS
    blocks = [_block_words(p.words, df, cap, keep) for p in profiles]
    exact = len(uniq) <= _EXACT_UP_TO
    clock.lap("weights")
    cands = _candidate_pairs(uniq, [b[0] for b in blocks], [b[1] for b in blocks], window,
                             None if exact else _PARTNERS)
    clock.lap("candidates")
    for i, j in cands:
        s = sim(i, j)
        if s >= threshold:
            edges.append((s, i, j))
    edges.sort(key=lambda t: (-t[0], t[1], t[2]))
    clock.lap("scores")

    cluster_of = list(range(len(uniq)))
    members: dict[int, list[int]] = {}  # clusters of two or more; others are singletons
    links: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for s, i, j in edges:
        ca, cb = cluster_of[i], cluster_of[j]
        if ca == cb:
            links[ca].append((i, j, s))
            continue
        ma, mb = members.get(ca, [ca]), members.get(cb, [cb])
        if not _cohesive(ma, mb, sim, uniq, threshold):
            continue
        keep, drop, grow, gone = (ca, cb, ma, mb) if len(ma) >= len(mb) else (cb, ca, mb, ma)
        for x in gone:
            cluster_of[x] = keep
        members[keep] = grow + gone
        members.pop(drop, None)
        links[keep].extend(links.pop(drop, []))
        links[keep].append((i, j, s))

    clock.lap("clusters")
    entries = [
        _entry([uniq[x] for x in group], articles, _evidence(group, links[c], cache, uniq))
        for c, group in members.items()
    ]
    entries.extend(
        _single(e, articles) for i, e in enumerate(uniq) if cluster_of[i] == i and i not in members
    )
    entries.sort(key=lambda e: (e.start, e.end, e.id))
    clock.lap("entries")
    return entries


class _Clock:
    """Seconds per phase into a caller's dict; does nothing without one."""

    def __init__(self, out: dict[str, float] | None) -> None:
        self.out = out
        self.last = time.perf_counter() if out is not None else 0.0

    def lap(self, name: str) -> None:
        if self.out is not None:
            now = time.perf_counter()
            self.out[name] = self.out.get(name, 0.0) + now - self.last
            self.last = now


def _spread(group: Sequence[int], k: int) -> Sequence[int]:
    """At most ``k`` members spread evenly over a cluster (deterministic)."""
    if len(group) <= k:
        return group
    ordered = sorted(group)
    step = len(ordered) / k
    return [ordered[int(n * step)] for n in range(k)]


def _cohesive(
    a: Sequence[int],
    b: Sequence[int],
    sim: Callable[[int, int], float],
    uniq: Sequence[Event],
    threshold: float,
) -> bool:
    """May clusters ``a`` and ``b`` join? Every cross pair must be allowed (dates,
    kinds, one happening per article and date) and share at least one word, and
    the average cross-pair score must clear ``threshold * _LINK``: together
    these stop A~B, B~C chains from joining an A and a C that have nothing in
    common.

    Big clusters are judged on an even sample of their members, which keeps a
    join cheap at archive scale; the clusters of real stories are small and
    are judged on every pair.
    """
    xs, ys = _spread(a, _COHESION_SAMPLE), _spread(b, _COHESION_SAMPLE)
    total = 0.0
    for x in xs:
        for y in ys:
            pair = sim(x, y)
            if pair < 1e-6:  # forbidden, or not one word in common: that is a chain
                return False
            if pair < threshold and _repeat_needed(uniq[x], uniq[y]):
                return False
            total += pair
    return total / (len(xs) * len(ys)) >= threshold * _LINK
