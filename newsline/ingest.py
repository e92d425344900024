"""Ingest orchestration: documents -> per-article pipeline -> store -> dating -> merge.

The per-article work is pure (``pipeline.process_document``); this module only
sequences it with the store, one short transaction per article, so a killed run
leaves every article either complete or absent and a re-run finishes the job.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from newsline.anchoring import infer_pubdate
from newsline.clean import repeated_lines
from newsline.config import Settings
from newsline.errors import NewslineError, ReadError
from newsline.merge import merge
from newsline.models import Article, Event, PubDate, PublishedHow, RawDocument
from newsline.pipeline import Processed, article_id, process_document, redate
from newsline.store import Store

CHUNK = 2000  # documents cleaned together: the corpus for repeated-line detection


@dataclass
class IngestReport:
    """What an ingest did, for the one-line summary and the exit code."""

    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: list[ReadError] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    cross_dated: list[tuple[str, str]] = field(default_factory=list)
    entries: int = 0

    @property
    def seen(self) -> int:
        return self.new + self.unchanged + self.replaced + len(self.failed)


def _key(doc: RawDocument) -> str | None:
    """The identity of an input across runs: a file's real path (None for stdin)."""
    if not doc.path or doc.path == "-" or "#" in doc.path:
        return doc.path if doc.path and "#" in doc.path else None
    return os.path.realpath(doc.path)


def _stated(doc: RawDocument) -> str:
    return json.dumps([doc.published, doc.outlet, doc.title])


def _chunks(items: Iterable[RawDocument | ReadError], n: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def ingest_documents(
    store: Store,
    docs: Iterable[RawDocument | ReadError],
    *,
    strict: bool = False,
    on_error: Callable[[ReadError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Process and store every document; a broken one is reported and skipped.

    With ``strict`` the first failure stops the batch (nothing is written for it).
    """
    report = IngestReport()

    def fail(err: ReadError) -> None:
        report.failed.append(err)
        if on_error:
            on_error(err)
        if strict:
            raise err

    for chunk in _chunks(docs, CHUNK):
        good = [d for d in chunk if isinstance(d, RawDocument)]
        repeated = repeated_lines(d.text for d in good) if len(good) >= 3 else frozenset()
        for doc in chunk:
            if isinstance(doc, ReadError):
                fail(doc)
                continue
            stated = _stated(doc)
            if store.known(article_id(doc.text), stated):
                report.unchanged += 1
            else:
                try:
                    done = process_document(doc, repeated=repeated)
                except NewslineError as e:
                    fail(ReadError(doc.path or "-", str(e)))
                    continue
                except (ValueError, OverflowError, RecursionError) as e:
                    fail(ReadError(doc.path or "-", f"could not be processed ({e})"))
                    continue
                res = store.put_article(done.article, done.events, key=_key(doc), stated=stated)
                if res.status == "new":
                    report.new += 1
                elif res.status == "replaced":
                    report.replaced += 1
                else:
                    report.unchanged += 1
            if on_progress:
                on_progress(1)
    return report


def date_by_neighbours(store: Store, settings: Settings) -> list[tuple[Article, str | None]]:
    """Give undated articles a cross-source date where their events meet dated ones.

    Articles dated this way before are reconsidered, since new sources may change
    the evidence. Returns the articles whose dating changed, with the new value.
    """
    articles = store.articles()
    todo = [
        a for a in articles if a.published is None or a.published_how is PublishedHow.CROSS_SOURCE
    ]
    if not todo:
        return []
    firm = {a.id for a in articles if a not in todo}
    dated_events: list[Event] = store.events(firm) if firm else []
    changed: list[tuple[Article, str | None]] = []
    kw = _merge_kwargs(settings)
    for art in todo:
        base = redate(art, None).article

        def events_for(anchor: date, base: Article = base) -> list[Event]:
            return list(redate(base, _pub(anchor)).events)

        pub = infer_pubdate(base, events_for, dated_events, **kw) if dated_events else None
        if (pub.value if pub else None) == art.published:
            continue
        done: Processed = redate(base, pub)
        store.update_dating(done.article, done.events)
        changed.append((done.article, pub.value if pub else None))
    return changed


def _pub(anchor: date) -> PubDate:
    return PubDate(anchor.isoformat(), PublishedHow.CROSS_SOURCE, 0.5, "candidate anchor")


def _merge_kwargs(settings: Settings) -> dict[str, float | int]:
    kw: dict[str, float | int] = {}
    if settings.similarity is not None:
        kw["similarity"] = settings.similarity
    if settings.window is not None:
        kw["window"] = settings.window
    return kw


def rebuild_entries(store: Store, settings: Settings) -> int:
    """Recompute the merged entries from the raw events; returns how many."""
    entries = merge_events(store, settings)
    store.replace_entries(entries)
    return len(entries)


def merge_events(store: Store, settings: Settings, events: list[Event] | None = None) -> list:
    """Merge (or, with settings.merge False, wrap one by one) the stored events."""
    evs = store.events() if events is None else events
    arts = {a.id: a for a in store.articles({e.article for e in evs})}
    if not settings.merge:
        return merge(evs, arts, similarity=2.0, window=0)
    return merge(evs, arts, **_merge_kwargs(settings))


def finish(store: Store, settings: Settings, report: IngestReport) -> IngestReport:
    """After a batch: date undated articles from their neighbours, then merge."""
    for art, value in date_by_neighbours(store, settings):
        if value:
            report.cross_dated.append((art.path or art.id, value))
    report.undated = [a.path or a.id for a in store.articles() if a.published is None]
    report.entries = rebuild_entries(store, settings)
    return report
