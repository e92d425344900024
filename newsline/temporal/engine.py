"""Find temporal expressions in a text and resolve them to TimeML values.

``extract`` scans the text once with the master pattern; each match is handed
to the resolver of its rule, which returns a value (or rejects the match as a
false positive). A small state follows the narrative: the last date mentioned
(for "the next day", "a year earlier") and the last quarter (for the
"year-ago quarter" of earnings reports).

With no anchor, expressions that need one keep an unresolved TimeML value
with X placeholders ("XXXX-WXX-1" for "Monday", "XXXX-XX-XX" for "yesterday",
"XXXX-11-23" for "November 23"); absolute ones ("Nov. 23, 2015") resolve.

The rule handlers live by family in ``rules_calendar``, ``rules_quarter``,
``rules_relative``, ``rules_span`` (durations and sets) and ``rules_clock``;
their shared state is in ``state`` and their text helpers in ``parsing``.
This module is the driver and the table from rule name to handler.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from newsline.models import Granularity, Timex, TimexType
from newsline.temporal import lexicon as lx
from newsline.temporal import patterns as pt
from newsline.temporal import resolve as rs
from newsline.temporal.rules_calendar import (
    _h_century,
    _h_decade,
    _h_full,
    _h_holiday,
    _h_iso,
    _h_month,
    _h_monthday,
    _h_monthyear,
    _h_nthwd,
    _h_season,
    _h_weekof,
    _h_year,
    _h_yearspan,
    year_range_end,
)
from newsline.temporal.rules_clock import _h_dayedge, _h_partday, _h_time
from newsline.temporal.rules_quarter import (
    _h_mquarter,
    _h_qcode,
    _h_quarter,
    _h_quarters,
    _h_yearago,
    _h_yearend,
)
from newsline.temporal.rules_relative import (
    _h_afternext,
    _h_ago,
    _h_deictic,
    _h_narr,
    _h_nthday,
    _h_ref,
    _h_rel,
    _h_weekday,
    _h_yearword,
)
from newsline.temporal.rules_span import _h_dur, _h_durvague, _h_set
from newsline.temporal.state import _Res, _State
from newsline.temporal.timex import granularity_of

# TimeBank extents leave out hedges and the article of a decade ("about five
# hours", "the 1960s", "early Friday morning" -> "Friday morning").
_HEDGE = r"(?:(?:about|only|just|over|barely|almost|right|well over|just over|just under)\s+)"
_TRIM_LEAD = {
    "dur": re.compile(r"(?i)" + _HEDGE + "+"),
    "ago": re.compile(r"(?i)" + _HEDGE + "+"),
    "ref": re.compile(r"(?i)right\s+"),
    "weekday": re.compile(r"(?i)(?:early|late|earlier|later)\s+"),
}


_NEXT_WORD = re.compile(r"(?<=\s)\S")


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
    pos = 0
    while (m := pt.MASTER.search(text, pos)) is not None:
        pos = m.end() if m.end() > m.start() else m.start() + 1
        rule = m.lastgroup
        if rule is None or rule == "skip" or m.start() < last_end:
            continue
        st.pos = m.start()
        res = _HANDLERS[rule](m, text, st)
        if res is None:
            alt = _fallback(text, m, rule, st)
            if alt is None:
                # a rejected match does not swallow its words: "at least the first two
                # quarters of 1990" is no duration, but the year rule may start inside it
                nxt = _NEXT_WORD.search(text, m.start() + 1, m.end())
                if nxt is not None:
                    pos = nxt.start()
                continue
            m, rule, res = alt
        s, e = m.start() + res.start_trim, m.end() - res.end_trim
        if rule in _TRIM_LEAD:
            lead = _TRIM_LEAD[rule].match(text, s, e)
            if lead and lead.end() < e:
                s = lead.end()
        value = res.value
        anchor_value = res.anchor if res.anchor is not None else dct
        if res.type is TimexType.DATE and pt.DAY_VALUE.fullmatch(value):
            shifted = _day_offset(text, s, value, a)
            if shifted is not None:  # "the day before last Tuesday": one expression
                s, anchor_value, value, rule = shifted[0], value, shifted[1], "offset"
                while out and out[-1].end > s:
                    out.pop()  # "two days" was read as a duration before its date came
        gran = granularity_of(value) if res.type in (TimexType.DATE, TimexType.TIME) else None
        if res.type is TimexType.TIME and value[:10].count("-") == 2 and "T" in value:
            gran = Granularity.DAY
        prev = out[-1] if out else None
        if prev is not None and prev.value == value and prev.rule == "rel" and rule == "full" \
                and _RESTATED.fullmatch(text, prev.end, s):
            # "this coming Sunday, March eighth": the date restates the weekday just named,
            # one expression as "Sunday, March 8" is (the first one's evidence)
            s, rule, res = prev.start, prev.rule, replace(res, cue=prev.cue)
            anchor_value = prev.anchor
            out.pop()
        out.append(Timex(start=s, end=e, text=text[s:e], type=res.type, value=value,
                         granularity=gran, rule=rule, cue=res.cue, anchor=anchor_value))
        last_end = e
        if res.remember and _remember(st, value):
            st.ref_end, st.ref_start = e, s
            if st.quarter is not None and value.endswith(f"Q{st.quarter[1]}"):
                st.quarter_end = e
        for s2, e2, v2 in _more(text, rule, res, value, e):
            out.append(Timex(start=s2, end=e2, text=text[s2:e2], type=res.type, value=v2,
                             granularity=granularity_of(v2) if res.type is not TimexType.DURATION
                             else None, rule="year" if rule == "yearspan" else rule,
                             cue=res.cue, anchor=value))
            last_end = e2
            pos = max(pos, e2)
    return out


_RESTATED = re.compile(r",[ \t]*")


def _more(text: str, rule: str, res: _Res, value: str,
          end: int) -> list[tuple[int, int, str]]:
    """The timexes that share this one's words, as (start, end, value): a handler's own
    (``_Res.more``), the end of a span of years ("2019-21") or a bare second day
    ("Nov. 23-25"). An offset ("the day before Nov. 3") has none."""
    if rule == "offset":
        return []
    if rule in ("year", "yearspan") and re.fullmatch(r"\d{4}", value):
        span_end = year_range_end(text, end, int(value))
        return [] if span_end is None else [(span_end[0], span_end[1], f"{span_end[2]:04d}")]
    if rule == "full" and pt.DAY_VALUE.fullmatch(value):
        second = _second_day(text, end, value)
        return [] if second is None else [second]
    return list(res.more)


_SECOND_DAY = re.compile(r"(?:[ \t]+(?:and|or|&|to|through)[ \t]+|[ \t]*–[ \t]*|-)"  # not " - "
                         r"((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\b"
                         r"(?![\d,.]\d|[ \t]*(?:%|percent|[ap]\.?m\b|:|-|/)"
                         # "from 5 January to 27 March": a day with its own month
                         r"|[ \t]+(?:of[ \t]+)?" + pt.MONTH_ANY + ")")


def _second_day(text: str, end: int, value: str) -> tuple[int, int, str] | None:
    """ "April 24 and 25", "Nov. 23-25": the bare second day shares the first one's month
    and year."""
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


_OFFSET_BEFORE = re.compile(
    r"(?i)\b((?:the|a|one)\s+day|(?:the\s+)?(" + "|".join(
        w for w in lx.NUMBERS if " " not in w and lx.NUMBERS[w] <= 31 and w.isalpha())
    + r"|\d{1,2})\s+(days?|weeks?))\s+(before|after|later than|earlier than)\s+$")


_WORD_BEFORE = re.compile(r"([\w-]+)-?\s*$")
_UNIT_BEFORE = re.compile(
    r"(?i)\b(the\s+(week|weekend|" + "|".join(w for w in lx.WEEKDAYS if len(w) > 5)
    + r"))\s+(before|after)\s+$")
_WEEK_DEICTIC = re.compile(r"(?i)\b((?:a|one)\s+(week|fortnight))\s+$")
_WEEK_ON = re.compile(r"(?i)\b((?:a|one)\s+(week|fortnight))\s+on\s+$")
_WEEKDAY_START = re.compile(r"(?:" + "|".join(w.capitalize() for w in lx.WEEKDAYS
                                               if len(w) > 5) + r")\b")


def _unit_offset(text: str, start: int, value: str,
                 anchor: date | None) -> tuple[int, str] | None:
    """ "the week before Christmas" (a week), "the weekend after Easter" (a weekend),
    "the Monday after Easter" (a day); British "a week on Friday" (Friday week: a week
    after the coming Friday, whatever the tense, as "Friday week" is)."""
    d = date.fromisoformat(value)
    wd_m = _WEEK_DEICTIC.search(text, max(0, start - 20), start)
    if wd_m is not None and re.match(r"(?i)(?:today|tomorrow|yesterday)\b", text[start:]):
        # British "a week today", "a fortnight tomorrow"; "a week yesterday" looks back
        n = 7 if wd_m.group(2).lower() == "week" else 14
        back = text[start:start + 9].lower() == "yesterday"
        return wd_m.start(1), rs.day(d + timedelta(days=-n if back else n))
    wm = _WEEK_ON.search(text, max(0, start - 20), start)
    if wm is not None and _WEEKDAY_START.match(text, start):
        if anchor is not None:
            d = rs.weekday_on_or_after(anchor + timedelta(days=1), d.isoweekday())
        return wm.start(1), rs.day(d + timedelta(days=7 if wm.group(2).lower() == "week"
                                                 else 14))
    um = _UNIT_BEFORE.search(text, max(0, start - 30), start)
    if um is None:
        return None
    unit, after = um.group(2).lower(), um.group(3).lower() == "after"
    if unit == "week":
        # the working week before a feast on a weekend is the feast's own ISO week
        # ("the week before Easter" is Holy Week; Christmas on a Saturday likewise)
        lead = -7 if d.isoweekday() <= 5 else 0
        return um.start(1), rs.week(d + timedelta(days=7 if after else lead))
    if unit == "weekend":
        wk = d + timedelta(days=7) if after and d.isoweekday() >= 6 else d if after else \
            d - timedelta(days=7)
        return um.start(1), rs.week(wk) + "-WE"
    wd = lx.WEEKDAYS[unit]
    if after:
        return um.start(1), rs.day(rs.weekday_on_or_after(d + timedelta(days=1), wd))
    return um.start(1), rs.day(rs.weekday_on_or_before(d - timedelta(days=1), wd))


def _day_offset(text: str, start: int, value: str,
                anchor: date | None) -> tuple[int, str] | None:
    """ "the day before Nov. 3", "two weeks after Christmas": (new start, shifted day)."""
    om = _OFFSET_BEFORE.search(text, max(0, start - 40), start)
    if om is None:
        return _unit_offset(text, start, value, anchor)
    before = _WORD_BEFORE.search(text, max(0, om.start(1) - 20), om.start(1))
    if before is not None and (before.group(1).lower() in lx.NUMBERS
                               or before.group(1)[-1:] in "-0123456789"):
        return None  # "twenty-one days before", "twenty one days": not "one day"
    if om.group(2) is None:
        n = 1
    else:
        num = om.group(2).lower()
        n = int(num) if num.isdigit() else int(lx.NUMBERS[num])
        if om.group(3).lower().startswith("week"):
            n *= 7
    if om.group(4).lower().startswith("before") or om.group(4).lower().startswith("earlier"):
        n = -n
    day = date.fromisoformat(value) + timedelta(days=n)
    return om.start(1), rs.day(day)


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


def _remember(st: _State, value: str) -> bool:
    """Make ``value`` the narrative's reference; False for what is no point in time (a
    duration, a set), which leaves the reference as it was."""
    span = granularity_of(value)
    if span is None:
        return False
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
    return True


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


_HANDLERS = {
    "time": _h_time, "iso": _h_iso, "nthday": _h_nthday, "weekof": _h_weekof,
    "nthwd": _h_nthwd, "afternext": _h_afternext,
    "full": _h_full, "monthday": _h_monthday, "monthyear": _h_monthyear,
    "mquarter": _h_mquarter, "quarters": _h_quarters, "quarter": _h_quarter,
    "qcode": _h_qcode, "narr": _h_narr,
    "rel": _h_rel, "ago": _h_ago,
    "yearago": _h_yearago, "dur": _h_dur, "durvague": _h_durvague, "deictic": _h_deictic,
    "weekday": _h_weekday, "decade": _h_decade, "century": _h_century, "season": _h_season,
    "holiday": _h_holiday, "yearspan": _h_yearspan, "year": _h_year, "yearend": _h_yearend,
    "set": _h_set,
    "ref": _h_ref, "dayedge": _h_dayedge, "partday": _h_partday, "month": _h_month,
    "yearword": _h_yearword,
}
