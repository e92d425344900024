"""Rule handlers for durations ("about five hours") and sets ("every Monday", "weekly").

Most work here is rejecting look-alikes: ages ("6-year-old"), rates ("$5 a
day"), round-the-clock phrases and adjectives ("its quarterly dividend").
"""

from __future__ import annotations

import re

from newsline.models import TimexType
from newsline.temporal import lexicon as lx
from newsline.temporal import patterns as pt
from newsline.temporal.parsing import (
    _UNIT_IN,
    _duration_value,
    _low,
    _number,
    _prev_word,
    _unit,
    _weeks_per,
)
from newsline.temporal.state import _Res, _State

_BEFORE_VERB_LAST = frozenset({"will", "would", "to", "could", "may", "might", "can", "should",
                               "and", "must", "not", "won't", "'ll", "did", "didn't"})
_ADJ_DURATION_NOUNS = re.compile(
    r"\s+(?:news|service|clock|hotline|coverage|access|operation|channel|cycle|day-care)\b"
)
_ATTRIBUTIVE = re.compile(r"[ \t]+(?!(?:and|or|in|on|at|for|to|from|with|by|since|as|"
                          r"until|through|basis|so)\b)[a-z]{3,}")
_ROUND_THE_CLOCK = re.compile(r"(?:24|twenty-four|twenty four)\s+hours\s+a\s+day\b"
                             r"|(?:7|seven)\s+days\s+a\s+week\b|365\s+days\s+a\s+year\b")
_POINT_AFTER = re.compile(r"[\s-]+(?:of\s+a\s+)?(?:percentage[\s-]+)?points?\b", re.I)
_MODALS = frozenset({"will", "would", "could", "might", "may", "can", "should", "must",
                     "shall", "'ll"})
_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they"})
_AGE = re.compile(r"(?i)\s*(?:-|\s)old\b")
_RATE_BEFORE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                          r"dozen|hundred|thousand|million|billion|times|once|twice|cents?|"
                          r"dollars?|flights|seats|hours|percent|%))\W*$", re.I)


_ARTICLE_ADJ = re.compile(r"(an?\s+)([a-z]+)-(?:long|old)$")


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
    if low.endswith(("quarter", "quarters")) and _POINT_AFTER.match(text, m.end()):
        return None  # "a quarter point", "a quarter-point rate cut": a size of a rate move
    if low in ("a quarter", "one quarter", "a half") and _prev_word(text, m.start()) in (
            "by", "than"):
        return None  # "rose by a quarter", "more than a quarter": a fraction, not a time
    art = _ARTICLE_ADJ.match(low)
    if art and _UNIT_IN.fullmatch(art.group(2)):
        if art.group(2).endswith("s"):
            return None  # "a decades-long feud": no count, "decades-long" is vague
        # "a week-long festival": the article belongs to the noun, as in "a five-year plan"
        return _Res(TimexType.DURATION, _duration_value(
            _weeks_per(art.group(2)), _unit(art.group(2))), start_trim=len(art.group(1)))
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
                 r"under|barely|additional|further|another(?=\s+\d))\b", " ", qty).strip()
    art_num = re.match(r"an?\s+(\S.*)$", qty)
    if art_num and _number(art_num.group(1)) is not None:
        qty = art_num.group(1)  # "a further six months": the article goes with "further"
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
    if "and a half" in low[um.end():] and n is not None:
        n += 0.5  # "a year and a half" ("two and a half years" has it in its number)
    if n is not None:
        n *= _weeks_per(um.group(1))  # "a fortnight" is P2W
    return _Res(TimexType.DURATION, _duration_value(n, unit), start_trim=trim)


def _h_durvague(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    um = _UNIT_IN.search(low)
    if um is None:
        return None
    unit = _unit(um.group(1))
    if low.endswith("-long") and not um.group(1).endswith("s"):
        # "the day-long meeting", "a month-long strike": one unit
        return _Res(TimexType.DURATION, _duration_value(_weeks_per(um.group(1)), unit))
    if low in ("years", "decades", "centuries", "months", "weeks", "days", "hours"):
        prev = _prev_word(text, m.start())
        if prev not in ("for", "in", "over", "within", "took", "lasted", "spent", "after"):
            return None  # ("the weeks before the shooting": TimeBank gives such spans dates)
        if low in ("days", "hours") and (text[m.start() - 1:m.start()] != " " or re.match(
                r"\s+(?:worked|of\s+work)\b", text[m.end():m.end() + 14])):
            return None  # "after-hours trading", "paid for hours worked": no length of time
    if "recent" in low and unit in ("Y",) and low.startswith("recent"):
        return _Res(TimexType.DATE, "PAST_REF")
    if low == "centuries":
        return _Res(TimexType.DURATION, "PXC")  # TimeBank's unit letter for a century
    if low.endswith((" hour", " minute")):
        return _Res(TimexType.DURATION, _duration_value(1.0, unit))  # "for the past hour"
    return _Res(TimexType.DURATION, _duration_value(None, unit))


_SET_UNITS = {"hour": "PT1H", "minute": "PT1M", "day": "P1D", "week": "P1W", "month": "P1M",
              "year": "P1Y", "quarter": "P1Q",
              "morning": "XXXX-XX-XXTMO", "evening": "XXXX-XX-XXTEV",
              "night": "XXXX-XX-XXTNI", "afternoon": "XXXX-XX-XXTAF",
              "weekend": "XXXX-WXX-WE", "summer": "XXXX-SU", "winter": "XXXX-WI",
              "spring": "XXXX-SP", "fall": "XXXX-FA"}


def _h_set(m: re.Match[str], text: str, st: _State) -> _Res | None:
    low = _low(m)
    if low in lx.FREQUENCIES:
        if low in ("quarterly", "monthly", "yearly") and _ATTRIBUTIVE.match(text, m.end()):
            return None  # "its quarterly dividend": a kind of payment, not a time ("his
            # weekly radio address", like "the daily tally", recurs)
        if re.match(r"[ \t]+of\b", text[m.end():m.end() + 4]):
            return None  # "an initial quarterly of five cents": the dividend itself
        if low == "daily" and _prev_word(text, m.start()) == "average":
            return None  # "average daily volume": a statistic, not a recurrence
        if low in ("annually", "yearly") and re.search(r"%\s*$|\bpercent\s*$",
                                                       text[max(0, m.start() - 12):m.start()]):
            return None  # "to rise 8.5% annually": a growth rate, not a schedule
        return _Res(TimexType.SET, lx.FREQUENCIES[low])
    plural = re.fullmatch(r"(?:alternate\s+)?([a-z]+day)s?(?:\s+([a-z]+?)s)?",
                          " ".join(low.split()))
    if plural and plural.group(1) in lx.WEEKDAYS and (low.endswith("s") or plural.group(2)):
        day_no = lx.WEEKDAYS[plural.group(1)]  # "on Mondays", "on Sunday mornings"
        part = lx.PARTS_OF_DAY.get(plural.group(2) or "")
        return _Res(TimexType.SET, f"XXXX-WXX-{day_no}" + (f"T{part}" if part else ""))
    if " times " in low and text.startswith(("'s", "\u2019s"), m.end()):
        return None  # "three times a year's salary": a multiple, not a frequency
    if low == "weekends":
        return _Res(TimexType.SET, "XXXX-WXX-WE")
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
    if "other" in low and v.startswith(("P1", "PT1")):
        v = v.replace("1", "2", 1)  # "every other week" P2W, "every other hour" PT2H
    return _Res(TimexType.SET, v)
