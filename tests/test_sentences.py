"""sentences: splitting news prose, clause boundaries, offsets."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.sentences import split_clauses, split_sentences

# (text, expected sentences)
SPLITS = [
    ("Mr. Ruiz flew to the U.S. capital on Jan. 9 at 8 a.m. local time. He left Friday.",
     ["Mr. Ruiz flew to the U.S. capital on Jan. 9 at 8 a.m. local time.", "He left Friday."]),
    ("Growth slowed in the U.S. The central bank may act.",
     ["Growth slowed in the U.S.", "The central bank may act."]),
    ("The session closed at 10 p.m. No vote was held.",
     ["The session closed at 10 p.m.", "No vote was held."]),
    ("Trains ran again at 5 a.m. Tuesday. Crowds were thin.",
     ["Trains ran again at 5 a.m. Tuesday.", "Crowds were thin."]),
    ("Gen. Aziz met Lt. Col. Berg and Dr. Hahn. They spoke for an hour.",
     ["Gen. Aziz met Lt. Col. Berg and Dr. Hahn.", "They spoke for an hour."]),
    ("John F. Kennedy Airport reopened. Flights resumed.",
     ["John F. Kennedy Airport reopened.", "Flights resumed."]),
    ("Shares in Kestrel Corp. rose. Rivals fell.",
     ["Shares in Kestrel Corp. rose.", "Rivals fell."]),
    ('"We are ready," said Mayor Kohl. "Are you?"',
     ['"We are ready," said Mayor Kohl.', '"Are you?"']),
    ('"Why wait?" she asked. Nobody knew.', ['"Why wait?" she asked.', "Nobody knew."]),
    ("The index rose 1.5% to 3,210.75 points. Trade was thin.",
     ["The index rose 1.5% to 3,210.75 points.", "Trade was thin."]),
    ("Unit No. 4 was shut on Sept. 3. Engineers are on site.",
     ["Unit No. 4 was shut on Sept. 3.", "Engineers are on site."]),
    ("Crews searched all night... By noon, six were found.",
     ["Crews searched all night...", "By noon, six were found."]),
    ("Floods close border road\n\nRain fell for a third day on Monday.",
     ["Floods close border road", "Rain fell for a third day on Monday."]),
    ("A headline with no stop\nA second line also without one",
     ["A headline with no stop", "A second line also without one"]),
    ("", []),
    ("   \n\n  ", []),
]


@pytest.mark.parametrize(("text", "want"), SPLITS, ids=[s[0][:30] for s in SPLITS])
def test_splits(text: str, want: list[str]) -> None:
    got = split_sentences(text)
    assert [s.text for s in got] == want
    for s in got:
        assert text[s.start:s.end] == s.text


def _clauses(sentence: str) -> list[str]:
    return [c.text for c in split_clauses(sentence, 0, len(sentence))]


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("Ortega – who last toured Chile in 2009 – will fly to Santiago on May 4 and is "
         "expected to meet the president, his spokesman said.",
         ["Ortega – who last toured Chile in 2009", "will fly to Santiago on May 4",
          "and is expected to meet the president", "his spokesman said."]),
        ("Prices will rise in June, the utility said Tuesday, March 3, with the regulator "
         "still to approve the plan.",
         ["Prices will rise in June", "the utility said Tuesday, March 3",
          "with the regulator still to approve the plan."]),
        ("The mill closed in 1998; the town has shrunk ever since.",
         ["The mill closed in 1998", "the town has shrunk ever since."]),
        ("Workers struck in March, but the company held firm until May.",
         ["Workers struck in March", "but the company held firm until May."]),
        ("The plant, which opened in 1975, will close next year.",
         ["The plant, which opened in 1975", "will close next year."]),
        ("After the vote in Lisbon — the first since 2011 — the council will meet on Friday.",
         ["After the vote in Lisbon", "the first since 2011",
          "the council will meet on Friday."]),
        ("Harbour master Ilse Ruud, who retired in 2019, will open the quay on Friday.",
         ["Harbour master Ilse Ruud, who retired in 2019", "will open the quay on Friday."]),
        ("The storm reached the coast on Sunday, and many of the ferries stayed in port.",
         ["The storm reached the coast on Sunday", "and many of the ferries stayed in port."]),
        ("The council will host the mayor on Tuesday and the governor on Thursday.",
         ["The council will host the mayor on Tuesday and the governor on Thursday."]),
    ],
)
def test_clauses(sentence: str, want: list[str]) -> None:
    assert _clauses(sentence) == want


def test_two_dates_land_in_different_clauses() -> None:
    text = ("Intro line\n\nOrtega – who last toured Chile in 2009 – will fly to Santiago on "
            "May 4, aides said.")
    (_, sent) = split_sentences(text)
    where = {}
    for c in sent.clauses:
        assert text[c.start:c.end] == c.text
        for d in ("2009", "May 4"):
            if d in c.text:
                where[d] = c
    assert where["2009"] is not where["May 4"]


def test_clauses_cover_sentence_in_order() -> None:
    for text, _ in SPLITS:
        for s in split_sentences(text):
            assert s.clauses
            prev = s.start
            for c in s.clauses:
                assert s.start <= c.start < c.end <= s.end and c.start >= prev
                prev = c.end


@given(st.text(max_size=500))
@settings(max_examples=400, deadline=None)
def test_offsets_always_valid(text: str) -> None:
    prev = 0
    for s in split_sentences(text):
        assert prev <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text and s.text == s.text.strip()
        assert s.clauses
        for c in s.clauses:
            assert s.start <= c.start < c.end <= s.end
            assert text[c.start:c.end] == c.text
        prev = s.end


_WORDS = st.lists(st.sampled_from(["Mr.", "U.S.", "a.m.", "He", "the", "said", "–", ",", ";",
                                   "2015.", "Jan.", "who", "and", "is", '"', "?", "\n", "x."]),
                  max_size=60)


@given(_WORDS)
@settings(max_examples=300, deadline=None)
def test_offsets_valid_on_tricky_tokens(words: list[str]) -> None:
    text = " ".join(words)
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
        for c in s.clauses:
            assert text[c.start:c.end] == c.text


@pytest.mark.parametrize("junk", ["9" * 10000, " " * 10000, "." * 10000, "a. " * 3000,
                                  ", and " * 2000, "– " * 5000, ", the x said" * 1000])
def test_no_catastrophic_patterns(junk: str) -> None:
    t = time.perf_counter()
    split_sentences(junk)
    assert time.perf_counter() - t < 1.0
