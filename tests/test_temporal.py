"""The date engine's API, tricky cases and properties.

The big case table lives in tests/data/timex_cases.tsv (test_timex_cases.py);
this module checks the API contract, the behaviours the table cannot express
(narrative references, the batch line, no anchor), hypothesis properties and
the guard against catastrophic backtracking. The seed check reads ../shared
only when it is there.
"""

from __future__ import annotations

import json
import re
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.models import Granularity, Timex, TimexType
from newsline.temporal import extract, extract_batch_line, parse_anchor
from newsline.temporal.timex import granularity_of

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# A TimeML value as the engine may emit it (calendar, X-placeholders, durations, refs).
VALUE = re.compile(
    r"^(?:(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:[1-7]|WE))?"
    r"|-Q[1-4X]|-H[12]|-(?:SP|SU|FA|WI))?(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI|DT))?"
    r"|\d{3}|\d{2}|XX|P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|WE))*(?:T(?:(?:\d+|X)[HMS])+)?"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF)$"
)


def one(text: str, anchor: str | None, words: str) -> Timex:
    """The timex whose text is exactly ``words``."""
    found = [t for t in extract(text, anchor) if t.text == words]
    assert found, f"{words!r} not found in {[t.text for t in extract(text, anchor)]}"
    return found[0]


def values(text: str, anchor: str | None) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in extract(text, anchor)]


# ---------------------------------------------------------------- API contract


def test_returns_sorted_non_overlapping_timexes_with_evidence() -> None:
    text = ("The minister said Friday, March 4, that talks will resume on Monday and "
            "last three days; the previous round ended in 2019.")
    found = extract(text, date(2022, 3, 5))
    assert [t.start for t in found] == sorted(t.start for t in found)
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    for t in found:
        assert isinstance(t, Timex)
        assert text[t.start:t.end] == t.text
        assert t.rule
    monday = one(text, "2022-03-05", "Monday")
    assert (monday.value, monday.cue, monday.granularity) == ("2022-03-07", "will",
                                                              Granularity.DAY)
    assert one(text, "2022-03-05", "three days").type is TimexType.DURATION


def test_anchor_accepts_date_iso_string_and_datetime_string() -> None:
    text = "The vote was held yesterday."
    assert values(text, date(2020, 2, 1)) == values(text, "2020-02-01")
    assert values(text, "2020-02-01T07:56:00") == [("yesterday", "2020-01-31")]
    assert parse_anchor("") is None
    assert parse_anchor(None) is None


def test_without_anchor_relative_values_keep_placeholders() -> None:
    text = "Officials met on Monday, a day after the vote of Nov. 23, 2015, and again in July."
    got = dict(values(text, None))
    assert got["Monday"] == "XXXX-WXX-1"
    assert got["Nov. 23, 2015"] == "2015-11-23"
    assert got["July"] == "XXXX-07"
    assert one("The fire started yesterday.", None, "yesterday").value == "XXXX-XX-XX"


def test_granularity_matches_value() -> None:
    text = ("Sales rose in the third quarter, this week, last month, in 2014, in the 1990s "
            "and in the spring of 2003.")
    for t in extract(text, "2015-11-13"):
        assert t.granularity == granularity_of(t.value), t


# ---------------------------------------------------------------- resolution


