"""anchoring: cross-source publication dates (a toy resolver stands in for the date engine)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from newsline.anchoring import infer_pubdate
from newsline.events import extract_events
from newsline.models import Article, Event, PubDate, PublishedHow, Timex, TimexType

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def toy_extract(text: str, anchor: date) -> list[Timex]:
    """Weekday names: after 'said' the latest such day up to the anchor, else the next one."""
    out = []
    for n, name in enumerate(WEEKDAYS):
        start = text.find(name)
        while start >= 0:
            past = text[max(0, start - 6):start].strip().endswith("said")
            if past:
                d = anchor - timedelta(days=(anchor.weekday() - n) % 7)
            else:
                d = anchor + timedelta(days=(n - anchor.weekday()) % 7 or 7)
            out.append(Timex(start, start + len(name), name, TimexType.DATE, d.isoformat(),
                             rule="weekday", anchor=anchor.isoformat()))
            start = text.find(name, start + 1)
    return sorted(out, key=lambda t: t.start)


def art(aid: str, text: str, published: str | None) -> Article:
    return Article(id=aid, path=f"{aid}.txt", title=None, outlet=f"The {aid.title()} Post",
                   published=published, published_how=None, text=text)


def events_under(article: Article):
    def events_for(anchor: date) -> list[Event]:
        return extract_events(article, [], toy_extract(article.text, anchor))
    return events_for


DATED_TEXT = ("The ferry operator will launch the new Skerry crossing on November 23. "
              "Harbour workers held a vote on pay on November 11.")
DATED_TIMEXES = [("November 23", "2015-11-23"), ("November 11", "2015-11-11")]


def dated_events() -> list[Event]:
    a = art("wire", DATED_TEXT, "2015-11-13")
    tx = []
    for expr, value in DATED_TIMEXES:
        s = DATED_TEXT.index(expr)
        tx.append(Timex(s, s + len(expr), expr, TimexType.DATE, value, rule="full"))
    return extract_events(a, [], tx)


def test_reporting_weekday_picks_the_day_among_agreeing_anchors() -> None:
    text = ("The ferry operator will launch the Skerry crossing on Monday, its director "
            "said Friday.")
    undated = art("blog", text, None)
    pub = infer_pubdate(undated, events_under(undated), dated_events(),
                        articles={"wire": art("wire", DATED_TEXT, "2015-11-13")})
    assert pub is not None
    assert pub.value == "2015-11-20"
    assert pub.how is PublishedHow.CROSS_SOURCE
    assert "Monday" in pub.evidence and "November 23" in pub.evidence
    assert "The Wire Post" in pub.evidence and "Friday" in pub.evidence


def test_without_a_reporting_day_the_anchor_is_still_in_the_week_before() -> None:
    undated = art("blog", "The ferry operator will launch the Skerry crossing on Monday.", None)
    pub = infer_pubdate(undated, events_under(undated), dated_events())
    assert pub is not None
    assert date(2015, 11, 16) <= date.fromisoformat(pub.value) <= date(2015, 11, 22)
    assert pub.confidence < 0.8


def test_nothing_shared_means_no_date() -> None:
    undated = art("blog", "A choir from Tromsø sang in the cathedral on Sunday.", None)
    assert infer_pubdate(undated, events_under(undated), dated_events()) is None


def test_no_dated_sources_means_no_date() -> None:
    undated = art("blog", "The ferry operator will launch the Skerry crossing on Monday.", None)
    assert infer_pubdate(undated, events_under(undated), []) is None


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_seed_001_is_dated_by_seed_000() -> None:
    pipeline = pytest.importorskip("newsline.pipeline")
    from newsline.models import RawDocument

    docs = sorted(SEEDS.glob("0*.txt"))
    done = [pipeline.process_document(RawDocument(text=p.read_text(encoding="utf-8"),
                                                  path=str(p))) for p in docs]
    dated = [e for d in done if d.article.published for e in d.events]
    undated = [d for d in done if not d.article.published]
    assert len(undated) == 1
    art001 = undated[0].article

    def events_for(anchor: date) -> list[Event]:
        pub = PubDate(anchor.isoformat(), PublishedHow.CROSS_SOURCE)
        return list(pipeline.redate(art001, pub).events)

    pub = infer_pubdate(art001, events_for, dated, articles={d.article.id: d.article
                                                             for d in done})
    assert pub is not None and pub.value == "2015-11-20"
    assert pub.how is PublishedHow.CROSS_SOURCE
