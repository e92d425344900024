"""Table-driven date-expression cases: tests/data/timex_cases.tsv against the date engine.

Each row names a sentence, the exact words expected as one temporal expression,
the anchor (publication date) and the TimeML type and value. Negative rows
(type and value ``-``) name words that must not be taken for a date. The table
is data so that new cases need no code; this module only loads and checks it.

The engine must not depend on the clock or the machine's time zone, so a sample
of the table is also run in subprocesses under two extreme zones and compared.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsline.temporal.timex import granularity_of, value_span

TABLE = Path(__file__).parent / "data" / "timex_cases.tsv"
COLUMNS = ["family", "sentence", "expression", "anchor", "type", "value"]
TYPES = {"DATE", "TIME", "DURATION", "SET"}

# Every family issue 3 asks for must keep at least one row.
REQUIRED_FAMILIES = {
    "absolute",
    "absolute_noyear",
    "absolute_weekday",
    "month",
    "year",
    "decade",
    "century",
    "quarter",
    "season",
    "fiscal",
    "modified",
    "weekday_past",
    "weekday_future",
    "weekday_last_next",
    "deictic",
    "this_last_next",
    "later_earlier",
    "ago",
    "offset",
    "duration",
    "duration_relative",
    "narrative",
    "set",
    "time",
    "part_of_day",
    "ref",
    "negative_word",
    "negative_number",
}

# TimeML values as newsline emits them: calendar values (day, month, week, weekend,
# quarter, half, season, year, decade, century) with an optional time or part of
# day, X-placeholders for sets, durations, and the three *_REF values.
_TIME = r"(?:T(?:\d{2}:\d{2}(?::\d{2})?|MO|AF|EV|NI|DT))?"
_CAL = (
    r"(?:\d{4}|XXXX)"
    r"(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:[1-7]|WE))?"
    r"|-Q[1-4X]|-H[12]|-(?:SP|SU|FA|WI))?"
)
_DUR_UNITS = r"(?:(?:\d+(?:\.\d+)?|X)[YMWDQECL])*(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?"
TIMEML_VALUE = re.compile(
    rf"^(?:{_CAL}{_TIME}|\d{{3}}|\d{{2}}|P(?=[\dXT]){_DUR_UNITS}"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF)$"
)


@dataclass(frozen=True)
class Case:
    """One row of the table, with the character span of its expression."""

    line: int
    family: str
    sentence: str
    expression: str
    anchor: str
    type: str
    value: str
    start: int
    end: int

    @property
    def negative(self) -> bool:
        return self.type == "-"

    @property
    def id(self) -> str:
        return f"{self.family}-L{self.line}"


def _whole_word(expression: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(expression)}(?!\w)")


def locate(sentence: str, expression: str) -> tuple[int, int]:
    """Span of the first whole-word occurrence of ``expression`` (case-sensitive).

    Whole words, so that "may" is found as the verb and not inside "mayor".
    Falls back to a plain substring search; (-1, -1) when absent.
    """
    m = _whole_word(expression).search(sentence)
    if m:
        return m.start(), m.end()
    i = sentence.find(expression)
    return (i, i + len(expression)) if i >= 0 else (-1, -1)


def load_cases(path: Path = TABLE) -> list[Case]:
    """Read the TSV: a header line, '#' comments and blank lines allowed."""
    cases: list[Case] = []
    header_seen = False
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if not header_seen:
            assert fields == COLUMNS, f"line {lineno}: header must be {COLUMNS}, got {fields}"
            header_seen = True
            continue
        assert len(fields) == len(COLUMNS), f"line {lineno}: {len(fields)} columns: {raw!r}"
        family, sentence, expression, anchor, typ, value = fields
        start, end = locate(sentence, expression)
        cases.append(Case(lineno, family, sentence, expression, anchor, typ, value, start, end))
    return cases


CASES = load_cases()
POSITIVE = [c for c in CASES if not c.negative]
NEGATIVE = [c for c in CASES if c.negative]


def _engine() -> Callable[..., Any] | None:
    try:
        from newsline import temporal
    except ImportError:
        return None
    return getattr(temporal, "extract", None)


@pytest.fixture(scope="module")
def extract() -> Callable[..., Any]:
    fn = _engine()
    if fn is None:
        pytest.skip("newsline.temporal.extract does not exist yet")
    return fn


def _kind(t: Any) -> str:
    return str(getattr(t.type, "value", t.type))


def _show(found: list[Any]) -> str:
    return (
        "; ".join(
            f"[{t.start}:{t.end}] {t.text!r} {_kind(t)} {t.value} (rule={t.rule}, cue={t.cue})"
            for t in found
        )
        or "nothing"
    )


# ---------------------------------------------------------------- the table itself


def test_table_is_large_and_covers_every_family() -> None:
    assert len(CASES) >= 300
    families = {c.family for c in CASES}
    assert REQUIRED_FAMILIES <= families, f"missing: {REQUIRED_FAMILIES - families}"
    assert families <= REQUIRED_FAMILIES, f"undeclared: {families - REQUIRED_FAMILIES}"
    assert len(NEGATIVE) >= 50


def test_rows_are_unique() -> None:
    keys = [(c.sentence, c.expression, c.anchor) for c in CASES]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_row_is_well_formed(case: Case) -> None:
    assert case.start >= 0, "expression is not a substring of the sentence"
    assert case.sentence[case.start : case.end] == case.expression
    hits = _whole_word(case.expression).findall(case.sentence)
    assert len(hits) == 1, "expression must occur exactly once as a whole word"
    assert case.expression == case.expression.strip() and case.expression
    date.fromisoformat(case.anchor)
    if case.negative:
        assert case.value == "-", "negative rows have '-' in both type and value"
        assert case.family.startswith("negative")
        return
    assert not case.family.startswith("negative")
    assert case.type in TYPES
    assert TIMEML_VALUE.match(case.value), f"not a TimeML value: {case.value!r}"
    if case.value[0].isdigit():
        assert value_span(case.value) is not None, f"not on the calendar: {case.value!r}"
    if clock_time := re.search(r"T(\d{2}):(\d{2})$", case.value):
        hh, mm = int(clock_time[1]), int(clock_time[2])
        assert (hh < 24 or (hh, mm) == (24, 0)) and mm < 60  # T24:00: midnight ending a day
    clock = re.search(r"T(?:\d|MO|AF|EV|NI|DT)", case.value) is not None
    if case.type in ("DATE", "TIME"):
        assert clock == (case.type == "TIME"), "TIME exactly when the value carries a time"
    if case.type == "DURATION":
        assert case.value.startswith("P")


# ---------------------------------------------------------------- against the engine


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c.id)
def test_expression_resolves(case: Case, extract: Callable[..., Any]) -> None:
    found = list(extract(case.sentence, date.fromisoformat(case.anchor)))
    same_span = [t for t in found if (t.start, t.end) == (case.start, case.end)]
    want = f"{case.expression!r} {case.type} {case.value} (anchor {case.anchor})"
    assert same_span, f"no timex with the span of {want}; found {_show(found)}"
    t = same_span[0]
    assert t.text == case.expression
    assert (_kind(t), t.value) == (case.type, case.value), f"want {want}; found {_show(found)}"
    # Granularity is kept and agrees with the value (None for durations, sets, *_REF).
    assert t.granularity == granularity_of(case.value), f"granularity {t.granularity} for {want}"


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c.id)
def test_not_a_date(case: Case, extract: Callable[..., Any]) -> None:
    found = list(extract(case.sentence, date.fromisoformat(case.anchor)))
    overlapping = [t for t in found if t.start < case.end and t.end > case.start]
    assert not overlapping, f"{case.expression!r} is not a date; found {_show(overlapping)}"


def test_anchor_as_iso_string_or_date_is_the_same(extract: Callable[..., Any]) -> None:
    # The CLI and the batch mode hand the anchor over as text, the pipeline as a date.
    for case in CASES[::2]:
        as_date = extract(case.sentence, date.fromisoformat(case.anchor))
        as_text = extract(case.sentence, case.anchor)
        assert as_date == as_text, f"{case.id}: {case.sentence!r}"


# ---------------------------------------------------------------- clock and zone independence

# Kiritimati is UTC+14 and Adak UTC-10/-9: at any instant they are a calendar day apart,
# so an engine that looks at the clock or the local zone gives itself away. POSIX
# strings stand in when the system has no zone database.
ODD_ZONES = {
    "Pacific/Kiritimati": "LINT-14",
    "America/Adak": "HST10HDT,M3.2.0,M11.1.0",
}

_RUNNER = r"""
import datetime as dt, json, sys, time
from datetime import date
from newsline.temporal import extract