@pytest.mark.parametrize(
    ("text", "anchor", "words", "value"),
    [
        # weekday direction from the governing clause
        ("The council will vote on Thursday.", "2021-06-08", "Thursday", "2021-06-10"),
        ("The council voted on Thursday.", "2021-06-08", "Thursday", "2021-06-03"),
        ("Officials said Friday the road was closed.", "2021-06-08", "Friday", "2021-06-04"),
        ("The ministers are expected to sign the pact Monday.", "2021-06-08", "Monday",
         "2021-06-14"),
        ("Crowds gathered ahead of Sunday's final.", "2021-06-08", "Sunday", "2021-06-13"),
        ("The strike, which began Monday, ends on Wednesday.", "2021-06-08", "Wednesday",
         "2021-06-09"),
        ("She will host the mayor on Tuesday.", "2021-06-08", "Tuesday", "2021-06-08"),
        # a weekday with a date: the year where that date is that weekday
        ("The agency said Friday, November 13, that it agreed.", "2016-02-01",
         "Friday, November 13", "2015-11-13"),
        # year-less dates take the anchor's year, bent by tense
        ("The ferry sank on Dec. 28.", "2020-01-03", "Dec. 28", "2019-12-28"),
        ("The law takes effect on Jan. 6.", "2019-12-30", "Jan. 6", "2020-01-06"),
        # granularity is kept
        ("Exports fell later this month.", "2015-11-13", "later this month", "2015-11"),
        ("Exports fell this week.", "2015-11-20", "this week", "2015-W47"),
        ("Exports fell last week.", "2015-11-20", "last week", "2015-W46"),
        ("The plant closed in the third quarter.", "2015-11-20", "the third quarter",
         "2015-Q3"),
        ("The plant closed in Q2 2014.", "2015-11-20", "Q2 2014", "2014-Q2"),
        ("Growth slowed in mid-2016.", "2017-01-02", "mid-2016", "2016"),
        ("The bridge opens early next year.", "2017-01-02", "early next year", "2018"),
        ("Two people died two days ago.", "2017-01-02", "two days ago", "2016-12-31"),
        # durations and sets
        ("It ended a nearly five-year conflict.", "2015-11-13", "five-year", "P5Y"),
        ("He was held for three months.", "2015-11-13", "three months", "P3M"),
        ("The talks lasted 24 hours.", "2015-11-13", "24 hours", "PT24H"),
        ("The talks lasted 2 1/2 years.", "2015-11-13", "2 1/2 years", "P2Y6M"),
        ("The market opens every Monday.", "2015-11-13", "every Monday", "XXXX-WXX-1"),
        ("The report is published annually.", "2015-11-13", "annually", "P1Y"),
        # times and parts of day
        ("The blast came at 3 p.m. Monday.", "2015-11-18", "3 p.m. Monday",
         "2015-11-16T15:00"),
        ("Police arrived Monday morning.", "2015-11-18", "Monday morning", "2015-11-16TMO"),
        # TimeML references
        ("Prices are currently falling.", "2015-11-13", "currently", "PRESENT_REF"),
        ("Prices have recently fallen.", "2015-11-13", "recently", "PAST_REF"),
        ("Prices may fall in the future.", "2015-11-13", "the future", "FUTURE_REF"),
        # a year-less month with no cue: up to ~8 months back, ~4.5 ahead
        ("Haskell quit as chairman in March.", "2011-10-28", "March", "2011-03"),
        ("Haskell hands over the firm in February.", "2011-10-28", "February", "2012-02"),
        # earnings periods named by their last day, halves, the week of a day
        ("Freight revenue rose in the quarter ended July 31.", "2003-10-02", "the quarter",
         "2003-Q2"),
        ("Margins will shrink in the last half of 2004.", "2003-10-02",
         "the last half of 2004", "2004-H2"),
        ("Repairs may start the week of May 9.", "2011-04-20", "the week of May 9",
         "2011-W19"),
        # 'one day': a length, or (after a modal) some future day
        ("The strike lasted one day.", "2011-04-20", "one day", "P1D"),
        ("The region could one day export power.", "2011-04-20", "one day", "FUTURE_REF"),
        # present tense of a scheduled event with a plural subject points forward
        ("The two ministers meet Friday in Oslo.", "2011-04-20", "Friday", "2011-04-22"),
        ("Brokers fear a slump in the weeks ahead.", "2011-04-20", "the weeks ahead", "PXW"),
        ("Monday is the third day of the siege.", "2011-04-18", "the third day", "2011-04-18"),
    ],
)
def test_resolution(text: str, anchor: str, words: str, value: str) -> None:
    assert one(text, anchor, words).value == value


def test_narrative_expressions_resolve_against_the_last_date_mentioned() -> None:
    text = ("The dam failed on March 3, 2011. A day later the river peaked, and "
            "the following week the army arrived. Repairs began the next year.")
    got = dict(values(text, "2020-06-01"))
    assert got["A day later"] == "2011-03-04"
    assert got["the following week"] == "2011-W10"
    assert got["the next year"] == "2012"


