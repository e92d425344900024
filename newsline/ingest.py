"""Ingest orchestration: documents -> per-article pipeline -> store -> dating -> merge.

The per-article work is pure (``pipeline.process_document``) and runs on an
engine (inline, a process pool, Dask: see ``parallel``); this module streams
documents through it and writes the results with one connection, a batch of
complete articles per short transaction, so a killed run leaves every article
either complete or absent and a re-run finishes the job.
"""

from __future__ import annotations

import json
import os
import queue
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import TypeVar

from newsline.anchoring import infer_pubdate
from newsline.clean import repeated_lines
from newsline.config import Settings
from newsline.errors import ReadError
from newsline.merge import merge, singletons
from newsline.models import Article, Event, PubDate, PublishedHow, RawDocument
from newsline.parallel import Engine, Inline, Pending, restore
from newsline.pipeline import Processed, article_id, redate
from newsline.store import Store

CHUNK = 2000  # documents cleaned together: the corpus for repeated-line detection
MERGE_IN_MEMORY = 40_000  # events merged at once; beyond, merging is partitioned by date
BATCH = 16  # documents per unit of work and per write transaction (short: concurrency)


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


def merge_reports(a: IngestReport, b: IngestReport) -> IngestReport:
    """Two parts of one ingest (documents, then --events records) as one report."""
    return IngestReport(
        new=a.new + b.new, unchanged=a.unchanged + b.unchanged, replaced=a.replaced + b.replaced,
        failed=a.failed + b.failed,
    )


def _key(doc: RawDocument) -> str | None:
    """The identity of an input across runs, so that a changed version replaces the old.

    A file's real path, or ``name#id`` for a JSON line that has an id. Stdin and
    JSON lines without an id (``-``, ``name:LINE``) have none: they are known by
    their content alone, so a later stream never replaces an earlier one.
    """
    path = doc.path
    if not path or path.startswith("-"):
        return None
    if os.path.isfile(path):
        return os.path.realpath(path)
    return path if "#" in path else None


def _stated(doc: RawDocument) -> str:
    return json.dumps([doc.published, doc.outlet, doc.title])


