"""merge: events -> entries (hand-built events; decoy corpora with pinned floors)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.events import ANNOUNCEMENT, keywords_of
from newsline.merge import (
    TITLE_MAX,
    dates_compatible,
    entry_id,
    explain_pair,
    headline,
    merge,
    singletons,
)
from newsline.models import Article, Event
from newsline.temporal.timex import value_span

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import bench_merge  # noqa: E402

_n = 0


def ev(text: str, value: str, article: str, expression: str = "", *, relative: bool = False,
       kind: str = "happening") -> Event:
    """A hand-built event; ids unique per call."""
    global _n
    _n += 1
    span = value_span(value)
    assert span is not None
    expr = expression or value
    return Event(
        id=f"e{_n:04d}{article}", article=article, value=value, granularity=span[2],
        start=span[0].isoformat(), end=span[1].isoformat(), text=text, expression=expr,
        expr_start=0, expr_end=len(expr), clause_start=0, clause_end=len(text),
        keywords=keywords_of(text, drop=expr), relative=relative, kind=kind,
    )


def arts(*ids: str) -> dict[str, Article]:
    return {i: Article(id=i, path=f"{i}.txt", title=None, outlet=f"Outlet {i}",
                       published="2022-03-07", published_how=None, text="") for i in ids}


def together(entries, a: Event, b: Event) -> bool:
    return any(a.id in en.events and b.id in en.events for en in entries)


def test_one_happening_from_two_outlets_is_one_entry() -> None:
    a = ev("Corin Daly resigned as chief executive of Lenn Hydro on Friday", "2022-03-04", "x",
           "Friday", relative=True)
    b = ev("Lenn Hydro chief executive Corin Daly quit on Friday", "2022-03-04", "y", "Friday",
           relative=True)
    entries = merge([a, b], arts("x", "y"))
    assert len(entries) == 1
    en = entries[0]
    assert en.date == "2022-03-04" and en.granularity.value == "day"
    assert {s.article for s in en.sources} == {"x", "y"}
    assert {s.text for s in en.sources} == {a.text, b.text}
    assert all(s.outlet and s.published == "2022-03-07" for s in en.sources)
    assert en.id == entry_id([a.id, b.id])
    assert [(p[0], p[1]) for p in en.scores] == [tuple(sorted((a.id, b.id)))]


def test_decoys_same_day_same_person_stay_apart() -> None:
    tour1 = ev("Prime Minister Ilse Marrand walked through the flooded square of Hollin today",
               "2022-03-02", "x", "today", relative=True)
    sign1 = ev("Marrand also signed a cross-border rail agreement with Leo Varga today",
               "2022-03-02", "x", "today", relative=True)
    tour2 = ev("Marrand, who walked through the flooded streets of Hollin two days ago",
               "2022-03-02", "y", "two days ago", relative=True)
    sign2 = ev("Prime Minister Ilse Marrand signed a rail agreement with Varga on Wednesday",
               "2022-03-02", "z", "Wednesday", relative=True)
    entries = merge([tour1, sign1, tour2, sign2], arts("x", "y", "z"))
    assert together(entries, tour1, tour2)
    assert together(entries, sign1, sign2)
    assert not together(entries, tour1, sign1)
    assert not together(entries, tour2, sign2)


def test_containment_takes_the_most_specific_date() -> None:
    month = ev("Lawmakers are expected to vote on the reconstruction fund later this month",
               "2022-03", "x", "later this month", relative=True)
    day = ev("Lawmakers will vote on a reconstruction fund of 200 million on March 24",
             "2022-03-24", "y", "March 24")
    entries = merge([month, day], arts("x", "y"))
    assert len(entries) == 1
    assert entries[0].date == "2022-03-24"
    assert {s.expression for s in entries[0].sources} == {"later this month", "March 24"}


def test_window_only_for_relative_days_of_different_articles() -> None:
    a = ev("Striking dockworkers returned to the quays of Castrel on Monday", "2024-04-22", "x",
           "Monday", relative=True)
    b = ev("Dockworkers returned to the Castrel quays on Tuesday morning", "2024-04-23", "y",
           "Tuesday", relative=True)
    assert dates_compatible(a, b, window=1)
    assert not dates_compatible(a, b, window=0)
    assert len(merge([a, b], arts("x", "y"), window=1)) == 1
    assert len(merge([a, b], arts("x", "y"), window=0)) == 2
    c = ev("Dockworkers returned to the Castrel quays on April 23", "2024-04-23", "y",
           "April 23")
    d = ev("Dockworkers returned to the quays of Castrel on April 22", "2024-04-22", "x",
           "April 22")
    assert not dates_compatible(c, d, window=1)  # neither is relative
    same = ev("Dockworkers returned to the quays of Castrel on Tuesday", "2024-04-23", "x",
              "Tuesday", relative=True)
    assert not dates_compatible(a, same, window=1) or len(merge([a, same], arts("x"))) == 2


def test_an_announcement_never_merges_with_what_it_announces() -> None:
    visit = ev("President Ferrin will visit Ombrel for talks with Rusk later this month",
               "2025-06", "x", "later this month", relative=True)
    said = ev("his office said Friday: President Ferrin will visit Ombrel for talks with Rusk",
              "2025-06-06", "x", "Friday", relative=True, kind=ANNOUNCEMENT)
    entries = merge([visit, said], arts("x"))
    assert len(entries) == 2
    assert explain_pair(visit, said).allowed is False


def test_no_chaining_through_a_middle_event() -> None:
    a = ev("alpha harbour crane collapse injured welders", "2021-05-05", "x")
    b = ev("harbour crane collapse injured welders sparked union protest march", "2021-05-05",
           "y")
    c = ev("union protest march blocked bridge traffic", "2021-05-05", "z")
    entries = merge([a, b, c], arts("x", "y", "z"), similarity=0.05)
    assert not together(entries, a, c)


def test_same_day_twice_in_one_article_needs_a_repeat() -> None:
    a = ev("The minister opened the bridge on Monday", "2021-05-03", "x", "Monday")
    b = ev("The minister opened the new school on Monday", "2021-05-03", "x", "Monday")
    caption = ev("The minister opened the bridge on Monday", "2021-05-03", "x", "Monday")
    entries = merge([a, b, caption], arts("x"))
    assert together(entries, a, caption)
    assert not together(entries, a, b)


def test_merging_is_repeatable_and_leaves_events_alone() -> None:
    events = bench_merge.load_corpus(ROOT / "tests/data/merge_port_strike.jsonl").events
    before = list(events)
    first = merge(events, {})
    assert merge(events, {}) == first
    assert events == before
    assert sorted(i for en in first for i in en.events) == sorted(e.id for e in events)


def test_singletons_keep_every_raw_event() -> None:
    a = ev("Corin Daly resigned on Friday", "2022-03-04", "x", "Friday")
    b = ev("Corin Daly quit on Friday", "2022-03-04", "y", "Friday")
    entries = singletons([b, a], arts("x", "y"))
    assert [en.events for en in entries] == sorted([(a.id,), (b.id,)])


def test_explain_pair_names_the_evidence() -> None:
    a = ev("Keel ordered an independent inquiry into the dam on Thursday", "2022-03-03", "x",
           "Thursday")
    b = ev("Water Minister Keel, who ordered an inquiry on Thursday", "2022-03-03", "y",
           "Thursday")
    p = explain_pair(a, b)
    assert p.date_relation == "equal" and p.allowed
    assert {"keel", "inquiry"} <= set(p.shared)
    assert 0 < p.score <= 1


@settings(max_examples=15, deadline=None)
@given(st.permutations(range(20)))
def test_order_of_input_does_not_matter(order: list[int]) -> None:
    events = bench_merge.load_corpus(ROOT / "tests/data/merge_summit.jsonl").events
    shuffled = [events[i] for i in order if i < len(events)] + events[20:]
    assert merge(shuffled, {}) == merge(events, {})


# Floors pinned on the corpora (pairwise precision, recall). Raising one is
# progress; lowering one needs a reason in the commit.
FLOORS = {
    # Written after the rules for names, outcomes and hosting, and not tuned on:
    # the honest held-out figure (recall below the 0.9 target; see the report).
    "merge_budget": (0.95, 0.7),
    "merge_chipmaker": (0.95, 0.95),
    "merge_port_strike": (0.95, 0.95),
    "merge_summit": (0.95, 0.95),
    "samples": (0.9, 0.9),
    "samples (seeds only)": (0.9, 0.9),
}


@pytest.mark.parametrize("corpus", bench_merge.corpora(), ids=lambda c: c.name)
def test_merge_quality_floors(corpus: bench_merge.Corpus) -> None:
    p, r, _, _ = bench_merge.pairwise(merge(corpus.events, corpus.articles), corpus.gold)
    floor_p, floor_r = FLOORS[corpus.name]
    assert corpus.missing == 0
    assert p >= floor_p and r >= floor_r, (p, r)


SEEDS = ROOT.parent / "shared" / "seeds"
EXPECTED_SEED_TIMELINE = {  # ../shared/seeds/EXPECTED.md, "The merged timeline"
    ("2007", ("000", "001")),
    ("2010", ("000",)),
    ("2015-07", ("000", "001")),
    ("2015-W46", ("001",)),
    ("2015-11-13", ("000",)),
    ("2015-11-14", ("000",)),
    ("2015-W47", ("001",)),
    ("2015-11-20", ("001",)),
    ("2015-11-23", ("000", "001")),
    ("2015-11-24", ("001",)),
    ("2015-11-26", ("001",)),
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_seeds_give_the_expected_merged_timeline() -> None:
    from datetime import date

    from newsline.anchoring import infer_pubdate
    from newsline.models import PubDate, PublishedHow, RawDocument

    pipeline = pytest.importorskip("newsline.pipeline")
    done = [pipeline.process_document(RawDocument(text=p.read_text(encoding="utf-8"),
                                                  path=p.name))
            for p in sorted(SEEDS.glob("0*.txt"))]
    dated = [e for d in done if d.article.published for e in d.events]
    final = []
    for d in done:
        if not d.article.published:
            art = d.article

            def events_for(anchor: date, art: Article = art) -> list[Event]:
                pub = PubDate(anchor.isoformat(), PublishedHow.CROSS_SOURCE)
                return list(pipeline.redate(art, pub).events)

            d = pipeline.redate(art, infer_pubdate(art, events_for, dated))
        final.append(d)
    articles = {d.article.id: d.article for d in final}
    entries = merge([e for d in final for e in d.events], articles)
    got = {(en.date, tuple(sorted({(s.path or "")[:3] for s in en.sources}))) for en in entries}
    assert got == EXPECTED_SEED_TIMELINE
    clutter = ("Add a comment", "Sort by", "Download the Rappler App", "Leave a Reply",
               "Follow this link", "Be Part of Quality Journalism", "AI generated")
    assert not [s.text for en in entries for s in en.sources
                if any(c.lower() in s.text.lower() for c in clutter)]


def test_window_does_not_apply_to_a_named_month_day() -> None:
    a = ev("Ferry service to Skerry resumed on November 23", "2015-11-23", "x", "November 23",
           relative=True)
    b = ev("Ferry service to Skerry resumed on Tuesday", "2015-11-24", "y", "Tuesday",
           relative=True)
    c = ev("Ferry service to Skerry resumed on November 24", "2015-11-24", "z", "November 24",
           relative=True)
    assert dates_compatible(a, b, window=1)  # "Tuesday" may be a day off
    assert not dates_compatible(a, c, window=1)  # no anchor moves "November 23"


def test_explain_entry_reproduces_the_recorded_scores() -> None:
    from newsline.merge import explain_entry

    events = bench_merge.load_corpus(ROOT / "tests/data/merge_port_strike.jsonl").events
    entries = merge(events, {})
    big = max(entries, key=lambda en: len(en.events))
    evidence = explain_entry(big, events)
    recorded = {(a, b): s for a, b, s in big.scores}
    assert recorded and len(evidence) == len(big.events) * (len(big.events) - 1) // 2
    for p in evidence:
        key = (p.a, p.b) if p.a < p.b else (p.b, p.a)
        if key in recorded:
            assert abs(p.score - recorded[key]) < 1e-3


def test_shared_names_alone_do_not_make_one_happening() -> None:
    # The same mayor on the same day, doing two different things.
    a = ev("Mayor Ilse Varga will open the new tram depot on Monday", "2023-05-08", "x",
           "Monday", relative=True)
    b = ev("On Monday, Varga also signed off the harbour budget", "2023-05-08", "y", "Monday",
           relative=True)
    c = ev("Ilse Varga cut the ribbon at the tram depot opening on Monday", "2023-05-08", "z",
           "Monday", relative=True)
    entries = merge([a, b, c], arts("x", "y", "z"))
    assert not together(entries, a, b)
    assert together(entries, a, c)


def test_an_outcome_after_the_date_is_another_happening() -> None:
    # "ended with an agreement": the agreement is its own entry, not the talks.
    talks = ev("Olm's trade talks in Brask on May 2 ended with a fishing agreement", "2023-05-02",
               "x", "May 2")
    deal = ev("a day after the fishing agreement was reached", "2023-05-02", "y", "a day after",
              relative=True)
    deal2 = ev("The fishing agreement, signed on May 2, still needs a vote in Brask",
               "2023-05-02", "z", "May 2")
    entries = merge([talks, deal, deal2], arts("x", "y", "z"))
    assert together(entries, deal, deal2)
    assert not together(entries, talks, deal)


def test_hosting_is_the_guest_s_visit() -> None:
    visit = ev("Premier Oda Lunn will travel to Saravel on Tuesday for talks", "2023-05-09", "x",
               "Tuesday", relative=True)
    hosted = ev("King Edo hosted Premier Oda Lunn in Saravel on Tuesday", "2023-05-09", "y",
                "Tuesday", relative=True)
    other = ev("On Wednesday Oda Lunn will receive the envoy Tam Reyes", "2023-05-10", "z",
               "Wednesday", relative=True)
    entries = merge([visit, hosted, other], arts("x", "y", "z"))
    assert together(entries, visit, hosted)
    assert not together(entries, hosted, other)


@pytest.mark.parametrize(("clause", "expression", "title"), [
    ("The ferry company's chief engineer resigned on Tuesday, saying the safety audit had "
     "been ignored for two years by the board", "Tuesday",
     "The ferry company's chief engineer resigned on Tuesday"),
    ("Separately, the Orla bridge was closed to lorries on Monday", "Monday",
     "The Orla bridge was closed to lorries on Monday"),
    ("The old lighthouse at Kerrow collapsed into the sea early on Sunday after a week of storms "
     "had undermined its foundations", "Sunday",
     "The old lighthouse at Kerrow collapsed into the sea early on Sunday"),
    ("Tolma Rail resumed services on March 3, two days after a strike by its signal staff ended "
     "without any agreement on pay", "March 3",
     "Tolma Rail resumed services on March 3, two days after a strike by its signal staff ended "
     "without any agreement on pay"),
    ("the council voted on Friday.", "Friday", "The council voted on Friday"),
])
def test_headline_drops_openers_and_trailing_circumstances(clause: str, expression: str,
                                                           title: str) -> None:
    assert headline(clause, expression) == title


def test_headline_is_capped() -> None:
    long = "The harbour board " + "and the port unions " * 20 + "met on Monday"
    got = headline(long, "Monday")
    assert len(got) <= TITLE_MAX and got.endswith("…")
