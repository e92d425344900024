"""Timeline views: order, filters and resolution (tests/data/timeline_filters.json)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.errors import UsageError
from newsline.models import Entry, Granularity, SourceRef
from newsline.render import entry_from_dict
from newsline.temporal.timex import value_span
from newsline.timeline import collapse_entries, filter_entries, parse_bound, sort_entries

DATA = Path(__file__).parent / "data"
ENTRIES = [
    entry_from_dict(d) for d in json.loads((DATA / "render_entries.json").read_text())["events"]
]
TABLE = json.loads((DATA / "timeline_filters.json").read_text())
RANK = ["day", "week", "month", "quarter", "season", "year", "decade", "century"]


def _case_id(case: dict[str, Any]) -> str:
    return ",".join(f"{k}={v}" for k, v in case["args"].items()) or "no-args"


@pytest.mark.parametrize("case", TABLE["cases"], ids=_case_id)
def test_filter_cases(case: dict[str, Any]) -> None:
    shuffled = ENTRIES[3:] + ENTRIES[:3]  # input order must not matter
    out = filter_entries(shuffled, **case["args"])
    assert [e.id for e in out] == case["ids"]
    if "dates" in case:
        assert [e.date for e in out] == case["dates"]
        for e in out:  # a re-dated entry carries the span of its new value
            span = value_span(e.date)
            assert span is not None
            assert (e.start, e.end, e.granularity) == (
                span[0].isoformat(),
                span[1].isoformat(),
                span[2],
            )


@pytest.mark.parametrize(("text", "end", "expected"), TABLE["bounds"])
def test_parse_bound(text: str, end: bool, expected: str) -> None:
    assert parse_bound(text, end) == date.fromisoformat(expected)


@pytest.mark.parametrize("text", TABLE["bad_bounds"])
def test_parse_bound_refuses(text: str) -> None:
    with pytest.raises(UsageError) as err:
        parse_bound(text, end=False)
    assert err.value.hint and "YYYY-MM" in err.value.hint


@pytest.mark.parametrize(
    "args",
    [
        {"since": "2016", "until": "2015-12"},
        {"since": "2015-13"},
        {"until": "soon"},
        {"limit": -1},
        {"min_sources": -1},
        {"granularity": "fortnight"},
        {"granularity": "season"},
    ],
)
def test_bad_arguments_fail_before_work(args: dict[str, Any]) -> None:
    with pytest.raises(UsageError):
        filter_entries([], **args)


def test_collapse_keeps_identity_and_sources() -> None:
    out = collapse_entries(ENTRIES, "month")
    assert [e.id for e in out] == [e.id for e in ENTRIES]
    assert [e.sources for e in out] == [e.sources for e in ENTRIES]
    assert [e.title for e in out] == [e.title for e in ENTRIES]


def test_collapse_week_over_month_end_goes_to_the_month_of_most_days() -> None:
    # Mon 28 Nov - Sun 4 Dec 2016: four of seven days are in December.
    week = Entry("w", "2016-W48", "2016-11-28", "2016-12-04", Granularity.WEEK, "t", ())
    assert collapse_entries([week], "month")[0].date == "2016-12"
    assert collapse_entries([week], "year")[0].date == "2016"


# --- properties ---------------------------------------------------------------------------

_GRANS = [Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.YEAR]


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    day = date(2010, 1, 1) + timedelta(days=draw(st.integers(0, 3000)))
    gran = draw(st.sampled_from(_GRANS))
    if gran is Granularity.DAY:
        value = day.isoformat()
    elif gran is Granularity.WEEK:
        y, w, _ = day.isocalendar()
        value = f"{y}-W{w:02d}"
    elif gran is Granularity.MONTH:
        value = f"{day.year}-{day.month:02d}"
    else:
        value = str(day.year)
    span = value_span(value)
    assert span is not None
    n = draw(st.integers(1, 3))
    srcs = tuple(
        SourceRef(f"a{i}", None, draw(st.sampled_from(["Gazette", "Radio"])), None, "t", "x")
        for i in range(n)
    )
    ident = draw(st.text("0123456789abcdef", min_size=4, max_size=4))
    return Entry(ident, value, span[0].isoformat(), span[1].isoformat(), gran, "t", srcs)


@settings(max_examples=60, deadline=None)
@given(st.lists(entries(), max_size=25), st.randoms(use_true_random=False))
def test_order_does_not_depend_on_input_order(items: list[Entry], rnd: Any) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert sort_entries(shuffled) == sort_entries(items)
    assert filter_entries(shuffled) == sort_entries(items)
    assert filter_entries(items, reverse=True) == sort_entries(items)[::-1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(entries(), max_size=25),
    st.integers(0, 3000),
    st.integers(0, 400),
)
def test_since_until_keep_exactly_the_overlapping(items: list[Entry], a: int, width: int) -> None:
    lo = date(2010, 1, 1) + timedelta(days=a)
    hi = lo + timedelta(days=width)
    out = filter_entries(items, since=lo.isoformat(), until=hi.isoformat())
    expected = [
        e
        for e in sort_entries(items)
        if date.fromisoformat(e.start) <= hi and date.fromisoformat(e.end) >= lo
    ]
    assert out == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(entries(), max_size=25), st.sampled_from(["day", "week", "month", "year"]))
def test_resolution_drops_nothing_and_is_never_finer(items: list[Entry], gran: str) -> None:
    out = filter_entries(items, granularity=gran)
    assert sorted(e.id for e in out) == sorted(e.id for e in items)
    for e in out:
        assert RANK.index(e.granularity.value) >= RANK.index(gran)
    starts = [e.start for e in out]
    assert starts == sorted(starts)


def test_keep_order_trusts_the_input_order() -> None:
    backwards = ENTRIES[::-1]
    out = filter_entries(backwards, keep_order=True, granularity="month", grep="bridge")
    assert [e.id for e in out] == ["c8dy", "c6dy", "c1d0"]
    assert [e.date for e in out] == ["2016-02", "2015-11", "198"]