def _chunks(items: Iterable[RawDocument | ReadError], n: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def _prepared(
    docs: Iterable[RawDocument | ReadError],
) -> Generator[tuple[list[RawDocument | ReadError], frozenset[str]], None, None]:
    """Chunks of input with the lines repeated across each (the web clutter to drop)."""
    for chunk in _chunks(docs, CHUNK):
        good = [d.text for d in chunk if isinstance(d, RawDocument)]
        yield chunk, repeated_lines(good) if len(good) >= 3 else frozenset()


T = TypeVar("T")
_END = object()


def read_ahead(items: Iterator[T]) -> Generator[T, None, None]:
    """Produce the next item in a thread while the caller works on this one.

    With worker processes, the writer would otherwise read and scan a whole
    chunk of files while the workers sit idle. An exception of the producer is
    raised in the caller, in order; a caller that stops early stops the thread
    (a daemon, so a producer stuck on a silent stdin never holds up exit).
    """
    q: queue.Queue[tuple[object, BaseException | None]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def put(item: object, err: BaseException | None = None) -> bool:
        while not stop.is_set():
            try:
                q.put((item, err), timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for x in items:
                if not put(x):
                    return
        except BaseException as e:  # noqa: BLE001 - handed to the consumer, raised there
            put(_END, e)
            return
        put(_END)

    threading.Thread(target=produce, name="newsline-read-ahead", daemon=True).start()
    try:
        while True:
            x, err = q.get()
            if err is not None:
                raise err
            if x is _END:
                return
            yield x  # type: ignore[misc]
    finally:
        stop.set()


Sink = Callable[[list[tuple[Processed, "str | None", str]]], list[str]]


def ingest_documents(
    store: Store,
    docs: Iterable[RawDocument | ReadError],
    *,
    strict: bool = False,
    on_error: Callable[[ReadError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    engine: Engine | None = None,
) -> IngestReport:
    """Process and store every document; a broken one is reported and skipped.

    With ``strict`` the first failure stops the batch (nothing is written for it).
    ``engine`` runs the per-article work (inline by default; see ``parallel``);
    results come back in input order and are written here, by this one
    connection, a batch of complete articles per short transaction.
    """

    def sink(items: list[tuple[Processed, str | None, str]]) -> list[str]:
        res = store.put_articles([(p.article, p.events, key, st) for p, key, st in items])
        return [r.status for r in res]

    return run_documents(
        docs, sink, known=store.known, strict=strict, on_error=on_error,
        on_progress=on_progress, engine=engine, slim=True,
    )


def run_documents(
    docs: Iterable[RawDocument | ReadError],
    sink: Sink,
    *,
    known: Callable[[str, str], bool] | None = None,
    strict: bool = False,
    on_error: Callable[[ReadError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    engine: Engine | None = None,
    slim: bool = False,
) -> IngestReport:
    """The streaming core of an ingest: chunk, skip known, process on ``engine``, sink.

    At most a few batches per worker are in flight, so memory stays flat
    whatever the corpus size. ``sink`` receives (processed, key, stated) in
    input order and returns a status per item ("new", "replaced", "unchanged").
    With ``slim``, workers send back no expressions (the store keeps none).
    """
    report = IngestReport()
    eng = engine or Inline()
    in_flight: deque[tuple[list[RawDocument], Pending]] = deque()
    limit = max(2, 2 * eng.workers)

    def fail(err: ReadError) -> None:
        report.failed.append(err)
        if on_error:
            on_error(err)
        if strict:
            raise err

    def write(out: list[tuple[Processed, str | None, str]]) -> None:
        for status in sink(out) if out else ():
            if status == "new":
                report.new += 1
            elif status == "replaced":
                report.replaced += 1
            else:
                report.unchanged += 1
        if on_progress and out:
            on_progress(len(out))

    def drain_one() -> None:
        batch, pending = in_flight.popleft()
        out: list[tuple[Processed, str | None, str]] = []
        for doc, res in zip(batch, pending.result(), strict=True):
            if isinstance(res, ReadError):
                if strict:  # what came before the failure is kept, as in a serial run
                    write(out)
                    out = []
                fail(res)
                if on_progress:
                    on_progress(1)
            else:
                out.append((restore(res, doc), _key(doc), _stated(doc)))
        write(out)

    def submit(todo: list[RawDocument], repeated: frozenset[str]) -> None:
        for i in range(0, len(todo), BATCH):
            batch = todo[i : i + BATCH]
            in_flight.append((batch, eng.submit(batch, repeated, slim)))
            while len(in_flight) >= limit:
                drain_one()

    chunks = _prepared(docs)
    if eng.workers > 1:  # workers would idle while this process reads the next chunk
        chunks = read_ahead(chunks)
    try:
        for chunk, repeated in chunks:
            todo: list[RawDocument] = []
            for doc in chunk:
                if isinstance(doc, ReadError):
                    if strict:  # everything read before the failure is written first
                        submit(todo, repeated)
                        todo = []
                        while in_flight:
                            drain_one()
                    fail(doc)
                    if on_progress:
                        on_progress(1)
                elif known is not None and known(article_id(doc.text), _stated(doc)):
                    report.unchanged += 1
                    if on_progress:
                        on_progress(1)
                else:
                    todo.append(doc)
            submit(todo, repeated)
            del chunk, todo
    finally:  # a strict stop must not leave the reader thread reading on
        chunks.close()
    while in_flight:
        drain_one()
    return report


def ingest_records(
    store: Store,
    records: Iterable[tuple[Processed, str | None, str] | ReadError],
    *,
    strict: bool = False,
    on_error: Callable[[ReadError], None] | None = None,
) -> IngestReport:
    """Load already-processed articles (``--events`` JSON lines) into the store."""
    report = IngestReport()
    batch: list[tuple[Article, tuple[Event, ...], str | None, str]] = []

    def flush() -> None:
        for res in store.put_articles(batch):
            if res.status == "new":
                report.new += 1
            elif res.status == "replaced":
                report.replaced += 1
            else:
                report.unchanged += 1
        batch.clear()

    for rec in records:
        if isinstance(rec, ReadError):
            report.failed.append(rec)
            if on_error:
                on_error(rec)
            if strict:
                flush()
                raise rec
            continue
        done, key, stated = rec
        batch.append((done.article, done.events, key, stated))
        if len(batch) >= BATCH:
            flush()
    flush()
    return report


def date_by_neighbours(store: Store, settings: Settings) -> list[tuple[Article, str | None]]:
    """Give undated articles a cross-source date where their events meet dated ones.

    Articles dated this way before are reconsidered, since new sources may change
    the evidence. Returns the articles whose dating changed, with the new value.
    """
    todo_ids = store.undated_ids(cross_source=True)
    if not todo_ids:  # the common case costs one indexed query, not a load of every article
        return []
    todo = store.articles(todo_ids)
    todo_set = set(todo_ids)
    refs = {a.id: a for a in store.article_refs() if a.id not in todo_set}
    dated_events: list[Event] = store.events(refs) if refs else []
    changed: list[tuple[Article, str | None]] = []
    for art in todo:
        base = redate(art, None).article

        def events_for(anchor: date, base: Article = base) -> list[Event]:
            return list(redate(base, _pub(anchor)).events)

        pub = (
            infer_pubdate(
                base, events_for, dated_events, similarity=settings.similarity,
                window=settings.window, articles=refs,
            )
            if dated_events
            else None
        )
        if (pub.value if pub else None) == art.published:
            continue
        done: Processed = redate(base, pub)
        store.update_dating(done.article, done.events)
        changed.append((done.article, pub.value if pub else None))
    return changed


def _pub(anchor: date) -> PubDate:
    return PubDate(anchor.isoformat(), PublishedHow.CROSS_SOURCE, 0.5, "candidate anchor")


def rebuild_entries(store: Store, settings: Settings, engine: Engine | None = None) -> int:
    """Recompute the merged entries from the raw events; returns how many.

    Up to MERGE_IN_MEMORY events the whole store is merged at once (exact).
    Beyond, memory would grow with the archive, so merging is partitioned by
    date (see :func:`partitions`) and each partition is replaced in its own short
    transaction: memory follows the busiest month, not the corpus.
    """
    if store.counts()["events"] <= MERGE_IN_MEMORY:
        entries = merge_events(store, settings)
        store.replace_entries(entries)
        return len(entries)
    eng = engine or Inline()
    limit = max(2, 2 * eng.workers)
    in_flight: deque[tuple[str, Pending]] = deque()
    written: list[str] = []
    total = 0

    def drain_one() -> None:
        nonlocal total
        part, pending = in_flight.popleft()
        entries = pending.result()
        store.replace_entries(entries, part=part)
        written.append(part)
        total += len(entries)

    for part, events in partitions(store):
        arts = {a.id: a for a in store.article_refs({e.article for e in events})}
        in_flight.append((part, eng.run(merge_partition, events, arts, settings)))
        while len(in_flight) >= limit:
            drain_one()
    while in_flight:
        drain_one()
    store.drop_partitions_except(written)
    return total


def merge_partition(events: list[Event], arts: dict[str, Article], settings: Settings) -> list:
    """Merge one date partition (pure: runs on any engine's workers)."""
    if not settings.merge:
        return singletons(events, arts)
    return merge(events, arts, similarity=settings.similarity, window=settings.window)


def partitions(store: Store) -> Iterator[tuple[str, list[Event]]]:
    """The stored events in date partitions that can be merged independently.

    Events within one calendar month form that month's partition ("2015-11");
    events spanning more than a month but within a year form the year's
    ("2015"); wider ones (decades...) share one ("wide"). Only pairs across
    partitions are never compared: a day on the 30th against a relative day on
    the 1st of the next month, and a month or year against the days inside it.
    Partitions come in date order; each is small and independent, so they can
    also be merged in parallel (one task per partition on Dask).
    """
    coarse: dict[str, list[Event]] = {}
    wide: list[Event] = []
    for month in store.event_months():
        y, m = int(month[:4]), int(month[5:7])
        nxt = f"{y + (m == 12):04d}-{m % 12 + 1:02d}-01"
        fine: list[Event] = []
        for e in store.events_starting(f"{month}-01", nxt):
            if e.end[:7] == month:
                fine.append(e)
            elif e.end[:4] == month[:4]:
                coarse.setdefault(month[:4], []).append(e)
            else:
                wide.append(e)
        if fine:
            yield month, fine
        for year in [k for k in coarse if k < month[:4]]:
            yield year, coarse.pop(year)
    for year in sorted(coarse):
        yield year, coarse.pop(year)
    if wide:
        yield "wide", wide


def merge_events(store: Store, settings: Settings, events: list[Event] | None = None) -> list:
    """Merge (or, with settings.merge False, wrap one by one) the stored events."""
    evs = store.events() if events is None else events
    arts = {a.id: a for a in store.article_refs({e.article for e in evs})}
    if not settings.merge:
        return singletons(evs, arts)
    return merge(evs, arts, similarity=settings.similarity, window=settings.window)


def finish(
    store: Store, settings: Settings, report: IngestReport, engine: Engine | None = None
) -> IngestReport:
    """After a batch: date undated articles from their neighbours, then merge.

    With an ``engine``, large stores merge their date partitions on its workers.
    """
    for art, value in date_by_neighbours(store, settings):
        if value:
            report.cross_dated.append((art.path or art.id, value))
    report.undated = [a.path or a.id for a in store.article_refs(store.undated_ids())]
    report.entries = rebuild_entries(store, settings, engine)
    return report
