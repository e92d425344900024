"""Processed <-> plain JSON dicts: the wire format of ``--emit-events`` / ``--events``.

The per-article work can run anywhere (a process pool, a Dask cluster, another
machine's cron job); its results travel as one JSON object per line and are
loaded by the single writer. The format is versioned so an old file is refused
with a clear error instead of being half-read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any, TextIO

from newsline.errors import ReadError
from newsline.models import (
    Article,
    Event,
    Granularity,
    PublishedHow,
    RemovedLine,
    Timex,
    TimexType,
)
from newsline.pipeline import Processed

FORMAT = "newsline.processed/1"


def processed_to_dict(done: Processed, *, key: str | None = None, stated: str = "") -> dict:
    """A JSON-ready dict of one article's result; ``key``/``stated`` as the store needs them."""
    art = asdict(done.article)
    art["published_how"] = done.article.published_how.value if done.article.published_how else None
    art["removed"] = [[r.start, r.end, r.text, r.reason] for r in done.article.removed]
    events = []
    for e in done.events:
        d = asdict(e)
        d["granularity"] = e.granularity.value
        d["keywords"] = list(e.keywords)
        events.append(d)
    timexes = []
    for t in done.timexes:
        d = asdict(t)
        d["type"] = t.type.value
        d["granularity"] = t.granularity.value if t.granularity else None
        timexes.append(d)
    return {
        "format": FORMAT,
        "key": key,
        "stated": stated,
        "article": art,
        "events": events,
        "timexes": timexes,
    }


def processed_from_dict(obj: Any) -> tuple[Processed, str | None, str]:
    """Inverse of :func:`processed_to_dict`: (Processed, key, stated).

    Raises ValueError (with what is wrong) for anything that is not our format.
    """
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    if obj.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} record (format={obj.get('format')!r})")
    try:
        a = dict(obj["article"])
        a["published_how"] = PublishedHow(a["published_how"]) if a.get("published_how") else None
        a["removed"] = tuple(RemovedLine(int(s), int(e), str(t), str(r))
                             for s, e, t, r in a.get("removed", ()))
        article = Article(**a)
        events = []
        for d in obj.get("events", ()):
            d = dict(d)
            d["granularity"] = Granularity(d["granularity"])
            d["keywords"] = tuple(d.get("keywords", ()))
            events.append(Event(**d))
        timexes = []
        for d in obj.get("timexes", ()):
            d = dict(d)
            d["type"] = TimexType(d["type"])
            d["granularity"] = Granularity(d["granularity"]) if d.get("granularity") else None
            timexes.append(Timex(**d))
    except (KeyError, TypeError, ValueError) as e:
        raise ValueError(f"malformed record ({type(e).__name__}: {e})") from e
    for ev in events:
        if ev.article != article.id:
            raise ValueError(f"event {ev.id} belongs to article {ev.article}, not {article.id}")
    key = obj.get("key")
    stated = obj.get("stated") or ""
    if key is not None and not isinstance(key, str):
        raise ValueError("key must be a string or null")
    return Processed(article, tuple(events), tuple(timexes)), key, str(stated)


def dumps(done: Processed, *, key: str | None = None, stated: str = "") -> str:
    """One line of JSON (no trailing newline)."""
    return json.dumps(processed_to_dict(done, key=key, stated=stated), ensure_ascii=False,
                      separators=(",", ":"))


Record = tuple[Processed, "str | None", str]


def read_events(stream: TextIO, name: str) -> Iterator[Record | ReadError]:
    """Records of an ``--emit-events`` file, one per line; a bad line is a ReadError."""
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            yield processed_from_dict(json.loads(line))
        except json.JSONDecodeError as e:
            yield ReadError(where, f"not valid JSON ({e.msg} at column {e.colno})")
        except ValueError as e:
            yield ReadError(where, str(e))