def test_year_ago_in_earnings_report_follows_the_quarter() -> None:
    text = ("Net income rose to $5 million in the third quarter from $4 million a year "
            "earlier. Sales in the latest quarter were flat.")
    got = dict(values(text, "1989-10-26"))
    assert got["the third quarter"] == "1989-Q3"
    assert got["a year earlier"] == "1988-Q3"
    assert got["the latest quarter"] == "1989-Q3"


def test_quarterly_report_compares_with_the_topic_quarter() -> None:
    text = ("Kessler Mills earned $8 million in the third quarter, up from $6 million for "
            "the corresponding period last year. Fourth-quarter sales should rise. "
            "Net was $2 million in the 2002 period, compared with a loss of $1 million last "
            "year. For the quarter a year ago, revenue was flat.")
    got = dict(values(text, "2003-10-20"))
    assert got["the corresponding period last year"] == "2002-Q3"
    assert got["Fourth-quarter"] == "2003-Q4"  # a quarter not yet closed ...
    assert got["the 2002 period"] == "2002-Q3"  # ... does not become the topic
    assert got["last year"] == "2002-Q3"
    assert got["the quarter a year ago"] == "2002-Q3"


def test_a_bare_second_day_shares_the_first_days_month() -> None:
    text = "The fair runs on June 11 and 12 in the old market hall."
    assert values(text, "2011-04-20") == [("June 11", "2011-06-11"), ("12", "2011-06-12")]
    assert [t.text for t in extract("Sales fell on June 11 and 12 percent later.",
                                     "2011-04-20")] == ["June 11"]


def test_later_without_a_date_in_its_sentence_is_a_length() -> None:
    text = "The pumps were shut down. Three days later, the town ran dry."
    t = one(text, "2011-04-20", "Three days")
    assert (t.type, t.value) == (TimexType.DURATION, "P3D")


def test_the_day_before_a_clause_is_only_the_day_in_apposition() -> None:
    text = "Trading halted on June 2, the day before the merger vote."
    assert one(text, "2011-06-10", "the day").value == "2011-06-02"
    text2 = "He left the office the day before police searched it."
    assert [t.text for t in extract(text2, "2011-06-10")] == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Average daily volume was 90 million shares.", "daily"),
        ("Sales should grow 7% annually through 1995.", "annually"),
        ("The storm passed and the river soon fell back.", "soon"),
        ("Now, the mayor says, the plan is dead.", "Now"),
        ("For the rebels, it was high noon.", "noon"),
        ("Guards watch the gate 24 hours a day.", "24 hours"),
        ("She told CBS's 60 Minutes about the deal.", "60 Minutes"),
        ("The firm paid an initial quarterly of 5 cents a share.", "quarterly"),
        ("The building previously housed a bank.", "previously"),
        ("Some results may have errors.", "may"),
        ("Thousands joined the march on the capital.", "march"),
        ("The March on Washington was planned for months.", "March"),
        ("The conflict has killed some 250,000 people.", "250,000"),
        ("Russia agreed to deliver S-300 missile systems.", "S-300"),
        ("The airline bought a Boeing 747 last spring.", "747"),
        ("He told the Sun newspaper he would resign.", "Sun"),
        ("The Sat Nav maker cut prices.", "Sat"),
        ("Viewers are tired of the 24-hour news cycle.", "24-hour"),
        ("April Moreno said the clinic was full.", "April"),
        ("Her 6-year-old son was unhurt.", "6-year-old"),
        ("Follow this link to join our group: Join Now", "Now"),
        ("Iraq imports about three-quarters of its food.", "three-quarters"),
    ],
)
def test_false_positives_are_rejected(text: str, words: str) -> None:
    i = text.index(words)
    overlapping = [t for t in extract(text, "2015-11-13") if t.start < i + len(words)
                   and t.end > i]
    assert not overlapping


