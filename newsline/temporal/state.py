"""What the rule handlers share: the narrative state and the handler result.

``_State`` follows the text as ``engine.extract`` reads it (the anchor, the
last date and quarter mentioned); a handler reads it and returns a ``_Res``,
which the driver turns into a ``Timex``. Kept apart so handler modules and the
driver can both import it without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsline.models import TimexType

_QUARTER_REACH = 400  # characters within which "a year earlier" compares with a quarter


@dataclass
class _State:
    anchor: date | None
    ref: str | None  # last calendar value mentioned
    ref_day: date | None  # last day mentioned
    quarter: tuple[int, int] | None = None  # last quarter mentioned (year, q)
    quarter_end: int = -(10**9)  # where that mention ended
    pos: int = 0  # start of the match being resolved
    ref_end: int = -1  # where the last remembered value's mention ended
    ref_start: int = -1  # ... and where it began

    def near_quarter(self) -> tuple[int, int] | None:
        """The last quarter, if mentioned close enough to still be the topic."""
        return self.quarter if self.pos - self.quarter_end < _QUARTER_REACH else None


@dataclass(frozen=True)
class _Res:
    type: TimexType
    value: str
    cue: str | None = None
    anchor: str | None = None
    start_trim: int = 0
    end_trim: int = 0
    remember: bool = True  # False: a derived value ("a year earlier") is not a new reference
    # more timexes of the same type that the words share ("the second and fourth quarters"):
    # (start, end, value) in text offsets, added by the driver after this one
    more: tuple[tuple[int, int, str], ...] = ()


_SENTENCE_END = re.compile(r"[.!?]['\"`]*\s+(?=[A-Z`'\"])|\n\s*\n")


STORY_REACH = 400  # characters: a paragraph of a narrative set in another year


def ref_nearby(text: str, st: _State, pos: int) -> bool:
    """Whether the last date mentioned is close before ``pos``, in the same paragraph: the
    scene a story's later months, seasons and decades belong to."""
    return 0 <= pos - st.ref_end <= STORY_REACH and st.ref_end >= 0 and \
        "\n\n" not in text[st.ref_end:pos]


def _ref_in_sentence(text: str, st: _State) -> bool:
    """Whether the last date mentioned sits in the sentence being read."""
    return st.ref_end >= 0 and _SENTENCE_END.search(text, st.ref_end, st.pos) is None
