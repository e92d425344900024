"""Events -> timeline entries: one entry per happening, every source kept.

Three steps, each cheap enough for a million events:

1. **Blocking.** Two events are compared only if their dates are compatible
   (equal, one containing the other, or days within ``window`` of each other
   when one of them was counted from a publication date, as "Monday" is) *and*
   they share a word that is not common to the whole input. An inverted index
   keyed by (date value, word) yields those pairs; an event is also indexed
   under each coarser value present in the input that contains it, so a month
   finds its days without scanning them. Up to ``_EXACT_UP_TO`` events this
   is exact; beyond it each event queries only its rarest words and keeps its
   likeliest partners, which keeps the work linear.
2. **Scoring.** Words are stemmed, stop words dropped and a small lexicon of
   news synonyms folded ("quit" ~ "resigned", "MPs" ~ "parliament"). Each word
   weighs its rarity in the input times its nearness to the date expression
   (the words governing "on Friday" name the happening; far ones are often
   another happening in the same sentence). The score is a weighted Dice
   overlap -- a shared word counts as much as it weighs on its lighter side,
   and the denominator holds both sides' words, so a short clause inside a
   long one is no match (the ``token_set_ratio`` trap) -- plus rapidfuzz's
   ratio over the sorted words, counted only above one half so that it
   rewards near-copies and not noise, plus a small bonus for equal values.
3. **Clustering.** Edges above ``similarity`` are taken best first. Two
   clusters join only if every cross pair is allowed (compatible dates; an
   announcement never joins a happening; one article names one day once, so
   two same-day clauses of one article join only as a near-copy) and shares
   at least one word, and the average cross-pair score clears the threshold
   times ``_LINK``: an A~B, B~C chain cannot drag in a C unrelated to A.

Raw events are never changed: entries refer to them by id, and calling
:func:`merge` again rebuilds the same clusters from the same events.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import gc
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta

from newsline.events import ANNOUNCEMENT
from newsline.merge.dates import (
    DEFAULT_WINDOW_DAYS,
    _day,
    _repeat_needed,
    _shiftable,
    dates_compatible,
)
from newsline.merge.entries import TITLE_MAX, _entry, _single, entry_id, headline, singletons
from newsline.merge.explain import PairEvidence, _evidence, explain_entry, explain_pair
from newsline.merge.similarity import (
    _EQUAL_BONUS,
    Profile,
    _pair,
    _vector,
    idf_weights,
    normalise,
    profile,
    similarity,
)
from newsline.models import Article, Entry, Event, Granularity
from newsline.temporal.timex import value_span

__all__ = [
    "DEFAULT_SIMILARITY",
    "DEFAULT_WINDOW_DAYS",
    "PairEvidence",
    "dates_compatible",
    "entry_id",
    "explain_entry",
    "explain_pair",
    "merge",
    "Profile",
    "idf_weights",
    "normalise",
    "profile",
    "similarity",
    "singletons",
    "TITLE_MAX",
    "headline",
]

# Chosen on data: ``python bench/bench_merge.py --sweep`` scores every
# threshold on the decoy corpora tests/data/merge_*.jsonl (same people, same
# days, different happenings), on samples/ and on the two seeds alone. With the
# other weights below fixed, the worst precision/recall over the corpora is
# flat from 0.06 to 0.16 and drops from 0.18 on; 0.12 sits inside that plateau,
# a little towards precision. The scale is low because scores are rarity- and
# nearness-weighted Dice values: one shared rare word next to the date already
# says a lot, and the one-happening-per-article rule and the cohesion check do
# the separating.
DEFAULT_SIMILARITY = 0.12

_BLOCK_DF_MIN = 200  # words in at most this many events (or _BLOCK_DF_SHARE of them) block
_BLOCK_DF_SHARE = 0.002
_QUERY_WORDS = 6  # past _EXACT_UP_TO events, each event looks up only its 6 rarest words
_PARTNERS = 8  # past _EXACT_UP_TO events, each event is compared with at most 8 others
_EXACT_UP_TO = 20_000  # up to this many events, every shared word pairs (no approximation)
_POSTING_CAP = 400  # a (date, word) posting longer than this is a stop word there
_COHESION_SAMPLE = 8  # members per side compared when two big clusters meet

_REPEAT = 0.6  # two same-day clauses of one article merge only when this alike
_LINK = 0.5  # a cluster join needs average cross-pair similarity >= threshold * _LINK


# ---------------------------------------------------------------- blocking


def _containers(start: date, end: date) -> list[str]:
    """Standard TimeML values whose span contains [start, end] (coarser first)."""
    out: list[str] = []
    y = start.year
    if end.year == y:
        out.append(f"{y:04d}")
        if start.month == end.month:
            out.append(f"{y:04d}-{start.month:02d}")
        q = (start.month - 1) // 3
        if (end.month - 1) // 3 == q:
            out.append(f"{y:04d}-Q{q + 1}")
        h = (start.month - 1) // 6
        if (end.month - 1) // 6 == h:
            out.append(f"{y:04d}-H{h + 1}")
        for name, (m0, m1) in (("SP", (3, 5)), ("SU", (6, 8)), ("FA", (9, 11))):
            if m0 <= start.month and end.month <= m1:
                out.append(f"{y:04d}-{name}")
    if start.year // 10 == end.year // 10:
        out.append(f"{start.year // 10:03d}")
    if start.year // 100 == end.year // 100:
        out.append(f"{start.year // 100:02d}")
    iy, iw, _ = start.isocalendar()
    if (end - start).days < 7 and end.isocalendar()[:2] == (iy, iw):
        out.append(f"{iy:04d}-W{iw:02d}")
    return out


def _block_words(
    words: Sequence[str], df: Mapping[str, int], cap: int, keep: int = _QUERY_WORDS
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(index words, query words) of an event.

    Index words are those carried by at most ``cap`` events: a word most of the
    archive carries ("police", "government") pairs everything with everything
    and, weighted by rarity, adds almost nothing to a score. Query words are
    the ``keep`` rarest of them, so each event looks up a bounded number of
    postings; a pair is found when a shared word is among the rarest of either
    side. In a story-sized input every word indexes and most words query.
    """
    index = tuple(w for w in words if df[w] <= cap)
    if len(index) <= keep:
        return index, index
    return index, tuple(sorted(index, key=lambda w: (df[w], w))[:keep])