def test_extents_leave_prepositions_and_hedges_out() -> None:
    text = "On Monday, after about five hours, the team met in July."
    assert [t.text for t in extract(text, "2015-11-13")] == ["Monday", "five hours", "July"]


# ---------------------------------------------------------------- batch line


def test_batch_line_contract() -> None:
    line = {"id": "doc-1", "dct": "2015-11-13", "text": "It rained on Friday.", "x": 1}
    out = extract_batch_line(line)
    assert out["id"] == "doc-1"
    assert out["timexes"] == [{"start": 13, "end": 19, "text": "Friday", "type": "DATE",
                               "value": "2015-11-13", "granularity": "day",
                               "rule": "weekday", "cue": "rained"}]
    json.dumps(out)
    assert extract_batch_line({"id": "x", "text": None})["timexes"] == []
    assert extract_batch_line({"id": "y", "dct": "", "text": "It rained Friday."})[
        "timexes"][0]["value"] == "XXXX-WXX-5"


# ---------------------------------------------------------------- properties

_WORDS = st.sampled_from(
    ["on", "Monday", "last", "next", "week", "the", "third", "quarter", "2015", "Nov.",
     "23", ",", "ago", "two", "days", "a", "year", "earlier", "said", "will", "May", "may",
     "1990s", "noon", "3", "p.m.", "-", "every", "daily", "now", "12/31/1999", "of",
     "the past", "five-year", "Q3", "mid-", "early", "late", "tonight", "’s", "'s", "\n"]
)
_TEXTS = st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=40).map(" ".join))
_ANCHORS = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1),
                                         max_value=date(2100, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, anchor=_ANCHORS)
def test_properties_hold_on_any_text(text: str, anchor: date | None) -> None:
    found = extract(text, anchor)
    last_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.start >= last_end
        last_end = t.end
        assert VALUE.match(t.value), t
        assert isinstance(t.type, TimexType)
    assert extract(text, anchor) == found  # deterministic


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):  # best of two: a busy machine only ever adds time
        t0 = time.perf_counter()
        extract(text, "2015-11-13")
        best = min(best, time.perf_counter() - t0)
    return best


def test_no_catastrophic_backtracking() -> None:
    """100,000 adversarial characters: time grows linearly, never explodes.

    Judged by growth (4x the input may cost at most ~8x the time; quadratic
    would be 16x), so a loaded machine does not make it flaky.
    """
    for chunk in ("1", " ", "-", "1 -", "Monday ", "the ", "a ", "12/", "Nov. ", "'",
                  "the first half "):
        n = 100_000 // len(chunk)
        small, large = _seconds(chunk * (n // 4)), _seconds(chunk * n)
        assert large < 8 * small + 0.25, f"{chunk!r} * N grows faster than linear"
        assert large < 30, f"{chunk!r} * N is catastrophically slow"


# ---------------------------------------------------------------- seeds (../shared)


@pytest.mark.skipif(not (SHARED / "data" / "seeds" / "timex.jsonl").exists(),
                    reason="../shared is not present")
def test_seed_expressions_come_out_exactly() -> None:
    with (SHARED / "data" / "seeds" / "timex.jsonl").open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    for doc in docs:
        got = {(t["start"], t["end"], t["value"])
               for t in extract_batch_line(doc)["timexes"]}
        want = {(t["start"], t["end"], t["value"]) for t in doc["timexes"]}
        assert got == want, f"{doc['id']}: missing {want - got}, extra {got - want}"


def test_long_joined_lists_and_huge_counts_neither_recurse_nor_overflow() -> None:
    """A list of a thousand joined months is followed to its head a few steps at a time, and
    counts of weeks or days far off the calendar give a reference, not an exception."""
    months = extract("Sales rose in " + "May and " * 1000 + "June.", "2026-11-22")
    assert len(months) == 1001 and all(t.value == "2026-05" for t in months[:-1])
    for text in ("It was 600,000 weeks ago.", "It was 900,000 days ago.",
                 "The lease ends 120,000 months from now."):
        (only,) = extract(text, "2026-11-22")
        assert only.value in ("PAST_REF", "FUTURE_REF")
