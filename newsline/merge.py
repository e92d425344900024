"""Events -> timeline entries: one entry per happening, every source kept.

Three steps, each cheap enough for a million events:

1. **Blocking.** Two events are compared only if their dates are compatible
   (equal, one containing the other, or day-precise relative dates of different
   articles within ``window`` days) *and* they share a content word. An inverted
   index keyed by (date value, word) yields exactly those pairs; a date value is
   indexed under each coarser value present in the input that contains it, so a
   month finds its days without scanning them.
2. **Scoring.** :func:`similarity` blends keyword overlap (Dice over stemmed,
   synonym-folded words: subsets are not rewarded the way ``token_set_ratio``
   rewards them) with rapidfuzz's ``token_sort_ratio`` over the same words,
   which forgives spelling variants ("Francois"/"François").
3. **Clustering.** Edges above ``similarity`` are taken best first; two
   clusters join only if every cross pair of dates is compatible and the
   *average* similarity over all cross pairs still clears the threshold, so
   A~B, B~C never drags in an unrelated C.

Raw events are never changed: entries refer to them by id, and calling
:func:`merge` again rebuilds the same clusters from the same events.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from newsline.events import ANNOUNCEMENT, keywords_of
from newsline.models import Article, Entry, Event, Granularity, SourceRef
from newsline.temporal.timex import value_span

__all__ = [
    "DEFAULT_SIMILARITY",
    "DEFAULT_WINDOW_DAYS",
    "PairEvidence",
    "dates_compatible",
    "entry_id",
    "explain_pair",
    "merge",
    "normalise",
    "similarity",
    "singletons",
]

# Chosen on data: bench/bench_merge.py sweeps the threshold over the decoy
# corpora in tests/data/merge_*.jsonl (same people, same days, different
# happenings) and the seeds. Pairwise F1 is flat at >= 0.9 between about 0.30
# and 0.45; 0.36 sits in the middle of that plateau, so neither precision nor
# recall hangs on the exact value.
DEFAULT_SIMILARITY = 0.36
# Relative day dates ("on Monday") are only as good as the anchor they were
# resolved from; a dateline in another time zone or a late edition moves them by
# a day. The corpora show no gain past one day and decoys creep in from two on.
DEFAULT_WINDOW_DAYS = 1

_KW_WEIGHT = 0.7  # share of keyword overlap in the blend; the rest is fuzzy order
_POSTING_CAP = 400  # a (date, word) posting longer than this is a stop word there
_SCORES_CAP = 12  # clusters larger than this record only their linking edges

# News verbs and nouns that name the same act; folded before comparison so
# that "head to Tehran" meets "a visit to Tehran". Kept small on purpose.
_SYNONYMS = {
    "visit": ("head", "travel", "trip", "tour", "fly", "arrive", "go", "visitor"),
    "talk": ("meet", "met", "meeting", "discuss", "discussion", "negotiate", "negotiation",
             "summit"),
    "kill": ("dead", "death", "die", "died", "killing", "fatal"),
    "attack": ("assault", "strike", "bombing", "bomb", "raid"),
    "elect": ("election", "vote", "poll", "ballot"),
    "sign": ("signed", "signing", "ink", "inked"),
    "deal": ("agreement", "accord", "pact", "treaty"),
    "resign": ("resignation", "quit", "step"),
    "leader": ("leadership", "chief"),
}
_CANON = {w: k for k, ws in _SYNONYMS.items() for w in ws}


def _stem(word: str) -> str:
    """Fold plurals, tenses and demonyms just enough to match across outlets."""
    w = word.lower().replace("’", "'").strip("'-")
    if w.isdigit() or len(w) <= 3:
        return _CANON.get(w, w)
    if w in _CANON:
        return _CANON[w]
    for suffix, keep in (("ians", 4), ("ian", 4), ("ia", 4), ("ship", 5), ("ings", 5),
                         ("ing", 5), ("ies", 4), ("ied", 4), ("ed", 4), ("es", 5),
                         ("s", 4)):
        if w.endswith(suffix) and len(w) - len(suffix) >= keep - 1:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                break
            if suffix in ("ies", "ied"):
                w = w[: -len(suffix)] + "y"
            else:
                w = w[: -len(suffix)]
            break
    return _CANON.get(w, w)


def normalise(event: Event) -> tuple[str, ...]:
    """Sorted, unique, stemmed content words of an event: what similarity compares."""
    words = event.keywords or keywords_of(event.text, drop=event.expression)
    return tuple(sorted({_stem(w) for w in words if w}))


def _score(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, float, float]:
    """(blend, keyword dice, fuzzy ratio) of two normalised word tuples."""
    if not a or not b:
        return 0.0, 0.0, 0.0
    shared = len(set(a).intersection(b))
    dice = 2.0 * shared / (len(a) + len(b))
    ratio = fuzz.token_sort_ratio(" ".join(a), " ".join(b)) / 100.0
    return _KW_WEIGHT * dice + (1 - _KW_WEIGHT) * ratio, dice, ratio


def similarity(a: Event, b: Event) -> float:
    """Text similarity of two events in [0, 1], independent of their dates."""
    if (a.kind == ANNOUNCEMENT) != (b.kind == ANNOUNCEMENT):
        return 0.0
    return round(_score(normalise(a), normalise(b))[0], 4)


def _day(iso: str) -> date:
    return date.fromisoformat(iso)


def dates_compatible(a: Event, b: Event, window: int = DEFAULT_WINDOW_DAYS) -> bool:
    """Could ``a`` and ``b`` be the same happening, judged by their dates alone?

    Equal or nested spans always can. Two different days can only when both
    are day-precise, come from different articles, at least one was resolved
    relative to a publication date, and they lie within ``window`` days.
    Inside one article the anchor is shared, so different days are different
    happenings.
    """
    sa, ea, sb, eb = a.start, a.end, b.start, b.end
    if (sa <= sb and eb <= ea) or (sb <= sa and ea <= eb):
        return True
    if (
        a.granularity is Granularity.DAY
        and b.granularity is Granularity.DAY
        and a.article != b.article
        and (a.relative or b.relative)
    ):
        return abs((_day(sa) - _day(sb)).days) <= window
    return False


def _allowed(a: Event, b: Event, window: int) -> bool:
    if (a.kind == ANNOUNCEMENT) != (b.kind == ANNOUNCEMENT):
        return False
    if a.article == b.article and a.value != b.value and (
        a.granularity is b.granularity or a.kind == ANNOUNCEMENT
    ):
        return False  # one article, two different dates of one precision: two happenings
    return dates_compatible(a, b, window)


@dataclass(frozen=True)
class PairEvidence:
    """Why two events were (or were not) merged, for ``newsline explain``."""

    a: str
    b: str
    date_relation: str  # "equal", "a contains b", "b contains a", "N days apart", "incompatible"
    keyword_score: float
    fuzzy_score: float
    score: float
    shared: tuple[str, ...]
    allowed: bool


def explain_pair(a: Event, b: Event, *, window: int = DEFAULT_WINDOW_DAYS) -> PairEvidence:
    """The evidence :func:`merge` weighs for one pair of events."""
    na, nb = normalise(a), normalise(b)
    blend, dice, ratio = _score(na, nb)
    if a.value == b.value:
        rel = "equal"
    elif a.start <= b.start and b.end <= a.end:
        rel = "a contains b"
    elif b.start <= a.start and a.end <= b.end:
        rel = "b contains a"
    elif dates_compatible(a, b, window):
        rel = f"{abs((_day(a.start) - _day(b.start)).days)} days apart"
    else:
        rel = "incompatible"
    allowed = _allowed(a, b, window)
    return PairEvidence(
        a=a.id, b=b.id, date_relation=rel, keyword_score=round(dice, 4),
        fuzzy_score=round(ratio, 4), score=round(blend, 4) if allowed else 0.0,
        shared=tuple(sorted(set(na).intersection(nb))), allowed=allowed,
    )


def entry_id(event_ids: Iterable[str]) -> str:
    """Stable content hash of a cluster: the same events always give the same id."""
    key = ",".join(sorted(set(event_ids)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


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


def _candidate_pairs(
    events: Sequence[Event], words: Sequence[tuple[str, ...]], window: int
) -> set[tuple[int, int]]:
    """Index pairs (i < j) with compatible dates that share at least one word."""
    present = {e.value for e in events}
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        keys = [e.value]
        span = value_span(e.value)
        if span is not None:
            keys.extend(c for c in _containers(span[0], span[1]) if c in present and c != e.value)
        for k in keys:
            for w in words[i]:
                index[(k, w)].append(i)
    pairs: set[tuple[int, int]] = set()
    for i, e in enumerate(events):
        keys = [e.value]
        if window > 0 and e.relative and e.granularity is Granularity.DAY:
            d = _day(e.start)
            keys.extend(
                (d + timedelta(days=k)).isoformat()
                for k in range(-window, window + 1) if k
            )
        for k in keys:
            for w in words[i]:
                posting = index.get((k, w))
                if not posting or len(posting) > _POSTING_CAP:
                    continue
                for j in posting:
                    if j != i:
                        pairs.add((i, j) if i < j else (j, i))
    return pairs


# ---------------------------------------------------------------- clustering


def merge(
    events: Sequence[Event],
    articles: Mapping[str, Article],
    *,
    similarity: float = DEFAULT_SIMILARITY,
    window: int = DEFAULT_WINDOW_DAYS,
) -> list[Entry]:
    """Cluster events that describe one happening into timeline entries.

    The result does not depend on the order of ``events`` (they are sorted by
    id first) and is sorted by date, then id. ``articles`` supplies each
    source's path, outlet and publication date; unknown articles are cited by
    id alone.
    """
    threshold = similarity
    uniq = sorted({e.id: e for e in events}.values(), key=lambda e: e.id)
    words = [normalise(e) for e in uniq]
    cache: dict[tuple[int, int], float] = {}

    def sim(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        got = cache.get(key)
        if got is None:
            got = _score(words[i], words[j])[0] if _allowed(uniq[i], uniq[j], window) else 0.0
            cache[key] = got
        return got

    edges: list[tuple[float, int, int]] = []
    for i, j in _candidate_pairs(uniq, words, window):
        if not _allowed(uniq[i], uniq[j], window):
            continue
        s = sim(i, j)
        if s >= threshold:
            edges.append((s, i, j))
    edges.sort(key=lambda t: (-t[0], t[1], t[2]))

    cluster_of = list(range(len(uniq)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(uniq))}
    links: dict[int, list[tuple[int, int, float]]] = {i: [] for i in range(len(uniq))}
    for s, i, j in edges:
        ca, cb = cluster_of[i], cluster_of[j]
        if ca == cb:
            links[ca].append((i, j, s))
            continue
        a, b = members[ca], members[cb]
        total = 0.0
        ok = True
        for x in a:
            for y in b:
                if not _allowed(uniq[x], uniq[y], window):
                    ok = False
                    break
                total += sim(x, y)
            if not ok:
                break
        if not ok or total / (len(a) * len(b)) < threshold:
            continue
        keep, drop = (ca, cb) if len(a) >= len(b) else (cb, ca)
        for x in members[drop]:
            cluster_of[x] = keep
        members[keep].extend(members.pop(drop))
        links[keep].extend(links.pop(drop))
        links[keep].append((i, j, s))

    entries = [
        _entry([uniq[x] for x in group], articles, _evidence(group, links[c], sim, uniq))
        for c, group in members.items()
    ]
    entries.sort(key=lambda e: (e.start, e.end, e.id))
    return entries


def singletons(events: Sequence[Event], articles: Mapping[str, Article]) -> list[Entry]:
    """One entry per raw event (``--no-merge``), same shape as :func:`merge`."""
    uniq = sorted({e.id: e for e in events}.values(), key=lambda e: e.id)
    entries = [_entry([e], articles, ()) for e in uniq]
    entries.sort(key=lambda e: (e.start, e.end, e.id))
    return entries


def _evidence(
    group: Sequence[int],
    links: Sequence[tuple[int, int, float]],
    sim: Callable[[int, int], float],
    uniq: Sequence[Event],
) -> tuple[tuple[str, str, float], ...]:
    """Pairwise scores behind a cluster (all pairs when small, linking edges when large)."""
    if len(group) < 2:
        return ()
    if len(group) <= _SCORES_CAP:
        pairs = [(x, y) for n, x in enumerate(group) for y in group[n + 1:]]
        rows = [(uniq[x].id, uniq[y].id, round(sim(x, y), 4)) for x, y in pairs]
    else:
        rows = [(uniq[x].id, uniq[y].id, round(s, 4)) for x, y, s in links]
    rows = [(a, b, s) if a < b else (b, a, s) for a, b, s in rows]
    return tuple(sorted(rows))


def _width(e: Event) -> int:
    return (_day(e.end) - _day(e.start)).days


def _entry(
    group: Sequence[Event],
    articles: Mapping[str, Article],
    scores: tuple[tuple[str, str, float], ...],
) -> Entry:
    group = sorted(group, key=lambda e: e.id)
    # Most specific date; among equally narrow ones (window slop) the value
    # most sources agree on, then an absolute over a relative one, then the earliest.
    narrowest = min(_width(e) for e in group)
    tally = Counter(e.value for e in group if _width(e) == narrowest)
    absolute = {e.value for e in group if _width(e) == narrowest and not e.relative}
    best = min(tally, key=lambda v: (-tally[v], v not in absolute, v))
    span = value_span(best)
    assert span is not None
    sources = []
    for e in group:
        art = articles.get(e.article)
        sources.append(SourceRef(
            article=e.article,
            path=art.path if art else None,
            outlet=art.outlet if art else None,
            published=art.published if art else None,
            text=e.text,
            expression=e.expression,
            event=e.id,
        ))
    sources.sort(key=lambda r: (r.published or "9999", r.article, r.event))
    return Entry(
        id=entry_id(e.id for e in group),
        date=best,
        start=span[0].isoformat(),
        end=span[1].isoformat(),
        granularity=span[2],
        title=_title(group),
        sources=tuple(sources),
        events=tuple(e.id for e in group),
        scores=scores,
    )


def _title(group: Sequence[Event]) -> str:
    """Headline from the most informative clause: most content words, then shortest."""
    def rank(e: Event) -> tuple[float, int, str]:
        n = len(normalise(e))
        # Long clauses carry more words but read worse: favour 6-18 words.
        info = min(n, 14) - 0.15 * max(0, len(e.text.split()) - 24)
        return (-info, len(e.text), e.id)

    best = min(group, key=rank)
    text = best.text.strip()
    if len(text) > 140:
        cut = text.rfind(" ", 0, 137)
        text = text[: cut if cut > 0 else 137].rstrip(",;: ") + "…"
    return text[:1].upper() + text[1:]
