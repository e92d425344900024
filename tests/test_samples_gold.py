"""The gold file for samples/ must agree with the sample texts it describes.

Every quality floor (publication dates, mentions, merged events) is scored
against samples/expected.json, so a typo there would silently move a floor.
These tests keep the gold honest: each file it names exists, each expression
and clause it quotes is really in that file, each value is a calendar value,
and each merged date is the most precise of its mentions.
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsline.temporal.timex import compatible, value_span

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD = SAMPLES / "expected.json"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = ("000_c00c228de8a2ed52.txt", "001_5b95a3e8c0240a25.txt")
ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".html", ".htm"}  # what ingest reads
HOWS = {"metadata", "dateline", "filename", "cross-source", "option", "text"}
WEEKDAYS = tuple(name.lower() for name in calendar.day_name)  # monday first, like date.weekday()
MONTHS = tuple(name.lower() for name in calendar.month_name[1:])


def _gold() -> dict[str, Any]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def _text(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def _article_files() -> set[str]:
    """What `newsline ingest samples/` would read, minus the folder's README."""
    return {
        p.name for p in SAMPLES.iterdir() if p.suffix in ARTICLE_SUFFIXES and p.name != "README.md"
    }


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def _has_words(text: str, words: str) -> bool:
    """``words`` occurs in ``text`` as whole words (so "May" is not found in "Mayor")."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None


def _width(value: str) -> int:
    span = value_span(value)
    assert span is not None, value
    return (span[1] - span[0]).days


def _mentions() -> list[tuple[str, dict[str, Any]]]:
    return [(e["title"], m) for e in _gold()["events"] for m in e["mentions"]]


def test_gold_is_well_formed() -> None:
    gold = _gold()
    assert set(gold) == {"publication_dates", "events"}
    assert gold["events"], "no events"
    titles = [e["title"] for e in gold["events"]]
    assert len(titles) == len(set(titles)), "titles must be unique"
    for event in gold["events"]:
        assert {"date", "title", "sources", "mentions"} <= set(event)
        assert event["mentions"], event["title"]
        for mention in event["mentions"]:
            assert {"file", "expression", "clause_contains"} <= set(mention)
            assert all(isinstance(v, str) and v.strip() for v in mention.values())


def test_every_listed_file_exists_and_every_article_is_listed() -> None:
    gold = _gold()
    listed = set(gold["publication_dates"])
    assert listed == _article_files()
    for event in gold["events"]:
        files = {m["file"] for m in event["mentions"]}
        assert set(event["sources"]) == files, event["title"]
        assert files <= listed, event["title"]
    assert (SAMPLES / "README.md").is_file()


def test_every_article_has_an_event() -> None:
    cited = {f for e in _gold()["events"] for f in e["sources"]}
    assert cited == _article_files()


@pytest.mark.parametrize("name", sorted(_article_files()))
def test_publication_date_entry(name: str) -> None:
    entry = _gold()["publication_dates"][name]
    published, how = entry["published"], entry["how"]
    if published is None:
        assert how is None
        return
    assert how in HOWS
    date.fromisoformat(published)
    if "evidence" in entry:
        assert entry["evidence"] in _text(name)


@pytest.mark.parametrize(
    ("title", "mention"), _mentions(), ids=lambda x: x if isinstance(x, str) else x["file"]
)
def test_mention_is_in_its_file(title: str, mention: dict[str, Any]) -> None:
    text = _text(mention["file"])
    expr, clause = mention["expression"], mention["clause_contains"]
    assert _has_words(text, expr), f"{expr!r} not in {mention['file']}"
    assert clause in text, f"{clause!r} not in {mention['file']}"
    together = [p for p in _paragraphs(text) if clause in p and _has_words(p, expr)]
    assert together, f"{expr!r} and {clause!r} are not in one paragraph ({title})"


@pytest.mark.parametrize(
    ("title", "mention"), _mentions(), ids=lambda x: x if isinstance(x, str) else x["file"]
)
def test_mention_value_agrees_with_its_words(title: str, mention: dict[str, Any]) -> None:
    value = mention.get("value")
    if value is None:
        return
    span = value_span(value)
    assert span is not None, f"{value!r} is not a calendar value"
    words = mention["expression"].lower()
    if span[0] == span[1]:
        for i, name in enumerate(WEEKDAYS):
            if name in words:
                assert span[0].weekday() == i, f"{words!r} is not {span[0]:%A}"
    for i, name in enumerate(MONTHS, start=1):
        if re.search(rf"\b{name}\b", words):
            assert span[0].month == i and span[1].month == i, f"{words!r} vs {value}"
    if year := re.fullmatch(r"\d{4}", words):
        assert value == year[0]


def test_event_dates_are_the_most_precise_compatible_mention() -> None:
    for event in _gold()["events"]:
        assert value_span(event["date"]) is not None, event["date"]
        values = [m["value"] for m in event["mentions"] if "value" in m]
        for value in values:
            assert compatible(event["date"], value), (event["title"], value)
        if values:
            assert event["date"] in values, event["title"]
            assert _width(event["date"]) == min(_width(v) for v in values), event["title"]


def test_decoys_share_a_day_with_the_happening_they_must_not_join() -> None:
    events = {e["title"]: e for e in _gold()["events"]}
    decoys = [e for e in events.values() if "decoy_of" in e]
    assert decoys
    for decoy in decoys:
        other = events[decoy["decoy_of"]]
        assert other["date"] == decoy["date"]
        assert set(other["sources"]) & set(decoy["sources"])


def test_undated_articles_are_dated_by_other_sources() -> None:
    """A cross-source date needs a shared happening cited by a dated article."""
    gold = _gold()
    pub = gold["publication_dates"]
    for name, entry in pub.items():
        if entry["how"] != "cross-source":
            continue
        shared = [
            e
            for e in gold["events"]
            if name in e["sources"]
            and any(pub[s]["how"] not in (None, "cross-source") for s in e["sources"])
        ]
        assert shared, f"{name} shares no happening with a dated article"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
@pytest.mark.parametrize("name", SEED_FILES)
def test_seeds_are_copied_unchanged(name: str) -> None:
    assert (SAMPLES / name).read_bytes() == (SEEDS / name).read_bytes()


@pytest.mark.skipif(not (SEEDS / "EXPECTED.md").is_file(), reason="../shared/seeds is not present")
def test_seed_events_match_the_acceptance_spec() -> None:
    """The seed rows of expected.json are the merged timeline table of EXPECTED.md."""
    spec = (SEEDS / "EXPECTED.md").read_text(encoding="utf-8")
    table = spec.split("## The merged timeline", 1)[1]
    rows = set()
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and value_span(cells[0]) is not None:
            cited = frozenset(c.strip() for c in cells[2].split(","))
            rows.add((cells[0], cited))
    assert rows, "no table rows parsed"
    ours = {
        (e["date"], frozenset(s[:3] for s in e["sources"]))
        for e in _gold()["events"]
        if set(e["sources"]) <= set(SEED_FILES)
    }
    assert ours == rows
