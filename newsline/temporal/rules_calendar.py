"""Rule handlers for calendar dates named outright.

Full and numeric dates, months, years, decades, centuries, seasons and fixed
holidays. A missing year comes from the anchor and the tense around the
expression; a bare number must look like a year and not a count or a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from newsline.models import TimexType
from newsline.temporal import lexicon as lx
from newsline.temporal import parsing as pa
from newsline.temporal import patterns as pt
from newsline.temporal import resolve as rs
from newsline.temporal.parsing import (
    _NAME_AFTER,
    _in_name,
    _low,
    _month_of,
    _prev_word,
    _season_value,
    _weekday_of,
    _year_of,
)
from newsline.temporal.state import _Res, _State, ref_nearby

_PERIOD_TO = re.compile(r"(?i)\b((?:months?|weeks?|year|quarter|half|half-year|period)\s+"
                        r"(?:to|through))\s+$")
_MONTH_ADJUNCT_PREPS = frozenset({"in", "by", "until", "till", "through", "before", "during",
                                  "for", "from", "throughout"})
_DAY_ADJUNCT_PREPS = _MONTH_ADJUNCT_PREPS | {"on"}
_MONTH_JOINED = re.compile(r"[ \t]+(?:and|or|to|through)[ \t]+" + pt.MONTH_FULL)
_PREPS_FOR_AMBIGUOUS_MONTH = frozenset({
    "in", "since", "until", "till", "by", "of", "from", "through", "to", "before", "after",
    "during", "early", "late", "mid", "last", "next", "this", "and", "or", "between",
    "each", "every", "on", "throughout", "for",
})


def _h_iso(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    if "-" in s:
        y, mo, d = int(s[:4]), int(s[5:7]), int(s[8:10])
        dd = rs.safe_date(y, mo, d)
        if dd is None:
            return None
        if "T" in s:
            return _Res(TimexType.TIME, s[:16])
        return _Res(TimexType.DATE, rs.day(dd))
    if "." in s:
        d_, mo_, y_ = s.split(".")
        dd = rs.safe_date(int(y_), int(mo_), int(d_))
        return _Res(TimexType.DATE, rs.day(dd)) if dd else None
    a, b, c = s.split("/")
    if len(a) == 4:
        dd = rs.safe_date(int(a), int(b), int(c))
        return _Res(TimexType.DATE, rs.day(dd)) if dd else None
    y = int(c)
    if len(c) == 2:
        y += 1900 if y > 40 else 2000
    # month first as in US copy, unless the first number cannot be a month (23/11/2015)
    mo_first = int(a) <= 12
    dd = rs.safe_date(y, int(a), int(b)) if mo_first else rs.safe_date(y, int(b), int(a))
    if dd is None:
        return None
    return _Res(TimexType.DATE, rs.day(dd))


def _h_weekof(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """"the week of March 6": the (ISO) week holding that day."""
    s = m.group(0)
    mm = pt.MONTH_RE.search(s)
    if mm is None:
        return None
    res = _h_full(pt.RULES["full"].match(text, m.start() + mm.start()) or m, text, st)
    if res is None or not re.match(r"^\d{4}-\d\d-\d\d$", res.value):
        return None
    day, cue = date.fromisoformat(res.value), res.cue
    if cue is None and st.anchor is not None and not pt.YEAR4_RE.search(s):
        # the clause's tense reaches the day past "the week of" ("will start on the
        # weekend of August 9")
        tense, cue = rs.tense_cue(text, m.start(), m.end(), max_words=4)
        fixed = rs.safe_date(rs.year_for_month_day(st.anchor, day.month, day.day, tense),
                             day.month, day.day)
        day = fixed or day
    weekend = "-WE" if re.match(r"(?i)the\s+weekend", s) else ""
    return _Res(TimexType.DATE, rs.week(day) + weekend, cue=cue)


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}


def _h_nthwd(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """ "the first Monday in May": that weekday of the month, in the year the tense points to."""
    words = m.group(0).split()
    if words[-1].lower() == "month":
        # "the first Tuesday of every month": a SET that recurs monthly (as "every month")
        return _Res(TimexType.SET, "P1M") if _weekday_of(words[2]) else None
    n = _NTH[words[1].lower()]
    wd = _weekday_of(words[2])
    mo = _month_of(words[4])
    if wd is None or mo is None:
        return None

    def on(y: int) -> date | None:
        if n < 0:
            return rs.last_weekday(y, mo, wd)
        d = rs.nth_weekday(y, mo, wd, n)
        return d if d.month == mo else None  # no fifth Monday in that month

    yr = pt.YEAR4_RE.search(m.group(0))
    cue = None
    if yr:
        y = int(yr.group(1))
    elif st.anchor is None:
        return _Res(TimexType.DATE, f"XXXX-{mo:02d}")
    else:
        tense, cue = rs.tense_cue(text, m.start(), m.end())
        here = on(st.anchor.year) or date(st.anchor.year, mo, 28)
        y = rs.year_for_month_day(st.anchor, mo, here.day, tense)
    d = on(y)
    if d is None:
        # "the fifth Monday in February" of a year with four: no such day, and no bare
        # "Monday" either; only the month (and year) the words name
        return _Res(TimexType.DATE, rs.month(y, mo), cue=cue,
                    start_trim=m.group(0).index(words[4]))
    return _Res(TimexType.DATE, rs.day(d), cue=cue)


_REL_YEAR_AFTER = re.compile(r",?[ \t]+(?i:(last|this|next))[ \t]+(?i:year)\b(?!['\u2019])")


def _day_in(s: str) -> tuple[int, int] | None:
    """(day of the month, end) in digits or spoken words ("23rd", "twenty-third")."""
    dm = pt.DAYNUM_RE.search(s)
    if dm is not None:
        return int(dm.group(1)), dm.end()
    wm = pt.DAY_WORD_RE.search(s)
    if wm is not None:
        return lx.DAY_ORDINALS[re.sub(r"[\s-]+", "-", wm.group(0).lower())], wm.end()
    return None


def _h_full(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    mm = pt.MONTH_RE.search(s)
    if not mm:
        return None
    if not pt.YEAR4_RE.search(s) and _names_group(text, m.start(), m.end()):
        return None  # "the March 14 alliance", "the group November 17": names
    mo = lx.MONTHS[mm.group(0).rstrip(".").lower()]
    head = s[:mm.start()]
    tail = s[mm.end():]
    wd = _weekday_of(head) if head else None
    body_head = pt.WEEKDAY_RE.sub("", head, count=1) if wd else head
    day = _day_in(body_head)
    if day is not None:
        d, year_src = day[0], tail
    else:
        day = _day_in(tail)
        if day is None:
            return None
        d, year_src = day[0], tail[day[1]:]
    y = _year_of(year_src)
    cue = None
    if y is None:
        if st.anchor is None:
            return _Res(TimexType.DATE, f"XXXX-{mo:02d}-{d:02d}")
        rel_year = _REL_YEAR_AFTER.match(text, m.end())
        if rel_year:  # "Jan. 1 last year": the year the words name
            y = st.anchor.year + {"last": -1, "this": 0, "next": 1}[rel_year.group(1).lower()]
            cue = rel_year.group(0).strip()
        elif wd:
            y = rs.year_for_weekday_date(st.anchor, mo, d, wd)
        elif _ATTRIBUTIVE_IN_PHRASE.search(text, max(0, m.start() - 30), m.start()) and \
                _NOUN_AFTER.match(text, m.end()):
            # "relatives of those killed in the Oct. 7 attacks will rally": a date naming a
            # thing inside a phrase lies where it is nearest; the main verb is not its tense
            y = rs.year_for_month_day(st.anchor, mo, d, None)
        else:
            tense, cue = rs.tense_cue(text, m.start(), m.end(), max_words=4)
            if tense is None and _prev_word(text, m.start()) in _DAY_ADJUNCT_PREPS:
                # as for a bare month: a future modal governs the clause's date adjuncts
                # ("would leave on Mondays, with the third flight departing from August 6")
                far, far_cue = rs.tense_cue(text, m.start(), m.end())
                if far == rs.FUTURE:
                    tense, cue = far, far_cue
            y = _story_year(st, text, m.start(), mo, tense) or rs.year_for_month_day(
                st.anchor, mo, d, tense)
    dd = rs.safe_date(y, mo, d)
    if dd is None:
        return None
    return _Res(TimexType.DATE, rs.day(dd), cue=cue)


def _h_monthyear(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    mo = _month_of(s)
    if mo is None:
        return None
    y = _year_of(s[pt.MONTH_RE.search(s).end():])  # type: ignore[union-attr]
    if y is None:
        low = s.lower()
        if st.anchor is None:
            return _Res(TimexType.DATE, f"XXXX-{mo:02d}")
        y = st.anchor.year + (-1 if "last year" in low else 1 if "next year" in low else 0)
    return _Res(TimexType.DATE, rs.month(y, mo))


_AGE_BEFORE = re.compile(r"\b(?:her|his|their|my|your|our|its|early|late|mid)[\s-]+$", re.I)


def _h_decade(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    if _AGE_BEFORE.search(text, max(0, m.start() - 12), m.start()) and not low.startswith("the"):
        return None  # "retired in her thirties": an age, not a decade
    if low.endswith("noughties"):
        return _Res(TimexType.DATE, "200")  # the 2000s
    if "roaring" in low:
        return _Res(TimexType.DATE, "192")  # the 1920s, by name
    wm = re.search(r"(nineteen[\s-]+)?(twenties|thirties|forties|fifties|sixties|seventies|"
                   r"eighties|nineties)$", low)
    if wm:
        digit = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                 "eighties", "nineties"].index(wm.group(2)) + 2
        cent = 19 if (wm.group(1) or not st.anchor) else st.anchor.year // 100
        if not wm.group(1) and st.anchor and digit * 10 > st.anchor.year % 100:
            cent -= 1
        return _Res(TimexType.DATE, f"{cent}{digit}")
    dm = re.search(r"(1[0-9]|20|['\u2019])?(\d)0(?:['\u2019]s|s)$", low)
    if dm is None:
        return None
    head = dm.group(1)
    if head is None:
        return None  # "in their 20s": ages, not a decade
    if head in ("'", "\u2019"):
        base = st.anchor.year // 100 if st.anchor else 19
        if st.anchor and int(dm.group(2)) * 10 > st.anchor.year % 100:
            base -= 1
        head = str(base)
    elif dm.group(2) == "0" and head != "20":
        return _Res(TimexType.DATE, head)  # "the 1800s" is the 19th century (value 18)
    return _Res(TimexType.DATE, f"{head}{dm.group(2)}")


def _h_century(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    om = re.search(r"(\d{1,2})(?:st|nd|rd|th)", low)
    if om:
        n = int(om.group(1))
    else:
        n = 0
        for w, k in lx.ORDINALS.items():
            if not w[0].isdigit() and re.search(r"\b" + w + r"\b", low) and w not in (
                    "last", "final"):
                n = max(n, k)
        if "twenty-first" in low:
            n = 21
        if n == 0:
            if st.anchor is None:
                return _Res(TimexType.DATE, "XX")
            c = st.anchor.year // 100
            if re.search(r"\b(?:last|past)\b", low):
                c -= 1
            elif "next" in low:
                c += 1
            return _Res(TimexType.DATE, f"{c:02d}")
    return _Res(TimexType.DATE, f"{n - 1:02d}")


def _h_season(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    sm = pt.SEASON_RE.search(m.group(0))
    if sm is None:
        return None
    if sm.group(0)[0].isupper() and _NAME_AFTER.match(text, m.end()):
        return None  # "the Summer Palace"
    code = lx.SEASONS[sm.group(0).lower()]
    y = _year_of(m.group(0)[sm.end():])
    if y is not None:
        span = re.search(r"\d{4}(?=[-–/]\d\d$)", m.group(0))
        if span and year_range_end(text, m.start() + span.end(), y) is None:
            return None  # "the winter of 2010-13": no season spans that
        return _Res(TimexType.DATE, f"{y:04d}-{code}")
    restated = pa.YEAR_BEFORE_COMMA.search(text, max(0, m.start() - 8), m.start())
    if restated and low.startswith("the "):  # "killed in 2006, the summer she turned 13"
        return _Res(TimexType.DATE, f"{restated.group(1)}-{code}", remember=False)
    if st.anchor is None:
        return _Res(TimexType.DATE, f"XXXX-{code}")
    of_year = _OF_NAMED_YEAR.search(low)
    if of_year:  # "the spring of next year": the season of the year the anchor names
        y = st.anchor.year + {"next": 1, "last": -1, "this": 0}[of_year.group(1)]
        return _Res(TimexType.DATE, f"{y:04d}-{code}")
    n = 0
    if re.search(r"\b(?:last|this past)\b", low):
        n = -1
    elif "next" in low:
        n = 1
    elif low.startswith("the ") or " the " in low:
        # "the winter": the one under way or nearest, moved by the tense when it
        # lies on the wrong side ("slumped over the winter" in late February is the
        # winter now ending, "will reopen in the summer" in October the next one)
        tense, cue = rs.tense_cue(text, m.start(), m.end())
        story = _story_year(st, text, m.start(), lx.SEASON_FIRST_MONTH[code], tense)
        if story is not None:  # "took up the game in 1948 ... By the summer he had won"
            return _Res(TimexType.DATE, f"{story:04d}-{code}", cue=cue, anchor=st.ref)
        a = st.anchor
        value = _season_value(a, code, 0)
        y = int(value[:4])
        first = date(y, lx.SEASON_FIRST_MONTH[code], 1)
        last_month = (y + 1, 2) if code == "WI" else (y, lx.SEASON_FIRST_MONTH[code] + 2)
        if tense == rs.PAST and first > a:
            value = _season_value(a, code, -1)
        elif tense == rs.FUTURE and last_month < (a.year, a.month):
            value = _season_value(a, code, 1)
        return _Res(TimexType.DATE, value, cue=cue)
    return _Res(TimexType.DATE, _season_value(st.anchor, code, n))


_OF_NAMED_YEAR = re.compile(r"\bof\s+(next|last|this)\s+year$")


# "Christmas Island"; "the Easter Rising", "the Tet Offensive": a place or an event's name
_PLACE_AFTER = re.compile(r"\s+(?:" + "|".join(w.capitalize() for w in lx.HOLIDAY_NAME_FOLLOWERS)
                          + r")\b")
_GROUP_AFTER = re.compile(r"[ \t]+(?i:" + "|".join(sorted(lx.DATE_NAMED_GROUPS)) + r")\b")
_GROUP_BEFORE = re.compile(r"\b(?i:" + "|".join(sorted(lx.DATE_NAMED_GROUPS)) + r")[ \t]+$")
_DAY_AFTER = re.compile(r"[ \t]+\d{1,2}\b")


def _names_group(text: str, start: int, end: int) -> bool:
    """A month and day that name a group: "the March 14 alliance", "the group November 17"."""
    day = _DAY_AFTER.match(text, end)
    return bool(_GROUP_AFTER.match(text, day.end() if day else end)
                or _GROUP_BEFORE.search(text, max(0, start - 16), start))


_NEXT_LOWER = re.compile(r"[ \t]+([a-z]+)\b")


def _h_holiday(m: re.Match[str], text: str, st: _State) -> _Res | None:
    if _PLACE_AFTER.match(text, m.end()) or pa.OPERATION_BEFORE.search(
            text, max(0, m.start() - 40), m.start()) or pa.in_personal_name(
            text, m.start(), m.end()):
        return None  # "Christmas Island", "Easter Island": places
    obj = _NEXT_LOWER.match(text, m.end())
    if obj and obj.group(1) in lx.HOLIDAY_OBJECTS:
        return None  # "an Easter egg", "Christmas tree growers": things, not days
    low = " ".join(_low(m).split())
    yr = re.search(r"\s(\d{4})$", low)
    if yr:
        low = low[:yr.start()]
    span = re.search(r"\s(week|weekend)$", low)  # "Easter week", "Thanksgiving weekend"
    if span:
        low = low[:span.start()]
    if st.anchor is None and yr is None:
        return None
    tense, cue = (None, None) if yr else rs.tense_cue(text, m.start(), m.end())
    if low.startswith(("last ", "next ")):
        tense = rs.PAST if low.startswith("last") else rs.FUTURE
        low = low.split(None, 1)[1]
        cue = m.group(0).split()[0]
    on = _holiday_date(low)
    if on is None:
        return None
    if yr:
        d = on(int(yr.group(1)))
    else:
        a = st.anchor
        assert a is not None
        here = on(a.year)
        # the year is chosen as for a year-less "December 25", then the feast recomputed
        d = on(rs.year_for_month_day(a, here.month, here.day, tense))
    if span:
        value = rs.week(d) + ("-WE" if span.group(1) == "weekend" else "")
        return _Res(TimexType.DATE, value, cue=cue)
    return _Res(TimexType.DATE, rs.day(d), cue=cue)


def _holiday_date(key: str) -> Callable[[int], date] | None:
    """Year -> date of a named holiday: fixed, nth weekday of a month, or Easter-based."""
    if key in lx.HOLIDAYS:
        mo, dd = lx.HOLIDAYS[key]
        return lambda y: date(y, mo, dd)
    if key in lx.WEEKDAY_HOLIDAYS:
        mo, wd, nth = lx.WEEKDAY_HOLIDAYS[key]
        if nth < 0:
            return lambda y: rs.last_weekday(y, mo, wd)
        return lambda y: rs.nth_weekday(y, mo, wd, nth)
    if key in lx.EASTER_HOLIDAYS:
        off = lx.EASTER_HOLIDAYS[key]
        return lambda y: rs.easter(y) + timedelta(days=off)
    if key in lx.OFFSET_HOLIDAYS:
        mo, wd, nth, later = lx.OFFSET_HOLIDAYS[key]
        return lambda y: rs.nth_weekday(y, mo, wd, nth) + timedelta(days=later)
    return None


def _h_monthday(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """ "on the 14th": that day of the anchor's month, or of the month the tense points to."""
    d = int(re.search(r"\d+", m.group(0)).group(0))  # type: ignore[union-attr]
    if st.anchor is None:
        return _Res(TimexType.DATE, f"XXXX-XX-{d:02d}")
    tense, cue = rs.tense_cue(text, m.start(), m.end())
    y, mo = st.anchor.year, st.anchor.month
    if tense == rs.PAST and d > st.anchor.day:
        y, mo = rs.add_months(y, mo, -1)
    elif tense == rs.FUTURE and d < st.anchor.day:
        y, mo = rs.add_months(y, mo, 1)
    day = rs.safe_date(y, mo, d)
    if day is None:
        return None
    return _Res(TimexType.DATE, rs.day(day), cue=cue)


