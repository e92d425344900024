"""The machine contract: ``json`` and ``jsonl``.

These two formats are what other programs read, so their shape is fixed and
versioned (``schema_version``); every other format is for people. Field order
is stable so diffs of two runs stay readable.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from newsline.models import Entry, Granularity, SourceRef

SCHEMA_VERSION = 1


def source_to_dict(src: SourceRef) -> dict[str, Any]:
    """One citation as in the contract (the internal event id is not part of it)."""
    return {
        "article": src.article,
        "path": src.path,
        "outlet": src.outlet,
        "published": src.published,
        "text": src.text,
        "expression": src.expression,
    }


def entry_to_dict(e: Entry) -> dict[str, Any]:
    """An entry as the documented JSON object: id, date, start, end, granularity,
    title, sources[article, path, outlet, published, text, expression]."""
    return {
        "id": e.id,
        "date": e.date,
        "start": e.start,
        "end": e.end,
        "granularity": Granularity(e.granularity).value,
        "title": e.title,
        "sources": [source_to_dict(s) for s in e.sources],
    }


def entry_from_dict(d: Mapping[str, Any]) -> Entry:
    """Rebuild an Entry from a contract object (what ``entry_to_dict`` wrote).

    Lets a saved ``--format json`` file be filtered and rendered again.
    Raises KeyError/ValueError on objects that do not follow the contract.
    """
    return Entry(
        id=str(d["id"]),
        date=str(d["date"]),
        start=str(d["start"]),
        end=str(d["end"]),
        granularity=Granularity(d["granularity"]),
        title=str(d["title"]),
        sources=tuple(
            SourceRef(
                article=str(s["article"]),
                path=s.get("path"),
                outlet=s.get("outlet"),
                published=s.get("published"),
                text=str(s["text"]),
                expression=str(s["expression"]),
            )
            for s in d.get("sources", ())
        ),
    )


def render_json(entries: Sequence[Entry]) -> str:
    """``{"schema_version": 1, "events": [...]}``, indented, UTF-8 kept as is."""
    doc = {"schema_version": SCHEMA_VERSION, "events": [entry_to_dict(e) for e in entries]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(entries: Sequence[Entry]) -> str:
    """One compact object per line (for jq and streaming); no input, no output."""
    return "".join(json.dumps(entry_to_dict(e), ensure_ascii=False) + "\n" for e in entries)
