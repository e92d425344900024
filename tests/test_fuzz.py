"""Fuzzing with hypothesis: the reader, the date engine, the per-article pipeline, the merge.

Arbitrary bytes and strings may only ever raise newsline's own errors; offsets
must point into the text they came from; results must not depend on input
order; and no pattern may go quadratic on long runs of one character.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsline.clean import clean
from newsline.errors import NewslineError, ReadError
from newsline.merge import merge
from newsline.models import Event, Granularity, RawDocument
from newsline.pipeline import process_document
from newsline.sentences import split_sentences
from newsline.sources import decode_bytes, read_document
from newsline.temporal import extract

# derandomize: the same examples on every run, so CI is repeatable (atheris or a
# long local run with a larger max_examples is where new inputs get explored).
FAST = settings(max_examples=80, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

# Text that looks a little like news: date words, digits, punctuation and noise.
NEWSY = st.lists(
    st.one_of(
        st.sampled_from([
            "on", "Monday", "May", "March 3", "2015", "1999-12-31", "last", "next", "week",
            "yesterday", "ago", "the", "said", "in", "Q3", "spring", "1990s", "12/11/2015",
            "\n", " ", ", ", ". ", "—", "'s", "-", "/", ":", "3rd", "mid-", "early",
        ]),
        st.text(max_size=8),
        st.integers(min_value=-5, max_value=99999).map(str),
    ),
    max_size=40,
).map(" ".join)


@FAST
@given(data=st.binary(max_size=3000))
def test_reader_only_raises_read_error(tmp_path: Path, data: bytes) -> None:
    f = tmp_path / "fuzz.txt"
    f.write_bytes(data)
    try:
        doc = read_document(str(f))
    except ReadError:
        return
    assert isinstance(doc.text, str) and doc.text.strip()
    assert "\r" not in doc.text  # newlines normalised


@FAST
@given(data=st.binary(max_size=2000))
def test_decode_is_deterministic(data: bytes) -> None:
    try:
        first = decode_bytes(data)
    except ReadError:
        with pytest.raises(ReadError):
            decode_bytes(data)
        return
    assert decode_bytes(data) == first


@FAST
@given(text=st.one_of(NEWSY, st.text(max_size=300)),
       anchor=st.one_of(st.none(), st.dates(min_value=date(1, 1, 1),
                                            max_value=date(9999, 12, 31))))
def test_date_engine_offsets_and_determinism(text: str, anchor: date | None) -> None:
    try:
        found = extract(text, anchor.isoformat() if anchor else None)
    except NewslineError:
        return
    prev_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.start >= prev_end  # sorted, non-overlapping
        prev_end = t.end
    assert extract(text, anchor.isoformat() if anchor else None) == found


@FAST
@given(text=st.one_of(NEWSY, st.text(max_size=400)),
       published=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1),
                                               max_value=date(2100, 1, 1))))
def test_pipeline_offsets_valid(text: str, published: date | None) -> None:
    doc = RawDocument(text=text, path="fuzz.txt",
                      published=published.isoformat() if published else None)
    try:
        done = process_document(doc)
    except NewslineError:
        return
    body = done.article.text
    for e in done.events:
        assert 0 <= e.clause_start <= e.expr_start < e.expr_end <= e.clause_end <= len(body)
        assert body[e.expr_start:e.expr_end] == e.expression
        assert e.start <= e.end
    for s in split_sentences(body):
        assert 0 <= s.start <= s.end <= len(body)


def test_pipeline_regression_reversed_clause() -> None:
    doc = RawDocument(text="Monday 12/11/2015 ) Monday )", path="x.txt", published="2000-01-01")
    events = process_document(doc).events
    assert events
    for e in events:
        assert e.clause_start <= e.expr_start < e.expr_end <= e.clause_end


# -- merge --------------------------------------------------------------------------
WORDS = ["dam", "flood", "vote", "council", "strike", "bridge", "fire", "minister", "talks",
         "deal", "river", "closed", "opened", "residents", "protest", "court"]
BASE = date(2015, 1, 1)


@st.composite
def events(draw: st.DrawFn) -> Event:
    day = BASE + timedelta(days=draw(st.integers(0, 40)))
    gran = draw(st.sampled_from([Granularity.DAY, Granularity.DAY, Granularity.MONTH,
                                 Granularity.YEAR]))
    if gran is Granularity.DAY:
        value, start, end = day.isoformat(), day, day
    elif gran is Granularity.MONTH:
        value = f"{day.year:04d}-{day.month:02d}"
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    else:
        value, start, end = f"{day.year:04d}", date(day.year, 1, 1), date(day.year, 12, 31)
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
    art = draw(st.sampled_from(["a1", "a2", "a3", "a4"]))
    n = draw(st.integers(0, 10**6))
    return Event(
        id=f"{art}-{n:07d}", article=art, value=value, granularity=gran,
        start=start.isoformat(), end=end.isoformat(), text=" ".join(words),
        expression=value, expr_start=0, expr_end=len(value), clause_start=0,
        clause_end=len(words), keywords=tuple(words), relative=draw(st.booleans()),
        kind=draw(st.sampled_from(["happening", "happening", "announcement"])),
    )


@FAST
@given(evs=st.lists(events(), max_size=30, unique_by=lambda e: e.id), seed=st.randoms())
def test_merge_deterministic_and_order_independent(evs: list[Event], seed) -> None:  # noqa: ANN001
    first = merge(evs, {})
    shuffled = list(evs)
    seed.shuffle(shuffled)
    assert merge(shuffled, {}) == first
    # every event lands in exactly one entry
    placed = [ev for entry in first for ev in entry.events]
    assert sorted(placed) == sorted(e.id for e in evs)


# -- no quadratic patterns ----------------------------------------------------------
RUNS = ["1", " ", "a", ".", "\n", "1 ", "May ", "-", "12/", "on "]


def _time(fn, text: str) -> float:  # noqa: ANN001
    t0 = time.perf_counter()
    fn(text)
    return time.perf_counter() - t0


@pytest.mark.parametrize("unit", RUNS)
def test_no_quadratic_blowup(unit: str) -> None:
    """100,000 characters of one repeated unit: linear time in every text stage."""
    stages = {
        "extract": lambda s: extract(s, "2015-11-13"),
        "clean": clean,
        "sentences": split_sentences,
    }
    small = (unit * (10_000 // len(unit) + 1))[:10_000]
    big = (unit * (100_000 // len(unit) + 1))[:100_000]
    for name, fn in stages.items():
        # Best of three against noise from a busy machine (it only ever adds time),
        # and a floor under the small run so scheduler jitter cannot make the ratio.
        t_small = max(min(_time(fn, small) for _ in range(3)), 2e-2)
        t_big = min(_time(fn, big) for _ in range(3))
        # Linear would be 10x; allow noise, refuse anything near quadratic (100x).
        assert t_big < 5.0 and t_big / t_small < 30, (
            f"{name} on {unit!r}: {t_small:.3f} s for 10k, {t_big:.3f} s for 100k"
        )
