"""Pure: sentences and clauses with character offsets into the clean text.

News text breaks ordinary splitters in known places: titles and agency
abbreviations (Mr., Gen., U.S., Jan.), initials, quotes, and headlines with no
full stop. Here a line break always ends a sentence (the cleaner has already
joined hard-wrapped lines), and a full stop after an abbreviation ends one only
when the next word is a typical sentence opener.

Clauses let one sentence carry two dates: "Putin – who last visited Iran in
2007 – will head to Tehran on November 23" is cut at the dashes so the two
dates govern different clauses.
"""

from __future__ import annotations

import re

from newsline.models import Clause, Sentence

# Never a sentence end: a name or number always follows.
_TITLES = frozenset("""
mr mrs ms dr prof gen col lt sgt capt cmdr adm maj gov sen rep rev st fr hon pres
supt insp det cpl pvt messrs mme mlle mssrs brig lieut atty amb ald
""".split())
# Usually not a sentence end; one when a typical opener follows ("in the U.S. The ...").
_ABBREVS = frozenset("""
inc corp co ltd llc plc bros vs etc al no nos vol fig approx dept est univ ave blvd rd ft mt
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
jr sr p pp op cf ca tr intl natl assn sec
""".split())
_OPENERS = frozenset("""
the a an he she it they we i you his her its their our this that these those there here
but and so yet in on at for as if when while after before however meanwhile still also
then now some many most one two three no not according officials police critics
""".split())

