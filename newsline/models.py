"""Frozen records that flow between the pipeline stages.

Every stage takes and returns these types, so a stage can be replaced or tested
on its own. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Granularity(str, Enum):
    """How much of the calendar a date value covers.

    Half-years (``1999-H1``) count as seasons: a named part of a year longer
    than a quarter-day-week, the nearest of the contract's eight values.
    """

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


class TimexType(str, Enum):
    """TimeML TIMEX3 types."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


@dataclass(frozen=True)
class Timex:
    """One temporal expression found in a text, with the evidence for its value.

    ``start``/``end`` are Python str offsets into the text the engine was given
    (end exclusive) and ``text == source[start:end]``. ``value`` is a TimeML
    value string (``2015-11-23``, ``2015-11``, ``2015-W47``, ``P5Y``,
    ``PRESENT_REF`` ...). ``granularity`` is None for durations, sets and
    the ``*_REF`` values. ``rule`` names the pattern that matched, ``cue`` the
    tense or modality cue that chose past or future (None when none was needed),
    ``anchor`` the date (ISO day or TimeML value) the value was computed from.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    granularity: Granularity | None = None
    rule: str = ""
    cue: str | None = None
    anchor: str | None = None


class PublishedHow(str, Enum):
    """Where an article's publication date came from (most reliable first)."""

    OPTION = "option"
    METADATA = "metadata"
    FILENAME = "filename"
    DATELINE = "dateline"
    TEXT = "text"
    CROSS_SOURCE = "cross-source"


@dataclass(frozen=True)
class PubDate:
    """A publication date and how it was found."""

    value: str  # ISO day, YYYY-MM-DD
    how: PublishedHow
    confidence: float = 1.0
    evidence: str = ""  # the words or field that gave it


@dataclass(frozen=True)
class RawDocument:
    """One input before any processing: the text and what the caller states."""

    text: str
    path: str | None = None  # file path, "-" for stdin, or None
    published: str | None = None  # --published / jsonl "published" (ISO)
    outlet: str | None = None  # --source / jsonl "outlet"
    title: str | None = None
    url: str | None = None
    # Where ``published`` came from: None means the user's option; a JSON lines
    # field is the article's own metadata.
    published_how: PublishedHow | None = None


@dataclass(frozen=True)
class RemovedLine:
    """A line dropped by the cleaner, kept so nothing is lost."""

    start: int  # offset into the raw text
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class Cleaned:
    """Clean text plus what was taken out and what the header said.

    ``text`` keeps the article body. ``meta`` holds fields read from front
    matter or header lines (keys: date, published, updated, title, outlet, url,
    author), already stripped of the lines they came from.
    """

    text: str
    removed: tuple[RemovedLine, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Clause:
    """A span of a sentence that can carry its own date."""

    start: int  # offsets into the clean text
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    clauses: tuple[Clause, ...] = ()


@dataclass(frozen=True)
class Article:
    """A processed article as stored."""

    id: str  # content hash of the raw text (hex, 16 chars)
    path: str | None
    title: str | None
    outlet: str | None
    published: str | None  # ISO day or None when undated
    published_how: PublishedHow | None
    text: str  # clean text; all offsets point into it
    raw: str = ""
    removed: tuple[RemovedLine, ...] = ()
    published_evidence: str = ""


@dataclass(frozen=True)
class Event:
    """A dated clause of one article."""

    id: str  # content hash of (article, clause span, expression span)
    article: str  # Article.id
    value: str  # TimeML value of the date
    granularity: Granularity
    start: str  # first ISO day covered
    end: str  # last ISO day covered (inclusive)
    text: str  # the clause
    expression: str  # the date words
    expr_start: int  # offsets into the article's clean text
    expr_end: int
    clause_start: int
    clause_end: int
    keywords: tuple[str, ...] = ()
    rule: str = ""
    cue: str | None = None
    anchor: str | None = None
    relative: bool = False  # True when the value depends on the publication date
    kind: str = "happening"  # "announcement" when the date is a reporting date ("said Friday")


@dataclass(frozen=True)
class SourceRef:
    """One source's word for a merged timeline entry."""

    article: str
    path: str | None
    outlet: str | None
    published: str | None
    text: str
    expression: str
    event: str = ""  # Event.id


@dataclass(frozen=True)
class Entry:
    """A merged timeline entry: one happening, every source cited."""

    id: str
    date: str  # TimeML value
    start: str
    end: str
    granularity: Granularity
    title: str
    sources: tuple[SourceRef, ...]
    events: tuple[str, ...] = ()  # Event ids merged here
    scores: tuple[tuple[str, str, float], ...] = ()  # (event a, event b, similarity)
