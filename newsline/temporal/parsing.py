"""Small text and calendar helpers shared by the rule handlers.

Reading numbers ("two and a half"), month, weekday and year names, turning a
quantity and unit into a TimeML duration, moving a day by whole units, and
telling a capitalised name ("USA Today") from a date word. No narrative state.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsline.temporal import lexicon as lx
from newsline.temporal import patterns as pt
from newsline.temporal import resolve as rs
from newsline.temporal.state import _State

_PREV_WORD = re.compile(r"([A-Za-z']+)\W*$")


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


def _low(m: re.Match[str]) -> str:
    return " ".join(m.group(0).lower().split())


def _month_of(s: str) -> int | None:
    mm = pt.MONTH_RE.search(s)
    if not mm:
        return None
    return lx.MONTHS.get(mm.group(0).rstrip(".").lower())


def _weekday_of(s: str) -> int | None:
    mm = pt.WEEKDAY_RE.search(s)
    if not mm:
        return None
    return lx.WEEKDAYS.get(mm.group(0).rstrip(".").lower())


def _year_of(s: str) -> int | None:
    ym = pt.YEAR4_RE.search(s)
    if ym:
        return int(ym.group(1))
    sm = pt.SPELLED_YEAR_RE.search(s)
    if sm:
        return _spelled_year(sm.group(0))
    am = pt.APOS_YEAR_RE.search(s)
    if am:  # "'98" -> 1998, "'09" -> 2009 (the pivot the m/d/yy dates use)
        yy = int(am.group(1))
        return yy + (1900 if yy > 40 else 2000)
    return None


def _spelled_year(s: str) -> int | None:
    words = re.split(r"[\s-]+", s.lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + int(sum(lx.NUMBERS.get(w, 0) for w in rest))
    if words[0] == "nineteen":
        rest = [w for w in words[1:] if w != "and"]
        if rest and rest[0] == "hundred":
            return 1900 + int(sum(lx.NUMBERS.get(w, 0) for w in rest[1:]))
        return 1900 + int(sum(lx.NUMBERS.get(w, 0) for w in rest))
    return None


# "in 2013, the year his wife died", "in 2006, the summer she turned 13": a year restated
YEAR_BEFORE_COMMA = re.compile(r"(?<!\d)((?:1[0-9]|20)\d\d),[ \t]*$")
# "Operation Midnight Monday", "Operation Christmas Child": a name from the words before
OPERATION_BEFORE = re.compile(r"\bOperation(?:[ \t]+[A-Z][a-z]+)*[ \t]+$")
# "By Tom Sunday and Grace Easter": a byline's names ("By" opens the line)
_BYLINE_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*By[ \t]+(?:(?!(?:" + "|".join(w.capitalize() for w in lx.WEEKDAYS if len(w) > 5)
    + r")\b)[A-Z][\w.'-]*,?[ \t]+(?:and[ \t]+)?)+$")
# "a key witness, Douglas Friday, had fled": a first name and a surname between commas
_APPOSED_NAME = re.compile(r"[,(][ \t]*[A-Z][a-z]+[ \t]+$")


def in_personal_name(text: str, start: int, end: int) -> bool:
    """A day's or feast's name used as a surname or given name: in a byline, or as the
    second word of a name set off by commas ("the witness, Douglas Friday, said")."""
    if _BYLINE_BEFORE.search(text, max(0, start - 80), start):
        return True
    return bool(_APPOSED_NAME.search(text, max(0, start - 30), start)) and \
        re.match(r"[ \t]*[,)]", text[end:end + 3]) is not None


def month_a_year_back(st: _State, fallback: date) -> str:
    """The month just named (else ``fallback``'s month) a year back: "the year-earlier month",
    "the same month last year"."""
    named = re.fullmatch(r"(\d{4})-(\d\d)", st.ref or "")
    y0, m0 = (int(named[1]), int(named[2])) if named else (fallback.year, fallback.month)
    return rs.month(y0 - 1, m0)


def _number(s: str) -> float | None:
    """The quantity of a number phrase: digits, words, fractions; None if vague."""
    s = s.lower().strip()
    m = re.match(r"^(\d{1,3}(?:,\d{3})?(?:\.\d+)?)(?:\s+(\d)/(\d))?", s)
    if m:
        v = float(m.group(1).replace(",", ""))
        if m.group(2):
            v += int(m.group(2)) / int(m.group(3))
        elif re.match(r"\s+and\s+a\s+half\b", s[m.end():]):
            v += 0.5  # "2 and a half days"
        return v
    words = [w for w in re.split(r"[\s-]+", s) if w]
    total = 0.0
    seen = False
    i = 0
    while i < len(words):
        w = words[i]
        two = " ".join(words[i:i + 2])
        three = " ".join(words[i:i + 3])
        if three in lx.NUMBERS:
            total += lx.NUMBERS[three]
            i += 3
        elif two in lx.NUMBERS:
            total += lx.NUMBERS[two]
            i += 2
        elif w in ("hundred",):
            total = (total or 1) * 100
            i += 1
        elif w in lx.NUMBERS:
            total += lx.NUMBERS[w]
            i += 1
        elif w in ("and", "another", "other"):
            i += 1  # "another six months" is six more months ("another day" alone: one)
            continue
        else:
            i += 1
            continue
        seen = True
    return total if seen else None


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else (f"{n:.1f}".rstrip("0").rstrip("."))


_SMALLER = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN"),
            "MIN": (60, "S")}


def _duration_value(n: float | None, unit: str) -> str:
    """TimeML duration for ``n`` units (None: unknown number, an X)."""
    if n is not None and n != int(n) and unit in _SMALLER:
        k, small = _SMALLER[unit]
        whole, rest = int(n), int(round((n - int(n)) * k))
        big = _duration_value(float(whole), unit) if whole else ("PT" if unit in (
            "H", "MIN") else "P")
        tail = _duration_value(float(rest), small)
        if not whole:
            return tail
        if small in ("H", "MIN", "S") and "T" not in big:
            return big + "T" + tail.lstrip("PT")
        return big + tail.lstrip("PT")
    if unit in ("DE", "CE"):
        mult = 10 if unit == "DE" else 100
        return "PXY" if n is None else f"P{_fmt_num(n * mult)}Y"
    if unit == "WE":
        return "PXWE" if n is None else f"P{_fmt_num(n * 2)}D"
    q = "X" if n is None else _fmt_num(n)
    if unit in ("H", "S", "MIN"):
        if n is not None and n != int(n) and unit == "MIN":
            return f"PT{int(n)}M{int(round((n - int(n)) * 60))}S"
        return f"PT{q}{'M' if unit == 'MIN' else unit}"
    return f"P{q}{unit}"


def _weeks_per(word: str) -> int:
    """2 for "fortnight(s)", the one unit that is a multiple of another; 1 otherwise."""
    return 2 if word.lower().startswith("fortnight") else 1


def _unit(word: str) -> str:
    w = word.lower()
    if w.startswith(("minute", "min")):
        return "MIN"
    return lx.UNITS.get(w, lx.UNITS.get(w.rstrip("s"), "D"))


_UNIT_IN = re.compile(
    r"(?i)\b(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|weekends?|fortnights?|months?|"
    r"quarters?|years?|"
    r"decades?|century|centuries)\b"
)


def _shift(a: date, unit: str, n: int) -> str:
    """The value ``n`` units away from day ``a``, at that unit's granularity."""
    if unit == "D":
        return rs.day(a + timedelta(days=n))
    if unit in ("W", "WE"):
        return rs.week(a + timedelta(weeks=n))
    if unit == "M":
        y, m = rs.add_months(a.year, a.month, n)
        return rs.month(y, m)
    if unit == "Q":
        q0 = (a.month - 1) // 3
        k = a.year * 4 + q0 + n
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if unit == "Y":
        return f"{a.year + n:04d}"
    if unit == "DE":
        return f"{(a.year + 10 * n) // 10:03d}"
    if unit == "CE":
        return f"{(a.year + 100 * n) // 100:02d}"
    return rs.day(a)




def _season_value(a: date, code: str, n: int) -> str:
    """This/last/next season relative to the anchor, at season granularity.

    A winter is named by the year of its December (``2015-WI`` runs from
    December 2015 to February 2016), as value_span reads it.
    """
    start = lx.SEASON_FIRST_MONTH[code]
    if code == "WI":
        current = a.year if a.month == 12 else a.year - 1  # the winter now or last ended
        in_it = a.month in (12, 1, 2)
        if n == 0:
            return f"{current if in_it else a.year:04d}-WI"
        if n < 0:
            return f"{current - 1 if in_it else current:04d}-WI"
        return f"{current + 1:04d}-WI"
    if n == 0:
        return f"{a.year:04d}-{code}"
    if n < 0:
        # the latest such season that is over; the current one does not count
        y = a.year if a.month > start + 2 else a.year - 1
        return f"{y:04d}-{code}"
    y = a.year if a.month < start else a.year + 1
    return f"{y:04d}-{code}"


_NAME_BEFORE = re.compile(r"[A-Z][A-Za-z]*[ \t]+$")
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")


def _in_name(text: str, m: re.Match[str]) -> bool:
    """A capitalised word inside a run of capitalised words: "USA Today", "Join Now"."""
    s = m.group(0)
    if not s[:1].isupper():
        return False
    head = text[max(0, m.start() - 30):m.start()]
    if not _NAME_BEFORE.search(head):
        return False
    before = head.rstrip()
    word_start = len(before) - len(before.split()[-1]) if before.split() else 0
    lead = before[:word_start].rstrip()
    return not (not lead or lead[-1] in ".!?:;\"'`(\n\u201c\u2018" or lead.endswith("--"))
