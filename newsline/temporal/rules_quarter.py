"""Rule handlers for quarters, halves and fiscal periods (the language of earnings reports).

"The year-ago quarter" and "the 1988 period" compare with the quarter under
discussion (``_State.quarter``); "the quarter ended Sept. 30" is named by its
last day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsline.models import TimexType
from newsline.temporal import lexicon as lx
from newsline.temporal import patterns as pt
from newsline.temporal import resolve as rs
from newsline.temporal.parsing import _low, _year_of, month_a_year_back
from newsline.temporal.state import _Res, _State, ref_nearby

_ADJ_FRACTION = re.compile(r"(?i)\b(?:one|two|three)[\s-]+(?:quarters?|halves|half)\b")


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


_OF_WHAT = re.compile(r"[ \t]+of[ \t]+((?:the[ \t]+)?[a-z]+)")
_SENTENCE_WORDS = re.compile(r"[a-z][a-z-]*")
_SENTENCE_REACH = 300  # characters either side: a long news sentence


def _not_calendar_half(text: str, m: re.Match[str]) -> bool:
    """A half of a game (or of anything but a year): "of the match", or a match report."""
    of = _OF_WHAT.match(text, m.end())
    if of is not None:
        return not of.group(1).startswith(lx.HALF_OF_PERIODS)
    # the sentence around it, looked for within a bounded window: a text with no full
    # stops must not make each "first half" rescan everything before it
    w_lo = max(0, m.start() - _SENTENCE_REACH)
    w_hi = min(len(text), m.end() + _SENTENCE_REACH)
    lo = max(text.rfind(".", w_lo, m.start()), text.rfind("\n", w_lo, m.start()), w_lo - 1) + 1
    hi = text.find(".", m.end(), w_hi)
    near = _SENTENCE_WORDS.findall(text[lo:hi if hi >= 0 else w_hi].lower())
    return any(w in lx.SPORTS_WORDS for w in near)


_QUARTER_END_MONTHS = frozenset({"march", "june", "september", "december"})


def _quarter_year(q: int, m: re.Match[str], text: str, st: _State) -> tuple[int | None, str | None]:
    """(year, cue) of a quarter named without a year: this year's, unless it has not
    begun and nothing in the clause looks ahead (a quarter reported on has begun)."""
    if st.anchor is None:
        return None, None
    y = st.anchor.year
    starts = date(y, 3 * q - 2, 1)
    if starts > st.anchor:
        tense, cue = rs.tense_cue(text, m.start(), m.end())
        if tense == rs.FUTURE or (tense is None and (starts - st.anchor).days <= 31):
            return y, cue  # ahead, or about to begin with nothing pointing back ("see
            # further gains in the third quarter" on June 30)
        return y - 1, cue
    return y, None


def _month_quarter(mo: int, m: re.Match[str], text: str, st: _State) -> _Res:
    """ "the March quarter", "a weak December quarter": the calendar quarter that ends in
    that month; "year-ago" steps back a year."""
    q = (mo - 1) // 3 + 1
    y, cue = _year_of(m.group(0)), None
    if y is None:
        y, cue = _quarter_year(q, m, text, st)
    if y is None:
        return _Res(TimexType.DATE, f"XXXX-Q{q}")
    if re.search(r"\byear[- ](?:ago|earlier)\b", _low(m)):
        return _Res(TimexType.DATE, f"{y - 1:04d}-Q{q}", cue=cue, remember=False)
    return _Res(TimexType.DATE, f"{y:04d}-Q{q}", cue=cue)


def _h_quarter(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    words = re.split(r"[\s-]+", low)
    half = words[-1] == "half" or " half " in f" {low} "
    mods = set(words)
    ords = [_QNUM[w] for i, w in enumerate(words) if w in _QNUM and not (
        w == "last" and words[i + 1:i + 2] in (["year"], ["year's"]))]  # "last year's quarter"
    if _ADJ_FRACTION.search(text, max(0, m.start() - 12), m.start() + 1) and not ords:
        return None
    closing_month = next((lx.MONTHS[w] for w in words if w in _QUARTER_END_MONTHS), None)
    if closing_month is not None and words[-1] == "quarter" and not ords:
        return _month_quarter(closing_month, m, text, st)
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
    if half and _year_of(m.group(0)) is None and _not_calendar_half(text, m):
        return None  # "the second half of the match", "scored twice in the first half"
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
                and not re.search(r"\bof the (?:current )?year$", low)):
            y = _quarter_year(q, m, text, st)[0] or y
    elif "that" in mods and st.quarter is not None:
        return _Res(TimexType.DATE, f"{st.quarter[0]:04d}-Q{st.quarter[1]}")
    elif mods & {"current", "this"} and st.anchor is not None:
        q = (st.anchor.month - 1) // 3 + 1
    elif st.quarter is not None:
        y, q = st.quarter
        if mods & {"previous", "prior"} and not ago and "year" not in low:
            k = y * 4 + q - 2  # "slower than the pace of the previous quarter": before the
            return _Res(TimexType.DATE, f"{k // 4:04d}-Q{k % 4 + 1}", remember=False)  # topic
        if "last year" in low and _year_of(m.group(0)) is None:
            ago = True  # "the corresponding period last year", "last year's quarter"
        if ago:
            return _Res(TimexType.DATE, f"{y - 1:04d}-Q{q}", remember=False)
        return _Res(TimexType.DATE, f"{y:04d}-Q{q}")
    elif st.anchor is not None:
        k = st.anchor.year * 4 + (st.anchor.month - 1) // 3 - 1
        y, q = k // 4, k % 4 + 1
        if "last year" in low and _year_of(m.group(0)) is None:
            ago = True  # "the same period last year" of the latest closed quarter
    else:
        return _Res(TimexType.DATE, "XXXX-QX")
    if y is None:
        return _Res(TimexType.DATE, f"XXXX-Q{q}")
    if ago:
        return _Res(TimexType.DATE, f"{y - 1:04d}-Q{q}", remember=False)
    return _Res(TimexType.DATE, f"{y:04d}-Q{q}")


def _h_mquarter(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """ "the January-March quarter": the calendar quarter those months span."""
    months = [lx.MONTHS[x.group(0).lower().rstrip(".")] for x in pt.MONTH_RE.finditer(m.group(0))]
    if len(months) != 2 or months[0] % 3 != 1 or months[1] != months[0] + 2:
        return None  # a fiscal quarter off the calendar ("the November-January quarter")
    q = (months[0] - 1) // 3 + 1
    y, cue = _year_of(m.group(0)), None
    if y is None:
        y, cue = _quarter_year(q, m, text, st)
    return _Res(TimexType.DATE, f"XXXX-Q{q}" if y is None else f"{y:04d}-Q{q}", cue=cue)


def _full_year(num: str, st: _State) -> int:
    """A year written with two digits in a code ("FY26", "4Q99"): the century that puts it
    nearest the anchor, no more than 20 years ahead."""
    if len(num) != 2:
        return int(num)
    now = st.anchor.year if st.anchor else 2000
    y = now - now % 100 + int(num)
    return y - 100 if y > now + 20 else y


def _h_qcode(m: re.Match[str], text: str, st: _State) -> _Res | None:
    s = m.group(0)
    if s.startswith("FY"):
        # "FY2020", "FY21": the fiscal year, valued as its calendar year number
        return _Res(TimexType.DATE, f"{_full_year(s[2:].strip(), st):04d}")
    if s[0] == "H":
        return _Res(TimexType.DATE, f"{_year_of(s):04d}-H{s[1]}")  # "H1 2021"
    if s[0].isdigit():  # "1H26", "3Q2025", "4Q99"
        return _Res(TimexType.DATE, f"{_full_year(s[2:], st):04d}-{s[1]}{s[0]}")
    q = int(s[1])
    y = _year_of(s)
    if y is None:
        if st.anchor is None:
            return _Res(TimexType.DATE, f"XXXX-Q{q}")
        y = st.anchor.year
    return _Res(TimexType.DATE, f"{y:04d}-Q{q}")


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
        # "rose 5% in February from the year-earlier month": the month just named, else
        # the month of writing, a year back
        return _Res(TimexType.DATE, month_a_year_back(st, st.anchor), remember=False)
    return _Res(TimexType.DATE, f"{st.anchor.year - 1:04d}")


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
        # the quarter a report is about, else the one being written in ("has lost 12% since
        # the start of the quarter")
        q = st.near_quarter() or (st.anchor.year, (st.anchor.month - 1) // 3 + 1)
        return _Res(TimexType.DATE, f"{q[0]:04d}-Q{q[1]}")
    if "century" in low:
        return _Res(TimexType.DATE, f"{st.anchor.year // 100:02d}")
    if "decade" in low:
        # "He returned in 1983 ... By the end of the decade": the decade of a story's year
        told = re.match(r"(\d{3})\d", st.ref or "")
        if told and int(told[1]) < st.anchor.year // 10 and ref_nearby(text, st, st.pos):
            return _Res(TimexType.DATE, told[1], anchor=st.ref)
        return _Res(TimexType.DATE, f"{st.anchor.year // 10:03d}")
    return _Res(TimexType.DATE, f"{y:04d}")


_ORD_AT = re.compile(r"(?i)\b(" + pt.ORD + r")")
_HABITUAL = re.compile(r"(?i)\b(?:usually|typically|normally|traditionally|generally|"
                       r"tends?\s+to|each\s+year|every\s+year)\b")


def _h_quarters(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """ "the second and fourth quarters": a quarter per ordinal, the first with "the", the last
    with "quarters" (and the year, when one is named). A habit ("is usually done in the
    second and fourth quarters") makes each a set."""
    ords = [(o.start(1), o.end(1), _QNUM.get(o.group(1).lower())) for o in
            _ORD_AT.finditer(text, m.start(), m.end())]
    if any(q is None for _s, _e, q in ords):
        return None  # "the fifth and sixth quarters": no calendar quarter
    low = _low(m)
    y = _year_of(m.group(0))
    sentence = text[max(0, text.rfind(".", 0, m.start()) + 1):m.start()]
    habitual = y is None and "year" not in low and _HABITUAL.search(sentence) is not None
    if y is None and st.anchor is not None and not habitual:
        y = st.anchor.year + (1 if "next year" in low else -1 if "last year" in low else 0)
    if y is not None and "year" not in low and _year_of(m.group(0)) is None:
        # one year for them all, as for the last of them alone: "fell in the third and
        # fourth quarters" in August is last year's pair, not one of each
        y = _quarter_year(ords[-1][2] or 4, m, text, st)[0] or y
    values = [f"XXXX-Q{q}" if habitual or y is None else f"{y:04d}-Q{q}" for _s, _e, q in ords]
    kind = TimexType.SET if habitual else TimexType.DATE
    more = tuple((s, e, v) for (s, e, _q), v in zip(ords[1:-1], values[1:-1], strict=True))
    more += ((ords[-1][0], m.end(), values[-1]),)
    return _Res(kind, values[0], end_trim=m.end() - ords[0][1], more=more)
