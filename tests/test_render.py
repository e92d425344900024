"""Every output format, read back by a real consumer.

Entries come from tests/data/render_entries.json (an invented story in the json
contract format); its last-but-one entry is hostile: a script tag, a spreadsheet
formula, a newline inside a quote, commas, semicolons and non-ASCII text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.errors import UsageError
from newsline.models import Entry, Granularity, SourceRef
from newsline.render import (
    FORMATS,
    SCHEMA_VERSION,
    entry_from_dict,
    entry_to_dict,
    format_for_path,
    render,
    write_output,
)
from newsline.render.csvfmt import COLUMNS, neutralise
from newsline.render.ics import escape_text, fold
from newsline.render.labels import clean_text, date_label
from newsline.render.markdown import escape_md

DATA = Path(__file__).parent / "data"
ENTRIES = [
    entry_from_dict(d) for d in json.loads((DATA / "render_entries.json").read_text())["events"]
]
HOSTILE = next(e for e in ENTRIES if "<script>" in e.title)
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'


def test_fixture_is_hostile_enough() -> None:
    text = HOSTILE.sources[0].text
    assert SCRIPT in text and FORMULA in text and "\n" in text
    assert "," in text and ";" in text and any(ord(c) > 127 for c in text)
    assert HOSTILE.title.startswith("=")


# --- dispatch -------------------------------------------------------------------------


def test_formats_are_the_documented_ones() -> None:
    assert FORMATS == ("table", "md", "json", "jsonl", "csv", "ics", "timelinejs", "html")


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("out.md", "md"),
        ("notes.markdown", "md"),
        ("out.json", "json"),
        ("OUT.JSON", "json"),
        ("story.timeline.json", "timelinejs"),
        ("dir.timeline.d/out.json", "json"),
        ("out.jsonl", "jsonl"),
        ("out.ndjson", "jsonl"),
        ("out.csv", "csv"),
        ("cal.ics", "ics"),
        ("page.html", "html"),
        ("page.htm", "html"),
        ("plain.txt", "table"),
        ("out.pdf", None),
        ("noext", None),
        (".json", None),
    ],
)
def test_format_for_path(path: str, fmt: str | None) -> None:
    assert format_for_path(path) == fmt


def test_unknown_format_is_a_usage_error_with_hint() -> None:
    with pytest.raises(UsageError) as err:
        render(ENTRIES, "yaml")
    assert err.value.hint is not None and "jsonl" in err.value.hint


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_deterministic(fmt: str) -> None:
    assert render(ENTRIES, fmt, width=100) == render(list(ENTRIES), fmt, width=100)


@pytest.mark.parametrize("fmt", ["table", "md", "jsonl"])
def test_empty_timeline_prints_nothing(fmt: str) -> None:
    assert render([], fmt) == ""


def test_write_output_is_atomic_and_keeps_crlf(tmp_path: Path) -> None:
    target = tmp_path / "cal.ics"
    target.write_text("old")
    write_output(str(target), "A\r\nB\r\n")
    assert target.read_bytes() == b"A\r\nB\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["cal.ics"]  # no temp file left


# --- json / jsonl: the machine contract ---------------------------------------------------


def test_entry_to_dict_is_exactly_the_contract() -> None:
    d = entry_to_dict(ENTRIES[5])
    assert list(d) == ["id", "date", "start", "end", "granularity", "title", "sources"]
    assert d["granularity"] == "day"
    for src in d["sources"]:
        assert list(src) == ["article", "path", "outlet", "published", "text", "expression"]


def test_json_round_trips() -> None:
    doc = json.loads(render(ENTRIES, "json"))
    assert doc["schema_version"] == SCHEMA_VERSION == 1
    assert doc["events"] == [entry_to_dict(e) for e in ENTRIES]
    assert [entry_from_dict(d) for d in doc["events"]] == ENTRIES


def test_json_of_nothing() -> None:
    assert json.loads(render([], "json")) == {"schema_version": 1, "events": []}


def test_jsonl_is_one_object_per_line() -> None:
    out = render(ENTRIES, "jsonl")
    lines = out.splitlines()
    assert out.endswith("\n") and len(lines) == len(ENTRIES)
    assert [json.loads(line) for line in lines] == [entry_to_dict(e) for e in ENTRIES]
    hostile = json.loads(lines[ENTRIES.index(HOSTILE)])
    assert hostile["sources"][0]["text"] == HOSTILE.sources[0].text  # newline kept, escaped


# --- csv ----------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_parses_back_one_row_per_entry() -> None:
    out = render(ENTRIES, "csv")
    rows = _csv_rows(out)
    assert rows[0] == list(COLUMNS)
    assert len(rows) == len(ENTRIES) + 1
    assert all(len(r) == len(COLUMNS) for r in rows)
    assert re.sub(r'"[^"]*"', "", out).count("\n") == out.count("\r\n")  # CRLF records
    by_id = {r[0]: dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]}
    two = by_id["c6dy"]
    assert two["source_count"] == "2"
    assert two["outlets"].split("\n") == ["Harbour Gazette", "Valley Radio"]
    assert len(two["quotes"].split("\n")) == 2  # line i of each column is source i


def test_csv_neutralises_formulas_and_keeps_the_text() -> None:
    rows = _csv_rows(render(ENTRIES, "csv"))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    row = dict(zip(COLUMNS, next(r for r in rows if r[0] == HOSTILE.id), strict=True))
    assert row["title"] == "'" + HOSTILE.title
    assert SCRIPT in row["quotes"] and FORMULA in row["quotes"]
    assert row["outlets"] == "Rue & Co; «Nouvelles», Paris"


@pytest.mark.parametrize(
    ("cell", "out"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\uff1d1", "'\uff1d1"),
        ("a=1", "a=1"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, out: str) -> None:
    assert neutralise(cell) == out


def test_csv_of_nothing_is_the_header() -> None:
    assert _csv_rows(render([], "csv")) == [list(COLUMNS)]


# --- ics ----------------------------------------------------------------------------------


def test_ics_parses_with_icalendar() -> None:
    icalendar = pytest.importorskip("icalendar")
    out = render(ENTRIES, "ics")
    cal = icalendar.Calendar.from_ical(out)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(ENTRIES)
    by_uid = {str(ev["UID"]): ev for ev in events}
    assert len(by_uid) == len(ENTRIES)
    for e in ENTRIES:
        ev = by_uid[f"{e.id}@newsline"]
        assert ev["DTSTART"].dt == date.fromisoformat(e.start)
        # DTEND is exclusive: the day after the last day covered.
        assert (ev["DTEND"].dt - date.fromisoformat(e.end)).days == 1
        assert str(ev["SUMMARY"]) == e.title
        desc = str(ev["DESCRIPTION"])
        for s in e.sources:
            assert s.text in desc  # exact, newline and all
        if e.granularity is not Granularity.DAY:
            assert desc.startswith("Dated only to")
        else:
            assert "Dated only" not in desc


def test_ics_is_crlf_folded_and_stamped_from_data() -> None:
    out = render(ENTRIES, "ics")
    assert out.endswith("\r\n") and "\n" not in out.replace("\r\n", "")
    for line in out.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    stamps = re.findall(r"^DTSTAMP:(\w+)\r$", out, flags=re.M)
    assert len(stamps) == len(ENTRIES)
    assert stamps[5] == "20151124T000000Z"  # the latest publication of its two sources
    assert stamps[-1] == "20160201T000000Z"  # no published: the entry's own day


def test_ics_of_nothing_is_an_empty_calendar() -> None:
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(render([], "ics"))
    assert list(cal.walk("VEVENT")) == []


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [("a,b;c\\d", "a\\,b\\;c\\\\d"), ("one\ntwo\r\nthree", "one\\ntwo\\nthree"), ("x\x07y", "xy")],
)
def test_ics_escape_text(raw: str, escaped: str) -> None:
    assert escape_text(raw) == escaped


@given(st.text(min_size=0, max_size=400))
def test_fold_round_trips_on_utf8_boundaries(s: str) -> None:
    s = s.replace("\r", "").replace("\n", "")
    folded = fold(s)
    parts = folded.split("\r\n")
    for i, part in enumerate(parts):
        assert len(part.encode("utf-8", "surrogatepass")) <= 75
        if i:
            assert part.startswith(" ")
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == s


# --- timelinejs ---------------------------------------------------------------------------


def test_timelinejs_has_the_documented_required_fields() -> None:
    doc = json.loads(render(ENTRIES, "timelinejs"))
    assert isinstance(doc["events"], list) and len(doc["events"]) == len(ENTRIES)
    assert "start_date" not in doc["title"]  # the title slide needs no date
    ids = [ev["unique_id"] for ev in doc["events"]]
    assert len(set(ids)) == len(ids)
    for e, ev in zip(ENTRIES, doc["events"], strict=True):
        start = ev["start_date"]
        assert isinstance(start["year"], int)
        assert set(ev["text"]) == {"headline", "text"}
        keys = set(start)
        if e.granularity in (Granularity.YEAR, Granularity.DECADE):
            assert keys == {"year"}
        elif e.granularity in (Granularity.MONTH, Granularity.QUARTER):
            assert keys == {"year", "month"}
        else:
            assert keys == {"year", "month", "day"}
        if e.granularity in (Granularity.DAY, Granularity.MONTH, Granularity.YEAR):
            assert "end_date" not in ev
        else:
            assert set(ev["end_date"]) == keys
        assert ev["display_date"]


def test_timelinejs_escapes_article_text() -> None:
    out = render(ENTRIES, "timelinejs")
    assert "<script" not in out
    ev = json.loads(out)["events"][ENTRIES.index(HOSTILE)]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in ev["text"]["headline"]
    assert "&lt;script&gt;" in ev["text"]["text"] and "Rue &amp; Co" in ev["text"]["text"]


# --- html ---------------------------------------------------------------------------------


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)


def _parse_html(out: str) -> _Collect:
    p = _Collect()
    p.feed(out)
    p.close()
    return p


def test_html_is_inert_and_self_contained() -> None:
    import base64
    import hashlib

    out = render(ENTRIES, "html")
    page = _parse_html(out)
    names = [t for t, _ in page.tags]
    assert "script" not in names and "iframe" not in names and "link" not in names
    for _, attrs in page.tags:
        assert not any(k.startswith("on") for k in attrs)  # no event handlers
        assert not any(k in ("src", "href", "style") for k in attrs)  # nothing to fetch
    csp = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None
    assert "default-src 'none'" in csp and "script-src 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(page.style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp  # the one style block is the one allowed
    text = "".join(page.text)
    assert SCRIPT in text and FORMULA in text  # shown as text, not run
    assert "Rue & Co; «Nouvelles», Paris" in text


def test_html_lists_every_entry_and_source() -> None:
    page = _parse_html(render(ENTRIES, "html"))
    items = [a for t, a in page.tags if t == "li" and "entry" in (a.get("class") or "")]
    assert len(items) == len(ENTRIES)
    times = [a.get("datetime") for t, a in page.tags if t == "time"]
    assert "2015-W47" in times and "2015-11-23" in times
    quotes = [t for t, _ in page.tags if t == "blockquote"]
    assert len(quotes) == sum(len(e.sources) for e in ENTRIES)


def test_html_of_nothing_is_still_a_page() -> None:
    out = render([], "html")
    assert out.startswith("<!DOCTYPE html>") and "No entries." in out


# --- markdown -----------------------------------------------------------------------------


def test_markdown_headings_bullets_and_footnotes() -> None:
    out = render(ENTRIES, "md")
    headings = re.findall(r"^(#{2,3}) (.+)$", out, flags=re.M)
    assert headings == [
        ("##", "the 1980s"),
        ("##", "2009"),
        ("##", "2015"),
        ("###", "Q3 2015"),
        ("###", "October 2015"),
        ("###", "November 2015"),
        ("##", "2016"),
        ("###", "February 2016"),
    ]
    bullets = [line for line in out.splitlines() if line.startswith("- ")]
    assert len(bullets) == len(ENTRIES)
    n_sources = sum(len(e.sources) for e in ENTRIES)
    notes = re.findall(r"^\[\^(\d+)\]: ", out, flags=re.M)
    assert notes == [str(i) for i in range(1, n_sources + 1)]
    assert "- **23 Nov 2015**: The bridge closes to all traffic[^6][^7]" in out


def test_markdown_year_entries_come_before_months() -> None:
    year = Entry("y", "2015", "2015-01-01", "2015-12-31", Granularity.YEAR, "A year", ())
    day = Entry("d", "2015-01-01", "2015-01-01", "2015-01-01", Granularity.DAY, "A day", ())
    out = render([day, year], "md")
    assert out.index("A year") < out.index("### January 2015") < out.index("A day")


def test_markdown_renders_hostile_text_inert() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(render(ENTRIES, "md"))
    assert "<script" not in html and "<a " not in html and "<em>" not in html
    assert "<code>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[link](javascript:alert(1))" in html  # shown, not linked


@pytest.mark.parametrize(
    ("raw", "md"),
    [
        ("a *b* _c_", "a \\*b\\* \\_c\\_"),
        ("[x](y)", "\\[x\\](y)"),
        ("<b>&amp;", "\\<b\\>\\&amp;"),
        ("line\nbreak", "line break"),
        ("U.S. 3-2", "U.S. 3-2"),
    ],
)
def test_escape_md(raw: str, md: str) -> None:
    assert escape_md(raw) == md


# --- table --------------------------------------------------------------------------------


def test_table_shows_labels_titles_and_counts() -> None:
    out = render(ENTRIES, "table", width=120)
    assert "\x1b" not in out
    for label in ("the 1980s", "2009", "Q3 2015", "Oct 2015", "week of 16 Nov 2015", "1 Feb 2016"):
        assert label in out
    row = next(line for line in out.splitlines() if "closes to all traffic" in line)
    assert row.rstrip().endswith("2")


def test_table_colour_only_on_request_and_no_markup() -> None:
    e = Entry("m", "2015-11-23", "2015-11-23", "2015-11-23", Granularity.DAY,
              "[bold red]not markup[/] \x1b[2Jgone", ())  # fmt: skip
    plain = render([e], "table", width=80)
    assert "[bold red]not markup[/]" in plain and "\x1b" not in plain
    coloured = render([e], "table", color=True, width=80)
    assert "\x1b[" in coloured and "\x1b[2J" not in coloured


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("2015-11-23", "23 Nov 2015"),
        ("2015-11-23T10:30", "23 Nov 2015"),
        ("2015-11", "Nov 2015"),
        ("2015-W47", "week of 16 Nov 2015"),
        ("2015-W47-WE", "weekend of 21 Nov 2015"),
        ("2015-Q3", "Q3 2015"),
        ("2015-H1", "first half of 2015"),
        ("2015-SU", "summer 2015"),
        ("2007", "2007"),
        ("199", "the 1990s"),
        ("19", "the 20th century"),
        ("20", "the 21st century"),
        ("PRESENT_REF", "PRESENT_REF"),
    ],
)
def test_date_label(value: str, label: str) -> None:
    assert date_label(value) == label


def test_source_without_outlet_is_cited_by_article() -> None:
    src = SourceRef(
        article="ab12", path=None, outlet=None, published=None, text="t", expression="x"
    )
    e = Entry("n", "2015", "2015-01-01", "2015-12-31", Granularity.YEAR, "T", (src,))
    assert "ab12" in render([e], "md") and "ab12" in render([e], "html")


# --- any text at all ----------------------------------------------------------------------

_ANY_TEXT = st.text(
    st.characters(exclude_categories=["Cs"]) | st.sampled_from(list("<>&\"',;\\\n\r=+-@[]*_`$")),
    max_size=60,
)


@settings(max_examples=40, deadline=None)
@given(title=_ANY_TEXT, quote=_ANY_TEXT, outlet=_ANY_TEXT)
def test_any_text_survives_every_format(title: str, quote: str, outlet: str) -> None:
    src = SourceRef("ab12", "p.txt", outlet or None, "2015-11-20", quote, "Friday")
    e = Entry("x1", "2015-11-20", "2015-11-20", "2015-11-20", Granularity.DAY, title, (src,))
    for fmt in FORMATS:
        assert isinstance(render([e], fmt, width=80), str)
    assert entry_from_dict(json.loads(render([e], "jsonl"))) == e
    row = dict(zip(COLUMNS, _csv_rows(render([e], "csv"))[1], strict=True))
    assert row["quotes"].lstrip("'") == clean_text(quote).lstrip("'")
    assert not row["title"].startswith(("=", "+", "-", "@"))
    page = _parse_html(render([e], "html"))
    assert [t for t, _ in page.tags].count("script") == 0
    assert [t for t, _ in page.tags].count("h3") == 1
    icalendar = pytest.importorskip("icalendar")
    (ev,) = icalendar.Calendar.from_ical(render([e], "ics")).walk("VEVENT")
    assert str(ev["SUMMARY"]) == _ICS_CTL.sub("", _ICS_NL.sub("\n", title))


_ICS_CTL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ICS_NL = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
