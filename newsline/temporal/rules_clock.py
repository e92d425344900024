"""Rule handlers for times of day: clock times ("3:30 p.m. Tuesday") and parts of day.

A clock time takes its day from the words after it (a date, a weekday, a deictic
such as "today") or else from the last day mentioned.
"""

from __future__ import annotations

import re
from datetime import timedelta

from newsline.models import TimexType
from newsline.temporal import lexicon as lx
from newsline.temporal import patterns as pt
from newsline.temporal import resolve as rs
from newsline.temporal.parsing import _low, _month_of, _prev_word, _weekday_of
from newsline.temporal.rules_calendar import _h_full, _h_holiday
from newsline.temporal.rules_relative import _h_weekday, _weekday_value
from newsline.temporal.state import _Res, _State

# "at 8 p.m. on Nov. 8", "at 3:17 a.m. local time on Sunday"
# ... and past a gloss: "at 9 a.m. local time (0600 GMT) on Thursday", "at 9 p.m. local time
# Thursday", "(0600 GMT) on Thursday" from inside the gloss
_ON = re.compile(r"\)?(?:[ \t]+(?:(?i:local)|[A-Z][a-z]+)[ \t]+time,?)?(?:[ \t]*\([^()\n]{1,30}\))?"
                 r"(?:[ \t]+on)?[ \t]+")
_ZONE = re.compile(r"\s*\b(?:" + "|".join(lx.TIME_ZONES) + r")\b")


def _day_after_on(text: str, end: int, st: _State) -> tuple[str, str | None] | None:
    """ "at 8 p.m. on Nov. 8", "at 4.30pm on Christmas Eve": the day named after "on",
    resolved as its own rule would."""
    on = _ON.match(text, end)
    if on is None:
        return None
    for rule, handler in (("full", _h_full), ("weekday", _h_weekday), ("holiday", _h_holiday)):
        mm = pt.RULES[rule].match(text, on.end())
        if mm is None:
            continue
        res = handler(mm, text, st)
        if res is not None and res.type is TimexType.DATE and pt.DAY_VALUE.fullmatch(res.value):
            return res.value, res.cue
        return None
    return None


_OF_DAY = re.compile(r"\s+of\s+(?:" + pt.WEEKDAY_ANY + r"|" + pt.MONTH_ANY + r"\s+\d|\d{1,2}"
                     r"(?:st|nd|rd|th)?\s+" + pt.MONTH_ANY + r"|(?i:the)\s+\d)")


_TITLE_BEFORE = re.compile(r"[a-z,]\s+(?:[A-Z][a-z]+\s+)+$")
_WORD_CLOCK = re.compile(r"(?i)(?P<rel>(?:half|(?:a\s+)?quarter)\s+(?:past|to)\s+)?"
                         r"(?P<hw>" + "|".join(sorted(lx.CLOCK_HOURS, key=len, reverse=True))
                         + r")\b")


_PART_OF_NAMED_DAY = re.compile(r"\s*(this|tomorrow|yesterday)\s+(morning|afternoon|evening|night)"
                                r"\b", re.I)
_PM_CLOCK = re.compile(r"\b(1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*[pP]\.?\s?[mM]\b")


def _later_that_evening(text: str, start: int, hh: int) -> bool:
    """A clock without a.m./p.m. after a p.m. clock of the same paragraph, and no earlier
    than it: the story has moved on that evening, not back to the morning."""
    lo = max(0, start - 200)
    para = text.rfind("\n\n", lo, start)
    found = list(_PM_CLOCK.finditer(text, para + 2 if para >= 0 else lo, start))
    last = found[-1] if found else None
    if last is None or int(last.group(1)) % 12 > hh:
        return False
    # a day named between them, or "the next day" right after it, starts afresh
    return _NEW_DAY.search(text, last.end(), start) is None and \
        _NEXT_DAY_AFTER.search(text, start, start + 40) is None


_NEXT_DAY_AFTER = re.compile(r"(?i)\b(?:next|following|tomorrow|morning|dawn)\b")
_NEW_DAY = re.compile(r"(?i)\b(?:next|following|tomorrow|morning|overnight|dawn|day|"
                     + "|".join(w for w in lx.WEEKDAYS if len(w) > 5) + r")\b")


