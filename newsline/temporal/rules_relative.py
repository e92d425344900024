"""Rule handlers for expressions relative to the anchor or to the narrative.

Weekdays, "today"/"yesterday", "last week", "three days ago", "the next day",
"now", "this year". Deictic words count from the publication date; narrative
ones ("a year earlier", "the following Monday") from the last date mentioned.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from newsline.models import TimexType
from newsline.temporal import lexicon as lx
from newsline.temporal import parsing as pa
from newsline.temporal import patterns as pt
from newsline.temporal import resolve as rs
from newsline.temporal.parsing import (
    _UNIT_IN,
    _duration_value,
    _in_name,
    _low,
    _month_of,
    _number,
    _prev_word,
    _season_value,
    _shift,
    _unit,
    _weekday_of,
    _weeks_per,
    month_a_year_back,
)
from newsline.temporal.state import _ref_in_sentence, _Res, _State

_NOT_WEEKDAY_AFTER = re.compile(
    r"\s+(?:" + "|".join(w.capitalize() for w in lx.WEEKDAY_NAME_FOLLOWERS if " " not in w)
    + r")\b"
)
_OF_MONTH = re.compile(r"\s+of\s+" + pt.MONTH_ANY)
_CAPITAL_NEXT = re.compile(r"[ \t]+[A-Z][a-z]")
_CAPITAL_BEFORE = re.compile(r"\b[A-Z][a-z]+[ \t]+$")
_COMPOUND_NEXT = re.compile(r"[ \t]+([a-z]+)\b")
_YEAR_COMPARED = re.compile(r"(?i)\b(?:compared\s+with|from|versus|vs\.|against)\b[^.;,]*$")


def _anchor_iso(st: _State) -> str | None:
    return st.anchor.isoformat() if st.anchor else None


_WEEK_AFTER = re.compile(r"(?:(?:[ \t]+(?:to|through|and|or|until)[ \t]+|[ \t]*[-–][ \t]*)"
                         + pt.WEEKDAY_ANY + r")?"  # "from Monday to Wednesday last week"
                         r"[ \t]+(?:of[ \t]+)?((?i:last|next|this))[ \t]+(?i:week)\b")


def _weekday_value(wd: int, start: int, end: int, text: str,
                   st: _State) -> tuple[str, str | None]:
    if st.anchor is None:
        return f"XXXX-WXX-{wd}", None
    wk = _WEEK_AFTER.match(text, end)
    if wk:  # "Monday last week", "on Tuesday next week": that day of the week named
        shift = {"last": -7, "next": 7, "this": 0}[wk.group(1).lower()]
        monday = st.anchor - timedelta(days=st.anchor.isoweekday() - 1)
        return rs.day(monday + timedelta(days=shift + wd - 1)), wk.group(1)
    if text.startswith(("'s", "\u2019s"), end):
        # "Wednesday's ruling": a possessive weekday names something that happened,
        # unless a cue right before says otherwise ("ahead of Tuesday's vote")
        tense, cue = rs.tense_cue(text, start, end, max_words=3)
        if tense != rs.FUTURE:
            return rs.day(rs.weekday_on_or_before(st.anchor, wd)), "'s"
        return rs.day(rs.weekday_on_or_after(st.anchor, wd)), cue
    if st.ref_day is not None and _ref_in_sentence(text, st) and _RANGE_END_BEFORE.match(
            text, st.ref_end, start) and _weekday_of(text[st.ref_start:st.ref_end]) and \
            _RANGE_START_BEFORE.search(text, max(0, st.ref_start - 25), st.ref_start):
        # "will close from 10 p.m. on Friday until the first train on Monday": the end of a
        # range that began on a weekday is the first such day after it
        return rs.day(rs.weekday_on_or_after(st.ref_day + timedelta(days=1), wd)), "until"
    tense, cue = rs.tense_cue(text, start, end)
    if tense == rs.FUTURE:
        d = rs.weekday_on_or_after(st.anchor, wd)
    else:
        d = rs.weekday_on_or_before(st.anchor, wd)
    return rs.day(d), cue


# between the start of a range and a weekday that ends it: "... until the first train on"
_RANGE_START_BEFORE = re.compile(r"(?i)\b(?:from|between)\b[^;,!?]{0,20}$")
_RANGE_END_BEFORE = re.compile(r"[^.;]{0,40}?\b(?:until|till|through|to)\b[^.;,]{0,30}$")


def _h_nthday(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """ "Today is the eighth day of the strike": a present-tense count names the anchor day."""
    if not re.search(r"(?:\b(?:is|marks?|marked)|'s)[ \t]+$", text[max(0, m.start() - 8):
                                                                     m.start()]):
        return None
    if st.anchor is None:
        return _Res(TimexType.DATE, "XXXX-XX-XX")
    return _Res(TimexType.DATE, rs.day(st.anchor))


_BEFORE_AFTER = frozenset({"the day before", "the day after", "the night before",
                           "the month before", "the year before", "the week before",
                           "the decade before", "the decade after",
                           "the evening before", "the morning after", "the night after",
                           "the weekend before", "the weekend after"})


def _h_narr(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    if low in _BEFORE_AFTER and re.match(r"[ \t]+[A-Za-z]", text[m.end():m.end() + 3]):
        # "before" governs what follows ("the day before the plunge"): only "the day"
        # is the expression, and it is a date only in apposition ("Oct. 12, the day
        # before the plunge"), where it restates the date just named
        if st.ref_day is None or not re.search(r"\d\W{0,3},\s*$",
                                               text[max(0, m.start() - 6):m.start()]):
            return None
        if not low.startswith("the day "):
            return None
        return _Res(TimexType.DATE, rs.day(st.ref_day), end_trim=len(m.group(0)) - 7,
                    remember=False)
    ref_day = st.ref_day
    ref = st.ref
    if low.endswith("of that year") and _ref_year(ref) is not None:
        mo_named = _month_of(m.group(0))
        if mo_named is not None:  # "in September of that year"
            return _Res(TimexType.DATE, rs.month(_ref_year(ref) or 0, mo_named), anchor=ref)
    mo = _month_of(m.group(0)) if not low.endswith(("month", "year", "week")) else None
    if mo is not None:
        return _month_from(ref, low, mo, st)
    if "decade" in low and not (ref is not None and re.match(r"\d{3}", ref)):
        return None  # "the following decade" after "the 20th century": no decade to count from
    if "decade" in low and ref is not None:
        # "the following decade", "the decade before", "in the same decade": counted from
        # the decade of the year named last
        n_dec = 1 if ("following" in low or low.endswith("after")) else -1 if (
            "previous" in low or low.endswith("before")) else 0
        return _Res(TimexType.DATE, f"{int(ref[:3]) + n_dec:03d}", anchor=ref)
    wd = _weekday_of(m.group(0))
    if ref_day is None or ref is None:
        if wd:
            return _Res(TimexType.DATE, f"XXXX-WXX-{wd}")
        return _Res(TimexType.DATE, "XXXX-XX-XX")
    season = lx.SEASONS.get(low.split()[-1]) or (
        lx.SEASONS.get(low.split()[1]) if low.split()[-1] in ("after", "before") else None)
    if season:
        if low.endswith(("after", "before")):  # "the spring after" = "the following spring"
            low = "the " + ("following" if low.endswith("after") else "previous") + " " + \
                low.split()[1]
        return _Res(TimexType.DATE, _season_from(ref, low, season), anchor=ref)
    span = re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", ref)
    if wd and span:
        # "over the weekend of March 21 ... the following Monday": count from that week's
        # last day (its first, going back)
        back = "previous" in low or "prior" in low or low.endswith("before")
        ref_day = date.fromisocalendar(int(span[1]), int(span[2]),
                                       (6 if span[3] else 1) if back else 7)
    if wd and low.startswith("that "):
        # "arrested on Christmas Eve and charged that Saturday": the next such day
        d = rs.weekday_on_or_after(ref_day, wd)
        return _Res(TimexType.DATE, rs.day(d), anchor=rs.day(ref_day))
    if wd:
        if "previous" in low or "prior" in low or low.endswith("before"):
            d = rs.weekday_on_or_before(ref_day - timedelta(days=1), wd)
        else:
            d = rs.weekday_on_or_after(ref_day + timedelta(days=1), wd)
        return _Res(TimexType.DATE, rs.day(d), anchor=rs.day(ref_day))
    n = 0
    if any(k in low for k in ("next", "following", "after", "later")):
        n = 1
    if any(k in low for k in ("previous", "before", "prior", "earlier")):
        n = -1
    if "earlier that" in low or "later that" in low or " in the day" in low:
        n = 0  # "later that day", "earlier in the day": the day named
    if low == "last night":
        if st.anchor is None:
            return _Res(TimexType.TIME, "XXXX-XX-XXTNI")
        return _Res(TimexType.TIME, rs.day(st.anchor - timedelta(days=1)) + "TNI")
    if "yesterday" in low and st.anchor:
        return _Res(TimexType.DATE, rs.day(st.anchor - timedelta(days=2)))
    if "tomorrow" in low and st.anchor:
        return _Res(TimexType.DATE, rs.day(st.anchor + timedelta(days=2)))
    ref_year = _ref_year(ref) or ref_day.year
    unit = re.search(r"\b(year|month|week)$", re.sub(r"\s+(?:before|after)$", "", low))
    if unit and unit.group(1) == "year":
        return _Res(TimexType.DATE, f"{ref_year + n:04d}", anchor=ref)
    if unit and unit.group(1) == "month":
        base = ref if re.match(r"^\d{4}-\d{2}", ref) else rs.day(ref_day)
        y, mo = rs.add_months(int(base[:4]), int(base[5:7]), n)
        return _Res(TimexType.DATE, rs.month(y, mo), anchor=ref)
    if unit and unit.group(1) == "week":
        return _Res(TimexType.DATE, rs.week(ref_day + timedelta(weeks=n)), anchor=rs.day(ref_day))
    if "weekend" in low:
        # "that weekend": the one of the week named; "the weekend before" the one ending
        # before that day, "the weekend after" the next one to begin after it (after a
        # weekend named last, after its Saturday)
        weekend = re.fullmatch(r"(\d{4})-W(\d\d)-WE", ref)
        if weekend:
            ref_day = date.fromisocalendar(int(weekend[1]), int(weekend[2]), 6)
        wd_ref = ref_day.isoweekday()
        if n < 0:
            on = ref_day - timedelta(days=wd_ref if wd_ref < 7 else 7)
        elif n > 0:
            on = ref_day + timedelta(days=max(1, 6 - wd_ref) if wd_ref < 6 else 13 - wd_ref)
        else:
            on = ref_day
        return _Res(TimexType.DATE, rs.week(on) + "-WE", anchor=rs.day(ref_day))
    if low.endswith(("morning", "evening", "night")):  # a day, as TimeBank marks them
        return _Res(TimexType.DATE, rs.day(ref_day + timedelta(days=n)), anchor=rs.day(ref_day))
    return _Res(TimexType.DATE, rs.day(ref_day + timedelta(days=n)), anchor=rs.day(ref_day))




def _month_from(ref: str | None, low: str, mo: int, st: _State) -> _Res | None:
    """ "the following July" after Christmas 2021 is 2022-07, "the previous March" after
    August 2009 is 2009-03, "that December" the year last named."""
    span = _ref_months(ref)
    if span is None:
        if low.startswith("that"):
            return None  # "that September" with nothing named before: leave it to "month"
        return _Res(TimexType.DATE, f"XXXX-{mo:02d}")
    y, first, last = span
    if low.startswith("that"):
        return _Res(TimexType.DATE, rs.month(y, mo), anchor=ref)
    if any(w in low for w in ("previous", "prior")):
        return _Res(TimexType.DATE, rs.month(y if mo < first else y - 1, mo), anchor=ref)
    return _Res(TimexType.DATE, rs.month(y if mo > last else y + 1, mo), anchor=ref)


def _ref_year(ref: str | None) -> int | None:
    """The year of a reference value that names one ("2019", "2019-06", "2019-SU"); None
    for a decade ("196") or a century ("19")."""
    named = re.match(r"(\d{4})(?![\d])", ref or "")
    return int(named[1]) if named else None


def _ref_months(ref: str | None) -> tuple[int, int, int] | None:
    """(year, first month, last month) of the reference: a whole year is 1-12, a month
    itself, a season or a quarter its three months (a winter runs into the next year,
    which the caller's comparisons treat as its December)."""
    y = _ref_year(ref)
    if y is None or ref is None:
        return None
    rest = ref[5:7]
    if rest.isdigit():
        return y, int(rest), int(rest)
    season = re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", ref)
    if season:
        first = lx.SEASON_FIRST_MONTH[season[1]]
        return y, first, min(first + 2, 12)
    quarter = re.fullmatch(r"\d{4}-Q([1-4])", ref)
    if quarter:
        return y, 3 * int(quarter[1]) - 2, 3 * int(quarter[1])
    half = re.fullmatch(r"\d{4}-H([12])", ref)
    if half:
        return y, 6 * int(half[1]) - 5, 6 * int(half[1])
    return y, 1, 12


def _season_from(ref: str, low: str, season: str) -> str:
    """ "the following spring" after April 2014 is 2015-SP; "that summer" the ref's year.

    The following season is the first one to begin after the month last named, the
    previous one the last to end before it (a year alone counts as a whole).
    """
    if not re.match(r"\d{4}(?!\d)", ref):
        return f"XXXX-{season}"  # after "the 1990s" or "the 20th century": which spring?
    y = int(ref[:4])
    if low.startswith("that"):
        return f"{y:04d}-{season}"
    named = re.match(r"\d{4}-(\d{2})", ref)
    in_season = re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", ref)
    if in_season:  # after "the spring of 2019": counted from that season's first month
        named = re.match(r"(\d\d)", f"{lx.SEASON_FIRST_MONTH[in_season[1]]:02d}")
    start = lx.SEASON_FIRST_MONTH[season]
    if low.split()[1] in ("previous", "prior"):
        m = int(named[1]) if named else 1
        year = y
        while year * 12 + start + 2 >= y * 12 + m:  # its last month is before the ref's
            year -= 1
        return f"{year:04d}-{season}"
    m = int(named[1]) if named else 12
    year = y if start > m else y + 1
    return f"{year:04d}-{season}"


_REL_DIR = {"this": 0, "next": 1, "last": -1, "past": -1, "coming": 1, "previous": -1,
            "the past": -1, "the last": -1, "the next": 1, "the coming": 1,
            "this past": -1, "this coming": 1, "the previous": -1}


def _h_rel(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    low = re.sub(r"^(?:early|late|mid|middle|earlier|later|the end of|the beginning of|"
                 r"the start of|the middle of|end of|start of|beginning of|the early|the late|"
                 r"the mid|sometime|around)[\s-]+", "", low)
    dm = re.match(r"^(this past|this coming|the past|the last|the next|the coming|the previous|"
                  r"this|next|"
                  r"last|past|coming|previous)\s+(.*)$", low)
    if not dm:
        return None
    det, head = dm.group(1), re.sub(r"\s+or\s+so$", "", dm.group(2))
    if re.search(r"\b(?:Week|Month|Year|Weekend|Decade|Century)\b", m.group(0)) and not \
            m.group(0).isupper():
        return None  # "ABC's This Week": a title, not a time
    n = _REL_DIR[det]
    part = None
    pm = re.search(r"\s+(morning|afternoon|evening|night)$", head)
    if pm:
        part = pm.group(1)
        head = head[:pm.start()]
    a = st.anchor
    if head in ("decade",) and det in ("the past", "past", "the next", "the coming"):
        return _Res(TimexType.DURATION, "P10Y")  # "over the next decade": ten years
    if head == "fortnight":
        # "over the past fortnight", "the next fortnight": two weeks, as "the past decade" is
        # ten years; "last fortnight" alone names no calendar period TimeML has a value for
        return _Res(TimexType.DURATION, "P2W") if det.startswith(("the", "this", "past")) \
            else None
    if a is None:
        return _Res(TimexType.DATE, _unresolved_rel(head))
    wd = lx.WEEKDAYS.get(head)
    if wd:
        if det in ("last", "this past", "past", "the past", "the last", "previous",
                   "the previous"):
            d = rs.weekday_on_or_before(a - timedelta(days=1), wd)
            cue = det
        elif det in ("next", "coming", "the next", "the coming", "this coming"):
            d = rs.weekday_on_or_after(a + timedelta(days=1), wd)
            cue = det
        else:
            tense, cue = rs.tense_cue(text, m.start(), m.end())
            d = (rs.weekday_on_or_after(a, wd) if tense == rs.FUTURE
                 else rs.weekday_on_or_before(a, wd))
        v = rs.day(d)
        if part:
            return _Res(TimexType.TIME, v + "T" + lx.PARTS_OF_DAY[part], cue=cue)
        return _Res(TimexType.DATE, v, cue=cue)
    mo = lx.MONTHS.get(head)
    if mo:
        if n == 0:
            return _Res(TimexType.DATE, rs.month(a.year, mo))
        if n < 0:
            y = a.year if mo < a.month else a.year - 1
        else:
            y = a.year if mo > a.month else a.year + 1
        return _Res(TimexType.DATE, rs.month(y, mo))
    season = lx.SEASONS.get(head)
    if season:
        if n == 0 and season == "WI" and a.month == 3:
            tense, cue = rs.tense_cue(text, m.start(), m.end())
            if tense == rs.PAST:  # "admissions were the highest this winter", written in
                # March: the winter just ended
                return _Res(TimexType.DATE, f"{a.year - 1:04d}-WI", cue=cue)
        return _Res(TimexType.DATE, _season_value(a, season, n))
    if head == "quarter":
        if det.startswith("the"):
            return None  # "the last quarter", "the next quarter": the quarter rule's
        y, q = divmod((a.year * 4 + (a.month - 1) // 3) + n, 4)
        return _Res(TimexType.DATE, f"{y:04d}-Q{q + 1}")
    if head in ("week", "weekend") and _OF_MONTH.match(text, m.end()):
        return None  # "the last week of March" is no week counted from the anchor
    unit = {"week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
            "fiscal year": "Y", "school year": "Y", "weekend": "WE"}.get(head)
    if unit is None:
        return None
    if unit == "WE":
        base = a + timedelta(weeks=n)
        if det in ("coming", "the coming", "this coming") and a.isoweekday() < 6:
            base = a  # "the coming weekend" on a Tuesday: the one four days off
        return _Res(TimexType.DATE, rs.week(base) + "-WE")
    if (unit == "Y" and n == -1 and det == "last" and st.near_quarter() is not None
            and not pm and _YEAR_COMPARED.search(text, max(0, m.start() - 60), m.start())):
        # "earnings of $33 million last year" in a quarterly report: the year-ago quarter
        y, q = st.quarter  # type: ignore[misc]
        return _Res(TimexType.DATE, f"{y - 1:04d}-Q{q}", remember=False)
    return _Res(TimexType.DATE, _shift(a, unit, n))


def _h_afternext(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """ "the week after next", "the year before last": two units on from the anchor."""
    low = _low(m)
    n = 2 if low.endswith("next") else -2
    season = lx.SEASONS.get(low.split()[1])
    if season is not None:  # "the winter before last": a year before last winter
        if st.anchor is None:
            return _Res(TimexType.DATE, f"XXXX-{season}")
        one = _season_value(st.anchor, season, n // 2)
        return _Res(TimexType.DATE, f"{int(one[:4]) + n // 2:04d}-{season}")
    unit = {"week": "W", "month": "M", "year": "Y"}[low.split()[1]]
    if st.anchor is None:
        return _Res(TimexType.DATE, _unresolved_rel(low.split()[1]))
    return _Res(TimexType.DATE, _shift(st.anchor, unit, n))


def _unresolved_rel(head: str) -> str:
    wd = lx.WEEKDAYS.get(head)
    if wd:
        return f"XXXX-WXX-{wd}"
    mo = lx.MONTHS.get(head)
    if mo:
        return f"XXXX-{mo:02d}"
    if head in lx.SEASONS:
        return f"XXXX-{lx.SEASONS[head]}"
    return {"week": "XXXX-WXX", "month": "XXXX-XX", "weekend": "XXXX-WXX-WE",
            "quarter": "XXXX-QX", "half": "XXXX-HX"}.get(head, "XXXX")


# "about two weeks ago": the hedge is not part of the quantity (longest hedge first).
_LEAD_HEDGE = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in sorted(lx.APPROX_WORDS, key=len, reverse=True))
    + r")\s+"
)


# years per unit, to keep "ago" arithmetic on the calendar TimeML writes (years 1-9999)
_YEARS_PER = {"Y": 1.0, "DE": 10.0, "CE": 100.0, "M": 1 / 12, "W": 1 / 52, "D": 1 / 365,
              "Q": 0.25, "H": 0.0, "MIN": 0.0, "S": 0.0}


def _h_ago(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    if low == "moments ago":  # a live blog's "moments ago": the day of writing
        return _Res(TimexType.DATE, rs.day(st.anchor) if st.anchor else "XXXX-XX-XX")
    um = _UNIT_IN.search(low)
    if um is None:
        return None
    unit = _unit(um.group(1))
    qty_text = low[:um.start()]
    qty_text = _LEAD_HEDGE.sub("", qty_text)
    vague = bool(re.match(r"^(?:a few|few|several|many|some|a number of)\b", qty_text)) or (
        not qty_text.strip())
    n = None if vague else _number(qty_text)
    if n is not None:
        n *= _weeks_per(um.group(1))  # "a fortnight ago" is two weeks back
    if n is not None and re.search(r"\d\s*(?:to|or|-)\s*\d|\b(?:to|or)\b", qty_text):
        n = None
    past = bool(re.search(r"\b(?:ago|earlier|before)\b", low))
    if st.anchor is not None and n is not None and not \
            1 < st.anchor.year + (-n if past else n) * _YEARS_PER.get(unit, 0) < 9999:
        # "at least 50,000 years ago", "600,000 weeks ago": off the calendar TimeML writes
        return _Res(TimexType.DATE, "PAST_REF" if past else "FUTURE_REF")
    on = re.search(r"\sago\s+(today|this week|this month)$", low)
    if on and (st.anchor is None or n is None or unit not in ("D", "W", "M", "Y", "DE", "CE")):
        # "several years ago today": the vague part alone, as "several years ago" is
        cut = len(m.group(0)) - (low.rindex(" ago") + 4)
        return _Res(TimexType.DATE, "PAST_REF", end_trim=cut)
    if on and st.anchor is not None and n is not None:
        # "ten years ago today", "a year ago this week": that day (week, month) back then
        k = int(round(n)) * (int(_YEARS_PER[unit]) if unit in ("DE", "CE") else 1)
        months = k * (12 if unit in ("Y", "DE", "CE") else 1 if unit == "M" else 0)
        y, mo = rs.add_months(st.anchor.year, st.anchor.month, -months)
        back = date(y, mo, min(st.anchor.day, calendar.monthrange(y, mo)[1])) - timedelta(
            days=k * (7 if unit == "W" else 1 if unit == "D" else 0))
        what = on.group(1)
        return _Res(TimexType.DATE, rs.day(back) if what == "today" else rs.week(back)
                    if what == "this week" else rs.month(back.year, back.month))
    base_day = re.search(r"\sfrom\s+([a-z]+)$", low)
    if base_day and base_day.group(1) != "now":
        # "a week from Tuesday", "ten days from today": a day counted from a named day
        if st.anchor is None or n is None or unit not in ("D", "W", "M", "Y"):
            return None
        word = base_day.group(1)
        wd = lx.WEEKDAYS.get(word)
        if wd is not None:
            start = rs.weekday_on_or_after(st.anchor + timedelta(days=1), wd)
        else:
            start = st.anchor + timedelta(days=lx.DAY_DEICTICS[word])
        k = int(round(n))
        if unit in ("D", "W"):
            return _Res(TimexType.DATE, rs.day(start + timedelta(days=k * (7 if unit == "W"
                                                                            else 1))))
        y, mo = rs.add_months(start.year, start.month, k * (12 if unit == "Y" else 1))
        dd = rs.safe_date(y, mo, start.day) or rs.safe_date(y, mo, 28)
        return _Res(TimexType.DATE, rs.day(dd))  # type: ignore[arg-type]
    direction = -1 if re.search(r"\b(?:ago|earlier|before)\b", low) else 1
    relative_to_ref = bool(re.search(r"\b(?:earlier|later|before that|after that)\b", low))
    if unit in ("H", "MIN", "S"):
        if relative_to_ref:
            tm = re.search(r"\s+(?:earlier|later|before that|after that)$", m.group(0), re.I)
            if "and a half" in low[um.end():] and n is not None:
                n += 0.5
            return _Res(TimexType.DURATION, _duration_value(n, unit),
                        end_trim=len(tm.group(0)) if tm else 0)
        if st.anchor is None:
            return _Res(TimexType.DATE, "XXXX-XX-XX")
        return _Res(TimexType.DATE, rs.day(st.anchor))
    tail = re.search(r"\s+(?:earlier|later|before that|after that)$", m.group(0), re.I)
    if relative_to_ref and unit in ("D", "W") and tail and (n is None or not _ref_in_sentence(
            text, st)):
        # "Three days later, ..." with no date named in its sentence: TimeBank marks
        # the length ("Three days", P3D); the day it lands on is not in the text
        return _Res(TimexType.DURATION, _duration_value(n, unit), end_trim=len(tail.group(0)))
    if n is None:
        return _Res(TimexType.DATE, "PAST_REF" if direction < 0 else "FUTURE_REF")
    k = int(round(n)) * direction
    if relative_to_ref:
        if unit == "Y" and int(n) == 1 and st.near_quarter() is not None:
            y, q = st.quarter  # type: ignore[misc]
            return _Res(TimexType.DATE, f"{y + k:04d}-Q{q}", anchor=f"{y:04d}-Q{q}",
                        remember=False)
        if st.ref is None:
            return _Res(TimexType.DATE, "XXXX-XX-XX")
        if unit in ("DE", "CE"):
            # "a decade later" is a year, as "a decade ago" is; so is "a century later"
            unit, k = "Y", k * (10 if unit == "DE" else 100)
        if unit == "Y" and _ref_year(st.ref) is not None:
            return _Res(TimexType.DATE, f"{(_ref_year(st.ref) or 0) + k:04d}", anchor=st.ref,
                        remember=False)
        ref_month = re.fullmatch(r"(\d{4})-(\d{2})", st.ref)
        if unit == "M" and ref_month:
            # "in May 2018 ... a month later": count from the month named, not a stale day
            y, mo = rs.add_months(int(ref_month[1]), int(ref_month[2]), k)
            return _Res(TimexType.DATE, rs.month(y, mo), anchor=st.ref, remember=False)
        base = st.ref_day
        if base is None:
            return None
        return _Res(TimexType.DATE, _shift(base, unit, k), anchor=rs.day(base))
    if st.anchor is None:
        return _Res(TimexType.DATE, "XXXX-XX-XX")
    if unit == "Y" and int(n) == 1 and st.near_quarter() is not None and k == -1:
        y, q = st.quarter  # type: ignore[misc]
        return _Res(TimexType.DATE, f"{y - 1:04d}-Q{q}", anchor=f"{y:04d}-Q{q}",
                    remember=False)
    if unit in ("DE", "CE"):  # "a decade ago" is a year (off-calendar counts left above)
        return _Res(TimexType.DATE, f"{st.anchor.year + int(_YEARS_PER[unit]) * k:04d}")
    return _Res(TimexType.DATE, _shift(st.anchor, unit, k), anchor=_anchor_iso(st))


_PROGRAMME_AFTER = re.compile(r"[ \t]+(?i:programme|program|show)\b")


def _h_deictic(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    if _in_name(text, m):
        return None
    if m.group(0)[:1].isupper() and _PROGRAMME_AFTER.match(text, m.end()):
        return None  # "Radio 4's Today programme", "the Tonight Show": titles
    part = None
    pm = re.search(r"\b(morning|afternoon|evening|night)$", low)
    if pm:
        part = lx.PARTS_OF_DAY[pm.group(1)]
    off = 0
    if "day before yesterday" in low:
        off = -2
    elif "day after tomorrow" in low:
        off = 2
    else:
        for w, o in lx.DAY_DEICTICS.items():
            if w in low:
                off = o
                break
        else:
            if "that" in low or "same" in low:
                if st.ref_day is None:
                    return _Res(TimexType.TIME, "XXXX-XX-XXT" + (part or "DT"))
                v = rs.day(st.ref_day)
                return _Res(TimexType.TIME, v + "T" + (part or "DT"), anchor=v)
    if st.anchor is None:
        v = "XXXX-XX-XX"
    else:
        if low == "today" and _generic_today(text, m):
            return _Res(TimexType.DATE, "PRESENT_REF")
        if low == "today" and _GENERIC_POSSESSIVE.match(text, m.end()):
            return None  # "today's youth": the present in general, no date
        v = rs.day(st.anchor + timedelta(days=off))
    if part is None and "tonight" in low:
        part = "NI"
    if part:
        return _Res(TimexType.TIME, v + "T" + part)
    return _Res(TimexType.DATE, v)


_GENERIC_AFTER = re.compile(r"\s+(?:more|fewer|less|most|many|there\s+(?:is|are)|we|it's|"
                            r"people|the\s+world)\b", re.I)


_GENERIC_POSSESSIVE = re.compile(
    r"(?:'s|\u2019s)\s+(?:[a-z]+\s+)?(?:youth|world|society|children|kids|generation|"
    r"standards|economy|technology|computers|families|culture|politics|young|people|"
    r"students|workers|consumers|cars|music|media|women|men)\b")


def _generic_today(text: str, m: re.Match[str]) -> bool:
    """'Today more people ...': today as 'nowadays', a PRESENT_REF."""
    if not m.group(0)[0].isupper():
        return False
    return bool(_GENERIC_AFTER.match(text, m.end()))


# "a servant named Friday", "a storm dubbed Sunday": a noun phrase names the day. Not
# "called" ("the president called Monday for calm") nor "were named Thursday" (passive).
_NAMED_BEFORE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+[a-z]+\s+(?:named|nicknamed|dubbed)\s+$"
)


_SHARED_PLURAL_PART = re.compile(r"(?:,\s*" + pt.WEEKDAY_FULL + r"){0,6},?\s+(?i:and|or)\s+"
                                 + pt.WEEKDAY_FULL + r"\s+(" + pt.PART + r")s\b")


def _h_weekday(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    if _NOT_WEEKDAY_AFTER.match(text, m.end()):
        return None
    nxt = _COMPOUND_NEXT.match(text, m.end())
    if nxt and f"{s.lower()} {nxt.group(1)}" in lx.WEEKDAY_COMPOUNDS:
        return None  # "Sunday school": a compound noun, not a day
    ep = _CAPITAL_BEFORE.search(text, max(0, m.start() - 12), m.start())
    if ep and ep.group(0).split()[0] in lx.WEEKDAY_EPITHETS and s[0].isupper():
        return None  # "Black Monday", "Bloody Sunday": events with names, not this week's days
    if _NAMED_BEFORE.search(text, max(0, m.start() - 40), m.start()) or \
            pa.OPERATION_BEFORE.search(text, max(0, m.start() - 40), m.start()) or \
            pa.in_personal_name(text, m.start(), m.end()):
        return None  # "a servant named Friday": a name ("were named Thursday" is a date)
    wd = _weekday_of(s)
    if wd is None:
        return None
    pm = pt.PART_RE.search(s)
    if pm and pm.group(0)[0].isupper() and _CAPITAL_NEXT.match(text, m.end()) and not \
            _CAPITAL_BEFORE.search(text, max(0, m.start() - 20), m.start()):
        return None  # "Monday Night Football": a title (in a title-case headline, a day)
    shared = _SHARED_PLURAL_PART.match(text, m.end()) if not pm else None
    if shared:
        # "flights leave on Monday and Tuesday nights": the plural part makes both days recur
        return _Res(TimexType.SET, f"XXXX-WXX-{wd}T" + lx.PARTS_OF_DAY[shared.group(1).lower()])
    if st.anchor is None:
        v, cue = f"XXXX-WXX-{wd}", None
    elif s.lower().endswith("week"):
        # "the second leg is on Wednesday week": the coming Wednesday and seven days on
        d = rs.weekday_on_or_after(st.anchor + timedelta(days=1), wd) + timedelta(days=7)
        return _Res(TimexType.DATE, rs.day(d), cue="week")
    else:
        v, cue = _weekday_value(wd, m.start(), m.end(), text, st)
    if pm:
        part = pm.group(0).lower()
        if s.lower().endswith("s"):
            return _Res(TimexType.SET, f"XXXX-WXX-{wd}T" + lx.PARTS_OF_DAY[part])
        return _Res(TimexType.TIME, v + "T" + lx.PARTS_OF_DAY[part], cue=cue)
    return _Res(TimexType.DATE, v, cue=cue)


def _h_ref(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    v = lx.REFERENCES.get(low)
    if low == "now":
        v = "PRESENT_REF"
    if v is None:
        return None
    if low == "soon":
        prev = _prev_word(text, m.start())
        if prev in ("as", "how", "too"):
            return None
        if re.match(r"\s+(?:after|as|thereafter)\b", text[m.end():m.end() + 12]):
            return None
        if rs.tense_cue(text, m.start(), m.end(), max_words=3)[0] == rs.PAST:
            return None  # "was soon released": soon after a past event, not the future
    if low == "now" and re.match(r"[ \t]*,", text[m.end():m.end() + 3]) and re.search(
            r"(?:^|[.!?]['\"]*\s+)$", text[max(0, m.start() - 4):m.start()]):
        return None  # "Now, he says ...": a discourse marker opening the sentence
    if low == "now" and re.match(r"\s*-", text[m.end():m.end() + 3]):
        return None
    if m.group(0) in ("Now", "NOW") and re.search(r"[A-Za-z][ \t]+$", text[max(0, m.start() - 3):
                                                                         m.start()]):
        return None  # "Join Now", "Subscribe Now": a button label, not a time
    if _in_name(text, m):
        return None
    return _Res(TimexType.DATE, v)


_NEW_YEAR_FEAST = re.compile(r"(?:['\u2019]s?|\s+(?i:day|eve|holiday|holidays|honours|honors|"
                             r"celebrations?|message|resolutions?|party|parties)\b)")


def _years_on(d: date, k: int) -> date:
    """The same day ``k`` years on (Feb. 29 becomes Feb. 28 in a common year)."""
    return rs.safe_date(d.year + k, d.month, d.day) or date(d.year + k, d.month, 28)


def _h_yearword(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    head = low.split()[-1]
    a = st.anchor
    if low.startswith("this day in "):  # "on this day in 1973": the day of writing, then
        y = int(low[-4:])
        if a is None:
            return _Res(TimexType.DATE, f"{y:04d}")
        return _Res(TimexType.DATE, rs.day(_years_on(a, y - a.year)))
    if low.startswith("this time "):
        if a is None:
            return _Res(TimexType.DATE, "XXXX-XX-XX")
        return _Res(TimexType.DATE, rs.day(_years_on(a, 1 if "next" in low else -1)))
    if low.startswith("the same ") and "year" in low:
        if a is None:
            return _Res(TimexType.DATE, "XXXX")
        # the month (week, day) just named, or the one being written in, a year back
        base = st.ref_day or a
        if " month " in low:
            return _Res(TimexType.DATE, month_a_year_back(st, base), remember=False)
        back = _years_on(base, -1)
        return _Res(TimexType.DATE, rs.week(back) if " week " in low else rs.day(back),
                    remember=False)
    if low.replace("-", " ").endswith("year to date"):
        return _Res(TimexType.DATE, f"{a.year:04d}" if a else "XXXX")  # as "so far this year"
    if head in ("midweek", "mid-week"):
        if a is None:
            return _Res(TimexType.DATE, "XXXX-WXX")
        # the middle of this week, or of the next once it is past and the clause looks ahead
        # ("storms are set to return midweek", written on a Friday)
        tense, cue = rs.tense_cue(text, m.start(), m.end())
        ahead = tense == rs.FUTURE and a.isoweekday() >= 4
        return _Res(TimexType.DATE, rs.week(a + timedelta(days=7 if ahead else 0)), cue=cue)
    if head == "day":  # "no trains for the rest of the day": the day being written about
        today = st.ref_day or a
        return _Res(TimexType.DATE, rs.day(today) if today else "XXXX-XX-XX")
    if (" of the " in low or "shortened" in low) and head in ("week", "month") and a:
        # "the rest of the week", "the holiday-shortened week": the one being written in
        return _Res(TimexType.DATE, rs.week(a) if head == "week" else rs.month(a.year, a.month))
    if " new " in f" {low} ":
        if head != "year" or _NEW_YEAR_FEAST.match(text, m.end()):
            return None  # "the new week"; "the New Year holiday" is the feast's
        # "talks resume in the new year": the coming year late in a year, else this one
        return _Res(TimexType.DATE, "XXXX" if a is None else f"{a.year + (a.month >= 7):04d}")
    if head in ("year", "decade") and re.match(r"\s+since\b", text[m.end():m.end() + 7]):
        return _Res(TimexType.DURATION, "P1Y" if head == "year" else "P10Y")  # "in the year
        # since the fire": the time since then
    restated = pa.YEAR_BEFORE_COMMA.search(text, max(0, m.start() - 8), m.start())
    if head == "year" and low == "the year" and restated:
        return _Res(TimexType.DATE, restated.group(1), remember=False)  # "only in 2013, the
        # year his wife died"
    if head == "year":
        if re.match(r"\s+(?:before|after|earlier|later)\b", text[m.end():m.end() + 8]):
            return None  # "the year before": relative words we leave alone
        if re.match(r"\s+(?:ended|ending|to|through)\b", text[m.end():m.end() + 10]):
            return _Res(TimexType.DURATION, "P1Y")  # "the year ended Sept. 30": a span
        return _Res(TimexType.DATE, f"{a.year:04d}" if a else "XXXX")
    if head == "week" and re.match(r"\s+(?:ended|ending|to|through)\b", text[m.end():m.end() + 10]):
        return _Res(TimexType.DURATION, "P1W")  # "fell 2% in the week to Friday", as the year
    if head == "week":
        # "for the week": a week of the anchor's year that the words do not pin down
        return _Res(TimexType.DATE, f"{a.year:04d}-WXX" if a else "XXXX-WXX")
    if head == "month":
        return _Res(TimexType.DATE, rs.month(a.year, a.month) if a else "XXXX-XX")
    if head == "weekend":
        if a is None:
            return _Res(TimexType.DATE, "XXXX-WXX-WE")
        tense, cue = rs.tense_cue(text, m.start(), m.end())
        if tense == rs.FUTURE:
            base = a if a.isoweekday() < 6 else a + timedelta(days=7)
        else:
            base = a if a.isoweekday() >= 6 else a - timedelta(days=7)
        return _Res(TimexType.DATE, rs.week(base) + "-WE", cue=cue)
    return None