# Record every read of the clock made while extracting: the anchor is an argument.
ANYWHERE = {"today": (dt.date, dt.datetime), "now": (dt.datetime,), "utcnow": (dt.datetime,)}
FROM_NEWSLINE = {"time": (time,), "localtime": (time,), "gmtime": (time,), "ctime": (time,)}
clock_reads = []

def watch(frame, event, arg):
    if event != "c_call":
        return
    owner, name = getattr(arg, "__self__", None), getattr(arg, "__name__", "")
    where = frame.f_code.co_filename
    if any(owner is o for o in ANYWHERE.get(name, ())) or (
            "newsline" in where and any(owner is o for o in FROM_NEWSLINE.get(name, ()))):
        clock_reads.append(f"{name}() from {where}:{frame.f_lineno}")

rows = json.load(sys.stdin)
out = []
sys.setprofile(watch)
for sentence, anchor in rows:
    found = extract(sentence, date.fromisoformat(anchor))
    out.append([[t.start, t.end, t.text, str(getattr(t.type, "value", t.type)), t.value,
                 None if t.granularity is None else str(getattr(t.granularity, "value",
                 t.granularity)), t.rule, t.cue, t.anchor] for t in found])
sys.setprofile(None)
print(json.dumps({"offset": time.localtime().tm_gmtoff, "results": out,
                  "clock_reads": sorted(set(clock_reads))}))
