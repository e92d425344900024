"""Calendar arithmetic against an anchor, and the tense cue of a clause.

Everything here is a pure function of its arguments: the anchor is always
passed in, never read from the clock. Values come back as TimeML strings of
the granularity the words carried (a month stays ``2015-11``).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from newsline.temporal import lexicon as lx
from newsline.temporal.patterns import WORD

FUTURE = "future"
NO_CUE_AHEAD = 140  # days: a cue-less month or date up to ~4.5 months ahead stays ahead
NO_CUE_BEHIND = 240  # days: ... and up to ~8 months back stays back
PAST = "past"

_FUT_1 = frozenset(c for c in lx.FUTURE_CUES if " " not in c) | {"expected", "scheduled",
                                                                  "slated"}
_PAST_1 = frozenset(c for c in lx.PAST_CUES if " " not in c)
_MULTI: dict[tuple[str, ...], str] = {}
for _c in lx.FUTURE_CUES:
    if " " in _c:
        _MULTI[tuple(_c.split())] = FUTURE
for _c in lx.PAST_CUES:
    if " " in _c:
        _MULTI[tuple(_c.split())] = PAST
_MULTI_LENS = sorted({len(k) for k in _MULTI}, reverse=True)
_BACKSHIFTED = frozenset(tuple(c.split()) for c in lx.BACKSHIFTED_CUES)
# "said the shipment was due on Monday, but it never arrived": a plan the sentence shows
# did not happen lies in the past. Only a "but" that undoes it counts: "was planned for
# early March, but no exact date has been set" still looks ahead, and "but it was
# postponed" may be said before the day.
_FAILED_PLAN = re.compile(r"[^.;!?]*?\bbut\b[^.;!?]*?\b(?:never|did\s+not|didn't|was\s+not|wasn't"
                          r"|fell\s+through|instead)\b")
# ... and so does a report named after it: "was expected to arrive on Friday, aides said"
_REPORTED_AFTER = re.compile(r"[^.;!?]{0,60}?,\s+(?:[\w.'-]+\s+){1,4}?(?:"
                             + "|".join(sorted(lx.BACKSHIFT_REPORTERS)) + r")\b")
_DAY_OR_MONTH = "|".join(sorted((w.capitalize() for w in (*lx.WEEKDAYS, *lx.MONTHS)
                                  if len(w) > 2 and w.isalpha()), key=len, reverse=True))
_COORDINATED = re.compile(r"\b(" + _DAY_OR_MONTH + r")(?:['\u2019]s\s+[a-z]+(?:\s+[a-z]+)?)?"
                          r"(?:\s+\d{1,2})?\s+(?:and|or)\s+(?:on\s+|in\s+)?$")
_ON_OR = re.compile(r"(?i)\s+on\s+(?:or|and)\s+(?:before|after)\s*$")
_PLAIN_PRESENT = frozenset({("go", "back")})
_RESCHEDULE = frozenset(tuple(c.split()) for c in lx.RESCHEDULE_CUES)
_RESCHEDULE_LENS = sorted({len(k) for k in _RESCHEDULE}, reverse=True)
_BREAKS = frozenset(lx.CLAUSE_BREAKS) | {"\n\n"}
# "will be paid", "are banned" (a present passive), "the flooded region": not past verbs
_NOT_BEFORE_PAST = frozenset({"be", "being", "is", "are", "the", "a", "an", "its", "their",
                              "his", "her", "our", "this", "that", "these", "those",
                              "to"})  # "planning to cut jobs": an infinitive, not a past
_OPENERS = frozenset({"in", "on", "at", "by", "since", "until", "during", "and", "but",
                      "also", "then", "early", "late", "earlier", "later", "as", "of",
                      "from", "starting", "beginning", "effective", "through", "till"})
_AUX = frozenset({"will", "would", "to", "may", "might", "could", "should", "must", "can",
                  "did", "do", "does", "not", "shall"})
# A sentence ends at . ? or ! before a capital, a quote or a line break; "8 a.m. on
# Saturday", "6 a.m. UTC on Friday" and "Nov. 8 at noon" go on.
_SENTENCE_END = re.compile(r"[.?!](?!(?<=[AaPp]\.[Mm]\.)\s+(?:" + "|".join(lx.TIME_ZONES)
                           + r"|[A-Z][a-z]+\s+time)\b)(?:\s*\n|\s+(?=[A-Z0-9\"'`(\u201c\u2018]))")
# After "could", these make it the past of "can" or leave it open ("could not attend",
# "could be located", "could have"); any other verb is a possibility ahead.
_NOT_AFTER_COULD = frozenset({"not", "be", "have", "never", "only", "hardly", "barely",
                              "still", "already", "n't", "also", "easily"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this",
                          "that", "these", "those", "whose", "my", "your"})
# A sentence opening with a prepositional phrase ("Before the vote on Thursday, the party
# will ...") leaves the tense of a date inside it to the main clause after the comma.
_LEAD_PREPS = frozenset({"before", "after", "ahead", "following", "despite", "during", "amid",
                         "for", "with", "without", "under", "at", "in", "on", "by", "since",
                         "until", "throughout", "over", "from", "like", "unlike", "besides"})
_CLOCK_COLON = re.compile(r"(?<=\d):(?=\d)")
_UNIT_AFTER_NEXT = frozenset({"week", "month", "year", "weekend", "quarter", "season",
                              *lx.WEEKDAYS, *lx.MONTHS, *lx.SEASONS})
_UNTIL_ENDS = frozenset({"after", "before", "when", "while", "since", "and", "but", "because"})
_NAME_JOINERS = frozenset({"and", "of", "for", "&"})  # inside a name: "Bank of England"
_STOP_AFTER = frozenset({"and", "but", "while", "when", "after", "before", "because", "as"})


def day(d: date) -> str:
    return d.isoformat()


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def shift_day(d: date, n: int) -> date:
    return d + timedelta(days=n)


def weekday_on_or_before(anchor: date, wd: int) -> date:
    """The latest day with ISO weekday ``wd`` not after the anchor."""
    return anchor - timedelta(days=(anchor.isoweekday() - wd) % 7)


def weekday_on_or_after(anchor: date, wd: int) -> date:
    return anchor + timedelta(days=(wd - anchor.isoweekday()) % 7)


def nth_weekday(y: int, m: int, wd: int, n: int) -> date:
    first = date(y, m, 1)
    d = first + timedelta(days=(wd - first.isoweekday()) % 7)
    return d + timedelta(weeks=n - 1)


def easter(y: int) -> date:
    """Western Easter Sunday of year ``y`` (anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    n = h + l_ - 7 * m + 114
    return date(y, n // 31, n % 31 + 1)


def last_weekday(y: int, m: int, wd: int) -> date:
    """The last day of month ``m`` with ISO weekday ``wd``."""
    end = date(y, m, calendar.monthrange(y, m)[1])
    return end - timedelta(days=(end.isoweekday() - wd) % 7)


def year_for_month_day(anchor: date, m: int, d: int, tense: str | None,
                       ahead: int = NO_CUE_AHEAD, behind: int = NO_CUE_BEHIND) -> int:
    """Year of a year-less month and day: nearest the anchor, bent by tense.

    A past cue pulls a date that would lie more than a month after the anchor
    into the previous year; a future cue pushes one more than a month before it
    into the next. With no cue the date lies in a window around the anchor that
    reaches further back than forward (``behind`` and ``ahead`` days), because
    news reports mostly look back: "in March" written in October is the March
    just past, "in February" written in October the coming one.
    """
    d = min(d, calendar.monthrange(anchor.year, m)[1])
    cand = date(anchor.year, m, d)
    diff = (cand - anchor).days
    if tense == PAST:
        return anchor.year - 1 if diff > 31 else anchor.year
    if tense == FUTURE:
        return anchor.year + 1 if diff < -31 else anchor.year
    if diff > ahead:
        return anchor.year - 1
    if diff < -behind:
        return anchor.year + 1
    return anchor.year


def year_for_weekday_date(anchor: date, m: int, d: int, wd: int) -> int:
    """The year nearest the anchor in which month/day falls on ISO weekday ``wd``."""
    best: tuple[int, int] | None = None
    for y in range(anchor.year - 11, anchor.year + 12):
        cand = safe_date(y, m, d)
        if cand is None or cand.isoweekday() != wd:
            continue
        dist = abs((cand - anchor).days)
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else anchor.year


def tense_cue(text: str, start: int, end: int, window: int = 160,
              max_words: int = 40) -> tuple[str | None, str | None]:
    """(direction, cue word) of the clause that governs text[start:end].

    A past-tense verb or "will"/"would" right after the expression is the verb
    of its own clause ("the ministry on Sunday issued ...") and decides first;
    then a present copula right before it ("the vote is (on) Sunday") points ahead.
    Otherwise looks back from the expression to the start of its clause for the nearest
    future or past cue (modal, "is expected to", a past-tense verb ...); if the
    clause has none before the expression, looks a few words ahead. Returns
    (None, None) when nothing decides. No part-of-speech tagger: regular past
    tense is "a lowercase word ending in -ed", irregular verbs come from the lexicon.
    """
    first = coordinated_head(text, start)
    if first is not None:
        # "around Tuesday's election and Thursday's rate decision", "in September and
        # December": the second of two joined dates shares the first one's clause (a long
        # list is followed to its head, a few steps at a time, never by recursion)
        for _ in range(8):
            head = coordinated_head(text, first[0])
            if head is None:
                break
            first = head
        start, end = first
    nxt = WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    if nxt is not None and nxt.group(0).islower():
        got = _word_cue(nxt.group(0))
        if got == PAST or nxt.group(0) in ("will", "would"):
            return got, nxt.group(0)
    lo = max(0, start - window)
    before = text[lo:start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].start() + 1:]
    if ":" in before:
        before = _CLOCK_COLON.sub(" ", before)  # "at 14:00 on Friday": no clause break
    before = _ON_OR.sub(" on", before)  # "take effect on or after Oct. 1" reads as "on"
    words = WORD.findall(before)
    lows = [x.lower() for x in words]  # once, not once per word and phrase length
    for n in _RESCHEDULE_LENS:
        if tuple(lows[-n:]) in _RESCHEDULE:
            return FUTURE, " ".join(words[-n:])  # "postponed to Thursday"
        if len(lows) >= n + 2 and lows[-3] == "on" and \
                tuple(lows[-n - 2:-3] + lows[-1:]) in _RESCHEDULE:
            return FUTURE, " ".join(words[-n - 2:])  # "moved on Tuesday to Jan. 18"
    if len(lows) >= 3 and lows[-1] in ("on", "at", "by") and lows[-3] in ("is", "are") and (
            lows[-2].endswith("ed") or lows[-2] in lx.IRREGULAR_PAST) and lows[-2] not in (
            "based", "located", "dated"):
        return FUTURE, f"{words[-3]} {words[-2]}"  # "the new kit is released on Friday"
    k = len(lows) - (2 if lows[-1:] == ["on"] else 1)  # "the vote is (on) Sunday":
    if k >= 0 and lows[k] in ("is", "are") and (k == 0 or lows[k - 1] != "today"):
        return FUTURE, words[k]  # a present copula right before it: scheduled ahead
    i = len(words)
    stop = max(0, i - max_words)
    while i > stop:
        w = words[i - 1]
        if w == "(" and i == len(words):
            i -= 1  # "will leave at dawn (4 a.m. Thursday)": a gloss shares its clause
            continue
        if w in _BREAKS or w.startswith("\n"):
            break
        for n in _MULTI_LENS:
            if i >= n:
                key = tuple(lows[i - n:i])
                if key in _MULTI:
                    if key in _PLAIN_PRESENT and i > n and lows[i - n - 1] in _AUX:
                        continue  # "had to go back on Monday", "did not go back"
                    if _MULTI[key] == FUTURE and i > n and lows[i - n - 1] == "had":
                        return PAST, " ".join(words[i - n - 1:i])  # "had planned to travel
                        # on Monday": a plan overtaken, so the day is gone
                    if key in _BACKSHIFTED and (
                            _reported_ahead(lows, key, 0, i, len(words))
                            or (key[-1] == "to" and _REPORTED_AFTER.match(text, end, end + 120))) \
                            and not _FAILED_PLAN.match(text, end, end + 160):
                        return FUTURE, " ".join(words[i - n:i])
                    return _MULTI[key], " ".join(words[i - n:i])
        lw = lows[i - 1]
        j = i + 2 if lows[i:i + 1] == ["on"] and lows[i + 2:i + 3] == ["to"] else i
        if (lw in lx.COMMITMENT_VERBS and j + 1 < len(words) and lows[j] == "to"
                and lows[j + 1] not in _DETERMINERS and not (i >= 2 and lows[i - 2] == "had")):
            return FUTURE, f"{w} {words[j]}"  # "agreed to meet again on Thursday", "vowed on
            # Tuesday to hold elections by Saturday"
        if lw in lx.CONDITION_WORDS and (i < 2 or lows[i - 2] not in lx.NOT_BEFORE_IF):
            return FUTURE, w  # "if no deal is reached by Sunday": nothing nearer decided
        got = _word_cue(w)
        if w == "Will" and i < len(words) and words[i][:1].isupper():
            got = None  # "Will Hartnell, the actor, died in March": a name
        if got == FUTURE and lw == "until" and _past_negation(lows, stop, i - 1):
            return PAST, "not until"  # "it was not until Friday that ..."
        if got == FUTURE and lw == "until" and _UNTIL_ENDS.intersection(lows[i:]):
            got = None  # "until" governs its own object, not "... until 14 November after
            # appearing in court on Tuesday", where the clause's verb decides
        if got == FUTURE and lw in lx.SCHEDULE_PRESENT and i >= 2 and lows[i - 2] == "to":
            got = None  # "the last storm to close the route": an infinitive, no present
        if got == FUTURE and lw in lx.SCHEDULE_PRESENT and not w.islower():
            got = None  # "won the US Open on Sunday": a name, not the verb "open"
        if got == FUTURE and lw in lx.SCHEDULE_PRESENT and i >= 2 and lows[i - 2] in _DETERMINERS \
                and not (lows[i - 2] in ("that", "which") and lw.endswith("s")):
            got = None  # "the meet on Saturday": a noun ("a deadline that expires on Sunday":
            # a relative clause's verb)
        if got == PAST and i >= 2 and words[i - 2].lower() in _NOT_BEFORE_PAST:
            got = None  # "will be paid" is a passive, "the flooded region" an adjective
        if w.lower() in lx.BASE_PRESENT and i >= 2 and (
                words[i - 2].lower() in _AUX or words[i - 2].lower().endswith("n't")):
            got = None  # "did not meet", "will meet": the auxiliary before it decides
            aux_cue = _word_cue(words[i - 2])
            if aux_cue is not None and lows[i - 2] != "to":
                return aux_cue, words[i - 2]  # ... at once, however far the date
        if got == FUTURE and lows[i - 1] == "next" and i < len(words) and lows[i] == "to":
            got = None  # "next to the embassy": a place, not the future
        if lw in ("last", "next") and i >= 2 and lows[i - 2] in _DETERMINERS:
            got = None  # "the last session", "its next meeting": final, following
        if (got is None and lows[i - 1] == "could" and i < len(words)
                and lows[i] not in _NOT_AFTER_COULD):
            got = FUTURE  # "the strike could end Wednesday" (not "could be located")
        if got:
            return got, w
        i -= 1
    # "In January, the company bought ...": an expression opening its clause is
    # governed by what follows the comma; otherwise the comma ends the look-ahead.
    # So is a sentence-opening phrase with no verb ("Before the vote on Thursday, ...").
    opens_clause = all(x.lower() in _OPENERS for x in words[i:]) or (
        i == 0 and bool(lows) and lows[0] in _LEAD_PREPS and (bool(ends) or lo == 0))
    tail = text[end:end + 100]
    after = WORD.findall(re.split(r"[.;:!?]" if opens_clause else r"[,.;:!?]", tail,
                                  maxsplit=1)[0])
    prev = ""
    counted = 0
    lows_after = [x.lower() for x in after]
    for k, w in enumerate(after):
        in_name = 0 < k < len(after) - 1 and after[k - 1][:1].isupper() and (
            w[:1].isupper() or (w in _NAME_JOINERS and after[k + 1][:1].isupper()))
        if not in_name:  # "the Rights and Action League plans to ...": a name is one word
            counted += 1
        if counted > min(6, max_words):
            break
        if not in_name and (w in _BREAKS or w.lower() in _STOP_AFTER):
            break
        multi = next((n for n in _MULTI_LENS if tuple(lows_after[k:k + n]) in _MULTI), 0)
        if multi and not _past_form(lows_after[k]):  # not "planned to": planned back then
            return _MULTI[tuple(lows_after[k:k + multi])], " ".join(after[k:k + multi])
        if w.lower() in ("next", "last") and k + 1 < len(after) and \
                after[k + 1].lower() in _UNIT_AFTER_NEXT:
            break  # "its August recess next week": a date of its own, no tense of this one
        got = _word_cue(w)
        if got == FUTURE and w.lower() in lx.SCHEDULE_PRESENT and (
                prev in _DETERMINERS or prev.startswith("'")):
            got = None  # "as of Friday's close": a noun after a possessive
        if w.lower() in ("last", "next") and prev in _DETERMINERS:
            got = None  # "on Jan. 8 for the last session": final, no past
        if got:
            return got, w
        prev = w.lower()
    if _headline_to(text, start, end):
        return FUTURE, "to"  # "Minister to meet dockers Wednesday": a headline's plan
    return None, None


# "Minister to meet dockers", not "Dow climbs to record high": a verb of motion before "to"
_HEADLINE_TO = re.compile(r"\b(?!(?:climb|rise|rose|fall|fell|jump|slip|soar|return|move|head|"
                          r"go|went|come|came|surge|drop|slide|slid|sink|sank|rall|gain|edge|"
                          r"cut|lift|push|fly|flew|travel|sail|drive|drove|march|walk|run|ran)"
                          r"[a-z]*\s+to\b)[A-Za-z][a-z]+\s+to\s+[a-z]{3,}\b")


def _headline_to(text: str, start: int, end: int) -> bool:
    """A headline (a short line without a full stop) whose verb is "to" + verb: news
    headlines write the future that way."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    line = text[lo:hi if hi >= 0 else len(text)].rstrip()
    if not line or len(line) > 120 or line[-1] in ".!?\"'" or ". " in line:
        return False
    return _HEADLINE_TO.search(text, lo, start) is not None


def coordinated_head(text: str, start: int) -> tuple[int, int] | None:
    """(start, end) of the day or month that the one at ``start`` is joined to by "and"/"or"
    ("in September and December", "Tuesday's vote and Thursday's"), else None."""
    co = _COORDINATED.search(text, max(0, start - 40), start)
    return None if co is None else (co.start(1), co.end(1))


def _reported_ahead(lows: list[str], key: tuple[str, ...], lo: int, i: int,
                    n_words: int) -> bool:
    """A backshifted cue (lows[i - len(key):i]) under a past verb of saying looks ahead.

    "said the striker was due to return on Tuesday"; not "was to have arrived" (a plan
    that failed), and "could not" only with 'before'/'until' right before the date
    ("warned work could not start before the autumn", not "said he could not recall").
    """
    if key[-1] == "to" and lows[i:i + 1] == ["have"] and i + 1 < n_words and (
            lows[i + 1] == "been" or lows[i + 1] in lx.IRREGULAR_PAST
            or lows[i + 1].endswith(("ed", "en"))):
        return False  # "was to have arrived": a plan that failed (not "was due to have a scan")
    if key[0] == "could" and (n_words == 0 or lows[-1] not in ("before", "until")):
        return False
    return any(w in lx.BACKSHIFT_REPORTERS for w in lows[max(lo, 0):i - len(key)])


def _past_negation(lows: list[str], lo: int, hi: int) -> bool:
    """A past auxiliary negated ("was not", "didn't") among lows[lo:hi]."""
    for j in range(max(lo, 0), hi):
        x = lows[j]
        if x in lx.PAST_NEGATIONS or (x == "not" and j > 0 and lows[j - 1] in
                                       lx.PAST_NEGATED_AUX):
            return True
    return False


def _word_cue(w: str) -> str | None:
    lw = w.lower()
    if lw in ("may", "march") and w[0].isupper():
        return None  # "born on 2 May 1950": a month
    if (lw in _FUT_1 and not (lw == "until" and w[0].isupper())) or lw.endswith("'ll"):
        return FUTURE
    if lw in _PAST_1 or lw in lx.IRREGULAR_PAST and w.islower():
        return PAST
    if (w.islower() and lw.endswith("ed") and len(lw) > 4 and lw not in lx.NOT_PAST_ED
            and not lw.endswith("eed") and not _un_adjective(lw)):
        return PAST
    return None


def _past_form(lw: str) -> bool:
    """A past-tense form, whatever it means as a cue ("planned", "was", "had")."""
    return lw.endswith("ed") or lw in lx.IRREGULAR_PAST or lw in ("was", "were", "had")


def _un_adjective(lw: str) -> bool:
    """ "unspecified", "unnamed": a negated participle, an adjective rather than a verb."""
    return (lw.startswith("un") and not lw.startswith(("under", "uni", "unit"))
            and lw not in lx.UN_VERBS)
