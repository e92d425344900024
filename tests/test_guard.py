"""The master pattern's early-out (newsline/temporal/_guard.py) never changes a match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.temporal import _guard, _guard_data
from newsline.temporal import patterns as pt

UNGUARDED = re.compile(r"(?<![\w])" + pt._FIRST + pt._BODY)


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in rx.finditer(text)]


def test_cache_is_fresh() -> None:
    """The stored guard was made from today's rules; if not, run
    ``python -m newsline.temporal._guard`` (the engine is still right, only slower to load)."""
    assert _guard_data.GUARD == _guard.guard(pt._BODY, pt._GUARDED)
    assert _guard.cached_guard(pt._BODY, pt._GUARDED) == _guard_data.GUARD


def test_guard_refuses_plain_words_only() -> None:
    rx = re.compile(_guard.guard(pt._BODY, ("the",)) + r"the")
    assert rx.match("the harbour") is None  # no rule goes on with "har"
    for text in ("the next day", "the past two weeks", "the third quarter", "the 1990s",
                 "the week of May 4", "the day before", "the spring of 2019", "the  first day"):
        assert rx.match(text), text


def test_unknown_constructs_give_up() -> None:
    assert _guard.viable_prefixes(r"(a)\1", "a") is None  # a back-reference
    assert _guard.viable_prefixes(r"the\s+", "the") is None  # may end in the spaces
    assert _guard.guard(r"the", ("the",)) == ""


def test_automaton_over_approximates_case() -> None:
    got = _guard.viable_prefixes(r"(?i:the\s+day)\b", "the")
    assert got is not None and {"day", "DAY", "Day"} <= got
    assert _guard.viable_prefixes(r"the\s+day", "the") == frozenset({"day"})


SENTENCES = [
    "The council met the following day and again the next week.",
    "About two weeks ago the mayor said the vote would come at least a month later.",
    "the harbour the the  next   month, The Tuesday the 5th of May the 1990s",
    "Over the past three years a few days after the spring of 2019 up to 20 days",
    "At most an hour, another week, new year, full month, last night, some years ago",
]
WORDS = ["the", "The", "THE", "a", "A", "at", "about", "up", "over", "next", "day", "week",
         "month", "year", "harbour", "Monday", "May", "5", "1990s", "2019", "ago", "past",
         "first", "quarter", "of", "new", "night", "last", "some", "that", "an", "another",
         "full", "\u017fome", "\u212aey", "The\u00a0next", "\n", ",", "-", "earlier", "spring"]


def test_same_matches_on_sentences() -> None:
    for text in SENTENCES:
        assert _matches(pt.MASTER, text) == _matches(UNGUARDED, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14),
       st.lists(st.sampled_from([" ", "  ", "\t", "\n", " \u00a0"]), min_size=14, max_size=14))
def test_same_matches_property(words: list[str], gaps: list[str]) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    assert _matches(pt.MASTER, text) == _matches(UNGUARDED, text)
