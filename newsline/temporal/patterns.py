"""Regular expressions for date expressions, built once from the lexicon.

One master pattern joins every rule as a named alternative, so a text is
scanned in a single ``finditer`` pass (no Python loop over rules per token).
Alternatives are ordered longest-first where they can start at the same word,
because ``re`` takes the first alternative that matches. Every repetition is
bounded or separated by literal words, so no input backtracks catastrophically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsline.temporal import _guard
from newsline.temporal import lexicon as lx


def _trie(words: Iterable[str]) -> str:
    """A regex matching exactly ``words``, factored by common prefixes.

    ``re`` tries the branches of an alternation one by one; a prefix trie keeps
    each branch point small (one literal test per first letter), which is most
    of the engine's speed. A space inside a phrase matches any run of blanks.
    """
    root: dict[str, dict] = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            head = r"\s+" if ch == " " else re.escape(ch)
            branches.append(head + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return "(?:" + emit(root) + ")"


def _alt(words: Iterable[str]) -> str:
    """An alternation of literal words (longest match first), as a prefix trie."""
    return _trie(words)


def _cased(words: Iterable[str]) -> str:
    """Capitalised and upper-case forms only: names of months and days."""
    forms: list[str] = []
    for w in words:
        forms += [w.capitalize(), w.upper()]
    return _alt(forms)


def _ci(words: Iterable[str]) -> str:
    """Lower, Capitalised and UPPER forms: the case-insensitive words of news text."""
    forms: list[str] = []
    for w in words:
        forms += [w, w[:1].upper() + w[1:], w.upper()]
    return _alt(forms)


_full_months = [m for m in lx.MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_abbr_months = [m for m in lx.MONTHS if m not in _full_months]
MONTH_FULL = r"(?:" + _cased(_full_months) + r")\b"
MONTH_ANY = r"(?:" + _cased(_full_months) + r"\b|" + _cased(_abbr_months) + r"(?:\.|\b))"
WEEKDAY_FULL = r"(?:" + _cased(w for w in lx.WEEKDAYS if len(w) > 5) + r")\b"
WEEKDAY_PLURAL = r"(?:" + _cased(w + "s" for w in lx.WEEKDAYS if len(w) > 5) + r")\b"
WEEKDAY_ANY = (r"(?:" + _cased(w for w in lx.WEEKDAYS if len(w) > 5) + r"\b|"
               + _cased(w for w in lx.WEEKDAYS if len(w) <= 5) + r"\.)")
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
# a day of the month in words: "twenty-third", "twenty third", "first"
DAY_WORD = r"(?i:" + "|".join(sorted((w.replace("-", r"[\s-]") for w in lx.DAY_ORDINALS),
                                     key=len, reverse=True)) + r")\b(?!-)"
YEAR4 = r"(?:1[0-9]\d\d|2[01]\d\d)(?![\d,.]\d|%|-\d|\s*(?:-|to)\s*\d{1,2}\b(?!\d|[:.]\d))"
_unit_words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
SPELLED_YEAR = (
    r"(?i:nineteen[\s-]+(?:" + _alt(lx.TENS) + r"(?:[\s-]+" + _alt(_unit_words) + r")?|"
    + _alt(_teens) + r"|hundred(?:\s+and\s+" + _alt(_unit_words) + r")?)"
    r"|two\s+thousand(?:\s+and\s+" + _alt(_unit_words + _teens) + r"|\s+"
    + _alt(_unit_words + _teens) + r")?)\b"
)
# "'98", "'69": a year with its century left out (after a month, season or preposition)
APOS_YEAR = r"['\u2019]\d\d(?![\d'\u2019]|\w)"
YEAR = r"(?:" + YEAR4 + r"|" + SPELLED_YEAR + r"|" + APOS_YEAR + r")"
SEASON = _ci(lx.SEASONS)
PART = _ci(["morning", "afternoon", "evening", "night"])
NUMWORD = (
    r"(?:" + _alt(lx.TENS) + r"(?:[\s-]+" + _alt(_unit_words) + r")?|"
    + _alt(_teens + _unit_words) + r"|(?:a\s+|one\s+)?hundred)"
)
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})?(?:\.\d+)?(?:\s+\d/\d)?(?![\d,])(?:\s+and\s+a\s+half)?"
    r"|(?i:" + NUMWORD + r"(?:\s+and\s+a\s+half)?"
    r"|a\s+dozen|(?:a\s+)?couple\s+of|a\s+half|half\s+an?|an?(?:other)?|an\s+additional))"
)
RANGE_NUMBER = NUMBER + r"(?:\s*(?:to|or|-)\s*" + NUMBER + r")?"
VAGUE = _ci(["a few", "few", "several", "many", "some", "a number of"])
UNIT_SG = _ci(["second", "minute", "hour", "day", "week", "month", "quarter", "year",
               "decade", "century", "weekend"])
UNIT_ANY = _ci(list(lx.UNITS))
UNIT_PL = _ci([u for u in lx.UNITS if u.endswith("s")])
APPROX = _ci(list(lx.APPROX_WORDS))
SPAN_HEAD = _ci(["the past", "the last", "the next", "the first", "the final", "the coming",
                 "the previous", "the following", "the remaining", "the", "past", "last",
                 "next", "first", "the entire", "the full", "another", "an additional",
                 "a further",
                 "this past", "the other"])
POS = _ci(["early", "late", "mid", "middle", "earlier", "later", "the end of",
           "the beginning of", "the start of", "the middle of", "end of", "start of",
           "beginning of", "the early", "the late", "the mid", "sometime", "around"])
POS_PREFIX = r"(?:" + POS + r"[\s-]+)?"
DEICTIC = _ci(lx.DAY_DEICTICS)
TZ_REQ = r"(?:\s+" + _alt(lx.TIME_ZONES) + r"\b)"
TZ = TZ_REQ + "?"
# The hours of a clock in words ("half past seven"); spelled numbers longest first.
HOUR_WORD = r"(?i:(?:" + "|".join(sorted(lx.CLOCK_HOURS, key=len, reverse=True)) + r")\b)"
_DAY_PART_AFTER = (r"(?i:this|tomorrow|yesterday)\s+(?i:morning|afternoon|evening|night)\b")
CLOCK = (
    r"(?:\d{1,2}(?:[:.][0-5]\d)?\s*(?:[AaPp]\.\s?[Mm]\b\.?|[AaPp][Mm]\b)" + TZ
    + r"|[012]?\d:[0-5]\d(?:" + TZ_REQ + r"|(?=\s+local\s+time\b))"
    + r"|(?:[01]\d|2[0-3])[0-5]\d(?:" + TZ_REQ + r"|(?=\s+local\s+time\b))"
    # "police were called at 23:40 on Saturday": a 24-hour clock after a preposition of time
    + r"|(?=\d\d?:)(?:(?<=\bat\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bbefore\s)"
    r"|(?<=\bafter\s)|(?<=\bto\s))(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])" + TZ
    # "at 00.01 on Saturday": a dotted 24-hour clock before 10 a.m. after a preposition of
    # time (no price or score is written with a leading zero); "03.11.2015" stays a date
    + r"|(?=0\d\.)(?:(?<=\bat\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bbefore\s)"
    r"|(?<=\bafter\s))0\d\.[0-5]\d(?![\w%]|[.,/:-]\d)"
    r"(?!\s+(?i:points?|percent|per\s+cent|pence|cents)\b)" + TZ
    + r"|(?i:noon|midnight|midday)\b"
    r"|\d{1,2}(?::[0-5]\d)?\s+in\s+the\s+(?:morning|afternoon|evening)"
    r"|(?:1[0-2]|0?[1-9])\s+o'clock(?:\s+in\s+the\s+(?:morning|afternoon|evening))?"
    # "half past seven", "a quarter to nine", "seven o'clock": clocks in words
    # after a preposition of time, which is checked first ("at half past seven")
    r"|(?<=[tmlyero]\s)(?:(?<=\bat\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bbefore\s)"
    r"|(?<=\bafter\s)|(?<=\bto\s)|(?<=\bAt\s))"
    r"(?=(?i:half|quarter|a\s+quarter)\s+(?i:past|to)\s|" + HOUR_WORD + r"\s+o'clock"
    # "shortly before five this morning": an hour in words before a part of a named day
    r"|" + HOUR_WORD + r"\s+" + _DAY_PART_AFTER + r")"
    r"(?:(?i:half|(?:a\s+)?quarter)\s+(?:past|to)\s+|(?=" + HOUR_WORD + r"\s+(?:o'clock|"
    + _DAY_PART_AFTER + r")))"
    + HOUR_WORD + r"(?:\s+o'clock)?(?![\w-]|\s+(?i:quarters?|years?|months?|weeks?|days?"
    r"|hours?|times|percent|per|points?|of|and|or|hundred|thousand|million|billion)\b|\s*%)"
    r"(?:\s+in\s+the\s+(?:morning|afternoon|evening))?)"
)
ORD_WORD = _ci([o for o in lx.ORDINALS if not o[0].isdigit() and o not in ("last", "final")])
ORD = r"(?:" + ORD_WORD + r"|[1-4](?:st|nd|rd|th))"
QDET = _ci(["fiscal", "calendar", "latest", "current", "most recent", "comparable",
            "year-ago", "year-earlier", "same", "previous", "prior", "recent", "final",
            "year earlier", "year ago", "corresponding", "december", "june", "september",
            "march", "this year's", "last year's", "next year's", "the year's"])
QMOD = r"(?:" + QDET + r"|" + ORD + r"|" + YEAR4 + r"|(?i:fiscal|calendar|this|that))"
# Holiday names as news writes them, each word capitalised ("Good Friday", "St. Patrick's Day").
def _titled(phrase: str) -> list[str]:
    """ "the fourth of july" -> "the Fourth of July" and "The Fourth of July"."""
    words = [w if w in ("the", "of") else w[:1].upper() + w[1:] for w in phrase.split()]
    forms = [" ".join(words)]
    if words[0] == "the":
        forms.append(" ".join(["The", *words[1:]]))
    return forms


HOLIDAY_TITLED = _alt(
    f for k in (*lx.HOLIDAYS, *lx.WEEKDAY_HOLIDAYS, *lx.EASTER_HOLIDAYS,
                *lx.OFFSET_HOLIDAYS) for f in _titled(k)
)
CENTURY_ORD = r"(?:\d{1,2}(?:st|nd|rd|th)|" + ORD_WORD + r"|" + _ci(
    ["twentieth", "twenty-first", "nineteenth", "eighteenth", "seventeenth"]) + r")"

_R: list[tuple[str, str]] = [
    # clock time, optionally with its day: "3 p.m. Monday", "5 p.m. EST Nov. 9"
    ("time", CLOCK + r"(?:,?\s+(?:" + WEEKDAY_FULL + r"(?:,?\s+" + MONTH_ANY + r"\s+" + DAYNUM
     + r")?|" + MONTH_ANY + r"\s+" + DAYNUM + r"|" + _DAY_PART_AFTER + r"|" + DEICTIC + r"))?"),
    ("iso", r"(?<![\d/.-])(?:(?:1[89]|20)\d\d-[01]\d-[0-3]\d"
     r"(?:T[0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][01]\d:?[0-5]\d)?)?"
     r"|(?:1[89]|20)\d\d/[01]\d/[0-3]\d"  # 2015/11/23
     r"|[0-3]?\d\.[01]?\d\.(?:19|20)\d\d(?!\.\d)"  # 23.11.2015: day first
     r"|[0-3]?\d/[0-3]?\d/(?:(?:19|20)\d\d|\d\d))(?![\d/-])"),
    ("nthday", r"(?i:the)\s+" + ORD_WORD + r"\s+(?i:day)\b(?!-)"),
    ("weekof", r"(?i:the\s+week(?:end)?\s+of)\s+" + MONTH_ANY + r"\s+" + DAYNUM
     + r"(?:[-\u2013](?:[12]\d|3[01]|0?[1-9])\b)?(?:,?\s+" + YEAR4 + r")?"),
    # "the first Monday in May", "the last Friday of November 2025"
    ("nthwd", r"(?i:the)\s+" + _ci(["first", "second", "third", "fourth", "fifth", "last"])
     + r"\s+" + WEEKDAY_FULL + r"\s+(?i:of|in)\s+(?:" + MONTH_FULL + r"(?:,?\s+" + YEAR4
     + r"\b)?|(?i:every|each)\s+(?i:month)\b)"),
    ("full", r"(?:" + WEEKDAY_ANY + r",?\s+)?(?:(?i:the)\s+(?:" + DAYNUM + r"|" + DAY_WORD
     + r")\s+of\s+" + MONTH_ANY + r"|" + MONTH_FULL + r"\s+" + DAY_WORD
     # "June third," but not "In October third parties": a spoken day ends its phrase
     + r"(?=\s*(?:[,.;:!?)\n]|$)|\s+(?:and|or|to|at|in|when|for|until|through)\b|,?\s+" + YEAR
     + r")"
     + r"|" + DAYNUM + r"\s+(?:of\s+)?" + MONTH_ANY + r"|" + MONTH_ANY + r"\s+" + DAYNUM
     + r")(?:,?\s+" + YEAR + r")?"),
    # "on the 14th", "by the 3rd": a day of the month the text is already in
    ("monthday", r"[Tt]he(?:(?<=\b[Oo]n\s[Tt]he)|(?<=\bby\s[Tt]he))\s+(?:[12]\d|3[01]|0?[1-9])"
     r"(?:st|nd|rd|th)"
     r"(?=[ \t]*[,.;:!?)]|[ \t]*$|[ \t]+(?:at|when|as|after|before)\b)"),
    ("monthyear", POS_PREFIX + MONTH_ANY + r",?\s+(?:of\s+)?(?:" + YEAR + r"|"
     + _ci(["this year", "last year", "next year"]) + r")"),
    # "the January-March quarter": a calendar quarter named by its first and last month
    ("mquarter", r"(?:(?i:the)\s+)?" + MONTH_FULL + r"\s*[-\u2013]\s*" + MONTH_FULL
     + r"\s+(?i:quarter|period)\b(?:\s+(?:(?i:of)\s+)?" + YEAR4 + r")?"),
    # "the second and fourth quarters (of 1990)": each ordinal is a quarter of its own
    ("quarters", r"(?i:the)\s+" + ORD + r"(?:\s*,\s*" + ORD + r")*,?\s+(?i:and|or|&)\s+" + ORD
     + r"\s+(?i:quarters)\b(?:\s+(?i:of\s+)?(?:" + YEAR4 + r"|"
     + _ci(["this year", "last year", "next year"]) + r"))?"),
    ("quarter", r"(?:(?i:the)\s+(?:" + QMOD + r"[\s-]+){0,4}|(?:" + QMOD + r"[\s-]+){1,4})"
     r"(?i:quarter|half|period|fiscal\s+year(?:\s+" + YEAR4 + r")?)\b(?!-)"
     r"(?:\s+(?i:a\s+year\s+(?:ago|earlier)|last\s+year)\b(?!')|\s+(?i:of|in)\s+(?:"
     + _ci(["fiscal", "calendar"]) + r"\s+)?(?:" + YEAR4 + r"|"
     + _ci(["this year", "last year", "next year", "the year", "the current year"]) + r"))?"),
    ("qcode", r"\b[Qq][1-4](?:\s+(?:" + YEAR4 + r"))?\b|\bH[12]\s+" + YEAR4 + r"\b"
     r"|\bFY[ \t]?(?:(?:19|20)\d\d|\d\d)\b(?![-/]\d)"
     # broker shorthand: "1H26" (first half of 2026), "3Q25", "2Q2024"
     r"|\b(?:[12]H|[1-4]Q)(?:(?:19|20)\d\d|\d\d)\b(?![-/]\w)"),
    # "the week after next", "the year before last": two units from the anchor
    ("afternext", r"(?i:the\s+(?:week|month|year|spring|summer|autumn|fall|winter)\s+"
     r"(?:after\s+next|before\s+last))\b"),
    ("narr", _ci(["the next day", "the following day", "the previous day", "the day before",
                  "the day after", "the next morning", "the next week", "the following week",
                  "the following month", "the following year", "the previous year",
                  "the previous week", "the previous month", "the same day", "that same day",
                  "that day", "the day before yesterday", "the day after tomorrow",
                  "earlier that day", "later that day", "later that year",
                  "earlier that year", "later that month", "earlier that month",
                  "that year", "that month", "that week", "the same year",
                  "the next year", "the next month", "the prior year", "last night",
                  "the following morning", "the following evening", "the following night",
                  "the next evening", "the next night", "the previous morning",
                  "the previous evening", "the previous night", "the night before",
                  "the evening before", "the morning after", "the night after",
                  "that weekend", "the same weekend", "the weekend before",
                  "the weekend after", "the following weekend", "the previous weekend",
                  "the month before", "the year before", "the week before",
                  "that same year", "that same month", "that same week", "later that same year",
                  "earlier that same year", "the year after", "the month after",
                  "the same decade", "the following decade", "the previous decade",
                  "the decade before", "the decade after",
                  "earlier in the day", "later in the day"])
     + r"(?!\s*(?:or|of)\b)|(?i:the\s+(?:previous|following|next|prior)\s+|that\s+)"
     + WEEKDAY_FULL
     # "September of that year": the month in the year just named
     + r"|" + MONTH_FULL + r"\s+(?i:of\s+that\s+year)\b"
     # "the following July", "that December": a month counted from the date just named
     + r"|(?i:the\s+(?:previous|following|next|prior)\s+|that\s+(?:same\s+)?)" + MONTH_FULL
     # "delegates arrive on the Sunday before": a weekday counted from the date just named
     + r"|(?i:the)\s+" + WEEKDAY_FULL + r"\s+(?i:before|after)(?=\s*[.,;:!?)]|\s*$)"
     # "by the following spring", "that summer": a season counted from the last date
     + r"|(?i:the\s+(?:previous|following|next|prior)\s+)" + SEASON + r"\b(?!\s+of\b)"
     + r"|(?i:that\s+(?:spring|summer|autumn|winter))\b(?!\s+of\b)"
     # "the spring after": the season after the date just named (then a comma or stop)
     + r"|(?i:the\s+(?:spring|summer|autumn|fall|winter)\s+(?:after|before))"
     r"(?=\s*[.,;:!?)]|\s*$)"),
    ("rel", r"(?:" + POS + r"[\s-]+)?" + _ci(["this past", "this coming", "the past", "the last",
                                             "the next", "the coming", "this", "next", "last",
                                             "past",
                                             "coming", "previous", "the previous"])
     + r"\s+(?:" + _ci(["week", "month", "year", "weekend", "decade", "century",
                         "fiscal year", "school year", "fortnight"]) + r"\b|"
     + r"(?i:quarter)\b(?!\s+(?:of|ended|ending)\b)|" + SEASON + r"\b|"
     + MONTH_FULL + r"|" + WEEKDAY_FULL + r")(?:\s+" + PART + r"|\s+or\s+so\b)?"
     r"(?!\s+(?:or|and)\s+(?:two|three|more)\b)"),
    ("ago", r"(?:" + APPROX + r"\s+)?(?:" + RANGE_NUMBER + r"|" + VAGUE + r"|(?i:a))[\s-]+"
     + r"(?:(?i:more)\s+)?" + UNIT_ANY + r"(?:\s+(?i:and\s+a\s+half|or\s+so))?\s+"
     # "ten years ago today", "a year ago this week": only after "ago"
     + r"(?:(?i:ago\s+(?:today|this\s+week|this\s+month))\b|"
     + _ci(["ago", "earlier", "later", "from now", "hence", "before that",
            "after that"]) + r"|" + _ci(["before", "after"]) + r"(?=\s*(?:[.,;!?]|$))"
     + r"|(?i:from)\s+(?:" + _ci(["today", "tomorrow"]) + r"|" + WEEKDAY_FULL + r"))\b"
     + r"|(?i:" + _alt(["months", "years", "weeks", "days", "decades", "moments", "minutes",
                        "hours"]) + r")\s+(?i:ago)\b"),
    ("yearago", _ci(["year-ago", "year-earlier", "year earlier", "year ago",
                     "a year-earlier", "a year-ago"])
     + r"(?:\s+" + _ci(["period", "quarter", "third quarter", "second quarter",
                        "first quarter", "fourth quarter", "results", "level", "levels",
                        "month", "week"]) + r")?"),
    ("dur", r"(?:" + APPROX + r"\s+)?(?:" + SPAN_HEAD + r"\s+)?(?:" + APPROX + r"\s+)?"
     r"(?:" + RANGE_NUMBER + r"|" + VAGUE + r")[\s-]+(?:(?i:more|full|straight|consecutive|"
     r"long|trading|business|working)\s+)?" + UNIT_ANY
     + r"(?:\s+(?i:and\s+a\s+half))?(?:\s+(?i:or\s+so))?"
     r"(?:-(?i:long|old))?\b"),
    ("durvague", r"(?i:the\s+(?:days|weeks|months)\s+ahead"
     r"|(?:the\s+)?(?:past|last|next|coming)\s+(?:hour|minute)"
     r"|(?:the\s+)?(?:past|last|next|coming|recent)\s+(?:few\s+|several\s+)?"
     r"(?:years|months|weeks|decades|days)|decades-long|years-long|(?:hour|day|week|month|year"
     r"|decade)-long|the\s+years|years|decades|centuries"
     r"|months|weeks|days|hours)\b"),
    ("deictic", r"(?:" + _ci(["early", "late", "earlier", "later"]) + r"\s+)?"
     + r"(?:(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)|" + DEICTIC
     + r")(?:\s+" + PART + r")?\b"
     r"|(?:" + _ci(["early", "late", "earlier", "later"]) + r"\s+)?(?i:this|that|the\s+same)\s+"
     + _ci(["morning", "afternoon", "evening"]) + r"\b"
     r"|(?:" + _ci(["early", "late", "earlier", "later"]) + r"\s+)?(?i:that|the\s+same)\s+"
     r"(?i:night)\b"),
    ("weekday", r"(?:" + _ci(["early", "late", "earlier", "later"]) + r"\s+)?"
     + WEEKDAY_FULL + r"(?:\s+" + PART + r"s?"
     # "on Thursday week" (British): a week after the coming Thursday
     r"|\s+(?i:week)\b(?![-'\u2019]|\s+(?i:of|ago|earlier|later|before|after|and|or)\b))?"),
    ("decade", r"(?:(?i:the)\s+)?(?:" + _ci(["early", "late", "mid"]) + r"[\s-]+)?"
     r"(?:(?:1[0-9]|20|['\u2019])?\d0(?:['\u2019]s|s)\b|(?i:(?:nineteen[\s-]+|roaring\s+)?(?:twenties|thirties|"
     r"forties|fifties|sixties|seventies|eighties|nineties)|noughties)\b)"),
    ("century", r"(?:(?i:the)\s+)?(?:" + _ci(["early", "late", "mid"]) + r"[\s-]+)?(?:"
     + CENTURY_ORD + r"|" + _ci(["this", "last", "next", "past"]) + r")[\s-]+(?i:century)\b"),
    ("season", r"(?:" + POS + r"[\s-]+)?(?:(?:(?i:the|this|last|next|this\s+past)\s+)?"
     + SEASON + r"\s+(?:(?:(?i:of)\s+)?" + YEAR + r"|(?i:of\s+(?:next|last|this)\s+year)\b"
     # "the winter of 2010-11": a season over two years belongs to the first
     r"|(?i:of)\s+(?:1[89]|20)\d\d[-–/]\d\d(?![\w/-]))"
     r"|(?i:the|this|last|next|this\s+past)\s+"
     r"(?:(?i:early|late|mid)[\s-]+)?" + SEASON + r"\b(?!\s+of\s+(?!\d)))"),
    ("holiday", r"(?:(?i:last|next)\s+)?(?:(?i:thanksgiving(?:\s+day)?|christmas(?:\s+day|\s+eve)?"
     r"|new\s+year's\s+(?:day|"
     r"eve)|independence\s+day|halloween|boxing\s+day|valentine's\s+day)|" + HOLIDAY_TITLED
     + r")\b(?:\s+(?i:week|weekend)\b)?(?:\s+" + YEAR4 + r"\b)?"),
    # "the 2019-20 season", "in 2019-2021": two years joined by a dash (the handler
    # checks that the second follows the first); YEAR4 alone refuses a dash after it
    ("yearspan", r"(?<![\w$#.,/-])(?:1[89]|20)\d\d[-–/](?:(?:1[89]|20)\d\d|\d\d)"
     r"(?![\w/-]|[.,]\d)"),
    ("year", r"(?:" + _ci(["fiscal year", "fiscal", "calendar", "the year", "mid", "early", "late",
                          "the end of", "the beginning of", "the start of", "the first half of",
                          "the second half of", "the last half of", "the latter half of",
                          "the first two quarters of", "the last two quarters of",
                          "first two quarters of", "first half of", "second half of",
                          "the middle of", "end of", "spring", "summer",
                          "fall", "winter", "autumn", "the spring of", "the summer of",
                          "the fall of", "the winter of", "the autumn of", "post", "pre",
                          "year-end", "early in", "late in"])
     + r"[\s-]+(?=\d|(?i:the\s+year|nineteen|two))|(?<![\w$#.,/-]))(?:" + YEAR4
     + r"(?:\s+(?i:or\s+later|or\s+earlier))?|"
     + r"(?i:the\s+year\s+)" + SPELLED_YEAR + r"|" + SPELLED_YEAR + r")(?![\w-])"
     r"|(?=['\u2019])(?:(?<=\bin\s)|(?<=\bof\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bfrom\s)"
     r"|(?<=\bto\s)|(?<=\band\s))" + APOS_YEAR),
    ("yearend", _ci(["year-end", "year end", "year's end", "the end of the year",
                     "the end of this year",
                     "the end of next year", "the end of last year", "the end of the month",
                     "the end of the week", "the end of the decade", "end of the year",
                     "the end of the quarter", "the start of the quarter",
                     "the beginning of the quarter", "the start of the month",
                     "the beginning of the month", "the start of the week", "the start of the year",
                     "the beginning of the year", "the turn of the century"]) + r"\b"),
    ("set", r"(?:" + _ci(["every", "each", "once a", "twice a", "per"]) + r"|(?:[2-9]|"
     + _ci(["three", "four", "five", "six", "seven", "eight", "nine", "ten", "several"])
     + r")\s+(?i:times\s+an?))\s+(?:(?i:other|second)\s+|"
     + NUMBER + r"\s+)?(?:"
     + _ci(["day", "week", "month", "year", "quarter", "morning", "evening", "night",
            "afternoon", "weekend", "summer", "winter", "spring", "fall", "hour", "minute"])
     + r"\b|"
     + WEEKDAY_FULL + r"(?:\s+" + PART + r")?|" + MONTH_FULL + r"|" + UNIT_PL + r"\b)|"
     + _ci(lx.FREQUENCIES) + r"\b"
     # "closed on Mondays", "on Sunday mornings": a weekday in the plural recurs
     r"|(?:(?<=\bon\s)|(?<=\bexcept\s)|(?<=\bclosed\s)|(?<=\bopen\s)|(?<=days\sand\s)"
     r"|(?<=days\sor\s))(?:" + WEEKDAY_PLURAL
     + r"|" + WEEKDAY_FULL + r"\s+" + PART + r"s)\b"
     # "on alternate Saturdays": every other one
     r"|(?i:alternate)\s+" + WEEKDAY_PLURAL
     # "closed on weekends", "at weekends"
     + r"|(?:(?<=\bon\s)|(?<=\bat\s))(?i:weekends)\b"),
    ("ref", r"(?:" + _ci([k for k in lx.REFERENCES if k != "now"]) + r"|(?i:now))\b"
     r"(?!-)"),
    # "rescuers have worked since dawn": an edge of the day after a preposition of time
    ("dayedge", r"(?:(?<=\b[Aa]t\s)|(?<=\b[Ss]ince\s)|(?<=\bby\s)|(?<=\bbefore\s)|(?<=\bafter\s)"
     r"|(?<=\buntil\s)|(?<=\bfrom\s)|(?<=\btill\s))" + _ci(list(lx.DAY_EDGES)) + r"\b"
     # "at dawn on Thursday": TimeBank marks the day alone, as "the morning of Nov. 8"
     r"(?!\s+(?:on\s+|of\s+)?(?:" + WEEKDAY_ANY + r"|" + MONTH_ANY + r"|" + DEICTIC + r"|\d))"),
    ("partday", _ci(["overnight", "midday", "the morning", "the afternoon", "the evening"])
     + r"\b|(?i:mid[\s-]?(?:morning|afternoon)|(?:early|late)[\s-]+(?:morning|afternoon|evening))"
     r"\b(?:\s+" + DEICTIC + r"\b)?(?!\s+(?:of|on)\b|\s+" + WEEKDAY_FULL + r")"),
    ("month", POS_PREFIX + MONTH_FULL),
    # "has gained 8% year to date", "sales so far in the year to date" (before "the year");
    # "midweek"
    ("yearword", r"(?i:(?:the\s+)?year[\s-]to[\s-]date|mid-?week)\b(?!-)"
     # "this time last year"; "in the same month last year" (of the month just named)
     r"|(?i:this\s+day\s+in)\s+" + YEAR4 + r"\b"
     r"|(?i:this\s+time\s+(?:last|next)\s+year|the\s+same\s+(?:month|week|day)\s+"
     r"(?:last\s+year|a\s+year\s+(?:ago|earlier)))\b"
     r"|(?i:the\s+(?:full\s+|same\s+|entire\s+|whole\s+|current\s+|new\s+|long\s+"
     r"|(?:holiday-)?shortened\s+|(?:rest|remainder|balance)\s+of\s+the\s+)?(?:year|"
     r"week|month|weekend))\b(?!-)"
     r"|(?i:the\s+(?:rest|remainder)\s+of\s+the\s+day)\b"),
]

RULE_NAMES: tuple[str, ...] = tuple(name for name, _ in _R)

# Every rule's match begins with one of these words (or a digit). Testing the
# word once before trying ~25 rules makes most word starts fail at once.
FIRST_WORDS: frozenset[str] = frozenset(
    set(lx.MONTHS) | set(lx.WEEKDAYS) | set(lx.SEASONS) | set(lx.DAY_DEICTICS)
    | set(lx.FREQUENCIES)
    # holidays the rule also takes in lower case ("christmas"); the rest are capitalised
    | {"christmas", "new", "independence", "halloween", "boxing", "valentine's"}
    | {k.split()[0] for k in lx.REFERENCES} | {k for k in lx.ORDINALS if k.isalpha()}
    | {k.split()[0] for k in lx.NUMBERS} | set(lx.UNITS) | set(lx.PARTS_OF_DAY)
    | {"the", "this", "that", "these", "next", "last", "past", "coming", "previous", "prior",
       "early", "late", "mid", "middle", "earlier", "later", "end", "start", "beginning",
       "sometime", "around", "about", "approximately", "nearly", "almost", "roughly", "some",
       "more", "less", "fewer", "at", "up", "over", "no", "just", "barely", "well", "only",
       "under", "another", "few", "several", "many", "fiscal", "calendar", "latest",
       "current", "most", "comparable", "same", "corresponding", "recent", "final", "every",
       "each", "once", "twice", "per", "noon", "midnight", "midday", "overnight", "post",
       "pre", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
       "eighties", "nineties", "new", "right", "thanksgiving", "additional", "further", "q", "full",
       "entire", "whole", "other", "following", "remaining", "half", "period", "decades",
       "years", "months", "weeks", "days", "twenty-first", "valentine's", "tue", "thu", "h",
       "fy", "alternate", "centuries", "midweek", "year", "roaring", "noughties"}
    | {w.split()[0] for w in lx.DAY_EDGES} | {"moments"}
    | {w + "s" for w in lx.WEEKDAYS if len(w) > 5}
)
# The other holidays are written capitalised: only that form may start a match there.
_HOLIDAY_FIRST = {
    k.split()[0] for k in (*lx.HOLIDAYS, *lx.WEEKDAY_HOLIDAYS, *lx.EASTER_HOLIDAYS,
                           *lx.OFFSET_HOLIDAYS)
} - FIRST_WORDS
_FIRST = (r"(?=\d|['\u2019]\d|[A-Z]{1,4}-\d|" + _ci(FIRST_WORDS) + r"(?![A-Za-z])|"
          + _alt(w[:1].upper() + w[1:] for w in _HOLIDAY_FIRST) + r"(?![A-Za-z]))")

_BODY = (r"(?:(?:" + "|".join(f"(?P<{name}>{body})" for name, body in _R)
         + r")(?![\w])|(?P<skip>\d[\d,.]*\d|[A-Z]{1,4}-\d+))")
# Frequent words that start no date expression unless certain words follow ("the
# next day", "about two weeks"): the guard refuses them at once otherwise.
_GUARDED = ("the", "The", "a", "A", "an", "at", "At", "about", "About", "up", "over",
            "another", "new", "full", "month", "week", "night", "some", "that", "last")
MASTER: re.Pattern[str] = re.compile(
    r"(?<![\w])" + _FIRST + _guard.cached_guard(_BODY, _GUARDED) + _BODY
)
"""The one pattern that finds candidates; group ``skip`` swallows numbers and model
codes ("250,000", "S-300") so no rule matches inside them. The guard (see
``_guard``) only refuses positions where ``_BODY`` provably cannot match."""

RULES: dict[str, re.Pattern[str]] = {
    name: re.compile(r"(?:" + body + r")(?![\w])") for name, body in _R
}
"""Each rule alone, to try the later rules at a spot where a handler said no."""

WORD = re.compile(r"[A-Za-z']+|[;:\u2013\u2014()\"\u201c\u201d]|--|``|''|\n\s*\n")
NUMBER_RE = re.compile(NUMBER)
UNIT_RE = re.compile(UNIT_ANY)
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")  # a TimeML value naming one day
YEAR4_RE = re.compile(r"(?<!\d)(1[0-9]\d\d|2[01]\d\d)(?!\d)")
APOS_YEAR_RE = re.compile(r"['\u2019](\d\d)(?!\d)")
SPELLED_YEAR_RE = re.compile(SPELLED_YEAR)
CLOCK_RE = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d\d))?\s*(?:(?P<ap>[AaPp])\.?\s?[Mm])?|(?P<w>(?i:noon|midday|midnight))"
)
MONTH_RE = re.compile(MONTH_ANY)
WEEKDAY_RE = re.compile(WEEKDAY_ANY)
DAY_WORD_RE = re.compile(DAY_WORD)
DAYNUM_RE = re.compile(r"(?<![\d])([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d])")
ORD_RE = re.compile(ORD)
SEASON_RE = re.compile(SEASON)
PART_RE = re.compile(PART)