def _h_time(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    if s[:4].lower() == "noon" and _prev_word(text, m.start()) == "high":
        return None  # "high noon": the moment of decision (or the film), not 12:00
    if s[:1] in "NM" and _TITLE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
        return None  # "the single Half Past Midnight": a title, not a time
    wc = _WORD_CLOCK.match(s)
    if wc and not (wc.group("rel") or re.match(r"\s+o'clock", s[wc.end():])
                   or _PART_OF_NAMED_DAY.match(s, wc.end())):
        wc = None
    cm = wc or pt.CLOCK_RE.match(s)
    if not cm:
        return None
    mil = re.match(r"([01]\d|2[0-3])([0-5]\d)(?:\s|$)", s)
    if wc:  # "half past seven", "a quarter to nine", "seven o'clock"
        hh = lx.CLOCK_HOURS[wc.group("hw").lower()]
        rel = (wc.group("rel") or "").lower().strip()
        mi = 30 if rel.startswith("half") else 15 if rel else 0
        if rel.endswith("to"):
            hh, mi = (hh - 1) or 12, 60 - mi
    elif mil:  # "1800 GMT": a 24-hour clock without a colon, as wire copy writes it
        hh, mi = int(mil.group(1)), int(mil.group(2))
        cm = re.match(r"\d{4}(?:" + pt.TZ_REQ + ")?", s) or cm
    elif cm.group("w"):
        w = cm.group("w").lower()
        hh, mi = (24, 0) if w == "midnight" else (12, 0)
    else:
        hh = int(cm.group("h"))
        mi = int(cm.group("m") or 0)
        ap = (cm.group("ap") or "").lower()
        if hh > 24 or (ap and hh > 12) or mi > 59:
            return None
        if ap == "p" and hh < 12:
            hh += 12
        elif ap == "a" and hh == 12:
            hh = 0
        elif not ap and cm.group("m") and 1 <= hh < 12 and _later_that_evening(text, m.start(), hh):
            hh += 12  # "began at about 9:15 p.m. ... the first patrol car arrived at 9:40"
    rest = s[cm.end():]
    oclock = re.match(r"\s*o'clock", rest)
    if oclock:
        rest = rest[oclock.end():]
    if (oclock or wc) and re.match(r"\s+(?i:tonight)\b", rest) and hh < 12:
        hh += 12  # "10 o'clock tonight" is 22:00, so is "a quarter past ten tonight"
    named_part = _PART_OF_NAMED_DAY.match(rest)
    if named_part:
        # "at six this evening", "10:30 tomorrow morning": the part sets a.m./p.m., the
        # word the day
        part = named_part.group(2).lower()
        if part != "morning" and hh < 12 and not (part == "night" and hh < 5):
            hh += 12
        if st.anchor is None:
            return _Res(TimexType.TIME, f"XXXX-XX-XXT{hh:02d}:{mi:02d}")
        shift = {"this": 0, "tomorrow": 1, "yesterday": -1}[named_part.group(1).lower()]
        return _Res(TimexType.TIME, rs.day(st.anchor + timedelta(days=shift))
                    + f"T{hh:02d}:{mi:02d}")
    pm_part = re.match(r"\s*in\s+the\s+(morning|afternoon|evening)", rest)
    if pm_part:
        if pm_part.group(1) != "morning" and hh < 12:
            hh += 12
        rest = rest[pm_part.end():]
    tail = f"T{hh:02d}:{mi:02d}"
    if not _ZONE.sub("", rest).strip(" ."):
        # "at 8 p.m. on Nov. 8": the day is the next expression, after "on"
        named = _day_after_on(text, m.end(), st) or _day_of_range_end(text, m.end(), st)
        if named is not None:
            return _Res(TimexType.TIME, named[0] + tail, cue=named[1])
    base = _day_part(rest, m.start(), m.end(), text, st)
    if base is None:
        return None
    value, cue = base
    return _Res(TimexType.TIME, value + tail, cue=cue)


_RANGE_TO = re.compile(r"\s*(?:[-\u2013]|(?i:to|and|until|till|through))\s*")


def _day_of_range_end(text: str, end: int, st: _State) -> tuple[str, str | None] | None:
    """ "from 10:00 to 12:00 on Saturday", "between 9 a.m. and 5 p.m. Sunday": a clock
    that opens a range is on the day its other end names (None if that names none)."""
    to = _RANGE_TO.match(text, end)
    if to is None:
        return None
    mm = pt.RULES["time"].match(text, to.end())
    if mm is None:
        return None
    s = mm.group(0)
    if not (_month_of(s) or _weekday_of(s) or _day_after_on(text, mm.end(), st)):
        return None
    res = _h_time(mm, text, st)
    if res is None or not pt.DAY_VALUE.match(res.value):
        return None
    return res.value[:10], res.cue


def _day_part(rest: str, start: int, end: int, text: str,
              st: _State) -> tuple[str, str | None] | None:
    """The day a clock time or part of day belongs to (weekday, date, deictic or ref).

    A weekday takes its tense from the clause of the whole expression (from
    ``start``), not from the clock words before it.
    """
    low = rest.lower()
    mo = _month_of(rest)
    if mo:
        dm = pt.DAYNUM_RE.search(rest[pt.MONTH_RE.search(rest).end():])  # type: ignore[union-attr]
        if not dm:
            return None
        d = int(dm.group(1))
        if st.anchor is None:
            return f"XXXX-{mo:02d}-{d:02d}", None
        y = rs.year_for_month_day(st.anchor, mo, d, None)
        dd = rs.safe_date(y, mo, d)
        return (rs.day(dd), None) if dd else None
    wd = _weekday_of(rest)
    if wd:
        return _weekday_value(wd, start, end, text, st)
    for word, off in lx.DAY_DEICTICS.items():
        if word in low:
            if st.anchor is None:
                return "XXXX-XX-XX", None
            return rs.day(st.anchor + timedelta(days=off)), None
    if st.ref_day is None:
        return "XXXX-XX-XX", None
    if st.anchor is not None and st.ref_day < st.anchor:
        tense, cue = rs.tense_cue(text, start, end)
        if tense == rs.FUTURE:  # "will read the names at 8:46 a.m." after a date long past:
            return rs.day(st.anchor), cue  # the day of writing, not the story's
    return rs.day(st.ref_day), None


_OVERNIGHT_NOUN = re.compile(
    r"[ \t]+(?i:rates?|lending|repo|deposits?|loans?|index|swaps?|funding|borrowing|interbank"
    r"|stays?|bags?|trains?|sleeper|flights?|shifts?|bus|buses|ferry|ferries|camps?|guests?"
    r"|visits?|success|sensation|star|parking|oats|lows?|highs?|temperatures?|frost)\b"
)


def _h_partday(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    if low.startswith("the ") and _OF_DAY.match(text, m.end()):
        return None  # "the morning of Nov. 8": TimeBank marks the date alone
    if low == "midday":
        base = st.ref_day
        return _Res(TimexType.TIME, (rs.day(base) if base else "XXXX-XX-XX") + "T12:00")
    words = low.replace("-", " ").split()
    shift = lx.DAY_DEICTICS.get(words[-1])
    if shift is not None:  # "mid-afternoon yesterday": the part of the day named
        words.pop()
    part = lx.PARTS_OF_DAY.get(words[-1])
    if part is None:
        return None
    base = st.ref_day
    if shift is not None and st.anchor is not None:
        base = st.anchor + timedelta(days=shift)
    if low == "overnight":
        if _OVERNIGHT_NOUN.match(text, m.end()):
            return None  # "the overnight rate", "an overnight stay": a kind of thing, no time
        return _Res(TimexType.TIME, (rs.day(base) if base else "XXXX-XX-XX") + "TNI")
    return _Res(TimexType.TIME, (rs.day(base) if base else "XXXX-XX-XX") + "T" + part)


_EDGES_LONGEST_FIRST = sorted(lx.DAY_EDGES, key=len, reverse=True)


def _h_dayedge(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """ "since dawn", "by nightfall": the part of the day the edge falls in, on the day the
    story is on (with a day after it, "at dawn on Thursday", the day alone is marked)."""
    low = _low(m)
    word = next(w for w in _EDGES_LONGEST_FIRST if low.startswith(w))
    base = _day_part(m.group(0)[len(word):], m.start(), m.end(), text, st)
    if base is None:
        return None
    return _Res(TimexType.TIME, base[0] + "T" + lx.DAY_EDGES[word], cue=base[1])
