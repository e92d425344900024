"""pubdate: the cascade on a case table, the seeds, and properties."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.clean import clean
from newsline.models import Cleaned, PublishedHow
from newsline.pubdate import find_pubdate, parse_day
from newsline.sources import read_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from bench_pubdate import load_cases  # noqa: E402  (one loader for the table, bench and tests)

DATA = Path(__file__).parent / "data" / "pubdate_cases.tsv"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


CASES = load_cases(DATA)


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 40
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_table(case: dict[str, str]) -> None:
    got = find_pubdate(clean(case["text"]), path=case["path"] or None,
                       published=case["published"] or None)
    if case["expected"] == "NONE":
        assert got is None
        return
    assert got is not None
    assert got.value == case["expected"]
    assert got.how.value == case["how"]
    assert got.evidence
    assert 0 < got.confidence <= 1


@needs_seeds
def test_seed_000_is_dated_by_its_dateline() -> None:
    raw = read_document(str(SEEDS / "000_c00c228de8a2ed52.txt"))
    got = find_pubdate(clean(raw.text))
    assert got is not None
    assert (got.value, got.how) == ("2015-11-13", PublishedHow.DATELINE)
    assert "November 13" in got.evidence


@needs_seeds
def test_seed_001_is_undated() -> None:
    raw = read_document(str(SEEDS / "001_5b95a3e8c0240a25.txt"))
    assert find_pubdate(clean(raw.text), path=raw.path) is None


def test_option_beats_everything_and_metadata_beats_file_name() -> None:
    c = Cleaned(text="BERN, May 2, 2012 - Snow fell.", meta={"date": "2011-01-01"})
    assert find_pubdate(c, path="2010-10-10.txt", published="2013-03-03").how == "option"
    assert find_pubdate(c, path="2010-10-10.txt").value == "2011-01-01"
    assert find_pubdate(Cleaned(text="BERN, May 2, 2012 - Snow fell."),
                        path="2010-10-10.txt").how == PublishedHow.FILENAME


def test_weekday_year_is_nearest_not_before_latest_mentioned_year() -> None:
    # November 13 fell on a Friday in 2009, 2015 and 2020.
    for floor, want in ((2009, "2009-11-13"), (2010, "2015-11-13"), (2016, "2020-11-13")):
        c = clean(f"The ministry said Friday, November 13, that talks begun in {floor} go on.")
        got = find_pubdate(c)
        assert got is not None and got.value == want


def test_stdin_path_is_not_a_file_name() -> None:
    assert find_pubdate(Cleaned(text="Nothing dated here."), path="-") is None


@pytest.mark.parametrize(
    ("s", "want"),
    [
        ("2015-11-13", date(2015, 11, 13)),
        ("2015-11-13T23:59:00-05:00", date(2015, 11, 13)),
        ("20151113", date(2015, 11, 13)),
        ("Fri, 13 Nov 2015 08:00:00 GMT", date(2015, 11, 13)),
        ("November 13, 2015", date(2015, 11, 13)),
        ("November 2015", None),
        ("November 13", None),
        ("2015", None),
        ("last Friday", None),
        ("2015-02-30", None),
        ("", None),
    ],
)
def test_parse_day_needs_all_three_fields(s: str, want: date | None) -> None:
    assert parse_day(s) == want


@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=40)))
@settings(max_examples=300, deadline=None)
def test_never_crashes(text: str, path: str | None) -> None:
    got = find_pubdate(clean(text), path=path)
    if got is not None:
        assert date.fromisoformat(got.value).year >= 1800


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2199, 12, 31)))
@settings(max_examples=100, deadline=None)
def test_any_stated_full_date_round_trips(d: date) -> None:
    text = f"Published: {d:%d %B %Y}\n\nThe fair opened."
    got = find_pubdate(clean(text))
    assert got is not None and got.value == d.isoformat()


@pytest.mark.parametrize("junk", ["9" * 10000, " " * 10000, "Friday, " * 2000,
                                  "MOSCOW, " * 2000, "November 13 " * 1000])
def test_no_catastrophic_patterns(junk: str) -> None:
    t = time.perf_counter()
    find_pubdate(Cleaned(text=junk + "\n\n" + junk))
    assert time.perf_counter() - t < 1.0


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _sample_rows() -> list[tuple[str, dict]]:
    gold = SAMPLES / "expected.json"
    if not gold.exists():
        return []
    import json

    return sorted(json.loads(gold.read_text(encoding="utf-8"))["publication_dates"].items())


@pytest.mark.parametrize(("name", "gold"), _sample_rows())
def test_samples_from_their_own_text(name: str, gold: dict) -> None:
    """Each sample is dated as its gold says, or undated when only other sources date it."""
    raw = read_document(str(SAMPLES / name))
    got = find_pubdate(clean(raw.text), path=raw.path)
    if gold["how"] in (None, "cross-source"):
        assert got is None
        return
    assert got is not None
    assert (got.value, got.how.value, got.evidence) == (
        gold["published"], gold["how"], gold["evidence"])
