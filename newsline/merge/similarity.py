"""Similarity of two events: what their clauses say near their dates.

Words are stemmed, stop words dropped and a small lexicon of news synonyms
folded ("quit" ~ "resigned", "MPs" ~ "parliament"). Each word weighs its
rarity in the input times its nearness to the date expression (the words
governing "on Friday" name the happening; far ones are often another happening
in the same sentence). The score is a weighted Dice overlap plus rapidfuzz's
ratio over the sorted words, counted only above one half, plus a small bonus
for equal values (see :func:`_pair`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from newsline.events import ANNOUNCEMENT, STOP_WORDS
from newsline.models import Event

__all__ = ["Profile", "idf_weights", "normalise", "profile", "similarity"]

_KW_WEIGHT = 0.9  # share of weighted word overlap in the score; the rest is rapidfuzz ratio

# News verbs and nouns that name the same act; folded before comparison so
# that "stepped down" meets "resigned" and "MPs" meets "parliament". Kept
# small on purpose: every entry here also helps a decoy now and then.
_SYNONYMS = {
    "visit": ("travel", "trip", "tour", "arrive", "arrival", "went", "visitor"),
    "talk": ("meet", "met", "meeting", "discuss", "discussion", "negotiate", "negotiation",
             "summit"),
    "kill": ("dead", "death", "die", "died", "killing", "fatal"),
    "attack": ("assault", "raid", "bombing"),
    "sign": ("signed", "signing", "ink", "inked", "seal", "sealed"),
    "deal": ("agreement", "accord", "pact", "treaty", "agree", "agreed"),
    "resign": ("resignation", "quit", "stepped", "step", "departure"),
    "leader": ("leadership", "chief"),
    "parliament": ("mp", "mps", "lawmaker", "legislator", "legislature", "deputy", "congress"),
    "strike": ("walkout", "stoppage"),
    "halt": ("suspend", "suspended", "shut", "stop", "stopped", "freeze", "froze"),
    "fail": ("collapse", "burst", "breach", "broke", "break", "gave"),
    "evacuat": ("evacuation", "flee", "fled", "displace"),
    "begin": ("began", "begun", "start", "started", "launch", "launched"),
    "end": ("ended", "ending", "conclude", "concluded", "finish", "settle", "settled"),
    "return": ("resume", "resumed", "reopen", "reopened"),
    "share": ("stock", "stocks"),
    "fall": ("fell", "slide", "slid", "drop", "dropped", "plunge", "plunged", "tumble",
             "tumbled", "sank", "slump", "slumped", "dump", "dumped"),
    "rise": ("rose", "climb", "climbed", "jump", "jumped", "soar", "soared"),
}
# Phrasal verbs, folded to one word before stemming.
_PHRASES = [  # (cheap substring cue, pattern, replacement)
    ("walk", re.compile(r"\bwalk(?:ed|s|ing)?\s+out\b", re.IGNORECASE), "walkout"),
    ("down", re.compile(r"\bstep(?:ped|s|ping)?\s+down\b", re.IGNORECASE), "resign"),
    ("down", re.compile(r"\b(?:broke|break|breaks|broken)\s+down\b", re.IGNORECASE), "fail"),
    ("back", re.compile(r"\b(?:went|go|goes|going|came|come|coming)\s+back\b", re.IGNORECASE),
     "return"),
    ("set off", re.compile(r"\bset\s+off\b", re.IGNORECASE), "begin"),
    ("head", re.compile(r"\bhead(?:s|ed|ing)?\s+(?:to|for)\b", re.IGNORECASE), "visit to"),
]

_EQUAL_BONUS = 0.1  # the same date value, not merely a compatible one

_NEAR_WORDS = 2  # words this close to the date expression count in full
_NEAR_DECAY = 0.1  # then lose this much per word
_FAR_FLOOR = 0.1  # down to this floor
_SUBORDINATORS = frozenset({"after", "because", "following", "amid", "when", "while", "before"})

# "The talks ended with a deal", "a strike that led to ...": an outcome named after
# the date is a happening of its own, like a subordinate clause.
_OUTCOMES = frozenset({("ended", "with"), ("ending", "with"), ("ends", "with"), ("led", "to"),
                       ("leading", "to"), ("resulted", "in"), ("resulting", "in"),
                       ("paving", "the"), ("prompting", ""), ("sparking", ""),
                       ("triggering", "")})
# Two clauses that share only names (the same minister, the same city) and no
# word of what happened are two happenings of the same people: their score is
# scaled down by this much. 0.25-0.5 score the same on the team corpora; the
# milder one keeps more paraphrases ("name a successor" / "appointed X").
_ACTORS_ONLY = 0.5
# "Rusk hosted Ferrin" is Ferrin's visit: a hosting verb names the visit from the
# host's side. It folds onto "visit", and the host (the names before the verb)
# weighs little, so that "Ferrin will receive Vey" is not Ferrin's visit.
_HOSTING = frozenset({"host", "hosts", "hosted", "hosting", "receive", "receives", "received",
                      "receiving", "welcome", "welcomes", "welcomed", "welcoming"})
_CORE_NEAR = 0.15  # a word this near the date words can say what happened


def _base_stem(word: str) -> str:
    """Fold plurals, tenses and demonyms just enough to match across outlets."""
    w = word.lower().replace("’", "'").strip("'-")
    if w.isdigit() or len(w) <= 3:
        return w
    for suffix, keep in (("ians", 4), ("ian", 4), ("ia", 4), ("ship", 5), ("ings", 5),
                         ("ing", 5), ("ies", 4), ("ied", 4), ("ed", 4), ("es", 5),
                         ("s", 4)):
        if w.endswith(suffix) and len(w) - len(suffix) >= keep - 1:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                break
            if suffix in ("ies", "ied"):
                w = w[: -len(suffix)] + "y"
            else:
                w = w[: -len(suffix)]
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


_CANON = {_base_stem(w): _base_stem(k) for k, ws in _SYNONYMS.items() for w in (k, *ws)}
_ACTS = frozenset(_CANON.values())


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """Stem, then fold synonyms onto one canonical stem."""
    low = word.lower()
    if low in _CANON:
        return _CANON[low]
    b = _base_stem(low)
    return _CANON.get(b, b)


@dataclass(frozen=True)
class Profile:
    """What similarity compares: stemmed content words and their nearness to the date words."""

    words: tuple[str, ...]  # sorted, unique
    near: tuple[float, ...]  # per word: 1.0 next to the date expression, less far from it
    joined: str  # the words, space-separated, for rapidfuzz
    # What happened, not who: words near the date, written lowercase (a capitalised
    # first word only when it is a known act: "Talks broke down ...").
    core: frozenset[str] = frozenset()


_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)


def _nearness(distance: int) -> float:
    """Words governing the date ("resigned on Friday") name the happening; far ones less so."""
    if distance <= _NEAR_WORDS:
        return 1.0
    return max(_FAR_FLOOR, 1.0 - _NEAR_DECAY * (distance - _NEAR_WORDS))


@lru_cache(maxsize=300_000)
def _content_stem(low: str) -> str | None:
    """Stem of a lowercased token, or None for stop words and short non-numbers."""
    low = low.replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if low in STOP_WORDS or (len(low) < 3 and not low.isdigit()):
        return None
    return _stem(low)


_AMOUNTS = frozenset(
    "a an one two three four five six seven eight nine ten eleven twelve several few "
    "many some hours days weeks months years".split()
)


def _amount(token: str) -> bool:
    """'after nine days', 'after 3 hours': a span of time, not a subordinate clause."""
    return token.isdigit() or token in _AMOUNTS


def profile(event: Event) -> Profile:
    """Normalised words of an event's text, weighted by nearness to its date expression."""
    text = event.text
    low_text = text.lower()
    for cue, pat, repl in _PHRASES:
        if cue in low_text:
            text = pat.sub(repl, text)
            low_text = text.lower()
    raw = _TOKEN.findall(text)
    lows = [t.lower() for t in raw] or [k.lower() for k in event.keywords]
    if not raw:
        raw = lows
    expr = _TOKEN.findall(event.expression.lower())
    ws = -1
    if expr and expr[0] in lows:
        n = len(expr)
        for i in range(len(lows) - n + 1):
            if lows[i] == expr[0] and lows[i:i + n] == expr:
                ws = i
                break
    expr_set = set(expr)
    # Content words with their token index; distance to the date is counted in
    # content words, so "to Tehran for a forum of ... on November 23" is near.
    content: list[tuple[int, str]] = []
    hosting = -1
    for i, low in enumerate(lows):
        if low in expr_set:
            continue
        if low in _HOSTING:
            if hosting < 0:
                hosting = i
            content.append((i, "visit"))
            continue
        st = _content_stem(low)
        if st is not None:
            content.append((i, st))
    near: dict[str, float] = {}
    if ws < 0:
        for _, st in content:
            near[st] = 1.0
    else:
        before = sum(1 for i, _ in content if i < ws)
        # "a day after Ferrin's gas deal": the date belongs to what follows it.
        forward = expr[-1] in ("after", "before")
        # "fell on Thursday after prosecutors charged ...": a subordinate clause
        # after the date is another happening (the cause), not the dated one.
        cut = len(lows)
        if not forward:
            we = ws + len(expr)
            cut = next((k for k in range(we, len(lows) - 1) if (
                lows[k] in _SUBORDINATORS and not _amount(lows[k + 1]))
                or (lows[k], lows[k + 1]) in _OUTCOMES or (lows[k], "") in _OUTCOMES), cut)
        for rank, (i, st) in enumerate(content):
            if forward and i < ws:
                continue  # "The meeting came a day after the deal": the meeting is not dated
            d = before - rank if i < ws else rank - before + 1
            w = _FAR_FLOOR if i > cut else _nearness(d)
            if i < hosting and raw[i][:1].isupper():
                w = _FAR_FLOOR  # the host of a visit, not its visitor
            if w > near.get(st, 0.0):
                near[st] = w
        if not near:
            near = {st: _FAR_FLOOR for _, st in content}
    words = tuple(sorted(near))
    core = frozenset(
        st for i, st in content
        if near.get(st, 0.0) >= _CORE_NEAR
        and (not raw[i][:1].isupper() or (i == 0 and st in _ACTS))
    )
    return Profile(words, tuple(near[w] for w in words), " ".join(words), core)


