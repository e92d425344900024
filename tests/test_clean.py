"""clean: header and front matter, curated clutter, credits, title and outlet."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.clean import clean, line_key, repeated_lines
from newsline.sources import read_document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")

STORY = [
    "Ferry fares to rise in spring",
    "",
    "PORTLAND, Maine – Ferry fares will rise by a tenth in April, the island transit board "
    "said Wednesday.",
    "",
    "The board last raised fares in 2011, when fuel prices peaked.",
]

# (clutter line, reason) pairs placed after the story; each must be removed.
CLUTTER = [
    ("Add a comment", "comment widget"),
    ("Sort by", "comment widget"),
    ("Sort by newest", "comment widget"),
    ("There are no comments yet. Add your comment to start the conversation.", "comment widget"),
    ("Leave a Reply", "comment widget"),
    ("Leave a comment", "comment widget"),
    ("Your email address will not be published.", "comment widget"),
    ("Your email address will not be published. Required fields are marked *",
     "comment widget"),
    ("Cancel reply", "comment widget"),
    ("12 Comments", "comment widget"),
    ("Download the Harbour News App!", "app promotion"),
    ("Get the Tidewater app for breaking alerts", "app promotion"),
    ("Sign up for our morning newsletter", "subscription plea"),
    ("Subscribe now", "subscription plea"),
    ("Already a subscriber? Log in", "subscription plea"),
    ("Follow this link to join our WhatsApp group: Join Now", "social prompt"),
    ("Follow us on Twitter", "social prompt"),
    ("Share this article", "social prompt"),
    ("Click here to read the full report", "social prompt"),
    ("This is AI generated summarization, which may have errors.", "AI or reading aid note"),
    ("Summarize this article with AI", "AI or reading aid note"),
    ("Listen to this article", "AI or reading aid note"),
    ("4 min read", "AI or reading aid note"),
    ("How does this make you feel?", "reader poll"),
    ("Loading", "page furniture"),
    ("Loading...", "page furniture"),
    ("Advertisement", "page furniture"),
    ("Read more: Island schools to merge", "page furniture"),
    ("Related Articles", "page furniture"),
    ("© 2015 Tidewater Media", "page furniture"),
    ("EPA", "photo credit"),
    ("Reuters/Ana Lima", "photo credit"),
    ("Photo: Sam Ortiz", "photo credit"),
    ("Lena Berg/AFP via Getty Images", "photo credit"),
    ("Sort by: Oldest", "comment widget"),
    ("Like · Reply", "comment widget"),
    ("Get the Harbour briefing in your inbox.", "subscription plea"),
    ("Follow Tidewater News on social media", "social prompt"),
    ("Reporting by Ola Lind; editing by Ivo Marsh", "page furniture"),
    ("![Boats at the quay](quay.jpg)", "page furniture"),
    ("*Boats wait at the quay. Photo: Ola Lind for Tidewater*", "photo caption"),
]

# Lines that look a little like clutter but are news: they must stay.
KEPT = [
    "The board said comments from riders would be read aloud at the next meeting.",
    "Reuters reported that the ferry operator had filed for a rate review in March.",
    "Subscribers to the monthly pass will pay the old price until June.",
    "Loading of cars will begin an hour earlier, officials said.",
    "Photo identification will be required on all boats from May 1.",
    "Follow-up hearings are planned for the summer.",
]


def _article(*extra: str) -> str:
    return "\n".join(STORY + [""] + [x for e in extra for x in (e, "")])


@pytest.mark.parametrize(("line", "reason"), CLUTTER, ids=[c[0][:30] for c in CLUTTER])
def test_curated_clutter_is_removed_and_kept_aside(line: str, reason: str) -> None:
    raw = _article(line)
    c = clean(raw)
    assert line not in c.text
    assert STORY[2].split(" – ")[1] in c.text
    hits = [r for r in c.removed if r.text == line]
    assert hits and hits[0].reason == reason
    assert raw[hits[0].start:hits[0].end] == line


@pytest.mark.parametrize("line", KEPT)
def test_news_lines_that_resemble_clutter_stay(line: str) -> None:
    c = clean(_article(line))
    assert line in c.text
    assert not c.removed


def test_appeal_paragraph_after_its_heading_goes() -> None:
    appeal = ("Independent reporting costs money, and our readers now pay for most of it; "
              "please consider supporting us today.")
    c = clean(_article("Be Part of Quality Journalism", appeal, "Leave a Reply"))
    assert "Quality Journalism" not in c.text and "Independent reporting" not in c.text
    assert [r.reason for r in c.removed] == ["appeal", "appeal", "comment widget"]


def test_title_from_first_line_and_repeated_headline_dropped() -> None:
    raw = "\n".join([STORY[0], "", "Agence France-Presse", "", STORY[0], ""] + STORY[2:])
    c = clean(raw)
    assert c.title == STORY[0]
    assert c.outlet == "Agence France-Presse"
    assert c.text.count(STORY[0]) == 1
    assert {r.reason for r in c.removed} == {"agency credit", "repeated headline"}


def test_no_title_when_first_line_is_prose() -> None:
    c = clean("\n".join(STORY[2:]))
    assert c.title is None


def test_front_matter_fields() -> None:
    raw = ("---\ntitle: \"Fares up\"\ndate: 2015-03-04\nsource: Tidewater Daily\n"
           "url: https://example.org/fares\nauthor: Ines Moll\ntags: [a, b]\n---\n"
           + _article())
    c = clean(raw)
    assert c.meta == {"title": "Fares up", "date": "2015-03-04", "outlet": "Tidewater Daily",
                      "url": "https://example.org/fares", "author": "Ines Moll"}
    assert c.title == "Fares up" and c.outlet == "Tidewater Daily"
    assert "---" not in c.text and "tags" not in c.text
    assert all(r.reason == "front matter" for r in c.removed)


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        ("Date: 4 March 2015", {"date": "4 March 2015"}),
        ("Published: Wed, 04 Mar 2015 09:12 GMT", {"published": "Wed, 04 Mar 2015 09:12 GMT"}),
        ("Updated 13 November 2015", {"updated": "13 November 2015"}),
        ("By Ines Moll", {"author": "Ines Moll"}),
        ("By Ines Moll and Tom Reyes", {"author": "Ines Moll and Tom Reyes"}),
        ("Source: Tidewater Daily", {"outlet": "Tidewater Daily"}),
        ("By Ines Moll | Published 4 March 2015",
         {"author": "Ines Moll", "published": "4 March 2015"}),
        ("Wednesday, March 4, 2015", {"date": "Wednesday, March 4, 2015"}),
    ],
)
def test_header_lines_become_meta(line: str, meta: dict[str, str]) -> None:
    c = clean(STORY[0] + "\n" + line + "\n\n" + "\n".join(STORY[2:]))
    assert c.meta == meta
    assert line not in c.text
    assert c.removed[0].reason.startswith("header: ")


def test_outlet_from_sign_off_and_dateline_credit() -> None:
    signed = clean(_article("Ferries will run every hour in summer. – Tidewater.com"))
    assert signed.outlet == "Tidewater"
    assert "Tidewater.com" not in signed.text
    assert "Ferries will run every hour in summer." in signed.text
    assert signed.removed[-1].reason == "sign-off"
    wire = clean("LISBON, June 3 (Reuters) - Port workers went on strike on Monday.")
    assert wire.outlet == "Reuters"
    local = clean("KELSBY, Friday (Coastline Wire Service) – The pier was closed at noon.")
    assert local.outlet == "Coastline Wire Service"
    assert clean(_article()).outlet is None


def test_photo_caption_after_credit_goes() -> None:
    c = clean(_article("AP", "Cars wait for the morning boat at the island pier"))
    assert "morning boat" not in c.text
    assert [r.reason for r in c.removed] == ["photo credit", "photo caption"]


def test_whitespace_quotes_and_wrapping_normalised() -> None:
    raw = ("Fares\u00a0 rise\n\nThe board\u2019s  vote was \u201cclose\u201d, said the chair,\n"
           "who later left the\u200b meeting early and went home.\n")
    c = clean(raw)
    assert c.text == ("Fares rise\n\nThe board's vote was \"close\", said the chair, "
                      "who later left the meeting early and went home.")


def test_repeated_lines_across_articles() -> None:
    shared = "Tide tables are printed on page nine"
    docs = [f"Story {i} headline\n\nBody text number {i} about topic {i}.\n\n{shared}"
            for i in range(4)]
    rep = repeated_lines(docs)
    assert line_key(shared) in rep
    assert not any("body text" in k for k in rep)
    c = clean(docs[0], repeated=rep)
    assert shared not in c.text
    assert c.removed[0].reason == "repeated across articles"


def test_syndicated_copies_are_not_clutter() -> None:
    lines = [f"Wire paragraph {i} on the port strike and its effect on trade." for i in range(8)]
    docs = ["\n\n".join([f"Outlet {n} header"] + lines) for n in range(3)]
    assert repeated_lines(docs) == frozenset()


@needs_seeds
@pytest.mark.parametrize("name", ["000_c00c228de8a2ed52.txt", "001_5b95a3e8c0240a25.txt"])
def test_seed_clutter_never_survives(name: str) -> None:
    c = clean(read_document(str(SEEDS / name)).text)
    for bad in ["Add a comment", "Sort by", "Download the Rappler App!",
                "Be Part of Quality Journalism", "Leave a Reply",
                "Your email address will not be published.", "AI generated summarization",
                "Follow this link to join our WhatsApp group", "Quality journalism takes",
                "Rappler.com", "How does this make you feel", "Loading"]:
        assert bad not in c.text
    assert c.title and c.title.startswith("Putin to")


@needs_seeds
def test_seed_outlets() -> None:
    c0 = clean(read_document(str(SEEDS / "000_c00c228de8a2ed52.txt")).text)
    c1 = clean(read_document(str(SEEDS / "001_5b95a3e8c0240a25.txt")).text)
    assert c0.outlet == "Agence France-Presse"
    assert c1.outlet is None  # the caller falls back to the file name


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_clean_never_crashes_and_offsets_point_into_raw(raw: str) -> None:
    c = clean(raw)
    assert isinstance(c.text, str)
    for r in c.removed:
        assert 0 <= r.start <= r.end <= len(raw)
        assert raw[r.start:r.end] == r.text


_LINES = st.lists(st.sampled_from([c[0] for c in CLUTTER] + KEPT + STORY + ["", "---"]),
                  max_size=25)


@given(_LINES)
@settings(max_examples=200, deadline=None)
def test_clean_on_mixed_lines(lines: list[str]) -> None:
    raw = "\n".join(lines)
    c = clean(raw)
    for r in c.removed:
        assert raw[r.start:r.end] == r.text


@pytest.mark.parametrize("junk", ["9" * 10000, " " * 10000, "." * 10000, "- " * 5000,
                                  "By " + "A" * 10000, "Date: " + "1 " * 5000])
def test_no_catastrophic_patterns(junk: str) -> None:
    t = time.perf_counter()
    clean(junk + "\n" + junk)
    assert time.perf_counter() - t < 1.0