_ADDRESS_AFTER = re.compile(
    r"\s+(?:block\b|(?:[A-Z][a-z]+\s+){1,3}(?:Avenue|Street|Road|Boulevard|Drive|Lane|Ave\.|"
    r"St\.|Rd\.|Blvd\.|Place|Court|Parkway|Highway)(?!\w))"
)


# a spelled number before a unit or a plural noun counts things; it names no year
_SPELLED_COUNT = re.compile(r"[\s-]+(?:" + pt.UNIT_ANY + r"\b|[a-z]+s\b)")


def _h_year(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    low = s.lower()
    y = _year_of(s)
    if y is None:
        return None
    if pt.YEAR4_RE.search(s) and not re.search(r"[a-z]", low.split(str(y))[0]):
        # a bare four-digit number: reject counts ("2000 troops") and addresses
        nxt = text[m.end():m.end() + 20]
        if _ADDRESS_AFTER.match(text, m.end()):
            return None  # "the 2000 block of", "1600 Pennsylvania Avenue": addresses
        if re.match(r"/\d", nxt):
            return None  # "reference 2015/118": a file number (spans and dates match first)
        if re.match(r"\s+(?:people|troops|soldiers|men|women|workers|jobs|shares|members|"
                    r"cars|units|employees|feet|meters|metres|miles|tons|points|votes|"
                    r"residents|students|police|acres|pounds|barrels|copies|homes|times|"
                    r"[a-z]+ (?:people|troops))\b", nxt):
            return None
        prev = text[max(0, m.start() - 12):m.start()]
        if re.search(r"(?:No\.|[Rr]oom|[Ss]uite|Flight|flight|Route|route|about|some|nearly|"
                     r"[Aa]partment|Apt\.|[Uu]nit|[Ss]ection|[Ff]orm|[Gg]ate|[Ee]xit|[Hh]ighway|"
                     r"Interstate|[Pp]latform|[Pp]ier|[Bb]uilding|[Pp]recinct|[Cc]hapter|[Pp]age|"
                     r"\$|#)\s*$", prev):
            return None
        if st.anchor is not None and y > st.anchor.year + 60 and \
                _prev_word(text, m.start()) not in _FAR_YEAR_PREPS:
            return None  # a count, unless a preposition of time says so ("by 2100")
        if _in_name(text, m) or _after_name(text, m.start()):
            return None  # "House Resolution 1776", "Orion 1980"
    if pt.SPELLED_YEAR_RE.fullmatch(s) and _SPELLED_COUNT.match(text, m.end()):
        return None  # "for more than two thousand years", "nineteen eighty people": a count
    for name, code in lx.SEASONS.items():
        if re.search(r"\b" + name + r"\b", low):
            return _Res(TimexType.DATE, f"{y:04d}-{code}")
    if re.search(r"\bfirst (?:half|two quarters)\b", low):
        return _Res(TimexType.DATE, f"{y:04d}-H1")
    if re.search(r"\b(?:second|last|latter|final) (?:half|two quarters)\b", low):
        return _Res(TimexType.DATE, f"{y:04d}-H2")
    return _Res(TimexType.DATE, f"{y:04d}")


_YEAR_RANGE_END = re.compile(r"([-–/])((?:1[89]|20)\d\d|\d\d)(?![\w/-])")


def year_range_end(text: str, pos: int, first: int) -> tuple[int, int, int] | None:
    """(start, end, year) of the end of a year span "2019-2021" / "2019-20" at ``pos``.

    Two digits must name the next year ("the 2019-20 season", "fiscal 1998-99"),
    four a later year within a century; anything else is not a span.
    """
    rm = _YEAR_RANGE_END.match(text, pos)
    if rm is None:
        return None
    tail = rm.group(2)
    if len(tail) == 2:
        last = first + 1
        if last % 100 != int(tail):
            return None
    else:
        last = int(tail)
        if not first < last <= first + 100:
            return None
    if rm.group(1) == "/" and last != first + 1:
        return None  # "the 2024/25 season", "2019/2020"; not "2015/16/17"
    return rm.start(2), rm.end(2), last


def _h_yearspan(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """ "2019-20": the first year; the driver adds the second from ``year_range_end``."""
    first = int(m.group(0)[:4])
    if year_range_end(text, m.start() + 4, first) is None:
        return None  # "2015-11", "1998-1994": not a span of years
    return _Res(TimexType.DATE, f"{first:04d}", end_trim=len(m.group(0)) - 4)


_NAME_WORD_BEFORE = re.compile(r"([A-Z][A-Za-z]+)[ \t]+$")
_YEAR_LEADS = frozenset(set(lx.MONTHS) | set(lx.SEASONS) | {
    "fiscal", "calendar", "mid", "early", "late", "since", "in", "by", "until", "from",
    "before", "after", "during", "through", "and", "or", "of", "to", "the", "year", "christmas",
    "easter", "summer", "spring", "winter", "autumn", "fall", "circa", "between"})


def _after_name(text: str, start: int) -> bool:
    """True when a capitalised non-date word (a name) stands right before a number."""
    nm = _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    if nm is None or nm.group(1).lower() in _YEAR_LEADS:
        return False
    lead = text[max(0, nm.start() - 3):nm.start()].rstrip()
    return bool(lead) and lead[-1] not in ".!?:;\"'`(\n\u201c\u2018-"


def _h_month(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    mm = pt.MONTH_RE.search(s)
    if mm is None:
        return None
    name = mm.group(0).rstrip(".").lower()
    mo = lx.MONTHS[name]
    if _names_group(text, m.start(), m.end()):
        return None  # "the March 23 Movement": a name (its day was refused by _h_full)
    if mm.start() == 0 and _NAME_AFTER.match(text, m.end()) and not re.match(
            r"[ \t]+(?:" + "|".join(w.capitalize() for w in lx.WEEKDAYS if len(w) > 5)
            + r")\b", text[m.end():m.end() + 12]):
        return None  # "April Moreno", "June Hartley": a first name
    if name in lx.AMBIGUOUS_MONTHS and mm.start() == 0:
        prev = _prev_word(text, m.start())
        if prev not in _PREPS_FOR_AMBIGUOUS_MONTH and not _MONTH_JOINED.match(text, m.end()):
            return None  # ("the May and June totals": a month beside another)
    if st.anchor is None:
        return _Res(TimexType.DATE, f"XXXX-{mo:02d}")
    if _prev_word(text, m.start()) in _NOUN_DETERMINERS and _NOUN_AFTER.match(text, m.end()):
        tense, cue = None, None  # "returns from its August recess": the month names a
        # thing, which the verb's tense does not place
    else:
        tense, cue = rs.tense_cue(text, m.start(), m.end(), max_words=4)
    period = _PERIOD_TO.search(text, max(0, m.start() - 40), m.start())
    if tense is None and period:
        # "inflation hit 2.4% in the 12 months to April": a period reported on ends in the
        # month named, which is over unless the clause looks ahead ("expects growth of 3%
        # in the year to June")
        far, far_cue = rs.tense_cue(text, m.start(), m.end())
        tense, cue = (far, far_cue) if far == rs.FUTURE else (rs.PAST, period.group(1))
    head = rs.coordinated_head(text, m.start())
    if tense is None and _prev_word(text, head[0] if head else m.start()) in _MONTH_ADJUNCT_PREPS:
        # a future modal governs every adjunct of its clause ("will double its flights
        # between A and B by August"), but not a month that modifies a noun ("will have
        # to explain a January warning"), nor a distant past verb, often a reporting verb
        far, far_cue = rs.tense_cue(text, m.start(), m.end())
        if far == rs.FUTURE:
            tense, cue = far, far_cue
        elif far == rs.PAST and _governing_past(far_cue or "", text, m.start()):
            # ... and so does a past perfect ("had agreed to repay the loan by March") or
            # the clause's own simple past ("published its annual report in March"), not a
            # verb of saying, whose month is the reported one's. It is named as the cue
            # only where it moves the month (elsewhere the month lay back already).
            if _month_year(st.anchor, mo, rs.PAST) != _month_year(st.anchor, mo, None):
                tense, cue = far, far_cue
    story = _story_year(st, text, m.start(), mo, tense)
    if story is not None:
        return _Res(TimexType.DATE, rs.month(story, mo), cue=cue, anchor=st.ref)
    return _Res(TimexType.DATE, rs.month(_month_year(st.anchor, mo, tense), mo), cue=cue)


_FAR_YEAR_PREPS = frozenset({"in", "by", "until", "till", "before", "after", "from", "since",
                             "through", "to", "around", "beyond"})
_IN_BEFORE = re.compile(r"\bin\s+$")
_NEXT_CLAUSE = re.compile(r"\.\s|,?\s+and\b")  # the year ends its sentence or clause
_SINCE_BEFORE = re.compile(r"(?i)\bsince\b[^.;]{0,30}$")
# a weekday or "today" in the sentence ties it to the days of writing ("He died at home in
# April, his family said on Tuesday"), whatever year the story began in
_RECENT_IN_SENTENCE = re.compile(
    r"(?i)\b(?:" + "|".join(w for w in lx.WEEKDAYS if len(w) > 5) + r"|today|yesterday|"
    r"tonight|this\s+week|last\s+week)\b")


def _story_year(st: _State, text: str, pos: int, mo: int, tense: str | None) -> int | None:
    """The year of a bare month in a story set in an earlier year: "The trial opened on
    4 March 2019. In June, the main witness recanted" is June 2019. Only after a day or
    month of that year named close before, in the same paragraph, when nothing points
    ahead and the month comes after it."""
    if st.anchor is None or st.ref is None or tense == rs.FUTURE or st.ref_end < 0:
        return None
    named = re.match(r"(\d{4})(?:-(\d\d))?", st.ref)
    if named is None or int(named[1]) >= st.anchor.year:
        return None
    if not ref_nearby(text, st, pos):
        return None
    if _recent_sentence(text, pos):
        return None
    if _NOUN_AFTER.match(text, st.ref_end):
        return None  # "the August 1988 cease-fire": a date naming a thing sets no scene
    if _SINCE_BEFORE.search(text, max(0, st.ref_start - 40), max(0, st.ref_start)):
        return None  # "in jail since his arrest in July 2022. His trial, which began in
        # October": a starting point, not the scene
    if named[2] is None:
        # a year alone is often background ("since 1980", "dating to 1994"); it sets the
        # scene only when the events are placed in it ("came down in 1991. In November")
        # and it lies well back (a recent one is as often the background of a new event)
        if not (_IN_BEFORE.search(text, max(0, st.ref_start - 4), max(0, st.ref_start))
                and int(named[1]) <= st.anchor.year - 5 and len(st.ref) == 4
                and _NEXT_CLAUSE.match(text, st.ref_end)):
            return None  # (not "The dam, completed in 1968, failed on March 1": an aside)
        return int(named[1])
    if mo < int(named[2]):
        return None  # "in March 2009 ... In January" names no clear January
    return int(named[1])


def _recent_sentence(text: str, pos: int) -> bool:
    """Whether the sentence around ``pos`` names a day of the week of writing."""
    lo = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    hi = text.find(". ", pos)
    return _RECENT_IN_SENTENCE.search(text, lo, hi if hi >= 0 else len(text)) is not None


_NOUN_DETERMINERS = frozenset({"its", "their", "his", "her", "our", "a", "an", "whose"})
_ATTRIBUTIVE_IN_PHRASE = re.compile(r"\b(?:in|of|since|after|before|from|by|for|at|over|"
                                    r"during|to)\s+(?:the|its|their|his|her|our)\s+$")
_NOUN_AFTER = re.compile(r"[ \t]+[a-z]{3,}")


def _month_year(anchor: date, mo: int, tense: str | None) -> int:
    """The year of a bare month: as for a mid-month day, and never after the month of
    writing when the tense is past."""
    y = rs.year_for_month_day(anchor, mo, 15 if mo != anchor.month else anchor.day, tense)
    if tense == rs.PAST and (y, mo) > (anchor.year, anchor.month):
        y -= 1  # a month that is over cannot lie after the month of writing
    return y


# "to" and a verb, not "to" and a noun phrase ("switched from a fiscal year to a calendar
# year in December")
_INFINITIVE = re.compile(r"\bto\s+(?!(?:a|an|the|its|their|his|her|our|this|that|these|those"
                         r"|each|every|some|all|more|less)\b)[a-z]")


def _governing_past(cue: str, text: str, start: int) -> bool:
    """A distant past cue that sets a bare month in the past: a past perfect, or a simple
    past that is neither a verb of saying nor part of a present perfect ("has extended
    the loans through January" reaches ahead)."""
    low = cue.lower()
    if low == "had" or low.startswith("had "):
        return True
    if low in lx.REPORTING_VERBS or low in ("was", "were", "did") or " " in low:
        return False
    if not (low.endswith("ed") or low in lx.IRREGULAR_PAST):
        return False
    before = text[max(0, start - 200):start]
    at = [x.end() for x in re.finditer(r"\b" + re.escape(cue) + r"\b", before)]
    if not at:
        return False
    between = before[at[-1]:]
    # not across a comma ("The treaty, signed in August, takes effect in January"), an
    # infinitive ("placed orders to start trading for November") or a present perfect
    return not ("," in between or _INFINITIVE.search(between) or re.search(
        r"\b(?:has|have|'s|'ve)\s+(?:[a-z]+\s+)?" + re.escape(cue) + r"\b", before))
