"""Pure: when was an article published? A cascade of strategies, most reliable first.

option -> metadata (front matter / header lines) -> file name -> dateline and
lead of the text. Every candidate passes the same plausibility check before it
is accepted, and the result says which strategy fired and on what words. No
strategy looks at the clock or the file's mtime: an article that states no
date is undated (None), and a later cross-source step may date it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from newsline.models import Cleaned, PubDate, PublishedHow

MIN_YEAR = 1800

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5,
    "saturday": 5, "sun": 6, "sunday": 6,
}

_MON = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![A-Za-z])")
_WD = (r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|"
       r"thu(?:rs?)?|fri|sat|sun)\.?(?![A-Za-z])")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?i:st|nd|rd|th)?(?![\d:])"
_YR = r"(?:1[89]\d\d|20\d\d)(?!\d)"
_MD = rf"(?:{_MON}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MON})"
_MDY = rf"(?:{_MON}\s+{_DAY},?\s+{_YR}|{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YR}|{_YR}-[01]\d-[0-3]\d)"
_AGENCY = r"(?:\s*\([^()\n]{1,30}\))?"
_DASH = r"\s*(?:--|[-–—:|])"
_CITY = r"(?:[A-Z][^\n,]{0,40}(?:,[^\n,]{1,30})?,?\s+)?"

_MDY_RX = re.compile(_MDY)
# "LONDON, 13 November 2015 -", "WASHINGTON, Nov. 13, 2015 (AP) --", "Nov. 13, 2015 -"
_DATELINE_FULL = re.compile(rf"^{_CITY}{_AGENCY}\s*(?P<d>(?:{_WD},?\s+)?{_MDY}){_AGENCY}{_DASH}",
                            re.M)
# "MOSCOW, Nov 13 (Reuters) -": no year
_DATELINE_MD = re.compile(rf"^{_CITY}{_AGENCY}\s*(?P<d>(?:{_WD},?\s+)?{_MD}){_AGENCY}{_DASH}",
                          re.M)
# "said Friday, November 13" / "on Friday (Nov 13)" / "Friday 13 November 2015"
_WEEKDAY_DATE = re.compile(
    rf"(?P<d>{_WD},?\s+(?:the\s+)?\(?\s*{_MD}(?:,?\s+{_YR})?\s*\)?)(?![\d])")
# "Updated 13 November 2015", "Published on Nov 13, 2015"
_STAMP = re.compile(
    rf"(?i:(?P<k>updated|published|posted|first published)(?:\s+(?:on|at))?:?)\s+"
    rf"(?P<d>(?:{_WD},?\s+)?{_MDY})")
# "the ministry said on November 13, 2015"
_REPORTED = re.compile(
    rf"(?i:said|says|announced|reported|told\s+\w+|confirmed|stated|added)\s+(?:on\s+)?"
    rf"(?P<d>(?:{_WD},?\s+)?{_MDY})")
_YEAR_MENTION = re.compile(r"(?<![\d,.$€£/-])(1[89]\d\d|20\d\d)(?:s)?(?![\d%])")
# A year the text looks forward to ("will open in 2030", "by 2030") says nothing
# about when it was written; such years are left out of the floor.
_FUTURE_CUE = re.compile(
    r"(?i:\b(?:will|'ll|would|shall|expected|scheduled|due|aims? to|aiming|plans? (?:to|for)|"
    r"planned for|targets?|targeted|forecasts?|projected|next)\b|"
    r"\b(?:by|until|till|through|before|(?:the )?end of)\s+$)")
_FUTURE_AFTER = re.compile(r"(?i:\s*(?:-\d{2,4}\s+)?(?:budget|season|elections?|games|"
                           r"olympics|world cup|census|target|plan|deadline)\b)")
_FILE_DATE = re.compile(
    r"(?<![0-9A-Za-z])((?:18|19|20)\d\d)([-_.])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)"
    r"|(?<![0-9A-Fa-f])((?:18|19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![0-9A-Fa-f])")
_PATH_DATE = re.compile(r"(?:^|/)((?:18|19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)")


@dataclass(frozen=True)
class _Evidence:
    """What the rest of the article says, used to judge every candidate the same way."""

    floor_year: int | None  # latest year the text mentions as past or present
    updated: date | None  # publication cannot be after the last update


def find_pubdate(
    cleaned: Cleaned,
    *,
    path: str | None = None,
    published: str | None = None,
    published_how: PublishedHow = PublishedHow.OPTION,
) -> PubDate | None:
    """Publication date of an article, or None when nothing in it states one.

    ``published`` is the caller's option (``--published`` or a JSON lines
    field, ISO) and wins when it is a valid date; then front matter and header
    fields, the file name, and the dateline or lead of the text.
    """
    ev = _evidence(cleaned)
    for cand in _candidates(cleaned, path, published, published_how, ev):
        if cand is not None and _plausible(cand, ev):
            return cand
    return None


def _candidates(
    cleaned: Cleaned, path: str | None, published: str | None, how: PublishedHow,
    ev: _Evidence,
) -> Iterator[PubDate | None]:
    if published:
        d = parse_day(published)
        yield _pd(d, how, 1.0, f"published: {published}")
    for key, conf in (("published", 1.0), ("date", 0.95), ("updated", 0.7)):
        val = cleaned.meta.get(key)
        if val:
            yield _pd(parse_day(val), PublishedHow.METADATA, conf, _meta_line(cleaned, key, val))
    if path and path != "-":
        yield _from_path(path)
    yield from _from_text(cleaned.text, ev)


def _meta_line(cleaned: Cleaned, key: str, val: str) -> str:
    """The header or front-matter line a metadata value was read from, as written."""
    for r in cleaned.removed:
        if (r.reason == "front matter" or r.reason.startswith("header")) and val in r.text:
            return r.text.strip()
    return f"{key}: {val}"


def _pd(d: date | None, how: PublishedHow, conf: float, evidence: str) -> PubDate | None:
    if d is None:
        return None
    return PubDate(value=d.isoformat(), how=how, confidence=conf, evidence=evidence.strip())


def _plausible(cand: PubDate, ev: _Evidence) -> bool:
    """One check for every strategy: not before 1800, not after other evidence.

    Dates read from the text must also not be earlier than the latest year the
    article itself talks about (a written-out year may be one year earlier, as
    in "the 2016 budget" in late 2015); stated metadata is trusted on that point.
    """
    d = date.fromisoformat(cand.value)
    if d.year < MIN_YEAR:
        return False
    if ev.updated is not None and d > ev.updated:
        return False
    if cand.how in (PublishedHow.DATELINE, PublishedHow.TEXT) and ev.floor_year is not None:
        if str(d.year) in cand.evidence:  # a year written out: allow next year's budget
            return d.year >= ev.floor_year - 1
        return d.year >= ev.floor_year
    return True


# ---------------------------------------------------------------- parsing

def parse_day(s: str) -> date | None:
    """A full calendar day (year, month and day all stated) from a date string, else None.

    dateutil fills missing fields from its ``default``; parsing with two
    different defaults shows which fields the string really had, and never
    lets the clock leak in.
    """
    s = s.strip()
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])", s)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(_MDY_RX, s)
    if m:  # month named: read it ourselves, dateutil trips on "10.32 GMT" after it
        y, mo, d, _ = _parts(m.group(0))
        if y is not None and mo is not None and d is not None:
            return _day(y, mo, d)
    m = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)", s)
    if m:  # dotted numeric dates are day-first wherever they are written
        return _day(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    try:
        from dateutil import parser

        a = parser.parse(s, fuzzy=True, ignoretz=True, default=datetime(1904, 1, 1))
        b = parser.parse(s, fuzzy=True, ignoretz=True, default=datetime(1908, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None
    return _day(a.year, a.month, a.day)


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _parts(words: str) -> tuple[int | None, int | None, int | None, int | None]:
    """(year, month, day, weekday) named in a short date phrase."""
    iso = re.search(r"(\d{4})-(\d{2})-(\d{2})", words)
    if iso:
        return int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), _weekday_of(words)
    month = None
    for w in re.findall(r"[A-Za-z]+", words):
        if w.lower() in _MONTHS:
            month = _MONTHS[w.lower()]
    nums = [int(n) for n in re.findall(r"\d+", words)]
    year = next((n for n in nums if n >= 1000), None)
    day = next((n for n in nums if 1 <= n <= 31), None)
    return year, month, day, _weekday_of(words)


def _weekday_of(words: str) -> int | None:
    for w in re.findall(r"[A-Za-z]+", words):
        if w.lower() in _WEEKDAYS and w.lower() not in _MONTHS:
            return _WEEKDAYS[w.lower()]
    return None


def _year_for(month: int, day: int, weekday: int, floor: int) -> int | None:
    """The nearest year from ``floor`` on in which month/day falls on ``weekday``."""
    for y in range(floor, floor + 29):
        d = _day(y, month, day)
        if d is not None and d.weekday() == weekday:
            return y
    return None


# ---------------------------------------------------------------- strategies

def _from_path(path: str) -> PubDate | None:
    norm = path.replace(os.sep, "/")
    name = norm.rsplit("/", 1)[-1]
    m = _FILE_DATE.search(name)
    if m:
        g = [x for x in m.groups() if x is not None and x not in "-_."]
        return _pd(_day(int(g[0]), int(g[1]), int(g[2])), PublishedHow.FILENAME, 0.9, name)
    m = _PATH_DATE.search(norm)
    if m:
        return _pd(_day(int(m.group(1)), int(m.group(2)), int(m.group(3))),
                   PublishedHow.FILENAME, 0.8, m.group(0).strip("/"))
    return None


def _lead(text: str) -> str:
    """The first paragraphs after the headline, where datelines live."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    if len(paras) > 1 and "\n" not in paras[0] and not paras[0].rstrip().endswith((".", '"')):
        lead_paras = paras[1:4]  # the first paragraph is the headline
        head = paras[0]
    else:
        lead_paras, head = paras[:3], ""
    return "\n\n".join(([head] if head else []) + lead_paras)[:2000]