"""


def _zone(name: str) -> str:
    zoneinfo = Path("/usr/share/zoneinfo") / name
    return name if zoneinfo.exists() else ODD_ZONES[name]


def _run_in_zone(rows: list[tuple[str, str]], tz: str | None) -> dict[str, Any]:
    env = dict(os.environ)
    if tz is None:
        env.pop("TZ", None)
    else:
        env["TZ"] = tz
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER],
        input=json.dumps(rows),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


@pytest.fixture(scope="module")
def zone_runs(extract: Callable[..., Any]) -> dict[str, dict[str, Any]]:
    """Every third row (all families) extracted in the default zone and in each odd one."""
    rows = [(c.sentence, c.anchor) for c in CASES[::3]]
    runs = {"default": _run_in_zone(rows, None)}
    for name in ODD_ZONES:
        runs[name] = _run_in_zone(rows, _zone(name))
    for run in runs.values():
        run["rows"] = rows
    return runs


def test_results_do_not_depend_on_time_zone(zone_runs: dict[str, dict[str, Any]]) -> None:
    baseline = zone_runs["default"]
    for name in ODD_ZONES:
        other = zone_runs[name]
        pairs = zip(baseline["rows"], baseline["results"], other["results"], strict=True)
        for (sentence, anchor), a, b in pairs:
            assert a == b, f"TZ={name} changes {sentence!r} (anchor {anchor}): {a} != {b}"
    offsets = {run["offset"] for run in zone_runs.values()}
    assert len(offsets) >= 2, "the odd zones did not take effect in the subprocesses"


def test_extraction_never_reads_the_clock(zone_runs: dict[str, dict[str, Any]]) -> None:
    # dateutil's parser, for one, fills missing fields from datetime.now() unless given default=.
    assert zone_runs["default"]["clock_reads"] == []