# A run of [.!?] not preceded by one of them, or an ellipsis. Written to begin
# with a character class so that ``re`` skips ahead to the candidates in C.
_BOUNDARY = re.compile(r"[.!?…](?:(?<=…)|(?<=[.!?])(?<![.!?][.!?])[.!?]*)"
                       r"[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’]*)$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]?([A-Za-z0-9]+)")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, each with its clauses; offsets index ``text``."""
    out: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        for s, e in _line_sentences(line):
            a, b = pos + s, pos + e
            out.append(Sentence(a, b, text[a:b], tuple(split_clauses(text, a, b))))
        pos += len(line) + 1
    return out


def _line_sentences(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(line):
        if not _is_end(line, m):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(line)))
    out = []
    for s, e in spans:
        seg = line[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


def _is_end(line: str, m: re.Match[str]) -> bool:
    punct = m.group(0)
    if not punct.startswith("."):
        return True  # ?, ! and ellipsis before a capital end the sentence
    if punct.startswith(".."):
        return True
    word = _word_before(line, m.start())
    if word is None:
        return True  # after a number or a quote: "... rose 5%." / "in 2007."
    low = word.lower().rstrip(".")
    nm = _NEXT_WORD.match(line, m.end())
    nxt = nm.group(1) if nm else ""
    opener = nxt.lower() in _OPENERS or nxt[:1] in "\"'“‘"
    if "." in word:  # dotted acronym: U.S., a.m., e.g.
        return opener
    if low in _TITLES:
        return False
    if low in _ABBREVS:
        return opener and not nxt[:1].isdigit()
    if len(word) == 1 and word.isupper():  # an initial: George W. Bush
        return opener
    return True


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.'’")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _word_before(line: str, end: int) -> str | None:
    """What ``_WORD_BEFORE`` finds in ``line[:end]``, by walking back from ``end``.

    The leftmost match is the first letter of the run of word characters that
    ends at ``end``; a regex search would try every position of the line.
    """
    i = end
    while i > 0 and line[i - 1] in _WORD_CHARS:
        i -= 1
    while i < end and line[i] not in _LETTERS:
        i += 1
    return line[i:end] if i < end else None


# ---------------------------------------------------------------- clauses

_AUX = (r"(?:is|was|will|has|have|had|are|were|would|could|should|can|may|might|must|did|does|"
        r"said|says|told|added)")
_STARTS_CLAUSE = (r"(?:he|she|it|they|we|i|you|the|a|an|his|her|its|their|our|my|your|this|"
                  r"that|these|those|there|most|many|some|all|both|several|none|each|few|no|"
                  r"[A-Z][\w'’-]*|" + _AUX + r")")
_MONTHISH = re.compile(r"\s*(?:(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
                       r"\d|\d)")
_CUTS = re.compile(
    # the lookahead lets the many positions that cannot start a cut fail on one test
    r"(?=[\s;,—])(?:"
    r"(?P<dash>\s+(?:--|[–—-])\s+|(?<=\w)—(?=\w))"
    r"|(?P<semi>;\s+)"
    r"|(?P<rel>,\s+)(?=(?:who|whom|whose|which|where|while|whereas|although|though|as|after|"
    r"before|because|since|when|with|without|including|according)\b)"
    r"|(?P<conj>,\s+)(?=(?:and|but|yet|so)\s+" + _STARTS_CLAUSE + r"\b)"
    r"|(?P<andverb>\s+)(?=and\s+" + _AUX + r"\b))"
)
_RELATIVE = re.compile(r",\s+(?:who|whom|whose|which)\b")
_REPORT = re.compile(
    r"[\"”]?,[\"”]?\s+(?P<tail>(?:[\w'’.-]+\s+){0,8}?(?:said|says|told|added|announced|reported|"
    r"confirmed|stated|warned|noted|insisted)\b)")


def split_clauses(text: str, start: int, end: int) -> list[Clause]:
    """Clauses of the sentence ``text[start:end]``: contiguous, non-empty, in order.

    Cuts at dashes (parentheticals), semicolons, relative and subordinate
    clauses after a comma, ", and/but" before a new subject, "and" before an
    auxiliary verb, and reporting tails (", the Kremlin said Friday, ...").
    Pieces under three words join their neighbour so a bare subject is not a
    clause of its own, and a short name before ", who ..." stays with its
    relative clause ("Water Minister Anton Keel, who ordered an inquiry on
    Thursday").
    """
    s = text[start:end]
    cuts: list[tuple[int, int]] = [(m.start(), m.end()) for m in _CUTS.finditer(s)]
    for m in _REPORT.finditer(s):
        cuts.append((m.start(), m.start("tail")))
        _cut_at_next_comma(s, m.end(), cuts)  # the reporting tail ends there
    for m in _RELATIVE.finditer(s):
        _cut_at_next_comma(s, m.end(), cuts)  # ", which opened in 1975, will close"
    if not cuts:  # most sentences: one clause, the sentence trimmed
        t = _trim(s, 0, len(s))
        if t is None:
            return [Clause(start, end, s)]
        return [Clause(start + t[0], start + t[1], s[t[0]:t[1]])]
    cuts.sort()
    pieces: list[tuple[int, int]] = []
    pos = 0
    for a, b in cuts:
        if a < pos:
            continue
        pieces.append((pos, a))
        pos = b
    pieces.append((pos, len(s)))
    pieces = [p for p in (_trim(s, a, b) for a, b in pieces) if p is not None]
    pieces = _merge_antecedents(s, pieces)
    pieces = _merge_short(s, pieces)
    if not pieces:
        return [Clause(start, end, s)]
    return [Clause(start + a, start + b, s[a:b]) for a, b in pieces]


_REL_WORD = re.compile(r"(?:who|whom|whose|which)\b")


def _merge_antecedents(s: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if (out and _REL_WORD.match(s, a) and s[out[-1][1]:a].strip() == ","
                and len(s[out[-1][0]:out[-1][1]].split()) <= 6):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _cut_at_next_comma(s: str, k: int, cuts: list[tuple[int, int]]) -> None:
    """Cut at the next comma after ``k`` that does not continue a date ("Friday, May 4")."""
    while True:
        c = s.find(",", k)
        if c < 0:
            return
        if _MONTHISH.match(s, c + 1):
            k = c + 1
            continue
        rest = s[c + 1:]
        cuts.append((c, c + 1 + len(rest) - len(rest.lstrip())))
        return


def _trim(s: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and (s[a].isspace() or s[a] in ",;–—-"):
        a += 1
    while b > a and (s[b - 1].isspace() or s[b - 1] in ",;–—-"):
        b -= 1
    return (a, b) if b > a else None


def _merge_short(s: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for a, b in pieces:
        if carry is not None:
            a, carry = carry, None
        if len(s[a:b].split()) < 3:
            carry = a
            continue
        out.append((a, b))
    if carry is not None:
        if out:
            out[-1] = (out[-1][0], len(s.rstrip()))
            out[-1] = _trim(s, *out[-1]) or out[-1]
        else:
            t = _trim(s, carry, len(s))
            if t:
                out.append(t)
    return out
