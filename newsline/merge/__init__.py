"""Events -> timeline entries: one entry per happening, every source kept.

Three steps, each cheap enough for a million events:

1. **Blocking.** Two events are compared only if their dates are compatible
   (equal, one containing the other, or days within ``window`` of each other
   when one of them was counted from a publication date, as "Monday" is) *and*
   they share a word that is not common to the whole input. An inverted index
   keyed by (date value, word) yields those pairs; an event is also indexed
   under each coarser value present in the input that contains it, so a month
   finds its days without scanning them. Up to ``_EXACT_UP_TO`` events this
   is exact; beyond it each event queries only its rarest words and keeps its
   likeliest partners, which keeps the work linear.
2. **Scoring.** Words are stemmed, stop words dropped and a small lexicon of
   news synonyms folded ("quit" ~ "resigned", "MPs" ~ "parliament"). Each word
   weighs its rarity in the input times its nearness to the date expression
   (the words governing "on Friday" name the happening; far ones are often
   another happening in the same sentence). The score is a weighted Dice
   overlap -- a shared word counts as much as it weighs on its lighter side,
   and the denominator holds both sides' words, so a short clause inside a
   long one is no match (the ``token_set_ratio`` trap) -- plus rapidfuzz's
   ratio over the sorted words, counted only above one half so that it
   rewards near-copies and not noise, plus a small bonus for equal values.
3. **Clustering.** Edges above ``similarity`` are taken best first. Two
   clusters join only if every cross pair is allowed (compatible dates; an
   announcement never joins a happening; one article names one day once, so
   two same-day clauses of one article join only as a near-copy) and shares
   at least one word, and the average cross-pair score clears the threshold
   times ``_LINK``: an A~B, B~C chain cannot drag in a C unrelated to A.

The steps live in modules by role: :mod:`~newsline.merge.blocking` (1),
:mod:`~newsline.merge.similarity` (2), :mod:`~newsline.merge.cluster` (3, and
:func:`merge` itself); :mod:`~newsline.merge.dates` says which dates may meet,
:mod:`~newsline.merge.entries` builds the entries (ids, sources, titles) and
:mod:`~newsline.merge.explain` the evidence behind a merge. This module only
re-exports their public names.

Raw events are never changed: entries refer to them by id, and calling
:func:`merge` again rebuilds the same clusters from the same events.
Pure: no I/O, no clock.
"""

from __future__ import annotations

from newsline.merge.cluster import DEFAULT_SIMILARITY, merge
from newsline.merge.dates import DEFAULT_WINDOW_DAYS, dates_compatible
from newsline.merge.entries import TITLE_MAX, entry_id, headline, singletons
from newsline.merge.explain import PairEvidence, explain_entry, explain_pair
from newsline.merge.similarity import Profile, idf_weights, normalise, profile, similarity

__all__ = [
    "DEFAULT_SIMILARITY",
    "DEFAULT_WINDOW_DAYS",
    "PairEvidence",
    "dates_compatible",
    "entry_id",
    "explain_entry",
    "explain_pair",
    "merge",
    "Profile",
    "idf_weights",
    "normalise",
    "profile",
    "similarity",
    "singletons",
    "TITLE_MAX",
    "headline",
]
