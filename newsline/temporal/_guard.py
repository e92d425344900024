"""Build a cheap early-out for the master pattern, proven from the pattern itself.

Most candidate positions of ``patterns.MASTER`` are common words such as "the",
"a", "at" or "about" that only lead to a date expression when a few kinds of
word follow ("the next day", "about two weeks ago"). ``re`` still tries every
rule there, which was most of the scanning time. ``guard`` returns a negative
lookahead that rejects such a word at once when the next word begins with a
letter no rule could continue with.

The letters are not listed by hand: the pattern is parsed with the standard
``re`` parser and run as a nondeterministic automaton over the word, any run of
whitespace, and each candidate letter. The automaton accepts more than ``re``
does (lookarounds and word boundaries count as always true, bounded repeats as
unbounded, case-insensitive letters outside ASCII as any letter), so a letter
is rejected only when no match could possibly continue with it. Any construct
the automaton does not know makes ``guard`` give up (no early-out).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

try:
    from re import _constants as _k  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _k  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_WHITESPACE = tuple(chr(c) for c in range(0x3001) if chr(c).isspace())  # \s of str patterns

Pred = Callable[[str], bool]
_VERSION = 1  # bump when the analysis changes


class _Unknown(Exception):
    """A construct the automaton cannot over-approximate."""


def _always(_c: str) -> bool:
    return True


def _variants(c: str) -> set[str]:
    return {c, c.lower(), c.upper(), c.swapcase(), c.casefold()}


_CATEGORIES = (_k.CATEGORY_DIGIT, _k.CATEGORY_NOT_DIGIT, _k.CATEGORY_SPACE,
               _k.CATEGORY_NOT_SPACE, _k.CATEGORY_WORD, _k.CATEGORY_NOT_WORD)


def _category(cat: Any, c: str) -> bool:
    if cat is _k.CATEGORY_DIGIT:
        return c.isdecimal()
    if cat is _k.CATEGORY_NOT_DIGIT:
        return not c.isdecimal()
    if cat is _k.CATEGORY_SPACE:
        return c.isspace()
    if cat is _k.CATEGORY_NOT_SPACE:
        return not c.isspace()
    if cat is _k.CATEGORY_WORD:
        return c.isalnum() or c == "_"
    if cat is _k.CATEGORY_NOT_WORD:
        return not (c.isalnum() or c == "_")
    return True  # unknown category: anything


def _pred(op: Any, av: Any, icase: bool) -> Pred:
    """Characters one atom accepts, never fewer than ``re`` would."""
    if op is _k.ANY or op is _k.NOT_LITERAL:
        return _always
    if op is _k.LITERAL:
        ch = chr(av)
        if not icase:
            return lambda c: c == ch
        if not ch.isascii():
            return _always
        forms = _variants(ch)
        # no character but a letter matches an ASCII letter, whatever the case
        return lambda c: bool(_variants(c) & forms) or (not c.isascii() and c.isalpha())
    if op is _k.IN:
        items = list(av)
        if any(o is _k.NEGATE for o, _ in items):
            if icase:
                return _always
            rest = [(o, a) for o, a in items if o is not _k.NEGATE]
            if not all(o in (_k.LITERAL, _k.RANGE) or (o is _k.CATEGORY and a in _CATEGORIES)
                       for o, a in rest):
                return _always  # a set we cannot read exactly cannot be negated safely
            return lambda c: not _in(rest, c)
        if icase:
            return lambda c: ((not c.isascii() and c.isalpha())
                              or any(_in(items, v) for v in _variants(c)))
        return lambda c: _in(items, c)
    raise _Unknown(op)


def _in(items: list[tuple[Any, Any]], c: str) -> bool:
    for op, av in items:
        if op is _k.LITERAL:
            if c == chr(av):
                return True
        elif op is _k.RANGE:
            lo, hi = av
            if lo <= ord(c) <= hi:
                return True
        elif op is _k.CATEGORY:
            if _category(av, c):
                return True
        else:
            return True  # unknown item: anything
    return False


class _NFA:
    def __init__(self) -> None:
        self.eps: list[list[int]] = []
        self.moves: list[list[tuple[Pred, int]]] = []

    def state(self) -> int:
        self.eps.append([])
        self.moves.append([])
        return len(self.eps) - 1

    def build(self, items: Iterable[tuple[Any, Any]], start: int, icase: bool) -> int:
        """Add a sequence from ``start``; return its end state."""
        cur = start
        for op, av in items:
            cur = self.atom(op, av, cur, icase)
        return cur

    def atom(self, op: Any, av: Any, start: int, icase: bool) -> int:
        end = self.state()
        if op in (_k.AT, _k.ASSERT, _k.ASSERT_NOT):
            self.eps[start].append(end)  # zero width: assume it holds
        elif op is _k.BRANCH:
            for alt in av[1]:
                s = self.state()
                self.eps[start].append(s)
                self.eps[self.build(alt, s, icase)].append(end)
        elif op is _k.SUBPATTERN:
            _group, add, remove, sub = av
            ic = (icase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            self.eps[self.build(sub, start, ic)].append(end)
        elif op in (_k.MAX_REPEAT, _k.MIN_REPEAT, getattr(_k, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            if hi == 0:
                self.eps[start].append(end)
            else:  # {lo,hi} widened to {0,} or {1,}
                s = self.state()
                self.eps[start].append(s)
                e = self.build(sub, s, icase)
                self.eps[e].append(s)
                self.eps[e].append(end)
                if lo == 0:
                    self.eps[start].append(end)
        elif op is getattr(_k, "ATOMIC_GROUP", None):
            self.eps[self.build(av, start, icase)].append(end)
        else:
            self.moves[start].append((_pred(op, av, icase), end))
        return end

    def closure(self, states: Iterable[int]) -> set[int]:
        seen = set(states)
        todo = list(seen)
        while todo:
            for n in self.eps[todo.pop()]:
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        return seen

    def step(self, states: set[int], chars: Iterable[str]) -> set[int]:
        chars = tuple(chars)
        out = {n for s in states for pred, n in self.moves[s] if any(map(pred, chars))}
        return self.closure(out)


@lru_cache(maxsize=4)
def _automaton(pattern: str) -> tuple[_NFA, int, int] | None:
    try:
        tree = _p.parse(pattern)
        nfa = _NFA()
        start = nfa.state()
        accept = nfa.build(list(tree), start, bool(tree.state.flags & re.IGNORECASE))
    except (_Unknown, AttributeError, TypeError, ValueError, IndexError):
        return None
    return nfa, start, accept


def viable_prefixes(pattern: str, word: str, k: int = 3) -> frozenset[str] | None:
    """Every ``k``-letter start of a next word that a match of ``pattern`` beginning
    with ``word`` and whitespace could go on with; None when no early-out is safe."""
    built = _automaton(pattern)
    if built is None:
        return None
    nfa, start, accept = built
    states = nfa.closure({start})
    for ch in word:
        states = nfa.step(states, ch)
        if accept in states:
            return None
    spaced = nfa.step(states, _WHITESPACE)
    while True:
        more = spaced | nfa.step(spaced, _WHITESPACE)
        if more == spaced:
            break
        spaced = more
    if accept in spaced:
        return None
    frontier: dict[str, set[int]] = {"": spaced}
    for _ in range(k):
        nxt: dict[str, set[int]] = {}
        for prefix, sts in frontier.items():
            for c in _ASCII_LETTERS:
                got = nfa.step(sts, c)
                if got:  # a match ending inside the next word is refused by (?![\w])
                    nxt[prefix + c] = got
        frontier = nxt
    return frozenset(frontier)


def _alternation(words: Iterable[str]) -> str:
    """A small regex matching exactly ``words`` (all of one length), by first letters."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words):
        groups.setdefault(w[0], []).append(w[1:])
    parts = []
    for head, tails in groups.items():
        if tails == [""]:
            parts.append(re.escape(head))
        else:
            parts.append(re.escape(head) + "(?:" + _alternation(tails) + ")"
                         if len(tails[0]) > 1 else re.escape(head) + "[" + "".join(tails) + "]")
    return "|".join(parts)


