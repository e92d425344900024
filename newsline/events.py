"""Dated clauses -> Event records.

An event is the smallest stretch of a sentence that one date governs. Sentences
arrive already split into clauses by ``newsline.sentences``; this module refines
that split where a clause still holds more than one date (a dash parenthetical,
"X on Tuesday and Y on Thursday") and separates a reporting date ("..., the
Kremlin said Friday") from the happening the sentence reports, because the two
belong on different days of the timeline.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsline.models import Article, Event, Sentence, Timex, TimexType
from newsline.temporal.timex import compatible, value_span

__all__ = [
    "ANNOUNCEMENT",
    "HAPPENING",
    "STOP_WORDS",
    "event_id",
    "extract_events",
    "is_boilerplate",
    "keywords_of",
]

HAPPENING = "happening"
ANNOUNCEMENT = "announcement"

# Words that carry no identity of a happening: function words, reporting and
# modal verbs, and the calendar vocabulary (the date itself is compared apart).
STOP_WORDS = frozenset(
    """
    a about above after again against ago ahead all also am an and any are around as at be
    because been before being below between both but by can could did do does doing done down
    during each early either else even ever every few for from further had has have having he
    her here hers herself him himself his how however i if in into is it its itself just last
    late later least less like made make many may me might more most much must my myself near
    nearly new next no nor not now of off on once one only or other our ours out over own per
    same she should since so some still such than that the their theirs them themselves then
    there these they this those though through to too under until up upon us very was we were
    what when where whether which while who whom whose why will with within without would yet
    you your yours first second third earlier recent recently currently already soon week weeks
    weekend month months year years day days today tomorrow yesterday tonight morning afternoon
    evening night monday tuesday wednesday thursday friday saturday sunday january february
    april june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec said says say saying told tells tell added adds announced
    announces according statement expected set going mr mrs ms dr
    """.split()
)

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)

_REPORT_VERB = (
    r"(?:said|says|announced|announces|confirmed|confirms|reported|stated|added|declared|"
    r"insisted|noted|warned|explained|revealed|disclosed|claimed|tweeted|wrote|indicated)"
)
# "said Friday", "said on Friday", "said late Friday", "said in a statement Friday",
# "told reporters on Friday": the date right after a reporting verb dates the saying.
_REPORT_BEFORE = re.compile(
    rf"\b(?:{_REPORT_VERB}(?:\s+in\s+an?\s+(?:\w+\s+)?(?:statement|interview|briefing))?"
    rf"|told\s+(?:[\w’'.-]+\s+){{1,3}}?)"
    rf"\s*,?\s*(?:on\s+)?(?:(?:late|early)\s+)?$",
    re.IGNORECASE,
)
# An undated ", the Kremlin said, as ..." tail after a happening: not part of it.
_REPORT_TAIL = re.compile(
    rf"[,;]\s+(?:[\w’'.\-]+\s+){{0,9}}?(?:{_REPORT_VERB}|told)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
# "MOSCOW, Russia – " / "MOSCOW: " opening a story: place of filing, not part of any clause.
_DATELINE = re.compile(r"[A-Z]{2,}[A-Z .'\-]*(?:,[^–—:\n]{0,60}?)?\s*(?:[–—:]|\s-)\s+")
_SUBJECT_STOP = re.compile(r"[,;:—–()\"“”]|\s-\s|[.!?]\s")

# Outlet appeals, comment widgets and share buttons. The cleaner removes these
# lines already; a clause matching a strong cue, or two weak ones, is dropped
# again here so that a missed line never becomes a timeline entry.
_STRONG_BOILER = re.compile(
    r"add (?:a|your) comment|^\s*sort by|download (?:the|our) .{0,30}app|follow this link|"
    r"join (?:our|us on) (?:whatsapp|telegram|newsletter|mailing|community|channel|group)|"
    r"leave a reply|email address will not be published|ai[- ]generated summar|"
    r"summarize this article|subscribe (?:now|today|to our)|"
    r"sign up for (?:our|the) (?:free |daily |weekly )?newsletter|"
    r"all rights reserved|click here|share this (?:article|story|post)|be part of quality",
    re.IGNORECASE,
)
_WEAK_BOILER = re.compile(
    r"journalism|readers?\b|reading|paying|subscri|donat|advertis|support (?:us|our)|"
    r"newsletter|our reporters|comments?\b",
    re.IGNORECASE,
)


def is_boilerplate(text: str) -> bool:
    """True for outlet appeals and page furniture that must never be an event."""
    if _STRONG_BOILER.search(text):
        return True
    return len({m.group(0).lower() for m in _WEAK_BOILER.finditer(text)}) >= 2


def event_id(article: str, clause_start: int, clause_end: int, expr_start: int,
             expr_end: int, value: str) -> str:
    """Content hash of where an event sits and what date it has: re-ingesting is a no-op."""
    key = f"{article}:{clause_start}:{clause_end}:{expr_start}:{expr_end}:{value}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=8192)  # the store asks again for the clauses just extracted
def keywords_of(text: str, *, drop: str = "") -> tuple[str, ...]:
    """Lowercased names, places, numbers and content words of a clause, in order, unique.

    ``drop`` is the date expression, whose words are compared through the date
    value and must not count twice as text.
    """
    dropped = {w.lower() for w in _WORD.findall(drop)}
    seen: dict[str, None] = {}
    for word in _WORD.findall(text):
        low = word.lower().replace("’", "'")
        if low.endswith("'s"):
            low = low[:-2]
        if low in dropped or low in STOP_WORDS:
            continue
        if len(low) < 3 and not low.isdigit() and not word[:1].isupper():
            continue
        seen.setdefault(low, None)
    return tuple(seen)


@dataclass(frozen=True)
class _Piece:
    """A span of clean text and the calendar timexes it holds."""

    start: int
    end: int
    timexes: tuple[Timex, ...]


def _calendar(timexes: Sequence[Timex]) -> list[Timex]:
    """DATE/TIME timexes with a calendar span, overlapping ones reduced to the longest."""
    keep = [
        t for t in timexes
        if t.type in (TimexType.DATE, TimexType.TIME) and value_span(t.value) is not None
    ]
    keep.sort(key=lambda t: (t.start, -(t.end - t.start), t.value))
    out: list[Timex] = []
    for t in keep:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|\n")


def _fallback_sentences(text: str) -> list[Sentence]:
    """Rough sentences for callers that have none: enough to locate clauses."""
    out: list[Sentence] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.start() > pos:
            out.append(Sentence(pos, m.start(), text[pos:m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append(Sentence(pos, len(text), text[pos:]))
    return [s for s in out if s.text.strip()]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past spaces, commas and dangling conjunctions at either side."""
    junk = " \t\n,;:—–-\"“”'‘’"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk + ".":
        end -= 1
    m = re.match(r"(?:and|but|while|with|as)\s+", text[start:end], re.IGNORECASE)
    if m and start + m.end() < end:
        start += m.end()
    return start, end