def _candidate_pairs(
    events: Sequence[Event],
    index_words: Sequence[tuple[str, ...]],
    query_words: Sequence[tuple[str, ...]],
    window: int,
    per_event: int | None = None,
) -> set[tuple[int, int]]:
    """Index pairs (i < j) with compatible dates that share a blocking word.

    An event is indexed under its own value and under every coarser value
    present in the input that contains it; it then looks up its own value
    (finding equal and contained events) and, when it is a relative day, the
    days within ``window``. With ``per_event``, each event keeps only that
    many partners, those sharing the most query words.
    """
    present = {e.value for e in events}
    keys_of: dict[str, list[str]] = {}
    for v in present:
        span = value_span(v)
        keys = [v]
        if span is not None:
            keys.extend(c for c in _containers(span[0], span[1]) if c in present and c != v)
        keys_of[v] = keys
    # A (container, word) key is only worth indexing if an event dated by that
    # container queries the word: it is the container's lookup that uses it.
    wanted = {(e.value, w) for i, e in enumerate(events) for w in query_words[i]}
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        own, *containers = keys_of[e.value]
        for w in index_words[i]:
            index[(own, w)].append(i)
            for k in containers:
                if (k, w) in wanted:
                    index[(k, w)].append(i)
    pairs: set[tuple[int, int]] = set()
    for i, e in enumerate(events):
        keys = [e.value]
        if window > 0 and _shiftable(e) and e.granularity is Granularity.DAY:
            d = _day(e.start)
            keys.extend(
                (d + timedelta(days=k)).isoformat()
                for k in range(-window, window + 1) if k
            )
        found: dict[int, int] = {}
        for k in keys:
            for w in query_words[i]:
                posting = index.get((k, w))
                if not posting or len(posting) > _POSTING_CAP:
                    continue
                for j in posting:
                    if j != i:
                        found[j] = found.get(j, 0) + 1
        if per_event is not None and len(found) > per_event:
            # Keep the partners sharing the most query words (ties: lowest index).
            found = dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:per_event])
        for j in found:
            pairs.add((i, j) if i < j else (j, i))
    return pairs


# ---------------------------------------------------------------- clustering


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
