"""Timeline entries from clusters of events: stable ids, cited sources, date and title."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence

from newsline.merge.dates import _day
from newsline.models import Article, Entry, Event, SourceRef

__all__ = ["TITLE_MAX", "entry_id", "headline", "singletons"]


def entry_id(event_ids: Iterable[str]) -> str:
    """Stable content hash of a cluster: the same events always give the same id."""
    key = ",".join(sorted(set(event_ids)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def singletons(events: Sequence[Event], articles: Mapping[str, Article]) -> list[Entry]:
    """One entry per raw event (``--no-merge``), same shape as :func:`merge`."""
    uniq = sorted({e.id: e for e in events}.values(), key=lambda e: e.id)
    entries = [_single(e, articles) for e in uniq]
    entries.sort(key=lambda e: (e.start, e.end, e.id))
    return entries


def _source(e: Event, articles: Mapping[str, Article]) -> SourceRef:
    """How an entry cites one event: its clause, date words and article."""
    art = articles.get(e.article)
    return SourceRef(
        article=e.article,
        path=art.path if art else None,
        outlet=art.outlet if art else None,
        published=art.published if art else None,
        text=e.text,
        expression=e.expression,
        event=e.id,
    )


def _single(e: Event, articles: Mapping[str, Article]) -> Entry:
    """The entry of an event that merged with nothing (the common case at scale)."""
    ref = _source(e, articles)
    return Entry(
        id=entry_id((e.id,)), date=e.value, start=e.start, end=e.end,
        granularity=e.granularity, title=_title((e,)), sources=(ref,), events=(e.id,),
    )


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
    if len(group) == 1:
        best = group[0].value
    else:
        widths = [_width(e) for e in group]
        narrowest = min(widths)
        tally: dict[str, int] = {}
        absolute = set()
        for e, w in zip(group, widths, strict=True):
            if w == narrowest:
                tally[e.value] = tally.get(e.value, 0) + 1
                if not e.relative:
                    absolute.add(e.value)
        best = min(tally, key=lambda v: (-tally[v], v not in absolute, v))
    chosen = next(e for e in group if e.value == best)
    sources = [_source(e, articles) for e in group]
    sources.sort(key=lambda r: (r.published or "9999", r.article, r.event))
    return Entry(
        id=entry_id(e.id for e in group),
        date=best,
        start=chosen.start,
        end=chosen.end,
        granularity=chosen.granularity,
        title=_title(group),
        sources=tuple(sources),
        events=tuple(e.id for e in group),
        scores=scores,
    )


def _title(group: Sequence[Event]) -> str:
    """Headline from the most informative clause: most content words, then shortest."""
    def rank(e: Event) -> tuple[float, int, str]:
        n = len(e.keywords) if e.keywords else len(set(e.text.lower().split()))
        # Long clauses carry more words but read worse: favour 6-18 words.
        info = min(n, 14) - 0.15 * max(0, len(e.text.split()) - 24)
        return (-info, len(e.text), e.id)

    best = group[0] if len(group) == 1 else min(group, key=rank)
    return headline(best.text, best.expression)


TITLE_MAX = 130  # about one line of a terminal table; a clause to its date fits
# Openers that link a clause to the story around it, not part of what happened.
_TITLE_OPENER = re.compile(
    r"^(?:in a separate development|meanwhile|separately|in addition|earlier|later)"
    r"(?:\s+(?:on|in|that|this)\s+[\w’'-]+(?:\s+\w+)?)?\s*,\s+",
    re.IGNORECASE,
)
# Where the dated happening ends and its circumstances begin: a participle or
# apposition after a comma, or a subordinate clause after the date.
_TITLE_TAIL = re.compile(
    r",\s+(?:saying|adding|ordering|leaving|sitting|accused|accusing|halting|cutting|"
    r"flooding|forcing|prompting|sending|which|who|where|under which|according to|"
    r"an?\s|the\s|hours\s|days\s|weeks\s)"
    r"|\s(?:after|as|because|when|while|before|following|amid|to try to|despite)\s",
    re.IGNORECASE,
)


# "days after", "shortly before": the subordinator belongs to a span, not a new clause.
_SPAN_WORDS = frozenset("""minutes hours days weeks months years day week month year shortly soon
just moments""".split())


def headline(text: str, expression: str = "", limit: int = TITLE_MAX) -> str:
    """A short readable title from a clause: no linking opener, no trailing circumstances.

    Circumstances ("..., saying he took responsibility", "after heavy rain") are cut
    only after the date expression and only from a clause longer than 90
    characters, and never below five words; then the text is capped at ``limit``.
    """
    text = " ".join(text.split()).rstrip(" .;,:")
    m = _TITLE_OPENER.match(text)
    if m and len(text) - m.end() > 20:
        text = text[m.end():]
    if len(text) > 90:
        at = text.find(expression) if expression else -1
        after = at + len(expression) if at >= 0 else 0
        for cut in _TITLE_TAIL.finditer(text, after):
            head = text[:cut.start()].split()
            if len(head) >= 5 and head[-1].lower() not in _SPAN_WORDS:
                text = text[:cut.start()].rstrip(" ,;:")
                break
    if len(text) > limit:
        cut_at = text.rfind(" ", 0, limit - 3)
        text = text[: cut_at if cut_at > 0 else limit - 3].rstrip(",;: ") + "…"
    return text[:1].upper() + text[1:]
