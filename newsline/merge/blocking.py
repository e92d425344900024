"""Candidate pairs: only events with compatible dates that share a not-too-common word meet.

An inverted index keyed by (date value, word) yields the pairs; an event is
also indexed under each coarser value present in the input that contains it,
so a month finds its days without scanning them. Up to ``_EXACT_UP_TO``
events this is exact; beyond it each event queries only its rarest words and
keeps its likeliest partners, which keeps the work linear.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from newsline.merge.dates import _day, _shiftable
from newsline.models import Event, Granularity
from newsline.temporal.timex import value_span

_BLOCK_DF_MIN = 200  # words in at most this many events (or _BLOCK_DF_SHARE of them) block
_BLOCK_DF_SHARE = 0.002
_QUERY_WORDS = 6  # past _EXACT_UP_TO events, each event looks up only its 6 rarest words
_PARTNERS = 8  # past _EXACT_UP_TO events, each event is compared with at most 8 others
_EXACT_UP_TO = 20_000  # up to this many events, every shared word pairs (no approximation)
_POSTING_CAP = 400  # a (date, word) posting longer than this is a stop word there


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