def _from_text(text: str, ev: _Evidence) -> Iterator[PubDate | None]:
    lead = _lead(text)
    m = _DATELINE_FULL.search(lead)
    if m:
        yield _full(m.group("d"), PublishedHow.DATELINE, 0.95)
    m = _STAMP.search(lead)
    if m:
        conf = 0.7 if m.group("k").lower() == "updated" else 0.9
        yield _full(m.group("d"), PublishedHow.DATELINE, conf)
    for m in _WEEKDAY_DATE.finditer(lead):
        yield _weekday_dated(m.group("d"), ev)
    m = _DATELINE_MD.search(lead)
    if m:
        yield _yearless(m.group("d"), ev)
    m = _REPORTED.search(lead)
    if m:
        yield _full(m.group("d"), PublishedHow.TEXT, 0.6)


def _full(words: str, how: PublishedHow, conf: float) -> PubDate | None:
    y, mo, d, wd = _parts(words)
    if y is None or mo is None or d is None:
        return None
    day = _day(y, mo, d)
    if day is None or (wd is not None and day.weekday() != wd):
        return None  # a weekday that contradicts the date: a typo we cannot settle
    return _pd(day, how, conf, words)


def _weekday_dated(words: str, ev: _Evidence) -> PubDate | None:
    y, mo, d, wd = _parts(words)
    if y is not None:
        return _full(words, PublishedHow.DATELINE, 0.95)
    if mo is None or d is None or wd is None or ev.floor_year is None:
        return None
    year = _year_for(mo, d, wd, ev.floor_year)
    if year is None:
        return None
    return _pd(_day(year, mo, d), PublishedHow.DATELINE, 0.8, words)


def _yearless(words: str, ev: _Evidence) -> PubDate | None:
    y, mo, d, wd = _parts(words)
    if mo is None or d is None:
        return None
    if wd is not None:
        return _weekday_dated(words, ev)
    if ev.floor_year is None:
        return None
    return _pd(_day(ev.floor_year, mo, d), PublishedHow.DATELINE, 0.5, words)


def _evidence(cleaned: Cleaned) -> _Evidence:
    years = []
    text = cleaned.text
    for m in _YEAR_MENTION.finditer(text):
        before = re.split(r"[.;!?\n]", text[max(0, m.start() - 40):m.start()])[-1]
        if _FUTURE_CUE.search(before) or _FUTURE_AFTER.match(text, m.end()):
            continue
        years.append(int(m.group(1)))
    upd = cleaned.meta.get("updated")
    return _Evidence(floor_year=max(years) if years else None,
                     updated=parse_day(upd) if upd else None)
