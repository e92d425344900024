"""events: dated clauses -> Event records (hand-built timexes; no date engine needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.events import (
    ANNOUNCEMENT,
    HAPPENING,
    event_id,
    extract_events,
    is_boilerplate,
    keywords_of,
)
from newsline.models import Article, Clause, Sentence, Timex, TimexType

DATA = Path(__file__).parent / "data"
CASES = json.loads((DATA / "merge_events_cases.json").read_text(encoding="utf-8"))


def article(text: str, published: str | None = "2022-03-04", aid: str = "a1") -> Article:
    return Article(id=aid, path=None, title=None, outlet=None, published=published,
                   published_how=None, text=text)


def timex(text: str, expression: str, value: str, kind: str = "DATE", rule: str = "",
          nth: int = 0, anchor: str | None = None) -> Timex:
    start = -1
    for _ in range(nth + 1):
        start = text.index(expression, start + 1)
    return Timex(start, start + len(expression), expression, TimexType(kind), value, rule=rule,
                 anchor=anchor)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_table(case: dict) -> None:
    text = case["text"]
    tx = [timex(text, e, v, k, r, anchor=case["published"]) for e, v, k, r in case["timexes"]]
    events = extract_events(article(text, case["published"]), [], tx)
    got = sorted((e.value, e.kind) for e in events)
    want = sorted((e["value"], e["kind"]) for e in case["events"])
    assert got == want, [e.text for e in events]
    for spec in case["events"]:
        ev = next(e for e in events if e.value == spec["value"] and e.kind == spec["kind"])
        for words in spec.get("contains", []):
            assert words in ev.text, (words, ev.text)
        for words in spec.get("absent", []):
            assert words not in ev.text, (words, ev.text)


def test_offsets_point_into_the_clean_text() -> None:
    text = "Parliament met on Monday. Ministers resigned on Tuesday and the king spoke on Friday."
    tx = [timex(text, "Monday", "2022-02-28"), timex(text, "Tuesday", "2022-03-01"),
          timex(text, "Friday", "2022-03-04")]
    events = extract_events(article(text), [], tx)
    assert len(events) == 3
    for e in events:
        assert text[e.expr_start:e.expr_end] == e.expression
        assert 0 <= e.clause_start <= e.expr_start < e.expr_end <= len(text)
        assert e.clause_end <= len(text)


def test_uses_the_given_sentences_and_clauses() -> None:
    text = "Rain fell on Monday, and the river rose on Tuesday."
    s = Sentence(0, len(text), text, (Clause(0, 19, text[:19]), Clause(21, len(text), text[21:])))
    tx = [timex(text, "Monday", "2022-02-28"), timex(text, "Tuesday", "2022-03-01")]
    events = extract_events(article(text), [s], tx)
    assert [(e.value, e.text) for e in events] == [
        ("2022-02-28", "Rain fell on Monday"),
        ("2022-03-01", "the river rose on Tuesday"),
    ]


def test_ids_are_content_hashes() -> None:
    text = "The festival opened on Friday in the old harbour."
    tx = [timex(text, "Friday", "2022-03-04")]
    a = extract_events(article(text), [], tx)
    b = extract_events(article(text), [], tx)
    assert a == b
    e = a[0]
    assert e.id == event_id("a1", e.clause_start, e.clause_end, e.expr_start, e.expr_end, e.value)
    assert len(e.id) == 16
    other = extract_events(article(text, aid="a2"), [], tx)[0]
    assert other.id != e.id


def test_span_and_granularity_follow_the_value() -> None:
    text = "Exports fell sharply last week across the region."
    e = extract_events(article(text), [], [timex(text, "last week", "2022-W08", rule="rel")])[0]
    assert (e.start, e.end, e.granularity.value) == ("2022-02-21", "2022-02-27", "week")
    assert e.relative is True


def test_relative_flag_comes_from_the_rule() -> None:
    text = "The dam was finished in 1968 and failed on Tuesday."
    tx = [timex(text, "1968", "1968", rule="year", anchor="2022-03-04"),
          timex(text, "Tuesday", "2022-03-01", rule="weekday", anchor="2022-03-04")]
    events = {e.value: e for e in extract_events(article(text), [], tx)}
    assert events["1968"].relative is False
    assert events["2022-03-01"].relative is True


def test_keywords_are_lowercased_content_words() -> None:
    kws = keywords_of("The Prime Minister said on Monday that 3,000 people left Hollin.",
                      drop="Monday")
    assert "prime" in kws and "hollin" in kws and "people" in kws
    assert not {"the", "said", "monday", "that", "on"} & set(kws)
    assert all(k == k.lower() for k in kws)


def test_boilerplate_cues() -> None:
    assert is_boilerplate("Add a comment")
    assert is_boilerplate("Download the Example App!")
    assert is_boilerplate("Be Part of Quality Journalism")
    assert not is_boilerplate("The newspaper's editor resigned on Friday over the leak.")


def test_announcement_kind_and_happening_kind_are_named() -> None:
    text = "The airline will cut 500 jobs next month, its chief executive said Thursday."
    tx = [timex(text, "next month", "2022-04", rule="rel"),
          timex(text, "Thursday", "2022-03-03", rule="weekday")]
    kinds = {e.value: e.kind for e in extract_events(article(text), [], tx)}
    assert kinds == {"2022-04": HAPPENING, "2022-03-03": ANNOUNCEMENT}


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("abc XYZ,.;–-()\n0123"), min_size=0, max_size=120),
    st.lists(st.tuples(st.integers(0, 119), st.integers(1, 8)), max_size=4),
)
def test_never_crashes_and_offsets_stay_in_range(text: str, spans: list) -> None:
    tx = []
    for start, length in spans:
        if start + length <= len(text):
            tx.append(Timex(start, start + length, text[start:start + length], TimexType.DATE,
                            "2022-03-04"))
    for e in extract_events(article(text), [], tx):
        assert 0 <= e.clause_start <= e.expr_start < e.expr_end <= e.clause_end <= len(text)


# Date words, brackets and dashes in any order: the shapes that reach the
# parenthetical and coordination splitting with several dates in one piece.
_PIECES = ["Monday", "12/11/2015", "on Tuesday", "in 2007", "March 3", ")", "(", " – ",
           ",", ";", "and", "the mayor", "visited", "said", ".", "next week"]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map(" ".join),
       st.dates().map(lambda d: d.isoformat()))
def test_clause_always_holds_its_expression(text: str, anchor: str) -> None:
    from newsline.temporal import extract

    try:
        tx = extract(text, anchor)
    except Exception:  # noqa: BLE001 - the engine's own errors are not under test here
        return
    for e in extract_events(article(text, published=anchor), [], tx):
        assert 0 <= e.clause_start <= e.expr_start < e.expr_end <= e.clause_end <= len(text)
        assert text[e.expr_start:e.expr_end] == e.expression


def test_dates_before_a_parenthetical_keep_their_clause() -> None:
    text = "Monday 12/11/2015 ) Monday )"
    tx = [timex(text, "Monday", "1999-12-27", rule="weekday"),
          timex(text, "12/11/2015", "2015-12-11", rule="iso"),
          timex(text, "Monday", "1999-12-27", rule="weekday", nth=1)]
    got = extract_events(article(text, published="2000-01-01"), [], tx)
    assert got
    for e in got:
        assert e.clause_start <= e.expr_start < e.expr_end <= e.clause_end


def test_second_object_of_a_shared_verb_gets_the_verb() -> None:
    text = "The mayor will receive the Ostrian envoy on Monday and Bishop Arlo Venn on Friday."
    tx = [timex(text, "Monday", "2022-03-07", rule="weekday"),
          timex(text, "Friday", "2022-03-11", rule="weekday")]
    got = {e.value: e.text for e in extract_events(article(text), [], tx)}
    assert got["2022-03-07"] == "The mayor will receive the Ostrian envoy on Monday"
    assert got["2022-03-11"] == "The mayor will receive Bishop Arlo Venn on Friday"


def test_a_second_verb_is_not_given_the_first() -> None:
    text = "Prices fell on Monday and rose again on Tuesday."
    tx = [timex(text, "Monday", "2022-02-28", rule="weekday"),
          timex(text, "Tuesday", "2022-03-01", rule="weekday")]
    got = {e.value: e.text for e in extract_events(article(text), [], tx)}
    assert got["2022-03-01"] == "rose again on Tuesday"


def test_a_relative_clause_keeps_the_name_it_refers_to() -> None:
    text = "The club has not yet replaced its coach, Pia Lorn, who left on May 2, for good reasons."
    sent = Sentence(0, len(text), text, (
        Clause(0, 39, text[0:39]), Clause(41, 49, text[41:49]), Clause(51, 68, text[51:68]),
        Clause(70, len(text), text[70:])))
    tx = [timex(text, "May 2", "2022-05-02")]
    (e,) = extract_events(article(text), [sent], tx)
    assert e.text == "Pia Lorn, who left on May 2"
    assert e.clause_start <= e.expr_start < e.expr_end <= e.clause_end


def test_the_clause_after_a_relative_aside_keeps_the_subject() -> None:
    text = ("Harbour chief Rune Aldis, who resigned on Monday, will face the committee in "
            "June about the dredging contract.")
    cut = text.index(", will")
    sent = Sentence(0, len(text), text, (Clause(0, cut, text[:cut]),
                                         Clause(cut + 2, len(text), text[cut + 2:])))
    tx = [timex(text, "Monday", "2022-02-28", rule="weekday"),
          timex(text, "June", "2022-06", rule="month")]
    got = {e.value: e.text for e in extract_events(article(text), [sent], tx)}
    assert got["2022-06"] == ("Harbour chief Rune Aldis will face the committee in June about "
                              "the dredging contract")
    assert got["2022-02-28"] == "Harbour chief Rune Aldis, who resigned on Monday"


def test_a_clause_with_its_own_subject_takes_no_head_from_an_aside() -> None:
    text = "On Monday, which was a holiday, the ministry closed the port on Friday."
    cut = text.index(", the ministry")
    sent = Sentence(0, len(text), text, (Clause(0, cut, text[:cut]),
                                         Clause(cut + 2, len(text), text[cut + 2:])))
    tx = [timex(text, "Monday", "2022-02-28", rule="weekday"),
          timex(text, "Friday", "2022-03-04", rule="weekday")]
    got = {e.value: e.text for e in extract_events(article(text), [sent], tx)}
    assert got["2022-03-04"] == "the ministry closed the port on Friday"


def test_a_comma_aside_reads_as_written() -> None:
    text = "The old bridge, finished in 1931, closed to traffic on Monday."
    tx = [timex(text, "1931", "1931", rule="year"),
          timex(text, "Monday", "2022-02-28", rule="weekday")]
    got = {e.value: e.text for e in extract_events(article(text), [], tx)}
    assert got["1931"] == "The old bridge, finished in 1931"
    assert got["2022-02-28"] == "The old bridge closed to traffic on Monday"


def test_a_possessive_aside_keeps_what_it_is_about() -> None:
    text = "Oda Lunn's trip to Saravel on June 3 – her first since 2019 – went well."
    sent = Sentence(0, len(text), text, (
        Clause(0, 36, text[0:36]), Clause(39, 59, text[39:59]), Clause(62, len(text), text[62:])))
    tx = [timex(text, "June 3", "2022-06-03"), timex(text, "2019", "2019", rule="year")]
    got = {e.value: e.text for e in extract_events(article(text), [sent], tx)}
    assert got["2019"] == "Oda Lunn's trip to Saravel on June 3 – her first since 2019"