def normalise(event: Event) -> tuple[str, ...]:
    """Sorted, unique, stemmed content words of an event: what similarity compares."""
    return profile(event).words


def idf_weights(profiles: Iterable[Profile]) -> dict[str, float]:
    """Inverse document frequency of each word over the events being merged.

    A word every event of a story carries ("dam", "Putin") tells two of its
    events apart less than a word only two of them share.
    """
    df: Counter[str] = Counter()
    n = 0
    for p in profiles:
        n += 1
        df.update(p.words)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def _vector(p: Profile, weights: Mapping[str, float] | None) -> dict[str, float]:
    """Word -> weight (rarity x nearness to the date words)."""
    if weights is None:
        return dict(zip(p.words, p.near, strict=True))
    return {t: weights.get(t, 1.0) * n for t, n in zip(p.words, p.near, strict=True)}


def _pair(
    va: Mapping[str, float], sa: float, ja: str, vb: Mapping[str, float], sb: float, jb: str,
    what: bool = True,
    bonus: float = 0.0,
) -> tuple[float, float, float]:
    """(blend, weighted keyword dice, fuzzy ratio) from precomputed vectors and sums.

    A shared word counts as much as it matters on the side where it matters
    less, and the denominator holds every word of both sides, so a short
    clause inside a long one is no match (the trap of ``token_set_ratio``).
    """
    if not va or not vb:
        return 0.0, 0.0, 0.0
    if len(va) > len(vb):
        va, vb = vb, va
    num = 0.0
    for t, w in va.items():
        v = vb.get(t)
        if v is not None:
            num += w if w < v else v
    den = sa + sb
    dice = 2.0 * num / den if den else 0.0
    if num == 0.0:
        return 0.0, 0.0, 0.0
    ratio = fuzz.ratio(ja, jb) / 100.0  # on sorted words: token_sort_ratio without the sort
    # Unrelated word lists still score ~0.3-0.5; only the part above half counts,
    # so the fuzzy term rewards near-copies (wire rewrites, captions), not noise.
    lift = max(0.0, 2.0 * ratio - 1.0)
    blend = _KW_WEIGHT * dice + (1 - _KW_WEIGHT) * lift + bonus
    if not what:  # only the same people, places and numbers: another happening of theirs
        blend *= _ACTORS_ONLY
    return blend, dice, ratio


def _score(
    a: Profile, b: Profile, weights: Mapping[str, float] | None = None, bonus: float = 0.0
) -> tuple[float, float, float]:
    """(blend, weighted keyword dice, fuzzy ratio) of two profiles."""
    va, vb = _vector(a, weights), _vector(b, weights)
    return _pair(va, sum(va.values()), a.joined, vb, sum(vb.values()), b.joined,
                 not a.core.isdisjoint(b.core), bonus)


def similarity(a: Event, b: Event, weights: Mapping[str, float] | None = None) -> float:
    """Similarity of two events in [0, 1]: text evidence plus a small bonus for equal dates.

    ``weights`` are :func:`idf_weights` of the collection being merged (uniform
    when None). An announcement is never similar to a happening. Clauses that
    share only names, no word of what happened near their dates, score half.
    """
    if (a.kind == ANNOUNCEMENT) != (b.kind == ANNOUNCEMENT):
        return 0.0
    bonus = _EQUAL_BONUS if a.value == b.value else 0.0
    pa, pb = profile(a), profile(b)
    got = _score(pa, pb, weights, bonus)[0]
    return round(min(1.0, got), 4)
