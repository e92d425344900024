"""Find temporal expressions in a text and resolve them to TimeML values.

``extract`` scans the text once with the master pattern; each match is handed
to the resolver of its rule, which returns a value (or rejects the match as a
false positive). A small state follows the narrative: the last date mentioned
(for "the next day", "a year earlier") and the last quarter (for the
"year-ago quarter" of earnings reports).

With no anchor, expressions that need one keep an unresolved TimeML value
with X placeholders ("XXXX-WXX-1" for "Monday", "XXXX-XX-XX" for "yesterday",
"XXXX-11-23" for "November 23"); absolute ones ("Nov. 23, 2015") resolve.

The shared state is in ``state`` and the text helpers in ``parsing``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsline.models import Granularity, Timex, TimexType
from newsline.temporal import lexicon as lx
from newsline.temporal import patterns as pt
from newsline.temporal import resolve as rs
from newsline.temporal.parsing import (
    _NAME_AFTER,
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
    _year_of,
)
from newsline.temporal.state import _ref_in_sentence, _Res, _State
from newsline.temporal.timex import granularity_of

_PREPS_FOR_AMBIGUOUS_MONTH = frozenset({
    "in", "since", "until", "till", "by", "of", "from", "through", "to", "before", "after",
    "during", "early", "late", "mid", "last", "next", "this", "and", "or", "between",
    "each", "every", "on", "throughout", "for",
})
_NOT_WEEKDAY_AFTER = re.compile(
    r"\s+(?:" + "|".join(w.capitalize() for w in lx.WEEKDAY_NAME_FOLLOWERS if " " not in w)
    + r")\b"
)
_BEFORE_VERB_LAST = frozenset({"will", "would", "to", "could", "may", "might", "can", "should",
                               "and", "must", "not", "won't", "'ll", "did", "didn't"})
_ADJ_DURATION_NOUNS = re.compile(
    r"\s+(?:news|service|clock|hotline|coverage|access|operation|channel|cycle|day-care)\b"
)
_ATTRIBUTIVE = re.compile(r"[ \t]+(?!(?:and|or|in|on|at|for|to|from|with|by|since|as|"
                          r"until|through|basis|so)\b)[a-z]{3,}")
_YEAR_COMPARED = re.compile(r"(?i)\b(?:compared\s+with|from|versus|vs\.|against)\b[^.;,]*$")
_ROUND_THE_CLOCK = re.compile(r"(?:24|twenty-four|twenty four)\s+hours\s+a\s+day\b"
                             r"|(?:7|seven)\s+days\s+a\s+week\b|365\s+days\s+a\s+year\b")
_MODALS = frozenset({"will", "would", "could", "might", "may", "can", "should", "must",
                     "shall", "'ll"})
_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they"})
_ADJ_FRACTION = re.compile(r"(?i)\b(?:one|two|three)[\s-]+(?:quarters?|halves|half)\b")
_AGE = re.compile(r"(?i)\s*(?:-|\s)old\b")
_RATE_BEFORE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                          r"dozen|hundred|thousand|million|billion|times|once|twice|cents?|"
                          r"dollars?|flights|seats|hours|percent|%))\W*$", re.I)


# TimeBank extents leave out hedges and the article of a decade ("about five
# hours", "the 1960s", "early Friday morning" -> "Friday morning").
_HEDGE = r"(?:(?:about|only|just|over|barely|almost|right|well over|just over|just under)\s+)"
_TRIM_LEAD = {
    "dur": re.compile(r"(?i)" + _HEDGE + "+"),
    "ago": re.compile(r"(?i)" + _HEDGE + "+"),
    "ref": re.compile(r"(?i)right\s+"),
    "weekday": re.compile(r"(?i)(?:early|late|earlier|later)\s+"),
}


def parse_anchor(anchor: date | str | None) -> date | None:
    """Accept a date, an ISO string (a time part is ignored) or None."""
    if anchor is None or isinstance(anchor, date):
        return anchor
    s = str(anchor).strip()
    if not s:
        return None
    return date.fromisoformat(s[:10])


def extract(text: str, anchor: date | str | None) -> list[Timex]:
    """Every temporal expression of ``text``, sorted by start, non-overlapping.

    ``anchor`` is the publication date that relative expressions are resolved
    against; see the module docstring for what happens without one.
    """
    a = parse_anchor(anchor)
    st = _State(anchor=a, ref=a.isoformat() if a else None, ref_day=a)
    # Evidence: a handler that counted from the narrative's last date says so in
    # its result; every other value was computed from the publication date.
    dct = a.isoformat() if a else None
    out: list[Timex] = []
    last_end = 0
    for m in pt.MASTER.finditer(text):
        rule = m.lastgroup
        if rule is None or rule == "skip" or m.start() < last_end:
            continue
        st.pos = m.start()
        res = _HANDLERS[rule](m, text, st)
        if res is None:
            alt = _fallback(text, m, rule, st)
            if alt is None:
                continue
            m, rule, res = alt
        s, e = m.start() + res.start_trim, m.end() - res.end_trim
        if rule in _TRIM_LEAD:
            lead = _TRIM_LEAD[rule].match(text, s, e)
            if lead and lead.end() < e:
                s = lead.end()
        value = res.value
        gran = granularity_of(value) if res.type in (TimexType.DATE, TimexType.TIME) else None
        if res.type is TimexType.TIME and value[:10].count("-") == 2 and "T" in value:
            gran = Granularity.DAY
        out.append(Timex(start=s, end=e, text=text[s:e], type=res.type, value=value,
                         granularity=gran, rule=rule, cue=res.cue,
                         anchor=res.anchor if res.anchor is not None else dct))
        last_end = e
        if res.remember:
            _remember(st, value)
            st.ref_end = e
            if st.quarter is not None and value.endswith(f"Q{st.quarter[1]}"):
                st.quarter_end = e
        if rule == "full" and gran is Granularity.DAY:
            second = _second_day(text, e, value)
            if second is not None:
                s2, e2, v2 = second
                out.append(Timex(start=s2, end=e2, text=text[s2:e2], type=TimexType.DATE,
                                 value=v2, granularity=Granularity.DAY, rule="full",
                                 cue=res.cue, anchor=value))
                last_end = e2
    return out


_SECOND_DAY = re.compile(r"[ \t]+(?:and|or|&)[ \t]+((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\b"
                         r"(?![\d,.]\d|[ \t]*(?:%|percent|[ap]\.?m\b|:|-|/))")


def _second_day(text: str, end: int, value: str) -> tuple[int, int, str] | None:
    """ "April 24 and 25": the bare second day shares the first one's month and year."""
    dm = _SECOND_DAY.match(text, end)
    if dm is None:
        return None
    first = date.fromisoformat(value[:10])
    d = int(re.match(r"\d+", dm.group(1)).group(0))  # type: ignore[union-attr]
    if d <= first.day:
        return None
    second = rs.safe_date(first.year, first.month, d)
    if second is None:
        return None
    return dm.start(1), dm.end(1), rs.day(second)