def guard(pattern: str, words: Iterable[str], k: int = 3) -> str:
    r"""A negative lookahead for the start of ``pattern``: fail at once on one of
    ``words``, whitespace, and ``k`` letters that no match could go on with.

    Sound only for a pattern that cannot end a match right before a letter
    (the master pattern ends every rule with ``(?![\w])``); "" when no word
    gets an early-out.
    """
    alts = []
    for w in words:
        ok = viable_prefixes(pattern, w, k)
        if ok is None:
            continue
        keep = f"(?!{_alternation(ok)})" if ok else ""
        alts.append(re.escape(w) + r"\s+" + keep + f"[A-Za-z]{{{k}}}")
    return "(?!" + "|".join(alts) + ")" if alts else ""


def cached_guard(pattern: str, words: tuple[str, ...]) -> str:
    """``guard(pattern, words)``, read from ``_guard_data`` when that was made from
    the same pattern and words (building the automaton costs a tenth of a second
    at every start), computed afresh otherwise."""
    key = hashlib.sha256(repr((pattern, words, _VERSION)).encode()).hexdigest()
    try:
        from newsline.temporal import _guard_data
    except ImportError:
        return guard(pattern, words)
    if getattr(_guard_data, "KEY", None) == key:
        return str(_guard_data.GUARD)
    return guard(pattern, words)


def write_cache(path: str, pattern: str, words: tuple[str, ...]) -> None:
    """Write ``_guard_data.py`` for ``cached_guard`` (run by tests/test_guard.py)."""
    key = hashlib.sha256(repr((pattern, words, _VERSION)).encode()).hexdigest()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('"""Generated by newsline.temporal._guard.write_cache; do not edit."""\n\n')
        fh.write(f"KEY = {key!r}\n")
        text = guard(pattern, words)
        fh.write("GUARD = (\n")
        for i in range(0, len(text), 80):
            fh.write(f"    {text[i:i + 80]!r}\n")
        fh.write(")\n")


if __name__ == "__main__":  # python -m newsline.temporal._guard: refresh the cache
    import os

    from newsline.temporal import patterns

    target = os.path.join(os.path.dirname(__file__), "_guard_data.py")
    write_cache(target, patterns._BODY, patterns._GUARDED)
    print(f"wrote {target}")