def _reporting(text: str, sent: Sentence, t: Timex) -> tuple[int, int] | None:
    """Span of "<subject> said <date>" when ``t`` dates a saying, else None."""
    before = text[sent.start:t.start]
    m = _REPORT_BEFORE.search(before)
    if not m:
        return None
    verb_at = sent.start + m.start()
    stops = list(_SUBJECT_STOP.finditer(text, sent.start, verb_at))
    subj = stops[-1].end() if stops else sent.start
    start, _ = _strip_span(text, subj, verb_at)
    return start, t.end


def _cut(span: tuple[int, int], holes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``span`` minus ``holes`` as ordered sub-spans."""
    parts = [span]
    for hs, he in holes:
        nxt: list[tuple[int, int]] = []
        for s, e in parts:
            if he <= s or hs >= e:
                nxt.append((s, e))
                continue
            if hs > s:
                nxt.append((s, hs))
            if he < e:
                nxt.append((he, e))
        parts = nxt
    return parts


_PAREN = re.compile(r"\s[–—]\s?|\s?[–—]\s|\s-\s|\(|\)")
_COMMA = re.compile(r",\s")
_SPLIT_AT = [
    re.compile(r";\s"),
    re.compile(r",\s+(?:and|but|while|whereas)\s", re.IGNORECASE),
    re.compile(r"\s(?:and|but|while|whereas|then)\s", re.IGNORECASE),
    re.compile(r",\s"),
    re.compile(r"\s(?:as|after|before|when|because|following|until|once)\s", re.IGNORECASE),
]


def _split_piece(text: str, piece: _Piece) -> list[tuple[_Piece, str]]:
    """One (piece, event text) per date of a piece that holds several dates.

    Compatible dates in one piece ("Friday, November 13"; "in November, on the
    23rd") are one event dated by the most specific. Incompatible ones are
    separated at a dash parenthetical or the strongest boundary between them.
    """
    tx = list(piece.timexes)
    if len(tx) > 1:
        groups: list[list[Timex]] = []
        for t in tx:
            if groups and all(compatible(t.value, o.value) for o in groups[-1]):
                groups[-1].append(t)
            else:
                groups.append([t])
        tx = [min(g, key=lambda t: (_width(t.value), t.start)) for g in groups]
    if len(tx) == 1:
        s, e = _strip_span(text, piece.start, piece.end)
        return [(_Piece(s, e, (tx[0],)), _tidy(text[s:e]))]

    # Dash, bracket or comma parentheticals holding some (not all) of the dates:
    # "Putin – who last visited Iran in 2007 – will head to Tehran on November 23".
    for pat in (_PAREN, _COMMA):
        marks = list(pat.finditer(text, piece.start, piece.end))
        if len(marks) < 2:
            continue
        a, b = marks[0], marks[1]
        inner = [t for t in tx if a.end() <= t.start and t.end <= b.start()]
        outer = [t for t in tx if t not in inner]
        if inner and outer:
            head_s, head_e = _strip_span(text, piece.start, a.start())
            head = text[head_s:head_e]
            in_s, in_e = _strip_span(text, a.end(), b.start())
            if head and pat is _COMMA:  # "The dam, completed in 1968": as written
                paren_text = text[head_s:in_e]
            else:  # "Putin – who last visited Iran in 2007" (no dangling bracket)
                paren_text = f"{head} – {text[in_s:in_e]}" if head else text[in_s:in_e]
            out = [(_Piece(piece.start, b.start(), tuple(inner)), _tidy(paren_text))]
            tail = text[slice(*_strip_span(text, b.end(), piece.end))]
            rest_text = f"{head} {tail}" if head else tail
            if len(outer) == 1:
                s, e = _strip_span(text, piece.start, piece.end)
                out.append((_Piece(s, e, tuple(outer)), _tidy(rest_text)))
            elif all(t.start >= b.end() for t in outer):
                rest = _Piece(b.end(), piece.end, tuple(outer))
                for sub, sub_text in _split_piece(text, rest):
                    if sub.start <= b.end() + 2 and head:
                        sub_text = f"{head} {sub_text}"
                    out.append((sub, sub_text))
            else:
                # Dates on both sides of the parenthetical, or before it: the rest of
                # the piece is split by boundaries, never by a span outside it.
                out.extend(_split_gaps(text, _Piece(piece.start, piece.end, tuple(outer))))
            return out

    return _split_gaps(text, _Piece(piece.start, piece.end, tuple(tx)))


def _split_gaps(text: str, piece: _Piece) -> list[tuple[_Piece, str]]:
    """Split between consecutive dates at the strongest boundary in each gap."""
    tx = list(piece.timexes)
    if len(tx) == 1:
        s, e = _strip_span(text, piece.start, piece.end)
        return [(_Piece(s, e, (tx[0],)), _tidy(text[s:e]))]
    cuts = [piece.start]
    for left, right in zip(tx, tx[1:], strict=False):
        at = right.start
        for pat in _SPLIT_AT:
            found = list(pat.finditer(text, left.end, right.start))
            if found:
                at = found[-1].start()
                break
        cuts.append(at)
    cuts.append(piece.end)
    out = []
    verb = ""
    for n, (t, s, e) in enumerate(zip(tx, cuts, cuts[1:], strict=False)):
        s, e = _strip_span(text, s, e)
        part = _tidy(text[s:e])
        if n == 0:
            verb = _subject_verb(text[s:t.start])
        elif verb and _verbless(text[s:t.start]):
            part = f"{verb} {part}"
        out.append((_Piece(s, e, (t,)), part))
    return out


_AUX_VERB = re.compile(
    r"\b(?:will|would|to|can|could|must|should|shall|might|is|are|was|were|has|have|had)"
    r"\s+(?:(?:not|also|then|soon|later|again)\s+)?(?:be\s+|been\s+)?[a-z]{3,}\b"
)
_PAST_VERB = re.compile(r"(?<=\w )(?:[a-z]+ed|met|held|led|made|took|gave|told|won|lost|saw)\b")
_NOUN_START = re.compile(r"(?:[A-Z]|(?:the|a|an|his|her|its|their)\s)")


def _subject_verb(before_date: str) -> str:
    """ "The Russian leader will host" of "The Russian leader will host X on Tuesday"."""
    m = _AUX_VERB.search(before_date) or _PAST_VERB.search(before_date)
    if not m or len(before_date[:m.end()].split()) > 12:
        return ""
    return _tidy(before_date[:m.end()])


def _verbless(before_date: str) -> bool:
    """ "French leader Francois Hollande" (on Thursday): a bare noun phrase, the second
    object of a verb given once ("will host X on Tuesday and Y on Thursday")."""
    head = before_date.strip(" ,;:—–-")
    if not head or not _NOUN_START.match(head) or len(head.split()) > 8:
        return False
    return not (_AUX_VERB.search(head) or _PAST_VERB.search(" " + head))


def _width(value: str) -> int:
    span = value_span(value)
    return (span[1] - span[0]).days if span else 1 << 30


def _tidy(text: str) -> str:
    """One-line clause text without a dangling reporting tail."""
    text = " ".join(text.split())
    return text.strip(" ,;:—–-")


def _drop_tail(text: str, after: int) -> str:
    """Remove an undated ", X said ..." tail that starts after the date words."""
    m = _REPORT_TAIL.search(text, after)
    if m and m.start() > 0:
        return text[:m.start()]
    return text


def extract_events(
    article: Article,
    sentences: Sequence[Sentence],
    timexes: Sequence[Timex],
) -> list[Event]:
    """One Event per dated clause of ``article``.

    Only DATE/TIME values with a calendar span date events; durations, sets and
    ``*_REF`` values do not. A date right after a reporting verb ("said Friday")
    gives an announcement event whose text names what was announced; the
    announced happening keeps its own date, if it has one.
    """
    text = article.text
    sents = list(sentences) or _fallback_sentences(text)
    cal = _calendar(timexes)
    events: list[Event] = []
    ti = 0
    for sent in sorted(sents, key=lambda s: (s.start, s.end)):
        dl = _DATELINE.match(text, sent.start, sent.end)
        if dl:
            sent = Sentence(dl.end(), sent.end, text[dl.end():sent.end], sent.clauses)
        while ti < len(cal) and cal[ti].start < sent.start:
            ti += 1
        mine = [t for t in cal[ti:] if t.start >= sent.start and t.end <= sent.end]
        if not mine or is_boilerplate(sent.text):
            continue
        reports: dict[int, tuple[int, int]] = {}
        for t in mine:
            span = _reporting(text, sent, t)
            if span is not None:
                reports[t.start] = span
        holes = sorted(reports.values())
        clauses = [
            (max(c.start, sent.start), c.end) for c in sent.clauses if c.end > sent.start
        ] or [(sent.start, sent.end)]
        happenings = [t for t in mine if t.start not in reports]
        pieces: list[_Piece] = []
        for cs, ce in clauses:
            for ps, pe in _cut((cs, ce), holes):
                inside = tuple(t for t in happenings if ps <= t.start and t.end <= pe)
                if inside:
                    pieces.append(_Piece(ps, pe, inside))
        claimed = {t.start for p in pieces for t in p.timexes}
        for t in happenings:  # a timex straddling a clause boundary: use the sentence
            if t.start not in claimed:
                pieces.append(_Piece(sent.start, sent.end, (t,)))
        for piece in pieces:
            for sub, sub_text in _split_piece(text, piece):
                t = sub.timexes[0]
                sub_text = _with_antecedent(text, sent.start, sub.start, sub_text)
                at = sub_text.find(t.text)
                body = _tidy(_drop_tail(sub_text, at + len(t.text) if at >= 0 else len(sub_text)))
                if len(body.split()) < 2 or is_boilerplate(body):
                    continue
                events.append(_make(article, t, sub.start, sub.end, body, HAPPENING))
        for t in mine:
            if t.start not in reports:
                continue
            rs, re_ = reports[t.start]
            content = _reported_content(text, sent, (rs, re_), holes)
            said = _tidy(text[rs:re_])
            body = f"{said}: {content}" if content else said
            if is_boilerplate(body):
                continue
            events.append(_make(article, t, rs, re_, body, ANNOUNCEMENT))
    events.sort(key=lambda e: (e.clause_start, e.expr_start, e.value))
    return events


_RELATIVE = re.compile(r"(?:who|whose|which|where)\b")
_POSSESSIVE = re.compile(r"(?:his|her|its|their)\s")
_NAME_RUN = re.compile(r"(?:[A-Z][\w’'.-]*(?:\s+(?:of|de|van|von|al|bin)\s+|\s+))*[A-Z][\w’'.-]*$")
_BOUNDARY = re.compile(r"[,;:—–(]|\s-\s")
# The sentence's subject, then one relative aside, then the clause: "Keel, who ..., will".
_HEAD_OF_ASIDE = re.compile(r"\s*([^,;:—–()]{2,100}?),\s+(?:who|which|whose)\b[^,;:]*,\s*$")
# A clause that opens with its own subject needs none: "..., the ministry announced".
_OWN_SUBJECT = re.compile(r"(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|"
                          r"he|she|it|they|we|i|you|there|some|many|most|all)\b")


def _with_antecedent(text: str, sent_start: int, start: int, body: str) -> str:
    """Give a clause that opens with "who"/"his", or with its verb, the words it refers to.

    "..., Evan Broch, who stepped down on April 19" -> "Evan Broch, who stepped down
    on April 19"; "Ferrin's visit on June 10 – his first since 2016" keeps the visit.
    Without them the clause names nobody and matches nothing.
    """
    relative = _RELATIVE.match(body)
    if body[:1].islower() and not relative and not _OWN_SUBJECT.match(body):
        # "Keel, who ordered an inquiry on Thursday, will have to explain ...": the main
        # clause after a relative aside takes back the subject that opened the sentence
        aside = _HEAD_OF_ASIDE.match(text, sent_start, start)
        if aside:
            return f"{aside.group(1).strip()} {body}"
    if not relative and not _POSSESSIVE.match(body):
        return body
    before = text[max(sent_start, start - 200):start].rstrip(" ,;:—–-(")
    if not before:
        return body
    if relative:
        m = _NAME_RUN.search(before)
        head = m.group(0) if m else " ".join(before.split()[-4:])
        return f"{head.strip()}, {body}"
    marks = list(_BOUNDARY.finditer(before))
    seg = before[marks[-1].end():] if marks else before
    words = seg.split()
    if not words:
        return body
    return f"{' '.join(words[-12:])} – {body}"


def _reported_content(
    text: str, sent: Sentence, span: tuple[int, int], holes: Sequence[tuple[int, int]]
) -> str:
    """What a "<subject> said <date>" announced: the statement next to it."""
    rs, re_ = span
    before_s, before_e = _strip_span(text, sent.start, rs)
    before = text[before_s:before_e]
    if len(before.split()) >= 3:
        return _shorten(_tidy(before))
    after = text[re_:sent.end]
    after = re.sub(r"^[\s,:]*(?:that\s+)?", "", after)
    for hs, _ in holes:
        if hs > re_:
            after = after[: hs - re_]
            break
    return _shorten(_tidy(after))


def _shorten(text: str, limit: int = 240) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + "…"


# Engine rules whose value never depends on the publication date.
_ABSOLUTE_RULES = frozenset({"full", "iso", "year", "decade", "century", "yearword"})
_YEAR4 = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _is_relative(t: Timex) -> bool:
    """Did this value depend on the anchor? ("Monday", "July" did; "2007", "March 4, 2022" not)."""
    if t.rule in _ABSOLUTE_RULES or _YEAR4.search(t.text):
        return False
    if t.rule:
        return True
    return t.anchor is not None


def _make(article: Article, t: Timex, cs: int, ce: int, body: str, kind: str) -> Event:
    span = value_span(t.value)
    assert span is not None  # _calendar kept only calendar values
    # The clause always holds its date expression and lies inside the text, whatever
    # the splitting above did: 0 <= clause_start <= expr_start < expr_end <= clause_end.
    cs = max(0, min(cs, t.start))
    ce = min(len(article.text), max(ce, t.end))
    first, last, gran = span
    relative = _is_relative(t)
    return Event(
        id=event_id(article.id, cs, ce, t.start, t.end, t.value),
        article=article.id,
        value=t.value,
        granularity=gran,
        start=first.isoformat(),
        end=last.isoformat(),
        text=body,
        expression=t.text,
        expr_start=t.start,
        expr_end=t.end,
        clause_start=cs,
        clause_end=ce,
        keywords=keywords_of(body, drop=t.text),
        rule=t.rule,
        cue=t.cue,
        anchor=t.anchor,
        relative=relative,
        kind=kind,
    )