def _fallback(text: str, m: re.Match[str], rule: str,
              st: _State) -> tuple[re.Match[str], str, _Res] | None:
    """When a handler rejects a match, let the later rules try the same spot.

    "half an hour" first looks like the start of "the first half"; the quarter
    rule says no and the duration rule gets its turn.
    """
    for name in pt.RULE_NAMES[pt.RULE_NAMES.index(rule) + 1:]:
        mm = pt.RULES[name].match(text, m.start())
        if mm is None or mm.end() == mm.start():
            continue
        res = _HANDLERS[name](mm, text, st)
        if res is not None:
            return mm, name, res
    return None


def _remember(st: _State, value: str) -> None:
    span = granularity_of(value)
    if span is None:
        return
    st.ref = value
    if span is Granularity.DAY:
        st.ref_day = date.fromisoformat(value[:10])
    q = re.match(r"^(\d{4})-Q([1-4])$", value)
    if q:
        # only a closed quarter becomes the topic of a report: "fourth-quarter
        # sales will rise" does not change which quarter "a year ago" compares with
        y, n = int(q[1]), int(q[2])
        if st.anchor is None or date(y + (n == 4), 1 if n == 4 else 3 * n + 1, 1) <= st.anchor:
            st.quarter = (y, n)


def extract_batch_line(obj: dict[str, object]) -> dict[str, object]:
    """One line of ``newsline dates --batch``: {"id","dct","text"} -> {"id","timexes"}."""
    text = obj.get("text")
    text = text if isinstance(text, str) else ""
    dct = obj.get("dct")
    timexes = extract(text, dct if isinstance(dct, str) and dct else None)
    return {
        "id": obj.get("id"),
        "timexes": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type.value,
             "value": t.value, "granularity": t.granularity.value if t.granularity else None,
             "rule": t.rule, "cue": t.cue}
            for t in timexes
        ],
    }


def _anchor_iso(st: _State) -> str | None:
    return st.anchor.isoformat() if st.anchor else None


def _h_time(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    if s[:4].lower() == "noon" and _prev_word(text, m.start()) == "high":
        return None  # "high noon": the moment of decision (or the film), not 12:00
    cm = pt.CLOCK_RE.match(s)
    if not cm:
        return None
    if cm.group("w"):
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
    rest = s[cm.end():]
    pm_part = re.match(r"\s+in\s+the\s+(morning|afternoon|evening)", rest)
    if pm_part:
        if pm_part.group(1) != "morning" and hh < 12:
            hh += 12
        rest = rest[pm_part.end():]
    tail = f"T{hh:02d}:{mi:02d}"
    base = _day_part(rest, m.end(), text, st)
    if base is None:
        return None
    value, cue = base
    return _Res(TimexType.TIME, value + tail, cue=cue)


def _day_part(rest: str, end: int, text: str, st: _State) -> tuple[str, str | None] | None:
    """The day a clock time or part of day belongs to (weekday, date, deictic or ref)."""
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
        return _weekday_value(wd, end - len(rest), end, text, st)
    for word, off in lx.DAY_DEICTICS.items():
        if word in low:
            if st.anchor is None:
                return "XXXX-XX-XX", None
            return rs.day(st.anchor + timedelta(days=off)), None
    if st.ref_day is None:
        return "XXXX-XX-XX", None
    return rs.day(st.ref_day), None


def _weekday_value(wd: int, start: int, end: int, text: str,
                   st: _State) -> tuple[str, str | None]:
    if st.anchor is None:
        return f"XXXX-WXX-{wd}", None
    if text.startswith(("'s", "\u2019s"), end):
        # "Wednesday's ruling": a possessive weekday names something that happened,
        # unless a cue right before says otherwise ("ahead of Tuesday's vote")
        tense, cue = rs.tense_cue(text, start, end, max_words=3)
        if tense != rs.FUTURE:
            return rs.day(rs.weekday_on_or_before(st.anchor, wd)), "'s"
        return rs.day(rs.weekday_on_or_after(st.anchor, wd)), cue
    tense, cue = rs.tense_cue(text, start, end)
    if tense == rs.FUTURE:
        d = rs.weekday_on_or_after(st.anchor, wd)
    else:
        d = rs.weekday_on_or_before(st.anchor, wd)
    return rs.day(d), cue


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
    a, b, c = s.split("/")
    y = int(c)
    if len(c) == 2:
        y += 1900 if y > 40 else 2000
    dd = rs.safe_date(y, int(a), int(b))
    if dd is None:
        return None
    return _Res(TimexType.DATE, rs.day(dd))


def _h_nthday(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """ "Today is the eighth day of the strike": a present-tense count names the anchor day."""
    if not re.search(r"(?:\b(?:is|marks?|marked)|'s)[ \t]+$", text[max(0, m.start() - 8):
                                                                     m.start()]):
        return None
    if st.anchor is None:
        return _Res(TimexType.DATE, "XXXX-XX-XX")
    return _Res(TimexType.DATE, rs.day(st.anchor))


def _h_weekof(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """"the week of March 6": the (ISO) week holding that day."""
    s = m.group(0)
    mm = pt.MONTH_RE.search(s)
    if mm is None:
        return None
    res = _h_full(pt.RULES["full"].match(text, m.start() + mm.start()) or m, text, st)
    if res is None or not re.match(r"^\d{4}-\d\d-\d\d$", res.value):
        return None
    return _Res(TimexType.DATE, rs.week(date.fromisoformat(res.value)), cue=res.cue)


def _h_full(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    mm = pt.MONTH_RE.search(s)
    if not mm:
        return None
    mo = lx.MONTHS[mm.group(0).rstrip(".").lower()]
    head = s[:mm.start()]
    tail = s[mm.end():]
    wd = _weekday_of(head) if head else None
    body_head = pt.WEEKDAY_RE.sub("", head, count=1) if wd else head
    dm = pt.DAYNUM_RE.search(body_head)
    if dm is not None:
        year_src = tail
    else:
        dm = pt.DAYNUM_RE.search(tail)
        if dm is None:
            return None
        year_src = tail[dm.end():]
    d = int(dm.group(1))
    y = _year_of(year_src)
    cue = None
    if y is None:
        if st.anchor is None:
            return _Res(TimexType.DATE, f"XXXX-{mo:02d}-{d:02d}")
        if wd:
            y = rs.year_for_weekday_date(st.anchor, mo, d, wd)
        else:
            tense, cue = rs.tense_cue(text, m.start(), m.end(), max_words=4)
            y = rs.year_for_month_day(st.anchor, mo, d, tense)
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


_QNUM = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
         "4th": 4, "final": 4, "last": 4}


_ENDED = re.compile(r"[ \t]+(?:that\s+)?(?:ended|ending|ends|closed)\s+(?:on\s+)?("
                    + pt.MONTH_ANY + r")\s+(" + pt.DAYNUM + r")(?:,?\s+(" + pt.YEAR4 + r"))?")


def _ended(text: str, end: int, st: _State) -> date | None:
    """The closing day of "the quarter ended Sept. 30", "the year ending June 30".

    Earnings reports name a period by its last day; without a year, that day is
    the latest one not after the anchor (a report looks back on a closed period).
    """
    em = _ENDED.match(text, end)
    if em is None:
        return None
    mo = lx.MONTHS.get(em.group(1).rstrip(".").lower())
    dm = pt.DAYNUM_RE.match(em.group(2))
    if mo is None or dm is None:
        return None
    d = int(dm.group(1))
    if em.group(3):
        return rs.safe_date(int(em.group(3)), mo, d)
    if st.anchor is None:
        return None
    return rs.safe_date(rs.year_for_month_day(st.anchor, mo, d, rs.PAST), mo, d)


def _quarter_of_period(last: date) -> tuple[int, int]:
    """The calendar quarter holding most of the three months that end on ``last``."""
    mid = last - timedelta(days=45)
    return mid.year, (mid.month - 1) // 3 + 1


def _h_quarter(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    words = re.split(r"[\s-]+", low)
    half = words[-1] == "half" or " half " in f" {low} "
    mods = set(words)
    ords = [_QNUM[w] for i, w in enumerate(words) if w in _QNUM and not (
        w == "last" and words[i + 1:i + 2] in (["year"], ["year's"]))]  # "last year's quarter"
    if _ADJ_FRACTION.search(text, max(0, m.start() - 12), m.start() + 1) and not ords:
        return None
    if "fiscal year" in low:
        fy = _year_of(m.group(0))
        if fy is not None:
            return _Res(TimexType.DATE, f"{fy:04d}")
        if "latest" in mods or "previous" in mods or "prior" in mods:
            return _Res(TimexType.DATE, f"{st.anchor.year - 1:04d}" if st.anchor else "XXXX")
        if mods & {"this", "current"}:
            return _Res(TimexType.DATE, f"{st.anchor.year:04d}" if st.anchor else "XXXX")
        return _Res(TimexType.DURATION, "P1Y")
    if words[-1] == "period":
        y0 = _year_of(m.group(0))
        if y0 is not None:
            # "the 1988 period" of a quarterly report is that year's same quarter
            if st.near_quarter() is not None:
                return _Res(TimexType.DATE, f"{y0:04d}-Q{st.quarter[1]}",  # type: ignore[index]
                            remember=False)
            return _Res(TimexType.DATE, f"{y0:04d}")
        if not (mods & {"latest", "year-ago", "year-earlier", "ago", "earlier", "comparable",
                        "same", "corresponding", "current", "recent"}):
            return None
    if half and not ords:
        return None
    if not ords and not (mods & {"the", "fiscal", "latest", "current", "recent", "comparable",
                                 "year-ago", "year-earlier", "previous", "prior", "same",
                                 "corresponding", "earlier", "ago", "this", "that"}
                             or "last year" in low):
        return None
    if not ords and words[:2] == ["the", "quarter"] and low != "the quarter":
        pass
    if st.anchor is None:
        y_anchor = None
    else:
        y_anchor = st.anchor.year
    y = _year_of(m.group(0))
    if y is None and y_anchor is not None:
        y = y_anchor
        if "last year's" in low or "last year" in low:
            y -= 1
        elif "next year's" in low or "next year" in low:
            y += 1
    ago = bool(mods & {"year-ago", "year-earlier", "ago", "earlier"})
    if half:
        if y is None:
            return _Res(TimexType.DATE, f"XXXX-H{1 if ords[0] == 1 else 2}")
        return _Res(TimexType.DATE, f"{y - (1 if ago else 0):04d}-H{1 if ords[0] == 1 else 2}")
    # a quarter already under discussion wins: companies name fiscal quarters
    closing = None if ords or half or st.near_quarter() else _ended(text, m.end(), st)
    if closing is not None and words[-1] in ("quarter", "period"):
        cy, cq = _quarter_of_period(closing)
        return _Res(TimexType.DATE, f"{cy - (1 if ago else 0):04d}-Q{cq}")
    if ords:
        q = ords[0]
        if (st.anchor is not None and y == st.anchor.year and not ago
                and _year_of(m.group(0)) is None and "next" not in low
                and date(y, 3 * q - 2, 1) > st.anchor):
            tense, _c = rs.tense_cue(text, m.start(), m.end())
            if tense != rs.FUTURE:
                y -= 1
    elif "that" in mods and st.quarter is not None:
        return _Res(TimexType.DATE, f"{st.quarter[0]:04d}-Q{st.quarter[1]}")
    elif mods & {"current", "this"} and st.anchor is not None:
        q = (st.anchor.month - 1) // 3 + 1
    elif st.quarter is not None:
        y, q = st.quarter
        if "last year" in low and _year_of(m.group(0)) is None:
            ago = True  # "the corresponding period last year", "last year's quarter"
        if ago:
            return _Res(TimexType.DATE, f"{y - 1:04d}-Q{q}", remember=False)
        return _Res(TimexType.DATE, f"{y:04d}-Q{q}")
    elif st.anchor is not None:
        k = st.anchor.year * 4 + (st.anchor.month - 1) // 3 - 1
        y, q = k // 4, k % 4 + 1
    else:
        return _Res(TimexType.DATE, "XXXX-QX")
    if y is None:
        return _Res(TimexType.DATE, f"XXXX-Q{q}")
    if ago:
        return _Res(TimexType.DATE, f"{y - 1:04d}-Q{q}", remember=False)
    return _Res(TimexType.DATE, f"{y:04d}-Q{q}")


def _h_qcode(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    q = int(s[1])
    y = _year_of(s)
    if y is None:
        if st.anchor is None:
            return _Res(TimexType.DATE, f"XXXX-Q{q}")
        y = st.anchor.year
    return _Res(TimexType.DATE, f"{y:04d}-Q{q}")


def _h_narr(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    if low in ("the day before", "the day after") and re.match(r"[ \t]+[A-Za-z]",
                                                              text[m.end():m.end() + 3]):
        # "before" governs what follows ("the day before the plunge"): only "the day"
        # is the expression, and it is a date only in apposition ("Oct. 12, the day
        # before the plunge"), where it restates the date just named
        if st.ref_day is None or not re.search(r"\d\W{0,3},\s*$",
                                               text[max(0, m.start() - 6):m.start()]):
            return None
        return _Res(TimexType.DATE, rs.day(st.ref_day), end_trim=len(m.group(0)) - 7,
                    remember=False)
    ref_day = st.ref_day
    ref = st.ref
    wd = _weekday_of(m.group(0))
    if ref_day is None or ref is None:
        if wd:
            return _Res(TimexType.DATE, f"XXXX-WXX-{wd}")
        return _Res(TimexType.DATE, "XXXX-XX-XX")
    if wd:
        if "previous" in low or "prior" in low:
            d = rs.weekday_on_or_before(ref_day - timedelta(days=1), wd)
        else:
            d = rs.weekday_on_or_after(ref_day + timedelta(days=1), wd)
        return _Res(TimexType.DATE, rs.day(d), anchor=rs.day(ref_day))
    n = 0
    if any(k in low for k in ("next", "following", "after", "later")):
        n = 1
    if any(k in low for k in ("previous", "before", "prior", "earlier")):
        n = -1
    if "earlier that" in low or "later that" in low:
        n = 0
    if low == "last night":
        if st.anchor is None:
            return _Res(TimexType.TIME, "XXXX-XX-XXTNI")
        return _Res(TimexType.TIME, rs.day(st.anchor - timedelta(days=1)) + "TNI")
    if "yesterday" in low and st.anchor:
        return _Res(TimexType.DATE, rs.day(st.anchor - timedelta(days=2)))
    if "tomorrow" in low and st.anchor:
        return _Res(TimexType.DATE, rs.day(st.anchor + timedelta(days=2)))
    ref_year = int(ref[:4]) if ref[:4].isdigit() else ref_day.year
    if low.endswith("year"):
        return _Res(TimexType.DATE, f"{ref_year + n:04d}", anchor=ref)
    if low.endswith("month"):
        base = ref if re.match(r"^\d{4}-\d{2}", ref) else rs.day(ref_day)
        y, mo = rs.add_months(int(base[:4]), int(base[5:7]), n)
        return _Res(TimexType.DATE, rs.month(y, mo), anchor=ref)
    if low.endswith("week"):
        return _Res(TimexType.DATE, rs.week(ref_day + timedelta(weeks=n)), anchor=rs.day(ref_day))
    if low.endswith("morning"):
        return _Res(TimexType.DATE, rs.day(ref_day + timedelta(days=n)), anchor=rs.day(ref_day))
    return _Res(TimexType.DATE, rs.day(ref_day + timedelta(days=n)), anchor=rs.day(ref_day))


_REL_DIR = {"this": 0, "next": 1, "last": -1, "past": -1, "coming": 1, "previous": -1,
            "the past": -1, "the last": -1, "the next": 1, "the coming": 1,
            "this past": -1, "the previous": -1}


def _h_rel(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    low = re.sub(r"^(?:early|late|mid|middle|earlier|later|the end of|the beginning of|"
                 r"the start of|the middle of|end of|start of|beginning of|the early|the late|"
                 r"the mid|sometime|around)[\s-]+", "", low)
    dm = re.match(r"^(this past|the past|the last|the next|the coming|the previous|this|next|"
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
    if head in ("decade",) and det in ("the past", "past"):
        return _Res(TimexType.DURATION, "P10Y")
    if a is None:
        return _Res(TimexType.DATE, _unresolved_rel(head))
    wd = lx.WEEKDAYS.get(head)
    if wd:
        if det in ("last", "this past", "past", "the past", "the last", "previous",
                   "the previous"):
            d = rs.weekday_on_or_before(a - timedelta(days=1), wd)
            cue = det
        elif det in ("next", "coming", "the next", "the coming"):
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
        return _Res(TimexType.DATE, _season_value(a, season, n))
    unit = {"week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
            "fiscal year": "Y", "school year": "Y", "weekend": "WE"}.get(head)
    if unit is None:
        return None
    if unit == "WE":
        base = a + timedelta(weeks=n)
        return _Res(TimexType.DATE, rs.week(base) + "-WE")
    if (unit == "Y" and n == -1 and det == "last" and st.near_quarter() is not None
            and not pm and _YEAR_COMPARED.search(text, max(0, m.start() - 60), m.start())):
        # "earnings of $33 million last year" in a quarterly report: the year-ago quarter
        y, q = st.quarter  # type: ignore[misc]
        return _Res(TimexType.DATE, f"{y - 1:04d}-Q{q}", remember=False)
    return _Res(TimexType.DATE, _shift(a, unit, n))


def _unresolved_rel(head: str) -> str:
    wd = lx.WEEKDAYS.get(head)
    if wd:
        return f"XXXX-WXX-{wd}"
    mo = lx.MONTHS.get(head)
    if mo:
        return f"XXXX-{mo:02d}"
    if head in lx.SEASONS:
        return f"XXXX-{lx.SEASONS[head]}"
    return {"week": "XXXX-WXX", "month": "XXXX-XX", "weekend": "XXXX-WXX-WE"}.get(head, "XXXX")


# "about two weeks ago": the hedge is not part of the quantity (longest hedge first).
_LEAD_HEDGE = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in sorted(lx.APPROX_WORDS, key=len, reverse=True))
    + r")\s+"
)


def _h_ago(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    um = _UNIT_IN.search(low)
    if um is None:
        return None
    unit = _unit(um.group(1))
    qty_text = low[:um.start()]
    qty_text = _LEAD_HEDGE.sub("", qty_text)
    vague = bool(re.match(r"^(?:a few|few|several|many|some|a number of)\b", qty_text)) or (
        not qty_text.strip())
    n = None if vague else _number(qty_text)
    if n is not None and re.search(r"\d\s*(?:to|or|-)\s*\d|\b(?:to|or)\b", qty_text):
        n = None
    direction = -1 if re.search(r"\b(?:ago|earlier|before)\b", low) else 1
    relative_to_ref = bool(re.search(r"\b(?:earlier|later|before that|after that)\b", low))
    if unit in ("H", "MIN", "S"):
        if relative_to_ref:
            tm = re.search(r"\s+(?:earlier|later|before that|after that)$", m.group(0), re.I)
            if "and a half" in low and n is not None:
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
        if unit == "Y" and st.ref[:4].isdigit():
            return _Res(TimexType.DATE, f"{int(st.ref[:4]) + k:04d}", anchor=st.ref,
                        remember=False)
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
    if unit == "DE":
        return _Res(TimexType.DATE, f"{st.anchor.year + 10 * k:04d}")
    if unit == "CE":
        return _Res(TimexType.DATE, f"{st.anchor.year + 100 * k:04d}")
    return _Res(TimexType.DATE, _shift(st.anchor, unit, k), anchor=_anchor_iso(st))


def _h_yearago(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    om = re.search(r"(first|second|third|fourth)\s+quarter", low)
    if om and st.anchor is not None:
        q = _QNUM[om.group(1)]
        y = (st.quarter[0] if st.quarter else st.anchor.year) - 1
        return _Res(TimexType.DATE, f"{y:04d}-Q{q}", remember=False)
    if st.quarter is not None:
        y, q = st.quarter
        return _Res(TimexType.DATE, f"{y - 1:04d}-Q{q}", remember=False)
    if st.anchor is None:
        return _Res(TimexType.DATE, "XXXX")
    if low.endswith("month"):
        y, mo = rs.add_months(st.anchor.year, st.anchor.month, -12)
        return _Res(TimexType.DATE, rs.month(y, mo))
    return _Res(TimexType.DATE, f"{st.anchor.year - 1:04d}")


def _h_dur(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    low = _low(m)
    if _ADJ_DURATION_NOUNS.match(text, m.end()) or _AGE.match(text, m.end()):
        return None
    if re.search(r"-(?:year|month|week|day)-old$", low):
        return None  # "the 6-year-old boy": an age
    if _ROUND_THE_CLOCK.match(low + text[m.end():m.end() + 10].lower()):
        return None  # "24 hours a day", "seven days a week": always, not a length
    if s[:1].isdigit() and re.search(r"\s[A-Z][a-z]+$", s):
        return None  # "CBS's '60 Minutes'": a title
    if re.match(r"^(?:a|an|one)\s+(?:second|day|week|month|year|quarter|hour|minute)$", low):
        if low.startswith("a second"):
            return None
        if low == "one day":
            prev = _prev_word(text, m.start())
            if prev in _MODALS:
                return _Res(TimexType.DATE, "FUTURE_REF")  # "Islam will one day be ..."
            if not prev or prev[0].isupper() or re.search(r"[.!?,;:\"'`]\s*$", text[
                    max(0, m.start() - 3):m.start()]) or prev in _PRONOUNS:
                return None  # "One day, he ...": a story's some day, not a length
        if _RATE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            return None
    if re.search(r"\b(?:a|one|two|three)[\s-]+(?:quarters?|halves)", low) and re.match(
            r"\s+of\b", text[m.end():m.end() + 5]):
        return None
    units = list(_UNIT_IN.finditer(low))
    if not units:
        return None
    um = units[-1]
    verb = re.match(r"(?i)last\s+", s)
    if verb and _prev_word(text, m.start()) in _BEFORE_VERB_LAST:
        # "talks will last three days": the verb, not "the last three days"
        inner = pt.RULES["dur"].match(text, m.start() + verb.end())
        sub = _h_dur(inner, text, st) if inner else None
        if sub is None or inner is None or inner.end() != m.end():
            return None
        return _Res(sub.type, sub.value, start_trim=verb.end() + sub.start_trim)
    unit = _unit(um.group(1))
    qty = low[:um.start()]
    trim = 0
    # "the nearly five-year conflict": an adjective keeps its modifiers outside
    adj = re.search(r"([\w.]+)-" + re.escape(um.group(1)) + r"\b", s, re.I)
    if adj and not um.group(1).lower().endswith("s") or (adj and low.endswith("-long")):
        trim = adj.start(1)
        qty = adj.group(1).lower()
    qty = re.sub(r"\b(?:the|past|last|next|first|final|coming|previous|following|remaining|"
                 r"entire|full|this|more|full|straight|consecutive|long|about|around|"
                 r"approximately|nearly|almost|roughly|more than|less than|fewer than|"
                 r"at least|at most|up to|over|no more than|no less than|just|well|only|"
                 r"under|barely|additional)\b", " ", qty).strip()
    vague = bool(re.match(r"^(?:a few|few|several|many|some|a number of)\b", qty))
    ranged = bool(re.search(r"\d\s*(?:to|or|-)\s*\d|\b(?:to|or)\b", qty))
    n = None if (vague or ranged) else _number(qty)
    if n is None and not (vague or ranged):
        if not qty or qty in ("a", "an", "the", "another"):
            n = 1.0
        else:
            return None
    if n is not None and n > 10000:
        return None
    if n is not None and n == 0:
        return None
    if "and a half" in low and n is not None:
        n += 0.5
    return _Res(TimexType.DURATION, _duration_value(n, unit), start_trim=trim)


def _h_durvague(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    um = _UNIT_IN.search(low)
    if um is None:
        return None
    unit = _unit(um.group(1))
    if low in ("years", "decades", "months", "weeks"):
        prev = _prev_word(text, m.start())
        if prev not in ("for", "in", "over", "within", "took", "lasted", "spent", "after"):
            return None
    if "recent" in low and unit in ("Y",) and low.startswith("recent"):
        return _Res(TimexType.DATE, "PAST_REF")
    return _Res(TimexType.DURATION, _duration_value(None, unit))


def _h_deictic(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    if _in_name(text, m):
        return None
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
            if "that" in low:
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


def _h_weekday(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    if _NOT_WEEKDAY_AFTER.match(text, m.end()):
        return None
    wd = _weekday_of(s)
    if wd is None:
        return None
    pm = pt.PART_RE.search(s)
    if st.anchor is None:
        v, cue = f"XXXX-WXX-{wd}", None
    else:
        v, cue = _weekday_value(wd, m.start(), m.end(), text, st)
    if pm:
        part = pm.group(0).lower()
        if s.lower().endswith("s"):
            return _Res(TimexType.SET, f"XXXX-WXX-{wd}T" + lx.PARTS_OF_DAY[part])
        return _Res(TimexType.TIME, v + "T" + lx.PARTS_OF_DAY[part], cue=cue)
    return _Res(TimexType.DATE, v, cue=cue)


def _h_decade(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    wm = re.search(r"(nineteen[\s-]+)?(twenties|thirties|forties|fifties|sixties|seventies|"
                   r"eighties|nineties)$", low)
    if wm:
        digit = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                 "eighties", "nineties"].index(wm.group(2)) + 2
        cent = 19 if (wm.group(1) or not st.anchor) else st.anchor.year // 100
        if not wm.group(1) and st.anchor and digit * 10 > st.anchor.year % 100:
            cent -= 1
        return _Res(TimexType.DATE, f"{cent}{digit}")
    dm = re.search(r"(1[0-9]|20|')?(\d)0(?:'s|s)$", low)
    if dm is None:
        return None
    head = dm.group(1)
    if head is None:
        return None  # "in their 20s": ages, not a decade
    if head == "'":
        base = st.anchor.year // 100 if st.anchor else 19
        if st.anchor and int(dm.group(2)) * 10 > st.anchor.year % 100:
            base -= 1
        head = str(base)
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
        return _Res(TimexType.DATE, f"{y:04d}-{code}")
    if st.anchor is None:
        return _Res(TimexType.DATE, f"XXXX-{code}")
    n = 0
    if re.search(r"\b(?:last|this past)\b", low):
        n = -1
    elif "next" in low:
        n = 1
    elif low.startswith("the ") or " the " in low:
        tense, _cue = rs.tense_cue(text, m.start(), m.end())
        return _Res(TimexType.DATE, f"{st.anchor.year:04d}-{code}", cue=_cue)
    return _Res(TimexType.DATE, _season_value(st.anchor, code, n))


def _h_holiday(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    if st.anchor is None:
        return None
    tense, cue = rs.tense_cue(text, m.start(), m.end())
    n = 0
    if low.startswith(("last ", "next ")):
        n = -1 if low.startswith("last") else 1
        low = low.split(None, 1)[1]
        tense = rs.PAST if n < 0 else rs.FUTURE
        cue = m.group(0).split()[0]
    if low.startswith("thanksgiving"):
        y = st.anchor.year
        d = rs.nth_weekday(y, 11, 4, 4)
        if tense == rs.PAST and d >= st.anchor:
            d = rs.nth_weekday(y - 1, 11, 4, 4)
        elif tense == rs.FUTURE and d <= st.anchor:
            d = rs.nth_weekday(y + 1, 11, 4, 4)
        return _Res(TimexType.DATE, rs.day(d), cue=cue)
    key = low
    if key not in lx.HOLIDAYS:
        return None
    mo, dd = lx.HOLIDAYS[key]
    y = rs.year_for_month_day(st.anchor, mo, dd, tense)
    return _Res(TimexType.DATE, rs.day(date(y, mo, dd)), cue=cue)


def _h_year(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    low = s.lower()
    y = _year_of(s)
    if y is None:
        return None
    if pt.YEAR4_RE.search(s) and not re.search(r"[a-z]", low.split(str(y))[0]):
        # a bare four-digit number: reject counts ("2000 troops") and addresses
        nxt = text[m.end():m.end() + 20]
        if re.match(r"\s+(?:people|troops|soldiers|men|women|workers|jobs|shares|members|"
                    r"cars|units|employees|feet|meters|metres|miles|tons|points|votes|"
                    r"residents|students|police|acres|pounds|barrels|copies|homes|times|"
                    r"[a-z]+ (?:people|troops))\b", nxt):
            return None
        prev = text[max(0, m.start() - 12):m.start()]
        if re.search(r"(?:No\.|Room|Suite|Flight|flight|Route|route|about|some|nearly|"
                     r"\$|#)\s*$", prev):
            return None
        if st.anchor is not None and y > st.anchor.year + 60:
            return None
        if _in_name(text, m) or _after_name(text, m.start()):
            return None  # "House Resolution 1776", "Orion 1980"
    for name, code in lx.SEASONS.items():
        if re.search(r"\b" + name + r"\b", low):
            return _Res(TimexType.DATE, f"{y:04d}-{code}")
    if re.search(r"\bfirst (?:half|two quarters)\b", low):
        return _Res(TimexType.DATE, f"{y:04d}-H1")
    if re.search(r"\b(?:second|last|latter|final) (?:half|two quarters)\b", low):
        return _Res(TimexType.DATE, f"{y:04d}-H2")
    return _Res(TimexType.DATE, f"{y:04d}")


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


def _h_yearend(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    if st.anchor is None:
        return _Res(TimexType.DATE, "XXXX")
    y = st.anchor.year + (-1 if "last year" in low else 1 if "next year" in low else 0)
    if "month" in low:
        return _Res(TimexType.DATE, rs.month(st.anchor.year, st.anchor.month))
    if "week" in low:
        return _Res(TimexType.DATE, rs.week(st.anchor))
    if "quarter" in low:
        q = st.quarter or (st.anchor.year, (st.anchor.month - 1) // 3 + 1)
        return _Res(TimexType.DATE, f"{q[0]:04d}-Q{q[1]}")
    if "century" in low:
        return _Res(TimexType.DATE, f"{st.anchor.year // 100:02d}")
    if "decade" in low:
        return _Res(TimexType.DATE, f"{st.anchor.year // 10:03d}")
    return _Res(TimexType.DATE, f"{y:04d}")


_SET_UNITS = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "quarter": "P1Q",
              "morning": "XXXX-XX-XXTMO", "evening": "XXXX-XX-XXTEV",
              "night": "XXXX-XX-XXTNI", "afternoon": "XXXX-XX-XXTAF",
              "weekend": "XXXX-WXX-WE", "summer": "XXXX-SU", "winter": "XXXX-WI",
              "spring": "XXXX-SP", "fall": "XXXX-FA"}


def _h_set(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    if low in lx.FREQUENCIES:
        if low in ("quarterly", "monthly", "weekly", "yearly") and _ATTRIBUTIVE.match(
                text, m.end()):
            return None  # "its quarterly dividend": a kind of payment, not a time
        if re.match(r"[ \t]+of\b", text[m.end():m.end() + 4]):
            return None  # "an initial quarterly of five cents": the dividend itself
        if low == "daily" and _prev_word(text, m.start()) == "average":
            return None  # "average daily volume": a statistic, not a recurrence
        if low in ("annually", "yearly") and re.search(r"%\s*$|\bpercent\s*$",
                                                       text[max(0, m.start() - 12):m.start()]):
            return None  # "to rise 8.5% annually": a growth rate, not a schedule
        return _Res(TimexType.SET, lx.FREQUENCIES[low])
    last = low.split()[-1]
    pm = pt.PART_RE.search(m.group(0))
    if pm and len(low.split()) > 2:
        wd2 = lx.WEEKDAYS.get(low.split()[-2])
        if wd2:
            return _Res(TimexType.SET, f"XXXX-WXX-{wd2}T{lx.PARTS_OF_DAY[pm.group(0).lower()]}")
    wd = lx.WEEKDAYS.get(last)
    if wd:
        return _Res(TimexType.SET, f"XXXX-WXX-{wd}")
    um = _UNIT_IN.fullmatch(last)
    if um and last.endswith("s"):
        n = _number(" ".join(low.split()[1:-1]))
        if n is None:
            return None
        return _Res(TimexType.SET, _duration_value(n, _unit(last)))
    mo = lx.MONTHS.get(last)
    if mo:
        return _Res(TimexType.SET, f"XXXX-{mo:02d}")
    v = _SET_UNITS.get(last)
    if v is None:
        return None
    if "other" in low and v.startswith("P1"):
        v = "P2" + v[2:]
    return _Res(TimexType.SET, v)


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


def _h_partday(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    if low == "midday":
        base = st.ref_day
        return _Res(TimexType.TIME, (rs.day(base) if base else "XXXX-XX-XX") + "T12:00")
    part = lx.PARTS_OF_DAY.get(low.split()[-1])
    if part is None:
        return None
    base = st.ref_day
    if low == "overnight":
        return _Res(TimexType.TIME, (rs.day(base) if base else "XXXX-XX-XX") + "TNI")
    return _Res(TimexType.TIME, (rs.day(base) if base else "XXXX-XX-XX") + "T" + part)


def _h_month(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    mm = pt.MONTH_RE.search(s)
    if mm is None:
        return None
    name = mm.group(0).rstrip(".").lower()
    mo = lx.MONTHS[name]
    if mm.start() == 0 and _NAME_AFTER.match(text, m.end()) and not re.match(
            r"[ \t]+(?:" + "|".join(w.capitalize() for w in lx.WEEKDAYS if len(w) > 5)
            + r")\b", text[m.end():m.end() + 12]):
        return None  # "April Moreno", "June Hartley": a first name
    if name in lx.AMBIGUOUS_MONTHS and mm.start() == 0:
        prev = _prev_word(text, m.start())
        if prev not in _PREPS_FOR_AMBIGUOUS_MONTH:
            return None
    if st.anchor is None:
        return _Res(TimexType.DATE, f"XXXX-{mo:02d}")
    tense, cue = rs.tense_cue(text, m.start(), m.end(), max_words=4)
    y = rs.year_for_month_day(st.anchor, mo, 15 if mo != st.anchor.month else st.anchor.day,
                              tense)
    return _Res(TimexType.DATE, rs.month(y, mo), cue=cue)


def _h_yearword(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    head = low.split()[-1]
    a = st.anchor
    if head == "year":
        if re.match(r"\s+(?:before|after|earlier|later)\b", text[m.end():m.end() + 8]):
            return None  # "the year before": relative words we leave alone
        if re.match(r"\s+(?:ended|ending|to|through)\b", text[m.end():m.end() + 10]):
            return _Res(TimexType.DURATION, "P1Y")  # "the year ended Sept. 30": a span
        return _Res(TimexType.DATE, f"{a.year:04d}" if a else "XXXX")
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


_HANDLERS = {
    "time": _h_time, "iso": _h_iso, "nthday": _h_nthday, "weekof": _h_weekof,
    "full": _h_full, "monthyear": _h_monthyear,
    "quarter": _h_quarter, "qcode": _h_qcode, "narr": _h_narr, "rel": _h_rel, "ago": _h_ago,
    "yearago": _h_yearago, "dur": _h_dur, "durvague": _h_durvague, "deictic": _h_deictic,
    "weekday": _h_weekday, "decade": _h_decade, "century": _h_century, "season": _h_season,
    "holiday": _h_holiday, "year": _h_year, "yearend": _h_yearend, "set": _h_set,
    "ref": _h_ref, "partday": _h_partday, "month": _h_month, "yearword": _h_yearword,
}
